"""Contradictions between reports of one canonical event: a different day, different numbers,
or (for copies of one report) different actors.

Each is checked when a report joins the event, against the founding report, and becomes a
consistency flag on the later article: the reader sees both versions and where each came from.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from datetime import date
from typing import Protocol

from eventwire.merge.events import COPY_SIMILARITY, content_words, similarity
from eventwire.records import ConsistencyFlag, EventMention


class Founding(Protocol):
    """What a contradiction is judged against: the canonical event as its first report gave it
    (a `CanonicalEvent`, or the merger's live `Cluster`)."""

    @property
    def canonical_id(self) -> str: ...
    @property
    def date(self) -> date | None: ...
    @property
    def date_precision(self) -> str | None: ...
    @property
    def sentence(self) -> str: ...
    @property
    def source_codes(self) -> Collection[str]: ...
    @property
    def target_codes(self) -> Collection[str]: ...


_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
# A number as news writes it; "March 3" and "2022" are dates, which the date check covers.
_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?![\w,])|(?<![\w.,])\d+(?:\.\d+)?(?![\w,])")
_DATE_NUMBER = re.compile(rf"\b(?:{_MONTHS})\.?\s+\d{{1,2}}\b|\b\d{{1,2}}\s+(?:{_MONTHS})\b", re.I)
_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "twenty": 20, "thirty": 30,
    "fifty": 50, "hundred": 100, "thousand": 1000,
}  # fmt: skip
_NUMBER_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", re.I)


def numbers(sentence: str) -> frozenset[float]:
    """The quantities a sentence states, leaving out years and days of the month."""
    text = _DATE_NUMBER.sub(" ", sentence)
    found = set()
    for match in _NUMBER.finditer(text):
        value = float(match.group().replace(",", ""))
        if not (match.group().isdigit() and len(match.group()) == 4 and 1900 <= value <= 2100):
            found.add(value)
    found |= {float(_NUMBER_WORDS[m.group(1).lower()]) for m in _NUMBER_WORD.finditer(text)}
    return frozenset(found)


def contradictions(
    canonical: Founding, mention: EventMention, via: str, founder: Callable[[], str]
) -> list[ConsistencyFlag]:
    """What `mention` says differently from the founding report of `canonical`, which it has
    just joined `via` a copy or a report; `founder()` describes the founding article (asked
    only when there is a contradiction to explain: it may cost a query)."""
    if mention.event_id == canonical.canonical_id:
        return []
    found = []
    if _days_differ(canonical, mention):
        found.append(
            _flag(
                mention,
                "contradiction_date",
                f"dated {mention.date} here, but {canonical.date} in {founder()}",
                canonical,
            )
        )
    same_report = similarity(content_words(canonical.sentence), content_words(mention.sentence))
    if same_report >= COPY_SIMILARITY:
        ours, theirs = numbers(mention.sentence), numbers(canonical.sentence)
        if ours and theirs and ours != theirs:
            found.append(
                _flag(
                    mention,
                    "contradiction_number",
                    f"gives {_listed(ours)} here, but {_listed(theirs)} in {founder()}",
                    canonical,
                )
            )
    if via == "copy" and _actors_differ(canonical, mention):
        found.append(
            _flag(
                mention,
                "contradiction_actor",
                f"names {_codes(mention)} here, but {_codes_of(canonical)} in {founder()}",
                canonical,
            )
        )
    return found


def _days_differ(canonical: Founding, mention: EventMention) -> bool:
    return (
        canonical.date_precision == mention.date_precision == "day"
        and canonical.date is not None
        and mention.date is not None
        and canonical.date != mention.date
    )


def _actors_differ(canonical: Founding, mention: EventMention) -> bool:
    pairs = (
        (frozenset(canonical.source_codes), mention.source_codes),
        (frozenset(canonical.target_codes), mention.target_codes),
    )
    return any(ours and theirs and not ours & theirs for ours, theirs in pairs)


def _flag(
    mention: EventMention, kind: str, difference: str, canonical: Founding
) -> ConsistencyFlag:
    return ConsistencyFlag(
        article_id=mention.article_id,
        kind=kind,
        mention=mention.sentence,
        start=mention.char_start,
        end=mention.char_end,
        actor_id=None,
        explanation=(
            f"{mention.event_type} event {canonical.canonical_id}: this report {difference}"
        ),
    )


def _listed(values: frozenset[float]) -> str:
    return ", ".join(f"{v:g}" for v in sorted(values))


def _codes(mention: EventMention) -> str:
    return f"{_side(mention.source_codes)} → {_side(mention.target_codes)}"


def _codes_of(canonical: Founding) -> str:
    return f"{_side(canonical.source_codes)} → {_side(canonical.target_codes)}"


def _side(codes: Collection[str]) -> str:
    return "+".join(sorted(codes)) or "?"
