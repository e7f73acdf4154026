using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace AddisPay.Shared.Http;

/// <summary>
/// No text with a NUL character (U+0000) gets past the edge: PostgreSQL refuses it in text and jsonb (22021, 22P05), so
/// it can only ever fail deeper down, after work has started. Query strings and paths are checked here; JSON bodies by
/// <see cref="Converter"/>, which every body, internal request and response reads strings with.
/// </summary>
public static class TextWithoutNul
{
    public const string Error = "Text must not contain the NUL character (U+0000).";

    public static JsonConverter<string> Converter { get; } = new StringConverter();

    /// <summary>Answers 400 with a field error for each query parameter (or the path) holding a NUL character.</summary>
    public static async Task RejectInUrlAsync(HttpContext http, Func<Task> next)
    {
        var request = http.Request;
        // A raw NUL never gets through Kestrel; a percent-encoded one does. "%00" has no letters, so no case to fold.
        var suspect = (request.QueryString.HasValue && request.QueryString.Value!.Contains("%00", StringComparison.Ordinal))
            || (request.Path.HasValue && request.Path.Value!.Contains('\0'));
        if (!suspect)
        {
            await next();
            return;
        }
        var errors = new Dictionary<string, string[]>();
        if (request.Path.Value?.Contains('\0') == true) errors["path"] = [Error];
        foreach (var (name, values) in request.Query)
            if (name.Contains('\0') || values.Any(v => v?.Contains('\0') == true)) errors[name.Replace("\0", "")] = [Error];
        if (errors.Count == 0)
        {
            await next();
            return;
        }
        await Results.Problem(new ValidationProblemDetails(errors)
        {
            Status = 400, Title = "One or more fields are invalid.", Instance = request.Path.Value?.Replace("\0", "")
        }).ExecuteAsync(http);
    }

    private sealed class StringConverter : JsonConverter<string>
    {
        public override bool HandleNull => false;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = reader.GetString();
            // The serializer adds the property's path to the message.
            return value is not null && value.Contains('\0') ? throw new JsonException(Error) : value;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
