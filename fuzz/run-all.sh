#!/usr/bin/env bash
# Runs every errcat fuzz target for a bounded time, on the stable toolchain
# (`-s none`, no sanitizer) with debug assertions, then prints the executions
# and findings of each.
#
#   fuzz/run-all.sh [SECONDS] [TARGET...]     # default: 60 s, every target
#
# Corpora live in fuzz/corpus/TARGET (seeded from the shipped .ftl files and
# the test fixtures when empty; fuzz/regressions/TARGET-* are copied in on
# every run), findings in fuzz/artifacts/TARGET, logs in
# fuzz/logs/TARGET.log. Exit status: 0 when no target found anything, 1
# otherwise. Needs `cargo install cargo-fuzz`.
set -euo pipefail
cd "$(dirname "$0")"

seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(locale code explain from_dir check)
case $seconds in '' | *[!0-9]*) echo "usage: $0 [SECONDS] [TARGET...]" >&2; exit 2 ;; esac

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "cargo-fuzz is missing: cargo install cargo-fuzz" >&2
    exit 2
fi
# from_dir writes a small locales folder per input: keep it in memory.
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
    export TMPDIR=/dev/shm
fi

# Seeds: the findings' inputs (replayed first on every run), and real
# inputs to start from, written only into an empty corpus.
seed() {
    local t=$1 dir=corpus/$1 i=0
    mkdir -p "$dir"
    for f in regressions/"$t"-*; do
        [ -e "$f" ] && cp "$f" "$dir/"
    done
    [ -z "$(ls -A "$dir" | grep -v "^$t-")" ] || return 0
    put() { printf '%b' "$1" >"$dir/seed-$i"; i=$((i + 1)); }
    case $t in
    locale)
        while IFS= read -r line; do
            case $line in '#'* | '') continue ;; esac
            put "${line%%=>*}"
        done <../tests/fixtures/chains.txt
        for s in '' '../..' '/etc/passwd' '%2e%2e' 'kk\0KZ' 'kk\u202eZK' 'und' 'en-US-posix' \
            'x-private' 'kk\xffuk\xffru' 'fr\xffuk' 'C.UTF-8@euro'; do put "$s"; done
        ;;
    code)
        for s in planfix:1000 mobizon:030 ' PLANFIX:task-not-found ' planfix:TASK_NOT_FOUND \
            jira:1 'planfix:' ':1000' 1000 planfix:-1 planfix:+1000 mobizon:99999999999 \
            '\xd1\x80lanfix:1000' 'planfix:1000\0' 'planfix\0:1000'; do put "$s"; done
        ;;
    explain)
        for s in 'planfix:1000\xffkk-KZ' 'mobizon:30\xffuk_UA.UTF-8' 'planfix:task-not-found\xffde' \
            'mobizon:0\xffC' 'jira:1\xff../..' 'planfix:1000\xff' '\xffkk' 'planfix:1\xffru_RU@euro'; do
            put "$s"
        done
        ;;
    from_dir)
        # One file (byte 0), selector = folder + 10 * file (see from_dir.rs).
        local folder catalog f c
        for f in 0 1 2 3; do
            for c in 0 1; do
                folder=(en kk ru uk)
                catalog=(planfix mobizon)
                { printf '\x00'; printf "\\x$(printf %02x $((f + 10 * c)))"; \
                  cat "../locales/${folder[$f]}/${catalog[$c]}.ftl"; } >"$dir/seed-$i"
                i=$((i + 1))
            done
        done
        # The German folder of the doc example, and a Brazilian one.
        put '\x00\x04task-not-found = Die Aufgabe gibt es nicht.\n    .title = Aufgabe nicht gefunden\n'
        put '\x00\x06task-not-found = A tarefa { $id } n\xc3\xa3o existe.\n    .title = Tarefa\n    .hint = { -x }\n'
        # Select expressions, string literals and calls, which nest.
        put '\x00\x01task-not-found = { $n ->\n    [one] "{ $n }" \xd0\xb0\n   *[other] { NUMBER($n) } { "}" }\n}\n    .title = T\n'
        ;;
    check)
        # Groups of 4 bytes, one entry each (see check.rs): a fan-out where
        # each of 41 messages refers to the next 3 times, a chain of 200,
        # a cycle, and terms with attributes and long text.
        local j
        for ((j = 0; j < 41; j++)); do printf "\\x00\\x$(printf %02x $((j + 1)))\\x$(printf %02x $((j + 1)))\\x02"; done >"$dir/seed-$i"
        i=$((i + 1))
        for ((j = 0; j < 200; j++)); do printf "\\x00\\x$(printf %02x $(((j + 1) % 256)))\\xff\\x00"; done >"$dir/seed-$i"
        i=$((i + 1))
        put '\x00\x01\x01\x00\x00\x00\x00\x07'
        put '\x11\x01\x02\xff\x20\x00\x00\x07\x2a\x01\x00\x03'
        ;;
    esac
}

mkdir -p logs
cargo fuzz build -s none -a

failed=()
for t in "${targets[@]}"; do
    seed "$t"
    echo "== $t: ${seconds}s"
    if ! cargo fuzz run -s none -a "$t" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -dict="dict/$t.dict" -print_final_stats=1 >"logs/$t.log" 2>&1; then
        failed+=("$t")
    fi
done

printf '\n%-10s %14s %10s %10s %9s  %s\n' target executions exec/s corpus rss_mb result
for t in "${targets[@]}"; do
    log=logs/$t.log
    stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -1; }
    result=ok
    if [[ " ${failed[*]} " == *" $t "* ]]; then
        result="FINDING: $(grep -m1 -E '^(==[0-9]+== ERROR|thread .* panicked|.*deadly signal|.*Test unit written)' "$log" || echo "see $log")"
    fi
    printf '%-10s %14s %10s %10s %9s  %s\n' "$t" "$(stat number_of_executed_units)" \
        "$(stat average_exec_per_sec)" "$(ls corpus/"$t" | wc -l)" "$(stat peak_rss_mb)" "$result"
done
[ ${#failed[@]} -eq 0 ]
