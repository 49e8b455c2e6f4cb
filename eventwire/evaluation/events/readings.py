"""Other codings of a not-asserted gold event that a PLOVER coder may rightly give instead.

PLOVER codes a cooperative act reported in the future tense (CONSULT, SUPPORT, COOPERATE, AID)
as AGREE: "the intention is the event" (PLOVER manual, AGREE). CAMEO and WEIS gold code the act
itself ("will meet" → 040 CONSULT). So when a gold set's future event is one of those four, a
predicted AGREE is as excused as the act's own type.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from eventwire.evaluation.events.records import GoldEvent

FUTURE_AS_AGREE: Final = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
AGREE_CAMEO_ROOT: Final = "03"  # CAMEO "express intent to cooperate"
AGREE_QUAD_CLASS: Final = 1  # verbal cooperation


def alternative_readings(event: GoldEvent) -> tuple[GoldEvent, ...]:
    if event.status == "future" and event.event_type in FUTURE_AS_AGREE:
        agree = replace(
            event,
            event_type="AGREE",
            mode=None,
            cameo_code=None,
            cameo_root=AGREE_CAMEO_ROOT,
            quad_class=AGREE_QUAD_CLASS,
        )
        return (agree,)
    return ()
