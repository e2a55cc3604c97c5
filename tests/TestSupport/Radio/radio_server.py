"""A tiny internet-radio server for tests: GET /live.mp3 sends an MP3 file over and over at its bit rate, as
Icecast does (no Content-Length; the connection stays open); GET /stall sends the headers and then nothing.
Usage: radio_server.py PORT FILE.mp3 BYTES_PER_SECOND. Prints "ready" once it listens."""
import http.server
import socketserver
import sys
import time

PORT, FILE, RATE = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
DATA = open(FILE, "rb").read()


class Radio(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path not in ("/live.mp3", "/stall"):
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "audio/mpeg")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if self.path == "/stall":
            time.sleep(3600)
            return
        chunk = max(1, RATE // 10)
        start, sent = time.monotonic(), 0
        try:
            # Two seconds at once (a radio's opening burst), then at the bit rate.
            while True:
                for offset in range(0, len(DATA), chunk):
                    piece = DATA[offset:offset + chunk]
                    self.wfile.write(piece)
                    sent += len(piece)
                    ahead = sent / RATE - 2 - (time.monotonic() - start)
                    if ahead > 0:
                        time.sleep(ahead)
        except (BrokenPipeError, ConnectionResetError):
            pass


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


with Server(("127.0.0.1", PORT), Radio) as server:
    print("ready", flush=True)
    server.serve_forever()
