"""A static server that behaves like the hosts we deploy to: the built site on 127.0.0.1,
gzip-compressed (Lighthouse and byte budgets are meaningless on uncompressed responses), the
caching rule of ``docs/_headers``, optionally under a sub-path (``/puente-laboral/``, as a GitHub
Pages project site), and the language's ``404.html`` for a missing address, with status 404."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import re
import threading
from contextlib import contextmanager
from pathlib import Path

COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".pf_meta")


# As docs/_headers tells Netlify and Cloudflare Pages: fingerprinted files are cached for a
# year, everything else is revalidated.
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8,}\.(?:min\.)?(?:css|js)$|/pagefind/.*_[0-9a-f]{7,}\.pf_")
LONG, SHORT = "public, max-age=31536000, immutable", "no-cache"


def cache_control(path: str) -> str:
    return LONG if FINGERPRINTED.search(path.split("?", maxsplit=1)[0]) else SHORT


class _Handler(http.server.SimpleHTTPRequestHandler):
    prefix = ""   # the sub-path the site is served under ("/puente-laboral"), or ""

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        local = path.split("?", 1)[0].split("#", 1)[0]
        if self.prefix:
            if not (local + "/").startswith(self.prefix + "/"):
                return str(Path(self.directory) / "\0-outside-the-site")
            local = local[len(self.prefix):] or "/"
        return super().translate_path(local)

    def send_error(self, code, message=None, explain=None):
        """A missing address gets the site's own error page, as static hosts serve it: the
        language's ``<lang>/404.html`` under that language's folder, else ``/404.html``."""
        if code != 404:
            return super().send_error(code, message, explain)
        site = Path(self.directory)
        rel = self.path.split("?", 1)[0][len(self.prefix):].strip("/")
        first = rel.split("/", 1)[0]
        page = site / first / "404.html" if first and (site / first / "404.html").is_file() else site / "404.html"
        if not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None

    def end_headers(self):
        if not any(h.lower().startswith(b"cache-control") for h in getattr(self, "_headers_buffer", [])):
            self.send_header("Cache-Control", cache_control(self.path))
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
def serve(site: Path, prefix: str = ""):
    """Yield the base URL (``http://127.0.0.1:PORT``) while ``site`` is being served, under
    ``prefix`` (``/puente-laboral``) when given."""
    prefix = "/" + prefix.strip("/") if prefix.strip("/") else ""
    handler_class = type("Handler", (_Handler,), {"prefix": prefix})
    handler = functools.partial(handler_class, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{prefix}"
    finally:
        httpd.shutdown()
        httpd.server_close()
