namespace AddisPay.IntegrationTests.Products;

/// <summary>Selling a checkout's hold once its order is paid (CommitReservation over the pod-to-pod endpoint): once, however often it is sent, and never after it expired.</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class CommitReservationTests(CatalogueAndCartPlatform platform)
{
    [Fact]
    public async Task Committing_a_hold_is_a_200_saying_committed() =>
        Assert.Equal((HttpStatusCode.OK, "Committed"), (await SoldAndReleased.ArrangedAsync(platform)).Commits[0]);

    [Fact]
    public async Task Committing_a_hold_again_is_answered_as_the_first_time() =>
        Assert.Equal((HttpStatusCode.OK, "Committed"), (await SoldAndReleased.ArrangedAsync(platform)).Commits[1]);

    [Fact]
    public async Task A_hold_committed_twice_takes_its_units_off_stock_on_hand_once() =>
        Assert.Equal(4, (await SoldAndReleased.ArrangedAsync(platform)).Stock.OnHand);

    [Fact]
    public async Task Committing_a_hold_that_expired_is_a_409() =>
        Assert.Equal(HttpStatusCode.Conflict, (await ExpiredHold.ArrangedAsync(platform)).CommitAfterExpiry);
}
