using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AddisPay.Reviews.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReviewHiddenReason : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "HiddenReason",
                schema: "reviews",
                table: "reviews",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HiddenReason",
                schema: "reviews",
                table: "reviews");
        }
    }
}
