using System.Net;
using System.Net.Http.Json;
using AddisPay.IntegrationTests.Infrastructure;
using AddisPay.Payments.Contracts;
using Xunit;

namespace AddisPay.IntegrationTests.Payments;

/// <summary>
/// Payments whose outcome nobody confirmed are listed for staff, who settle them by hand through the webhook's path:
/// the order moves on, a paid one gets its receipt, and a payment settled once is not settled again.
/// </summary>
public sealed partial class PaymentTests
{
    private Task<HttpResponseMessage> SettleAsync(Guid paymentId, object body, string? token = null) =>
        Http.SendAsync(Shop.Request(HttpMethod.Post, $"/api/payments/{paymentId}/settle", body, token ?? Tokens.Admin()));

    private async Task<PaymentsNeedingAttention> AttentionAsync()
    {
        using var response = await Http.SendAsync(Shop.Request(HttpMethod.Get, "/api/payments/attention?pageSize=200", token: Tokens.Admin()));
        await Shop.Expect(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<PaymentsNeedingAttention>())!;
    }

    [Fact]
    public async Task A_payment_nobody_confirmed_is_listed_and_settled_by_hand_as_succeeded_pays_the_order_once_with_a_receipt()
    {
        var (buyer, order, _) = await PendingOrderAsync(price: 700m);
        var session = await buyer.PayAsync(order.Id);
        var listed = Assert.Single((await AttentionAsync()).Payments, p => p.PaymentId == session.PaymentId);
        Assert.Equal((order.Number, "sandbox", order.Amounts.TotalEtb), (listed.OrderNumber, listed.Gateway, listed.AmountEtb));

        using (var settled = await SettleAsync(session.PaymentId, new { outcome = "succeeded", gatewayReference = "SBX-BY-HAND-1", note = "Seen on the dashboard" }))
        {
            await Shop.Expect(settled, HttpStatusCode.OK);
            Assert.False((await settled.Content.ReadFromJsonAsync<PaymentSettledByHand>())!.AlreadySettled);
        }
        using (var repeated = await SettleAsync(session.PaymentId, new { outcome = "succeeded", gatewayReference = "SBX-BY-HAND-1" }))
        {
            await Shop.Expect(repeated, HttpStatusCode.OK);
            Assert.True((await repeated.Content.ReadFromJsonAsync<PaymentSettledByHand>())!.AlreadySettled);
        }

        await buyer.OrderReachesAsync(order.Id, "paid");
        Assert.Equal(1, await EventsAsync("payments.payment_succeeded", order.Id));
        Assert.Equal(1, await CountAsync("select count(*) from payments.invoices where \"OrderId\"::text = @id", order.Id));
        Assert.DoesNotContain((await AttentionAsync()).Payments, p => p.PaymentId == session.PaymentId);
    }

    [Fact]
    public async Task A_payment_settled_by_hand_as_failed_cancels_its_order()
    {
        var (buyer, order, _) = await PendingOrderAsync();
        var session = await buyer.PayAsync(order.Id);

        using (var settled = await SettleAsync(session.PaymentId, new { outcome = "failed", note = "Chapa support: never paid" }))
            await Shop.Expect(settled, HttpStatusCode.OK);

        var cancelled = await buyer.OrderReachesAsync(order.Id, "cancelled");
        Assert.Equal("payment_failed", cancelled.CancellationReason);
        Assert.Equal(1, await EventsAsync("payments.payment_failed", order.Id));
    }

    [Fact]
    public async Task Settling_by_hand_a_payment_already_settled_otherwise_is_a_conflict_that_changes_nothing()
    {
        var (buyer, order, _) = await PendingOrderAsync();
        var session = await buyer.PayAsync(order.Id);
        using (var paid = await buyer.OnSandboxPageAsync(session, "success")) await Shop.Expect(paid, HttpStatusCode.OK);
        await buyer.OrderReachesAsync(order.Id, "paid");

        using var refused = await SettleAsync(session.PaymentId, new { outcome = "failed" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("payments.already-settled", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0, await EventsAsync("payments.payment_failed", order.Id));
    }

    [Fact]
    public async Task Only_an_admin_settles_by_hand_and_a_success_needs_the_gateways_reference()
    {
        var (buyer, order, _) = await PendingOrderAsync();
        var session = await buyer.PayAsync(order.Id);

        using (var customer = await SettleAsync(session.PaymentId, new { outcome = "succeeded", gatewayReference = "X" }, buyer.Token))
            Assert.Equal(HttpStatusCode.Forbidden, customer.StatusCode);
        using (var attention = await Http.SendAsync(Shop.Request(HttpMethod.Get, "/api/payments/attention", token: buyer.Token)))
            Assert.Equal(HttpStatusCode.Forbidden, attention.StatusCode);
        using (var noReference = await SettleAsync(session.PaymentId, new { outcome = "succeeded" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReference.StatusCode);
            Assert.Contains("gatewayReference", await noReference.Content.ReadAsStringAsync());
        }
        using (var unknown = await SettleAsync(Guid.NewGuid(), new { outcome = "failed" })) Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("pending_payment", (await buyer.GetOrderAsync(order.Id)).Status);
    }
}
