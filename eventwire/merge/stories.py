"""Stories: articles grouped by the events they share, their copies, their actors and time.

Grouping is incremental: each new article joins one existing story or starts its own, in this
order of evidence:

1. a story that holds the article it copies (its near-duplicate root);
2. the story that holds most of the canonical events the article reports;
3. a story whose two central actors are the article's two, and whose time span, widened by
   `WINDOW` on both sides, covers the article's date (the latest such story for an undated
   article).

A story's title names its two central actors and its commonest kinds of event; it is
regenerated as the story grows. An article that reports no events with actors starts a story
of its own, so that every article belongs to exactly one.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from eventwire.records import ArticleDigest, ArticleId, Story

WINDOW = timedelta(days=14)
# Stories kept for new articles to join: the latest grown. A story holds its article and event
# ids, about 3 KB for ten articles; one that leaves stays stored, and an article that would
# have joined it starts a story of its own.
WINDOW_STORIES = 5_000
RECENT_STORIES = 16
# How each PLOVER type reads in a headline.
TYPE_NOUNS = {
    "AGREE": "agreements", "CONSULT": "talks", "SUPPORT": "support", "CONCEDE": "concessions",
    "COOPERATE": "cooperation", "AID": "aid", "RETREAT": "withdrawals", "REQUEST": "demands",
    "ACCUSE": "accusations", "REJECT": "rejections", "THREATEN": "threats",
    "PROTEST": "protests", "SANCTION": "sanctions", "MOBILIZE": "mobilisation",
    "COERCE": "coercion", "ASSAULT": "attacks",
}  # fmt: skip

Name = Callable[[str], str]


@dataclass(slots=True)
class _Growing:
    story_id: str
    actors: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    first: date | None = None
    last: date | None = None
    articles: list[ArticleId] = field(default_factory=list)
    canonical_ids: dict[str, None] = field(default_factory=dict)

    def pair(self) -> tuple[str, ...]:
        return _pair([code for code, _ in self.actors.most_common(2)])

    def covers(self, day: date) -> bool:
        if self.first is None or self.last is None:
            return False
        return self.first - WINDOW <= day <= self.last + WINDOW

    def absorb(self, article: ArticleDigest) -> None:
        self.articles.append(article.article_id)
        self.canonical_ids.update(dict.fromkeys(article.canonical_ids))
        self.actors.update(article.actors)
        self.types.update(article.types)
        if article.published is not None:
            self.first = min(filter(None, (self.first, article.published)))
            self.last = max(filter(None, (self.last, article.published)))


def _pair(codes: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(codes))


class StoryBuilder:
    """The stories so far, with the indexes that decide which one a new article joins."""

    def __init__(self, name: Name = str, window: int = WINDOW_STORIES) -> None:
        if window < 1:
            raise ValueError(f"window must be at least 1, got {window}")
        self._name = name
        self.window = window
        self._stories: OrderedDict[str, _Growing] = OrderedDict()  # least recently grown first
        self._left: dict[str, Story] = {}  # stories that left the window since `saved`
        self._by_article: dict[ArticleId, str] = {}
        self._by_canonical: dict[str, str] = {}
        self._by_pair: dict[tuple[str, ...], list[str]] = {}

    def __len__(self) -> int:
        return len(self._stories)

    def load(self, stories: Iterable[Story]) -> None:
        for story in stories:
            growing = _Growing(
                story.story_id,
                Counter(dict(story.actors)),
                Counter(dict(story.types)),
                story.first,
                story.last,
                list(story.articles),
                dict.fromkeys(story.canonical_ids),
            )
            self._register(growing, growing.articles, growing.canonical_ids)
            self._keep_window()
        self._left.clear()  # they are stored already

    def add(self, article: ArticleDigest) -> str:
        """File an article under a story and return the story's id."""
        if article.article_id in self._by_article:
            return self._by_article[article.article_id]
        story = self._story_for(article)
        if story is None:
            story = _Growing(f"s-{article.article_id[:12]}")
        old_pair = story.pair()
        story.absorb(article)
        if story.pair() != old_pair and story.story_id in self._stories:
            self._unlist(old_pair, story.story_id)
        self._register(story, [article.article_id], article.canonical_ids)
        self._stories.move_to_end(story.story_id)
        self._keep_window()
        return story.story_id

    def saved(self) -> None:
        """The caller has stored every story it was given: those that left can go."""
        self._left.clear()

    def story(self, story_id: str) -> Story:
        """A story as it stands (or as it stood when it left the window, until `saved`)."""
        if story_id in self._left:
            return self._left[story_id]
        growing = self._stories[story_id]
        return Story(
            story_id=growing.story_id,
            title=self.title(growing),
            actors=tuple(growing.actors.most_common()),
            types=tuple(growing.types.most_common()),
            first=growing.first,
            last=growing.last,
            articles=tuple(growing.articles),
            canonical_ids=tuple(growing.canonical_ids),
        )

    def stories(self) -> Iterator[Story]:
        for story_id in self._stories:
            yield self.story(story_id)

    def title(self, story: _Growing) -> str:
        names = [self._name(code) for code, _ in story.actors.most_common(2)]
        kinds = [TYPE_NOUNS.get(kind, kind.lower()) for kind, _ in story.types.most_common(2)]
        subject = " – ".join(names) or "Unattributed reports"
        return f"{subject}: {' and '.join(kinds)}" if kinds else subject

    def _keep_window(self) -> None:
        while len(self._stories) > self.window:
            story_id = next(iter(self._stories))
            self._left[story_id] = self.story(story_id)
            self._forget(self._stories.pop(story_id))

    def _forget(self, story: _Growing) -> None:
        """Take a story out of every index, so that new articles start or join others."""
        for article_id in story.articles:
            if self._by_article.get(article_id) == story.story_id:
                del self._by_article[article_id]
        for canonical_id in story.canonical_ids:
            if self._by_canonical.get(canonical_id) == story.story_id:
                del self._by_canonical[canonical_id]
        self._unlist(story.pair(), story.story_id)

    def _unlist(self, pair: tuple[str, ...], story_id: str) -> None:
        listed = self._by_pair.get(pair, [])
        if story_id in listed:
            listed.remove(story_id)
            if not listed:
                del self._by_pair[pair]

    def _story_for(self, article: ArticleDigest) -> _Growing | None:
        if article.cluster_root != article.article_id and article.cluster_root in self._by_article:
            return self._stories[self._by_article[article.cluster_root]]
        shared = Counter(
            self._by_canonical[c] for c in article.canonical_ids if c in self._by_canonical
        )
        if shared:
            return self._stories[shared.most_common(1)[0][0]]
        pair = _pair(article.actors[:2])
        if len(pair) < 2:
            return None
        # The latest stories of the pair only: an article fits a story of its own weeks, and a
        # long-running pair (USA, RUS) would otherwise be scanned whole for every article.
        candidates = [self._stories[s] for s in self._by_pair.get(pair, [])[-RECENT_STORIES:]]
        if article.published is not None:
            day = article.published
            fitting = [s for s in candidates if s.covers(day)]
            return min(fitting, key=lambda s: _distance(s, day), default=None)
        dated = [s for s in candidates if s.last is not None]
        return max(dated, key=lambda s: s.last or date.min, default=None)

    def _register(
        self, story: _Growing, articles: Iterable[ArticleId], canonical_ids: Iterable[str]
    ) -> None:
        """Index a story under its pair, and under the articles and events it just took in
        (only those: re-indexing all of a large story on every article would be quadratic)."""
        self._stories[story.story_id] = story
        for article_id in articles:
            self._by_article[article_id] = story.story_id
        for canonical_id in canonical_ids:
            self._by_canonical.setdefault(canonical_id, story.story_id)
        pair = story.pair()
        if len(pair) == 2:
            listed = self._by_pair.setdefault(pair, [])
            if story.story_id not in listed:
                listed.append(story.story_id)


def _distance(story: _Growing, day: date) -> int:
    assert story.first is not None and story.last is not None  # covers() checked both
    if story.first <= day <= story.last:
        return 0
    return min(abs((day - story.first).days), abs((day - story.last).days))
