using AddisPay.Orders.Contracts;
using static AddisPay.IntegrationTests.Reviews.ReviewShop;

namespace AddisPay.IntegrationTests.Reviews;

/// <summary>Reviews records what a customer paid for from Orders' <see cref="OrderPaid"/> and marks their reviews verified purchases.</summary>
[Collection(ReviewsPlatform.Collection)]
public sealed class RecordPurchasesTests(ReviewsPlatform platform)
{
    private readonly ReviewShop _shop = new(platform.Factory);

    [Fact]
    public async Task A_paid_order_marks_the_customers_review_written_before_the_payment_verified()
    {
        var product = await _shop.NewProductAsync();
        var customer = Customer.New();
        var before = await _shop.WriteAsync(product, customer);

        await _shop.PublishAsync(new OrderPaid(Guid.NewGuid(), "AP-1001", customer.Id, [Line(product)], 450m, "chapa", "tx-1"));

        await Eventually.Until(() => _shop.ReviewAsync(before.Id), r => r.VerifiedPurchase, "the review written before the payment to become verified");
    }

    [Fact]
    public async Task A_paid_order_leaves_the_customers_reviews_of_products_it_did_not_hold_unverified()
    {
        var (bought, notBought) = (await _shop.NewProductAsync(), await _shop.NewProductAsync());
        var customer = Customer.New();
        var unbought = await _shop.WriteAsync(notBought, customer);

        await _shop.PublishAsync(new OrderPaid(Guid.NewGuid(), "AP-1001", customer.Id, [Line(bought)], 450m, "chapa", "tx-1"));
        await Eventually.Until(() => _shop.PurchasesAsync(customer.Id), n => n == 1, "the paid order's purchase to be recorded");

        Assert.False((await _shop.ReviewAsync(unbought.Id)).VerifiedPurchase);
    }

    [Fact]
    public async Task Paid_orders_record_one_purchase_per_order_and_product()
    {
        var (onlyInFirst, inBoth) = (await _shop.NewProductAsync(), await _shop.NewProductAsync());
        var customer = Customer.New();

        await _shop.PublishAsync(new OrderPaid(Guid.NewGuid(), "AP-2001", customer.Id, [Line(onlyInFirst), Line(inBoth)], 1035m, "chapa", "tx-2001"));
        await _shop.PublishAsync(new OrderPaid(Guid.NewGuid(), "AP-2002", customer.Id, [Line(inBoth)], 517.5m, "telebirr", "tx-2002"));

        await Eventually.Until(() => _shop.PurchasesAsync(customer.Id), n => n == 3, "both orders' purchases to be recorded, one row per order and product");
    }
}
