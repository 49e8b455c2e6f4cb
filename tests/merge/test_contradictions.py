"""Contradictions: a report of the same event that differs in its day, numbers or actors."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from eventwire.merge.contradictions import contradictions, numbers
from eventwire.merge.events import EventMerger
from eventwire.records import ArticleId, CanonicalEvent
from tests.merge.test_events import mention

STRIKE = "Russia said on Tuesday it had shot down 12 Ukrainian drones over the Belgorod region."


def founded(sentence: str = STRIKE) -> CanonicalEvent:
    merger = EventMerger()
    first = mention("e1", "a1", sentence, "ASSAULT", ("RUS",), ("UKR",), date(2024, 3, 5))
    return merger.add(first, ArticleId("a1"), "TASS").canonical


def test_a_report_a_day_off_is_flagged_with_both_dates_and_the_first_source() -> None:
    canonical = founded()
    later = mention("e2", "a2", STRIKE, "ASSAULT", ("RUS",), ("UKR",), date(2024, 3, 6))
    [flag] = contradictions(canonical, later, "report", lambda: "TASS, 2024-03-05")
    assert flag.kind == "contradiction_date"
    assert flag.article_id == "a2"
    assert "2024-03-06" in flag.explanation and "2024-03-05" in flag.explanation
    assert "TASS" in flag.explanation


def test_a_report_with_other_numbers_is_flagged() -> None:
    canonical = founded()
    sentence = STRIKE.replace("12", "15")
    later = mention("e2", "a2", sentence, "ASSAULT", ("RUS",), ("UKR",), date(2024, 3, 5))
    [flag] = contradictions(canonical, later, "report", lambda: "TASS")
    assert flag.kind == "contradiction_number"
    assert "15" in flag.explanation and "12" in flag.explanation


def test_a_copy_naming_other_actors_is_flagged_but_an_agreeing_report_is_not() -> None:
    canonical = founded()
    copy = mention("e2", "a2", STRIKE, "ASSAULT", ("BLR",), ("UKR",), date(2024, 3, 5))
    assert [f.kind for f in contradictions(canonical, copy, "copy", lambda: "TASS")] == [
        "contradiction_actor"
    ]
    agreeing = replace(copy, source_codes=frozenset({"RUS"}))
    assert contradictions(canonical, agreeing, "copy", lambda: "TASS") == []


def test_numbers_leave_out_years_and_days_of_the_month() -> None:
    assert numbers("On March 3, 2022, 1,200 troops and twelve tanks crossed.") == {1200.0, 12.0}
    assert numbers("Talks resumed on 14 May 2023.") == frozenset()
