"""Gold events written as CAMEO (source, target, code) triples, as PETRARCH's files have them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from eventwire.evaluation.events.cameo import CameoTable
from eventwire.evaluation.events.codes import cameo_agent
from eventwire.evaluation.events.records import ASSERTED, GoldActor, GoldEvent, Status


def cameo_events(
    expected: Iterable[Mapping[str, object]], table: CameoTable, status: Status = ASSERTED
) -> tuple[GoldEvent, ...]:
    """One gold event per expected {source, target, code}; identical expectations once."""
    events: list[GoldEvent] = []
    for expectation in expected:
        event = cameo_event(
            str(expectation["code"]),
            str(expectation.get("source") or ""),
            str(expectation.get("target") or ""),
            table,
            status,
        )
        if event not in events:
            events.append(event)
    return tuple(events)


def cameo_event(
    code: str, source: str, target: str, table: CameoTable, status: Status = ASSERTED
) -> GoldEvent:
    row = table.get(code)
    return GoldEvent(
        event_type=table.plover_event_of(code),  # None for CAMEO 01 and 02
        mode=row.plover_mode if row else None,
        sources=_actor(source),
        targets=_actor(target),
        cameo_code=code,
        cameo_root=row.root if row else None,
        quad_class=row.quad_class if row else None,
        status=status,
    )


def _actor(code: str) -> tuple[GoldActor, ...]:
    code = code.strip()
    if not code:
        return ()
    return (GoldActor(text="", code=code, sector=cameo_agent(code)),)
