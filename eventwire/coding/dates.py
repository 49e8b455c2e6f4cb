"""An event's date from the words in its sentence, anchored on the article's date.

dateparser reads the expression; we decide the precision and refuse to invent a year: without
the article's date, only an expression that states its year gives a date.
"""

from __future__ import annotations

import re
import warnings
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

import dateparser

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DAY = re.compile(
    r"\b(\d{1,2}(st|nd|rd|th)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"yesterday|today|tonight|tomorrow)\b",
    re.IGNORECASE,
)
_MONTH = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b", re.IGNORECASE
)
# Vague spans ("recent weeks", "the past decade") are not dates of an event.
_VAGUE = re.compile(r"\b(recent|past|coming|years|decades|months|weeks|days|era|age)\b", re.I)
_LANGUAGES = ["en"]


@dataclass(frozen=True, slots=True)
class EventDate:
    day: date
    precision: str  # day | month | year


@lru_cache(maxsize=65536)
def read_date(text: str, published: date | None, future: bool) -> EventDate | None:
    """The date `text` ("on Wednesday", "14 February 2025", "in 2014") names, or None.
    Cached: dateparser is slow, and a corpus repeats its date expressions."""
    if _VAGUE.search(text):
        return None
    states_year = _YEAR.search(text) is not None
    if published is None and not states_year:
        return None  # never a guessed year
    day = _without_parser(text.strip().lower(), published, future) or _parsed(
        text, published, future
    )
    if day is None:
        return None
    if published is not None and not future and _names_weekday_of(text, published):
        # "held talks on Tuesday" in a Tuesday's paper is that day (wires report the same
        # day); dateparser's "past" would go back a week.
        day = published
    return EventDate(day, _precision(text, states_year))


def _parsed(text: str, published: date | None, future: bool) -> date | None:
    settings: dict[str, object] = {"PREFER_DATES_FROM": "future" if future else "past"}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    with warnings.catch_warnings():
        # dateparser's own dependencies warn about their deprecated internals.
        warnings.simplefilter("ignore")
        parsed = dateparser.parse(text, languages=_LANGUAGES, settings=settings)
    return parsed.date() if parsed is not None else None


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_BARE_YEAR = re.compile(r"(1[89]\d\d|20\d\d)")


def _without_parser(text: str, published: date | None, future: bool) -> date | None:
    """A bare weekday ("Thursday") or year ("2014"), the commonest date words in news, read
    as dateparser reads them (tested against it) at a hundredth of its cost; None for the
    rest. A weekday is the nearest one before the article's date (after it, for the future),
    never that day itself; a year keeps the article's month and day."""
    if published is None:
        return None
    if text in _WEEKDAYS:
        named = _WEEKDAYS.index(text)
        if future:
            return published + timedelta(days=(named - published.weekday()) % 7 or 7)
        return published - timedelta(days=(published.weekday() - named) % 7 or 7)
    if _BARE_YEAR.fullmatch(text):
        year = int(text)
        return date(year, published.month, min(published.day, monthrange(year, published.month)[1]))
    return None


def _names_weekday_of(text: str, published: date) -> bool:
    words = set(re.findall(r"[a-z]+", text.lower()))
    named = [day for day in _WEEKDAYS if day in words]
    return named == [_WEEKDAYS[published.weekday()]] and not _MONTH.search(text)


def _precision(text: str, states_year: bool) -> str:
    without_year = _YEAR.sub("", text)
    if _DAY.search(without_year):
        return "day"
    if _MONTH.search(text):
        return "month"
    return "year" if states_year else "day"
