namespace AddisPay.IntegrationTests.Products;

/// <summary>Giving a cancelled checkout's hold back (ReleaseReservation over the pod-to-pod endpoint): once, however often it is sent, and never a sold one.</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class ReleaseReservationTests(CatalogueAndCartPlatform platform)
{
    [Fact]
    public async Task Releasing_a_hold_is_a_200_each_time_it_is_sent() =>
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], (await SoldAndReleased.ArrangedAsync(platform)).Releases);

    [Fact]
    public async Task A_hold_released_twice_gives_its_units_back_once()
    {
        var (onHand, reserved, available) = (await SoldAndReleased.ArrangedAsync(platform)).Stock;
        Assert.Equal((4, 0, 4), (onHand, reserved, available));
    }

    [Fact]
    public async Task Releasing_a_hold_that_was_committed_is_a_409() =>
        Assert.Equal(HttpStatusCode.Conflict, (await SoldAndReleased.ArrangedAsync(platform)).LateRelease);
}
