"""The link check: every link of the built site, in every language, resolves and stays in its
language.

    python -m puente linkcheck [SITE_DIR] [--online]

One pass over every HTML file collects its ids and its links (a fast tokenizer on regular
expressions: start tags, with comments and script/style bodies skipped; a tag repeated by the
templates is read once per site); a second pass checks each link, remembering the verdicts that
hold for the next page too (``Checker.check``):

- internal links (relative, root-relative or a full URL on our own ``site_url``) point at a file
  of the site, and their ``#anchor`` at an id of that page; images, scripts and styles exist;
- a page links within its language; allowed across languages are Material's language switcher
  (``a.md-select__link``), ``<link rel="alternate" hreflang>`` and the project's own
  cross-language links (``lang:en:page.md`` in Markdown, see ``crosslang``);
- redirect pages (mkdocs-redirects) lead to an existing page without a loop;
- ``tel:``, ``sms:`` and ``https://wa.me/`` with a recipient carry a valid number;
  ``mailto:`` is well formed; ``http://`` is refused; external hosts are on the allowlist
  ``data/link-hosts.txt`` (``--online`` checks them for real, see ``linkcheck_online``).

Each problem names the Markdown file and line that produced the link (``link_sources``) and
how to fix it.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
import sys
import time
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import phonenumbers

from puente.core.languages import Languages
from puente.core.project import Project

HOSTS_FILE = Path("data/link-hosts.txt")
CROSS_LANGUAGE_CLASS = "puente-lang"  # see crosslang.CLASS

TOKEN = re.compile(  # a comment, a script/style/textarea with its body, a start tag, or </article>
    # (case folded only where names are compared, and possessive: about a fifth faster than a
    # case-insensitive pattern that backtracks, on the same tokens)
    r"<(?:!--.*?-->"
    r"|((?i:script|style|textarea))\b((?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+)>.*?</(?i:\1)\s*>"
    r"|([a-zA-Z][a-zA-Z0-9-]*+)((?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+)>"
    r"|/((?i:article))\s*>)",
    re.DOTALL,
)
# The same tokens as strings, without groups (``findall`` then makes no match objects): about a
# third faster over a site; a token is matched again with ``TOKEN`` only the first time it is seen.
SCAN = re.compile(
    r"<(?:!--.*?-->"
    + "".join(rf"|(?i:{name})\b(?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+>.*?</(?i:{name})\s*>"
              for name in ("script", "style", "textarea"))
    + r"|[a-zA-Z][a-zA-Z0-9-]*+(?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+>"
    r"|/(?i:article)\s*>)",
    re.DOTALL,
)
ATTR = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?")
LINK_ATTRS = {"href", "src", "srcset", "poster", "data", "action"}
REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\"]+)", re.IGNORECASE)
MAILTO = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$")
SCHEME = re.compile(r"[a-z][a-z0-9+.-]*")
HOST = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")

PREVIEW_URLS = {"og:url", "og:image", "og:image:url", "og:image:secure_url", "twitter:image"}
SITEMAP_URL = re.compile(r"<loc>\s*([^<\s]+)\s*</loc>|<xhtml:link\b[^>]*\bhref=\"([^\"]+)\"")
SITEMAP_SOURCE = "the sitemap (mkdocs-static-i18n and scripts/puente/sitemaps.py)"

HINTS = {
    "missing-page": "link to an existing page's Markdown file ([text](page.md)); if the page moved, "
                    "add the old address to redirect_maps in mkdocs.yml",
    "missing-file": "put the file under docs/ (images in docs/assets/) and link it relatively",
    "missing-anchor": "use an id the target page declares (## Heading {#id}) or drop the #fragment",
    "cross-language": "link the page in this language ([text](page.md)); to send readers to the other "
                      "language on purpose write [text](lang:en:page.md) (or lang:es:)",
    "bad-phone": "use [[tel:KEY]] with a number from data/contacts.yml (E.164, e.g. +18664879243)",
    "http": "use the https:// address",
    "bad-mailto": "write mailto:name@example.org",
    "bad-url": "check the address: https://host/path",
    "unknown-host": "cite an official source, or add its host to data/link-hosts.txt once checked",
    "unknown-scheme": "use https:, tel:, sms:, mailto: or a relative link to a page (lang:LL: links "
                      "must be written inside [text](...) in Markdown)",
    "redirect": "fix redirect_maps in mkdocs.yml: every old page must lead to an existing page",
    "redirect-loop": "fix redirect_maps in mkdocs.yml: the redirects point in a circle",
    "external": "update or remove the link (checked with --online)",
    "sitemap": "build the site with the site_url it is published at; report a sitemap bug",
}


@dataclass(slots=True, eq=False)
class Target:
    """What one attribute of a tag links to. The templates repeat the same tags on every page, so
    one Target is shared by every page carrying that tag (read-only; hashed by identity)."""
    tag: str
    attr: str
    url: str
    attrs: dict[str, str]
    in_content: bool | None  # None: depends on the tag's place (inside <article> or not)
    clean: str = field(init=False)   # the address without surrounding spaces
    scheme: str = field(init=False)  # "https", "tel", ...; "" for a relative address
    ups: int = field(init=False)     # "../../x/": 2, for a relative address that is plain after its "../"

    def __post_init__(self):
        self.clean = self.url.strip()
        self.scheme = scheme_of(self.clean)
        self.ups = ups_of(self.clean)


@dataclass(slots=True)
class Link:
    """One link on one page, as problems report it."""
    page: str          # URL path of the page carrying it, e.g. /en/derechos/salario/
    tag: str
    attr: str
    url: str
    offset: int
    in_content: bool
    attrs: dict[str, str]


@dataclass
class Page:
    path: str          # URL path
    file: Path
    text: str          # the HTML (read again from ``file`` when emptied)
    ids: set[str] = field(default_factory=set)
    # The links, in order: shared targets, and whether each is in the article (compact: a site's
    # links are not held as one object each).
    targets: list[Target] = field(default_factory=list)
    inside: bytearray = field(default_factory=bytearray)
    redirect: str | None = None  # resolved target of a meta refresh (mkdocs-redirects pages)
    _lines: list[int] | None = None
    _offsets: list[int] | None = None

    def link(self, index: int) -> Link:
        if self._offsets is None:
            self._offsets = link_offsets(self.source_text())
        target = self.targets[index]
        return Link(self.path, target.tag, target.attr, target.url, self._offsets[index],
                    bool(self.inside[index]), target.attrs)

    @property
    def links(self) -> list[Link]:
        return [self.link(index) for index in range(len(self.targets))]

    def source_text(self) -> str:
        if not self.text:
            self.text = self.file.read_text(encoding="utf-8", errors="replace")
        return self.text

    def line_of(self, offset: int) -> int:
        self.source_text()
        if self._lines is None:
            self._lines = [m.start() for m in re.finditer("\n", self.text)]
        return bisect_right(self._lines, offset - 1) + 1

    def link_text(self, link: Link) -> str:
        if link.tag != "a":
            return ""
        self.source_text()
        end = self.text.find("</a>", link.offset)
        inner = self.text[self.text.find(">", link.offset) + 1:end if end > 0 else link.offset]
        return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", inner)).split())


@dataclass
class Problem:
    kind: str
    page: str
    url: str
    message: str
    source: str = ""      # docs/x.es.md, or where a template link comes from
    line: int | None = None
    html_line: int = 0
    hint: str = ""
    link: Link | None = field(default=None, repr=False, compare=False)

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        url = self.url if len(self.url) <= 100 else self.url[:97] + "..."
        line = f", HTML line {self.html_line}" if self.html_line else ""
        return (f"{where}: {self.message} [{url}] (on {self.page}{line})\n"
                f"    fix: {self.hint or HINTS.get(self.kind, '')}")


@dataclass
class Report:
    pages: int = 0
    links: int = 0
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)
    external: dict[str, list[Page]] = field(default_factory=dict)  # address: the pages carrying it


def scheme_of(url: str) -> str:
    """``https`` for ``https://x``, ``tel`` for ``tel:+1...``; empty for a relative address."""
    head = url[:12].lower()
    colon = head.find(":")
    return head[:colon] if colon > 0 and SCHEME.fullmatch(head[:colon]) else ""


def ups_of(url: str) -> int:
    """How many folders up a relative address climbs before a plain rest (``../../x/y/#z``: 2);
    -1 when it has another form (its own ``./``, ``..`` later on, ``//``, or nothing after the
    ``../``). It then lands on ancestor number ``ups`` of the page's folder plus that rest."""
    path = url.partition("#")[0].partition("?")[0]
    ups = 0
    while path.startswith("../"):
        path, ups = path[3:], ups + 1
    if not path or "//" in path or any(part in (".", "..") for part in path.split("/")):
        return -1
    return ups


def folder_of(path: str) -> str:
    """The folder a page's relative links start from: ``/a/b/`` for ``/a/b/``, ``/`` for ``/404.html``."""
    return path if path.endswith("/") else posixpath.dirname(path).rstrip("/") + "/"


def url_path(site: Path, rel: str) -> str:
    """The URL path a built file is served at: ``en/sobre/index.html`` -> ``/en/sobre/``."""
    return "/" + (rel.removesuffix("index.html"))


def token_plan(match: re.Match) -> tuple | None:
    """What one token of ``TOKEN`` declares: ``(tag, ids, redirect, targets)`` with ``tag`` in
    lower case (``/article`` for the end of the article) and ``targets`` its links (a link
    preview's or meta refresh's never comes from the page's Markdown: ``in_content`` False); None
    when the token declares nothing (a comment, most tags)."""
    block_tag, block_raw, tag, raw, closing = match.groups()
    if closing:
        return "/article", (), None, ()
    tag, raw = (tag, raw) if tag is not None else (block_tag, block_raw)
    if tag is None:
        return None  # a comment
    tag = tag.lower()
    if not raw or not ("href" in raw or "src" in raw or "id=" in raw or "name=" in raw or "http-equiv" in raw
                       or "data=" in raw or "poster" in raw or ":url" in raw or ":image" in raw):
        return (tag, (), None, ()) if tag == "article" else None
    attrs = {}
    for name, v1, v2, v3 in ATTR.findall(raw):
        value = v1 or v2 or v3
        attrs[sys.intern(name.lower())] = html.unescape(value) if "&" in value else value
    ids = (attrs["id"],) if "id" in attrs else ()
    if tag == "a" and "name" in attrs:
        ids += (attrs["name"],)
    if tag == "meta" and attrs.get("property", attrs.get("name", "")) in PREVIEW_URLS and "content" in attrs:
        # link previews (Open Graph, Twitter cards): absolute URLs on our site_url
        return tag, ids, None, (Target(tag, "content", attrs["content"], attrs, False),)
    if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
        found = REFRESH_URL.search(attrs.get("content", ""))
        redirect = found.group(1).strip() if found else None
        return tag, ids, redirect, (Target(tag, "content", redirect, attrs, False),) if found else ()
    links = []
    for attr in LINK_ATTRS.intersection(attrs):
        if (attr == "data" and tag != "object") or (attr == "action" and tag != "form"):
            continue
        value = attrs[attr]
        urls = [part.split()[0] for part in value.split(",") if part.strip()] if attr == "srcset" else [value]
        links += (Target(tag, attr, url, attrs, None) for url in urls)
    return (tag, ids, None, tuple(links)) if ids or links or tag == "article" else None


PLANNED_TOKEN = 300  # longer tokens (a page's own script or style with its body) are read each time


@dataclass
class Plans:
    """``token_plan`` by token, across the pages of a site, whose templates repeat the same tags
    on every page; most of them declare nothing and are dropped before any Python code sees them."""
    known: dict[str, tuple] = field(default_factory=dict)
    nothing: set[str] = field(default_factory=set)


def parse(text: str, path: str, file: Path, plans: Plans | None = None) -> Page:
    """The ids and links of one page (pages share the cached targets). The tokens are the
    strings of ``SCAN``: the offsets of its links are found again only for a page with a problem
    (``Page.offset``)."""
    plans = Plans() if plans is None else plans
    known, nothing = plans.known, plans.nothing
    page = Page(path, file, text)
    ids, targets, inside = page.ids, page.targets, page.inside
    article = 0  # 1 inside the first <article>, 2 after it
    for token in [token for token in SCAN.findall(text) if token not in nothing]:
        plan = known.get(token)
        if plan is None:
            plan = token_plan(TOKEN.match(token))
            if len(token) <= PLANNED_TOKEN:
                if plan is None:
                    nothing.add(token)
                else:
                    known[token] = plan
            if plan is None:
                continue
        tag, tag_ids, redirect, links = plan
        if tag == "/article":
            article = 2 if article == 1 else article
            continue
        if tag == "article" and article == 0:
            article = 1
        if tag_ids:
            ids.update(tag_ids)
        if redirect is not None:
            page.redirect = redirect
        for target in links:
            targets.append(target)
            inside.append(article == 1 if target.in_content is None else target.in_content)
    return page


def link_offsets(text: str) -> list[int]:
    """The offset of each link ``parse`` finds in ``text``, in its order (for a problem's line)."""
    offsets = []
    for match in TOKEN.finditer(text):
        plan = token_plan(match)
        if plan is not None:
            offsets += [match.start()] * len(plan[3])
    return offsets


def load_hosts(path: Path) -> set[str]:
    if not path.is_file():
        return set()
    entries = (raw.split("#", 1)[0].strip().lower() for raw in path.read_text(encoding="utf-8").splitlines())
    return {entry for entry in entries if entry}


def edition_hosts(project: Path) -> set[str]:
    """The hosts a local edition's profile links to (its own site, its issue tracker, its local
    contacts' sites): the organization vouches for them in data/organization.yml."""
    from puente.core import organization
    from puente.core.contacts import ContactError

    try:
        profile = organization.load(project)
    except ContactError:
        return set()  # the build reports a bad profile
    return profile.hosts() if profile else set()


def host_allowed(host: str, hosts: set[str]) -> bool:
    parts = host.split(".")
    return any(".".join(parts[i:]) in hosts for i in range(len(parts) - 1))


@lru_cache(maxsize=1024)
def valid_phone(number: str) -> bool:
    digits = re.sub(r"[\s().-]", "", number)
    if not re.fullmatch(r"\+\d{6,15}", digits):
        return False
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(digits, None))
    except phonenumbers.NumberParseException:
        return False


WHATSAPP_HOSTS = ("wa.me", "api.whatsapp.com", "www.whatsapp.com")


def whatsapp_problem(host, split) -> tuple[str, str] | None:
    """A WhatsApp link naming a recipient must carry a valid number (share links name none)."""
    if host == "wa.me":
        number = split.path.strip("/")
    else:
        found = re.search(r"(?:^|&)phone=([^&]*)", split.query)
        number = unquote(found.group(1)) if found else ""
    if number and not valid_phone("+" + number.lstrip("+")):
        return "bad-phone", f"WhatsApp link to an invalid number '{number}'"
    return None


def tel_problem(rest: str) -> tuple[str, str] | None:
    number = unquote(rest)
    return None if valid_phone(number) else ("bad-phone", f"tel: link to an invalid number '{number}'")


def sms_problem(rest: str) -> tuple[str, str] | None:
    number = unquote(rest.split("?", 1)[0])
    if number and not all(valid_phone(n) for n in number.split(",")):
        return "bad-phone", f"sms: link to an invalid number '{number}'"
    return None  # with a valid recipient, or a share link without one (sms:?body=...)


def mailto_problem(rest: str) -> tuple[str, str] | None:
    addresses = unquote(rest.split("?", 1)[0])
    if not addresses and "?" in rest:
        return None  # a share link without a recipient
    if not addresses or not all(MAILTO.match(a.strip()) for a in addresses.split(",")):
        return "bad-mailto", f"malformed e-mail address '{addresses}'"
    return None


SCHEME_CHECKS = {"tel": tel_problem, "sms": sms_problem, "mailto": mailto_problem}


class Checker:
    def __init__(self, site: Path, *, languages: Languages, site_url: str | None = None,
                 hosts: set[str] | None = None, docs: Path | None = None, project: Path | None = None):
        self.site = Path(site)
        self.languages = languages
        self.default = languages.default
        self.others = set(languages.others)
        self.hosts = hosts if hosts is not None else set()
        self.project = project
        self.docs = docs
        self.pages: dict[str, Page] = {}
        self.files: set[str] = set()
        self.site_url = site_url
        self._resolved: dict[tuple[str, str], str] = {}
        self._canonical: dict[str, str | None] = {}
        self._external: set[Target] = set()  # targets on another site (the online check's list)
        self._depends_on_page = False

    # -- reading -------------------------------------------------------------------------------
    def read(self) -> None:
        root = str(self.site)
        html_files: list[tuple[str, Path]] = []
        for dirpath, _dirs, names in os.walk(root):
            rel_dir = os.path.relpath(dirpath, root)
            rel_dir = "" if rel_dir == "." else rel_dir.replace(os.sep, "/") + "/"
            for name in names:
                rel = rel_dir + name
                self.files.add(rel)
                if name.endswith(".html") and not rel.startswith("assets/"):
                    html_files.append((url_path(self.site, rel), Path(dirpath) / name))
        plans = Plans()
        for path, file in html_files:
            page = self.pages[path] = parse(file.read_text(encoding="utf-8", errors="replace"), path, file, plans)
            page.text = ""  # read again for the few pages with a problem: the site is not held in memory
        if self.site_url is None:
            home = self.pages.get("/")
            found = home and re.search(r'<link rel="canonical" href="([^"]+)"', home.source_text())
            self.site_url = found.group(1) if found else ""
        split = urlsplit(self.site_url or "")
        self._own_host, self._own_base = split.netloc.lower(), split.path or "/"

    # -- helpers ---------------------------------------------------------------------------------
    def language_of(self, path: str) -> str:
        first = path.lstrip("/").split("/", 1)[0]
        return first if first in self.others else self.default

    def is_page(self, path: str) -> bool:
        return path.endswith("/") or path.endswith(".html")

    def resolve(self, base: str, url: str) -> str:
        """A site URL path (with query/fragment kept) for ``url`` written on page ``base``."""
        key = (base, url)
        if key not in self._resolved:
            if url.startswith("/"):
                path, sep, rest = url.partition("#")
                # A site published under a sub-path (site_url https://x.github.io/repo/): its
                # root-absolute links (the error pages') start with that path; the built folder does not.
                prefix = self._own_base.rstrip("/")
                if prefix and (path == prefix or path.startswith(prefix + "/")):
                    path = path[len(prefix):] or "/"
                joined = posixpath.normpath(path) + ("/" if path.endswith(("/", "/.")) and path != "/" else "")
                joined += sep + rest
            else:
                path, sep, rest = url.partition("#")
                path, qsep, query = path.partition("?")
                directory = folder_of(base)
                if path:
                    trailing = path.endswith("/") or path.endswith("/.") or path in (".", "..") \
                        or path.endswith("/..")
                    joined = posixpath.normpath(directory + path)
                    if trailing and not joined.endswith("/"):
                        joined += "/"
                else:
                    joined = base
                joined += qsep + query + sep + rest
            self._resolved[key] = joined
        return self._resolved[key]

    def target_file(self, path: str) -> str | None:
        """The file of the site serving URL ``path`` (no query/fragment), or None."""
        rel = unquote(path).lstrip("/")
        if rel == "" or rel.endswith("/"):
            rel += "index.html"
            return rel if rel in self.files else None
        if rel in self.files:
            return rel
        return rel + "/index.html" if rel + "/index.html" in self.files else None

    def follow(self, path: str) -> tuple[str, list[str], bool]:
        """Follow redirect pages from ``path``: (final path, chain, looped)."""
        chain = [path]
        while path in self.pages and self.pages[path].redirect is not None:
            page = self.pages[path]
            target = self.resolve(page.path, page.redirect).split("#")[0]
            if target in chain:
                return target, [*chain, target], True
            chain.append(target)
            path = target
            rel = self.target_file(path)
            if rel is None:
                break
            path = url_path(self.site, rel)
        return path, chain, False

    # -- checking --------------------------------------------------------------------------------
    def check(self) -> Report:
        start = time.perf_counter()
        if not self.pages:
            self.read()
        report = Report(pages=len(self.pages))
        # A link that passed on one page passes on every page of the same language whose same tag
        # lands on the same address (the templates repeat their links on every page): keyed by
        # (target, language, where it is resolved from), only when the verdict did not depend on
        # the page itself (a redirect page, a stand-in, a 404 page). Problems are never remembered.
        passed: set[tuple] = set()
        resolve = self.resolve
        for page in self.pages.values():
            self._resolved.clear()  # addresses are resolved against one page: kept for its links only
            language = self.language_of(page.path)
            plain = page.redirect is None
            # The page's folder and its ancestors: "../../x/" lands on ancestor 2 + "x/" (Target.ups).
            parts = folder_of(page.path)[:-1].split("/")
            ancestors = ["/".join(parts[:len(parts) - up]) + "/" for up in range(len(parts))]
            report.links += len(page.targets)
            for index, target in enumerate(page.targets):
                url, scheme = target.clean, target.scheme
                if scheme or url.startswith("/"):
                    context = None  # the same address from every page
                elif target.ups >= 0:
                    context = ancestors[min(target.ups, len(ancestors) - 1)]
                else:
                    context = resolve(page.path, url)
                key = (target, language, context)
                if plain and key in passed:
                    if target in self._external:
                        report.external.setdefault(url, []).append(page)
                    continue
                self._depends_on_page = not plain
                problem = self.check_link(page, target, url, scheme, report)
                if problem:
                    problem.link = page.link(index)
                    problem.html_line = page.line_of(problem.link.offset)
                    report.problems.append(problem)
                elif not self._depends_on_page:
                    passed.add(key)
        report.problems += self.check_sitemaps()
        report.seconds = time.perf_counter() - start
        if self.docs is not None:
            from puente.checks import link_sources

            link_sources.locate(report.problems, self, self.docs, self.project)
        return report

    def check_sitemaps(self) -> list[Problem]:
        """Every address a sitemap lists (``<loc>`` and its alternates) is served."""
        problems = []
        own = (self.site_url or "").rstrip("/")
        for rel in sorted(f for f in self.files if f.endswith("sitemap.xml")):
            text = (self.site / rel).read_text(encoding="utf-8", errors="replace")
            for found in dict.fromkeys(m.group(1) or m.group(2) for m in SITEMAP_URL.finditer(text)):
                url = html.unescape(found)
                if not own or not url.startswith(own + "/"):
                    problems.append(Problem("sitemap", "/" + rel, url, "sitemap address outside site_url "
                                            f"{self.site_url}", source=SITEMAP_SOURCE))
                elif self.target_file(url[len(own):].split("#")[0]) is None:
                    problems.append(Problem("sitemap", "/" + rel, url, "the sitemap lists a page that does "
                                            "not exist", source=SITEMAP_SOURCE))
        return problems

    def check_link(self, page: Page, link: Target, url: str, scheme: str, report: Report) -> Problem | None:
        if not url or url == "#":
            return None
        if scheme in ("http", "https"):
            return self.check_absolute(page, link, url, scheme, report)
        if scheme:
            return self.check_scheme(page, link, url, scheme)
        return self.check_internal(page, link, self.resolve(page.path, url))

    def check_absolute(self, page, link, url, scheme, report) -> Problem | None:
        try:
            split = urlsplit(url)
            host = (split.hostname or "").lower()
        except ValueError:
            return Problem("bad-url", page.path, url, "malformed address")
        local = self.own_path(split, host) if scheme == "https" else None
        if local is not None:
            local += ("?" + split.query if split.query else "") + ("#" + split.fragment if split.fragment else "")
            return self.check_internal(page, link, local)
        if scheme == "http":
            found = ("http", "plain http:// link")
        elif not HOST.match(host) or " " in url:
            found = ("bad-url", "malformed address")
        elif host in WHATSAPP_HOSTS:
            found = whatsapp_problem(host, split)
        elif not host_allowed(host, self.hosts):
            found = ("unknown-host", f"external host '{host}' is not on the allowlist")
        else:
            found = None
            self._external.add(link)
            report.external.setdefault(url, []).append(page)
        return Problem(found[0], page.path, url, found[1]) if found else None

    def check_scheme(self, page, link, url, scheme) -> Problem | None:
        rest = url[len(scheme) + 1:]
        if scheme in SCHEME_CHECKS:
            found = SCHEME_CHECKS[scheme](rest)
        elif scheme == "data" and link.tag != "a":  # inline images and icons
            found = None
        else:
            found = ("unknown-scheme", f"link with unsupported scheme '{scheme}:'")
        return Problem(found[0], page.path, url, found[1]) if found else None

    def check_internal(self, page: Page, link: Target, resolved: str) -> Problem | None:
        path, _, fragment = resolved.partition("#")
        path = path.split("?", 1)[0]
        rel = self.target_file(path)
        if rel is None:
            kind = "missing-page" if self.is_page(path) or "." not in path.rsplit("/", 1)[-1] else "missing-file"
            return Problem(kind, page.path, link.url, f"link to {path}, which does not exist")
        if link.tag == "meta" and link.attrs.get("http-equiv", "").lower() == "refresh":
            return self.check_redirect_page(page)
        if page.redirect is not None:
            return None  # its canonical link and body link repeat the meta refresh
        target_path, problem = self.through_redirects(page, link, url_path(self.site, rel))
        target = self.pages.get(target_path)
        if problem is None and target is not None and self.is_page(target_path):
            own, theirs = self.language_of(page.path), self.language_of(target_path)
            if own != theirs and not self.cross_language_allowed(link, theirs):
                self._depends_on_page = True  # allowed only on a 404 page, or on a stand-in
                allowed = (page.path.endswith("/404.html") and self.lists_languages(link, theirs)) or (
                    self.same_page(page.path, target_path) and self.stands_in_for(page) == target_path)
                if not allowed:
                    problem = Problem("cross-language", page.path, link.url,
                                      f"a {own} page links to the {theirs} page {target_path}")
        if problem is None and fragment and target is not None and unquote(fragment) not in target.ids:
            problem = Problem("missing-anchor", page.path, link.url,
                              f"#{unquote(fragment)} is not an id on {target_path}")
        return problem

    def through_redirects(self, page: Page, link: Target, target_path: str) -> tuple[str, Problem | None]:
        """The page a link finally lands on when it points at a redirect page."""
        if target_path not in self.pages or self.pages[target_path].redirect is None:
            return target_path, None
        final, chain, looped = self.follow(target_path)
        if looped:
            return target_path, Problem("redirect-loop", page.path, link.url, "redirect loop: " + " -> ".join(chain))
        if self.target_file(final) is None:
            return target_path, Problem("redirect", page.path, link.url, f"redirects to {final}, which does not exist")
        return url_path(self.site, self.target_file(final)), None

    def check_redirect_page(self, page: Page) -> Problem | None:
        final, chain, looped = self.follow(page.path)
        if looped:
            return Problem("redirect-loop", page.path, page.redirect, "redirect loop: " + " -> ".join(chain))
        if self.target_file(final) is None:
            return Problem("redirect", page.path, page.redirect, f"redirect to {final}, which does not exist")
        target = self.target_file(final)
        fragment = self.resolve(page.path, page.redirect).partition("#")[2]
        target_page = self.pages.get(url_path(self.site, target))
        if fragment and target_page is not None and unquote(fragment) not in target_page.ids:
            return Problem("missing-anchor", page.path, page.redirect,
                           f"redirect to #{fragment}, which is not an id on {final}")
        if self.language_of(page.path) != self.language_of(final):
            return Problem("cross-language", page.path, page.redirect,
                           f"a {self.language_of(page.path)} address redirects to the "
                           f"{self.language_of(final)} page {final}", hint=HINTS["redirect"])
        return None

    def stands_in_for(self, page: Page) -> str | None:
        """The page another language's page stands in for: the one its canonical link names. A
        page not yet translated is the original under the other language's address (with a
        notice); its canonical link, link preview and share link all name the original, which is
        not a link into the other language. A translated page names itself."""
        if page.path not in self._canonical:
            found = None
            for target in page.targets:
                if target.tag == "link" and target.attrs.get("rel") == "canonical":
                    found = self.local_path(page, target.url.strip())
                    break
            self._canonical[page.path] = found
        return self._canonical[page.path]

    def local_path(self, page: Page, url: str) -> str | None:
        """The path of the built page that ``url`` (written on ``page``) addresses, or None when it
        is not one of ours."""
        if url.lower().startswith(("http:", "https:")):
            try:
                split = urlsplit(url)
                url = self.own_path(split, (split.hostname or "").lower())
            except ValueError:
                return None
            if url is None:
                return None
        rel = self.target_file(self.resolve(page.path, url).partition("#")[0].split("?", 1)[0])
        return url_path(self.site, rel) if rel else None

    def own_path(self, split, host: str) -> str | None:
        """The site path of an absolute address on our own ``site_url`` (``https://x.org/repo/a/``
        -> ``/a/`` when the site is published at ``/repo/``), or None when it is elsewhere."""
        own_base = self._own_base.rstrip("/")
        if host != self._own_host or not (split.path.startswith(own_base + "/") or split.path == own_base):
            return None
        return "/" + split.path[len(own_base):].lstrip("/")

    def same_page(self, one: str, other: str) -> bool:
        """Whether two URL paths are one page in two languages (/en/sobre/ and /sobre/):
        a fallback page names its original as canonical."""
        def neutral(path):
            first, _, rest = path.lstrip("/").partition("/")
            return "/" + rest if first in self.others else path
        return neutral(one) == neutral(other)

    @staticmethod
    def cross_language_allowed(link: Target, target_lang: str) -> bool:
        classes = link.attrs.get("class", "").split()
        if link.tag == "a" and "md-select__link" in classes:
            return True  # Material's language switcher
        if link.tag == "link" and link.attrs.get("rel") == "alternate" and link.attrs.get("hreflang"):
            return True
        # The project's cross-language links (crosslang).
        return Checker.lists_languages(link, target_lang) and CROSS_LANGUAGE_CLASS in classes

    @staticmethod
    def lists_languages(link: Target, target_lang: str) -> bool:
        """A link to the page in ``target_lang`` that says so (the 404 pages' language list)."""
        return link.tag == "a" and link.attrs.get("hreflang") == target_lang


def run(site: Path, *, project: Path, docs: Path | None = None, **options) -> Report:
    """Check ``site`` (built from ``project``, whose mkdocs.yml says which languages there are);
    problems are located in ``docs`` (default ``project/docs``)."""
    options.setdefault("languages", Project(Path(project)).languages)
    hosts = load_hosts(project / HOSTS_FILE) | edition_hosts(project)
    checker = Checker(site, hosts=hosts, docs=docs or project / "docs",
                      project=project, **options)
    return checker.check()
