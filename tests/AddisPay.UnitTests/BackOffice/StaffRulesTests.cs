using AddisPay.BackOffice.Staff;

namespace AddisPay.UnitTests.BackOffice;

/// <summary>Who may do what in the back office: admin everything, support orders within its refund limit, anyone else nothing.</summary>
public sealed class StaffRulesTests
{
    [Theory]
    [InlineData(StaffAction.ViewDashboard)]
    [InlineData(StaffAction.ViewOrders)]
    [InlineData(StaffAction.FulfilOrder)]
    [InlineData(StaffAction.CancelOrder)]
    [InlineData(StaffAction.RefundOrder)]
    [InlineData(StaffAction.ViewAuditLog)]
    [InlineData(StaffAction.ViewInventory)]
    [InlineData(StaffAction.AdjustStock)]
    [InlineData(StaffAction.ManageCategories)]
    [InlineData(StaffAction.ImportCatalogue)]
    [InlineData(StaffAction.ExportCatalogue)]
    [InlineData(StaffAction.ViewCustomers)]
    [InlineData(StaffAction.LockCustomer)]
    [InlineData(StaffAction.ExportCustomer)]
    [InlineData(StaffAction.ChangeRoles)]
    [InlineData(StaffAction.ModerateReviews)]
    [InlineData(StaffAction.ViewMessages)]
    [InlineData(StaffAction.ResendMessage)]
    [InlineData(StaffAction.RunOperations)]
    [InlineData(StaffAction.ManageCatalogue)]
    [InlineData(StaffAction.ManageCampaigns)]
    public void An_admin_may_do_every_action(StaffAction action) => Assert.True(StaffRules.May(["admin"], action));

    [Theory]
    [InlineData(StaffAction.ViewDashboard, true)]
    [InlineData(StaffAction.ViewOrders, true)]
    [InlineData(StaffAction.FulfilOrder, true)]
    [InlineData(StaffAction.CancelOrder, true)]
    [InlineData(StaffAction.RefundOrder, true)]
    [InlineData(StaffAction.ViewAuditLog, false)]
    [InlineData(StaffAction.ViewInventory, false)]
    [InlineData(StaffAction.AdjustStock, false)]
    [InlineData(StaffAction.ManageCategories, false)]
    [InlineData(StaffAction.ImportCatalogue, false)]
    [InlineData(StaffAction.ExportCatalogue, false)]
    [InlineData(StaffAction.ViewCustomers, true)]
    [InlineData(StaffAction.LockCustomer, true)]
    [InlineData(StaffAction.ExportCustomer, true)]
    [InlineData(StaffAction.ChangeRoles, false)]
    [InlineData(StaffAction.ModerateReviews, true)]
    [InlineData(StaffAction.ViewMessages, true)]
    [InlineData(StaffAction.ResendMessage, true)]
    [InlineData(StaffAction.RunOperations, false)]
    public void Support_works_orders_customers_reviews_and_messages_but_reads_no_audit_log_changes_no_role_and_runs_no_operations(StaffAction action, bool allowed) => Assert.Equal(allowed, StaffRules.May(["support"], action));

    [Fact]
    public void Support_may_not_keep_the_catalogue_which_holds_prices_and_stock() => Assert.False(StaffRules.May(["support"], StaffAction.ManageCatalogue));

    [Fact]
    public void Support_may_not_run_campaigns_which_write_to_every_customer_who_opted_in() => Assert.False(StaffRules.May(["support"], StaffAction.ManageCampaigns));

    [Fact]
    public void A_customer_may_do_nothing_in_the_back_office() =>
        Assert.All(Enum.GetValues<StaffAction>(), action => Assert.False(StaffRules.May(["customer"], action)));

    [Fact]
    public void Only_admins_and_support_are_staff()
    {
        Assert.True(StaffRules.IsStaff(["customer", "support"]));
        Assert.True(StaffRules.IsStaff(["admin"]));
        Assert.False(StaffRules.IsStaff(["customer"]));
        Assert.False(StaffRules.IsStaff([]));
    }

    [Theory]
    [InlineData("2000.00", true)]
    [InlineData("2000.01", false)]
    [InlineData("0.01", true)]
    public void Support_refunds_up_to_the_limit_inclusive(string amount, bool allowed) =>
        Assert.Equal(allowed, StaffRules.MayRefund(["support"], decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), 2000m));

    [Fact]
    public void An_admin_refunds_above_the_support_limit() => Assert.True(StaffRules.MayRefund(["admin"], 1_000_000m, 2000m));

    [Fact]
    public void A_customer_refunds_nothing_however_small() => Assert.False(StaffRules.MayRefund(["customer"], 0.01m, 2000m));
}
