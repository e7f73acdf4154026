using AddisPay.Shared.Modules;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.Shared.Messaging;

/// <summary>
/// Makes a module's Contracts callable from any pod. Mediator's generated code resolves a request's
/// handler before any pipeline step runs, so the switch happens in the container: the handlers of
/// modules that do not run in this process are removed, and each Contracts request they owned gets a
/// stand-in handler that sends it to the owner's pods. Callers cannot tell the difference.
/// </summary>
public static class RequestRouting
{
    /// <summary>Call after AddMediator, once every handler is registered.</summary>
    public static IServiceCollection RouteRequestsToOwningModules(this IServiceCollection services)
    {
        var selection = (ModuleSelection)services.Single(d => d.ServiceType == typeof(ModuleSelection)).ImplementationInstance!;
        var absent = services.Where(d => d.ServiceType == typeof(IModule))
            .Select(d => (IModule)d.ImplementationInstance!)
            .Where(m => !selection.IsEnabled(m.Name))
            .Select(m => m.GetType().Assembly)
            .ToHashSet();

        foreach (var descriptor in services.ToList())
        {
            var implementation = descriptor.ImplementationType;
            if (implementation is null || !absent.Contains(implementation.Assembly)) continue;
            services.Remove(descriptor);
            if (Forwarder(descriptor.ServiceType) is { } forwarder)
                services.Add(new ServiceDescriptor(descriptor.ServiceType, forwarder, ServiceLifetime.Scoped));
        }
        return services;
    }

    private static Type? Forwarder(Type serviceType)
    {
        if (!serviceType.IsGenericType) return null;
        var args = serviceType.GetGenericArguments();
        if (args.Length != 2 || !args[0].Assembly.IsDefined(typeof(Contracts.ModuleContractsAttribute), false)) return null;
        var definition = serviceType.GetGenericTypeDefinition();
        if (definition == typeof(IQueryHandler<,>)) return typeof(ForwardedQuery<,>).MakeGenericType(args);
        if (definition == typeof(ICommandHandler<,>)) return typeof(ForwardedCommand<,>).MakeGenericType(args);
        if (definition == typeof(IRequestHandler<,>)) return typeof(ForwardedRequest<,>).MakeGenericType(args);
        return null;
    }
}

internal sealed class ForwardedQuery<TQuery, TResponse>(RemoteModuleClient remote, ModuleDirectory directory)
    : IQueryHandler<TQuery, TResponse> where TQuery : IQuery<TResponse>
{
    public ValueTask<TResponse> Handle(TQuery query, CancellationToken ct) =>
        new(remote.SendAsync<TQuery, TResponse>(directory.OwnerOf(typeof(TQuery))!, query, ct));
}

internal sealed class ForwardedCommand<TCommand, TResponse>(RemoteModuleClient remote, ModuleDirectory directory)
    : ICommandHandler<TCommand, TResponse> where TCommand : ICommand<TResponse>
{
    public ValueTask<TResponse> Handle(TCommand command, CancellationToken ct) =>
        new(remote.SendAsync<TCommand, TResponse>(directory.OwnerOf(typeof(TCommand))!, command, ct));
}

internal sealed class ForwardedRequest<TRequest, TResponse>(RemoteModuleClient remote, ModuleDirectory directory)
    : IRequestHandler<TRequest, TResponse> where TRequest : IRequest<TResponse>
{
    public ValueTask<TResponse> Handle(TRequest request, CancellationToken ct) =>
        new(remote.SendAsync<TRequest, TResponse>(directory.OwnerOf(typeof(TRequest))!, request, ct));
}
