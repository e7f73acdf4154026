using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AddisPay.Products.Data.Migrations
{
    /// <inheritdoc />
    public partial class CatalogueImportRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "catalogue_imports",
                schema: "products",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(140)", maxLength: 140, nullable: false),
                    StaffId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Report = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalogue_imports", x => x.Key);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "catalogue_imports",
                schema: "products");
        }
    }
}
