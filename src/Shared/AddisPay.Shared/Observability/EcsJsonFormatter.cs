using System.Text.Json;
using Serilog.Events;
using Serilog.Formatting;

namespace AddisPay.Shared.Observability;

/// <summary>
/// Writes each log event as one line of Elastic Common Schema JSON (@timestamp, log.level, message,
/// trace.id, service.name, error.*), ready for Filebeat/Logstash without a parsing pipeline. The
/// Elastic Serilog packages are not available to this build, and the ECS subset needed is small.
/// </summary>
public sealed class EcsJsonFormatter(string serviceName, string modules) : ITextFormatter
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false };

    public void Format(LogEvent logEvent, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("@timestamp", logEvent.Timestamp.UtcDateTime.ToString("O"));
            w.WriteString("log.level", Level(logEvent.Level));
            w.WriteString("message", logEvent.RenderMessage());
            w.WriteString("ecs.version", "8.11.0");
            w.WriteString("service.name", serviceName);
            w.WriteString("labels.modules", modules);
            if (logEvent.TraceId is { } traceId) w.WriteString("trace.id", traceId.ToHexString());
            if (logEvent.SpanId is { } spanId) w.WriteString("span.id", spanId.ToHexString());
            if (logEvent.Properties.TryGetValue("SourceContext", out var ctx) && ctx is ScalarValue { Value: string logger })
                w.WriteString("log.logger", logger);
            if (logEvent.Properties.TryGetValue("UserId", out var user) && user is ScalarValue { Value: string userId })
                w.WriteString("user.id", userId);
            if (logEvent.Exception is { } ex)
            {
                w.WriteString("error.type", ex.GetType().FullName);
                w.WriteString("error.message", ex.Message);
                w.WriteString("error.stack_trace", ex.ToString());
            }
            w.WriteString("event.template", logEvent.MessageTemplate.Text);
            w.WritePropertyName("addispay");
            w.WriteStartObject();
            foreach (var (name, value) in logEvent.Properties)
            {
                if (name is "SourceContext" or "UserId") continue;
                w.WritePropertyName(name);
                WriteValue(w, value);
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        output.Write(System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length));
        output.Write('\n');
    }

    private static void WriteValue(Utf8JsonWriter w, LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue { Value: null }: w.WriteNullValue(); break;
            case ScalarValue { Value: bool b }: w.WriteBooleanValue(b); break;
            case ScalarValue { Value: int or long or short or byte or uint or ulong or ushort } s: w.WriteNumberValue(Convert.ToInt64(s.Value)); break;
            case ScalarValue { Value: double or float or decimal } s: w.WriteNumberValue(Convert.ToDecimal(s.Value)); break;
            case ScalarValue s: w.WriteStringValue(s.Value.ToString()); break;
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
}
