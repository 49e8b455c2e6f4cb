"""The command line, as a user runs it: ingest, re-ingest, failures, exports, stats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
from click.testing import CliRunner

from eventwire.cli import cli
from tests.conftest import DEMO, REPO

ARTICLE = (
    "Envoys agree to meet again\n"
    "GENEVA, March 3, 2023 — Envoys from both countries met in Geneva on Friday and agreed to "
    "hold a second round of talks next month, officials said after the meeting ended.\n"
    "Leave a Comment\n"
)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_ingest_stores_new_articles_and_reingest_adds_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "x.db")
    code, out, _ = run("ingest", str(tmp_path / "a.txt"), "--db", db)
    assert code == 0 and out.startswith(
        "1 new (0 near-duplicates of earlier articles), 0 unchanged"
    )
    code, out, _ = run("ingest", str(tmp_path / "a.txt"), "--db", db)
    assert code == 0 and out.startswith(
        "0 new (0 near-duplicates of earlier articles), 1 unchanged"
    )


def test_a_bad_input_fails_alone_and_sets_the_exit_status(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    db = str(tmp_path / "x.db")
    code, out, err = run("ingest", str(tmp_path), "--db", db)
    assert code == 1
    assert "1 new" in out and "1 failed" in out
    assert f"FAILED {tmp_path / 'empty.txt'}: empty input" in err
    code, out, _ = run("export", "failures", "--db", db)
    assert json.loads(out.splitlines()[0])["location"].endswith("empty.txt")


def test_exports_in_every_format_hold_the_same_articles(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    run("ingest", str(DEMO), "--db", db)
    _, jsonl, _ = run("export", "articles", "--format", "jsonl", "--db", db)
    rows = [json.loads(line) for line in jsonl.splitlines()]
    _, text, _ = run("export", "articles", "--format", "csv", "--db", db)
    from_csv = list(csv.DictReader(io.StringIO(text)))
    run("export", "articles", "--format", "parquet", "--db", db, "-o", str(tmp_path / "a.parquet"))
    from_parquet = pq.read_table(tmp_path / "a.parquet").to_pylist()
    ids = [row["article_id"] for row in rows]
    assert ids == [row["article_id"] for row in from_csv] == [r["article_id"] for r in from_parquet]
    assert {
        "source",
        "title",
        "author",
        "outlet",
        "published",
        "published_via",
        "language",
        "text",
        "removed",
    } <= set(rows[0])
    assert isinstance(rows[0]["removed"], list)
    assert json.loads(from_csv[0]["removed"]) == rows[0]["removed"]


def test_demo_ingests_the_bundled_corpus_and_prints_a_summary(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.db")
    code, out, err = run("demo", "--db", db)
    assert code == 0, err
    assert (
        "21 new (1 near-duplicates of earlier articles), 0 unchanged (already stored), 0 failed"
        in out
    )
    assert "articles: 21" in out
    assert "skipped 1: not a supported file type in a folder" in err  # the corpus README


def test_stats_counts_dated_articles(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "x.db")
    run("ingest", str(tmp_path), "--db", db)
    _, out, _ = run("stats", "--db", db)
    assert "articles: 1 (1 with a publication date)" in out
    assert "published: 2023-03-03 to 2023-03-03" in out


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"`eventwire {name}" in readme, f"README does not document `eventwire {name}`"


def test_kb_members_lists_code_name_and_accession_date() -> None:
    code, out, _ = run("kb", "members", "NATO", "--joined-after", "1990")
    rows = [line.split("\t") for line in out.splitlines()]
    assert code == 0 and len(rows) == 16  # 1999, 2004, 2009, 2017, 2020, 2023 and 2024
    assert rows[0] == ["CZE", "Czechia", "1999-03-12"] or rows[0][2] == "1999-03-12"
    assert rows[-1][0] == "SWE" and rows[-1][2] == "2024-03-07"
    assert "USA" not in {row[0] for row in rows}


def test_kb_who_names_the_holder_on_a_date() -> None:
    code, out, _ = run(
        "kb", "who", "Secretary of Defense", "--country", "USA", "--on", "2025-02-12"
    )
    assert code == 0 and out.startswith("Pete Hegseth\t")
    code, _, err = run(
        "kb", "who", "Secretary of Defense", "--country", "USA", "--on", "2025-13-01"
    )
    assert code != 0 and "not a date" in err


def test_kb_show_describes_an_actor_and_rejects_unknown_names() -> None:
    code, out, _ = run("kb", "show", "Hegseth", "--on", "2025-02-12")
    assert code == 0 and "Pete Hegseth" in out
    code, _, err = run("kb", "show", "Nobody Atall")
    assert code == 1 and "knows no actor named 'Nobody Atall'" in err


def test_a_broken_user_kb_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text("people:\n  - id: x\n    name: X\n", encoding="utf-8")
    code, _, err = run("kb", "show", "X", "--kb", str(tmp_path))
    assert code == 1 and "mine.yaml" in err


def test_demo_exports_actors_and_the_planted_slip_as_a_flag(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.db")
    assert run("demo", "--db", db)[0] == 0
    code, out, _ = run("export", "flags", "--db", db)
    flags = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [f["actor_id"] for f in flags] == ["ben-wallace"]
    code, out, _ = run("export", "actors", "--db", db)
    actors = {row["actor_id"]: row for row in map(json.loads, out.splitlines())}
    assert actors["pete-hegseth"]["country"] == "USA"
    assert "Hegseth" in actors["pete-hegseth"]["forms"]
    assert actors["RUS"]["mentions"] >= actors["pete-hegseth"]["mentions"]
    # Re-running the same input adds nothing, mentions included.
    before = len(run("export", "mentions", "--db", db)[1].splitlines())
    run("demo", "--db", db)
    assert len(run("export", "mentions", "--db", db)[1].splitlines()) == before
