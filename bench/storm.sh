#!/usr/bin/env bash
# The relay's alert storm, called by bench/run.sh: `sendmsg serve` with ROBOTS routes (one DingTalk robot
# target each, at DingTalk's own pace of 20 a minute, all answered by the loopback sink), then GROUPS groups of
# ALERTS alerts in all posted by CLIENTS concurrent clients (bench/storm.py). Then the delivery is watched until
# the outbox is empty: every message must reach the sink exactly once (the sink's count, and one `sent` per
# outbox entry in the history). Prints the numbers and the issue's targets.
#
#   bench/storm.sh BIN SINK_PORT [GROUPS ALERTS CLIENTS ROBOTS]
set -euo pipefail
bin=$1
port=$2
groups=${3:-500}
alerts=${4:-10000}
clients=${5:-50}
robots=${6:-25}

work=$(mktemp -d)
serve_pid=
cleanup() {
  [[ -n $serve_pid ]] && { kill "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT
export XDG_STATE_HOME=$work/state HOME=$work SENDMSG_RETRIES=0

config=$work/config.toml
for r in $(seq 0 $((robots - 1))); do
  printf '[targets.robot%d]\nchannel = "ding"\naccess_token = "storm-token-%d"\nbase_url = "http://127.0.0.1:%s"\n\n' \
    "$r" "$r" "$port"
  printf '[routes.r%d]\nto = ["robot%d"]\n\n' "$r" "$r"
done >"$config"
chmod 600 "$config"

count() { curl -fsS "http://127.0.0.1:$port/__stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["requests"].get("/robot/send", 0))'; }
before=$(count)

"$bin" --config "$config" serve --listen 127.0.0.1:0 2>"$work/serve.log" &
serve_pid=$!
for _ in $(seq 200); do grep -q 'listening on http://' "$work/serve.log" && break; sleep 0.05; done
addr=$(grep -o 'listening on http://[0-9.:]*' "$work/serve.log" | head -1 | sed 's|.*http://||')
[[ -n $addr ]] || { echo "serve did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }

python3 bench/storm.py "${addr##*:}" "$groups" "$alerts" "$clients" "$robots" >"$work/storm.json"
rss_kib=$(awk '/^VmHWM:/ {print $2}' "/proc/$serve_pid/status")
field() { python3 -c "import json,sys; print(json.load(open('$work/storm.json'))$1)"; }
posts=$(field '["posts"]')
ok=$(field '["statuses"].get("200", 0)')
queued=$(field '["queued"]')
p99=$(field '["p99_ms"]')

# Delivery: until the outbox is empty (at most 5 minutes), then a moment for any duplicate to show.
start=$(date +%s.%N)
for _ in $(seq 3000); do
  [[ -z $(find "$work/state/sendmsg/outbox" -name '*.json' 2>/dev/null) ]] && break
  sleep 0.1
done
end=$(date +%s.%N)
sleep 1
delivered=$(($(count) - before))
left=$(find "$work/state/sendmsg/outbox" -name '*.json' 2>/dev/null | wc -l)
# Each group's message is its own text: the same text sent twice is a double.
doubled=$(python3 -c "
import collections, json
sent = collections.Counter(r['sha256'] for r in map(json.loads, open('$work/state/sendmsg/history.jsonl'))
                           if r.get('status') == 'sent')
print(sum(n - 1 for n in sent.values()))")

echo "### serve: an alert storm"
echo
echo "| alerts | groups | clients | POSTs answered 200 | queued | p50 | p99 | peak RSS | delivered | left | doubled | delivery time |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
awk -v a="$alerts" -v g="$groups" -v c="$clients" -v ok="$ok" -v posts="$posts" -v q="$queued" \
  -v p50="$(field '["p50_ms"]')" -v p99="$p99" -v rss="$rss_kib" -v d="$delivered" -v l="$left" \
  -v dup="$doubled" -v s="$start" -v e="$end" \
  'BEGIN { printf "| %d | %d | %d | %d of %d | %d | %.1f ms | %.1f ms | %.1f MB | %d | %d | %d | %.1f s |\n",
           a, g, c, ok, posts, q, p50, p99, rss / 1024, d, l, dup, e - s }'
echo
verdict() { [[ $2 == 1 ]] && echo "- PASS: $1" || echo "- FAIL: $1"; }
verdict "every POST answered 200 ($ok of $posts)" "$([[ $ok == "$posts" && $posts == "$groups" ]] && echo 1 || echo 0)"
verdict "p99 < 50 ms (${p99} ms)" "$(awk -v p="$p99" 'BEGIN {print (p < 50) ? 1 : 0}')"
verdict "all queued ($queued messages for $groups groups)" "$([[ $queued == "$groups" ]] && echo 1 || echo 0)"
verdict "peak RSS of serve < 40 MB ($((rss_kib / 1024)) MB)" "$(((rss_kib < 40 * 1024)) && echo 1 || echo 0)"
verdict "none lost or doubled ($delivered delivered of $queued, $left left, $doubled doubled)" \
  "$([[ $delivered == "$queued" && $left == 0 && $doubled == 0 ]] && echo 1 || echo 0)"
