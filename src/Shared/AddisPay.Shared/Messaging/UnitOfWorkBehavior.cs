using System.Reflection;
using AddisPay.Shared.Events;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.Shared.Messaging;

/// <summary>
/// The unit of work around a module's commands: after the handler returns, what it changed is saved and what it raised is
/// appended to the event log in one transaction (<see cref="ModuleWork{TContext}.CompleteAsync"/>); if it throws, nothing of
/// either is kept. Queries pass through, as do commands of modules that run elsewhere (forwarded over HTTP) or keep no
/// relational data. A command sent by a handler to its own module joins the outer command's work.
/// </summary>
public sealed class UnitOfWorkBehavior<TMessage, TResponse>(IServiceProvider services, CommandOwners owners) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct)
    {
        if (message is not IBaseCommand || owners.OwnerOf(typeof(TMessage)) is not { } module
            || services.GetKeyedService<UnitOfWork>(module) is not { } work)
            return await next(message, ct);

        work.Enter();
        TResponse response;
        try
        {
            response = await next(message, ct);
        }
        catch
        {
            if (work.Leave()) await work.AbandonAsync();
            throw;
        }
        if (!work.Leave()) return response;
        try
        {
            await work.CompleteAsync(ct);
        }
        catch
        {
            await work.AbandonAsync();
            throw;
        }
        return response;
    }
}

/// <summary>Which module a command belongs to: the module whose assembly or Contracts assembly declares it.</summary>
public sealed class CommandOwners
{
    private readonly Dictionary<Assembly, string> _modules = [];

    internal void Add(Assembly assembly, string module) => _modules[assembly] = module;

    public string? OwnerOf(Type message) => _modules.GetValueOrDefault(message.Assembly);
}
