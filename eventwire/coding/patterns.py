"""The coder's data: event triggers per PLOVER type, and the type table, validated on load."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
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

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in PLOVER_TYPES:
            raise ValueError(f"unknown PLOVER type {value!r}")
        return value


class PatternFile(_Strict):
    patterns: tuple[PatternEntry, ...]
    light_verbs: tuple[str, ...] = ()
    speech_verbs: tuple[str, ...] = ()
    attribution_nouns: tuple[str, ...] = ()
    denial_objects: tuple[str, ...] = ()


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


@dataclass(frozen=True, slots=True)
class PatternBook:
    """Triggers indexed by (lemma, pos), with the verb lists the coder needs."""

    triggers: dict[tuple[str, str], tuple[Trigger, ...]]
    light_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    attribution_nouns: frozenset[str]
    denial_objects: frozenset[str]
    types: dict[str, TypeEntry]

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
    return PatternBook(
        triggers=_index(patterns.patterns),
        light_verbs=frozenset(patterns.light_verbs),
        speech_verbs=frozenset(patterns.speech_verbs),
        attribution_nouns=frozenset(patterns.attribution_nouns),
        denial_objects=frozenset(patterns.denial_objects),
        types=dict(types.types),
    )


def _index(entries: Iterable[PatternEntry]) -> dict[tuple[str, str], tuple[Trigger, ...]]:
    index: dict[tuple[str, str], list[Trigger]] = {}
    for e in entries:
        trigger = Trigger(
            e.lemma.lower(), e.pos, e.type, e.mode, e.particle, e.object, e.target,
            e.cameo, e.reciprocal, e.requires_target,
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
