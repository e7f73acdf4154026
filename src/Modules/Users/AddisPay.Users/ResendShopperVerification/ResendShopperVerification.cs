using AddisPay.Users.ResendVerification;

namespace AddisPay.Users.ResendShopperVerification;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Users.Contracts;

/// <summary>A shop front asking for a new verification link: the very command the API runs, with its limit per address.</summary>
internal sealed class ResendShopperVerificationHandler(ISender sender) : ICommandHandler<ResendShopperVerification, ShopperVerificationResent>
{
    public async ValueTask<ShopperVerificationResent> Handle(ResendShopperVerification command, CancellationToken ct)
    {
        await sender.Send(new ResendVerificationCommand(ValidRequest.Of(new ResendVerificationRequest(command.Email)).Email), ct);
        return new ShopperVerificationResent(true);
    }
}
