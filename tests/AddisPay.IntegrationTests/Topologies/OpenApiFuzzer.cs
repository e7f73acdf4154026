using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace AddisPay.IntegrationTests.Topologies;

/// <summary>
/// Requests for every operation of the platform's OpenAPI document, drawn from a seeded generator: plausible values
/// (ids that exist, in-range numbers, well-formed bodies) mixed with hostile ones (NUL characters, overflowing
/// numbers, wrong types, missing and extra fields, malformed or oversized bodies, wrong content types). The same seed
/// gives the same requests, so a failure found once can be replayed.
/// </summary>
public sealed class OpenApiFuzzer(JsonElement document, IReadOnlyDictionary<string, string> knownValues, int seed)
{
    private readonly Random _random = new(seed);

    public sealed record Operation(string Method, string Path, JsonElement Definition)
    {
        public string Module => Path.Split('/', StringSplitOptions.RemoveEmptyEntries) is ["api", var module, ..] ? module : "platform";
        public override string ToString() => $"{Method.ToUpperInvariant()} {Path}";
    }

    public sealed record Case(string Kind, HttpRequestMessage Request, string Description);

    public IReadOnlyList<Operation> Operations() =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(m => m.Name is "get" or "post" or "put" or "patch" or "delete")
                .Select(m => new Operation(m.Name, path.Name, m.Value)))
            .ToList();

    /// <summary>One request for <paramref name="operation"/>, of a kind chosen by the seed.</summary>
    public Case Next(Operation operation, string? token)
    {
        var kind = _random.Next(4) switch { 0 => "plausible", 1 => "hostile-parameters", 2 => "hostile-body", _ => "raw-body" };
        var parameters = operation.Definition.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
        var path = operation.Path;
        var query = new List<string>();
        foreach (var parameter in parameters)
        {
            var name = parameter.GetProperty("name").GetString()!;
            var location = parameter.GetProperty("in").GetString();
            var schema = parameter.TryGetProperty("schema", out var s) ? Resolve(s) : default;
            var hostile = kind == "hostile-parameters" && _random.Next(2) == 0;
            var value = hostile ? HostileScalar() : PlausibleScalar(name, schema);
            if (location == "path") path = path.Replace("{" + name + "}", Uri.EscapeDataString(value));
            else if (location == "query" && (hostile || _random.Next(3) > 0)) query.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}");
        }
        // Route constraints like {id:guid} leave their constraint in the template.
        path = System.Text.RegularExpressions.Regex.Replace(path, "\\{[^}]+\\}", _ => Guid.NewGuid().ToString());
        var url = query.Count > 0 ? $"{path}?{string.Join('&', query)}" : path;

        var request = new HttpRequestMessage(new HttpMethod(operation.Method.ToUpperInvariant()), url);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (operation.Definition.TryGetProperty("requestBody", out var body))
            request.Content = Body(kind, body);
        if (operation.Method is "post" or "put" && _random.Next(3) == 0)
            request.Headers.TryAddWithoutValidation("Idempotency-Key", kind == "plausible" ? Guid.NewGuid().ToString() : HostileHeader());
        return new Case(kind, request, $"{kind} {request.Method} {url}");
    }

    private HttpContent Body(string kind, JsonElement requestBody)
    {
        var content = requestBody.TryGetProperty("content", out var c) ? c : default;
        var json = content.ValueKind == JsonValueKind.Object && content.TryGetProperty("application/json", out var j) ? j : default;
        var schema = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("schema", out var s) ? Resolve(s) : default;
        if (kind == "raw-body")
        {
            var raw = _random.Next(7) switch
            {
                0 => "{", 1 => "null", 2 => "[]", 3 => "\"text\"", 4 => "", 5 => "{\"a\":" + new string('[', 5000), _ => new string('x', 300_000)
            };
            var type = _random.Next(4) switch { 0 => "text/plain", 1 => "application/xml", _ => "application/json" };
            return new StringContent(raw, Encoding.UTF8, type);
        }
        if (json.ValueKind != JsonValueKind.Object)
        {
            // Uploads (multipart or raw text): a form with a hostile file or plain hostile text.
            var form = new MultipartFormDataContent();
            form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(kind == "plausible" ? "sku,name\nX,Y\n" : "a\0b,\"unterminated\n" + HostileScalar())), "file", "f.csv");
            return form;
        }
        var node = Value(schema, depth: 0, hostile: kind == "hostile-body");
        return new StringContent(node?.ToJsonString() ?? "null", Encoding.UTF8, "application/json");
    }

    private JsonNode? Value(JsonElement schema, int depth, bool hostile)
    {
        schema = Resolve(schema);
        if (hostile && _random.Next(4) == 0) return HostileNode();
        var type = TypeOf(schema);
        switch (type)
        {
            case "object":
                var obj = new JsonObject();
                var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()).ToHashSet() : [];
                if (schema.TryGetProperty("properties", out var props) && depth < 4)
                    foreach (var prop in props.EnumerateObject())
                    {
                        // Hostile bodies drop required fields now and then; plausible ones leave out some optional ones.
                        if (hostile && required.Contains(prop.Name) && _random.Next(5) == 0) continue;
                        if (!required.Contains(prop.Name) && _random.Next(3) == 0) continue;
                        obj[prop.Name] = Value(prop.Value, depth + 1, hostile);
                    }
                if (hostile && _random.Next(5) == 0) obj["unexpected" + _random.Next(100)] = HostileNode();
                return obj;
            case "array":
                var array = new JsonArray();
                var count = hostile && _random.Next(6) == 0 ? 2000 : _random.Next(0, 3);
                var items = schema.TryGetProperty("items", out var i) ? i : default;
                for (var n = 0; n < count; n++) array.Add(items.ValueKind == JsonValueKind.Object ? Value(items, depth + 1, hostile && count < 10) : JsonValue.Create(n));
                return array;
            case "integer":
                return JsonValue.Create(_random.Next(5) switch { 0 => 0, 1 => 1, 2 => 3, 3 => 20, _ => _random.Next(1, 100) });
            case "number":
                return JsonValue.Create(Math.Round((decimal)_random.NextDouble() * 1000, 2));
            case "boolean":
                return JsonValue.Create(_random.Next(2) == 0);
            default:
                if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("enum", out var e) && e.GetArrayLength() > 0)
                    return JsonNode.Parse(e[_random.Next(e.GetArrayLength())].GetRawText());
                var format = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var f) ? f.GetString() : null;
                return JsonValue.Create(format switch
                {
                    "uuid" => knownValues.Values.Where(v => Guid.TryParse(v, out _)).OrderBy(_ => _random.Next()).FirstOrDefault() ?? Guid.NewGuid().ToString(),
                    "date-time" => DateTimeOffset.UtcNow.AddDays(_random.Next(-5, 5)).ToString("O"),
                    "email" => $"fuzz{_random.Next(1000)}@example.et",
                    _ => _random.Next(4) switch { 0 => "ቡና", 1 => "Yirgacheffe", 2 => "0911234567", _ => "fuzz-" + _random.Next(1000) }
                });
        }
    }

    private string PlausibleScalar(string name, JsonElement schema)
    {
        foreach (var (key, value) in knownValues)
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) return value;
        return TypeOf(schema) switch
        {
            "integer" => _random.Next(1, 5).ToString(),
            "number" => "100",
            "boolean" => "true",
            _ when schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var f) && f.GetString() == "uuid" => Guid.NewGuid().ToString(),
            _ => name.Contains("sort", StringComparison.OrdinalIgnoreCase) ? "newest" : "coffee"
        };
    }

    private static readonly string[] Hostile =
    [
        "a\0b", "\0", "", " ", "2147483647", "-2147483648", "9999999999999999999999", "-1", "0", "1e309", "NaN", "true", "null",
        "'; drop table users; --", "%", "_", "\\", "../../etc/passwd", "<script>alert(1)</script>", "ቡና\u200d\u202e", "\ud800x",
        "00000000-0000-0000-0000-000000000000", "not-a-guid", "https://evil.example/", "javascript:alert(1)", "//evil.example",
        "9999-12-31T23:59:59Z", "0001-01-01", "{\"$ne\":null}"
    ];

    private string HostileScalar() => _random.Next(12) == 0 ? new string('ማ', 5000) : Hostile[_random.Next(Hostile.Length)];

    /// <summary>What a client can put in a header at all: printable ASCII.</summary>
    private string HostileHeader()
    {
        var printable = Hostile.Where(h => h.All(ch => ch is >= ' ' and <= '~')).ToArray();
        return _random.Next(12) == 0 ? new string('k', 5000) : printable[_random.Next(printable.Length)];
    }

    private JsonNode? HostileNode() => _random.Next(8) switch
    {
        0 => null,
        1 => JsonValue.Create(long.MaxValue),
        2 => JsonValue.Create(-1),
        3 => JsonValue.Create(1e300),
        4 => new JsonArray(JsonValue.Create("x")),
        5 => new JsonObject { ["nested"] = JsonValue.Create("\0") },
        6 => JsonValue.Create(decimal.MaxValue),
        _ => JsonValue.Create(HostileScalar())
    };

    private static string? TypeOf(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object) return null;
        if (!schema.TryGetProperty("type", out var t)) return schema.TryGetProperty("properties", out _) ? "object" : null;
        if (t.ValueKind == JsonValueKind.String) return t.GetString();
        // OpenAPI 3.1 nullable types: ["string", "null"].
        return t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()).FirstOrDefault(x => x != "null") : null;
    }

    private JsonElement Resolve(JsonElement schema)
    {
        for (var hops = 0; hops < 10 && schema.ValueKind == JsonValueKind.Object; hops++)
        {
            if (schema.TryGetProperty("$ref", out var reference))
            {
                var name = reference.GetString()!.Split('/').Last();
                schema = document.GetProperty("components").GetProperty("schemas").GetProperty(name);
                continue;
            }
            // oneOf/anyOf/allOf: the first alternative that is not a bare null.
            foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
                if (schema.TryGetProperty(combinator, out var alternatives) && alternatives.GetArrayLength() > 0)
                {
                    schema = alternatives.EnumerateArray().FirstOrDefault(a => TypeOf(a) != "null", alternatives[0]);
                    goto next;
                }
            return schema;
        next:;
        }
        return schema;
    }
}
