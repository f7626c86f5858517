#!/usr/bin/env python3
"""The benchmark's loopback sink: answers every notification like DingTalk and WeCom do, on 127.0.0.1 only.

- `POST` anywhere: `{"errcode":0,"errmsg":"ok"}` (DingTalk, WeCom's message/send, apprise's json://);
- `GET /cgi-bin/gettoken`: a WeCom access token valid for 7200 s;
- `GET /__stats`: the TCP connections accepted and requests seen per path, as JSON (the bench reads it to
  check that the parts of a split message share one connection and that a token is fetched once).

HTTP/1.1 with keep-alive, one thread per connection, no logging. Prints `PORT` on stdout once listening.

    bench/sink.py [--tls CERT KEY]

With `--tls`, HTTPS with that certificate and key (PEM files): `bench/run.sh` makes them with a throw-away CA.
"""

import json
import socket
import ssl
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
stats = {"connections": 0, "requests": {}}
OK = b'{"errcode":0,"errmsg":"ok"}'
TOKEN = b'{"errcode":0,"errmsg":"ok","access_token":"bench-token","expires_in":7200}'


class Sink(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        # The reply goes out in two writes (head, body): without this, Nagle holds the body back until the
        # client's delayed ACK, 40 ms, on every request after a connection's first.
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with lock:
            stats["connections"] += 1

    def log_message(self, *args):
        pass

    def count(self):
        path = self.path.split("?", 1)[0]
        with lock:
            stats["requests"][path] = stats["requests"].get(path, 0) + 1
        return path

    def answer(self, body):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.count()
        self.answer(OK)

    def do_GET(self):
        if self.path == "/__stats":
            with lock:
                body = json.dumps(stats).encode()
            return self.answer(body)
        path = self.count()
        self.answer(TOKEN if path == "/cgi-bin/gettoken" else OK)


server = ThreadingHTTPServer(("127.0.0.1", 0), Sink)
server.daemon_threads = True
if sys.argv[1:2] == ["--tls"]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(sys.argv[2], sys.argv[3])
    server.socket = context.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
try:
    server.serve_forever()
except KeyboardInterrupt:
    pass
sys.exit(0)
