using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;

namespace AddisPay.Notifications.Domain;

internal sealed record RenderedEmail(string Subject, string Text, string Html);

/// <summary>The words of an email in one language, as Liquid sources; promotions bring their own from the campaign.</summary>
internal sealed record EmailContent(string Subject, IReadOnlyList<string> Paragraphs, string? ActionLabel);

/// <summary>
/// Renders messages with Fluid (Liquid). The words are rendered as plain text first, then placed into a
/// text layout and an HTML layout; the HTML layout encodes every value, so a customer's name or an admin's
/// campaign text can never inject markup. Amharic stays as characters, not entities.
/// </summary>
internal sealed class MessageTemplates
{
    private static readonly FluidParser Parser = new();
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);
    // Campaign text is written by admins: a runaway loop stops instead of holding a worker.
    private static readonly TemplateOptions Limits = new() { MaxSteps = 100_000, MaxRecursion = 20 };
    private readonly ConcurrentDictionary<string, IFluidTemplate> _parsed = new();

    private const string TextLayout = """
        {{ greeting }}

        {% for p in paragraphs %}{{ p }}

        {% endfor %}{% if action_url %}{{ action_label }}: {{ action_url }}

        {% endif %}{{ signature }}
        {% if unsubscribe_url %}
        --
        {{ unsubscribe_text }}
        {{ unsubscribe_label }}: {{ unsubscribe_url }}
        {% endif %}
        """;

    private const string HtmlLayout = """
        <!DOCTYPE html>
        <html lang="{{ language }}">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>{{ subject }}</title></head>
        <body style="margin:0;padding:24px;background:#f6f6f6;font-family:'Noto Sans Ethiopic','Nyala',Arial,sans-serif;color:#222;line-height:1.5">
        <div style="max-width:560px;margin:0 auto;background:#fff;padding:24px;border-radius:8px">
        <p style="font-size:20px;font-weight:bold;color:#0b6e4f">AddisPay</p>
        <p>{{ greeting }}</p>
        {% for p in paragraphs %}<p>{{ p }}</p>
        {% endfor %}{% if action_url %}<p><a href="{{ action_url }}" style="display:inline-block;background:#0b6e4f;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">{{ action_label }}</a></p>
        {% endif %}<p>{{ signature }}</p>
        {% if unsubscribe_url %}<p style="font-size:12px;color:#777">{{ unsubscribe_text }} <a href="{{ unsubscribe_url }}">{{ unsubscribe_label }}</a></p>
        {% endif %}</div>
        </body>
        </html>
        """;

    /// <summary>A transactional email from the catalogue.</summary>
    public RenderedEmail Email(string template, string language, IReadOnlyDictionary<string, object?> model, string? actionUrl)
    {
        var text = TemplateCatalogue.All[(template, language)];
        return Email(new EmailContent(text.Subject, text.Paragraphs, text.ActionLabel), language, model, actionUrl, unsubscribeUrl: null);
    }

    public RenderedEmail Email(EmailContent content, string language, IReadOnlyDictionary<string, object?> model, string? actionUrl, string? unsubscribeUrl)
    {
        var frame = TemplateCatalogue.Frame[language];
        var subject = Render(content.Subject, model);
        var layout = new Dictionary<string, object?>
        {
            ["language"] = language,
            ["subject"] = subject,
            ["greeting"] = Render(frame.Greeting, model),
            ["paragraphs"] = content.Paragraphs.Select(p => Render(p, model)).Where(p => p.Length > 0).ToArray(),
            ["action_label"] = content.ActionLabel is null ? null : Render(content.ActionLabel, model),
            ["action_url"] = content.ActionLabel is null ? null : actionUrl,
            ["signature"] = frame.Signature,
            ["unsubscribe_text"] = frame.UnsubscribeText,
            ["unsubscribe_label"] = frame.UnsubscribeLabel,
            ["unsubscribe_url"] = unsubscribeUrl,
        };
        return new RenderedEmail(subject, Render(TextLayout, layout).Trim() + "\n", Render(HtmlLayout, layout, Html));
    }

    public string? Sms(string template, string language, IReadOnlyDictionary<string, object?> model) =>
        TemplateCatalogue.All[(template, language)].Sms is { } sms ? Render(sms, model) : null;

    /// <summary>Checks that admin-written Liquid parses, so a broken campaign is refused when it is created.</summary>
    public static bool TryParse(string source, out string? error)
    {
        var ok = Parser.TryParse(source, out _, out var message);
        error = ok ? null : message;
        return ok;
    }

    private string Render(string source, IReadOnlyDictionary<string, object?> model, TextEncoder? encoder = null)
    {
        var template = _parsed.GetOrAdd(source, s => Parser.TryParse(s, out var t, out var error)
            ? t : throw new InvalidOperationException($"Template does not parse: {error}"));
        var context = new TemplateContext(Limits);
        foreach (var (key, value) in model) context.SetValue(key, value);
        return template.Render(context, encoder ?? NullEncoder.Default);
    }
}
