namespace AddisPay.Notifications.ListMessages;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Notifications.Contracts;

internal sealed class ListMessagesHandler(NotificationsDbContext db) : IQueryHandler<ListMessages, MessagePage>
{
    public async ValueTask<MessagePage> Handle(ListMessages query, CancellationToken ct)
    {
        // Here rather than in the endpoint: other modules (the back office) ask through the contract.
        var errors = Paging.Errors(query.Page, query.PageSize, maxPageSize: 200);
        if (query.Status is not null && !MessageStatus.All.Contains(query.Status)) errors["status"] = [$"Use one of: {string.Join(", ", MessageStatus.All)}."];
        if (query.From >= query.To) errors["to"] = ["to must come after from."];
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        var messages = db.Messages.AsNoTracking();
        if (query.Status is not null) messages = messages.Where(m => m.Status == query.Status);
        if (query.Recipient is not null) messages = messages.Where(m => m.Recipient == query.Recipient);
        if (query.From is { } from) messages = messages.Where(m => m.CreatedAt >= from);
        if (query.To is { } to) messages = messages.Where(m => m.CreatedAt < to);
        var total = await messages.CountAsync(ct);
        var items = await messages.OrderByDescending(m => m.CreatedAt).ThenBy(m => m.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(ct);
        return new MessagePage(items.Select(m => m.ToView()).ToList(), total, query.Page, query.PageSize);
    }
}

internal static class ListMessagesEndpoint
{
    public static void MapListMessages(this IEndpointRouteBuilder api) =>
        api.MapGet("/messages", async (string? status, string? recipient, DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize,
                ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new ListMessages(status, string.IsNullOrWhiteSpace(recipient) ? null : recipient.Trim(), from, to,
                    page ?? 1, pageSize ?? 50), ct)))
            .RequireAuthorization(Policies.Admin).WithName("ListMessages")
            .WithSummary("The delivery log, newest first, by status, recipient and creation time; status=dead lists messages that gave up after their retries.")
            .Produces<MessagePage>().ProducesValidationProblem();
}
