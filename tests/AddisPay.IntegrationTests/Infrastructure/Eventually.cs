namespace AddisPay.IntegrationTests.Infrastructure;

public static class Eventually
{
    /// <summary>Polls until <paramref name="condition"/> holds, failing with <paramref name="what"/> and the last value seen.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(45));
        T last;
        Exception? lastError = null;
        while (true)
        {
            try
            {
                last = await probe();
                if (condition(last)) return last;
            }
            catch (Exception ex) when (DateTime.UtcNow < deadline)
            {
                lastError = ex;
                last = default!;
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting for {what}. Last value: {System.Text.Json.JsonSerializer.Serialize(last)}", lastError);
            await Task.Delay(100);
        }
    }
}
