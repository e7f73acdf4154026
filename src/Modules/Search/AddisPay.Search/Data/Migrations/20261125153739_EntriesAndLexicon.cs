using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using NpgsqlTypes;

#nullable disable

namespace AddisPay.Search.Data.Migrations
{
    /// <inheritdoc />
    public partial class EntriesAndLexicon : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_documents_Brand",
                schema: "search",
                table: "documents");

            migrationBuilder.DropIndex(
                name: "IX_documents_CategorySlugs",
                schema: "search",
                table: "documents");

            migrationBuilder.DropIndex(
                name: "IX_documents_PriceMin",
                schema: "search",
                table: "documents");

            migrationBuilder.DropIndex(
                name: "IX_documents_PublishedAt",
                schema: "search",
                table: "documents");

            migrationBuilder.DropIndex(
                name: "IX_documents_Rating",
                schema: "search",
                table: "documents");

            migrationBuilder.DropIndex(
                name: "IX_documents_SearchVector",
                schema: "search",
                table: "documents");

            migrationBuilder.CreateTable(
                name: "brands",
                schema: "search",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_brands", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "category_paths",
                schema: "search",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Slugs = table.Column<List<string>>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_category_paths", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "entries",
                schema: "search",
                columns: table => new
                {
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false),
                    FacetKey = table.Column<long>(type: "bigint", nullable: false, computedColumnSql: "(\"CategoryPathId\"::bigint << 32) | (\"BrandId\"::bigint << 8)\n| ((case when \"PriceMin\" < 500 then 0 when \"PriceMin\" < 1000 then 1 when \"PriceMin\" < 2500 then 2 when \"PriceMin\" < 5000 then 3 else 4 end)::bigint << 3)\n| ((case when \"Rating\" >= 4 then 3 when \"Rating\" >= 3 then 2 when \"Rating\" >= 2 then 1 else 0 end)::bigint << 1)\n| \"InStock\"::int::bigint", stored: true),
                    Preference = table.Column<long>(type: "bigint", nullable: false, computedColumnSql: "(\"InStock\"::int::bigint << 62)\n| (round(coalesce(\"Rating\", 3.00) * 100)::bigint << 52)\n| (least(\"RatingCount\", 1048575)::bigint << 32)\n| greatest(0, least(4294967295, floor(extract(epoch from (\"PublishedAt\" - timestamptz '2000-01-01 00:00:00+00')))))::bigint", stored: true),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CategoryPathId = table.Column<int>(type: "integer", nullable: false),
                    BrandId = table.Column<int>(type: "integer", nullable: false),
                    RatingCount = table.Column<int>(type: "integer", nullable: false),
                    InStock = table.Column<bool>(type: "boolean", nullable: false),
                    PriceMin = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    PriceMax = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    Rating = table.Column<decimal>(type: "numeric(3,2)", precision: 3, scale: 2, nullable: true),
                    SearchVector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_entries", x => x.ProductId);
                })
                .Annotation("Npgsql:StorageParameter:fillfactor", 90);

            migrationBuilder.CreateTable(
                name: "lexicon",
                schema: "search",
                columns: table => new
                {
                    Word = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lexicon", x => x.Word);
                });

            migrationBuilder.CreateIndex(
                name: "IX_brands_Name",
                schema: "search",
                table: "brands",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_entries_BrandId",
                schema: "search",
                table: "entries",
                column: "BrandId");

            migrationBuilder.CreateIndex(
                name: "IX_entries_CategoryPathId",
                schema: "search",
                table: "entries",
                column: "CategoryPathId");

            migrationBuilder.CreateIndex(
                name: "IX_entries_PriceMin",
                schema: "search",
                table: "entries",
                column: "PriceMin");

            migrationBuilder.CreateIndex(
                name: "IX_entries_PublishedAt",
                schema: "search",
                table: "entries",
                column: "PublishedAt");

            migrationBuilder.CreateIndex(
                name: "IX_entries_Rating",
                schema: "search",
                table: "entries",
                column: "Rating");

            migrationBuilder.CreateIndex(
                name: "IX_entries_SearchVector",
                schema: "search",
                table: "entries",
                column: "SearchVector")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:StorageParameter:fastupdate", false);

            migrationBuilder.CreateIndex(
                name: "IX_lexicon_Word_trgm",
                schema: "search",
                table: "lexicon",
                column: "Word")
                .Annotation("Npgsql:IndexMethod", "gist")
                .Annotation("Npgsql:IndexOperators", new[] { "gist_trgm_ops" });

            // Not expressible in the EF Core model: a unique index on a list column, and the expression index on the title
            // part of the vector (names A, brand B) that finds the matches in the title.
            migrationBuilder.Sql("""
                create unique index "IX_category_paths_Slugs" on search.category_paths ("Slugs");
                create index "IX_entries_Title" on search.entries using gin (ts_filter("SearchVector", '{a,b}')) with (fastupdate = off);
                """);

            // Derive the new tables from the documents already indexed (as EntrySql.Rebuild does at this version), so
            // searches work right after the upgrade, without a reindex.
            migrationBuilder.Sql("""
                insert into search.category_paths ("Slugs") select distinct d."CategorySlugs" from search.documents d;
                insert into search.brands ("Name") select distinct d."Brand" from search.documents d where d."Brand" is not null;
                insert into search.entries ("ProductId", "SearchVector", "CategoryPathId", "BrandId", "PriceMin", "PriceMax", "InStock", "Rating",
                                            "RatingCount", "PublishedAt")
                select d."ProductId", d."SearchVector", p."Id", coalesce(b."Id", 0), d."PriceMin", d."PriceMax", d."InStock", d."Rating",
                       d."RatingCount", d."PublishedAt"
                  from search.documents d
                  join search.category_paths p on p."Slugs" = d."CategorySlugs"
                  left join search.brands b on b."Name" = d."Brand"
                 order by p."Slugs", d."Brand", d."ProductId";
                insert into search.lexicon ("Word")
                select distinct w.lexeme
                  from search.documents d,
                       unnest(to_tsvector('simple', concat_ws(' ', d."Name", d."NameAm", d."Brand", d."CategoryName", d."CategoryNameAm", d."Description", d."DescriptionAm"))) w
                 where length(w.lexeme) <= 60 and w.lexeme !~ '^[0-9.,/:-]+$';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "brands",
                schema: "search");

            migrationBuilder.DropTable(
                name: "category_paths",
                schema: "search");

            migrationBuilder.DropTable(
                name: "entries",
                schema: "search");

            migrationBuilder.DropTable(
                name: "lexicon",
                schema: "search");

            migrationBuilder.CreateIndex(
                name: "IX_documents_Brand",
                schema: "search",
                table: "documents",
                column: "Brand");

            migrationBuilder.CreateIndex(
                name: "IX_documents_CategorySlugs",
                schema: "search",
                table: "documents",
                column: "CategorySlugs")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_documents_PriceMin",
                schema: "search",
                table: "documents",
                column: "PriceMin");

            migrationBuilder.CreateIndex(
                name: "IX_documents_PublishedAt",
                schema: "search",
                table: "documents",
                column: "PublishedAt");

            migrationBuilder.CreateIndex(
                name: "IX_documents_Rating",
                schema: "search",
                table: "documents",
                column: "Rating");

            migrationBuilder.CreateIndex(
                name: "IX_documents_SearchVector",
                schema: "search",
                table: "documents",
                column: "SearchVector")
                .Annotation("Npgsql:IndexMethod", "gin");
        }
    }
}
