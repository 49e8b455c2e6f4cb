"""Item ids that stay unique when a gold file repeats a record id."""

from __future__ import annotations


def unique_id(record_id: str, used: set[str]) -> str:
    """`record_id`, or `record_id#2`, `#3`… when taken; the result is added to `used`."""
    item_id, copy = record_id, 1
    while item_id in used:
        copy += 1
        item_id = f"{record_id}#{copy}"
    used.add(item_id)
    return item_id
