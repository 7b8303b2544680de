#!/usr/bin/env bash
# Load and faults on `errcat serve`, beside nginx serving the same bytes,
# on loopback only, each phase bounded in time. Not part of CI (.ci/run):
# the numbers depend on the machine and what else runs on it.
#
#   bash benches/load.sh          # DURATION=10s CONNECTIONS=32 THREADS=1 STUCK=1030
#
# Phases, each DURATION long, with wrk against errcat's
# GET /v1/codes/planfix/1000 (Accept-Language: kk) while a fault runs:
#
#   nginx      nginx serving errcat's answer as a static file (the yardstick)
#   baseline   errcat alone
#   slow       STUCK clients, each with 400 pipelined GET /v1/codes and a
#              4 KiB receive buffer, that never read; /healthz is asked
#              every 100 ms with a 2 s limit
#   pipelined  wrk sending 16 pipelined requests per write
#   reloads    SIGHUP every 50 ms and a file rewritten every 20 ms
#   swaps      --locales is a link flipped between two folders (ln -sfn)
#              every 200 ms, the other folder removed and copied again
#
# For each: requests/s, p99, non-2xx and socket errors, errcat's resident
# memory after it, and for the slow phase the health checks answered and
# the connections errcat closed (from /metrics). Installs wrk, nginx, curl
# with apt when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${DURATION:-10s}
connections=${CONNECTIONS:-32}
threads=${THREADS:-1}
stuck=${STUCK:-1030}
path=/v1/codes/planfix/1000
language=kk

# The stuck clients and errcat's 1024 connections need descriptors.
ulimit -n 8192 2>/dev/null || ulimit -n "$(ulimit -Hn)"
. benches/common.sh

# wrk's pipelining: 16 requests in each write.
cat > "$work/pipeline.lua" <<'LUA'
init = function(args)
  local r = {}
  for i = 1, 16 do r[i] = wrk.format(nil, nil, {["Accept-Language"] = "kk"}) end
  req = table.concat(r)
end
request = function() return req end
LUA
cat "$work/summary.lua" >> "$work/pipeline.lua"

# Clients that send and never read: every connection asks for every code
# 400 times at once, with a 4 KiB receive buffer; held until killed.
cat > "$work/stuck.py" <<'PY'
import socket, sys, time
host, port, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
request = f"GET /v1/codes HTTP/1.1\r\nHost: {host}\r\n\r\n".encode() * 400
held = []
for _ in range(count):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.settimeout(2)
    try:
        s.connect((host, port))
        s.sendall(request)
    except OSError:
        pass
    held.append(s)
time.sleep(3600)
PY

tcp_mem_kib() { # the kernel's memory for all TCP sockets (send and receive queues)
    awk '/^TCP:/ { print $NF * 4 }' /proc/net/sockstat
}
metric() { # name (with labels) -> value
    curl -sf --max-time 5 "$base/metrics" | awk -v n="$1" '$1 == n { print $2 }'
}

# Two copies of the shipped locales; errcat serves the link `current`.
for v in v1 v2; do cp -r locales "$work/$v"; done
ln -s v1 "$work/current"

start_errcat --locales "$work/current"
port=${base##*:}
start_nginx

echo "== warm-up (3s each)"
load "$errcat_url" 3s >/dev/null
load "$nginx_url" 3s >/dev/null

rows=()
row() { # phase result
    rows+=("| $1 | $(field "$2" rps) | $(field "$2" p99_us) µs | $(field "$2" non2xx) | $(field "$2" socket_errors) | $(rss_kib) KiB |")
    echo "$1: $2 rss=$(rss_kib)KiB"
}

echo "== nginx, static file of $size bytes"
nginx_result=$(load "$nginx_url" "$duration"); row "nginx (same $size bytes)" "$nginx_result"
rows[-1]="${rows[-1]% * KiB |} — |"
echo "== baseline"
errcat_result=$(load "$errcat_url" "$duration"); row baseline "$errcat_result"
rss_before=$(rss_kib)

echo "== slow readers: $stuck clients that never read"
tcp_before=$(tcp_mem_kib)
timeout 120 python3 "$work/stuck.py" 127.0.0.1 "$port" "$stuck" &
stuck_pid=$!
pids+=("$stuck_pid")
sleep 2
health_ok=0 health_failed=0
(
    end=$((SECONDS + ${duration%s}))
    while [ $SECONDS -lt $end ]; do
        if curl -sf --max-time 2 "$base/healthz" >/dev/null; then echo ok; else echo failed; fi
        sleep 0.1
    done
) > "$work/health.out" &
health_pid=$!
result=$(load "$errcat_url" "$duration"); row "slow readers ($stuck)" "$result"
wait "$health_pid" || true
health_ok=$(grep -c ok "$work/health.out" || true)
health_failed=$(grep -c failed "$work/health.out" || true)
rss_stuck=$(rss_kib)
tcp_stuck=$(tcp_mem_kib)
closed=$(curl -sf --max-time 5 "$base/metrics" | grep '^errcat_connections_closed_total' | sed 's/errcat_connections_closed_total//' | tr '\n' ' ')
kill "$stuck_pid" 2>/dev/null || true
wait "$stuck_pid" 2>/dev/null || true

echo "== pipelined (16 per write)"
result=$(load "$errcat_url" "$duration" "$work/pipeline.lua"); row "pipelined ×16" "$result"

echo "== reload storm"
(
    end=$((SECONDS + ${duration%s}))
    i=0
    while [ $SECONDS -lt $end ]; do
        i=$((i + 1))
        cp "$work/v1/kk/planfix.ftl" "$work/v1/kk/.planfix.tmp" && mv "$work/v1/kk/.planfix.tmp" "$work/v1/kk/planfix.ftl"
        [ $((i % 3)) -eq 0 ] && kill -HUP "$errcat_pid"
        sleep 0.02
    done
) &
storm_pid=$!
generation_before=$(metric errcat_catalog_generation)
result=$(load "$errcat_url" "$duration"); row "reload storm" "$result"
wait "$storm_pid" || true
generation_after=$(metric errcat_catalog_generation)

echo "== folder swaps"
(
    end=$((SECONDS + ${duration%s}))
    i=0
    while [ $SECONDS -lt $end ]; do
        i=$((i + 1))
        if [ $((i % 2)) -eq 1 ]; then next=v2 other=v1; else next=v1 other=v2; fi
        ln -sfn "$next" "$work/current"
        rm -rf "${work:?}/$other" && cp -r locales "$work/$other"
        sleep 0.2
    done
) &
swap_pid=$!
result=$(load "$errcat_url" "$duration"); row "folder swaps" "$result"
wait "$swap_pid" || true
sleep 3
generation_swaps=$(metric errcat_catalog_generation)
watch_state=$(curl -sf --max-time 5 "$base/v1/diagnostics" | python3 -c 'import json,sys; w=json.load(sys.stdin)["watch"]; print("%s, %s paths, %s errors" % (w["state"], w["watched"], w["errors"]))')
rss_after=$(rss_kib)

ratio=$(python3 -c "print(f'{$(field "$errcat_result" rps) / max(1, $(field "$nginx_result" rps)):.2f}')")
cat <<EOF

| phase | requests/s | p99 | non-2xx | socket errors | errcat RSS after |
|---|---|---|---|---|---|
$(printf '%s\n' "${rows[@]}")

errcat / nginx throughput (baseline): $ratio
health checks during the slow readers: $health_ok answered, $health_failed failed or over 2 s
connections errcat closed (by reason): $closed
kernel TCP memory (all sockets, /proc/net/sockstat): $tcp_before KiB before the slow readers, $tcp_stuck KiB at their end
catalog generation: $generation_before before the reload storm, $generation_after after it, $generation_swaps after the swaps; watch: $watch_state
errcat resident memory: $rss_start KiB at start, $rss_before KiB before the faults, $rss_stuck KiB with the stuck clients, $rss_after KiB at the end
log lines dropped: $(metric errcat_log_lines_dropped_total)
load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; wrk -t$threads -c$connections, $duration per phase
EOF
