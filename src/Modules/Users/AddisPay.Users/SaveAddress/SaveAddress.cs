using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using AddisPay.Market;
using AddisPay.Users.SweepThrottles;

namespace AddisPay.Users.SaveAddress;

public sealed record AddressRequest(
    [property: Required, StringLength(40, MinimumLength = 1)] string Label,
    [property: Required, StringLength(120, MinimumLength = 2)] string Recipient,
    [property: Required, EthiopianPhone] string Phone,
    [property: Required, EthiopianRegion] string Region,
    [property: Required, StringLength(80, MinimumLength = 2)] string City,
    [property: StringLength(80)] string? SubCity,
    [property: StringLength(40)] string? Woreda,
    [property: Required, StringLength(300, MinimumLength = 3)] string Details,
    bool IsDefault = false);

internal sealed record SaveAddressCommand(Guid AccountId, Guid? AddressId, AddressRequest Request) : ICommand<AddressView>;

/// <summary>
/// Adds or edits one of the user's shipping addresses. The first address, or one marked default, becomes
/// the default. Another user's address id is a 404, exactly like a missing one.
/// </summary>
internal sealed class SaveAddressHandler(UsersDbContext db) : ICommandHandler<SaveAddressCommand, AddressView>
{
    public const int MaxAddresses = 10;

    public async ValueTask<AddressView> Handle(SaveAddressCommand command, CancellationToken ct)
    {
        var account = await db.Accounts.Include(a => a.Addresses).FirstOrDefaultAsync(a => a.Id == command.AccountId && a.DeletedAt == null, ct)
            ?? throw new NotFoundException("Account not found.");
        Address address;
        if (command.AddressId is { } id)
        {
            address = account.Addresses.FirstOrDefault(a => a.Id == id) ?? throw new NotFoundException($"Address {id} not found.");
        }
        else
        {
            if (account.Addresses.Count >= MaxAddresses) throw new ConflictException($"An account keeps at most {MaxAddresses} addresses.");
            address = new Address { Id = Guid.CreateVersion7(), AccountId = account.Id };
            account.Addresses.Add(address);
        }
        var r = command.Request;
        address.Label = r.Label.Trim();
        address.Recipient = r.Recipient.Trim();
        address.Phone = EthiopianPhone.Normalize(r.Phone)!;
        address.Region = EthiopianRegion.Canonical(r.Region);
        address.City = r.City.Trim();
        address.SubCity = r.SubCity?.Trim();
        address.Woreda = r.Woreda?.Trim();
        address.Details = r.Details.Trim();

        var makeDefault = r.IsDefault || account.Addresses.Count == 1;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (makeDefault && !address.IsDefault)
        {
            // Clear the old default first: the unique index allows one default per account at any moment.
            foreach (var other in account.Addresses.Where(a => a.IsDefault)) other.IsDefault = false;
            await db.SaveChangesAsync(ct);
            address.IsDefault = true;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return AddressView.From(address);
    }
}

internal static class SaveAddressEndpoints
{
    public static void MapSaveAddress(this IEndpointRouteBuilder api)
    {
        var addresses = api.MapGroup("/me/addresses").RequireAuthorization(Policies.Customer);
        addresses.MapPost("/", async (AddressRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var address = await sender.Send(new SaveAddressCommand(user.UserId()!.Value, null, request), ct);
                return Results.Created($"/api/users/me/addresses/{address.Id}", address);
            })
            .Validate<AddressRequest>().WithName("AddAddress").WithSummary("Adds a shipping address in Ethiopia.")
            .Produces<AddressView>(StatusCodes.Status201Created);

        addresses.MapPut("/{addressId:guid}", async (Guid addressId, AddressRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new SaveAddressCommand(user.UserId()!.Value, addressId, request), ct)))
            .Validate<AddressRequest>().WithName("UpdateAddress").WithSummary("Edits a shipping address (or makes it the default).")
            .Produces<AddressView>().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
