using AddisPay.Users.Contracts;

namespace AddisPay.Cart.EraseCartsOfDeletedUser;

/// <summary>A deleted account's carts go with it.</summary>
internal sealed class EraseCartsOfDeletedUser(DocumentWork<ICartStore> work) : IIntegrationEventHandler<UserDeleted>
{
    public async Task HandleAsync(UserDeleted e, IntegrationEventContext context, CancellationToken ct)
    {
        var session = work.Session; // in the inbox's transaction; saved after the handler
        session.DeleteWhere<Domain.Cart>(c => c.OwnerId == e.UserId);
    }
}
