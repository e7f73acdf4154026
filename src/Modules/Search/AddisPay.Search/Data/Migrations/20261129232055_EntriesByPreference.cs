using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AddisPay.Search.Data.Migrations
{
    /// <inheritdoc />
    public partial class EntriesByPreference : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_entries_Preference_ProductId",
                schema: "search",
                table: "entries",
                columns: new[] { "Preference", "ProductId" },
                descending: new[] { true, false });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_entries_Preference_ProductId",
                schema: "search",
                table: "entries");
        }
    }
}
