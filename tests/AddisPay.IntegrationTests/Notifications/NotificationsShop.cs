using System.Text.RegularExpressions;
using AddisPay.Notifications.Contracts;
using AddisPay.Notifications.CreateCampaign;
using AddisPay.Notifications.Data;
using AddisPay.Orders.Contracts;
using AddisPay.Payments.Contracts;
using AddisPay.Products.Contracts;
using AddisPay.Shared.Events;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AddisPay.IntegrationTests.Notifications;

/// <summary>
/// The arrange steps the Notifications classes share: an order line and numbers, campaigns through the admin API and through
/// the contracts (as the back office sends them), a campaign's audience of past buyers, and messages put straight into the
/// delivery log through the module's own statement.
/// </summary>
public static class NotificationsShop
{
    public static readonly OrderLine Coffee = new(Guid.NewGuid(), "COF-1", "Yirgacheffe coffee", "ይርጋጨፌ ቡና", 2, 450m, 900m);

    /// <summary>The staff member the campaigns through the contracts are sent by.</summary>
    public static readonly Guid Staff = Guid.NewGuid();

    public static string OrderNumber() => $"AP-{Random.Shared.Next(100000, 999999)}";

    /// <summary>A category made for one test, so a campaign to it reaches only that test's buyers.</summary>
    public static string Category() => $"campaign-{Random.Shared.Next(100000, 999999)}";

    /// <summary>The campaign an admin creates through the API: sent at once to every opted-in, verified customer.</summary>
    public static CreateCampaignRequest Campaign() => new("Teff season: 10% off", "የጤፍ ወቅት፦ 10% ቅናሽ",
        "{{ name }}, this week only: 10% off teff & berbere.\n\nSee you at AddisPay.",
        "{{ name }}፣ በዚህ ሳምንት ብቻ በጤፍና በበርበሬ ላይ 10% ቅናሽ።\n\nበAddisPay እንገናኝ።", null);

    public static async Task<CampaignView> CreateCampaignAsync(this NotificationsPlatform platform, CreateCampaignRequest request)
    {
        using var r = await platform.SendAsync(HttpMethod.Post, "/api/notifications/campaigns", Tokens.Admin(), request);
        await Shop.Expect(r, HttpStatusCode.Accepted);
        return (await r.Content.ReadFromJsonAsync<CampaignView>(NotificationsPlatform.Json))!;
    }

    public static async Task<CampaignView> GetCampaignAsync(this NotificationsPlatform platform, Guid id)
    {
        using var r = await platform.SendAsync(HttpMethod.Get, $"/api/notifications/campaigns/{id}", Tokens.Admin());
        await Shop.Expect(r, HttpStatusCode.OK);
        return (await r.Content.ReadFromJsonAsync<CampaignView>(NotificationsPlatform.Json))!;
    }

    /// <summary>When each message of the campaign was sent, earliest first.</summary>
    public static async Task<List<DateTimeOffset>> CampaignSentTimesAsync(this NotificationsPlatform platform, Guid campaignId)
    {
        await using var conn = new NpgsqlConnection(platform.Factory.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""select "SentAt" from notifications.messages where "SourceId" = @id order by "SentAt" """, conn);
        cmd.Parameters.AddWithValue("id", campaignId);
        var times = new List<DateTimeOffset>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) times.Add(reader.GetFieldValue<DateTimeOffset>(0));
        return times;
    }

    /// <summary>Whether the customer's profile says they take promotions.</summary>
    public static async Task<bool> PromotionsOnAsync(this NotificationsPlatform platform, Customer customer)
    {
        using var r = await platform.SendAsync(HttpMethod.Get, "/api/users/me", customer.AccessToken);
        return (await r.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("notifyPromotions").GetBoolean();
    }

    /// <summary>The path and query of the unsubscribe link in a campaign email's text.</summary>
    public static string UnsubscribeLink(ReceivedEmail email) =>
        Regex.Match(email.Text, @"http://localhost(/api/notifications/unsubscribe\?token=\S+)").Groups[1].Value;

    /// <summary>A draft as the back office composes it, to past buyers of <paramref name="category"/> (or everyone).</summary>
    public static ComposeCampaign Draft(string? category, string? key = null) =>
        new($"Teff season {Guid.NewGuid():N}"[..24], "የጤፍ ወቅት፦ 10% ቅናሽ",
            "{{ name }}, this week only: 10% off teff & berbere.\n\nSee you at AddisPay.",
            "{{ name }}፣ በዚህ ሳምንት ብቻ በጤፍና በበርበሬ ላይ 10% ቅናሽ።\n\nበAddisPay እንገናኝ።", category, null, Staff, key ?? Guid.NewGuid().ToString("N"));

    public static ChangeCampaign Change(StaffCampaign c, string subject) =>
        new(c.Id, c.Version, subject, c.SubjectAm, c.Body, c.BodyAm, c.CategorySlug, c.SendAt, Staff);

    /// <summary>A command through Notifications' contracts, as another module (the back office) sends it.</summary>
    public static async Task<T> SendAsync<T>(this NotificationsPlatform platform, ICommand<T> command)
    {
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    /// <summary>A query through Notifications' contracts, as another module (the back office) sends it.</summary>
    public static async Task<T> SendAsync<T>(this NotificationsPlatform platform, IQuery<T> query)
    {
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
    }

    public static async Task<StaffCampaign> ResultsAsync(this NotificationsPlatform platform, Guid id) => (await platform.SendAsync(new GetCampaignResults(id)))!;

    /// <summary>A verified customer who bought a product of <paramref name="category"/>: the audience of a campaign to it.</summary>
    public static async Task<Customer> BuyerAsync(this NotificationsPlatform platform, string category, bool promotions = true, string language = "en")
    {
        var buyer = await platform.CustomerAsync(language, promotions: promotions, verified: true);
        var productId = Guid.NewGuid();
        await platform.PublishAsync(
            new ProductPublished(productId, $"teff-{productId:N}", "Teff flour", "የጤፍ ዱቄት", null, null, null,
                new CategoryPath(["food", category], ["Food", "Teff"], ["ምግብ", "ጤፍ"]), [], [], DateTimeOffset.UtcNow),
            new OrderPaid(Guid.NewGuid(), OrderNumber(), buyer.Id, [Coffee with { ProductId = productId }], 900m, Gateways.Sandbox, "SB-1"));
        await platform.WaitForInboxAsync();
        return buyer;
    }

    /// <summary>A message as the delivery log's statement takes it.</summary>
    public static (string, object?)[] Message(Guid id, string channel, string recipient, DateTimeOffset next) =>
    [
        ("id", id), ("source", Guid.NewGuid()), ("user", null), ("channel", channel), ("recipient", recipient), ("template", "order_paid"),
        ("language", "en"), ("promotional", false), ("subject", channel == "email" ? "Your order is paid" : null), ("body", "Your order is paid."),
        ("html", null), ("now", DateTimeOffset.UtcNow), ("next", next)
    ];

    /// <summary>Adds the messages to the delivery log in one transaction, through the module's own statement.</summary>
    public static async Task EnqueueAsync(this NotificationsPlatform platform, params (string, object?)[][] messages)
    {
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        var work = scope.ServiceProvider.GetRequiredService<ModuleWork<NotificationsDbContext>>();
        await work.BeginAsync(CancellationToken.None);
        foreach (var message in messages) Assert.True(await MessageSql.EnqueueAsync(work, message, CancellationToken.None));
        await work.CompleteAsync(CancellationToken.None);
    }
}
