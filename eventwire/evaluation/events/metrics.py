"""Precision, recall and F1 by label, and the result records of one scored level."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum


class Level(StrEnum):
    EVENT_TYPE = "event_type"  # PLOVER type, multi-label per sentence
    TRIPLE = "triple"  # (type, source code, target code)
    ACTOR_SPAN = "actor_span"  # actor text, source and target separately
    CAMEO_ROOT = "cameo_root"  # "01".."20", multi-label per sentence
    QUAD_CLASS = "quad_class"  # GDELT quad class, multi-label per sentence
    CONFLIBERT_CLASS = "conflibert_class"  # the 5-way class, one per sentence


MICRO = "micro"


@dataclass(frozen=True, slots=True)
class LevelScore:
    level: str
    label: str
    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float

    @classmethod
    def from_counts(cls, level: str, label: str, tp: int, fp: int, fn: int) -> LevelScore:
        # An empty denominator gives 0, as scikit-learn's zero_division=0 does.
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(level, label, tp, fp, fn, precision, recall, f1)


@dataclass(frozen=True, slots=True)
class NotAsserted:
    """Gold events that are future, conditional, claimed or negated: `gold` labels (or dyads,
    or spans) of theirs, and how many of them the coder `predicted`. Neither is counted in the
    precision or recall of the level."""

    gold: int
    predicted: int


@dataclass(frozen=True, slots=True)
class LevelResult:
    set_name: str
    level: str
    sentences: int  # sentences scored: a sentence with nothing in gold or prediction is not
    micro: LevelScore
    labels: tuple[LevelScore, ...]  # by label, sorted
    macro_f1: float | None  # mean F1 over labels seen in gold or prediction; None if not useful
    # Share of scored sentences whose prediction equals the gold exactly (for the one-label
    # ConfliBERT class: plain accuracy).
    accuracy: float
    not_asserted: NotAsserted


@dataclass(slots=True)
class Tally:
    """Counts gathered sentence by sentence, turned into a `LevelResult` at the end."""

    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    sentences: int = 0
    exact: int = 0
    not_asserted_gold: int = 0
    not_asserted_predicted: int = 0

    def sentence(self, *, exact: bool) -> None:
        self.sentences += 1
        self.exact += exact

    def result(self, set_name: str, level: Level, *, macro: bool) -> LevelResult:
        labels = sorted(set(self.tp) | set(self.fp) | set(self.fn))
        by_label = tuple(
            LevelScore.from_counts(level, label, self.tp[label], self.fp[label], self.fn[label])
            for label in labels
        )
        micro = LevelScore.from_counts(
            level, MICRO, self.tp.total(), self.fp.total(), self.fn.total()
        )
        macro_f1 = sum(score.f1 for score in by_label) / len(by_label) if by_label else 0.0
        accuracy = self.exact / self.sentences if self.sentences else 0.0
        return LevelResult(
            set_name=set_name,
            level=level,
            sentences=self.sentences,
            micro=micro,
            labels=by_label,
            macro_f1=macro_f1 if macro else None,
            accuracy=accuracy,
            not_asserted=NotAsserted(self.not_asserted_gold, self.not_asserted_predicted),
        )
