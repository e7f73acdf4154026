using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AddisPay.Search.Data.Migrations
{
    /// <inheritdoc />
    public partial class FacetCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_entries_CategoryPathId",
                schema: "search",
                table: "entries");

            migrationBuilder.CreateTable(
                name: "facet_counts",
                schema: "search",
                columns: table => new
                {
                    FacetKey = table.Column<long>(type: "bigint", nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_facet_counts", x => x.FacetKey);
                });

            migrationBuilder.CreateIndex(
                name: "IX_entries_CategoryPathId_Newest",
                schema: "search",
                table: "entries",
                columns: new[] { "CategoryPathId", "PublishedAt", "ProductId" },
                descending: new[] { false, true, false });

            migrationBuilder.CreateIndex(
                name: "IX_entries_CategoryPathId_PriceAsc",
                schema: "search",
                table: "entries",
                columns: new[] { "CategoryPathId", "PriceMin", "ProductId" });

            migrationBuilder.CreateIndex(
                name: "IX_entries_CategoryPathId_PriceDesc",
                schema: "search",
                table: "entries",
                columns: new[] { "CategoryPathId", "PriceMin", "ProductId" },
                descending: new[] { false, true, false });

            migrationBuilder.CreateIndex(
                name: "IX_entries_CategoryPathId_Rating",
                schema: "search",
                table: "entries",
                columns: new[] { "CategoryPathId", "Rating", "RatingCount", "ProductId" },
                descending: new[] { false, true, true, false })
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.Unspecified, NullSortOrder.NullsLast, NullSortOrder.Unspecified, NullSortOrder.Unspecified });

            // The counts follow every statement on the entries, in its transaction: the statement's old rows' keys are
            // subtracted and its new rows' keys added, per key, in key order (two indexing transactions lock shared keys in
            // the same order). An INSERT ... ON CONFLICT DO UPDATE fires the insert trigger for the rows it inserted and
            // the update trigger for the rows it updated.
            migrationBuilder.Sql("""
                create function search.count_facet_keys() returns trigger language plpgsql as $$
                begin
                  if tg_op = 'INSERT' then
                    insert into search.facet_counts ("FacetKey", "Count")
                    select n."FacetKey", count(*) from new_rows n group by 1 order by 1
                    on conflict ("FacetKey") do update set "Count" = search.facet_counts."Count" + excluded."Count";
                  elsif tg_op = 'DELETE' then
                    insert into search.facet_counts ("FacetKey", "Count")
                    select o."FacetKey", -count(*) from old_rows o group by 1 order by 1
                    on conflict ("FacetKey") do update set "Count" = search.facet_counts."Count" + excluded."Count";
                  else
                    insert into search.facet_counts ("FacetKey", "Count")
                    select k, sum(n) from (select n."FacetKey" as k, 1 as n from new_rows n union all select o."FacetKey", -1 from old_rows o) d
                     group by k having sum(n) <> 0 order by k
                    on conflict ("FacetKey") do update set "Count" = search.facet_counts."Count" + excluded."Count";
                  end if;
                  return null;
                end $$;
                create trigger count_inserted_facet_keys after insert on search.entries
                  referencing new table as new_rows for each statement execute function search.count_facet_keys();
                create trigger count_updated_facet_keys after update on search.entries
                  referencing old table as old_rows new table as new_rows for each statement execute function search.count_facet_keys();
                create trigger count_deleted_facet_keys after delete on search.entries
                  referencing old table as old_rows for each statement execute function search.count_facet_keys();
                insert into search.facet_counts ("FacetKey", "Count") select "FacetKey", count(*) from search.entries group by 1;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                drop trigger count_inserted_facet_keys on search.entries;
                drop trigger count_updated_facet_keys on search.entries;
                drop trigger count_deleted_facet_keys on search.entries;
                drop function search.count_facet_keys();
                """);

            migrationBuilder.DropTable(
                name: "facet_counts",
                schema: "search");

            migrationBuilder.DropIndex(
                name: "IX_entries_CategoryPathId_Newest",
                schema: "search",
                table: "entries");

            migrationBuilder.DropIndex(
                name: "IX_entries_CategoryPathId_PriceAsc",
                schema: "search",
                table: "entries");

            migrationBuilder.DropIndex(
                name: "IX_entries_CategoryPathId_PriceDesc",
                schema: "search",
                table: "entries");

            migrationBuilder.DropIndex(
                name: "IX_entries_CategoryPathId_Rating",
                schema: "search",
                table: "entries");

            migrationBuilder.CreateIndex(
                name: "IX_entries_CategoryPathId",
                schema: "search",
                table: "entries",
                column: "CategoryPathId");
        }
    }
}
