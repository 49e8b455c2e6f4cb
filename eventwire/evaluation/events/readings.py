"""Other codings of a not-asserted gold event that a PLOVER coder may rightly give instead.

PLOVER codes a cooperative act reported in the future tense (CONSULT, SUPPORT, CONCEDE,
COOPERATE, AID, RETREAT) as AGREE: "the intention is the event" (PLOVER manual, AGREE); and an
announced conflictual act ("will extend the curfew", "would blockade Paris") as THREATEN, as
the PLOVER gold records do. CAMEO and WEIS gold code the act itself ("will meet" → 040
CONSULT). So when a gold set's future event is one of those, a predicted AGREE or THREATEN is as
excused as the act's own type.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from eventwire.evaluation.events.records import GoldEvent

FUTURE_AS_AGREE: Final = frozenset({"CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
FUTURE_AS_THREATEN: Final = frozenset({"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})
# (type, CAMEO root, quad class): "express intent to cooperate", verbal cooperation; "threaten",
# verbal conflict.
AGREE_READING: Final = ("AGREE", "03", 1)
THREATEN_READING: Final = ("THREATEN", "13", 3)


def alternative_readings(event: GoldEvent) -> tuple[GoldEvent, ...]:
    if event.status != "future":
        return ()
    if event.event_type in FUTURE_AS_AGREE:
        reading = AGREE_READING
    elif event.event_type in FUTURE_AS_THREATEN:
        reading = THREATEN_READING
    else:
        return ()
    event_type, root, quad = reading
    announcement = replace(
        event, event_type=event_type, mode=None, cameo_code=None, cameo_root=root, quad_class=quad
    )
    return (announcement,)
