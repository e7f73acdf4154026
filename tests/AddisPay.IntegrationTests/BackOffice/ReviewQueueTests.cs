using AddisPay.IntegrationTests.Storefront;

namespace AddisPay.IntegrationTests.BackOffice;

/// <summary>
/// The review queue (Components/Pages/People/ReviewQueue.razor) over plain HTTP: support approves a waiting review, hides a
/// reported one and restores it, each made once (<see cref="OperationsActions"/>); hiding in the browser runs in the
/// operations journey (BackOfficeJourneyTests).
/// </summary>
[Collection(nameof(ShopBrowser))]
public sealed class ReviewQueueTests(AllInOneShop fixture)
{
    private Task<OperationsActions.Moderated> ApprovedAsync() => OperationsActions.SupportApprovesAWaitingReviewAsync(fixture);
    private Task<OperationsActions.Moderated> RestoredAsync() => OperationsActions.SupportHidesAndRestoresAReviewAsync(fixture);

    private static async Task AuditedAsync(OperationsActions.Moderated run, string action, string before, string after)
    {
        var entry = await OperationsActions.AuditEntryAsync(run.Shop.BackOffice, run.Support, action, "review:" + run.ReviewId);
        Assert.Equal(("done", before, after), (entry.Outcome, OperationsActions.StatusIn(entry.Before), OperationsActions.StatusIn(entry.After)));
    }

    [Fact]
    public async Task A_review_waiting_for_moderation_is_not_listed() =>
        Assert.DoesNotContain((await ApprovedAsync()).Title, (await ApprovedAsync()).Answers["listed while waiting"]);

    [Fact]
    public async Task Support_approves_a_review_waiting_for_moderation() =>
        Assert.Contains("The review is approved and shown.", (await ApprovedAsync()).Answers["approved"]);

    [Fact]
    public async Task A_review_support_approved_shows_in_the_list_and_on_the_product_page() =>
        await (await ApprovedAsync()).ShownAsync();

    [Fact]
    public async Task The_audit_log_holds_the_approval_done_from_pending_to_published() =>
        await AuditedAsync(await ApprovedAsync(), "review.approved", "pending", "published");

    [Fact]
    public async Task Support_hides_a_reported_review_which_leaves_the_list()
    {
        var run = await RestoredAsync();
        Assert.Contains("The review is hidden.", run.Answers["hidden"]);
        Assert.DoesNotContain(run.Title, run.Answers["listed while hidden"]);
    }

    [Fact]
    public async Task The_hidden_queue_shows_why_a_review_was_hidden() =>
        Assert.Contains("Hidden because: <q>Looked like spam</q>", (await RestoredAsync()).Answers["hidden queue"]);

    [Fact]
    public async Task Support_restores_a_hidden_review() =>
        Assert.Contains("The review is shown.", (await RestoredAsync()).Answers["restored"]);

    [Fact]
    public async Task A_review_support_restored_shows_in_the_list_and_on_the_product_page_again() =>
        await (await RestoredAsync()).ShownAsync();

    [Fact]
    public async Task The_audit_log_holds_the_restore_done_from_hidden_to_published() =>
        await AuditedAsync(await RestoredAsync(), "review.restored", "hidden", "published");
}
