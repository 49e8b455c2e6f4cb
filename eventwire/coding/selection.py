"""Which sentences can hold an event, decided before parsing (parsing is the costly step).

A sentence is worth a full parse when one of its words is an inflected form of a trigger
lemma ("attacked", "talks", "held"). The forms are generated from the pattern data with
regular English morphology and a short list of irregular verbs; a form too many is harmless
(one parse more), a form too few loses an event, so the rules over-generate.
"""

from __future__ import annotations

import re

from eventwire.coding.patterns import PatternBook

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
    "go": ("went", "gone"), "come": ("came",), "run": ("ran",),
}  # fmt: skip
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
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
    """The written forms of every trigger lemma. Light verbs are not needed: "held talks"
    is found by "talks"."""

    __slots__ = ("_forms",)

    def __init__(self, book: PatternBook) -> None:
        lemmas = {lemma for lemma, _ in book.triggers}
        self._forms = frozenset(form for lemma in lemmas for form in inflections(lemma))

    def __call__(self, sentence: str) -> bool:
        return any(word in self._forms for word in _WORD.findall(sentence.lower()))
