using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AddisPay.Payments.Data.Migrations
{
    /// <inheritdoc />
    public partial class UnverifiedWebhookCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "unverified_webhooks",
                schema: "payments",
                columns: table => new
                {
                    Gateway = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Hour = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Calls = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_unverified_webhooks", x => new { x.Gateway, x.Hour });
                });

            // Receipts of calls that never verified become hourly counts (names of gateways we don't have fold
            // into "unknown"); only verified calls keep a receipt of their own.
            migrationBuilder.Sql("""
                insert into payments.unverified_webhooks ("Gateway", "Hour", "Calls")
                select case when "Outcome" = 'UnknownGateway' then 'unknown' else "Gateway" end, date_trunc('hour', "ReceivedAt", 'UTC'), count(*)
                  from payments.webhook_receipts
                 where "Outcome" in ('BadSignature', 'UnknownGateway')
                 group by 1, 2;
                delete from payments.webhook_receipts where "Outcome" in ('BadSignature', 'UnknownGateway');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "unverified_webhooks",
                schema: "payments");
        }
    }
}
