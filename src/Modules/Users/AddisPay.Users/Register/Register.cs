using System.ComponentModel.DataAnnotations;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Events;
using AddisPay.Shared.Http;
using AddisPay.Users.Accounts;
using AddisPay.Users.Contracts;
using AddisPay.Users.Data;
using AddisPay.Users.Sessions;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AddisPay.Users.Register;

public sealed record RegisterRequest(
    [property: Required, EmailAddress, StringLength(254)] string Email,
    [property: Required] string Password,
    [property: Required, StringLength(120, MinimumLength = 2)] string FullName,
    [property: Ethiopian.Phone] string? Phone,
    [property: RegularExpression("^(en|am)$", ErrorMessage = "Use 'en' or 'am'.")] string? PreferredLanguage,
    bool AcceptPromotions = false);

internal sealed record RegisterCommand(RegisterRequest Request) : ICommand<ProfileView>;

internal sealed class RegisterHandler(UsersDbContext db, Credentials passwords, OneTimeTokens tokens, EventLog events, TimeProvider clock)
    : ICommandHandler<RegisterCommand, ProfileView>
{
    public async ValueTask<ProfileView> Handle(RegisterCommand command, CancellationToken ct)
    {
        var r = command.Request;
        Credentials.EnsureAcceptable("password", r.Password, r.Email);
        var normalized = Account.Normalize(r.Email);
        if (await db.Accounts.AnyAsync(a => a.NormalizedEmail == normalized, ct))
            throw new ConflictException("An account with this email already exists. Sign in or reset your password.");

        var now = clock.GetUtcNow();
        var account = new Account
        {
            Id = Guid.CreateVersion7(), Email = r.Email.Trim(), NormalizedEmail = normalized, FullName = r.FullName.Trim(),
            Phone = Ethiopian.NormalizePhone(r.Phone), PreferredLanguage = r.PreferredLanguage ?? "en",
            NotifyPromotions = r.AcceptPromotions, CreatedAt = now, UpdatedAt = now
        };
        account.PasswordHash = passwords.Hash(account, r.Password);
        db.Accounts.Add(account);
        var (token, expires) = tokens.Create(account.Id, OneTimeToken.VerifyEmail);
        try
        {
            await events.SaveChangesAndPublishAsync(db,
            [
                new UserRegistered(account.Id, account.Email, account.FullName, account.PreferredLanguage),
                new EmailVerificationRequested(account.Id, account.Email, account.FullName, account.PreferredLanguage, token, expires)
            ], ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ConflictException("An account with this email already exists. Sign in or reset your password.");
        }
        return ProfileView.From(account);
    }
}

internal static class RegisterEndpoint
{
    public static void MapRegister(this IEndpointRouteBuilder api) =>
        api.MapPost("/register", async (RegisterRequest request, ISender sender, CancellationToken ct) =>
            {
                var profile = await sender.Send(new RegisterCommand(request), ct);
                return Results.Created("/api/users/me", profile);
            })
            .Validate<RegisterRequest>()
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.AccountEmail)
            .WithName("Register")
            .WithSummary("Creates a customer account and emails a verification link.")
            .Produces<ProfileView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
