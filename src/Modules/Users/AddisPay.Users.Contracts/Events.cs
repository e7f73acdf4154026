using AddisPay.Shared.Contracts;

namespace AddisPay.Users.Contracts;

public sealed record UserRegistered(Guid UserId, string Email, string FullName, string PreferredLanguage) : IntegrationEvent
{
    public override Guid StreamId => UserId;
}

/// <summary>
/// Notifications emails <see cref="Token"/> to <see cref="Email"/> as a verification link. The token is
/// single-use and expires at <see cref="ExpiresAt"/>; Users keeps only its hash.
/// </summary>
public sealed record EmailVerificationRequested(Guid UserId, string Email, string FullName, string PreferredLanguage, string Token, DateTimeOffset ExpiresAt)
    : IntegrationEvent
{
    public override Guid StreamId => UserId;
}

public sealed record PasswordResetRequested(Guid UserId, string Email, string FullName, string PreferredLanguage, string Token, DateTimeOffset ExpiresAt)
    : IntegrationEvent
{
    public override Guid StreamId => UserId;
}

/// <summary>A user signed in. <see cref="AnonymousCartId"/> is the cart they filled before signing in, to be merged into theirs.</summary>
public sealed record UserSignedIn(Guid UserId, Guid? AnonymousCartId) : IntegrationEvent
{
    public override Guid StreamId => UserId;
}

/// <summary>The account was deleted: every module erases or anonymises what it holds about the user.</summary>
public sealed record UserDeleted(Guid UserId) : IntegrationEvent
{
    public override Guid StreamId => UserId;
}

/// <summary>
/// Someone tried to register with an address that already has an account. Registration answers exactly as for a new
/// address, so the answer reveals nothing; the owner is told by email instead (sign in, or reset the password).
/// </summary>
public sealed record RegistrationAttempted(Guid UserId, string Email, string FullName, string PreferredLanguage) : IntegrationEvent
{
    public override Guid StreamId => UserId;
}

/// <summary>
/// These sessions of the user ended (sign-out, lock, deletion, role or password change, a replayed refresh token): every
/// process refuses their access tokens from now on instead of until they expire (see <see cref="ISessionsRevoked"/>).
/// </summary>
public sealed record SessionsRevoked(Guid UserId, IReadOnlyList<Guid> SessionIds, string Reason) : IntegrationEvent, ISessionsRevoked
{
    public override Guid StreamId => UserId;
}
