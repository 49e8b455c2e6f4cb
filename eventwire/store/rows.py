"""Records to table rows and back: nested fields are JSON text in the database."""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import UTC, datetime
from typing import Any

from eventwire.records import Article, Event

# Columns holding JSON text; exports decode them back into lists and objects.
JSON_COLUMNS = {
    "articles": frozenset({"headings", "reported_by", "references_", "removed"}),
    "events": frozenset({"source", "target", "reported_by", "chain"}),
    "canonical": frozenset(
        {"source", "target", "source_codes", "target_codes", "articles", "clusters", "origins"}
    ),
    "stories": frozenset({"actors", "types", "articles"}),
}
# Database column names that differ from their public (export) names.
PUBLIC_NAMES = {"references_": "references"}


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def article_row(article: Article) -> dict[str, Any]:
    return {
        "article_id": article.article_id,
        "source": article.source,
        "location": article.location,
        "title": article.title,
        "author": article.author,
        "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "published_via": article.published_via,
        "language": article.language,
        "text": article.text,
        "headings": _json([[span.start, span.end] for span in article.headings]),
        "reported_by": _json(list(article.reported_by)),
        "references_": _json([record_row(ref) for ref in article.references]),
        "removed": _json([record_row(item) for item in article.removed]),
        "repairs": article.repairs,
        "ingested_at": datetime.now(UTC),
    }


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(record_type: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(record_type)
    if names is None:
        names = _FIELD_NAMES[record_type] = tuple(field.name for field in fields(record_type))
    return names


def record_row(record: object) -> dict[str, Any]:
    """A flat record (mention, flag, event actor) as a row: its fields are the columns.

    Shallow on purpose: `dataclasses.asdict` deep-copies every value, which made up a fifth
    of the time spent storing; these records hold only scalars.
    """
    return {name: getattr(record, name) for name in _field_names(type(record))}


def event_row(event: Event) -> dict[str, Any]:
    place = event.location
    return {
        "event_id": event.event_id,
        "article_id": event.article_id,
        "event_type": event.event_type,
        "mode": event.mode,
        "source": _json([record_row(actor) for actor in event.source]),
        "target": _json([record_row(actor) for actor in event.target]),
        "source_code": event.source[0].code if event.source else None,
        "target_code": event.target[0].code if event.target else None,
        "date": event.date.isoformat() if event.date else None,
        "date_precision": event.date_precision,
        "place": place.name if place else None,
        "place_country": place.country if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "sentence": event.sentence,
        "char_start": event.char_start,
        "char_end": event.char_end,
        "trigger": event.trigger,
        "reported_by": _json(list(event.reported_by)),
        "confidence": event.confidence,
        "cameo_root": event.cameo_root,
        "intensity": event.intensity,
        "background": event.background,
    }


def public_row(row: dict[str, Any], table: str) -> dict[str, Any]:
    """A stored row as users see it: JSON decoded, internal column names replaced."""
    public: dict[str, Any] = {}
    for column, value in row.items():
        if column in JSON_COLUMNS.get(table, ()) and isinstance(value, str):
            value = json.loads(value)
        elif isinstance(value, datetime):
            value = value.isoformat()
        public[PUBLIC_NAMES.get(column, column)] = value
    return public
