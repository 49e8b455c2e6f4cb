"""Which known person a written name refers to: full names, surnames, misspellings."""

from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from eventwire.kb.facts import Person
from eventwire.kb.knowledge import KnowledgeBase
from eventwire.kb.names import folded_key

# A misspelt surname must be at least this long and within this many edits of a known one:
# "Uumerov" is one edit from "Umerov"; short names are too close to each other to guess.
MISSPELLING_MIN_LENGTH = 5
MISSPELLING_MAX_EDITS = 1


@dataclass(slots=True)
class PersonMemory:
    """Surnames already resolved in this article: "Hegseth" after "Pete Hegseth"."""

    by_surname: dict[str, Person] = field(default_factory=dict)
    # Surnames of people named here whom the knowledge base does not know ("Wendy Sherman"):
    # a later "Sherman" is that person, not a near-miss of a known name.
    unknown: set[str] = field(default_factory=set)

    def remember_unknown(self, written: str) -> None:
        words = folded_key(written).split()
        if len(words) > 1:
            self.unknown.add(words[-1])

    def remember(self, person: Person, written: str) -> None:
        for name in (written, person.name, *person.aliases):
            words = folded_key(name).split()
            if words:
                self.by_surname.setdefault(words[-1], person)


def find_person(
    kb: KnowledgeBase, text: str, on: date | None, memory: PersonMemory
) -> tuple[Person | None, str]:
    """The person `text` names, and how it was found (name, short_name, surname, misspelling)."""
    exact = _exact(kb, text, on)
    if exact is not None:
        return exact, "name"
    words = folded_key(text).split()
    if not words:
        return None, "unknown"
    surname = words[-1]
    if surname in memory.by_surname and _first_names_agree(words, memory.by_surname[surname]):
        return memory.by_surname[surname], "short_name"
    if surname in memory.unknown:
        return None, "unknown"
    by_surname = _one_holding(kb.people_named(surname), on, words)
    if by_surname is not None:
        return by_surname, "surname"
    misspelt = _misspelt(kb, words, on, memory)
    if misspelt is not None:
        return misspelt, "misspelling"
    # A headline's misread span ("Hegseth Tells"): a word naming someone this article names.
    known = [memory.by_surname[word] for word in words if word in memory.by_surname]
    return (known[0], "short_name") if len(set(known)) == 1 else (None, "unknown")


def shared_country(kb: KnowledgeBase, text: str) -> str | None:
    """The country of every known person `text` may name, when they share one ("President
    Bush" with no date: one of two American presidents), else None."""
    people = _people_called(kb, text)
    words = folded_key(text).split()
    if not people and words:
        people = [p for p in kb.people_named(words[-1]) if _first_names_agree(words, p)]
    countries = {person.country for person in people}
    return countries.pop() if len(countries) == 1 else None


def person_in_article(text: str, memory: PersonMemory) -> Person | None:
    """A span the parser took for something else ("Uumerov" as an organisation), read as a
    surname, or a misspelt one, of someone this article already names."""
    words = folded_key(text).split()
    if len(words) != 1:
        return None
    if words[0] in memory.by_surname:
        return memory.by_surname[words[0]]
    if len(words[0]) < MISSPELLING_MIN_LENGTH:
        return None
    close = process.extract(
        words[0], list(memory.by_surname), scorer=Levenshtein.distance,
        score_cutoff=MISSPELLING_MAX_EDITS, limit=2,
    )  # fmt: skip
    return memory.by_surname[close[0][0]] if len(close) == 1 else None


def surname_of_known_person(kb: KnowledgeBase, text: str, on: date | None) -> Person | None:
    """A lone word that is exactly the surname of one known person (of one holding a post on
    the date, when several share it)."""
    words = folded_key(text).split()
    return _one_holding(kb.people_named(words[0]), on, []) if len(words) == 1 else None


def _exact(kb: KnowledgeBase, text: str, on: date | None) -> Person | None:
    return _one_holding(_people_called(kb, text), on, [])


def _people_called(kb: KnowledgeBase, text: str) -> list[Person]:
    """The known people `text` is a name or alias of."""
    return [
        actor
        for candidate in kb.lookup(text)
        if isinstance(actor := kb.get(candidate.actor_id), Person)
    ]


def _one_holding(people: list[Person], on: date | None, words: list[str]) -> Person | None:
    """The one person among `people` who fits: first names agree, and when several remain,
    the one holding a post on the date."""
    fitting = [person for person in people if _first_names_agree(words, person)]
    if len(fitting) > 1 and on is not None:
        fitting = [person for person in fitting if any(role.on(on) for role in person.roles)]
    return fitting[0] if len(fitting) == 1 else None


def _first_names_agree(words: list[str], person: Person) -> bool:
    """A written first name (or initial) must fit the person's: "Mark Rutte" is not "Jan Rutte"."""
    if len(words) < 2:
        return True
    first = words[0].rstrip(".")
    names = [folded_key(name).split() for name in (person.name, *person.aliases)]
    return any(len(parts) > 1 and parts[0].startswith(first) for parts in names)


def _misspelt(
    kb: KnowledgeBase, words: list[str], on: date | None, memory: PersonMemory
) -> Person | None:
    surname = words[-1]
    if len(surname) < MISSPELLING_MIN_LENGTH:
        return None
    close = {
        known
        for known, _, _ in process.extract(
            surname,
            [*memory.by_surname, *kb.surnames()],
            scorer=Levenshtein.distance,
            score_cutoff=MISSPELLING_MAX_EDITS,
            limit=5,
        )
    }
    if len(close) != 1:
        return None
    [known] = close
    if known in memory.by_surname:
        return memory.by_surname[known]
    return _one_holding(kb.people_named(known), on, words)
