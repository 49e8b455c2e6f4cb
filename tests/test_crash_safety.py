"""Kill -9 in the middle of a large ingest, run it again: every article ends up stored exactly
once with its events, merged once, and the database passes its integrity check."""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import load_benchmark

ARTICLES = 200
# Each run is killed once the store holds this many articles (batches of 64 are stored in one
# transaction each), a moment later drawn from a fixed seed: so the kill lands inside the
# ingestion whatever the machine's speed, at a different point of the next batch each time.
_MOMENTS = random.Random(20261203)
KILLS = [(1, _MOMENTS.uniform(0.0, 0.3)), (65, _MOMENTS.uniform(0.0, 0.3))]


def generated_corpus(path: Path) -> Path:
    generate = load_benchmark("generate")
    rng = random.Random(7)
    lines = [json.dumps(generate.article(n, rng)) for n in range(ARTICLES)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def ingest_command(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "eventwire.cli", "ingest", str(corpus), "--db", str(db)]


def counts(db: Path) -> dict[str, Any]:
    with sqlite3.connect(db) as conn:

        def one(sql: str) -> Any:
            return conn.execute(sql).fetchone()[0]

        return {
            "integrity": one("PRAGMA integrity_check"),
            "articles": one("SELECT count(*) FROM articles"),
            "distinct_articles": one("SELECT count(DISTINCT article_id) FROM articles"),
            "events": sorted(r[0] for r in conn.execute("SELECT event_id FROM events")),
            "linked_once": one("SELECT count(*) = (SELECT count(*) FROM events) FROM event_links"),
            "in_one_story": one(
                "SELECT count(*) = (SELECT count(*) FROM articles) FROM story_articles"
            ),
            "signatures": one("SELECT count(*) FROM article_links"),
            "canonical": one("SELECT count(*) FROM canonical_events"),
        }


def wait_for_articles(db: Path, wanted: int, process: subprocess.Popen[bytes]) -> None:
    """Until the store holds `wanted` articles (the run must not end first)."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        if db.exists():
            try:
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
                    if conn.execute("SELECT count(*) FROM articles").fetchone()[0] >= wanted:
                        return
            except sqlite3.OperationalError:
                pass  # the schema is not there yet
        time.sleep(0.05)
    raise AssertionError(f"the ingest ended or stalled before storing {wanted} articles")


@pytest.mark.slow
def test_an_ingest_killed_at_random_moments_and_run_again_stores_everything_once(
    tmp_path: Path,
) -> None:
    corpus = generated_corpus(tmp_path / "corpus.jsonl")
    clean = tmp_path / "clean.db"
    subprocess.run(ingest_command(corpus, clean), check=True, capture_output=True)
    expected = counts(clean)
    assert expected["articles"] == ARTICLES and expected["events"]

    crashed = tmp_path / "crashed.db"
    for stored, seconds in KILLS:
        process = subprocess.Popen(
            ingest_command(corpus, crashed), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        wait_for_articles(crashed, stored, process)
        time.sleep(seconds)
        process.send_signal(signal.SIGKILL)
        process.wait()
    interrupted = counts(crashed)
    # The kills did cut the work short: not every article, or not every event, is in place.
    assert interrupted["articles"] < ARTICLES or not interrupted["linked_once"], interrupted
    subprocess.run(ingest_command(corpus, crashed), check=True, capture_output=True)
    found = counts(crashed)
    assert found["integrity"] == "ok"
    assert found["articles"] == found["distinct_articles"] == found["signatures"] == ARTICLES
    assert found["events"] == expected["events"]
    assert found["linked_once"] == found["in_one_story"] == 1
    again = subprocess.run(ingest_command(corpus, crashed), check=True, capture_output=True)
    assert (
        f"0 new (0 near-duplicates of earlier articles), {ARTICLES} unchanged"
        in again.stdout.decode()
    )
    assert counts(crashed) == found
