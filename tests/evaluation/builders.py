"""Small constructors for hand-built gold items and predictions."""

from __future__ import annotations

from eventwire.evaluation.events import (
    CameoCode,
    CameoTable,
    GoldActor,
    GoldEvent,
    GoldItem,
    PredictedActor,
    PredictedEvent,
)
from eventwire.evaluation.events.records import Status


def gold(
    event_type: str | None,
    sources: tuple[str, ...] = (),
    targets: tuple[str, ...] = (),
    *,
    status: Status = "asserted",
    reciprocal: bool = False,
    cameo: str | None = None,
    quad: int | None = None,
    texts: bool = False,
) -> GoldEvent:
    """Actors are codes, or span texts when `texts` is set."""

    def actor(value: str) -> GoldActor:
        return (
            GoldActor(text=value, code=None, sector=None) if texts else GoldActor("", value, None)
        )

    return GoldEvent(
        event_type=event_type,
        mode=None,
        sources=tuple(actor(value) for value in sources),
        targets=tuple(actor(value) for value in targets),
        cameo_code=cameo,
        cameo_root=cameo[:2] if cameo else None,
        quad_class=quad,
        status=status,
        reciprocal=reciprocal,
    )


def item(*events: GoldEvent, label: str | None = None, item_id: str = "x") -> GoldItem:
    return GoldItem("hand", item_id, "a sentence", None, events, label, "test")


def predicted(
    event_type: str,
    sources: tuple[str | None, ...] = (),
    targets: tuple[str | None, ...] = (),
    *,
    cameo_root: str | None = None,
    reciprocal: bool = False,
    texts: bool = False,
    mode: str | None = None,
) -> PredictedEvent:
    def actor(value: str | None) -> PredictedActor:
        if texts:
            return PredictedActor(text=value or "", code=None, sector=None)
        return PredictedActor(text="", code=value, sector=None)

    return PredictedEvent(
        event_type=event_type,
        mode=mode,
        sources=tuple(actor(value) for value in sources),
        targets=tuple(actor(value) for value in targets),
        cameo_root=cameo_root,
        quad_class=None,
        reciprocal=reciprocal,
    )


def tiny_cameo_table() -> CameoTable:
    """Roots 04 (CONSULT), 11 (ACCUSE), 14 (PROTEST), 16 (SANCTION) and 18 (ASSAULT), as in
    cameo_codes.csv."""
    rows = [
        ("04", "04", 1, 1, None),
        ("040", "04", 1, 1, "CONSULT"),
        ("11", "11", 3, 3, None),
        ("110", "11", 3, 3, "ACCUSE"),
        ("14", "14", 3, 4, None),
        ("140", "14", 3, 4, "PROTEST"),
        ("16", "16", 4, 4, None),
        ("160", "16", 4, 4, "SANCTION"),
        ("18", "18", 4, 4, None),
        ("180", "18", 4, 4, "ASSAULT"),
    ]
    return CameoTable(
        CameoCode(code, root, code, None, quad, penta, event, None)
        for code, root, quad, penta, event in rows
    )
