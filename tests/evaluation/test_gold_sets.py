"""The real gold sets in ../shared/eval: counts from their READMEs, mappings, splits."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

import pytest

from eventwire.evaluation.events import (
    PLOVER_EVENT_TYPES,
    CameoTable,
    GoldItem,
    load_cameo_table,
    load_conflibert,
    load_petrarch,
    load_plover,
    load_tabari,
)
from tests.conftest import shared_path

pytestmark = pytest.mark.shared


def eval_root() -> Path:
    return shared_path("eval")


@cache
def plover() -> list[GoldItem]:
    return load_plover(eval_root())


@cache
def cameo() -> CameoTable:
    return load_cameo_table(eval_root())


def dev_share(items: Sequence[GoldItem]) -> float:
    return sum(item.split == "dev" for item in items) / len(items)


def test_plover_has_322_records_in_316_sentences() -> None:
    items = plover()
    # README: 322 records; six sentences carry two records each.
    assert sum(len(item.events) for item in items) == 322
    assert len(items) == 316
    assert len({item.item_id for item in items}) == len(items)
    assert "PLOVER-GSR01-COERCE-0004#2" in {item.item_id for item in items}


def test_plover_types_are_plover_0_8() -> None:
    types = Counter(event.event_type for item in plover() for event in item.events)
    assert set(types) <= set(PLOVER_EVENT_TYPES)
    # README counts: DEMAND 34 → REQUEST; DISAPPROVE 16 + INVESTIGATE 9 → ACCUSE;
    # ASSAULT 15 + FIGHT 17 → ASSAULT; AGREE 40 unchanged.
    assert types["REQUEST"] == 34
    assert types["ACCUSE"] == 16 + 9
    assert types["ASSAULT"] == 15 + 17
    assert types["AGREE"] == 40
    modes = Counter(e.mode for i in plover() for e in i.events if e.event_type == "ACCUSE")
    assert modes == {"disapprove": 16, "investigate": 9}


def test_plover_actors_reciprocity_and_status() -> None:
    events = [event for item in plover() for event in item.events]
    assert sum(event.reciprocal for event in events) == 18  # records marked "SRC/TAR"
    assert all(event.targets == () for event in events if event.reciprocal)
    assert sum(len(event.sources) == 0 for event in events) == 1  # README: one has no source
    assert {event.status for event in events} == {"asserted"}  # the file states no status
    assert all(item.text and item.date is not None for item in plover())


def test_plover_event_types_match_the_manual_table() -> None:
    path = eval_root() / "plover" / "plover_event_types.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        manual = [row["event"] for row in csv.DictReader(handle)]
    assert tuple(manual) == PLOVER_EVENT_TYPES


def test_cameo_table_lookups() -> None:
    table = cameo()
    assert len(table) == 313  # README: 20 roots + base and sub codes
    assert table.root_of("1056") == "10"
    assert table.plover_event_of("192") == "COERCE"
    assert table.plover_event_of("19") == "ASSAULT"  # a bare root uses its "0" child
    assert table.plover_event_of("015") is None  # PLOVER drops CAMEO 01
    assert table.plover_event_of("0874") == "RETREAT"
    assert table.quad_of_root("14") == 3
    assert table.penta_of_root("14") == 4
    assert table.penta_of_root("09") == 3
    assert table.get("1917") is not None  # unknown sub-code: its parent 191
    assert table.get("99") is None
    assert table.quad_of_plover("ACCUSE") == 3
    assert table.penta_of_plover("PROTEST") == 4


def test_conflibert_counts_labels_and_spans() -> None:
    items = load_conflibert(eval_root())
    labels = Counter(item.label for item in items if item.label)
    # README train counts 240 / 248 / 303 / 337 / 221, less five repeated sentences (one
    # neutral, four material cooperation).
    assert labels == {
        "neutral": 239,
        "verbal_cooperation": 248,
        "material_cooperation": 299,
        "verbal_conflict": 337,
        "material_conflict": 221,
    }
    with_spans = [item for item in items if item.events]
    assert len(with_spans) == 1150  # 1,153 NER sentences, three repeated
    assert sum(1 for item in with_spans if item.label) > 900  # joined to a class
    assert all(event.event_type is None for item in with_spans for event in item.events)
    assert 0.27 < dev_share(items) < 0.33
    # Ids come from the text: pinned, since a change would move sentences between splits.
    first = items[0]
    assert first.text.startswith("In September, a car bomb in Kiev killed")
    assert (first.item_id, first.split, first.label) == (
        "cb-dcda4303b3bd",
        "dev",
        "material_conflict",
    )
    (event,) = first.events
    assert [a.text for a in event.sources] == ["a car bomb"]
    assert [a.text for a in event.targets] == ["another ethnic Chechen"]


def test_tabari_keeps_only_transferable_weis_records() -> None:
    items = load_tabari(eval_root())
    assert len(items) == 52
    assert {item.item_id.split("-")[0] for item in items} == {
        "DEMO", "COMPOUND", "PASV", "TIME", "AGENTS", "DISCARD"
    }  # fmt: skip
    types = Counter(event.event_type for item in items for event in item.events)
    assert set(types) - {None} <= set(PLOVER_EVENT_TYPES)
    assert all(event.cameo_code is None for item in items for event in item.events)
    by_id = {item.item_id: item for item in items}
    # "Arnor is about to restore full diplomatic ties with Gondor": WEIS 064, announced only.
    assert [(e.event_type, e.status) for e in by_id["DEMO-01"].events] == [("SUPPORT", "future")]
    # Same opening, but the coded event is the embassy burned down years before (WEIS 222).
    assert [(e.event_type, e.status) for e in by_id["DEMO-02"].events] == [("ASSAULT", "asserted")]
    assert Counter(e.status for i in items for e in i.events) == {"asserted": 69, "future": 26}


def test_petrarch_gsr_and_pytest_cases() -> None:
    items = load_petrarch(eval_root())
    ids = {item.item_id for item in items}
    # 78 records, less one without text and one repeated sentence, plus 3 pytest cases of
    # which one repeats an AFP sentence.
    assert len(items) == 78
    assert {"pytest:test_simple", "pytest:test_simple2"} <= ids
    assert "pytest:test_complex1" not in ids
    statuses = Counter(event.status for item in items for event in item.events)
    assert statuses == {"asserted": 69, "future": 10, "claimed": 1}
    germany = next(item for item in items if item.item_id == "pytest:test_simple")
    (invasion,) = germany.events
    assert (invasion.cameo_code, invasion.cameo_root, invasion.quad_class) == ("192", "19", 4)
    assert invasion.event_type == "COERCE"
    assert sum(not item.events for item in items) == 12  # the noevents records


@pytest.mark.parametrize("load", [load_plover, load_conflibert, load_tabari, load_petrarch])
def test_splits_are_stable_and_roughly_thirty_seventy(
    load: Callable[[Path], list[GoldItem]],
) -> None:
    first = {item.item_id: item.split for item in load(eval_root())}
    again = {item.item_id: item.split for item in load(eval_root())}
    assert first == again
    assert 0.15 < sum(split == "dev" for split in first.values()) / len(first) < 0.45
