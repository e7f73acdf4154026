namespace AddisPay.Users.Domain;

/// <summary>An account as the admin's user list and its lock and role changes show it.</summary>
public sealed record UserSummary(Guid Id, string Email, string FullName, bool EmailVerified, IReadOnlyList<string> Roles, bool Locked, DateTimeOffset CreatedAt);
public sealed record UserPage(IReadOnlyList<UserSummary> Items, int Page, int PageSize, int Total);

internal static class Summaries
{
    public static UserSummary Of(Account a, DateTimeOffset now) =>
        new(a.Id, a.Email, a.FullName, a.EmailVerifiedAt is not null, a.Roles, a.LockedByAdmin, a.CreatedAt);
}
