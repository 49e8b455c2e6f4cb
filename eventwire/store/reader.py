"""Read-only access for the HTTP API and the dashboard: filtered, keyset-paginated views.

The reader opens the database read-only (SQLite `mode=ro`; PostgreSQL sessions set
`default_transaction_read_only`), so no request can change the record whatever it sends.
Filters arrive as a validated `ViewFilter` and become bound parameters; nothing a client sends
is ever spliced into SQL text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    create_engine,
    func,
    inspect,
    literal,
    literal_column,
    or_,
    select,
    text,
    tuple_,
)
from sqlalchemy.engine import make_url

from eventwire.records import ViewFilter
from eventwire.store import schema
from eventwire.store.actors import actor_summaries
from eventwire.store.db import database_url
from eventwire.store.rows import public_row

# Each view: its table, the columns that order it (the last one unique), and how it is named
# in `public_row`.
VIEWS: dict[str, tuple[Any, tuple[str, ...]]] = {
    "events": (schema.events, ("date", "event_id")),
    "articles": (schema.articles, ("published", "article_id")),
    "quotes": (schema.quotes, ("article_id", "start")),
    "flags": (schema.consistency_flags, ("article_id", "kind", "start")),
    "stories": (schema.stories, ("last", "story_id")),
    "timeline": (schema.canonical_events, ("anchor", "canonical_id")),
}
# Article columns that a list does not need: the text is fetched one article at a time.
HEAVY_ARTICLE_COLUMNS = frozenset({"text", "removed", "headings", "references_"})


class StoreMissingError(RuntimeError):
    """The database does not exist or holds no eventwire record."""


class Reader:
    def __init__(self, db: str) -> None:
        url = database_url(db)
        backend = make_url(url).get_backend_name()
        self.dialect = backend
        if backend == "sqlite":
            path = Path(make_url(url).database or "")
            if not path.is_file():
                raise StoreMissingError(f"no database at {path}: run `eventwire ingest` first")
            # The URI form opens the file read-only; the engine never creates or migrates it.
            self.engine = create_engine(
                f"sqlite:///file:{path.resolve()}?mode=ro&uri=true",
                connect_args={"check_same_thread": False},
            )
        else:
            # Set by the server for every session of this engine, before any statement.
            self.engine = create_engine(
                url, connect_args={"options": "-c default_transaction_read_only=on"}
            )
        self.fts = backend == "sqlite" and self._has_table("events_fts")
        if not self._has_table("events"):
            raise StoreMissingError(f"{db} holds no events table: run `eventwire ingest` first")

    def close(self) -> None:
        self.engine.dispose()

    def _has_table(self, name: str) -> bool:
        return name in inspect(self.engine).get_table_names()

    # --- pages ---

    def page(
        self, view: str, where: ViewFilter, limit: int, after: Sequence[Any] | None
    ) -> list[dict[str, Any]]:
        """Up to `limit` rows of a view, in its order, after the row whose sort key is `after`."""
        query = self._query(view, where)
        keys = self._keys(view)
        if after is not None:
            query = query.where(tuple_(*keys) > tuple_(*(literal(v) for v in after)))
        query = query.order_by(*keys).limit(limit)
        with self.engine.connect() as conn:
            return [self._public(view, dict(row._mapping)) for row in conn.execute(query)]

    def stream(self, view: str, where: ViewFilter) -> Iterator[dict[str, Any]]:
        """Every row of a filtered view, in order, for a download."""
        query = self._query(view, where).order_by(*self._keys(view))
        with self.engine.connect() as conn:
            result = conn.execution_options(yield_per=1000).execute(query)
            for row in result:
                yield self._public(view, dict(row._mapping))

    def sort_key(self, view: str, row: dict[str, Any]) -> list[Any]:
        """The values that order `row` in its view: what a cursor remembers."""
        return [row.get(f"_key{i}") for i in range(len(VIEWS[view][1]))]

    def _keys(self, view: str) -> list[ColumnElement[Any]]:
        table, columns = VIEWS[view]
        return [_key(table.c[c]) for c in columns]

    def _query(self, view: str, where: ViewFilter) -> Select[Any]:
        table, columns = VIEWS[view]
        keys = [_key(table.c[c]).label(f"_key{i}") for i, c in enumerate(columns)]
        chosen = [
            c for c in table.c if not (view == "articles" and c.name in HEAVY_ARTICLE_COLUMNS)
        ]
        query = select(*chosen, *keys)
        if view == "events":
            query = self._event_columns(query)
        if view == "timeline":  # the founding report's actors as written, and its intensity
            founder = schema.events
            query = query.add_columns(
                founder.c.source, founder.c.target, founder.c.intensity, founder.c.cameo_root
            ).join(founder, founder.c.event_id == schema.canonical_events.c.canonical_id)
        conditions = _CONDITIONS[view](self, where)
        return query.where(and_(*conditions)) if conditions else query

    def _event_columns(self, query: Select[Any]) -> Select[Any]:
        links, canonical = schema.event_links, schema.canonical_events
        return (
            query.add_columns(
                links.c.canonical_id,
                links.c.origin,
                canonical.c.corroboration,
                canonical.c.independent_sources,
                schema.articles.c.outlet,
                schema.articles.c.title,
            )
            .outerjoin(links, links.c.event_id == schema.events.c.event_id)
            .outerjoin(canonical, canonical.c.canonical_id == links.c.canonical_id)
            .join(schema.articles, schema.articles.c.article_id == schema.events.c.article_id)
        )

    def _public(self, view: str, row: dict[str, Any]) -> dict[str, Any]:
        keys = {k: row.pop(k) for k in list(row) if k.startswith("_key")}
        table = {"timeline": "canonical"}.get(view, view)
        public = public_row(row, table)
        public.update(keys)
        return public

    # --- single records and aggregates ---

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article with its text, what cleaning removed, and its events' offsets."""
        articles, links = schema.articles, schema.article_links
        query = (
            select(articles, links.c.duplicate_of)
            .outerjoin(links, links.c.article_id == articles.c.article_id)
            .where(articles.c.article_id == article_id)
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
            if row is None:
                return None
            article = public_row(dict(row._mapping), "articles")
            events = conn.execute(
                select(schema.events).where(schema.events.c.article_id == article_id)
            )
            article["events"] = [public_row(dict(e._mapping), "events") for e in events]
        return article

    def actors(self) -> list[dict[str, Any]]:
        table = schema.actor_mentions
        with self.engine.connect() as conn:
            rows = conn.execute(select(table).order_by(table.c.article_id, table.c.start))
            return list(actor_summaries(dict(r._mapping) for r in rows))

    def network(self, where: ViewFilter, top: int) -> list[dict[str, Any]]:
        """Edges between actors: news events by (source, target, type), the most frequent."""
        events = schema.events
        conditions = [
            *self._event_conditions(where),
            events.c.source_code.is_not(None),
            events.c.target_code.is_not(None),
            events.c.background.is_(False),
        ]
        query = (
            select(
                events.c.source_code,
                events.c.target_code,
                events.c.event_type,
                func.count().label("events"),
                func.avg(events.c.intensity).label("intensity"),
            )
            .where(and_(*conditions))
            .group_by(events.c.source_code, events.c.target_code, events.c.event_type)
            .order_by(func.count().desc(), events.c.source_code, events.c.target_code)
            .limit(top)
        )
        with self.engine.connect() as conn:
            return [
                {
                    "source": s,
                    "target": t,
                    "event_type": kind,
                    "events": int(n),
                    "intensity": round(float(i), 2),
                }
                for s, t, kind, n, i in conn.execute(query)
            ]

    # --- filters, per view ---

    def _event_conditions(self, where: ViewFilter) -> list[ColumnElement[bool]]:
        events = schema.events
        found: list[ColumnElement[bool]] = []
        if where.actor:
            found.append(
                or_(events.c.source_code == where.actor, events.c.target_code == where.actor)
            )
        if where.pair:
            a, b = where.pair
            found.append(
                or_(
                    and_(events.c.source_code == a, events.c.target_code == b),
                    and_(events.c.source_code == b, events.c.target_code == a),
                )
            )
        if where.event_type:
            found.append(events.c.event_type == where.event_type)
        found += _date_range(events.c.date, where)
        if where.article:
            found.append(events.c.article_id == where.article)
        if where.outlet:
            found.append(events.c.article_id.in_(_articles_of_outlet(where.outlet)))
        if where.story:
            found.append(events.c.article_id.in_(_articles_of_story(where.story)))
        if where.text:
            found.append(self._text_condition(where.text))
        return found

    def _text_condition(self, words: str) -> Any:
        if self.fts:
            # Each word quoted: FTS5's own operators (NEAR, *, column filters) stay literal.
            phrase = " ".join('"' + w.replace('"', '""') + '"' for w in words.split())
            return text(
                "events.rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH :phrase)"
            ).bindparams(phrase=phrase)
        return schema.events.c.sentence.ilike("%" + _escaped(words) + "%", escape="\\")

    def _article_conditions(self, where: ViewFilter) -> list[ColumnElement[bool]]:
        articles = schema.articles
        found: list[ColumnElement[bool]] = [*_date_range(articles.c.published, where)]
        if where.outlet:
            found.append(articles.c.outlet == where.outlet)
        if where.story:
            found.append(articles.c.article_id.in_(_articles_of_story(where.story)))
        if where.article:
            found.append(articles.c.article_id == where.article)
        if where.actor or where.pair or where.event_type or where.text:
            matching = select(schema.events.c.article_id).where(
                and_(*self._event_conditions(ViewFilter(
                    actor=where.actor, pair=where.pair, event_type=where.event_type,
                    text=where.text,
                )))
            )  # fmt: skip
            found.append(articles.c.article_id.in_(matching))
        return found

    def _per_article_conditions(self, table: Any, where: ViewFilter) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if where.article:
            found.append(table.c.article_id == where.article)
        if where.outlet:
            found.append(table.c.article_id.in_(_articles_of_outlet(where.outlet)))
        if where.story:
            found.append(table.c.article_id.in_(_articles_of_story(where.story)))
        if where.start or where.end:
            dated = select(schema.articles.c.article_id).where(
                and_(*_date_range(schema.articles.c.published, where))
            )
            found.append(table.c.article_id.in_(dated))
        if where.actor:
            # A quote's speaker or a flag's person; a quote also has the speaker's country.
            columns = [table.c[name] for name in ("actor_id", "country") if name in table.c]
            found.append(or_(*(column == where.actor for column in columns)))
        if where.kind and "kind" in table.c:
            found.append(table.c.kind == where.kind)
        if where.text and "text" in table.c:
            found.append(table.c.text.ilike("%" + _escaped(where.text) + "%", escape="\\"))
        return found

    def _story_conditions(self, where: ViewFilter) -> list[ColumnElement[bool]]:
        stories = schema.stories
        found: list[ColumnElement[bool]] = []
        if where.story:
            found.append(stories.c.story_id == where.story)
        if where.start:
            found.append(stories.c.last >= where.start.isoformat())
        if where.end:
            found.append(stories.c.first <= where.end.isoformat())
        if where.actor:
            # The actor list is JSON text; the code is matched with its quotes, so "US" never
            # matches "USA".
            found.append(stories.c.actors.contains(json.dumps(where.actor)))
        return found

    def _timeline_conditions(self, where: ViewFilter) -> list[ColumnElement[bool]]:
        canonical = schema.canonical_events
        found: list[ColumnElement[bool]] = [canonical.c.anchor.is_not(None)]
        found += _date_range(canonical.c.anchor, where)
        if where.event_type:
            found.append(canonical.c.event_type == where.event_type)
        for code in [where.actor] if where.actor else list(where.pair or ()):
            quoted = json.dumps(code)
            found.append(
                or_(
                    canonical.c.source_codes.contains(quoted),
                    canonical.c.target_codes.contains(quoted),
                )
            )
        if where.story or where.outlet or where.text:
            mentions = select(schema.event_links.c.canonical_id).join(
                schema.events, schema.events.c.event_id == schema.event_links.c.event_id
            ).where(and_(*self._event_conditions(
                ViewFilter(story=where.story, outlet=where.outlet, text=where.text)
            )))  # fmt: skip
            found.append(canonical.c.canonical_id.in_(mentions))
        return found


_CONDITIONS = {
    "events": Reader._event_conditions,
    "articles": Reader._article_conditions,
    "quotes": lambda r, w: r._per_article_conditions(schema.quotes, w),
    "flags": lambda r, w: r._per_article_conditions(schema.consistency_flags, w),
    "stories": Reader._story_conditions,
    "timeline": Reader._timeline_conditions,
}


def _key(column: Any) -> Any:
    # NULL sorts differently in each database; '' sorts first in both. Only nullable columns
    # are folded, so that primary keys keep their own indexes (migration 8 indexes the rest).
    # The '' is written into the SQL, not bound: a bound parameter would not match the
    # expression index, and every page would sort all matching rows.
    return func.coalesce(column, literal_column("''")) if column.nullable else column


def _date_range(column: Any, where: ViewFilter) -> list[ColumnElement[bool]]:
    found = []
    if where.start:
        found.append(column >= where.start.isoformat())
    if where.end:
        found.append(column <= where.end.isoformat())
    return found


def _articles_of_outlet(outlet: str) -> Any:
    return select(schema.articles.c.article_id).where(schema.articles.c.outlet == outlet)


def _articles_of_story(story: str) -> Any:
    members = schema.story_articles
    return select(members.c.article_id).where(members.c.story_id == story)


def _escaped(words: str) -> str:
    return words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
