using AddisPay.Users.Contracts;

namespace AddisPay.Users.PromotionRecipients;

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

internal sealed class OptOutOfPromotionsHandler(UsersDbContext db, TimeProvider clock) : ICommandHandler<OptOutOfPromotions, bool>
{
    public async ValueTask<bool> Handle(OptOutOfPromotions command, CancellationToken ct) =>
        await db.Accounts.Where(a => a.Id == command.UserId && a.DeletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.NotifyPromotions, false).SetProperty(a => a.UpdatedAt, clock.GetUtcNow()), ct) > 0;
}
