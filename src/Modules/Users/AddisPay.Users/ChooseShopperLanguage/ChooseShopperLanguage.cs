using AddisPay.Users.GetProfile;
using AddisPay.Users.UpdateProfile;

namespace AddisPay.Users.ChooseShopperLanguage;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Users.Contracts;

/// <summary>A shop front's language switch, saved in the profile through the very command the API runs.</summary>
internal sealed class ChooseShopperLanguageHandler(ISender sender) : ICommandHandler<ChooseShopperLanguage, ShopperProfile>
{
    public async ValueTask<ShopperProfile> Handle(ChooseShopperLanguage command, CancellationToken ct)
    {
        var p = await sender.Send(new GetProfileQuery(command.UserId), ct);
        if (p.PreferredLanguage == command.Language) return p.ToShopper();
        var request = ValidRequest.Of(new UpdateProfileRequest(p.FullName, p.Phone, command.Language, p.NotifyOrderUpdates, p.NotifyPromotions));
        return (await sender.Send(new UpdateProfileCommand(command.UserId, request), ct)).ToShopper();
    }
}
