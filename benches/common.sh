# What benches/serve.sh and benches/load.sh share: the tools (installed
# with apt when missing), a release build of `errcat serve`, a scratch
# folder cleaned on exit, wrk with a machine-readable summary line, and
# nginx serving the bytes errcat answers, as the yardstick. Sourced, not
# run; the caller sets `path`, `language`, `threads` and `connections`.

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
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wrk prints its own report; this adds one line with p99.9 and the non-2xx
# count (summary.errors.status counts non-2xx/3xx answers).
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

load() { # url duration [script] -> the RESULT line
    wrk -t"$threads" -c"$connections" -d"$2" --latency -H "Accept-Language: $language" \
        -s "${3:-$work/summary.lua}" "$1" > "$work/wrk.out" 2>&1 || true
    grep '^RESULT' "$work/wrk.out" \
        || echo "RESULT requests=0 seconds=0 rps=0 p50_us=0 p99_us=0 p999_us=0 non2xx=0 socket_errors=0"
}
field() { # line name
    sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<< " $1"
}
rss_kib() {
    awk '/^VmRSS/ { print $2 }' "/proc/$errcat_pid/status"
}

start_errcat() { # [serve options] -> sets errcat_pid, base, errcat_url, rss_start
    target/release/errcat serve --addr 127.0.0.1:0 "$@" 2> "$work/errcat.log" &
    errcat_pid=$!
    pids+=("$errcat_pid")
    for _ in $(seq 100); do grep -qs "listening on http://" "$work/errcat.log" && break; sleep 0.1; done
    base=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/errcat.log" | head -1)
    errcat_url="$base$path"
    rss_start=$(rss_kib)
}

start_nginx() { # -> sets nginx_url and size: nginx serving errcat's answer as a file
    # From a file its workers (another user when started as root) can read.
    mkdir -p "$work/root$(dirname "$path")"
    curl -sf -H "Accept-Language: $language" "$errcat_url" > "$work/root$path"
    chmod -R a+rX "$work"
    size=$(wc -c < "$work/root$path")
    local port
    port=$(free_port)
    cat > "$work/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
daemon off;
events { worker_connections 1024; }
http {
    access_log off;
    server {
        listen 127.0.0.1:$port;
        root $work/root;
        default_type application/json;
    }
}
NGINX
    "$nginx" -c "$work/nginx.conf" -p "$work" &
    pids+=("$!")
    nginx_url="http://127.0.0.1:$port$path"
    for _ in $(seq 100); do curl -sf "$nginx_url" >/dev/null && break; sleep 0.1; done
    if ! curl -sf "$nginx_url" | cmp -s - "$work/root$path"; then
        echo "nginx does not serve the file:" >&2; cat "$work/nginx-error.log" >&2; exit 1
    fi
}
