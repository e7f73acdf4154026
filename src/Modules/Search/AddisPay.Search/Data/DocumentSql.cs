using System.Text.Json;
using AddisPay.Products.Contracts;
using NpgsqlTypes;

namespace AddisPay.Search.Data;

/// <summary>
/// The search documents (<c>search.documents</c>, mapped by <see cref="SearchDbContext"/> as <see cref="SearchDocument"/>)
/// kept from Products' and Reviews' events, each change followed in the same statement batch by its entry, numbers and
/// words (<see cref="EntrySql"/>: the narrow entry written with its document, see docs/benchmarks.md, Catalogue and search
/// at 100,000 products). Upserts and JSON edits of the variants are beyond EF Core; no benchmark measured the document
/// statements themselves.
/// </summary>
internal static class DocumentSql
{
    /// <summary>Writes the document; with <paramref name="syncEntry"/> also its entry and words (a reindex rebuilds those at the end).</summary>
    public static async Task UpsertAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, ProductPublished e, CancellationToken ct, bool syncEntry = true)
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
            {(syncEntry ? EntrySql.SyncDocument : "")}
            """, conn, tx);
        Add(cmd, ("id", e.ProductId), ("slug", e.Slug), ("name", e.Name), ("nameAm", e.NameAm), ("description", e.Description), ("descriptionAm", e.DescriptionAm),
            ("brand", e.Brand), ("categorySlugs", e.Category?.Slugs.ToArray() ?? []), ("categoryName", e.Category?.Names.LastOrDefault()),
            ("categoryNameAm", e.Category?.NamesAm.LastOrDefault()), ("image", e.Images.FirstOrDefault()), ("variants", JsonSerializer.Serialize(variants)),
            ("priceMin", variants.Count > 0 ? variants.Min(v => v.PriceEtb) : 0m), ("priceMax", variants.Count > 0 ? variants.Max(v => v.PriceEtb) : 0m),
            ("inStock", variants.Any(v => v.Available > 0)), ("publishedAt", e.PublishedAt));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A product's names, description, brand, category and image changed: the document, then its entry and words.</summary>
    public static Task UpdatedAsync(IntegrationEventContext ctx, ProductUpdated e, CancellationToken ct) => ExecuteAsync(ctx, $"""
        update search.documents set "Slug" = @slug, "Name" = @name, "NameAm" = @nameAm, "Description" = @description, "DescriptionAm" = @descriptionAm,
               "Brand" = @brand, "CategorySlugs" = @categorySlugs, "CategoryName" = @categoryName, "CategoryNameAm" = @categoryNameAm,
               "Image" = @image, "IndexedAt" = now()
         where "ProductId" = @id;
        {EntrySql.SyncDocument}
        """, ct, ("id", e.ProductId), ("slug", e.Slug), ("name", e.Name), ("nameAm", e.NameAm), ("description", e.Description), ("descriptionAm", e.DescriptionAm),
        ("brand", e.Brand), ("categorySlugs", e.Category?.Slugs.ToArray() ?? []), ("categoryName", e.Category?.Names.LastOrDefault()),
        ("categoryNameAm", e.Category?.NamesAm.LastOrDefault()), ("image", e.Images.FirstOrDefault()));


    /// <summary>
    /// A category renamed or moved: every document filed under it (its path's last slug) takes the new path and names, then
    /// their entries and words. Products under its subcategories keep their own category, announced by its own event.
    /// </summary>
    public static Task CategoryChangedAsync(IntegrationEventContext ctx, CategoryChanged e, CancellationToken ct) => ExecuteAsync(ctx, $"""
        update search.documents set "CategorySlugs" = @categorySlugs, "CategoryName" = @categoryName, "CategoryNameAm" = @categoryNameAm, "IndexedAt" = now()
         where "CategorySlugs"[cardinality("CategorySlugs")] = @slug;
        {EntrySql.SyncCategory}
        """, ct, ("slug", e.Slug), ("categorySlugs", e.Path.Slugs.ToArray()), ("categoryName", e.Path.Names.LastOrDefault()),
        ("categoryNameAm", e.Path.NamesAm.LastOrDefault()));

    /// <summary>An archived product leaves search: its document and entry.</summary>
    public static Task ArchivedAsync(IntegrationEventContext ctx, Guid productId, CancellationToken ct) =>
        ExecuteAsync(ctx, $"""delete from search.documents where "ProductId" = @id; {EntrySql.Delete}""", ct, ("id", productId));

    /// <summary>A variant's new price, then the entry's numbers.</summary>
    public static Task PriceChangedAsync(IntegrationEventContext ctx, Guid productId, string sku, decimal price, CancellationToken ct) =>
        UpdateVariantAsync(ctx, productId, sku, """jsonb_set(v, '{PriceEtb}', to_jsonb(@value::numeric))""", price, ct);

    /// <summary>A variant's availability (read only as "more than zero"), then the entry's numbers.</summary>
    public static Task AvailableAsync(IntegrationEventContext ctx, Guid productId, string sku, int available, CancellationToken ct) =>
        UpdateVariantAsync(ctx, productId, sku, """jsonb_set(v, '{Available}', to_jsonb(@value::int))""", available, ct);

    /// <summary>The product's latest rating summary, kept for documents written later and copied to its document and entry.</summary>
    public static async Task RatedAsync(IntegrationEventContext ctx, Guid productId, decimal? average, int count, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            insert into search.ratings ("ProductId", "Rating", "RatingCount", "UpdatedAt") values (@id, @rating, @count, now())
            on conflict ("ProductId") do update set "Rating" = excluded."Rating", "RatingCount" = excluded."RatingCount", "UpdatedAt" = now();
            update search.documents set "Rating" = @rating, "RatingCount" = @count, "IndexedAt" = now() where "ProductId" = @id;
            {EntrySql.SyncNumbers}
            """, ctx.Connection, ctx.Transaction);
        cmd.Parameters.AddWithValue("id", productId);
        cmd.Parameters.Add(new NpgsqlParameter("rating", NpgsqlDbType.Numeric) { Value = (object?)average ?? DBNull.Value });
        cmd.Parameters.AddWithValue("count", count);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Removes every document, for a reindex writing them again in the same transaction.</summary>
    public static async Task ClearAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var clear = new NpgsqlCommand("delete from search.documents", conn, tx);
        await clear.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Rebuilds the entries, numbers and lexicon from the documents (<see cref="EntrySql.Rebuild"/>), for a reindex.</summary>
    public static async Task RebuildEntriesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var rebuild = new NpgsqlCommand(EntrySql.Rebuild, conn, tx) { CommandTimeout = 600 };
        await rebuild.ExecuteNonQueryAsync(ct);
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
            {EntrySql.SyncNumbers}
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
}
