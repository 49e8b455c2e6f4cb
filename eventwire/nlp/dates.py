"""Token patterns for date expressions, so that dates are found without the statistical
entity recogniser (which the fast mode leaves out) and never missed when it is present."""

from __future__ import annotations

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
]  # fmt: skip
_DAY_NUMBER: dict[str, object] = {"TEXT": {"REGEX": r"^([1-9]|[12]\d|3[01])(st|nd|rd|th)?$"}}
_YEAR: dict[str, object] = {"TEXT": {"REGEX": r"^(1[89]\d\d|20\d\d)$"}}
_MONTH: dict[str, object] = {"LOWER": {"IN": MONTHS}}
_RELATIVE: dict[str, object] = {"LOWER": {"IN": ["last", "next", "this", "previous", "coming"]}}
_UNIT: dict[str, object] = {"LOWER": {"IN": ["week", "month", "year", "weekend", *WEEKDAYS]}}
DATE_LABEL = "DATE"


def date_patterns() -> list[dict[str, object]]:
    """Span-ruler patterns: "Wednesday", "14 February 2025", "February 14, 2025", "March 2022",
    "in 2014", "yesterday", "last week", "next Monday"."""
    shapes: list[list[dict[str, object]]] = [
        [{"LOWER": {"IN": WEEKDAYS}}],
        [{"LOWER": {"IN": ["yesterday", "today", "tomorrow", "tonight"]}}],
        [_RELATIVE, _UNIT],
        [_DAY_NUMBER, _MONTH, _YEAR],
        [_DAY_NUMBER, _MONTH],
        [_MONTH, _DAY_NUMBER, {"TEXT": ",", "OP": "?"}, _YEAR],
        [_MONTH, _DAY_NUMBER],
        [_MONTH, _YEAR],
        [_YEAR],
    ]
    return [{"label": DATE_LABEL, "pattern": shape} for shape in shapes]
