using System.ComponentModel;
using System.Security.Claims;
using AddisPay.Products.Catalogue;
using AddisPay.Products.Data;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace AddisPay.Products.GetProduct;

internal sealed record GetProductQuery(string IdOrSlug, bool IncludeUnpublished) : IQuery<(ProductView View, string ETag)>;

/// <summary>
/// Product detail, the hottest read of a shop: one prepared statement (product, category, rating and variants joined, a
/// row per variant) on a <see cref="CatalogueReads"/> connection. Npgsql keeps the statement prepared on each physical
/// connection, so PostgreSQL plans it once per connection instead of on every request as it does for EF Core's unprepared
/// statements (planning the four-table join cost more than running it); the rows are read straight into the view.
/// </summary>
internal sealed class GetProductHandler(CatalogueReads reads) : IQueryHandler<GetProductQuery, (ProductView, string)>
{
    private const string Select = """
        select p."Id", p."Slug", p."Name", p."NameAm", p."Description", p."DescriptionAm", p."Brand", p."CategoryId", p."Images", p."Attributes",
               p."Status", p."CreatedAt", p."UpdatedAt", p.xmin, c."Slug", c."Name", c."NameAm", r."Average", r."Count",
               v."Sku", v."Options", v."PriceEtb", v."OnHand", v."Reserved"
          from products.products p
          left join products.categories c on c."Id" = p."CategoryId"
          left join products.ratings r on r."ProductId" = p."Id"
          left join products.variants v on v."ProductId" = p."Id"
        """;

    private const string ById = Select + """ where p."Id" = $1""";
    private const string BySlug = Select + """ where p."Slug" = $1""";

    public async ValueTask<(ProductView, string)> Handle(GetProductQuery q, CancellationToken ct)
    {
        var byId = Guid.TryParse(q.IdOrSlug, out var id);
        Product? product = null;
        await using (var conn = await reads.OpenAsync(ct))
        {
            await using var cmd = new NpgsqlCommand(byId ? ById : BySlug, conn);
            cmd.Parameters.Add(byId ? new NpgsqlParameter<Guid> { TypedValue = id } : new NpgsqlParameter<string> { TypedValue = q.IdOrSlug });
            await cmd.PrepareAsync(ct); // a no-op once this physical connection has it
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                product ??= new Product
                {
                    Id = r.GetGuid(0), Slug = r.GetString(1), Name = r.GetString(2), NameAm = r.GetString(3),
                    Description = r.IsDBNull(4) ? null : r.GetString(4), DescriptionAm = r.IsDBNull(5) ? null : r.GetString(5),
                    Brand = r.IsDBNull(6) ? null : r.GetString(6), CategoryId = r.IsDBNull(7) ? null : r.GetGuid(7),
                    Images = [.. r.GetFieldValue<string[]>(8)], Attributes = Json.Converter.ConvertFromProviderTyped(r.GetString(9)),
                    Status = Enum.Parse<ProductStatus>(r.GetString(10)), CreatedAt = r.GetFieldValue<DateTimeOffset>(11),
                    UpdatedAt = r.GetFieldValue<DateTimeOffset>(12), Version = r.GetFieldValue<uint>(13),
                    Category = r.IsDBNull(7) || r.IsDBNull(14) ? null
                        : new Category { Id = r.GetGuid(7), Slug = r.GetString(14), Name = r.GetString(15), NameAm = r.GetString(16) },
                    Rating = r.IsDBNull(18) ? null
                        : new ProductRating { ProductId = r.GetGuid(0), Average = r.IsDBNull(17) ? null : r.GetDecimal(17), Count = r.GetInt32(18) }
                };
                if (!r.IsDBNull(19))
                    product.Variants.Add(new Variant
                    {
                        ProductId = product.Id, Sku = r.GetString(19), Options = Json.Converter.ConvertFromProviderTyped(r.GetString(20)),
                        PriceEtb = r.GetDecimal(21), OnHand = r.GetInt32(22), Reserved = r.GetInt32(23)
                    });
            }
        }
        // Drafts and archived products don't exist for shoppers.
        if (product is null || (product.Status != ProductStatus.Published && !q.IncludeUnpublished))
            throw new NotFoundException($"Product '{q.IdOrSlug}' does not exist.");
        return (ProductView.From(product), ProductView.ETagOf(product));
    }
}

internal static class GetProductEndpoint
{
    public static void MapGetProduct(this IEndpointRouteBuilder api) =>
        // {id} like the product's other routes, so the API document has one /api/products/{id} path (two templates of the
        // same shape, {id} and {idOrSlug}, are one URL to a client); the value may still be the slug.
        api.MapGet("/{id}", async ([FromRoute(Name = "id")][Description("The product's id, or its slug.")] string idOrSlug, ClaimsPrincipal user, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var (view, etag) = await sender.Send(new GetProductQuery(idOrSlug, user.IsInRole(Roles.Admin)), ct);
                http.Response.Headers.ETag = etag;
                return Results.Ok(view);
            })
            .AllowAnonymous()
            .WithName("GetProduct")
            .WithSummary("A product by id or slug: variants with prices in ETB and stock, category, images. Sends an ETag.")
            .Produces<ProductView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
