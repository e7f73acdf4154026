using AddisPay.Products.Contracts;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Events;
using JasperFx.Events;
using Marten;
using Marten.Services;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AddisPay.IntegrationTests.Shared.Events;

/// <summary>
/// The event log writes its appends into Marten's tables itself (one statement instead of Marten's function). Whatever
/// it writes must read back through Marten's own API, and the daemon must follow it, exactly as if Marten had appended.
/// </summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class EventLogTests(CatalogueAndCartPlatform platform)
{
    private readonly PlatformFactory _factory = platform.Factory;
    private IDocumentStore Store => _factory.Services.GetRequiredService<IDocumentStore>();
    private EventLog Log => _factory.Services.GetRequiredService<EventLog>();

    [Fact]
    public async Task An_append_notifies_the_log_followers_channel_when_its_transaction_commits()
    {
        await using var listener = new NpgsqlConnection(_factory.ConnectionString);
        await listener.OpenAsync();
        var from = new System.Collections.Concurrent.ConcurrentQueue<(string Channel, int Backend)>();
        listener.Notification += (_, e) => from.Enqueue((e.Channel, e.PID));
        await EventStoreSql.ListenAsync(listener, CancellationToken.None);

        await using var conn = new NpgsqlConnection(_factory.ConnectionString);
        await conn.OpenAsync();
        await using (var tx = await conn.BeginTransactionAsync())
        {
            await Log.PublishAsync(tx, [new StockChanged(Guid.NewGuid(), "EL-N", 3, 0, 3, "received")], default);
            await tx.CommitAsync();
        }

        // Other appends of the platform may notify too: the one asked for is the appending connection's own.
        await Eventually.Until(async () => { await listener.WaitAsync(TimeSpan.FromMilliseconds(500)); return from.ToArray(); },
            seen => seen.Contains((EventStoreSql.AppendedChannel, conn.ProcessID)), "the append's notification", TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// Three events appended by the log on two streams in one transaction, one more through a Marten session's batch, then one
    /// appended by Marten itself; and the first appended again by Marten onto a stream of its own, to compare the rows.
    /// </summary>
    private sealed record Appended(IntegrationEvent[] Ours, IntegrationEvent Elsewhere, IReadOnlyList<IEvent> Stream, long StateVersion,
        IReadOnlyList<IEvent> ElsewhereStream, (bool, bool, bool, bool, bool) SameRow, string TheirDotnetType);

    private Task<Appended> AppendedAsync() => Arrangements.Of(platform).OnceAsync(async () =>
    {
        var (product, other) = (Guid.NewGuid(), Guid.NewGuid());
        var first = new StockChanged(product, "EL-1", 10, 2, 8, "reserved");
        var second = new ProductPriceChanged(product, 100m, 120.5m, "EL-1");
        var elsewhere = new StockChanged(other, "EL-2", 5, 0, 5, "received");

        await using (var conn = new NpgsqlConnection(_factory.ConnectionString))
        {
            await conn.OpenAsync();
            await using var tx = await conn.BeginTransactionAsync();
            await Log.PublishAsync(tx, [first, elsewhere, second], default);
            await tx.CommitAsync();
        }

        // Through a Marten session's own batch, onto the same stream.
        var third = new StockChanged(product, "EL-1", 10, 0, 10, "released");
        await using (var conn = new NpgsqlConnection(_factory.ConnectionString))
        {
            await conn.OpenAsync();
            await using var tx = await conn.BeginTransactionAsync();
            await using var session = Store.LightweightSession(SessionOptions.ForTransaction(tx));
            Log.Publish(session, [third]);
            await session.SaveChangesAsync();
            await tx.CommitAsync();
        }

        // Marten appending after us continues the stream where we left it.
        var fourth = new ProductPriceChanged(product, 120.5m, 99.99m, "EL-1");
        await using (var session = Store.LightweightSession())
        {
            session.Events.Append(product, fourth);
            await session.SaveChangesAsync();
        }

        await using var query = Store.QuerySession();
        var stream = await query.Events.FetchStreamAsync(product);
        var state = (await query.Events.FetchStreamStateAsync(product))!.Version;
        var elsewhereStream = await query.Events.FetchStreamAsync(other);

        // Row for row what Marten writes for the same event: body, alias, .NET type, tenant.
        var copy = Guid.NewGuid();
        await using (var session = Store.LightweightSession())
        {
            session.Events.Append(copy, first);
            await session.SaveChangesAsync();
        }
        await using var conn2 = new NpgsqlConnection(_factory.ConnectionString);
        await conn2.OpenAsync();
        await using var compare = new NpgsqlCommand("""
            select ours.data = theirs.data, ours.type = theirs.type, ours.mt_dotnet_type = theirs.mt_dotnet_type,
                   ours.tenant_id = theirs.tenant_id, ours.is_archived = theirs.is_archived, theirs.mt_dotnet_type
              from events.mt_events ours, events.mt_events theirs
             where ours.stream_id = @product and ours.version = 1 and theirs.stream_id = @copy
            """, conn2);
        compare.Parameters.AddWithValue("product", product);
        compare.Parameters.AddWithValue("copy", copy);
        await using var row = await compare.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        return new Appended([first, second, third, fourth], elsewhere, stream, state, elsewhereStream,
            (row.GetBoolean(0), row.GetBoolean(1), row.GetBoolean(2), row.GetBoolean(3), row.GetBoolean(4)), row.GetString(5));
    });

    [Fact]
    public async Task Appended_events_read_back_through_Marten_with_versions_in_append_order()
    {
        var appended = await AppendedAsync();
        Assert.Equal([1L, 2L, 3L, 4L], appended.Stream.Select(e => e.Version).ToArray());
        Assert.Equal(4, appended.StateVersion);
    }

    [Fact]
    public async Task Appended_events_read_back_through_Marten_as_the_events_appended_with_their_ids()
    {
        var appended = await AppendedAsync();
        Assert.Equal<object>(appended.Ours, appended.Stream.Select(e => e.Data).ToArray());
        Assert.Equal(appended.Ours[0].EventId, appended.Stream[0].Id);
    }

    [Fact]
    public async Task Appended_events_read_back_through_Marten_with_their_type_names() =>
        Assert.Equal(["products.stock_changed", "products.product_price_changed", "products.stock_changed", "products.product_price_changed"],
            (await AppendedAsync()).Stream.Select(e => e.EventTypeName).ToArray());

    [Fact]
    public async Task Appended_events_sequence_follows_append_order()
    {
        var stream = (await AppendedAsync()).Stream;
        Assert.True(stream.Zip(stream.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence), "sequence follows append order");
    }

    [Fact]
    public async Task An_event_appended_in_the_same_batch_to_another_stream_starts_that_stream()
    {
        var appended = await AppendedAsync();
        Assert.Equal(appended.Elsewhere, Assert.Single(appended.ElsewhereStream).Data);
        Assert.Equal(1, appended.ElsewhereStream[0].Version);
    }

    /// <summary>Row for row what Marten writes for the same event: body, alias, .NET type, tenant.</summary>
    [Fact]
    public async Task An_appended_row_is_the_row_Marten_writes_for_the_same_event()
    {
        var appended = await AppendedAsync();
        Assert.Equal((true, true, true, true, true), appended.SameRow);
        Assert.Equal("AddisPay.Products.Contracts.StockChanged, AddisPay.Products.Contracts", appended.TheirDotnetType);
    }

    /// <summary>Twenty publishers, each appending a pair of events to one stream in a transaction of its own, all at once.</summary>
    private sealed record ConcurrentAppends(IReadOnlyList<IEvent> Stream, long StateVersion);

    private Task<ConcurrentAppends> ConcurrentAsync() => Arrangements.Of(platform).OnceAsync(async () =>
    {
        var product = Guid.NewGuid();
        var publishers = Enumerable.Range(0, 20).Select(async i =>
        {
            await using var conn = new NpgsqlConnection(_factory.ConnectionString);
            await conn.OpenAsync();
            await using var tx = await conn.BeginTransactionAsync();
            IntegrationEvent[] pair = [new StockChanged(product, "EL-C", 100, i, 100 - i, $"p{i}a"), new StockChanged(product, "EL-C", 100, i, 100 - i, $"p{i}b")];
            await Log.PublishAsync(tx, pair, default);
            await tx.CommitAsync();
        });
        await Task.WhenAll(publishers);

        await using var query = Store.QuerySession();
        var stream = await query.Events.FetchStreamAsync(product);
        return new ConcurrentAppends(stream, (await query.Events.FetchStreamStateAsync(product))!.Version);
    });

    [Fact]
    public async Task Concurrent_appends_to_one_stream_wait_for_each_other_and_leave_its_versions_without_gaps()
    {
        var appended = await ConcurrentAsync();
        Assert.Equal(Enumerable.Range(1, 40).Select(v => (long)v), appended.Stream.Select(e => e.Version));
        Assert.Equal(40, appended.StateVersion);
    }

    [Fact]
    public async Task Concurrent_appends_keep_each_publishers_events_next_to_each_other_in_the_order_published()
    {
        var reasons = (await ConcurrentAsync()).Stream.Select(e => ((StockChanged)e.Data).Reason).ToArray();
        for (var v = 0; v < 40; v += 2)
        {
            Assert.EndsWith("a", reasons[v]);
            Assert.Equal(reasons[v][..^1] + "b", reasons[v + 1]);
        }
    }
}
