"""The faster attribute rules give every token exactly what spaCy's attribute ruler gives it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.nlp.annotate import MODEL
from eventwire.nlp.attributes import (
    AttributeRules,
    UnsupportedRuleError,
    speed_up_attribute_rules,
)
from tests.conftest import DEMO, shared_path

# Forms the rarer rules are about: contractions, "gonna", "let's", pronoun case, "there is".
RARE_FORMS = [
    "They ain't gonna stop, and we're not gonna wait.",
    "Let's go, y'all; c'mon, it has got ta end.",
    "I told you it was them; you saw it and I saw you.",
    "There is nothin' but a thing: there are talks, but he did it anyway.",
    "If it does, whether or not they have, she'd have done so.",
    "Sanctions\n\n  were  imposed.",
]


@pytest.fixture(scope="module")
def model() -> Language:
    return spacy.load(MODEL)


def _parsed(model: Language, texts: Iterable[str]) -> list[Doc]:
    """Documents as the parser leaves them, before any attribute rule."""
    with model.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        return list(model.pipe(texts))


def _attributes(docs: Iterable[Doc]) -> list[tuple[str, str, str, str, str]]:
    return [(t.lemma_, t.pos_, t.tag_, t.dep_, str(t.morph)) for doc in docs for t in doc]


def _both_ways(model: Language, texts: list[str]) -> tuple[list[Doc], list[Doc]]:
    ruler = model.get_pipe("attribute_ruler")
    parsed = _parsed(model, texts)
    by_spacy = [ruler(doc.copy()) for doc in parsed]
    rules = AttributeRules(ruler.patterns)  # type: ignore[attr-defined]
    by_rules = [rules(doc.copy()) for doc in parsed]
    return by_spacy, by_rules


def _lines(paths: Iterable[Path]) -> list[str]:
    return [line for path in paths for line in path.read_text().splitlines() if line.strip()]


def test_rare_forms_get_what_spacy_gives_them(model: Language) -> None:
    by_spacy, by_rules = _both_ways(model, RARE_FORMS)
    assert _attributes(by_rules) == _attributes(by_spacy)
    # the rules did something: the parser alone leaves no coarse POS
    assert {t.pos_ for doc in by_rules for t in doc} > {"PRON", "AUX", "PART"}


def test_the_demo_corpus_gets_what_spacy_gives_it(model: Language) -> None:
    texts = _lines(sorted(DEMO.glob("*.txt")))
    assert len(texts) > 50
    by_spacy, by_rules = _both_ways(model, texts)
    assert _attributes(by_rules) == _attributes(by_spacy)


def test_real_articles_get_what_spacy_gives_them(model: Language) -> None:
    texts = _lines(sorted(shared_path("corpus", "seeds").glob("*.txt")))
    by_spacy, by_rules = _both_ways(model, texts)
    assert _attributes(by_rules) == _attributes(by_spacy)


def test_a_later_rule_overrides_an_earlier_one(model: Language) -> None:
    rules = AttributeRules(
        [
            {"patterns": [[{"TAG": "NNP"}]], "attrs": {"POS": "PROPN", "LEMMA": "early"}},
            {"patterns": [[{"LOWER": "nato"}]], "attrs": {"LEMMA": "late"}},
        ]
    )
    [doc] = _parsed(model, ["NATO met Russia."])
    rules(doc)
    assert [(t.text, t.lemma_) for t in doc if t.tag_ == "NNP"] == [
        ("NATO", "late"),
        ("Russia", "early"),
    ]


@pytest.mark.parametrize(
    "rule",
    [
        {"patterns": [[{"SHAPE": "Xxxx"}]], "attrs": {"POS": "PROPN"}},
        {"patterns": [[{"LOWER": {"FUZZY": "nato"}}]], "attrs": {"POS": "PROPN"}},
        {"patterns": [[{"LOWER": "nato"}]], "attrs": {"ENT_TYPE": "ORG"}},
        {"patterns": [[{"LOWER": "nato"}]], "attrs": {"POS": "PROPN"}, "index": 3},
    ],
)
def test_a_rule_of_another_shape_is_refused(rule: dict[str, object]) -> None:
    with pytest.raises(UnsupportedRuleError):
        AttributeRules([rule])


def test_a_pipeline_with_such_a_rule_keeps_spacys_ruler() -> None:
    nlp = spacy.load(MODEL)
    ruler = nlp.get_pipe("attribute_ruler")
    ruler.add([[{"SHAPE": "Xxxx"}]], {"POS": "PROPN"})  # type: ignore[attr-defined]
    assert not speed_up_attribute_rules(nlp)
    assert nlp.get_pipe("attribute_ruler") is ruler


def test_the_model_pipeline_gets_the_faster_rules() -> None:
    nlp = spacy.load(MODEL)
    assert speed_up_attribute_rules(nlp)
    assert isinstance(nlp.get_pipe("attribute_ruler"), AttributeRules)
    assert nlp.pipe_names.index("attribute_ruler") < nlp.pipe_names.index("lemmatizer")
