namespace AddisPay.Shared.Modules;

/// <summary>The business modules of the platform, whether or not their code has landed yet.</summary>
public static class ModuleNames
{
    public const string Users = "users";
    public const string Products = "products";
    public const string Cart = "cart";
    public const string Orders = "orders";
    public const string Payments = "payments";
    public const string Notifications = "notifications";
    public const string Search = "search";
    public const string Recommendations = "recommendations";
    public const string Reviews = "reviews";
    public const string Storefront = "storefront";
    public const string BackOffice = "backoffice";
}
