"""Which sentences get the full parse: a trigger with what its pattern needs, and an actor."""

from __future__ import annotations

import pytest

from eventwire.coding.patterns import PatternBook, load_patterns
from eventwire.coding.selection import ActorCues, EventCandidates, TriggerForms, inflections
from eventwire.kb import load_kb


@pytest.fixture(scope="module")
def book() -> PatternBook:
    return load_patterns()


@pytest.fixture(scope="module")
def triggers(book: PatternBook) -> TriggerForms:
    return TriggerForms(book)


@pytest.fixture(scope="module")
def actors() -> ActorCues:
    return ActorCues(load_kb().agent_words())


def test_inflections_cover_regular_and_irregular_forms() -> None:
    assert {"attacks", "attacked", "attacking"} <= inflections("attack")
    assert {"met", "meets", "meeting"} <= inflections("meet")
    assert {"banned", "banning"} <= inflections("ban")
    assert {"urged", "urging"} <= inflections("urge")
    assert {"denies", "denied"} <= inflections("deny")
    assert {"has", "had", "having"} <= inflections("have")


def test_a_bare_verb_trigger_selects_alone(triggers: TriggerForms) -> None:
    assert triggers("Russian forces attacked the town.")
    assert triggers("The ministers met in Geneva.")


def test_a_noun_trigger_needs_a_light_verb(triggers: TriggerForms) -> None:
    assert triggers("Ukraine and Russia held talks in Istanbul.")
    assert triggers("Sanctions were imposed on Iran.")
    # "agreement" is a trigger noun only as the object of a light verb ("reached an agreement").
    assert not triggers("The agreement text runs to forty pages.")
    assert triggers("The two sides reached an agreement.")


def test_a_verb_pattern_needs_its_object_or_particle(triggers: TriggerForms) -> None:
    # "close" is a trigger only with an object such as "border"; "crack" only with "down".
    assert triggers("They closed the border crossings.")
    assert not triggers("They closed the shop early.")
    assert triggers("The police cracked down on the march.")
    assert not triggers("The ice cracked overnight.")


def test_actor_cues_are_names_agents_and_pronouns(actors: ActorCues) -> None:
    assert actors("Talks with Moscow ended.")
    assert actors("Russia attacked.")
    assert actors("the police arrested two men.")
    assert actors("The prime minister resigned.")
    assert actors("She resigned on Tuesday.")
    # Sentence openers and "I" are capitalised without naming anyone.
    assert not actors("The offer ends when the game is released.")
    assert not actors("However, it supports all ad units.")
    assert not actors("I block time for meetings.")


def test_a_candidate_needs_both_a_trigger_and_an_actor(
    triggers: TriggerForms, actors: ActorCues
) -> None:
    candidates = EventCandidates(triggers, actors)
    assert candidates("Russian troops attacked the village.")
    assert not candidates("The app supports voice control.")  # a trigger, no actor
    assert not candidates("Russian troops stayed in the village.")  # an actor, no trigger
