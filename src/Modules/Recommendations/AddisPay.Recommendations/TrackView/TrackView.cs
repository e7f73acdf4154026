using System.ComponentModel.DataAnnotations;
using System.Security.Claims;

namespace AddisPay.Recommendations.TrackView;

public sealed record TrackViewRequest([property: Required] Guid? ProductId) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (ProductId == Guid.Empty) yield return new ValidationResult("A product id is required.", [nameof(ProductId)]);
    }
}

internal sealed record TrackViewCommand(string Subject, Guid? UserId, Guid ProductId) : ICommand;

/// <summary>
/// One upsert, no lookups: a product page must not wait for this. An unknown product id costs a row that the
/// recompute ignores (it only scores products Products has published).
/// </summary>
internal sealed class TrackViewHandler(RecommendationsDatabase database, TimeProvider clock) : ICommandHandler<TrackViewCommand>
{
    public async ValueTask<Unit> Handle(TrackViewCommand command, CancellationToken ct)
    {
        await using var conn = await database.OpenAsync(ct);
        await InteractionSql.RecordAsync(conn, null, command.Subject, command.UserId, [command.ProductId], BehaviourKind.View, clock.GetUtcNow(), ct);
        return Unit.Value;
    }
}

internal static class TrackViewEndpoint
{
    public const string VisitorHeader = "X-Visitor-Id";
    public const string VisitorCookie = "addispay_visitor";

    public static void MapTrackView(this IEndpointRouteBuilder api) =>
        api.MapPost("/views", async (TrackViewRequest request, ClaimsPrincipal user, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                string subject;
                if (user.UserId() is { } userId) subject = Interactions.OfUser(userId);
                else subject = Interactions.OfVisitor(Visitor(http));
                await sender.Send(new TrackViewCommand(subject, user.UserId(), request.ProductId!.Value), ct);
                return Results.Accepted();
            })
            .Validate<TrackViewRequest>()
            .AllowAnonymous()
            .WithName("TrackProductView")
            .WithSummary($"Records that the shopper viewed a product: the signed-in user, or the visitor named by the {VisitorHeader} header or {VisitorCookie} cookie (a new visitor gets the cookie).")
            .Produces(StatusCodes.Status202Accepted);

    /// <summary>The visitor's id from the header or cookie; a first-time visitor gets one in a cookie.</summary>
    private static Guid Visitor(HttpContext http)
    {
        var raw = http.Request.Headers[VisitorHeader].FirstOrDefault() ?? http.Request.Cookies[VisitorCookie];
        if (raw is null)
        {
            var id = Guid.NewGuid();
            http.Response.Cookies.Append(VisitorCookie, id.ToString(), new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, MaxAge = TimeSpan.FromDays(365), IsEssential = false
            });
            return id;
        }
        return Guid.TryParse(raw, out var visitor) && visitor != Guid.Empty
            ? visitor
            : throw new ValidationFailedException("visitorId", $"The {VisitorHeader} header or {VisitorCookie} cookie must be a GUID.");
    }
}
