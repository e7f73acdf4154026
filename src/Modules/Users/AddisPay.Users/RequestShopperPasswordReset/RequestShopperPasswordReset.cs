using AddisPay.Users.ForgotPassword;

namespace AddisPay.Users.RequestShopperPasswordReset;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Users.Contracts;

/// <summary>A shop front's "forgot password" page, through the very command the API runs, validated as the API validates it.</summary>
internal sealed class RequestShopperPasswordResetHandler(ISender sender) : ICommandHandler<RequestShopperPasswordReset, ShopperPasswordResetRequested>
{
    public async ValueTask<ShopperPasswordResetRequested> Handle(RequestShopperPasswordReset command, CancellationToken ct)
    {
        await sender.Send(new ForgotPasswordCommand(ValidRequest.Of(new ForgotPasswordRequest(command.Email)).Email), ct);
        return new ShopperPasswordResetRequested(true);
    }
}
