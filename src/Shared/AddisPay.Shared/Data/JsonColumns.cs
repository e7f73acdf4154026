using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AddisPay.Shared.Data;

/// <summary>
/// A property kept as one jsonb column (an order's lines, a bill, a timeline), written with the web JSON defaults. How EF
/// Core tells whether it changed depends on what can change: every tracked entity's columns are snapshotted when it is
/// loaded or saved and compared at SaveChanges, and doing that through JSON (serialize, deserialize) for every column was
/// 2–3% of the Host's CPU under the checkout benchmark. Immutable values need no copy at all.
/// </summary>
public static class JsonColumns
{
    /// <summary>A mutable object: snapshotted as a deep copy through JSON and compared as JSON, so a change inside it is seen.</summary>
    public static PropertyBuilder<T> HasJsonColumn<T>(this PropertyBuilder<T> property) where T : class =>
        property.HasColumnType("jsonb").HasConversion(Json<T>.Converter, Json<T>.DeepComparer);

    /// <summary>
    /// An immutable value (a record with init-only members and read-only lists): it can only change by being replaced, so the
    /// snapshot is the instance itself, and only a replaced one is compared (as JSON).
    /// </summary>
    public static PropertyBuilder<T> HasImmutableJsonColumn<T>(this PropertyBuilder<T> property) where T : class =>
        property.HasColumnType("jsonb").HasConversion(Json<T>.Converter, Json<T>.ReplacedComparer);

    /// <summary>
    /// A list of immutable items (records): items are added, removed or replaced but never changed, so the snapshot is a copy
    /// of the list and comparing is comparing the items in order.
    /// </summary>
    public static PropertyBuilder<List<TItem>> HasJsonListColumn<TItem>(this PropertyBuilder<List<TItem>> property) where TItem : class =>
        property.HasColumnType("jsonb").HasConversion(Json<List<TItem>>.Converter, new ValueComparer<List<TItem>>(
            (a, b) => ReferenceEquals(a, b) || a != null && b != null && a.SequenceEqual(b),
            v => v.Aggregate(v.Count, (hash, item) => HashCode.Combine(hash, item)),
            v => new List<TItem>(v)));

    private static class Json<T> where T : class
    {
        private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
        public static readonly ValueConverter<T, string> Converter = new(v => JsonSerializer.Serialize(v, Options), v => JsonSerializer.Deserialize<T>(v, Options)!);

        public static readonly ValueComparer<T> DeepComparer = new(
            (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
            v => JsonSerializer.Serialize(v, Options).GetHashCode(),
            v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Options), Options)!);

        public static readonly ValueComparer<T> ReplacedComparer = new(
            (a, b) => ReferenceEquals(a, b) || a != null && b != null && JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
            v => JsonSerializer.Serialize(v, Options).GetHashCode(),
            v => v);
    }
}
