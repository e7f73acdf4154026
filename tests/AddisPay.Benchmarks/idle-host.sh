#!/usr/bin/env bash
# usage: idle-host.sh label bindir quiet busy [extra env assignments...]
# An idle all-modules Host with the tests' settings on a fresh database: Host and database-backend CPU ticks and
# transactions over 30 s, sampled 20 s after ready (docs/benchmarks.md, twentieth session). Last session's /tmp/idle/run.sh
# with the build directory and the event polling intervals as arguments and a PostgreSQL of its own (port 5497, kept
# running in $ADDISPAY_BENCH_DIR/pg). Run as root (initdb runs as postgres). bindir: a Host build output directory.
set -u
work=${ADDISPAY_BENCH_DIR:-/tmp/addispay-idle}; mkdir -p "$work"
label=$1; bindir=$2; quiet=$3; busy=$4; shift 4
PGDATA=$work/pg; PORT=5497
if [ ! -f $PGDATA/PG_VERSION ]; then
  mkdir -p $PGDATA && chown postgres $PGDATA $work
  runuser -u postgres -- /usr/local/bin/initdb -D $PGDATA -U addispay --auth=trust >/dev/null
fi
runuser -u postgres -- /usr/local/bin/pg_ctl status -D $PGDATA >/dev/null || \
  runuser -u postgres -- /usr/local/bin/pg_ctl start -D $PGDATA -l $work/pg.log -o "-p $PORT -c fsync=off -c max_connections=300" -w >/dev/null
db="idle_$RANDOM"
psql -h 127.0.0.1 -p $PORT -U addispay -d postgres -qc "create database $db"
key=$(head -c 32 /dev/urandom | base64)
hostport=$((5600 + RANDOM % 300))
cd "$bindir" || exit 1
env ASPNETCORE_ENVIRONMENT=Testing ASPNETCORE_URLS=http://127.0.0.1:$hostport DOTNET_TieredCompilation=0 \
  ConnectionStrings__AddisPay="Host=127.0.0.1;Port=$PORT;Username=addispay;Database=$db" AddisPay__Modules=all AddisPay__InternalKey=$key \
  AddisPay__Auth__SigningKeys__k=$key AddisPay__MigrateOnStartup=true AddisPay__Logging__Format=ecs \
  AddisPay__Events__Inbox__BaseDelayMs=20 AddisPay__Events__Inbox__MaxDelayMs=200 AddisPay__Events__Polling__QuietInterval=$quiet \
  AddisPay__Events__Polling__BusyInterval=$busy AddisPay__Events__Polling__LeadershipInterval=00:00:01 \
  AddisPay__Orders__SweepInterval=00:00:01 AddisPay__Products__DemoProducts=0 "$@" \
  dotnet AddisPay.Host.dll > $work/$label.log 2>&1 &
pid=$!
for i in $(seq 1 300); do curl -sf http://127.0.0.1:$hostport/health/ready >/dev/null && break; sleep 0.5; done
sleep 20
cpu() { awk '{print $14+$15}' /proc/$1/stat; }
pgcpu() { local s=0; for p in $(pgrep -f "postgres: addispay $db"); do s=$((s + $(awk '{print $14+$15}' /proc/$p/stat))); done; echo $s; }
stmts() { psql -h 127.0.0.1 -p $PORT -U addispay -d postgres -Atc "select xact_commit+xact_rollback from pg_stat_database where datname='$db'"; }
h0=$(cpu $pid); p0=$(pgcpu); s0=$(stmts)
sleep 30
h1=$(cpu $pid); p1=$(pgcpu); s1=$(stmts)
echo "$label host $(( (h1-h0) )) ticks/30s  pg $(( (p1-p0) )) ticks/30s  xacts/s $(( (s1-s0)/30 ))  load $(cut -d' ' -f1 /proc/loadavg)  $(date -u +%H:%M)"
psql -h 127.0.0.1 -p $PORT -U addispay -d postgres -Atc "select application_name, count(*) from pg_stat_activity where datname='$db' group by 1" | tr '\n' ' '; echo
kill $pid; wait $pid 2>/dev/null
psql -h 127.0.0.1 -p $PORT -U addispay -d postgres -qc "drop database $db with (force)"
