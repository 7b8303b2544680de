#!/usr/bin/env bash
# The criterion benchmarks of this checkout beside those of another
# revision, in one run: each round runs the other revision's benchmark
# binary, then this one's, so both see the same machine. Prints each
# benchmark's median over the rounds and the ratio (this / other). Not part
# of CI (.ci/run): the numbers depend on the machine and what else runs.
#
#   bash benches/against.sh REV [FILTER]     # ROUNDS=3, quick criterion runs
#
# FILTER is criterion's regular expression over benchmark ids; by default
# the typed lookups, `explain()`, a message with an argument, loading a
# folder, and raw fluent-bundle as a control that neither side changes.
# The other revision is checked out under target/against/<rev>/ and built
# there with its own target folder. ERRCAT_BENCH_QUICK=0 gives criterion's
# full-length runs.
set -euo pipefail
cd "$(dirname "$0")/.."

rev=${1:?usage: bash benches/against.sh REV [FILTER]}
filter=${2:-'errcat_typed|errcat_string_api|errcat_one_arg|from_dir_shipped|fluent_bundle_plain'}
rounds=${ROUNDS:-3}
export ERRCAT_BENCH_QUICK=${ERRCAT_BENCH_QUICK:-1}

short=$(git rev-parse --short "$rev")
other=$PWD/target/against/$short
if [ ! -d "$other/tree" ]; then
    mkdir -p "$other"
    git worktree add --detach "$other/tree" "$rev" >/dev/null
fi

# The newest benchmark binary cargo built into a target folder.
binary() {
    find "$1/release/deps" -maxdepth 1 -type f -name 'lookup-*' ! -name '*.d' -printf '%T@ %p\n' \
        | sort -rn | head -1 | cut -d' ' -f2
}
echo "== building the benchmarks of $short and of this checkout"
(cd "$other/tree" && CARGO_TARGET_DIR="$other/target" cargo bench --quiet --bench lookup --no-run)
cargo bench --quiet --bench lookup --no-run
theirs=$(binary "$other/target")
ours=$(binary target)

runs=$(mktemp)
trap 'rm -f "$runs"' EXIT
for round in $(seq "$rounds"); do
    for side in theirs ours; do
        echo "== round $round: $side" >&2
        # Criterion prints `id  time: [low median high]`, the id on a line of
        # its own when it is long.
        "${!side}" --bench "$filter" 2>/dev/null | awk -v side="$side" '
            /time:/ {
                id = ($1 == "time:") ? last : $1
                for (i = 1; i <= NF; i++) if ($i == "time:") { print side, id, $(i + 3), $(i + 4) }
            }
            { if ($1 != "time:" && NF > 0) last = $1 }' >> "$runs"
    done
done

python3 - "$runs" "$short" <<'EOF'
import statistics, sys
scale = {"ps": 1e-3, "ns": 1, "µs": 1e3, "us": 1e3, "ms": 1e6, "s": 1e9}
runs = {}
for line in open(sys.argv[1]):
    side, name, value, unit = line.split()
    runs.setdefault(name, {}).setdefault(side, []).append(float(value) * scale[unit])
def shown(ns):
    for unit, size in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= size:
            return f"{ns / size:.2f} {unit}"
    return f"{ns:.1f} ns"
def side(values):
    return f"{shown(statistics.median(values))} ({shown(min(values))}–{shown(max(values))})"
print(f"\n| benchmark | {sys.argv[2]}: median (range) | this checkout: median (range) | ratio of medians |")
print("|---|---|---|---|")
for name, sides in runs.items():
    if "theirs" in sides and "ours" in sides:
        a, b = statistics.median(sides["theirs"]), statistics.median(sides["ours"])
        print(f"| `{name}` | {side(sides['theirs'])} | {side(sides['ours'])} | {b / a:.2f}× |")
EOF
