using AddisPay.Users.Contracts;
using AddisPay.Users.Profile;
using AddisPay.Users.Register;
using AddisPay.Users.RefreshSession;
using AddisPay.Users.SignIn;
using AddisPay.Users.VerifyEmail;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AddisPay.Users.ShopperSessionRequests;

/// <summary>
/// Users' sign-in, refresh, sign-out, registration and verification as a shop front (another module) calls them: the very
/// commands the API runs, so the rules are one. The request records are validated as the API's endpoints validate them.
/// </summary>
internal sealed class ShopperSessionRequests(ISender sender, TimeProvider clock) :
    ICommandHandler<SignInShopper, ShopperSession>,
    ICommandHandler<RenewShopperSession, ShopperSession>,
    ICommandHandler<EndShopperSession, ShopperSessionEnded>,
    ICommandHandler<RegisterShopper, ShopperRegistrationReceived>,
    ICommandHandler<ConfirmShopperEmail, ShopperEmailConfirmed>,
    ICommandHandler<ResendShopperVerification, ShopperVerificationResent>
{
    public async ValueTask<ShopperSession> Handle(SignInShopper command, CancellationToken ct)
    {
        var request = Valid(new SignInRequest(command.Email, command.Password, command.VisitorCartId));
        var session = ToSession(await sender.Send(new SignInCommand(request), ct));
        var profile = await sender.Send(new GetProfileQuery(session.UserId), ct);
        return session with { PreferredLanguage = profile.PreferredLanguage };
    }

    public async ValueTask<ShopperSession> Handle(RenewShopperSession command, CancellationToken ct) =>
        ToSession(await sender.Send(new RefreshCommand(Valid(new RefreshRequest(command.RefreshToken)).RefreshToken), ct));

    public async ValueTask<ShopperSessionEnded> Handle(EndShopperSession command, CancellationToken ct)
    {
        await sender.Send(new SignOutCommand(Valid(new RefreshRequest(command.RefreshToken)).RefreshToken), ct);
        return new ShopperSessionEnded(true);
    }

    public async ValueTask<ShopperRegistrationReceived> Handle(RegisterShopper command, CancellationToken ct)
    {
        var request = Valid(new RegisterRequest(command.Email, command.Password, command.FullName,
            string.IsNullOrWhiteSpace(command.Phone) ? null : command.Phone, command.Language, command.AcceptPromotions));
        return new ShopperRegistrationReceived((await sender.Send(new RegisterCommand(request), ct)).Next);
    }

    public async ValueTask<ShopperEmailConfirmed> Handle(ConfirmShopperEmail command, CancellationToken ct)
    {
        await sender.Send(new VerifyEmailCommand(Valid(new VerifyEmailRequest(command.Token)).Token), ct);
        return new ShopperEmailConfirmed(true);
    }

    public async ValueTask<ShopperVerificationResent> Handle(ResendShopperVerification command, CancellationToken ct)
    {
        await sender.Send(new ResendVerificationCommand(Valid(new ResendVerificationRequest(command.Email)).Email), ct);
        return new ShopperVerificationResent(true);
    }

    private static T Valid<T>(T request) where T : class =>
        Validation.Errors(request) is { Count: > 0 } errors ? throw new ValidationFailedException(errors) : request;

    /// <summary>The session as the shop front keeps it, read from the access token just issued (this module's own).</summary>
    private ShopperSession ToSession(TokenPair pair)
    {
        var token = new JsonWebToken(pair.AccessToken);
        return new ShopperSession(
            Guid.Parse(token.GetClaim("sub").Value),
            Guid.Parse(token.GetClaim("sid").Value),
            token.GetClaim("email").Value,
            token.GetClaim("email_verified").Value == "true",
            token.Claims.Where(c => c.Type == "role").Select(c => c.Value).ToList(),
            pair.RefreshToken,
            clock.GetUtcNow().AddSeconds(pair.ExpiresIn),
            pair.RefreshTokenExpiresAt);
    }
}
