using AddisPay.Shared.Contracts;

namespace AddisPay.Storefront.Shopping;

/// <summary>
/// What a module refused in a form, field by field, in the shopper's language where the storefront knows the words
/// (the module's own message otherwise): problem details become messages beside the fields, never a stack trace.
/// </summary>
internal sealed class FormProblems(ShopLanguage language)
{
    private readonly Dictionary<string, List<string>> _fields = new(StringComparer.OrdinalIgnoreCase);

    public string? Summary { get; private set; }

    public bool Any => Summary is not null || _fields.Count > 0;

    public IReadOnlyList<string>? For(string field) => _fields.TryGetValue(field, out var m) ? m : null;

    /// <summary>aria-describedby for an input: its error paragraph when there is one.</summary>
    public string? DescribedBy(string field, string errorId) => _fields.ContainsKey(field) ? errorId : null;

    public void Add(string field, string message)
    {
        if (!_fields.TryGetValue(field, out var list)) _fields[field] = list = [];
        list.Add(message);
    }

    public void Fail(string message) => Summary = message;

    /// <summary>The module's field errors: the storefront's words for a field it knows (key "field.{name}"), else the module's.</summary>
    public void Add(ValidationFailedException refused) => Add(refused, "field.");

    /// <summary>
    /// As <see cref="Add(ValidationFailedException)"/>, with the words looked up under each of <paramref name="wordsUnder"/> in
    /// turn (a form that asks what another area's form asks, such as an address, says it in the same words).
    /// </summary>
    public void Add(ValidationFailedException refused, params string[] wordsUnder)
    {
        foreach (var (field, messages) in refused.Errors)
        {
            var ours = field == "password" ? null : wordsUnder.Select(prefix => (Key: prefix + field, Text: language[prefix + field]))
                .Where(w => w.Text != w.Key).Select(w => w.Text).FirstOrDefault();
            if (ours is not null) Add(field, ours);
            else foreach (var m in messages) Add(field, m);
        }
        Summary ??= language["form.fix"];
    }
}
