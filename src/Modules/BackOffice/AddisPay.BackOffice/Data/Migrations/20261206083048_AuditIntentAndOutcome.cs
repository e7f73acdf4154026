using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AddisPay.BackOffice.Data.Migrations
{
    /// <inheritdoc />
    public partial class AuditIntentAndOutcome : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CompletedAt",
                schema: "backoffice",
                table: "audit_entries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Key",
                schema: "backoffice",
                table: "audit_entries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                schema: "backoffice",
                table: "audit_entries",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "done");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_Action_Key",
                schema: "backoffice",
                table: "audit_entries",
                columns: new[] { "Action", "Key" },
                unique: true,
                filter: "\"Key\" is not null");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_audit_entries_Action_Key",
                schema: "backoffice",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "CompletedAt",
                schema: "backoffice",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "Key",
                schema: "backoffice",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "Outcome",
                schema: "backoffice",
                table: "audit_entries");
        }
    }
}
