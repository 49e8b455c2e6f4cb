"""An index from names to the actors they may refer to."""

from datetime import date

from eventwire.kb.facts import Candidate, held_on
from eventwire.kb.names import folded_key, is_case_sensitive, query_keys, stored_key


def _identity(candidate: Candidate) -> tuple[object, ...]:
    # Two ways of reaching the same reading ("US" as alias and as demonym) are one candidate.
    return (candidate.actor_id, candidate.sector, candidate.cues, candidate.start, candidate.end)


class NameIndex:
    """Exact lookup, tolerant of case, accents and punctuation except for short acronyms."""

    __slots__ = ("_exact", "_folded", "_surfaces")

    def __init__(self) -> None:
        self._exact: dict[str, list[Candidate]] = {}  # case-sensitive acronyms: "US", "WHO"
        self._folded: dict[str, list[Candidate]] = {}  # everything else, case-folded
        self._surfaces: dict[str, None] = {}  # every spelling added, in order, for patterns

    def add(self, name: str, candidate: Candidate) -> None:
        if is_case_sensitive(name):
            key, table = stored_key(name), self._exact
        else:
            key, table = folded_key(name), self._folded
        if not key:
            return
        found = table.setdefault(key, [])
        if _identity(candidate) not in {_identity(known) for known in found}:
            found.append(candidate)
        self._surfaces[name] = None

    def lookup(self, text: str, on: date | None = None) -> list[Candidate]:
        """Candidates for `text`, those valid on `on` only if a date is given."""
        found = [
            candidate
            for key in query_keys(text)
            for table, table_key in ((self._exact, key), (self._folded, key.casefold()))
            for candidate in table.get(table_key, ())
        ]
        seen: set[tuple[object, ...]] = set()
        result = []
        for candidate in found:
            if _identity(candidate) in seen:
                continue
            if on is not None and not held_on(candidate.start, candidate.end, on):
                continue
            seen.add(_identity(candidate))
            result.append(candidate)
        return result

    def surfaces(self) -> list[str]:
        """Every spelling that was added, first-added first."""
        return list(self._surfaces)
