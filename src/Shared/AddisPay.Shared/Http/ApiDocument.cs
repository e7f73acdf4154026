using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using AddisPay.Market;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace AddisPay.Shared.Http;

/// <summary>
/// The API document at /openapi/v1.json, made from what the endpoints already declare rather than by hand per
/// endpoint: who may call an operation (its authorization metadata), what a body must hold (its DataAnnotations),
/// and descriptions and examples for parameters and bodies (<see cref="ApiExamples"/>). Linted with Redocly's
/// recommended rules in the tests (tests/openapi/redocly.yaml).
/// </summary>
public static class ApiDocument
{
    public const string BearerScheme = "bearer";

    public static IServiceCollection AddPlatformApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddSchemaTransformer((schema, context, _) =>
            {
                if (schema is OpenApiSchema s) ValidatedSchemas.Apply(s, context.JsonTypeInfo);
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                OperationAccess.Apply(operation, metadata, context.Document);
                RateLimited(operation, metadata);
                HeadersRequired(operation, metadata);
                return Task.CompletedTask;
            });
            o.AddDocumentTransformer((document, _, _) =>
            {
                Describe(document);
                return Task.CompletedTask;
            });
        });

    private static readonly Dictionary<string, string> Modules = new()
    {
        ["users"] = "Accounts, sign-in with rotating refresh tokens, profiles, Ethiopian addresses, roles, export and deletion.",
        ["products"] = "Categories, products and variants in English and Amharic, prices in ETB, inventory and bulk import.",
        ["cart"] = "Visitor and customer carts priced from the catalogue; a visitor's cart is reached by its id alone.",
        ["search"] = "Full-text product search in English and Amharic with typo tolerance, facets and suggestions.",
        ["orders"] = "Quotes with VAT, shipping and coupons; checkout with Idempotency-Key; the order life cycle, cancellations and refunds.",
        ["coupons"] = "Discount codes staff create and deactivate.",
        ["payments"] = "Payment history, receipts, gateway webhooks and callbacks, reconciliation, and the sandbox gateway's hosted page.",
        ["reviews"] = "One review per customer and product, helpful votes, reports and moderation.",
        ["recommendations"] = "Bought together, similar, popular and for-you lists, from views, carts, purchases and ratings.",
        ["notifications"] = "The delivery log, back-in-stock watches, campaigns and one-click unsubscribe."
    };

    /// <summary>
    /// Every endpoint is rate limited (its named policy, or the global one) unless it says DisableRateLimiting: a 429 with
    /// Retry-After, as RateLimits answers it.
    /// </summary>
    private static void RateLimited(OpenApiOperation operation, IList<object> metadata)
    {
        if (metadata.OfType<Microsoft.AspNetCore.RateLimiting.DisableRateLimitingAttribute>().Any()) return;
        operation.Responses ??= new OpenApiResponses();
        operation.Responses.TryAdd("429", new OpenApiResponse { Description = "Too many requests from this address; try again after Retry-After seconds." });
        if (operation.Responses["429"] is OpenApiResponse limited)
        {
            limited.Headers ??= new Dictionary<string, IOpenApiHeader>();
            limited.Headers.TryAdd("Retry-After", new OpenApiHeader
            {
                Description = "Seconds to wait before trying again.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
                Example = 30
            });
        }
    }

    /// <summary>A header the endpoint refuses to go without (<see cref="RequiredHeader"/>) is required, and never null.</summary>
    private static void HeadersRequired(OpenApiOperation operation, IList<object> metadata)
    {
        var names = metadata.OfType<RequiredHeader>().Select(h => h.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (names.Count == 0) return;
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            if (parameter.In != ParameterLocation.Header || !names.Contains(parameter.Name ?? "")) continue;
            parameter.Required = true;
            if (parameter.Schema is OpenApiSchema { Type: { } type } schema) schema.Type = type & ~JsonSchemaType.Null;
        }
    }

    private static void Describe(OpenApiDocument document)
    {
        document.Info.Title = "AddisPay API";
        document.Info.Description =
            "The modules' HTTP APIs under /api/<module>. Prices are in Ethiopian birr (ETB) with 15% VAT. Operations that " +
            "need a signed-in caller say so with the bearer security requirement: send the access token from " +
            "POST /api/users/sign-in as `Authorization: Bearer <token>`. Errors are RFC 9457 problem details.";
        // The server the document was read from, without the trailing slash (paths start with one).
        foreach (var server in document.Servers ?? [])
            if (server.Url is { Length: > 1 } url && url.EndsWith('/')) server.Url = url.TrimEnd('/');

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "The access token from POST /api/users/sign-in or /api/users/token/refresh (a JWT, valid for minutes)."
        };

        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
            if (tag.Name is { } name && Modules.TryGetValue(name, out var about)) tag.Description ??= about;

        var problem = document.Components.Schemas?.ContainsKey("ProblemDetails") == true ? new OpenApiSchemaReference("ProblemDetails", document) : null;
        foreach (var (path, item) in document.Paths)
        foreach (var (_, operation) in item.Operations ?? [])
        {
            foreach (var code in new[] { "401", "403", "429" })
                if (operation.Responses?.TryGetValue(code, out var r) == true && r is OpenApiResponse { Content: null or { Count: 0 } } response && problem is not null)
                    response.Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = problem } };
            ApiExamples.Describe(document, path, operation);
        }
    }
}

/// <summary>
/// Who may call an operation, read from its endpoint metadata: AllowAnonymous wins (as in the authorization
/// middleware) and carries an explicitly empty security requirement; anything else needs the bearer token and
/// can answer 401 (no valid token) and 403 (a token without the policy's role).
/// </summary>
internal static class OperationAccess
{
    public static void Apply(OpenApiOperation operation, IList<object> metadata, OpenApiDocument? document)
    {
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [];
            return;
        }
        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        if (authorize.Count == 0) return; // not an API endpoint of a module (all of those are closed by default)

        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiDocument.BearerScheme, document)] = [] }];
        var policies = authorize.Select(a => a.Policy).Where(p => !string.IsNullOrEmpty(p)).Distinct().ToList();
        var roles = authorize.SelectMany(a => (a.Roles ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();
        var who = policies.Count + roles.Count == 0
            ? "Needs a bearer token of any signed-in caller."
            : $"Needs a bearer token that meets the {string.Join(" and ", policies.Concat(roles).Select(p => $"'{p}'"))} policy.";
        operation.Description = string.IsNullOrEmpty(operation.Description) ? who : $"{operation.Description}\n\n{who}";

        operation.Responses ??= new OpenApiResponses();
        operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No bearer token, or one that is expired, wrongly signed or of an ended session." });
        operation.Responses.TryAdd("403", new OpenApiResponse { Description = "The token is valid but its caller may not do this (a role or account the policy asks for)." });
    }
}

/// <summary>
/// Request schemas that say what validation accepts: a property with [Required] is required and not nullable, a
/// nullable one without it is optional (System.Text.Json fills it with null), strings say they are strings (the
/// platform's string converter hides that from the schema generator), and the platform's own rules (AllowedValues,
/// Ethiopian prices, regions and phones) appear as enum, minimum/maximum and descriptions. Range, StringLength,
/// MinLength/MaxLength and RegularExpression are written by ASP.NET itself.
/// </summary>
internal static class ValidatedSchemas
{
    private static readonly NullabilityInfoContext Nullability = new();

    public static void Apply(OpenApiSchema schema, JsonTypeInfo type)
    {
        if (type.Type == typeof(string) && schema.Type is null && schema.OneOf is null && schema.AnyOf is null && schema.AllOf is null)
            schema.Type = JsonSchemaType.String;
        if (type.Kind == JsonTypeInfoKind.Enumerable && type.ElementType == typeof(string) && schema.Items is null)
            schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
        if (type.Kind != JsonTypeInfoKind.Object || schema.Properties is null) return;

        foreach (var property in type.Properties)
        {
            if (!schema.Properties.TryGetValue(property.Name, out var found) || found is not OpenApiSchema target) continue;
            var attributes = property.AttributeProvider?.GetCustomAttributes(true) ?? [];
            var required = property.IsRequired || attributes.OfType<RequiredAttribute>().Any();
            var nullable = IsNullable(property);

            if (property.PropertyType == typeof(string) && target.Type is null && target.OneOf is null && target.AnyOf is null)
                target.Type = JsonSchemaType.String | (nullable && !required ? JsonSchemaType.Null : 0);

            if (required)
            {
                schema.Required ??= new HashSet<string>();
                schema.Required.Add(property.Name);
                if (target.Type is { } t) target.Type = t & ~JsonSchemaType.Null;
                if (target.OneOf is { } alternatives)
                    foreach (var none in alternatives.OfType<OpenApiSchema>().Where(a => a.Type == JsonSchemaType.Null).ToList()) alternatives.Remove(none);
            }
            else if (nullable)
            {
                schema.Required?.Remove(property.Name);
            }

            var isString = (target.Type & JsonSchemaType.String) != 0;
            foreach (var attribute in attributes)
                switch (attribute)
                {
                    // ASP.NET writes these itself for most properties, but not for every optional one (a parameter with a default).
                    case StringLengthAttribute length:
                        target.MaxLength ??= length.MaximumLength;
                        if (length.MinimumLength > 0) target.MinLength ??= length.MinimumLength;
                        break;
                    case MaxLengthAttribute max when max.Length > 0:
                        if (isString) target.MaxLength ??= max.Length; else target.MaxItems ??= max.Length;
                        break;
                    case MinLengthAttribute min:
                        if (isString) target.MinLength ??= min.Length; else target.MinItems ??= min.Length;
                        break;
                    case RangeAttribute range:
                        target.Minimum ??= Convert.ToString(range.Minimum, System.Globalization.CultureInfo.InvariantCulture);
                        target.Maximum ??= Convert.ToString(range.Maximum, System.Globalization.CultureInfo.InvariantCulture);
                        break;
                    case RegularExpressionAttribute regex:
                        target.Pattern ??= regex.Pattern;
                        break;
                    case AllowedValuesAttribute allowed:
                        target.Enum = allowed.Values.Where(v => v is not null).Select(v => JsonValue.Create(v!.ToString())).Cast<JsonNode>().ToList();
                        break;
                    case EmailAddressAttribute:
                        target.Format = "email";
                        break;
                    case EtbPriceAttribute:
                        target.Minimum = Convert.ToString(EtbPriceAttribute.Minimum, System.Globalization.CultureInfo.InvariantCulture);
                        target.Maximum = Convert.ToString(EtbPriceAttribute.Maximum, System.Globalization.CultureInfo.InvariantCulture);
                        target.Description ??= "ETB, to the santim (at most two decimals).";
                        break;
                    case SantimAttribute:
                        target.Description ??= "ETB, to the santim (at most two decimals).";
                        break;
                    case EthiopianRegionAttribute:
                        target.Enum = EthiopianRegion.All.Select(r => (JsonNode)JsonValue.Create(r)).ToList();
                        break;
                    case EthiopianPhoneAttribute:
                        target.Description ??= "An Ethiopian phone number, e.g. +251911234567 or 0911234567 (stored as +251…).";
                        break;
                }
        }
    }

    private static bool IsNullable(JsonPropertyInfo property)
    {
        if (property.PropertyType.IsValueType) return Nullable.GetUnderlyingType(property.PropertyType) is not null;
        return property.AttributeProvider switch
        {
            PropertyInfo p => Nullability.Create(p).WriteState is not NullabilityState.NotNull,
            FieldInfo f => Nullability.Create(f).WriteState is not NullabilityState.NotNull,
            _ => true
        };
    }
}
