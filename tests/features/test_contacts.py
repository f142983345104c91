"""The contacts registry: validation, shortcodes, and every number on the site from it."""

from __future__ import annotations

import datetime as dt
import re

import phonenumbers
import pytest

from conftest import ROOT, mkdocs_build, plant
from html_tools import html_pages, tags, url_path
from puente.core import contacts, organization
from puente.features import shortcodes

REGISTRY = ROOT / "data" / "contacts.yml"


@pytest.fixture(scope="module")
def registry():
    return contacts.load(REGISTRY)


def test_registry_loads_and_numbers_are_valid(registry):
    assert registry
    for contact in registry.values():
        for phone in (contact.phone, contact.tty):
            if phone:
                assert phonenumbers.is_valid_number(phonenumbers.parse(phone.e164)), contact.key


def test_historical_contacts_are_never_callable(registry):
    historical = [c for c in registry.values() if c.status == "historical"]
    assert historical, "the 2002 IMSS number belongs in the registry as historical"
    assert all(not c.callable and c.phone is None for c in historical)


@pytest.mark.parametrize("old, new, complaint", [
    ('phone: "+18664879243"', 'phone: "+1866487924"', "is not a valid phone number"),
    ("  source: Occupational Safety and Health Administration (osha.gov)\n", "", "missing 'source'"),
    ("checked: 2026-11-28\n  status: verified\n  flyer: true\n  pocket_card: true\n\neeoc:",
     "checked: 2026-02-30\n  status: verified\n  flyer: true\n  pocket_card: true\n\neeoc:",
     "'checked' must be a date"),
    ("\nnlrb:\n", "\nwhd:\n", "duplicate key 'whd'"),
    ("status: historical", "status: old", "status must be one of"),
])
def test_bad_registry_input_fails_the_build_naming_the_file(project_copy, tmp_path, old, new, complaint):
    plant(project_copy, "data/contacts.yml", old, new)
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert re.search(r"data/contacts\.yml:\d+: ", result.stderr), result.stderr[-1500:]
    assert complaint in result.stderr


@pytest.mark.parametrize("insert, complaint", [
    ("Llame al [[tel:no-existe]].", "unknown contact key 'no-existe'"),
    ("Llame al 1-866-487-9243.", "phone number typed into the page"),
    ("Llame al 800 911 7877.", "phone number typed into the page"),
    ("Llame al 53-38-81-45.", "phone number typed into the page"),
    ("Vea [[telefono:whd]].", "unknown shortcode"),
])
def test_bad_page_input_fails_naming_file_and_line(project_copy, tmp_path, insert, complaint):
    page = project_copy / "docs" / "sobre.es.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    target = next(i for i, line in enumerate(lines) if line.startswith("## De dónde viene"))
    lines.insert(target + 1, insert)
    page.write_text("\n".join(lines), encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert f"docs/sobre.es.md:{target + 2}: " in result.stderr, result.stderr[-1500:]
    assert complaint in result.stderr


def test_dates_and_ordinary_numbers_are_not_phone_numbers():
    text = "El 11 de junio de 2002 (65 FR 2193; EE. UU. 9901 y 2000-01), revisado 2026-11-28, $7.25, 1,900."
    assert shortcodes.typed_phone_numbers(text) == []


def test_every_tel_link_is_valid_and_from_the_registry(site, registry):
    profile = organization.load(ROOT)  # a local edition's own numbers (none upstream)
    known = set(registry.by_e164()) | (profile.numbers() if profile else set())
    seen = 0
    for page in html_pages(site):
        for name, attrs, line in tags(page.read_text(encoding="utf-8")):
            href = attrs.get("href", "") if name == "a" else ""
            if href.startswith("tel:"):
                seen += 1
                where = f"{url_path(site, page)}:{line}"
                number = href[4:]
                assert re.fullmatch(r"\+\d{8,15}", number), f"{where}: {href} is not E.164"
                assert phonenumbers.is_valid_number(phonenumbers.parse(number)), f"{where}: {href}"
                assert number in known, f"{where}: {href} is in no registry entry"
    assert seen


def test_every_contact_is_used_or_directory_only(registry):
    used = set()
    for md in (ROOT / "docs").rglob("*.md"):
        text = md.read_text(encoding="utf-8")
        used |= {m.group(2) for m in shortcodes.SHORTCODE.finditer(text) if m.group(2)}
        used |= set(re.findall(r"^\s*- contact: ([a-z0-9-]+)\s*$", text, flags=re.MULTILINE))  # front matter sources
    unused = [key for key, c in registry.items() if key not in used and not c.directory_only]
    assert not unused, f"contacts used by no page (use them, or mark directory_only: true): {unused}"


def test_stale_contacts_are_reported_not_failed(registry):
    later = dt.date.today() + dt.timedelta(days=contacts.STALE_AFTER_DAYS + 1)
    assert {c.key for c in registry.stale(today=later)} == set(registry)


def test_the_stale_age_is_configurable_and_reported_by_the_build(project_copy, tmp_path):
    result = mkdocs_build(project_copy, tmp_path / "out", env={"CONTACT_MAX_AGE_DAYS": "-1"})
    assert result.returncode == 0, result.stderr[-1500:]
    assert "not checked in -1 days" in result.stderr and "whd (checked" in result.stderr


@pytest.mark.parametrize("vanity, e164, spells", [
    ("1-866-4-USWAGE", "+18664879243", True),
    ("866-4-USWAGE", "+18664879243", True),             # without the country code
    ("1-800-RED-CROSS", "+18007332767", True),          # one letter more than a phone dials
    ("800 911 7877", "+528009117877", True),            # Mexico, written as agencies do
    ("1-866-4-USWAGE 1-900-200-1234", "+18664879243", False),   # a second number
    ("1-866-4-USWAGE or 911", "+18664879243", False),
    ("1-866-4-USWAXE", "+18664879243", False),          # X is 9, G is 4
])
def test_a_vanity_number_spells_its_phone(vanity, e164, spells):
    phone = contacts.parse_phone("data/contacts.yml", 1, "x", "phone", e164)
    assert contacts.spells(vanity, phone) is spells


def test_every_vanity_of_the_registry_spells_its_phone(registry):
    vanities = [c for c in registry.values() if c.vanity]
    assert len(vanities) >= 3 and all(contacts.spells(c.vanity, c.phone) for c in vanities)
