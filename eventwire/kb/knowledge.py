"""The loaded knowledge base: who and what a name may be, as of a date."""

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date

from eventwire.kb.describe import describe
from eventwire.kb.facts import (
    Actor,
    ActorKind,
    Candidate,
    Country,
    MediaOutlet,
    Membership,
    Metonym,
    MetonymReading,
    Office,
    Organization,
    Person,
    Role,
    RoleHolding,
    Via,
)
from eventwire.kb.name_index import NameIndex
from eventwire.kb.names import folded_key
from eventwire.kb.patterns import spacy_patterns
from eventwire.kb.sectors import (
    FORMER_OFFICIAL,
    FORMER_OFFICIAL_SOURCES,
    MEDIA_SECTOR,
    precedence,
)

# `who("foreign minister", ...)` also finds offices by kind, whatever their titles say;
# news spells the kinds both ways.
_KIND_SPELLINGS = {"defense": "defence"}
_UNTITLED_KIND = "other"


class KnowledgeBase:
    """Countries, organisations, offices, people, media, metonyms and agent words, indexed.

    Build it with `eventwire.kb.load_kb`. Methods taking an id raise `KeyError` for an
    unknown one, since ids come from the knowledge base itself.
    """

    __slots__ = (
        "_agents",
        "_countries",
        "_holders",
        "_media",
        "_metonyms",
        "_names",
        "_offices",
        "_offices_by_kind",
        "_offices_by_title",
        "_organizations",
        "_people",
        "_surname_list",
        "_surnames",
        "_titled_roles",
    )

    def __init__(
        self,
        *,
        countries: Mapping[str, Country],
        organizations: Mapping[str, Organization],
        offices: Mapping[str, Office],
        people: Mapping[str, Person],
        media: Mapping[str, MediaOutlet],
        metonyms: Mapping[str, Metonym],
        agents: Mapping[str, str],
    ) -> None:
        self._countries = dict(countries)
        self._organizations = dict(organizations)
        self._offices = dict(offices)
        self._people = dict(people)
        self._media = dict(media)
        self._metonyms = dict(metonyms)
        self._agents = {folded_key(word): sector for word, sector in agents.items()}
        self._names = NameIndex()
        self._offices_by_title: dict[str, list[Office]] = {}
        self._offices_by_kind: dict[str, list[Office]] = {}
        self._holders: dict[str, list[tuple[Person, Role]]] = {key: [] for key in offices}
        self._titled_roles: dict[str, list[tuple[Person, Role]]] = {}
        self._surnames: dict[str, list[Person]] = {}
        self._index_names()
        self._index_surnames()
        self._surname_list = tuple(self._surnames)
        self._index_offices()

    # --- names ---

    def lookup(self, name: str, on: date | None = None) -> list[Candidate]:
        """What `name` may refer to: countries (by name, alias or demonym), organisations,
        people, media and metonym readings. With `on`, dated readings must cover that day."""
        return self._names.lookup(name, on)

    def agent_sector(self, word: str) -> str | None:
        """The PLOVER sector of a generic agent word ("troops" -> MIL), as listed."""
        return self._agents.get(folded_key(word))

    def agent_words(self) -> list[str]:
        """Every generic agent word, case-folded."""
        return sorted(self._agents)

    def name_forms(self) -> list[str]:
        """Every name, alias, demonym and metonym the knowledge base matches."""
        return self._names.surfaces()

    def spacy_patterns(self) -> list[dict[str, object]]:
        """Entity-ruler patterns for every name; see `eventwire.kb.patterns`."""
        return spacy_patterns(self)

    # --- entries ---

    def display_name(self, actor_id: str) -> str:
        """What to call an actor in titles and briefings ("RUS" → "Russia"); the id itself
        when the knowledge base does not know it. An office has a title, not a name."""
        return str(getattr(self.get(actor_id), "name", None) or actor_id)

    def get(self, actor_id: str) -> Actor | None:
        """The country, organisation, media outlet, office or person with this id."""
        for table in (self._countries, self._organizations, self._media, self._offices):
            if actor_id in table:
                return table[actor_id]
        return self._people.get(actor_id)

    def countries(self) -> list[Country]:
        """Every country, ours and pycountry's, by code."""
        return sorted(self._countries.values(), key=lambda country: country.code)

    def describe(self, actor_id: str, on: date) -> str:
        """A short human description of an actor as of `on` (for `eventwire kb show`)."""
        return describe(self, actor_id, on)

    # --- organisations ---

    def organization_ids(self) -> list[str]:
        return sorted(self._organizations)

    def members(
        self, org_id: str, on: date | None = None, joined_after: date | None = None
    ) -> list[Membership]:
        """Members on `on` (default: today), optionally only those who joined after a date;
        sorted by accession date, then code."""
        day = on if on is not None else date.today()
        found = [
            member
            for member in self._organizations[org_id].members
            if member.on(day) and (joined_after is None or member.joined > joined_after)
        ]
        return sorted(found, key=lambda member: (member.joined, member.country))

    # --- people ---

    def holders(self, office_id: str, on: date) -> list[Person]:
        """Who held the office on `on` (usually one person; none during a vacancy)."""
        found = [person for person, role in self._holders[office_id] if role.on(on)]
        return list(dict.fromkeys(found))

    def who(self, title: str, country: str | None, on: date | None) -> list[RoleHolding]:
        """Who held a post with this title (or office kind, e.g. "foreign minister") in
        `country` (ISO3 or organisation id; None for any) on `on` (None: at any time)."""
        key = folded_key(title)
        offices = [
            *self._offices_by_title.get(key, ()),
            *self._offices_by_kind.get(_kind_key(title), ()),
        ]
        pairs = [pair for office in dict.fromkeys(offices) for pair in self._holders[office.id]]
        pairs += self._titled_roles.get(key, [])
        return [
            _holding(person, role)
            for person, role in dict.fromkeys(pairs)
            if (on is None or role.on(on)) and (country is None or role.country == country)
        ]

    def title_forms(self) -> list[str]:
        """Every post title and office kind the knowledge base knows ("Defence Secretary",
        "foreign minister"), longest first, so that a scan finds the longest title."""
        forms = {title for office in self._offices.values() for title in office.titles}
        forms |= {kind.replace("_", " ") for kind in self._offices_by_kind}
        forms |= {role.title for pairs in self._titled_roles.values() for _, role in pairs}
        return sorted(forms, key=lambda form: (-len(form), form))

    def people_named(self, word: str) -> list[Person]:
        """People whose name or an alias ends with `word` (a surname: "Hegseth")."""
        return list(self._surnames.get(folded_key(word), ()))

    def surnames(self) -> tuple[str, ...]:
        """Every surname (last word of a person's name or alias), for fuzzy matching."""
        return self._surname_list

    def roles_of(self, person_id: str, on: date) -> list[RoleHolding]:
        """The roles a person held on `on`."""
        person = self._people[person_id]
        return [_holding(person, role) for role in person.roles if role.on(on)]

    def sector_of(self, actor_id: str, on: date) -> str | None:
        """The PLOVER sector of an actor on `on`.

        A person: the sector of the role held that day (the most powerful if several, see
        `SECTOR_PRECEDENCE`); holding none after a GOV/MIL/LEG/JUD role, ELI; else None.
        An organisation: its dated sector if one applies, else its standing sector. Media:
        JRN. An office: its sector. A country: None (the country itself, no sector).
        """
        actor = self.get(actor_id)
        if actor is None:
            raise KeyError(actor_id)
        if isinstance(actor, Person):
            return _person_sector(actor, on)
        return _standing_sector(actor, on)

    # --- index building ---

    def _index_names(self) -> None:
        for country in self._countries.values():
            candidate = _candidate(country, None)
            self._add_names(candidate, country.name, country.aliases)
            for demonym in country.demonyms:
                self._names.add(demonym, replace(candidate, via=Via.DEMONYM))
        named: list[Organization | MediaOutlet | Person] = [
            *self._organizations.values(),
            *self._media.values(),
            *self._people.values(),
        ]
        for actor in named:
            self._add_names(_candidate(actor, None), actor.name, actor.aliases)
        for metonym in self._metonyms.values():
            for reading in metonym.readings:
                self._names.add(metonym.text, self._reading(metonym, reading))

    def _index_surnames(self) -> None:
        for person in self._people.values():
            for name in (person.name, *person.aliases):
                surname = _surname(name)
                if surname is not None:
                    found = self._surnames.setdefault(surname, [])
                    if person not in found:
                        found.append(person)

    def _add_names(self, candidate: Candidate, name: str, aliases: Iterable[str]) -> None:
        self._names.add(name, candidate)
        for alias in aliases:
            self._names.add(alias, replace(candidate, via=Via.ALIAS))

    def _reading(self, metonym: Metonym, reading: MetonymReading) -> Candidate:
        actor = self.get(reading.actor)
        if actor is None or isinstance(actor, Person | Office):
            raise KeyError(reading.actor)  # the loader checked every reading's actor
        base = _candidate(actor, reading.sector)
        return replace(
            base, via=metonym.via, cues=reading.cues, start=reading.start, end=reading.end
        )

    def _index_offices(self) -> None:
        for office in self._offices.values():
            for title in office.titles:
                self._offices_by_title.setdefault(folded_key(title), []).append(office)
            for kind in office.kinds:
                if kind != _UNTITLED_KIND:
                    self._offices_by_kind.setdefault(kind, []).append(office)
        for person in self._people.values():
            for role in person.roles:
                if role.office is not None:
                    self._holders[role.office].append((person, role))
                else:
                    titled = self._titled_roles.setdefault(folded_key(role.title), [])
                    titled.append((person, role))


# Monarchs and popes are not called by a surname: "King Juan Carlos I of Spain" gives none
# (not "Spain", "I" or "Carlos").
_REGNAL_TITLES = {"king", "queen", "prince", "princess", "emperor", "empress", "pope", "sultan",
                  "emir", "sheikh", "crown", "grand"}  # fmt: skip
_REGNAL_NUMBER = re.compile(r"^[ivx]+$")


def _surname(name: str) -> str | None:
    """The last word of a person's name, when it can stand alone for them."""
    words = folded_key(name).split()
    if len(words) < 2 or words[0] in _REGNAL_TITLES or " of " in f" {' '.join(words)} ":
        return None
    if _REGNAL_NUMBER.match(words[-1]):
        return None
    return words[-1]


def _kind_key(title: str) -> str:
    words = [_KIND_SPELLINGS.get(word, word) for word in folded_key(title).split()]
    return "_".join(words)


def _holding(person: Person, role: Role) -> RoleHolding:
    return RoleHolding(
        person_id=person.id,
        person_name=person.name,
        office=role.office,
        title=role.title,
        country=role.country,
        sector=role.sector,
        start=role.start,
        end=role.end,
    )


def _candidate(
    actor: Country | Organization | MediaOutlet | Person, sector: str | None
) -> Candidate:
    """A name candidate for `actor`; `sector` overrides its standing sector (metonyms)."""
    if isinstance(actor, Country):
        return Candidate(actor.code, ActorKind.COUNTRY, actor.name, Via.NAME, sector, actor.code)
    if isinstance(actor, Organization):
        standing = sector or actor.sector
        return Candidate(
            actor.id, ActorKind.ORGANIZATION, actor.name, Via.NAME, standing, actor.country
        )
    if isinstance(actor, MediaOutlet):
        return Candidate(
            actor.id, ActorKind.MEDIA, actor.name, Via.NAME, MEDIA_SECTOR, actor.country
        )
    return Candidate(actor.id, ActorKind.PERSON, actor.name, Via.NAME, sector, actor.country)


def _person_sector(person: Person, on: date) -> str | None:
    held = [role for role in person.roles if role.on(on)]
    if held:
        # Most powerful first; among equals, the most recently started role.
        best = min(held, key=lambda role: (precedence(role.sector), -role.start.toordinal()))
        return best.sector
    was_official = any(
        role.end is not None and role.end < on and role.sector in FORMER_OFFICIAL_SOURCES
        for role in person.roles
    )
    return FORMER_OFFICIAL if was_official else None


def _standing_sector(actor: Country | Organization | MediaOutlet | Office, on: date) -> str | None:
    if isinstance(actor, Organization):
        return actor.sector_on(on)
    if isinstance(actor, MediaOutlet):
        return MEDIA_SECTOR
    if isinstance(actor, Office):
        return actor.sector
    return None
