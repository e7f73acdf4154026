using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace AddisPay.Search.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "search");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "documents",
                schema: "search",
                columns: table => new
                {
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false),
                    Slug = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    NameAm = table.Column<string>(type: "text", nullable: false),
                    Description = table.Column<string>(type: "text", nullable: true),
                    DescriptionAm = table.Column<string>(type: "text", nullable: true),
                    Brand = table.Column<string>(type: "text", nullable: true),
                    CategorySlugs = table.Column<List<string>>(type: "text[]", nullable: false),
                    CategoryName = table.Column<string>(type: "text", nullable: true),
                    CategoryNameAm = table.Column<string>(type: "text", nullable: true),
                    Image = table.Column<string>(type: "text", nullable: true),
                    Variants = table.Column<string>(type: "jsonb", nullable: false),
                    PriceMin = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    PriceMax = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    InStock = table.Column<bool>(type: "boolean", nullable: false),
                    Rating = table.Column<decimal>(type: "numeric(3,2)", precision: 3, scale: 2, nullable: true),
                    RatingCount = table.Column<int>(type: "integer", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    IndexedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SearchVector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: false, computedColumnSql: "setweight(to_tsvector('english', coalesce(\"Name\", '')), 'A') ||\nsetweight(to_tsvector('simple', coalesce(\"NameAm\", '')), 'A') ||\nsetweight(to_tsvector('simple', coalesce(\"Brand\", '')), 'B') ||\nsetweight(to_tsvector('english', coalesce(\"CategoryName\", '')), 'C') ||\nsetweight(to_tsvector('simple', coalesce(\"CategoryNameAm\", '')), 'C') ||\nsetweight(to_tsvector('english', coalesce(\"Description\", '')), 'D') ||\nsetweight(to_tsvector('simple', coalesce(\"DescriptionAm\", '')), 'D')", stored: true),
                    SearchText = table.Column<string>(type: "text", nullable: false, computedColumnSql: "lower(coalesce(\"Name\", '') || ' ' || coalesce(\"NameAm\", '') || ' ' || coalesce(\"Brand\", ''))", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_documents", x => x.ProductId);
                });

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
                name: "IX_documents_SearchText",
                schema: "search",
                table: "documents",
                column: "SearchText")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_documents_SearchVector",
                schema: "search",
                table: "documents",
                column: "SearchVector")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "documents",
                schema: "search");
        }
    }
}
