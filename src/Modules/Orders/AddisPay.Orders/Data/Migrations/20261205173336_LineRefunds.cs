using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AddisPay.Orders.Data.Migrations
{
    /// <inheritdoc />
    public partial class LineRefunds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                schema: "orders",
                table: "refunds",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "refund");

            migrationBuilder.AddColumn<string>(
                name: "Lines",
                schema: "orders",
                table: "refunds",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb");

            migrationBuilder.AddColumn<decimal>(
                name: "NetEtb",
                schema: "orders",
                table: "refunds",
                type: "numeric(14,2)",
                precision: 14,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "ShippingEtb",
                schema: "orders",
                table: "refunds",
                type: "numeric(14,2)",
                precision: 14,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "VatEtb",
                schema: "orders",
                table: "refunds",
                type: "numeric(14,2)",
                precision: 14,
                scale: 2,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Kind",
                schema: "orders",
                table: "refunds");

            migrationBuilder.DropColumn(
                name: "Lines",
                schema: "orders",
                table: "refunds");

            migrationBuilder.DropColumn(
                name: "NetEtb",
                schema: "orders",
                table: "refunds");

            migrationBuilder.DropColumn(
                name: "ShippingEtb",
                schema: "orders",
                table: "refunds");

            migrationBuilder.DropColumn(
                name: "VatEtb",
                schema: "orders",
                table: "refunds");
        }
    }
}
