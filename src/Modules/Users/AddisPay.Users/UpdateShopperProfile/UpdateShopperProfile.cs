using AddisPay.Users.UpdateProfile;

namespace AddisPay.Users.UpdateShopperProfile;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Users.Contracts;

/// <summary>A shop front's account page saving the profile, through the very command the API runs, validated as the API validates it.</summary>
internal sealed class UpdateShopperProfileHandler(ISender sender) : ICommandHandler<UpdateShopperProfile, ShopperProfile>
{
    public async ValueTask<ShopperProfile> Handle(UpdateShopperProfile command, CancellationToken ct)
    {
        var request = ValidRequest.Of(new UpdateProfileRequest(command.FullName, string.IsNullOrWhiteSpace(command.Phone) ? null : command.Phone,
            command.PreferredLanguage, command.NotifyOrderUpdates, command.NotifyPromotions));
        return (await sender.Send(new UpdateProfileCommand(command.UserId, request), ct)).ToShopper();
    }
}
