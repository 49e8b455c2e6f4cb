"""The records that pass between stages.

Every stage is a plain function from one of these records to the next. They are frozen so that a
stage can never change what an earlier stage produced, and slotted so that a large batch stays
small in memory. Only `pipeline` knows which stage feeds which.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import NewType

ArticleId = NewType("ArticleId", str)


class InputKind(Enum):
    """What a document's payload is, once its container (file, JSONL line, feed entry) is opened."""

    HTML = "html"  # a whole web page, with its template around the article
    FRAGMENT = "fragment"  # article markup without a page template (a feed entry's body)
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class Hints:
    """Metadata that the container supplied (JSONL fields, feed entry, WARC headers).

    They win over anything recovered from the page, because the container's author stated them.
    """

    url: str | None = None
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: date | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """One article's raw payload, decoded to text, before cleaning."""

    location: str  # where it was read: a path, with `#L<n>` for a JSONL line or `#record=<n>`
    kind: InputKind
    payload: str
    content_id: ArticleId  # stable hash of the payload: the same input always gets the same id
    hints: Hints = field(default_factory=Hints)

    @property
    def source(self) -> str:
        """The URL when the input gives one, else where the document was read."""
        return self.hints.url or self.location


@dataclass(frozen=True, slots=True)
class InputFailure:
    """An input, or part of one, that could not become a document. Reported, never dropped."""

    location: str
    problem: str


@dataclass(frozen=True, slots=True)
class InputSkipped:
    """An input that is deliberately not an article (an image in a folder, a WARC request record).

    Counted and reported in the summary, so nothing disappears without a word.
    """

    location: str
    reason: str


@dataclass(frozen=True, slots=True)
class Removed:
    """A line or segment that cleaning took out of the text, and why."""

    text: str
    reason: str
    line: int | None = None  # 1-based line in the input text, when the input had lines


@dataclass(frozen=True, slots=True)
class DatedReference:
    """A dated item the article embeds, such as a quoted tweet and its attribution line."""

    kind: str
    author: str
    handle: str | None
    on: date | None
    text: str


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: the body text and everything recovered about it."""

    article_id: ArticleId
    source: str
    location: str
    title: str | None
    author: str | None
    outlet: str | None
    published: date | None
    published_via: str | None  # how the date was found, e.g. "metadata", "text:dateline"
    language: str | None
    text: str
    headings: tuple[Span, ...] = ()  # offsets of heading lines in `text`
    reported_by: tuple[str, ...] = ()  # wire services credited by the article, e.g. Reuters
    references: tuple[DatedReference, ...] = ()
    removed: tuple[Removed, ...] = ()
    repairs: int = 0  # glued sentences split apart ("statement,a senior" → "statement, a senior")


@dataclass(frozen=True, slots=True)
class StoredSignature:
    """A stored article's near-duplicate signature with the link decided when it was added: a
    reloaded index answers from these links, never by deciding them again."""

    article_id: str
    signature: bytes
    published: date | None
    order: int  # ingestion order
    duplicate_of: str | None = None  # its root, when it is not a root itself
    root_published: date | None = None
    root_order: int = 0


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a parsed sentence; `head` indexes the sentence's own tokens."""

    text: str
    start: int  # character offset in the article text
    lemma: str
    pos: str  # universal part of speech
    tag: str  # fine-grained tag: tense and modality live here (VBD, MD)
    dep: str
    head: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True, slots=True)
class EntitySpan:
    """A named span in one sentence: the parser's entities and the knowledge base's names."""

    sentence: int  # index into `Annotation.sentences`
    start: int  # character offsets in the article text
    end: int
    text: str
    label: str  # spaCy's label (PERSON, GPE, ...) or the knowledge base's (COUNTRY, METONYM, ...)
    kb_id: str | None  # the actor id when the knowledge base names one actor directly
    first_token: int  # token range in the sentence, end exclusive
    last_token: int


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    tokens: tuple[Token, ...]  # empty when the sentence was split but not parsed


@dataclass(frozen=True, slots=True)
class Annotation:
    """An article's text split into sentences, with tokens, dependencies and named spans."""

    article_id: ArticleId
    sentences: tuple[Sentence, ...]
    entities: tuple[EntitySpan, ...]


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A span of an article resolved to an actor as of the article's date, or to what the
    context supports (a country, a sector) when no known actor fits."""

    article_id: ArticleId
    sentence: int
    start: int
    end: int
    text: str
    actor_id: str | None  # a knowledge-base id; None for an unknown person or a generic group
    name: str | None  # the actor's name in the knowledge base
    country: str | None  # ISO3 or an organisation id (NATO, EU)
    sector: str | None  # PLOVER sector on the article's date
    via: str  # how it was resolved: name, alias, short_name, misspelling, role, pronoun, ...
    role: str | None = None  # the post the article gives the actor here ("Defence Secretary")


@dataclass(frozen=True, slots=True)
class ConsistencyFlag:
    """A claim in an article that the knowledge base contradicts, with the dates that show it."""

    article_id: ArticleId
    kind: str  # role_not_held_on_date | role_outside_article_window | ...
    mention: str
    start: int
    end: int
    actor_id: str | None
    explanation: str


@dataclass(frozen=True, slots=True)
class EventActor:
    """One actor of an event: as written, and as resolved (several for a compound actor)."""

    text: str
    code: str | None  # country ISO3 or organisation id: the actor's code in the event
    sector: str | None
    actor_id: str | None


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class Event:
    """A PLOVER event, with the evidence for it and who reports it."""

    event_id: str
    article_id: ArticleId
    event_type: str  # one of the 16 PLOVER 0.8 types
    mode: str | None  # a PLOVER mode of that type, or "future" for announced events
    source: tuple[EventActor, ...]
    target: tuple[EventActor, ...]
    date: date | None
    date_precision: str | None  # day | month | year | publication (the article's date)
    location: Place | None
    sentence: str
    char_start: int  # the sentence's offsets in the article text
    char_end: int
    trigger: str  # the predicate that signalled it ("attacked", "held talks")
    reported_by: tuple[str, ...]  # who the article says says so, nearest first
    confidence: float
    cameo_root: str
    intensity: float  # PLOVER's conflict-cooperation score, -10..+10
    background: bool  # a past event the article recalls, not news


@dataclass(frozen=True, slots=True)
class Quote:
    """Words an article presents as someone's, and who it says they are."""

    article_id: ArticleId
    start: int  # offsets of the quoted words (without the quote marks) in the article text
    end: int
    text: str
    speaker_text: str | None  # the speaker as written: "One diplomat", "Hegseth", "he", "Q"
    speaker_start: int | None
    speaker_end: int | None
    actor_id: str | None  # from the actor mention that covers the speaker
    country: str | None
    sector: str | None
    cue: str  # the speech verb as written ("said", "told"), or how else it was attributed
    told: str | None = None  # whom or what the speaker told: "AFP" in "told AFP"


@dataclass(frozen=True, slots=True)
class ArticleLink:
    """An article's near-duplicate signature, and the earliest version it copies, if any."""

    article_id: ArticleId
    position: int  # ingestion order in the store
    signature: bytes
    duplicate_of: ArticleId | None


@dataclass(frozen=True, slots=True)
class Provenance:
    """Who an article's reporting comes from, as far as the store knows."""

    article_id: ArticleId
    outlet: str  # the outlet, or the source's host when no outlet was recovered
    published: date | None
    credits: tuple[str, ...]  # wire services the article credits, e.g. ("Reuters",)
    duplicate_of: ArticleId | None  # the earliest version it copies
    # Embedded items (tweets) as (author, text): "BILD: ..." in a tweet relays BILD's report.
    embedded: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class EventMention:
    """A stored event as merging sees it: one article's report of something that happened."""

    event_id: str
    article_id: ArticleId
    event_type: str
    source_codes: frozenset[str]
    target_codes: frozenset[str]
    published: date | None  # the article's date: what an undated report is anchored to
    date: date | None  # (declared after the other dates: the field shadows the type below it)
    date_precision: str | None
    sentence: str
    char_start: int
    char_end: int
    cited: tuple[str, ...]  # news outlets among the event's `reported_by`, nearest first
    background: bool


@dataclass(frozen=True, slots=True)
class MergeLink:
    """Which canonical event a mention supports, and where its report came from."""

    event_id: str
    canonical_id: str
    origin: str  # the first reporter in `chain`
    chain: tuple[str, ...]  # from the first reporter to the article's outlet


@dataclass(frozen=True, slots=True)
class CanonicalEvent:
    """One real-world event, with every article that reports it and where they got it."""

    canonical_id: str  # the event_id of the first mention: the founding report
    event_type: str
    source_codes: tuple[str, ...]
    target_codes: tuple[str, ...]
    anchor: date | None  # the date merging compares: the event's own, else its article's
    date: date | None
    date_precision: str | None
    sentence: str  # the founding report's evidence
    articles: tuple[ArticleId, ...]  # supporting articles, in the order they arrived
    clusters: tuple[ArticleId, ...]  # their near-duplicate roots
    origins: tuple[str, ...]  # distinct first reporters
    mentions: int
    background: bool  # every report recalls it as background

    @property
    def corroboration(self) -> int:
        return len(self.articles)

    @property
    def independent_sources(self) -> int:
        return len(self.origins)


@dataclass(frozen=True, slots=True)
class ArticleDigest:
    """What grouping into stories needs of one article, once its events are merged."""

    article_id: ArticleId
    published: date | None
    cluster_root: ArticleId  # its near-duplicate root, itself when it copies nothing
    canonical_ids: tuple[str, ...]  # the canonical events its news events support
    actors: tuple[str, ...]  # actor codes of its news events, most involved first
    types: tuple[str, ...]  # its news events' types, one per event


@dataclass(frozen=True, slots=True)
class Story:
    """Articles and canonical events about one developing subject, over a time span."""

    story_id: str
    title: str
    actors: tuple[tuple[str, int], ...]  # actor codes and their events, most involved first
    types: tuple[tuple[str, int], ...]  # event types and their counts, most frequent first
    first: date | None
    last: date | None
    articles: tuple[ArticleId, ...]
    canonical_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ViewFilter:
    """What a reader asked to see (API and dashboard): every field narrows the view; None
    or empty means no narrowing. Values are validated before they get here."""

    actor: str | None = None  # an actor code, as source or target
    pair: tuple[str, str] | None = None  # two actor codes, in either direction
    event_type: str | None = None
    start: date | None = None
    end: date | None = None
    outlet: str | None = None
    story: str | None = None
    text: str | None = None  # words that must occur in the evidence sentence
    article: str | None = None
    kind: str | None = None  # a flag's kind
