"""Canonical events: the reports of one real-world event, across articles, merged into one.

A mention joins a canonical event when it has the same PLOVER type and either

* it comes from a copy of an article that already reports it (same near-duplicate root) and
  its evidence sentence is close to the founding one (`COPY_SIMILARITY`): a copy is the same
  report whatever the coder made of its actors this time, and where they differ that is a
  contradiction to show, not a second event; or
* its actors are compatible (on each side the codes overlap, or one side is unknown; at least
  one known code in common), its date is compatible (see `dates_compatible`) and its evidence
  shares some content words with the founding sentence (`MIN_SIMILARITY`): an independent
  report of the same event words it differently, but names the same actors on the same day.

Of several canonical events that fit, the mention joins the one whose sentence is most similar.
Two mentions from one article are never merged: an article that reports two meetings of the
same type in one paragraph means two meetings.
Nothing is ever unmerged: links are decided when a mention arrives, like near-duplicate links.

Memory: the merger keeps the latest `WINDOW` canonical events it has touched, and forgets the
rest (they stay stored); a run starts from the latest stored ones.

Cost: candidates are found through a blocking index, by (type, near-duplicate root) and by
(type, actor code, week), so a mention is compared with the events of its own actors and weeks
only, and merging N mentions is O(N) while the events per actor and week stay bounded.
Figures: benchmarks/results/merging.json.
"""

from __future__ import annotations

import re
import unicodedata
from collections import OrderedDict, deque
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from eventwire.records import ArticleId, CanonicalEvent, EventMention

# Chosen on the generated merge corpus's development seed (benchmarks/merging.py); see there.
COPY_SIMILARITY = 0.5
MIN_SIMILARITY = 0.2
# When one of two reports is undated, the words must carry more of the weight.
UNDATED_SIMILARITY = 0.3
# How many of the latest events of each (type, actor) an undated report is compared with.
RECENT = 32
# How many of the latest events of each type a copy's report is compared with, of the articles
# copying one root. A wire report copied a hundred times reports a handful of events of a type;
# without a bound, text that copies a few templates over and over (our generated benchmark)
# grows clusters of thousands of articles, and every copy compares with all their events.
COPY_RECENT = 64
# A report says when something happened, or is dated by its article: allow for the news to
# appear a few days after the event, and for "on Tuesday" to be read from either side of midnight.
DAY_TOLERANCE = 1
PUBLICATION_TOLERANCE = 3
WEEK = 7
# Precisions that match by calendar month or year rather than by days (see `dates_compatible`).
COARSE_PRECISIONS = frozenset({"month", "year"})
# Types whose two sides are interchangeable: "A met B" and "B met A" are one meeting.
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# Canonical events kept for matching: about 3 KB each, so about 300 MB. A report is compared
# with events of its own weeks, so the window only has to hold the latest weeks of a feed:
# 100,000 events are about two months of a 200-articles-a-day feed of eight events an article.
WINDOW = 100_000

_WORD = re.compile(r"[^\W\d_]{3,}")
# Function words and reporting words that every news sentence shares: they say nothing about
# which event a sentence reports.
_STOP_WORDS = """the and for with that this from was were has have had been their its his her they
    them said says told reported according would will which who what when where after before
    over also but not are than into about while during against between other more most some
    such there these those then only very just many much being both each under since amid
    she you our your one two"""
_STOP = frozenset(_STOP_WORDS.split())


def content_words(sentence: str) -> frozenset[str]:
    """The sentence's words that can tell one event from another, case-folded."""
    folded = unicodedata.normalize("NFKC", sentence).casefold()
    return frozenset(w for w in _WORD.findall(folded) if w not in _STOP)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def anchor(mention: EventMention) -> date | None:
    """The date merging compares: the event's own, else its article's."""
    return mention.date or mention.published


def dates_compatible(
    a: date | None, a_precision: str | None, b: date | None, b_precision: str | None
) -> bool:
    """Whether two reports' dates can be one event's. Unknown dates never match here."""
    if a is None or b is None:
        return False
    coarse = {a_precision, b_precision}
    if "year" in coarse:
        return a.year == b.year
    if "month" in coarse:
        return (a.year, a.month) == (b.year, b.month)
    tolerance = DAY_TOLERANCE if a_precision == b_precision == "day" else PUBLICATION_TOLERANCE
    return abs((a - b).days) <= tolerance


def _sides_compatible(a: AbstractSet[str], b: AbstractSet[str]) -> bool:
    return not a or not b or bool(a & b)


def actors_compatible(
    event_type: str,
    source_a: AbstractSet[str],
    target_a: AbstractSet[str],
    source_b: AbstractSet[str],
    target_b: AbstractSet[str],
) -> bool:
    """Both sides agree where both are known, and the two reports share a known actor."""
    if not (source_a | target_a) & (source_b | target_b):
        return False
    if _sides_compatible(source_a, source_b) and _sides_compatible(target_a, target_b):
        return True
    return event_type in SYMMETRIC_TYPES and (
        _sides_compatible(source_a, target_b) and _sides_compatible(target_a, source_b)
    )


@dataclass(slots=True)
class Cluster:
    """A canonical event while merging: mutable, since mentions keep joining it. `freeze` it
    for a record; that copies its article list, so do it once per step, not once per mention."""

    canonical_id: str
    event_type: str
    source_codes: set[str]
    target_codes: set[str]
    anchor: date | None  # declared before `date`, which shadows the type in this body
    date: date | None
    date_precision: str | None
    sentence: str
    words: frozenset[str]
    articles: dict[ArticleId, None] = field(default_factory=dict)  # ordered sets
    clusters: dict[ArticleId, None] = field(default_factory=dict)
    origins: dict[str, None] = field(default_factory=dict)
    mentions: int = 0
    background: bool = True

    def freeze(self) -> CanonicalEvent:
        return CanonicalEvent(
            canonical_id=self.canonical_id,
            event_type=self.event_type,
            source_codes=tuple(sorted(self.source_codes)),
            target_codes=tuple(sorted(self.target_codes)),
            date=self.date,
            date_precision=self.date_precision,
            anchor=self.anchor,
            sentence=self.sentence,
            articles=tuple(self.articles),
            clusters=tuple(self.clusters),
            origins=tuple(self.origins),
            mentions=self.mentions,
            background=self.background,
        )


@dataclass(frozen=True, slots=True)
class Joined:
    """Where a mention went: the canonical event, and whether it founded it."""

    cluster: Cluster
    founded: bool
    via: str  # "copy", "report" or "new"

    @property
    def canonical(self) -> CanonicalEvent:
        return self.cluster.freeze()

    @property
    def first_article(self) -> ArticleId:
        return next(iter(self.cluster.articles))


class EventMerger:
    """The canonical events a new mention may report, indexed for finding them: the latest
    `window` touched (founded or joined), so that memory is bounded whatever the corpus's
    size. An event that leaves the window stays stored; a report of it that comes later founds
    a new one."""

    def __init__(self, window: int = WINDOW) -> None:
        if window < 1:
            raise ValueError(f"window must be at least 1, got {window}")
        self.window = window
        self._clusters: OrderedDict[str, Cluster] = OrderedDict()  # least recently touched first
        # The latest events of each (type, near-duplicate root): where a copy's report looks.
        self._by_copy: dict[tuple[str, str], deque[str]] = {}
        self._by_actor: dict[tuple[str, str, int], list[str]] = {}
        # The latest canonical events of each (type, actor), whatever their date: where an
        # undated report looks, and where a dated one finds an undated event.
        self._recent: dict[tuple[str, str], deque[str]] = {}
        # Of those, the ones whose date is loose: undated, or known to the month or year only.
        self._loose: dict[tuple[str, str], set[str]] = {}
        self.comparisons = 0  # candidate events compared, in all: what merging cost

    def __len__(self) -> int:
        return len(self._clusters)

    def load(self, events: Iterable[CanonicalEvent]) -> None:
        """Rebuild from stored canonical events, so that new mentions can join them."""
        for event in events:
            cluster = Cluster(
                canonical_id=event.canonical_id,
                event_type=event.event_type,
                source_codes=set(event.source_codes),
                target_codes=set(event.target_codes),
                date=event.date,
                date_precision=event.date_precision,
                anchor=event.anchor,
                sentence=event.sentence,
                words=content_words(event.sentence),
                articles=dict.fromkeys(event.articles),
                clusters=dict.fromkeys(event.clusters),
                origins=dict.fromkeys(event.origins),
                mentions=event.mentions,
                background=event.background,
            )
            self._clusters[cluster.canonical_id] = cluster
            for root in cluster.clusters:
                self._index_copy(cluster, root)
            self._index_actors(cluster, cluster.source_codes | cluster.target_codes)
            self._keep_window()

    def add(self, mention: EventMention, cluster_root: ArticleId, origin: str) -> Joined:
        """File a mention under the canonical event it reports, or found a new one.

        `cluster_root` is the mention's article's near-duplicate root (the article itself when
        it copies nothing); `origin` is the first reporter of its chain.
        """
        words = content_words(mention.sentence)
        found = self._best(mention, cluster_root, words)
        if found is None:
            cluster = self._found(mention, words)
            via = "new"
        else:
            cluster, via = found
        cluster.articles.setdefault(mention.article_id)
        if cluster_root not in cluster.clusters:
            cluster.clusters[cluster_root] = None
            self._index_copy(cluster, cluster_root)
        cluster.origins.setdefault(origin)
        cluster.mentions += 1
        cluster.background = cluster.background and mention.background
        if cluster.anchor is None and anchor(mention) is not None:
            # An undated first report takes the date of the first dated one that joins it.
            cluster.anchor, cluster.date = anchor(mention), mention.date
            cluster.date_precision = mention.date_precision
            self._index_actors(cluster, cluster.source_codes | cluster.target_codes)
        if via == "report":  # a second report can name an actor that the first did not
            added = (mention.source_codes - cluster.source_codes) | (
                mention.target_codes - cluster.target_codes
            )
            cluster.source_codes |= mention.source_codes
            cluster.target_codes |= mention.target_codes
            self._index_actors(cluster, added)
        self._clusters.move_to_end(cluster.canonical_id)
        self._keep_window()
        return Joined(cluster, via == "new", via)

    def events(self) -> Iterator[CanonicalEvent]:
        for cluster in self._clusters.values():
            yield cluster.freeze()

    def _best(
        self, mention: EventMention, root: ArticleId, words: frozenset[str]
    ) -> tuple[Cluster, str] | None:
        best: tuple[float, Cluster, str] | None = None
        day = anchor(mention)
        for cluster, via in self._candidates(mention, root):
            if mention.article_id in cluster.articles:
                continue  # two events of one article are two events, even of one type
            self.comparisons += 1
            score: float | None = None
            if via == "copy":
                score = similarity(words, cluster.words)
                if score < COPY_SIMILARITY:
                    via = "report"  # a copy that words it otherwise must match as reports do
            if via == "report":
                # Dates and actors first: they are cheap, and rule out most candidates.
                floor = self._report_floor(cluster, mention, day)
                if floor is None:
                    continue
                score = similarity(words, cluster.words) if score is None else score
                if score < floor:
                    continue
            assert score is not None
            if best is None or score > best[0]:
                best = (score, cluster, via)
        return None if best is None else (best[1], best[2])

    def _report_floor(
        self, cluster: Cluster, mention: EventMention, day: date | None
    ) -> float | None:
        """The word similarity a report needs to be `cluster`'s event, or None when its date or
        actors rule it out."""
        undated = cluster.anchor is None or day is None
        if not undated and not dates_compatible(
            cluster.anchor, cluster.date_precision, day, mention.date_precision
        ):
            return None
        sources, targets = cluster.source_codes, cluster.target_codes
        if not actors_compatible(
            mention.event_type, sources, targets, mention.source_codes, mention.target_codes
        ):
            return None
        if not undated:
            return MIN_SIMILARITY
        # Nothing dates one of them: only the same named actors on both sides, and much the
        # same words, make it the same event.
        if not all((sources, targets, mention.source_codes, mention.target_codes)):
            return None
        return UNDATED_SIMILARITY

    def _candidates(self, mention: EventMention, root: ArticleId) -> Iterator[tuple[Cluster, str]]:
        seen: set[str] = set()
        for canonical_id in self._by_copy.get((mention.event_type, root), ()):
            seen.add(canonical_id)
            yield self._clusters[canonical_id], "copy"
        day = anchor(mention)
        week = day.toordinal() // WEEK if day is not None else None
        # A report dated to the day can only be an event of its own weeks (all in the week
        # lists) or one whose date is loose (undated, or a month or year): of the latest events
        # of its actors, only those need looking at. The order stays that of the full scan.
        exact = day is not None and mention.date_precision not in COARSE_PRECISIONS
        for code in sorted(mention.source_codes | mention.target_codes):
            key = (mention.event_type, code)
            near: list[str] = []
            if week is not None:
                for other in (week - 1, week, week + 1):
                    near += self._by_actor.get((*key, other), [])
            recent: Iterable[str] = self._recent.get(key, ())
            if exact:
                wanted = self._loose.get(key, set()).union(near)
                recent = [c for c in recent if c in wanted]
            for canonical_id in [*recent, *near]:
                if canonical_id in seen:
                    continue
                seen.add(canonical_id)
                cluster = self._clusters[canonical_id]
                # Dates rule out most candidates: cheaper here than after the other checks.
                if (
                    day is None
                    or cluster.anchor is None
                    or dates_compatible(
                        cluster.anchor, cluster.date_precision, day, mention.date_precision
                    )
                ):
                    yield cluster, "report"

    def _found(self, mention: EventMention, words: frozenset[str]) -> Cluster:
        cluster = Cluster(
            canonical_id=mention.event_id,
            event_type=mention.event_type,
            source_codes=set(mention.source_codes),
            target_codes=set(mention.target_codes),
            date=mention.date,
            date_precision=mention.date_precision,
            anchor=anchor(mention),
            sentence=mention.sentence,
            words=words,
        )
        self._clusters[cluster.canonical_id] = cluster
        self._index_actors(cluster, sorted(cluster.source_codes | cluster.target_codes))
        return cluster

    def _keep_window(self) -> None:
        while len(self._clusters) > self.window:
            _, cluster = self._clusters.popitem(last=False)
            self._forget(cluster)

    def _forget(self, cluster: Cluster) -> None:
        """Take an event out of every index that lists it."""
        kind, canonical_id = cluster.event_type, cluster.canonical_id
        for root in cluster.clusters:
            _drop(self._by_copy, (kind, root), canonical_id)
        codes = cluster.source_codes | cluster.target_codes
        for code in codes:
            recent = self._recent.get((kind, code))
            if recent is not None and canonical_id in recent:
                recent.remove(canonical_id)
                self._loose[kind, code].discard(canonical_id)
                if not recent:
                    del self._recent[kind, code], self._loose[kind, code]
        if cluster.anchor is not None:
            week = cluster.anchor.toordinal() // WEEK
            for code in codes:
                _drop(self._by_actor, (kind, code, week), canonical_id)

    def _index_copy(self, cluster: Cluster, root: ArticleId) -> None:
        key = (cluster.event_type, root)
        self._by_copy.setdefault(key, deque(maxlen=COPY_RECENT)).append(cluster.canonical_id)

    def _index_actors(self, cluster: Cluster, codes: Iterable[str]) -> None:
        codes = sorted(codes)
        loose = cluster.anchor is None or cluster.date_precision in COARSE_PRECISIONS
        for code in codes:
            key = (cluster.event_type, code)
            recent = self._recent.setdefault(key, deque(maxlen=RECENT))
            looser = self._loose.setdefault(key, set())
            if cluster.canonical_id not in recent:
                if len(recent) == RECENT:
                    looser.discard(recent[0])  # it falls out of the deque now
                recent.append(cluster.canonical_id)
            if loose:
                looser.add(cluster.canonical_id)
            else:
                looser.discard(cluster.canonical_id)
        if cluster.anchor is None:
            return
        week = cluster.anchor.toordinal() // WEEK
        for code in codes:
            listed = self._by_actor.setdefault((cluster.event_type, code, week), [])
            if cluster.canonical_id not in listed:
                listed.append(cluster.canonical_id)


def _drop(index: dict[Any, list[str]] | dict[Any, deque[str]], key: Any, canonical_id: str) -> None:
    listed = index.get(key)
    if listed is not None and canonical_id in listed:
        listed.remove(canonical_id)
        if not listed:
            del index[key]
