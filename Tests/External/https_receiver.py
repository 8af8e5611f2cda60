"""An HTTPS receiver for webhook tests: Python's own http.server and ssl (no PyPI package),
on a free loopback port, with the certificate and key the test made. Every POST is answered
200 "received" and recorded as one JSON line (path, headers, body) in --out. Prints
"READY <port>" once it accepts connections; exits when the test process (--parent) is gone.
"""
import argparse
import json
import os
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--parent", type=int, required=True)
    options = parser.parse_args()
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            record = {"path": self.path, "headers": {k: v for k, v in self.headers.items()}, "body": body.decode("utf-8", "replace")}
            with lock, open(options.out, "a", encoding="utf-8") as out:
                out.write(json.dumps(record) + "\n")
            reply = b"received"
            self.send_response(200)
            self.send_header("Content-Length", str(len(reply)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, format, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(options.cert, options.key)
    server.socket = context.wrap_socket(server.socket, server_side=True)

    def watch_parent():
        while True:
            try:
                os.kill(options.parent, 0)
            except OSError:
                os._exit(0)
            time.sleep(1)

    threading.Thread(target=watch_parent, daemon=True).start()
    print(f"READY {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
