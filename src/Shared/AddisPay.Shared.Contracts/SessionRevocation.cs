namespace AddisPay.Shared.Contracts;

/// <summary>
/// An integration event that ends sessions at once. Every process, whatever modules it runs, follows these events in
/// the event log and refuses access tokens whose `sid` is one of <see cref="SessionIds"/> from then on, instead of
/// honouring them until they expire. The module that issues tokens publishes it (Users' SessionsRevoked).
/// </summary>
public interface ISessionsRevoked
{
    IReadOnlyList<Guid> SessionIds { get; }
}
