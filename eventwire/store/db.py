"""The store: SQLite by default (one file, WAL), any SQLAlchemy URL otherwise.

All writes go through `Store` methods, each one transaction, so a failed batch leaves nothing
half-written and what was stored before is never touched.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url

from eventwire.records import (
    ActorMention,
    Article,
    ArticleId,
    ArticleLink,
    CanonicalEvent,
    ConsistencyFlag,
    Event,
    EventMention,
    InputFailure,
    MergeLink,
    Provenance,
    Quote,
    StoredSignature,
    Story,
)
from eventwire.store import merging, schema
from eventwire.store.actors import actor_summaries
from eventwire.store.migrations import migrate
from eventwire.store.rows import article_row, event_row, public_row, record_row

DEFAULT_DB = "eventwire.db"
# SQLite limits the number of bound parameters per statement; stay well under it.
ID_QUERY_CHUNK = 500
EXPORTABLE = {
    "articles": schema.articles,
    "failures": schema.input_failures,
    "mentions": schema.actor_mentions,
    "flags": schema.consistency_flags,
    "events": schema.events,
    "quotes": schema.quotes,
    "canonical": schema.canonical_events,
    "stories": schema.stories,
}


def database_url(db: str) -> str:
    """Accept a plain file path (the common case) or a full SQLAlchemy URL. A bare
    `postgresql://` URL uses psycopg 3, the driver we ship (SQLAlchemy's default for that
    scheme is psycopg2)."""
    if "://" not in db:
        return f"sqlite:///{Path(db).expanduser()}"
    for bare in ("postgresql://", "postgres://"):
        if db.startswith(bare):
            return "postgresql+psycopg://" + db[len(bare) :]
    return db


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # We issue BEGIN ourselves (below) so that DDL in migrations is transactional too.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        for pragma in (
            "journal_mode=WAL",
            "synchronous=NORMAL",
            "foreign_keys=ON",
            "busy_timeout=30000",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")


class Store:
    def __init__(self, db: str = DEFAULT_DB) -> None:
        url = database_url(db)
        self.dialect = make_url(url).get_backend_name()
        self.engine = create_engine(url)
        if self.dialect == "sqlite":
            _sqlite_setup(self.engine)
        with self.engine.begin() as conn:
            migrate(conn)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = list(dict.fromkeys(ids))
        found: set[str] = set()
        column = schema.articles.c.article_id
        with self.engine.connect() as conn:
            for start in range(0, len(wanted), ID_QUERY_CHUNK):
                chunk = wanted[start : start + ID_QUERY_CHUNK]
                found.update(conn.execute(select(column).where(column.in_(chunk))).scalars())
        return found

    def add_articles(
        self,
        articles: Sequence[Article],
        mentions: Sequence[ActorMention] = (),
        flags: Sequence[ConsistencyFlag] = (),
        events: Sequence[Event] = (),
        quotes: Sequence[Quote] = (),
        links: Sequence[ArticleLink] = (),
    ) -> int:
        """Store articles not stored yet, with what was found in them, in one transaction;
        return how many articles were new."""
        if not articles:
            return 0
        rows = [article_row(article) for article in articles]
        with self.engine.begin() as conn:
            before = self._count(conn)
            conn.execute(self._insert_ignoring_duplicates(schema.articles), rows)
            for table, records in (
                (schema.actor_mentions, mentions),
                (schema.consistency_flags, flags),
                (schema.quotes, quotes),
                (schema.article_links, links),
            ):
                if records:
                    conn.execute(
                        self._insert_ignoring_duplicates(table), [record_row(r) for r in records]
                    )
            if events:
                conn.execute(
                    self._insert_ignoring_duplicates(schema.events),
                    [event_row(event) for event in events],
                )
            return self._count(conn) - before

    def _insert_ignoring_duplicates(self, table: Any) -> Any:
        dialect = postgresql if self.dialect == "postgresql" else sqlite
        return dialect.insert(table).on_conflict_do_nothing()

    def _count(self, conn: Any) -> int:
        return int(conn.execute(select(func.count()).select_from(schema.articles)).scalar_one())

    def record_failures(self, failures: Sequence[InputFailure]) -> None:
        if not failures:
            return
        table = schema.input_failures
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            locations = [failure.location for failure in failures]
            conn.execute(table.delete().where(table.c.location.in_(locations)))
            conn.execute(
                table.insert(),
                [
                    {"location": f.location, "problem": f.problem, "last_seen": now}
                    for f in {f.location: f for f in failures}.values()
                ],
            )

    def rows(self, table_name: str, batch_size: int = 1000) -> Iterator[dict[str, Any]]:
        """Every row of an exportable table, decoded for users, streamed in batches. Articles
        come with `duplicate_of`: the earliest version they copy, if any."""
        table = EXPORTABLE[table_name]
        order = list(table.primary_key.columns)
        query = merging.export_query(table_name) if table_name in merging.EXPORTS else None
        if query is None:
            query = select(table)
        if table is schema.articles:
            links = schema.article_links
            query = select(table, links.c.duplicate_of).outerjoin(
                links, links.c.article_id == table.c.article_id
            )
        with self.engine.connect() as conn:
            # Lists that live in their own table: a story's articles, an event's mentions.
            attach = {
                "stories": ("story_id", "articles", merging.story_members),
                "canonical": ("canonical_id", "event_ids", merging.canonical_mentions),
            }.get(table_name)
            lists = attach[2](conn) if attach else {}
            result = conn.execution_options(yield_per=batch_size).execute(query.order_by(*order))
            for row in result.mappings():
                public = public_row(dict(row), table_name)
                if attach is not None:
                    public[attach[1]] = lists.get(public[attach[0]], [])
                yield public

    def signatures(self, latest: int) -> Iterator[StoredSignature]:
        """The `latest` stored articles' signatures, with the links they were given and their
        roots' dates and positions, for rebuilding the near-duplicate index."""
        links, articles = schema.article_links, schema.articles
        roots, root_articles = links.alias("roots"), articles.alias("root_articles")
        query = (
            select(
                links.c.article_id,
                links.c.signature,
                articles.c.published,
                links.c.position,
                links.c.duplicate_of,
                root_articles.c.published,
                roots.c.position,
            )
            .join(articles, articles.c.article_id == links.c.article_id)
            .outerjoin(roots, roots.c.article_id == links.c.duplicate_of)
            .outerjoin(root_articles, root_articles.c.article_id == links.c.duplicate_of)
            .order_by(links.c.position.desc())
            .limit(latest)
        )
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                article_id, signature, published, position, root, root_published, root_at = row
                yield StoredSignature(
                    str(article_id),
                    bytes(signature),
                    date.fromisoformat(published) if published else None,
                    int(position),
                    root,
                    date.fromisoformat(root_published) if root_published else None,
                    int(root_at or 0),
                )

    def next_position(self) -> int:
        with self.engine.connect() as conn:
            top = conn.execute(select(func.max(schema.article_links.c.position))).scalar()
        return 0 if top is None else int(top) + 1

    # --- merging: canonical events, origins, stories (see store.merging) ---

    def has_merge_work(self) -> bool:
        """Whether any event is not merged yet, or any article is in no story yet."""
        return merging.has_work(self.engine)

    def unmerged_mentions(self) -> Iterator[EventMention]:
        return merging.unmerged_mentions(self.engine)

    def provenance(self, article_ids: Iterable[str]) -> dict[str, Provenance]:
        return merging.provenance(self.engine, article_ids)

    def canonical_events(self, latest: int) -> Iterator[CanonicalEvent]:
        """The `latest` canonical events by their last report's arrival, least recent first."""
        return merging.canonical_events(self.engine, latest)

    def stories(self, latest: int) -> Iterator[Story]:
        """The `latest` stories by their last article's arrival, least recent first."""
        return merging.stories(self.engine, latest)

    def unstoried_articles(self) -> list[tuple[ArticleId, date | None, ArticleId | None]]:
        return merging.unstoried_articles(self.engine)

    def linked_events(
        self, article_ids: Sequence[str]
    ) -> dict[str, list[tuple[EventMention, str]]]:
        return merging.linked_events(self.engine, article_ids)

    def event_reports(self) -> Iterator[dict[str, Any]]:
        return merging.event_reports(self.engine)

    def save_merge(
        self,
        links: Sequence[MergeLink] = (),
        canonicals: Sequence[CanonicalEvent] = (),
        flags: Sequence[ConsistencyFlag] = (),
        stories: Sequence[Story] = (),
        members: Sequence[tuple[ArticleId, str]] = (),
    ) -> None:
        """Store one merge step in one transaction: links, the canonical events and stories
        they changed (replaced whole), contradiction flags and story memberships."""
        with self.engine.begin() as conn:
            merging.save(
                conn, links, canonicals, flags, stories, members, self._insert_ignoring_duplicates
            )

    def actors(self) -> Iterator[dict[str, Any]]:
        """One row per actor met in the corpus, with its mentions (see `store.actors`)."""
        table = schema.actor_mentions
        with self.engine.connect() as conn:
            result = conn.execution_options(yield_per=1000).execute(
                select(table).order_by(table.c.article_id, table.c.start)
            )
            yield from actor_summaries(dict(row) for row in result.mappings())

    def event_summary(self, top: int = 5) -> dict[str, Any]:
        """Events by type, and the most frequent (source, target) pairs, news only."""
        events = schema.events
        news = events.c.background.is_(False)
        with self.engine.connect() as conn:
            by_type = conn.execute(
                select(events.c.event_type, func.count())
                .where(news)
                .group_by(events.c.event_type)
                .order_by(func.count().desc(), events.c.event_type)
            ).all()
            pairs = conn.execute(
                select(events.c.source_code, events.c.target_code, func.count())
                .where(news, events.c.source_code.is_not(None), events.c.target_code.is_not(None))
                .group_by(events.c.source_code, events.c.target_code)
                .order_by(func.count().desc(), events.c.source_code, events.c.target_code)
                .limit(top)
            ).all()
            background = conn.execute(
                select(func.count()).where(events.c.background.is_(True))
            ).scalar_one()
            canonical = schema.canonical_events
            merged = conn.execute(
                select(func.count(), func.count().filter(canonical.c.independent_sources > 1))
            ).one()
            stories = conn.execute(select(func.count()).select_from(schema.stories)).scalar_one()
        return {
            "by_type": {str(kind): int(n) for kind, n in by_type},
            "pairs": [(str(s), str(t), int(n)) for s, t, n in pairs],
            "background": int(background),
            "canonical": int(merged[0]),
            "corroborated": int(merged[1]),
            "stories": int(stories),
        }

    def stats(self) -> dict[str, Any]:
        articles = schema.articles
        with self.engine.connect() as conn:
            count = self._count(conn)
            dated = conn.execute(
                select(func.count()).where(articles.c.published.is_not(None))
            ).scalar_one()
            span = conn.execute(
                select(func.min(articles.c.published), func.max(articles.c.published))
            ).one()
            languages = conn.execute(
                select(articles.c.language, func.count()).group_by(articles.c.language)
            ).all()
            failures = conn.execute(
                select(func.count()).select_from(schema.input_failures)
            ).scalar_one()
            mentions = schema.actor_mentions
            resolved = conn.execute(
                select(func.count()).where(mentions.c.actor_id.is_not(None))
            ).scalar_one()
            mention_count = conn.execute(select(func.count()).select_from(mentions)).scalar_one()
            flags = conn.execute(
                select(func.count()).select_from(schema.consistency_flags)
            ).scalar_one()
        return {
            "articles": count,
            "dated": int(dated),
            "first_published": span[0],
            "last_published": span[1],
            "languages": {str(lang): int(n) for lang, n in languages},
            "input_failures": int(failures),
            "mentions": int(mention_count),
            "resolved": int(resolved),
            "flags": int(flags),
        }
