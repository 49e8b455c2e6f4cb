"""Reading what merging needs from the store, and writing what it decided, in one transaction."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, func, select

from eventwire.records import (
    ArticleId,
    CanonicalEvent,
    ConsistencyFlag,
    EventMention,
    MergeLink,
    Provenance,
    Story,
)
from eventwire.store import schema
from eventwire.store.rows import record_row

ID_QUERY_CHUNK = 500
# The article's date, beside the event's own.
_PUBLISHED = schema.articles.c.published.label("published_on")


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _host(source: str) -> str:
    # An article without an outlet is still someone's: its site, else the file it came from.
    if "://" in source:
        return source.split("://", 1)[1].split("/", 1)[0] or source
    return source.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1].split("#", 1)[0] or source


def unmerged_mentions(engine: Engine) -> Iterator[EventMention]:
    """Every stored event that merging has not seen, in the order its articles arrived."""
    events, links, articles = schema.events, schema.event_links, schema.article_links
    query = (
        select(events, _PUBLISHED)
        .join(schema.articles, schema.articles.c.article_id == events.c.article_id)
        .outerjoin(articles, articles.c.article_id == events.c.article_id)
        .outerjoin(links, links.c.event_id == events.c.event_id)
        .where(links.c.event_id.is_(None))
        .order_by(articles.c.position, events.c.char_start, events.c.event_id)
    )
    with engine.connect() as conn:
        for row in conn.execution_options(yield_per=2000).execute(query).mappings():
            yield _mention(row)


def _codes(actors_json: str) -> frozenset[str]:
    return frozenset(a["code"] for a in json.loads(actors_json) if a.get("code"))


def _mention(row: Any) -> EventMention:
    return EventMention(
        event_id=row["event_id"],
        article_id=ArticleId(row["article_id"]),
        event_type=row["event_type"],
        source_codes=_codes(row["source"]),
        target_codes=_codes(row["target"]),
        published=_day(row["published_on"]),
        date=_day(row["date"]),
        date_precision=row["date_precision"],
        sentence=row["sentence"],
        char_start=row["char_start"],
        char_end=row["char_end"],
        cited=tuple(json.loads(row["reported_by"])),
        background=bool(row["background"]),
    )


def has_work(engine: Engine) -> bool:
    events, links = schema.events, schema.event_links
    articles, members = schema.articles, schema.story_articles
    unmerged = (
        select(events.c.event_id)
        .outerjoin(links, links.c.event_id == events.c.event_id)
        .where(links.c.event_id.is_(None))
        .limit(1)
    )
    unstoried = (
        select(articles.c.article_id)
        .outerjoin(members, members.c.article_id == articles.c.article_id)
        .where(members.c.article_id.is_(None))
        .limit(1)
    )
    with engine.connect() as conn:
        return any(conn.execute(query).first() is not None for query in (unmerged, unstoried))


def provenance(engine: Engine, article_ids: Iterable[str]) -> dict[str, Provenance]:
    wanted = list(dict.fromkeys(article_ids))
    articles, links = schema.articles, schema.article_links
    found: dict[str, Provenance] = {}
    with engine.connect() as conn:
        for start in range(0, len(wanted), ID_QUERY_CHUNK):
            chunk = wanted[start : start + ID_QUERY_CHUNK]
            query = (
                select(
                    articles.c.article_id,
                    articles.c.outlet,
                    articles.c.source,
                    articles.c.published,
                    articles.c.reported_by,
                    articles.c.references_,
                    links.c.duplicate_of,
                )
                .outerjoin(links, links.c.article_id == articles.c.article_id)
                .where(articles.c.article_id.in_(chunk))
            )
            for row in conn.execute(query).mappings():
                found[row["article_id"]] = Provenance(
                    article_id=ArticleId(row["article_id"]),
                    outlet=row["outlet"] or _host(row["source"]),
                    published=_day(row["published"]),
                    credits=tuple(json.loads(row["reported_by"])),
                    duplicate_of=row["duplicate_of"],
                    embedded=tuple(
                        (str(item["author"]), str(item["text"]))
                        for item in json.loads(row["references_"])
                    ),
                )
    return found


def unstoried_articles(engine: Engine) -> list[tuple[ArticleId, date | None, ArticleId | None]]:
    """(article_id, published, duplicate_of) of articles in no story yet, in arrival order."""
    articles, links, members = schema.articles, schema.article_links, schema.story_articles
    query = (
        select(articles.c.article_id, articles.c.published, links.c.duplicate_of)
        .outerjoin(links, links.c.article_id == articles.c.article_id)
        .outerjoin(members, members.c.article_id == articles.c.article_id)
        .where(members.c.article_id.is_(None))
        .order_by(links.c.position, articles.c.article_id)
    )
    with engine.connect() as conn:
        return [
            (ArticleId(a), _day(p), ArticleId(d) if d else None) for a, p, d in conn.execute(query)
        ]


def linked_events(
    engine: Engine, article_ids: Sequence[str]
) -> dict[str, list[tuple[EventMention, str]]]:
    """Each article's merged events, with their canonical ids: what a story digest needs."""
    events, links = schema.events, schema.event_links
    found: dict[str, list[tuple[EventMention, str]]] = {}
    with engine.connect() as conn:
        for start in range(0, len(article_ids), ID_QUERY_CHUNK):
            chunk = article_ids[start : start + ID_QUERY_CHUNK]
            query = (
                select(events, links.c.canonical_id, _PUBLISHED)
                .join(links, links.c.event_id == events.c.event_id)
                .join(schema.articles, schema.articles.c.article_id == events.c.article_id)
                .where(events.c.article_id.in_(chunk))
                .order_by(events.c.article_id, events.c.char_start, events.c.event_id)
            )
            for row in conn.execute(query).mappings():
                found.setdefault(row["article_id"], []).append((_mention(row), row["canonical_id"]))
    return found


def _latest_by_arrival(rows: Any, key: str, latest: int) -> Any:
    """(key, arrived) of the `latest` keys of `rows` (a selectable with `key` and `article_id`
    columns) by the arrival position of their last article: what a window of `latest` holds."""
    positions = schema.article_links
    arrived = func.coalesce(func.max(positions.c.position), -1).label("arrived")
    return (
        select(rows.c[key], arrived)
        .outerjoin(positions, positions.c.article_id == rows.c.article_id)
        .group_by(rows.c[key])
        .order_by(arrived.desc(), rows.c[key].desc())
        .limit(latest)
        .subquery()
    )


def canonical_events(engine: Engine, latest: int) -> Iterator[CanonicalEvent]:
    """The `latest` canonical events by the arrival of the last article that reports them,
    least recent first: what a merger with a window of `latest` would hold."""
    canonical, links, events = schema.canonical_events, schema.event_links, schema.events
    reports = select(links.c.canonical_id, events.c.article_id).join(
        events, events.c.event_id == links.c.event_id
    )
    recency = _latest_by_arrival(reports.subquery(), "canonical_id", latest)
    query = (
        select(canonical)
        .join(recency, recency.c.canonical_id == canonical.c.canonical_id)
        .order_by(recency.c.arrived, canonical.c.canonical_id)
    )
    with engine.connect() as conn:
        for row in conn.execution_options(yield_per=2000).execute(query).mappings():
            yield CanonicalEvent(
                canonical_id=row["canonical_id"],
                event_type=row["event_type"],
                source_codes=tuple(json.loads(row["source_codes"])),
                target_codes=tuple(json.loads(row["target_codes"])),
                anchor=_day(row["anchor"]),
                date=_day(row["date"]),
                date_precision=row["date_precision"],
                sentence=row["sentence"],
                articles=tuple(json.loads(row["articles"])),
                clusters=tuple(json.loads(row["clusters"])),
                origins=tuple(json.loads(row["origins"])),
                mentions=row["mentions"],
                background=bool(row["background"]),
            )


def stories(engine: Engine, latest: int) -> Iterator[Story]:
    """The `latest` stored stories by the arrival of their last article, least recent first,
    with their articles and the canonical events those report."""
    members, events, links = schema.story_articles, schema.events, schema.event_links
    recency = _latest_by_arrival(members, "story_id", latest)
    chosen = members.c.story_id.in_(select(recency.c.story_id))
    with engine.connect() as conn:
        articles: dict[str, list[ArticleId]] = {}
        for story_id, article_id in conn.execute(
            select(members.c.story_id, members.c.article_id)
            .where(chosen)
            .order_by(members.c.article_id)
        ):
            articles.setdefault(story_id, []).append(ArticleId(article_id))
        canonical: dict[str, dict[str, None]] = {}
        for story_id, canonical_id in conn.execute(
            select(members.c.story_id, links.c.canonical_id)
            .join(events, events.c.article_id == members.c.article_id)
            .join(links, links.c.event_id == events.c.event_id)
            .where(chosen)
        ):
            canonical.setdefault(story_id, {})[canonical_id] = None
        query = (
            select(schema.stories)
            .join(recency, recency.c.story_id == schema.stories.c.story_id)
            .order_by(recency.c.arrived, schema.stories.c.story_id)
        )
        for row in conn.execute(query).mappings():
            story_id = row["story_id"]
            yield Story(
                story_id=story_id,
                title=row["title"],
                actors=tuple((c, n) for c, n in json.loads(row["actors"])),
                types=tuple((t, n) for t, n in json.loads(row["types"])),
                first=_day(row["first"]),
                last=_day(row["last"]),
                articles=tuple(articles.get(story_id, [])),
                canonical_ids=tuple(canonical.get(story_id, {})),
            )


def save(
    conn: Connection,
    links: Sequence[MergeLink],
    canonicals: Sequence[CanonicalEvent],
    flags: Sequence[ConsistencyFlag],
    story_rows: Sequence[Story],
    members: Sequence[tuple[ArticleId, str]],
    insert_ignoring_duplicates: Any,
) -> None:
    """Write one merge pass; the caller holds the transaction."""
    if links:
        conn.execute(
            insert_ignoring_duplicates(schema.event_links),
            [
                {
                    "event_id": link.event_id,
                    "canonical_id": link.canonical_id,
                    "origin": link.origin,
                    "chain": json.dumps(list(link.chain), ensure_ascii=False),
                }
                for link in links
            ],
        )
    _replace(conn, schema.canonical_events, "canonical_id", [_canonical_row(c) for c in canonicals])
    if flags:
        conn.execute(
            insert_ignoring_duplicates(schema.consistency_flags), [record_row(f) for f in flags]
        )
    _replace(conn, schema.stories, "story_id", [_story_row(s) for s in story_rows])
    if members:
        conn.execute(
            insert_ignoring_duplicates(schema.story_articles),
            [{"article_id": a, "story_id": s} for a, s in members],
        )


def _replace(conn: Connection, table: Any, key: str, rows: list[dict[str, Any]]) -> None:
    # Rows that grow with every pass (counts, member lists): delete and insert is the one
    # upsert that SQLite and PostgreSQL spell alike.
    if not rows:
        return
    ids = [row[key] for row in rows]
    for start in range(0, len(ids), ID_QUERY_CHUNK):
        conn.execute(table.delete().where(table.c[key].in_(ids[start : start + ID_QUERY_CHUNK])))
    conn.execute(table.insert(), rows)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _canonical_row(event: CanonicalEvent) -> dict[str, Any]:
    return {
        "canonical_id": event.canonical_id,
        "event_type": event.event_type,
        "source_codes": _json(list(event.source_codes)),
        "target_codes": _json(list(event.target_codes)),
        "anchor": _iso(event.anchor),
        "date": _iso(event.date),
        "date_precision": event.date_precision,
        "sentence": event.sentence,
        "articles": _json(list(event.articles)),
        "clusters": _json(list(event.clusters)),
        "origins": _json(list(event.origins)),
        "mentions": event.mentions,
        "corroboration": event.corroboration,
        "independent_sources": event.independent_sources,
        "background": event.background,
    }


def _story_row(story: Story) -> dict[str, Any]:
    return {
        "story_id": story.story_id,
        "title": story.title,
        "actors": _json([list(pair) for pair in story.actors]),
        "types": _json([list(pair) for pair in story.types]),
        "first": _iso(story.first),
        "last": _iso(story.last),
        "article_count": len(story.articles),
        "event_count": len(story.canonical_ids),
    }


# --- exports: event mentions with their canonical event, canonical events, stories ---

EXPORTS = frozenset({"events", "canonical", "stories"})


def export_query(table_name: str) -> Any:
    """The query that `export TABLE` streams, for the tables that merging adds to."""
    events, links, canonical = schema.events, schema.event_links, schema.canonical_events
    if table_name == "events":
        # One row per mention, with what merging made of it (null until merged).
        return (
            select(
                events,
                links.c.canonical_id,
                canonical.c.corroboration,
                canonical.c.independent_sources,
                links.c.origin,
                links.c.chain,
            )
            .outerjoin(links, links.c.event_id == events.c.event_id)
            .outerjoin(canonical, canonical.c.canonical_id == links.c.canonical_id)
        )
    if table_name == "canonical":
        # The founding report supplies what a row needs beyond the merge: actors as written,
        # place, CAMEO code and intensity.
        return select(
            canonical,
            events.c.mode,
            events.c.source,
            events.c.target,
            events.c.place,
            events.c.place_country,
            events.c.lat,
            events.c.lon,
            events.c.cameo_root,
            events.c.intensity,
        ).join(events, events.c.event_id == canonical.c.canonical_id)
    return select(schema.stories)


def canonical_mentions(conn: Connection) -> dict[str, list[str]]:
    """Each canonical event's supporting mentions (event ids), for the canonical export."""
    links = schema.event_links
    found: dict[str, list[str]] = {}
    query = select(links.c.canonical_id, links.c.event_id).order_by(links.c.event_id)
    for canonical_id, event_id in conn.execute(query):
        found.setdefault(canonical_id, []).append(event_id)
    return found


def story_members(conn: Connection) -> dict[str, list[str]]:
    """Each story's articles, for the stories export (a JSON aggregate would be spelt
    differently by each database)."""
    members = schema.story_articles
    found: dict[str, list[str]] = {}
    query = select(members.c.story_id, members.c.article_id).order_by(members.c.article_id)
    for story_id, article_id in conn.execute(query):
        found.setdefault(story_id, []).append(article_id)
    return found


def event_reports(engine: Engine) -> Iterator[dict[str, Any]]:
    """Every event mention with its article's source, date, outlet and language and what
    merging made of it: what the compatibility views (GDELT, POLECAT) are built from."""
    events, articles = schema.events, schema.articles
    links, canonical = schema.event_links, schema.canonical_events
    query = (
        select(
            events,
            articles.c.source.label("url"),
            articles.c.published,
            articles.c.outlet,
            articles.c.language,
            links.c.canonical_id,
            links.c.origin,
            canonical.c.mentions,
            canonical.c.corroboration,
            canonical.c.independent_sources,
        )
        .join(articles, articles.c.article_id == events.c.article_id)
        .outerjoin(links, links.c.event_id == events.c.event_id)
        .outerjoin(canonical, canonical.c.canonical_id == links.c.canonical_id)
        .order_by(events.c.event_id)
    )
    with engine.connect() as conn:
        for row in conn.execution_options(yield_per=2000).execute(query).mappings():
            yield _decoded_event(dict(row))


def _decoded_event(row: dict[str, Any]) -> dict[str, Any]:
    for column in ("source", "target", "reported_by"):
        row[column] = json.loads(row[column])
    return row
