using System.Text.Json;
using System.Text.RegularExpressions;
using Serilog.Events;
using Serilog.Formatting;

namespace AddisPay.Shared.Observability;

/// <summary>Who writes the log: the ECS service.* and host.name of every line.</summary>
/// <param name="Name">addispay-&lt;module&gt; when the process runs one module, addispay otherwise.</param>
/// <param name="Modules">The modules the process runs, comma-separated.</param>
public sealed record LogSource(string Name, string Version, string Environment, string HostName, string Modules)
{
    public static string ServiceName(IReadOnlyCollection<string> enabled, int known) =>
        enabled.Count == 1 && known > 1 ? $"addispay-{enabled.Single().ToLowerInvariant()}" : "addispay";
}

/// <summary>
/// Writes each log event as one line of Elastic Common Schema JSON, ready for Fluent Bit, Filebeat or Logstash without a
/// parsing pipeline (the Elastic Serilog packages are not available to this build, and the subset needed is small).
/// The shape is a contract with helm/addispay/logging/elasticsearch/index-template.json: a test feeds real Host output
/// through it, so a new top-level field needs its mapping there. Properties without an ECS home go to
/// addispay.properties (a flattened field: no mapping explosion, no type conflicts between two events' "Id").
/// Secrets never reach the output: token-, password- and key-like properties and anything shaped like a JWT are
/// replaced, and e-mail addresses are masked wherever they appear.
/// </summary>
public sealed partial class EcsJsonFormatter(LogSource source) : ITextFormatter
{
    public const string EcsVersion = "8.11.0";
    public const string Redacted = "[redacted]";

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false };

    // The request log's own properties, written as ECS http.*, url.path and event.duration instead.
    private static readonly HashSet<string> Promoted = ["SourceContext", "UserId", "Module", "RequestMethod", "RequestPath", "StatusCode", "Elapsed"];

    public void Format(LogEvent logEvent, TextWriter output)
    {
        var properties = logEvent.Properties.ToDictionary(p => p.Key, p => Scrub(p.Key, p.Value));
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("@timestamp", logEvent.Timestamp.UtcDateTime.ToString("O"));
            w.WriteString("log.level", Level(logEvent.Level));
            w.WriteString("message", Mask(logEvent.MessageTemplate.Render(properties)));
            w.WriteString("ecs.version", EcsVersion);
            w.WriteString("service.name", source.Name);
            w.WriteString("service.version", source.Version);
            w.WriteString("service.environment", source.Environment);
            w.WriteString("host.name", source.HostName);
            if (logEvent.TraceId is { } traceId) w.WriteString("trace.id", traceId.ToHexString());
            if (logEvent.SpanId is { } spanId) w.WriteString("span.id", spanId.ToHexString());
            var logger = Text(properties, "SourceContext");
            if (logger is not null) w.WriteString("log.logger", logger);
            if (Text(properties, "UserId") is { } userId) w.WriteString("user.id", userId);
            if (Text(properties, "RequestMethod") is { } method) w.WriteString("http.request.method", method);
            if (Text(properties, "RequestPath") is { } path) w.WriteString("url.path", path);
            if (properties.TryGetValue("StatusCode", out var status) && status is ScalarValue { Value: int code })
                w.WriteNumber("http.response.status_code", code);
            if (properties.TryGetValue("Elapsed", out var elapsed) && elapsed is ScalarValue { Value: double ms })
                w.WriteNumber("event.duration", (long)Math.Round(ms * 1_000_000)); // ECS: nanoseconds
            if (logEvent.Exception is { } ex)
            {
                w.WriteString("error.type", ex.GetType().FullName);
                w.WriteString("error.message", Mask(ex.Message));
                w.WriteString("error.stack_trace", Mask(ex.ToString()));
            }
            w.WritePropertyName("addispay");
            w.WriteStartObject();
            if ((Text(properties, "Module") ?? ModuleOfLogger(logger)) is { } module) w.WriteString("module", module);
            w.WriteString("modules", source.Modules);
            w.WriteString("template", logEvent.MessageTemplate.Text);
            if (properties.Keys.Any(k => !Promoted.Contains(k)))
            {
                w.WritePropertyName("properties");
                w.WriteStartObject();
                foreach (var (name, value) in properties)
                {
                    if (Promoted.Contains(name)) continue;
                    w.WritePropertyName(name);
                    WriteValue(w, value);
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        output.Write(System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length));
        output.Write('\n');
    }

    /// <summary>Masks every e-mail address (m***@example.et) and replaces anything shaped like a JWT.</summary>
    public static string Mask(string text)
    {
        if (text.Contains('@')) text = EmailAddress().Replace(text, m => m.Groups["local"].Value[0] + "***@" + m.Groups["domain"].Value);
        return text.Contains("eyJ", StringComparison.Ordinal) ? Jwt().Replace(text, Redacted) : text;
    }

    private static LogEventPropertyValue Scrub(string name, LogEventPropertyValue value) => value switch
    {
        _ when SecretName().IsMatch(name) => new ScalarValue(Redacted),
        ScalarValue { Value: string s } => new ScalarValue(Mask(s)),
        ScalarValue { Value: null or bool or ValueType } => value,
        ScalarValue s => new ScalarValue(Mask(s.Value.ToString() ?? "")),
        SequenceValue seq => new SequenceValue(seq.Elements.Select(e => Scrub("", e))),
        StructureValue st => new StructureValue(st.Properties.Select(p => new LogEventProperty(p.Name, Scrub(p.Name, p.Value))), st.TypeTag),
        DictionaryValue d => new DictionaryValue(d.Elements.Select(kv => new KeyValuePair<ScalarValue, LogEventPropertyValue>(kv.Key, Scrub(kv.Key.Value?.ToString() ?? "", kv.Value)))),
        _ => new ScalarValue(Mask(value.ToString()))
    };

    private static string? Text(Dictionary<string, LogEventPropertyValue> properties, string name) =>
        properties.TryGetValue(name, out var v) && v is ScalarValue { Value: string s } ? s : null;

    // AddisPay.Orders.Checkout.PlaceOrder -> orders: the module a log line without a request belongs to.
    private static string? ModuleOfLogger(string? logger)
    {
        if (logger is null || !logger.StartsWith("AddisPay.", StringComparison.Ordinal)) return null;
        var part = logger.Split('.')[1];
        return part is "Shared" or "Host" ? "platform" : part.ToLowerInvariant();
    }

    private static void WriteValue(Utf8JsonWriter w, LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue { Value: null }: w.WriteNullValue(); break;
            case ScalarValue { Value: bool b }: w.WriteBooleanValue(b); break;
            case ScalarValue { Value: int or long or short or byte or uint or ulong or ushort or sbyte } s: w.WriteNumberValue(Convert.ToDecimal(s.Value)); break;
            case ScalarValue { Value: double d } when !double.IsFinite(d): w.WriteStringValue(d.ToString(System.Globalization.CultureInfo.InvariantCulture)); break;
            case ScalarValue { Value: float f } when !float.IsFinite(f): w.WriteStringValue(f.ToString(System.Globalization.CultureInfo.InvariantCulture)); break;
            case ScalarValue { Value: double or float or decimal } s: w.WriteNumberValue(Convert.ToDecimal(s.Value)); break;
            case ScalarValue s: w.WriteStringValue(Convert.ToString(s.Value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case SequenceValue seq:
                w.WriteStartArray();
                foreach (var item in seq.Elements) WriteValue(w, item);
                w.WriteEndArray();
                break;
            case StructureValue st:
                w.WriteStartObject();
                foreach (var p in st.Properties) { w.WritePropertyName(p.Name); WriteValue(w, p.Value); }
                w.WriteEndObject();
                break;
            case DictionaryValue d:
                w.WriteStartObject();
                foreach (var (k, v) in d.Elements) { w.WritePropertyName(k.Value?.ToString() ?? ""); WriteValue(w, v); }
                w.WriteEndObject();
                break;
            default: w.WriteStringValue(value.ToString()); break;
        }
    }

    private static string Level(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose => "trace",
        LogEventLevel.Debug => "debug",
        LogEventLevel.Information => "info",
        LogEventLevel.Warning => "warn",
        LogEventLevel.Error => "error",
        _ => "fatal"
    };

    [GeneratedRegex(@"(?<local>[A-Za-z0-9._%+\-]+)@(?<domain>[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,})")]
    private static partial Regex EmailAddress();

    [GeneratedRegex(@"eyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]*")]
    private static partial Regex Jwt();

    [GeneratedRegex("token|password|passwd|secret|authorization|apikey|api_key|signature|cookie|privatekey", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
