"""Read-only selections over the merged record: canonical events by story, actors and dates,
and what a briefing shows beside them (articles, quotes, flags)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine, select

from eventwire.store import schema

ID_QUERY_CHUNK = 500


@dataclass(frozen=True, slots=True)
class Selection:
    """Which canonical events to show: those of a story, involving every one of `actors`
    (codes), with a date in [start, end]."""

    story_id: str | None = None
    actors: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None


def canonical_rows(engine: Engine, selection: Selection) -> list[dict[str, Any]]:
    """The selected canonical events, dated ones first in date order, with their founding
    report's actors as written, intensity and CAMEO code."""
    canonical, events = schema.canonical_events, schema.events
    query = select(
        canonical,
        events.c.source,
        events.c.target,
        events.c.intensity,
        events.c.cameo_root,
        events.c.mode,
        events.c.place,
    ).join(events, events.c.event_id == canonical.c.canonical_id)
    if selection.start is not None:
        query = query.where(canonical.c.anchor >= selection.start.isoformat())
    if selection.end is not None:
        query = query.where(canonical.c.anchor <= selection.end.isoformat())
    if selection.story_id is not None:
        query = query.where(canonical.c.canonical_id.in_(_story_canonical_ids(selection.story_id)))
    rows = []
    with engine.connect() as conn:
        for row in conn.execute(query.order_by(canonical.c.anchor, canonical.c.canonical_id)):
            record = _decoded(dict(row._mapping))
            codes = set(record["source_codes"]) | set(record["target_codes"])
            if all(actor in codes for actor in selection.actors):
                rows.append(record)
    rows.sort(key=lambda r: (r["anchor"] is None, r["anchor"] or "", r["canonical_id"]))
    return rows


def _story_canonical_ids(story_id: str) -> Any:
    links, events, members = schema.event_links, schema.events, schema.story_articles
    return (
        select(links.c.canonical_id)
        .join(events, events.c.event_id == links.c.event_id)
        .join(members, members.c.article_id == events.c.article_id)
        .where(members.c.story_id == story_id)
    )


_JSON = ("source_codes", "target_codes", "articles", "clusters", "origins", "source", "target")


def _decoded(row: dict[str, Any]) -> dict[str, Any]:
    for column in _JSON:
        if isinstance(row.get(column), str):
            row[column] = json.loads(row[column])
    return row


def articles(engine: Engine, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Title, outlet, date, URL, near-duplicate link and origin chain of each article."""
    table, links = schema.articles, schema.article_links
    found: dict[str, dict[str, Any]] = {}
    with engine.connect() as conn:
        for chunk in _chunks(article_ids):
            query = (
                select(
                    table.c.article_id,
                    table.c.title,
                    table.c.outlet,
                    table.c.published,
                    table.c.source,
                    links.c.duplicate_of,
                )
                .outerjoin(links, links.c.article_id == table.c.article_id)
                .where(table.c.article_id.in_(chunk))
            )
            for found_row in conn.execute(query):
                found[found_row.article_id] = dict(found_row._mapping)
        chains = _article_chains(conn, article_ids)
    for article_id, row in found.items():
        row["chain"] = chains.get(article_id, [])
    return found


def _article_chains(conn: Any, article_ids: Sequence[str]) -> dict[str, list[str]]:
    """The shortest event chain of each article: its own reporters, without the extra outlets
    that single sentences cite."""
    links, events = schema.event_links, schema.events
    chains: dict[str, list[str]] = {}
    for chunk in _chunks(article_ids):
        query = (
            select(events.c.article_id, links.c.chain)
            .join(links, links.c.event_id == events.c.event_id)
            .where(events.c.article_id.in_(chunk))
        )
        for article_id, chain_json in conn.execute(query):
            chain = json.loads(chain_json)
            if article_id not in chains or len(chain) < len(chains[article_id]):
                chains[article_id] = chain
    return chains


def story_article_ids(engine: Engine, story_id: str) -> list[str]:
    members = schema.story_articles
    with engine.connect() as conn:
        query = select(members.c.article_id).where(members.c.story_id == story_id)
        return [str(a) for a in conn.execute(query.order_by(members.c.article_id)).scalars()]


def story(engine: Engine, story_id: str) -> dict[str, Any] | None:
    with engine.connect() as conn:
        row = conn.execute(
            select(schema.stories).where(schema.stories.c.story_id == story_id)
        ).first()
    if row is None:
        return None
    record = dict(row._mapping)
    record["actors"] = json.loads(record["actors"])
    return record


def rows_of_articles(
    engine: Engine, table: Any, article_ids: Sequence[str]
) -> list[dict[str, Any]]:
    """Rows of a per-article table (quotes, flags) for these articles, in text order."""
    found: list[dict[str, Any]] = []
    with engine.connect() as conn:
        for chunk in _chunks(article_ids):
            query = select(table).where(table.c.article_id.in_(chunk))
            found += [dict(row._mapping) for row in conn.execute(query)]
    return sorted(found, key=lambda r: (r["article_id"], r["start"]))


def _chunks(ids: Sequence[str]) -> list[list[str]]:
    unique = list(dict.fromkeys(ids))
    return [unique[i : i + ID_QUERY_CHUNK] for i in range(0, len(unique), ID_QUERY_CHUNK)]
