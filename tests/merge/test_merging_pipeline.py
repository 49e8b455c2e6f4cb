"""Merging after ingestion: canonical events, independent sources, origins, contradictions and
stories, from articles written for the purpose and run through the whole pipeline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eventwire.pipeline import ingest, merge
from eventwire.store.db import Store

FILLER = (
    "The two governments have sparred for months over grain shipments across the Black Sea, "
    "and officials on both sides described the atmosphere before the meeting as tense. "
    "Trade between the neighbours has fallen by a third since the spring, according to "
    "customs figures, and farmers' groups have staged blockades at several border posts. "
)
WIRE = (
    "ANKARA, March 5 (Reuters) - Turkey held talks with Israel in Ankara on Tuesday about the "
    "reopening of border crossings for humanitarian convoys, officials said.\n"
    + FILLER
    + "\nDelegations worked through a list of crossings and inspection rules.\n"
    + FILLER
)
# The same wire report, republished with a new headline and the day changed.
COPY = (
    WIRE.replace(
        "March 5 (Reuters) - Turkey held talks with Israel in Ankara on Tuesday",
        "March 6 - Turkey held talks with Israel in Ankara on Wednesday",
    )
    + "\n(Reuters)"
)
OWN_REPORT = (
    "Israeli and Turkish negotiators met in Ankara on Tuesday to discuss reopening crossings "
    "for aid convoys, our correspondent reports. The session lasted six hours and closed "
    "without a statement. Several diplomats described the tone as businesslike, and a second "
    "round has not been scheduled. Humanitarian groups have pressed for weeks for the crossings "
    "to reopen before the summer heat, and the negotiators were said to have compared lists of "
    "convoy routes and inspection rules."
)


def write_corpus(path: Path) -> Path:
    records = [
        {"url": "https://wire.example/1", "title": "Turkey and Israel hold border talks",
         "outlet": "Reuters", "published": "2024-03-05", "text": WIRE},
        {"url": "https://courier.example/2", "title": "Ankara hosts Israeli delegation",
         "outlet": "The Northern Courier", "published": "2024-03-06", "text": COPY},
        {"url": "https://ledger.example/3", "title": "Crossings on the table in Ankara",
         "outlet": "Harbor City Ledger", "published": "2024-03-06", "text": OWN_REPORT},
    ]  # fmt: skip
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def talks(store: Store) -> list[dict[str, Any]]:
    return [
        row
        for row in store.rows("events")
        if row["event_type"] == "CONSULT" and {"TUR", "ISR"} & codes(row)
    ]


def codes(row: dict[str, Any]) -> set[str]:
    return {a["code"] for a in row["source"] + row["target"] if a["code"]}


@pytest.fixture(scope="module")
def merged(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("merging")
    store = Store(str(folder / "merge.db"))
    report = ingest([str(write_corpus(folder / "corpus.jsonl"))], store)
    assert (report.new, report.failed, report.duplicates) == (3, 0, 1)
    return store


def test_three_reports_of_one_meeting_become_one_canonical_event(merged: Store) -> None:
    rows = talks(merged)
    assert len(rows) == 3, [r["sentence"] for r in rows]
    assert len({row["canonical_id"] for row in rows}) == 1
    assert {row["corroboration"] for row in rows} == {3}
    # The copy of the Reuters report is not a second source; the correspondent's report is.
    assert {row["independent_sources"] for row in rows} == {2}
    [canonical] = [
        c for c in merged.rows("canonical") if c["canonical_id"] == rows[0]["canonical_id"]
    ]
    assert canonical["origins"] == ["Reuters", "Harbor City Ledger"]
    assert sorted(canonical["event_ids"]) == sorted(row["event_id"] for row in rows)


def test_each_mention_shows_its_origin_and_chain(merged: Store) -> None:
    chains = {tuple(row["chain"]) for row in talks(merged)}
    assert chains == {("Reuters",), ("Reuters", "The Northern Courier"), ("Harbor City Ledger",)}
    assert {row["origin"] for row in talks(merged)} == {"Reuters", "Harbor City Ledger"}


def test_the_copy_that_changed_the_day_is_flagged(merged: Store) -> None:
    flags = [f for f in merged.rows("flags") if f["kind"] == "contradiction_date"]
    assert len(flags) == 1
    assert "2024-03-06" in flags[0]["explanation"] and "2024-03-05" in flags[0]["explanation"]
    assert "Reuters" in flags[0]["explanation"]


def test_the_three_articles_form_one_story(merged: Store) -> None:
    [story] = list(merged.rows("stories"))
    assert story["article_count"] == 3 and len(story["articles"]) == 3
    assert story["title"].startswith(("Turkey – Israel", "Israel – Turkey"))
    assert (story["first"], story["last"]) == ("2024-03-05", "2024-03-06")


def test_merging_again_adds_nothing(merged: Store) -> None:
    before = {table: list(merged.rows(table)) for table in ("events", "canonical", "flags")}
    report = merge(merged)
    assert (report.mentions, report.canonical, report.contradictions) == (0, 0, 0)
    assert {t: list(merged.rows(t)) for t in before} == before


def test_a_merger_reloads_the_events_reported_last(merged: Store) -> None:
    every = list(merged.canonical_events(1000))
    assert len(every) > 1
    last = list(merged.canonical_events(1))
    # The least recent come first, so the one event of a window of one is the last of all.
    assert [e.canonical_id for e in last] == [every[-1].canonical_id]
    with merged.engine.connect() as conn:
        latest_article = conn.exec_driver_sql(
            "SELECT article_id FROM article_links ORDER BY position DESC LIMIT 1"
        ).scalar()
    assert latest_article in last[0].articles


def test_a_story_builder_reloads_the_stories_grown_last(merged: Store) -> None:
    [story] = merged.stories(1)
    with merged.engine.connect() as conn:
        latest_article = conn.exec_driver_sql(
            "SELECT article_id FROM article_links ORDER BY position DESC LIMIT 1"
        ).scalar()
    assert latest_article in story.articles
    assert list(merged.stories(10)) == [story]  # one story holds all three articles
