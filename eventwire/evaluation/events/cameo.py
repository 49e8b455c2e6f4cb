"""The CAMEO code table (`cameo/cameo_codes.csv`): roots, quad classes and the PLOVER map.

The table is read from the shared eval folder; see its README for the column meanings and the
known defects of its sources.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from eventwire.evaluation.events.loaders.files import require_file

CAMEO_CSV: Final = ("cameo", "cameo_codes.csv")
# GDELT QuadClass, the `quad_class_gdelt` column.
QUAD_CLASS_NAMES: Final = {
    1: "verbal_cooperation",
    2: "material_cooperation",
    3: "verbal_conflict",
    4: "material_conflict",
}
# Phoenix/ICEWS 0-4, the `penta_class_phoenix_icews` column and the ConfliBERT labels. Same
# names from 1 up, but not the same roots: 09 is verbal conflict here, and 14 material conflict.
PENTA_CLASS_NAMES: Final = {0: "neutral", **QUAD_CLASS_NAMES}


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str  # "19", "190", "1931"
    root: str  # "01".."20"
    name: str
    goldstein: float | None  # a few 0.7b5-only codes have none
    quad_class: int  # GDELT QuadClass: 1 verbal coop, 2 material coop, 3 verbal conf, 4 material
    penta_class: int  # Phoenix/ICEWS 0..4, the scale of the ConfliBERT labels
    plover_event: str | None  # None for CAMEO 01, 02 (PLOVER drops them) and for root rows
    plover_mode: str | None


class CameoTable:
    """CAMEO codes by code, with the lookups that scoring needs."""

    def __init__(self, codes: Iterable[CameoCode]) -> None:
        self._codes = {code.code: code for code in codes}
        self._plover_quad = _majority_by_event(self._codes.values(), lambda row: row.quad_class)
        self._plover_penta = _majority_by_event(self._codes.values(), lambda row: row.penta_class)

    def __len__(self) -> int:
        return len(self._codes)

    def get(self, code: str) -> CameoCode | None:
        """The row for `code`, or for its nearest listed parent ("1717" → "171").

        Parents cover sub-codes that a newer or older CAMEO version added; a code whose root is
        not 01..20 (PETRARCH's test-only 21x, 90x…) has no row and gives None.
        """
        code = code.strip()
        while len(code) >= 2:
            if code in self._codes:
                return self._codes[code]
            code = code[:-1]
        return None

    def root_of(self, code: str) -> str | None:
        row = self.get(code)
        return row.root if row else None

    def plover_event_of(self, code: str) -> str | None:
        """The PLOVER event for a CAMEO code; a bare root ("19") uses its "not specified" child
        ("190"), since the table only maps the 3- and 4-digit codes."""
        row = self.get(code)
        if row is None:
            return None
        if row.plover_event is None and len(row.code) == 2:
            child = self._codes.get(row.code + "0")
            return child.plover_event if child else None
        return row.plover_event

    def quad_of_root(self, root: str) -> int | None:
        row = self._codes.get(root)
        return row.quad_class if row else None

    def penta_of_root(self, root: str) -> int | None:
        row = self._codes.get(root)
        return row.penta_class if row else None

    def quad_of_plover(self, event_type: str) -> int | None:
        """The quad class most CAMEO codes of this PLOVER event have (ACCUSE: 09 is material
        cooperation in GDELT, 11 is verbal conflict; the majority, 3, wins)."""
        return self._plover_quad.get(event_type)

    def penta_of_plover(self, event_type: str) -> int | None:
        return self._plover_penta.get(event_type)


def load_cameo_table(eval_root: Path) -> CameoTable:
    path = require_file(eval_root.joinpath(*CAMEO_CSV))
    with path.open(encoding="utf-8", newline="") as handle:
        return CameoTable(_row(row) for row in csv.DictReader(handle))


def _row(row: Mapping[str, str]) -> CameoCode:
    goldstein = row["goldstein"].strip()
    return CameoCode(
        code=row["code"].strip(),
        root=row["root"].strip(),
        name=row["name"].strip(),
        goldstein=float(goldstein) if goldstein else None,
        quad_class=int(row["quad_class_gdelt"]),
        penta_class=int(row["penta_class_phoenix_icews"]),
        plover_event=row["plover_event"].strip() or None,
        plover_mode=row["plover_mode"].strip() or None,
    )


def _majority_by_event(
    codes: Iterable[CameoCode], scale: Callable[[CameoCode], int]
) -> dict[str, int]:
    votes: defaultdict[str, Counter[int]] = defaultdict(Counter)
    for code in codes:
        if code.plover_event:
            votes[code.plover_event][scale(code)] += 1
    # Ties go to the lower (more cooperative) class, so the result never depends on row order.
    return {
        event: min(counter, key=lambda value: (-counter[value], value))
        for event, counter in votes.items()
    }
