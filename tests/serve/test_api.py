"""The HTTP API over the demo corpus: filters, cursors, downloads, validation, read-only."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.exc import OperationalError

from eventwire.pipeline import ingest
from eventwire.serve.api import MAX_PAGE, create_app
from eventwire.store.db import Store
from eventwire.store.reader import Reader, StoreMissingError
from tests.conftest import DEMO


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api") / "demo.db"
    with Store(str(path)) as store:
        assert ingest([str(DEMO)], store).failed == 0
    return path


@pytest.fixture(scope="module")
def client(demo_path: Path) -> Iterator[TestClient]:
    reader = Reader(str(demo_path))
    with TestClient(create_app(reader)) as test_client:
        yield test_client
    reader.close()


def everything(client: TestClient, view: str, **params: Any) -> list[dict[str, Any]]:
    """Every row of a view, page by page."""
    rows: list[dict[str, Any]] = []
    cursor = None
    while True:
        query = {**params, **({"cursor": cursor} if cursor else {})}
        response = client.get(f"/api/{view}", params=query)
        assert response.status_code == 200, response.text
        body = response.json()
        rows += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return rows


def test_small_pages_walk_every_event_once_in_a_stable_order(client: TestClient) -> None:
    whole = everything(client, "events", limit=500)
    paged = everything(client, "events", limit=7)
    assert len(whole) > 50
    assert [e["event_id"] for e in paged] == [e["event_id"] for e in whole]
    assert len({e["event_id"] for e in paged}) == len(paged)
    assert all("canonical_id" in e and "outlet" in e for e in paged)


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"actor": "RUS"}, lambda e: "RUS" in (e["source_code"], e["target_code"])),
        ({"pair": "USA,RUS"}, lambda e: {e["source_code"], e["target_code"]} == {"USA", "RUS"}),
        ({"type": "consult"}, lambda e: e["event_type"] == "CONSULT"),
        (
            {"from": "2025-01-01", "to": "2025-03-31"},
            lambda e: "2025-01" <= e["date"] <= "2025-03-31",
        ),
        ({"outlet": "Capitol Brief"}, lambda e: e["outlet"] == "Capitol Brief"),
        ({"q": "embassies"}, lambda e: "embassies" in e["sentence"].lower()),
    ],
)
def test_each_filter_narrows_events_to_what_it_names(
    client: TestClient, params: dict[str, str], check: Any
) -> None:
    found = everything(client, "events", **params)
    assert found and all(check(e) for e in found), params
    assert len(found) < len(everything(client, "events", limit=500))


def test_a_story_filter_keeps_its_articles_and_the_timeline_its_events(client: TestClient) -> None:
    stories = everything(client, "stories")
    biggest = max(stories, key=lambda s: s["article_count"])
    events = everything(client, "events", story=biggest["story_id"])
    articles = everything(client, "articles", story=biggest["story_id"])
    assert len(articles) == biggest["article_count"]
    assert {e["article_id"] for e in events} <= {a["article_id"] for a in articles}
    timeline = everything(client, "timeline", story=biggest["story_id"])
    days = [t["anchor"] for t in timeline]
    assert timeline and days == sorted(days)
    assert all(isinstance(t["source"], list) and -10 <= t["intensity"] <= 10 for t in timeline)
    assert {t["canonical_id"] for t in timeline} <= {e["canonical_id"] for e in events}


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"type": "FOO"}, "type"),
        ({"from": "2025-13-01"}, "from"),
        ({"from": "2025-02-01", "to": "2025-01-01"}, "from"),
        ({"limit": "0"}, "limit"),
        ({"limit": str(10**9)}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"cursor": "WyJhIl0"}, "cursor"),  # a well-formed cursor of the wrong shape
        ({"pair": "USA"}, "pair"),
        ({"actor": "USA' OR 1=1 --"}, "actor"),
        ({"story": "x; DROP TABLE events"}, "story"),
        ({"format": "xml"}, "format"),
    ],
)
def test_invalid_parameters_get_a_4xx_that_names_them(
    client: TestClient, params: dict[str, str], named: str
) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert named in response.text


def test_an_oversized_page_is_capped_and_text_search_is_not_sql(client: TestClient) -> None:
    body = client.get("/api/events", params={"limit": 5000}).json()
    assert body["limit"] == MAX_PAGE
    hostile = client.get("/api/events", params={"q": "'; DROP TABLE events; --"})
    assert hostile.status_code == 200 and hostile.json()["items"] == []
    assert everything(client, "events", limit=500)  # still there


def test_downloads_hold_the_whole_filtered_view(client: TestClient) -> None:
    expected = everything(client, "events", actor="USA")
    response = client.get("/api/events", params={"actor": "USA", "format": "csv"})
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["event_id"] for r in rows] == [e["event_id"] for e in expected]
    lines = client.get("/api/flags", params={"format": "jsonl"}).text.splitlines()
    assert [json.loads(line)["kind"] for line in lines] == [
        f["kind"] for f in everything(client, "flags")
    ]


def test_an_article_comes_with_its_text_events_and_what_cleaning_removed(
    client: TestClient,
) -> None:
    event = everything(client, "events", outlet="Capitol Brief")[0]
    article = client.get(f"/api/articles/{event['article_id']}").json()
    assert article["text"][event["char_start"] : event["char_end"]] == event["sentence"]
    assert article["removed"] and {e["event_id"] for e in article["events"]} >= {event["event_id"]}
    assert client.get("/api/articles/0000000000000000").status_code == 404
    assert client.get("/api/articles/bad%20id").status_code == 422


def test_actors_quotes_and_network_are_served(client: TestClient) -> None:
    actors = everything(client, "actors")
    assert actors[0]["mentions"] >= actors[-1]["mentions"]
    quotes = everything(client, "quotes", actor="USA")
    assert quotes and all("USA" in (q["country"], q["actor_id"]) for q in quotes)
    flags = everything(client, "flags", actor="ben-wallace")
    assert [f["actor_id"] for f in flags] == ["ben-wallace"]
    assert everything(client, "flags", actor="RUS") == []
    edges = client.get("/api/network", params={"actor": "RUS"}).json()["edges"]
    assert edges and all("RUS" in (e["source"], e["target"]) for e in edges)


def test_docs_and_dashboard_load_nothing_from_outside(client: TestClient) -> None:
    docs = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs and "cdn" not in docs
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    assert "/api/events" in client.get("/openapi.json").json()["paths"]
    page = client.get("/").text
    assert 'src="/static/vendor/echarts/echarts.min.js"' in page and "http" not in page.lower()


def test_the_reader_cannot_write_and_a_missing_store_is_a_clear_error(
    demo_path: Path, tmp_path: Path
) -> None:
    reader = Reader(str(demo_path))
    with pytest.raises(OperationalError, match="readonly"), reader.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM events")
    reader.close()
    with pytest.raises(StoreMissingError, match="eventwire ingest"):
        Reader(str(tmp_path / "nothing.db"))
    assert not (tmp_path / "nothing.db").exists()
