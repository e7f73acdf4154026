-- One checkout's database writes, transaction by transaction as AddisPay makes them (CheckoutBenchmark): the
-- customer's requests, the saga, and every subscriber's inbox work (each module's marks and changes in one
-- transaction, as a batched inbox does). Each event appended also bumps its stream's version, as Marten does.
-- Run with -M prepared: variables are bound parameters of prepared statements, as Npgsql's auto-prepare sends them.
\set s random(0, 49)
\set q random(1, 3)
select gen_random_uuid() as cart, gen_random_uuid() as customer, gen_random_uuid() as ord, gen_random_uuid() as pay,
       gen_random_uuid() as e1, gen_random_uuid() as e2, gen_random_uuid() as e3, gen_random_uuid() as e5, gen_random_uuid() as e6 \gset
-- Cart: create, add the item.
insert into pgb.carts values (:cart, '{"lines":[]}', 1, now());
begin;
update pgb.carts set data = jsonb_build_object('lines', jsonb_build_array(jsonb_build_object('sku', 'PGB-' || :s::text, 'qty', :q::int, 'price', 120.00))), version = version + 1, updated = now() where id = :cart;
insert into pgb.streams values (:cart, 1, now()) on conflict (id) do update set version = pgb.streams.version + 1, at = now();
insert into pgb.events (id, stream, type, data, at) values (:e6, :cart, 'cart.cart_item_added', '{"sku":"x","qty":1}', now());
commit;
-- Orders claims the Idempotency-Key.
insert into pgb.idem values (:customer, :ord::text, md5(:ord::text), :ord, null, null, now(), now() + interval '1 minute', now() + interval '1 day') on conflict do nothing;
-- Products holds the stock: reservation, stock, movement, StockChanged.
begin;
insert into pgb.reservations values (:ord, 'Active', jsonb_build_array(jsonb_build_object('sku', 'PGB-' || :s::text, 'qty', :q::int)), now(), now() + interval '45 minutes');
update pgb.variants set reserved = reserved + :q::int where sku = 'PGB-' || :s::text and on_hand - reserved >= :q::int;
insert into pgb.movements (sku, on_hand_delta, reserved_delta, reason, reservation, at) values ('PGB-' || :s::text, 0, :q::int, 'reserved', :ord, now());
insert into pgb.streams values (md5('PGB-' || :s::text)::uuid, 1, now()) on conflict (id) do update set version = pgb.streams.version + 1, at = now();
insert into pgb.events (id, stream, type, data, at) values (:e1, md5('PGB-' || :s::text)::uuid, 'products.stock_changed', '{"sku":"x","available":1}', now());
commit;
-- Orders writes the order, its stored response and OrderPlaced.
begin;
insert into pgb.orders values (:ord, 'AP' || nextval('pgb.order_numbers'), :customer, 'PendingPayment', '[{"sku":"x","qty":1,"price":120.00}]', 138.00,
  '[{"to":"PendingPayment"}]', now(), now() + interval '30 minutes');
update pgb.idem set status = 201, body = repeat('x', 900) where customer = :customer and key = :ord::text;
insert into pgb.streams values (:ord, 1, now()) on conflict (id) do update set version = pgb.streams.version + 1, at = now();
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
insert into pgb.streams values (:ord, 1, now()) on conflict (id) do update set version = pgb.streams.version + 1, at = now();
insert into pgb.events (id, stream, type, data, at) values (:e3, :ord, 'payments.payment_succeeded', '{"amount":138.00}', now());
insert into pgb.invoice_counters values (2026, 1) on conflict (year) do update set last = pgb.invoice_counters.last + 1;
insert into pgb.invoices values ('INV-' || :pay::text, :ord, '{"lines":[]}', now());
commit;
insert into pgb.receipts (gateway, reference, sha, outcome, at) values ('sandbox', :pay::text, md5(:pay::text), 'Accepted', now());
-- The saga (Orders' inbox): commit the reservation in Products (a sale leaves availability as it was: no event), mark the order paid, OrderPaid.
begin;
insert into pgb.inbox values ('orders', :e3);
update pgb.reservations set status = 'Committed' where id = :ord;
update pgb.variants set on_hand = on_hand - :q::int, reserved = reserved - :q::int where sku = 'PGB-' || :s::text;
insert into pgb.movements (sku, on_hand_delta, reserved_delta, reason, reservation, at) values ('PGB-' || :s::text, -(:q::int), -(:q::int), 'sold', :ord, now());
select status from pgb.orders where id = :ord for update;
update pgb.orders set status = 'Paid', timeline = timeline || '[{"to":"Paid"}]' where id = :ord;
insert into pgb.streams values (:ord, 1, now()) on conflict (id) do update set version = pgb.streams.version + 1, at = now();
insert into pgb.events (id, stream, type, data, at) values (:e5, :ord, 'orders.order_paid', '{"total":138.00}', now());
commit;
-- Cart's inbox: looks for carts the stock change matters to, takes the ordered lines out of the cart.
begin;
insert into pgb.inbox values ('cart', :e1), ('cart', :e2);
update pgb.carts set data = '{"lines":[]}', version = version + 1 where id = :cart;
commit;
-- Search: nothing. It follows only a variant running out or coming back (StockDepleted/StockReplenished), and the
-- benchmark's stock never runs out.
-- Notifications' inbox: the order placed and paid emails queued, the order and its purchase remembered; then the dispatcher records each send.
begin;
insert into pgb.inbox values ('notifications', :e2), ('notifications', :e5);
insert into pgb.notified_orders values (:ord, 'AP' || :ord::text, :customer) on conflict do nothing;
insert into pgb.messages values (gen_random_uuid(), :e2, :customer, 'email', 'order_placed', 'Order placed', repeat('t', 600), repeat('h', 2500), 'Queued', 0, now());
insert into pgb.messages values (gen_random_uuid(), :e5, :customer, 'email', 'order_paid', 'Order paid', repeat('t', 600), repeat('h', 2500), 'Queued', 0, now());
insert into pgb.purchases values (:ord, 'PGB-' || :s::text, :customer, now()) on conflict do nothing;
commit;
update pgb.messages set status = 'Sent', attempts = 1 where source = :e2 and channel = 'email' and user_id = :customer;
update pgb.messages set status = 'Sent', attempts = 1 where source = :e5 and channel = 'email' and user_id = :customer;
-- Recommendations' inbox: the cart addition and the purchase as interactions.
begin;
insert into pgb.inbox values ('recommendations', :e6), ('recommendations', :e5);
insert into pgb.interactions values ('u:' || :customer::text, 'PGB-' || :s::text, 'cart', 1, now(), now()) on conflict (subject, sku, kind) do update set count = pgb.interactions.count + 1, last_at = now();
insert into pgb.interactions values ('u:' || :customer::text, 'PGB-' || :s::text, 'purchase', 1, now(), now()) on conflict (subject, sku, kind) do update set count = pgb.interactions.count + 1, last_at = now();
commit;
-- Reviews' inbox: a verified purchase.
begin;
insert into pgb.inbox values ('reviews', :e5);
insert into pgb.purchases values (:e5, 'PGB-' || :s::text, :customer, now()) on conflict do nothing;
commit;
