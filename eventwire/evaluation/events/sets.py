"""The gold sets the harness knows, and the levels each one can be scored at."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from eventwire.evaluation.events.loaders.conflibert import load_conflibert
from eventwire.evaluation.events.loaders.petrarch import load_petrarch
from eventwire.evaluation.events.loaders.plover import load_plover
from eventwire.evaluation.events.loaders.tabari import load_tabari
from eventwire.evaluation.events.metrics import Level
from eventwire.evaluation.events.records import GoldItem


@dataclass(frozen=True, slots=True)
class GoldSet:
    name: str
    load: Callable[[Path], list[GoldItem]]
    levels: tuple[Level, ...]  # only what the set's gold can tell


GOLD_SETS: Final = {
    # Human-coded PLOVER with actor codes and spans; no CAMEO codes.
    "plover": GoldSet("plover", load_plover, (Level.EVENT_TYPE, Level.TRIPLE, Level.ACTOR_SPAN)),
    # CAMEO codes with real-world actor codes; no actor spans.
    "petrarch": GoldSet(
        "petrarch",
        load_petrarch,
        (Level.EVENT_TYPE, Level.TRIPLE, Level.CAMEO_ROOT, Level.QUAD_CLASS),
    ),
    # WEIS codes mapped to PLOVER; the actors are fictional, so types only.
    "tabari": GoldSet("tabari", load_tabari, (Level.EVENT_TYPE,)),
    # A 5-way class per sentence and actor spans without codes or types.
    "conflibert": GoldSet(
        "conflibert", load_conflibert, (Level.CONFLIBERT_CLASS, Level.ACTOR_SPAN)
    ),
}
