using System.Collections.Concurrent;
using AddisPay.IntegrationTests.Infrastructure;
using Xunit;

namespace AddisPay.IntegrationTests.Payments;

/// <summary>
/// Every module in the test server against a fake Chapa speaking Chapa's HTTP API (and the sandbox), shared by every class
/// of the "Payments" collection: the use-case classes of <c>Payments/</c> and the classes of <c>Orders/</c> whose use cases
/// take a payment (checkout, cancellations, refunds, returns). Lost webhooks are reconciled at once when a test asks
/// (nothing runs on a schedule). Every test makes its own orders and reads only those back.
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

    private readonly ConcurrentDictionary<Type, Lazy<Task<object>>> _once = new();

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
        });
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
    public async Task<T> OnceAsync<T>(Func<PaymentShop, Task<T>> arrange) where T : class =>
        (T)await _once.GetOrAdd(typeof(T), _ => new Lazy<Task<object>>(async () => await arrange(new PaymentShop(this)))).Value;
}

[CollectionDefinition(PaymentsPlatform.Collection)]
public sealed class PaymentsCollection : ICollectionFixture<PaymentsPlatform>;
