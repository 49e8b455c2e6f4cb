"""The words and word shingles that near-duplicate detection compares.

Copies of one article differ in case, quote marks, dashes and spacing more often than in words,
so a text is reduced to its case-folded words before anything is compared.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The text's words, case-folded, without punctuation.

    NFKC first, so that ligatures and full-width forms fold to the letters a copy would use.
    """
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(tokens: Sequence[str], size: int) -> set[str]:
    """The distinct runs of `size` consecutive tokens; a shorter text is its own one shingle."""
    if size < 1:
        raise ValueError(f"shingle size must be at least 1, got {size}")
    if len(tokens) <= size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}
