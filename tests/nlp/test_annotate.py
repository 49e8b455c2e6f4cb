"""The spaCy stage: offsets into the article text, paragraphs, the knowledge base's names."""

from __future__ import annotations

from dataclasses import replace

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


def test_people_the_knowledge_base_does_not_know_are_still_recognised(
    annotator: Annotator,
) -> None:
    text = "Pete Hegseth met Jonas Vrblik in Geneva. Pete Hegseth met the Kremlin's envoy."
    found = {(e.text, e.label) for e in annotate(annotator, text).entities}
    assert ("Jonas Vrblik", "PERSON") in found
    assert ("Geneva", "GPE") in found


def test_a_sentence_seen_before_is_not_parsed_again() -> None:
    fresh = Annotator(PATTERNS)
    repeated = "Pete Hegseth said on Friday that the Kremlin had not replied."
    first = annotate(fresh, f"Envoys met in Geneva.\n{repeated}")
    assert fresh.cache_hits == 0
    second = annotate(fresh, f"{repeated}\nOfficials in Warsaw welcomed the news.")
    assert fresh.cache_hits == 1
    # The cached analysis is shifted to where the sentence stands in the second text.
    assert second.sentences[0].tokens == tuple(
        replace(t, start=t.start - first.sentences[1].start) for t in first.sentences[1].tokens
    )
    assert [(e.text, e.start) for e in second.entities if e.sentence == 0] == [
        (e.text, e.start - first.sentences[1].start) for e in first.entities if e.sentence == 1
    ]


def test_a_cache_of_nothing_gives_the_same_annotation(annotator: Annotator) -> None:
    assert annotate(Annotator(PATTERNS, cache_size=0), TEXT) == annotate(annotator, TEXT)


def test_a_parsed_and_a_names_only_sentence_are_cached_apart() -> None:
    fresh = Annotator(PATTERNS)
    names_only = annotate(fresh, TEXT, should_parse=lambda s: False)
    parsed = annotate(fresh, TEXT)
    assert not any(s.tokens for s in names_only.sentences)
    assert all(s.tokens for s in parsed.sentences)
