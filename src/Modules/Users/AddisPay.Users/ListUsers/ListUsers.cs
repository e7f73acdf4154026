namespace AddisPay.Users.ListUsers;

internal sealed record ListUsersQuery(string? Search, int Page, int PageSize) : IQuery<UserPage>;

internal sealed class ListUsersHandler(UsersDbContext db, TimeProvider clock) : IQueryHandler<ListUsersQuery, UserPage>
{
    public async ValueTask<UserPage> Handle(ListUsersQuery q, CancellationToken ct)
    {
        var query = db.Accounts.AsNoTracking().Where(a => a.DeletedAt == null);
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var term = $"%{q.Search.Trim().ToLowerInvariant()}%";
            query = query.Where(a => EF.Functions.Like(a.NormalizedEmail, term) || EF.Functions.ILike(a.FullName, term));
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(a => a.CreatedAt).ThenBy(a => a.Id).Skip((q.Page - 1) * q.PageSize).Take(q.PageSize).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return new UserPage(items.Select(a => Summaries.Of(a, now)).ToList(), q.Page, q.PageSize, total);
    }
}

internal static class ListUsersEndpoints
{
    public static void MapListUsers(this IEndpointRouteBuilder api)
    {
        var admin = api.MapGroup("/").RequireAuthorization(Policies.Admin);
        admin.MapGet("/", async (ISender sender, CancellationToken ct, string? search = null, int page = 1, int pageSize = 20) =>
            {
                if (Paging.Errors(page, pageSize) is { Count: > 0 } errors) return Results.ValidationProblem(errors);
                return Results.Ok(await sender.Send(new ListUsersQuery(search, page, pageSize), ct));
            })
            .WithName("ListUsers").WithSummary("Lists accounts, newest first, optionally filtered by email or name (admin).")
            .Produces<UserPage>();
    }
}
