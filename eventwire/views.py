"""What a reader is shown of the merged record: the timeline of canonical events and the
briefing. Reads the store; names actors with the knowledge base; renders nothing itself
(serve.briefing does)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from statistics import fmean
from typing import Any

from eventwire.kb import KnowledgeBase
from eventwire.serve.briefing import (
    Briefing,
    BriefingEvent,
    BriefingFlag,
    BriefingQuote,
    BriefingSource,
    IntensityPoint,
)
from eventwire.store import schema
from eventwire.store import selection as select
from eventwire.store.db import Store
from eventwire.store.selection import Selection

# Key events: the best-corroborated news events of the selection.
KEY_EVENTS = 8

Name = Callable[[str], str]


def namer(kb: KnowledgeBase | None) -> Name:
    """An actor code's name in the knowledge base ("RUS" → "Russia"), else the code."""
    return kb.display_name if kb is not None else str


def actor_code(kb: KnowledgeBase, text: str) -> str | None:
    """The code a user means by `text`: a code the knowledge base knows, or the name of a
    country or organisation."""
    if kb.get(text) is not None:
        return text
    for candidate in kb.lookup(text):
        if candidate.kind.value in ("country", "organization"):
            return candidate.country or candidate.actor_id
    return None


def timeline(store: Store, selection: Selection, name: Name) -> list[BriefingEvent]:
    """The dated canonical events of the selection, in date order."""
    rows = select.canonical_rows(store.engine, selection)
    outlets = _outlets(store, rows)
    return [e for e in (_event(row, name, outlets) for row in rows) if e.date is not None]


def briefing(store: Store, selection: Selection, kb: KnowledgeBase | None) -> Briefing:
    name = namer(kb)
    rows = select.canonical_rows(store.engine, selection)
    outlets = _outlets(store, rows)
    events = [_event(row, name, outlets) for row in rows]
    story = select.story(store.engine, selection.story_id) if selection.story_id else None
    if selection.story_id is not None:
        article_ids = select.story_article_ids(store.engine, selection.story_id)
    else:
        article_ids = list(dict.fromkeys(a for row in rows for a in row["articles"]))
    articles = select.articles(store.engine, article_ids)  # read once, for every section
    pair_codes = _pair(selection, story)
    return Briefing(
        title=story["title"] if story else _pair_title(selection.actors, name),
        scope=_scope(selection, story, name),
        period=_period(selection, rows),
        pair=(name(pair_codes[0]), name(pair_codes[1])) if pair_codes else None,
        timeline=tuple(e for e in events if e.date is not None),
        key_events=tuple(_key_events(events)),
        quotes=tuple(_quotes(store, articles, name)),
        flags=tuple(_flags(store, articles)),
        sources=tuple(_sources(articles)),
        intensity=tuple(_intensity(rows, pair_codes)),
    )


def _outlets(store: Store, rows: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return select.articles(store.engine, [a for row in rows for a in row["articles"]])


def _event(row: dict[str, Any], name: Name, articles: dict[str, dict[str, Any]]) -> BriefingEvent:
    day = row["date"] or row["anchor"]  # an event is dated when merging could anchor it
    return BriefingEvent(
        canonical_id=row["canonical_id"],
        date=date.fromisoformat(day) if day else None,
        date_precision=row["date_precision"] if row["date"] else "publication",
        event_type=row["event_type"],
        source=_side(row["source"], name),
        target=_side(row["target"], name),
        sentence=row["sentence"],
        intensity=float(row["intensity"]),
        corroboration=int(row["corroboration"]),
        independent_sources=int(row["independent_sources"]),
        origins=tuple(row["origins"]),
        outlets=tuple(
            dict.fromkeys(
                str(articles[a]["outlet"] or articles[a]["source"])
                for a in row["articles"]
                if a in articles
            )
        ),
        background=bool(row["background"]),
    )


def _side(actors: list[dict[str, Any]], name: Name) -> str:
    return ", ".join(dict.fromkeys(name(a["code"]) if a["code"] else a["text"] for a in actors))


def _key_events(events: Sequence[BriefingEvent]) -> list[BriefingEvent]:
    news = [e for e in events if not e.background]
    ranked = sorted(
        news,
        key=lambda e: (-e.independent_sources, -e.corroboration, e.date or date.max),
    )
    return ranked[:KEY_EVENTS]


def _pair(selection: Selection, story: dict[str, Any] | None) -> tuple[str, str] | None:
    if len(selection.actors) >= 2:
        return selection.actors[0], selection.actors[1]
    if story is not None and len(story["actors"]) >= 2:
        return story["actors"][0][0], story["actors"][1][0]
    return None


def _pair_title(actors: Sequence[str], name: Name) -> str:
    return " – ".join(name(code) for code in actors) or "All events"


def _scope(selection: Selection, story: dict[str, Any] | None, name: Name) -> str:
    if story is not None:
        return f"Story {story['story_id']}: {story['article_count']} articles"
    if selection.actors:
        return "Events involving " + " and ".join(name(c) for c in selection.actors)
    return "Every event in the store"


def _period(
    selection: Selection, rows: Sequence[dict[str, Any]]
) -> tuple[date | None, date | None]:
    days = sorted(date.fromisoformat(r["anchor"]) for r in rows if r["anchor"])
    first = selection.start or (days[0] if days else None)
    last = selection.end or (days[-1] if days else None)
    return first, last


Articles = dict[str, dict[str, Any]]


def _quotes(store: Store, articles: Articles, name: Name) -> list[BriefingQuote]:
    quotes = []
    for row in select.rows_of_articles(store.engine, schema.quotes, list(articles)):
        article = articles.get(row["article_id"], {})
        speaker = name(row["actor_id"]) if row["actor_id"] else row["speaker_text"]
        quotes.append(
            BriefingQuote(
                speaker=speaker or "unattributed",
                text=row["text"],
                outlet=article.get("outlet"),
                published=_day(article.get("published")),
            )
        )
    return quotes


def _flags(store: Store, articles: Articles) -> list[BriefingFlag]:
    return [
        BriefingFlag(
            kind=row["kind"],
            mention=row["mention"],
            explanation=row["explanation"],
            outlet=articles.get(row["article_id"], {}).get("outlet"),
            published=_day(articles.get(row["article_id"], {}).get("published")),
        )
        for row in select.rows_of_articles(store.engine, schema.consistency_flags, list(articles))
    ]


def _sources(articles: Articles) -> list[BriefingSource]:
    sources = []
    in_order = sorted(articles.values(), key=lambda a: (a["published"] or "", a["title"] or ""))
    for article in in_order:
        outlet = str(article["outlet"] or article["source"])
        chain = tuple(article["chain"]) or (outlet,)
        copied = article["duplicate_of"]
        sources.append(
            BriefingSource(
                outlet=outlet,
                title=article["title"],
                published=_day(article["published"]),
                url=article["source"],
                origin=chain[0],
                chain=chain,
                duplicate_of=(articles[copied]["title"] or copied)
                if copied in articles
                else copied,
            )
        )
    return sources


def _intensity(
    rows: Sequence[dict[str, Any]], pair: tuple[str, str] | None
) -> list[IntensityPoint]:
    if pair is None:
        return []
    by_day: dict[str, list[float]] = defaultdict(list)
    for row in rows:
        codes = set(row["source_codes"]) | set(row["target_codes"])
        if row["anchor"] and not row["background"] and set(pair) <= codes:
            by_day[row["anchor"]].append(float(row["intensity"]))
    return [
        IntensityPoint(date.fromisoformat(day), fmean(values), len(values))
        for day, values in sorted(by_day.items())
    ]


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
