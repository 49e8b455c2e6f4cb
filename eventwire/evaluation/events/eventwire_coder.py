"""eventwire's own coder behind the evaluation's `Coder` protocol: each gold sentence becomes a
one-sentence article and goes through the same stages as `eventwire ingest` (spaCy, actor
resolution, event coding)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from eventwire.evaluation.events.records import PredictedActor, PredictedEvent
from eventwire.pipeline import ActorStages, actor_stages
from eventwire.records import Article, ArticleId, Event, EventActor

# Event types without a material/verbal split of their own in the gold map to a quad class
# through the CAMEO table; the coder's own quad is by PLOVER type.
_QUADS = {
    "verbal_cooperation": 1,
    "material_cooperation": 2,
    "verbal_conflict": 3,
    "material_conflict": 4,
}


class EventwireCoder:
    name = "eventwire"

    def __init__(self, stages: ActorStages | None = None) -> None:
        self._stages = stages or actor_stages()

    def __call__(self, items: Sequence[tuple[str, date | None]]) -> list[list[PredictedEvent]]:
        articles = [
            Article(
                article_id=ArticleId(f"gold-{number}"),
                source="gold",
                location="gold",
                title=None,
                author=None,
                outlet=None,
                published=day,
                published_via="gold",
                language="en",
                text=text,
            )
            for number, (text, day) in enumerate(items)
        ]
        analyses = self._stages.analyse(articles)
        return [[self._predicted(event) for event in a.events] for a in analyses]

    def _predicted(self, event: Event) -> PredictedEvent:
        quad = self._stages.book.types[event.event_type].quad
        return PredictedEvent(
            event_type=event.event_type,
            mode=event.mode,
            sources=tuple(_actor(actor) for actor in event.source),
            targets=tuple(_actor(actor) for actor in event.target),
            cameo_root=event.cameo_root,
            quad_class=_QUADS.get(quad),
            # "Jordan and Britain agreed": one event whose parties are all sources.
            reciprocal=len(event.source) > 1 and not event.target,
        )


def _actor(actor: EventActor) -> PredictedActor:
    return PredictedActor(actor.text, actor.code, actor.sector)
