"""A keyword coder: the floor that any real coder must beat, and a harness smoke test.

Each keyword is the start of a word ("attack" catches "attacked", "attacks"); a sentence gets
one event per PLOVER type whose keyword it contains. The source is the first capitalised word
that is not a sentence-opening function word, the target the last one; neither is resolved to a
code. No parsing, no negation, no tense: deliberately naive.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Final

from eventwire.evaluation.events.records import PredictedActor, PredictedEvent

KEYWORDS: Final[Mapping[str, tuple[str, ...]]] = {
    "AGREE": ("agree", "promis", "pledg", "offer"),
    "CONSULT": ("meet", "met ", "talks", "visit", "telephon", "discuss", "negotiat"),
    "SUPPORT": ("prais", "welcom", "support", "endors", "signed"),
    "CONCEDE": ("ease", "lift", "conced"),
    "COOPERATE": ("cooperat", "joint"),
    "AID": ("aid", "donat", "assistance"),
    "RETREAT": ("withdr", "releas", "resign", "surrender", "ceasefire"),
    "REQUEST": ("urg", "demand", "called on", "called for", "appeal", "ask"),
    "ACCUSE": ("accus", "condemn", "critici", "investigat", "blam"),
    "REJECT": ("reject", "refus", "deni", "veto"),
    "THREATEN": ("threat", "warn"),
    "PROTEST": ("protest", "demonstrat", "strike", "rall", "riot"),
    "SANCTION": ("sanction", "embargo", "boycott", "suspend"),
    "MOBILIZE": ("deploy", "mobiliz"),
    "COERCE": ("arrest", "detain", "banned", "ban ", "seiz", "deport", "expel"),
    "ASSAULT": ("attack", "kill", "bomb", "shoot", "shot", "fire", "clash", "fight", "invad"),
}
# Capitalised words that open sentences without naming anyone.
_OPENERS: Final = frozenset({"The", "A", "An", "In", "On", "At", "After", "Meanwhile", "But"})
_CAPITALISED = re.compile(r"\b[A-Z][\w.'-]*")


class KeywordBaseline:
    name = "keyword baseline"

    def __init__(self, keywords: Mapping[str, tuple[str, ...]] = KEYWORDS) -> None:
        self._patterns = {
            event_type: re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + ")", re.I)
            for event_type, words in keywords.items()
        }

    def __call__(self, items: Sequence[tuple[str, date | None]]) -> list[list[PredictedEvent]]:
        return [self.code(text) for text, _on in items]

    def code(self, text: str) -> list[PredictedEvent]:
        source, target = _first_and_last_name(text)
        return [
            PredictedEvent(
                event_type=event_type,
                mode=None,
                sources=(source,) if source else (),
                targets=(target,) if target else (),
                cameo_root=None,
                quad_class=None,
            )
            for event_type, pattern in self._patterns.items()
            if pattern.search(text)
        ]


def _first_and_last_name(text: str) -> tuple[PredictedActor | None, PredictedActor | None]:
    words = [word.rstrip(".") for word in _CAPITALISED.findall(text)]
    names = [word for index, word in enumerate(words) if index or word not in _OPENERS]
    if not names:
        return None, None
    source = PredictedActor(text=names[0], code=None, sector=None)
    if len(names) == 1:
        return source, None
    return source, PredictedActor(text=names[-1], code=None, sector=None)
