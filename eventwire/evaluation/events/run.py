"""Run a coder over the gold sets and collect the scores, for a table or for JSON."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Final, Literal

from eventwire.evaluation.events.cameo import CameoTable, load_cameo_table
from eventwire.evaluation.events.metrics import LevelResult
from eventwire.evaluation.events.records import Coder, GoldItem, PredictedEvent
from eventwire.evaluation.events.score import score_items
from eventwire.evaluation.events.sets import GOLD_SETS

SplitChoice = Literal["dev", "test", "all"]
BATCH_SIZE: Final = 256  # sentences per coder call: large enough for nlp.pipe, small in memory


@dataclass(frozen=True, slots=True)
class SetReport:
    set_name: str
    items: int  # gold items in the chosen split
    levels: tuple[LevelResult, ...]


@dataclass(frozen=True, slots=True)
class EvaluationReport:
    coder: str
    split: SplitChoice
    sets: tuple[SetReport, ...]

    @property
    def results(self) -> tuple[LevelResult, ...]:
        return tuple(level for report in self.sets for level in report.levels)


def run_evaluation(
    coder: Coder,
    eval_root: Path,
    sets: Iterable[str] | None = None,
    split: SplitChoice = "test",
    *,
    batch_size: int = BATCH_SIZE,
) -> EvaluationReport:
    """Code every item of the chosen split of each set (all known sets by default) and score it.

    Raises KeyError for an unknown set name and FileNotFoundError naming a missing gold file.
    """
    names = list(sets) if sets is not None else list(GOLD_SETS)
    unknown = [name for name in names if name not in GOLD_SETS]
    if unknown:
        raise KeyError(f"unknown gold set(s) {unknown}; known: {sorted(GOLD_SETS)}")
    table = load_cameo_table(eval_root)
    reports = tuple(_run_set(coder, eval_root, name, split, table, batch_size) for name in names)
    return EvaluationReport(coder=coder_name(coder), split=split, sets=reports)


def coder_name(coder: Coder) -> str:
    name = getattr(coder, "name", None)
    return name if isinstance(name, str) else type(coder).__name__


def in_split(items: Iterable[GoldItem], split: SplitChoice) -> list[GoldItem]:
    return [item for item in items if split == "all" or item.split == split]


def predict(coder: Coder, items: Sequence[GoldItem], batch_size: int) -> list[list[PredictedEvent]]:
    predictions: list[list[PredictedEvent]] = []
    for start in range(0, len(items), batch_size):
        batch = [(item.text, item.date) for item in items[start : start + batch_size]]
        coded = coder(batch)
        if len(coded) != len(batch):
            raise ValueError(f"the coder returned {len(coded)} results for {len(batch)} sentences")
        predictions.extend(coded)
    return predictions


def report_to_dict(report: EvaluationReport) -> dict[str, Any]:
    """Plain JSON-ready data: {coder, split, sets: {set: {items, levels: {level: {...}}}}}."""
    return {
        "coder": report.coder,
        "split": report.split,
        "sets": {
            set_report.set_name: {
                "items": set_report.items,
                "levels": {str(level.level): _level_dict(level) for level in set_report.levels},
            }
            for set_report in report.sets
        },
    }


def _run_set(
    coder: Coder,
    eval_root: Path,
    name: str,
    split: SplitChoice,
    table: CameoTable,
    batch_size: int,
) -> SetReport:
    gold_set = GOLD_SETS[name]
    items = in_split(gold_set.load(eval_root), split)
    predictions = predict(coder, items, batch_size)
    levels = score_items(items, predictions, gold_set.levels, table=table, set_name=name)
    return SetReport(set_name=name, items=len(items), levels=levels)


def _level_dict(level: LevelResult) -> dict[str, Any]:
    return {
        "sentences": level.sentences,
        "micro": _score_dict(asdict(level.micro)),
        "macro_f1": level.macro_f1,
        "accuracy": level.accuracy,
        "labels": {score.label: _score_dict(asdict(score)) for score in level.labels},
        "not_asserted": asdict(level.not_asserted),
    }


def _score_dict(score: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in score.items() if key not in ("level", "label")}
