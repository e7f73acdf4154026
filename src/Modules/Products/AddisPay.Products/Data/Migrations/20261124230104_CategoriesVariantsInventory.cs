using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AddisPay.Products.Data.Migrations
{
    /// <inheritdoc />
    public partial class CategoriesVariantsInventory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Keep the single-SKU products of the first slice: their SKU, price and stock become their first variant.
            migrationBuilder.Sql("""
                create table products._legacy_skus as
                select "Id", "Sku", "PriceEtb", "StockOnHand" from products.products;
                """);

            migrationBuilder.DropIndex(
                name: "IX_products_CreatedAt",
                schema: "products",
                table: "products");

            migrationBuilder.DropIndex(
                name: "IX_products_Sku",
                schema: "products",
                table: "products");

            migrationBuilder.DropCheckConstraint(
                name: "ck_products_price_positive",
                schema: "products",
                table: "products");

            migrationBuilder.DropCheckConstraint(
                name: "ck_products_stock_not_negative",
                schema: "products",
                table: "products");

            migrationBuilder.DropColumn(
                name: "PriceEtb",
                schema: "products",
                table: "products");

            migrationBuilder.DropColumn(
                name: "Sku",
                schema: "products",
                table: "products");

            migrationBuilder.DropColumn(
                name: "StockOnHand",
                schema: "products",
                table: "products");

            migrationBuilder.AddColumn<string>(
                name: "Attributes",
                schema: "products",
                table: "products",
                type: "jsonb",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<string>(
                name: "Brand",
                schema: "products",
                table: "products",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CategoryId",
                schema: "products",
                table: "products",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DescriptionAm",
                schema: "products",
                table: "products",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "Images",
                schema: "products",
                table: "products",
                type: "text[]",
                nullable: false,
                defaultValue: new List<string>());

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PublishedAt",
                schema: "products",
                table: "products",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Slug",
                schema: "products",
                table: "products",
                type: "character varying(160)",
                maxLength: 160,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Status",
                schema: "products",
                table: "products",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "categories",
                schema: "products",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Slug = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NameAm = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ParentId = table.Column<Guid>(type: "uuid", nullable: true),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_categories", x => x.Id);
                    table.ForeignKey(
                        name: "FK_categories_categories_ParentId",
                        column: x => x.ParentId,
                        principalSchema: "products",
                        principalTable: "categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "reservations",
                schema: "products",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SettledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Lines = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reservations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "stock_movements",
                schema: "products",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    VariantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OnHandDelta = table.Column<int>(type: "integer", nullable: false),
                    ReservedDelta = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ReservationId = table.Column<Guid>(type: "uuid", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stock_movements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "variants",
                schema: "products",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Options = table.Column<string>(type: "jsonb", nullable: false),
                    PriceEtb = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    OnHand = table.Column<int>(type: "integer", nullable: false),
                    Reserved = table.Column<int>(type: "integer", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_variants", x => x.Id);
                    table.CheckConstraint("ck_variants_on_hand_not_negative", "\"OnHand\" >= 0");
                    table.CheckConstraint("ck_variants_price_positive", "\"PriceEtb\" > 0");
                    table.CheckConstraint("ck_variants_reserved_within_on_hand", "\"Reserved\" >= 0 AND \"Reserved\" <= \"OnHand\"");
                    table.ForeignKey(
                        name: "FK_variants_products_ProductId",
                        column: x => x.ProductId,
                        principalSchema: "products",
                        principalTable: "products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.Sql("""
                insert into products.variants ("Id", "ProductId", "Sku", "Options", "PriceEtb", "OnHand", "Reserved")
                select gen_random_uuid(), "Id", "Sku", '{}'::jsonb, "PriceEtb", "StockOnHand", 0 from products._legacy_skus;
                update products.products p
                   set "Slug" = lower(l."Sku"), "Status" = 'Published', "PublishedAt" = p."CreatedAt", "Images" = '{}', "Attributes" = '{}'::jsonb
                  from products._legacy_skus l where l."Id" = p."Id";
                drop table products._legacy_skus;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_products_Brand",
                schema: "products",
                table: "products",
                column: "Brand");

            migrationBuilder.CreateIndex(
                name: "IX_products_CategoryId",
                schema: "products",
                table: "products",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_products_Slug",
                schema: "products",
                table: "products",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_products_Status_CreatedAt",
                schema: "products",
                table: "products",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_categories_ParentId",
                schema: "products",
                table: "categories",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_categories_Slug",
                schema: "products",
                table: "categories",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_reservations_Status_ExpiresAt",
                schema: "products",
                table: "reservations",
                columns: new[] { "Status", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_stock_movements_VariantId_At",
                schema: "products",
                table: "stock_movements",
                columns: new[] { "VariantId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_variants_ProductId",
                schema: "products",
                table: "variants",
                column: "ProductId");

            migrationBuilder.CreateIndex(
                name: "IX_variants_Sku",
                schema: "products",
                table: "variants",
                column: "Sku",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_products_categories_CategoryId",
                schema: "products",
                table: "products",
                column: "CategoryId",
                principalSchema: "products",
                principalTable: "categories",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_products_categories_CategoryId",
                schema: "products",
                table: "products");

            migrationBuilder.DropTable(
                name: "categories",
                schema: "products");

            migrationBuilder.DropTable(
                name: "reservations",
                schema: "products");

            migrationBuilder.DropTable(
                name: "stock_movements",
                schema: "products");

            migrationBuilder.DropTable(
                name: "variants",
                schema: "products");

            migrationBuilder.DropIndex(
                name: "IX_products_Brand",
                schema: "products",
                table: "products");

            migrationBuilder.DropIndex(
                name: "IX_products_CategoryId",
                schema: "products",
                table: "products");

            migrationBuilder.DropIndex(
                name: "IX_products_Slug",
                schema: "products",
                table: "products");

            migrationBuilder.DropIndex(
                name: "IX_products_Status_CreatedAt",
                schema: "products",
                table: "products");

            migrationBuilder.DropColumn(
                name: "Attributes",
                schema: "products",
                table: "products");

            migrationBuilder.DropColumn(
                name: "Brand",
                schema: "products",
                table: "products");

            migrationBuilder.DropColumn(
                name: "CategoryId",
                schema: "products",
                table: "products");

            migrationBuilder.DropColumn(
                name: "DescriptionAm",
                schema: "products",
                table: "products");

            migrationBuilder.DropColumn(
                name: "Images",
                schema: "products",
                table: "products");

            migrationBuilder.DropColumn(
                name: "PublishedAt",
                schema: "products",
                table: "products");

            migrationBuilder.DropColumn(
                name: "Slug",
                schema: "products",
                table: "products");

            migrationBuilder.DropColumn(
                name: "Status",
                schema: "products",
                table: "products");

            migrationBuilder.AddColumn<decimal>(
                name: "PriceEtb",
                schema: "products",
                table: "products",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<string>(
                name: "Sku",
                schema: "products",
                table: "products",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "StockOnHand",
                schema: "products",
                table: "products",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_products_CreatedAt",
                schema: "products",
                table: "products",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_products_Sku",
                schema: "products",
                table: "products",
                column: "Sku",
                unique: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_products_price_positive",
                schema: "products",
                table: "products",
                sql: "\"PriceEtb\" > 0");

            migrationBuilder.AddCheckConstraint(
                name: "ck_products_stock_not_negative",
                schema: "products",
                table: "products",
                sql: "\"StockOnHand\" >= 0");
        }
    }
}
