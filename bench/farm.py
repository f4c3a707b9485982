"""A loopback farm of N RSS feeds with M items each, for bench_feeds.py when ../shared is absent.

GET /feed/<i>.xml serves feed i with an ETag and a Last-Modified; a request carrying either
validator gets 304. Prints "ready" once listening.

Usage: python bench/farm.py PORT N M
"""

from __future__ import annotations

import sys
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WORDS = [
    "Treasury",
    "sanctions",
    "potash",
    "airline",
    "Minsk",
    "Belarus",
    "export",
    "licence",
    "council",
    "measures",
    "designation",
]


def render_feed(i: int, items: int, port: int, published: str) -> bytes:
    """Feed i: items of ~60 words, each with a link, a guid and a date."""
    entries = "".join(
        f"<item><title>Feed {i} story {j}: {WORDS[(i + j) % len(WORDS)]} update</title>"
        f"<link>http://127.0.0.1:{port}/s/{i}/{j}</link><guid>f{i}-{j}</guid>"
        f"<description>{' '.join(WORDS[(i * j + k) % len(WORDS)] for k in range(60))}</description>"
        f"<pubDate>{published}</pubDate></item>"
        for j in range(items)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed {i}</title>'
        f"<link>http://127.0.0.1:{port}/</link><description>bench</description>{entries}</channel></rss>"
    ).encode()


def main() -> None:
    port, count, items = (int(a) for a in sys.argv[1:4])
    published = formatdate(time.time() - 3600, usegmt=True)
    feeds = [render_feed(i, items, port, published) for i in range(count)]

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            i = int(self.path.rsplit("/", 1)[-1].split(".")[0])
            etag = f'"f{i}"'
            if self.headers.get("If-None-Match") == etag or self.headers.get("If-Modified-Since") == published:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(200)
            for name, value in (
                ("Content-Type", "application/rss+xml"),
                ("ETag", etag),
                ("Last-Modified", published),
                ("Content-Length", str(len(feeds[i]))),
            ):
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(feeds[i])

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
