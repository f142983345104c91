"""A static server that behaves like the hosts we deploy to: the built site on 127.0.0.1,
gzip-compressed at level 6 (Lighthouse and byte budgets are meaningless on uncompressed
responses), the caching rule of ``docs/_headers``, optionally under a sub-path (``/puente-laboral/``, as a GitHub
Pages project site), the language's ``404.html`` for a missing address, with status 404, and the
headers of the site's ``_headers`` file (security headers, each page's Content-Security-Policy) as
Netlify and Cloudflare Pages send them."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import re
import threading
from contextlib import contextmanager
from pathlib import Path

COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".pf_meta", ".webmanifest")
GZIP_LEVEL = 6   # zlib's default, the level the benchmark's byte budgets are stated at


# As docs/_headers tells Netlify and Cloudflare Pages: fingerprinted files are cached for a
# year, everything else is revalidated.
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8,}\.(?:min\.)?(?:css|js)$|/pagefind/.*_[0-9a-f]{7,}\.pf_")
LONG, SHORT = "public, max-age=31536000, immutable", "no-cache"


def cache_control(path: str) -> str:
    return LONG if FINGERPRINTED.search(path.split("?", maxsplit=1)[0]) else SHORT


HEADERS_FILE = "_headers"


def read_rules(text: str) -> list[tuple[re.Pattern, list[tuple[str, str]]]]:
    """The rules of a ``_headers`` file: (path pattern, [(name, value)]), in order."""
    rules: list[tuple[re.Pattern, list[tuple[str, str]]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            parts = re.split(r"(\*|:[A-Za-z]\w*)", line.strip())
            pattern = "".join(".*" if p == "*" else "[^/]+" if p.startswith(":") else re.escape(p) for p in parts)
            rules.append((re.compile(pattern + r"\Z"), []))
        elif rules and ":" in line:
            name, value = line.strip().split(":", 1)
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def headers_for(rules, path: str) -> dict[str, str]:
    """The headers a host that reads ``_headers`` sends for ``path``: every matching rule's,
    values of the same header from several rules joined by ", " (as Netlify and Cloudflare do)."""
    out: dict[str, str] = {}
    for pattern, headers in rules:
        if pattern.match(path):
            for name, value in headers:
                out[name] = f"{out[name]}, {value}" if name in out else value
    return out


class _Handler(http.server.SimpleHTTPRequestHandler):
    prefix = ""   # the sub-path the site is served under ("/puente-laboral"), or ""
    rules: tuple = ()   # the site's _headers

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
        path = self.path.split("?", 1)[0][len(self.prefix):] or "/"
        for name, value in headers_for(self.rules, path).items():
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
        body = gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL)
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
    headers = Path(site) / HEADERS_FILE
    rules = tuple(read_rules(headers.read_text(encoding="utf-8"))) if headers.exists() else ()
    handler_class = type("Handler", (_Handler,), {"prefix": prefix, "rules": rules})
    handler = functools.partial(handler_class, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{prefix}"
    finally:
        httpd.shutdown()
        httpd.server_close()
