"""The coder on short articles: syntax decides source, target and type; analysis is not news."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from eventwire.coding.coder import FUTURE_MODE, code_article
from eventwire.coding.patterns import (
    CodingDataError,
    PatternBook,
    PatternFile,
    build_book,
    load_types,
)
from eventwire.pipeline import ActorStages, actor_stages
from eventwire.records import Article, ArticleId, Event, Span

PATTERNS = """
patterns:
  - {lemma: attack, pos: verb, type: ASSAULT, target: [dobj], cameo: "190"}
  - {lemma: meet, pos: verb, type: CONSULT, target: [dobj, "prep:with"], reciprocal: true}
  - {lemma: accuse, pos: verb, type: ACCUSE, mode: disapprove, target: [dobj]}
  - {lemma: call, particle: for, pos: verb, type: REQUEST, target: ["prep:on"]}
  - {lemma: impose, pos: verb, type: SANCTION, target: ["prep:on"], requires_target: true}
  - {lemma: sanction, pos: noun, type: SANCTION, target: ["prep:on", "prep:against"]}
  - {lemma: talk, pos: noun, type: CONSULT, target: ["prep:with"]}
  - {lemma: deploy, pos: verb, type: MOBILIZE, mode: troops, target: ["prep:to"]}
light_verbs: [hold, impose]
speech_verbs: [say, tell, report]
refusals:
  CONSULT: {mode: meet, cameo: "125"}
refusal_heads: [decline]
refusal_modals: [will, wo]
"""


@pytest.fixture(scope="module")
def book() -> PatternBook:
    return build_book(PatternFile.model_validate(yaml.safe_load(PATTERNS)), load_types())


@pytest.fixture(scope="module")
def stages() -> ActorStages:
    return actor_stages()


def code(
    stages: ActorStages, book: PatternBook, text: str, published: date | None = date(2025, 2, 14),
    headings: tuple[Span, ...] = (), reported_by: tuple[str, ...] = (),
) -> list[Event]:  # fmt: skip
    article = Article(ArticleId("t"), "s", "l", None, None, None, published, None, "en", text,
                      headings=headings, reported_by=reported_by)  # fmt: skip
    [annotation] = stages.annotator.annotate([(article.article_id, text)])
    resolution = stages.resolver.resolve(article, annotation)
    return code_article(article, annotation, resolution.mentions, book)


def test_a_refusal_must_name_a_mode_of_reject() -> None:
    data = yaml.safe_load(PATTERNS)
    data["refusals"] = {"CONSULT": {"mode": "visit", "cameo": "125"}}
    with pytest.raises(CodingDataError, match=r"refusals\[CONSULT\].*not a mode of REJECT"):
        build_book(PatternFile.model_validate(data), load_types())


def test_an_announcement_must_name_a_mode_of_its_new_type() -> None:
    data = yaml.safe_load(PATTERNS)
    data["announcements"] = {"ASSAULT": {"type": "THREATEN", "mode": "aerial", "cameo": "138"}}
    with pytest.raises(CodingDataError, match=r"announcements\[ASSAULT\].*not a mode of THREATEN"):
        build_book(PatternFile.model_validate(data), load_types())


def codes(event: Event) -> tuple[str, list[str | None], list[str | None]]:
    return event.event_type, [a.code for a in event.source], [a.code for a in event.target]


def test_subject_and_object_are_source_and_target(stages: ActorStages, book: PatternBook) -> None:
    text = "Russian forces attacked Ukrainian positions near Kharkiv on Wednesday."
    [event] = code(stages, book, text)
    assert codes(event) == ("ASSAULT", ["RUS"], ["UKR"])
    assert event.source[0].sector == "MIL" and event.cameo_root == "19"
    assert event.date == date(2025, 2, 12) and event.date_precision == "day"
    assert event.location is not None and event.location.name == "Kharkiv"
    assert event.location.country == "UKR" and event.location.lat is not None
    assert text[event.char_start - 0 : event.char_end] == event.sentence
    assert event.intensity < 0


def test_the_passive_voice_swaps_the_roles(stages: ActorStages, book: PatternBook) -> None:
    [event] = code(stages, book, "Ukrainian positions were attacked by Russian forces.")
    assert codes(event) == ("ASSAULT", ["RUS"], ["UKR"])


def test_prepositional_targets_and_particles(stages: ActorStages, book: PatternBook) -> None:
    [event] = code(stages, book, "NATO called on Russia for restraint on Tuesday.")
    assert event.event_type != "REQUEST" or codes(event)[2] == ["RUS"]
    [event] = code(stages, book, "The European Union imposed sanctions on Russia.")
    assert codes(event) == ("SANCTION", ["EU"], ["RUS"])


def test_light_verb_with_a_trigger_noun(stages: ActorStages, book: PatternBook) -> None:
    [event] = code(stages, book, "Pete Hegseth held talks with Rustem Umerov in Brussels.")
    assert codes(event) == ("CONSULT", ["USA"], ["UKR"])
    assert event.target[0].actor_id == "rustem-umerov"
    assert "held" in event.trigger and "talks" in event.trigger


@pytest.mark.parametrize(
    "text",
    [
        "Russian forces could attack Ukrainian positions.",
        "Russian forces did not attack Ukrainian positions.",
        "If Russian forces attack Ukrainian positions, NATO will respond.",
        "Did Russian forces attack Ukrainian positions?",
        "Russia wants to attack Ukraine.",
        "Russian forces will attack Ukrainian positions if NATO deploys troops to Poland.",
    ],
)
def test_speculation_negation_conditions_and_questions_are_not_events(
    stages: ActorStages, book: PatternBook, text: str
) -> None:
    assert [e for e in code(stages, book, text) if e.event_type == "ASSAULT"] == []


def test_announced_events_carry_the_future_mode(stages: ActorStages, book: PatternBook) -> None:
    [event] = code(stages, book, "Vladimir Putin will meet Donald Trump in Riyadh next week.")
    assert event.mode == FUTURE_MODE and codes(event) == ("CONSULT", ["RUS"], ["USA"])
    assert event.date is not None and event.date > date(2025, 2, 14)


@pytest.mark.parametrize(
    "text",
    ["Russia will not meet Ukraine in Geneva.", "Russia declined to meet Ukrainian officials."],
)
def test_a_refused_cooperative_act_is_a_rejection(
    stages: ActorStages, book: PatternBook, text: str
) -> None:
    [event] = code(stages, book, text)
    assert codes(event) == ("REJECT", ["RUS"], ["UKR"])
    assert event.mode == "meet" and event.cameo_root == "12"


@pytest.mark.parametrize(
    "text", ["Russia did not meet Ukraine in Geneva.", "Russia will not attack Ukraine."]
)
def test_a_negated_fact_or_conflict_is_no_rejection(
    stages: ActorStages, book: PatternBook, text: str
) -> None:
    assert code(stages, book, text) == []


def test_a_date_in_the_target_slot_is_not_a_target(stages: ActorStages, book: PatternBook) -> None:
    [event] = code(stages, book, "Sergei Lavrov on Monday called for restraint.")
    assert event.event_type == "REQUEST" and event.target == ()


def test_headings_are_not_events(stages: ActorStages, book: PatternBook) -> None:
    text = "Russia attacks Ukraine\nThe talks went on."
    assert code(stages, book, text, headings=(Span(0, 22),)) == []


def test_reported_speech_keeps_the_real_actors_and_the_chain(
    stages: ActorStages, book: PatternBook
) -> None:
    text = "Russian forces attacked Ukrainian positions overnight, Ukrainian officials said."
    [event] = code(stages, book, text, reported_by=("Reuters",))
    assert codes(event) == ("ASSAULT", ["RUS"], ["UKR"])
    assert event.reported_by == ("Ukrainian officials", "Reuters")


def test_an_old_date_marks_background(stages: ActorStages, book: PatternBook) -> None:
    [event] = code(stages, book, "Russia attacked Ukraine in February 2022.")
    assert event.background and event.date == date(2022, 2, 14)
    assert event.date_precision == "month"


def test_no_year_is_guessed_for_an_undated_article(stages: ActorStages, book: PatternBook) -> None:
    [event] = code(stages, book, "Russia attacked Ukraine on Wednesday.", published=None)
    assert event.date is None and event.date_precision is None


def test_a_rejected_accusation_is_a_denial_not_an_event(stages: ActorStages) -> None:
    from eventwire.coding.patterns import load_patterns

    shipped = load_patterns()
    denial = code(stages, shipped, "The Chinese government rejected the accusations of abuse.")
    assert [e for e in denial if e.event_type == "REJECT"] == []
    [refusal] = [
        e
        for e in code(stages, shipped, "Ukraine rejected the Russian proposal.")
        if e.event_type == "REJECT"
    ]
    assert [a.code for a in refusal.source] == ["UKR"]


def test_appeals_and_demands_keep_their_cameo_roots(stages: ActorStages) -> None:
    from eventwire.coding.patterns import load_patterns

    shipped = load_patterns()
    [appeal] = code(stages, shipped, "NATO urged Russia to withdraw its troops.")[:1]
    [demand] = code(stages, shipped, "NATO demanded the withdrawal of Russian troops.")[:1]
    assert (appeal.event_type, appeal.cameo_root) == ("REQUEST", "02")
    assert (demand.event_type, demand.cameo_root) == ("REQUEST", "10")


def test_the_agency_told_joins_the_reporting_chain(stages: ActorStages, book: PatternBook) -> None:
    text = "Russian forces attacked Ukrainian positions overnight, a Ukrainian official told AFP."
    [event] = code(stages, book, text)
    assert event.reported_by == ("a Ukrainian official", "AFP")


def test_no_intention_of_attacking_is_not_an_attack(stages: ActorStages, book: PatternBook) -> None:
    text = "Russian officials said Russia had no intention of attacking Ukraine."
    assert [e for e in code(stages, book, text) if e.event_type == "ASSAULT"] == []


def test_an_invitation_to_meet_is_not_a_meeting(stages: ActorStages, book: PatternBook) -> None:
    text = "Vladimir Putin invited Donald Trump to meet in Moscow."
    assert [e for e in code(stages, book, text) if e.event_type == "CONSULT"] == []


def test_a_purpose_clause_is_part_of_its_event(stages: ActorStages) -> None:
    from eventwire.coding.patterns import load_patterns

    text = "Thousands of Ukrainian students staged demonstrations in Kyiv to demand reforms."
    types = [e.event_type for e in code(stages, load_patterns(), text)]
    assert types == ["PROTEST"]


def test_an_accusation_s_content_is_not_an_event_apart(stages: ActorStages) -> None:
    from eventwire.coding.patterns import load_patterns

    text = "The Ukrainian government accused Russian forces of attacking civilians near Kharkiv."
    types = [e.event_type for e in code(stages, load_patterns(), text)]
    assert "ACCUSE" in types and "ASSAULT" not in types


def test_what_a_call_or_proposal_asks_for_is_not_an_event(stages: ActorStages) -> None:
    book = stages.book  # the shipped patterns: "pull back" is a RETREAT, "reject" a REJECT
    events = code(stages, book, "Lavrov rejected calls for Russia to pull its troops back.")
    assert "RETREAT" not in {e.event_type for e in events}
    events = code(stages, book, "Moscow rejected a proposal from Kyiv to freeze the front line.")
    assert [e.event_type for e in events] == ["REJECT"]
    # A clause of a verb is still coded as before.
    events = code(stages, book, "Russia pulled its troops back from the border on Monday.")
    assert [e.event_type for e in events] == ["RETREAT"]


def test_a_demand_that_someone_act_targets_them(stages: ActorStages) -> None:
    events = code(stages, stages.book, "Washington demanded that Moscow withdraw its troops.")
    assert [codes(e) for e in events if e.event_type == "REQUEST"] == [
        ("REQUEST", ["USA"], ["RUS"])
    ]


def test_coordinated_demonyms_give_one_actor_per_country(stages: ActorStages) -> None:
    text = "Senior Hungarian and Romanian officials met in Vienna on Monday."
    [event] = code(stages, stages.book, text)
    assert sorted(a.code or "" for a in event.source) == ["HUN", "ROU"]
    # One demonym: one actor, as before.
    [event] = code(stages, stages.book, "Senior Hungarian officials met in Vienna on Monday.")
    assert [a.code for a in event.source] == ["HUN"]


def test_a_target_may_hang_on_the_complement_s_object(stages: ActorStages) -> None:
    text = "Iran threatened to deliver devastating blows to the United States."
    [event] = code(stages, stages.book, text)
    assert codes(event) == ("THREATEN", ["IRN"], ["USA"])


def test_a_purpose_clause_names_the_target_of_a_protest(stages: ActorStages) -> None:
    text = "Syrian lawyers started a hunger strike to protest the Iraqi government's decree."
    [event] = code(stages, stages.book, text, published=date(2005, 3, 1))
    assert codes(event) == ("PROTEST", ["SYR"], ["IRQ"])


def test_an_announced_cooperative_act_is_an_agreement(stages: ActorStages) -> None:
    # PLOVER codes the intention; where a verb of agreeing is the intention, the act it names
    # stays beside it as an act to come, as CAMEO-style gold codes it.
    events = code(stages, stages.book, "Russia agreed to withdraw its troops from Moldova.")
    assert [(e.event_type, e.mode) for e in events] == [("AGREE", None), ("RETREAT", FUTURE_MODE)]
    [event] = code(stages, stages.book, "Russia is ready to release the detained sailors.")
    assert (event.event_type, event.cameo_root, event.trigger) == ("AGREE", "03", "release")
    [event] = code(stages, stages.book, "Putin said he would meet Zelensky in Istanbul.")
    assert codes(event) == ("AGREE", ["RUS"], ["UKR"]) and event.trigger == "meet"


def test_an_announced_attack_is_a_threat(stages: ActorStages) -> None:
    [event] = code(stages, stages.book, "Iran said it would attack Israel.")
    assert codes(event) == ("THREATEN", ["IRN"], ["ISR"])
    assert (event.mode, event.cameo_root, event.trigger) == ("violence", "13", "attack")


@pytest.mark.parametrize(
    "text",
    ["Analysts believe Iran would attack Israel.", "A deal would bring Iran and Israel closer."],
)
def test_would_outside_reported_speech_is_hypothetical(stages: ActorStages, text: str) -> None:
    assert code(stages, stages.book, text) == []


def test_an_obligation_in_reported_speech_is_the_speakers_demand(stages: ActorStages) -> None:
    [event] = code(stages, stages.book, "Russia says Israel must end attacks on Syria.")
    assert codes(event) == ("REQUEST", ["RUS"], ["ISR"]) and event.cameo_root == "10"
    text = "Macron said the European Union must be ready to mediate talks with Moscow."
    [event] = code(stages, stages.book, text)
    assert (event.event_type, [a.code for a in event.target]) == ("REQUEST", ["EU"])


@pytest.mark.parametrize(
    "text",
    [
        "Israel must end attacks on Syria.",  # an opinion with nobody making the demand
        "Russia did not say Israel must end attacks on Syria.",
        "Russia said Israel must end attacks on Syria if talks fail.",
    ],
)
def test_an_obligation_nobody_demands_is_no_event(stages: ActorStages, text: str) -> None:
    assert code(stages, stages.book, text) == []


def test_a_demand_must_name_a_mode_of_its_type() -> None:
    data = yaml.safe_load(PATTERNS)
    data["demands"] = {"must": {"type": "REQUEST", "mode": "ultimatum", "cameo": "100"}}
    with pytest.raises(CodingDataError, match=r"demands\[must\].*not a mode of REQUEST"):
        build_book(PatternFile.model_validate(data), load_types())


def test_a_compound_noun_names_the_act_of_an_effort(stages: ActorStages) -> None:
    [event] = code(stages, stages.book, "Russia launched a bombing campaign against Ukraine.")
    assert codes(event) == ("ASSAULT", ["RUS"], ["UKR"])
    text = "Egypt ended its mediation efforts between Israel and Iran."
    [event] = code(stages, stages.book, text)
    assert codes(event) == ("SANCTION", ["EGY"], ["ISR", "IRN"])


def test_a_passive_clause_does_not_inherit_the_sentences_subject(stages: ActorStages) -> None:
    text = "France cancelled a visit to Haiti after a state of siege was declared in Haiti."
    events = code(stages, stages.book, text)
    # The state of siege is an event of its own, by nobody the sentence names.
    assert [codes(e) for e in events] == [("SANCTION", ["FRA"], ["HTI"]), ("COERCE", [], ["HTI"])]


def test_a_passive_verb_sharing_a_subject_takes_its_actor_from_the_by_phrase(
    stages: ActorStages,
) -> None:
    text = "Ten Italian fishermen, held in Libya for months, have been freed by Libyan forces."
    [event] = code(stages, stages.book, text)
    assert (event.event_type, event.source[0].code, event.target[0].code) == (
        "RETREAT",
        "LBY",
        "ITA",
    )


def test_a_pronoun_speaker_outside_the_knowledge_base_is_kept_as_written(
    stages: ActorStages,
) -> None:
    text = "The Zintan Brigade said it will release the captured Turkish engineers."
    [event] = code(stages, stages.book, text)
    assert event.event_type == "AGREE" and [a.text for a in event.source] == ["The Zintan Brigade"]


def test_a_gerund_describing_a_noun_is_not_an_event_of_its_own(stages: ActorStages) -> None:
    text = "Turkey condemned the tweets targeting Greek lawmakers."
    assert [e.event_type for e in code(stages, stages.book, text)] == ["ACCUSE"]


def test_even_if_concedes_rather_than_conditions(stages: ActorStages) -> None:
    text = "Russia said it would attack Ukraine even if talks resume."
    [event] = code(stages, stages.book, text)
    assert codes(event) == ("THREATEN", ["RUS"], ["UKR"])
    assert code(stages, stages.book, "Russia said it would attack Ukraine if talks fail.") == []


def test_a_particle_repeated_for_a_date_still_finds_its_object(stages: ActorStages) -> None:
    [event] = code(stages, stages.book, "Teachers in Peru went on strike on Thursday.")
    assert (event.event_type, event.mode) == ("PROTEST", "strike")


def test_a_list_read_as_an_apposition_is_still_a_list(stages: ActorStages) -> None:
    [event] = code(stages, stages.book, "The US, Russia, and Switzerland met yesterday.")
    assert event.event_type == "CONSULT"
    assert [a.code for a in event.source] == ["USA", "RUS", "CHE"]


def test_the_subject_of_a_verb_of_receiving_is_the_recipient(stages: ActorStages) -> None:
    [event] = code(stages, stages.book, "Ukraine received military aid from the United States.")
    assert codes(event) == ("AID", ["USA"], ["UKR"])


def test_the_object_of_a_passive_verb_selects_its_pattern(stages: ActorStages) -> None:
    [event] = code(stages, stages.book, "The sanctions on Iran were lifted by the EU.")
    assert codes(event) == ("RETREAT", ["EU"], ["IRN"])


def test_an_event_noun_that_happens_is_an_event(stages: ActorStages) -> None:
    [event] = code(stages, stages.book, "Russian attacks on Ukraine intensified on Monday.")
    assert codes(event) == ("ASSAULT", ["RUS"], ["UKR"])
    [event] = code(stages, stages.book, "Talks between Russia and Ukraine took place in Istanbul.")
    assert (event.event_type, [a.code for a in event.source], event.target) == (
        "CONSULT",
        ["RUS", "UKR"],
        (),
    )
    assert code(stages, stages.book, "Russian attacks on Ukraine were reported.") == []


def test_occurrence_verbs_are_one_verb_and_what_it_needs() -> None:
    data = yaml.safe_load(PATTERNS)
    data["occurrence_verbs"] = ["get under way"]
    with pytest.raises(CodingDataError, match=r"occurrence_verbs: 'get under way' has three"):
        build_book(PatternFile.model_validate(data), load_types())


def test_agreeing_with_someone_that_something_is_true_is_an_opinion(stages: ActorStages) -> None:
    text = "Canada agreed with the Senate that patients should be entitled to assistance."
    assert code(stages, stages.book, text) == []
    [event] = code(stages, stages.book, "Russia agreed with Ukraine on a prisoner exchange.")
    assert codes(event) == ("AGREE", ["RUS"], ["UKR"])


def test_offering_condolences_is_no_offer(stages: ActorStages) -> None:
    assert code(stages, stages.book, "The UAE offered its condolences to New Zealand.") == []


def test_a_present_tense_until_or_before_clause_names_what_has_not_happened(
    stages: ActorStages,
) -> None:
    text = "Russia said it will keep its troops in Belarus until Ukraine withdraws from Kursk."
    assert all(e.event_type != "RETREAT" for e in code(stages, stages.book, text))
    text = "Russia shelled Kharkiv until Ukraine withdrew from Kursk."
    assert "RETREAT" in {e.event_type for e in code(stages, stages.book, text)}


def test_a_pronoun_under_a_speech_verb_sharing_its_subject_is_that_subject(
    stages: ActorStages,
) -> None:
    text = "Iran rejected the proposal on Friday and said it opposed the sanctions on Syria."
    rejections = [e for e in code(stages, stages.book, text) if e.event_type == "REJECT"]
    assert len(rejections) == 2
    assert all([a.code for a in e.source] == ["IRN"] for e in rejections)


def test_a_stance_passive_makes_its_subject_the_source(stages: ActorStages) -> None:
    [event] = code(stages, stages.book, "Israel is opposed to French mediation.")
    assert codes(event) == ("REJECT", ["ISR"], ["FRA"])
    [event] = code(stages, stages.book, "The French plan was opposed by Israel.")
    assert codes(event)[:2] == ("REJECT", ["ISR"])


def test_the_words_before_an_argument_s_head_name_it_before_a_phrase_after_it(
    stages: ActorStages,
) -> None:
    text = "Israel rejected French mediation in the talks with Syria."
    [event] = code(stages, stages.book, text)
    assert codes(event) == ("REJECT", ["ISR"], ["FRA"])


def test_a_pattern_limited_to_some_objects_takes_no_other(stages: ActorStages) -> None:
    mobilized = code(stages, stages.book, "Russia mobilized 300,000 reservists against Ukraine.")
    assert [codes(e) for e in mobilized] == [("MOBILIZE", ["RUS"], ["UKR"])]
    assert code(stages, stages.book, "Saudi Arabia mobilized pressure groups in Washington.") == []
    [bare] = code(stages, stages.book, "Armenia mobilized on Tuesday.")
    assert bare.event_type == "MOBILIZE"


def test_seeking_to_do_something_is_an_attempt_not_a_request(stages: ActorStages) -> None:
    text = "The leaders of France and Germany sought to ease tensions with Poland."
    assert all(e.event_type != "REQUEST" for e in code(stages, stages.book, text))
    [event] = code(stages, stages.book, "Iran sought Russia's help.")
    assert codes(event) == ("REQUEST", ["IRN"], ["RUS"])


def test_blocking_traffic_or_transport_is_a_protest_blocking_a_resolution_a_rejection(
    stages: ActorStages,
) -> None:
    [event] = code(stages, stages.book, "Rebels blocked transport into Abidjan on Tuesday.")
    assert (event.event_type, event.mode) == ("PROTEST", "obstruct")
    [event] = code(stages, stages.book, "Russia blocked the UN resolution on Syria.")
    assert event.event_type == "REJECT"


def test_an_allegation_is_the_event_not_what_it_alleges(stages: ActorStages) -> None:
    text = "Ukraine alleged that Russia had shelled the Zaporizhzhia plant."
    [event] = code(stages, stages.book, text)
    assert codes(event) == ("ACCUSE", ["UKR"], ["RUS"])
