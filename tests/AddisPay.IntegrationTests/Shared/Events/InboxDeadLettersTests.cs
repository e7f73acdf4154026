using AddisPay.IntegrationTests.Scenarios;
using AddisPay.Shared.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.IntegrationTests.Shared.Events;

/// <summary>
/// An event whose handler fails every attempt is parked in the module's dead letters; an admin lists it and, once the
/// handler works again, replays it through the inbox's own path: applied once, kept as replayed, never applied twice.
/// The handler is broken and fixed without a code change (AddisPay:Testing:FailingHandlers, Testing only).
/// </summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class InboxDeadLettersTests(AllModulesPlatform platform)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http = platform.Factory.CreateClient();
    private string Db => platform.Factory.ConnectionString;

    private async Task<HttpResponseMessage> AdminAsync(HttpMethod method, string url, object? body = null, string? token = null) =>
        await _http.SendAsync(Shop.Request(method, url, body, token ?? Tokens.Admin()));

    private async Task BreakCartRepricingAsync(bool broken)
    {
        using var response = await AdminAsync(HttpMethod.Put, "/api/cart/operations/failing-handlers",
            new { handlers = broken ? new[] { "RepriceCartLines" } : [] });
        await Shop.Expect(response, HttpStatusCode.OK);
    }

    /// <summary>A cart holding a product whose price change the cart's inbox parked; the handler works again afterwards.</summary>
    private async Task<(Guid CartId, Guid EventId)> ParkAPriceChangeAsync(decimal newPrice)
    {
        var shop = platform.Factory.Shop();
        var product = await shop.CreateProductAsync($"DLR-{Guid.NewGuid():N}"[..14], 100m);
        var cart = await shop.CreateCartAsync();
        (await shop.AddItemAsync(cart.Id, product.Id, 1)).Dispose();
        await BreakCartRepricingAsync(true);
        try
        {
            await shop.ChangePriceAsync(product.Id, newPrice);
            var parked = await Eventually.Until(async () => await DeadLetterOfAsync(product.Id), d => d is not null,
                "the price change to be dead-lettered");
            return (cart.Id, parked!.EventId);
        }
        finally
        {
            await BreakCartRepricingAsync(false);
        }
    }

    /// <summary>The dead letter of the product's price change, as the API lists it; null while there is none.</summary>
    private async Task<InboxDeadLetter?> DeadLetterOfAsync(Guid productId)
    {
        await using var conn = new Npgsql.NpgsqlConnection(Db);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("select event_id from cart.inbox_dead_letters where payload->>'ProductId' = @p", conn);
        cmd.Parameters.AddWithValue("p", productId.ToString());
        if (await cmd.ExecuteScalarAsync() is not Guid eventId) return null;
        return (await ListAsync("/api/cart/operations/dead-letters?pageSize=200")).Items.Single(d => d.EventId == eventId);
    }

    private async Task<InboxDeadLetterPage> ListAsync(string url)
    {
        using var response = await AdminAsync(HttpMethod.Get, url);
        await Shop.Expect(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<InboxDeadLetterPage>(Json))!;
    }

    private async Task<HttpResponseMessage> ReplayAsync(Guid eventId, string? token = null) =>
        await AdminAsync(HttpMethod.Post, $"/api/cart/operations/dead-letters/{eventId}/replay", token: token);

    private Task<long> TimesMarkedAsync(Guid eventId) => PriceChangeScenario.CountAsync(Db, $"select count(*) from cart.inbox where event_id = '{eventId}'");

    [Fact]
    public async Task An_event_whose_handler_always_fails_is_listed_as_waiting_with_its_error_and_attempts()
    {
        var (_, eventId) = await ParkAPriceChangeAsync(151m);

        var waiting = await ListAsync("/api/cart/operations/dead-letters?waiting=true&pageSize=200");
        var parked = Assert.Single(waiting.Items, d => d.EventId == eventId);
        Assert.Equal(("cart", "products.product_price_changed", 5), (waiting.Module, parked.EventType, parked.Attempts));
        Assert.Contains("broken on purpose", parked.Error);
        Assert.Null(parked.ReplayedAt);
        Assert.Equal(0, await TimesMarkedAsync(eventId));
    }

    /// <summary>A parked price change replayed by the admin: the replay's answer, and what the cart and the list say after it.</summary>
    private sealed record Replayed(InboxReplay Answer, decimal[] Notices, long TimesMarked, InboxDeadLetter Kept, bool StillWaiting);

    private Task<Replayed> ReplayedAsync() => Arrangements.Of(platform).OnceAsync(async () =>
    {
        var (cartId, eventId) = await ParkAPriceChangeAsync(152m);

        using var response = await ReplayAsync(eventId);
        await Shop.Expect(response, HttpStatusCode.OK);
        var answer = (await response.Content.ReadFromJsonAsync<InboxReplay>(Json))!;
        var cart = await platform.Factory.Shop().GetCartAsync(cartId);
        var kept = Assert.Single((await ListAsync("/api/cart/operations/dead-letters?waiting=false&pageSize=200")).Items, d => d.EventId == eventId);
        var stillWaiting = (await ListAsync("/api/cart/operations/dead-letters?waiting=true&pageSize=200")).Items.Any(d => d.EventId == eventId);
        return new Replayed(answer, cart.Notices.Select(n => n.NewPriceEtb).ToArray(), await TimesMarkedAsync(eventId), kept, stillWaiting);
    });

    [Fact]
    public async Task A_replayed_dead_letter_is_applied_once()
    {
        var replayed = await ReplayedAsync();
        Assert.Equal((false, false, "admin:admin-1"), (replayed.Answer.AlreadyReplayed, replayed.Answer.AlreadyApplied, replayed.Answer.ReplayedBy));
        Assert.Equal([152m], replayed.Notices);
        Assert.Equal(1, replayed.TimesMarked);
    }

    [Fact]
    public async Task A_replayed_dead_letter_is_kept_as_replayed_by_the_admin_and_no_longer_waits()
    {
        var replayed = await ReplayedAsync();
        Assert.Equal("admin:admin-1", replayed.Kept.ReplayedBy);
        Assert.NotNull(replayed.Kept.ReplayedAt);
        Assert.False(replayed.StillWaiting);
    }

    /// <summary>A parked price change replayed twice by the admin: the second replay's answer, and what the cart and the inbox say.</summary>
    private sealed record ReplayedTwice(bool AlreadyReplayed, int Notices, long TimesMarked);

    private Task<ReplayedTwice> ReplayedTwiceAsync() => Arrangements.Of(platform).OnceAsync(async () =>
    {
        var (cartId, eventId) = await ParkAPriceChangeAsync(153m);
        (await ReplayAsync(eventId)).Dispose();

        using var again = await ReplayAsync(eventId);
        await Shop.Expect(again, HttpStatusCode.OK);
        var answer = (await again.Content.ReadFromJsonAsync<InboxReplay>(Json))!;
        return new ReplayedTwice(answer.AlreadyReplayed, (await platform.Factory.Shop().GetCartAsync(cartId)).Notices.Count, await TimesMarkedAsync(eventId));
    });

    [Fact]
    public async Task A_second_replay_answers_already_replayed() =>
        Assert.True((await ReplayedTwiceAsync()).AlreadyReplayed);

    [Fact]
    public async Task A_second_replay_applies_nothing_again()
    {
        var replayed = await ReplayedTwiceAsync();
        Assert.Equal(1, replayed.Notices);
        Assert.Equal(1, replayed.TimesMarked);
    }

    /// <summary>A parked price change replayed while the handler is broken again: the answer, and where the event is left.</summary>
    private sealed record ReplayFailed(HttpStatusCode Status, string Body, int Attempts, int Notices, long TimesMarked);

    private Task<ReplayFailed> ReplayFailedAsync() => Arrangements.Of(platform).OnceAsync(async () =>
    {
        var (cartId, eventId) = await ParkAPriceChangeAsync(154m);
        await BreakCartRepricingAsync(true);
        HttpStatusCode status;
        string body;
        try
        {
            using var response = await ReplayAsync(eventId);
            (status, body) = (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        finally
        {
            await BreakCartRepricingAsync(false);
        }

        var parked = Assert.Single((await ListAsync("/api/cart/operations/dead-letters?waiting=true&pageSize=200")).Items, d => d.EventId == eventId);
        return new ReplayFailed(status, body, parked.Attempts, (await platform.Factory.Shop().GetCartAsync(cartId)).Notices.Count, await TimesMarkedAsync(eventId));
    });

    [Fact]
    public async Task A_replay_that_fails_again_answers_409_with_the_error()
    {
        var failed = await ReplayFailedAsync();
        Assert.Equal(HttpStatusCode.Conflict, failed.Status);
        Assert.Contains("broken on purpose", failed.Body);
    }

    [Fact]
    public async Task A_replay_that_fails_again_leaves_the_event_parked_with_one_more_attempt_and_unapplied()
    {
        var failed = await ReplayFailedAsync();
        Assert.Equal(6, failed.Attempts);
        Assert.Equal(0, failed.Notices);
        Assert.Equal(0, failed.TimesMarked);
    }

    [Fact]
    public async Task A_replay_of_an_event_the_inbox_applied_meanwhile_does_not_run_the_handler_again()
    {
        var (cartId, eventId) = await ParkAPriceChangeAsync(155m);
        // As a redelivery after a crash would leave it: the event marked handled in the cart's inbox.
        await PriceChangeScenario.CountAsync(Db, $"""
            insert into cart.inbox (event_id, sequence, event_type) select event_id, sequence, event_type from cart.inbox_dead_letters
            where event_id = '{eventId}' returning 1
            """);

        using var response = await ReplayAsync(eventId);
        await Shop.Expect(response, HttpStatusCode.OK);
        Assert.True((await response.Content.ReadFromJsonAsync<InboxReplay>(Json))!.AlreadyApplied);
        Assert.Empty((await platform.Factory.Shop().GetCartAsync(cartId)).Notices);
    }

    [Fact]
    public async Task Replaying_an_unknown_event_answers_404()
    {
        using var unknown = await ReplayAsync(Guid.NewGuid());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Replaying_a_malformed_event_id_answers_400_naming_it()
    {
        using var malformed = await AdminAsync(HttpMethod.Post, "/api/cart/operations/dead-letters/not-an-id/replay");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("eventId", await malformed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_page_past_the_last_dead_letter_is_empty_and_still_says_how_many_there_are()
    {
        await ParkAPriceChangeAsync(157m);

        var past = await ListAsync("/api/cart/operations/dead-letters?page=10000&pageSize=200");
        Assert.Empty(past.Items);
        Assert.Equal((await ListAsync("/api/cart/operations/dead-letters?pageSize=1")).Total, past.Total);
        Assert.True(past.Total >= 1);
    }

    [Fact]
    public async Task A_customer_can_neither_list_nor_replay_dead_letters_nor_break_a_handler()
    {
        var customer = Tokens.Customer(Guid.NewGuid().ToString());
        using var list = await AdminAsync(HttpMethod.Get, "/api/cart/operations/dead-letters", token: customer);
        using var replay = await ReplayAsync(Guid.NewGuid(), customer);
        using var breaks = await AdminAsync(HttpMethod.Put, "/api/cart/operations/failing-handlers", new { handlers = new[] { "RepriceCartLines" } }, customer);
        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], [list.StatusCode, replay.StatusCode, breaks.StatusCode]);
    }

    [Fact]
    public async Task The_inbox_status_counts_the_dead_letters_waiting_and_a_replay_takes_one_off()
    {
        var (_, eventId) = await ParkAPriceChangeAsync(156m);
        using var scope = platform.Factory.Services.CreateScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var before = await sender.Send(new GetInboxStatus("cart"));
        Assert.True(before.HasInbox);
        Assert.True(before.DeadLettersWaiting >= 1);

        await sender.Send(new ReplayInboxDeadLetter("cart", eventId, "admin:contract"));

        var after = await sender.Send(new GetInboxStatus("cart"));
        Assert.Equal(before.DeadLettersWaiting - 1, after.DeadLettersWaiting);
    }

    [Fact]
    public async Task The_inbox_status_of_a_module_without_an_inbox_says_it_has_none()
    {
        using var scope = platform.Factory.Services.CreateScope();
        Assert.False((await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetInboxStatus("users"))).HasInbox);
    }

    [Fact]
    public async Task A_request_for_an_unknown_module_is_refused_as_invalid()
    {
        using var scope = platform.Factory.Services.CreateScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(async () => await sender.Send(new ListInboxDeadLetters("warehouse")));
        Assert.Contains("module", refused.Errors.Keys);
    }
}
