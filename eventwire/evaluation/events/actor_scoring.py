"""Scoring the actors of events: (type, source, target) dyads on codes, and actor spans.

See `dyads` for how reciprocal events are matched and `spans` for when two spans are one actor.
As at every level, actors of not-asserted gold events are excused rather than required.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from eventwire.evaluation.events.dyads import Dyad, collapse_mirrored, gold_dyads, predicted_dyads
from eventwire.evaluation.events.metrics import Tally
from eventwire.evaluation.events.readings import alternative_readings
from eventwire.evaluation.events.records import (
    GoldActor,
    GoldEvent,
    GoldItem,
    PredictedActor,
    PredictedEvent,
)
from eventwire.evaluation.events.spans import distinct_spans, match_spans

Pair = tuple[GoldItem, Sequence[PredictedEvent]]
ROLES = ("source", "target")


# --- (type, source, target) ------------------------------------------------------------------


def score_triples(pairs: Iterable[Pair]) -> Tally:
    tally = Tally()
    for item, predicted_events in pairs:
        gold = collapse_mirrored([d for e in item.events if e.asserted for d in gold_dyads(e)])
        not_asserted = [event for event in item.events if not event.asserted]
        excused = collapse_mirrored([d for e in not_asserted for d in gold_dyads(e)])
        readings = [reading for e in not_asserted for reading in alternative_readings(e)]
        also_excused = collapse_mirrored([d for e in readings for d in gold_dyads(e)])
        predicted = collapse_mirrored([d for e in predicted_events for d in predicted_dyads(e)])
        matched, missed, unmatched_predicted = _match_dyads(gold, predicted)
        predicted_excused, excused_left, unmatched_predicted = _match_dyads(
            excused, unmatched_predicted
        )
        by_reading, _, false_positives = _match_dyads(also_excused, unmatched_predicted)
        tally.tp.update(dyad.event_type for dyad in matched)
        tally.fn.update(dyad.event_type for dyad in missed)
        tally.fp.update(dyad.event_type for dyad in false_positives)
        tally.not_asserted_gold += len(excused)
        # A dyad predicted under another reading counts once, and only for a dyad not yet met.
        tally.not_asserted_predicted += len(predicted_excused) + min(
            len(by_reading), len(excused_left)
        )
        if gold or false_positives:
            tally.sentence(exact=not missed and not false_positives)
    return tally


def _match_dyads(
    gold: list[Dyad], predicted: list[Dyad]
) -> tuple[list[Dyad], list[Dyad], list[Dyad]]:
    """(gold matched, gold left, predicted left). Equal dyads are paired first, so that an
    undirected prediction is not used up by a gold dyad that another prediction fits exactly."""
    matched: list[Dyad] = []
    gold_left, predicted_left = list(gold), list(predicted)
    for same in (Dyad.__eq__, Dyad.matches):
        for dyad in list(gold_left):
            partner = next((p for p in predicted_left if same(dyad, p)), None)
            if partner is not None:
                matched.append(dyad)
                gold_left.remove(dyad)
                predicted_left.remove(partner)
    return matched, gold_left, predicted_left


# --- actor spans ------------------------------------------------------------------------------


def score_actor_spans(pairs: Iterable[Pair]) -> Tally:
    """Only sentences whose gold names some actor span are scored: a set without spans on a
    sentence (ConfliBERT sentences missing from its NER file) says nothing about actors."""
    tally = Tally()
    for item, predicted_events in pairs:
        if not any(actor.text for event in item.events for actor in _all_actors(event)):
            continue
        outcomes = [_score_role(tally, role, item.events, predicted_events) for role in ROLES]
        if any(scored for scored, _exact in outcomes):
            tally.sentence(exact=all(exact for _scored, exact in outcomes))
    return tally


def _score_role(
    tally: Tally, role: str, gold_events: Sequence[GoldEvent], predicted: Sequence[PredictedEvent]
) -> tuple[bool, bool]:
    """Count one role of one sentence; (anything to score, prediction exactly right)."""
    required, optional, excused = _gold_spans(role, gold_events)
    predicted_spans = distinct_spans(
        actor.text for event in predicted for actor in _role_actors(event, role)
    )
    matched = match_spans(predicted_spans, required)
    matched_predicted = {predicted_index for predicted_index, _ in matched}
    left = [span for i, span in enumerate(predicted_spans) if i not in matched_predicted]
    # Reciprocal parties may or may not be named as targets too, depending on the convention.
    left = _unmatched(left, optional)
    excused_matches = match_spans(left, excused)
    false_positives = len(left) - len(excused_matches)
    tally.tp[role] += len(matched)
    tally.fn[role] += len(required) - len(matched)
    tally.fp[role] += false_positives
    tally.not_asserted_gold += len(excused)
    tally.not_asserted_predicted += len(excused_matches)
    scored = bool(required) or false_positives > 0
    return scored, len(matched) == len(required) and false_positives == 0


def _gold_spans(
    role: str, events: Sequence[GoldEvent]
) -> tuple[list[frozenset[str]], list[frozenset[str]], list[frozenset[str]]]:
    """(required, optional, excused) gold spans of one role."""
    asserted = [event for event in events if event.asserted]
    required = distinct_spans(
        actor.text for event in asserted for actor in _gold_role_actors(event, role)
    )
    optional = distinct_spans(
        actor.text
        for event in asserted
        if event.reciprocal and role == "target"
        for actor in event.sources
    )
    excused = distinct_spans(
        actor.text
        for event in events
        if not event.asserted
        for actor in _gold_role_actors(event, role)
    )
    return (
        required,
        [span for span in optional if span not in required],
        [span for span in excused if span not in required],
    )


def _gold_role_actors(event: GoldEvent, role: str) -> tuple[GoldActor, ...]:
    return event.sources if role == "source" else event.targets


def _role_actors(event: PredictedEvent, role: str) -> tuple[PredictedActor, ...]:
    return event.sources if role == "source" else event.targets


def _all_actors(event: GoldEvent) -> tuple[GoldActor, ...]:
    return (*event.sources, *event.targets)


def _unmatched(
    spans: list[frozenset[str]], others: Sequence[frozenset[str]]
) -> list[frozenset[str]]:
    matched = {index for index, _ in match_spans(spans, others)}
    return [span for index, span in enumerate(spans) if index not in matched]
