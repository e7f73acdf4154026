using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Http;
using AddisPay.Shared.Messaging;
using AddisPay.Shared.Modules;
using AddisPay.Shared.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.Shared.Events;

/// <summary>
/// Where a request addressed to a module (<see cref="IModuleAddressed"/>) is answered: here when this process runs the
/// module, otherwise by the module's pods through the same internal endpoint as every Contracts request.
/// </summary>
internal sealed class ModuleAddressedRouter(ModuleSelection selection, IServiceProvider services)
{
    public async ValueTask<TResponse> SendAsync<TRequest, TResponse>(TRequest request, Func<TRequest, Task<TResponse>> here, CancellationToken ct)
        where TRequest : IModuleAddressed
    {
        if (!selection.Known.Contains(request.Module, StringComparer.OrdinalIgnoreCase))
            throw new ValidationFailedException("module", $"Use one of: {string.Join(", ", selection.Known)}.");
        if (selection.IsEnabled(request.Module)) return await here(request);
        return await services.GetRequiredService<RemoteModuleClient>().SendAsync<TRequest, TResponse>(request.Module.ToLowerInvariant(), request, ct);
    }
}

internal sealed class ListInboxDeadLettersHandler(ModuleAddressedRouter router, InboxDeadLetters deadLetters)
    : IQueryHandler<ListInboxDeadLetters, InboxDeadLetterPage>
{
    public ValueTask<InboxDeadLetterPage> Handle(ListInboxDeadLetters query, CancellationToken ct)
    {
        var errors = Paging.Errors(query.Page, query.PageSize, maxPageSize: 200);
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        return router.SendAsync(query, q => deadLetters.ListAsync(q, ct), ct);
    }
}

internal sealed class ReplayInboxDeadLetterHandler(ModuleAddressedRouter router, InboxDeadLetters deadLetters)
    : ICommandHandler<ReplayInboxDeadLetter, InboxReplay>
{
    public ValueTask<InboxReplay> Handle(ReplayInboxDeadLetter command, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(command.ReplayedBy)) throw new ValidationFailedException("replayedBy", "Say who replays the event.");
        return router.SendAsync(command, c => deadLetters.ReplayAsync(c, ct), ct);
    }
}

internal sealed class GetInboxStatusHandler(ModuleAddressedRouter router, InboxDeadLetters deadLetters) : IQueryHandler<GetInboxStatus, InboxStatus>
{
    public ValueTask<InboxStatus> Handle(GetInboxStatus query, CancellationToken ct) =>
        router.SendAsync(query, q => deadLetters.StatusAsync(q.Module, ct), ct);
}

/// <summary>The body of <c>PUT /api/&lt;module&gt;/operations/failing-handlers</c>.</summary>
public sealed record FailingHandlersRequest([property: Required, MaxLength(50)] IReadOnlyList<string> Handlers);

public sealed record FailingHandlersView(string Module, IReadOnlyList<string> Handlers);

/// <summary>Each module's operations endpoints over its inbox, under <c>/api/&lt;module&gt;/operations</c>: admins only.</summary>
internal static class InboxOperationsEndpoints
{
    public static void MapInboxOperations(this IEndpointRouteBuilder app, string module, bool failingHandlersAllowed)
    {
        var pascal = char.ToUpperInvariant(module[0]) + module[1..];
        var api = app.MapGroup($"/api/{module}/operations").WithTags(module).RequireAuthorization(Policies.Admin);

        api.MapGet("/dead-letters", async ([Description("True: only dead letters waiting for a replay; false: only replayed ones; absent: both.")] bool? waiting,
                int? page, int? pageSize, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new ListInboxDeadLetters(module, waiting, page ?? 1, pageSize ?? 50), ct)))
            .WithName($"List{pascal}InboxDeadLetters")
            .WithSummary($"Events the {module} inbox parked after every attempt failed, newest first, replayed ones kept for the record.")
            .Produces<InboxDeadLetterPage>().ProducesValidationProblem();

        api.MapGet("/inbox", async (ISender sender, CancellationToken ct) => Results.Ok(await sender.Send(new GetInboxStatus(module), ct)))
            .WithName($"Get{pascal}InboxStatus")
            .WithSummary($"Dead letters of the {module} inbox waiting for a replay, its backlog and lag.")
            .Produces<InboxStatus>();

        api.MapPost("/dead-letters/{eventId}/replay", async ([Description("The parked event's id.")] string eventId,
                System.Security.Claims.ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                if (!Guid.TryParse(eventId, out var id)) throw new ValidationFailedException("eventId", "An event id is a UUID.");
                var by = $"admin:{user.FindFirst("sub")?.Value ?? "unknown"}";
                return Results.Ok(await sender.Send(new ReplayInboxDeadLetter(module, id, by), ct));
            })
            .WithName($"Replay{pascal}InboxDeadLetter")
            .WithSummary("Hands a parked event to its handler again (once: a second replay answers alreadyReplayed); 409 with the error if it fails again.")
            .Produces<InboxReplay>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        if (!failingHandlersAllowed) return;
        api.MapGet("/failing-handlers", (FailingHandlers failing) => Results.Ok(new FailingHandlersView(module, failing.Of(module))))
            .WithName($"Get{pascal}FailingHandlers")
            .WithSummary("Development and Testing only: the handlers of this module broken on purpose.")
            .Produces<FailingHandlersView>();
        api.MapPut("/failing-handlers", (FailingHandlersRequest request, FailingHandlers failing) =>
                Results.Ok(new FailingHandlersView(module, failing.Set(module, request.Handlers))))
            .Validate<FailingHandlersRequest>()
            .WithName($"Set{pascal}FailingHandlers")
            .WithSummary("Development and Testing only: breaks these handlers (class or event names) of this module on purpose; an empty list fixes them.")
            .Produces<FailingHandlersView>().ProducesValidationProblem();
    }
}
