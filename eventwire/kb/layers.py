"""Stack validated files: shipped first, then each user directory replacing entries by key."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from eventwire.kb.errors import EntryRef
from eventwire.kb.names import folded_key
from eventwire.kb.schema import (
    ENTRY_KEYS,
    AgentEntry,
    CountryEntry,
    Entry,
    KBFile,
    MediaEntry,
    MetonymEntry,
    OfficeEntry,
    OrganizationEntry,
    PersonEntry,
)

E = TypeVar("E", bound=Entry)


@dataclass(frozen=True, slots=True)
class LoadedFile:
    label: str
    content: KBFile


@dataclass(frozen=True, slots=True)
class Layer:
    """The files of one directory; ids must be unique within a layer."""

    files: list[LoadedFile]


@dataclass(frozen=True, slots=True)
class Sourced(Generic[E]):
    """A validated entry, where it came from, and its sources (the file's, then its own)."""

    ref: EntryRef
    entry: E
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AgentWord:
    ref: EntryRef
    word: str
    sector: str


@dataclass(slots=True)
class MergedKB:
    """Every entry that survived the overrides, by section and key."""

    countries: dict[str, Sourced[CountryEntry]] = field(default_factory=dict)
    metonyms: dict[str, Sourced[MetonymEntry]] = field(default_factory=dict)
    organizations: dict[str, Sourced[OrganizationEntry]] = field(default_factory=dict)
    offices: dict[str, Sourced[OfficeEntry]] = field(default_factory=dict)
    people: dict[str, Sourced[PersonEntry]] = field(default_factory=dict)
    media: dict[str, Sourced[MediaEntry]] = field(default_factory=dict)
    agents: dict[str, AgentWord] = field(default_factory=dict)  # by folded word


def merge_layers(layers: list[Layer]) -> MergedKB:
    """Later layers replace entries of earlier ones with the same key; a key repeated within one
    layer is an error, since nothing says which of the two is meant."""
    merged = MergedKB()
    for layer in layers:
        _merge_layer(merged, layer)
    return merged


def _merge_layer(merged: MergedKB, layer: Layer) -> None:
    new = MergedKB()
    for loaded in layer.files:
        content, label = loaded.content, loaded.label
        found = (label, content.sources)
        _collect(new.countries, found, "countries", content.countries, lambda e: e.code)
        _collect(new.metonyms, found, "metonyms", content.metonyms, lambda e: folded_key(e.text))
        _collect(new.organizations, found, "organizations", content.organizations, _by_id)
        _collect(new.offices, found, "offices", content.offices, _by_id)
        _collect(new.people, found, "people", content.people, _by_id)
        _collect(new.media, found, "media", content.media, _by_id)
        for index, agents in enumerate(content.agents):
            _add_words(new.agents, EntryRef(label, "agents", index, agents.sector), agents)
    merged.countries.update(new.countries)
    merged.metonyms.update(new.metonyms)
    merged.organizations.update(new.organizations)
    merged.offices.update(new.offices)
    merged.people.update(new.people)
    merged.media.update(new.media)
    merged.agents.update(new.agents)


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


def _by_id(entry: _HasId) -> str:
    return entry.id


def _collect(
    target: dict[str, Sourced[E]],
    found: tuple[str, list[str]],
    section: str,
    entries: list[E],
    key: Callable[[E], str],
) -> None:
    label, file_sources = found
    for index, entry in enumerate(entries):
        ref = EntryRef(label, section, index, str(getattr(entry, ENTRY_KEYS[section])))
        entry_key = key(entry)
        if entry_key in target:
            problem = f"duplicate {entry_key!r}, also at {target[entry_key].ref}"
            raise ref.error(ENTRY_KEYS[section], problem)
        target[entry_key] = Sourced(ref, entry, (*file_sources, *entry.sources))


def _add_words(words: dict[str, AgentWord], ref: EntryRef, agents: AgentEntry) -> None:
    for position, word in enumerate(agents.words):
        key = folded_key(word)
        if key in words:
            raise ref.error(f"words[{position}]", f"{word!r} is already listed at {words[key].ref}")
        words[key] = AgentWord(ref, word, agents.sector)
