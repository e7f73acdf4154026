using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AddisPay.Users.Domain;

/// <summary>
/// AddisPay:Users:PasswordHashing: the PBKDF2 work of one password hash. Raising it later rehashes each password at its
/// owner's next sign-in.
/// </summary>
public sealed class PasswordHashing
{
    public const string Section = "AddisPay:Users:PasswordHashing";

    /// <summary>OWASP's recommendation for PBKDF2-HMAC-SHA512: the least any environment but "Testing" accepts.</summary>
    public const int Recommended = 210_000;

    public int Iterations { get; set; } = Recommended;

    /// <summary>
    /// Why these settings can't be used in <paramref name="environment"/>, or null. Only the integration tests'
    /// environment may hash with less work: their hundreds of registrations and sign-ins cost minutes of CPU at the
    /// recommended count, and none of their passwords is anybody's.
    /// </summary>
    public string? Problem(string environment) =>
        Iterations < 1 ? $"{Section}:Iterations must be positive."
        : Iterations < Recommended && environment != "Testing"
            ? $"{Section}:Iterations is {Iterations}; passwords are hashed with at least {Recommended} iterations (OWASP, PBKDF2-HMAC-SHA512)."
            : null;
}

/// <summary>
/// Hashing with ASP.NET Core Identity's PBKDF2 (HMAC-SHA512, 128-bit salt, 256-bit subkey) at the
/// iteration count of <see cref="PasswordHashing"/>, and the password policy new passwords must meet.
/// </summary>
internal sealed class Credentials
{
    public const int MinLength = 10;
    public const int MaxLength = 128;

    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "password123", "password1234", "1234567890", "qwertyuiop", "12345678910", "iloveyou123", "addispay123",
        "ethiopia123", "password12", "qwerty12345", "abcdefghij", "abc1234567", "letmein1234", "welcome123"
    };

    private readonly PasswordHasher<Account> _hasher;

    // A hash of a random password at today's parameters: checked when the address has no account, so an unknown address
    // costs the same PBKDF2 work as a known one and the answer's timing does not tell them apart.
    private readonly string _decoy;
    private static readonly Account DecoyAccount = new();

    // One PBKDF2 computation per core at a time (~0.2 s of CPU each). The others wait without holding a thread, so a
    // burst of sign-ins queues here instead of taking every thread-pool thread from the pod's other requests.
    private readonly SemaphoreSlim _cores = new(Environment.ProcessorCount);

    public Credentials(IOptions<PasswordHashing> hashing)
    {
        _hasher = new(Options.Create(new PasswordHasherOptions
        {
            CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3, IterationCount = hashing.Value.Iterations
        }));
        _decoy = _hasher.HashPassword(DecoyAccount, Secrets.NewToken());
    }

    public Task<string> HashAsync(Account account, string password, CancellationToken ct) =>
        OnACoreAsync(() => _hasher.HashPassword(account, password), ct);

    /// <summary>Spends the time hashing a new password costs, for an answer that must not reveal whether one was stored.</summary>
    public Task HashDecoyAsync(string password, CancellationToken ct) => OnACoreAsync(() => _hasher.HashPassword(DecoyAccount, password), ct);

    /// <summary>
    /// Whether <paramref name="password"/> is <paramref name="account"/>'s, and a new hash when the stored one used weaker
    /// parameters. Without an account (or a password) it checks against a decoy hash and answers false.
    /// </summary>
    public Task<(bool Matches, string? Rehashed)> VerifyAsync(Account? account, string password, CancellationToken ct) => OnACoreAsync(() =>
    {
        if (account is null || string.IsNullOrEmpty(account.PasswordHash))
        {
            _hasher.VerifyHashedPassword(DecoyAccount, _decoy, password);
            return (false, (string?)null);
        }
        var result = _hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        return result switch
        {
            PasswordVerificationResult.SuccessRehashNeeded => (true, _hasher.HashPassword(account, password)),
            PasswordVerificationResult.Success => (true, null),
            _ => (false, null)
        };
    }, ct);

    private async Task<T> OnACoreAsync<T>(Func<T> work, CancellationToken ct)
    {
        await _cores.WaitAsync(ct);
        try
        {
            return work();
        }
        finally
        {
            _cores.Release();
        }
    }

    public static void EnsureAcceptable(string field, string password, string email)
    {
        var problems = new List<string>();
        if (password.Length < MinLength) problems.Add($"Use at least {MinLength} characters.");
        if (password.Length > MaxLength) problems.Add($"Use at most {MaxLength} characters.");
        if (!password.Any(char.IsLetter) || !password.Any(c => !char.IsLetter(c))) problems.Add("Mix letters with digits or symbols.");
        if (password.Distinct().Count() < 4) problems.Add("Use more different characters.");
        if (Common.Contains(password)) problems.Add("This password is too common.");
        var local = email.Split('@')[0];
        if (local.Length >= 4 && password.Contains(local, StringComparison.OrdinalIgnoreCase)) problems.Add("Do not use your email address in the password.");
        if (problems.Count > 0) throw new ValidationFailedException(new Dictionary<string, string[]> { [field] = problems.ToArray() });
    }
}
