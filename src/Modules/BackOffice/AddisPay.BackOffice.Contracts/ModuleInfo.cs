using AddisPay.Shared.Contracts;

[assembly: ModuleContracts("backoffice")]
namespace AddisPay.BackOffice.Contracts;

/// <summary>
/// The back office owns its audit log and answers no requests of other modules; what others may know of it is where its
/// pages are (links in a staff e-mail, the chart's Ingress path).
/// </summary>
public static class BackOfficeAddresses
{
    /// <summary>Every back-office page is under this path (the Ingress sends it to the pods running the back office).</summary>
    public const string Root = "/admin";

    public const string SignIn = "/admin/sign-in";

    public static string Order(Guid orderId) => "/admin/orders/" + orderId;
}
