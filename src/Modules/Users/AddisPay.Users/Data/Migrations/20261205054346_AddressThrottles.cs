using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AddisPay.Users.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddressThrottles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Failed sign-ins are counted per address now (address_throttles). The account's old lockout columns stay until a
            // later release, so pods of the previous version keep working during a rolling upgrade; new rows get a default.
            migrationBuilder.Sql("""alter table users.accounts alter column "FailedSignIns" set default 0""");

            migrationBuilder.CreateTable(
                name: "address_throttles",
                schema: "users",
                columns: table => new
                {
                    Purpose = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AddressHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    WindowStartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    BlockedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_address_throttles", x => new { x.Purpose, x.AddressHash });
                });

            migrationBuilder.CreateIndex(
                name: "IX_address_throttles_LastAt",
                schema: "users",
                table: "address_throttles",
                column: "LastAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "address_throttles",
                schema: "users");

            migrationBuilder.Sql("""alter table users.accounts alter column "FailedSignIns" drop default""");
        }
    }
}
