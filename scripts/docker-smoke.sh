#!/usr/bin/env bash
# Builds the real Dockerfile and runs the image: migrate, then serve, check readiness and one API call,
# with a read-only root filesystem as in the chart. Containers use the host network and bind to 127.0.0.1.
#
# Where it runs, and on what:
# - Docker: the daemon DOCKER_HOST (or the default socket) points at when one answers (a GitHub-hosted runner's);
#   otherwise a private dockerd this script starts as root (--bridge=none, no iptables), installing docker.io with
#   apt-get when missing. That is how a GitLab job runs it: the test job's container, on a runner with
#   `privileged = true` (what Docker-in-Docker needs too).
# - Base images: ADDISPAY_SMOKE_BASE_IMAGES=dockerfile builds on the Dockerfile's own (pulled), as CI does;
#   the default, standin, makes local stand-ins for the SDK and ASP.NET runtime images from debootstrap (the
#   Debian mirror this machine's apt uses) plus this machine's .NET, for machines that can't pull base images.
# - PostgreSQL: ADDISPAY_SMOKE_POSTGRES (a connection string the container can use, e.g. CI's service);
#   otherwise a throw-away cluster on loopback, started as the postgres user (root only).
# Prints "SKIP docker image test: ..." and exits 0 when this machine can't run it at all, unless
# ADDISPAY_REQUIRE_IMAGE_TEST=1 (both CIs set it), where the same reason fails the run.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
STATE="${ADDISPAY_DOCKER_STATE:-/var/lib/addispay-docker}"
BASE_IMAGES="${ADDISPAY_SMOKE_BASE_IMAGES:-standin}"
export DOCKER_BUILDKIT=0

skip() {
  if [ "${ADDISPAY_REQUIRE_IMAGE_TEST:-}" = "1" ]; then echo "FAIL: docker image test required but not possible: $*"; exit 1; fi
  echo "SKIP docker image test: $*"; exit 0
}
log() { echo "[docker-smoke] $*" >&2; }
case "$BASE_IMAGES" in standin|dockerfile) ;; *) echo "ADDISPAY_SMOKE_BASE_IMAGES must be standin or dockerfile, not '$BASE_IMAGES'" >&2; exit 2 ;; esac

started_dockerd=""
if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  log "using the running Docker daemon${DOCKER_HOST:+ at $DOCKER_HOST}"
else
  [ "$(id -u)" -eq 0 ] || skip "no Docker daemon answers, and starting one needs root"
  needed=()
  command -v dockerd >/dev/null 2>&1 || needed+=(docker.io)
  if [ "$BASE_IMAGES" = standin ] && ! command -v debootstrap >/dev/null 2>&1; then needed+=(debootstrap); fi
  if [ ${#needed[@]} -gt 0 ]; then
    command -v apt-get >/dev/null 2>&1 || skip "no dockerd and no apt-get to install ${needed[*]}"
    log "installing ${needed[*]}"
    "$ROOT/scripts/apt-install.sh" "${needed[@]}" >/dev/null 2>&1 || skip "could not install ${needed[*]}"
  fi
  SOCK="$STATE/docker.sock"
  export DOCKER_HOST="unix://$SOCK"
  mkdir -p "$STATE/data" "$STATE/exec"
  if ! docker info >/dev/null 2>&1; then
    log "starting a private dockerd (no bridge, no iptables)"
    dockerd --data-root "$STATE/data" --exec-root "$STATE/exec" -H "$DOCKER_HOST" --pidfile "$STATE/docker.pid" \
      --iptables=false --ip6tables=false --bridge=none >"$STATE/dockerd.log" 2>&1 &
    started_dockerd=$!
    for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
    docker info >/dev/null 2>&1 || skip "dockerd does not start here (a container needs privileged = true): $(tail -n 3 "$STATE/dockerd.log" | tr '\n' ' ')"
  fi
fi
if [ -z "${ADDISPAY_SMOKE_POSTGRES:-}" ] && [ "$(id -u)" -ne 0 ]; then
  skip "the throw-away PostgreSQL runs as the postgres user (root only): set ADDISPAY_SMOKE_POSTGRES"
fi

work="$(mktemp -d)"
pg_data=""
cleanup() {
  docker rm -f addispay-smoke >/dev/null 2>&1 || true
  if [ -n "$pg_data" ]; then runuser -u postgres -- "$PG_BIN/pg_ctl" stop -D "$pg_data" -m immediate >/dev/null 2>&1 || true; rm -rf "$pg_data"; fi
  if [ -n "$started_dockerd" ]; then kill "$started_dockerd" 2>/dev/null || true; wait "$started_dockerd" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

build_args=()
if [ "$BASE_IMAGES" = standin ]; then
  # Stand-in base images, kept in the private data root between runs.
  dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
  # The stand-ins carry this machine's CA bundle (NuGet may sit behind a TLS-inspecting proxy); rebuild when it changes.
  ca_sum="$(sha256sum /etc/ssl/certs/ca-certificates.crt | cut -c1-16)"
  if [ "$(docker image inspect --format '{{index .Config.Labels "addispay.ca"}}' addispay-standin/sdk:10 2>/dev/null)" != "$ca_sum" ] \
     || ! docker image inspect addispay-standin/runtime:10 >/dev/null 2>&1; then
    if [ ! -f "$STATE/rootfs/etc/debian_version" ]; then
      # The mirror this machine's apt already uses: the script names none of its own.
      mirror="$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1)"
      [ -n "$mirror" ] || mirror="$(awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; exit } }' /etc/apt/sources.list 2>/dev/null)"
      [ -n "$mirror" ] || skip "no Debian mirror configured for apt here to debootstrap the stand-in base images from (or set ADDISPAY_SMOKE_BASE_IMAGES=dockerfile)"
      log "debootstrap bookworm (minbase) from apt's mirror"
      rm -rf "$STATE/rootfs"
      debootstrap --variant=minbase --include=ca-certificates,libicu72 bookworm "$STATE/rootfs" "$mirror" >"$STATE/debootstrap.log" 2>&1
    fi
    ln -sf /usr/share/dotnet/dotnet "$STATE/rootfs/usr/bin/dotnet"
    cp /etc/ssl/certs/ca-certificates.crt "$STATE/rootfs/etc/ssl/certs/ca-certificates.crt"
    log "importing stand-in images (runtime: shared frameworks only; sdk: the full .NET install)"
    tar -C "$STATE/rootfs" -c . -C / --exclude=usr/share/dotnet/sdk --exclude=usr/share/dotnet/packs --exclude=usr/share/dotnet/templates "${dotnet_root#/}" \
      | docker import --change 'ENV DOTNET_ROOT=/usr/share/dotnet' - addispay-standin/runtime:10 >/dev/null
    tar -C "$STATE/rootfs" -c . -C / "${dotnet_root#/}" \
      | docker import --change 'ENV DOTNET_ROOT=/usr/share/dotnet' --change 'ENV DOTNET_CLI_TELEMETRY_OPTOUT=1' --change "LABEL addispay.ca=$ca_sum" \
          --change 'ENV NUGET_CERT_REVOCATION_MODE=offline' --change 'ENV DOTNET_NOLOGO=1' - addispay-standin/sdk:10 >/dev/null
  fi
  build_args=(--build-arg SDK_IMAGE=addispay-standin/sdk:10 --build-arg RUNTIME_IMAGE=addispay-standin/runtime:10)
fi

# The lowest priority for the build's containers too. Their nice value is not enough: dockerd puts each build step in a
# cgroup of its own, and the kernel weighs a cgroup like one ordinary process, so a niced build still took a full share of
# a core from the tests beside it (docs/benchmarks.md, "The suite's lanes"). Under a parent of the least weight (cgroup v1:
# cpu.shares 2; v2: cpu.weight 1) the build gets only what the tests leave. Root only; otherwise the build runs as before.
cgroup_parent=()
if [ "$(id -u)" -eq 0 ]; then
  if [ -f /sys/fs/cgroup/cpu/cpu.shares ] && mkdir -p /sys/fs/cgroup/cpu/addispay-smoke 2>/dev/null \
      && echo 2 >/sys/fs/cgroup/cpu/addispay-smoke/cpu.shares 2>/dev/null; then
    cgroup_parent=(--cgroup-parent /addispay-smoke)
  elif [ -f /sys/fs/cgroup/cgroup.controllers ] && mkdir -p /sys/fs/cgroup/addispay-smoke 2>/dev/null \
      && echo 1 >/sys/fs/cgroup/addispay-smoke/cpu.weight 2>/dev/null; then
    cgroup_parent=(--cgroup-parent /addispay-smoke)
  fi
fi

log "building the image from the real Dockerfile${cgroup_parent:+ (its containers under the cgroup /addispay-smoke, least CPU weight)}"
build_start=$(date +%s)
# Without ReadyToRun unless asked (ADDISPAY_SMOKE_READY_TO_RUN=true): at the lowest priority beside the tests, compiling
# the Host ahead of time a second time (scripts/test.sh has published it so, and the tests run it) made the image test
# outlast them. The image's own default stays ReadyToRun.
build_args+=(--build-arg "READY_TO_RUN=${ADDISPAY_SMOKE_READY_TO_RUN:-false}")
docker build --network=host -q -t addispay:smoke "${cgroup_parent[@]}" "${build_args[@]}" "$ROOT" >/dev/null
log "image built in $(( $(date +%s) - build_start )) s"
user="$(docker image inspect --format '{{.Config.User}}' addispay:smoke)"
[ "$user" = "1654" ] || { echo "FAIL: the image runs as '$user', not the non-root user 1654"; exit 1; }

# Ports come from below the kernel's ephemeral range (a port there can be held by any outgoing connection,
# which is one way a listener fails to bind) and are checked for a listener first.
ephemeral_low="$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)"
free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$(( 20000 + RANDOM % (ephemeral_low - 20000) ))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  echo "no free port found below $ephemeral_low" >&2; return 1
}
if [ -n "${ADDISPAY_SMOKE_POSTGRES:-}" ]; then
  connection="$ADDISPAY_SMOKE_POSTGRES"
else
  # A throw-away PostgreSQL on loopback for the container.
  PG_BIN="$(dirname "$(readlink -f "$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | tail -n 1)")")"
  pg_data="$(mktemp -d /tmp/addispay-smoke-pg.XXXXXX)"
  chown postgres "$pg_data"
  # The postgres user runs from / : the checkout may sit in a directory it can't enter (initdb warns about it).
  cd /
  runuser -u postgres -- "$PG_BIN/initdb" -D "$pg_data" -U addispay -A trust >/dev/null

  # A start that still fails (another process took the port in between) is tried again on another port;
  # the server's own log is shown when every try failed, since the data directory is removed on exit.
  pg_port=""
  for attempt in 1 2 3; do
    candidate="$(free_port)"
    if runuser -u postgres -- "$PG_BIN/pg_ctl" start -D "$pg_data" -w -l "$pg_data/log" \
         -o "-p $candidate -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off" >/dev/null 2>&1; then
      pg_port="$candidate"; break
    fi
    log "PostgreSQL did not start on port $candidate (try $attempt): $(tail -n 2 "$pg_data/log" 2>/dev/null | tr '\n' ' ')"
  done
  [ -n "$pg_port" ] || { cat "$pg_data/log" 2>/dev/null; echo "FAIL: PostgreSQL for the container did not start"; exit 1; }

  connection="Host=127.0.0.1;Port=$pg_port;Username=addispay;Database=postgres;GSS Encryption Mode=Disable"
fi

app_port="$(free_port)"
env_args=(-e "ConnectionStrings__AddisPay=$connection"
          -e "AddisPay__InternalKey=$(head -c 32 /dev/urandom | base64 -w0)"
          -e "AddisPay__Auth__SigningKeys__smoke=$(head -c 48 /dev/urandom | base64 -w0)"
          -e "ASPNETCORE_URLS=http://127.0.0.1:$app_port")
run_args=(--network=host --read-only --tmpfs "/tmp:rw,size=64m" --cap-drop=ALL --security-opt=no-new-privileges)

log "migrate"
docker run --rm "${run_args[@]}" "${env_args[@]}" addispay:smoke migrate >"$work/migrate.log" 2>&1 || { cat "$work/migrate.log"; echo "FAIL: migrate"; exit 1; }
log "serve"
docker run -d --name addispay-smoke "${run_args[@]}" "${env_args[@]}" addispay:smoke >/dev/null
ready=""
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$app_port/health/ready" >"$work/ready.json" 2>/dev/null; then ready=1; break; fi
  sleep 0.5
done
[ -n "$ready" ] || { docker logs addispay-smoke | tail -n 30; echo "FAIL: the container never became ready"; exit 1; }
products="$(curl -fsS "http://127.0.0.1:$app_port/api/products?pageSize=1")"
[[ "$products" == *'"items"'* ]] || { echo "FAIL: /api/products answered $products"; exit 1; }
# The shop's page links its stylesheet and Blazor's script by fingerprinted names, which a published app serves for a year
# as immutable (a build run from bin/ says no-cache, which the integration tests see): browsers fetch them once per release.
curl -fsS "http://127.0.0.1:$app_port/" >"$work/home.html" || { echo "FAIL: the shop's home page did not answer"; exit 1; }
for asset in 'storefront\.[a-z0-9]+\.css' 'blazor\.web\.[a-z0-9]+\.js'; do
  path="$(grep -oE "(href|src)=\"[^\"]*/$asset\"" "$work/home.html" | head -n 1 | cut -d'"' -f2)"
  [ -n "$path" ] || { echo "FAIL: the home page links no fingerprinted asset matching $asset"; exit 1; }
  cache="$(curl -fsS -o /dev/null -D - "http://127.0.0.1:$app_port/${path#/}" | tr -d '\r' | sed -n 's/^[Cc]ache-[Cc]ontrol: *//p')"
  [ "$cache" = "max-age=31536000, immutable" ] || { echo "FAIL: $path is served with Cache-Control '$cache', not 'max-age=31536000, immutable'"; exit 1; }
done
# The logs go to files first: under pipefail, `docker logs | grep -q` fails whenever grep stops reading
# before docker has written everything (SIGPIPE), which is what a long log makes likely.
docker logs addispay-smoke >"$work/stdout.log" 2>"$work/stderr.log"
grep -q '"ecs.version"' "$work/stdout.log" || { head -n 5 "$work/stdout.log" "$work/stderr.log"; echo "FAIL: logs are not ECS JSON on stdout"; exit 1; }
# Nothing but JSON on stdout, so Filebeat parses every line.
if grep -qv '^{' "$work/stdout.log"; then grep -v '^{' "$work/stdout.log" | head -n 3; echo "FAIL: non-JSON lines on stdout"; exit 1; fi
echo "docker image test: passed (built, ran non-root on a read-only root filesystem, fingerprinted assets immutable, ready: $(head -c 80 "$work/ready.json")...)"
