using AddisPay.Users.AssignRoles;

namespace AddisPay.Users.SetCustomerRoles;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Users.Contracts;

/// <summary>A back office setting a customer's roles through the admin API's own command; an admin never drops their own admin role.</summary>
internal sealed class SetCustomerRolesHandler(ISender sender, UsersDbContext db) : ICommandHandler<SetCustomerRoles, CustomerRecord>
{
    public async ValueTask<CustomerRecord> Handle(SetCustomerRoles command, CancellationToken ct)
    {
        if (command.UserId == command.ChangedBy && !command.Roles.Contains(Roles.Admin))
        {
            var own = await UserContractViews.FindCustomerAsync(db, command.UserId, ct);
            if (own?.Roles.Contains(Roles.Admin) == true) throw new ConflictException("You may not remove your own admin role: ask another admin.");
        }
        await sender.Send(new AssignRolesCommand(command.UserId, [.. command.Roles]), ct);
        return await UserContractViews.FindCustomerAsync(db, command.UserId, ct) ?? throw new NotFoundException($"User {command.UserId} not found.");
    }
}
