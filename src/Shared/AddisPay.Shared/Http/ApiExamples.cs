using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;

namespace AddisPay.Shared.Http;

/// <summary>
/// Descriptions and examples for the API document's parameters and request bodies, by name, in one place so that the
/// same name means the same thing everywhere (an `orderId` is always an order's id). An endpoint's own words win:
/// a [Description] on a handler parameter is kept. Bodies get an example built from their schema, so it follows
/// the schema's enums, patterns and ranges as they change. A parameter this table doesn't know stays undescribed,
/// and the API document test says which.
/// </summary>
internal static partial class ApiExamples
{
    private const string ExampleId = "0b6f3c2e-8d1a-4f5b-9c7e-2a4d6e8f1b3c";

    private static readonly Dictionary<string, (string Description, JsonNode? Example)> Parameters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["page"] = ("The page to read, from 1.", 1),
        ["pageSize"] = ("How many items a page holds.", 20),
        ["limit"] = ("How many items to answer at most.", 8),
        ["q"] = ("The words searched for, in English or Amharic; typos are tolerated.", "yirgacheffe"),
        ["category"] = ("A category's slug: only its products (and its subcategories').", "coffee"),
        ["brand"] = ("Only this brand's products.", "Tomoca"),
        ["minPriceEtb"] = ("The lowest price in ETB.", 100),
        ["maxPriceEtb"] = ("The highest price in ETB.", 2000),
        ["minRating"] = ("Only products rated at least this (1 to 5).", 4),
        ["inStock"] = ("Only products that can be bought now.", true),
        ["sort"] = ("The order of the results.", null),
        ["search"] = ("Part of a name or e-mail address.", "abebe"),
        ["sku"] = ("A variant's stock-keeping unit.", "COF-YRG-250"),
        ["code"] = ("A coupon's code (letters are compared without case).", "ADDIS10"),
        ["gateway"] = ("The payment gateway that sends the webhook: sandbox, chapa or telebirr.", "chapa"),
        ["reference"] = ("The sandbox charge's reference, from the payment's checkout link.", "SBX-3f2a9c1e"),
        ["trx_ref"] = ("Chapa's transaction reference (the payment's tx_ref).", "AP-0b6f3c2e"),
        ["tx_ref"] = ("The same reference under the other name Chapa uses.", "AP-0b6f3c2e"),
        ["token"] = ("The unsubscribe token from the e-mail's link.", "u1.Zm9vYmFy"),
        ["confirm"] = ("True to unsubscribe at once; otherwise the page asks first.", true),
        ["status"] = ("Only items in this state.", null),
        ["stockLevel"] = ("Only products with a variant low on stock (low: 5 or fewer available) or out of it (out).", "low"),
        ["after"] = ("The page after this item (the last id of the page before): keyset paging.", ExampleId),
        ["before"] = ("The page before this item (the first id of the page after): keyset paging.", ExampleId),
        ["hash"] = ("The SHA-256 of the picture's bytes, in hex: its name.", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
        ["recipient"] = ("Only messages sent to this address or phone.", "customer@addispay.et"),
        ["number"] = ("An order's number as shown to the customer.", "AP000123"),
        ["customerId"] = ("Only this customer's orders.", ExampleId),
        ["from"] = ("From this moment (inclusive, ISO 8601).", "2026-12-01T00:00:00Z"),
        ["to"] = ("Until this moment (exclusive, ISO 8601).", "2026-12-31T00:00:00Z"),
        ["eventId"] = ("The notices to dismiss, by the id of the event that raised them.", new JsonArray(ExampleId)),
        ["Idempotency-Key"] = ("A key the client makes up per attempt (a UUID, up to 255 characters): a retry with the same key and body gets the "
                               + "first answer (Idempotent-Replayed: true); the same key with another body is a 422; while the first is still running, "
                               + "a 409. Required where the parameter says so (placing an order: 400 without it); elsewhere optional, and a request "
                               + "without one simply runs, so a retry may do it again.", ExampleId)
    };

    /// <summary>Where one name takes different values on different paths.</summary>
    private static readonly Dictionary<string, JsonNode> PathExamples = new()
    {
        ["/api/notifications/messages status"] = "dead",
        ["/api/orders/admin/orders status"] = "paid",
        ["/api/products/staff/catalogue status"] = "published",
        // Every module's inbox operations (/api/<module>/operations/...): matched by the path's end.
        ["/operations/dead-letters/{eventId}/replay eventId"] = ExampleId
    };

    /// <summary>Examples of body properties by name; anything else gets one from its type and constraints.</summary>
    private static readonly Dictionary<string, JsonNode> Properties = new(StringComparer.OrdinalIgnoreCase)
    {
        ["email"] = "customer@addispay.et",
        ["password"] = "Addis-demo-2026",
        ["currentPassword"] = "Addis-demo-2026",
        ["newPassword"] = "Buna-and-shai-2027",
        ["fullName"] = "Abebe Kebede",
        ["recipient"] = "Abebe Kebede",
        ["phone"] = "+251911234567",
        ["token"] = "kZ3v9QfT0b7cXr2m",
        ["refreshToken"] = "kZ3v9QfT0b7cXr2mR1p8",
        ["label"] = "Home",
        ["city"] = "Addis Ababa",
        ["subCity"] = "Bole",
        ["woreda"] = "03",
        ["details"] = "House 12, behind Edna Mall",
        ["name"] = "Yirgacheffe coffee, 250 g",
        ["nameAm"] = "የይርጋጨፌ ቡና፣ 250 ግ",
        ["description"] = "Washed Yirgacheffe beans, roasted in Addis Ababa.",
        ["descriptionAm"] = "በአዲስ አበባ የተቆላ የይርጋጨፌ ቡና።",
        ["brand"] = "Tomoca",
        ["slug"] = "yirgacheffe-coffee-250g",
        ["categorySlug"] = "coffee",
        ["parentSlug"] = "food",
        ["sku"] = "COF-YRG-250",
        ["note"] = "Counted on the shelf this morning.",
        ["code"] = "ADDIS10",
        ["couponCode"] = "ADDIS10",
        ["gateway"] = "sandbox",
        ["returnUrl"] = "http://127.0.0.1:5080/orders",
        ["carrier"] = "Ethiopian Postal Service",
        ["trackingNumber"] = "EP123456789ET",
        ["title"] = "Fresh and fruity",
        ["text"] = "Arrived in two days and tastes of berries.",
        ["language"] = "en",
        ["subject"] = "Enkutatash offers",
        ["subjectAm"] = "የእንቁጣጣሽ ቅናሾች",
        ["body"] = "Ten percent off coffee this week.",
        ["bodyAm"] = "በዚህ ሳምንት በቡና ላይ የአስር በመቶ ቅናሽ።",
        ["reason"] = "The bag arrived torn.",
        ["roles"] = "customer",
        ["images"] = "https://img.addispay.et/coffee.jpg",
        ["quantity"] = 2,
        ["rating"] = 5,
        ["delta"] = 10,
        ["stock"] = 25,
        ["priceEtb"] = 450.00m,
        ["amountEtb"] = 120.50m,
        ["value"] = 10,
        ["minimumOrderEtb"] = 500,
        ["usageLimit"] = 100,
        ["perCustomerLimit"] = 1,
        ["startsAt"] = "2026-09-11T00:00:00Z",
        ["expiresAt"] = "2026-09-30T00:00:00Z"
    };

    public static void Describe(OpenApiDocument document, string path, OpenApiOperation operation)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            var known = Parameters.TryGetValue(parameter.Name ?? "", out var entry);
            if (string.IsNullOrEmpty(parameter.Description))
                parameter.Description = known ? entry.Description : IdDescription(parameter.Name, path);
            if (parameter.Example is null)
                parameter.Example = PathExamples.FirstOrDefault(p => $"{path} {parameter.Name}".EndsWith(p.Key, StringComparison.Ordinal)).Value is { } specific
                    ? specific.DeepClone()
                    : known && entry.Example is not null ? entry.Example.DeepClone()
                    : Example(document, parameter.Schema, parameter.Name, 0);
        }

        if (operation.RequestBody is OpenApiRequestBody { Content: { } content })
            foreach (var (type, media) in content)
                // A CSV upload's schema describes the rows, not the text: no example rather than one that contradicts it.
                if (media.Example is null && media.Examples is not { Count: > 0 } && (type.Contains("json") || type.Contains("form")))
                    media.Example = Example(document, media.Schema, null, 0);
    }

    /// <summary>"The order's id." for orderId; for a bare id, the resource named by the path segment before it.</summary>
    private static string? IdDescription(string? name, string path)
    {
        if (name is null) return null;
        if (name.EndsWith("Id", StringComparison.Ordinal) && name.Length > 2) return $"The {Words(name[..^2])}'s id.";
        if (name != "id") return null;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var before = segments.TakeWhile(s => !s.StartsWith("{id", StringComparison.Ordinal)).LastOrDefault(s => !s.StartsWith('{'));
        return before is null ? "The resource's id." : $"The {Words(before.TrimEnd('s'))}'s id.";
    }

    private static string Words(string camel) => CamelHump().Replace(camel, " $1").ToLowerInvariant();

    [GeneratedRegex("(?<=[a-z])([A-Z])")]
    private static partial Regex CamelHump();

    [GeneratedRegex(@"^\^\(([^()|]+)(\|[^()]*)?\)\$$")]
    private static partial Regex Alternatives();

    private static JsonNode? Example(OpenApiDocument document, IOpenApiSchema? schema, string? name, int depth)
    {
        if (depth > 6) return null;
        schema = Resolve(document, schema);
        if (schema is null) return null;
        if (schema.Example is not null) return schema.Example.DeepClone();
        if (schema.Enum is { Count: > 0 } values) return values.FirstOrDefault(v => v is not null)?.DeepClone();
        if (schema.Type is null && (schema.OneOf ?? schema.AnyOf ?? schema.AllOf) is { Count: > 0 } alternatives)
        {
            var first = alternatives.Select(a => Resolve(document, a)).FirstOrDefault(a => a is not null && a.Type != JsonSchemaType.Null);
            if (first is not null) return Example(document, first, name, depth + 1);
        }
        var type = schema.Type ?? (schema.Properties is { Count: > 0 } ? JsonSchemaType.Object : null);
        if (type is null) return null;
        if (schema.Default is not null && (type & JsonSchemaType.Object) == 0) return schema.Default.DeepClone();

        if ((type & JsonSchemaType.Object) != 0)
        {
            var obj = new JsonObject();
            foreach (var (property, propertySchema) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                var resolved = Resolve(document, propertySchema);
                var optionalObject = schema.Required?.Contains(property) != true && resolved is { OneOf.Count: > 0 };
                if (optionalObject) continue;
                if (Example(document, propertySchema, property, depth + 1) is { } value) obj[property] = value;
            }
            return obj;
        }
        if ((type & JsonSchemaType.Array) != 0)
        {
            var item = name is not null && Properties.TryGetValue(name, out var named) && Resolve(document, schema.Items)?.Properties is not { Count: > 0 }
                ? named.DeepClone()
                : Example(document, schema.Items, null, depth + 1);
            return item is null ? new JsonArray() : new JsonArray(item);
        }
        if ((type & JsonSchemaType.Boolean) != 0) return JsonValue.Create(false);
        if ((type & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0)
        {
            var number = name is not null && Properties.TryGetValue(name, out var n) ? decimal.Parse(n.ToJsonString(), CultureInfo.InvariantCulture) : 1m;
            if (decimal.TryParse(schema.Minimum, NumberStyles.Float, CultureInfo.InvariantCulture, out var min) && number < min) number = min;
            if (decimal.TryParse(schema.Maximum, NumberStyles.Float, CultureInfo.InvariantCulture, out var max) && number > max) number = max;
            return (type & JsonSchemaType.Integer) != 0 ? JsonValue.Create((long)decimal.Round(number)) : JsonValue.Create(number);
        }
        if ((type & JsonSchemaType.String) != 0)
        {
            switch (schema.Format)
            {
                case "uuid": return ExampleId;
                case "date-time": return "2026-12-24T09:00:00Z";
                case "date": return "2026-12-24";
                case "email": return "customer@addispay.et";
                case "uri": return "http://127.0.0.1:5080/orders";
            }
            if (schema.Pattern is { } pattern && Alternatives().Match(pattern) is { Success: true } choice) return choice.Groups[1].Value;
            var text = name is not null && Properties.TryGetValue(name, out var s) ? s.GetValue<string>() : "example";
            if (schema.MinLength is { } minLength && text.Length < minLength) text = text.PadRight(minLength, 'x');
            if (schema.MaxLength is { } maxLength && text.Length > maxLength) text = text[..maxLength];
            return schema.Pattern is { } p && !Regex.IsMatch(text, p) ? null : text;
        }
        return null;
    }

    private static IOpenApiSchema? Resolve(OpenApiDocument document, IOpenApiSchema? schema) =>
        schema is OpenApiSchemaReference { Reference.Id: { } id } && document.Components?.Schemas?.TryGetValue(id, out var target) == true ? target : schema;
}
