using AddisPay.Search.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AddisPay.Search.Data.Migrations
{
    /// <summary>
    /// The index's generation: one number, raised in the same transaction by every statement that changes what a search
    /// counts, shows or corrects (entries, documents, lexicon, category paths, brands), so a replica's kept facet counts are known stale the
    /// moment it reads a newer number (SearchProducts' FacetCache). A table row, not a sequence: a sequence moves before its
    /// transaction commits, and facets counted in between would be kept under the new number. Not part of the EF model:
    /// only SQL reads and writes it. The row is locked until the writing transaction ends, so index writes queue on it (they
    /// come from one subscription at a time); the trigger's name sorts first, so a statement on the entries takes this row
    /// before the facet keys count_facet_keys locks, and two writers meet on the row instead of crossing on keys.
    /// </summary>
    [DbContext(typeof(SearchDbContext))]
    [Migration("20261206170000_IndexGeneration")]
    public partial class IndexGeneration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                create table search.index_generation ("Id" int primary key check ("Id" = 1), "Generation" bigint not null);
                insert into search.index_generation values (1, 1);
                create function search.raise_index_generation() returns trigger language plpgsql as $$
                begin
                  update search.index_generation set "Generation" = "Generation" + 1 where "Id" = 1;
                  return null;
                end $$;
                create trigger a_raise_index_generation after insert or update or delete or truncate on search.entries
                  for each statement execute function search.raise_index_generation();
                create trigger a_raise_index_generation after insert or update or delete or truncate on search.lexicon
                  for each statement execute function search.raise_index_generation();
                create trigger a_raise_index_generation after insert or update or delete or truncate on search.category_paths
                  for each statement execute function search.raise_index_generation();
                create trigger a_raise_index_generation after insert or update or delete or truncate on search.brands
                  for each statement execute function search.raise_index_generation();
                create trigger a_raise_index_generation after insert or update or delete or truncate on search.documents
                  for each statement execute function search.raise_index_generation();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                drop trigger a_raise_index_generation on search.entries;
                drop trigger a_raise_index_generation on search.lexicon;
                drop trigger a_raise_index_generation on search.category_paths;
                drop trigger a_raise_index_generation on search.brands;
                drop trigger a_raise_index_generation on search.documents;
                drop function search.raise_index_generation();
                drop table search.index_generation;
                """);
        }
    }
}
