"""Compatibility views, so that analysis code written for other event datasets loads ours:

* `gdelt`: one row per canonical event, in the column names of the GDELT 2.0 event table
  (CAMEO root code, QuadClass, PLOVER's score in GoldsteinScale's place, mention, source and
  article counts, the action's place, the founding report's URL);
* `polecat`: one row per event report, in the column names of the POLECAT weekly files
  (PLOVER type and mode, quad code, actor and recipient with country and sector, place,
  source and publication date).

Fields that we do not code (tone, COW codes, GeoNames ids, wikidata ids) are left empty
rather than guessed. Our country codes are ISO 3166 alpha-3 throughout, where GDELT's geography
uses FIPS codes; a user joining on GDELT geography must map them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import yaml

VIEWS = ("gdelt", "polecat")
# GDELT's QuadClass numbers for PLOVER's four quad categories.
QUAD_CLASS = {
    "verbal_cooperation": 1,
    "material_cooperation": 2,
    "verbal_conflict": 3,
    "material_conflict": 4,
}
# POLECAT's spelling of the same categories.
POLECAT_QUAD = {
    "verbal_cooperation": "VERBAL COOPERATION",
    "material_cooperation": "MATERIAL COOPERATION",
    "verbal_conflict": "VERBAL CONFLICT",
    "material_conflict": "MATERIAL CONFLICT",
}


@cache
def quads() -> dict[str, str]:
    """Each PLOVER type's quad category, from the shipped PLOVER data file."""
    path = resources.files("eventwire") / "data" / "coding" / "plover.yaml"
    types = yaml.safe_load(path.read_text(encoding="utf-8"))["types"]
    return {name: str(entry["quad"]) for name, entry in types.items()}


def view(name: str, reports: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    if name == "gdelt":
        return gdelt(reports)
    if name == "polecat":
        return polecat(reports)
    raise ValueError(f"no compatibility view {name!r}; choose one of {', '.join(VIEWS)}")


def gdelt(reports: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """One row per canonical event: its founding report, with the counts of all of them."""
    for report in reports:
        if report["canonical_id"] not in (None, report["event_id"]):
            continue  # a later report of an event already written
        day = _day(report["date"]) or _day(report["published"])
        actor1, actor2 = _first(report["source"]), _first(report["target"])
        yield {
            "GLOBALEVENTID": report["canonical_id"] or report["event_id"],
            "SQLDATE": day.strftime("%Y%m%d") if day else None,
            "MonthYear": day.strftime("%Y%m") if day else None,
            "Year": day.year if day else None,
            "FractionDate": round(day.year + (day.timetuple().tm_yday - 1) / 365, 4)
            if day
            else None,
            "Actor1Code": _actor_code(actor1),
            "Actor1Name": actor1.get("text"),
            "Actor1CountryCode": actor1.get("code"),
            "Actor1Type1Code": actor1.get("sector"),
            "Actor2Code": _actor_code(actor2),
            "Actor2Name": actor2.get("text"),
            "Actor2CountryCode": actor2.get("code"),
            "Actor2Type1Code": actor2.get("sector"),
            "IsRootEvent": 0 if report["background"] else 1,
            "EventCode": report["cameo_root"],
            "EventBaseCode": report["cameo_root"],
            "EventRootCode": report["cameo_root"],
            "QuadClass": QUAD_CLASS.get(quads().get(report["event_type"], "")),
            "GoldsteinScale": report["intensity"],
            "NumMentions": report["mentions"] or 1,
            "NumSources": report["independent_sources"] or 1,
            "NumArticles": report["corroboration"] or 1,
            "AvgTone": None,
            "ActionGeo_Type": 4 if report["place"] else 0,
            "ActionGeo_FullName": report["place"],
            "ActionGeo_CountryCode": report["place_country"],
            "ActionGeo_Lat": report["lat"],
            "ActionGeo_Long": report["lon"],
            "DATEADDED": report["published"],
            "SOURCEURL": report["url"],
            "PLOVER_Type": report["event_type"],
            "Evidence": report["sentence"],
        }


def polecat(reports: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """One row per event report."""
    for report in reports:
        actor, recipient = _first(report["source"]), _first(report["target"])
        yield {
            "Event ID": report["event_id"],
            "Event Date": report["date"] or report["published"],
            "Event Type": report["event_type"].lower(),
            "Event Mode": report["mode"],
            "Quad Code": POLECAT_QUAD.get(quads().get(report["event_type"], "")),
            "Actor Name": "; ".join(_names(report["source"])) or None,
            "Actor Country": actor.get("code"),
            "Primary Actor Sector": actor.get("sector"),
            "Actor Name Raw": "; ".join(a["text"] for a in report["source"]) or None,
            "Recipient Name": "; ".join(_names(report["target"])) or None,
            "Recipient Country": recipient.get("code"),
            "Primary Recipient Sector": recipient.get("sector"),
            "Recipient Name Raw": "; ".join(a["text"] for a in report["target"]) or None,
            "Placename": report["place"],
            "Country": report["place_country"],
            "Latitude": report["lat"],
            "Longitude": report["lon"],
            "Source": report["outlet"],
            "Publication Date": report["published"],
            "Language": report["language"],
            "URL": report["url"],
            "Canonical ID": report["canonical_id"],
            "Independent Sources": report["independent_sources"],
            "Background": report["background"],
            "Evidence": report["sentence"],
        }


def _first(actors: list[dict[str, Any]]) -> dict[str, Any]:
    return actors[0] if actors else {}


def _names(actors: list[dict[str, Any]]) -> list[str]:
    return [a.get("actor_id") or a.get("code") or a["text"] for a in actors]


def _actor_code(actor: dict[str, Any]) -> str | None:
    # CAMEO actor codes join a country and a role: RUS + GOV = RUSGOV.
    parts = [actor.get("code") or "", actor.get("sector") or ""]
    return "".join(parts) or None


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
