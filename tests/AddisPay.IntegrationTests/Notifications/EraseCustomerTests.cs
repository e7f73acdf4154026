using AddisPay.Notifications.Contracts;

namespace AddisPay.IntegrationTests.Notifications;

/// <summary>A customer who deleted their account (Users' <c>UserDeleted</c>): their watches go, their messages stay without personal data.</summary>
[Collection(NotificationsPlatform.Collection)]
public sealed class EraseCustomerTests(NotificationsPlatform platform)
{
    /// <summary>A customer who watched a product and was sent their verification email, then deleted their account.</summary>
    private sealed record Deleted(Customer Customer, HttpStatusCode WatchAnswer, MessageView Verification, HttpStatusCode DeleteAnswer);

    private Task<Deleted> DeletedAsync() => platform.ArrangedAsync(async p =>
    {
        var shop = new Shop(p.Http, p.Http);
        var product = await shop.CreateProductAsync($"DEL-{Guid.NewGuid():N}"[..14], 80m, stock: 0);
        var customer = await p.CustomerAsync("en");
        HttpStatusCode watchAnswer, deleteAnswer;
        using (var watch = await p.SendAsync(HttpMethod.Post, "/api/notifications/watches", customer.AccessToken, new { productId = product.Id }))
            watchAnswer = watch.StatusCode;
        var verification = Assert.Single(await Eventually.Until(() => p.LogAsync(customer.Email), l => l.Count == 1 && l[0].Status == "sent",
            "the verification email to be sent"));

        using (var delete = await p.SendAsync(HttpMethod.Delete, "/api/users/me", customer.AccessToken))
            deleteAnswer = delete.StatusCode;
        await p.WaitForInboxAsync();
        return new Deleted(customer, watchAnswer, verification, deleteAnswer);
    });

    [Fact]
    public async Task A_deleted_customers_address_finds_nothing_in_the_delivery_log()
    {
        var deleted = await DeletedAsync();
        Assert.Equal(HttpStatusCode.NoContent, deleted.DeleteAnswer);
        Assert.Empty(await platform.LogAsync(deleted.Customer.Email));
    }

    [Fact]
    public async Task A_deleted_customer_leaves_no_watches()
    {
        var deleted = await DeletedAsync();
        Assert.Equal(HttpStatusCode.Created, deleted.WatchAnswer);
        Assert.Equal(0, await Scenarios.PriceChangeScenario.CountAsync(platform.Factory.ConnectionString,
            $"select count(*) from notifications.watches where \"UserId\" = '{deleted.Customer.Id}'"));
    }

    [Fact]
    public async Task The_messages_sent_to_a_deleted_customer_stay_in_the_log_with_their_recipient_subject_and_body_erased()
    {
        var verification = (await DeletedAsync()).Verification;
        Assert.Equal(1, await Scenarios.PriceChangeScenario.CountAsync(platform.Factory.ConnectionString,
            $"select count(*) from notifications.messages where \"Id\" = '{verification.Id}' and \"Recipient\" = 'erased:{verification.Id}' and \"Body\" = '' and \"Subject\" is null"));
    }
}
