using System.Text.RegularExpressions;
using AddisPay.IntegrationTests.Notifications;
using AddisPay.IntegrationTests.Storefront;
using AddisPay.Orders.Domain;
using AddisPay.Payments.Contracts;
using AddisPay.Products.Domain;
using Npgsql;

namespace AddisPay.IntegrationTests.BackOffice;

/// <summary>
/// The staff actions the journeys do not reach, over plain HTTP on the storefront's one-process shop: a payment nobody
/// confirmed settled by hand, a waiting review approved and a hidden one restored, a message that gave up resent. Each is
/// made once and recorded; the facts of OperationsTests and ReviewQueueTests check what it did and its audit entry (done,
/// with the state before and after); support does what its role allows (reviews, messages) and is refused the rest
/// (settling a payment).
/// </summary>
/// <remarks>
/// Three states the shop never reaches within a test's time are set in the database: a payment started ten minutes ago
/// (past the reconciliation window, inside the attempt's lifetime, so reconciliation leaves it pending), a review waiting
/// for approval (the shop runs without pre-moderation) and a message that gave up (smtp4dev accepts everything).
/// </remarks>
public static partial class OperationsActions
{
    /// <summary>An admin settled by hand a payment nobody confirmed: the page's answer, and what the facts read afterwards.</summary>
    public sealed record Settled(PaymentSession Payment, OrderView Order, Buyer Buyer, HttpStatusCode Status, string Html);

    public static Task<Settled> AnAdminSettlesAPaymentByHandAsync(AllInOneShop fixture) => fixture.Arranged.OnceAsync(async () =>
    {
        var (payment, order, buyer) = await PaymentNobodyConfirmedAsync(fixture.Shop, fixture.Database);
        using var admin = await PeopleAccess.SignedInAsync(fixture.Shop.BackOffice, BackOfficeOrders.DemoAdmin, BackOfficeOrders.DemoPassword);
        using var settled = await admin.PostFormAsync("/admin/operations/payments", "settle-" + payment.PaymentId.ToString("N"), new Dictionary<string, string>
        {
            ["outcome"] = "succeeded", ["reference"] = "SBX-HAND-" + order.Number, ["reason"] = "Seen paid on the sandbox's statement", ["confirm"] = "true"
        });
        return new Settled(payment, order, buyer, settled.StatusCode, WebUtility.HtmlDecode(await settled.Content.ReadAsStringAsync()));
    });

    /// <summary>Support posted the settle form of a payment nobody confirmed, with a token from a page it may open.</summary>
    public sealed record SupportSettled(PaymentSession Payment, OrderView Order, StaffAnswer Crafted);

    public static Task<SupportSettled> SupportTriesSettlingAPaymentByHandAsync(AllInOneShop fixture) => fixture.Arranged.OnceAsync(async () =>
    {
        var (payment, order, _) = await PaymentNobodyConfirmedAsync(fixture.Shop, fixture.Database);
        var customer = await PeopleAccess.DemoCustomerAsync(fixture.Shop);
        using var support = await BackOfficeAccess.SupportAsync(fixture);
        // The form is on a page support may not open: the post carries a token support got from a page it may open.
        var crafted = await StaffAnswer.OfAsync("/admin/operations/payments", support.PostWithTokenOfAsync($"/admin/customers/{customer}", "customer-lock",
            "settle-" + payment.PaymentId.ToString("N"),
            new Dictionary<string, string> { ["outcome"] = "succeeded", ["reference"] = "SBX-SUPPORT", ["reason"] = "Customer says paid", ["confirm"] = "true" },
            action: "/admin/operations/payments"));
        return new SupportSettled(payment, order, crafted);
    });

    /// <summary>Whether the payments needing attention still list <paramref name="payment"/>.</summary>
    public static async Task<bool> NeedsAttentionAsync(StorefrontShop shop, Guid payment)
    {
        using var payments = shop.Api("payments");
        using var attention = await payments.SendAsync(Shop.Request(HttpMethod.Get, "/api/payments/attention?pageSize=200", token: Tokens.Admin()));
        await Shop.Expect(attention, HttpStatusCode.OK);
        return (await attention.Content.ReadFromJsonAsync<PaymentsNeedingAttention>())!.Payments.Any(p => p.PaymentId == payment);
    }

    /// <summary>A review support acted on from the review queue: the queue's answers (by step) and what the facts read afterwards.</summary>
    public sealed record Moderated(StorefrontShop Shop, ProductView Product, HttpClient Reviews, Guid ReviewId, string Title, string Support, Dictionary<string, string> Answers)
    {
        /// <summary>The review is listed by Reviews' API and shows on the product's page (within its bound).</summary>
        public async Task ShownAsync()
        {
            Assert.Contains(Title, await Reviews.GetStringAsync($"/api/reviews/products/{Product.Id}"));
            await OperationsActions.ShownOnTheProductPageAsync(Shop, Product.Slug, Title);
        }
    }

    /// <summary>A shown review set waiting for approval (the shop runs without pre-moderation), then approved by support.</summary>
    public static Task<Moderated> SupportApprovesAWaitingReviewAsync(AllInOneShop fixture) => fixture.Arranged.OnceAsync(async () =>
    {
        var (product, reviews, reviewId, title) = await ReviewAsync(fixture.Shop, "Fresh and fruity");
        await ExecuteAsync(fixture.Database, "update reviews.reviews set \"Status\" = 'Pending' where \"Id\" = @id", reviewId);
        var answers = new Dictionary<string, string> { ["listed while waiting"] = await reviews.GetStringAsync($"/api/reviews/products/{product.Id}") };
        var supportEmail = await fixture.Arranged.OnceAsync(() => BackOfficeOrders.SupportAgentAsync(fixture.Shop), "support agent");
        using var support = await BackOfficeAccess.SupportAsync(fixture);
        using (var approved = await support.PostFormAsync("/admin/reviews", "review-approve-" + reviewId.ToString("N"), new Dictionary<string, string>()))
            answers["approved"] = WebUtility.HtmlDecode(await approved.Content.ReadAsStringAsync());
        return new Moderated(fixture.Shop, product, reviews, reviewId, title, supportEmail, answers);
    }, "approved");

    /// <summary>A review reported once (waiting in the queue, still shown), hidden by support and then restored.</summary>
    public static Task<Moderated> SupportHidesAndRestoresAReviewAsync(AllInOneShop fixture) => fixture.Arranged.OnceAsync(async () =>
    {
        var shop = fixture.Shop;
        var (product, reviews, reviewId, title) = await ReviewAsync(shop, "Worth the price");
        var (_, reporter) = await new Accounts(shop.Api("users"), "").NewCustomerAsync();
        using (var report = await reviews.SendAsync(Shop.Request(HttpMethod.Post, $"/api/reviews/{reviewId}/reports",
                   new { reason = "spam", note = "Reads like an advert" }, reporter.AccessToken)))
            await Shop.Expect(report, HttpStatusCode.Accepted);
        var supportEmail = await fixture.Arranged.OnceAsync(() => BackOfficeOrders.SupportAgentAsync(shop), "support agent");
        using var support = await BackOfficeAccess.SupportAsync(fixture);
        var answers = new Dictionary<string, string>();
        using (var hidden = await support.PostFormAsync("/admin/reviews", "review-hide-" + reviewId.ToString("N"), new Dictionary<string, string> { ["reason"] = "Looked like spam" }))
            answers["hidden"] = WebUtility.HtmlDecode(await hidden.Content.ReadAsStringAsync());
        answers["listed while hidden"] = await reviews.GetStringAsync($"/api/reviews/products/{product.Id}");
        using (var hiddenQueue = await support.GetAsync("/admin/reviews?queue=hidden"))
            answers["hidden queue"] = WebUtility.HtmlDecode(await hiddenQueue.Content.ReadAsStringAsync());
        using (var restored = await support.PostFormAsync("/admin/reviews?queue=hidden", "review-restore-" + reviewId.ToString("N"), new Dictionary<string, string>()))
            answers["restored"] = WebUtility.HtmlDecode(await restored.Content.ReadAsStringAsync());
        return new Moderated(shop, product, reviews, reviewId, title, supportEmail, answers);
    }, "restored");

    /// <summary>A new customer's confirmation e-mail set as given up (smtp4dev accepts everything), resent by support from the delivery log.</summary>
    public sealed record Resent(string Email, ReceivedEmail First, Guid MessageId, string Support, string Html);

    public static Task<Resent> SupportResendsAMessageThatGaveUpAsync(AllInOneShop fixture) => fixture.Arranged.OnceAsync(async () =>
    {
        var shop = fixture.Shop;
        var email = $"resend-{Guid.NewGuid():N}@example.et";
        await new Accounts(shop.Api("users"), "").RegisterAsync(email, fullName: "Selam Bekele");
        var first = Assert.Single(await Eventually.Until(() => shop.Mail.MessagesToAsync(email), m => m.Count >= 1, $"the confirmation email to {email}"));
        var messageId = await ScalarAsync<Guid>(fixture.Database, """
            update notifications.messages set "Status" = 'dead', "Attempts" = 5, "LastError" = 'SMTP 451: mailbox busy'
             where "Recipient" = @id and "Status" = 'sent' returning "Id"
            """, email);
        var supportEmail = await fixture.Arranged.OnceAsync(() => BackOfficeOrders.SupportAgentAsync(shop), "support agent");
        using var support = await BackOfficeAccess.SupportAsync(fixture);
        using var resent = await support.PostFormAsync($"/admin/operations?status=dead&recipient={Uri.EscapeDataString(email)}",
            "message-resend-" + messageId.ToString("N"), new Dictionary<string, string>());
        return new Resent(email, first, messageId, supportEmail, WebUtility.HtmlDecode(await resent.Content.ReadAsStringAsync()));
    });

    /// <summary>A new customer's order of a new product with a sandbox payment started ten minutes ago and never finished.</summary>
    private static async Task<(PaymentSession Payment, OrderView Order, Buyer Buyer)> PaymentNobodyConfirmedAsync(StorefrontShop shop, string database)
    {
        var product = await new Shop(shop.Api("products"), shop.Api("cart")).CreateProductAsync($"HAND-{Guid.NewGuid():N}"[..16], 310m, name: "Limu coffee settled by hand");
        var (id, tokens) = await new Accounts(shop.Api("users"), "").NewCustomerAsync();
        var buyer = new Buyer(shop.Api("cart"), shop.Api("orders"), shop.Api("payments"), id, tokens.AccessToken);
        var order = await buyer.OrderAsync(await buyer.FillCartAsync(product.Id));
        var payment = await buyer.PayAsync(order.Id);
        await ExecuteAsync(database, "update payments.payments set \"CreatedAt\" = now() - interval '10 minutes' where \"Id\" = @id", payment.PaymentId);
        return (payment, order, buyer);
    }

    /// <summary>A new product and a new customer's review of it, shown.</summary>
    private static async Task<(ProductView Product, HttpClient Reviews, Guid ReviewId, string Title)> ReviewAsync(StorefrontShop shop, string titleStart)
    {
        var product = await new Shop(shop.Api("products"), shop.Api("cart")).CreateProductAsync($"REV-{Guid.NewGuid():N}"[..16], 150m, name: "Sidama coffee for review");
        var (_, author) = await new Accounts(shop.Api("users"), "").NewCustomerAsync();
        var title = titleStart + " " + Guid.NewGuid().ToString("N")[..8];
        var reviews = shop.Api("reviews");
        using var written = await reviews.SendAsync(Shop.Request(HttpMethod.Post, $"/api/reviews/products/{product.Id}",
            new { rating = 5, title, text = "Roasted last week, bright and sweet.", language = "en" }, author.AccessToken));
        await Shop.Expect(written, HttpStatusCode.Created);
        return (product, reviews, (await written.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), title);
    }

    internal static async Task ShownOnTheProductPageAsync(StorefrontShop shop, string slug, string title)
    {
        using var storefront = new HttpClient { BaseAddress = shop.Address };
        await Eventually.Until(() => storefront.GetStringAsync($"/p/{slug}"), html => WebUtility.HtmlDecode(html).Contains(title), $"the review {title} on /p/{slug}");
    }

    /// <summary>The one audit entry of <paramref name="action"/> on <paramref name="target"/> by <paramref name="staff"/>, as the audit log shows it.</summary>
    public static async Task<(string Outcome, string Before, string After)> AuditEntryAsync(Uri backOffice, string staff, string action, string target)
    {
        var row = Assert.Single(await AuditRowsAsync(backOffice, staff, action, target));
        var cells = Regex.Matches(row.Groups["cells"].Value, "<code>(.*?)</code>", RegexOptions.Singleline);
        return (row.Groups["outcome"].Value, WebUtility.HtmlDecode(cells[0].Groups[1].Value), WebUtility.HtmlDecode(cells[1].Groups[1].Value));
    }

    public static async Task<List<Match>> AuditRowsAsync(Uri backOffice, string? staff, string action, string target)
    {
        using var admin = await PeopleAccess.SignedInAsync(backOffice, BackOfficeOrders.DemoAdmin, BackOfficeOrders.DemoPassword);
        using var page = await admin.GetAsync($"/admin/audit?action={action}" + (staff is null ? "" : "&staff=" + Uri.EscapeDataString(staff)));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return AuditRow().Matches(await page.Content.ReadAsStringAsync())
            .Where(m => m.Groups["action"].Value == action && WebUtility.HtmlDecode(m.Groups["cells"].Value).Contains($"<td>{target}</td>")).ToList();
    }

    /// <summary>The "status" of an audit entry's state (kept as jsonb, so spaced and reordered as PostgreSQL writes it).</summary>
    public static string? StatusIn(string json) => JsonDocument.Parse(json).RootElement.GetProperty("status").GetString();

    private static async Task ExecuteAsync(string database, string sql, object id)
    {
        await using var conn = new NpgsqlConnection(database);
        await conn.OpenAsync();
        await using var command = new NpgsqlCommand(sql, conn) { Parameters = { new("id", id) } };
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private static async Task<T> ScalarAsync<T>(string database, string sql, object id)
    {
        await using var conn = new NpgsqlConnection(database);
        await conn.OpenAsync();
        await using var command = new NpgsqlCommand(sql, conn) { Parameters = { new("id", id) } };
        return (T)(await command.ExecuteScalarAsync())!;
    }

    [GeneratedRegex("<tr data-action=\"(?<action>[^\"]+)\" data-outcome=\"(?<outcome>[^\"]+)\">(?<cells>.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex AuditRow();
}
