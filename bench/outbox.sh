#!/usr/bin/env bash
# The outbox benchmark, called by bench/run.sh: queues N messages while the robot is unreachable (a closed
# loopback port), then starts the loopback sink on that port (an entry is pinned to where it was queued
# for) and times one `sendmsg outbox flush` delivering them all, with its peak memory (GNU time's maximum
# resident set size, when /usr/bin/time is there).
#
#   bench/outbox.sh BIN SINK_BINARY [N]
set -euo pipefail
bin=$1
sink=$2
count=${3:-1000}

state=$(mktemp -d)
sink_pid=
trap '[[ -n $sink_pid ]] && kill "$sink_pid" 2>/dev/null; rm -rf "$state"' EXIT
# A flush is as fast as the robot's pace lets it be (20/m for DingTalk): pacing off measures sendmsg's own.
export XDG_STATE_HOME=$state HOME=$state SENDMSG_HISTORY=off SENDMSG_RETRIES=0 SENDMSG_PACE=off
export DING_ACCESS_TOKEN=bench-token DING_SECRET=SECbench

# A port nobody listens on: every send fails to connect, so each message is queued.
closed=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
for i in $(seq "$count"); do
  DING_BASE_URL=http://127.0.0.1:$closed "$bin" -q --queue ding "outbox bench message $i"
done
queued=$(find "$state/sendmsg/outbox" -name '*.json' | wc -l)

# The robot comes back.
"$sink" --port "$closed" >"$state/port" &
sink_pid=$!
for _ in $(seq 100); do [[ -s $state/port ]] && break; sleep 0.05; done
[[ -s $state/port ]] || { echo "the sink did not start on port $closed" >&2; exit 1; }

timer=()
[[ -x /usr/bin/time ]] && timer=(/usr/bin/time -f '%M' -o "$state/rss")
start=$(date +%s.%N)
DING_BASE_URL=http://127.0.0.1:$closed "${timer[@]}" "$bin" -q outbox flush
end=$(date +%s.%N)
left=$(find "$state/sendmsg/outbox" -name '*.json' | wc -l)

rss=$([[ -s $state/rss ]] && echo "$(cat "$state/rss") KiB" || echo "n/a (no /usr/bin/time)")
echo "### outbox flush"
echo
echo "| queued | flushed | left | time | per message | peak memory |"
echo "| --- | --- | --- | --- | --- | --- |"
awk -v q="$queued" -v l="$left" -v s="$start" -v e="$end" -v m="$rss" \
  'BEGIN { t = e - s; printf "| %d | %d | %d | %.2f s | %.2f ms | %s |\n", q, q - l, l, t, q ? 1000 * t / q : 0, m }'
