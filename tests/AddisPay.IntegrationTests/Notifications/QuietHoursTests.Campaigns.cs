using AddisPay.IntegrationTests.Infrastructure;
using AddisPay.Notifications.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AddisPay.IntegrationTests.Notifications;

public sealed partial class QuietHoursTests
{
    [Fact]
    public async Task A_campaign_sent_now_during_quiet_hours_says_it_goes_out_when_they_end_and_its_message_is_held_until_then()
    {
        var customer = await platform.CustomerAsync("en", promotions: true, verified: true);
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var draft = (await sender.Send(new ComposeCampaign("Harvest offer", "የመከር ቅናሽ", "New beans are in.", "አዲስ ቡና ገብቷል።", null, null, Guid.NewGuid(),
            Guid.NewGuid().ToString("N")))).Campaign;
        var end = new DateTimeOffset(QuietHoursPlatform.End.Year, QuietHoursPlatform.End.Month, QuietHoursPlatform.End.Day,
            QuietHoursPlatform.End.Hour, QuietHoursPlatform.End.Minute, 0, QuietHoursPlatform.End.Offset);

        var scheduled = (await sender.Send(new ScheduleCampaign(draft.Id, draft.Version, null, Guid.NewGuid()))).Campaign;

        Assert.True(scheduled.InQuietHours);
        Assert.Equal(end, scheduled.GoesOutAt);
        var held = await Eventually.Until(() => platform.LogAsync(customer.Email), l => l.Any(m => m.SourceId == draft.Id), "the campaign's message to be queued");
        var message = held.Single(m => m.SourceId == draft.Id);
        Assert.Equal("queued", message.Status);
        // Its own slot at the window's end, or a rate interval after another customer's (the class's other test may have one).
        Assert.InRange(message.NextAttemptAt, end, end.AddMinutes(1));

        // Out of the audience again, so the class's other campaign reaches only its own customer.
        using var optOut = await platform.SendAsync(HttpMethod.Put, "/api/users/me", customer.AccessToken,
            new { fullName = customer.Name, phone = customer.Phone, preferredLanguage = "en", notifyOrderUpdates = true, notifyPromotions = false });
        await Shop.Expect(optOut, System.Net.HttpStatusCode.OK);
    }
}
