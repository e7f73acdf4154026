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

    /// <summary>The page with a returnUrl to come back to (only ever a path on this site).</summary>
    public static string WithReturn(string page, string? returnUrl) =>
        string.IsNullOrEmpty(returnUrl) || ShopPaths.LocalOrHome(returnUrl) == "/" ? page : page + "?returnUrl=" + Uri.EscapeDataString(ShopPaths.LocalOrHome(returnUrl));
}
