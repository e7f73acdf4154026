using AddisPay.Users.RefreshSession;
using AddisPay.Users.SignOut;

namespace AddisPay.Users.EndShopperSession;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Users.Contracts;

/// <summary>A shop front's sign-out: the very command the API runs.</summary>
internal sealed class EndShopperSessionHandler(ISender sender) : ICommandHandler<EndShopperSession, ShopperSessionEnded>
{
    public async ValueTask<ShopperSessionEnded> Handle(EndShopperSession command, CancellationToken ct)
    {
        await sender.Send(new SignOutCommand(ValidRequest.Of(new RefreshRequest(command.RefreshToken)).RefreshToken), ct);
        return new ShopperSessionEnded(true);
    }
}
