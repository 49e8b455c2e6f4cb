"""Actor-code keys and the dev/test split."""

from __future__ import annotations

from collections import Counter

import pytest

from eventwire.evaluation.events import actor_code_key, split_of
from eventwire.evaluation.events.codes import cameo_agent


@pytest.mark.parametrize(
    ("code", "key"),
    [
        ("USA", "USA"),
        ("usagov ", "USA"),  # case and spaces
        ("IRQGOVMIL", "IRQ"),
        ("PSEREBHMSGOV", "PSE"),
        ("RUS_MFA", "RUS"),  # a knowledge-base organisation id with its country
        ("JAP", "JPN"),  # PLOVER gold's non-ISO codes
        ("ITL", "ITA"),
        ("VTN", "VNM"),
        ("XKX", "XKX"),  # Kosovo
        ("IGO", "ORG"),  # PLOVER gold: any organisation
        ("IGOUNOMIL", "ORG"),  # CAMEO composite organisations
        ("IMGMUSISI", "ORG"),
        ("NGO", "ORG"),
        ("NATO", "ORG"),  # eventwire organisation ids
        ("EU", "ORG"),
        ("ISLAMIC_STATE", "ORG"),  # starts with Iceland's ISL, but is no country
        ("---REB", None),  # PETRARCH: unknown country
        ("---", None),
        ("", None),
        (None, None),
    ],
)
def test_actor_code_key(code: str | None, key: str | None) -> None:
    assert actor_code_key(code) == key


def test_cameo_agent_is_the_first_code_after_a_country() -> None:
    assert cameo_agent("IRQGOVMIL") == "GOV"
    assert cameo_agent("---REB") == "REB"
    assert cameo_agent("USA") is None
    assert cameo_agent("IGOUNOMIL") is None  # UNO is an organisation, not an agent


def test_split_is_pinned() -> None:
    # Pinned values: a change of hash would silently move items between dev and test.
    agree = [split_of("plover", f"PLOVER-GSR01-AGREE-{n:04d}") for n in range(1, 13)]
    assert agree == ["dev", "dev", "test", "dev"] + ["test"] * 7 + ["dev"]
    assert split_of("tabari", "DEMO-01") == "test"


def test_split_depends_on_the_set_as_well_as_the_id() -> None:
    ids = [str(n) for n in range(200)]
    assert [split_of("a", i) for i in ids] != [split_of("b", i) for i in ids]


def test_split_sends_about_thirty_percent_to_dev() -> None:
    counts = Counter(split_of("any", str(n)) for n in range(20_000))
    assert counts["dev"] / 20_000 == pytest.approx(0.30, abs=0.01)
    assert set(counts) == {"dev", "test"}
