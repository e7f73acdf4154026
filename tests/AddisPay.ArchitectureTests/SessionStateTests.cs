using System.Text.RegularExpressions;
using Xunit;

namespace AddisPay.ArchitectureTests;

/// <summary>
/// Rule: module code leaves no session state on a pooled connection. Module connections are handed back to the pool
/// without Npgsql's reset (Databases.ForModuleWork), so a session-level SET would silently change the next user's
/// queries, and a session advisory lock taken without an unlock would stay held by an idle pooled connection.
/// </summary>
public sealed partial class SessionStateTests
{
    // A SET that starts an SQL statement (not UPDATE ... SET) and is not SET LOCAL.
    [GeneratedRegex("""(^|[";]|\n)\s*set\s+(?!local\b)(session\s+)?[a-z_][\w.]*\s*(=|to\b)""", RegexOptions.IgnoreCase)]
    private static partial Regex SessionSet();

    [GeneratedRegex(@"pg_(try_)?advisory_lock(_shared)?\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex SessionAdvisoryLock();

    private static IEnumerable<string> ModuleSources() => Directory
        .GetFiles(Path.Combine(Solution.Root, "src", "Modules"), "*.cs", SearchOption.AllDirectories)
        .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") &&
                    !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") &&
                    !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}"));

    internal static bool LeavesSessionState(string source) =>
        SessionSet().IsMatch(source) || SessionAdvisoryLock().IsMatch(source) && !source.Contains("pg_advisory_unlock", StringComparison.OrdinalIgnoreCase);

    [Fact]
    public void Module_code_sets_nothing_for_the_session_and_unlocks_every_session_lock_it_takes()
    {
        var offenders = ModuleSources().Where(f => LeavesSessionState(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(Solution.Root, f)).ToList();
        Assert.True(offenders.Count == 0, "Session state left on pooled connections (use SET LOCAL in a transaction, unlock in a finally): " + string.Join(", ", offenders));
        Assert.NotEmpty(ModuleSources()); // the scan looks at the real sources
    }

    [Theory]
    [InlineData("""new NpgsqlCommand("set pg_trgm.word_similarity_threshold = 0.5", conn)""", true)]
    [InlineData("""new NpgsqlCommand("SET search_path TO products", conn)""", true)]
    [InlineData("""new NpgsqlCommand("select pg_try_advisory_lock(42)", conn)""", true)]
    [InlineData("""new NpgsqlCommand("select pg_advisory_lock(42)"); /* ... */ new NpgsqlCommand("select pg_advisory_unlock(42)")""", false)]
    [InlineData("""new NpgsqlBatchCommand("set local enable_seqscan = off")""", false)]
    [InlineData("""$"update orders.coupons set \"TimesUsed\" = \"TimesUsed\" + 1 where ...""", false)]
    [InlineData("""select pg_advisory_xact_lock(7)""", false)]
    public void The_rule_tells_session_state_from_transaction_state(string source, bool leaves) =>
        Assert.Equal(leaves, LeavesSessionState(source));
}
