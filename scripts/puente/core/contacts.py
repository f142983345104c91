"""The contacts registry (``data/contacts.yml``): load, validate and format contacts.

The registry is the only place phone numbers and web addresses live; pages refer to contacts by
key. Every problem is reported with the file, the line and what to do.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import phonenumbers

from puente.core import lineyaml
from puente.core import text as plain
from puente.core.front_matter import FrontMatter, Source, parse_date
from puente.core.languages import COMPLETE

REGISTRY = Path("data/contacts.yml")
# Contacts checked longer ago than this are listed by every build and test run (a report, not a
# failure). Default 12 months; set CONTACT_MAX_AGE_DAYS in the environment to change it.
STALE_AFTER_DAYS = int(os.environ.get("CONTACT_MAX_AGE_DAYS", "365"))
STATUSES = ("verified", "check", "historical")
GROUPS = ("pay", "safety", "discrimination", "organizing", "injury", "mexico", "consulate", "historical")
REGIONS = ("US", "MX")


class ContactError(Exception):
    def __init__(self, path: Path | str, line: int, message: str, hint: str = ""):
        self.path, self.line = str(path), line
        text = f"{path}:{line}: {message}"
        super().__init__(f"{text}. {hint}" if hint else text)


@dataclass(frozen=True)
class Phone:
    e164: str
    region: str

    @property
    def display(self) -> str:
        """The national form readers know: 1-866-487-9243 in the U.S., 800 911 7877 in Mexico."""
        number = phonenumbers.parse(self.e164)
        if number.country_code == 1:
            digits = str(number.national_number)
            return f"1-{digits[:3]}-{digits[3:6]}-{digits[6:]}"
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)

    def display_from(self, region: str) -> str:
        """How to dial it from another country (``00 1 520-623-7874`` from Mexico)."""
        return phonenumbers.format_out_of_country_calling_number(phonenumbers.parse(self.e164), region)


@dataclass(frozen=True)
class Contact:
    key: str
    line: int
    group: str
    name: dict[str, str]
    handles: dict[str, str]
    source: str
    checked: dt.date
    status: str
    phone: Phone | None = None
    tty: Phone | None = None
    vanity: str | None = None
    dial_from: tuple[str, ...] = ()
    hours: dict[str, str] = field(default_factory=dict)
    web: str | None = None
    historical_number: str | None = None
    historical_date: dt.date | None = None
    flyer: bool = False
    pocket_card: bool = False
    directory_only: bool = False
    local: bool = False  # from a local edition's profile (data/organization.yml), not this registry

    @property
    def callable(self) -> bool:
        return self.phone is not None and self.status != "historical"


def parse_phone(path, line, key, field_name, value) -> Phone:
    """A validated number written in E.164 (``"+18664879243"``), or a ContactError at ``path:line``."""
    text = str(value)
    try:
        number = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not text.startswith("+") or not phonenumbers.is_valid_number(number):
        owner = f"contact '{key}': " if key else ""
        raise ContactError(path, line, f"{owner}{field_name} {text!r} is not a valid phone number",
                           "Write it in E.164 form, e.g. \"+18664879243\", and check it against the source")
    if phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.PREMIUM_RATE:
        owner = f"contact '{key}': " if key else ""
        raise ContactError(path, line, f"{owner}{field_name} {text!r} is a premium-rate number (the caller pays "
                           "by the minute)", "Check it against the source: help lines are toll-free or "
                           "ordinary numbers")
    region = phonenumbers.region_code_for_number(number)
    if number.country_code == 1 and region != "US":
        # Shown as 1-809-555-0123, it reads as a U.S. number, but a call is international (billed by
        # the minute: the "809" scam). The site lists U.S. and Mexican numbers.
        owner = f"contact '{key}': " if key else ""
        raise ContactError(path, line, f"{owner}{field_name} {text!r} is not a U.S. number (region {region}): it "
                           "looks like one, but a call from the U.S. is international", "Check it against the "
                           "source: the site lists U.S. numbers (+1) and Mexican numbers (+52)")
    return Phone(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), region)


KEYPAD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "22233344455566677778889999")


def spells(vanity: str, phone: Phone) -> bool:
    """Whether ``vanity`` dials ``phone`` on a keypad: ``1-866-4-USWAGE`` (or ``866-4-USWAGE``,
    without the country code) is +18664879243. Letters after the number are allowed, as agencies
    write them (``1-800-RED-CROSS`` has one more than a phone dials); digits are not: a vanity
    never carries a second number."""
    text = str(vanity)
    number = phonenumbers.parse(phone.e164)
    national, country = str(number.national_number), str(number.country_code)
    keys = [(index, char) for index, char in enumerate(text) if char.isascii() and char.isalnum()]
    keyed = "".join(char.upper().translate(KEYPAD) for _, char in keys)
    for expected in (country + national, national):
        if keyed.startswith(expected):
            rest = text[keys[len(expected) - 1][0] + 1:]
            return not any(char.isdigit() for char in rest)
    return False


class PerLanguage(dict):
    """Text per language; a language added later (``make i18n-add``) without its own text here
    gets the Spanish, like its pages falling back to the Spanish original."""

    def __missing__(self, lang: str) -> str:
        return self[COMPLETE[0]]   # the original language


def _text(path, line, key, field_name, value) -> str:
    """A plain-text field (``core.text``): markup, quotes and references are refused here."""
    problem = plain.text_problem(value)
    if problem:
        raise ContactError(path, line, f"contact '{key}': '{field_name}' {problem}", plain.TEXT_HINT)
    return value


def _per_language(path, line, key, field_name, value, required=True) -> dict[str, str]:
    if value is None and not required:
        return {}
    if not isinstance(value, dict) or any(not isinstance(value.get(lang), str) for lang in COMPLETE):
        raise ContactError(path, line, f"contact '{key}': '{field_name}' needs text for {', '.join(COMPLETE)}")
    lines = value.get("__lines__", {})
    # an empty text (a language scaffolded by `make i18n-add`, not yet translated) shows the Spanish
    return PerLanguage({lang: _text(path, lines.get(lang, line), key, f"{field_name}.{lang}", text)
                        for lang, text in value.items()
                        if lang != "__lines__" and isinstance(text, str) and text.strip()})


def parse_contact(path: Path, key: str, raw: dict, line: int) -> Contact:
    """One registry entry (``raw``, as read by :func:`read_yaml`), validated."""
    lines = raw.get("__lines__", {})

    def at(name):
        return lines.get(name, line)

    for required in ("group", "name", "handles", "source", "checked", "status"):
        if raw.get(required) in (None, ""):
            raise ContactError(path, line, f"contact '{key}' is missing '{required}'",
                               "See the field list at the top of the registry")
    if raw["status"] not in STATUSES:
        raise ContactError(path, at("status"), f"contact '{key}': status must be one of {', '.join(STATUSES)}",
                           "verified: checked against its source; check: readers are told to verify it")
    if raw["group"] not in GROUPS:
        raise ContactError(path, at("group"), f"contact '{key}': group must be one of {', '.join(GROUPS)}",
                           "Pick the problem the contact helps with")
    checked = parse_date(raw["checked"])
    if checked is None:
        raise ContactError(path, at("checked"), f"contact '{key}': 'checked' must be a date YYYY-MM-DD, "
                           f"not {raw['checked']!r}", "Write the day you checked it, e.g. 2026-11-28")
    if checked > dt.date.today():
        raise ContactError(path, at("checked"), f"contact '{key}': 'checked' date {checked} is in the future",
                           "Write the day you checked it")
    web = raw.get("web")
    problem = web is not None and plain.url_problem(web)
    if problem:
        raise ContactError(path, at("web"), f"contact '{key}': web address {web!r} {problem}", plain.URL_HINT)
    for name in ("source", "vanity", "historical_number"):
        if raw.get(name) is not None:
            _text(path, at(name), key, name, raw[name])
    dial_from = tuple(raw.get("dial_from") or ())
    if any(region not in REGIONS for region in dial_from):
        raise ContactError(path, at("dial_from"), f"contact '{key}': dial_from lists regions from {REGIONS}",
                           "e.g. dial_from: [US]")

    historical = raw["status"] == "historical"
    phone = tty = None
    if historical:
        if raw.get("phone") or raw.get("tty"):
            raise ContactError(path, at("phone"), f"contact '{key}' is historical: it must not have a dialable "
                               "phone", "Put the number as written then in 'historical_number'")
        if not raw.get("historical_number") or parse_date(raw.get("historical_date")) is None:
            raise ContactError(path, line, f"contact '{key}' is historical: it needs 'historical_number' "
                               "and 'historical_date' (YYYY-MM-DD)", "Add both, as the source wrote them")
    else:
        if raw.get("phone") is not None:
            phone = parse_phone(path, at("phone"), key, "phone", raw["phone"])
            if not dial_from:
                raise ContactError(path, line, f"contact '{key}' has a phone but no 'dial_from'",
                                   "Say where it can be dialed from: dial_from: [US], [MX] or [US, MX]")
        if raw.get("vanity") is not None and (phone is None or not spells(raw["vanity"], phone)):
            raise ContactError(path, at("vanity"), f"contact '{key}': vanity {raw['vanity']!r} does not spell "
                               f"its phone {phone.e164 if phone else '(none)'}",
                               "Write the number as the agency spells it, letters as on a phone's keypad "
                               "(1-866-4-USWAGE is +18664879243), and nothing else: no second number")
        if raw.get("tty") is not None:
            tty = parse_phone(path, at("tty"), key, "tty", raw["tty"])
        if phone is None and web is None:
            raise ContactError(path, line, f"contact '{key}' has neither a phone nor a web address",
                               "Add 'phone' (with 'dial_from') or 'web'")

    return Contact(
        key=key, line=line, group=raw["group"],
        name=_per_language(path, at("name"), key, "name", raw["name"]),
        handles=_per_language(path, at("handles"), key, "handles", raw["handles"]),
        source=str(raw["source"]), checked=checked, status=raw["status"],
        phone=phone, tty=tty, vanity=raw.get("vanity"), dial_from=dial_from,
        hours=_per_language(path, at("hours"), key, "hours", raw.get("hours"), required=False),
        web=web, historical_number=raw.get("historical_number"),
        historical_date=parse_date(raw.get("historical_date")) if historical else None,
        flyer=bool(raw.get("flyer")), pocket_card=bool(raw.get("pocket_card")),
        directory_only=bool(raw.get("directory_only")),
    )


class Registry(dict):
    """``key -> Contact``, in file order."""

    path: Path

    def get_or_fail(self, key: str, where: str, line: int) -> Contact:
        if key not in self:
            raise ContactError(where, line, f"unknown contact key '{key}'",
                               f"Use one of the keys in {self.path.name}: {', '.join(self)}")
        return self[key]

    def stale(self, max_age_days: int = STALE_AFTER_DAYS, today: dt.date | None = None) -> list[Contact]:
        """Contacts last checked more than ``max_age_days`` ago (a report, not an error)."""
        today = today or dt.date.today()
        return [c for c in self.values() if (today - c.checked).days > max_age_days]

    def by_e164(self) -> dict[str, Contact]:
        table = {}
        for contact in self.values():
            for phone in (contact.phone, contact.tty):
                if phone:
                    table[phone.e164] = contact
        return table


def read_yaml(path: Path, shown: str | None = None):
    """A YAML file's data, dates kept as text, duplicate keys refused; every mapping carries
    ``__lines__`` (key -> line). Errors name ``shown`` (default: ``path``) and the line."""
    return lineyaml.load(path, ContactError, shown)


def load(path: Path) -> Registry:
    path = Path(path)
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise ContactError(path, 1, "the registry must be a mapping of contact keys")
    lines = data.pop("__lines__", {})
    registry = Registry()
    registry.path = path
    for key, raw in data.items():
        if not isinstance(key, str) or not re.fullmatch(r"[a-z0-9-]+", key):
            raise ContactError(path, lines.get(key, 1), f"contact key {key!r} is not lowercase letters, digits "
                               "and hyphens", "Pages write it in shortcodes: [[tel:KEY]]; e.g. doj-ier")
        if not isinstance(raw, dict):
            raise ContactError(path, lines.get(key, 1), f"contact '{key}' must be a mapping of fields")
        registry[key] = parse_contact(path, key, raw, lines.get(key, 1))
    return registry


def stale_notice(registry: Registry, max_age_days: int = STALE_AFTER_DAYS) -> str | None:
    """The line to print (once per build, not as a MkDocs warning) naming the contacts due for a
    new check, or None."""
    stale = registry.stale(max_age_days)
    if not stale:
        return None
    names = ", ".join(f"{c.key} (checked {c.checked})" for c in stale)
    return f"NOTICE: {len(stale)} contact(s) not checked in {max_age_days} days: {names}"


def resolve_sources(front_matter: FrontMatter, registry: Registry, lang: str, where: str) -> FrontMatter:
    """Turn ``- contact: KEY`` sources into the contact's name and web address."""
    resolved = []
    for source in front_matter.sources:
        if source.contact:
            contact = registry.get_or_fail(source.contact, where, 1)
            resolved.append(Source(contact.name[lang], contact.web))
        else:
            resolved.append(source)
    return replace(front_matter, sources=tuple(resolved))
