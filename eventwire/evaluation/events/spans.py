"""Actor spans compared by shared words, since gold sets and parsers draw span edges differently.

"U.S. Secretary of State Warren Christopher" (gold) and "Warren Christopher" (a parser's name)
are one actor; "Serbian police" and "Serbian President Kostunica" are not. A predicted span
matches a gold span when at least half of the shorter one's content words are in the other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Final

MIN_OVERLAP: Final = 0.5
_WORD = re.compile(r"\w+")
# Words that make spans look alike without naming anyone.
_FUNCTION_WORDS: Final = frozenset(
    {"the", "a", "an", "of", "and", "in", "on", "for", "to", "s", "its", "his", "her", "their"}
)


def span_words(text: str) -> frozenset[str]:
    words = _WORD.findall(text.lower())
    content = frozenset(word for word in words if word not in _FUNCTION_WORDS)
    return content or frozenset(words)


def overlap(first: frozenset[str], second: frozenset[str]) -> float:
    """Shared words over the shorter span's words (0 when either is empty)."""
    if not first or not second:
        return 0.0
    return len(first & second) / min(len(first), len(second))


def distinct_spans(texts: Iterable[str]) -> list[frozenset[str]]:
    """The spans' word sets, each once, in first-seen order; empty spans dropped."""
    return [words for words in dict.fromkeys(span_words(text) for text in texts) if words]


def match_spans(
    predicted: Sequence[frozenset[str]], gold: Sequence[frozenset[str]]
) -> list[tuple[int, int]]:
    """One-to-one (predicted index, gold index) matches, closest pairs first.

    Closeness is shared words over the *longer* span, so that of two candidates the one with
    the same edges wins; ties keep input order, which keeps the result deterministic.
    """
    candidates = sorted(
        (
            (-len(p & g) / max(len(p), len(g)), p_index, g_index)
            for p_index, p in enumerate(predicted)
            for g_index, g in enumerate(gold)
            if overlap(p, g) >= MIN_OVERLAP
        ),
    )
    used_predicted: set[int] = set()
    used_gold: set[int] = set()
    matches = []
    for _closeness, p_index, g_index in candidates:
        if p_index not in used_predicted and g_index not in used_gold:
            used_predicted.add(p_index)
            used_gold.add(g_index)
            matches.append((p_index, g_index))
    return matches
