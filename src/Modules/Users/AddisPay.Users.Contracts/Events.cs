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
