using System.Text.RegularExpressions;
using AddisPay.BackOffice.Staff;

namespace AddisPay.UnitTests.BackOffice;

/// <summary>The back office's words: every one in English and Amharic.</summary>
public sealed partial class BackOfficeTextsTests
{
    [Fact]
    public void Every_text_has_English_and_Amharic_with_the_same_placeholders()
    {
        foreach (var (key, (en, am)) in BackOfficeTexts.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(en), $"{key} has no English");
            Assert.False(string.IsNullOrWhiteSpace(am), $"{key} has no Amharic");
            Assert.True(Placeholders(en).SetEquals(Placeholders(am)), $"{key}: English and Amharic fill in different values");
            Assert.True(Regex.IsMatch(am, "[\u1200-\u137F]"),
                $"{key}: the Amharic is not written in Ethiopic");
        }
    }

    [Fact]
    public void Every_order_status_and_audited_action_has_words() =>
        Assert.All(new[] { "status.pending_payment", "status.paid", "status.processing", "status.shipped", "status.delivered", "status.cancelled",
            "status.refund_requested", "status.partially_refunded", "status.refunded", "action.order.processing", "action.order.shipped",
            "action.order.delivered", "action.order.cancelled", "action.order.refunded", "action.stock.adjusted", "action.category.created",
            "action.category.renamed", "action.category.moved", "action.category.removed" }, key => Assert.True(BackOfficeTexts.All.ContainsKey(key), key));

    [Fact]
    public void Every_reason_a_staff_member_may_give_for_a_stock_adjustment_has_words() =>
        Assert.All(AddisPay.Products.Contracts.StockAdjustmentReasons.All, reason => Assert.True(BackOfficeTexts.All.ContainsKey("reason." + reason), reason));

    [Fact]
    public void Every_customer_review_and_operations_action_the_audit_log_lists_has_words() =>
        Assert.All(new[] { "customer.locked", "customer.unlocked", "customer.role_granted", "customer.role_revoked", "customer.exported",
            "review.approved", "review.hidden", "review.restored", "message.resent", "inbox.replayed", "payment.settled" },
            action => Assert.True(BackOfficeTexts.All.ContainsKey("action." + action), action));

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
