using System.ComponentModel.DataAnnotations;
using AddisPay.Market;
using AddisPay.Users.SweepThrottles;
using AddisPay.Users.Contracts;
using AddisPay.Users.RefreshSession;
using Npgsql;

namespace AddisPay.Users.Register;

public sealed record RegisterRequest(
    [property: Required, EmailAddress, StringLength(254)] string Email,
    [property: Required] string Password,
    [property: Required, StringLength(120, MinimumLength = 2)] string FullName,
    [property: EthiopianPhone] string? Phone,
    [property: RegularExpression("^(en|am)$", ErrorMessage = "Use 'en' or 'am'.")] string? PreferredLanguage,
    bool AcceptPromotions = false);

/// <summary>
/// The answer to every accepted registration, new address or not, word for word: what happens next is in the email the
/// address gets (a verification link, or for a taken address a warning to its owner).
/// </summary>
public sealed record RegistrationReceived(string Next);

internal sealed record RegisterCommand(RegisterRequest Request) : ICommand<RegistrationReceived>;

/// <summary>
/// Creates the account and emails a verification link. An address that already has an account gets the same answer
/// (after the same password hashing), and its owner an email saying someone tried to register with it (at most
/// <see cref="SignInThrottleOptions.EmailsPerHour"/> an hour), so registration cannot be used to find out who has an account.
/// </summary>
internal sealed class RegisterHandler(UsersDbContext db, Credentials passwords, OneTimeTokens tokens, AddressThrottles throttles, ModuleWork<UsersDbContext> work,
    TimeProvider clock) : ICommandHandler<RegisterCommand, RegistrationReceived>
{
    public const string Next = "Check your inbox: we have sent you an email to continue.";

    public async ValueTask<RegistrationReceived> Handle(RegisterCommand command, CancellationToken ct)
    {
        var r = command.Request;
        Credentials.EnsureAcceptable("password", r.Password, r.Email);
        var normalized = Account.Normalize(r.Email);
        var answer = new RegistrationReceived(Next);
        var existing = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.NormalizedEmail == normalized, ct);
        if (existing is not null)
        {
            await passwords.HashDecoyAsync(r.Password, ct);
            await TellOwnerAsync(existing, ct);
            return answer;
        }

        var now = clock.GetUtcNow();
        var account = new Account
        {
            Id = Guid.CreateVersion7(), Email = r.Email.Trim(), NormalizedEmail = normalized, FullName = r.FullName.Trim(),
            Phone = EthiopianPhone.Normalize(r.Phone), PreferredLanguage = r.PreferredLanguage ?? "en",
            NotifyPromotions = r.AcceptPromotions, CreatedAt = now, UpdatedAt = now
        };
        account.PasswordHash = await passwords.HashAsync(account, r.Password, ct);
        db.Accounts.Add(account);
        var (token, expires) = tokens.Create(account.Id, OneTimeToken.VerifyEmail);
        try
        {
            work.Raise(
            [
                new UserRegistered(account.Id, account.Email, account.FullName, account.PreferredLanguage),
                new EmailVerificationRequested(account.Id, account.Email, account.FullName, account.PreferredLanguage, token, expires)
            ]);
            await work.FlushAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Registered by a concurrent request a moment ago: answered like any registration of a taken address.
            await work.AbandonAsync();
            if (await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.NormalizedEmail == normalized, ct) is { } winner)
                await TellOwnerAsync(winner, ct);
        }
        return answer;
    }

    private async Task TellOwnerAsync(Account owner, CancellationToken ct)
    {
        // A deleted account's address is anonymised, so it never matches; the limit keeps this from being a way to flood an inbox.
        if (await throttles.EmailRequestedAsync(AddressThrottles.RegistrationNotice, owner.NormalizedEmail, ct) is not null) return;
        work.Raise(new RegistrationAttempted(owner.Id, owner.Email, owner.FullName, owner.PreferredLanguage));
    }
}

internal static class RegisterEndpoint
{
    public static void MapRegister(this IEndpointRouteBuilder api) =>
        api.MapPost("/register", async (RegisterRequest request, ISender sender, CancellationToken ct) =>
                Results.Accepted(value: await sender.Send(new RegisterCommand(request), ct)))
            .Validate<RegisterRequest>()
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.AccountEmail)
            .WithName("Register")
            .WithSummary("Creates a customer account and emails a verification link. A taken address gets the same answer; its owner is emailed instead.")
            .Produces<RegistrationReceived>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem();
}
