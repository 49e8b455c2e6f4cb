"""PETRARCH-2 gold records with real-world actors (CAMEO codes, production dictionaries).

Read: `petrarch2/petr2_gsr.jsonl` (78 records, UniversalPetrarch's PETR2_GSR_validation) and the
three full-sentence event cases of `pytest_cases.jsonl`. Not read: `unit_tests.jsonl`, whose
Tolkien-world actors and test-only codes only make sense with PETRARCH's validation
dictionaries (its README: a functional test, "don't use this for assessment purposes"), and the
actor-phrase and pronoun cases of `pytest_cases.jsonl`, which have no event.

The files state no event status. The README names the clash: CAMEO codes scheduled and claimed
events as if they happened, and eventwire means to skip them. The records whose coded event is
only announced for the future, or only claimed, are listed in `NOT_ASSERTED` with the words
that show it; their events are scored in the "not asserted" row. One record has no text and is
skipped; a sentence listed twice with the same coding (GOLD_5, GOLD_9) is kept once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from eventwire.evaluation.events.cameo import CameoTable, load_cameo_table
from eventwire.evaluation.events.loaders.cameo_events import cameo_events
from eventwire.evaluation.events.loaders.files import compact_date, read_json_lines
from eventwire.evaluation.events.records import ASSERTED, GoldEvent, GoldItem, Status
from eventwire.evaluation.events.splits import split_of

SET_NAME: Final = "petrarch"
GSR_FILE: Final = ("petrarch2", "petr2_gsr.jsonl")
PYTEST_FILE: Final = ("petrarch2", "pytest_cases.jsonl")
PYTEST_PREFIX: Final = "pytest:"

NOT_ASSERTED: Final[dict[str, tuple[Status, str]]] = {
    "AFP0808020625_4": ("future", "the US leader prepared to attend the Beijing Olympics"),
    "AFP0808021021_3": ("future", "President Bush scheduled to give a speech … and meet"),
    "TEST_11": ("future", "Obama and Putin will meet in Zurich"),
    "VERB_0": ("future", "Obama is scheduled to attend a summit"),
    "VERB_1": ("future", "Obama is scheduled to attend a summit"),
    "VERB_8": ("future", "The United States will supply arms"),
    "Pattern_1": ("future", "Obama and Putin said they will attack Iraq"),
    "NEST_0": ("claimed", "The US claimed that they had attacked Iraq"),
}


def load_petrarch(eval_root: Path, table: CameoTable | None = None) -> list[GoldItem]:
    table = table or load_cameo_table(eval_root)
    gsr = read_json_lines(eval_root.joinpath(*GSR_FILE))
    cases = read_json_lines(eval_root.joinpath(*PYTEST_FILE))
    items: dict[str, GoldItem] = {}
    for record in gsr:
        _add(items, _item(str(record["id"]), record, table))
    for case in cases:
        if case.get("kind") == "event":
            _add(items, _item(PYTEST_PREFIX + str(case["id"]), case, table))
    return list(items.values())


def _add(items: dict[str, GoldItem], item: GoldItem) -> None:
    if item.text and item.text not in items:
        items[item.text] = item


def _item(item_id: str, record: dict[str, Any], table: CameoTable) -> GoldItem:
    status, _why = NOT_ASSERTED.get(item_id, (ASSERTED, ""))
    events: tuple[GoldEvent, ...] = cameo_events(record.get("expected_events", []), table, status)
    return GoldItem(
        set_name=SET_NAME,
        item_id=item_id,
        text=str(record.get("text", "")).strip(),
        date=compact_date(str(record.get("date", ""))),
        events=events,
        label=None,
        split=split_of(SET_NAME, item_id),
    )
