"""Repair sentences that lost the space after their punctuation ("statement,a senior").

Scraped text often loses the space where two HTML elements met. We put it back only where a word
of at least two lower-case letters ends in the punctuation, so that abbreviations ("e.g.", "U.S."),
numbers ("2.5", "1,000") and web addresses keep their form.
"""

from __future__ import annotations

import re

from eventwire.extract.vocabulary import DOMAIN

# After a comma, semicolon or colon any letter may follow; after a full stop, question or
# exclamation mark only a capital, because a new sentence starts there.
_GLUED = re.compile(r"(?<=[a-z]{2})(?:([,;:])(?=[A-Za-z“‘\"])|([.!?])(?=[A-Z“‘\"]))")
_ADDRESS = re.compile(r"(@|https?:|www\.|\.(js|py|html?|php)\b)", re.IGNORECASE)


def repair_glued(line: str) -> tuple[str, int]:
    """The line with missing spaces restored, and how many were restored."""
    repairs = 0
    tokens = line.split(" ")
    for index, token in enumerate(tokens):
        if _ADDRESS.search(token) or DOMAIN.search(token):
            continue
        fixed, count = _GLUED.subn(lambda m: (m.group(1) or m.group(2)) + " ", token)
        if count:
            tokens[index] = fixed
            repairs += count
    return " ".join(tokens), repairs
