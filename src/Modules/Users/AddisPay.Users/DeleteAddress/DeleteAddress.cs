using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using AddisPay.Market;
using AddisPay.Users.SweepThrottles;

namespace AddisPay.Users.DeleteAddress;

internal sealed record DeleteAddressCommand(Guid AccountId, Guid AddressId) : ICommand<Unit>;

internal sealed class DeleteAddressHandler(UsersDbContext db) : ICommandHandler<DeleteAddressCommand, Unit>
{
    public async ValueTask<Unit> Handle(DeleteAddressCommand command, CancellationToken ct)
    {
        var addresses = await db.Addresses.Where(a => a.AccountId == command.AccountId).ToListAsync(ct);
        var address = addresses.FirstOrDefault(a => a.Id == command.AddressId) ?? throw new NotFoundException($"Address {command.AddressId} not found.");
        db.Addresses.Remove(address);
        await db.SaveChangesAsync(ct);
        if (address.IsDefault && addresses.FirstOrDefault(a => a.Id != address.Id) is { } next)
        {
            next.IsDefault = true;
            await db.SaveChangesAsync(ct);
        }
        return Unit.Value;
    }
}

internal static class DeleteAddressEndpoint
{
    public static void MapDeleteAddress(this IEndpointRouteBuilder api)
    {
        var addresses = api.MapGroup("/me/addresses").RequireAuthorization(Policies.Customer);
        addresses.MapDelete("/{addressId:guid}", async (Guid addressId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new DeleteAddressCommand(user.UserId()!.Value, addressId), ct);
                return Results.NoContent();
            })
            .WithName("DeleteAddress").WithSummary("Removes a shipping address.").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
    }
}
