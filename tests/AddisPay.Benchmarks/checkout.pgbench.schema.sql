-- Tables shaped like the ones a checkout writes (cart document, variant stock, reservation, stock movement,
-- idempotency key, order, payment, sandbox charge, webhook receipt, invoice counter and invoice, inboxes,
-- event log and its streams, and what the subscribers keep: notification messages,
-- purchases, recommendation interactions), for the pgbench ceiling in CheckoutBenchmark. Recreated on every run.
drop schema if exists pgb cascade;
create schema pgb;
create table pgb.carts (id uuid primary key, data jsonb not null, version int not null, updated timestamptz not null);
create table pgb.variants (sku text primary key, on_hand int not null, reserved int not null);
insert into pgb.variants select 'PGB-' || i, 1000000000, 0 from generate_series(0, 49) i;
create table pgb.reservations (id uuid primary key, status text not null, lines jsonb not null, created timestamptz not null, expires timestamptz not null);
create table pgb.movements (id bigserial primary key, sku text not null, on_hand_delta int not null, reserved_delta int not null, reason text not null, reservation uuid, at timestamptz not null);
create table pgb.events (seq bigserial primary key, id uuid not null, stream uuid not null, type text not null, data jsonb not null, at timestamptz not null);
create table pgb.idem (customer uuid, key text, hash text not null, order_id uuid not null, status int, body text, created timestamptz not null,
  locked timestamptz not null, expires timestamptz not null, primary key (customer, key));
create sequence pgb.order_numbers;
create table pgb.orders (id uuid primary key, number text unique not null, customer uuid not null, status text not null, lines jsonb not null,
  total numeric(14,2) not null, timeline jsonb not null, placed timestamptz not null, due timestamptz not null);
create index on pgb.orders (customer, placed);
create index on pgb.orders (status, placed);
create table pgb.payments (id uuid primary key, order_id uuid not null, reference text unique not null, amount numeric(14,2) not null, status text not null,
  checkout text, bill jsonb not null, created timestamptz not null);
create index on pgb.payments (order_id);
create table pgb.sandbox (reference text primary key, amount numeric(14,2) not null, outcome text);
create table pgb.receipts (id bigserial primary key, gateway text not null, reference text, sha text not null, outcome text not null, at timestamptz not null);
create table pgb.invoice_counters (year int primary key, last bigint not null);
create table pgb.invoices (number text primary key, order_id uuid unique not null, bill jsonb not null, issued timestamptz not null);
create table pgb.inbox (module text, event uuid, primary key (module, event));
create table pgb.streams (id uuid primary key, version int not null, at timestamptz not null);
create table pgb.messages (id uuid primary key, source uuid not null, user_id uuid not null, channel text not null, template text not null,
  subject text not null, body text not null, html text not null, status text not null, attempts int not null, next_attempt timestamptz not null,
  unique (source, channel, user_id));
create table pgb.notified_orders (order_id uuid primary key, number text not null, customer uuid not null);
create table pgb.purchases (order_id uuid, sku text, customer uuid not null, at timestamptz not null, primary key (order_id, sku));
create table pgb.interactions (subject text, sku text, kind text, count int not null, first_at timestamptz not null, last_at timestamptz not null,
  primary key (subject, sku, kind));
-- The minimal checkout transaction's own tables (checkout.minimal.pgbench.sql): an order, its lines, an outbox.
create table pgb.min_orders (id uuid primary key, customer uuid not null, status text not null, total numeric(14,2) not null, placed timestamptz not null);
create table pgb.min_lines (order_id uuid, line int, sku text not null, qty int not null, price numeric(14,2) not null, primary key (order_id, line));
create table pgb.min_outbox (seq bigserial primary key, id uuid not null, type text not null, payload jsonb not null, at timestamptz not null);
