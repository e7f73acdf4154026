using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AddisPay.Shared.Data;

/// <summary>
/// A property kept as one jsonb column (an order's lines, a bill, a timeline): written with the web JSON
/// defaults and compared by value, so EF Core notices a change made inside the object.
/// </summary>
public static class JsonColumns
{
    public static PropertyBuilder<T> HasJsonColumn<T>(this PropertyBuilder<T> property) where T : class =>
        property.HasColumnType("jsonb").HasConversion(Json<T>.Converter, Json<T>.Comparer);

    private static class Json<T> where T : class
    {
        private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
        public static readonly ValueConverter<T, string> Converter = new(v => JsonSerializer.Serialize(v, Options), v => JsonSerializer.Deserialize<T>(v, Options)!);
        public static readonly ValueComparer<T> Comparer = new(
            (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
            v => JsonSerializer.Serialize(v, Options).GetHashCode(),
            v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Options), Options)!);
    }
}
