using System.Reflection;
using AddisPay.Shared.Events;
using Marten;

namespace AddisPay.UnitTests.Shared;

/// <summary>The statements the platform runs against Marten's own event tables (run against real tables by the integration tests' EventStoreSqlTests).</summary>
public sealed class EventStoreSqlTests
{
    [Fact]
    public void The_statements_against_Martens_tables_were_checked_against_the_Marten_version_in_use()
    {
        var inUse = typeof(IDocumentStore).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];

        Assert.True(inUse == EventStoreSql.VerifiedWithMarten,
            $"Marten is now {inUse}: check EventStoreSql's statements against its tables (EventStoreSqlTests, EventLogTests in the " +
            $"integration tests), then set EventStoreSql.VerifiedWithMarten to {inUse}.");
    }

    [Fact]
    public void The_append_for_a_Marten_batch_has_one_placeholder_per_parameter_in_order()
    {
        Assert.Equal(5, EventStoreSql.AppendInMartenBatch.Count(c => c == '?'));
        Assert.DoesNotContain("$", EventStoreSql.AppendInMartenBatch.Replace("${", ""));
        Assert.True(EventStoreSql.Append.IndexOf("$1", StringComparison.Ordinal) < EventStoreSql.Append.IndexOf("$5", StringComparison.Ordinal));
    }

    [Fact]
    public void The_revocations_poll_and_its_partial_index_carry_the_same_predicate_so_the_planner_can_match_them()
    {
        string[] aliases = ["users.sessions_revoked", "users.account_o'locked"];

        var predicate = EventStoreSql.TypeIn(aliases.Reverse());

        Assert.Equal("type in ('users.account_o''locked', 'users.sessions_revoked')", predicate);
        Assert.Contains(predicate, EventStoreSql.RevocationIndex(aliases));
        Assert.Contains(predicate, EventStoreSql.RevocationsSince(aliases));
        Assert.Equal("", EventStoreSql.RevocationIndex([]));
    }
}
