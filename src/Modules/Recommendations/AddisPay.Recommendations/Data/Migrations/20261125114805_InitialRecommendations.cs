using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AddisPay.Recommendations.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialRecommendations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "recommendations");

            migrationBuilder.CreateTable(
                name: "interactions",
                schema: "recommendations",
                columns: table => new
                {
                    Subject = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<short>(type: "smallint", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    FirstAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_interactions", x => new { x.Subject, x.ProductId, x.Kind });
                });

            migrationBuilder.CreateTable(
                name: "item_neighbours",
                schema: "recommendations",
                columns: table => new
                {
                    Model = table.Column<short>(type: "smallint", nullable: false),
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: false),
                    NeighbourId = table.Column<Guid>(type: "uuid", nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_item_neighbours", x => new { x.Model, x.ProductId, x.Rank });
                });

            migrationBuilder.CreateTable(
                name: "model_runs",
                schema: "recommendations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ComputedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Interactions = table.Column<int>(type: "integer", nullable: false),
                    Products = table.Column<int>(type: "integer", nullable: false),
                    Shoppers = table.Column<int>(type: "integer", nullable: false),
                    DurationMs = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_model_runs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "popular",
                schema: "recommendations",
                columns: table => new
                {
                    Category = table.Column<string>(type: "text", nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: false),
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_popular", x => new { x.Category, x.Rank });
                });

            migrationBuilder.CreateTable(
                name: "products",
                schema: "recommendations",
                columns: table => new
                {
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false),
                    Slug = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    NameAm = table.Column<string>(type: "text", nullable: false),
                    Brand = table.Column<string>(type: "text", nullable: true),
                    Category = table.Column<string>(type: "text", nullable: true),
                    Archived = table.Column<bool>(type: "boolean", nullable: false),
                    SkuCount = table.Column<int>(type: "integer", nullable: false),
                    DepletedSkus = table.Column<string[]>(type: "text[]", nullable: false),
                    Sellable = table.Column<bool>(type: "boolean", nullable: false, computedColumnSql: "not \"Archived\" and cardinality(\"DepletedSkus\") < \"SkuCount\" ", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_products", x => x.ProductId);
                });

            migrationBuilder.CreateTable(
                name: "user_recommendations",
                schema: "recommendations",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: false),
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_user_recommendations", x => new { x.UserId, x.Rank });
                });

            migrationBuilder.CreateIndex(
                name: "IX_interactions_UserId",
                schema: "recommendations",
                table: "interactions",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "interactions",
                schema: "recommendations");

            migrationBuilder.DropTable(
                name: "item_neighbours",
                schema: "recommendations");

            migrationBuilder.DropTable(
                name: "model_runs",
                schema: "recommendations");

            migrationBuilder.DropTable(
                name: "popular",
                schema: "recommendations");

            migrationBuilder.DropTable(
                name: "products",
                schema: "recommendations");

            migrationBuilder.DropTable(
                name: "user_recommendations",
                schema: "recommendations");
        }
    }
}
