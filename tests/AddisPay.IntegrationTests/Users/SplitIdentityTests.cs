using Xunit.Abstractions;

namespace AddisPay.IntegrationTests.Users;

/// <summary>
/// The session scenarios of <see cref="SetUserLockTests"/> and <see cref="VerifyEmailTests"/> (<see cref="AccessScenarios"/>) with
/// Users (and Products) in one process and Orders and Cart in
/// another, as separate Deployments run them: the orders/cart process learns of a lock from the event log, and asks the
/// users process whether an address was verified since the token was issued.
/// </summary>
[Collection(nameof(Topologies.SplitProcessTests))]
public sealed class SplitIdentityTests(SplitIdentityTests.Pods pods, ITestOutputHelper output) : IClassFixture<SplitIdentityTests.Pods>, IDisposable
{
    private readonly string _db = pods.Database;
    private readonly HostProcess _users = pods.Users;
    private readonly HostProcess _ordersAndCart = pods.OrdersAndCart;

    /// <summary>The two processes, started once for the class: each test signs up customers of its own.</summary>
    public sealed class Pods : IAsyncLifetime
    {
        public string Database { get; } = TestPostgres.CreateDatabase("splitidentity");
        public HostProcess Users { get; private set; } = null!;
        public HostProcess OrdersAndCart { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            try
            {
                Users = await HostProcess.StartAsync("users,products", Database);
                OrdersAndCart = await HostProcess.StartAsync("orders,cart", Database, environment: new Dictionary<string, string>
                {
                    ["AddisPay__Endpoints__users"] = Users.BaseAddress.ToString(),
                    ["AddisPay__Endpoints__products"] = Users.BaseAddress.ToString(),
                });
            }
            catch
            {
                // xunit disposes no fixture whose start failed: the process started so far would outlive the run.
                await DisposeAsync();
                throw;
            }
        }

        public async Task DisposeAsync()
        {
            if (OrdersAndCart is not null) await OrdersAndCart.DisposeAsync();
            OrdersAndCart = null!;
            if (Users is not null) await Users.DisposeAsync();
            Users = null!;
        }
    }

    public void Dispose()
    {
        foreach (var host in new[] { _ordersAndCart, _users })
        {
            output.WriteLine($"--- {host.Modules} process output, request logs left out (tail) ---");
            output.WriteLine(string.Join('\n', host.Output.Split('\n').Where(l => !l.Contains("RequestLoggingMiddleware")).TakeLast(20)));
        }
    }

    private AccessScenarios Scenarios()
    {
        var users = _users.Client();
        var ordersAndCart = _ordersAndCart.Client();
        return new AccessScenarios(users, users, ordersAndCart, ordersAndCart, _db);
    }

    [Fact]
    public async Task A_locked_customers_token_is_refused_by_the_orders_and_cart_process_within_seconds()
    {
        var delay = await Scenarios().LockedCustomersTokenIsRefusedWithinSecondsAsync();
        output.WriteLine($"split: the orders/cart process refused the locked customer's token {delay.TotalMilliseconds:F0} ms after the lock");
        Assert.True(delay < TimeSpan.FromSeconds(5), $"refused only after {delay}");
    }

    [Fact]
    public async Task An_unverified_customer_fills_a_cart_in_one_process_but_orders_only_once_verified_in_the_other() =>
        await Scenarios().UnverifiedCustomerKeepsACartButOrdersOnlyOnceVerifiedAsync();
}
