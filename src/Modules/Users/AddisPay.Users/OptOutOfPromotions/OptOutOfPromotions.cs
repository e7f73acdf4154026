namespace AddisPay.Users.OptOutOfPromotions;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Users.Contracts;

internal sealed class OptOutOfPromotionsHandler(UsersDbContext db, TimeProvider clock) : ICommandHandler<OptOutOfPromotions, bool>
{
    public async ValueTask<bool> Handle(OptOutOfPromotions command, CancellationToken ct) =>
        await db.Accounts.Where(a => a.Id == command.UserId && a.DeletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.NotifyPromotions, false).SetProperty(a => a.UpdatedAt, clock.GetUtcNow()), ct) > 0;
}
