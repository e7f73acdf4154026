using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AddisPay.Reviews.Data.Migrations
{
    /// <inheritdoc />
    public partial class PurchasesPerOrderAndArchivedProducts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_purchases",
                schema: "reviews",
                table: "purchases");

            migrationBuilder.AddPrimaryKey(
                name: "PK_purchases",
                schema: "reviews",
                table: "purchases",
                columns: new[] { "CustomerId", "ProductId", "OrderId" });

            migrationBuilder.CreateTable(
                name: "archived_products",
                schema: "reviews",
                columns: table => new
                {
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false),
                    ArchivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_archived_products", x => x.ProductId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_purchases_CustomerId_OrderId",
                schema: "reviews",
                table: "purchases",
                columns: new[] { "CustomerId", "OrderId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "archived_products",
                schema: "reviews");

            migrationBuilder.DropPrimaryKey(
                name: "PK_purchases",
                schema: "reviews",
                table: "purchases");

            migrationBuilder.DropIndex(
                name: "IX_purchases_CustomerId_OrderId",
                schema: "reviews",
                table: "purchases");

            migrationBuilder.AddPrimaryKey(
                name: "PK_purchases",
                schema: "reviews",
                table: "purchases",
                columns: new[] { "CustomerId", "ProductId" });
        }
    }
}
