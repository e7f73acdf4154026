using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AddisPay.Notifications.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeadMessagesIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_messages_Status_NextAttemptAt",
                schema: "notifications",
                table: "messages");

            migrationBuilder.CreateIndex(
                name: "ix_messages_dead",
                schema: "notifications",
                table: "messages",
                column: "CreatedAt",
                filter: "\"Status\" = 'dead'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_messages_dead",
                schema: "notifications",
                table: "messages");

            migrationBuilder.CreateIndex(
                name: "IX_messages_Status_NextAttemptAt",
                schema: "notifications",
                table: "messages",
                columns: new[] { "Status", "NextAttemptAt" });
        }
    }
}
