using AddisPay.Users.ChangePassword;

namespace AddisPay.Users.ChangeShopperPassword;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Users.Contracts;

/// <summary>A shop front's account page changing the password, through the very command the API runs, validated as the API validates it.</summary>
internal sealed class ChangeShopperPasswordHandler(ISender sender) : ICommandHandler<ChangeShopperPassword, ShopperPasswordChanged>
{
    public async ValueTask<ShopperPasswordChanged> Handle(ChangeShopperPassword command, CancellationToken ct)
    {
        var request = ValidRequest.Of(new ChangePasswordRequest(command.CurrentPassword, command.NewPassword));
        await sender.Send(new ChangePasswordCommand(command.UserId, command.SessionId, request.CurrentPassword, request.NewPassword), ct);
        return new ShopperPasswordChanged(true);
    }
}
