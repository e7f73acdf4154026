-- The minimal checkout transaction (issue 21 item 4), the second ceiling in CheckoutBenchmark: what any shop must write
-- to take an order, and nothing else: three stock reservations, the order, its three lines and one outbox row, in one
-- transaction. Run with -M prepared over checkout.pgbench.schema.sql's tables. The three SKUs come from disjoint ranges
-- in ascending order, so concurrent clients lock variant rows in one order and never deadlock.
\set s1 random(0, 15)
\set s2 random(16, 31)
\set s3 random(32, 49)
\set q random(1, 3)
select gen_random_uuid() as id, gen_random_uuid() as customer \gset
begin;
update pgb.variants set reserved = reserved + :q::int where sku = 'PGB-' || :s1::text and on_hand - reserved >= :q::int;
update pgb.variants set reserved = reserved + :q::int where sku = 'PGB-' || :s2::text and on_hand - reserved >= :q::int;
update pgb.variants set reserved = reserved + :q::int where sku = 'PGB-' || :s3::text and on_hand - reserved >= :q::int;
insert into pgb.min_orders (id, customer, status, total, placed) values (:id, :customer, 'PendingPayment', 360.00, now());
insert into pgb.min_lines (order_id, line, sku, qty, price) values (:id, 1, 'PGB-' || :s1::text, :q::int, 120.00);
insert into pgb.min_lines (order_id, line, sku, qty, price) values (:id, 2, 'PGB-' || :s2::text, :q::int, 120.00);
insert into pgb.min_lines (order_id, line, sku, qty, price) values (:id, 3, 'PGB-' || :s3::text, :q::int, 120.00);
insert into pgb.min_outbox (id, type, payload, at) values (gen_random_uuid(), 'orders.order_placed', jsonb_build_object('order', :id::text), now());
commit;
