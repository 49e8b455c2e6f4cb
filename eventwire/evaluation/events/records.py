"""The records an event-coding evaluation passes around: gold items, predictions, the coder.

Gold records hold what a gold set says, read from ../shared/eval at run time (never copied into
the package). Predictions hold what a coder says. Both are frozen, so that scoring can never
change its inputs, and slotted, so that a few thousand gold sentences stay small.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal, Protocol

# The 16 event types of PLOVER 0.8 (manual as implemented for POLECAT).
PLOVER_EVENT_TYPES: Final = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

Status = Literal["asserted", "future", "conditional", "claimed", "negated"]
ASSERTED: Final = "asserted"

Split = Literal["dev", "test"]


@dataclass(frozen=True, slots=True)
class GoldActor:
    text: str  # the span as the gold set gives it; "" when the set has codes only
    code: str | None  # as the set writes it ("USA", "USAGOV", "IGOUNO", "---REB", "JAP")
    sector: str | None


@dataclass(frozen=True, slots=True)
class GoldEvent:
    event_type: str | None  # PLOVER 0.8 name, or None when the set only has a CAMEO code/class
    mode: str | None
    sources: tuple[GoldActor, ...]
    targets: tuple[GoldActor, ...]
    cameo_code: str | None
    cameo_root: str | None  # "01".."20"
    quad_class: int | None  # GDELT QuadClass 1..4
    status: Status = ASSERTED
    # Both parties act on each other (a meeting, a treaty): the parties are all in `sources`
    # and `targets` is empty. The set marks this itself (PLOVER "SRC/TAR", ConfliBERT "R").
    reciprocal: bool = False

    @property
    def asserted(self) -> bool:
        return self.status == ASSERTED


@dataclass(frozen=True, slots=True)
class GoldItem:
    set_name: str
    item_id: str
    text: str
    date: date | None
    events: tuple[GoldEvent, ...]
    label: str | None  # a sentence-level class, e.g. the ConfliBERT 5-way class
    split: Split


@dataclass(frozen=True, slots=True)
class PredictedActor:
    text: str
    code: str | None  # ISO3 or an organisation id, as eventwire's actor mentions carry them
    sector: str | None


@dataclass(frozen=True, slots=True)
class PredictedEvent:
    event_type: str
    mode: str | None
    sources: tuple[PredictedActor, ...]
    targets: tuple[PredictedActor, ...]
    cameo_root: str | None
    quad_class: int | None
    # Optional, for coders that code a meeting or treaty once with all parties as sources
    # (the NGEC convention). A coder may instead emit both directions (the CAMEO convention);
    # scoring treats the two the same way.
    reciprocal: bool = False


class Coder(Protocol):
    """Codes a batch of (sentence, date) pairs: one list of events per sentence, in order.

    Batched so that a spaCy-based coder can run `nlp.pipe` over the whole batch.
    """

    def __call__(self, items: Sequence[tuple[str, date | None]]) -> list[list[PredictedEvent]]: ...
