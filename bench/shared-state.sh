#!/usr/bin/env bash
# The cost of SENDMSG_STATE (issue 26), called by bench/run.sh with its release binary and the port of its
# running plain-HTTP sink: interleaved cold `sendmsg ding` sends (DingTalk is paced, so every send reads and
# writes the pace book), with local state and with the state in a loopback redis-server, and the medians.
# Target: at most 0.5 ms more with Redis, in the same run.
#
#   bench/shared-state.sh BIN SINK_PORT      (BENCH_RUNS sends each, default 60)
set -euo pipefail
bin=$1
port=$2
runs=${BENCH_RUNS:-60}
if ! command -v redis-server >/dev/null; then
  echo "- notice: redis-server is not installed (sh tests/redis/setup.sh): no shared-state benchmark"
  exit 0
fi

work=$(mktemp -d)
redis_pid=
trap '[[ -n $redis_pid ]] && { kill "$redis_pid" 2>/dev/null; wait "$redis_pid" 2>/dev/null; }; rm -rf "$work"' EXIT
redis_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" >/dev/null &
redis_pid=$!
for _ in $(seq 100); do (echo >"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null && break; sleep 0.05; done

python3 - "$bin" "$port" "$redis_port" "$runs" "$work" <<'PY'
import os, statistics, subprocess, sys, time
binary, port, redis_port, runs, work = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
base = {
    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    "DING_ACCESS_TOKEN": "bench-token", "DING_SECRET": "SECbench", "DING_BASE_URL": f"http://127.0.0.1:{port}",
    "SENDMSG_ENV_FILE": "none", "SENDMSG_PACE": "10000/s",
}
def env(name, shared):
    home = os.path.join(work, name)
    e = dict(base, HOME=home, XDG_STATE_HOME=home + "/state", XDG_CACHE_HOME=home + "/cache",
             XDG_CONFIG_HOME=home + "/config")
    if shared:
        e["SENDMSG_STATE"] = f"redis://127.0.0.1:{redis_port}/0"
    return e
kinds = {"local": env("local", False), "redis": env("redis", True)}
times = {k: [] for k in kinds}
for kind, e in kinds.items():  # a warm-up send each: the state directory and the fingerprint key exist
    subprocess.run([binary, "-q", "ding", "warm-up"], env=e, check=True)
for i in range(runs):
    for kind, e in kinds.items():
        started = time.perf_counter()
        out = subprocess.run([binary, "-q", "ding", f"bench {i}"], env=e, capture_output=True)
        times[kind].append((time.perf_counter() - started) * 1000)
        if out.returncode != 0 or out.stderr:
            sys.exit(f"{kind} send failed: {out.returncode} {out.stderr.decode()}")
local, redis = statistics.median(times["local"]), statistics.median(times["redis"])
print("| state | median of %d cold sends |" % runs)
print("| --- | --- |")
print("| local files | %.2f ms |" % local)
print("| SENDMSG_STATE (loopback Redis) | %.2f ms |" % redis)
verdict = "PASS" if redis - local <= 0.5 else "FAIL"
print(f"- {verdict}: SENDMSG_STATE costs at most 0.5 ms more a send: {redis - local:+.2f} ms")
PY
