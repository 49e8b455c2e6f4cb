"""The store: migrations once, no duplicates, failures kept, nothing lost on a failed batch."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from eventwire.records import Article, ArticleId, InputFailure
from eventwire.store import schema
from eventwire.store.db import Store
from eventwire.store.migrations import MIGRATIONS


def article(n: int) -> Article:
    return Article(
        article_id=ArticleId(f"{n:016x}"),
        source=f"s{n}",
        location=f"l{n}",
        title=None,
        author=None,
        outlet=None,
        published=None,
        published_via=None,
        language="en",
        text=f"body {n}",
    )


def test_adding_the_same_article_twice_stores_it_once(fresh_db: Store) -> None:
    assert fresh_db.add_articles([article(1), article(2)]) == 2
    assert fresh_db.add_articles([article(2), article(3)]) == 1
    assert fresh_db.known_ids(["0000000000000001", "ffff"]) == {"0000000000000001"}
    assert fresh_db.stats()["articles"] == 3


def test_migrations_run_once_however_often_the_store_is_opened(tmp_path: Path) -> None:
    path = str(tmp_path / "m.db")
    Store(path).close()
    store = Store(path)
    with store.engine.connect() as conn:
        versions = conn.execute(text("select version from schema_migrations")).scalars().all()
        mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
    store.close()
    assert versions == [m.version for m in MIGRATIONS]
    assert mode == "wal"


def test_a_store_from_an_older_version_is_migrated_in_place(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:  # the store as the first release left it
        schema.schema_migrations.create(conn)
        MIGRATIONS[0].apply(conn)
        conn.execute(
            schema.schema_migrations.insert().values(
                version=1, name=MIGRATIONS[0].name, applied_at=datetime.now(UTC)
            )
        )
    engine.dispose()
    store = Store(str(path))
    store.add_articles([article(1)])
    store.close()
    store = Store(str(path))
    assert store.stats()["articles"] == 1 and store.stats()["mentions"] == 0
    assert list(store.rows("flags")) == []
    store.close()


def test_a_failing_batch_leaves_what_was_stored_untouched(fresh_db: Store) -> None:
    fresh_db.add_articles([article(1)])
    broken = replace(article(2), text=None)  # type: ignore[arg-type]  # NOT NULL: insert fails
    with pytest.raises(Exception):  # noqa: B017 - any database error will do
        fresh_db.add_articles([article(3), broken])
    assert fresh_db.known_ids(["0000000000000001", "0000000000000003"]) == {"0000000000000001"}


def test_failures_are_recorded_once_per_location(fresh_db: Store) -> None:
    fresh_db.record_failures([InputFailure("a", "empty input")])
    fresh_db.record_failures([InputFailure("a", "binary data"), InputFailure("b", "x")])
    rows = {row["location"]: row["problem"] for row in fresh_db.rows("failures")}
    assert rows == {"a": "binary data", "b": "x"}
