"""(event type, source, target) dyads on actor-code keys, and how a predicted one meets a gold one.

Reciprocal events (a meeting, a treaty) are written three ways: PLOVER gold lists the parties as
sources with a "SRC/TAR" mark, CAMEO gold and CAMEO-style coders emit both directions (A→B and
B→A), and NGEC-style coders list the parties once. All three become *undirected* dyads: a
gold reciprocal event, a predicted event flagged `reciprocal`, and any mirrored pair of directed
dyads of the same type on the same side. An undirected dyad matches a dyad of the same type over
the same two actors in either direction; two directed dyads match only when equal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations, product

from eventwire.evaluation.events.codes import actor_code_key
from eventwire.evaluation.events.records import GoldActor, GoldEvent, PredictedActor, PredictedEvent


@dataclass(frozen=True, slots=True)
class Dyad:
    event_type: str
    source: str | None  # actor-code key ("USA", "ORG") or None (absent or unknown)
    target: str | None
    undirected: bool = False

    @property
    def pair(self) -> tuple[str, str]:
        return _ordered(self.source, self.target)

    def matches(self, other: Dyad) -> bool:
        if self.event_type != other.event_type:
            return False
        if self.undirected or other.undirected:
            return self.pair == other.pair
        return (self.source, self.target) == (other.source, other.target)


def gold_dyads(event: GoldEvent) -> list[Dyad]:
    """Dyads of a gold event with a PLOVER type (CAMEO 01/02 events have none)."""
    if event.event_type is None:
        return []
    return _dyads(event.event_type, event.sources, event.targets, event.reciprocal)


def predicted_dyads(event: PredictedEvent) -> list[Dyad]:
    if event.reciprocal:
        parties = (*event.sources, *event.targets)
        return _dyads(event.event_type, parties, (), reciprocal=True)
    return _dyads(event.event_type, event.sources, event.targets, reciprocal=False)


def collapse_mirrored(dyads: Sequence[Dyad]) -> list[Dyad]:
    """Each pair A→B, B→A of one type becomes one undirected dyad (the CAMEO way of coding a
    reciprocal event); everything else is kept as it is."""
    pending = list(dyads)
    result: list[Dyad] = []
    while pending:
        dyad = pending.pop(0)
        mirror = Dyad(dyad.event_type, dyad.target, dyad.source)
        if _can_mirror(dyad) and mirror in pending:
            pending.remove(mirror)
            result.append(_undirected(dyad.event_type, dyad.source, dyad.target))
        else:
            result.append(dyad)
    return result


def _can_mirror(dyad: Dyad) -> bool:
    return (
        not dyad.undirected
        and dyad.source is not None
        and dyad.target is not None
        and dyad.source != dyad.target
    )


def _dyads(
    event_type: str,
    sources: Iterable[GoldActor | PredictedActor],
    targets: Iterable[GoldActor | PredictedActor],
    reciprocal: bool,
) -> list[Dyad]:
    source_keys = _keys(sources)
    target_keys = _keys(targets)
    if reciprocal and len(source_keys) > 1:
        parties = combinations(source_keys, 2)
        return _unique(_undirected(event_type, first, second) for first, second in parties)
    directed = product(source_keys or [None], target_keys or [None])
    return _unique(Dyad(event_type, source, target) for source, target in directed)


def _keys(actors: Iterable[GoldActor | PredictedActor]) -> list[str | None]:
    return [actor_code_key(actor.code) for actor in actors]


def _undirected(event_type: str, first: str | None, second: str | None) -> Dyad:
    source, target = _ordered(first, second)
    return Dyad(event_type, source or None, target or None, undirected=True)


def _ordered(first: str | None, second: str | None) -> tuple[str, str]:
    a, b = first or "", second or ""
    return (a, b) if a <= b else (b, a)


def _unique(dyads: Iterable[Dyad]) -> list[Dyad]:
    # Two actors of one event with the same key ("French and Egyptian warships" is not one,
    # "Sudanese government and SPLM/A" is) are one dyad: codes cannot tell them apart.
    return list(dict.fromkeys(dyads))
