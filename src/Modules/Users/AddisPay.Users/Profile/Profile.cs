using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using AddisPay.Market;
using AddisPay.Users.SweepThrottles;

namespace AddisPay.Users.Profile;

public sealed record UpdateProfileRequest(
    [property: Required, StringLength(120, MinimumLength = 2)] string FullName,
    [property: EthiopianPhone] string? Phone,
    [property: Required, RegularExpression("^(en|am)$", ErrorMessage = "Use 'en' or 'am'.")] string PreferredLanguage,
    bool NotifyOrderUpdates,
    bool NotifyPromotions);

internal sealed record GetProfileQuery(Guid AccountId) : IQuery<ProfileView>;
internal sealed record UpdateProfileCommand(Guid AccountId, UpdateProfileRequest Request) : ICommand<ProfileView>;

internal sealed class GetProfileHandler(UsersDbContext db) : IQueryHandler<GetProfileQuery, ProfileView>
{
    public async ValueTask<ProfileView> Handle(GetProfileQuery query, CancellationToken ct) =>
        ProfileView.From(await db.Accounts.AsNoTracking().Include(a => a.Addresses)
            .FirstOrDefaultAsync(a => a.Id == query.AccountId && a.DeletedAt == null, ct)
            ?? throw new NotFoundException("Account not found."));
}

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

internal static class ProfileEndpoints
{
    public static void MapProfile(this IEndpointRouteBuilder api)
    {
        api.MapGet("/me", async (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new GetProfileQuery(user.UserId()!.Value), ct)))
            .RequireAuthorization(Policies.Customer).WithName("GetProfile").WithSummary("The signed-in user's profile and addresses.")
            .Produces<ProfileView>();

        api.MapPut("/me", async (UpdateProfileRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new UpdateProfileCommand(user.UserId()!.Value, request), ct)))
            .Validate<UpdateProfileRequest>().RequireAuthorization(Policies.Customer).WithName("UpdateProfile")
            .WithSummary("Updates name, phone (+251), language (en/am) and notification choices.")
            .Produces<ProfileView>();
    }
}
