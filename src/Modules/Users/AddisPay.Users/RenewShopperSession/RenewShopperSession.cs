using AddisPay.Users.RefreshSession;

namespace AddisPay.Users.RenewShopperSession;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Users.Contracts;

/// <summary>A shop front renewing its session: the very refresh the API runs, so a replayed token ends the session here too.</summary>
internal sealed class RenewShopperSessionHandler(ISender sender, TimeProvider clock) : ICommandHandler<RenewShopperSession, ShopperSession>
{
    public async ValueTask<ShopperSession> Handle(RenewShopperSession command, CancellationToken ct) =>
        (await sender.Send(new RefreshCommand(ValidRequest.Of(new RefreshRequest(command.RefreshToken)).RefreshToken), ct)).ToShopperSession(clock.GetUtcNow());
}
