using AddisPay.Shared.Contracts;
using AddisPay.Shared.Pages;
using AddisPay.Shared.Security;
using AddisPay.Users.Contracts;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace AddisPay.BackOffice.Staff;

/// <summary>The signed-in staff member of this request (from the back office's own cookie), and the check every form makes again.</summary>
internal sealed class StaffMember(IHttpContextAccessor http, ISender sender, IOptions<BackOfficeOptions> options)
{
    private HttpContext Http => http.HttpContext ?? throw new InvalidOperationException("No request.");

    private bool Signed => Http.User.Identity?.AuthenticationType == StaffSessions.Scheme;

    public Guid? Id => Signed ? Http.User.UserId() : null;

    public string Email => Signed ? Http.User.FindFirst("email")?.Value ?? "" : "";

    public IReadOnlyCollection<string> Roles => Signed ? Http.User.FindAll("role").Select(c => c.Value).ToArray() : [];

    public bool IsAdmin => Roles.Contains(AddisPay.Shared.Security.Roles.Admin);

    public decimal SupportRefundLimit => options.Value.SupportRefundLimit;

    public bool May(StaffAction action) => StaffRules.May(Roles, action);

    public bool MayRefund(decimal amountEtb) => StaffRules.MayRefund(Roles, amountEtb, SupportRefundLimit);

    /// <summary>The server's own check behind every form: a hidden button is not a rule.</summary>
    public Guid Require(StaffAction action)
    {
        if (Id is not { } id) throw new UnauthenticatedException("Sign in to the back office.");
        if (!May(action)) throw new ForbiddenException($"Your role may not {action}.");
        return id;
    }

    public enum SignInOutcome { SignedIn, NotStaff }

    /// <summary>
    /// Signs in through Users (its throttling and its one answer for a wrong address or password); an account with no staff
    /// role is refused, and the Users session just opened for it is ended at once.
    /// </summary>
    public async Task<SignInOutcome> SignInAsync(string email, string password, CancellationToken ct)
    {
        var session = await sender.Send(new SignInShopper(email, password, null), ct);
        if (!StaffRules.IsStaff(session.Roles))
        {
            await CookieSessions.EndAtUsersAsync(sender, session.RefreshToken, ct);
            return SignInOutcome.NotStaff;
        }
        var principal = CookieSessions.Principal(session, StaffSessions.Scheme);
        await Http.SignInAsync(StaffSessions.Scheme, principal, CookieSessions.Properties(session));
        Http.User = principal;
        if (session.PreferredLanguage is { } language) PageLanguage.Remember(Http, language);
        return SignInOutcome.SignedIn;
    }

    public Task SignOutAsync(CancellationToken ct) => CookieSessions.EndAsync(Http, StaffSessions.Scheme, sender, ct);
}
