using System.Collections.Concurrent;
using AddisPay.Products;
using AddisPay.Products.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.IntegrationTests.Payments;

/// <summary>
/// Every module in the test server against a fake Chapa speaking Chapa's HTTP API (and the sandbox), shared by every class
/// of the "Payments" collection: the use-case classes of <c>Payments/</c> and the classes of <c>Orders/</c> whose use cases
/// take a payment (checkout, cancellations, refunds, returns). Lost webhooks are reconciled at once when a test asks
/// (nothing runs on a schedule). Shipping costs are pinned (100 ETB in Addis Ababa, 250 elsewhere, free from 5,000) since
/// the tests' totals count on them, and a test may run a step of its own just after Products sells an order's hold
/// (<see cref="Interleaved"/>; nothing runs unless a test asks). Every test makes its own orders and reads only those back.
/// <para>
/// Several behaviours often follow one arrangement (a paid order refunded, a flood of forged webhooks, a return from request
/// to refund), and those behaviours belong to several use cases, so to several classes: <see cref="OnceAsync{T}"/> runs such
/// an arrangement once for the collection, whichever class asks first, and every fact asserts one behaviour of what it
/// recorded. A fact whose behaviour needs a fresh state arranges its own.
/// </para>
/// </summary>
public sealed class PaymentsPlatform : IAsyncLifetime
{
    public const string Collection = "Payments";

    private readonly Arrangements _once = new();

    public FakeChapa Chapa { get; private set; } = null!;
    public PlatformFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Chapa = await FakeChapa.StartAsync();
        Factory = new PlatformFactory("all", new Dictionary<string, string?>
        {
            ["AddisPay:Payments:Chapa:BaseUrl"] = Chapa.BaseUrl,
            ["AddisPay:Payments:Chapa:SecretKey"] = FakeChapa.SecretKey,
            ["AddisPay:Payments:Chapa:WebhookSecret"] = FakeChapa.WebhookSecret,
            ["AddisPay:Payments:ReconcileAfter"] = "00:00:00",
            ["AddisPay:Payments:ReconcileInterval"] = "01:00:00", // the tests trigger it
            ["AddisPay:Orders:ShippingAddisAbabaEtb"] = "100",
            ["AddisPay:Orders:ShippingOtherRegionsEtb"] = "250",
            ["AddisPay:Orders:FreeShippingFromEtb"] = "5000",
        }, services => services.Insert(0, ServiceDescriptor.Scoped<IPipelineBehavior<CommitReservation, Reservation>>(_ => new SaleInterleaving(Interleaved))));
    }

    /// <summary>What a test runs just after Products sells an order's hold, keyed by the order (its reservation id).</summary>
    public static readonly ConcurrentDictionary<Guid, Func<Task>> Interleaved = new();

    /// <summary>
    /// Runs a test's step between the payment saga's sale of the stock and the rest of its handling. Registered first, so it
    /// wraps Products' unit of work (Mediator runs behaviours in registration order): the step runs after the sale commits.
    /// </summary>
    private sealed class SaleInterleaving(ConcurrentDictionary<Guid, Func<Task>> interleaved) : IPipelineBehavior<CommitReservation, Reservation>
    {
        public async ValueTask<Reservation> Handle(CommitReservation message, MessageHandlerDelegate<CommitReservation, Reservation> next, CancellationToken ct)
        {
            var sold = await next(message, ct);
            if (interleaved.TryRemove(message.ReservationId, out var step)) await step();
            return sold;
        }
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Chapa.DisposeAsync();
    }

    /// <summary>
    /// The arrangement <typeparamref name="T"/>, made by <paramref name="arrange"/> the first time any class of the collection
    /// asks for it and shared from then on (one per type: a type is one story). A failed arrangement fails every fact using it.
    /// </summary>
    public Task<T> OnceAsync<T>(Func<PaymentShop, Task<T>> arrange) where T : class => _once.OnceAsync(() => arrange(new PaymentShop(this)));
}

[CollectionDefinition(PaymentsPlatform.Collection)]
public sealed class PaymentsCollection : ICollectionFixture<PaymentsPlatform>;
