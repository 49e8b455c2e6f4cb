"""The harness end to end: the keyword baseline through `run_evaluation`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from eventwire.evaluation.events import (
    Coder,
    KeywordBaseline,
    PredictedEvent,
    format_table,
    report_to_dict,
    run_evaluation,
)
from tests.conftest import shared_path

CAMEO_HEADER = (
    "code,root,level,name,goldstein,quad_class_gdelt,penta_class_phoenix_icews,name_cameo_0.7b5,"
    "name_icews_text_if_different,plover_event,plover_mode,plover_context,plover_map_comment\n"
)


def tiny_eval_root(root: Path) -> Path:
    (root / "cameo").mkdir()
    (root / "cameo" / "cameo_codes.csv").write_text(
        CAMEO_HEADER
        + "18,18,2,ASSAULT,-9.0,4,4,,,,,,\n"
        + "180,18,3,Use unconventional violence,-9.0,4,4,,,ASSAULT,,,\n",
        encoding="utf-8",
    )
    (root / "plover").mkdir()
    records = [
        {
            "id": f"PLOVER-GSR01-ASSAULT-{n:04d}",
            "event": "ASSAULT",
            "date": "2000-01-01",
            "text": text,
            "textInfo": {"markup": ""},
            "source": [{"actorText": "Rebels", "code": "UGA", "sector": "REB"}],
            "target": [{"actorText": "Kampala", "code": "UGA", "sector": "GOV"}],
        }
        for n, text in enumerate(["Rebels attacked Kampala.", "Rebels shelled Kampala."], 1)
    ]
    (root / "plover" / "PLOVER_GSR_CAMEO.json").write_text(json.dumps(records), encoding="utf-8")
    return root


def test_keyword_baseline_is_a_coder() -> None:
    coder: Coder = KeywordBaseline()
    (events,) = coder([("Rebels attacked Kampala and Gulu on Monday.", date(2000, 1, 1))])
    assert [event.event_type for event in events] == ["ASSAULT"]
    assert [actor.text for actor in events[0].sources] == ["Rebels"]
    assert [actor.text for actor in events[0].targets] == ["Monday"]
    assert events[0].sources[0].code is None


def test_run_evaluation_on_a_tiny_eval_folder(tmp_path: Path) -> None:
    report = run_evaluation(KeywordBaseline(), tiny_eval_root(tmp_path), ["plover"], "all")
    (plover,) = report.sets
    assert report.coder == "keyword baseline"
    assert plover.items == 2
    event_type, triple, spans = plover.levels
    # "attacked" is a keyword, "shelled" is not: tp 1, fn 1.
    assert (event_type.micro.tp, event_type.micro.fp, event_type.micro.fn) == (1, 0, 1)
    assert triple.micro.tp == 0  # the baseline resolves no codes
    # Spans: the first sentence's event brings "Rebels" and "Kampala" (tp 2); the second has
    # no event, so no actors (fn 2).
    assert (spans.micro.tp, spans.micro.fp, spans.micro.fn) == (2, 0, 2)
    table = format_table(report.results, per_label=False).splitlines()
    assert [line.split()[:3] for line in table[1:]] == [
        ["plover", "event_type", "micro"],
        ["plover", "triple", "micro"],
        ["plover", "actor_span", "micro"],
    ]
    data = report_to_dict(report)
    assert data["sets"]["plover"]["levels"]["event_type"]["labels"]["ASSAULT"]["fn"] == 1
    json.dumps(data)


def test_run_evaluation_rejects_unknown_sets_and_bad_coders(tmp_path: Path) -> None:
    with pytest.raises(KeyError, match="nope"):
        run_evaluation(KeywordBaseline(), tmp_path, ["nope"])

    def forgetful(items: object) -> list[list[PredictedEvent]]:
        return []

    with pytest.raises(ValueError, match="returned 0 results for 2 sentences"):
        run_evaluation(forgetful, tiny_eval_root(tmp_path), ["plover"], "all")


@pytest.mark.shared
def test_keyword_baseline_on_every_gold_set() -> None:
    report = run_evaluation(KeywordBaseline(), shared_path("eval"), split="all")
    data = report_to_dict(report)
    json.dumps(data)
    assert set(data["sets"]) == {"plover", "petrarch", "tabari", "conflibert"}
    conflibert = data["sets"]["conflibert"]["levels"]["conflibert_class"]
    # A keyword list on the 5-way class: about 0.43 macro-F1, well above chance (0.2).
    assert 0.35 < conflibert["macro_f1"] < 0.55
    assert data["sets"]["plover"]["levels"]["event_type"]["micro"]["f1"] > 0.3
    assert data["sets"]["petrarch"]["levels"]["cameo_root"]["micro"]["tp"] == 0  # no roots
