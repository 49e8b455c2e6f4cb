"""Clean article text line by line: take out page furniture, keep what it said about the page.

The steps, in order: metadata lines (dates, bylines, wire credits, tweet attributions) become
metadata; furniture lines go, each with its reason; repeated text collapses to its first
occurrence; headlines left dangling at the end go; the headline becomes the title; glued
sentences are repaired; the remaining short unpunctuated lines are marked as headings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from eventwire.extract import metadata as meta
from eventwire.extract.glue import repair_glued
from eventwire.extract.repeats import find_repeats, line_key
from eventwire.extract.rules import (
    SHORT_LINE_WORDS,
    LinePlace,
    ends_like_sentence,
    furniture_reason,
    looks_like_heading,
    word_count,
)
from eventwire.extract.vocabulary import DOMAIN
from eventwire.records import DatedReference, Removed, Span

# Bylines appear above the body or at its very end; elsewhere "By …" opens a body sentence.
BYLINE_ZONE_LINES = 10
# The headline is one of the first few lines that survive furniture removal.
TITLE_ZONE_LINES = 3
# A line that also occurs in at least this many other documents, near a page's edge and shaped
# like a label, is template text of a site (e.g. a footer slogan) even if no rule knows it.
CORPUS_REPEAT_MIN_DOCS = 3
CORPUS_REPEAT_MAX_WORDS = 10
# Headlines run longer than sub-headings; beyond this a line is a paragraph.
HEADLINE_MAX_WORDS = 25
# The dateline opens the first body paragraph, which may follow a line or two of furniture.
DATELINE_ZONE_LINES = 3
# A site name above the headline is a few words; a headline is longer.
MASTHEAD_MAX_WORDS = 4
MASTHEAD_SMALL_WORDS = frozenset({"of", "the", "and", "&", "de", "la", "le", "der", "die"})
# Pages end with at most a couple of headlines from elsewhere; more unpunctuated lines are a list.
MAX_TRAILING_HEADLINES = 2


@dataclass(slots=True)
class _Page:
    """The mutable working state of one cleaning run; only `Cleaned` leaves this module."""

    lines: list[tuple[int, str]]  # (1-based line number, stripped text), non-empty lines only
    keep: list[bool]
    removed: list[Removed] = field(default_factory=list)
    author: str | None = None
    outlet: str | None = None
    reported_by: list[str] = field(default_factory=list)
    references: list[DatedReference] = field(default_factory=list)
    dated_line: date | None = None

    def drop(self, index: int, reason: str) -> None:
        number, text = self.lines[index]
        self.keep[index] = False
        self.removed.append(Removed(text=text, reason=reason, line=number))

    def kept(self) -> list[int]:
        return [index for index, keep in enumerate(self.keep) if keep]


@dataclass(frozen=True, slots=True)
class Cleaned:
    text: str
    title: str | None
    headings: tuple[Span, ...]
    removed: tuple[Removed, ...]
    author: str | None
    outlet: str | None
    reported_by: tuple[str, ...]
    references: tuple[DatedReference, ...]
    published: date | None
    published_via: str | None
    repairs: int


def clean_text(
    text: str,
    title_hint: str | None = None,
    corpus_line_counts: Mapping[str, int] | None = None,
) -> Cleaned:
    """Clean plain article text; `corpus_line_counts` maps line keys to how many other documents
    of the corpus contain that line."""
    lines = [(n, line.strip()) for n, line in enumerate(text.splitlines(), start=1)]
    page = _Page(lines=[(n, s) for n, s in lines if s], keep=[])
    page.keep = [True] * len(page.lines)
    _take_metadata_lines(page)
    _drop_furniture(page, corpus_line_counts or {})
    _drop_repeats(page)
    _drop_trailing_headlines(page)
    title = _take_title(page, title_hint)
    return _assemble(page, title)


def _take_metadata_lines(page: _Page) -> None:
    for index, (_, line) in enumerate(page.lines):
        if (on := meta.parse_date_line(line)) is not None:
            page.dated_line = page.dated_line or on
            page.drop(index, "date line (kept as the publication date)")
        elif (agency := meta.parse_wire_credit(line)) is not None:
            page.reported_by.append(agency)
            page.drop(index, f"wire credit (kept: reported by {agency})")
        elif (tweet := meta.parse_tweet_attribution(line)) is not None:
            page.references.append(meta.tweet_reference(tweet, _previous_kept(page, index)))
            page.drop(index, f"embedded tweet attribution (kept: {tweet.author} {tweet.handle})")
        elif _in_byline_zone(page, index) and (byline := meta.parse_byline(line)) is not None:
            page.author = page.author or byline.author
            page.outlet = page.outlet or byline.outlet
            page.drop(index, f"byline (kept as author: {byline.author})")


def _in_byline_zone(page: _Page, index: int) -> bool:
    return index < BYLINE_ZONE_LINES or len(page.lines) - index <= 2


def _previous_kept(page: _Page, index: int) -> str:
    for earlier in range(index - 1, -1, -1):
        if page.keep[earlier]:
            return page.lines[earlier][1]
    return ""


def _drop_furniture(page: _Page, corpus_line_counts: Mapping[str, int]) -> None:
    total = len(page.lines)
    for index in page.kept():
        line = page.lines[index][1]
        place = LinePlace(index, total)
        reason = furniture_reason(line, place)
        if reason is None and _is_corpus_template(line, place, corpus_line_counts):
            reason = "repeated across the corpus (site template)"
        if reason is not None:
            page.drop(index, reason)


def _is_corpus_template(line: str, place: LinePlace, counts: Mapping[str, int]) -> bool:
    return (
        place.near_edge
        and word_count(line) <= CORPUS_REPEAT_MAX_WORDS
        and not ends_like_sentence(line)
        and counts.get(line_key(line), 0) >= CORPUS_REPEAT_MIN_DOCS
    )


def _drop_repeats(page: _Page) -> None:
    kept = page.kept()
    repeats = find_repeats([page.lines[index][1] for index in kept])
    runs = {position for position in repeats if position - 1 in repeats or position + 1 in repeats}
    for position, first in repeats.items():
        first_line = page.lines[kept[first]][0]
        kind = "section" if position in runs else "sentence"
        page.drop(kept[position], f"repeated {kind} (first at line {first_line})")


def _drop_trailing_headlines(page: _Page) -> None:
    """After the last body paragraph, a headline has nothing to head: it belongs to other content.

    A longer run of unpunctuated lines at the end is a list (tour dates, a table), not headlines.
    """
    trailing: list[int] = []
    for index in reversed(page.kept()):
        line = page.lines[index][1]
        if not (looks_like_heading(line) or (DOMAIN.search(line) and not ends_like_sentence(line))):
            break
        trailing.append(index)
    if len(trailing) <= MAX_TRAILING_HEADLINES:
        for index in trailing:
            page.drop(index, "trailing headline (no text follows it)")


def _take_title(page: _Page, title_hint: str | None) -> str | None:
    """The headline among the first lines; site names around it (mastheads) become the outlet."""
    title = None
    for index in page.kept()[:TITLE_ZONE_LINES]:
        line = page.lines[index][1]
        if title is None and title_hint and line_key(line) == line_key(title_hint):
            page.drop(index, "title (kept as metadata)")
            title = title_hint
        elif _is_masthead(line):
            page.outlet = page.outlet or line.split("|")[0].strip()
            page.drop(index, "masthead (kept as outlet)")
        elif title is None and title_hint is None and _is_headline(line):
            page.drop(index, "title (kept as metadata)")
            title = line
        elif title is not None:
            break
    return title or title_hint


def _is_headline(line: str) -> bool:
    return (
        word_count(line) <= HEADLINE_MAX_WORDS
        and not ends_like_sentence(line)
        and looks_like_heading(" ".join(line.split()[:SHORT_LINE_WORDS]))
    )


def _is_masthead(line: str) -> bool:
    """A site's name near the headline: a few capitalised words ("Danube Post"), possibly
    followed by more short labels after bars ("Courier | Staff reports")."""
    parts = [part.strip() for part in line.split("|")]
    name_words = [w for w in parts[0].split() if w.lower() not in MASTHEAD_SMALL_WORDS]
    return (
        looks_like_heading(line)
        and all(0 < word_count(part) <= MASTHEAD_MAX_WORDS for part in parts)
        and all(word[0].isupper() for word in name_words)
    )


def _assemble(page: _Page, title: str | None) -> Cleaned:
    parts: list[str] = []
    headings: list[Span] = []
    repairs = 0
    offset = 0
    for index in page.kept():
        line, count = repair_glued(page.lines[index][1])
        repairs += count
        if looks_like_heading(line):
            headings.append(Span(offset, offset + len(line)))
        parts.append(line)
        offset += len(line) + 1
    body = "\n".join(parts)
    published, via = _text_date(page, body)
    return Cleaned(
        text=body,
        title=title,
        headings=tuple(headings),
        removed=tuple(sorted(page.removed, key=lambda r: r.line or 0)),
        author=page.author,
        outlet=page.outlet,
        reported_by=tuple(dict.fromkeys(page.reported_by + _trailing_credit(parts))),
        references=tuple(page.references),
        published=published,
        published_via=via,
        repairs=repairs,
    )


def _trailing_credit(parts: list[str]) -> list[str]:
    agency = meta.trailing_wire_credit(parts[-1]) if parts else None
    return [agency] if agency else []


def _text_date(page: _Page, body: str) -> tuple[date | None, str | None]:
    """The publication date the text itself supports: a date line, a dateline with a year, or
    the latest embedded dated tweet (the article cannot be older than what it embeds)."""
    if page.dated_line is not None:
        return page.dated_line, "text:date line"
    for paragraph in body.split("\n")[:DATELINE_ZONE_LINES]:
        dateline = meta.parse_dateline(paragraph)
        if dateline is not None and dateline.on is not None:
            return dateline.on, "text:dateline"
    tweet_dates = [ref.on for ref in page.references if ref.on is not None]
    if tweet_dates:
        return max(tweet_dates), "text:embedded tweet (earliest possible date)"
    return None, None
