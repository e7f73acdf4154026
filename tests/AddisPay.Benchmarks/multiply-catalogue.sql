-- Grows a catalogue seeded by Products' demo seeder to :total products in PostgreSQL itself (issue 21 item 3: the
-- 1,000,000-product run). The demo seeder writes ~20-650 products/s on this 2-core machine (an EF Core save and an event
-- per product), hours for a million under load; copying its products in one statement takes minutes. Copy k of a product
-- gets id md5(id:k), slug and SKUs suffixed -ck, its drawn image under the new id and prices 0-18 % higher (so price
-- facets spread); names, brands, categories and descriptions repeat, as the generator's do (2,252 distinct names in its
-- first 45,000 products). Copies have no events: index them with POST /api/search/reindex, which pages through Products.
-- Usage: psql "<connection>" -v total=1000000 -f tests/AddisPay.Benchmarks/multiply-catalogue.sql
\set ON_ERROR_STOP on
begin;
create temp table originals on commit drop as
  select "Id", row_number() over (order by "Id") as n, count(*) over () as base from products.products;
create temp table copies on commit drop as
  select o."Id" as original, md5(o."Id"::text || ':' || k)::uuid as id, k
    from originals o cross join generate_series(1, (:total / (select max(base) from originals))::int) k
   where (k - 1) * o.base + o.n <= :total - o.base;
insert into products.products ("Id", "Name", "NameAm", "Description", "CreatedAt", "UpdatedAt", "Attributes", "Brand", "CategoryId",
                               "DescriptionAm", "Images", "PublishedAt", "Slug", "Status", "CreationKey")
select c.id, p."Name", p."NameAm", p."Description", p."CreatedAt", p."UpdatedAt", p."Attributes", p."Brand", p."CategoryId",
       p."DescriptionAm", array(select replace(i, p."Id"::text, c.id::text) from unnest(p."Images") i), p."PublishedAt",
       p."Slug" || '-c' || c.k, p."Status", null
  from copies c join products.products p on p."Id" = c.original;
insert into products.variants ("Id", "ProductId", "Sku", "Options", "PriceEtb", "OnHand", "Reserved")
select md5(v."Id"::text || ':' || c.k)::uuid, c.id, v."Sku" || '-C' || c.k, v."Options", round(v."PriceEtb" * (1 + (c.k % 7) * 0.03), 2), v."OnHand", 0
  from copies c join products.variants v on v."ProductId" = c.original;
commit;
vacuum analyze products.products;
vacuum analyze products.variants;
select count(*) as products from products.products;
