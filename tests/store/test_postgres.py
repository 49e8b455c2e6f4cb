"""PostgreSQL: the same schema, migrations and results as SQLite, through every command."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from eventwire.pipeline import ingest
from eventwire.serve.api import create_app
from eventwire.store.db import EXPORTABLE, Store
from eventwire.store.migrations import MIGRATIONS
from eventwire.store.reader import Reader
from eventwire.store.schema import ACTOR_CODE_LENGTH
from tests.conftest import DEMO
from tests.test_cli import run

# When a row was written differs between two runs, whatever the database.
VOLATILE = {"ingested_at", "last_seen"}


def table(store: Store, name: str) -> list[dict[str, Any]]:
    rows = [{k: v for k, v in r.items() if k not in VOLATILE} for r in store.rows(name)]
    return sorted(rows, key=repr)


def test_the_demo_gives_the_same_record_in_postgresql_as_in_sqlite(
    postgres_url: str, tmp_path: Path
) -> None:
    with Store(str(tmp_path / "demo.db")) as lite, Store(postgres_url) as pg:
        assert pg.dialect == "postgresql"
        assert ingest([str(DEMO)], lite).failed == ingest([str(DEMO)], pg).failed == 0
        for name in EXPORTABLE:
            assert table(pg, name) == table(lite, name), name
        assert list(pg.actors()) == list(lite.actors())
        again = ingest([str(DEMO)], pg)
        assert (again.new, again.unchanged, again.events) == (0, 21, 0)


def test_migrations_run_once_on_postgresql(postgres_url: str) -> None:
    from sqlalchemy import text

    Store(postgres_url).close()
    with Store(postgres_url) as store, store.engine.connect() as conn:
        versions = conn.execute(text("SELECT version FROM schema_migrations")).scalars().all()
    assert sorted(versions) == [m.version for m in MIGRATIONS]


def test_every_command_takes_a_postgresql_url(postgres_url: str, tmp_path: Path) -> None:
    bare = postgres_url.replace("postgresql+psycopg://", "postgresql://")  # as users write it
    assert run("demo", "--db", bare)[0] == 0
    code, out, _ = run("export", "canonical", "--db", bare)
    assert code == 0 and len(out.splitlines()) > 50
    code, out, _ = run("timeline", "--actor", "USA", "--actor", "RUS", "--db", bare)
    assert code == 0 and out.splitlines()
    brief = tmp_path / "brief.md"
    code, _, _ = run("report", "--actor", "USA", "--actor", "RUS", "-o", str(brief), "--db", bare)
    assert code == 0 and "## Timeline" in brief.read_text(encoding="utf-8")
    reader = Reader(bare)
    with TestClient(create_app(reader)) as client:
        page = client.get("/api/events", params={"limit": 5, "q": "embassies"}).json()
        assert page["items"] and all("embass" in e["sentence"].lower() for e in page["items"])
        following = client.get("/api/events", params={"limit": 5, "cursor": page["next_cursor"]})
        assert following.status_code == 200
    reader.close()


def test_the_reader_cannot_write_to_postgresql(postgres_url: str) -> None:
    from sqlalchemy.exc import InternalError, OperationalError

    Store(postgres_url).close()
    reader = Reader(postgres_url)
    with (
        pytest.raises((InternalError, OperationalError), match="read-only"),
        reader.engine.begin() as conn,
    ):
        conn.exec_driver_sql("DELETE FROM events")
    reader.close()


def test_a_store_with_short_code_columns_is_widened_to_hold_actor_ids(postgres_url: str) -> None:
    from sqlalchemy import text

    widened = [("actor_mentions", "country"), ("events", "source_code"),
               ("events", "target_code"), ("quotes", "country")]  # fmt: skip
    Store(postgres_url).close()
    with Store(postgres_url) as store, store.engine.begin() as conn:  # as version 8 left it
        for table, column in widened:
            conn.execute(text(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE VARCHAR(16)'))
        conn.execute(text("DELETE FROM schema_migrations WHERE version = 9"))
    with Store(postgres_url) as store, store.engine.connect() as conn:
        lengths = {
            (table, column): conn.execute(
                text(
                    "SELECT character_maximum_length FROM information_schema.columns "
                    "WHERE table_name = :table AND column_name = :column"
                ),
                {"table": table, "column": column},
            ).scalar()
            for table, column in widened
        }
    assert set(lengths.values()) == {ACTOR_CODE_LENGTH}
