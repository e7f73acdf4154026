using AddisPay.Market;

namespace AddisPay.Users.SearchCustomers;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Users.Contracts;

/// <summary>A back office's customer search, which also finds a customer by the phone number they gave.</summary>
internal sealed class SearchCustomersHandler(UsersDbContext db) : IQueryHandler<SearchCustomers, CustomerPage>
{
    public async ValueTask<CustomerPage> Handle(SearchCustomers query, CancellationToken ct)
    {
        if (Paging.Errors(query.Page, query.PageSize) is { Count: > 0 } errors) throw new ValidationFailedException(errors);
        var accounts = db.Accounts.AsNoTracking().Where(a => a.DeletedAt == null);
        var term = query.Term?.Trim();
        if (!string.IsNullOrEmpty(term))
        {
            if (term.Length > 254) throw new ValidationFailedException("term", "Search for at most 254 characters.");
            var like = "%" + term.ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            var phone = EthiopianPhone.Normalize(term);
            accounts = accounts.Where(a => EF.Functions.Like(a.NormalizedEmail, like) || EF.Functions.ILike(a.FullName, like)
                || (phone != null && a.Phone == phone));
        }
        var total = await accounts.CountAsync(ct);
        var page = await accounts.OrderByDescending(a => a.CreatedAt).ThenBy(a => a.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(ct);
        return new CustomerPage(page.Select(a => a.ToCustomer()).ToList(), query.Page, query.PageSize, total);
    }
}
