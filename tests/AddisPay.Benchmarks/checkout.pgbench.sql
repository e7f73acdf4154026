-- One checkout's database writes, transaction by transaction as AddisPay makes them (CheckoutBenchmark).
-- Run with -M extended: variables are bound parameters, as Npgsql sends them.
\set s random(0, 49)
\set q random(1, 3)
select gen_random_uuid() as cart, gen_random_uuid() as customer, gen_random_uuid() as ord, gen_random_uuid() as pay,
       gen_random_uuid() as e1, gen_random_uuid() as e2, gen_random_uuid() as e3, gen_random_uuid() as e4, gen_random_uuid() as e5 \gset
-- Cart: create, add the item.
insert into pgb.carts values (:cart, '{"lines":[]}', 1, now());
update pgb.carts set data = jsonb_build_object('lines', jsonb_build_array(jsonb_build_object('sku', 'PGB-' || :s::text, 'qty', :q::int, 'price', 120.00))), version = version + 1, updated = now() where id = :cart;
-- Orders claims the Idempotency-Key.
insert into pgb.idem values (:customer, :ord::text, md5(:ord::text), :ord, null, null, now(), now() + interval '1 minute', now() + interval '1 day') on conflict do nothing;
-- Products holds the stock: reservation, stock, movement, StockChanged.
begin;
insert into pgb.reservations values (:ord, 'Active', jsonb_build_array(jsonb_build_object('sku', 'PGB-' || :s::text, 'qty', :q::int)), now(), now() + interval '45 minutes');
update pgb.variants set reserved = reserved + :q::int where sku = 'PGB-' || :s::text and on_hand - reserved >= :q::int;
insert into pgb.movements (sku, on_hand_delta, reserved_delta, reason, reservation, at) values ('PGB-' || :s::text, 0, :q::int, 'reserved', :ord, now());
insert into pgb.events (id, stream, type, data, at) values (:e1, :ord, 'products.stock_changed', '{"sku":"x","available":1}', now());
commit;
-- Orders writes the order, its stored response and OrderPlaced.
begin;
insert into pgb.orders values (:ord, 'AP' || nextval('pgb.order_numbers'), :customer, 'PendingPayment', '[{"sku":"x","qty":1,"price":120.00}]', 138.00,
  '[{"to":"PendingPayment"}]', now(), now() + interval '30 minutes');
update pgb.idem set status = 201, body = repeat('x', 900) where customer = :customer and key = :ord::text;
insert into pgb.events (id, stream, type, data, at) values (:e2, :ord, 'orders.order_placed', jsonb_build_object('payload', repeat('y', 600)), now());
commit;
-- Payments opens the attempt and the sandbox charge.
insert into pgb.payments values (:pay, :ord, :pay::text, 138.00, 'Pending', null, '{"lines":[]}', now());
insert into pgb.sandbox values (:pay::text, 138.00, null);
update pgb.payments set checkout = 'http://127.0.0.1/api/payments/sandbox/checkout/' || reference where id = :pay;
-- The customer pays; the webhook is confirmed: payment, receipt number, invoice, PaymentSucceeded, receipt log.
update pgb.sandbox set outcome = 'success' where reference = :pay::text;
begin;
select status from pgb.payments where reference = :pay::text for update;
update pgb.payments set status = 'Succeeded' where id = :pay;
insert into pgb.invoice_counters values (2026, 1) on conflict (year) do update set last = pgb.invoice_counters.last + 1;
insert into pgb.invoices values ('INV-' || :pay::text, :ord, '{"lines":[]}', now());
insert into pgb.events (id, stream, type, data, at) values (:e3, :ord, 'payments.payment_succeeded', '{"amount":138.00}', now());
commit;
insert into pgb.receipts (gateway, reference, sha, outcome, at) values ('sandbox', :pay::text, md5(:pay::text), 'Accepted', now());
-- The saga (Orders' inbox): commit the reservation in Products, mark the order paid, OrderPaid.
begin;
insert into pgb.inbox values ('orders', :e3);
update pgb.reservations set status = 'Committed' where id = :ord;
update pgb.variants set on_hand = on_hand - :q::int, reserved = reserved - :q::int where sku = 'PGB-' || :s::text;
insert into pgb.movements (sku, on_hand_delta, reserved_delta, reason, reservation, at) values ('PGB-' || :s::text, -(:q::int), -(:q::int), 'sold', :ord, now());
insert into pgb.events (id, stream, type, data, at) values (:e4, :ord, 'products.stock_changed', '{"sku":"x","available":1}', now());
select status from pgb.orders where id = :ord for update;
update pgb.orders set status = 'Paid', timeline = timeline || '[{"to":"Paid"}]' where id = :ord;
insert into pgb.events (id, stream, type, data, at) values (:e5, :ord, 'orders.order_paid', '{"total":138.00}', now());
commit;
-- Cart's inbox takes the ordered lines out of the cart.
begin;
insert into pgb.inbox values ('cart', :e2);
update pgb.carts set data = '{"lines":[]}', version = version + 1 where id = :cart;
commit;
