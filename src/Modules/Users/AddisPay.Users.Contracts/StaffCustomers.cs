using AddisPay.Shared.Contracts;
using Mediator;

namespace AddisPay.Users.Contracts;

// Staff looking after customers from a back office (another module): the use cases of Users' admin API, as Contracts. The
// caller checked the staff member's role (support may search, read, lock and export; only admins change roles): these
// answers tell whether an address has an account, so no shop front may send them.

/// <summary>
/// Accounts whose e-mail or name contains <paramref name="Term"/> (any case), or whose phone is the number it spells in any
/// Ethiopian form (0911..., +251 911...); every account without a term. Newest first, page from 1, page size 1–100.
/// </summary>
public sealed record SearchCustomers(string? Term, int Page = 1, int PageSize = 25) : IQuery<CustomerPage>;

public sealed record CustomerPage(IReadOnlyList<CustomerRecord> Items, int Page, int PageSize, int Total);

/// <param name="Roles">customer, support, admin.</param>
/// <param name="Locked">Locked by an admin or support agent: no sign-in until unlocked.</param>
public sealed record CustomerRecord(Guid UserId, string Email, bool EmailVerified, string FullName, string? Phone, string PreferredLanguage,
    IReadOnlyList<string> Roles, bool Locked, DateTimeOffset CreatedAt);

/// <summary>One account as staff see it; null when there is none (or it was deleted).</summary>
public sealed record GetCustomer(Guid UserId) : IQuery<CustomerRecord?>;

/// <summary>
/// Locks an account (its sessions end everywhere within about a second) or lifts the lock (and forgets the address's
/// failed sign-ins), as the admin API's lock and unlock do. Setting what is already set changes nothing: retry-safe.
/// NotFoundException for an unknown account.
/// </summary>
public sealed record SetCustomerLock(Guid UserId, bool Locked) : ICommand<CustomerRecord>, IIdempotentCommand;

/// <summary>
/// Gives an account exactly these roles (customer, support, admin; unknown ones are a field error on "roles"); its sessions
/// end so the next sign-in carries them. <paramref name="ChangedBy"/> is the admin doing it: an admin may not take the
/// admin role from their own account (ConflictException), so a shop never loses its last way in by a slip.
/// </summary>
public sealed record SetCustomerRoles(Guid UserId, IReadOnlyList<string> Roles, Guid ChangedBy) : ICommand<CustomerRecord>, IIdempotentCommand;
