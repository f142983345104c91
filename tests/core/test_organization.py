"""The organization profile of a local edition (scripts/puente/core/organization.py): its model.

Build-level tests (the profile on flyers, pages, footer, previews) are in test_edition.py.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from conftest import ROOT
from puente.core import contacts, organization

PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cf"
    "c0f01f0005000201f2a5a0bd0000000049454e44ae426082")
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>'

GOOD = """\
name:
  es: Centro de Trabajadores del Sur
  en: Southern Worker Center
description:
  es: Orientación gratuita sobre derechos laborales.
  en: Free guidance on workplace rights.
logo: assets/edition/logo.svg
phone: "+1 713-555-0123"
whatsapp: "+17135550123"
address: |
  1234 Calle Ejemplo
  Houston, TX 77000
hours:
  es: Lunes a viernes, de 9 a 5
  en: Monday to Friday, 9 to 5
web: https://centro.example.org/ayuda
email: info@centro.example.org
report: https://github.com/example-ngo/puente-laboral/issues/new
contacts:
  local-legal-aid:
    group: pay
    name:
      es: Ayuda Legal de Ejemplo
      en: Example Legal Aid
    handles:
      es: Salarios no pagados. Consulta gratuita.
      en: Unpaid wages. Free consultation.
    phone: "+17135550199"
    dial_from: [US]
    web: https://legal.example.net
    source: Example Legal Aid's web site
    checked: 2026-11-30
    status: check
"""


def project(tmp_path: Path, text: str, logo: bool = True) -> Path:
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "organization.yml").write_text(text, encoding="utf-8")
    if logo:
        (tmp_path / "docs" / "assets" / "edition").mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / "assets" / "edition" / "logo.svg").write_text(SVG, encoding="utf-8")
        (tmp_path / "docs" / "assets" / "edition" / "logo.png").write_bytes(PNG_1PX)
    return tmp_path


def load(tmp_path: Path, text: str):
    return organization.load(project(tmp_path, text))


def fails(tmp_path: Path, text: str, line: int, *words: str) -> str:
    with pytest.raises(contacts.ContactError) as caught:
        load(tmp_path, text)
    message = str(caught.value)
    assert message.startswith(f"data/organization.yml:{line}: "), message
    for word in words:
        assert word in message, message
    assert re.search(r"\. \S", message), f"no fix in: {message}"
    return message


def test_no_profile_is_no_organization(tmp_path):
    assert organization.load(tmp_path) is None


def test_a_full_profile_loads(tmp_path):
    org = load(tmp_path, GOOD)
    assert org.name["es"] == "Centro de Trabajadores del Sur" and org.name["en"] == "Southern Worker Center"
    assert org.name["fr"] == org.name["es"]  # a language added later falls back to Spanish
    assert org.phone.e164 == "+17135550123" and org.phone.display == "1-713-555-0123"
    assert org.whatsapp_link == "https://wa.me/17135550123"
    assert org.address["en"] == "1234 Calle Ejemplo\nHouston, TX 77000"
    assert org.logo == "assets/edition/logo.svg" and org.logo_size == (10, 10)
    assert org.web_text == "centro.example.org/ayuda"
    assert org.hosts() == {"centro.example.org", "github.com", "legal.example.net"}
    assert org.numbers() == {"+17135550123", "+17135550199"}
    (aid,) = org.contacts
    assert aid.key == "local-legal-aid" and aid.local and aid.status == "check"


def test_name_alone_is_enough_and_one_text_serves_every_language(tmp_path):
    org = load(tmp_path, "name: Centro Obrero\n")
    assert org.name["es"] == org.name["en"] == "Centro Obrero"
    assert org.phone is None and not org.contacts and not org.address


def test_a_png_logo_and_docs_prefix_are_accepted(tmp_path):
    org = load(tmp_path, "name: X\nlogo: docs/assets/edition/logo.png\n")
    assert org.logo == "assets/edition/logo.png" and org.logo_size == (1, 1)


@pytest.mark.parametrize("svg, size", [
    ('<svg xmlns="http://www.w3.org/2000/svg" width="240px" height="80">', (240, 80)),
    ("<?xml version='1.0'?>\n<svg xmlns='http://www.w3.org/2000/svg' viewBox='0,0,300.4,99.6' "
     "width='10' height='10'>", (300, 100)),
    ('<svg xmlns="http://www.w3.org/2000/svg">', None),
])
def test_an_svg_logo_says_its_size(tmp_path, svg, size):
    project(tmp_path, "name: X\nlogo: assets/edition/logo.svg\n")
    (tmp_path / "docs" / "assets" / "edition" / "logo.svg").write_text(svg + "<rect/></svg>", encoding="utf-8")
    if size:
        assert organization.load(tmp_path).logo_size == size
    else:
        with pytest.raises(contacts.ContactError, match=r"organization\.yml:2: 'logo': .* does not say its size"):
            organization.load(tmp_path)


@pytest.mark.parametrize("drawing, complaint", [
    ('<s:script xmlns:s="http://www.w3.org/2000/svg">document.title=1</s:script>', "element <script>"),
    ('<a href="jav&#x61;script:alert(1)"><rect/></a>', "element <a>"),
    ('<image href="https://tracker.example/p.png"/>', "links to 'https://tracker.example/p.png'"),
])
def test_a_logo_that_runs_or_fetches_anything_is_refused(tmp_path, drawing, complaint):
    """The logo is published on the site's origin and can be opened on its own: a prefixed script,
    an encoded javascript: link or an image from elsewhere is refused, as in any SVG of docs/."""
    project(tmp_path, "name: X\nlogo: assets/edition/logo.svg\n")
    (tmp_path / "docs/assets/edition/logo.svg").write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">\n{drawing}</svg>', encoding="utf-8")
    with pytest.raises(contacts.ContactError, match=r"organization\.yml:2: 'logo': docs/assets/edition/logo\.svg:2: ") \
            as caught:
        organization.load(tmp_path)
    assert complaint in str(caught.value)


@pytest.mark.parametrize("old, new, line, words", [
    ('phone: "+1 713-555-0123"', 'phone: "+1 713-555-012"', 8, ["'phone'", "not a valid phone number", "E.164"]),
    ('phone: "+1 713-555-0123"', "phone: +17135550123", 8, ["not a valid phone number"]),  # YAML number
    ('whatsapp: "+17135550123"', 'whatsapp: "713 555 0123"', 9, ["'whatsapp'"]),
    ("email: info@", "colour: blue\nemail: info@", 17, ["unknown field 'colour'", "Known fields"]),
    ("name:\n  es: Centro de Trabajadores del Sur\n  en: Southern Worker Center\n", "", 1, ["'name' is missing"]),
    ("  en: Southern Worker Center\n", "", 1, ["'name' needs text in en"]),
    ("  es: Centro de Trabajadores del Sur", "  es: Centro <b>del Sur</b>", 2, ["plain text", "'<'"]),
    ("  Houston, TX 77000", "  Houston, TX [77000](https://x.example)", 10, ["markup"]),
    ("  en: Monday to Friday, 9 to 5", "  en: Monday &amp; Friday", 15, ["markup"]),
    ("  en: Free guidance on workplace rights.", "  en: '{{ config }} Free guidance'", 6, ["markup"]),
    ("logo: assets/edition/logo.svg", "logo: assets/edition/nope.svg", 7, ["does not exist"]),
    ("logo: assets/edition/logo.svg", "logo: ../logo.svg", 7, ["under docs/assets/"]),
    ("logo: assets/edition/logo.svg", "logo: assets/edition/logo.gif", 7, ["SVG or PNG"]),
    ("web: https://centro.example.org/ayuda", "web: http://centro.example.org/", 16, ["https://"]),
    ("web: https://centro.example.org/ayuda", "web: https://centro.example.org/a b", 16, ["space"]),
    ("web: https://centro.example.org/ayuda", "web: 'https://centro.example.org/\"x'", 16, ["quote"]),
    ("web: https://centro.example.org/ayuda", "web: https:///ayuda", 16, ["host"]),
    ("web: https://centro.example.org/ayuda", "web: https://user@centro.example.org/", 16, ["host"]),
    ("email: info@centro.example.org", "email: info centro", 17, ["not an email address"]),
    ("report: https://github.com/example-ngo/puente-laboral/issues/new", "report: nadie", 18,
     ["not an email address"]),
    ("report: https://github.com/example-ngo/puente-laboral/issues/new", "report: https://github.com/x#new", 18,
     ["#fragment"]),
    ("  local-legal-aid:", "  legal-aid:", 20, ["must start with 'local-'"]),
    ('    phone: "+17135550199"', '    phone: "+1713555019"', 28, ["contact 'local-legal-aid'", "not a valid phone"]),
    ("    status: check", "    status: check\n    colour: blue", 34, ["unknown field 'colour'"]),
    ("    status: check", "    status: maybe", 33, ["status must be one of"]),
    ("    source: Example Legal Aid's web site\n", "", 20, ["missing 'source'"]),
    ("    checked: 2026-11-30", "    checked: 30/11/2026", 32, ["'checked' must be a date"]),
    ("      en: Unpaid wages. Free consultation.", "      en: <script>x</script>", 27, ["markup"]),
    ("  es: Orientación", "  es: Orientación\n  es: otra", 6, ["duplicate key 'es'"]),
    ("name:\n", "name:\n  - [", 3, ["not valid YAML"]),
])
def test_bad_profile_input_names_the_file_the_line_and_the_fix(tmp_path, old, new, line, words):
    assert old in GOOD, old
    fails(tmp_path, GOOD.replace(old, new, 1), line, *words)


def test_an_empty_profile_or_a_list_is_refused(tmp_path):
    fails(tmp_path, "# nothing yet\n", 1, "empty")
    fails(tmp_path, "- name: X\n", 1, "mapping")


def test_the_template_refuses_to_build_until_the_name_is_filled_in(tmp_path):
    text = organization.TEMPLATE.read_text(encoding="utf-8")
    line = text.splitlines().index('  es: ""') + 1
    fails(tmp_path, text, line, "'name' in 'es' must be text")
    filled = text.replace('  es: ""', "  es: Centro Obrero").replace('  en: ""', "  en: Workers' Center")
    assert load(tmp_path, filled).name["en"] == "Workers' Center"


def test_every_example_in_the_template_is_valid_when_uncommented(tmp_path):
    """Uncommenting the template's examples (one 'report:') gives a profile that loads."""
    text = organization.TEMPLATE.read_text(encoding="utf-8")
    text = text.replace('  es: ""', "  es: Centro Obrero").replace('  en: ""', "  en: Workers' Center")
    lines, seen_report = [], False
    for line in text.splitlines():
        example = re.match(r"# ( *[a-z_-]+:.*)$", line)
        if example and not (example.group(1).startswith("report:") and seen_report):
            seen_report |= example.group(1).startswith("report:")
            lines.append(example.group(1))
        else:
            lines.append(line)
    org = load(tmp_path, "\n".join(lines) + "\n")
    assert org.phone and org.whatsapp and org.logo and org.web and org.email and org.report
    assert org.hours["es"] and org.description["en"] and org.address["es"]
    assert [c.key for c in org.contacts] == ["local-legal-aid"]


def test_local_contacts_join_the_registry_after_it(tmp_path):
    registry = contacts.load(ROOT / contacts.REGISTRY)
    merged = organization.with_local_contacts(registry, load(tmp_path, GOOD))
    assert list(merged)[: len(registry)] == list(registry) and list(merged)[-1] == "local-legal-aid"
    assert merged.get_or_fail("local-legal-aid", "docs/x.es.md", 3).phone.display == "1-713-555-0199"
    assert "local-legal-aid" not in registry
    assert organization.with_local_contacts(registry, None) is registry


def test_a_local_key_equal_to_a_registry_key_is_refused(tmp_path):
    registry = contacts.load(ROOT / contacts.REGISTRY)
    registry["local-legal-aid"] = next(iter(registry.values()))
    with pytest.raises(contacts.ContactError, match=r"^data/organization\.yml:20: local contact 'local-legal-aid'"):
        organization.with_local_contacts(registry, load(tmp_path, GOOD))


def test_report_links_are_prefilled_and_encoded():
    subject, body = "Error: «Salario & horas»", "Página: https://example.org/derechos/salario/?a=1&b=2\n\nQué:"
    mail = organization.report_href("errores@example.org", subject, body)
    assert mail.startswith("mailto:errores@example.org?subject=")
    assert " " not in mail and "+" not in mail and "\n" not in mail  # RFC 6068: spaces are %20
    query = parse_qs(urlsplit(mail).query)
    assert query == {"subject": [subject], "body": [body]}
    issue = organization.report_href("https://github.com/example-ngo/puente-laboral/issues/new", subject, body)
    parts = urlsplit(issue)
    assert parts.netloc == "github.com" and parse_qs(parts.query) == {"title": [subject], "body": [body]}
    more = organization.report_href("https://tracker.example.org/new?project=3", "t", "b")
    assert more == "https://tracker.example.org/new?project=3&title=t&body=b"
    assert unquote(mail.split("body=")[1]) == body


def test_report_address_accepts_email_or_https_only():
    assert organization.report_address("mailto:a@b.org", 3) == "a@b.org"
    for bad in ("http://x.org/issues", "javascript:alert(1)", "a@b", "https://x.org/issues new"):
        with pytest.raises(contacts.ContactError, match=r"^data/organization\.yml:3: "):
            organization.report_address(bad, 3)
