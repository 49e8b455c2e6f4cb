"""Near-duplicate articles (copies, rewrites, changed headlines), linked to their earliest version.

Each article gets a MinHash signature of its word shingles; an LSH index over the signatures
proposes candidates, and a candidate is a duplicate when the estimated Jaccard similarity of the
two shingle sets reaches `THRESHOLD`. Signatures serialise to bytes, so that a store can keep
them and a later run can rebuild the index (`DuplicateIndex.load`) without the texts.

Links are decided once, when an article is added, and never revised:

* a new article links to the *root* of every stored article it matches (a root is an article
  that links to nothing), and of those roots to the earliest: by published date, undated after
  dated, ties by ingestion order. So if B copies A and C copies B, C links to A.
* a stored article's link never changes. An older version that arrives after its copies (a
  back-filled archive) links to the root it matches, like any other: the root is the earliest
  version known when the cluster started, not necessarily the oldest by date. Every member of a
  cluster still names the same root, and the store can find the oldest member by a query.
* texts shorter than `MIN_WORDS` words are neither linked nor indexed (see there).

Cost: a signature is O(words), about 1 ms for 500 words. `add` looks up one bucket per LSH band
and verifies all candidates in one numpy step, so adding N articles is O(N) while the number of
candidates per article stays bounded. It does on real news: 2.2 candidates per article among
1,257 stories from one month on one subject, about 0.2 ms an add. It does not on a corpus where
a large share of all articles are near the threshold's foot (our template-generated benchmark:
97 candidates per add at 1k articles, 764 at 10k; 0.2 ms an add, then 0.5-0.6). Memory is O(N):
about 8 KB an article, mostly the LSH's buckets (36 bands at THRESHOLD 0.35), so ~0.8 GB for
100k articles. Figures: benchmarks/results/duplicates.json.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

import numpy as np
from datasketch import (  # type: ignore[import-untyped, unused-ignore]
    LeanMinHash,
    MinHash,
    MinHashLSH,
)
from datasketch.hashfunc import sha1_hash32  # type: ignore[import-untyped, unused-ignore]

from eventwire.merge.shingles import shingles, words
from eventwire.records import Article

# Chosen by F1 over thresholds 0.30-0.90 and shingles of 3-5 words on generated copies, rewrites
# and same-story articles, preferring precision on ties (benchmarks/duplicates.py; results in
# benchmarks/results/duplicates.json): precision 0.993, recall 0.972. Shorter shingles keep more
# of a rewrite (each changed word breaks `SHINGLE` of them); a 30 % rewrite is at Jaccard ≈ 0.38.
# On hand-labelled pairs of real same-subject stories the same setting has precision 0.95.
THRESHOLD = 0.35
SHINGLE = 3
# 128 values estimate a Jaccard of 0.5 to within ±0.09 (two standard deviations), in 512 bytes.
NUM_PERM = 128
# Fixed, so that signatures computed in different runs (and stored) can be compared.
SEED = 1
# Texts shorter than this never link and are not indexed. Below it a text is a teaser, a caption
# or a paywall stub: stubs from one outlet share their boilerplate whatever the story, and a
# short text's similarity swings by a lot with each changed word. An empty text's signature
# would equal every other empty text's.
MIN_WORDS = 50
# The LSH only proposes candidates; `Signature.similarity` decides. Its bands are chosen so that
# a pair exactly at the threshold is proposed with at least this probability. (datasketch's own
# choice balances missed pairs against false candidates, which puts the threshold mid-way up
# the S-curve: about half of the pairs at the threshold would never be proposed.)
CANDIDATE_RECALL = 0.99

_SCHEME = "affine32"  # datasketch 2's default: unbiased, 32-bit values
_FORMAT = 1  # first byte of a serialised signature; bump it when the layout or hashing changes
_HEADER = struct.Struct("<BBI")  # format, shingle size, word count
_BYTE_ORDER = "<"  # fixed, so that bytes stored on one machine read back on any other
_FIRST_ROWS = 1024  # the signature matrix starts this tall and doubles when full


@dataclass(frozen=True, slots=True)
class Signature:
    """A text's MinHash over its word shingles, with what decides whether it may link."""

    minhash: Any  # datasketch.LeanMinHash; datasketch ships no type information
    words: int  # words in the text: below MIN_WORDS it never links
    shingle: int  # the shingle size it was computed with: only equal sizes compare

    @property
    def linkable(self) -> bool:
        return self.words >= MIN_WORDS

    def similarity(self, other: Signature) -> float:
        """Estimated Jaccard similarity of the two texts' shingle sets."""
        if other.shingle != self.shingle:
            raise ValueError(f"shingle sizes differ: {self.shingle} and {other.shingle}")
        return float(self.minhash.jaccard(other.minhash))

    def to_bytes(self) -> bytes:
        header = _HEADER.pack(_FORMAT, self.shingle, self.words)
        body = bytearray(self.minhash.bytesize(_BYTE_ORDER))
        self.minhash.serialize(body, _BYTE_ORDER)
        return header + bytes(body)

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        if len(data) < _HEADER.size or data[0] != _FORMAT:
            raise ValueError(f"not a signature in format {_FORMAT}; recompute it from the text")
        _, shingle, word_count = _HEADER.unpack_from(data)
        try:
            minhash = LeanMinHash.deserialize(data[_HEADER.size :], _BYTE_ORDER)
        except (struct.error, ValueError) as err:
            raise ValueError(f"a damaged signature in format {_FORMAT}: {err}") from err
        if minhash.scheme != _SCHEME:
            raise ValueError(f"a damaged signature in format {_FORMAT}: scheme {minhash.scheme}")
        return cls(minhash, word_count, shingle)


def signature(text: str, shingle: int = SHINGLE, num_perm: int = NUM_PERM) -> Signature:
    """The MinHash signature of `text`'s word shingles."""
    tokens = words(text)
    minhash = MinHash(
        num_perm,
        seed=SEED,
        hashfunc=sha1_hash32,  # named, not defaulted: stored signatures depend on it
        permutations=_permutations(num_perm),
        scheme=_SCHEME,
    )
    minhash.update_batch([s.encode("utf-8") for s in shingles(tokens, shingle)])
    return Signature(LeanMinHash(minhash), len(tokens), shingle)


def article_signature(article: Article) -> Signature:
    """An article's signature: of its body only, since copies often change the headline."""
    return signature(article.text)


@cache
def _permutations(num_perm: int) -> Any:
    # Drawing the permutations costs more than hashing a short text; draw them once.
    return MinHash(num_perm, seed=SEED, hashfunc=sha1_hash32, scheme=_SCHEME).permutations


def band_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """LSH bands and rows: the most rows per band (fewest false candidates), then the fewest
    bands (least memory), that propose a pair at `threshold` with probability CANDIDATE_RECALL.
    Bands times rows may fall short of `num_perm`: verification still uses every value."""
    for rows in range(num_perm // 2, 0, -1):
        for bands in range(2, num_perm // rows + 1):
            if 1 - (1 - threshold**rows) ** bands >= CANDIDATE_RECALL:
                return bands, rows
    return num_perm, 1


# Earliest first: dated before undated, then by date, then by ingestion order.
_Rank = tuple[bool, date, int]


def _rank(published: date | None, order: int) -> _Rank:
    return (published is None, published or date.min, order)


class DuplicateIndex:
    """The signatures seen so far, and which root each article links to.

    Articles are numbered by row in the order they were added; the LSH indexes row numbers, and
    the signatures sit in one matrix, so that all candidates are verified in one numpy step.
    """

    def __init__(
        self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM, shingle: int = SHINGLE
    ) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle = shingle
        self.candidates = 0  # candidates the LSH proposed, in all: what verification cost
        self._lsh = MinHashLSH(num_perm=num_perm, params=band_params(threshold, num_perm))
        self._values = np.empty((_FIRST_ROWS, num_perm), dtype=np.uint32)  # one row per article
        self._ids: list[str] = []
        self._ranks: list[_Rank] = []
        self._roots: list[int] = []  # the row of each row's root (its own row for a root)
        self._rows: dict[str, int] = {}
        self._short: set[str] = set()  # added, but too short to link or be linked to

    def __len__(self) -> int:
        return len(self._ids) + len(self._short)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._rows or article_id in self._short

    def add(
        self, article_id: str, sig: Signature, published: date | None, order: int
    ) -> str | None:
        """Index an article and return the root it duplicates, or None.

        `order` is the ingestion order: it breaks ties between equal dates, and `load` replays
        articles in it. An article is added once; adding it again is a ValueError.
        """
        self._check(sig)
        if article_id in self:
            raise ValueError(f"article {article_id} is already indexed")
        if not sig.linkable:
            self._short.add(article_id)
            return None
        root = self._earliest_root(sig)
        row = self._append(article_id, sig, _rank(published, order), root)
        self._lsh.insert(row, sig.minhash, check_duplication=False)
        return None if root is None else self._ids[root]

    def duplicate_of(self, article_id: str) -> str | None:
        """The root an indexed article links to, as decided when it was added."""
        if article_id in self._short:
            return None
        row = self._rows[article_id]
        root = self._roots[row]
        return None if root == row else self._ids[root]

    def load(self, rows: Iterable[tuple[str, bytes, date | None, int]]) -> None:
        """Rebuild from stored (article_id, signature bytes, published, order) rows.

        The rows are replayed in ingestion order, so each article gets the link it got when it
        was first added (with the same constants), and later `add`s answer as they would have.
        """
        for article_id, data, published, order in sorted(rows, key=lambda row: row[3]):
            self.add(article_id, Signature.from_bytes(data), published, order)

    def _earliest_root(self, sig: Signature) -> int | None:
        """The row of the earliest root among the verified candidates' roots."""
        candidates = np.fromiter(self._lsh.query(sig.minhash), dtype=np.intp)
        self.candidates += candidates.size
        agree = np.count_nonzero(self._values[candidates] == sig.minhash.hashvalues, axis=1)
        matches = candidates[agree / self.num_perm >= self.threshold]
        roots = {self._roots[row] for row in matches.tolist()}
        return min(roots, key=self._ranks.__getitem__, default=None)

    def _append(self, article_id: str, sig: Signature, rank: _Rank, root: int | None) -> int:
        row = len(self._ids)
        if row == len(self._values):  # doubling keeps appends amortised O(1)
            self._values = np.concatenate([self._values, np.empty_like(self._values)])
        self._values[row] = sig.minhash.hashvalues
        self._ids.append(article_id)
        self._ranks.append(rank)
        self._roots.append(row if root is None else root)
        self._rows[article_id] = row
        return row

    def _check(self, sig: Signature) -> None:
        minhash = sig.minhash
        if (sig.shingle, len(minhash), minhash.seed, minhash.scheme) != (
            self.shingle,
            self.num_perm,
            SEED,
            _SCHEME,
        ):
            raise ValueError(
                f"a signature of {sig.shingle}-word shingles, {len(minhash)} values, seed"
                f" {minhash.seed} and scheme {minhash.scheme} does not fit this index"
                f" ({self.shingle}-word shingles, {self.num_perm} values, seed {SEED},"
                f" {_SCHEME}); recompute it from the text"
            )
