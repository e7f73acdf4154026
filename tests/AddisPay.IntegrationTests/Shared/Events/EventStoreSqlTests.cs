using AddisPay.Shared.Events;
using Npgsql;

namespace AddisPay.IntegrationTests.Shared.Events;

/// <summary>
/// The statements the platform runs against Marten's own event tables (EventStoreSql) run on the tables the Marten version
/// in use creates; EventLogTests reads the appends back through Marten's API. A Marten upgrade that renames a column or a
/// table fails here rather than in a checkout.
/// </summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class EventStoreSqlTests(CatalogueAndCartPlatform platform)
{
    private readonly PlatformFactory _factory = platform.Factory;

    [Fact]
    public async Task Every_column_the_platform_reads_or_writes_in_Martens_tables_is_in_the_tables_Marten_created()
    {
        await using var conn = await OpenAsync();
        var missing = new List<string>();
        foreach (var (table, columns) in EventStoreSql.ColumnsUsed)
        {
            await using var cmd = new NpgsqlCommand(
                "select column_name from information_schema.columns where table_schema = @schema and table_name = @table", conn);
            cmd.Parameters.AddWithValue("schema", EventLog.Schema);
            cmd.Parameters.AddWithValue("table", table);
            var present = new HashSet<string>();
            await using (var reader = await cmd.ExecuteReaderAsync())
                while (await reader.ReadAsync()) present.Add(reader.GetString(0));
            missing.AddRange(columns.Where(c => !present.Contains(c)).Select(c => $"{table}.{c}"));
        }

        Assert.Empty(missing);
    }

    [Fact]
    public async Task The_backlog_status_and_repair_statements_run_on_the_tables_Marten_created()
    {
        await using var conn = await OpenAsync();
        var subscription = "no-such-inbox-" + Guid.NewGuid().ToString("N");

        await using (var unhandled = new NpgsqlCommand(EventStoreSql.Unhandled("cart"), conn))
        {
            unhandled.Parameters.AddWithValue("stream", Guid.NewGuid());
            unhandled.Parameters.AddWithValue("type", "cart.no_such_event");
            unhandled.Parameters.AddWithValue("name", subscription);
            Assert.Equal(false, await unhandled.ExecuteScalarAsync());
        }

        await using (var status = new NpgsqlCommand(EventStoreSql.SubscriptionStatus("cart"), conn))
        {
            status.Parameters.AddWithValue("name", subscription);
            status.Parameters.AddWithValue("types", new[] { "cart.no_such_event" });
            await using var reader = await status.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal((0L, 0d), (reader.GetInt64(0), reader.GetDouble(1)));
        }

        await using (var clear = new NpgsqlCommand(EventStoreSql.ClearUnstartedProgress, conn))
        {
            clear.Parameters.AddWithValue("name", subscription);
            Assert.Equal(0, await clear.ExecuteNonQueryAsync());
        }

        await using var revocations = new NpgsqlCommand(EventStoreSql.RevocationsSince(["users.no_such_event"]), conn);
        revocations.Parameters.Add(new NpgsqlParameter { Value = DateTimeOffset.UtcNow, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        await using var rows = await revocations.ExecuteReaderAsync();
        Assert.False(await rows.ReadAsync());
    }

    [Fact]
    public async Task The_event_bodies_carry_no_statistics_after_migration()
    {
        await using var conn = await OpenAsync();
        await using var cmd = new NpgsqlCommand(
            $"select attstattarget from pg_attribute where attrelid = '{EventLog.Schema}.mt_events'::regclass and attname = 'data'", conn);

        Assert.Equal(0, Convert.ToInt32(await cmd.ExecuteScalarAsync()));
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var conn = new NpgsqlConnection(_factory.ConnectionString);
        await conn.OpenAsync();
        return conn;
    }
}
