"""The one error the knowledge base raises, and where an entry came from."""

from dataclasses import dataclass


class KBError(Exception):
    """A knowledge-base file is invalid; the message names the file, the entry and the field."""


@dataclass(frozen=True, slots=True)
class EntryRef:
    """Where an entry was read: `people/USA.yaml: people[3] (pete-hegseth)`."""

    file: str
    section: str
    index: int
    key: str

    def __str__(self) -> str:
        return f"{self.file}: {self.section}[{self.index}] ({self.key})"

    def error(self, field: str, problem: str) -> KBError:
        """An error about one field of this entry (`field` is a path such as `roles[0].start`)."""
        return KBError(f"{self}: {field}: {problem}")
