using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AddisPay.Products.Data.Migrations
{
    /// <inheritdoc />
    public partial class StaffCatalogueAndImages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.AddColumn<string>(
                name: "CreationKey",
                schema: "products",
                table: "products",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "image_blobs",
                schema: "products",
                columns: table => new
                {
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false),
                    Hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_image_blobs", x => new { x.ProductId, x.Hash });
                    table.ForeignKey(
                        name: "FK_image_blobs_products_ProductId",
                        column: x => x.ProductId,
                        principalSchema: "products",
                        principalTable: "products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_products_CategoryId_Id",
                schema: "products",
                table: "products",
                columns: new[] { "CategoryId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_products_CreationKey",
                schema: "products",
                table: "products",
                column: "CreationKey",
                unique: true,
                filter: "\"CreationKey\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_products_name_am_trgm",
                schema: "products",
                table: "products",
                column: "NameAm")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_products_name_trgm",
                schema: "products",
                table: "products",
                column: "Name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_products_Status_Id",
                schema: "products",
                table: "products",
                columns: new[] { "Status", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "image_blobs",
                schema: "products");

            migrationBuilder.DropIndex(
                name: "IX_products_CategoryId_Id",
                schema: "products",
                table: "products");

            migrationBuilder.DropIndex(
                name: "IX_products_CreationKey",
                schema: "products",
                table: "products");

            migrationBuilder.DropIndex(
                name: "ix_products_name_am_trgm",
                schema: "products",
                table: "products");

            migrationBuilder.DropIndex(
                name: "ix_products_name_trgm",
                schema: "products",
                table: "products");

            migrationBuilder.DropIndex(
                name: "IX_products_Status_Id",
                schema: "products",
                table: "products");

            migrationBuilder.DropColumn(
                name: "CreationKey",
                schema: "products",
                table: "products");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
