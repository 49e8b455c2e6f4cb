"""PLOVER gold records (`plover/PLOVER_GSR_CAMEO.json`): 322 human-coded English sentences.

The records are coded in PLOVER 0.5b1; four type names changed in 0.8 and are mapped here, as
the folder's README says. The file states no event status, so every event is "asserted"; note
that PLOVER codes future cooperation as AGREE (the manual's rule), so "will visit" is gold AGREE.
Six sentences carry two records (two events); they become one item with two events.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any, Final

from eventwire.evaluation.events.loaders.files import require_file
from eventwire.evaluation.events.loaders.ids import unique_id
from eventwire.evaluation.events.records import GoldActor, GoldEvent, GoldItem
from eventwire.evaluation.events.splits import split_of

SET_NAME: Final = "plover"
GOLD_FILE: Final = ("plover", "PLOVER_GSR_CAMEO.json")

# 0.5b1 name → (0.8 name, the 0.8 mode that keeps the old distinction, or None to keep the
# record's own mode).
RENAMED_0_8: Final = {
    "DEMAND": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "FIGHT": ("ASSAULT", None),
}
_HEADER_EVENT: Final = "DOCUMENT"  # the file's first record documents the file itself
_UNKNOWN_SECTOR: Final = "***"
_RECIPROCAL_MARK: Final = "SRC/TAR:"


def plover_type(name_0_5: str, mode: str | None) -> tuple[str, str | None]:
    """The PLOVER 0.8 (type, mode) for a 0.5b1 type name and mode."""
    if name_0_5 in RENAMED_0_8:
        new_name, new_mode = RENAMED_0_8[name_0_5]
        return new_name, new_mode or mode
    return name_0_5, mode


def load_plover(eval_root: Path) -> list[GoldItem]:
    path = require_file(eval_root.joinpath(*GOLD_FILE))
    records = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(records, list):
        raise ValueError(f"{path}: expected a JSON list of records")
    by_text: dict[str, tuple[str, date | None, list[GoldEvent]]] = {}
    used_ids: set[str] = set()
    for record in records:
        if record.get("event") == _HEADER_EVENT:
            continue
        text = str(record["text"]).strip()
        if text not in by_text:  # COERCE-0004 names two sentences: the second gets '#2'
            by_text[text] = (unique_id(str(record["id"]), used_ids), _date(record), [])
        by_text[text][2].append(_event(record))
    return [
        GoldItem(
            set_name=SET_NAME,
            item_id=item_id,
            text=text,
            date=on,
            events=tuple(events),
            label=None,
            split=split_of(SET_NAME, item_id),
        )
        for text, (item_id, on, events) in by_text.items()
    ]


def _date(record: dict[str, Any]) -> date | None:
    try:
        return date.fromisoformat(str(record.get("date", "")))
    except ValueError:
        return None


def _event(record: dict[str, Any]) -> GoldEvent:
    event_type, mode = plover_type(str(record["event"]), record.get("mode") or None)
    reciprocal = _RECIPROCAL_MARK in _markup(record)
    sources = _actors(record.get("source"))
    # A reciprocal record lists every party as a source and leaves `target` empty (or, once,
    # holds a stray context word there: AGREE-0007 has target "diplomatic").
    targets = () if reciprocal else _actors(record.get("target"))
    return GoldEvent(
        event_type=event_type,
        mode=mode,
        sources=sources,
        targets=targets,
        cameo_code=None,
        cameo_root=None,
        quad_class=None,
        reciprocal=reciprocal,
    )


def _markup(record: dict[str, Any]) -> str:
    # `textInfo` is {"markup": ...} except in INVESTIGATE-0002, where it is the markup itself.
    info = record.get("textInfo")
    if isinstance(info, dict):
        return str(info.get("markup", ""))
    return str(info or "")


def _actors(value: object) -> tuple[GoldActor, ...]:
    if not isinstance(value, list):  # absent, "" or a stray string
        return ()
    return tuple(
        GoldActor(
            text=re.sub(r"\s+", " ", str(actor.get("actorText", ""))).strip(),
            code=actor.get("code") or None,
            sector=_sector(actor.get("sector")),
        )
        for actor in value
        if isinstance(actor, dict)
    )


def _sector(value: object) -> str | None:
    if not isinstance(value, str) or not value or value == _UNKNOWN_SECTOR:
        return None
    return value
