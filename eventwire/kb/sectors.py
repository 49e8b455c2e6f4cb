"""PLOVER sector codes and the rules that pick one sector for an actor."""

# The codes of the PLOVER codebook's sector list (descriptions live in the codebook, not here).
PLOVER_SECTORS: frozenset[str] = frozenset(
    {
        "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK",
        "AGR", "BUS", "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP",
        "PRE", "REL", "SOC",
    }
)  # fmt: skip

# A person who held a role in one of these sectors and now holds none is a former official.
FORMER_OFFICIAL_SOURCES: frozenset[str] = frozenset({"GOV", "MIL", "LEG", "JUD"})
FORMER_OFFICIAL = "ELI"

# When a person holds several roles on one day (a British minister is also an MP), the event
# is about the person in their most powerful state capacity: executive first, then the
# security apparatus, the courts and the legislature, then everything else.
SECTOR_PRECEDENCE: tuple[str, ...] = ("GOV", "MIL", "SPY", "COP", "JUD", "LEG", "PRM", "PTY")

# Media outlets are journalists in PLOVER.
MEDIA_SECTOR = "JRN"


def precedence(sector: str) -> int:
    """Rank a sector for `SECTOR_PRECEDENCE`; sectors not listed come after, equally."""
    try:
        return SECTOR_PRECEDENCE.index(sector)
    except ValueError:
        return len(SECTOR_PRECEDENCE)
