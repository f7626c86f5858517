#!/usr/bin/env python3
"""Cold-send benchmark: sendmsg against curl (the floor) and apprise (the usual alternative), interleaved,
each process started fresh and sending one real request to the loopback sink (`sink.py`).

    bench/bench.py SENDMSG_BINARY SINK_PORT [APPRISE_BINARY]

Called by `bench/run.sh`, which builds the binary, starts the sink and installs apprise. Prints a Markdown
table: median and p90 wall time, peak RSS (from GNU time, whose own small size keeps the figure the tool's:
a child's maximum RSS includes what its parent had when it forked), and ratios; then the split and token
checks. Exits 1 when a check (not a timing target) fails: a wrong answer makes the timings meaningless.
"""

import base64
import hashlib
import hmac
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

RUNS = int(os.environ.get("BENCH_RUNS", "60"))
APPRISE_RUNS = int(os.environ.get("BENCH_APPRISE_RUNS", "15"))
TOKEN_RUNS = int(os.environ.get("BENCH_TOKEN_RUNS", "20"))
TEXT = "bench: disk 91% on db1"

sendmsg, port = sys.argv[1], int(sys.argv[2])
apprise = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] else None
base = f"http://127.0.0.1:{port}"
work = tempfile.mkdtemp(prefix="sendmsg-bench-")
devnull = os.open(os.devnull, os.O_RDWR)
failed = []

# A clean environment: no user .env, state and caches under the work directory.
clean = {
    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    "HOME": work,
    "XDG_STATE_HOME": os.path.join(work, "state"),
    "XDG_CACHE_HOME": os.path.join(work, "cache"),
    "XDG_CONFIG_HOME": os.path.join(work, "config"),
    "LANG": "C.UTF-8",
}
ding_env = dict(
    clean,
    DING_ACCESS_TOKEN="bench-access-token",
    DING_SECRET="SECbench-signing-secret",
    DING_BASE_URL=base,
)


def signed_url():
    """The URL sendmsg would post to, signed the same way, for curl."""
    timestamp = str(int(time.time() * 1000))
    digest = hmac.new(
        ding_env["DING_SECRET"].encode(),
        f"{timestamp}\n{ding_env['DING_SECRET']}".encode(),
        hashlib.sha256,
    ).digest()
    sign = urllib.parse.quote(base64.b64encode(digest).decode(), safe="")
    return f"{base}/robot/send?access_token={ding_env['DING_ACCESS_TOKEN']}&timestamp={timestamp}&sign={sign}"


def run(argv, env, stdin_bytes=None):
    """Starts argv, waits for it; returns (seconds, exit status)."""
    stdin = devnull
    if stdin_bytes is not None:
        read_end, write_end = os.pipe()
        os.write(write_end, stdin_bytes)  # under the pipe buffer: the writer never blocks
        os.close(write_end)
        stdin = read_end
    actions = [
        (os.POSIX_SPAWN_DUP2, stdin, 0),
        (os.POSIX_SPAWN_DUP2, devnull, 1),
        (os.POSIX_SPAWN_DUP2, devnull, 2),
    ]
    started = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)
    _, status = os.waitpid(pid, 0)
    elapsed = time.perf_counter() - started
    if stdin_bytes is not None:
        os.close(stdin)
    return elapsed, os.waitstatus_to_exitcode(status)


GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def peak_rss_mb(argv, env):
    """The largest peak RSS of 3 runs, in MB, or None without GNU time (`apt-get install -y time`)."""
    if not GNU_TIME:
        return None
    peaks = []
    for _ in range(3):
        done = subprocess.run([GNU_TIME, "-f", "%M", *argv], env=env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        peaks.append(int(done.stderr.strip().splitlines()[-1]) / 1024)
    return max(peaks)


def sink_stats():
    with urllib.request.urlopen(f"{base}/__stats", timeout=5) as reply:
        return json.load(reply)


def check(ok, what):
    print(f"- {'ok' if ok else 'FAILED'}: {what}")
    if not ok:
        failed.append(what)


def which(name):
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        path = os.path.join(directory, name)
        if os.access(path, os.X_OK):
            return path
    return None


curl = which("curl")
body = json.dumps({"msgtype": "text", "text": {"content": TEXT}})
commands = {"sendmsg": (lambda: [sendmsg, "ding", TEXT], ding_env)}
if curl:
    commands["curl"] = (
        lambda: [curl, "-sS", "-f", "-o", "/dev/null", "-H", "Content-Type: application/json",
                 "--data-binary", body, signed_url()],
        clean,
    )
if apprise:
    commands["apprise"] = (
        lambda: [apprise, "-b", TEXT, f"json://127.0.0.1:{port}/robot/send"], clean
    )
tools = {name: (lambda argv=argv, env=env: run(argv(), env)) for name, (argv, env) in commands.items()}

# One warm-up each (page cache, the sink's first thread), then interleaved rounds.
samples = {name: [] for name in tools}
for name, go in tools.items():
    _, code = go()
    check(code == 0, f"{name} sends to the sink (exit {code})")
for round_ in range(RUNS):
    for name, go in tools.items():
        if name == "apprise" and round_ >= APPRISE_RUNS:
            continue
        samples[name].append(go())


def ms(seconds):
    return f"{seconds * 1000:.2f}"


def summary(name):
    times = sorted(s[0] for s in samples[name])
    return {
        "median": statistics.median(times),
        "p90": times[min(len(times) - 1, int(0.9 * len(times)))],
        "rss": peak_rss_mb(commands[name][0](), commands[name][1]),
        "errors": sum(1 for s in samples[name] if s[1] != 0),
        "runs": len(times),
    }


results = {name: summary(name) for name in samples}
own = results["sendmsg"]["median"]
print()
print("| one cold send to a loopback sink | runs | median ms | p90 ms | peak RSS MB | vs sendmsg |")
print("| --- | --- | --- | --- | --- | --- |")
rss = lambda r: "n/a" if r["rss"] is None else f"{r['rss']:.1f}"
for name, r in results.items():
    print(
        f"| {name} | {r['runs']} | {ms(r['median'])} | {ms(r['p90'])} | {rss(r)} | "
        f"{r['median'] / own:.2f}× |"
    )
print()
for name, r in results.items():
    check(r["errors"] == 0, f"{name}: {r['errors']} failed runs")
if "curl" in results:
    ratio = own / results["curl"]["median"]
    print(f"- sendmsg / curl = {ratio:.2f} (target ≤ 1.5)")
if "apprise" in results:
    ratio = results["apprise"]["median"] / own
    print(f"- apprise / sendmsg = {ratio:.0f} (target ≥ 50)")
print(f"- sendmsg peak RSS = {rss(results['sendmsg'])} MB (target ≤ 10)")

# A 30 KB piped body: two parts (DingTalk's 20000-byte limit), one TCP connection, no pause between them.
print()
paragraph = ("x" * 99 + "\n") * 10
piped = (paragraph + "\n") * 30
before = sink_stats()
times = []
for _ in range(max(5, RUNS // 4)):
    elapsed, code = run([sendmsg, "ding"], ding_env, stdin_bytes=piped.encode())
    times.append(elapsed)
    if code:
        check(False, f"the 30 KB body is sent (exit {code})")
after = sink_stats()
sends = after["requests"].get("/robot/send", 0) - before["requests"].get("/robot/send", 0)
# Less the connection that asked for `after`.
connections = after["connections"] - before["connections"] - 1
print(
    f"- {len(piped)} bytes piped, split into {sends // len(times)} parts: median {ms(statistics.median(times))} ms"
    f" per run, {connections} TCP connections for {len(times)} runs"
)
check(sends == 2 * len(times), "each 30 KB body went out in 2 parts")
check(connections == len(times), "the parts of a message share one TCP connection")

# WeCom app: one gettoken across many runs (the token is cached on disk for its lifetime).
wecom_env = dict(
    clean,
    WECOM_CORP_ID="ww-bench",
    WECOM_CORP_SECRET="bench-corp-secret",
    WECOM_AGENT_ID="1000002",
    WECOM_TO_USER="alice",
    WECOM_BASE_URL=base,
)
before = sink_stats()
times = []
for _ in range(TOKEN_RUNS):
    elapsed, code = run([sendmsg, "wecom", TEXT], wecom_env)
    times.append(elapsed)
    if code:
        check(False, f"wecom exits {code}")
after = sink_stats()
requests = lambda stats, path: stats["requests"].get(path, 0)
tokens = requests(after, "/cgi-bin/gettoken") - requests(before, "/cgi-bin/gettoken")
sent = requests(after, "/cgi-bin/message/send") - requests(before, "/cgi-bin/message/send")
print(f"- wecom: {TOKEN_RUNS} runs, {sent} messages, {tokens} token request(s); median {ms(statistics.median(times))} ms")
check(tokens == 1 and sent == TOKEN_RUNS, "one token request for every run within its lifetime")

if failed:
    print(f"\n{len(failed)} check(s) failed", file=sys.stderr)
    sys.exit(1)
