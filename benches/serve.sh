#!/usr/bin/env bash
# Load on `errcat serve`, beside nginx serving a static file of the same
# size, in the same run, on loopback only. Not part of CI (.ci/run): the
# numbers depend on the machine and what else runs on it.
#
#   bash benches/serve.sh            # DURATION=20s CONNECTIONS=32 THREADS=2 ROUNDS=3
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
rounds=${ROUNDS:-3}
path=/v1/codes/planfix/1000
language=kk

. benches/common.sh
start_errcat
start_nginx

echo "== warm-up (5s each)"
load "$errcat_url" 5s >/dev/null
load "$nginx_url" 5s >/dev/null
rss_warm=$(rss_kib)

# Paired rounds, alternating nginx and errcat, so that both see the same
# state of a machine others share; each round is reported with the load
# average, and the table below shows the last round.
rounds_table=""
for round in $(seq "$rounds"); do
    echo "== round $round: nginx, static file of $size bytes ($duration, $connections connections, $threads wrk threads)"
    nginx_result=$(load "$nginx_url" "$duration"); echo "$nginx_result"
    echo "== round $round: errcat serve, GET $path, Accept-Language: $language"
    errcat_result=$(load "$errcat_url" "$duration"); echo "$errcat_result"
    ratio=$(python3 -c "print(f'{$(field "$errcat_result" rps) / $(field "$nginx_result" rps):.2f}')")
    rounds_table+="| $round | $(cut -d' ' -f1-3 /proc/loadavg) | $(field "$nginx_result" rps) | $(field "$nginx_result" p99_us) µs | $(field "$errcat_result" rps) | $(field "$errcat_result" p50_us) µs | $(field "$errcat_result" p99_us) µs | $ratio |
"
done

echo "== errcat: $million requests for the memory check"
total=0 non2xx=0
while [ "$total" -lt "$million" ]; do
    line=$(load "$errcat_url" 10s)
    total=$((total + $(field "$line" requests)))
    non2xx=$((non2xx + $(field "$line" non2xx)))
done
rss_after=$(rss_kib)

growth=$(python3 -c "print(f'{($rss_after - $rss_warm) / $rss_warm * 100:+.1f}')")
cat <<EOF

| round | load average | nginx requests/s | nginx p99 | errcat requests/s | errcat p50 | errcat p99 | errcat / nginx |
|---|---|---|---|---|---|---|---|
$rounds_table
| server | requests/s | p50 | p99 | p99.9 | non-2xx |
|---|---|---|---|---|---|
| nginx (static file, $size bytes) | $(field "$nginx_result" rps) | $(field "$nginx_result" p50_us) µs | $(field "$nginx_result" p99_us) µs | $(field "$nginx_result" p999_us) µs | $(field "$nginx_result" non2xx) |
| errcat serve | $(field "$errcat_result" rps) | $(field "$errcat_result" p50_us) µs | $(field "$errcat_result" p99_us) µs | $(field "$errcat_result" p999_us) µs | $(field "$errcat_result" non2xx) |

errcat / nginx throughput, last round: $ratio (target: at least 0.8, with p99 under 1 ms)
errcat resident memory: ${rss_start} KiB at start, ${rss_warm} KiB after the warm-up, ${rss_after} KiB after $total more requests ($growth % since the warm-up; target: within ±10 %); non-2xx among them: $non2xx
load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores
EOF
