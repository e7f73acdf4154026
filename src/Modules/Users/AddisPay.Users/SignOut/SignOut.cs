using System.ComponentModel.DataAnnotations;
using AddisPay.Users.Contracts;
using AddisPay.Users.SignIn;
using Microsoft.EntityFrameworkCore.Storage;
using AddisPay.Users.RefreshSession;
using Npgsql;

namespace AddisPay.Users.SignOut;

internal sealed record SignOutCommand(string RefreshToken) : ICommand<Unit>;

internal sealed class SignOutHandler(UsersDbContext db, SessionFamilies families) : ICommandHandler<SignOutCommand, Unit>
{
    public async ValueTask<Unit> Handle(SignOutCommand command, CancellationToken ct)
    {
        var hash = Secrets.Hash(command.RefreshToken);
        var token = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (token is not null) await families.RevokeAsync(token.AccountId, token.FamilyId, "signed_out", ct);
        return Unit.Value;
    }
}

internal static class SignOutEndpoint
{
    public static void MapSignOut(this IEndpointRouteBuilder api) =>
        api.MapPost("/sign-out", async (RefreshRequest request, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new SignOutCommand(request.RefreshToken), ct);
                return Results.NoContent();
            })
            .Validate<RefreshRequest>()
            .AllowAnonymous() // the refresh token itself is the credential
            .WithName("SignOut")
            .WithSummary("Ends the session the refresh token belongs to.")
            .Produces(StatusCodes.Status204NoContent);
}
