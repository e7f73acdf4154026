using System.ComponentModel.DataAnnotations;
using AddisPay.Users.SweepThrottles;
using AddisPay.Users.Contracts;
using AddisPay.Users.RefreshSession;
using Microsoft.Extensions.Configuration;

namespace AddisPay.Users.VerifyEmail;

public sealed record VerifyEmailRequest([property: Required] string Token);

internal sealed record VerifyEmailCommand(string Token) : ICommand<Unit>;

/// <summary>
/// Confirms the address. An address listed in AddisPay:Users:BootstrapAdmins becomes an admin once it is
/// verified: how the first admin of a fresh installation is made without touching the database.
/// </summary>
internal sealed class VerifyEmailHandler(UsersDbContext db, OneTimeTokens tokens, TimeProvider clock, Microsoft.Extensions.Configuration.IConfiguration configuration)
    : ICommandHandler<VerifyEmailCommand, Unit>
{
    public async ValueTask<Unit> Handle(VerifyEmailCommand command, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var accountId = await tokens.RedeemAsync(command.Token, OneTimeToken.VerifyEmail, ct);
        var account = await db.Accounts.FirstAsync(a => a.Id == accountId, ct);
        account.EmailVerifiedAt ??= clock.GetUtcNow();
        var bootstrapAdmins = configuration.GetSection("AddisPay:Users:BootstrapAdmins").Get<string[]>() ?? [];
        if (bootstrapAdmins.Any(a => Account.Normalize(a) == account.NormalizedEmail) && !account.Roles.Contains(AddisPay.Shared.Security.Roles.Admin))
            account.Roles = [.. account.Roles, AddisPay.Shared.Security.Roles.Admin];
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Unit.Value;
    }
}

internal static class VerifyEmailEndpoint
{
    public static void MapVerifyEmail(this IEndpointRouteBuilder api) =>
        api.MapPost("/verify-email", async (VerifyEmailRequest request, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new VerifyEmailCommand(request.Token), ct);
                return Results.NoContent();
            })
            .Validate<VerifyEmailRequest>()
            .AllowAnonymous()
            .WithName("VerifyEmail")
            .WithSummary("Confirms the email address with the token from the verification link.")
            .Produces(StatusCodes.Status204NoContent);
}
