using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AddisPay.Notifications.Data.Migrations
{
    /// <inheritdoc />
    public partial class DueMessagesIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_messages_due",
                schema: "notifications",
                table: "messages",
                column: "NextAttemptAt",
                filter: "\"Status\" in ('queued', 'failed')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_messages_due",
                schema: "notifications",
                table: "messages");
        }
    }
}
