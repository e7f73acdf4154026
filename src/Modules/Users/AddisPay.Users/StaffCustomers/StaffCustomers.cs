using AddisPay.Market;
using AddisPay.Users.SweepThrottles;
using AddisPay.Users.AssignRoles;
using AddisPay.Users.SetUserLock;
using AddisPay.Users.Contracts;

namespace AddisPay.Users.StaffCustomers;

/// <summary>
/// A back office's customer pages: the admin API's own use cases (lock, unlock, roles) behind Contracts, and a search
/// that also finds a customer by the phone number they gave.
/// </summary>
internal sealed class StaffCustomerRequests(ISender sender, UsersDbContext db) :
    IQueryHandler<SearchCustomers, CustomerPage>,
    IQueryHandler<GetCustomer, CustomerRecord?>,
    ICommandHandler<SetCustomerLock, CustomerRecord>,
    ICommandHandler<SetCustomerRoles, CustomerRecord>
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
        return new CustomerPage(page.Select(Record).ToList(), query.Page, query.PageSize, total);
    }

    public async ValueTask<CustomerRecord?> Handle(GetCustomer query, CancellationToken ct) =>
        await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == query.UserId && a.DeletedAt == null, ct) is { } a ? Record(a) : null;

    public async ValueTask<CustomerRecord> Handle(SetCustomerLock command, CancellationToken ct)
    {
        var current = await Handle(new GetCustomer(command.UserId), ct) ?? throw new NotFoundException($"User {command.UserId} not found.");
        // Setting the lock that is already set would end sessions or forget failures again for nothing.
        if (current.Locked == command.Locked) return current;
        await sender.Send(new SetLockCommand(command.UserId, command.Locked), ct);
        return await Handle(new GetCustomer(command.UserId), ct) ?? current;
    }

    public async ValueTask<CustomerRecord> Handle(SetCustomerRoles command, CancellationToken ct)
    {
        if (command.UserId == command.ChangedBy && !command.Roles.Contains(Roles.Admin))
        {
            var own = await Handle(new GetCustomer(command.UserId), ct);
            if (own?.Roles.Contains(Roles.Admin) == true) throw new ConflictException("You may not remove your own admin role: ask another admin.");
        }
        await sender.Send(new AssignRolesCommand(command.UserId, [.. command.Roles]), ct);
        return await Handle(new GetCustomer(command.UserId), ct) ?? throw new NotFoundException($"User {command.UserId} not found.");
    }

    private static CustomerRecord Record(Account a) =>
        new(a.Id, a.Email, a.EmailVerifiedAt is not null, a.FullName, a.Phone, a.PreferredLanguage, a.Roles, a.LockedByAdmin, a.CreatedAt);
}
