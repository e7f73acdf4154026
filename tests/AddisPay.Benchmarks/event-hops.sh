#!/usr/bin/env bash
# usage: event-hops.sh label bindir quiet busy notify(0|1) [events=30]
# An all-modules Host with the tests' settings (as idle-host.sh; its PostgreSQL must be running: run idle-host.sh first); once settled, appends one products.product_price_changed event
# at a time with the log's append statement (with or without the notification, as the build's EventStoreSql.Append),
# a random 0.5-2.5 s apart, then reads each inbox's hop (processed_at - mt_events.timestamp) per event.
set -u
work=${ADDISPAY_BENCH_DIR:-/tmp/addispay-idle}; mkdir -p "$work"
label=$1; bindir=$2; quiet=$3; busy=$4; notify=$5; n=${6:-30}
PORT=5497
db="hops_$RANDOM"
P="psql -h 127.0.0.1 -p $PORT -U addispay -v ON_ERROR_STOP=1"
$P -d postgres -qc "create database $db"
key=$(head -c 32 /dev/urandom | base64)
hostport=$((5600 + RANDOM % 300))
cd "$bindir" || exit 1
env ASPNETCORE_ENVIRONMENT=Testing ASPNETCORE_URLS=http://127.0.0.1:$hostport DOTNET_TieredCompilation=0 \
  ConnectionStrings__AddisPay="Host=127.0.0.1;Port=$PORT;Username=addispay;Database=$db" AddisPay__Modules=all AddisPay__InternalKey=$key \
  AddisPay__Auth__SigningKeys__k=$key AddisPay__MigrateOnStartup=true AddisPay__Logging__Format=ecs \
  AddisPay__Events__Inbox__BaseDelayMs=20 AddisPay__Events__Inbox__MaxDelayMs=200 AddisPay__Events__Polling__QuietInterval=$quiet \
  AddisPay__Events__Polling__BusyInterval=$busy AddisPay__Events__Polling__LeadershipInterval=00:00:01 \
  AddisPay__Orders__SweepInterval=00:00:01 AddisPay__Products__DemoProducts=0 \
  dotnet AddisPay.Host.dll > $work/$label.log 2>&1 &
pid=$!
for i in $(seq 1 300); do curl -sf http://127.0.0.1:$hostport/health/ready >/dev/null && break; sleep 0.5; done
sleep 20
if [ "$notify" = 1 ]; then cte=", notified as (select pg_notify('mt_events_appended', ''))"; join="cross join notified"; else cte=""; join=""; fi
for i in $(seq 1 $n); do
  eid=$(cat /proc/sys/kernel/random/uuid); pidd=$(cat /proc/sys/kernel/random/uuid)
  body="{\"ProductId\":\"$pidd\",\"OldPriceEtb\":10,\"NewPriceEtb\":11,\"Sku\":\"HOP\",\"EventId\":\"$eid\",\"OccurredAt\":\"2026-12-06T00:00:00Z\"}"
  $P -d $db -q >/dev/null <<SQL
with appended as (
  select e.*, row_number() over (partition by e.stream_id order by e.n) as rank, count(*) over (partition by e.stream_id) as appended_to_stream
    from unnest(array['$eid']::uuid[], array['$pidd']::uuid[], array['products.product_price_changed']::varchar[],
                array['AddisPay.Products.Contracts.ProductPriceChanged, AddisPay.Products.Contracts']::varchar[], array['$body']::jsonb[])
         with ordinality as e(id, stream_id, type, dotnet_type, data, n)
), streams as (
  insert into events.mt_streams as s (id, version, timestamp, tenant_id)
  select stream_id, count(*), now(), '*DEFAULT*' from appended group by stream_id order by stream_id
  on conflict (id) do update set version = s.version + excluded.version, timestamp = excluded.timestamp
  returning s.id, s.version
)$cte
insert into events.mt_events (seq_id, id, stream_id, version, data, type, tenant_id, timestamp, mt_dotnet_type, is_archived)
select nextval('events.mt_events_sequence'), a.id, a.stream_id, s.version - a.appended_to_stream + a.rank, a.data, a.type,
       '*DEFAULT*', now(), a.dotnet_type, false
  from appended a join streams s on s.id = a.stream_id $join
 order by a.n;
SQL
  sleep $(awk -v r=$RANDOM 'BEGIN{printf "%.2f", 0.5 + 2*r/32767}')
done
sleep 8
inboxes=$($P -d $db -Atc "select table_schema from information_schema.tables where table_name='inbox' and table_schema in (select table_schema from information_schema.tables)")
q=""
for s in $inboxes; do q="$q union all select '$s', extract(epoch from i.processed_at - e.timestamp) from \"$s\".inbox i join events.mt_events e on e.id = i.event_id where e.type='products.product_price_changed'"; done
q=${q# union all }
$P -d $db -Atc "select s, count(*), round(percentile_cont(0.5) within group (order by h)::numeric, 3), round(percentile_cont(0.9) within group (order by h)::numeric, 3), round(max(h)::numeric,3) from ($q) x(s, h) group by s order by s" | sed "s/^/$label /"
$P -d $db -Atc "select 'dead letters', count(*) from cart.inbox_dead_letters" | sed "s/^/$label /"
echo "$label load $(cut -d' ' -f1 /proc/loadavg) $(date -u +%H:%M)"
kill $pid; wait $pid 2>/dev/null
$P -d postgres -qc "drop database $db with (force)"
