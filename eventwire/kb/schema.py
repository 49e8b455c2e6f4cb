"""Pydantic models of the knowledge-base files (docs/kb.md); used only while loading them.

Checks that need one entry at a time live here (types, codes, dates, date order). Checks that
need every file (references between entries, unique ids) live in `eventwire.kb.build`.
"""

import re
from datetime import date
from typing import Annotated, Literal

import pycountry
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from eventwire.kb.sectors import PLOVER_SECTORS

KOSOVO = "XKX"  # user-assigned code that ISO has not standardised, but everyone uses
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ACTOR_ID = r"^[A-Z][A-Z0-9_]*$"
OFFICE_ID = r"^[A-Z][A-Z0-9_]*\.[a-z][a-z0-9_]*$"
PERSON_ID = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

CountryStatus = Literal["un_member", "un_observer", "other"]
OrganizationKind = Literal[
    "igo", "forum", "council", "agency", "armed_group", "party", "ngo", "company"
]
OfficeKind = Literal[
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "secretary_general",
    "high_representative",
    "spokesperson",
    "envoy",
    "national_security_adviser",
    "other",
]
MediaKind = Literal["wire", "newspaper", "broadcaster", "online", "state_media", "aggregator"]


def is_country_code(code: str) -> bool:
    """Whether `code` is an ISO 3166-1 alpha-3 code known to pycountry, or Kosovo's XKX."""
    return code == KOSOVO or pycountry.countries.get(alpha_3=code) is not None


def _parse_date(value: object) -> date:
    # PyYAML is told to leave dates as text (see loader), so a bad date reaches us as text and
    # can be reported with its field instead of failing the whole file.
    if value is None:
        raise ValueError("a date is required")
    if isinstance(value, date) and value.__class__ is date:
        return value
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"invalid date {value!r}")


def _parse_optional_date(value: object) -> date | None:
    return None if value is None else _parse_date(value)


def _check_country(code: str) -> str:
    if not is_country_code(code):
        raise ValueError(f"unknown country code {code!r}")
    return code


def _check_sector(code: str) -> str:
    if code not in PLOVER_SECTORS:
        raise ValueError(f"unknown PLOVER sector {code!r}")
    return code


Name = Annotated[str, Field(min_length=1)]
RequiredDate = Annotated[date, BeforeValidator(_parse_date)]
OptionalDate = Annotated[date | None, BeforeValidator(_parse_optional_date)]
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{3}$"), AfterValidator(_check_country)]
ActorId = Annotated[str, Field(pattern=ACTOR_ID)]
Sector = Annotated[str, AfterValidator(_check_sector)]
OptionalSector = Sector | None


class Entry(BaseModel):
    """Every entry: unknown fields are errors, values are not coerced, `sources` is allowed."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    sources: list[Name] = []


def _not_before(value: date | None, info: ValidationInfo, earlier_field: str) -> date | None:
    earlier = info.data.get(earlier_field)
    if value is not None and isinstance(earlier, date) and value < earlier:
        raise ValueError(f"{value.isoformat()} is before {earlier_field} {earlier.isoformat()}")
    return value


class CountryEntry(Entry):
    code: CountryCode
    name: Name
    aliases: list[Name] = []
    demonyms: list[Name] = []
    status: CountryStatus


class OpenPeriod(Entry):
    """An entry that may hold only between two dates, either of them open."""

    start: OptionalDate = None
    end: OptionalDate = None

    @field_validator("end")
    @classmethod
    def _end_not_before_start(cls, end: date | None, info: ValidationInfo) -> date | None:
        return _not_before(end, info, "start")


class ReadingEntry(OpenPeriod):
    """One thing a metonym may stand for; `cues` choose it, `start`/`end` limit it in time."""

    actor: ActorId
    sector: OptionalSector = None
    cues: list[Name] = []


class MetonymEntry(Entry):
    text: Name
    readings: list[ReadingEntry] = Field(min_length=1)


class MemberEntry(Entry):
    country: ActorId  # ISO3, or the id of an organisation that is itself a member (EU in G20)
    joined: RequiredDate
    left: OptionalDate = None

    @field_validator("left")
    @classmethod
    def _left_not_before_joined(cls, left: date | None, info: ValidationInfo) -> date | None:
        return _not_before(left, info, "joined")


class SectorPeriodEntry(OpenPeriod):
    sector: Sector


class OrganizationEntry(Entry):
    id: ActorId
    name: Name
    aliases: list[Name] = []
    kind: OrganizationKind
    country: ActorId | None = None  # ISO3 for national bodies, an organisation id for organs
    sector: OptionalSector = None
    sector_periods: list[SectorPeriodEntry] = []
    members: list[MemberEntry] = []


class OfficeEntry(Entry):
    id: Annotated[str, Field(pattern=OFFICE_ID)]
    country: ActorId  # ISO3 or an organisation id
    kinds: list[OfficeKind] = Field(min_length=1)
    sector: Sector
    titles: list[Name] = Field(min_length=1)

    @field_validator("country")
    @classmethod
    def _country_prefixes_id(cls, country: str, info: ValidationInfo) -> str:
        office_id = info.data.get("id")
        if isinstance(office_id, str) and office_id.split(".")[0] != country:
            raise ValueError(f"office id {office_id!r} must start with {country!r}")
        return country


class RoleEntry(Entry):
    """A person's post: an office, or a title with a country/organisation and a sector."""

    office: Annotated[str, Field(pattern=OFFICE_ID)] | None = None
    title: Name | None = None
    country: ActorId | None = None
    sector: OptionalSector = None
    start: RequiredDate
    end: OptionalDate = None

    @field_validator("end")
    @classmethod
    def _end_not_before_start(cls, end: date | None, info: ValidationInfo) -> date | None:
        return _not_before(end, info, "start")

    @model_validator(mode="after")
    def _office_or_title(self) -> "RoleEntry":
        if self.office is not None and (self.country is not None or self.sector is not None):
            raise ValueError("a role with an office takes its country and sector from the office")
        if self.office is None and None in (self.title, self.country, self.sector):
            raise ValueError("a role needs an office, or a title, a country and a sector")
        return self


class PersonEntry(Entry):
    id: Annotated[str, Field(pattern=PERSON_ID)]
    name: Name
    aliases: list[Name] = []
    country: CountryCode
    roles: list[RoleEntry] = []


class AgentEntry(Entry):
    sector: Sector
    words: list[Name] = Field(min_length=1)


class MediaEntry(Entry):
    id: ActorId
    name: Name
    aliases: list[Name] = []
    country: CountryCode
    kind: MediaKind


class KBFile(BaseModel):
    """One YAML file: any of the sections, each a list of entries, plus file-wide `sources`."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    sources: list[Name] = []
    countries: list[CountryEntry] = []
    metonyms: list[MetonymEntry] = []
    organizations: list[OrganizationEntry] = []
    offices: list[OfficeEntry] = []
    people: list[PersonEntry] = []
    agents: list[AgentEntry] = []
    media: list[MediaEntry] = []


# The field that identifies an entry of each section, in error messages and for overrides.
ENTRY_KEYS: dict[str, str] = {
    "countries": "code",
    "metonyms": "text",
    "organizations": "id",
    "offices": "id",
    "people": "id",
    "agents": "sector",
    "media": "id",
}
