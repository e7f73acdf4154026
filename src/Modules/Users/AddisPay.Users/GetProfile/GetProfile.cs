using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using AddisPay.Market;
using AddisPay.Users.SweepThrottles;

namespace AddisPay.Users.GetProfile;

internal sealed record GetProfileQuery(Guid AccountId) : IQuery<ProfileView>;

internal sealed class GetProfileHandler(UsersDbContext db) : IQueryHandler<GetProfileQuery, ProfileView>
{
    public async ValueTask<ProfileView> Handle(GetProfileQuery query, CancellationToken ct) =>
        ProfileView.From(await db.Accounts.AsNoTracking().Include(a => a.Addresses)
            .FirstOrDefaultAsync(a => a.Id == query.AccountId && a.DeletedAt == null, ct)
            ?? throw new NotFoundException("Account not found."));
}

internal static class GetProfileEndpoint
{
    public static void MapGetProfile(this IEndpointRouteBuilder api) =>
        api.MapGet("/me", async (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new GetProfileQuery(user.UserId()!.Value), ct)))
            .RequireAuthorization(Policies.Customer).WithName("GetProfile").WithSummary("The signed-in user's profile and addresses.")
            .Produces<ProfileView>();
}
