using AddisPay.Notifications.Contracts;
using AddisPay.Notifications.CreateCampaign;
using AddisPay.Orders.Contracts;

namespace AddisPay.IntegrationTests.Notifications;

/// <summary>
/// Promotions under quiet hours (<see cref="QuietHoursPlatform"/>: the hour before and after now in Addis Ababa): held until
/// the window ends, while order updates go out at once. A setting every other Notifications test would notice, so a
/// platform of its own.
/// </summary>
public sealed class QuietHoursTests(QuietHoursPlatform platform) : IClassFixture<QuietHoursPlatform>
{
    /// <summary>
    /// A campaign created through the API during quiet hours, then an order shipped to the same customer (whose verification
    /// email, transactional, was sent during quiet hours too).
    /// </summary>
    private sealed record PromotionHeld(HttpStatusCode CreateAnswer, MessageView Promotion, string Number, IReadOnlyList<ReceivedEmail> Emails, MessageView PromotionAfter);

    private Task<PromotionHeld> PromotionHeldAsync() => platform.ArrangedAsync(async _ =>
    {
        var customer = await platform.CustomerAsync("en", promotions: true, verified: true);
        HttpStatusCode created;
        using (var r = await platform.SendAsync(HttpMethod.Post, "/api/notifications/campaigns", Tokens.Admin(),
                   new CreateCampaignRequest("Weekend offer", "የሳምንቱ መጨረሻ ቅናሽ", "Fresh coffee for less.", "ትኩስ ቡና በቅናሽ።", null)))
            created = r.StatusCode;
        var held = await Eventually.Until(() => platform.LogAsync(customer.Email), l => l.Any(m => m.Template == "promotion"), "the promotion to be queued");

        await platform.PublishAsync(new OrderShipped(Guid.NewGuid(), "AP-515151", customer.Id, "DHL", "Q1"));
        var emails = await platform.EmailsAsync(customer.Email, 2);
        var after = await platform.LogAsync(customer.Email);
        return new PromotionHeld(created, held.Single(m => m.Template == "promotion"), "AP-515151", emails, after.Single(m => m.Template == "promotion"));
    });

    [Fact]
    public async Task A_promotion_created_during_quiet_hours_is_queued_until_they_end()
    {
        var run = await PromotionHeldAsync();
        Assert.Equal(HttpStatusCode.Accepted, run.CreateAnswer);
        Assert.Equal("queued", run.Promotion.Status);
        Assert.Equal(QuietHoursPlatform.EndMinute, run.Promotion.NextAttemptAt);
    }

    [Fact]
    public async Task An_order_update_during_quiet_hours_goes_out_at_once()
    {
        var run = await PromotionHeldAsync();
        Assert.Contains(run.Emails, e => e.Subject == $"Your order {run.Number} is on its way");
    }

    [Fact]
    public async Task A_held_promotion_is_not_attempted_while_an_order_update_queued_after_it_goes_out()
    {
        var promotion = (await PromotionHeldAsync()).PromotionAfter;
        Assert.Equal("queued", promotion.Status);
        Assert.Equal(0, promotion.Attempts);
    }

    /// <summary>A campaign composed and sent now through the contracts during quiet hours; its customer then opts out.</summary>
    private sealed record SentNow(StaffCampaign Scheduled, MessageView Message);

    private Task<SentNow> SentNowAsync() => platform.ArrangedAsync(async _ =>
    {
        var customer = await platform.CustomerAsync("en", promotions: true, verified: true);
        var draft = (await platform.SendAsync(new ComposeCampaign("Harvest offer", "የመከር ቅናሽ", "New beans are in.", "አዲስ ቡና ገብቷል።", null, null, Guid.NewGuid(),
            Guid.NewGuid().ToString("N")))).Campaign;
        var scheduled = (await platform.SendAsync(new ScheduleCampaign(draft.Id, draft.Version, null, Guid.NewGuid()))).Campaign;
        var held = await Eventually.Until(() => platform.LogAsync(customer.Email), l => l.Any(m => m.SourceId == draft.Id), "the campaign's message to be queued");

        // Out of the audience again, so the class's other campaign reaches only its own customer.
        using var optOut = await platform.SendAsync(HttpMethod.Put, "/api/users/me", customer.AccessToken,
            new { fullName = customer.Name, phone = customer.Phone, preferredLanguage = "en", notifyOrderUpdates = true, notifyPromotions = false });
        await Shop.Expect(optOut, HttpStatusCode.OK);
        return new SentNow(scheduled, held.Single(m => m.SourceId == draft.Id));
    });

    [Fact]
    public async Task A_campaign_sent_now_during_quiet_hours_says_it_goes_out_when_they_end()
    {
        var scheduled = (await SentNowAsync()).Scheduled;
        Assert.True(scheduled.InQuietHours);
        Assert.Equal(QuietHoursPlatform.EndMinute, scheduled.GoesOutAt);
    }

    [Fact]
    public async Task A_campaign_sent_now_during_quiet_hours_has_its_message_held_until_they_end()
    {
        var message = (await SentNowAsync()).Message;
        Assert.Equal("queued", message.Status);
        // Its own slot at the window's end, or a rate interval after another customer's (the class's other campaign may have one).
        Assert.InRange(message.NextAttemptAt, QuietHoursPlatform.EndMinute, QuietHoursPlatform.EndMinute.AddMinutes(1));
    }
}
