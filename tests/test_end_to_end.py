"""From real and demo files to rows in the store, checked as a reader would check them."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.pipeline import ingest
from eventwire.store.db import Store
from tests.conftest import DEMO, shared_path


def articles_by_file(store: Store) -> dict[str, dict[str, object]]:
    return {Path(str(row["location"])).name: row for row in store.rows("articles")}


def test_demo_corpus_end_to_end(fresh_db: Store) -> None:
    report = ingest([str(DEMO)], fresh_db)
    assert (report.new, report.failed) == (21, 0)
    rows = articles_by_file(fresh_db)
    wire = rows["06_blinken_lavrov_geneva.txt"]
    assert wire["published"] == "2022-01-21" and wire["reported_by"] == ["Reuters"]
    assert wire["author"] == "Sofia Brandt" and wire["outlet"] == "The Atlantic Desk"
    assert rows["05_osce_vienna_talks.txt"]["published"] is None  # its dateline has no year
    repeated = rows["07_us_written_response.txt"]["removed"]
    assert any(item["reason"].startswith("repeated section") for item in repeated)  # type: ignore[attr-defined]
    page = rows["13_trump_putin_call.html"]
    assert page["published"] == "2025-02-12" and page["published_via"] == "html:htmldate"
    feed_entry = rows["18_feed.xml#entry=1"]
    assert feed_entry["author"] == "Tom Beckett" and feed_entry["published"] == "2021-12-23"
    again = ingest([str(DEMO)], fresh_db)
    assert (again.new, again.unchanged) == (0, 21)


@pytest.mark.shared
def test_real_seed_articles_are_cleaned_without_losing_body_text(fresh_db: Store) -> None:
    seeds = shared_path("corpus", "seeds")
    report = ingest([str(seeds)], fresh_db)
    assert (report.new, report.failed) == (5, 0)
    rows = articles_by_file(fresh_db)
    repeated_half = next(row for name, row in rows.items() if name.startswith("003_"))
    assert repeated_half["author"] == "Alexandra Hartman"
    text = str(repeated_half["text"])
    assert str(repeated_half["title"]).startswith("Analysis | NATO’s allies are looking for")
    assert text.count("NATO Meeting Highlights Growing Rift") == 1  # a sub-heading, not repeated
    assert text.count("irreversible path") == 1  # the re-published half collapsed
    assert "Interview with Secretary pete hegseth" in text  # new text after the repeat stays
    assert "Akismet" not in text and "Adblock" not in text
    wire = next(row for name, row in rows.items() if name.startswith("004_"))
    assert wire["reported_by"] == ["Reuters"] and wire["published"] is None  # no year printed
    tweet = next(row for name, row in rows.items() if name.startswith("000_"))
    assert tweet["published"] == "2025-02-19"
    assert "Regional Security: The presence of U.S. troops" in str(tweet["text"])
    # The article relays a tweet that quotes BILD: BILD is where its reports come from.
    chains = {
        tuple(e["chain"]) for e in fresh_db.rows("events") if e["article_id"] == tweet["article_id"]
    }
    assert chains and all(chain[:2] == ("Bild", "Polymarket Intel") for chain in chains)
    wire_chains = {
        tuple(e["chain"]) for e in fresh_db.rows("events") if e["article_id"] == wire["article_id"]
    }
    assert wire_chains and all(chain[0] == "Reuters" for chain in wire_chains)


def test_worker_processes_store_what_one_process_stores(tmp_path: Path) -> None:
    single = Store(str(tmp_path / "one.db"))
    double = Store(str(tmp_path / "two.db"))
    ingest([str(DEMO)], single)
    report = ingest([str(DEMO)], double, workers=2)
    assert (report.new, report.failed) == (21, 0)
    for table in ("events", "mentions", "flags", "quotes"):
        assert list(single.rows(table)) == list(double.rows(table)), table
    single.close()
    double.close()


def test_demo_events_are_grounded_in_their_sentences(fresh_db: Store) -> None:
    ingest([str(DEMO)], fresh_db)
    texts = {row["article_id"]: row["text"] for row in fresh_db.rows("articles")}
    events = list(fresh_db.rows("events"))
    assert len(events) > 20
    for event in events:
        text = texts[event["article_id"]]
        assert text[event["char_start"] : event["char_end"]] == event["sentence"]
        assert event["source"] or event["target"]
    quotes = list(fresh_db.rows("quotes"))
    assert quotes and all(
        texts[q["article_id"]][q["start"] : q["end"]] == q["text"] for q in quotes
    )


def test_a_rewrite_in_a_later_run_links_to_the_stored_original(tmp_path: Path) -> None:
    original = (DEMO / "09_riyadh_talks_wire_a.txt").read_text(encoding="utf-8")
    rewrite = (DEMO / "10_riyadh_talks_wire_b.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(original, encoding="utf-8")
    (tmp_path / "b.txt").write_text(rewrite, encoding="utf-8")
    (tmp_path / "other.txt").write_text(
        (DEMO / "06_blinken_lavrov_geneva.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    store = Store(str(tmp_path / "s.db"))
    ingest([str(tmp_path / "a.txt")], store)
    report = ingest([str(tmp_path / "b.txt"), str(tmp_path / "other.txt")], store)
    assert (report.new, report.duplicates) == (2, 1)
    rows = articles_by_file(store)
    assert rows["b.txt"]["duplicate_of"] == rows["a.txt"]["article_id"]
    assert rows["a.txt"]["duplicate_of"] is None and rows["other.txt"]["duplicate_of"] is None
    store.close()


def test_reingesting_a_stored_corpus_loads_no_model_and_changes_nothing(
    fresh_db: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import eventwire.pipeline as pipeline

    ingest([str(DEMO)], fresh_db)
    before = {table: list(fresh_db.rows(table)) for table in ("events", "canonical", "stories")}

    def no_models(*_args: object) -> None:
        raise AssertionError("a model was loaded for inputs that are all stored")

    monkeypatch.setattr(pipeline, "actor_stages", no_models)
    monkeypatch.setattr(pipeline, "load_kb", no_models)
    report = ingest([str(DEMO)], fresh_db)
    assert (report.new, report.unchanged) == (0, 21)
    assert {table: list(fresh_db.rows(table)) for table in before} == before
