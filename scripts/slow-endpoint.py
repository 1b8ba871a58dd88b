#!/usr/bin/env python3
"""A slow function for trying the autoscaler by hand: answers every POST after a delay (default
50 ms, so one Railyard HTTP sink task delivers about 20 events a second), many requests at once,
and prints every second how many distinct event ids it has received (X-Railyard-Event-Id).

    python3 scripts/slow-endpoint.py [port] [delay-ms]      # default 8099 50
"""
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 8099
DELAY = (int(sys.argv[2]) if len(sys.argv) > 2 else 50) / 1000.0
ids = set()
requests = 0
lock = threading.Lock()


class Slow(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep connections alive, as a real function endpoint would

    def do_POST(self):
        global requests
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        time.sleep(DELAY)
        with lock:
            requests += 1
            ids.add(self.headers.get("X-Railyard-Event-Id"))
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


def report():
    while True:
        time.sleep(1)
        with lock:
            print(f"{time.strftime('%H:%M:%S')} {len(ids)} distinct events, {requests} requests",
                  flush=True)


threading.Thread(target=report, daemon=True).start()
print(f"answering POST on http://127.0.0.1:{PORT}/ after {DELAY * 1000:.0f} ms", flush=True)
ThreadingHTTPServer(("127.0.0.1", PORT), Slow).serve_forever()
