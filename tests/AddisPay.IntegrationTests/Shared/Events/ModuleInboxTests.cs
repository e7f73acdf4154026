using AddisPay.Cart.Data;
using AddisPay.Cart.Domain;
using AddisPay.Cart.RepriceCartLines;
using AddisPay.IntegrationTests.Scenarios;
using AddisPay.Products.Contracts;
using AddisPay.Shared.Events;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AddisPay.IntegrationTests.Shared.Events;

/// <summary>
/// A module's inbox (<c>ModuleInbox</c>) delivering the event log: failures in a subscriber are retried with backoff and end in
/// a visible dead letter, never dropped silently; a backlog is handled in one transaction. Each run (its platforms started and
/// stopped) is arranged once for the class and each fact asserts one behaviour of what it recorded.
/// </summary>
public sealed class ModuleInboxTests(Arrangements arranged) : IClassFixture<Arrangements>
{
    private const decimal PoisonPrice = 666.66m;
    private const decimal FlakyPrice = 777.77m;

    /// <summary>The real cart handler behind a fault injector: one price always fails, another fails twice then works.</summary>
    private sealed class FaultyRepricing(AddisPay.Shared.Events.DocumentWork<ICartStore> work) : IIntegrationEventHandler<ProductPriceChanged>
    {
        public static int FlakyAttempts;

        public Task HandleAsync(ProductPriceChanged e, IntegrationEventContext context, CancellationToken ct)
        {
            if (e.NewPriceEtb == PoisonPrice) throw new InvalidOperationException("poisoned price event");
            if (e.NewPriceEtb == FlakyPrice && Interlocked.Increment(ref FlakyAttempts) <= 2) throw new TimeoutException("transient failure");
            return new RepriceCartLines(work).HandleAsync(e, context, ct);
        }
    }

    /// <summary>A cart's product priced to fail always, then to fail twice, then fine; three attempts allowed.</summary>
    private sealed record FailingRun(decimal[] Notices, int FlakyAttempts, long DeadLetters, long Handled, string Metrics)
    {
        public static async Task<FailingRun> ArrangeAsync()
        {
            using var factory = new PlatformFactory("all",
                new() { ["AddisPay:Events:Inbox:MaxAttempts"] = "3" },
                services => services.Replace(ServiceDescriptor.KeyedScoped<IIntegrationEventHandler<ProductPriceChanged>, FaultyRepricing>("cart")));
            var shop = factory.Shop();
            var product = await shop.CreateProductAsync($"DLQ-{Guid.NewGuid():N}"[..14], 100m);
            var cart = await shop.CreateCartAsync();
            (await shop.AddItemAsync(cart.Id, product.Id, 1)).Dispose();

            await shop.ChangePriceAsync(product.Id, PoisonPrice);
            await shop.ChangePriceAsync(product.Id, FlakyPrice);
            await shop.ChangePriceAsync(product.Id, 120m);
            await PriceChangeScenario.WaitForInboxToDrainAsync(factory.ConnectionString);

            var after = await shop.GetCartAsync(cart.Id);
            var deadLetters = await PriceChangeScenario.CountAsync(factory.ConnectionString,
                "select count(*) from cart.inbox_dead_letters where attempts = 3 and error like '%poisoned price event%' and (payload->>'NewPriceEtb')::numeric = 666.66");
            var handled = await PriceChangeScenario.CountAsync(factory.ConnectionString, "select count(*) from cart.inbox");
            var metrics = await Eventually.Until(() => factory.CreateClient().GetStringAsync("/metrics"),
                m => m.Contains("addispay_event_subscription_dead_letters{subscription=\"cart-inbox\"} 1"), "the dead-letter gauge to show the event");
            return new(after.Notices.Select(n => n.NewPriceEtb).ToArray(), FaultyRepricing.FlakyAttempts, deadLetters, handled, metrics);
        }
    }

    private Task<FailingRun> FailingAsync() => arranged.OnceAsync(FailingRun.ArrangeAsync);

    [Fact]
    public async Task Events_after_one_that_always_fails_still_flow() =>
        Assert.Equal([FlakyPrice, 120m], (await FailingAsync()).Notices);

    [Fact]
    public async Task A_transient_failure_is_retried_until_the_event_is_handled() =>
        Assert.Equal(3, (await FailingAsync()).FlakyAttempts);

    [Fact]
    public async Task An_event_that_fails_every_attempt_is_dead_lettered_with_its_attempts_and_error() =>
        Assert.Equal(1, (await FailingAsync()).DeadLetters);

    /// <summary>The dead-lettered event is not marked processed, so a resend after a fix would apply it.</summary>
    [Fact]
    public async Task A_dead_lettered_event_is_not_marked_handled() =>
        Assert.Equal(2, (await FailingAsync()).Handled);

    [Fact]
    public async Task The_dead_letter_gauge_shows_the_dead_lettered_event() =>
        Assert.Contains("addispay_event_subscription_dead_letters{subscription=\"cart-inbox\"} 1", (await FailingAsync()).Metrics);

    [Fact]
    public async Task Deliveries_are_counted_by_outcome_retried_and_dead_lettered()
    {
        var metrics = (await FailingAsync()).Metrics;
        Assert.Contains("outcome=\"dead_lettered\"", metrics);
        Assert.Contains("outcome=\"retried\"", metrics);
    }

    /// <summary>A marked handler queues its write and checks it is not yet in the database when it hands over.</summary>
    private sealed class QueuingProbe : IIntegrationEventHandler<ProductPriceChanged>, IDefersWrites
    {
        public static long MostSeenWhileQueuing;

        public async Task HandleAsync(ProductPriceChanged e, IntegrationEventContext context, CancellationToken ct)
        {
            context.Defer("insert into cart.deferral_probe (price) values (@price)", ("price", e.NewPriceEtb));
            await using var count = new NpgsqlCommand("select count(*) from cart.deferral_probe", context.Connection, context.Transaction);
            var seen = (long)(await count.ExecuteScalarAsync(ct))!;
            if (seen > Interlocked.Read(ref MostSeenWhileQueuing)) Interlocked.Exchange(ref MostSeenWhileQueuing, seen);
        }
    }

    /// <summary>A handler without the mark, after the queuing ones in the same transaction: it must read their writes.</summary>
    private sealed class ReadingProbe : IIntegrationEventHandler<ProductArchived>
    {
        public static long Seen = -1;

        public async Task HandleAsync(ProductArchived e, IntegrationEventContext context, CancellationToken ct)
        {
            await using var count = new NpgsqlCommand("select count(*) from cart.deferral_probe", context.Connection, context.Transaction);
            Seen = (long)(await count.ExecuteScalarAsync(ct))!;
        }
    }

    /// <summary>Cart down while Products changes a price five times and archives the product, then back with probes as handlers.</summary>
    private sealed record DeferredRun(long MostSeenWhileQueuing, long SeenByUnmarked, long Written, long Transactions)
    {
        public static async Task<DeferredRun> ArrangeAsync()
        {
            var db = TestPostgres.CreateDatabase("inbox-deferred");
            Guid productId;
            using (var both = new PlatformFactory("products,cart", connectionString: db))
            {
                productId = (await both.Shop().CreateProductAsync($"DEF-{Guid.NewGuid():N}"[..14], 100m)).Id;
                await PriceChangeScenario.WaitForInboxToDrainAsync(db);
            }
            await using (var conn = new NpgsqlConnection(db))
            {
                await conn.OpenAsync();
                await using var create = new NpgsqlCommand("create table cart.deferral_probe (price numeric not null)", conn);
                await create.ExecuteNonQueryAsync();
            }

            // Cart is down while Products changes the price five times and then archives the product: one backlog.
            using (var productsOnly = new PlatformFactory("products", connectionString: db))
            {
                foreach (var price in new[] { 101m, 102m, 103m, 104m, 105m }) await productsOnly.Shop().ChangePriceAsync(productId, price);
                await productsOnly.Shop().ArchiveProductAsync(productId);
            }

            using (var back = new PlatformFactory("products,cart", connectionString: db, services: services =>
                   {
                       services.Replace(ServiceDescriptor.KeyedScoped<IIntegrationEventHandler<ProductPriceChanged>, QueuingProbe>("cart"));
                       services.Replace(ServiceDescriptor.KeyedScoped<IIntegrationEventHandler<ProductArchived>, ReadingProbe>("cart"));
                   }))
            {
                back.Shop(); // starts the host
                await PriceChangeScenario.WaitForInboxToDrainAsync(db);
            }
            return new(QueuingProbe.MostSeenWhileQueuing, ReadingProbe.Seen,
                await PriceChangeScenario.CountAsync(db, "select count(*) from cart.deferral_probe"),
                // The queued writes and the six deduplication marks: how many transactions wrote them.
                await PriceChangeScenario.CountAsync(db,
                    "select count(distinct x) from (select xmin::text as x from cart.deferral_probe union all select xmin::text from cart.inbox where sequence > (select min(sequence) from cart.inbox where event_type = 'products.product_price_changed')) t"));
        }
    }

    private Task<DeferredRun> DeferredAsync() => arranged.OnceAsync(DeferredRun.ArrangeAsync);

    [Fact]
    public async Task A_handler_with_the_mark_queues_its_writes_rather_than_writing_them_while_the_backlog_runs() =>
        Assert.Equal(0, (await DeferredAsync()).MostSeenWhileQueuing);

    [Fact]
    public async Task A_handler_without_the_mark_reads_the_writes_queued_before_it() =>
        Assert.Equal(5, (await DeferredAsync()).SeenByUnmarked);

    [Fact]
    public async Task Every_queued_write_of_a_backlog_is_written_once() =>
        Assert.Equal(5, (await DeferredAsync()).Written);

    [Fact]
    public async Task Queued_writes_of_a_backlog_commit_with_it_in_one_transaction() =>
        Assert.Equal(1, (await DeferredAsync()).Transactions);

    /// <summary>
    /// Cart down while Products publishes ten price changes of a product in a cart, back; down again while four more come
    /// with a poisoned one among them, back with the poison failing (two attempts allowed).
    /// </summary>
    private sealed record BacklogRun(decimal[] First, decimal[] NoticesAfterFirst, long FirstTransactions,
        decimal[] NoticesAfterPoison, decimal LinePriceAfterPoison, long PoisonDeadLetters, long PriceChangesHandled)
    {
        public static async Task<BacklogRun> ArrangeAsync()
        {
            var db = TestPostgres.CreateDatabase("inbox-batch");
            Guid productId, cartId;
            using (var both = new PlatformFactory("products,cart", connectionString: db))
            {
                var shop = both.Shop();
                productId = (await shop.CreateProductAsync($"RUN-{Guid.NewGuid():N}"[..14], 100m)).Id;
                cartId = (await shop.CreateCartAsync()).Id;
                (await shop.AddItemAsync(cartId, productId, 1)).Dispose();
                await PriceChangeScenario.WaitForInboxToDrainAsync(db);
            }

            // Cart is down while Products publishes ten price changes: they wait in the log for it.
            var first = Enumerable.Range(1, 10).Select(i => 100m + i).ToArray();
            using (var productsOnly = new PlatformFactory("products", connectionString: db))
                foreach (var price in first) await productsOnly.Shop().ChangePriceAsync(productId, price);

            decimal[] noticesAfterFirst;
            long firstTransactions;
            using (var back = new PlatformFactory("products,cart", connectionString: db))
            {
                var shop = back.Shop(); // starts the host
                await PriceChangeScenario.WaitForInboxToDrainAsync(db);
                noticesAfterFirst = (await shop.GetCartAsync(cartId)).Notices.Select(n => n.NewPriceEtb).ToArray();
                // The transactions that wrote the ten deduplication marks.
                firstTransactions = await PriceChangeScenario.CountAsync(db,
                    "select count(distinct xmin::text) from cart.inbox where event_type = 'products.product_price_changed'");
            }

            // Down again; a poisoned change sits among the next four.
            var second = new[] { 201m, 202m, PoisonPrice, 203m };
            using (var productsOnly = new PlatformFactory("products", connectionString: db))
                foreach (var price in second) await productsOnly.Shop().ChangePriceAsync(productId, price);

            using (var back = new PlatformFactory("products,cart", new() { ["AddisPay:Events:Inbox:MaxAttempts"] = "2" },
                       services => services.Replace(ServiceDescriptor.KeyedScoped<IIntegrationEventHandler<ProductPriceChanged>, FaultyRepricing>("cart")),
                       connectionString: db))
            {
                var shop = back.Shop(); // starts the host
                await PriceChangeScenario.WaitForInboxToDrainAsync(db);
                var cart = await shop.GetCartAsync(cartId);
                return new(first, noticesAfterFirst, firstTransactions,
                    cart.Notices.Select(n => n.NewPriceEtb).ToArray(), Assert.Single(cart.Lines).UnitPriceEtb,
                    await PriceChangeScenario.CountAsync(db, "select count(*) from cart.inbox_dead_letters where (payload->>'NewPriceEtb')::numeric = 666.66"),
                    await PriceChangeScenario.CountAsync(db, "select count(*) from cart.inbox where event_type = 'products.product_price_changed'"));
            }
        }
    }

    private Task<BacklogRun> BacklogAsync() => arranged.OnceAsync(BacklogRun.ArrangeAsync);

    [Fact]
    public async Task A_backlog_is_applied_once_each_and_in_order()
    {
        var run = await BacklogAsync();
        Assert.Equal(run.First, run.NoticesAfterFirst);
    }

    [Fact]
    public async Task A_backlog_is_handled_in_one_transaction() =>
        Assert.Equal(1, (await BacklogAsync()).FirstTransactions);

    /// <summary>The failed run kept nothing; one by one, the good events applied once each, in order, around the poison.</summary>
    [Fact]
    public async Task A_poison_event_in_a_backlog_stops_only_itself()
    {
        var run = await BacklogAsync();
        Assert.Equal(run.First.Concat([201m, 202m, 203m]).ToArray(), run.NoticesAfterPoison);
    }

    [Fact]
    public async Task After_a_poisoned_backlog_the_cart_has_the_last_good_price() =>
        Assert.Equal(203m, (await BacklogAsync()).LinePriceAfterPoison);

    [Fact]
    public async Task The_poison_event_of_a_backlog_is_dead_lettered() =>
        Assert.Equal(1, (await BacklogAsync()).PoisonDeadLetters);

    [Fact]
    public async Task Every_good_event_around_the_poison_is_marked_handled_once() =>
        Assert.Equal(13, (await BacklogAsync()).PriceChangesHandled);

    private static readonly Guid[] Streams = Enumerable.Range(1, 6).Select(i => new Guid($"00000000-0000-0000-0000-00000000000{i}")).ToArray();

    /// <summary>Sixty events, the streams interleaved as a busy log interleaves them; the number is the log position.</summary>
    private static readonly List<(Guid Stream, int Position)> Log =
        Enumerable.Range(0, 60).Select(i => (Stream: Streams[i * 7 % Streams.Length], Position: i)).ToList();

    [Fact]
    public void Lanes_keep_each_streams_events_together_and_in_log_order()
    {
        var lanes = ModuleInbox.IntoLanes(Log, e => e.Stream, 4);
        foreach (var stream in Streams)
        {
            var holding = Assert.Single(lanes, l => l.Any(e => e.Stream == stream));
            Assert.Equal(Log.Where(e => e.Stream == stream).Select(e => e.Position), holding.Where(e => e.Stream == stream).Select(e => e.Position));
        }
        foreach (var lane in lanes) Assert.Equal(lane.OrderBy(e => e.Position).Select(e => e.Position), lane.Select(e => e.Position));
    }

    [Fact]
    public void A_log_is_split_into_at_most_the_lanes_asked_for_each_event_in_one()
    {
        var lanes = ModuleInbox.IntoLanes(Log, e => e.Stream, 4);
        Assert.InRange(lanes.Count, 2, 4);
        Assert.Equal(Log.Count, lanes.Sum(l => l.Count));
    }

    [Fact]
    public void One_lane_asked_for_holds_the_whole_log() =>
        Assert.Single(ModuleInbox.IntoLanes(Log, e => e.Stream, 1));
}
