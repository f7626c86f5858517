#!/usr/bin/env bash
# Load check for `sendmsg serve-ddns` (a benchmark, not a test), on loopback only, for a bounded time:
# 1. requests/second and latency percentiles for `GET /ip/{user}` with concurrent keep-alive clients;
# 2. the p99 latency of the same request while SLOW (default 1000) slow clients are connected, half of
#    them sending nothing and half a byte of a request head every 2 s (target: p99 < 100 ms).
# `bench/run.sh` runs it after the send benchmark.
#
#   bench/ddns-load.sh [BINARY] [SECONDS] [CONNECTIONS] [SLOW]
#
# BINARY defaults to target/release/sendmsg, else target/debug/sendmsg (build one first). Uses wrk
# (`apt-get install -y wrk`) when present, else a small Python load generator.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${1:-}
if [[ -z $bin ]]; then
  bin=target/release/sendmsg
  [[ -x $bin ]] || bin=target/debug/sendmsg
fi
seconds=${2:-10}
connections=${3:-50}
slow=${4:-1000}
[[ -x $bin ]] || { echo "no binary at $bin: run cargo build first" >&2; exit 2; }
(( seconds > 0 && seconds <= 120 )) || { echo "SECONDS must be 1-120" >&2; exit 2; }

work=$(mktemp -d)
server=
cleanup() {
  [[ -n $server ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

env -i HOME="$work" PATH="$PATH" "$bin" serve-ddns --listen 127.0.0.1:0 --store "$work/ddns.json" \
  --workers "${WORKERS:-4}" --max-connections $((slow + connections + 100)) 2>"$work/server.log" &
server=$!
for _ in $(seq 100); do
  addr=$(grep -o 'listening on http://[0-9.:]*' "$work/server.log" | sed 's|.*http://||' || true)
  [[ -n $addr ]] && break
  sleep 0.05
done
[[ -n ${addr:-} ]] || { echo "the server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }

url="http://$addr/ip/alice"
python3 - "$addr" <<'PY'
import sys, urllib.request
urllib.request.urlopen(f"http://{sys.argv[1]}/ip/cheng_ip?msg=alice,2001:db8::1,success", timeout=5).read()
PY
echo "$bin on $addr: GET /ip/alice, $connections connections, ${seconds}s, ${WORKERS:-4} workers"

if command -v wrk >/dev/null; then
  wrk -t2 -c"$connections" -d"${seconds}s" --timeout 5s --latency "$url" | tee "$work/wrk.out"
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$work/wrk.out")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.out")
  errors=$(awk '/Non-2xx|Socket errors/' "$work/wrk.out")
  echo
  echo "- serve-ddns GET /ip/{user}: ${rps} requests/s, p99 ${p99} (${connections} keep-alive clients, wrk)${errors:+; $errors}"
else
  echo "(wrk not found: \`apt-get install -y wrk\`; a Python load generator is far slower than the server)"
  python3 - "$addr" "$seconds" "$connections" <<'PY'
import http.client, sys, threading, time
addr, seconds, conns = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
host, port = addr.rsplit(":", 1)
latencies, errors, lock = [], [0], threading.Lock()
stop = time.monotonic() + seconds
def client():
    mine, bad = [], 0
    c = http.client.HTTPConnection(host, int(port), timeout=5)
    while time.monotonic() < stop:
        t = time.perf_counter()
        try:
            c.request("GET", "/ip/alice")
            reply = c.getresponse()
            reply.read()
            ok = reply.status == 200
        except (OSError, http.client.HTTPException):
            ok = False
            c.close()
            c = http.client.HTTPConnection(host, int(port), timeout=5)
        if ok:
            mine.append(time.perf_counter() - t)
        else:
            bad += 1
    with lock:
        latencies.extend(mine); errors[0] += bad
threads = [threading.Thread(target=client) for _ in range(conns)]
for t in threads: t.start()
for t in threads: t.join()
latencies.sort()
pct = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000 if latencies else float("nan")
print(f"latency ms  p50 {pct(0.50):.2f}  p90 {pct(0.90):.2f}  p99 {pct(0.99):.2f}  max {pct(1.0):.2f}")
print(f"\n- serve-ddns GET /ip/{{user}}: {len(latencies) / seconds:.0f} requests/s, p99 {pct(0.99):.2f}ms"
      f" ({conns} keep-alive clients, Python; errors {errors[0]})")
PY
fi

# 2. Slow clients: held open (and reopened when the server's 10 s head deadline closes them) by a Python
# holder, while one client measures each request's latency on its own keep-alive connection.
python3 - "$addr" "$seconds" "$slow" <<'PY'
import http.client, socket, sys, threading, time
addr, seconds, slow = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
host, port = addr.rsplit(":", 1)
stop = time.monotonic() + seconds + 3
def connect(dribble):
    s = socket.create_connection((host, int(port)), timeout=5)
    if dribble:
        s.sendall(b"GET /ip/ali")
    return s
def holder(dribble, count):
    socks = [connect(dribble) for _ in range(count)]
    while time.monotonic() < stop:
        time.sleep(2)
        for i, s in enumerate(socks):
            try:
                s.sendall(b"c" if dribble else b"")
                if not dribble:
                    s.setblocking(False)
                    try:
                        if s.recv(1) == b"":
                            raise OSError("closed")
                    except BlockingIOError:
                        pass
                    s.setblocking(True)
            except OSError:
                s.close()
                socks[i] = connect(dribble)
    for s in socks:
        s.close()
holders = [threading.Thread(target=holder, args=(d, slow // 2)) for d in (False, True)]
for t in holders: t.start()
time.sleep(3)  # all connected
latencies, errors = [], 0
c = http.client.HTTPConnection(host, int(port), timeout=5)
end = time.monotonic() + seconds
while time.monotonic() < end:
    t = time.perf_counter()
    try:
        c.request("GET", "/ip/alice")
        reply = c.getresponse()
        reply.read()
        if reply.status == 200:
            latencies.append(time.perf_counter() - t)
        else:
            errors += 1
    except (OSError, http.client.HTTPException):
        errors += 1
        c.close()
        c = http.client.HTTPConnection(host, int(port), timeout=5)
for t in holders: t.join()
latencies.sort()
pct = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000 if latencies else float("nan")
print(f"\n- serve-ddns GET /ip/{{user}} with {slow} slow clients connected: p99 {pct(0.99):.2f}ms"
      f" (p50 {pct(0.50):.2f}ms, max {pct(1.0):.2f}ms, {len(latencies)} requests, errors {errors}; target < 100 ms)")
PY
