"""Turn validated entries into knowledge-base records, checking the references between files."""

from collections.abc import Container, Iterable, Sequence

from eventwire.kb.countries import ReferenceCountry, reference_countries
from eventwire.kb.errors import EntryRef
from eventwire.kb.facts import (
    Country,
    MediaOutlet,
    Membership,
    Metonym,
    MetonymReading,
    Office,
    Organization,
    Person,
    Role,
    SectorPeriod,
    Via,
)
from eventwire.kb.knowledge import KnowledgeBase
from eventwire.kb.layers import MergedKB, Sourced
from eventwire.kb.names import folded_key, unique
from eventwire.kb.schema import (
    CountryEntry,
    MediaEntry,
    MemberEntry,
    MetonymEntry,
    OfficeEntry,
    OrganizationEntry,
    PersonEntry,
    RoleEntry,
)

CAPITAL_SECTOR = "GOV"  # a capital in the news stands for its country's government


def build_kb(merged: MergedKB) -> KnowledgeBase:
    """Check that every reference resolves, then index everything."""
    reference = reference_countries()
    countries = {code: _country(ref, merged.countries.get(code)) for code, ref in reference.items()}
    _check_distinct_ids(merged, countries)
    names = {code: country.name for code, country in countries.items()}
    names |= {key: sourced.entry.name for key, sourced in merged.organizations.items()}
    organizations = {
        key: _organization(sourced, names) for key, sourced in merged.organizations.items()
    }
    offices = {key: _office(sourced, names) for key, sourced in merged.offices.items()}
    people = {key: _person(sourced, offices, names) for key, sourced in merged.people.items()}
    media = {key: _media(sourced) for key, sourced in merged.media.items()}
    actor_ids = names.keys() | media.keys()
    metonyms = _capital_metonyms(countries, merged)
    metonyms |= {key: _metonym(sourced, actor_ids) for key, sourced in merged.metonyms.items()}
    agents = {key: word.sector for key, word in merged.agents.items()}
    return KnowledgeBase(
        countries=countries,
        organizations=organizations,
        offices=offices,
        people=people,
        media=media,
        metonyms=metonyms,
        agents=agents,
    )


def _check_distinct_ids(merged: MergedKB, countries: Container[str]) -> None:
    # Countries, organisations and media share one actor-id space: an event's "NATO" or "RUS"
    # must name exactly one thing.
    for sourced in merged.organizations.values():
        if sourced.entry.id in countries:
            raise sourced.ref.error("id", f"{sourced.entry.id!r} is a country code")
    for outlet in merged.media.values():
        if outlet.entry.id in countries or outlet.entry.id in merged.organizations:
            raise outlet.ref.error(
                "id", f"{outlet.entry.id!r} is already a country or organisation"
            )


def _aliases(name: str, aliases: Iterable[str]) -> tuple[str, ...]:
    """Aliases without repeats and without spellings of the name itself."""
    return unique((name, *aliases))[1:]


def _resolve(ref: EntryRef, field: str, actor: str | None, known: Container[str]) -> None:
    if actor is not None and actor not in known:
        raise ref.error(field, f"unknown country or organisation {actor!r}")


def _country(reference: ReferenceCountry, entry: Sourced[CountryEntry] | None) -> Country:
    if entry is None:
        # Territories and other ISO entries not in our files: pycountry's names, no demonyms.
        aliases = _aliases(reference.name, reference.names)
        return Country(
            reference.code, reference.name, aliases, (), "other", reference.alpha_2, None
        )
    data = entry.entry
    aliases = _aliases(data.name, (*data.aliases, *reference.names))
    return Country(
        code=data.code,
        name=data.name,
        aliases=aliases,
        demonyms=unique(data.demonyms),
        status=data.status,
        alpha_2=reference.alpha_2,
        capital=reference.capital,
        sources=entry.sources,
    )


def _organization(sourced: Sourced[OrganizationEntry], names: dict[str, str]) -> Organization:
    data, ref = sourced.entry, sourced.ref
    _resolve(ref, "country", data.country, names)
    members = tuple(
        _membership(ref, index, member, names) for index, member in enumerate(data.members)
    )
    _check_member_overlaps(ref, data.members)
    return Organization(
        id=data.id,
        name=data.name,
        aliases=_aliases(data.name, data.aliases),
        kind=data.kind,
        country=data.country,
        sector=data.sector,
        sector_periods=tuple(SectorPeriod(p.sector, p.start, p.end) for p in data.sector_periods),
        members=members,
        sources=sourced.sources,
    )


def _membership(
    ref: EntryRef, index: int, member: MemberEntry, names: dict[str, str]
) -> Membership:
    _resolve(ref, f"members[{index}].country", member.country, names)
    return Membership(member.country, names[member.country], member.joined, member.left)


def _check_member_overlaps(ref: EntryRef, members: Sequence[MemberEntry]) -> None:
    # A country may leave and rejoin (Greece, Council of Europe), but not be listed twice at once.
    for index, member in enumerate(members):
        for earlier_index, earlier in enumerate(members[:index]):
            if (
                earlier.country == member.country
                and (earlier.left is None or member.joined <= earlier.left)
                and (member.left is None or earlier.joined <= member.left)
            ):
                problem = f"{member.country} overlaps members[{earlier_index}]"
                raise ref.error(f"members[{index}]", problem)


def _office(sourced: Sourced[OfficeEntry], names: dict[str, str]) -> Office:
    data = sourced.entry
    _resolve(sourced.ref, "country", data.country, names)
    return Office(data.id, data.country, tuple(data.kinds), data.sector, unique(data.titles))


def _person(
    sourced: Sourced[PersonEntry], offices: dict[str, Office], names: dict[str, str]
) -> Person:
    data = sourced.entry
    roles = tuple(
        _role(sourced.ref, f"roles[{index}]", role, offices, names)
        for index, role in enumerate(data.roles)
    )
    aliases = _aliases(data.name, data.aliases)
    return Person(data.id, data.name, aliases, data.country, roles, sourced.sources)


def _role(
    ref: EntryRef, field: str, role: RoleEntry, offices: dict[str, Office], names: dict[str, str]
) -> Role:
    if role.office is None:
        # The schema guarantees title, country and sector when there is no office.
        assert role.title is not None and role.country is not None and role.sector is not None
        _resolve(ref, f"{field}.country", role.country, names)
        return Role(None, role.title, role.country, role.sector, role.start, role.end)
    office = offices.get(role.office)
    if office is None:
        raise ref.error(f"{field}.office", f"unknown office {role.office!r}")
    title = role.title or office.titles[0]
    return Role(office.id, title, office.country, office.sector, role.start, role.end)


def _media(sourced: Sourced[MediaEntry]) -> MediaOutlet:
    data = sourced.entry
    aliases = _aliases(data.name, data.aliases)
    return MediaOutlet(data.id, data.name, aliases, data.country, data.kind, sourced.sources)


def _metonym(sourced: Sourced[MetonymEntry], actor_ids: Container[str]) -> Metonym:
    readings = []
    for index, reading in enumerate(sourced.entry.readings):
        _resolve(sourced.ref, f"readings[{index}].actor", reading.actor, actor_ids)
        cues = unique(reading.cues)
        readings.append(
            MetonymReading(reading.actor, reading.sector, cues, reading.start, reading.end)
        )
    return Metonym(sourced.entry.text, tuple(readings))


def _capital_metonyms(countries: dict[str, Country], merged: MergedKB) -> dict[str, Metonym]:
    """Capitals of the countries in our files, as metonyms of their governments.

    Skipped: capitals that share a name with a country ("Singapore": the country reading
    covers it) and capitals that a metonym file describes itself (Brussels, East Jerusalem).
    """
    country_names = {
        folded_key(name)
        for country in countries.values()
        for name in (country.name, *country.aliases)
    }
    metonyms: dict[str, Metonym] = {}
    for code in merged.countries:
        capital = countries[code].capital
        if capital is None or folded_key(capital) in country_names:
            continue
        reading = MetonymReading(code, CAPITAL_SECTOR, (), None, None)
        metonyms[folded_key(capital)] = Metonym(capital, (reading,), Via.CAPITAL)
    return metonyms
