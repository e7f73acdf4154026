using System.Text;

namespace AddisPay.Products.Domain;

/// <summary>
/// RFC 4180 CSV as spreadsheets write and read it: fields with a comma, a quote or a line break are quoted (quotes doubled),
/// records end with CRLF, and a file starts with a UTF-8 byte-order mark so Excel shows Amharic as Amharic rather than
/// mojibake. Reading accepts LF or CRLF and skips the mark.
/// </summary>
internal static class CsvFormat
{
    /// <summary>The byte-order mark as a character: written first, skipped on read.</summary>
    public const char Bom = '\uFEFF';

    public static IEnumerable<string[]> Records(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var start = text.Length > 0 && text[0] == Bom ? 1 : 0;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                fields.Add(field.ToString()); field.Clear();
                yield return fields.ToArray();
                fields.Clear();
            }
            else field.Append(c);
        }
        if (field.Length > 0 || fields.Count > 0) { fields.Add(field.ToString()); yield return fields.ToArray(); }
    }

    /// <summary>One record, CRLF-terminated; null is an empty field.</summary>
    public static string Line(IEnumerable<string?> fields) => string.Join(',', fields.Select(Field)) + "\r\n";

    private static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        // Spaces at either end are kept by quoting: a reader trims unquoted fields.
        var quote = value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value[0] == ' ' || value[^1] == ' ';
        return quote ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
