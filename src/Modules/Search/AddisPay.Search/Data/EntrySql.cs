namespace AddisPay.Search.Data;

/// <summary>
/// Keeps <c>search.entries</c> (the narrow rows searches scan), the category-path and brand numbers of the facet key,
/// and the lexicon in step with <c>search.documents</c>. Every statement runs in the caller's transaction, right after
/// the document change, so an entry never disagrees with its document.
/// </summary>
internal static class EntrySql
{
    /// <summary>
    /// Category path (bits 32+), brand (bits 8-31), price range of the lowest price (bits 3-5: 0-500, 500-1000,
    /// 1000-2500, 2500-5000, 5000+ ETB), rating bucket (bits 1-2: 4+, 3+, 2+, below or none) and in stock (bit 0):
    /// one integer to group the matches of a search by, instead of five columns and an array.
    /// </summary>
    public const string FacetKeySql = """
        ("CategoryPathId"::bigint << 32) | ("BrandId"::bigint << 8)
        | ((case when "PriceMin" < 500 then 0 when "PriceMin" < 1000 then 1 when "PriceMin" < 2500 then 2 when "PriceMin" < 5000 then 3 else 4 end)::bigint << 3)
        | ((case when "Rating" >= 4 then 3 when "Rating" >= 3 then 2 when "Rating" >= 2 then 1 else 0 end)::bigint << 1)
        | "InStock"::int::bigint
        """;

    /// <summary>
    /// In stock first, then the rating (unrated counts as 3.00), the number of ratings, and the publication time:
    /// which of many equally matching products are ranked first.
    /// </summary>
    public const string PreferenceSql = """
        ("InStock"::int::bigint << 62)
        | (round(coalesce("Rating", 3.00) * 100)::bigint << 52)
        | (least("RatingCount", 1048575)::bigint << 32)
        | greatest(0, least(4294967295, floor(extract(epoch from ("PublishedAt" - timestamptz '2000-01-01 00:00:00+00')))))::bigint
        """;

    /// <summary>The title part of an entry's vector (names, weight A; brand, B), as its GIN expression index has it.</summary>
    public const string Title = """ts_filter(e."SearchVector", '{a,b}')""";

    /// <summary>The words of a document as the `simple` configuration splits them (lower case, whole), numbers left out.</summary>
    private const string Words = """
        unnest(to_tsvector('simple', concat_ws(' ', d."Name", d."NameAm", d."Brand", d."CategoryName", d."CategoryNameAm", d."Description", d."DescriptionAm"))) w
        """;

    private const string WordFilter = """length(w.lexeme) <= 60 and w.lexeme !~ '^[0-9.,/:-]+$'""";

    private const string EntryColumns = """
        "ProductId", "SearchVector", "CategoryPathId", "BrandId", "PriceMin", "PriceMax", "InStock", "Rating", "RatingCount", "PublishedAt"
        """;

    private static string EntriesFrom(string where, string order = "") => $"""
        insert into search.entries ({EntryColumns})
        select d."ProductId", d."SearchVector", p."Id", coalesce(b."Id", 0), d."PriceMin", d."PriceMax", d."InStock", d."Rating",
               d."RatingCount", d."PublishedAt"
          from search.documents d
          join search.category_paths p on p."Slugs" = d."CategorySlugs"
          left join search.brands b on b."Name" = d."Brand"
         where {where} {order}
        """;

    private static string NumbersFor(string where) => $"""
        insert into search.category_paths ("Slugs")
        select distinct d."CategorySlugs" from search.documents d
         where {where} and not exists (select 1 from search.category_paths p where p."Slugs" = d."CategorySlugs")
        on conflict do nothing;
        insert into search.brands ("Name")
        select distinct d."Brand" from search.documents d
         where {where} and d."Brand" is not null and not exists (select 1 from search.brands b where b."Name" = d."Brand")
        on conflict do nothing;
        """;

    /// <summary>After a document was written (published, updated): its entry, its category path and brand numbers, its words.</summary>
    public static readonly string SyncDocument = Sync("""d."ProductId" = @id""");

    /// <summary>After a category's documents took its new path or names (@slug, the path's last): their entries, numbers and words.</summary>
    public static readonly string SyncCategory = Sync("""d."CategorySlugs"[cardinality(d."CategorySlugs")] = @slug""");

    private static string Sync(string where) => $"""
        {NumbersFor(where)}
        {EntriesFrom(where)}
        on conflict ("ProductId") do update set "SearchVector" = excluded."SearchVector", "CategoryPathId" = excluded."CategoryPathId", "BrandId" = excluded."BrandId", "PriceMin" = excluded."PriceMin",
            "PriceMax" = excluded."PriceMax", "InStock" = excluded."InStock", "Rating" = excluded."Rating",
            "RatingCount" = excluded."RatingCount", "PublishedAt" = excluded."PublishedAt";
        insert into search.lexicon ("Word")
        select distinct w.lexeme from search.documents d, {Words} where {where} and {WordFilter}
        on conflict do nothing;
        """;

    /// <summary>After a document's prices, stock or rating changed: the entry's copies (untouched when they did not change).</summary>
    public const string SyncNumbers = """
        update search.entries e
           set "PriceMin" = d."PriceMin", "PriceMax" = d."PriceMax", "InStock" = d."InStock", "Rating" = d."Rating", "RatingCount" = d."RatingCount"
          from search.documents d
         where d."ProductId" = @id and e."ProductId" = d."ProductId"
           and (e."PriceMin", e."PriceMax", e."InStock", e."Rating", e."RatingCount")
               is distinct from (d."PriceMin", d."PriceMax", d."InStock", d."Rating", d."RatingCount");
        """;

    public const string Delete = """delete from search.entries where "ProductId" = @id;""";

    /// <summary>
    /// The whole derived index from the documents, for a reindex: entries written in category and brand order (a word's
    /// matches then share pages, so a search reads fewer of them), and the lexicon from scratch (words of archived
    /// products go). Words and numbers of products added later are added as they are indexed.
    /// </summary>
    public static readonly string Rebuild = $"""
        delete from search.entries;
        {NumbersFor("true")}
        {EntriesFrom("true", """order by p."Slugs", d."Brand", d."ProductId" """)};
        delete from search.facet_counts where "Count" = 0;
        delete from search.lexicon;
        insert into search.lexicon ("Word")
        select distinct w.lexeme from search.documents d, {Words} where {WordFilter};
        analyze search.entries;
        analyze search.lexicon;
        """;

    public static async Task ExecuteAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql, Guid? productId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        if (productId is { } id) cmd.Parameters.AddWithValue("id", id);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
