"""A faulty store in front of a real one: an HTTP proxy on 127.0.0.1 that answers a share of the query requests with a
fault instead of forwarding them, as an overloaded Prometheus, a rate-limiting gateway or a flaky network does.

  FaultProxy(upstream, "503:0.3")       30 % of /api/v1/query* requests answered 503
  FaultProxy(upstream, "429:0.3")       30 % answered 429 with Retry-After: 1
  FaultProxy(upstream, "down")          every request answered 503: a store that answers nothing

The draw is seeded, so a run is repeatable up to the order in which requests arrive. Readiness (/-/ready) is always
forwarded: the faults are for the soak, not for finding the store. Used by run-scenarios.py --faults.
"""
import http.server
import random
import threading
import urllib.error
import urllib.request


class FaultProxy:
    def __init__(self, upstream, spec, seed=7):
        self.upstream = upstream.rstrip("/")
        self.status, self.share = parse(spec)
        self.random = random.Random(seed)
        self.lock = threading.Lock()
        self.forwarded = self.faulted = 0
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                proxy.handle(self, None)

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                proxy.handle(self, self.rfile.read(length))

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def handle(self, request, body):
        with self.lock:
            fault = request.path.startswith("/api/v1/query") and self.random.random() < self.share
            if fault:
                self.faulted += 1
            else:
                self.forwarded += 1
        if fault:
            payload = b'{"status":"error","errorType":"unavailable","error":"injected fault"}'
            request.send_response(self.status)
            if self.status in (429, 503):
                request.send_header("Retry-After", "1")
            request.send_header("Content-Type", "application/json")
            request.send_header("Content-Length", str(len(payload)))
            request.end_headers()
            request.wfile.write(payload)
            return
        forward = urllib.request.Request(self.upstream + request.path, data=body, method=request.command)
        for name in ("Content-Type", "Accept", "User-Agent"):
            if request.headers.get(name):
                forward.add_header(name, request.headers[name])
        try:
            with urllib.request.urlopen(forward, timeout=60) as answer:
                status, payload, kind = answer.status, answer.read(), answer.headers.get("Content-Type", "application/json")
        except urllib.error.HTTPError as error:
            status, payload, kind = error.code, error.read(), error.headers.get("Content-Type", "application/json")
        request.send_response(status)
        request.send_header("Content-Type", kind)
        request.send_header("Content-Length", str(len(payload)))
        request.end_headers()
        request.wfile.write(payload)

    def close(self):
        self.server.shutdown()


def parse(spec):
    """'503:0.3' -> (503, 0.3); '429:0.3' -> (429, 0.3); 'down' -> (503, 1.0)."""
    if spec == "down":
        return 503, 1.0
    status, share = spec.split(":")
    return int(status), float(share)
