using System.Diagnostics;
using System.Text.RegularExpressions;

namespace AddisPay.IntegrationTests.Shared.Http;

/// <summary>
/// The API document at /openapi/v1.json (<c>ApiDocument</c>), as integrators read it: linted with Redocly's recommended rules, security and
/// schemas that say what the server enforces, and every operation, parameter and body described with an example.
/// </summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class ApiDocumentTests(AllModulesPlatform platform)
{
    private readonly HttpClient _http = platform.Factory.CreateClient();
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private async Task<JsonElement> ApiDocumentAsync() => await _http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement doc) =>
        doc.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject()
            .Where(m => Methods.Contains(m.Name)).Select(m => (p.Name, m.Name, m.Value)));

    [Fact]
    public async Task Api_document_passes_Redocly_recommended_rules_without_an_error()
    {
        var file = Path.Combine(Path.GetTempPath(), $"addispay-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await _http.GetStringAsync("/openapi/v1.json"));
        try
        {
            var root = RepositoryRoot();
            var (installed, redocly, installErrors) = Run("bash", root, Path.Combine(root, "scripts", "ensure-openapi-lint.sh"));
            Assert.True(installed == 0, $"Installing Redocly failed: {installErrors}");
            var (exitCode, output, _) = Run(redocly.Trim().Split('\n').Last(), root,
                "lint", file, "--config", Path.Combine(root, "tests", "openapi", "redocly.yaml"), "--format=json", "--max-problems=1000");
            var report = JsonDocument.Parse(output[output.IndexOf('{')..]).RootElement;
            var errors = report.GetProperty("problems").EnumerateArray().Where(p => p.GetProperty("severity").GetString() == "error")
                .Select(p => $"{p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()} at {p.GetProperty("location")[0].GetProperty("pointer").GetString()}")
                .ToList();
            Assert.True(errors.Count == 0, $"{errors.Count} Redocly errors:\n{string.Join('\n', errors.Take(40))}");
            Assert.Equal(0, report.GetProperty("totals").GetProperty("errors").GetInt32());
            Assert.Equal(0, exitCode);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_api_document_declares_the_bearer_token_scheme()
    {
        var bearer = (await ApiDocumentAsync()).GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal(("http", "bearer", "JWT"), (bearer.GetProperty("type").GetString(), bearer.GetProperty("scheme").GetString(), bearer.GetProperty("bearerFormat").GetString()));
    }

    [Fact]
    public async Task A_protected_operation_needs_the_bearer_token()
    {
        var createProduct = (await ApiDocumentAsync()).GetProperty("paths").GetProperty("/api/products").GetProperty("post");
        Assert.Equal("bearer", createProduct.GetProperty("security")[0].EnumerateObject().Single().Name);
    }

    [Fact]
    public async Task An_anonymous_operation_needs_nothing()
    {
        var listProducts = (await ApiDocumentAsync()).GetProperty("paths").GetProperty("/api/products").GetProperty("get");
        Assert.Equal(0, listProducts.GetProperty("security").GetArrayLength());
    }

    [Fact]
    public async Task Every_operation_says_what_security_it_needs()
    {
        foreach (var (path, method, operation) in Operations(await ApiDocumentAsync()))
            Assert.True(operation.TryGetProperty("security", out _), $"{method} {path} says nothing about security");
    }

    [Fact]
    public async Task Every_protected_operation_says_it_can_answer_401_and_403()
    {
        foreach (var (path, method, operation) in Operations(await ApiDocumentAsync()))
        {
            if (!operation.TryGetProperty("security", out var security) || security.GetArrayLength() == 0) continue;
            var responses = operation.GetProperty("responses");
            Assert.True(responses.TryGetProperty("401", out _) && responses.TryGetProperty("403", out _), $"{method} {path} lacks its 401/403 responses");
        }
    }

    [Fact]
    public async Task Every_operation_says_it_can_answer_429_with_retry_after()
    {
        var doc = await ApiDocumentAsync();
        foreach (var (path, method, operation) in Operations(doc))
        {
            Assert.True(operation.GetProperty("responses").TryGetProperty("429", out var limited), $"{method} {path} lacks its 429 response");
            Assert.True(limited.GetProperty("headers").TryGetProperty("Retry-After", out _), $"{method} {path}: 429 without Retry-After");
        }
    }

    [Fact]
    public async Task Every_operation_and_parameter_is_described_with_an_example_and_every_body_has_one()
    {
        var doc = await ApiDocumentAsync();
        var missing = new List<string>();
        foreach (var (path, method, operation) in Operations(doc))
        {
            if (!operation.TryGetProperty("summary", out _) && !operation.TryGetProperty("description", out _)) missing.Add($"{method} {path}: summary");
            foreach (var parameter in operation.TryGetProperty("parameters", out var ps) ? ps.EnumerateArray() : Enumerable.Empty<JsonElement>())
            {
                var name = parameter.GetProperty("name").GetString();
                if (!parameter.TryGetProperty("description", out var d) || string.IsNullOrWhiteSpace(d.GetString())) missing.Add($"{method} {path}: {name} description");
                if (!parameter.TryGetProperty("example", out _)) missing.Add($"{method} {path}: {name} example");
            }
            if (operation.TryGetProperty("requestBody", out var body))
                foreach (var media in body.GetProperty("content").EnumerateObject().Where(m => m.Name != "text/csv"))
                    if (!media.Value.TryGetProperty("example", out _)) missing.Add($"{method} {path}: {media.Name} body example");
        }
        Assert.True(missing.Count == 0, "Undescribed (name the parameter in ApiExamples or give it a [Description]):\n" + string.Join('\n', missing));
    }

    [Fact]
    public async Task Idempotency_Key_is_required_where_the_server_refuses_a_request_without_one_and_optional_where_it_is_not()
    {
        var keys = Operations(await ApiDocumentAsync())
            .Select(o => (Name: $"{o.Method} {o.Path}", Key: o.Operation.TryGetProperty("parameters", out var ps)
                ? ps.EnumerateArray().FirstOrDefault(p => p.GetProperty("name").GetString() == "Idempotency-Key" && p.GetProperty("in").GetString() == "header")
                : default))
            .Where(o => o.Key.ValueKind == JsonValueKind.Object)
            .ToDictionary(o => o.Name.TrimEnd('/'), o => o.Key);
        static bool IsRequired(JsonElement p) => p.TryGetProperty("required", out var r) && r.GetBoolean();

        // Placing an order answers 400 without the header (the Orders tests show it); paying and refunding take one if sent.
        Assert.True(IsRequired(keys["post /api/orders"]), "placing an order needs an Idempotency-Key");
        Assert.DoesNotContain("null", Types(keys["post /api/orders"].GetProperty("schema")));
        Assert.All(new[] { "post /api/orders/{orderId}/payments", "post /api/orders/{orderId}/refunds", "post /api/orders/{orderId}/refunds/lines" },
            name => Assert.False(IsRequired(keys[name]), $"{name} takes an Idempotency-Key optionally"));
        Assert.All(keys.Values, k => Assert.Contains("Idempotent-Replayed", k.GetProperty("description").GetString()));
    }

    [Fact]
    public async Task Request_schemas_say_what_validation_requires_and_allows()
    {
        var schemas = (await ApiDocumentAsync()).GetProperty("components").GetProperty("schemas");

        // Add-to-cart refuses a request without productId: required, and null is no productId.
        var addItem = schemas.GetProperty("AddItemRequest");
        Assert.Contains("productId", Required(addItem));
        Assert.Equal("string", addItem.GetProperty("properties").GetProperty("productId").GetProperty("type").GetString());
        var quantity = addItem.GetProperty("properties").GetProperty("quantity");
        Assert.Equal((1, 99), (quantity.GetProperty("minimum").GetInt32(), quantity.GetProperty("maximum").GetInt32()));
        Assert.Equal(64, addItem.GetProperty("properties").GetProperty("sku").GetProperty("maxLength").GetInt32());

        // Optional where the server fills in null: an update without a description is accepted.
        Assert.DoesNotContain("description", Required(schemas.GetProperty("UpdateProductRequest")));
        var coupon = schemas.GetProperty("CreateCouponRequest");
        Assert.Equal(new[] { "percentage", "fixed" }, coupon.GetProperty("properties").GetProperty("kind").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ToArray());
        Assert.DoesNotContain("null", Types(coupon.GetProperty("properties").GetProperty("value")));

        // The market's rules (AddisPay.Market): a price's bounds, the regions as an enum, what a phone number may look like.
        var price = schemas.GetProperty("ChangePriceRequest").GetProperty("properties").GetProperty("priceEtb");
        Assert.Equal((0.01m, 10_000_000m), (price.GetProperty("minimum").GetDecimal(), price.GetProperty("maximum").GetDecimal()));
        var address = schemas.GetProperty("AddressRequest").GetProperty("properties");
        Assert.Equal(AddisPay.Market.EthiopianRegion.All, address.GetProperty("region").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Contains("+251", address.GetProperty("phone").GetProperty("description").GetString());

        // Nowhere is a required property nullable.
        foreach (var schema in schemas.EnumerateObject())
        foreach (var name in Required(schema.Value))
            if (schema.Value.TryGetProperty("properties", out var properties) && properties.TryGetProperty(name, out var property))
                Assert.False(Types(property).Contains("null"), $"{schema.Name}.{name} is required but nullable");
    }

    [Fact]
    public async Task Sandbox_hosted_payment_page_is_listed_for_anyone()
    {
        var page = (await ApiDocumentAsync()).GetProperty("paths").GetProperty("/api/payments/sandbox/checkout/{reference}");
        Assert.True(page.GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/html", out _));
        Assert.Equal(0, page.GetProperty("get").GetProperty("security").GetArrayLength());
        var choice = page.GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("application/x-www-form-urlencoded");
        Assert.Equal("success", choice.GetProperty("example").GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task No_two_paths_are_the_same_url_with_other_parameter_names()
    {
        var paths = (await ApiDocumentAsync()).GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        var shapes = paths.GroupBy(p => Regex.Replace(p, "\\{[^}]+\\}", "{}")).Where(g => g.Count() > 1).Select(g => string.Join(" = ", g)).ToList();
        Assert.Empty(shapes);
        // The product is read by id or slug and changed by id at one path; its slug still finds it.
        Assert.Contains("/api/products/{id}", paths);
        var product = await platform.Factory.Shop().CreateProductAsync($"SLUG-{Guid.NewGuid():N}"[..14], 10m);
        var bySlug = await _http.GetFromJsonAsync<JsonElement>($"/api/products/{product.Slug}");
        Assert.Equal(product.Id, bySlug.GetProperty("id").GetGuid());
    }

    private static string[] Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()!).ToArray() : [];

    private static string[] Types(JsonElement schema) =>
        !schema.TryGetProperty("type", out var t) ? []
        : t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()!).ToArray() : [t.GetString()!];

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AddisPay.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("AddisPay.sln not found");
    }

    private static (int ExitCode, string Output, string Errors) Run(string file, string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var a in args) psi.ArgumentList.Add(a);
        // Offline and quiet: no usage reports, no update check.
        psi.Environment["REDOCLY_TELEMETRY"] = "off";
        psi.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3))) { p.Kill(true); throw new TimeoutException($"{file} timed out"); }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
