#!/usr/bin/env bash
# Load on `errcat serve`, beside nginx serving a static file of the same
# size, in the same run, on loopback only. Not part of CI (.ci/run): the
# numbers depend on the machine and what else runs on it.
#
#   bash benches/serve.sh            # DURATION=20s CONNECTIONS=32 THREADS=2
#
# Reports, for each server, requests per second, p50/p99/p99.9 latency and
# the count of non-2xx answers (wrk --latency, with a Lua summary for
# p99.9), and errcat's resident memory at start, after a warm-up and after
# a million more requests. Installs wrk, nginx and curl with apt when
# missing.
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${DURATION:-20s}
connections=${CONNECTIONS:-32}
threads=${THREADS:-2}
million=${REQUESTS:-1000000}
path=/v1/codes/planfix/1000
language=kk

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v curl >/dev/null || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
nginx=$(command -v nginx || echo /usr/sbin/nginx)

echo "== building errcat (release, feature server)"
cargo build --quiet --release --features server --bin errcat

work=$(mktemp -d)
errcat_pid=
nginx_pid=
cleanup() {
    [ -n "$errcat_pid" ] && kill "$errcat_pid" 2>/dev/null || true
    [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wrk prints its own report; this adds one machine-readable line with p99.9
# and the non-2xx count (summary.errors.status counts non-2xx/3xx answers).
cat > "$work/summary.lua" <<'LUA'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.0f p50_us=%d p99_us=%d p999_us=%d non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9),
    e.status, e.connect + e.read + e.write + e.timeout))
end
LUA

load() { # url duration -> the RESULT line
    wrk -t"$threads" -c"$connections" -d"$2" --latency -H "Accept-Language: $language" \
        -s "$work/summary.lua" "$1" > "$work/wrk.out"
    grep '^RESULT' "$work/wrk.out"
}
field() { # line name
    sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<< " $1"
}
rss_kib() {
    awk '/^VmRSS/ { print $2 }' "/proc/$errcat_pid/status"
}

target/release/errcat serve --addr 127.0.0.1:0 2> "$work/errcat.log" &
errcat_pid=$!
for _ in $(seq 100); do grep -q "listening on http://" "$work/errcat.log" && break; sleep 0.1; done
errcat_url="$(grep -o 'http://127.0.0.1:[0-9]*' "$work/errcat.log" | head -1)$path"
rss_start=$(rss_kib)

# nginx serves the same bytes errcat answers, from a file its workers
# (another user when started as root) can read.
mkdir -p "$work/root/v1/codes/planfix"
curl -sf -H "Accept-Language: $language" "$errcat_url" > "$work/root$path"
chmod -R a+rX "$work"
size=$(wc -c < "$work/root$path")
nginx_port=$(free_port)
cat > "$work/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
daemon off;
events { worker_connections 1024; }
http {
    access_log off;
    server {
        listen 127.0.0.1:$nginx_port;
        root $work/root;
        default_type application/json;
    }
}
NGINX
"$nginx" -c "$work/nginx.conf" -p "$work" &
nginx_pid=$!
nginx_url="http://127.0.0.1:$nginx_port$path"
for _ in $(seq 100); do curl -sf "$nginx_url" >/dev/null && break; sleep 0.1; done
if ! curl -sf "$nginx_url" | cmp -s - "$work/root$path"; then
    echo "nginx does not serve the file:" >&2; cat "$work/nginx-error.log" >&2; exit 1
fi

echo "== warm-up (5s each)"
load "$errcat_url" 5s >/dev/null
load "$nginx_url" 5s >/dev/null
rss_warm=$(rss_kib)

echo "== nginx, static file of $size bytes ($duration, $connections connections, $threads wrk threads)"
nginx_result=$(load "$nginx_url" "$duration"); echo "$nginx_result"
echo "== errcat serve, GET $path, Accept-Language: $language"
errcat_result=$(load "$errcat_url" "$duration"); echo "$errcat_result"

echo "== errcat: $million requests for the memory check"
total=0 non2xx=0
while [ "$total" -lt "$million" ]; do
    line=$(load "$errcat_url" 10s)
    total=$((total + $(field "$line" requests)))
    non2xx=$((non2xx + $(field "$line" non2xx)))
done
rss_after=$(rss_kib)

ratio=$(python3 -c "print(f'{$(field "$errcat_result" rps) / $(field "$nginx_result" rps):.2f}')")
growth=$(python3 -c "print(f'{($rss_after - $rss_warm) / $rss_warm * 100:+.1f}')")
cat <<EOF

| server | requests/s | p50 | p99 | p99.9 | non-2xx |
|---|---|---|---|---|---|
| nginx (static file, $size bytes) | $(field "$nginx_result" rps) | $(field "$nginx_result" p50_us) µs | $(field "$nginx_result" p99_us) µs | $(field "$nginx_result" p999_us) µs | $(field "$nginx_result" non2xx) |
| errcat serve | $(field "$errcat_result" rps) | $(field "$errcat_result" p50_us) µs | $(field "$errcat_result" p99_us) µs | $(field "$errcat_result" p999_us) µs | $(field "$errcat_result" non2xx) |

errcat / nginx throughput: $ratio (target: at least 0.5)
errcat resident memory: ${rss_start} KiB at start, ${rss_warm} KiB after the warm-up, ${rss_after} KiB after $total more requests ($growth % since the warm-up; target: within ±10 %); non-2xx among them: $non2xx
load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores
EOF
