using Npgsql;

namespace AddisPay.IntegrationTests.Shared.Data;

/// <summary>
/// Connection hygiene of module connections (<c>Databases.ForModuleWork</c>): a statement the database refuses must leave its pooled connection as clean as it found it: the next request on that
/// physical connection reads its own rows. Each test fails a statement twice (the second use is where automatic
/// preparation would prepare it), then runs it and another statement on the same connection (a pool of one).
/// </summary>
public sealed class DatabasesTests : IAsyncLifetime
{
    private const string CountOthers = "select count(*) from hygiene.items where name <> $1 and id > $2";
    private const string Insert = "insert into hygiene.items (id, name) values ($1, $2) returning id";
    private readonly string _database = TestPostgres.CreateDatabase("hygiene");
    private NpgsqlDataSource _module = null!;

    public async Task InitializeAsync()
    {
        await using (var setup = new NpgsqlConnection(_database))
        {
            await setup.OpenAsync();
            await using var create = new NpgsqlCommand("""
                create schema hygiene;
                create table hygiene.items (id int primary key, name text not null);
                insert into hygiene.items select g, 'item ' || g from generate_series(1, 50) g;
                """, setup);
            await create.ExecuteNonQueryAsync();
        }
        _module = ModuleSource(_database);
    }

    public async Task DisposeAsync() => await _module.DisposeAsync();

    /// <summary>A module's connections as modules get them, one physical connection, so every use follows the failure.</summary>
    private static NpgsqlDataSource ModuleSource(string database, string extra = "") =>
        NpgsqlDataSource.Create(AddisPay.Shared.Data.Databases.ForModuleWork(new NpgsqlConnectionStringBuilder(database) { MaxPoolSize = 1 }.ConnectionString + extra));

    [Fact]
    public async Task A_value_refused_at_bind_leaves_the_connection_reading_its_own_rows()
    {
        for (var i = 0; i < 2; i++)
            await AssertRefusedAsync("22021", c => CountAsync(c, "a\0b", 0));

        await AssertCleanAsync();
    }

    [Fact]
    public async Task A_unique_violation_leaves_the_connection_reading_its_own_rows()
    {
        for (var i = 0; i < 2; i++)
            await AssertRefusedAsync("23505", async c =>
            {
                await using var insert = new NpgsqlCommand(Insert, c) { Parameters = { new() { Value = 7 }, new() { Value = "again" } } };
                await insert.ExecuteScalarAsync();
            });

        await AssertCleanAsync();
    }

    [Fact]
    public async Task A_failed_cast_inside_a_transaction_leaves_the_connection_reading_its_own_rows()
    {
        for (var i = 0; i < 2; i++)
            await AssertRefusedAsync("22P02", async c =>
            {
                await using var tx = await c.BeginTransactionAsync();
                await using var cast = new NpgsqlCommand("select $1::text::int", c, tx) { Parameters = { new() { Value = "not a number" } } };
                await cast.ExecuteScalarAsync();
            });

        await AssertCleanAsync();
    }

    [Fact]
    public async Task A_statement_timeout_leaves_the_connection_reading_its_own_rows()
    {
        for (var i = 0; i < 2; i++)
            await AssertRefusedAsync("57014", async c =>
            {
                await using var tx = await c.BeginTransactionAsync();
                await using var limit = new NpgsqlCommand("set local statement_timeout = 50", c, tx);
                await limit.ExecuteNonQueryAsync();
                await using var slow = new NpgsqlCommand("select pg_sleep(2), count(*) from hygiene.items where name <> $1", c, tx)
                {
                    Parameters = { new() { Value = "x" } }
                };
                await slow.ExecuteScalarAsync();
            });

        await AssertCleanAsync();
    }

    [Fact]
    public async Task A_request_cancelled_mid_statement_leaves_the_connection_reading_its_own_rows()
    {
        for (var i = 0; i < 2; i++)
        {
            using var abort = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                await using var c = await _module.OpenConnectionAsync();
                await using var slow = new NpgsqlCommand("select pg_sleep(2), count(*) from hygiene.items where name <> $1", c)
                {
                    Parameters = { new() { Value = "x" } }
                };
                await slow.ExecuteScalarAsync(abort.Token);
            });
        }

        await AssertCleanAsync();
    }

    /// <summary>
    /// Why module connections don't auto-prepare (Databases.ForModuleWork): with Npgsql 10.0.3's automatic preparation the
    /// same sequence as the first test hands the next use of the connection rows it did not expect. When this starts
    /// failing, Npgsql has fixed its bookkeeping and automatic preparation can be measured again (docs/security.md).
    /// </summary>
    [Fact]
    public async Task With_automatic_preparation_a_value_refused_at_bind_breaks_the_next_use_of_the_connection()
    {
        await using var autoPrepared = ModuleSource(_database, ";Max Auto Prepare=10;Auto Prepare Min Usages=2");
        for (var i = 0; i < 2; i++)
        {
            await using var c = await autoPrepared.OpenConnectionAsync();
            await Assert.ThrowsAsync<PostgresException>(() => CountAsync(c, "a\0b", 0));
        }

        await using var next = await autoPrepared.OpenConnectionAsync();
        var desync = await Assert.ThrowsAnyAsync<Exception>(() => CountAsync(next, "item 1", 10));
        Assert.Contains("unexpected backend message DataRow", desync.Message);
    }

    private async Task AssertRefusedAsync(string sqlState, Func<NpgsqlConnection, Task> failing)
    {
        await using var c = await _module.OpenConnectionAsync();
        var refused = await Assert.ThrowsAsync<PostgresException>(() => failing(c));
        Assert.Equal(sqlState, refused.SqlState);
    }

    /// <summary>The statements that failed, and another, answer correctly on the same physical connection, several times.</summary>
    private async Task AssertCleanAsync()
    {
        for (var i = 0; i < 3; i++)
        {
            await using var c = await _module.OpenConnectionAsync();
            Assert.Equal(39L, await CountAsync(c, "item 20", 10));
            await using var read = new NpgsqlCommand("select name from hygiene.items where id = $1", c) { Parameters = { new() { Value = 33 } } };
            Assert.Equal("item 33", await read.ExecuteScalarAsync());
        }
    }

    private static async Task<long> CountAsync(NpgsqlConnection c, string name, int above)
    {
        await using var count = new NpgsqlCommand(CountOthers, c) { Parameters = { new() { Value = name }, new() { Value = above } } };
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
