using AddisPay.Users.GetProfile;

namespace AddisPay.Users.GetShopperProfile;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Users.Contracts;

/// <summary>A shop front's account page reading the profile, through the very query the API runs.</summary>
internal sealed class GetShopperProfileHandler(ISender sender) : IQueryHandler<GetShopperProfile, ShopperProfile>
{
    public async ValueTask<ShopperProfile> Handle(GetShopperProfile query, CancellationToken ct) =>
        (await sender.Send(new GetProfileQuery(query.UserId), ct)).ToShopper();
}
