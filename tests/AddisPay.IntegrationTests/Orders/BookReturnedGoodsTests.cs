using AddisPay.IntegrationTests.Payments;

namespace AddisPay.IntegrationTests.Orders;

/// <summary>Returned goods go to Products' books: restocked units back on the shelf, written-off units recorded without coming back.</summary>
[Collection(PaymentsPlatform.Collection)]
public sealed class BookReturnedGoodsTests(PaymentsPlatform platform)
{
    private Task<GoodsReturned> ReturnedAsync() => platform.OnceAsync(GoodsReturned.ArrangeAsync);

    [Fact]
    public async Task Restocked_returned_goods_go_back_on_the_shelf_as_returned()
    {
        var mugs = (await ReturnedAsync()).MugsStock;

        Assert.Equal((10, "returned"), (mugs.OnHand, mugs.Movements[0].Reason));
    }

    [Fact]
    public async Task Written_off_returned_goods_are_booked_without_coming_back()
    {
        var plate = (await ReturnedAsync()).PlateStock;

        Assert.Equal(("written_off", 9, 0), (plate.Movements[0].Reason, plate.OnHand, plate.Movements[0].OnHandDelta));
    }
}
