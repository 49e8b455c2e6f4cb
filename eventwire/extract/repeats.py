"""Find text a page repeats: a re-published half-article, a pasted paragraph, a doubled line.

Each repeat is collapsed to its first occurrence. A long line repeated exactly is a repeat on its
own. A long line that nearly matches an earlier one (rewrites change a word or two) is a repeat
only inside a repeated section: a run of such lines whose originals run in the same order, since
templated lists ("1 cup rice, 2 eggs") are alike line to line without repeating anything. A
short line is a repeat only when it repeats exactly and sits inside a repeated section (its
sub-heading).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

# Lines with at least this many words are compared by word overlap; shorter ones must match
# exactly. Below eight words, a shared-word ratio says little (headings share "NATO", "the").
LONG_LINE_WORDS = 8
# Share of distinct words two long lines must share (Jaccard) to be the same line. Calibrated
# on rewrites in our fixtures, where a repeated paragraph changes 1-3 words in 20-60 (≥ 0.85)
# while two different sentences on one topic share well under half their words.
NEAR_DUPLICATE_JACCARD = 0.75
# A repeated section must hold at least one near-duplicate line this long (distinct words), or an
# exact repeat: short lines that differ in a word or two are list items of one template
# ("Day 2: …", "Day 3: …"), not copies.
NEAR_DUPLICATE_MIN_WORDS = 15
# Near-duplicate lines count as a repeated section only in runs of at least this many lines.
MIN_SECTION_LINES = 2
# A short exact repeat belongs to a repeated section when a long repeat is this close (in lines).
SECTION_GAP = 2

_WORD = re.compile(r"\w+")


def line_key(line: str) -> str:
    """A line's comparison key: lower-case words only."""
    return " ".join(_WORD.findall(line.lower()))


def find_repeats(lines: Sequence[str]) -> dict[int, int]:
    """Map each repeated line's index to the index of its first occurrence."""
    keys = [line_key(line) for line in lines]
    long_first = _in_sections(_long_repeats(lines), keys)
    first_seen: dict[str, int] = {}
    short_first: dict[int, int] = {}
    for index, key in enumerate(keys):
        if not key:
            continue
        if key in first_seen and len(key.split()) < LONG_LINE_WORDS:
            short_first[index] = first_seen[key]
        first_seen.setdefault(key, index)
    near_section = {
        index: first
        for index, first in short_first.items()
        if any(abs(index - other) <= SECTION_GAP for other in long_first)
    }
    return long_first | near_section


def _in_sections(matches: dict[int, int], keys: Sequence[str]) -> dict[int, int]:
    """Keep exact repeats, and near repeats that belong to an ordered run of repeats."""
    kept: dict[int, int] = {}
    for run in _ordered_runs(matches):
        exact = [i for i in run if keys[i] == keys[matches[i]]]
        strong = exact or [i for i in run if len(set(keys[i].split())) >= NEAR_DUPLICATE_MIN_WORDS]
        section = len(run) >= MIN_SECTION_LINES and strong
        kept |= {i: matches[i] for i in (run if section else exact)}
    return kept


def _ordered_runs(matches: dict[int, int]) -> list[list[int]]:
    """Group repeats that follow each other (within SECTION_GAP lines) and whose originals
    follow each other in the same order, all before the run: a copy of an earlier block, not
    lines that resemble their neighbours."""
    runs: list[list[int]] = []
    for index in sorted(matches):
        original = matches[index]
        if (
            runs
            and index - runs[-1][-1] <= SECTION_GAP
            and matches[runs[-1][-1]] < original < runs[-1][0]
        ):
            runs[-1].append(index)
        else:
            runs.append([index])
    return runs


def _long_repeats(lines: Sequence[str]) -> dict[int, int]:
    postings: dict[str, list[int]] = defaultdict(list)
    word_sets: list[frozenset[str]] = []
    repeats: dict[int, int] = {}
    for index, line in enumerate(lines):
        words = frozenset(_WORD.findall(line.lower()))
        word_sets.append(words)
        if len(_WORD.findall(line)) < LONG_LINE_WORDS:
            continue
        shared: dict[int, int] = defaultdict(int)
        for word in words:
            for earlier in postings[word]:
                shared[earlier] += 1
            postings[word].append(index)
        best = _best_match(words, shared, word_sets)
        if best is not None:
            repeats[index] = repeats.get(best, best)
    return repeats


def _best_match(
    words: frozenset[str], shared: dict[int, int], word_sets: Sequence[frozenset[str]]
) -> int | None:
    best, best_score = None, NEAR_DUPLICATE_JACCARD
    for earlier, common in shared.items():
        score = common / (len(words) + len(word_sets[earlier]) - common)
        if score >= best_score:
            best, best_score = earlier, score
    return best
