namespace AddisPay.Notifications.ResendMessage;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Notifications.Contracts;

internal sealed class ResendMessageHandler(NotificationsDbContext db, TimeProvider clock) : ICommandHandler<ResendMessage, MessageView>
{
    public async ValueTask<MessageView> Handle(ResendMessage command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // Only a dead message goes back to the queue, with a fresh set of attempts; the condition makes two admins' clicks one resend.
        // The answer is the row as this statement left it: a delivery round may send it the moment it is queued.
        var resent = await MessageSql.ResendAsync(db, command.MessageId, now, ct);
        if (resent is not null) return resent.ToView();
        var message = await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == command.MessageId, ct)
            ?? throw new NotFoundException("Message not found.");
        throw new ConflictException($"Only dead messages can be resent; this one is {message.Status}.")
            { Reason = Refusal.Of("notifications.not-dead", ("status", message.Status)) };
    }
}

internal static class ResendMessageEndpoint
{
    public static void MapResendMessage(this IEndpointRouteBuilder api) =>
        api.MapPost("/messages/{id:guid}/resend", async (Guid id, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new ResendMessage(id), ct)))
            .RequireAuthorization(Policies.Admin).WithName("ResendMessage").WithSummary("Queues a dead message again with a fresh set of attempts.")
            .Produces<MessageView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
