namespace AddisPay.Shared.Contracts;

/// <summary>
/// A command that is safe to repeat (its handler dedupes on a key the caller chose). Cross-pod calls
/// retry only queries and commands carrying this marker: retrying anything else could, say, reserve stock twice.
/// </summary>
public interface IIdempotentCommand;
