using AddisPay.Users.DeleteAccount;

namespace AddisPay.Users.DeleteShopperAccount;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Users.Contracts;

/// <summary>A shop front's account deletion, through the very command the API runs, once the password is proven.</summary>
internal sealed class DeleteShopperAccountHandler(ISender sender, UsersDbContext db, Credentials passwords) : ICommandHandler<DeleteShopperAccount, ShopperAccountDeleted>
{
    public async ValueTask<ShopperAccountDeleted> Handle(DeleteShopperAccount command, CancellationToken ct)
    {
        // The API deletes on a bearer token alone; a browser session left open on a shared computer must not be enough.
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == command.UserId && a.DeletedAt == null, ct)
            ?? throw new NotFoundException("Account not found.");
        if (!(await passwords.VerifyAsync(account, command.Password ?? "", ct)).Matches)
            throw new ValidationFailedException("password", "The password is wrong.");
        await sender.Send(new DeleteAccountCommand(command.UserId), ct);
        return new ShopperAccountDeleted(true);
    }
}
