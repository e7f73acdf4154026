using Mediator;

namespace AddisPay.Shared.Messaging;

/// <summary>
/// The Mediator pipeline step that makes a module's Contracts callable from any pod: when the owning
/// module runs here the request goes on to its handler; otherwise it is sent to the owner's pods over
/// HTTP. Callers cannot tell the difference.
/// </summary>
public sealed class ForwardToOwningModule<TMessage, TResponse>(ModuleDirectory directory, RemoteModuleClient remote)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var owner = directory.OwnerOf(typeof(TMessage));
        if (owner is null || directory.RunsHere(owner))
            return next(message, cancellationToken);
        return new ValueTask<TResponse>(remote.SendAsync<TMessage, TResponse>(owner, message, cancellationToken));
    }
}
