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

/// <summary>A module's inbox (<c>ModuleInbox</c>) delivering the event log: failures in a subscriber are retried with backoff and end in a visible dead letter, never dropped silently.</summary>
public sealed class ModuleInboxTests
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

    [Fact]
    public async Task A_failing_event_is_retried_then_dead_lettered_and_later_events_still_flow()
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
        Assert.Equal([FlakyPrice, 120m], after.Notices.Select(n => n.NewPriceEtb).ToArray());
        Assert.Equal(3, FaultyRepricing.FlakyAttempts);

        Assert.Equal(1, await PriceChangeScenario.CountAsync(factory.ConnectionString,
            "select count(*) from cart.inbox_dead_letters where attempts = 3 and error like '%poisoned price event%' and (payload->>'NewPriceEtb')::numeric = 666.66"));
        // The dead-lettered event is not marked processed, so a resend after a fix would apply it.
        Assert.Equal(2, await PriceChangeScenario.CountAsync(factory.ConnectionString, "select count(*) from cart.inbox"));

        var metrics = await Eventually.Until(() => factory.CreateClient().GetStringAsync("/metrics"),
            m => m.Contains("addispay_event_subscription_dead_letters{subscription=\"cart-inbox\"} 1"), "the dead-letter gauge to show the event");
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

    [Fact]
    public async Task Queued_writes_of_a_backlog_commit_with_it_and_a_handler_without_the_mark_reads_them()
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

        Assert.Equal(0, QueuingProbe.MostSeenWhileQueuing); // queued, not written, while the handlers ran
        Assert.Equal(5, ReadingProbe.Seen);                 // written before the handler without the mark read
        Assert.Equal(5, await PriceChangeScenario.CountAsync(db, "select count(*) from cart.deferral_probe"));
        // One transaction: the queued writes and the six deduplication marks committed together.
        Assert.Equal(1, await PriceChangeScenario.CountAsync(db,
            "select count(distinct x) from (select xmin::text as x from cart.deferral_probe union all select xmin::text from cart.inbox where sequence > (select min(sequence) from cart.inbox where event_type = 'products.product_price_changed')) t"));
    }

    [Fact]
    public async Task A_backlog_is_handled_in_one_transaction_and_a_poison_event_in_it_stops_only_itself()
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

        using (var back = new PlatformFactory("products,cart", connectionString: db))
        {
            var shop = back.Shop(); // starts the host
            await PriceChangeScenario.WaitForInboxToDrainAsync(db);
            var cart = await shop.GetCartAsync(cartId);
            Assert.Equal(first, cart.Notices.Select(n => n.NewPriceEtb).ToArray()); // once each, in order
            // Handled together: the ten deduplication marks were written by one transaction.
            Assert.Equal(1, await PriceChangeScenario.CountAsync(db,
                "select count(distinct xmin::text) from cart.inbox where event_type = 'products.product_price_changed'"));
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
            // The failed run kept nothing; one by one, the good events applied once each, in order, around the poison.
            Assert.Equal(first.Concat([201m, 202m, 203m]).ToArray(), cart.Notices.Select(n => n.NewPriceEtb).ToArray());
            Assert.Equal(203m, Assert.Single(cart.Lines).UnitPriceEtb);
            Assert.Equal(1, await PriceChangeScenario.CountAsync(db,
                "select count(*) from cart.inbox_dead_letters where (payload->>'NewPriceEtb')::numeric = 666.66"));
            Assert.Equal(13, await PriceChangeScenario.CountAsync(db,
                "select count(*) from cart.inbox where event_type = 'products.product_price_changed'"));
        }
    }

    [Fact]
    public void Lanes_keep_each_streams_events_together_and_in_log_order()
    {
        var streams = Enumerable.Range(1, 6).Select(i => new Guid($"00000000-0000-0000-0000-00000000000{i}")).ToArray();
        // Sixty events, the streams interleaved as a busy log interleaves them; the number is the log position.
        var log = Enumerable.Range(0, 60).Select(i => (Stream: streams[i * 7 % streams.Length], Position: i)).ToList();

        var lanes = ModuleInbox.IntoLanes(log, e => e.Stream, 4);

        Assert.InRange(lanes.Count, 2, 4);
        Assert.Equal(log.Count, lanes.Sum(l => l.Count));
        foreach (var stream in streams)
        {
            var holding = Assert.Single(lanes, l => l.Any(e => e.Stream == stream));
            Assert.Equal(log.Where(e => e.Stream == stream).Select(e => e.Position), holding.Where(e => e.Stream == stream).Select(e => e.Position));
        }
        foreach (var lane in lanes) Assert.Equal(lane.OrderBy(e => e.Position).Select(e => e.Position), lane.Select(e => e.Position));
        Assert.Single(ModuleInbox.IntoLanes(log, e => e.Stream, 1));
    }
}
