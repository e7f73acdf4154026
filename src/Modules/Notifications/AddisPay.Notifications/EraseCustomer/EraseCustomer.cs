using AddisPay.Users.Contracts;
using Npgsql;

namespace AddisPay.Notifications.EraseCustomer;

/// <summary>
/// A deleted account leaves nothing personal here: watches and purchases go, messages not yet sent are dropped, and
/// the log keeps sent or dead messages only as counts (recipient replaced, subject and bodies emptied).
/// </summary>
internal sealed class EraseCustomer(ModuleWork<AddisPay.Notifications.Data.NotificationsDbContext> work) : IIntegrationEventHandler<UserDeleted>
{
    public async Task HandleAsync(UserDeleted e, IntegrationEventContext context, CancellationToken ct)
    {
        await AddisPay.Notifications.Data.CustomerDataSql.EraseAsync(work, e.UserId, ct);
    }
}
