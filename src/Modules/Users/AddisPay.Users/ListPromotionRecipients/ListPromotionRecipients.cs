namespace AddisPay.Users.ListPromotionRecipients;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Users.Contracts;

internal sealed class ListPromotionRecipientsHandler(UsersDbContext db) : IQueryHandler<ListPromotionRecipients, IReadOnlyList<UserContact>>
{
    public async ValueTask<IReadOnlyList<UserContact>> Handle(ListPromotionRecipients query, CancellationToken ct)
    {
        var after = query.After ?? Guid.Empty;
        var page = await db.Accounts.AsNoTracking()
            .Where(a => a.NotifyPromotions && a.EmailVerifiedAt != null && a.DeletedAt == null && a.Id.CompareTo(after) > 0)
            .OrderBy(a => a.Id).Take(Math.Clamp(query.Limit, 1, 1000)).ToListAsync(ct);
        return page.Select(a => new UserContact(a.Id, a.Email, true, a.FullName, a.Phone, a.PreferredLanguage, a.NotifyOrderUpdates, a.NotifyPromotions)).ToList();
    }
}
