"""Is this line page furniture? General signals only: vocabulary, shape, length, position.

`furniture_reason` looks at one line in its place in the page and returns why it is furniture, or
None for a line that may be body text. The rules are ordered from the most specific to the least.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from eventwire.extract import vocabulary as v

# A short line is one that cannot be a body paragraph on its own; most furniture is short.
SHORT_LINE_WORDS = 15
# Lines this close to either end of a page are where templates put breadcrumbs, teasers and
# footers; counted in non-empty lines.
EDGE_LINES = 8
TERMINAL_PUNCTUATION = (".", "!", "?", "…", ":", ";", '"', "”", "’", "'", ")")
_BULLET = re.compile(r"^[\s\-–—•*·>|]+")
_HAS_WORD = re.compile(r"[^\W_]")


@dataclass(frozen=True, slots=True)
class LinePlace:
    """Where a line stands: its index among the page's non-empty lines, and their count."""

    index: int
    total: int

    @property
    def near_edge(self) -> bool:
        return self.index < EDGE_LINES or self.total - self.index <= EDGE_LINES


def strip_bullet(line: str) -> str:
    return _BULLET.sub("", line).strip()


def word_count(line: str) -> int:
    return len(line.split())


def is_short(line: str) -> bool:
    return word_count(line) <= SHORT_LINE_WORDS


def ends_like_sentence(line: str) -> bool:
    return line.rstrip().endswith(TERMINAL_PUNCTUATION)


def looks_like_heading(line: str) -> bool:
    """Short, unpunctuated at the end, and starting like a title; not a list item or table row."""
    return (
        bool(line)
        and word_count(line) <= SHORT_LINE_WORDS
        and not ends_like_sentence(line)
        and (line[0].isupper() or line[0].isdigit() or line[0] in "“\"‘'")
        and line.count("|") < 2
    )


def _punctuation(line: str, core: str, place: LinePlace) -> bool:
    return not _HAS_WORD.search(line)


def _template(line: str, core: str, place: LinePlace) -> bool:
    return (bool(v.TEMPLATE.search(line)) and is_short(line)) or line.startswith(("<!--", "<!–"))


def _breadcrumb(line: str, core: str, place: LinePlace) -> bool:
    # A breadcrumb's last crumb is often the whole headline, so it may run long.
    separators = len(v.BREADCRUMB_SEPARATORS.findall(line))
    if separators < 2 or word_count(line) > 2 * SHORT_LINE_WORDS or ends_like_sentence(line):
        return False
    return bool(v.BREADCRUMB_HOME.match(core)) or place.index < 3


def _advertisement(line: str, core: str, place: LinePlace) -> bool:
    return bool(v.ADVERTISEMENT.match(core)) and (is_short(core) or core[:20].isupper())


def _comment_prompt(line: str, core: str, place: LinePlace) -> bool:
    return bool(v.COMMENT_PROMPT.match(core))


def _spam_notice(line: str, core: str, place: LinePlace) -> bool:
    return bool(v.SPAM_NOTICE.search(core)) and word_count(core) <= 2 * SHORT_LINE_WORDS


def _newsletter(line: str, core: str, place: LinePlace) -> bool:
    return bool(v.NEWSLETTER.search(core)) and is_short(core)


def _share(line: str, core: str, place: LinePlace) -> bool:
    return bool(v.SHARE.match(core))


def _photo_credit(line: str, core: str, place: LinePlace) -> bool:
    if v.PHOTO_MARKER.match(core):
        return word_count(core) <= 2 * SHORT_LINE_WORDS
    return is_short(core) and bool(v.PHOTO_AGENCY.search(core)) and not core.endswith(".")


def _teaser(line: str, core: str, place: LinePlace) -> bool:
    return bool(v.TEASER.match(core))


Rule = Callable[[str, str, LinePlace], bool]

# Ordered: the first rule that matches names the reason.
RULES: tuple[tuple[str, Rule], ...] = (
    ("stray punctuation", _punctuation),
    ("template residue", _template),
    ("ad or teaser for other content", _advertisement),
    ("comment prompt", _comment_prompt),
    ("anti-spam, ad-blocker or cookie notice", _spam_notice),
    ("newsletter prompt", _newsletter),
    ("share buttons", _share),
    ("breadcrumb", _breadcrumb),
    ("photo credit or caption", _photo_credit),
    ("teaser label", _teaser),
)


def furniture_reason(line: str, place: LinePlace) -> str | None:
    core = strip_bullet(line)
    for reason, rule in RULES:
        if rule(line, core, place):
            return reason
    return None
