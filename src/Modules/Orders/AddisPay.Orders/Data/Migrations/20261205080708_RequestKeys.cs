using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AddisPay.Orders.Data.Migrations
{
    /// <inheritdoc />
    public partial class RequestKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "request_keys",
                schema: "orders",
                columns: table => new
                {
                    Operation = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CallerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    RequestHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ResponseStatus = table.Column<int>(type: "integer", nullable: true),
                    ResponseBody = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LockedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_request_keys", x => new { x.Operation, x.CallerId, x.Key });
                });

            migrationBuilder.CreateIndex(
                name: "IX_request_keys_ExpiresAt",
                schema: "orders",
                table: "request_keys",
                column: "ExpiresAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "request_keys",
                schema: "orders");
        }
    }
}
