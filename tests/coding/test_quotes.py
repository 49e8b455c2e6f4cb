"""Quotes and their speakers, on short made-up articles resolved with the shipped knowledge base."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.coding.quotes import (
    CUE_COLON,
    CUE_CONTINUATION,
    CUE_TRANSCRIPT,
    CUE_UNATTRIBUTED,
    extract_quotes,
)
from eventwire.pipeline import ActorStages, actor_stages
from eventwire.records import Article, ArticleId, Quote, Span

PUBLISHED = date(2025, 2, 12)


@pytest.fixture(scope="module")
def stages() -> ActorStages:
    return actor_stages()


def quotes_in(stages: ActorStages, text: str, headings: tuple[Span, ...] = ()) -> list[Quote]:
    article = Article(
        ArticleId("t"), "test", "test", None, None, None, PUBLISHED, None, "en", text,
        headings=headings,
    )  # fmt: skip
    [annotation] = stages.annotator.annotate([(article.article_id, article.text)])
    resolution = stages.resolver.resolve(article, annotation)
    quotes = extract_quotes(article, annotation, resolution.mentions)
    for quote in quotes:  # every quote's offsets point at exactly its text
        assert text[quote.start : quote.end] == quote.text
        if quote.speaker_text is not None:
            assert text[quote.speaker_start : quote.speaker_end] == quote.speaker_text
    return quotes


def texts(quotes: list[Quote]) -> list[str]:
    return [quote.text for quote in quotes]


def speaker(quote: Quote) -> tuple[str | None, str | None, str]:
    return quote.speaker_text, quote.actor_id, quote.cue


@pytest.mark.parametrize(("opening", "closing"), [('"', '"'), ("“", "”")])
def test_a_quote_with_its_speaker_after_it(stages: ActorStages, opening: str, closing: str) -> None:
    text = f"{opening}Europe must pay for its own defence,{closing} Pete Hegseth said on Wednesday."
    [quote] = quotes_in(stages, text)
    assert quote.text == "Europe must pay for its own defence"
    assert speaker(quote) == ("Pete Hegseth", "pete-hegseth", "said")
    assert (quote.country, quote.sector) == ("USA", "GOV")


def test_a_speaker_after_the_verb_after_the_quote(stages: ActorStages) -> None:
    [quote] = quotes_in(stages, '"We are ready to talk to Washington," said Sergei Lavrov.')
    assert speaker(quote) == ("Sergei Lavrov", "sergei-lavrov", "said")


def test_a_speaker_before_the_quote(stages: ActorStages) -> None:
    [quote] = quotes_in(stages, "Mark Rutte stressed, “The alliance stands united and ready.”")
    assert quote.text == "The alliance stands united and ready."
    assert speaker(quote) == ("Mark Rutte", "mark-rutte", "stressed")


def test_a_quote_split_by_its_attribution_is_two_quotes_by_one_speaker(
    stages: ActorStages,
) -> None:
    quotes = quotes_in(stages, "“We will not,” Sergei Lavrov said, “give up our demands.”")
    assert texts(quotes) == ["We will not", "give up our demands."]
    assert [q.actor_id for q in quotes] == ["sergei-lavrov", "sergei-lavrov"]


def test_one_quote_over_several_sentences(stages: ActorStages) -> None:
    [quote] = quotes_in(stages, "“We will fight on. We have no choice,” Rustem Umerov said.")
    assert quote.text == "We will fight on. We have no choice"
    assert quote.actor_id == "rustem-umerov"


def test_each_quote_gets_its_own_speaker(stages: ActorStages) -> None:
    quotes = quotes_in(stages, "“Yes,” said Sergei Lavrov. “No,” replied Mark Rutte.")
    assert [(q.text, q.actor_id, q.cue) for q in quotes] == [
        ("Yes", "sergei-lavrov", "said"),
        ("No", "mark-rutte", "replied"),
    ]


def test_according_to_and_a_parenthetical_attribution(stages: ActorStages) -> None:
    text = (
        "According to Pete Hegseth, the allies “must spend five percent of output”.\n"
        "The talks, Rustem Umerov told the BBC, were “a first step toward peace”."
    )
    first, second = quotes_in(stages, text)
    assert speaker(first) == ("Pete Hegseth", "pete-hegseth", "according to")
    assert speaker(second) == ("Rustem Umerov", "rustem-umerov", "told")
    assert second.told == "the BBC"


def test_said_and_a_colon_before_a_quote(stages: ActorStages) -> None:
    [quote] = quotes_in(stages, "Rustem Umerov said: “We need more air defence this winter.”")
    assert quote.text == "We need more air defence this winter."
    assert speaker(quote) == ("Rustem Umerov", "rustem-umerov", "said")


def test_told_afp_and_a_colon(stages: ActorStages) -> None:
    text = "One NATO diplomat told AFP: “We know the direction: less US in the alliance.”"
    [quote] = quotes_in(stages, text)
    assert quote.text == "We know the direction: less US in the alliance."
    assert (quote.speaker_text, quote.cue, quote.told) == ("One NATO diplomat", "told", "AFP")
    assert (quote.actor_id, quote.country) == (None, "NATO")


def test_unquoted_words_after_said_and_a_colon_run_to_the_end_of_the_sentence(
    stages: ActorStages,
) -> None:
    text = "Pete Hegseth told reporters: the alliance must spend more. Then he flew to Warsaw."
    [quote] = quotes_in(stages, text)
    assert quote.text == "the alliance must spend more."
    assert speaker(quote) == ("Pete Hegseth", "pete-hegseth", "told")
    assert quote.told == "reporters"


def test_a_colon_at_the_end_of_a_line_introduces_the_next_line(stages: ActorStages) -> None:
    [quote] = quotes_in(stages, "Sergei Lavrov told reporters:\n“The West must listen to us.”")
    assert speaker(quote) == ("Sergei Lavrov", "sergei-lavrov", "told")


def test_a_name_and_a_colon_attribute_a_quote(stages: ActorStages) -> None:
    [quote] = quotes_in(stages, "Rustem Umerov: “We need more air defence.”")
    assert speaker(quote) == ("Rustem Umerov", "rustem-umerov", CUE_COLON)


def test_a_pronoun_speaker_is_the_person_it_refers_to(stages: ActorStages) -> None:
    text = "Sergei Lavrov met reporters in Moscow. “The West must listen to Russia,” he said."
    [quote] = quotes_in(stages, text)
    assert speaker(quote) == ("he", "sergei-lavrov", "said")


def test_a_quote_that_stands_alone_goes_on_from_the_quote_before(stages: ActorStages) -> None:
    quotes = quotes_in(stages, "“We will win,” Rustem Umerov said. “We always have.”")
    assert texts(quotes) == ["We will win", "We always have."]
    assert speaker(quotes[1]) == ("Rustem Umerov", "rustem-umerov", CUE_CONTINUATION)


def test_a_quote_reopened_on_the_next_line_keeps_its_speaker(stages: ActorStages) -> None:
    text = (
        "“We will keep talking,” Sergei Lavrov said. “But the West must understand\n"
        "“that Russia will not wait forever.”"
    )
    quotes = quotes_in(stages, text)
    assert texts(quotes) == [
        "We will keep talking",
        "But the West must understand",
        "that Russia will not wait forever.",
    ]
    assert [q.actor_id for q in quotes] == ["sergei-lavrov"] * 3


def test_an_unclosed_quote_ends_with_its_paragraph(stages: ActorStages) -> None:
    text = (
        "Pete Hegseth said: “Europe must do more for its own security.\n"
        "The meeting ended at noon. Ministers then flew home.\n"
        "Mark Rutte said, “NATO is united on this question.”"
    )
    quotes = quotes_in(stages, text)
    assert texts(quotes) == [
        "Europe must do more for its own security.",
        "NATO is united on this question.",
    ]
    assert [q.actor_id for q in quotes] == ["pete-hegseth", "mark-rutte"]


def test_scare_quotes_are_not_quotes(stages: ActorStages) -> None:
    text = (
        "The Kremlin still calls the war a “special military operation”. "
        "Sergei Lavrov said the so-called “peace plan” had failed. "
        "Officials dismissed the report as “complete nonsense”."
    )
    assert quotes_in(stages, text) == []


def test_a_short_quote_a_speech_verb_governs_is_kept(stages: ActorStages) -> None:
    [quote] = quotes_in(stages, "Mark Rutte said the talks had been “very productive”.")
    assert quote.text == "very productive"
    assert speaker(quote) == ("Mark Rutte", "mark-rutte", "said")


def test_a_quote_in_a_heading_has_no_speaker_from_the_body(stages: ActorStages) -> None:
    heading = "“We will not be left out of the talks”"
    text = f"{heading}\nMark Rutte said European allies met in Paris on Monday."
    [quote] = quotes_in(stages, text, headings=(Span(0, len(heading)),))
    assert quote.text == "We will not be left out of the talks"
    assert (quote.speaker_text, quote.actor_id, quote.cue) == (None, None, CUE_UNATTRIBUTED)


def test_an_interview_transcript_gives_one_quote_per_turn(stages: ActorStages) -> None:
    text = (
        "Pete Hegseth spoke to Archyde after the meeting in Brussels.\n"
        "Archyde: Secretary Hegseth, thank you for joining us. What comes next?\n"
        "Secretary Hegseth: Europe must take the lead on its own security.\n"
        "Archyde: And what about Ukraine?\n"
        "Secretary Hegseth: We will keep supporting Ukraine's defence."
    )
    quotes = quotes_in(stages, text)
    assert [(q.speaker_text, q.cue) for q in quotes] == [
        ("Archyde", CUE_TRANSCRIPT),
        ("Secretary Hegseth", CUE_TRANSCRIPT),
        ("Archyde", CUE_TRANSCRIPT),
        ("Secretary Hegseth", CUE_TRANSCRIPT),
    ]
    assert quotes[1].text == "Europe must take the lead on its own security."
    assert [q.actor_id for q in quotes[1::2]] == ["pete-hegseth", "pete-hegseth"]


def test_a_question_label_is_the_interviewer_and_the_answer_the_named_person(
    stages: ActorStages,
) -> None:
    text = (
        "Sergei Lavrov answered questions in Moscow on Monday.\n"
        "Q: Will you meet Mark Rutte this month?\n"
        "Lavrov: Not this month. Perhaps in the spring."
    )
    question, answer = quotes_in(stages, text)
    assert (question.speaker_text, question.actor_id) == ("Q", None)
    assert answer.text == "Not this month. Perhaps in the spring."
    assert speaker(answer) == ("Lavrov", "sergei-lavrov", CUE_TRANSCRIPT)


def test_labelled_lines_that_are_not_an_interview_are_not_quotes(stages: ActorStages) -> None:
    text = (
        "Regional security: The presence of US troops deters an attack.\n"
        "BILD: Talks include pulling US troops from eastern Europe.\n"
        "Conclusion: Keeping an eye on developments."
    )
    assert quotes_in(stages, text) == []


def test_a_stray_quote_mark_is_not_a_quote(stages: ActorStages) -> None:
    assert quotes_in(stages, "Pete Hegseth arrived in Brussels on Wednesday.\n“`\n") == []
