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
    public void Add(ValidationFailedException refused)
    {
        foreach (var (field, messages) in refused.Errors)
        {
            var key = "field." + field;
            var ours = language[key];
            if (ours != key && field != "password") Add(field, ours);
            else foreach (var m in messages) Add(field, m);
        }
        Summary ??= language["form.fix"];
    }
}
