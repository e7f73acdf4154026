namespace AddisPay.Users.GetCustomer;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Users.Contracts;

internal sealed class GetCustomerHandler(UsersDbContext db) : IQueryHandler<GetCustomer, CustomerRecord?>
{
    public async ValueTask<CustomerRecord?> Handle(GetCustomer query, CancellationToken ct) => await UserContractViews.FindCustomerAsync(db, query.UserId, ct);
}
