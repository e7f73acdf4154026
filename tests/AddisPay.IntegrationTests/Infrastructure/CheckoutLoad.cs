using System.Collections.Concurrent;
using AddisPay.IntegrationTests.Notifications;
using AddisPay.Orders.Domain;
using AddisPay.Payments.Contracts;
using AddisPay.Products.Domain;
using Npgsql;

namespace AddisPay.IntegrationTests.Infrastructure;

/// <summary>
/// Buyers checking out through the router while processes die or move (ReplicaTests, LiveRetopologyTests), and the check of
/// what must hold afterwards. <paramref name="database"/> is the shop's, read directly for what the API does not show
/// (payments, receipts, the delivery log); <paramref name="mail"/> is the smtp4dev the shop sends to.
/// </summary>
public sealed class CheckoutLoad(string database, Smtp4dev mail)
{
    private const string PaidSubjectEn = "Payment received", PaidSubjectAm = "ክፍያ ደርሶናል";

    /// <summary>One checkout: the order ids its Idempotency-Key was answered with (one, unless the order's guard is broken).</summary>
    public sealed record Checkout(string Key, List<Guid> Orders);

    public sealed record Customer(Guid Id, string Email, Buyer Buyer, List<Checkout> Checkouts);

    /// <summary>Anything but a success, a 503 with Retry-After or a 409 with Retry-After (the key still in work): a request lost.</summary>
    public ConcurrentQueue<string> Unexpected { get; } = new();

    private int _retried;

    /// <summary>Answers that were 503 or 409 with Retry-After, sent again.</summary>
    public int Retried => _retried;

    /// <summary>
    /// Sends until answered with something other than "try again" (503 or 409 with Retry-After, which it honours), recording
    /// every other failure; a 502 from the router would mean a request lost in a kill.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpClient http, Func<HttpRequestMessage> request, string what, params HttpStatusCode[] expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request());
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && DateTime.UtcNow < deadline)
            {
                Unexpected.Enqueue($"{what}: {e.GetType().Name} {e.Message}");
                continue;
            }
            if (expected.Contains(response.StatusCode)) return response;
            var retryAfter = response.Headers.RetryAfter?.Delta;
            if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.Conflict && retryAfter is not null && DateTime.UtcNow < deadline)
            {
                response.Dispose();
                Interlocked.Increment(ref _retried);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(retryAfter.Value.TotalMilliseconds, 1000)));
                continue;
            }
            var body = await response.Content.ReadAsStringAsync();
            Unexpected.Enqueue($"{what}: {(int)response.StatusCode} {body[..Math.Min(300, body.Length)]}");
            if (DateTime.UtcNow >= deadline) throw new TimeoutException($"{what} never succeeded: {(int)response.StatusCode} {body}");
            response.Dispose();
            await Task.Delay(200);
        }
    }

    public async Task<Customer> SignUpAsync(HttpClient http)
    {
        var email = $"replica-{Guid.NewGuid():N}@example.et";
        var (id, tokens) = await new Accounts(http, database).NewCustomerAsync(email);
        return new Customer(id, email, new Buyer(http, http, http, id, tokens.AccessToken), []);
    }

    /// <summary>
    /// Fills the cart, places the order and sends the same request again with the same Idempotency-Key (a client that never
    /// saw the answer retries it), pays at the sandbox and waits for the order to be paid.
    /// </summary>
    public async Task CheckoutAsync(HttpClient http, Customer customer, Guid productId, int quantity)
    {
        var buyer = customer.Buyer;
        Guid cartId;
        using (var mine = await SendAsync(http, () => buyer.Request(HttpMethod.Get, "/api/cart/mine"), "GET cart", HttpStatusCode.OK))
            cartId = (await mine.Content.ReadFromJsonAsync<AddisPay.Cart.Domain.CartView>())!.Id;
        using (await SendAsync(http, () => buyer.Request(HttpMethod.Post, $"/api/cart/{cartId}/items", new { productId, quantity }), "add to cart", HttpStatusCode.OK)) { }

        var checkout = new Checkout(Guid.NewGuid().ToString(), []);
        lock (customer.Checkouts) customer.Checkouts.Add(checkout);
        HttpRequestMessage Place() => buyer.Request(HttpMethod.Post, "/api/orders", new { cartId, shippingAddress = Buyer.Address() }, checkout.Key);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var placed = await SendAsync(http, Place, "place order", HttpStatusCode.Created, HttpStatusCode.OK);
            var id = (await placed.Content.ReadFromJsonAsync<OrderView>(Buyer.Json))!.Id;
            lock (checkout.Orders) if (!checkout.Orders.Contains(id)) checkout.Orders.Add(id);
        }

        var orderId = checkout.Orders[0];
        PaymentSession session;
        using (var started = await SendAsync(http, () => buyer.Request(HttpMethod.Post, $"/api/orders/{orderId}/payments", new { gateway = "sandbox" }, checkout.Key + "-pay"),
                   "start payment", HttpStatusCode.Created, HttpStatusCode.OK))
            session = (await started.Content.ReadFromJsonAsync<PaymentSession>(Buyer.Json))!;
        var page = new Uri(session.CheckoutUrl).PathAndQuery;
        using (await SendAsync(http, () => new HttpRequestMessage(HttpMethod.Get, page), "sandbox page", HttpStatusCode.OK)) { }
        using (await SendAsync(http, () => new HttpRequestMessage(HttpMethod.Post, page) { Content = new FormUrlEncodedContent([new("outcome", "success")]) },
                   "pay on the sandbox page", HttpStatusCode.OK)) { }
        await Eventually.Until(async () =>
        {
            using var r = await SendAsync(http, () => buyer.Request(HttpMethod.Get, $"/api/orders/{orderId}"), "GET order", HttpStatusCode.OK);
            return (await r.Content.ReadFromJsonAsync<OrderView>(Buyer.Json))!;
        }, o => o.Status == "paid", $"order {orderId} to be paid", TimeSpan.FromSeconds(90));
    }

    /// <summary>
    /// What must hold after checkouts, whatever was killed: one order per checkout (per Idempotency-Key), every order a 2xx
    /// named exists and is paid, one successful payment, one receipt and one confirmation email (as smtp4dev received it)
    /// per order, and the product's stock its initial count minus what was sold, nothing left on hold.
    /// </summary>
    public async Task<List<string>> ViolationsAsync(HttpClient http, IReadOnlyList<Customer> customers, string sku, int initialStock)
    {
        var violations = new List<string>();
        await using var conn = new NpgsqlConnection(database);
        await conn.OpenAsync();
        async Task<long> CountAsync(string sql, Guid id)
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            cmd.Parameters.AddWithValue("id", id);
            return (long)(await cmd.ExecuteScalarAsync())!;
        }

        var sold = 0;
        var paidOrders = new List<(Customer Customer, OrderView Order)>();
        foreach (var customer in customers)
        {
            foreach (var checkout in customer.Checkouts.Where(c => c.Orders.Count != 1))
                violations.Add($"checkout {checkout.Key} of {customer.Email} was answered with {checkout.Orders.Count} orders");
            var placed = await CountAsync("""select count(*) from orders.orders where "CustomerId" = @id""", customer.Id);
            if (placed != customer.Checkouts.Count)
                violations.Add($"{customer.Email} has {placed} orders for {customer.Checkouts.Count} checkouts");
            foreach (var orderId in customer.Checkouts.SelectMany(c => c.Orders).Distinct())
            {
                using var r = await http.SendAsync(customer.Buyer.Request(HttpMethod.Get, $"/api/orders/{orderId}"));
                if (r.StatusCode != HttpStatusCode.OK)
                {
                    violations.Add($"order {orderId}, answered with a 2xx, is {(int)r.StatusCode}");
                    continue;
                }
                var order = (await r.Content.ReadFromJsonAsync<OrderView>(Buyer.Json))!;
                if (order.Status == "paid")
                {
                    sold += order.Lines.Sum(l => l.Quantity);
                    paidOrders.Add((customer, order));
                }
                else if (order.Status != "pending_payment") violations.Add($"order {order.Number} is {order.Status}");
                var payments = await CountAsync("""select count(*) from payments.payments where "OrderId" = @id and "Status" = 'Succeeded'""", orderId);
                if (payments != (order.Status == "paid" ? 1 : 0)) violations.Add($"order {order.Number} ({order.Status}) has {payments} successful payments");
                var receipts = await CountAsync("""select count(*) from payments.invoices where "OrderId" = @id""", orderId);
                if (receipts != (order.Status == "paid" ? 1 : 0)) violations.Add($"order {order.Number} ({order.Status}) has {receipts} receipts");
            }
        }

        // Emails leave from the delivery log a moment after the event: wait for one per paid order, then count them.
        IReadOnlyDictionary<string, IReadOnlyList<ReceivedEmail>> inboxes = new Dictionary<string, IReadOnlyList<ReceivedEmail>>();
        static int PaidEmails(IReadOnlyList<ReceivedEmail> mail, string number) =>
            mail.Count(m => m.Subject.Contains(number) && (m.Subject.Contains(PaidSubjectEn) || m.Subject.Contains(PaidSubjectAm)));
        try
        {
            inboxes = await Eventually.Until(async () =>
            {
                var all = new Dictionary<string, IReadOnlyList<ReceivedEmail>>();
                foreach (var customer in customers) all[customer.Email] = await mail.MessagesToAsync(customer.Email);
                return (IReadOnlyDictionary<string, IReadOnlyList<ReceivedEmail>>)all;
            }, all => paidOrders.All(p => PaidEmails(all[p.Customer.Email], p.Order.Number) >= 1), "a confirmation email per paid order", TimeSpan.FromSeconds(100));
        }
        catch (TimeoutException)
        {
            foreach (var customer in customers) ((Dictionary<string, IReadOnlyList<ReceivedEmail>>)inboxes)[customer.Email] = await mail.MessagesToAsync(customer.Email);
        }
        foreach (var (customer, order) in paidOrders)
        {
            var emails = PaidEmails(inboxes[customer.Email], order.Number);
            if (emails != 1) violations.Add($"order {order.Number} was confirmed by {emails} emails; its customer's delivery log: {await DeliveryLogAsync(customer.Email)}");
        }

        var allPaid = paidOrders.Count == customers.Sum(c => c.Checkouts.SelectMany(k => k.Orders).Distinct().Count());
        StockView? stock = null;
        try
        {
            stock = await Eventually.Until(async () =>
            {
                using var r = await http.SendAsync(Shop.Request(HttpMethod.Get, $"/api/products/inventory/{sku}", token: Tokens.Admin()));
                return (await r.Content.ReadFromJsonAsync<StockView>())!;
            }, s => !allPaid || s.Reserved == 0, "every sold unit committed", TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException e)
        {
            violations.Add(e.Message);
        }
        if (stock is not null && stock.OnHand != initialStock - sold)
            violations.Add($"{sku}: {stock.OnHand} on hand after selling {sold} of {initialStock}");
        return violations;
    }

    /// <summary>What the delivery log holds for a recipient: why an email is missing (not written, leased, failing, dead).</summary>
    private async Task<string> DeliveryLogAsync(string recipient)
    {
        await using var conn = new NpgsqlConnection(database);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            select string_agg(concat_ws(' ', "Template", "Subject", "Status", "Attempts", "NextAttemptAt", "LastError"), ' | ' order by "CreatedAt")
              from notifications.messages where "Recipient" = @to
            """, conn);
        cmd.Parameters.AddWithValue("to", recipient);
        return await cmd.ExecuteScalarAsync() as string ?? "(nothing)";
    }
}
