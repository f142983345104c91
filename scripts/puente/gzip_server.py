"""A static server for measurements: the built site on 127.0.0.1, gzip-compressed as a real
host serves it (Lighthouse and byte budgets are meaningless on uncompressed responses)."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import re
import threading
from contextlib import contextmanager
from pathlib import Path

from puente.features import csp

COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".pf_meta")


# As docs/_headers tells Netlify and Cloudflare Pages: fingerprinted files are cached for a
# year, everything else is revalidated.
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8,}\.(?:min\.)?(?:css|js)$|/pagefind/.*_[0-9a-f]{7,}\.pf_")
LONG, SHORT = "public, max-age=31536000, immutable", "no-cache"


def cache_control(path: str) -> str:
    return LONG if FINGERPRINTED.search(path.split("?", maxsplit=1)[0]) else SHORT


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    rules: tuple = ()   # the site's _headers (security headers, each page's Content-Security-Policy)

    def end_headers(self):
        if not any(h.lower().startswith(b"cache-control") for h in getattr(self, "_headers_buffer", [])):
            self.send_header("Cache-Control", cache_control(self.path))
        for name, value in csp.headers_for(self.rules, self.path.split("?", 1)[0]).items():
            if name.lower() != "cache-control":
                self.send_header(name, value)
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()   # the redirect to the trailing slash
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSED):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=9)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache_control(self.path))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(site: Path):
    """Yield the base URL (``http://127.0.0.1:PORT``) while ``site`` is being served."""
    headers = Path(site) / csp.HEADERS_FILE
    rules = csp.read_rules(headers.read_text(encoding="utf-8")) if headers.exists() else []
    handler = functools.partial(type("Handler", (_Handler,), {"rules": tuple(rules)}), directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
