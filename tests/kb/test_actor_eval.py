"""The actor-resolution evaluation reads NGEC's cases as their README describes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from eventwire.evaluation.actors import (
    CASES_FILE,
    GOLD_TODAY,
    ActorCase,
    Outcome,
    load_cases,
    score,
)


def write_cases(folder: Path, rows: list[dict[str, object]]) -> Path:
    (folder / CASES_FILE).write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return folder


def case(**expect: object) -> dict[str, object]:
    return {"test": "t", "status": "active", "method": "agent_to_code", "kwargs": {},
            "args": ["Trump", "", "1 july 2021"], "expect": expect}  # fmt: skip


def test_cases_are_read_with_their_dates_and_alternatives(tmp_path: Path) -> None:
    rows = [
        case(country="USA", code_1="ELI"),
        {**case(code_1={"in": ["PTY", "REB"]}), "args": ["Hezbollah"]},
        {**case(result={"is": None}), "args": ["zzzz", "", "today"]},
        {**case(country="USA"), "status": "xfail: not scored"},
        {**case(title="x"), "method": "query_wiki"},
    ]
    dated, hezbollah, nonsense = load_cases(write_cases(tmp_path, rows))
    assert dated.on == date(2021, 7, 1) and dated.dated
    assert hezbollah.sectors == frozenset({"PTY", "REB"}) and not hezbollah.checks_country
    assert hezbollah.on == GOLD_TODAY and not hezbollah.dated
    assert nonsense.country is None and nonsense.sectors == frozenset({None})


def test_scores_count_country_and_sector_separately() -> None:
    def make(dated: bool) -> ActorCase:
        return ActorCase("t", "x", "", GOLD_TODAY, dated, "USA", frozenset({"GOV"}), True, True)

    outcomes = [
        Outcome(make(True), "USA", "GOV"),
        Outcome(make(True), "USA", "ELI"),
        Outcome(make(False), None, "GOV"),
    ]
    scores = score(outcomes)
    assert (scores.country.correct, scores.country.total) == (2, 3)
    assert (scores.sector.correct, scores.both.correct) == (2, 1)
    assert (scores.dated_country.total, scores.dated_both.correct) == (2, 1)
