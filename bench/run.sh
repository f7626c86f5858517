#!/usr/bin/env bash
# The performance benchmark (not a test; `cargo test` never runs it). One command, loopback only, bounded:
#
#   bench/run.sh
#
# Builds the release binary, starts two loopback sinks (examples/bench_sink.rs): plain HTTP, and HTTPS with a
# certificate of a throw-away CA that is added to a copy of the system's CA bundle, which every sender is
# given (SSL_CERT_FILE, CURL_CA_BUNDLE, REQUESTS_CA_BUNDLE). Then interleaved cold sends over both of
# `sendmsg ding` (signed text), curl posting the same JSON, and apprise (`json://`/`jsons://`, installed
# from PyPI into a throw-away virtualenv; skipped with a notice when that fails); an e-mail to a loopback
# SMTP server next to msmtp (when installed); the split and token-cache checks; instruction counts
# (callgrind, when installed); the binary size; the outbox flush (bench/outbox.sh) and
# the serve-ddns load check and the relay's alert storm (bench/storm.sh). Prints Markdown tables, every
# target of issue 21 with PASS/FAIL, and a summary
# of them; compare ratios, not absolute times, across machines. Exits 1 when a correctness check fails.
#
# Knobs: BENCH_RUNS (60 sends each), BENCH_APPRISE_RUNS (15), BENCH_TOKEN_RUNS (20), BENCH_NO_APPRISE=1,
# BENCH_DDNS_SECONDS (10), BENCH_DDNS_CONNECTIONS (50), BENCH_DDNS_SLOW (1000), BENCH_OUTBOX_ENTRIES (1000),
# BENCH_STORM_GROUPS (500), BENCH_STORM_ALERTS (10000), BENCH_STORM_CLIENTS (50), BENCH_STORM_ROBOTS (25),
# BENCH_BINARY (a binary to measure instead of building one).
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${BENCH_BINARY:-}
echo "building the release binary and the sink..." >&2
cargo build --release --locked --quiet --bins --example bench_sink
bin=${bin:-$PWD/target/release/sendmsg}
sink=$PWD/target/release/examples/bench_sink

work=$(mktemp -d)
sinks=()
cleanup() {
  for pid in "${sinks[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
# One row per target, for the summary at the end (bench.py appends its own).
export BENCH_TARGETS=$work/targets.md
: >"$BENCH_TARGETS"

# target WHAT MEASURED OK(0|1): prints a verdict and keeps it for the summary.
target() {
  local verdict=FAIL
  [[ $3 == 1 ]] && verdict=PASS
  echo "- $verdict: $1: $2"
  echo "| $1 | $2 | $verdict |" >>"$BENCH_TARGETS"
}

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

# The throw-away CA and the sinks' certificate for 127.0.0.1, and the system's bundle with that CA added:
# what every sender trusts in the HTTPS rounds. ECDSA P-256 keys, so that the sink's own share of a
# handshake (an RSA signature would take it a millisecond) stays small next to the senders'.
tls=()
if command -v openssl >/dev/null; then
  ec=(-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes)
  openssl req -x509 "${ec[@]}" -days 2 -subj "/CN=sendmsg bench CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$work/ca.key" -out "$work/ca.pem" 2>/dev/null
  openssl req "${ec[@]}" -subj "/CN=127.0.0.1" -keyout "$work/key.pem" -out "$work/req.pem" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >"$work/ext"
  openssl x509 -req -in "$work/req.pem" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial -days 2 \
    -extfile "$work/ext" -out "$work/cert.pem" 2>/dev/null
  system_bundle=
  for candidate in /etc/ssl/certs/ca-certificates.crt /etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem \
    /etc/pki/tls/certs/ca-bundle.crt /etc/ssl/ca-bundle.pem /etc/ssl/cert.pem; do
    [[ -f $candidate ]] && { system_bundle=$candidate; break; }
  done
  [[ -n $system_bundle ]] || echo "notice: no system CA bundle found: the HTTPS rounds trust the test CA alone" >&2
  cat ${system_bundle:+"$system_bundle"} "$work/ca.pem" >"$work/bundle.pem"
  # sendmsg caches a bundle's trust anchors once the file has been left alone for 2 s (src/roots/cache.rs):
  # let it settle, so that the rounds measure the steady state that each sender's warm-up send sets up.
  sleep 2
  tls=(--cert "$work/cert.pem" --key "$work/key.pem" --ca-bundle "$work/bundle.pem")
else
  echo "notice: openssl is not installed: no HTTPS rounds and no e-mail send" >&2
fi

# start_sink FILE [ARGS]: starts the sink, waits for the port it prints into FILE.
start_sink() {
  local file=$1
  shift
  "$sink" "$@" >"$file" &
  sinks+=($!)
  for _ in $(seq 100); do [[ -s $file ]] && break; sleep 0.05; done
  [[ -s $file ]] || { echo "the sink did not start" >&2; exit 1; }
}
start_sink "$work/port"
port=$(cat "$work/port")
https=()
if ((${#tls[@]})); then
  start_sink "$work/https-port" --tls "$work/cert.pem" "$work/key.pem"
  https=(--https-port "$(cat "$work/https-port")" "${tls[@]}")
fi

echo "## sendmsg $("$bin" --version | cut -d' ' -f2) on $(nproc) cores, $(uname -sm)"
echo
python3 bench/bench.py --sendmsg "$bin" --http-port "$port" ${apprise:+--apprise "$apprise"} "${https[@]}"
echo

# Instructions (callgrind): exact where wall time on a shared machine is not.
if command -v valgrind >/dev/null; then
  # instructions [VAR=VALUE...] -- ARG...: the instructions of one run of the binary, in a clean environment.
  instructions() {
    local vars=() out=$work/callgrind.out
    while [[ $1 != -- ]]; do vars+=("$1"); shift; done
    shift
    env -i HOME="$work" PATH="$PATH" XDG_STATE_HOME="$work/state" XDG_CACHE_HOME="$work/cache" "${vars[@]}" \
      valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" "$@" >/dev/null 2>&1 || true
    awk '/^summary:/ {print $2}' "$out" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'
  }
  echo "- instructions (callgrind): \`sendmsg --version\` $(instructions -- --version)"
  signed=(DING_ACCESS_TOKEN=bench-access-token DING_SECRET=SECbench-signing-secret)
  text="bench: disk 91% on db1"
  echo "- instructions (callgrind): one signed \`ding\` send over plain HTTP" \
    "$(instructions "${signed[@]}" DING_BASE_URL="http://127.0.0.1:$port" -- ding "$text")"
  if ((${#https[@]})); then
    over_https=("${signed[@]}" DING_BASE_URL="https://127.0.0.1:$(cat "$work/https-port")" SSL_CERT_FILE="$work/bundle.pem")
    echo "- instructions (callgrind): the same over HTTPS, the first send after the CA bundle changed" \
      "(reads it and caches its trust anchors) $(instructions "${over_https[@]}" -- ding "$text")"
    echo "- instructions (callgrind): the same over HTTPS, every later send (trust anchors from the cache)" \
      "$(instructions "${over_https[@]}" -- ding "$text")"
  fi
else
  echo "- notice: valgrind is not installed (\`apt-get install -y valgrind\`): no instruction counts"
fi
echo

size=$(stat -c %s "$bin")
echo "- release binary: $size bytes ($(file -b "$bin" 2>/dev/null | grep -o 'stripped\|not stripped' || echo '?'))"
target "stripped binary ≤ 4 MB (serve-ddns on hyper)" "$(awk -v s="$size" 'BEGIN {printf "%.2f MB", s / 1e6}')" \
  "$(((size <= 4000000)) && echo 1 || echo 0)"
echo

# The outbox: BENCH_OUTBOX_ENTRIES messages queued while the robot is unreachable, then one flush.
bench/outbox.sh "$bin" "$port" "${BENCH_OUTBOX_ENTRIES:-1000}"
echo

# The relay: an alert storm into `sendmsg serve`, then its paced delivery to the sink (bench/storm.sh).
bench/storm.sh "$bin" "$port" "${BENCH_STORM_GROUPS:-500}" "${BENCH_STORM_ALERTS:-10000}" \
  "${BENCH_STORM_CLIENTS:-50}" "${BENCH_STORM_ROBOTS:-25}" | tee "$work/storm.out"
grep '^- \(PASS\|FAIL\): ' "$work/storm.out" | sed 's/^- \(PASS\|FAIL\): \(.*\)$/| serve storm: \2 | | \1 |/' >>"$BENCH_TARGETS"
echo

bench/ddns-load.sh "$bin" "${BENCH_DDNS_SECONDS:-10}" "${BENCH_DDNS_CONNECTIONS:-50}" "${BENCH_DDNS_SLOW:-1000}" |
  tee "$work/ddns.out"
rps=$(grep -o 'GET /ip/{user}: [0-9.]*k* requests/s' "$work/ddns.out" | grep -o '[0-9.]*k*' | head -1 || true)
slow_p99=$(grep -o 'slow clients connected: p99 [0-9.]*ms' "$work/ddns.out" | grep -o '[0-9.]*ms' || true)
echo
if command -v wrk >/dev/null && [[ -n $rps ]]; then
  # wrk prints "40.70k" for large rates.
  per_second=$(awk -v r="$rps" 'BEGIN {n = r + 0; if (r ~ /k$/) n *= 1000; printf "%d", n}')
  target "serve-ddns GET /ip/{user} ≥ 10,000 req/s" "$per_second req/s" "$(((per_second >= 10000)) && echo 1 || echo 0)"
else
  echo "- notice: without wrk the request rate measures the Python load generator, not serve-ddns: no verdict"
fi
if [[ -n $slow_p99 ]]; then
  target "serve-ddns p99 < 100 ms with ${BENCH_DDNS_SLOW:-1000} slow clients" "$slow_p99" \
    "$(awk -v p="${slow_p99%ms}" 'BEGIN {print (p < 100) ? 1 : 0}')"
fi

echo
echo "## Targets (issue 21)"
echo
echo "| target | measured | verdict |"
echo "| --- | --- | --- |"
cat "$BENCH_TARGETS"
echo
echo "$(grep -c '| PASS |$' "$BENCH_TARGETS" || true) of $(wc -l <"$BENCH_TARGETS") targets met"
