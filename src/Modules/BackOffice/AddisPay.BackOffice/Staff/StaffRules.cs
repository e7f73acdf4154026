using AddisPay.Shared.Security;

namespace AddisPay.BackOffice.Staff;

/// <summary>What a back-office page or form does, for the rule of who may do it.</summary>
public enum StaffAction
{
    ViewDashboard,
    ViewOrders,
    /// <summary>Processing, shipped with a tracking number, delivered.</summary>
    FulfilOrder,
    CancelOrder,
    RefundOrder,
    ViewAuditLog,
    /// <summary>Stock per SKU, the low-stock list, a SKU's movements (admins: support has no stock).</summary>
    ViewInventory,
    AdjustStock,
    /// <summary>Create, rename, move and remove categories.</summary>
    ManageCategories,
    /// <summary>Import products from a CSV or JSON file (creates products, updates names and prices).</summary>
    ImportCatalogue,
    ExportCatalogue,
    /// <summary>Customers: search, detail, lock and unlock, personal-data export.</summary>
    ViewCustomers,
    LockCustomer,
    ExportCustomer,
    /// <summary>Grant or revoke support and admin.</summary>
    ChangeRoles,
    ModerateReviews,
    /// <summary>The notifications delivery log and resending a message.</summary>
    ViewMessages,
    ResendMessage,
    /// <summary>Event inbox dead letters and replay, payments needing attention and settling by hand.</summary>
    RunOperations,
    /// <summary>The catalogue: list, create, edit, prices, pictures, publish and archive (admins only: support touches no prices).</summary>
    ManageCatalogue,
    /// <summary>Promotional campaigns: compose, change, schedule, cancel, results (admins only).</summary>
    ManageCampaigns,
    /// <summary>Coupons: list, create, change terms and limits, end (admins only: a coupon is a price).</summary>
    ManageCoupons
}

/// <summary>
/// Who may do what in the back office. <c>admin</c> may do everything; <c>support</c> works orders, customers, messages
/// and reviews but touches no prices, stock or roles, reads no audit log, and refunds at most the configured amount at a
/// time. Anyone else (a customer) has no back office at all. Pages hide what a role may not do; every form checks again.
/// </summary>
public static class StaffRules
{
    public static bool IsStaff(IReadOnlyCollection<string> roles) => roles.Contains(Roles.Admin) || roles.Contains(Roles.Support);

    public static bool May(IReadOnlyCollection<string> roles, StaffAction action) =>
        roles.Contains(Roles.Admin)
        || roles.Contains(Roles.Support) && action is StaffAction.ViewDashboard or StaffAction.ViewOrders or StaffAction.FulfilOrder
            or StaffAction.CancelOrder or StaffAction.RefundOrder
            or StaffAction.ViewCustomers or StaffAction.LockCustomer or StaffAction.ExportCustomer or StaffAction.ModerateReviews
            or StaffAction.ViewMessages or StaffAction.ResendMessage;

    /// <summary>A refund of <paramref name="amountEtb"/>: admins any amount, support up to <paramref name="supportLimitEtb"/> (inclusive).</summary>
    public static bool MayRefund(IReadOnlyCollection<string> roles, decimal amountEtb, decimal supportLimitEtb) =>
        roles.Contains(Roles.Admin) || May(roles, StaffAction.RefundOrder) && amountEtb <= supportLimitEtb;
}

/// <summary>AddisPay:BackOffice.</summary>
public sealed class BackOfficeOptions
{
    /// <summary>The largest refund (ETB, VAT included) a support agent may give at once; larger ones need an admin.</summary>
    public decimal SupportRefundLimit { get; set; } = 2_000m;
}
