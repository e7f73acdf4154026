using AddisPay.Users.Contracts;

namespace AddisPay.Users.Domain;

/// <summary>
/// Ends sessions (refresh-token families) and tells every process at once: the tokens are revoked and
/// <see cref="SessionsRevoked"/> is published in the same transaction, so every pod refuses the sessions' access tokens
/// about a second later instead of when they expire.
/// </summary>
internal sealed class SessionFamilies(UsersDbContext db, ModuleWork<UsersDbContext> work, TimeProvider clock)
{
    public Task<int> RevokeAsync(Guid accountId, Guid familyId, string reason, CancellationToken ct) =>
        EndAsync(accountId, reason, all: false, only: [familyId], except: [], ct);

    /// <summary>Ends every session of the account, but <paramref name="except"/> (the one changing its password).</summary>
    public Task<int> RevokeAllAsync(Guid accountId, string reason, CancellationToken ct, Guid? except = null) =>
        EndAsync(accountId, reason, all: true, only: [], except: except is { } keep ? [keep] : [], ct);

    private async Task<int> EndAsync(Guid accountId, string reason, bool all, Guid[] only, Guid[] except, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // In the use case's transaction: the sessions end when it commits, and SessionsRevoked goes out with them.
        await work.BeginAsync(ct);
        var ended = await SessionSql.EndAsync(db, accountId, reason, now, all, only, except, ct);
        var sessions = ended.Distinct().ToList();
        if (sessions.Count > 0) work.Raise(new SessionsRevoked(accountId, sessions, reason));
        return sessions.Count;
    }
}
