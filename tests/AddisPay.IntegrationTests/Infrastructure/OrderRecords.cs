using Npgsql;

namespace AddisPay.IntegrationTests.Infrastructure;

/// <summary>What the database holds about one order, counted straight from its tables: what the API does not show.</summary>
public static class OrderRecords
{
    /// <summary>Counts with <paramref name="sql"/>, whose @id is the order id as text.</summary>
    public static async Task<long> CountAsync(string connectionString, string sql, Guid orderId)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue("id", orderId.ToString());
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Events of <paramref name="type"/> (e.g. "payments.payment_succeeded") about the order in the event log.</summary>
    public static Task<long> EventsAsync(string connectionString, string type, Guid orderId) => CountAsync(connectionString,
        $"select count(*) from events.mt_events where type = '{type}' and coalesce(data->>'OrderId', data->>'orderId') = @id", orderId);
}
