"""Which sentences can hold an event, decided before parsing (parsing is the costly step).

A sentence is worth a full parse when one of its words is an inflected form of a trigger
lemma ("attacked", "talks", "held") and something in it can be an actor: a capitalised name,
a generic agent word ("troops", "police") or a pronoun the resolver reads ("he", "she").
Trigger forms are generated from the pattern data with regular English morphology and a
short list of irregular verbs; a form too many is harmless (one parse more), a form too few
loses an event, so the rules over-generate. The actor cue removes the sentences of product
pages, recipes and analysis that use "offer", "support" or "end" with no actor at all (on
real web pages two in five of the sentences a trigger selects).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from eventwire.coding.patterns import PatternBook, Trigger

# Past tense and participle of the irregular verbs that pattern data and light verbs use.
IRREGULAR = {
    "meet": ("met",), "hold": ("held",), "give": ("gave", "given"), "take": ("took", "taken"),
    "make": ("made",), "strike": ("struck", "stricken"), "fight": ("fought",),
    "withdraw": ("withdrew", "withdrawn"), "send": ("sent",), "lead": ("led",),
    "begin": ("began", "begun"), "seek": ("sought",), "shoot": ("shot",), "bring": ("brought",),
    "break": ("broke", "broken"), "speak": ("spoke", "spoken"), "tell": ("told",),
    "say": ("said",), "win": ("won",), "lose": ("lost",), "beat": ("beaten",), "sell": ("sold",),
    "steal": ("stole", "stolen"), "freeze": ("froze", "frozen"), "forbid": ("forbade",
    "forbidden"), "overthrow": ("overthrew", "overthrown"), "throw": ("threw", "thrown"),
    "blow": ("blew", "blown"), "draw": ("drew", "drawn"), "shake": ("shook", "shaken"),
    "hit": ("hit",), "cut": ("cut",), "put": ("put",), "set": ("set",), "quit": ("quit",),
    "shut": ("shut",), "let": ("let",), "spread": ("spread",), "lay": ("laid",),
    "pay": ("paid",), "keep": ("kept",), "leave": ("left",), "flee": ("fled",),
    "bind": ("bound",), "find": ("found",), "feed": ("fed",), "bear": ("bore", "borne"),
    "rise": ("rose", "risen"), "arise": ("arose", "arisen"), "drive": ("drove", "driven"),
    "ride": ("rode", "ridden"), "write": ("wrote", "written"), "undertake": ("undertook",
    "undertaken"), "mistake": ("mistook",), "stand": ("stood",), "understand": ("understood",),
    "sweep": ("swept",), "seize": ("seized",), "wage": ("waged",), "stage": ("staged",),
    "hang": ("hung", "hanged"), "sink": ("sank", "sunk"), "swear": ("swore", "sworn"),
    "tear": ("tore", "torn"), "wear": ("wore", "worn"), "choose": ("chose", "chosen"),
    "go": ("went", "gone"), "have": ("has", "had"), "come": ("came",), "run": ("ran",),
}  # fmt: skip
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
# Words that are capitalised at the start of a sentence without naming anyone.
_OPENER_WORDS = """a about according after again all also although amid among an and
    another any as asked at because before both but by despite during each earlier even
    every few for from here however i if in instead it its last later many meanwhile more most
    much my next no not now of on once one only or other others our over several since so
    some still such than that the their then there these they this those though three
    through to today two under unless until we what when where whether which while who why
    with within without yet yesterday you your"""
_OPENERS = frozenset(_OPENER_WORDS.split())
_CAPITALISED = re.compile(r"[A-Z][\w'’.-]*")
_LOWER_WORD = re.compile(r"[a-z]+")
# Pronouns the actor resolver reads as the person last named.
_PRONOUNS = frozenset({"he", "she", "him", "her"})
_VOWELS = "aeiou"


def inflections(lemma: str) -> set[str]:
    """Every form a verb or noun lemma may take in text (over-generated)."""
    forms = {lemma, *IRREGULAR.get(lemma, ())}
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    forms |= {lemma + "s", lemma + "es", stem + "ed", stem + "ing", lemma + "d"}
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in _VOWELS:
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) > 2 and lemma[-1] not in _VOWELS + "wxy" and lemma[-2] in _VOWELS:
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # "stopped", "banning"
    return forms


class TriggerForms:
    """The written forms of every trigger, with the words its pattern needs beside it: a
    verb pattern's particle ("call" + "for") or object ("sever" + "ties"), a noun trigger's
    light verb ("talks" + "held"). A form whose pattern needs nothing selects alone."""

    __slots__ = ("_alone", "_needs")

    def __init__(self, book: PatternBook) -> None:
        alone: set[str] = set()
        needs: dict[str, set[str]] = {}
        # A trigger noun also matches as the subject of a verb of occurring ("riots erupted").
        companion_verbs = book.light_verbs | book.occurrence_verbs.keys()
        light_forms = {form for verb in companion_verbs for form in inflections(verb)}
        for (lemma, pos), triggers in book.triggers.items():
            for trigger in triggers:
                companions = _companions(trigger, pos, light_forms)
                for form in inflections(lemma):
                    if companions is None:
                        alone.add(form)
                    else:
                        needs.setdefault(form, set()).update(companions)
        self._alone = frozenset(alone)
        self._needs = {form: frozenset(words) for form, words in needs.items() if form not in alone}

    def __call__(self, sentence: str) -> bool:
        words = set(_WORD.findall(sentence.lower()))
        if not words.isdisjoint(self._alone):
            return True
        return any(not words.isdisjoint(self._needs[w]) for w in words if w in self._needs)


def _companions(trigger: Trigger, pos: str, light_forms: set[str]) -> set[str] | None:
    """The words one of which must also be in the sentence for `trigger` to match (None:
    nothing more is needed). A particle and an object are both needed where a pattern names
    both; either one is a sufficient hint, since over-selecting costs only a parse."""
    if pos == "noun":
        return light_forms
    if trigger.object is not None:
        return inflections(trigger.object)
    if trigger.particle is not None:
        return {trigger.particle}
    return None


class ActorCues:
    """Whether a sentence mentions anything that can be an actor, from its words alone:
    a capitalised word (other than a function word like "The", "However" or "I"), one of the
    knowledge base's agent words (their last word: "prime minister" is found by
    "minister"), or a pronoun."""

    __slots__ = ("_words",)

    def __init__(self, agent_words: Iterable[str]) -> None:
        heads = {word.split()[-1].lower() for word in agent_words if word.strip()}
        self._words = frozenset(heads | _PRONOUNS)

    def __call__(self, sentence: str) -> bool:
        if any(word.lower() not in _OPENERS for word in _CAPITALISED.findall(sentence)):
            return True
        return any(word in self._words for word in _LOWER_WORD.findall(sentence.lower()))


class EventCandidates:
    """The sentences worth a full parse: a trigger form and an actor cue."""

    __slots__ = ("actors", "triggers")

    def __init__(self, triggers: TriggerForms, actors: ActorCues) -> None:
        self.triggers = triggers
        self.actors = actors

    def __call__(self, sentence: str) -> bool:
        return self.triggers(sentence) and self.actors(sentence)
