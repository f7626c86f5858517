#!/usr/bin/env bash
# The performance benchmark (not a test; `cargo test` never runs it). One command, loopback only, bounded:
#
#   bench/run.sh
#
# Builds the release binary, starts a loopback sink (bench/sink.py), and runs interleaved cold sends of
# `sendmsg ding` (signed text), curl posting the same JSON, and apprise (`json://`, installed from PyPI into
# a throw-away virtualenv; skipped with a notice when that fails), then the split, token-cache, binary-size,
# serve-ddns load and outbox flush checks. Prints Markdown tables; compare ratios, not absolute times, across machines.
#
# Knobs: BENCH_RUNS (60 sends each), BENCH_APPRISE_RUNS (15), BENCH_TOKEN_RUNS (20), BENCH_NO_APPRISE=1,
# BENCH_DDNS_SECONDS (10), BENCH_DDNS_CONNECTIONS (50), BENCH_OUTBOX_ENTRIES (1000 flushed by one `outbox flush`).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "building the release binary..." >&2
cargo build --release --locked --quiet
bin=$PWD/target/release/sendmsg

work=$(mktemp -d)
sink=
cleanup() {
  if [[ -n $sink ]]; then kill "$sink" 2>/dev/null || true; wait "$sink" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

apprise=
if [[ -z ${BENCH_NO_APPRISE:-} ]]; then
  echo "installing apprise into a throw-away virtualenv..." >&2
  if python3 -m venv "$work/venv" >"$work/venv.log" 2>&1 &&
    "$work/venv/bin/pip" install -q --disable-pip-version-check apprise >>"$work/venv.log" 2>&1; then
    apprise=$work/venv/bin/apprise
  else
    echo "notice: apprise could not be installed (see below); comparing with curl only" >&2
    tail -3 "$work/venv.log" >&2
  fi
fi

python3 bench/sink.py >"$work/port" &
sink=$!
for _ in $(seq 100); do [[ -s $work/port ]] && break; sleep 0.05; done
port=$(cat "$work/port")
[[ -n $port ]] || { echo "the sink did not start" >&2; exit 1; }

echo "## sendmsg $("$bin" --version | cut -d' ' -f2) on $(nproc) cores, $(uname -sm)"
echo
python3 bench/bench.py "$bin" "$port" "$apprise"
echo
echo "- release binary: $(stat -c %s "$bin") bytes ($(file -b "$bin" 2>/dev/null | grep -o 'stripped\|not stripped' || echo '?'))"
echo
bench/ddns-load.sh "$bin" "${BENCH_DDNS_SECONDS:-10}" "${BENCH_DDNS_CONNECTIONS:-50}" "${BENCH_DDNS_SLOW:-1000}"
echo
bench/outbox.sh "$bin" "$port" "${BENCH_OUTBOX_ENTRIES:-1000}"
