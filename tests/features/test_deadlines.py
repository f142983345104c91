"""The deadlines registry (data/deadlines.yml): the model, the shortcodes on the built site, and
the build refusing a deadline written by hand beside an agency or a claim."""

from __future__ import annotations

import html
import re

import pytest

from conftest import ROOT, mkdocs_build, plant
from html_tools import html_pages, url_path
from puente.checks import deadline_mentions
from puente.core import contacts, deadlines
from puente.core.front_matter import PageError

REGISTRY = ROOT / deadlines.REGISTRY
LANGS = ("es", "en")

GOOD = """\
osha-11c:
  problem: retaliation
  what:
    es: Queja ante OSHA
    en: Complaint to OSHA
  length: 30
  unit: days
  kind: deadline
  starts:
    es: el día en que le avisan del castigo
    en: the day you are told of the punishment
  jurisdiction: US
  contact: osha
  page: derechos/represalias.md#plazos
  source: OSHA (osha.gov)
  checked: 2026-12-01
  status: verified

flsa:
  problem: pay
  what:
    es: Cobrar el salario
    en: Recovering wages
  length: 2
  unit: years
  kind: lookback
  note:
    es: cada día de pago cuenta por separado
    en: each payday counts separately
  jurisdiction: US
  page: derechos/salario.md#plazos
  source: 29 U.S.C. 255(a)
  checked: 2026-12-01
  status: verified
"""


@pytest.fixture(scope="module")
def registry():
    return deadlines.load(REGISTRY, contact_keys=contacts.load(ROOT / contacts.REGISTRY), docs_dir=ROOT / "docs")


def load_text(tmp_path, text, **kwargs):
    path = tmp_path / "deadlines.yml"
    path.write_text(text, encoding="utf-8")
    return deadlines.load(path, **kwargs)


# --- The model ----------------------------------------------------------------------------------

def test_a_good_registry_loads(tmp_path):
    loaded = load_text(tmp_path, GOOD, contact_keys=["osha", "whd"])
    assert list(loaded) == ["osha-11c", "flsa"]
    assert loaded["osha-11c"].starts["en"] == "the day you are told of the punishment"
    assert loaded["osha-11c"].starts["fr"] == "el día en que le avisan del castigo"  # a later language: Spanish
    assert loaded["flsa"].kind == "lookback" and loaded["flsa"].starts == {}
    assert loaded["osha-11c"].page_path == "derechos/represalias.md" and loaded["osha-11c"].anchor == "plazos"


@pytest.mark.parametrize("old, new, line, complaint", [
    ("\nflsa:\n", "\nosha-11c:\n", 19, "duplicate key 'osha-11c' (first on line 1)"),
    ("  unit: days", "  unit: weeks", 7, "unit 'weeks' is not one of days, working-days, months, years"),
    ("  length: 30", "  length: -30", 6, "length must be a positive whole number"),
    ("  length: 30", "  length: 30 días", 6, "length must be a positive whole number"),
    ("  kind: deadline", "  kind: soon", 8, "kind 'soon' is not one of deadline, lookback"),
    ("  jurisdiction: US\n  contact", "  jurisdiction: TX\n  contact", 12, "jurisdiction 'TX' is not one of"),
    ("  status: verified\n\nflsa", "  status: maybe\n\nflsa", 17, "status 'maybe' is not one of verified, check"),
    ("  checked: 2026-12-01\n  status: verified\n\nflsa", "  checked: 2026-02-30\n  status: verified\n\nflsa", 16,
     "'checked' must be a date YYYY-MM-DD"),
    ("    es: el día en que le avisan del castigo", "    es: el día <b>en que</b> le avisan", 10,
     "contains '<': markup is not allowed"),
    ("    en: Complaint to OSHA", "    en: Complaint to [[tel:osha]]", 5, "contains a [[shortcode]]"),
    ("    en: Complaint to OSHA\n", "", 3, "'what' needs text for es, en"),
    ("  starts:\n    es: el día en que le avisan del castigo\n    en: the day you are told of the punishment\n", "",
     1, "deadline 'osha-11c' has no 'starts'"),
    ("  note:\n", "  starts:\n    es: x\n    en: x\n  note:\n", 27, "is a look-back: it has no start event"),
    ("  contact: osha", "  contact: oshaa", 13, "unknown contact key 'oshaa'"),
    ("  page: derechos/represalias.md#plazos", "  page: derechos/represalias.es.md#plazos", 14,
     "page must be a docs/ page without language suffix"),
    ("  page: derechos/represalias.md#plazos", "  page: derechos/represalias.md", 14, "and a heading id"),
    ("  source: OSHA (osha.gov)\n", "", 1, "deadline 'osha-11c' is missing 'source'"),
    ("  status: verified\n\nflsa", "  status: verified\n  deadline: 30\n\nflsa", 18, "unknown field 'deadline'"),
    ("osha-11c:\n", "OSHA 11c:\n", 1, "must be lowercase letters, digits and hyphens"),
    ("  unit: days", "  unit: [days", 8, "not valid YAML"),  # where the parser notices
])
def test_bad_registry_input_is_named_with_file_and_line(tmp_path, old, new, line, complaint):
    assert old in GOOD
    with pytest.raises(deadlines.DeadlineError) as error:
        load_text(tmp_path, GOOD.replace(old, new, 1), contact_keys=["osha", "whd"])
    assert str(error.value).startswith(f"{tmp_path / 'deadlines.yml'}:{line}: "), str(error.value)
    assert complaint in str(error.value)


def test_page_and_heading_id_are_checked_against_docs(tmp_path):
    docs = tmp_path / "docs" / "derechos"
    docs.mkdir(parents=True)
    for lang in LANGS:
        (docs / f"represalias.{lang}.md").write_text("## Plazos {#plazos}\n\n[[deadline:osha-11c]]\n", "utf-8")
        (docs / f"salario.{lang}.md").write_text("## Plazos {#otro}\n\n[[deadline:flsa]]\n", "utf-8")
    with pytest.raises(deadlines.DeadlineError, match=r"deadlines\.yml:31: deadline 'flsa': docs/derechos/salario"
                                                      r"\.es\.md has no heading with id 'plazos'"):
        load_text(tmp_path, GOOD, docs_dir=tmp_path / "docs")
    for lang in LANGS:
        (docs / f"salario.{lang}.md").write_text("## Plazos {#plazos}\n\nNada.\n", "utf-8")
    with pytest.raises(deadlines.DeadlineError, match=r"deadlines\.yml:31: deadline 'flsa': its page docs/derechos/"
                                                      r"salario\.es\.md does not use it"):
        load_text(tmp_path, GOOD, docs_dir=tmp_path / "docs")
    (docs / "salario.es.md").unlink()
    (docs / "salario.en.md").unlink()
    with pytest.raises(deadlines.DeadlineError, match=r"page derechos/salario\.md does not exist"):
        load_text(tmp_path, GOOD, docs_dir=tmp_path / "docs")


def test_unused_entries_are_reported_with_their_line(tmp_path):
    loaded = load_text(tmp_path, GOOD)
    problems = deadlines.unused(loaded, {"osha-11c"})
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'deadlines.yml'}:19: deadline 'flsa' is used by no page. "
        "Cite it with [[deadline:flsa]] on derechos/salario.md, or remove it"]


def test_the_real_registry_loads_and_groups_by_problem(registry):
    assert len(registry) >= 8
    groups = dict(registry.by_problem())
    assert set(groups) <= set(deadlines.PROBLEMS)
    for deadline in registry.values():
        if deadline.kind == "lookback":
            assert deadline.note and not deadline.starts, deadline.key
        else:
            assert deadline.starts, deadline.key
    assert registry["flsa"].kind == "lookback"  # the FLSA's 2 or 3 years count back from the lawsuit


# --- The hand-written-number check ----------------------------------------------------------------

@pytest.mark.parametrize("text, found", [
    ("Tiene 30 días para llamar a OSHA.", ["30 días"]),
    ("You have 30 days to complain to OSHA.", ["30 days"]),
    ("Llame a la EEOC por teléfono. Tiene **180 días** más.", []),      # the second sentence names none
    ("Llame en EE. UU. a la EEOC: tiene 180 días.", ["180 días"]),     # "EE. UU." ends no sentence
    ("Puede apelar en quince días hábiles.", ["quince días"]),
    ("El plazo es de dos años.", ["dos años"]),
    ("File within a 30-day window.", ["30-day"]),
    ("Tiene [[deadline:osha-11c]] para llamar a OSHA.", []),            # from the registry
    ("Tiene 30 días: [[tel:osha]]", ["30 días"]),                      # a contact shortcode names an agency
    ("Guarde sus talones de 30 días.", []),                             # no agency, no claim
    ("La EEOC atiende empresas con 15 o más trabajadores.", []),        # not a unit of time
    ("El 11 de junio de 2002 la EEOC firmó.", []),                      # a date is not a length
    ("Reclamó su pago\n:   La WHD, en 6 meses.", ["6 meses"]),         # a definition goes with its term
])
def test_numbers_beside_an_agency_or_claim_are_found(text, found):
    problems = deadline_mentions.problems(text, "docs/x.es.md")
    assert [re.search(r"'([^']+)'", p).group(1) for p in problems] == found


def test_the_problem_names_file_and_line_and_the_fix():
    problems = deadline_mentions.problems("# Título\n\nUna línea.\nTiene 30 días para llamar\na OSHA.\n",
                                          "docs/x.es.md", first_line=7)
    assert problems[0].startswith("docs/x.es.md:10: '30 días' in a sentence that names an agency or a claim")
    assert "[[deadline:KEY]]" in problems[0] and "data/deadline-allowlist.yml" in problems[0]


def test_the_allowlist_allows_its_phrase_in_its_file_only(tmp_path):
    (tmp_path / "docs").mkdir()
    page = tmp_path / "docs" / "x.es.md"
    page.write_text("La EEOC protege a personas de 40 años\no más.\n", encoding="utf-8")
    allow = tmp_path / "allow.yml"
    allow.write_text("- phrase: de 50 años o más\n  file: docs/x.es.md\n  reason: an age\n", encoding="utf-8")
    with pytest.raises(PageError, match=r"allow\.yml:1: allow-list phrase 'de 50 años o más' no longer occurs"):
        deadline_mentions.load_allowlist(allow, tmp_path)
    allow.write_text("- phrase: personas de 40 años o más\n  file: docs/x.es.md\n  reason: an age\n", "utf-8")
    allowed = deadline_mentions.load_allowlist(allow, tmp_path)
    text = page.read_text(encoding="utf-8")
    assert deadline_mentions.problems(text, "docs/x.es.md", allowed=allowed) == []
    assert deadline_mentions.problems(text, "docs/y.es.md", allowed=allowed)  # another file is not allowed
    allow.write_text("- phrase: personas de 40 años o más\n  file: docs/x.es.md\n", encoding="utf-8")
    with pytest.raises(PageError, match=r"allow\.yml:1: allow-list entry 1 needs 'phrase', 'file' and 'reason'"):
        deadline_mentions.load_allowlist(allow, tmp_path)


def test_titles_and_descriptions_are_checked_too():
    text = "---\ntitle: Plazos\ndescription: Apele ante el IMSS en 15 días hábiles.\nreviewed: 2026-12-01\n---\n"
    with pytest.raises(PageError, match=r"docs/x\.es\.md:3: '15 días' in a sentence"):
        deadline_mentions.check_front_matter(text, "docs/x.es.md")


# --- The built site -------------------------------------------------------------------------------

def rendered(site, lang):
    """``key -> [text of each [[deadline:KEY]] on the built pages of lang]``."""
    found: dict[str, list[str]] = {}
    span = re.compile(r'<span class="pl-deadline" data-deadline="([a-z0-9-]+)"[^>]*>(.*?)</span>')
    for page in html_pages(site):
        if url_path(site, page).startswith("/en/") != (lang == "en"):
            continue
        for key, text in span.findall(page.read_text(encoding="utf-8")):
            found.setdefault(key, []).append(html.unescape(text))
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_every_deadline_is_used_and_shows_its_start_in_each_language(site, registry, lang):
    found = rendered(site, lang)
    assert set(found) == set(registry), f"{lang}: unused {set(registry) - set(found)}"
    words = {"es": ("contado", "hacia atrás"), "en": ("counted from", "back:")}[lang]
    for key, deadline in registry.items():
        for text in found[key]:
            assert str(deadline.length) in text, (key, text)
            if deadline.kind == "deadline":
                assert f"{words[0]}" in text and deadline.starts[lang] in text, (lang, key, text)
            else:
                assert words[1] in text and deadline.note[lang] in text, (lang, key, text)


def test_unconfirmed_deadlines_carry_the_mark(site, registry):
    checks = [d for d in registry.values() if d.status == "check"]
    assert checks
    html_text = "".join(p.read_text(encoding="utf-8") for p in html_pages(site))
    for deadline in checks:
        pattern = rf'data-deadline="{deadline.key}"[^>]*>[^<]*</span> <span class="pl-mark pl-mark--check">'
        assert re.search(pattern, html_text), deadline.key


# --- Bad input in a copy of the project fails the build, naming file and line -------------------

def insert_after_heading(page, heading, text):
    lines = page.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(heading))
    lines.insert(index + 1, text)
    page.write_text("\n".join(lines), encoding="utf-8")
    return index + 2  # the file line of the inserted text


@pytest.mark.parametrize("insert, complaint", [
    ("Tiene 30 días para llamar a OSHA.", "'30 días' in a sentence that names an agency or a claim"),
    ("Tiene [[deadline:no-existe]] para llamar.", "unknown deadline key 'no-existe'"),
])
def test_a_deadline_not_from_the_registry_fails_the_build(project_copy, tmp_path, insert, complaint):
    line = insert_after_heading(project_copy / "docs" / "sobre.es.md", "## De dónde viene", insert)
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert f"docs/sobre.es.md:{line}: " in result.stderr, result.stderr[-2000:]
    assert complaint in result.stderr


def test_a_registry_entry_no_page_uses_fails_the_build(project_copy, tmp_path):
    plant(project_copy, "docs/derechos/organizarse.es.md", "[[deadline:nlrb]]", "seis meses")
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    text = (ROOT / "data" / "deadlines.yml").read_text(encoding="utf-8")
    line = text.split("\n").index("  page: derechos/organizarse.md#plazo") + 1  # nlrb's page
    assert re.search(rf"data/deadlines\.yml:{line}: deadline 'nlrb': its page docs/derechos/organizarse\.es\.md "
                     "does not use it", result.stderr), result.stderr[-2000:]


def test_a_bad_registry_fails_the_build_naming_its_line(project_copy, tmp_path):
    plant(project_copy, "data/deadlines.yml", "  unit: months", "  unit: moons")
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert re.search(r"data/deadlines\.yml:\d+: deadline '[a-z0-9-]+': unit 'moons'", result.stderr), \
        result.stderr[-2000:]


@pytest.mark.parametrize("lang", LANGS)
def test_the_deadlines_page_lists_every_entry_with_its_anchor_and_topic_page(site, registry, lang):
    page = site / ("en" if lang == "en" else "") / "plazos" / "index.html"
    text = page.read_text(encoding="utf-8")
    groups = re.findall(r'<h2 id="([a-z]+)">', text.split('class="pl-deadlines"', 1)[1])
    assert groups == [problem for problem, _items in registry.by_problem()]
    for key, deadline in registry.items():
        item = re.search(rf'<li class="pl-deadlines__item" id="{key}" data-pl-stable>(.*?)</li>', text, re.DOTALL)
        assert item, f"/{lang}/plazos/ has no entry with id {key}"
        assert f'data-deadline="{key}"' in item.group(1)
        href = re.search(r'class="pl-deadlines__more pl-screen-only" href="([^"]+)"', item.group(1)).group(1)
        path, _, anchor = href.partition("#")
        assert anchor == deadline.anchor
        target = (page.parent / path / "index.html").resolve()
        assert target.is_file() and f'id="{anchor}"' in target.read_text(encoding="utf-8"), (key, href)
    words = {"es": ("días hábiles", "hacia atrás", "actúe pronto"), "en": ("working days", "looks back", "act early")}
    for word in words[lang]:
        assert word in text.lower(), f"the deadlines page ({lang}) does not say '{word}'"


# --- The last day to act: what the build writes for the calculator -------------------------------

def test_deadlines_from_one_event_carry_their_rule_and_look_backs_none(site, registry):
    text = (site / "plazos/index.html").read_text(encoding="utf-8")
    for deadline in registry.values():
        span = re.search(rf'<span class="pl-deadline" data-deadline="{deadline.key}"([^>]*)>', text)
        assert span, deadline.key
        if deadline.kind == "lookback":
            assert "data-pl-calc" not in span.group(1), deadline.key
        else:
            assert f'data-pl-calc="{deadline.length} {deadline.unit}"' in span.group(1), deadline.key


def test_only_pages_with_such_a_deadline_get_the_template_and_its_loader(site):
    with_calc = []
    for page in html_pages(site):
        text = page.read_text(encoding="utf-8")
        has_rule = "data-pl-calc=" in text
        assert has_rule == ('<template id="pl-calc"' in text) == ("puente-deadline." in text), url_path(site, page)
        if has_rule:
            with_calc.append(url_path(site, page))
            loader = re.search(r'<script>\(function\(\)\{var t=document.getElementById\("pl-calc"\).*?s\.src="([^"]+)"',
                               text)
            assert loader, url_path(site, page)
            assert (page.parent / loader.group(1)).resolve().is_file(), loader.group(1)
    assert {"/plazos/", "/en/plazos/", "/derechos/represalias/", "/en/riesgos/imss/"} <= set(with_calc)
    assert "/derechos/salario/" not in with_calc   # look-backs only
    assert not (site / "assets/javascripts/puente-deadline.js").exists()   # only the fingerprinted copy


@pytest.mark.parametrize("lang, first, sunday", [("es", "enero", "domingo"), ("en", "January", "Sunday")])
def test_the_calculators_date_names_come_from_cldr(site, lang, first, sunday):
    from puente.features.deadlines import date_names

    names = date_names(lang)
    assert names["months"].split("|")[0] == first and len(names["months"].split("|")) == 12
    assert names["days"].split("|")[0] == sunday and len(names["days"].split("|")) == 7
    page = site / ("en/" if lang == "en" else "") / "plazos/index.html"
    assert f'data-pl-pattern="{names["pattern"]}"' in page.read_text(encoding="utf-8")
    assert date_names("xx") is None
