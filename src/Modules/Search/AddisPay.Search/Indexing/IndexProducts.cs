using System.Text.Json;
using AddisPay.Products.Contracts;
using AddisPay.Search.Index;
using AddisPay.Shared.Events;
using Npgsql;
using NpgsqlTypes;
using Prometheus;

namespace AddisPay.Search.Indexing;

/// <summary>
/// Keeps the search documents (and the entries, numbers and words derived from them, see <see cref="SearchEntries"/>)
/// in step with Products' events, inside the inbox transaction (so each event applies once, in order per product).
/// </summary>
internal sealed class IndexProducts :
    IIntegrationEventHandler<ProductPublished>, IIntegrationEventHandler<ProductUpdated>, IIntegrationEventHandler<ProductArchived>,
    IIntegrationEventHandler<ProductPriceChanged>, IIntegrationEventHandler<StockDepleted>, IIntegrationEventHandler<StockReplenished>
{
    private static readonly Histogram IndexDelay = Metrics.CreateHistogram("addispay_search_index_delay_seconds",
        "Time from a product change in Products to its visibility in search.",
        new HistogramConfiguration { Buckets = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300] });

    public Task HandleAsync(ProductPublished e, IntegrationEventContext ctx, CancellationToken ct) =>
        Observe(e.OccurredAt, UpsertAsync(ctx.Connection, ctx.Transaction, e, ct));

    public Task HandleAsync(ProductUpdated e, IntegrationEventContext ctx, CancellationToken ct) => Observe(e.OccurredAt, ExecuteAsync(ctx, $"""
        update search.documents set "Slug" = @slug, "Name" = @name, "NameAm" = @nameAm, "Description" = @description, "DescriptionAm" = @descriptionAm,
               "Brand" = @brand, "CategorySlugs" = @categorySlugs, "CategoryName" = @categoryName, "CategoryNameAm" = @categoryNameAm,
               "Image" = @image, "IndexedAt" = now()
         where "ProductId" = @id;
        {SearchEntries.SyncDocument}
        """, ct, ("id", e.ProductId), ("slug", e.Slug), ("name", e.Name), ("nameAm", e.NameAm), ("description", e.Description), ("descriptionAm", e.DescriptionAm),
        ("brand", e.Brand), ("categorySlugs", e.Category?.Slugs.ToArray() ?? []), ("categoryName", e.Category?.Names.LastOrDefault()),
        ("categoryNameAm", e.Category?.NamesAm.LastOrDefault()), ("image", e.Images.FirstOrDefault())));

    public Task HandleAsync(ProductArchived e, IntegrationEventContext ctx, CancellationToken ct) =>
        ExecuteAsync(ctx, $"""delete from search.documents where "ProductId" = @id; {SearchEntries.Delete}""", ct, ("id", e.ProductId));

    public Task HandleAsync(ProductPriceChanged e, IntegrationEventContext ctx, CancellationToken ct) => Observe(e.OccurredAt, UpdateVariantAsync(ctx, e.ProductId, e.Sku,
        """jsonb_set(v, '{PriceEtb}', to_jsonb(@value::numeric))""", e.NewPriceEtb, ct));

    /// <summary>
    /// Search shows only whether a product is in stock, so it follows the moments a variant runs out and comes back, not
    /// every change of quantity: each sale and reservation of a popular product would otherwise pass through Search's
    /// inbox. A variant's Available is the count when it was published or last came back, read only as "more than zero".
    /// </summary>
    public Task HandleAsync(StockDepleted e, IntegrationEventContext ctx, CancellationToken ct) => Observe(e.OccurredAt, UpdateVariantAsync(ctx, e.ProductId, e.Sku,
        """jsonb_set(v, '{Available}', to_jsonb(@value::int))""", 0, ct));

    public Task HandleAsync(StockReplenished e, IntegrationEventContext ctx, CancellationToken ct) => Observe(e.OccurredAt, UpdateVariantAsync(ctx, e.ProductId, e.Sku,
        """jsonb_set(v, '{Available}', to_jsonb(@value::int))""", e.Available, ct));

    /// <summary>Writes the document; with <paramref name="syncEntry"/> also its entry and words (a reindex rebuilds those at the end).</summary>
    internal static async Task UpsertAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, ProductPublished e, CancellationToken ct, bool syncEntry = true)
    {
        var variants = e.Variants.Select(v => new { v.Sku, v.PriceEtb, v.Available }).ToList();
        await using var cmd = new NpgsqlCommand($"""
            insert into search.documents ("ProductId", "Slug", "Name", "NameAm", "Description", "DescriptionAm", "Brand", "CategorySlugs", "CategoryName",
                "CategoryNameAm", "Image", "Variants", "PriceMin", "PriceMax", "InStock", "Rating", "RatingCount", "PublishedAt", "IndexedAt")
            values (@id, @slug, @name, @nameAm, @description, @descriptionAm, @brand, @categorySlugs, @categoryName, @categoryNameAm, @image, @variants::jsonb,
                @priceMin, @priceMax, @inStock, (select r."Rating" from search.ratings r where r."ProductId" = @id),
                coalesce((select r."RatingCount" from search.ratings r where r."ProductId" = @id), 0), @publishedAt, now())
            on conflict ("ProductId") do update set "Slug" = excluded."Slug", "Name" = excluded."Name", "NameAm" = excluded."NameAm",
                "Description" = excluded."Description", "DescriptionAm" = excluded."DescriptionAm", "Brand" = excluded."Brand",
                "CategorySlugs" = excluded."CategorySlugs", "CategoryName" = excluded."CategoryName", "CategoryNameAm" = excluded."CategoryNameAm",
                "Image" = excluded."Image", "Variants" = excluded."Variants", "PriceMin" = excluded."PriceMin", "PriceMax" = excluded."PriceMax",
                "InStock" = excluded."InStock", "PublishedAt" = excluded."PublishedAt", "IndexedAt" = now();
            {(syncEntry ? SearchEntries.SyncDocument : "")}
            """, conn, tx);
        Add(cmd, ("id", e.ProductId), ("slug", e.Slug), ("name", e.Name), ("nameAm", e.NameAm), ("description", e.Description), ("descriptionAm", e.DescriptionAm),
            ("brand", e.Brand), ("categorySlugs", e.Category?.Slugs.ToArray() ?? []), ("categoryName", e.Category?.Names.LastOrDefault()),
            ("categoryNameAm", e.Category?.NamesAm.LastOrDefault()), ("image", e.Images.FirstOrDefault()), ("variants", JsonSerializer.Serialize(variants)),
            ("priceMin", variants.Count > 0 ? variants.Min(v => v.PriceEtb) : 0m), ("priceMax", variants.Count > 0 ? variants.Max(v => v.PriceEtb) : 0m),
            ("inStock", variants.Any(v => v.Available > 0)), ("publishedAt", e.PublishedAt));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static Task UpdateVariantAsync(IntegrationEventContext ctx, Guid productId, string sku, string change, object value, CancellationToken ct) =>
        ExecuteAsync(ctx, $"""
            with changed as (
              select coalesce(jsonb_agg(case when v->>'Sku' = @sku or @sku = '' then {change} else v end), '[]'::jsonb) as variants
                from search.documents d, jsonb_array_elements(d."Variants") v where d."ProductId" = @id)
            update search.documents d
               set "Variants" = c.variants,
                   "PriceMin" = (select min((x->>'PriceEtb')::numeric) from jsonb_array_elements(c.variants) x),
                   "PriceMax" = (select max((x->>'PriceEtb')::numeric) from jsonb_array_elements(c.variants) x),
                   "InStock" = exists (select 1 from jsonb_array_elements(c.variants) x where (x->>'Available')::int > 0),
                   "IndexedAt" = now()
              from changed c
             where d."ProductId" = @id and jsonb_array_length(c.variants) > 0;
            {SearchEntries.SyncNumbers}
            """, ct, ("id", productId), ("sku", sku), ("value", value));

    private static async Task ExecuteAsync(IntegrationEventContext ctx, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = new NpgsqlCommand(sql, ctx.Connection, ctx.Transaction);
        Add(cmd, parameters);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static void Add(NpgsqlCommand cmd, params (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
            cmd.Parameters.Add(value is string[] array
                ? new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = array }
                : new NpgsqlParameter(name, value ?? DBNull.Value));
    }

    private static async Task Observe(DateTimeOffset changedAt, Task work)
    {
        await work;
        IndexDelay.Observe(Math.Max(0, (DateTimeOffset.UtcNow - changedAt).TotalSeconds));
    }
}
