using System.Text.Json;
using AddisPay.Shared.Contracts;
using Microsoft.AspNetCore.Mvc;

namespace AddisPay.Shared.Http;

/// <summary>
/// Where a refusal's <see cref="Refusal"/> travels in problem details: "reason" (its stable name) and "facts" (an object of
/// strings), RFC 9457 extension members. Read back on the calling side of a cross-pod call so the caller sees the same
/// exception, reason included, as in one process.
/// </summary>
public static class Refusals
{
    public const string ReasonKey = "reason";
    public const string FactsKey = "facts";

    public static Refusal? Read(ProblemDetails? problem)
    {
        if (problem is null || !problem.Extensions.TryGetValue(ReasonKey, out var code)) return null;
        var name = code switch
        {
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            string s => s,
            _ => null
        };
        if (string.IsNullOrEmpty(name)) return null;
        var facts = new Dictionary<string, string>();
        if (problem.Extensions.TryGetValue(FactsKey, out var raw) && raw is JsonElement { ValueKind: JsonValueKind.Object } obj)
            foreach (var fact in obj.EnumerateObject())
                if (fact.Value.ValueKind == JsonValueKind.String) facts[fact.Name] = fact.Value.GetString()!;
        return new Refusal(name, facts);
    }
}
