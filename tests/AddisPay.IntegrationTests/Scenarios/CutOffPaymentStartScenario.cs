using AddisPay.Payments.Contracts;
using Npgsql;

namespace AddisPay.IntegrationTests.Scenarios;

/// <summary>
/// A customer's start of a payment cut off while Payments is still opening the attempt at the gateway (the split workload
/// mix's cold Payments: every caller's attempt timed out and was cancelled, and each retry replaced the attempt the last one
/// was opening). Run with every module in one process and with Orders and Payments in processes of their own: the attempt is
/// opened to the end all the same, and the customer's next try gets that attempt, pays it, and the order is paid.
/// </summary>
public static class CutOffPaymentStartScenario
{
    public static async Task RunAsync(Buyer buyer, Guid orderId, string connectionString)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        async Task<List<(Guid Id, string Status, bool HasLink, string? Why)>> AttemptsAsync()
        {
            await using var read = new NpgsqlCommand("""select "Id", "Status", "CheckoutUrl" is not null, "FailureReason" from payments.payments where "OrderId" = @order order by "CreatedAt" """, db);
            read.Parameters.AddWithValue("order", orderId);
            await using var rows = await read.ExecuteReaderAsync();
            var found = new List<(Guid, string, bool, string?)>();
            while (await rows.ReadAsync()) found.Add((rows.GetGuid(0), rows.GetString(1), rows.GetBoolean(2), rows.IsDBNull(3) ? null : rows.GetString(3)));
            return found;
        }

        // The gateway is slow: the sandbox's charge can't be written until this transaction ends (SHARE blocks inserts only).
        await using var holdCharges = new NpgsqlConnection(connectionString);
        await holdCharges.OpenAsync();
        var hold = await holdCharges.BeginTransactionAsync();
        await using (var lockCharges = new NpgsqlCommand("lock table payments.sandbox_charges in share mode", holdCharges, hold))
            await lockCharges.ExecuteNonQueryAsync();

        // The customer gives up once the attempt's row is written and its opening waits on the gateway.
        using var giveUp = new CancellationTokenSource();
        var cutOff = buyer.Orders.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{orderId}/payments", new { gateway = "sandbox" }), giveUp.Token);
        var opening = await Eventually.Until(AttemptsAsync, a => a.Count == 1, "the attempt's row to be written", TimeSpan.FromSeconds(30));
        Assert.Equal(("Pending", false), (opening[0].Status, opening[0].HasLink));
        await giveUp.CancelAsync();
        // Loopback carries the abort to the process(es) in milliseconds; a cancelled opening would end its wait on the lock now.
        await Task.Delay(TimeSpan.FromSeconds(2));
        await hold.RollbackAsync();
        // Awaited only now: the in-process test server lets the cancelled call end only once the handler has.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cutOff);

        // Trying again gets the same attempt, once opened (a 409 with Retry-After meanwhile), never a replacement.
        var session = await Eventually.Until(async () =>
        {
            using var again = await buyer.Orders.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{orderId}/payments", new { gateway = "sandbox" }));
            if (again.StatusCode == HttpStatusCode.Conflict) Assert.True(again.Headers.RetryAfter is not null, "a 409 while opening says when to retry");
            else await Shop.Expect(again, HttpStatusCode.Created);
            return again.StatusCode == HttpStatusCode.Created ? await again.Content.ReadFromJsonAsync<PaymentSession>(Buyer.Json) : null;
        }, s => s is not null, "the customer's retry to get the opened attempt", TimeSpan.FromSeconds(30));
        var attempts = await AttemptsAsync();
        Assert.True(session!.PaymentId == opening[0].Id, $"the retry got attempt {session.PaymentId}, not the cut-off one {opening[0].Id}; attempts: " +
            string.Join("; ", attempts));
        Assert.Equal([(opening[0].Id, "Pending", true, (string?)null)], attempts);

        using (var paid = await buyer.OnSandboxPageAsync(session, "success")) await Shop.Expect(paid, HttpStatusCode.OK);
        await buyer.OrderReachesAsync(orderId, "paid");
    }
}
