"""Score a coder's predictions against gold items, level by level.

Rules shared by every level:
- Sentence by sentence; a sentence with nothing in gold and nothing predicted is a true
  negative and is not counted (it would only inflate accuracy).
- Gold events that are not asserted (future, conditional, claimed, negated) are neither misses
  nor, when the coder predicts them anyway, false positives; they are counted in `not_asserted`.
  A future cooperative act may also be predicted as AGREE, PLOVER's coding of it (`readings`).
- Micro P/R/F1 over all labels; macro F1 over the labels seen in gold or prediction.

The ConfliBERT class of a prediction is the strongest of its events on the 0-4 scale, where a
conflict outranks cooperation and a material act outranks a verbal one; a sentence with no
predicted event is "neutral" (PLOVER drops CAMEO's statements and appeals, class 0). An event's
class comes from its CAMEO root when the coder gives one, else from its PLOVER type (the class
most CAMEO codes of that type have). An announced act (mode "future": "will release", "agreed
to lift the sanctions") counts as the verbal act of announcing it, an intent to cooperate or a
threat, as CAMEO codes announcements (roots 03 and 13). Reducing relations (CAMEO root 16:
sanctions, expulsions, suspended aid, cancelled visits) counts as verbal conflict: the CAMEO
table puts it with material conflict, but ConfliBERT's coders class it as verbal (14 of the 15
dev sentences whose only predicted events are of root 16), and a sentence must be scored on the
gold set's own scale.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from eventwire.evaluation.events.actor_scoring import Pair, score_actor_spans, score_triples
from eventwire.evaluation.events.cameo import PENTA_CLASS_NAMES, QUAD_CLASS_NAMES, CameoTable
from eventwire.evaluation.events.metrics import (
    Level,
    LevelResult,
    LevelScore,
    NotAsserted,
    Tally,
)
from eventwire.evaluation.events.readings import alternative_readings
from eventwire.evaluation.events.records import GoldEvent, GoldItem, PredictedEvent

__all__ = [
    "Level",
    "LevelResult",
    "LevelScore",
    "NotAsserted",
    "predicted_class",
    "score_items",
]

Predictions = Sequence[Sequence[PredictedEvent]]
NEUTRAL_CLASS = 0
VERBAL_COOPERATION_CLASS, MATERIAL_COOPERATION_CLASS, VERBAL_CONFLICT_CLASS = 1, 2, 3
ANNOUNCED_MODE = "future"  # the coder's mode for an announced, agreed or planned act
# Where ConfliBERT's labels depart from the CAMEO table's 0-4 column (see the docstring).
_CONFLIBERT_ROOT_CLASSES = {"16": VERBAL_CONFLICT_CLASS}
_NEEDS_TABLE = frozenset({Level.QUAD_CLASS, Level.CONFLIBERT_CLASS})


def score_items(
    items: Sequence[GoldItem],
    predictions: Predictions,
    levels: Collection[Level],
    *,
    table: CameoTable | None = None,
    set_name: str | None = None,
) -> tuple[LevelResult, ...]:
    """Score `predictions[i]` against `items[i]` at each of `levels`, in the order given.

    `table` is needed to turn predicted CAMEO roots and PLOVER types into quad and ConfliBERT
    classes.
    """
    if len(items) != len(predictions):
        raise ValueError(f"{len(items)} gold items but {len(predictions)} predictions")
    if table is None and _NEEDS_TABLE & set(levels):
        raise ValueError("quad-class and ConfliBERT-class levels need the CAMEO table")
    name = set_name or (items[0].set_name if items else "")
    return tuple(_score_level(items, predictions, level, table, name) for level in levels)


def _score_level(
    items: Sequence[GoldItem],
    predictions: Predictions,
    level: Level,
    table: CameoTable | None,
    set_name: str,
) -> LevelResult:
    pairs = list(zip(items, predictions, strict=True))
    if level is Level.EVENT_TYPE:
        tally = _label_sets(pairs, lambda event: event.event_type, lambda event: event.event_type)
    elif level is Level.CAMEO_ROOT:
        tally = _label_sets(pairs, lambda event: event.cameo_root, lambda event: event.cameo_root)
    elif level is Level.QUAD_CLASS:
        assert table is not None  # checked in score_items
        tally = _label_sets(pairs, _gold_quad, lambda event: _predicted_quad(event, table))
    elif level is Level.TRIPLE:
        tally = score_triples(pairs)
    elif level is Level.ACTOR_SPAN:
        tally = score_actor_spans(pairs)
    elif level is Level.CONFLIBERT_CLASS:
        assert table is not None
        tally = _conflibert_classes(pairs, table)
    else:
        raise ValueError(f"unknown level {level!r}")
    macro = level is not Level.ACTOR_SPAN  # source vs target is not a label set to average
    return tally.result(set_name, level, macro=macro)


# --- one label set per sentence: event type, CAMEO root, quad class -------------------------


def _label_sets(
    pairs: list[Pair],
    gold_label: Callable[[GoldEvent], str | None],
    predicted_label: Callable[[PredictedEvent], str | None],
) -> Tally:
    tally = Tally()
    for item, predicted_events in pairs:
        gold = {label for event in item.events if event.asserted and (label := gold_label(event))}
        excused = _excused_labels(item.events, gold_label, gold)
        allowed = set().union(*excused.values())
        predicted = {label for event in predicted_events if (label := predicted_label(event))}
        tally.tp.update(gold & predicted)
        tally.fn.update(gold - predicted)
        tally.fp.update(predicted - gold - allowed)
        tally.not_asserted_gold += len(excused)
        tally.not_asserted_predicted += sum(bool(labels & predicted) for labels in excused.values())
        if gold or predicted - allowed:  # else a true negative, or not-asserted gold only
            tally.sentence(exact=predicted - allowed == gold)
    return tally


def _excused_labels(
    events: Sequence[GoldEvent], gold_label: Callable[[GoldEvent], str | None], gold: set[str]
) -> dict[str, set[str]]:
    """For each label of a not-asserted gold event (and not asserted too), the labels that a
    prediction of it may carry: its own and its alternative readings'."""
    excused: dict[str, set[str]] = {}
    for event in events:
        label = gold_label(event)
        if event.asserted or label is None or label in gold:
            continue
        readings = {gold_label(reading) for reading in alternative_readings(event)}
        excused.setdefault(label, {label}).update(reading for reading in readings if reading)
    return excused


def _gold_quad(event: GoldEvent) -> str | None:
    return QUAD_CLASS_NAMES.get(event.quad_class) if event.quad_class else None


def _predicted_quad(event: PredictedEvent, table: CameoTable) -> str | None:
    quad = event.quad_class
    if quad is None and event.cameo_root:
        quad = table.quad_of_root(event.cameo_root)
    if quad is None:
        quad = table.quad_of_plover(event.event_type)
    return QUAD_CLASS_NAMES.get(quad) if quad else None


# --- ConfliBERT 5-way class -------------------------------------------------------------------


def predicted_class(events: Sequence[PredictedEvent], table: CameoTable) -> str:
    """The ConfliBERT class of a sentence's predicted events (see the module docstring)."""
    classes = [_penta(event, table) for event in events]
    return PENTA_CLASS_NAMES[max((c for c in classes if c is not None), default=NEUTRAL_CLASS)]


def _penta(event: PredictedEvent, table: CameoTable) -> int | None:
    if event.mode == ANNOUNCED_MODE:
        return _announced_penta(event, table)
    return _act_penta(event, table)


def _act_penta(event: PredictedEvent, table: CameoTable) -> int | None:
    if event.cameo_root:
        penta = _CONFLIBERT_ROOT_CLASSES.get(
            event.cameo_root, table.penta_of_root(event.cameo_root)
        )
        if penta is not None:
            return penta
    return table.penta_of_plover(event.event_type)


def _announced_penta(event: PredictedEvent, table: CameoTable) -> int | None:
    act = _act_penta(event, table)
    if act is None or act == NEUTRAL_CLASS:
        return act
    return VERBAL_COOPERATION_CLASS if act <= MATERIAL_COOPERATION_CLASS else VERBAL_CONFLICT_CLASS


def _conflibert_classes(pairs: list[Pair], table: CameoTable) -> Tally:
    tally = Tally()
    for item, predicted_events in pairs:
        if item.label is None:
            continue
        predicted = predicted_class(predicted_events, table)
        if predicted == item.label:
            tally.tp[item.label] += 1
        else:
            tally.fn[item.label] += 1
            tally.fp[predicted] += 1
        tally.sentence(exact=predicted == item.label)
    return tally
