namespace AddisPay.Users.Domain;

/// <summary>
/// A customer's or staff member's account: credentials, profile, preferences and an admin lock. Failed sign-ins are
/// counted per address, not here (<see cref="AddressThrottles"/>): a successful sign-in changes nothing in this row, so
/// any number of them can run at once.
/// </summary>
internal sealed class Account
{
    public Guid Id { get; set; }
    public string Email { get; set; } = "";
    /// <summary>Lower-cased email: the unique sign-in name.</summary>
    public string NormalizedEmail { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public DateTimeOffset? EmailVerifiedAt { get; set; }
    public string FullName { get; set; } = "";
    public string? Phone { get; set; }
    public string PreferredLanguage { get; set; } = "en";
    public bool NotifyOrderUpdates { get; set; } = true;
    /// <summary>Promotions are opt-in.</summary>
    public bool NotifyPromotions { get; set; }
    public List<string> Roles { get; set; } = [AddisPay.Shared.Security.Roles.Customer];
    public bool LockedByAdmin { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public List<Address> Addresses { get; set; } = [];

    /// <summary>Erases personal data but keeps the row, so orders can still point at "a deleted user".</summary>
    public void Anonymise(DateTimeOffset now)
    {
        Email = $"deleted-{Id:N}@deleted.invalid";
        NormalizedEmail = Email;
        PasswordHash = "";
        FullName = "Deleted user";
        Phone = null;
        NotifyOrderUpdates = false;
        NotifyPromotions = false;
        Addresses.Clear();
        DeletedAt = now;
        UpdatedAt = now;
    }

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}

internal sealed class Address
{
    public Guid Id { get; set; }
    public Guid AccountId { get; set; }
    public string Label { get; set; } = "";
    public string Recipient { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Region { get; set; } = "";
    public string City { get; set; } = "";
    public string? SubCity { get; set; }
    public string? Woreda { get; set; }
    public string Details { get; set; } = "";
    public bool IsDefault { get; set; }
}
