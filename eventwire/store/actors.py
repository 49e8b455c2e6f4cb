"""The actors met in a corpus: mentions grouped by actor, for `eventwire export actors`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

# Surface forms listed per actor; the count of mentions stays exact beyond it.
MAX_FORMS = 20


@dataclass(slots=True)
class _Actor:
    actor_id: str | None
    name: str | None
    country: str | None
    sectors: Counter[str] = field(default_factory=Counter)
    forms: Counter[str] = field(default_factory=Counter)
    vias: Counter[str] = field(default_factory=Counter)
    articles: set[str] = field(default_factory=set)
    mentions: int = 0


def _key(row: dict[str, Any]) -> tuple[str, ...]:
    # A known actor is itself; an unknown one is its written form in its country and sector,
    # so that "Russian officials" and "Ukrainian officials" stay apart.
    if row["actor_id"]:
        return ("id", row["actor_id"])
    return ("text", row["text"].casefold(), row["country"] or "", row["sector"] or "")


def actor_summaries(rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    actors: dict[tuple[str, ...], _Actor] = {}
    for row in rows:
        actor = actors.setdefault(
            _key(row), _Actor(row["actor_id"], row["name"] or None, row["country"])
        )
        actor.mentions += 1
        actor.articles.add(row["article_id"])
        actor.forms[row["text"]] += 1
        actor.vias[row["via"]] += 1
        if row["sector"]:
            actor.sectors[row["sector"]] += 1
    ranked = sorted(actors.values(), key=lambda a: (-a.mentions, a.actor_id or "", a.name or ""))
    for actor in ranked:
        yield {
            "actor_id": actor.actor_id,
            "name": actor.name,
            "country": actor.country,
            "sectors": dict(actor.sectors.most_common()),
            "mentions": actor.mentions,
            "articles": len(actor.articles),
            "forms": [form for form, _ in actor.forms.most_common(MAX_FORMS)],
            "resolved_via": dict(actor.vias.most_common()),
        }
