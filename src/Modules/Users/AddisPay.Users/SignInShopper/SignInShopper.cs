using AddisPay.Users.GetProfile;
using AddisPay.Users.SignIn;

namespace AddisPay.Users.SignInShopper;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Users.Contracts;

/// <summary>A shop front's sign-in: the very command the API runs, so the rules are one, validated as the API validates it.</summary>
internal sealed class SignInShopperHandler(ISender sender, TimeProvider clock) : ICommandHandler<SignInShopper, ShopperSession>
{
    public async ValueTask<ShopperSession> Handle(SignInShopper command, CancellationToken ct)
    {
        var request = ValidRequest.Of(new SignInRequest(command.Email, command.Password, command.VisitorCartId));
        var session = (await sender.Send(new SignInCommand(request), ct)).ToShopperSession(clock.GetUtcNow());
        var profile = await sender.Send(new GetProfileQuery(session.UserId), ct);
        return session with { PreferredLanguage = profile.PreferredLanguage };
    }
}
