"""Stories, timeline and briefing on the demo corpus, as a user runs them."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest

from tests.test_cli import run


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("briefing") / "demo.db")
    assert run("demo", "--db", db)[0] == 0
    return db


def stories(db: str) -> list[dict[str, object]]:
    code, out, _ = run("export", "stories", "--db", db)
    assert code == 0
    return [json.loads(line) for line in out.splitlines()]


def test_every_article_is_in_exactly_one_story(demo_db: str) -> None:
    members = [a for story in stories(demo_db) for a in story["articles"]]  # type: ignore[attr-defined]
    code, out, _ = run("export", "articles", "--db", demo_db)
    assert sorted(members) == sorted(json.loads(line)["article_id"] for line in out.splitlines())
    code, out, _ = run("stories", "--db", demo_db)
    assert code == 0 and len(out.splitlines()) == len(stories(demo_db))


def test_the_timeline_of_a_pair_is_dated_ordered_and_involves_both(demo_db: str) -> None:
    code, out, err = run(
        "timeline", "--actor", "USA", "--actor", "Russia", "--from", "2025-01-01", "--db", demo_db
    )
    lines = out.splitlines()
    assert code == 0 and lines and err.strip() == f"{len(lines)} events"
    days = [line.split("\t")[0] for line in lines]
    assert days == sorted(days) and all(day >= "2025-01-01" for day in days)
    for line in lines:
        actors = line.split("\t")[2]
        assert "United States" in actors and "Russia" in actors


def test_a_story_timeline_holds_only_that_storys_events(demo_db: str) -> None:
    biggest = max(stories(demo_db), key=lambda s: s["article_count"])  # type: ignore[arg-type, return-value]
    code, out, _ = run("timeline", "--story", str(biggest["story_id"]), "--db", demo_db)
    days = [line.split("\t")[0] for line in out.splitlines()]
    assert code == 0 and days
    assert all(str(biggest["first"]) <= day <= str(biggest["last"]) for day in days)


def test_bad_selections_are_clear_errors(demo_db: str) -> None:
    code, _, err = run("timeline", "--actor", "Atlantis", "--db", demo_db)
    assert code == 2 and "--actor" in err and "Atlantis" in err
    code, _, err = run("timeline", "--from", "2025-13-01", "--db", demo_db)
    assert code == 2 and "--from" in err
    code, _, err = run("report", "--format", "md", "-o", "x.md", "--db", demo_db)
    assert code == 2 and "--story" in err
    code, _, err = run("report", "--story", "s-nope", "-o", "x.md", "--db", demo_db)
    assert code == 2 and "s-nope" in err


def test_a_story_briefing_in_markdown_has_every_section_and_an_embedded_plot(
    demo_db: str, tmp_path: Path
) -> None:
    biggest = max(stories(demo_db), key=lambda s: s["article_count"])  # type: ignore[arg-type, return-value]
    output = tmp_path / "brief.md"
    code, _, _ = run(
        "report", "--story", str(biggest["story_id"]), "-o", str(output), "--db", demo_db
    )
    text = output.read_text(encoding="utf-8")
    assert code == 0 and text.startswith(f"# {biggest['title']}")
    for heading in ("## Timeline", "## Key events", "## Quotes", "## Sources"):
        assert heading in text
    image = re.search(r"data:image/png;base64,([A-Za-z0-9+/=]+)", text)
    assert image is not None and base64.b64decode(image.group(1)).startswith(b"\x89PNG")
    sources = text.split("## Sources", 1)[1].split("\n## ", 1)[0]
    rows = [row for row in sources.splitlines() if row.startswith("| ") and "Outlet" not in row]
    assert len(rows) == biggest["article_count"]


def test_a_pair_briefing_in_html_is_one_self_contained_page(demo_db: str, tmp_path: Path) -> None:
    output = tmp_path / "brief.html"
    code, _, _ = run(
        "report", "--actor", "USA", "--actor", "RUS", "--format", "html", "-o", str(output),
        "--db", demo_db,
    )  # fmt: skip
    page = output.read_text(encoding="utf-8")
    assert code == 0 and page.lstrip().startswith("<!DOCTYPE html>") and "<svg" in page
    assert "<script" not in page and 'src="http' not in page
