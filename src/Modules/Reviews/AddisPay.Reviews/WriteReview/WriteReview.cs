using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using AddisPay.Products.Contracts;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AddisPay.Reviews.WriteReview;

/// <summary>A review as the customer writes or rewrites it.</summary>
public sealed record ReviewRequest(
    [property: Range(1, 5, ErrorMessage = "Give 1 to 5 stars.")] int Rating,
    [property: Required, StringLength(Limits.Title, MinimumLength = 3)] string Title,
    [property: Required, StringLength(Limits.Text, MinimumLength = 10)] string Text,
    [property: RegularExpression("^(en|am)$", ErrorMessage = "Use 'en' or 'am'.")] string? Language = null) : IValidatableObject
{
    // The lengths above count spaces; what is stored is trimmed, so the minimum must hold after trimming too.
    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Title is { } title && title.Trim().Length is > 0 and < 3) yield return new ValidationResult("Use at least 3 characters besides spaces.", ["title"]);
        if (Text is { } text && text.Trim().Length is > 0 and < 10) yield return new ValidationResult("Use at least 10 characters besides spaces.", ["text"]);
    }

    /// <summary>This request, or the API's field errors as a ValidationFailedException: another module's request is validated as the endpoints validate.</summary>
    internal ReviewRequest ValidOrThrow() =>
        Validation.Errors(this) is { Count: > 0 } errors ? throw new ValidationFailedException(errors) : this;
}

/// <summary>The customer already reviewed this product: they edit that review instead.</summary>
public sealed class ReviewExistsException(Guid reviewId) : BusinessRuleException("You already reviewed this product; edit your review instead.")
{
    public Guid ReviewId { get; } = reviewId;
    public override int StatusCode => 409;
}

internal sealed record WriteReviewCommand(Guid ProductId, Guid AuthorId, ReviewRequest Request) : ICommand<ReviewView>;

internal sealed class WriteReviewHandler(ReviewsDbContext db, ISender sender, ModuleWork<ReviewsDbContext> work, TimeProvider clock, IOptions<ReviewsOptions> options)
    : ICommandHandler<WriteReviewCommand, ReviewView>
{
    public async ValueTask<ReviewView> Handle(WriteReviewCommand c, CancellationToken ct)
    {
        // Asked before the transaction opens: when Products runs in another pod this is a network call.
        if (await sender.Send(new GetProductOffer(c.ProductId), ct) is null)
            throw new NotFoundException($"Product {c.ProductId} does not exist.");

        var now = clock.GetUtcNow();
        await work.BeginAsync(ct);
        await ProductRatings.LockAsync(db, c.ProductId, ct);
        var existing = await db.Reviews.Where(r => r.ProductId == c.ProductId && r.AuthorId == c.AuthorId).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
        if (existing is { } id) throw new ReviewExistsException(id);

        await PurchaseSql.LockAsync(db, c.AuthorId, ct);
        var r = c.Request;
        var review = new Review
        {
            Id = Guid.CreateVersion7(), ProductId = c.ProductId, AuthorId = c.AuthorId, Rating = r.Rating, Title = r.Title.Trim(), Text = r.Text.Trim(),
            Language = r.Language ?? "en", Status = options.Value.PreModeration ? ReviewStatus.Pending : ReviewStatus.Published,
            VerifiedPurchase = await db.Purchases.AnyAsync(p => p.CustomerId == c.AuthorId && p.ProductId == c.ProductId, ct),
            CreatedAt = now, UpdatedAt = now
        };
        db.Reviews.Add(review);
        try
        {
            var changed = await ProductRatings.RefreshAsync(db, c.ProductId, now, ct);
            work.Raise(ProductRatings.Events(changed, review, shownBefore: 0));
            await work.FlushAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ConflictException("You already reviewed this product; edit your review instead.");
        }
        return ReviewView.From(review);
    }
}

internal static class WriteReviewEndpoint
{
    public static void MapWriteReview(this IEndpointRouteBuilder api) =>
        api.MapPost("/products/{productId:guid}", async (Guid productId, ReviewRequest request, ClaimsPrincipal user, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                try
                {
                    var review = await sender.Send(new WriteReviewCommand(productId, user.UserId()!.Value, request), ct);
                    return Results.Created($"/api/reviews/{review.Id}", review);
                }
                catch (ReviewExistsException exists)
                {
                    // Point at the review they already wrote, so the client can offer to edit it.
                    var location = $"/api/reviews/{exists.ReviewId}";
                    http.Response.Headers.Location = location;
                    return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The request conflicts with the current state.",
                        detail: exists.Message, extensions: new Dictionary<string, object?> { ["reviewId"] = exists.ReviewId, ["review"] = location });
                }
            })
            .Validate<ReviewRequest>()
            .RequireAuthorization(Policies.Customer)
            .WithName("WriteReview")
            .WithSummary("Reviews a product: 1-5 stars, a title and a text, in English or Amharic. One review per customer and product (409 points at it).")
            .Produces<ReviewView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
