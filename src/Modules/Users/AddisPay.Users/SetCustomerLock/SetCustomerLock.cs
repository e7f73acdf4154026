using AddisPay.Users.SetUserLock;

namespace AddisPay.Users.SetCustomerLock;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Users.Contracts;

/// <summary>A back office locking or unlocking a customer through the admin API's own command.</summary>
internal sealed class SetCustomerLockHandler(ISender sender, UsersDbContext db) : ICommandHandler<SetCustomerLock, CustomerRecord>
{
    public async ValueTask<CustomerRecord> Handle(SetCustomerLock command, CancellationToken ct)
    {
        var current = await UserContractViews.FindCustomerAsync(db, command.UserId, ct) ?? throw new NotFoundException($"User {command.UserId} not found.");
        // Setting the lock that is already set would end sessions or forget failures again for nothing.
        if (current.Locked == command.Locked) return current;
        await sender.Send(new SetLockCommand(command.UserId, command.Locked), ct);
        return await UserContractViews.FindCustomerAsync(db, command.UserId, ct) ?? current;
    }
}
