-- Writes search.documents for every published product straight from Products' tables, in PostgreSQL: what
-- POST /api/search/reindex writes (DocumentSql.UpsertAsync of each GetCataloguePage product) without a round trip per
-- product. A million products through the reindex endpoint ran at a few hundred per second on this loaded 2-core machine
-- (the Host at nice 19); this takes minutes. Benchmarks only: keep it in step with DocumentSql.UpsertAsync and
-- GetCataloguePageHandler. Then the entries, numbers and lexicon are rebuilt with the reindex's own statement
-- (EntrySql.Rebuild, printed from the built assembly by rebuild-entries.fsx), in the same transaction.
-- Usage: dotnet fsi tests/AddisPay.Benchmarks/rebuild-entries.fsx artifacts/host/AddisPay.Search.dll > /tmp/rebuild.sql
--        psql "<connection>" -v rebuild=/tmp/rebuild.sql -f tests/AddisPay.Benchmarks/index-catalogue.sql
\set ON_ERROR_STOP on
begin;
delete from search.documents;
with recursive paths as (
  select "Id", array["Slug"]::text[] as slugs, "Name" as leaf, "NameAm" as leaf_am from products.categories where "ParentId" is null
  union all
  select c."Id", p.slugs || c."Slug"::text, c."Name", c."NameAm" from products.categories c join paths p on c."ParentId" = p."Id")
insert into search.documents ("ProductId", "Slug", "Name", "NameAm", "Description", "DescriptionAm", "Brand", "CategorySlugs", "CategoryName",
    "CategoryNameAm", "Image", "Variants", "PriceMin", "PriceMax", "InStock", "Rating", "RatingCount", "PublishedAt", "IndexedAt")
select p."Id", p."Slug", p."Name", p."NameAm", p."Description", p."DescriptionAm", p."Brand", coalesce(c.slugs, '{}'), c.leaf, c.leaf_am,
       p."Images"[1], v.variants, v.price_min, v.price_max, v.in_stock, r."Rating", coalesce(r."RatingCount", 0),
       coalesce(p."PublishedAt", p."UpdatedAt"), now()
  from products.products p
  left join paths c on c."Id" = p."CategoryId"
  cross join lateral (
    select coalesce(jsonb_agg(jsonb_build_object('Sku', x."Sku", 'PriceEtb', x."PriceEtb", 'Available', x."OnHand" - x."Reserved") order by x."Id"), '[]') as variants,
           coalesce(min(x."PriceEtb"), 0) as price_min, coalesce(max(x."PriceEtb"), 0) as price_max,
           coalesce(bool_or(x."OnHand" - x."Reserved" > 0), false) as in_stock
      from products.variants x where x."ProductId" = p."Id") v
  left join search.ratings r on r."ProductId" = p."Id"
 where p."Status" = 'Published';
\i :rebuild
commit;
vacuum analyze search.documents;
vacuum analyze search.entries;
vacuum analyze search.lexicon;
select (select count(*) from search.documents) as documents, (select count(*) from search.entries) as entries, (select count(*) from search.lexicon) as words;
