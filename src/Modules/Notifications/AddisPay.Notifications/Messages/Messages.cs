using AddisPay.Notifications.Contracts;

namespace AddisPay.Notifications.Messages;

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
        return new MessagePage(items.Select(View).ToList(), total, query.Page, query.PageSize);
    }

    internal static MessageView View(Message m) => new(m.Id, m.SourceId, m.UserId, m.Channel, m.Recipient, m.Template, m.Language, m.Promotional,
        m.Subject, m.Status, m.Attempts, m.LastError, m.ProviderMessageId, m.CreatedAt, m.NextAttemptAt, m.LastAttemptAt, m.SentAt);
}

internal sealed class ResendMessageHandler(NotificationsDbContext db, TimeProvider clock) : ICommandHandler<ResendMessage, MessageView>
{
    public async ValueTask<MessageView> Handle(ResendMessage command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // Only a dead message goes back to the queue, with a fresh set of attempts; the condition makes two admins' clicks one resend.
        // The answer is the row as this statement left it: a delivery round may send it the moment it is queued.
        var resent = await MessageSql.ResendAsync(db, command.MessageId, now, ct);
        if (resent is not null) return ListMessagesHandler.View(resent);
        var message = await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == command.MessageId, ct)
            ?? throw new NotFoundException("Message not found.");
        throw new ConflictException($"Only dead messages can be resent; this one is {message.Status}.")
            { Reason = Refusal.Of("notifications.not-dead", ("status", message.Status)) };
    }
}

internal static class MessageEndpoints
{
    public static void MapMessages(this IEndpointRouteBuilder api)
    {
        api.MapGet("/messages", async (string? status, string? recipient, DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize,
                ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new ListMessages(status, string.IsNullOrWhiteSpace(recipient) ? null : recipient.Trim(), from, to,
                    page ?? 1, pageSize ?? 50), ct)))
            .RequireAuthorization(Policies.Admin).WithName("ListMessages")
            .WithSummary("The delivery log, newest first, by status, recipient and creation time; status=dead lists messages that gave up after their retries.")
            .Produces<MessagePage>().ProducesValidationProblem();

        api.MapPost("/messages/{id:guid}/resend", async (Guid id, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new ResendMessage(id), ct)))
            .RequireAuthorization(Policies.Admin).WithName("ResendMessage").WithSummary("Queues a dead message again with a fresh set of attempts.")
            .Produces<MessageView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }
}
