#!/usr/bin/env bash
# tierdesk-server under wrk: GET /tickets/{ref} and POST /tickets on loopback, 10 s each with
# 2 threads and 64 connections, next to nginx serving a static file of the same size (the
# ceiling of this machine), when nginx is installed.
#
#   bash benchmarks/server_bench.sh [BUILD_DIR (default build-rel)]
#   SYNC=full|normal  SQLite synchronous mode of the server (default normal)
#   THREADS=N         server network threads (default 2)
#   WRITERS=N         server threads for requests that may write (default 32)
#   SNAPSHOT_REUSE=MS the server's --snapshot-reuse (default 10; 0: a snapshot per request)
#   DB=FILE           run on this database (made with `tierdesk init`, tickets in it or not)
#                     instead of a new one: how the figures grow with the data
#
# Prints wrk's summary (requests/s, latency percentiles) for each run, and the CPU time the
# server's threads used during it (from /proc/PID/task/*/stat, the same count as
# CLOCK_THREAD_CPUTIME_ID per thread), since other work on the machine skews wall time.
set -euo pipefail

build=${1:-build-rel}
sync=${SYNC:-normal}
threads=${THREADS:-2}
writers=${WRITERS:-32}
snapshot_reuse=${SNAPSHOT_REUSE:-10}
duration=${DURATION:-10s}
root=$(cd "$(dirname "$0")/.." && pwd)
server_bin=$build/examples/server/tierdesk-server
cli_bin=$build/examples/cli/tierdesk
for tool in wrk "$server_bin" "$cli_bin"; do
  command -v "$tool" >/dev/null || { echo "server_bench: $tool not found" >&2; exit 1; }
done

work=$(mktemp -d)
server_pid=
nginx_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [[ -n $nginx_pid ]] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

db=${DB:-$work/desk.db}
[[ -n ${DB:-} ]] || "$cli_bin" init --db "$db" >/dev/null
token=$("$cli_bin" token create --db "$db" --role agent --name bench 2>/dev/null)

"$server_bin" --db "$db" --listen 127.0.0.1:0 --threads "$threads" --writers "$writers" --synchronous "$sync" \
  --snapshot-reuse "$snapshot_reuse" --contracts "$root/examples/contracts" >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
for _ in $(seq 100); do
  grep -q "listening on" "$work/server.out" 2>/dev/null && break
  sleep 0.1
done
address=$(sed -n 's/^listening on //p' "$work/server.out")
[[ -n $address ]] || { echo "server_bench: the server did not start" >&2; cat "$work/server.err" >&2; exit 1; }
base=http://$address

body='{"customer":"nordlys","subject":"VPN down","priority":"high"}'
ref=$(curl -sf -H "Authorization: Bearer $token" -H "Content-Type: application/json" -d "$body" "$base/tickets" | sed 's/^{"ref":"\([^"]*\)".*/\1/')
curl -sf -H "Authorization: Bearer $token" "$base/tickets/$ref" >"$work/ticket.json"

cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
LUA

# Total CPU seconds of the server's threads so far.
cpu_seconds() {
  local ticks=0
  for stat in /proc/"$server_pid"/task/*/stat; do
    # utime and stime are fields 14 and 15; after the ")" that ends the command name they
    # are the 12th and 13th.
    ticks=$((ticks + $(cut -d')' -f2- "$stat" 2>/dev/null | awk '{print $12 + $13}')))
  done
  awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", t / hz}'
}

run() {
  local name=$1; shift
  local before after
  before=$(cpu_seconds)
  wrk -t2 -c64 -d"$duration" --latency "$@" | tee "$work/$name.wrk" |
    grep -E "Requests/sec|Latency  |50%|99%|requests in|Non-2xx|Socket errors"
  after=$(cpu_seconds)
  awk -v a="$before" -v b="$after" 'BEGIN {printf "   server CPU time: %.2f s (all its threads)\n", b - a}'
}

echo "tierdesk-server: $threads threads, $writers writers, synchronous=$sync, snapshot reuse $snapshot_reuse ms, $(du -m "$db" | cut -f1) MiB database"
echo "  $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== GET /tickets/{ref} ($(wc -c <"$work/ticket.json") bytes)"
run get -H "Authorization: Bearer $token" "$base/tickets/$ref"
echo "== POST /tickets"
run post -s "$work/post.lua" "$base/tickets"

if command -v nginx >/dev/null; then
  mkdir -p "$work/www" "$work/nginx"
  cp "$work/ticket.json" "$work/www/ticket.json"
  chmod a+rx "$work" "$work/www" && chmod a+r "$work/www/ticket.json"  # nginx workers drop root
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  cat >"$work/nginx/nginx.conf" <<CONF
worker_processes $threads;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
  server { listen 127.0.0.1:$port; root $work/www; }
}
CONF
  nginx -c "$work/nginx/nginx.conf" -g 'daemon off;' &
  nginx_pid=$!
  for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$port/ticket.json" >/dev/null 2>&1 && break
    sleep 0.1
  done
  echo "== nginx, static file of the same size ($threads workers)"
  curl -sf "http://127.0.0.1:$port/ticket.json" >/dev/null || { echo "nginx does not serve the file" >&2; exit 1; }
  wrk -t2 -c64 -d"$duration" --latency "http://127.0.0.1:$port/ticket.json" | tee "$work/nginx.wrk" |
    grep -E "Requests/sec|Latency  |50%|99%|requests in|Non-2xx|Socket errors"
  rate() { sed -n 's/^Requests\/sec: *//p' "$1"; }
  awk -v a="$(rate "$work/get.wrk")" -v b="$(rate "$work/nginx.wrk")" \
    'BEGIN {printf "== GET /tickets/{ref} at %.0f %% of nginx\n", 100 * a / b}'

else
  echo "== nginx not installed: no ceiling measured"
fi
