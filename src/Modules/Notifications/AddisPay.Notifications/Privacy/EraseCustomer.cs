using AddisPay.Shared.Events;
using AddisPay.Users.Contracts;
using Npgsql;

namespace AddisPay.Notifications.Privacy;

/// <summary>
/// A deleted account leaves nothing personal here: watches and purchases go, messages not yet sent are dropped, and
/// the log keeps sent or dead messages only as counts (recipient replaced, subject and bodies emptied).
/// </summary>
internal sealed class EraseCustomer(ModuleWork<AddisPay.Notifications.Data.NotificationsDbContext> work) : IIntegrationEventHandler<UserDeleted>
{
    public async Task HandleAsync(UserDeleted e, IntegrationEventContext context, CancellationToken ct)
    {
        await using var cmd = work.Command("""
            delete from notifications.watches where "UserId" = @user;
            delete from notifications.purchases where "UserId" = @user;
            delete from notifications.messages where "UserId" = @user and "Status" in ('queued', 'failed');
            update notifications.messages set "Recipient" = 'erased:' || "Id", "Subject" = null, "Body" = '', "HtmlBody" = null, "LastError" = null
             where "UserId" = @user;
            """);
        cmd.Parameters.AddWithValue("user", e.UserId);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
