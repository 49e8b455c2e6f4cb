"""Short human descriptions of actors, for `eventwire kb show`."""

from datetime import date
from typing import TYPE_CHECKING

from eventwire.kb.facts import Country, MediaOutlet, Office, Organization, Person

if TYPE_CHECKING:
    from eventwire.kb.knowledge import KnowledgeBase

MAX_LISTED = 8  # names shown before "…" keeps a description to a few lines
STATUS_TEXT = {
    "un_member": "UN member",
    "un_observer": "UN observer state",
    "other": "not in the UN",
}


def describe(kb: "KnowledgeBase", actor_id: str, on: date) -> str:
    """For example: `NATO: North Atlantic Treaty Organization (igo); 32 members on 2025-02-12`."""
    actor = kb.get(actor_id)
    if actor is None:
        raise KeyError(actor_id)
    if isinstance(actor, Country):
        return _country(actor)
    if isinstance(actor, Organization):
        return _organization(kb, actor, on)
    if isinstance(actor, MediaOutlet):
        return f"{actor.id}: {actor.name} ({actor.kind}, {actor.country}, JRN){_aka(actor.aliases)}"
    if isinstance(actor, Office):
        return _office(kb, actor, on)
    return _person(kb, actor, on)


def _listed(names: tuple[str, ...] | list[str]) -> str:
    shown = ", ".join(names[:MAX_LISTED])
    return shown + (", …" if len(names) > MAX_LISTED else "")


def _aka(aliases: tuple[str, ...]) -> str:
    return f"; also {_listed(aliases)}" if aliases else ""


def _country(country: Country) -> str:
    text = f"{country.code}: {country.name} (country, {STATUS_TEXT[country.status]})"
    if country.capital:
        text += f"; capital {country.capital}"
    text += _aka(country.aliases)
    if country.demonyms:
        text += f"; demonyms {_listed(country.demonyms)}"
    return text


def _organization(kb: "KnowledgeBase", org: Organization, on: date) -> str:
    details = [org.kind, *(part for part in (org.country, kb.sector_of(org.id, on)) if part)]
    text = f"{org.id}: {org.name} ({', '.join(details)})"
    if org.members:
        members = kb.members(org.id, on=on)
        text += f"; {len(members)} members on {on.isoformat()}"
    return text + _aka(org.aliases)


def _office(kb: "KnowledgeBase", office: Office, on: date) -> str:
    holders = [person.name for person in kb.holders(office.id, on)]
    held = f"held by {_listed(holders)}" if holders else "vacant or unknown"
    return (
        f"{office.id}: {office.titles[0]} ({office.country}, {office.sector}); "
        f"on {on.isoformat()} {held}"
    )


def _person(kb: "KnowledgeBase", person: Person, on: date) -> str:
    roles = [
        f"{role.title} ({role.country}, {role.sector}) since {role.start.isoformat()}"
        for role in kb.roles_of(person.id, on)
    ]
    held = "; ".join(roles) if roles else "no role"
    sector = kb.sector_of(person.id, on) or "no sector"
    return f"{person.id}: {person.name} ({person.country}); on {on.isoformat()}: {held}; {sector}"
