using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AddisPay.Products.Data.Migrations
{
    /// <inheritdoc />
    public partial class StaffStockAdjustmentKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RequestKey",
                schema: "products",
                table: "stock_movements",
                type: "character varying(140)",
                maxLength: 140,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_stock_movements_RequestKey",
                schema: "products",
                table: "stock_movements",
                column: "RequestKey",
                unique: true,
                filter: "\"RequestKey\" is not null");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_stock_movements_RequestKey",
                schema: "products",
                table: "stock_movements");

            migrationBuilder.DropColumn(
                name: "RequestKey",
                schema: "products",
                table: "stock_movements");
        }
    }
}
