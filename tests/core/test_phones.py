"""The typed-phone check is right both ways: the committed table tests/data/typed-phones.yml."""

from __future__ import annotations

import pytest
import yaml

from conftest import ROOT
from puente.core import contacts
from puente.core.phones import typed_phone_numbers

TABLE = yaml.safe_load((ROOT / "tests" / "data" / "typed-phones.yml").read_text(encoding="utf-8"))


def test_the_table_has_enough_cases_both_ways():
    assert len(TABLE["phones"]) >= 15 and len(TABLE["not_phones"]) >= 15
    assert len(TABLE["phones"]) + len(TABLE["not_phones"]) >= 30


@pytest.mark.parametrize("row", TABLE["phones"], ids=lambda row: row["why"])
def test_typed_phone_is_caught(row):
    assert row["found"] in typed_phone_numbers(row["text"])


@pytest.mark.parametrize("row", TABLE["not_phones"], ids=lambda row: row["why"])
def test_number_that_is_not_a_phone_is_left_alone(row):
    assert typed_phone_numbers(row["text"]) == []


def test_every_vanity_number_in_the_registry_would_be_caught():
    registry = contacts.load(ROOT / contacts.REGISTRY)
    vanities = [c.vanity for c in registry.values() if c.vanity]
    assert vanities
    for vanity in vanities:
        assert typed_phone_numbers(f"Llame al {vanity}.") == [vanity]
