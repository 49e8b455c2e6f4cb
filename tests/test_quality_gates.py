"""Quality gates: pinned floors on the gold sets in ../shared/eval, enforced in CI."""

from __future__ import annotations

import json

import pytest

from eventwire.evaluation.extraction import evaluate
from tests.conftest import REPO, load_benchmark, shared_path

FLOORS = json.loads((REPO / "eval" / "floors.json").read_text(encoding="utf-8"))


@pytest.mark.shared
@pytest.mark.slow
def test_extraction_f1_beats_trafilaturas_best_setting_and_the_pinned_floor() -> None:
    scores = evaluate(shared_path("eval", "article-extraction"))
    ours = scores.pop("eventwire").f1
    best_reference = max(score.f1 for score in scores.values())
    assert ours >= FLOORS["article_extraction"]["f1_min"]
    assert ours >= best_reference, f"eventwire {ours:.3f} < trafilatura {best_reference:.3f}"


@pytest.mark.shared
@pytest.mark.slow
def test_actor_resolution_holds_its_floors_overall_and_on_dated_cases() -> None:
    from eventwire.evaluation.actors import evaluate as evaluate_actors
    from eventwire.pipeline import actor_stages

    scores, _ = evaluate_actors(shared_path("eval", "ngec-actors"), actor_stages())
    floors = FLOORS["actor_resolution"]
    measured = scores.as_dict()
    below = {k: v for k, v in measured.items() if v < floors[f"{k}_min"]}
    assert not below, f"below the pinned floors: {below} (floors {floors})"


@pytest.mark.shared
@pytest.mark.slow
def test_event_coding_holds_its_floors_on_the_test_split() -> None:
    from eventwire.evaluation.events import report_to_dict, run_evaluation
    from eventwire.evaluation.events.eventwire_coder import EventwireCoder

    report = report_to_dict(run_evaluation(EventwireCoder(), shared_path("eval"), split="test"))
    floors = FLOORS["event_coding"]["test_split"]
    below = []
    for set_name, levels in floors.items():
        for level, minimums in levels.items():
            measured = report["sets"][set_name]["levels"][level]
            for metric, minimum in minimums.items():
                value = _metric(measured, metric)
                if value < minimum:
                    below.append(f"{set_name}/{level}/{metric}: {value:.3f} < {minimum}")
    assert not below, "below the pinned floors: " + "; ".join(below)


def _metric(measured: dict[str, object], metric: str) -> float:
    if metric in ("micro_f1", "micro_precision", "micro_recall"):
        micro = measured["micro"]
        assert isinstance(micro, dict)
        return float(micro[metric.removeprefix("micro_")])
    value = measured[metric]
    assert isinstance(value, int | float)
    return float(value)


def test_duplicate_linking_holds_its_floors_on_generated_rewrites() -> None:
    from eventwire.merge.duplicates import SHINGLE, THRESHOLD, signature

    bench = load_benchmark("duplicates")
    items = bench.corpus(60, seed=11)  # a different seed from the measurement run
    scored = bench.score(items, [signature(i.text, SHINGLE) for i in items], THRESHOLD, SHINGLE)
    floors = FLOORS["duplicate_linking"]
    assert scored.precision >= floors["precision_min"], scored
    assert scored.recall >= floors["recall_min"], scored


def test_event_merging_holds_its_floors_on_the_labelled_corpus() -> None:
    bench = load_benchmark("merging")
    floors = FLOORS["event_merging"]
    measured = bench.quality(floors["worlds"], floors["seed"])  # not the development seed
    coverage = measured["coded_and_matched"] / measured["listed_events"]
    assert coverage >= floors["coverage_min"], measured
    assert measured["merging"]["precision"] >= floors["precision_min"], measured
    assert measured["merging"]["recall"] >= floors["recall_min"], measured
    assert measured["independent_sources"]["exact"] >= floors["independent_exact_min"], measured
