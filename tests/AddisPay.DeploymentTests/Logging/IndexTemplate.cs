using System.Globalization;
using System.Net;
using System.Text.Json;

namespace AddisPay.DeploymentTests.Logging;

/// <summary>
/// The Elasticsearch index template AddisPay's logs go into (helm/addispay/logging/elasticsearch/index-template.json),
/// read as Elasticsearch reads it: which field has which type, and whether a value a log line carries would be indexed
/// under it. The template maps with dynamic: false, so a field it lacks is silently not searchable.
/// Shared with the integration tests, which feed real Host output through it.
/// </summary>
public sealed class IndexTemplate
{
    private readonly Dictionary<string, string> _types = new(StringComparer.Ordinal);

    private IndexTemplate(JsonElement template)
    {
        Dynamic = template.GetProperty("template").GetProperty("mappings").TryGetProperty("dynamic", out var d) ? d.ToString() : "true";
        Collect(template.GetProperty("template").GetProperty("mappings").GetProperty("properties"), "");
    }

    public string Dynamic { get; }
    public IReadOnlyDictionary<string, string> Fields => _types;

    public static string PathIn(string repositoryRoot) =>
        Path.Combine(repositoryRoot, "helm", "addispay", "logging", "elasticsearch", "index-template.json");

    public static IndexTemplate Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return new IndexTemplate(doc.RootElement.Clone());
    }

    /// <summary>The mapped type of a dotted field: its own, "object" for a parent, or "flattened" under a flattened field.</summary>
    public string? TypeOf(string field)
    {
        if (_types.TryGetValue(field, out var type)) return type;
        var dot = field.LastIndexOf('.');
        while (dot > 0)
        {
            if (_types.TryGetValue(field[..dot], out var parent) && parent == "flattened") return "flattened";
            dot = field.LastIndexOf('.', dot - 1);
        }
        return null;
    }

    /// <summary>What in one document (a log line) Elasticsearch would not index as intended: unmapped fields, wrong types.</summary>
    public List<string> Problems(JsonElement document)
    {
        var problems = new List<string>();
        Check(document, "", problems);
        return problems;
    }

    public static bool Accepts(string type, JsonElement value) => type switch
    {
        "flattened" => true,
        "keyword" or "constant_keyword" or "wildcard" or "text" or "match_only_text" => value.ValueKind == JsonValueKind.String,
        "date" or "date_nanos" => value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _),
        "long" or "integer" or "short" or "byte" or "unsigned_long" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "double" or "float" or "half_float" or "scaled_float" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "ip" => value.ValueKind == JsonValueKind.String && IPAddress.TryParse(value.GetString(), out _),
        _ => false
    };

    private void Check(JsonElement obj, string prefix, List<string> problems)
    {
        foreach (var property in obj.EnumerateObject())
        {
            var path = prefix + property.Name;
            var type = TypeOf(path);
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Null) continue; // Elasticsearch indexes nothing for null
            if (value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in value.EnumerateArray()) CheckValue(path, type, item, problems);
                continue;
            }
            CheckValue(path, type, value, problems);
        }
    }

    private void CheckValue(string path, string? type, JsonElement value, List<string> problems)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            if (type == "flattened") return;
            if (type is null or "object") { Check(value, path + ".", problems); return; }
            problems.Add($"{path}: an object where the template maps {type}");
            return;
        }
        if (type is null) problems.Add($"{path}: not mapped ({value.ValueKind} {Short(value)})");
        else if (type == "object") problems.Add($"{path}: a {value.ValueKind} where the template maps an object");
        else if (!Accepts(type, value)) problems.Add($"{path}: {value.ValueKind} {Short(value)} is not a valid {type}");
    }

    private static string Short(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length > 60 ? text[..60] + "…" : text;
    }

    private void Collect(JsonElement properties, string prefix)
    {
        foreach (var field in properties.EnumerateObject())
        {
            var path = prefix + field.Name;
            if (field.Value.TryGetProperty("type", out var type) && type.GetString() != "object")
                _types[path] = type.GetString()!;
            else
            {
                _types[path] = "object";
                if (field.Value.TryGetProperty("properties", out var children)) Collect(children, path + ".");
            }
        }
    }
}
