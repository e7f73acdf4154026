using AddisPay.Users.ResetPassword;

namespace AddisPay.Users.ResetShopperPassword;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Users.Contracts;

/// <summary>A shop front's reset-link page, through the very command the API runs, validated as the API validates it.</summary>
internal sealed class ResetShopperPasswordHandler(ISender sender) : ICommandHandler<ResetShopperPassword, ShopperPasswordChanged>
{
    public async ValueTask<ShopperPasswordChanged> Handle(ResetShopperPassword command, CancellationToken ct)
    {
        var request = ValidRequest.Of(new ResetPasswordRequest(command.Token, command.NewPassword));
        await sender.Send(new ResetPasswordCommand(request.Token, request.NewPassword), ct);
        return new ShopperPasswordChanged(true);
    }
}
