using AddisPay.Users.VerifyEmail;

namespace AddisPay.Users.ConfirmShopperEmail;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Users.Contracts;

/// <summary>A shop front's verification link: the very command the API runs.</summary>
internal sealed class ConfirmShopperEmailHandler(ISender sender) : ICommandHandler<ConfirmShopperEmail, ShopperEmailConfirmed>
{
    public async ValueTask<ShopperEmailConfirmed> Handle(ConfirmShopperEmail command, CancellationToken ct)
    {
        await sender.Send(new VerifyEmailCommand(ValidRequest.Of(new VerifyEmailRequest(command.Token)).Token), ct);
        return new ShopperEmailConfirmed(true);
    }
}
