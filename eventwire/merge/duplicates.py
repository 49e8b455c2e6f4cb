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
* only the latest `WINDOW` articles are compared with: an article copying one added earlier
  than that founds a cluster of its own (the price of bounded memory).

Cost: a signature is O(words), about 1 ms for 500 words. `add` looks up one bucket per LSH band
and verifies all candidates in one numpy step, so adding N articles is O(N) while the number of
candidates per article stays bounded. It does on real news: 2.2 candidates per article among
1,257 stories from one month on one subject, about 0.2 ms an add. It does not on a corpus where
a large share of all articles are near the threshold's foot (our template-generated benchmark:
97 candidates per add at 1k articles, 764 at 10k; 0.2 ms an add, then 0.5-0.6). Memory is bounded
by the window (`WINDOW` articles, the latest added): about 8 KB an article, mostly the LSH's
buckets (36 bands at THRESHOLD 0.35). Figures: benchmarks/results/duplicates.json.
"""

from __future__ import annotations

import struct
from collections import OrderedDict
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
from eventwire.records import Article, StoredSignature

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
# Articles the index remembers: about 8 KB each, so about 160 MB. Copies of a report come within
# days of it; 20,000 articles are three months of a 200-a-day feed. An article copying one that
# has left the window founds a cluster of its own.
WINDOW = 20_000

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


@dataclass(frozen=True, slots=True)
class _Entry:
    slot: int | None  # its row in the signature matrix and its key in the LSH; None if short
    root: tuple[_Rank, str]  # the rank and id of its root (itself, for a root)


class DuplicateIndex:
    """The signatures of the latest `window` articles, and which root each links to.

    Each indexed article has a slot: its row in one signature matrix (so that all candidates
    are verified in one numpy step) and its key in the LSH. When the window is full, the
    earliest-added article leaves and its slot is reused: memory is bounded by the window,
    whatever the corpus's size. An article keeps its root's id and rank, so copies of a root
    that has left the window still link to that root.
    """

    def __init__(
        self,
        threshold: float = THRESHOLD,
        num_perm: int = NUM_PERM,
        shingle: int = SHINGLE,
        window: int = WINDOW,
    ) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        if window < 1:
            raise ValueError(f"window must be at least 1, got {window}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle = shingle
        self.window = window
        self.candidates = 0  # candidates the LSH proposed, in all: what verification cost
        self._lsh = MinHashLSH(num_perm=num_perm, params=band_params(threshold, num_perm))
        rows = min(_FIRST_ROWS, window)
        self._values = np.empty((rows, num_perm), dtype=np.uint32)  # one row per slot
        self._entries: OrderedDict[str, _Entry] = OrderedDict()  # earliest added first
        self._slots: list[_Entry | None] = []  # the entry in each slot
        self._free: list[int] = []

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._entries

    def add(
        self, article_id: str, sig: Signature, published: date | None, order: int
    ) -> str | None:
        """Index an article and return the root it duplicates, or None.

        `order` is the ingestion order: it breaks ties between equal dates. An article is added
        once; adding it again while it is in the window is a ValueError.
        """
        self._check(sig)
        if article_id in self:
            raise ValueError(f"article {article_id} is already indexed")
        own = (_rank(published, order), article_id)
        if not sig.linkable:
            self._insert(article_id, None, own)
            return None
        root = self._earliest_root(sig)
        self._insert(article_id, sig, root or own)
        return None if root is None else root[1]

    def duplicate_of(self, article_id: str) -> str | None:
        """The root an indexed article links to, as decided when it was added."""
        entry = self._entries[article_id]
        return None if entry.root[1] == article_id else entry.root[1]

    def load(self, rows: Iterable[StoredSignature]) -> None:
        """Rebuild from stored rows, with the links they were given, in ingestion order; of
        more rows than the window, the latest stay."""
        for row in sorted(rows, key=lambda row: row.order)[-self.window :]:
            sig = Signature.from_bytes(row.signature)
            self._check(sig)
            own = (_rank(row.published, row.order), row.article_id)
            root = own
            if row.duplicate_of is not None:
                root = (_rank(row.root_published, row.root_order), row.duplicate_of)
            self._insert(row.article_id, sig if sig.linkable else None, root)

    def _earliest_root(self, sig: Signature) -> tuple[_Rank, str] | None:
        """The earliest root among the verified candidates' roots."""
        candidates = np.fromiter(self._lsh.query(sig.minhash), dtype=np.intp)
        self.candidates += candidates.size
        agree = np.count_nonzero(self._values[candidates] == sig.minhash.hashvalues, axis=1)
        matches = candidates[agree / self.num_perm >= self.threshold]
        roots = {entry.root for slot in matches.tolist() if (entry := self._slots[slot])}
        return min(roots, default=None)

    def _insert(self, article_id: str, sig: Signature | None, root: tuple[_Rank, str]) -> None:
        if len(self._entries) >= self.window:
            self._evict()
        slot = None if sig is None else self._slot()
        entry = _Entry(slot, root)
        self._entries[article_id] = entry
        if sig is not None and slot is not None:
            self._values[slot] = sig.minhash.hashvalues
            self._slots[slot] = entry
            self._lsh.insert(slot, sig.minhash, check_duplication=False)

    def _slot(self) -> int:
        if self._free:
            return self._free.pop()
        slot = len(self._slots)
        if slot == len(self._values):  # doubling keeps appends amortised O(1), up to the window
            grown = min(2 * len(self._values), self.window)
            self._values = np.concatenate(
                [self._values, np.empty((grown - len(self._values), self.num_perm), np.uint32)]
            )
        self._slots.append(None)
        return slot

    def _evict(self) -> None:
        _, entry = self._entries.popitem(last=False)
        if entry.slot is not None:
            self._lsh.remove(entry.slot)
            self._slots[entry.slot] = None
            self._free.append(entry.slot)

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
