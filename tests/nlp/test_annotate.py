"""The spaCy stage: offsets into the article text, paragraphs, the knowledge base's names."""

from __future__ import annotations

import pytest

from eventwire.nlp.annotate import MAX_PARAGRAPH_CHARS, Annotator
from eventwire.records import Annotation, ArticleId

PATTERNS = [
    {"label": "METONYM", "pattern": "the Kremlin", "id": "the Kremlin"},
    {"label": "PERSON", "pattern": "Pete Hegseth", "id": "pete-hegseth"},
]
TEXT = (
    "Envoys met in Geneva.\n"
    "Pete Hegseth said on Friday that the Kremlin had not replied. Talks went on.\n"
    "\n"
    "  Officials in Warsaw welcomed the news.\n"
)


@pytest.fixture(scope="module")
def annotator() -> Annotator:
    return Annotator(PATTERNS)


def annotate(annotator: Annotator, text: str, **kwargs: object) -> Annotation:
    [annotation] = annotator.annotate([(ArticleId("a"), text)], **kwargs)  # type: ignore[arg-type]
    return annotation


def test_offsets_index_the_article_text(annotator: Annotator) -> None:
    annotation = annotate(annotator, TEXT)
    assert [TEXT[s.start : s.end] for s in annotation.sentences] == [
        "Envoys met in Geneva.",
        "Pete Hegseth said on Friday that the Kremlin had not replied.",
        "Talks went on.",
        "Officials in Warsaw welcomed the news.",
    ]
    for sentence in annotation.sentences:
        for token in sentence.tokens:
            assert TEXT[token.start : token.end] == token.text
            assert 0 <= token.head < len(sentence.tokens)
    for entity in annotation.entities:
        assert TEXT[entity.start : entity.end] == entity.text


def test_knowledge_base_names_are_entities_with_their_ids(annotator: Annotator) -> None:
    entities = {(e.text, e.label, e.kb_id) for e in annotate(annotator, TEXT).entities}
    assert ("Pete Hegseth", "PERSON", "pete-hegseth") in entities
    assert ("the Kremlin", "METONYM", "the Kremlin") in entities


def test_entities_never_run_across_a_line_break(annotator: Annotator) -> None:
    text = "The meeting was chaired by John\nSmith Street residents protested."
    for entity in annotate(annotator, text).entities:
        assert "\n" not in entity.text


def test_only_selected_sentences_get_a_full_parse(annotator: Annotator) -> None:
    annotation = annotate(annotator, TEXT, should_parse=lambda s: "Kremlin" in s)
    parsed = [TEXT[s.start : s.end] for s in annotation.sentences if s.tokens]
    assert parsed == ["Pete Hegseth said on Friday that the Kremlin had not replied."]
    assert len(annotation.sentences) == 4
    assert {e.sentence for e in annotation.entities} == {1}


def test_a_page_without_line_breaks_is_cut_into_pieces(annotator: Annotator) -> None:
    text = "Officials met again and talked for a while. " * (3 * MAX_PARAGRAPH_CHARS // 44)
    annotation = annotate(annotator, text, should_parse=lambda s: False)
    assert annotation.sentences[-1].end == len(text.rstrip())
    assert all(s.end - s.start <= MAX_PARAGRAPH_CHARS for s in annotation.sentences)


def test_empty_text_gives_an_empty_annotation(annotator: Annotator) -> None:
    assert annotate(annotator, "  \n ") == Annotation(ArticleId("a"), (), ())


def test_without_the_entity_recogniser_dates_and_known_names_remain() -> None:
    fast = Annotator(PATTERNS, recognise_entities=False)
    text = "Pete Hegseth met Jonas Vrblik on Wednesday, 14 February 2025, in Geneva."
    found = {(e.text, e.label) for e in annotate(fast, text).entities}
    assert ("Pete Hegseth", "PERSON") in found
    assert {label for _, label in found if label == "DATE"} == {"DATE"}
    assert not any(text_ == "Jonas Vrblik" for text_, _ in found)  # unknown people need NER
