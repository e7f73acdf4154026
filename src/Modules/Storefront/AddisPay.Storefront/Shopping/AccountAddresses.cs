namespace AddisPay.Storefront.Shopping;

/// <summary>Where the account pages live (the emails Users sends link to /verify-email and /reset-password).</summary>
internal static class AccountAddresses
{
    public const string Home = "/account";
    public const string SignIn = ShopperSessions.SignInPath;
    public const string SignOut = "/account/sign-out";
    public const string Register = "/account/register";
    public const string ForgotPassword = "/account/forgot-password";
    public const string VerifyEmail = "/verify-email";
    public const string ResetPassword = "/reset-password";
    public const string Profile = "/account/profile";
    public const string Password = "/account/password";
    public const string Privacy = "/account/privacy";
    /// <summary>The shopper's saved shipping addresses (the ones checkout offers, the default first).</summary>
    public const string AddressBook = "/account/addresses";
    /// <summary>The JSON download of what Users holds about the shopper (an endpoint: a page cannot answer with a file).</summary>
    public const string DataExport = "/account/privacy/my-data.json";

    /// <summary>The address book with one address's fields open for editing.</summary>
    public static string EditAddress(Guid addressId) => AddressBook + "?edit=" + addressId;

    /// <summary>The page with a returnUrl to come back to (only ever a path on this site).</summary>
    public static string WithReturn(string page, string? returnUrl) =>
        string.IsNullOrEmpty(returnUrl) || ShopPaths.LocalOrHome(returnUrl) == "/" ? page : page + "?returnUrl=" + Uri.EscapeDataString(ShopPaths.LocalOrHome(returnUrl));
}
