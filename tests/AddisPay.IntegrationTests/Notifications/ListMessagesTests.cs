using AddisPay.Notifications.Contracts;
using AddisPay.Shared.Contracts;

namespace AddisPay.IntegrationTests.Notifications;

/// <summary>The delivery log for admins (<c>GET /api/notifications/messages</c>) and for other modules (the contracts' <see cref="ListMessages"/>).</summary>
[Collection(NotificationsPlatform.Collection)]
public sealed class ListMessagesTests(NotificationsPlatform platform)
{
    [Fact]
    public async Task Customers_are_refused_the_delivery_log()
    {
        using var r = await platform.SendAsync(HttpMethod.Get, "/api/notifications/messages?status=dead", Tokens.Customer(Guid.NewGuid().ToString()));
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
    }

    [Fact]
    public async Task Anonymous_callers_are_refused_the_delivery_log()
    {
        using var r = await platform.SendAsync(HttpMethod.Get, "/api/notifications/messages?status=dead", null);
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
    }

    [Fact]
    public async Task Listing_the_delivery_log_with_an_unknown_status_is_refused_naming_the_status()
    {
        using var r = await platform.SendAsync(HttpMethod.Get, "/api/notifications/messages?status=lost", Tokens.Admin());
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains("\"status\"", await r.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Listing_the_delivery_log_with_an_unknown_status_or_an_empty_date_window_is_refused_field_by_field()
    {
        var now = DateTimeOffset.UtcNow;
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(async () =>
            await platform.SendAsync(new ListMessages("lost", From: now, To: now, PageSize: 500)));
        Assert.Equal(["pageSize", "status", "to"], refused.Errors.Keys.Order().ToArray());
    }
}
