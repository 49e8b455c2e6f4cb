"""The coder's data: event triggers per PLOVER type, and the type table, validated on load."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


class CodingDataError(ValueError):
    """A coding data file is invalid; the message names the file and the entry."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PatternEntry(_Strict):
    lemma: str
    pos: Literal["verb", "noun"]
    type: str
    mode: str | None = None
    particle: str | None = None
    object: str | None = None
    target: tuple[str, ...] = ()
    cameo: str | None = None
    reciprocal: bool = False
    requires_target: bool = False
    source: tuple[str, ...] = ()
    # With a direct object, the entry applies only to one of these ("mobilized 300,000
    # reservists", not "mobilized pressure groups"); empty: any object.
    objects: tuple[str, ...] = ()

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in PLOVER_TYPES:
            raise ValueError(f"unknown PLOVER type {value!r}")
        return value


class RefusalEntry(_Strict):
    mode: str | None = None
    cameo: str


class RecodingEntry(_Strict):
    """What an act becomes when it is announced: its type, mode and CAMEO code."""

    type: str
    mode: str | None = None
    cameo: str


class PatternFile(_Strict):
    patterns: tuple[PatternEntry, ...]
    light_verbs: tuple[str, ...] = ()
    speech_verbs: tuple[str, ...] = ()
    attribution_nouns: tuple[str, ...] = ()
    denial_objects: tuple[str, ...] = ()
    refusals: dict[str, RefusalEntry] = Field(default_factory=dict)
    announcements: dict[str, RecodingEntry] = Field(default_factory=dict)
    refusal_heads: tuple[str, ...] = ()
    refusal_modals: tuple[str, ...] = ()
    announcing_verbs: tuple[str, ...] = ()
    demands: dict[str, RecodingEntry] = Field(default_factory=dict)
    occurrence_verbs: tuple[str, ...] = ()
    opinion_verbs: tuple[str, ...] = ()
    sentiment_objects: tuple[str, ...] = ()
    stance_passives: tuple[str, ...] = ()
    attempt_verbs: tuple[str, ...] = ()


class TypeEntry(_Strict):
    quad: str
    cameo_root: str
    score: float
    modes: dict[str, float] = Field(default_factory=dict)


class TypeFile(_Strict):
    types: dict[str, TypeEntry]


@dataclass(frozen=True, slots=True)
class Trigger:
    """One way a predicate signals an event; see data/coding/patterns.yaml."""

    lemma: str
    pos: str
    event_type: str
    mode: str | None
    particle: str | None
    object: str | None
    target: tuple[str, ...]
    cameo: str | None
    reciprocal: bool
    requires_target: bool
    # Where the actor is when the subject is the recipient ("received weapons from X"); the
    # subject is then the target. Empty: the subject is the source.
    source: tuple[str, ...] = ()
    # The direct objects it takes, when it takes one (empty: any).
    objects: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class PatternBook:
    """Triggers indexed by (lemma, pos), with the verb lists the coder needs."""

    triggers: dict[tuple[str, str], tuple[Trigger, ...]]
    light_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    attribution_nouns: frozenset[str]
    denial_objects: frozenset[str]
    types: dict[str, TypeEntry]
    # A refused act's type -> the REJECT (mode, CAMEO code) it becomes; see patterns.yaml.
    refusals: dict[str, RefusalEntry] = field(default_factory=dict)
    # An announced act's type -> the AGREE or THREATEN coding of the announcement.
    announcements: dict[str, RecodingEntry] = field(default_factory=dict)
    refusal_heads: frozenset[str] = frozenset()
    refusal_modals: frozenset[str] = frozenset()
    announcing_verbs: frozenset[str] = frozenset()
    # A modal of obligation in reported speech -> the demand it makes ("said Israel must end").
    demands: dict[str, RecodingEntry] = field(default_factory=dict)
    # Verbs that say their subject happened, each with the particle or object it needs ("" for
    # none): "erupt" -> "", "break out" -> "out", "take place" -> "place".
    occurrence_verbs: dict[str, str] = field(default_factory=dict)
    # Triggers that hold an opinion, not an event, when a "that" clause follows.
    opinion_verbs: frozenset[str] = frozenset()
    # Objects that make a trigger verb an expression of feeling ("offered condolences").
    sentiment_objects: frozenset[str] = frozenset()
    # Verbs whose passive states the subject's stance ("is opposed to", "is committed to").
    stance_passives: frozenset[str] = frozenset()
    # Trigger verbs that, with an infinitive and no object, are an attempt ("sought to ease").
    attempt_verbs: frozenset[str] = frozenset()

    def candidates(self, lemma: str, pos: str) -> tuple[Trigger, ...]:
        return self.triggers.get((lemma.lower(), pos), ())

    def score(self, event_type: str, mode: str | None) -> float:
        entry = self.types[event_type]
        return entry.modes.get(mode or "", entry.score)


def _read(name: str) -> object:
    text = (resources.files("eventwire") / "data" / "coding" / name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def build_book(patterns: PatternFile, types: TypeFile) -> PatternBook:
    missing = [t for t in PLOVER_TYPES if t not in types.types]
    if missing:
        raise CodingDataError(f"plover.yaml: types missing: {missing}")
    for number, entry in enumerate(patterns.patterns):
        modes = types.types[entry.type].modes
        if entry.mode is not None and entry.mode not in modes:
            raise CodingDataError(
                f"patterns.yaml: patterns[{number}] ({entry.lemma}): mode {entry.mode!r} "
                f"is not a mode of {entry.type}"
            )
    _check_refusals(patterns.refusals, types)
    _check_recodings("announcements", patterns.announcements, types)
    _check_recodings("demands", patterns.demands, types, keys_are_types=False)
    return PatternBook(
        triggers=_index(patterns.patterns),
        light_verbs=frozenset(patterns.light_verbs),
        speech_verbs=frozenset(patterns.speech_verbs),
        attribution_nouns=frozenset(patterns.attribution_nouns),
        denial_objects=frozenset(patterns.denial_objects),
        types=dict(types.types),
        refusals=dict(patterns.refusals),
        announcements=dict(patterns.announcements),
        refusal_heads=frozenset(patterns.refusal_heads),
        refusal_modals=frozenset(patterns.refusal_modals),
        announcing_verbs=frozenset(patterns.announcing_verbs),
        demands=dict(patterns.demands),
        occurrence_verbs=_occurrence_verbs(patterns.occurrence_verbs),
        opinion_verbs=frozenset(patterns.opinion_verbs),
        sentiment_objects=frozenset(patterns.sentiment_objects),
        stance_passives=frozenset(patterns.stance_passives),
        attempt_verbs=frozenset(patterns.attempt_verbs),
    )


def _check_refusals(refusals: dict[str, RefusalEntry], types: TypeFile) -> None:
    reject_modes = types.types["REJECT"].modes
    for refused, entry in refusals.items():
        if refused not in PLOVER_TYPES:
            raise CodingDataError(f"patterns.yaml: refusals: unknown PLOVER type {refused!r}")
        if entry.mode is not None and entry.mode not in reject_modes:
            raise CodingDataError(
                f"patterns.yaml: refusals[{refused}]: mode {entry.mode!r} is not a mode of REJECT"
            )


def _occurrence_verbs(phrases: Iterable[str]) -> dict[str, str]:
    verbs: dict[str, str] = {}
    for phrase in phrases:
        verb, _, needed = phrase.partition(" ")
        if " " in needed:
            raise CodingDataError(f"patterns.yaml: occurrence_verbs: {phrase!r} has three words")
        verbs[verb] = needed
    return verbs


def _check_recodings(
    section: str,
    recodings: dict[str, RecodingEntry],
    types: TypeFile,
    *,
    keys_are_types: bool = True,
) -> None:
    for key, entry in recodings.items():
        if keys_are_types and key not in PLOVER_TYPES:
            raise CodingDataError(f"patterns.yaml: {section}: unknown PLOVER type {key!r}")
        if entry.type not in PLOVER_TYPES:
            raise CodingDataError(
                f"patterns.yaml: {section}[{key}]: unknown PLOVER type {entry.type!r}"
            )
        if entry.mode is not None and entry.mode not in types.types[entry.type].modes:
            raise CodingDataError(
                f"patterns.yaml: {section}[{key}]: mode {entry.mode!r} is not a mode "
                f"of {entry.type}"
            )


def _index(entries: Iterable[PatternEntry]) -> dict[tuple[str, str], tuple[Trigger, ...]]:
    index: dict[tuple[str, str], list[Trigger]] = {}
    for e in entries:
        trigger = Trigger(
            e.lemma.lower(), e.pos, e.type, e.mode, e.particle, e.object, e.target,
            e.cameo, e.reciprocal, e.requires_target, e.source, frozenset(e.objects),
        )  # fmt: skip
        index.setdefault((trigger.lemma, trigger.pos), []).append(trigger)
    # The most specific first: a trigger that needs a particle or an object wins when present.
    return {
        key: tuple(sorted(found, key=lambda t: (t.particle is None, t.object is None)))
        for key, found in index.items()
    }


def load_types() -> TypeFile:
    """The shipped PLOVER type table (quad, CAMEO root, scores), validated."""
    try:
        return TypeFile.model_validate(_read("plover.yaml"))
    except ValidationError as err:
        raise CodingDataError(f"plover.yaml: {err}") from err


@cache
def load_patterns() -> PatternBook:
    """The shipped coding data, validated; raises CodingDataError naming the problem."""
    try:
        patterns = PatternFile.model_validate(_read("patterns.yaml"))
    except ValidationError as err:
        raise CodingDataError(f"patterns.yaml: {err}") from err
    return build_book(patterns, load_types())
