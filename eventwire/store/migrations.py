"""Numbered schema migrations. Each runs once, in order, inside one transaction with its record.

Never edit a migration that has shipped: add the next number instead, so every existing store
reaches the same schema by the same steps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, select

from eventwire.store import schema


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    apply: Callable[[Connection], None]


def _initial_tables(conn: Connection) -> None:
    for table in (schema.articles, schema.input_failures):
        table.create(conn)  # with the indexes the table declares


def _actor_tables(conn: Connection) -> None:
    for table in (schema.actor_mentions, schema.consistency_flags):
        table.create(conn)


def _events_table(conn: Connection) -> None:
    schema.events.create(conn)


def _quotes_table(conn: Connection) -> None:
    schema.quotes.create(conn)


def _article_links(conn: Connection) -> None:
    schema.article_links.create(conn)


def _merging_tables(conn: Connection) -> None:
    for table in (
        schema.event_links,
        schema.canonical_events,
        schema.stories,
        schema.story_articles,
    ):
        table.create(conn)


def _evidence_search(conn: Connection) -> None:
    """SQLite: a full-text index over evidence sentences, kept in step by triggers, for the
    API's free-text filter. PostgreSQL needs none: the API searches with ILIKE there."""
    if conn.dialect.name != "sqlite":
        return
    for statement in (
        "CREATE VIRTUAL TABLE events_fts USING fts5("
        "sentence, content='events', content_rowid='rowid')",
        "CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN "
        "INSERT INTO events_fts(rowid, sentence) VALUES (new.rowid, new.sentence); END",
        "CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN "
        "INSERT INTO events_fts(events_fts, rowid, sentence) "
        "VALUES ('delete', old.rowid, old.sentence); END",
        "INSERT INTO events_fts(events_fts) VALUES ('rebuild')",  # rows stored before
    ):
        conn.exec_driver_sql(statement)


def _keyset_indexes(conn: Connection) -> None:
    """Indexes in the order the API pages through each view (nullable dates folded to ''), so
    that a page is an index range, not a sort of every matching row."""
    for table, column, key in (
        (schema.events, "date", "event_id"),
        (schema.articles, "published", "article_id"),
        (schema.canonical_events, "anchor", "canonical_id"),
        (schema.stories, "last", "story_id"),
    ):
        # Written as DDL, not as an `Index` object: that would attach itself to the table's
        # metadata, and later `create`s of the table (migration 3 on a new store) would make it
        # twice.
        quote = conn.dialect.identifier_preparer.quote
        conn.exec_driver_sql(
            f"CREATE INDEX {quote(f'ix_{table.name}_keyset')} ON {quote(table.name)} "
            f"(coalesce({quote(column)}, ''), {quote(key)})"
        )


def _wide_actor_codes(conn: Connection) -> None:
    """Codes are knowledge-base ids as well as ISO3 countries ("AMNESTY_INTERNATIONAL"): the
    columns that held 16 characters take as many as an actor id. SQLite does not enforce a
    VARCHAR's length, and a store created after this change has the wide columns already."""
    if conn.dialect.name != "postgresql":
        return
    for table, column in (
        ("actor_mentions", "country"),
        ("events", "source_code"),
        ("events", "target_code"),
        ("quotes", "country"),
    ):
        conn.exec_driver_sql(
            f'ALTER TABLE "{table}" ALTER COLUMN "{column}" '
            f"TYPE VARCHAR({schema.ACTOR_CODE_LENGTH})"
        )


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles and input failures", _initial_tables),
    Migration(2, "actor mentions and consistency flags", _actor_tables),
    Migration(3, "events", _events_table),
    Migration(4, "quotes", _quotes_table),
    Migration(5, "near-duplicate signatures and links", _article_links),
    Migration(6, "canonical events, origins and stories", _merging_tables),
    Migration(7, "full-text search over evidence sentences", _evidence_search),
    Migration(8, "indexes in the API's page order", _keyset_indexes),
    Migration(9, "actor codes as long as actor ids", _wide_actor_codes),
)


def migrate(conn: Connection) -> list[int]:
    """Apply the migrations this store has not had yet; return their versions."""
    schema.schema_migrations.create(conn, checkfirst=True)
    done = set(conn.execute(select(schema.schema_migrations.c.version)).scalars())
    applied = []
    for migration in MIGRATIONS:
        if migration.version in done:
            continue
        with conn.begin_nested():
            migration.apply(conn)
            conn.execute(
                schema.schema_migrations.insert().values(
                    version=migration.version, name=migration.name, applied_at=datetime.now(UTC)
                )
            )
        applied.append(migration.version)
    return applied
