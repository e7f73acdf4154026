using System.Text.Json;
using AddisPay.Shared.Observability;
using Serilog.Events;
using Serilog.Parsing;

namespace AddisPay.UnitTests.Shared;

/// <summary>The shape of one ECS log line, from a log event as Serilog hands it to <see cref="EcsJsonFormatter"/>.</summary>
public sealed class EcsLogShapeTests
{
    private static readonly LogSource Orders = new("addispay-orders", "1.4.0", "Production", "shop-addispay-orders-7d9f", "orders");

    [Fact]
    public void A_request_line_carries_the_ecs_http_fields_and_its_duration_in_nanoseconds()
    {
        var line = Format(Orders, "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms",
            ("RequestMethod", "POST"), ("RequestPath", "/api/orders"), ("StatusCode", 409), ("Elapsed", 12.5),
            ("Module", "orders"), ("UserId", "u-1"), ("SourceContext", "Serilog.AspNetCore.RequestLoggingMiddleware"));

        Assert.Equal("POST", line.GetProperty("http.request.method").GetString());
        Assert.Equal("/api/orders", line.GetProperty("url.path").GetString());
        Assert.Equal(409, line.GetProperty("http.response.status_code").GetInt32());
        Assert.Equal(12_500_000, line.GetProperty("event.duration").GetInt64());
        Assert.Equal("u-1", line.GetProperty("user.id").GetString());
        Assert.Equal("orders", line.GetProperty("addispay").GetProperty("module").GetString());
        Assert.Equal("addispay-orders", line.GetProperty("service.name").GetString());
        Assert.Equal("1.4.0", line.GetProperty("service.version").GetString());
        Assert.Equal("Production", line.GetProperty("service.environment").GetString());
        Assert.Equal("shop-addispay-orders-7d9f", line.GetProperty("host.name").GetString());
        // Written once, where ECS puts them: not again among the other properties.
        Assert.False(line.GetProperty("addispay").TryGetProperty("properties", out _));
    }

    [Fact]
    public void Email_addresses_are_masked_and_tokens_never_written()
    {
        const string jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl";
        var line = Format(Orders, "Sent {Template} to {Email} with {RefreshToken}; header was {Header}",
            ("Template", "order-placed"), ("Email", "abebe.kebede@example.et"), ("RefreshToken", "r3fr3sh-s3cr3t"),
            ("Header", $"Bearer {jwt}"), ("Password", "Addis-demo-2026"), ("SourceContext", "AddisPay.Notifications.Email.Sender"));
        var text = line.GetRawText();

        Assert.DoesNotContain("abebe.kebede@example.et", text);
        Assert.DoesNotContain("r3fr3sh-s3cr3t", text);
        Assert.DoesNotContain(jwt, text);
        Assert.DoesNotContain("Addis-demo-2026", text);
        Assert.Contains("a***@example.et", line.GetProperty("message").GetString());
        var properties = line.GetProperty("addispay").GetProperty("properties");
        Assert.Equal("a***@example.et", properties.GetProperty("Email").GetString());
        Assert.Equal(EcsJsonFormatter.Redacted, properties.GetProperty("RefreshToken").GetString());
        Assert.Equal("order-placed", properties.GetProperty("Template").GetString()); // the rest stays readable
        Assert.Equal("notifications", line.GetProperty("addispay").GetProperty("module").GetString()); // from the logger's namespace
    }

    [Fact]
    public void An_exception_is_written_as_ecs_error_fields_with_addresses_masked()
    {
        var ev = new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Error, new InvalidOperationException("No account for tigist@example.et"),
            new MessageTemplateParser().Parse("Placing order failed"), []);
        var line = Format(Orders, ev);
        Assert.Equal("error", line.GetProperty("log.level").GetString());
        Assert.Equal("System.InvalidOperationException", line.GetProperty("error.type").GetString());
        Assert.Equal("No account for t***@example.et", line.GetProperty("error.message").GetString());
        Assert.DoesNotContain("tigist@", line.GetProperty("error.stack_trace").GetString());
    }

    [Theory]
    [InlineData(new[] { "orders" }, "addispay-orders")]
    [InlineData(new[] { "orders", "cart" }, "addispay")]
    [InlineData(new[] { "cart", "notifications", "orders", "payments", "products", "recommendations", "reviews", "search", "storefront", "users" }, "addispay")]
    public void The_service_is_named_after_its_module_when_a_process_runs_one(string[] modules, string expected) =>
        Assert.Equal(expected, LogSource.ServiceName(modules, 10));

    private static JsonElement Format(LogSource source, string template, params (string Name, object Value)[] properties) =>
        Format(source, new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Information, null, new MessageTemplateParser().Parse(template),
            properties.Select(p => new LogEventProperty(p.Name, new ScalarValue(p.Value)))));

    private static JsonElement Format(LogSource source, LogEvent ev)
    {
        using var writer = new StringWriter();
        new EcsJsonFormatter(source).Format(ev, writer);
        var text = writer.ToString();
        Assert.EndsWith("\n", text);
        Assert.Single(text.TrimEnd('\n').Split('\n')); // one line per event
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
