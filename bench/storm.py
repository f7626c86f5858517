#!/usr/bin/env python3
"""The relay's alert storm, called by bench/storm.sh (not a test): ALERTS alerts in GROUPS groups, posted as
Alertmanager's webhook (version 4) by CLIENTS concurrent clients to `sendmsg serve`, spread over ROBOTS
routes (one DingTalk robot each). Prints the replies' latencies and what the server said it queued; the
shell script then watches the delivery. Loopback only.

    storm.py PORT GROUPS ALERTS CLIENTS ROBOTS
"""

import http.client
import json
import sys
import threading
import time


def group(g, per_group, robots):
    """Alertmanager's body for group g: per_group firing alerts of one alert name."""
    name = f"StormAlert{g:04d}"
    alerts = [
        {
            "status": "firing",
            "labels": {"alertname": name, "instance": f"node{i:03d}:9100", "severity": "warning"},
            "annotations": {"summary": f"{name} on node{i:03d}", "description": "load 17.3 over 5m"},
            "startsAt": "2026-12-07T08:00:00Z",
            "endsAt": "0001-01-01T00:00:00Z",
            "generatorURL": "http://prometheus.example.com:9090/graph?g0.expr=load",
            "fingerprint": f"{g:08x}{i:08x}",
        }
        for i in range(per_group)
    ]
    body = {
        "version": "4",
        "groupKey": f'{{}}:{{alertname="{name}"}}',
        "truncatedAlerts": 0,
        "status": "firing",
        "receiver": f"r{g % robots}",
        "groupLabels": {"alertname": name},
        "commonLabels": {"alertname": name, "severity": "warning"},
        "commonAnnotations": {},
        "externalURL": "http://alertmanager.example.com:9093",
        "alerts": alerts,
    }
    return f"/alertmanager/r{g % robots}", json.dumps(body).encode()


def main():
    port, groups, alerts, clients, robots = (int(a) for a in sys.argv[1:6])
    per_group = alerts // groups
    bodies = [group(g, per_group, robots) for g in range(groups)]
    latencies, statuses, queued = [], {}, [0]
    lock = threading.Lock()
    next_body = iter(range(groups))

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                g = next(next_body, None)
            if g is None:
                conn.close()
                return
            path, body = bodies[g]
            start = time.perf_counter()
            conn.request("POST", path, body, {"content-type": "application/json"})
            reply = conn.getresponse()
            answer = reply.read()
            took = time.perf_counter() - start
            with lock:
                latencies.append(took)
                statuses[reply.status] = statuses.get(reply.status, 0) + 1
                if reply.status == 200:
                    queued[0] += json.loads(answer)["queued"]

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    latencies.sort()
    p = lambda q: 1000 * latencies[min(len(latencies) - 1, int(q * len(latencies)))]
    print(
        json.dumps(
            {
                "posts": len(latencies),
                "statuses": statuses,
                "queued": queued[0],
                "p50_ms": round(p(0.50), 2),
                "p99_ms": round(p(0.99), 2),
                "max_ms": round(1000 * latencies[-1], 2),
                "seconds": round(wall, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
