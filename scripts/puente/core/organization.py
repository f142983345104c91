"""A local edition's organization profile (``data/organization.yml``): who prints this copy.

A worker center, union or consulate that publishes its own copy of the site writes one file,
``data/organization.yml``, which the upstream project never has nor touches: a fork merges our
updates without a conflict. The profile is optional; without it the site is exactly upstream's.

    name:        the organization's name: text, or text per language (es, en)   (required)
    description  one or two sentences, text or per language (at most 200 characters)
    logo         an SVG or PNG file under docs/assets/ (e.g. assets/edition/logo.svg)
    phone        E.164, validated like the contacts registry ("+17135550123")
    whatsapp     optional WhatsApp number, E.164
    address      text, or text per language
    hours        text, or text per language
    web          the organization's web site (https://host/...)
    email        its email address
    report       where readers report a mistake: an email address or an https issue-tracker URL
                 (overrides ``extra: report:`` in mkdocs.yml)
    contacts     local contacts (legal aid, the nearest consulate): keys starting with "local-",
                 each with exactly the fields and rules of data/contacts.yml

Plain-text fields are text: markup (``<b>``, ``{{ }}``, ``[link](...)``, ``&amp;``) is refused.
Every problem is reported as ``data/organization.yml:LINE: message. fix``. No MkDocs import here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from email.errors import HeaderParseError
from email.headerregistry import Address
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

from puente.core import svg_safety
from puente.core.contacts import (
    Contact,
    ContactError,
    PerLanguage,
    Phone,
    Registry,
    parse_contact,
    parse_phone,
    read_yaml,
)
from puente.core.languages import COMPLETE as LANGS

PATH = Path("data/organization.yml")
SHOWN = PATH.as_posix()
TEMPLATE = Path(__file__).with_name("organization-template.yml")
LOCAL_PREFIX = "local-"      # local contact keys: upstream's registry never uses it, so no key clash
DESCRIPTION_MAX = 200
LOGO_TYPES = {".svg": "SVG", ".png": "PNG"}
FIELDS = ("name", "description", "logo", "phone", "whatsapp", "address", "hours", "web", "email", "report",
          "contacts")
# The fields of a registry entry (data/contacts.yml's header); local contacts may use exactly these.
CONTACT_FIELDS = ("group", "name", "handles", "phone", "vanity", "tty", "dial_from", "hours", "web", "source",
                  "checked", "status", "historical_number", "historical_date", "flyer", "pocket_card",
                  "directory_only")
CONTACT_TEXT = ("name", "handles", "hours", "source", "vanity", "historical_number")
LANG_CODE = re.compile(r"[a-z]{2,3}")
HOST = re.compile(r"(?=.{1,253}\Z)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")
MARKUP = re.compile(r"[<>{}`]|\[\[|\]\(|&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);", re.IGNORECASE)
URL_FORBIDDEN = re.compile(r"[\s\"'<>`{}|\\^]")


class OrganizationError(ContactError):
    """A problem in the profile: ``data/organization.yml:LINE: message. fix``."""

    def __init__(self, line: int, message: str, hint: str = ""):
        super().__init__(SHOWN, line, message, hint)


@dataclass(frozen=True)
class Organization:
    name: PerLanguage
    line: int = 1
    description: PerLanguage = field(default_factory=PerLanguage)
    logo: str | None = None          # relative to docs/: "assets/edition/logo.svg"
    logo_size: tuple[int, int] | None = None  # its width and height (the image's aspect ratio)
    phone: Phone | None = None
    whatsapp: Phone | None = None
    address: PerLanguage = field(default_factory=PerLanguage)
    hours: PerLanguage = field(default_factory=PerLanguage)
    web: str | None = None
    email: str | None = None
    report: str | None = None        # an email address or an https URL
    contacts: tuple[Contact, ...] = ()

    @property
    def whatsapp_link(self) -> str | None:
        """``https://wa.me/<digits>``, WhatsApp's own click-to-chat address."""
        return f"https://wa.me/{self.whatsapp.e164.lstrip('+')}" if self.whatsapp else None

    @property
    def web_text(self) -> str | None:
        """The web address as people read it: ``centro.example.org/ayuda``."""
        if not self.web:
            return None
        return self.web.removeprefix("https://").removeprefix("www.").rstrip("/")

    def hosts(self) -> set[str]:
        """The web hosts this profile links to (its site, its issue tracker, its contacts' sites)."""
        urls = [self.web, self.report, *(c.web for c in self.contacts)]
        return {urlsplit(url).hostname for url in urls if url and url.startswith("https://")}

    def numbers(self) -> set[str]:
        """Every E.164 number the profile publishes (its phone, WhatsApp and local contacts)."""
        phones = [self.phone, self.whatsapp, *(p for c in self.contacts for p in (c.phone, c.tty))]
        return {phone.e164 for phone in phones if phone}


# --- Field checks -------------------------------------------------------------------------------

def _lines_of(value) -> dict:
    return value.get("__lines__", {}) if isinstance(value, dict) else {}


def check_plain(line: int, what: str, text: str, path: str = SHOWN) -> str:
    """``text`` unless it carries markup; the site adds all formatting itself."""
    found = MARKUP.search(text)
    if found:
        raise ContactError(path, line, f"{what} is plain text, but it contains markup ({found.group(0)!r})",
                           "Write the words only: no HTML, Markdown links, {{ }} or &entities;")
    if any(ord(ch) < 32 and ch not in "\n\t" for ch in text):
        raise ContactError(path, line, f"{what} contains a control character", "Write plain text")
    return text


def _tidy(text: str) -> str:
    """Spaces collapsed in each line; line breaks kept (an address may have several lines)."""
    return "\n".join(" ".join(line.split()) for line in text.strip().splitlines() if line.strip())


def _text(value, line: int, what: str, required_langs=LANGS) -> PerLanguage:
    """Text for every language (a plain string), or a mapping of language -> text. A mapping
    needs the required languages; a language added later falls back to Spanish."""
    lines = _lines_of(value)
    if isinstance(value, str):
        text = _tidy(value)
        if not text:
            raise OrganizationError(line, f"'{what}' is empty", "Write the text or remove the field")
        return PerLanguage({lang: check_plain(line, f"'{what}'", text) for lang in LANGS})
    if not isinstance(value, dict):
        raise OrganizationError(line, f"'{what}' must be text, or text per language ({', '.join(LANGS)})",
                                f"e.g. {what}: {{es: ..., en: ...}}")
    texts = PerLanguage()
    for lang, text in value.items():
        if lang == "__lines__":
            continue
        at = lines.get(lang, line)
        if not isinstance(lang, str) or not LANG_CODE.fullmatch(lang):
            raise OrganizationError(at, f"'{what}': '{lang}' is not a language code",
                                    f"Use language codes such as {', '.join(LANGS)}")
        if not isinstance(text, str) or not text.strip():
            raise OrganizationError(at, f"'{what}' in '{lang}' must be text", "Write the text in quotes")
        texts[lang] = check_plain(at, f"'{what}' ({lang})", _tidy(text))
    missing = [lang for lang in required_langs if lang not in texts]
    if missing:
        raise OrganizationError(line, f"'{what}' needs text in {', '.join(missing)}",
                                f"Add {missing[0]}: ... under {what}:, or give one text for every language")
    return texts


def https_url(value, line: int, what: str, path: str = SHOWN) -> str:
    """An ``https://host/...`` address: a real host, no spaces, quotes or credentials."""
    text = str(value).strip() if isinstance(value, str) else ""
    problem = None
    if not text:
        problem = "is not an address"
    elif URL_FORBIDDEN.search(text):
        problem = "contains a space, a quote or a character not allowed in an address"
    else:
        parts = urlsplit(text)
        if parts.scheme != "https":
            problem = "must start with https://"
        elif parts.username or parts.password or ":" in parts.netloc or not HOST.fullmatch(parts.hostname or ""):
            problem = "needs a host name (https://host.example/...), without user, password or port"
    if problem:
        raise ContactError(path, line, f"{what} {problem}: {text!r}", "Write it as https://host.example/path")
    return text


def email_address(value, line: int, what: str, path: str = SHOWN) -> str:
    text = str(value).strip().removeprefix("mailto:") if isinstance(value, str) else ""
    try:
        address = Address(addr_spec=text) if text and not URL_FORBIDDEN.search(text) else None
    except (HeaderParseError, ValueError, IndexError):
        address = None
    if address is None or address.addr_spec != text or not HOST.fullmatch(address.domain.lower()):
        raise ContactError(path, line, f"{what} {text!r} is not an email address", "Write it as name@example.org")
    return text


def report_address(value, line: int, path: str = SHOWN, what: str = "'report'") -> str:
    """Where readers report mistakes: an https issue-tracker URL or an email address."""
    if isinstance(value, str) and value.strip().startswith(("https:", "http:")):
        url = https_url(value, line, what, path)
        if urlsplit(url).fragment:
            raise ContactError(path, line, f"{what} must not end in a #fragment: {url!r}",
                               "Give the address of the new-issue form, e.g. https://github.com/OWNER/REPO/issues/new")
        return url
    return email_address(value, line, what, path)


SVG_TAG = re.compile(rb"<svg\b[^>]*>", re.IGNORECASE)
SVG_VIEWBOX = re.compile(rb'viewBox\s*=\s*["\']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*["\']')
SVG_SIZE = re.compile(rb'\b(width|height)\s*=\s*["\']\s*([\d.]+)(?:px)?\s*["\']')


def _logo_size(data: bytes, kind: str) -> tuple[int, int] | None:
    """Width and height in pixels (PNG) or user units (SVG: its viewBox, else width/height)."""
    if kind == "PNG":
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    tag = SVG_TAG.search(data)
    if tag is None:
        return None
    box = SVG_VIEWBOX.search(tag.group(0))
    sizes = dict(SVG_SIZE.findall(tag.group(0)))
    width, height = (box.group(1), box.group(2)) if box else (sizes.get(b"width"), sizes.get(b"height"))
    try:
        size = round(float(width)), round(float(height))
    except (TypeError, ValueError):
        return None
    return size if min(size) > 0 else None


def _logo(value, line: int, docs_dir: Path) -> tuple[str, tuple[int, int]]:
    text = str(value).strip().removeprefix("docs/") if isinstance(value, str) else ""
    relative = Path(text)
    suffix = relative.suffix.lower()
    if not text.startswith("assets/") or ".." in relative.parts or suffix not in LOGO_TYPES:
        raise OrganizationError(line, f"'logo' must be an SVG or PNG file under docs/assets/, not {value!r}",
                                "Put the file in docs/assets/edition/ and write logo: assets/edition/logo.svg")
    file = docs_dir / relative
    if not file.is_file():
        raise OrganizationError(line, f"'logo': docs/{text} does not exist",
                                "Copy the logo there, or correct the path")
    data = file.read_bytes()
    kind = LOGO_TYPES[suffix]
    good = data.startswith(b"\x89PNG\r\n\x1a\n") if kind == "PNG" else b"<svg" in data[:4096]
    if not good:
        raise OrganizationError(line, f"'logo': docs/{text} is not a {kind} file", f"Save the logo as {kind}")
    unsafe = svg_safety.problem(data) if kind == "SVG" else None
    if unsafe:
        raise OrganizationError(line, f"'logo': docs/{text}:{unsafe[0]}: this SVG {unsafe[1]}",
                                "Save the logo as a plain drawing (no scripts, event handlers, links or "
                                "references to other files)")
    size = _logo_size(data, kind)
    if size is None:
        raise OrganizationError(line, f"'logo': docs/{text} does not say its size",
                                "Save the SVG with a viewBox (or width and height) on its <svg> element")
    return relative.as_posix(), size


def _local_contacts(value, line: int) -> tuple[Contact, ...]:
    if not isinstance(value, dict):
        raise OrganizationError(line, "'contacts' must be a mapping of contact keys",
                                "e.g. contacts:\\n  local-legal-aid:\\n    group: pay ...")
    lines = _lines_of(value)
    found = []
    for key, raw in value.items():
        if key == "__lines__":
            continue
        at = lines.get(key, line)
        if not isinstance(key, str) or not key.startswith(LOCAL_PREFIX) or not re.fullmatch(r"[a-z0-9-]+", key):
            raise OrganizationError(at, f"local contact key '{key}' must start with '{LOCAL_PREFIX}' "
                                    "(lowercase letters, digits and hyphens)",
                                    f"Rename it, e.g. '{LOCAL_PREFIX}legal-aid': the upstream registry never "
                                    "uses that prefix, so its keys never clash with yours")
        if not isinstance(raw, dict):
            raise OrganizationError(at, f"contact '{key}' must be a mapping of fields",
                                    "See the field list in data/contacts.yml")
        fields = _lines_of(raw)
        for name in raw:
            if name != "__lines__" and name not in CONTACT_FIELDS:
                raise OrganizationError(fields.get(name, at), f"contact '{key}': unknown field '{name}'",
                                        f"Use the registry's fields: {', '.join(CONTACT_FIELDS)}")
        for name in CONTACT_TEXT:
            text = raw.get(name)
            if isinstance(text, dict):
                for lang, words in text.items():
                    if lang != "__lines__" and isinstance(words, str):
                        check_plain(_lines_of(text).get(lang, fields.get(name, at)),
                                    f"contact '{key}': '{name}' ({lang})", words)
            elif isinstance(text, str):
                check_plain(fields.get(name, at), f"contact '{key}': '{name}'", text)
        found.append(replace(parse_contact(SHOWN, key, raw, at), local=True))
    return tuple(found)


# --- Loading --------------------------------------------------------------------------------------

def load(root: Path) -> Organization | None:
    """The profile of the project at ``root``, or None when it has none (upstream)."""
    path = Path(root) / PATH
    if not path.is_file():
        return None
    return parse(read_yaml(path, shown=SHOWN), Path(root) / "docs")


def parse(data, docs_dir: Path) -> Organization:
    if data is None:
        raise OrganizationError(1, "the profile is empty", "Fill in at least 'name' (make edition writes a "
                                "commented template), or delete the file")
    if not isinstance(data, dict):
        raise OrganizationError(1, "the profile must be a mapping of fields (name: ..., phone: ...)",
                                "Start from the template: delete the file and run make edition")
    lines = data.get("__lines__", {})

    def at(name: str) -> int:
        return lines.get(name, 1)

    for name in data:
        if name != "__lines__" and name not in FIELDS:
            raise OrganizationError(at(name), f"unknown field '{name}'", f"Known fields: {', '.join(FIELDS)}")
    if data.get("name") in (None, ""):
        raise OrganizationError(1, "'name' is missing: the organization's name is required",
                                "Add name: with the name for each language (es:, en:), or one name for all")
    values: dict = {"name": _text(data["name"], at("name"), "name"), "line": 1}
    for name in ("description", "address", "hours"):
        if data.get(name) is not None:
            values[name] = _text(data[name], at(name), name)
    if "description" in values and any(len(t) > DESCRIPTION_MAX for t in values["description"].values()):
        raise OrganizationError(at("description"), f"'description' is longer than {DESCRIPTION_MAX} characters",
                                "Keep it to one or two short sentences")
    for name in ("phone", "whatsapp"):
        if data.get(name) is not None:
            values[name] = parse_phone(SHOWN, at(name), None, f"'{name}'", data[name])
    if data.get("logo") is not None:
        values["logo"], values["logo_size"] = _logo(data["logo"], at("logo"), docs_dir)
    if data.get("web") is not None:
        values["web"] = https_url(data["web"], at("web"), "'web'")
    if data.get("email") is not None:
        values["email"] = email_address(data["email"], at("email"), "'email'")
    if data.get("report") is not None:
        values["report"] = report_address(data["report"], at("report"))
    if data.get("contacts") is not None:
        values["contacts"] = _local_contacts(data["contacts"], at("contacts"))
    return Organization(**values)


def with_local_contacts(registry: Registry, organization: Organization | None) -> Registry:
    """The registry with the profile's local contacts after its own (pages cite both by key)."""
    if organization is None or not organization.contacts:
        return registry
    merged = Registry(registry)
    merged.path = registry.path
    for contact in organization.contacts:
        if contact.key in registry:
            raise OrganizationError(contact.line, f"local contact '{contact.key}' has the key of a contact in "
                                    f"{registry.path.name}", "Rename the local contact")
        merged[contact.key] = contact
    return merged


# --- The error-report link ------------------------------------------------------------------------

def report_href(address: str, subject: str, body: str) -> str:
    """A link to ``address`` prefilled with ``subject`` and ``body``: ``mailto:`` with
    ``subject``/``body`` (RFC 6068), or the issue tracker's ``?title=...&body=...``."""
    fields = {"title": subject, "body": body} if address.startswith("https://") else {"subject": subject, "body": body}
    query = urlencode(fields, quote_via=quote)
    if address.startswith("https://"):
        return f"{address}{'&' if urlsplit(address).query else '?'}{query}"
    return f"mailto:{quote(address, safe='@')}?{query}"
