using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AddisPay.Orders.Data.Migrations
{
    /// <inheritdoc />
    public partial class StaffCoupons : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                schema: "orders",
                table: "coupons",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.CreateIndex(
                name: "IX_orders_CouponCode",
                schema: "orders",
                table: "orders",
                column: "CouponCode",
                filter: "\"CouponCode\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_orders_CouponCode",
                schema: "orders",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "xmin",
                schema: "orders",
                table: "coupons");
        }
    }
}
