"""Deterministic dev/test splits of the gold sets.

A coder may be tuned on "dev" and is judged on "test". The split of an item depends only on its
set and id, through a cryptographic hash, so it is the same on every machine and Python version
(the built-in `hash` is salted per process) and does not move when other items are added.
"""

from __future__ import annotations

import hashlib
from typing import Final

from eventwire.evaluation.events.records import Split

DEV_PERCENT: Final = 30
_BUCKETS: Final = 100


def split_of(set_name: str, item_id: str) -> Split:
    """Return "dev" for about 30 % of items and "test" for the rest, stably per set and id."""
    digest = hashlib.sha256(f"{set_name}\x00{item_id}".encode()).digest()
    bucket = int.from_bytes(digest[:8], "big") % _BUCKETS
    return "dev" if bucket < DEV_PERCENT else "test"
