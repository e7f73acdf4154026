using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using AddisPay.Market;
using AddisPay.Users.SweepThrottles;

namespace AddisPay.Users.UpdateProfile;

public sealed record UpdateProfileRequest(
    [property: Required, StringLength(120, MinimumLength = 2)] string FullName,
    [property: EthiopianPhone] string? Phone,
    [property: Required, RegularExpression("^(en|am)$", ErrorMessage = "Use 'en' or 'am'.")] string PreferredLanguage,
    bool NotifyOrderUpdates,
    bool NotifyPromotions);

internal sealed record UpdateProfileCommand(Guid AccountId, UpdateProfileRequest Request) : ICommand<ProfileView>;

internal sealed class UpdateProfileHandler(UsersDbContext db, TimeProvider clock) : ICommandHandler<UpdateProfileCommand, ProfileView>
{
    public async ValueTask<ProfileView> Handle(UpdateProfileCommand command, CancellationToken ct)
    {
        var account = await db.Accounts.Include(a => a.Addresses).FirstOrDefaultAsync(a => a.Id == command.AccountId && a.DeletedAt == null, ct)
            ?? throw new NotFoundException("Account not found.");
        var r = command.Request;
        account.FullName = r.FullName.Trim();
        account.Phone = EthiopianPhone.Normalize(r.Phone);
        account.PreferredLanguage = r.PreferredLanguage;
        account.NotifyOrderUpdates = r.NotifyOrderUpdates;
        account.NotifyPromotions = r.NotifyPromotions;
        account.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return ProfileView.From(account);
    }
}

internal static class UpdateProfileEndpoint
{
    public static void MapUpdateProfile(this IEndpointRouteBuilder api) =>
        api.MapPut("/me", async (UpdateProfileRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new UpdateProfileCommand(user.UserId()!.Value, request), ct)))
            .Validate<UpdateProfileRequest>().RequireAuthorization(Policies.Customer).WithName("UpdateProfile")
            .WithSummary("Updates name, phone (+251), language (en/am) and notification choices.")
            .Produces<ProfileView>();
}
