namespace AddisPay.IntegrationTests.Notifications;

/// <summary>
/// An admin's resend of a message (<c>POST /api/notifications/messages/{id}/resend</c>). Resending a dead letter, and
/// resending one twice, need a provider that fails: <see cref="DeliveryFailureTests"/>.
/// </summary>
[Collection(NotificationsPlatform.Collection)]
public sealed class ResendMessageTests(NotificationsPlatform platform)
{
    [Fact]
    public async Task Customers_are_refused_resending_a_message()
    {
        using var r = await platform.SendAsync(HttpMethod.Post, $"/api/notifications/messages/{Guid.NewGuid()}/resend", Tokens.Customer(Guid.NewGuid().ToString()));
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
    }

    [Fact]
    public async Task Anonymous_callers_are_refused_resending_a_message()
    {
        using var r = await platform.SendAsync(HttpMethod.Post, $"/api/notifications/messages/{Guid.NewGuid()}/resend", null);
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
    }

    [Fact]
    public async Task Resending_a_message_that_is_not_in_the_log_is_answered_404()
    {
        using var r = await platform.SendAsync(HttpMethod.Post, $"/api/notifications/messages/{Guid.NewGuid()}/resend", Tokens.Admin());
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
    }

    [Fact]
    public async Task A_message_that_was_delivered_cannot_be_resent()
    {
        var customer = await platform.CustomerAsync("en", phone: false);
        await platform.EmailsAsync(customer.Email, 1);
        var sent = await Eventually.Until(() => platform.LogAsync(customer.Email), l => l.Count == 1 && l[0].Status == "sent", "the verification email logged as sent");

        using var r = await platform.SendAsync(HttpMethod.Post, $"/api/notifications/messages/{sent[0].Id}/resend", Tokens.Admin());
        Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
    }
}
