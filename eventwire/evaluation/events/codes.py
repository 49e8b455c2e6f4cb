"""Actor codes reduced to what every gold set and eventwire can agree on: the country, or "ORG".

The sets write actors differently: PLOVER gold uses ISO3 ("USA") and a bare "IGO"/"NGO"/"IMG"
for every organisation; PETRARCH uses CAMEO composites ("USAGOV", "IRQGOVMIL", "IGOUNO",
"---REB" for an unknown country); eventwire gives an ISO3 or an organisation id ("NATO", "EU",
"RUS_MFA"). So actors are compared on a key: the ISO3 country, or "ORG" for any international or
non-state organisation, since PLOVER's gold cannot tell one organisation from another.
"""

from __future__ import annotations

import re
from typing import Final

import pycountry

ORGANISATION: Final = "ORG"
KOSOVO: Final = "XKX"  # user-assigned, not in ISO 3166, used by everyone
# Non-ISO country codes found in PLOVER_GSR_CAMEO.json (Tokyo/Japan, Italy, Vietnamese forces).
LEGACY_COUNTRY_CODES: Final = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
# CAMEO's organisation heads: intergovernmental, non-governmental, international militarised
# group (al-Qaeda), multinational corporation, and "unknown country" used by PETRARCH.
CAMEO_ORGANISATION_HEADS: Final = frozenset({"IGO", "NGO", "IMG", "MNC"})
UNKNOWN_COUNTRY: Final = "---"
# After a country head: CAMEO 3-letter agent codes ("GOV", "GOVMIL"), or a knowledge-base id
# suffix ("_MFA"). Anything else ("ISLAMIC_STATE" starts with Iceland's ISL) is not a country.
_COUNTRY_TAIL = re.compile(r"(?:[A-Z]{3})*|_[A-Z0-9_]+")


def is_country(code: str) -> bool:
    return code == KOSOVO or pycountry.countries.get(alpha_3=code) is not None


def actor_code_key(code: str | None) -> str | None:
    """The country (ISO3) or "ORG" that `code` names; None when it names neither.

    >>> [actor_code_key(c) for c in ("USAGOV", "JAP", "IGOUNO", "NATO", "---REB", None)]
    ['USA', 'JPN', 'ORG', 'ORG', None, None]
    """
    if code is None:
        return None
    code = code.strip().upper()
    if not code or code.startswith(UNKNOWN_COUNTRY):
        return None
    head = LEGACY_COUNTRY_CODES.get(code[:3], code[:3])
    if head in CAMEO_ORGANISATION_HEADS:
        return ORGANISATION
    if is_country(head) and _COUNTRY_TAIL.fullmatch(code[3:]):
        return head
    return ORGANISATION


def cameo_agent(code: str | None) -> str | None:
    """The first agent code after a CAMEO country head ("IRQGOVMIL" → "GOV"), if any."""
    if code is None or len(code) < 6 or code[:3] in CAMEO_ORGANISATION_HEADS:
        return None
    agent = code[3:6]
    return agent if agent.isalpha() and agent.isupper() else None
