"""Lines that carry metadata rather than body text: bylines, wire credits, dated tweets, dates.

Each parser takes one stripped line and returns what it means, or None. The cleaner removes a
line that parses and keeps what it meant, so nothing the page said about itself is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from eventwire.records import DatedReference

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(st|nd|rd|th)?"
_YEAR = r"(?P<year>(19|20)\d\d)"

# Dates with an explicit year, in the forms news pages print them.
_DATE_FORMS = [
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),  # February 19, 2025
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.I),  # 19 February 2025
    re.compile(r"\b(?P<year>(19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),  # 2025-02-19
    re.compile(r"\b(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>(19|20)\d\d)\b"),  # 19.02.2025
]


def find_date(text: str) -> date | None:
    """The first date with an explicit day, month and year in `text`; never a guessed year."""
    for form in _DATE_FORMS:
        for match in form.finditer(text):
            found = _to_date(match)
            if found is not None:
                return found
    return None


def _to_date(match: re.Match[str]) -> date | None:
    month_text = match.group("month").lower()
    month = MONTHS.get(month_text) if month_text.isalpha() else int(month_text)
    try:
        return date(int(match.group("year")), month or 0, int(match.group("day")))
    except ValueError:
        return None


# "Published: 10 January 2022", "Updated 12.02.2025 14:05", "Posted on Jan 3, 2022 by …"
_DATE_LINE = re.compile(
    r"^(published|updated|last updated|posted|first published|date|modified)( on| at)?\s*:?\s*",
    re.I,
)
DATE_LINE_MAX_WORDS = 12


def parse_date_line(line: str) -> date | None:
    """The date of a "Published: …" line, also when it shares a line with a site name
    ("Courier | Updated 27.01.2022 16:40")."""
    if len(line.split()) > DATE_LINE_MAX_WORDS:
        return None
    for part in line.split("|"):
        if _DATE_LINE.match(part.strip()):
            return find_date(part)
    return None


# Names are capitalised words; only the opening word is matched case-insensitively.
_NAME = r"[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3}"
_BYLINE = re.compile(
    rf"^(?i:by|written by|words by|author:?)\s+(?P<names>{_NAME}(\s+(and|&)\s+{_NAME})?)"
    r"(?P<rest>.*)$"
)
BYLINE_MAX_WORDS = 14
# Words after a name that describe the author's job, not their name.
_JOB_WORDS = re.compile(
    r"\s+(editor|senior|chief|correspondent|reporter|staff|writer|contributor|columnist"
    r"|analyst|in|for|at|and\s+agencies)\b.*$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Byline:
    author: str
    outlet: str | None  # "By Jane Doe | The Courier" names the outlet after the bar


def parse_byline(line: str) -> Byline | None:
    """The author's name (and outlet, if given) from a byline ("By Jane Doe, Editor | Courier")."""
    if len(line.split()) > BYLINE_MAX_WORDS or line.rstrip().endswith((".", "?", "!")):
        return None
    match = _BYLINE.match(line)
    if match is None:
        return None
    names = _JOB_WORDS.sub("", match.group("names")).strip(" ,;-")
    if not names:
        return None
    rest = match.group("rest")
    outlet = rest.rsplit("|", 1)[1].strip() or None if "|" in rest else None
    return Byline(names, outlet)


# "(Reuters/swg)", "(AFP)", "(dpa/ab)" on a line of its own, or ending the last paragraph.
_WIRE_CREDIT = re.compile(r"\(\s*(?P<agency>[A-Z][A-Za-z.&-]{1,24})(\s*/\s*[\w, ]{1,20})?\s*\)\s*$")
WIRE_CREDIT_MAX_WORDS = 4


def parse_wire_credit(line: str) -> str | None:
    """The wire service credited by a line such as "(Reuters/swg)"."""
    if len(line.split()) > WIRE_CREDIT_MAX_WORDS or not line.startswith("("):
        return None
    match = _WIRE_CREDIT.match(line)
    return match.group("agency") if match else None


def trailing_wire_credit(paragraph: str) -> str | None:
    """A wire credit glued to the end of a paragraph ("… said on Monday. (AFP)")."""
    match = _WIRE_CREDIT.search(paragraph)
    if match is None or match.start() == 0:
        return None
    before = paragraph[: match.start()].rstrip()
    return match.group("agency") if before.endswith((".", "”", '"')) else None


# "— Polymarket Intel (@PolymarketIntel) February 19, 2025": the line embedded tweets end with.
_TWEET_ATTRIBUTION = re.compile(
    r"^[—–-]{1,2}\s*(?P<author>[^()@]{1,60}?)\s*\((?P<handle>@\w{1,30})\)\s*(?P<when>.*)$"
)


@dataclass(frozen=True, slots=True)
class TweetAttribution:
    author: str
    handle: str
    on: date | None


def parse_tweet_attribution(line: str) -> TweetAttribution | None:
    match = _TWEET_ATTRIBUTION.match(line)
    if match is None:
        return None
    return TweetAttribution(
        match.group("author").strip(), match.group("handle"), find_date(match.group("when"))
    )


def tweet_reference(attribution: TweetAttribution, tweet_text: str) -> DatedReference:
    return DatedReference(
        kind="tweet",
        author=attribution.author,
        handle=attribution.handle,
        on=attribution.on,
        text=tweet_text,
    )


# "GENEVA, Jan 10 (Reuters) -", "MOSCOW, December 21, 2021 —": a dateline opens a wire story.
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'-]{2,30}|[A-Z][a-z]+(\s[A-Z][a-z]+)?),\s+(?P<when>[^—–(]{3,30}?)"
    r"\s*(\((?P<agency>[^)]{2,20})\))?\s*[—–-]{1,2}\s"
)


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str
    on: date | None  # None when the dateline has no year: we never supply one
    agency: str | None


def parse_dateline(paragraph: str) -> Dateline | None:
    match = _DATELINE.match(paragraph)
    if match is None:
        return None
    when = match.group("when")
    if not re.search(_MONTH, when, re.I) and not re.search(r"\d", when):
        return None
    return Dateline(match.group("place").strip(), find_date(when), match.group("agency"))
