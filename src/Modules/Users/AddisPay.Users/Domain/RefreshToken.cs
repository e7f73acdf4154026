namespace AddisPay.Users.Domain;

/// <summary>
/// One link of a session's refresh-token chain. Only the SHA-256 of the token is stored. Every use
/// replaces the token; presenting a used one again means it leaked, and the whole family is revoked.
/// </summary>
internal sealed class RefreshToken
{
    public Guid Id { get; set; }
    public Guid AccountId { get; set; }
    /// <summary>The session: all tokens descended from one sign-in. Access tokens carry it as `sid`.</summary>
    public Guid FamilyId { get; set; }
    public string TokenHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }
}

/// <summary>A single-use, expiring token sent by email (verification, password reset). Stored hashed.</summary>
internal sealed class OneTimeToken
{
    public const string VerifyEmail = "verify_email";
    public const string ResetPassword = "reset_password";

    public Guid Id { get; set; }
    public Guid AccountId { get; set; }
    public string Purpose { get; set; } = "";
    public string TokenHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}
