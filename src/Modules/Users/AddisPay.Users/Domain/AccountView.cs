namespace AddisPay.Users.Domain;

public sealed record AddressView(Guid Id, string Label, string Recipient, string Phone, string Region, string City, string? SubCity,
    string? Woreda, string Details, bool IsDefault)
{
    internal static AddressView From(Address a) => new(a.Id, a.Label, a.Recipient, a.Phone, a.Region, a.City, a.SubCity, a.Woreda, a.Details, a.IsDefault);
}

public sealed record ProfileView(Guid Id, string Email, bool EmailVerified, string FullName, string? Phone, string PreferredLanguage,
    bool NotifyOrderUpdates, bool NotifyPromotions, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, IReadOnlyList<AddressView> Addresses)
{
    internal static ProfileView From(Account a) => new(a.Id, a.Email, a.EmailVerifiedAt is not null, a.FullName, a.Phone, a.PreferredLanguage,
        a.NotifyOrderUpdates, a.NotifyPromotions, a.Roles, a.CreatedAt,
        a.Addresses.OrderByDescending(x => x.IsDefault).ThenBy(x => x.Label).Select(AddressView.From).ToList());
}

internal static class Languages
{
    public static readonly string[] Supported = ["en", "am"];
}
