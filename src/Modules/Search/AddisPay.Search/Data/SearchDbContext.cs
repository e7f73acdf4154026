using Microsoft.EntityFrameworkCore.Design;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace AddisPay.Search.Data;

/// <summary>
/// Search's read model: PostgreSQL full text (English stemming for English text, the `simple` configuration
/// for Amharic so Ge'ez words are kept whole) plus pg_trgm for misspellings and prefixes.
/// </summary>
internal sealed class SearchDbContext(DbContextOptions<SearchDbContext> options) : DbContext(options)
{
    public const string Schema = "search";

    public DbSet<SearchDocument> Documents => Set<SearchDocument>();
    public DbSet<ProductRating> Ratings => Set<ProductRating>();
    public DbSet<SearchEntry> Entries => Set<SearchEntry>();
    public DbSet<LexiconWord> Lexicon => Set<LexiconWord>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.HasDefaultSchema(Schema);
        b.HasPostgresExtension("pg_trgm");
        b.Entity<SearchDocument>(d =>
        {
            d.ToTable("documents");
            d.HasKey(x => x.ProductId);
            d.Property(x => x.ProductId).ValueGeneratedNever();
            d.Property(x => x.CategorySlugs).HasColumnType("text[]");
            d.Property(x => x.Variants).HasColumnType("jsonb");
            d.Property(x => x.PriceMin).HasPrecision(12, 2);
            d.Property(x => x.PriceMax).HasPrecision(12, 2);
            d.Property(x => x.Rating).HasPrecision(3, 2);
            d.Property(x => x.SearchVector).HasComputedColumnSql("""
                setweight(to_tsvector('english', coalesce("Name", '')), 'A') ||
                setweight(to_tsvector('simple', coalesce("NameAm", '')), 'A') ||
                setweight(to_tsvector('simple', coalesce("Brand", '')), 'B') ||
                setweight(to_tsvector('english', coalesce("CategoryName", '')), 'C') ||
                setweight(to_tsvector('simple', coalesce("CategoryNameAm", '')), 'C') ||
                setweight(to_tsvector('english', coalesce("Description", '')), 'D') ||
                setweight(to_tsvector('simple', coalesce("DescriptionAm", '')), 'D')
                """, stored: true);
            d.Property(x => x.SearchText).HasComputedColumnSql("""lower(coalesce("Name", '') || ' ' || coalesce("NameAm", '') || ' ' || coalesce("Brand", ''))""", stored: true);
            // Searches match, filter, sort and count on search.entries; a document is read by id for the hits shown.
            d.HasIndex(x => x.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops"); // autocomplete's near matches
        });
        b.Entity<SearchEntry>(e =>
        {
            e.ToTable("entries");
            e.HasStorageParameter("fillfactor", 90); // room on each page for stock and price updates in place (HOT)
            e.HasKey(x => x.ProductId);
            e.Property(x => x.ProductId).ValueGeneratedNever();
            e.Property(x => x.PriceMin).HasPrecision(12, 2);
            e.Property(x => x.PriceMax).HasPrecision(12, 2);
            e.Property(x => x.Rating).HasPrecision(3, 2);
            e.Property(x => x.FacetKey).HasComputedColumnSql(EntrySql.FacetKeySql, stored: true);
            e.Property(x => x.Preference).HasComputedColumnSql(EntrySql.PreferenceSql, stored: true);
            // Fixed-width columns first, the vector last: PostgreSQL finds a column at a known offset only while every column
            // before it has a fixed width, and the facet count reads FacetKey from every match.
            string[] order = [nameof(SearchEntry.ProductId), nameof(SearchEntry.FacetKey), nameof(SearchEntry.Preference), nameof(SearchEntry.PublishedAt),
                nameof(SearchEntry.CategoryPathId), nameof(SearchEntry.BrandId), nameof(SearchEntry.RatingCount), nameof(SearchEntry.InStock),
                nameof(SearchEntry.PriceMin), nameof(SearchEntry.PriceMax), nameof(SearchEntry.Rating), nameof(SearchEntry.SearchVector)];
            for (var i = 0; i < order.Length; i++) e.Property(order[i]).HasColumnOrder(i);
            // fastupdate off: no pending list for every search to scan until a vacuum merges it. The title index on
            // ts_filter("SearchVector", '{a,b}') is an expression index, created by the migration in SQL.
            e.HasIndex(x => x.SearchVector).HasMethod("gin").HasStorageParameter("fastupdate", false);
            // A category listing (no words) reads each of the category's paths in the listing's order and stops after the
            // page (see SearchSql): one index per sort, category path first. They also serve filtering by category path.
            e.HasIndex(x => new { x.CategoryPathId, x.PublishedAt, x.ProductId }, "IX_entries_CategoryPathId_Newest").IsDescending(false, true, false);
            e.HasIndex(x => new { x.CategoryPathId, x.PriceMin, x.ProductId }, "IX_entries_CategoryPathId_PriceAsc");
            e.HasIndex(x => new { x.CategoryPathId, x.PriceMin, x.ProductId }, "IX_entries_CategoryPathId_PriceDesc").IsDescending(false, true, false);
            e.HasIndex(x => new { x.CategoryPathId, x.Rating, x.RatingCount, x.ProductId }, "IX_entries_CategoryPathId_Rating").IsDescending(false, true, true, false)
                .HasNullSortOrder(NullSortOrder.Unspecified, NullSortOrder.NullsLast, NullSortOrder.Unspecified, NullSortOrder.Unspecified);
            e.HasIndex(x => x.BrandId);
            e.HasIndex(x => x.PriceMin);
            e.HasIndex(x => x.PublishedAt);
            e.HasIndex(x => x.Rating);
            // The best-placed products first without sorting every match: a broad word or a one-letter prefix (autocomplete)
            // walks this index and stops after the page it needs; a rare word still starts from its GIN posting list.
            e.HasIndex(x => new { x.Preference, x.ProductId }).IsDescending(true, false);
        });
        b.Entity<FacetCount>(f =>
        {
            // Kept by statement triggers on search.entries (created by the migration in SQL): see FacetCount.
            f.ToTable("facet_counts");
            f.HasKey(x => x.FacetKey);
            f.Property(x => x.FacetKey).ValueGeneratedNever();
        });
        b.Entity<CategoryPathEntry>(c =>
        {
            c.ToTable("category_paths");
            c.HasKey(x => x.Id);
            c.Property(x => x.Slugs).HasColumnType("text[]");
            // Unique on "Slugs": created by the migration in SQL (EF Core cannot compare list values for a unique index).
        });
        b.Entity<BrandEntry>(c =>
        {
            c.ToTable("brands");
            c.HasKey(x => x.Id);
            c.HasIndex(x => x.Name).IsUnique();
        });
        b.Entity<LexiconWord>(w =>
        {
            w.ToTable("lexicon");
            w.HasKey(x => x.Word);
            w.HasIndex(x => x.Word).HasDatabaseName("IX_lexicon_Word_trgm").HasMethod("gist").HasOperators("gist_trgm_ops"); // nearest words (<->)
        });
        b.Entity<ProductRating>(r =>
        {
            r.ToTable("ratings");
            r.HasKey(x => x.ProductId);
            r.Property(x => x.ProductId).ValueGeneratedNever();
            r.Property(x => x.Rating).HasPrecision(3, 2);
        });
    }
}

internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SearchDbContext>
{
    public SearchDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<SearchDbContext>()
        .UseNpgsql("Host=localhost;Database=addispay", o => o.MigrationsHistoryTable("__ef_migrations", SearchDbContext.Schema))
        .Options);
}
