using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace AddisPay.IntegrationTests.Infrastructure;

/// <summary>
/// Arrangements several facts assert on, each made once (README, "Where the test of a behaviour lives"): the first fact that
/// asks for a <c>T</c> (and name) runs the arrangement, which sets up, acts and records what it saw; the others wait for it
/// and each asserts one behaviour of the same record, instead of repeating the arrange. A failed arrangement fails every
/// fact that shares it. A platform, topology or class fixture holds its own; a helper of a shared platform it does not
/// own asks <see cref="Of"/>.
/// </summary>
public sealed class Arrangements
{
    private static readonly ConditionalWeakTable<object, Arrangements> Owned = new();
    private readonly ConcurrentDictionary<(Type, string), Lazy<Task<object>>> _made = new();

    /// <summary>The arrangements kept for <paramref name="owner"/> (a shared platform) as long as it lives.</summary>
    public static Arrangements Of(object owner) => Owned.GetValue(owner, _ => new Arrangements());

    /// <summary>The record of <paramref name="arrange"/>, made at the first call for <typeparamref name="T"/> and <paramref name="name"/>.</summary>
    public async Task<T> OnceAsync<T>(Func<Task<T>> arrange, string name = "") =>
        (T)await _made.GetOrAdd((typeof(T), name), _ => new Lazy<Task<object>>(async () => (await arrange())!)).Value;
}
