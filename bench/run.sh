#!/usr/bin/env bash
# The performance benchmark (not a test; `cargo test` never runs it). One command, loopback only, bounded:
#
#   bench/run.sh
#
# Builds the release binary and the floor (bench/floor.c, a static C program making the same plain-HTTP
# POST, built with the system's `cc -O2 -static`), starts two loopback sinks (examples/bench_sink.rs): plain
# HTTP, and HTTPS with a certificate of a throw-away CA that is added to a copy of the system's CA bundle,
# which every sender is given (SSL_CERT_FILE, CURL_CA_BUNDLE, REQUESTS_CA_BUNDLE). With BENCH_SINK=nginx the
# timed rounds go to nginx instead (HTTP and HTTPS on 127.0.0.1, its configuration, pid and logs in the
# work directory), whose own work per request is negligible. Then interleaved cold sends over both of
# `sendmsg ding` (signed text), the floor (plain HTTP), curl posting the same JSON, and apprise
# (`json://`/`jsons://`, installed from PyPI into a throw-away virtualenv; skipped with a notice when that
# fails), each with its wall time and its CPU (user + sys) and page faults per send; an e-mail to a loopback
# SMTP server next to msmtp (when installed); the split and token-cache checks; instruction counts
# (callgrind, when installed); the binary size; the outbox flush (bench/outbox.sh), cold sends with
# SENDMSG_STATE on a loopback Redis against local state (bench/shared-state.sh) and the serve-ddns load
# check. Prints Markdown tables, every target of issues 21 and 28 with PASS/FAIL, and a summary of them;
# compare ratios, not absolute times, across machines. Exits 1 when a correctness check fails.
#
# Knobs: BENCH_RUNS (60 sends each), BENCH_APPRISE_RUNS (15), BENCH_TOKEN_RUNS (20), BENCH_NO_APPRISE=1,
# BENCH_SINK (bench_sink or nginx), BENCH_DDNS_SECONDS (10), BENCH_DDNS_CONNECTIONS (50),
# BENCH_DDNS_SLOW (1000), BENCH_OUTBOX_ENTRIES (1000), BENCH_BINARY (a binary to measure instead of building
# one). BENCH_ORDER=1 runs only the callgrind sends and writes the functions they ran, grouped by the send
# that first ran them, to bench/startup-functions.txt, which build.rs hands to the linker (bench/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${BENCH_BINARY:-}
order=${BENCH_ORDER:-}
[[ -z $order || -z $bin ]] || { echo "BENCH_ORDER profiles the binary it builds: unset BENCH_BINARY" >&2; exit 1; }
work=$(mktemp -d)
echo "building the release binary and the sink..." >&2
# BENCH_ORDER: the linker's map says which function each executed address belongs to (build.rs). The binary
# is built alone, as `cargo build --release` and `cargo install` build it: with the example, dev-dependencies
# change features, and with them the hashes in the names that bench/startup-functions.txt lists.
SENDMSG_LINK_MAP=${order:+$work/map.txt} cargo build --release --locked --quiet --bins
cargo build --release --locked --quiet --example bench_sink
bin=${bin:-$PWD/target/release/sendmsg}
sink=$PWD/target/release/examples/bench_sink

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

# The floor: what any sender must spend on a cold process and one plain-HTTP POST.
floor=()
if cc -O2 -static -o "$work/floor" bench/floor.c 2>"$work/floor.log"; then
  floor=(--floor "$work/floor")
else
  echo "notice: the floor could not be built (cc -O2 -static, libc6-dev): no sendmsg / floor" >&2
  cat "$work/floor.log" >&2
fi

# free_port: a port on 127.0.0.1 that nothing listens on now.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_nginx: nginx on 127.0.0.1 only, answering every POST like the robot does, over HTTP and (with a
# certificate) HTTPS; sets nginx_http and nginx_https. Everything it writes stays in $work/nginx.
start_nginx() {
  local dir=$work/nginx ssl=
  mkdir -p "$dir"
  nginx_http=$(free_port)
  nginx_https=
  if ((${#tls[@]})); then
    nginx_https=$(free_port)
    ssl="server { listen 127.0.0.1:$nginx_https ssl; ssl_certificate $work/cert.pem;
    ssl_certificate_key $work/key.pem; ssl_protocols TLSv1.2 TLSv1.3; include $dir/robot.conf; }"
  fi
  cat >"$dir/robot.conf" <<'EOF'
location / {
  if ($request_method != POST) { return 405; }
  return 200 '{"errcode":0,"errmsg":"ok"}';
}
EOF
  cat >"$dir/nginx.conf" <<EOF
daemon off;
master_process off;
worker_processes 1;
pid $dir/nginx.pid;
lock_file $dir/nginx.lock;
error_log $dir/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $dir/body;
  proxy_temp_path $dir/proxy;
  fastcgi_temp_path $dir/fastcgi;
  uwsgi_temp_path $dir/uwsgi;
  scgi_temp_path $dir/scgi;
  default_type application/json;
  server { listen 127.0.0.1:$nginx_http; include $dir/robot.conf; }
  $ssl
}
EOF
  "$nginx" -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" &
  sinks+=($!)
  for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$nginx_http") 2>/dev/null && return
    sleep 0.05
  done
  echo "nginx did not start:" >&2
  cat "$dir/error.log" >&2
  exit 1
}
rounds=()
case ${BENCH_SINK:-bench_sink} in
  bench_sink) ;;
  nginx)
    nginx=$(command -v nginx || echo /usr/sbin/nginx)
    [[ -x $nginx ]] || { echo "BENCH_SINK=nginx: nginx is not installed (apt-get install -y nginx-light)" >&2; exit 1; }
    start_nginx
    rounds=(--rounds-sink nginx --rounds-http-port "$nginx_http" ${nginx_https:+--rounds-https-port "$nginx_https"})
    ;;
  *) echo "BENCH_SINK is bench_sink or nginx, not ${BENCH_SINK}" >&2; exit 1 ;;
esac

echo "## sendmsg $("$bin" --version | cut -d' ' -f2) on $(nproc) cores, $(uname -sm)"
echo
if [[ -z $order ]]; then
  python3 bench/bench.py --sendmsg "$bin" --http-port "$port" ${apprise:+--apprise "$apprise"} "${floor[@]}" \
    "${https[@]}" "${rounds[@]}"
  echo
fi

# Instructions (callgrind): exact where wall time on a shared machine is not.
if command -v valgrind >/dev/null; then
  # instructions [VAR=VALUE...] -- ARG...: the instructions of one run of the binary, in a clean environment.
  instructions() {
    local vars=() out
    out=$(mktemp "$work/callgrind.$(date +%s%N).XXXX") # named in the order they ran, for BENCH_ORDER
    while [[ $1 != -- ]]; do vars+=("$1"); shift; done
    shift
    env -i HOME="$work" PATH="$PATH" XDG_STATE_HOME="$work/state" XDG_CACHE_HOME="$work/cache" "${vars[@]}" \
      valgrind --tool=callgrind ${order:+--dump-instr=yes --compress-strings=no --compress-pos=no} \
      --callgrind-out-file="$out" "$bin" "$@" >/dev/null 2>&1 || true
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
if [[ -n $order ]]; then
  command -v valgrind >/dev/null || { echo "BENCH_ORDER needs valgrind" >&2; exit 1; }
  python3 bench/order.py "$work/map.txt" "$bin" "$work"/callgrind.* >bench/startup-functions.txt
  echo "- wrote bench/startup-functions.txt: rebuild (\`cargo build --release\`) to link in that order"
  exit 0
fi

size=$(stat -c %s "$bin")
echo "- release binary: $size bytes ($(file -b "$bin" 2>/dev/null | grep -o 'stripped\|not stripped' || echo '?'))"
target "stripped binary ≤ 4.5 MB with everything of this round (issue 28)" \
  "$(awk -v s="$size" 'BEGIN {printf "%.2f MB", s / 1e6}')" "$(((size <= 4500000)) && echo 1 || echo 0)"
echo

# The outbox: BENCH_OUTBOX_ENTRIES messages queued while the robot is unreachable, then one flush.
bench/outbox.sh "$bin" "$sink" "${BENCH_OUTBOX_ENTRIES:-1000}"
echo

# SENDMSG_STATE: cold sends with the state in a loopback Redis against local files (bench/shared-state.sh).
bench/shared-state.sh "$bin" "$port" | tee "$work/shared-state.out"
grep '^- \(PASS\|FAIL\): ' "$work/shared-state.out" |
  sed 's/^- \(PASS\|FAIL\): \(.*\)$/| \2 | | \1 |/' >>"$BENCH_TARGETS"
echo

# The relay: an alert storm into `sendmsg serve`, then its paced delivery to the sink (bench/storm.sh; knobs
# BENCH_STORM_GROUPS 500, BENCH_STORM_ALERTS 10000, BENCH_STORM_CLIENTS 50, BENCH_STORM_ROBOTS 25).
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
echo "## Targets (issues 21 and 28)"
echo
echo "| target | measured | verdict |"
echo "| --- | --- | --- |"
cat "$BENCH_TARGETS"
echo
echo "$(grep -c '| PASS |$' "$BENCH_TARGETS" || true) of $(wc -l <"$BENCH_TARGETS") targets met"
