using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AddisPay.Notifications.Data.Migrations
{
    /// <inheritdoc />
    public partial class StaffCampaigns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CancelledAt",
                schema: "notifications",
                table: "campaigns",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ChangedAt",
                schema: "notifications",
                table: "campaigns",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RequestKey",
                schema: "notifications",
                table: "campaigns",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SendAt",
                schema: "notifications",
                table: "campaigns",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "StartedAt",
                schema: "notifications",
                table: "campaigns",
                type: "timestamp with time zone",
                nullable: true);
            // xmin is PostgreSQL's own system column: the row version needs no column added.

            migrationBuilder.CreateTable(
                name: "campaign_unsubscribes",
                schema: "notifications",
                columns: table => new
                {
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_campaign_unsubscribes", x => new { x.CampaignId, x.UserId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_campaigns_CreatedAt",
                schema: "notifications",
                table: "campaigns",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_campaigns_RequestKey",
                schema: "notifications",
                table: "campaigns",
                column: "RequestKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "campaign_unsubscribes",
                schema: "notifications");

            migrationBuilder.DropIndex(
                name: "IX_campaigns_CreatedAt",
                schema: "notifications",
                table: "campaigns");

            migrationBuilder.DropIndex(
                name: "IX_campaigns_RequestKey",
                schema: "notifications",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "CancelledAt",
                schema: "notifications",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "ChangedAt",
                schema: "notifications",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "RequestKey",
                schema: "notifications",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "SendAt",
                schema: "notifications",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "StartedAt",
                schema: "notifications",
                table: "campaigns");
        }
    }
}
