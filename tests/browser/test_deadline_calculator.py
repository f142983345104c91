"""The last day to act (README "Deadlines: the last day to act"): the shipped script
(assets/javascripts/puente-deadline.<hash>.js) run in Chromium, in two time zones.

The date arithmetic is checked against an independent implementation written here, and every
result against the readings of each deadline that a law or an agency could use: the shown day
must never be later than any of them (it errs early), nor earlier than the earliest reading.
"""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from babel.dates import format_date
from playwright.sync_api import expect

from conftest import ROOT
from puente.core import deadlines

ZONES = ("America/Chicago", "America/Mexico_City")
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
REGISTRY = deadlines.load(ROOT / deadlines.REGISTRY)
ONE_DAY = dt.timedelta(days=1)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day number ``months`` later, or that month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def nth_weekday(day: dt.date, n: int) -> dt.date:
    """The n-th Monday-to-Friday day counting ``day`` itself as the first when it is one."""
    while True:
        if day.weekday() < 5:
            n -= 1
            if n == 0:
                return day
        day += ONE_DAY


def earliest(day: dt.date, length: int, unit: str) -> dt.date:
    """Our rule: the day it happened is day 1 (README)."""
    if unit == "days":
        return day + (length - 1) * ONE_DAY
    if unit == "working-days":
        return nth_weekday(day, length)
    return add_months(day, length * (12 if unit == "years" else 1)) - ONE_DAY


def readings(day: dt.date, length: int, unit: str) -> list[dt.date]:
    """Last days a law or an agency could mean, counting from the day after, or from the day
    itself; for months and years with or without the day before; working days without holidays
    (each holiday only makes the real one later)."""
    if unit == "days":
        return [day + length * ONE_DAY, day + (length - 1) * ONE_DAY]
    if unit == "working-days":
        return [nth_weekday(day + ONE_DAY, length), nth_weekday(day, length)]
    months = length * (12 if unit == "years" else 1)
    return [add_months(day, months), add_months(day, months) - ONE_DAY,
            add_months(day + ONE_DAY, months) - ONE_DAY, add_months(day + ONE_DAY, months)]


@pytest.fixture(scope="module", params=ZONES)
def zoned(request, browser, server):
    context = browser.new_context(timezone_id=request.param, **PHONE)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server + "/plazos/", wait_until="networkidle")
    page.focus(".pl-calc__date")              # the counting script loads on first touch
    page.wait_for_function("() => window.puenteDeadline !== undefined")
    assert page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == request.param
    yield page
    context.close()
    assert not errors, errors


CASES = [
    # calendar days: the day it happened is day 1
    ("2026-01-01", 30, "days", "2026-01-30"),
    ("2026-02-01", 30, "days", "2026-03-02"),          # February of a common year
    ("2028-02-01", 30, "days", "2028-03-01"),          # of a leap year
    ("2026-03-08", 180, "days", "2026-09-03"),         # across the spring daylight-saving change
    ("2026-10-31", 30, "days", "2026-11-29"),          # across the autumn one
    ("2027-12-15", 300, "days", "2028-10-09"),         # across Feb 29, 2028
    # working days: Saturdays and Sundays skipped, never holidays
    ("2026-01-05", 15, "working-days", "2026-01-23"),  # a Monday: three whole weeks
    ("2026-01-02", 15, "working-days", "2026-01-22"),  # a Friday
    ("2026-01-03", 15, "working-days", "2026-01-23"),  # a Saturday: counting starts Monday
    ("2026-01-04", 15, "working-days", "2026-01-23"),  # a Sunday
    ("2026-10-29", 15, "working-days", "2026-11-18"),  # across the autumn clock change
    ("2026-12-24", 15, "working-days", "2027-01-13"),  # Christmas and New Year's Day counted
    # months: the same day number, or the month's last day, then a day back
    ("2026-01-15", 6, "months", "2026-07-14"),
    ("2026-08-31", 6, "months", "2027-02-27"),         # Feb 31 -> Feb 28, a day back
    ("2027-08-31", 6, "months", "2028-02-28"),         # Feb 31 -> Feb 29 in a leap year
    ("2027-08-29", 6, "months", "2028-02-28"),
    ("2025-12-31", 2, "months", "2026-02-27"),
    ("2027-12-31", 2, "months", "2028-02-28"),
    ("2026-03-01", 2, "months", "2026-04-30"),
    # years
    ("2028-02-29", 1, "years", "2029-02-27"),          # no Feb 29 in 2029
    ("2027-03-01", 1, "years", "2028-02-29"),          # the day before Mar 1 of a leap year
    ("2026-06-10", 2, "years", "2028-06-09"),
]

MONTH_ENDS = [
    ("2026-01-31", 1, "2026-02-28"),
    ("2028-01-31", 1, "2028-02-29"),
    ("2028-02-29", 12, "2029-02-28"),
    ("2028-02-29", 48, "2032-02-29"),
    ("2026-03-31", 1, "2026-04-30"),
    ("2026-12-31", 2, "2027-02-28"),
    ("2026-05-15", 1, "2026-06-15"),
    ("2026-11-30", 3, "2027-02-28"),
]


def test_the_shipped_arithmetic_gives_the_expected_last_days(zoned):
    got = zoned.evaluate("cases => cases.map(c => puenteDeadline.lastDay(c[0], c[1], c[2]))", CASES)
    wrong = [f"{day} + {n} {unit}: {found}, expected {want}"
             for (day, n, unit, want), found in zip(CASES, got, strict=True) if found != want]
    months = zoned.evaluate("cases => cases.map(c => puenteDeadline.addMonths(c[0], c[1]))", MONTH_ENDS)
    wrong += [f"{day} + {n} months: {found}, expected {want}"
              for (day, n, want), found in zip(MONTH_ENDS, months, strict=True) if found != want]
    assert not wrong, "\n".join(wrong)
    # The expectations agree with the independent implementation above.
    for day, n, unit, want in CASES:
        assert earliest(dt.date.fromisoformat(day), n, unit).isoformat() == want


def test_no_registry_deadline_is_ever_later_than_a_reading_over_three_years(zoned):
    """Every day of 2026-2028, every deadline counted from one event: the shown day equals our
    rule (the earliest reading) and is never later than any reading."""
    rules = sorted({(d.length, d.unit) for d in REGISTRY.values() if d.kind == "deadline"})
    assert {unit for _, unit in rules} == {"days", "working-days", "months", "years"}
    days = [dt.date(2026, 1, 1) + index * ONE_DAY for index in range((dt.date(2029, 1, 1) - dt.date(2026, 1, 1)).days)]
    got = zoned.evaluate(
        "([days, rules]) => rules.map(r => days.map(d => puenteDeadline.lastDay(d, r[0], r[1])))",
        [[d.isoformat() for d in days], [list(rule) for rule in rules]])
    problems = []
    for (length, unit), shown in zip(rules, got, strict=True):
        for day, text in zip(days, shown, strict=True):
            result = dt.date.fromisoformat(text)
            if result != earliest(day, length, unit):
                problems.append(f"{day} + {length} {unit}: {result}, our rule says {earliest(day, length, unit)}")
            later = [r for r in readings(day, length, unit) if result > r]
            if later:
                problems.append(f"{day} + {length} {unit}: {result} is later than the reading {later[0]}")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:20])


@pytest.mark.parametrize("path, lang", [("/plazos/", "es"), ("/en/plazos/", "en")])
@pytest.mark.parametrize("zone", ZONES)
def test_the_field_shows_the_last_day_in_the_pages_language(browser, server, path, lang, zone):
    context = browser.new_context(timezone_id=zone, **PHONE)
    page = context.new_page()
    page.clock.set_fixed_time(dt.datetime(2026, 1, 6, 12, tzinfo=dt.UTC))
    page.goto(server + path, wait_until="networkidle")
    spans = page.locator("[data-pl-calc]")
    assert page.locator(".pl-calc").count() == spans.count() > 10
    field = page.locator("#osha-11c .pl-calc__date")
    field.fill("2026-01-05")
    shown = format_date(dt.date(2026, 2, 3), "full", locale=lang)   # Babel: CLDR's long form
    expect(page.locator("#osha-11c .pl-calc__result")).to_contain_text(shown)
    label = page.locator("#osha-11c .pl-calc__label").text_content().strip()
    assert label == {"es": "¿Cuándo pasó?", "en": "When did it happen?"}[lang]
    # The field is described by the deadline it counts.
    described = field.get_attribute("aria-describedby")
    assert page.locator(f"#{described}").get_attribute("data-deadline") == "osha-11c"
    # Working days: the note says holidays are not skipped.
    page.locator("#imss-inconformidad .pl-calc__date").fill("2026-01-05")
    note = page.locator("#imss-inconformidad .pl-calc__result")
    expect(note).to_contain_text(format_date(dt.date(2026, 1, 23), "full", locale=lang))
    expect(note).to_contain_text({"es": "días de fiesta", "en": "holidays"}[lang])
    # Clearing the date clears the answer.
    field.fill("")
    expect(page.locator("#osha-11c .pl-calc__result")).to_have_text("")
    context.close()


@pytest.mark.parametrize("lang, path", [("es", "/plazos/"), ("en", "/en/plazos/")])
def test_without_intl_for_the_language_the_build_written_cldr_names_are_used(browser, server, lang, path):
    context = browser.new_context(timezone_id="America/Chicago", **PHONE)
    context.add_init_script("Intl.DateTimeFormat.supportedLocalesOf = () => []")
    page = context.new_page()
    page.goto(server + path, wait_until="networkidle")
    page.locator("#nlrb .pl-calc__date").fill("2027-08-31")
    expect(page.locator("#nlrb .pl-calc__result")).to_contain_text(format_date(dt.date(2028, 2, 28), "full",
                                                                                locale=lang))
    context.close()


@pytest.mark.parametrize("zone", ZONES)
def test_a_past_last_day_is_told_by_the_readers_own_calendar(browser, server, zone):
    """03:00 UTC on Feb 4 is still Feb 3 in both zones: a last day of Feb 3 has not passed."""
    context = browser.new_context(timezone_id=zone, **PHONE)
    page = context.new_page()
    page.clock.set_fixed_time(dt.datetime(2026, 2, 4, 3, tzinfo=dt.UTC))
    page.goto(server + "/en/plazos/", wait_until="networkidle")
    field, result = page.locator("#osha-11c .pl-calc__date"), page.locator("#osha-11c .pl-calc__result")
    field.fill("2026-01-05")                    # last day Feb 3: today
    expect(result).to_contain_text("Tuesday, February 3, 2026")
    expect(result).not_to_contain_text("has passed")
    field.fill("2026-01-04")                    # last day Feb 2: yesterday
    expect(result).to_contain_text("That day has passed, but the real last day may be later")
    context.close()


def test_look_back_windows_and_pages_without_deadlines_get_no_calculator(browser, server):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    loaded: list[str] = []
    page.on("request", lambda request: loaded.append(request.url))
    page.goto(server + "/plazos/", wait_until="networkidle")
    assert page.locator("#flsa .pl-deadline").count() == 1
    assert page.locator("#flsa .pl-calc, #flsa-willful .pl-calc").count() == 0
    assert page.locator(".pl-calc").count() == page.locator("[data-pl-calc]").count() > 10
    for path in ("/derechos/salario/", "/en/derechos/salario/", "/", "/en/contactos/"):   # look-backs only; none
        loaded.clear()
        page.goto(server + path, wait_until="networkidle")
        assert page.locator("#pl-calc, .pl-calc").count() == 0, path
        assert not [url for url in loaded if "puente-deadline" in url], path
    context.close()


def test_the_counting_script_loads_only_when_a_field_is_touched(browser, server):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    loaded: list[str] = []
    page.on("request", lambda request: loaded.append(request.url))
    page.goto(server + "/derechos/represalias/", wait_until="networkidle")
    first = "p:has([data-deadline='osha-11c']) + .pl-calc"   # the paragraph, then its field
    assert page.locator(first).count() == 1
    assert page.locator(".pl-calc").count() == page.locator("[data-pl-calc]").count()
    assert not [url for url in loaded if "puente-deadline" in url], "loaded before it was used"
    page.locator(first + " input").click()
    page.wait_for_function("() => window.puenteDeadline !== undefined")
    assert len([url for url in loaded if "puente-deadline." in url]) == 1
    context.close()


def test_without_javascript_each_deadline_is_in_words_and_there_is_no_field(browser, server):
    context = browser.new_context(java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.goto(server + "/plazos/")
    assert page.locator("#osha-11c .pl-deadline").is_visible()
    assert "30" in page.locator("#osha-11c .pl-deadline").text_content()
    assert page.locator("input[type=date]").count() == 0
    assert not page.get_by_text("¿Cuándo pasó?").is_visible()
    context.close()
