using AddisPay.Shared.Contracts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AddisPay.Users.Accounts;

/// <summary>
/// Hashing with ASP.NET Core Identity's PBKDF2 (HMAC-SHA512, 128-bit salt, 256-bit subkey) at the
/// iteration count OWASP recommends for SHA-512, and the password policy new passwords must meet.
/// </summary>
internal sealed class Credentials
{
    public const int Iterations = 210_000;
    public const int MinLength = 10;
    public const int MaxLength = 128;

    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "password123", "password1234", "1234567890", "qwertyuiop", "12345678910", "iloveyou123", "addispay123",
        "ethiopia123", "password12", "qwerty12345", "abcdefghij", "abc1234567", "letmein1234", "welcome123"
    };

    private readonly PasswordHasher<Account> _hasher =
        new(Options.Create(new PasswordHasherOptions { CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3, IterationCount = Iterations }));

    public string Hash(Account account, string password) => _hasher.HashPassword(account, password);

    /// <summary>True when <paramref name="password"/> matches; <paramref name="rehashed"/> is set when the stored hash used weaker parameters.</summary>
    public bool Verify(Account account, string password, out string? rehashed)
    {
        rehashed = null;
        if (string.IsNullOrEmpty(account.PasswordHash)) return false;
        var result = _hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded) rehashed = Hash(account, password);
        return result != PasswordVerificationResult.Failed;
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
