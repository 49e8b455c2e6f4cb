"""Finding post titles in a sentence ("Defence Secretary", "the UK's Secretary of Defence")."""

import re
from dataclasses import dataclass

from eventwire.kb.names import is_case_sensitive

# Words just before a title that say the post is no longer (or not yet) held: such a phrase
# asserts nothing about the article's date.
NOT_CURRENT = re.compile(
    r"\b(?:former|ex|then|previous|predecessor|late|outgoing|incoming|future|next|"
    r"designate|would-be)\b[\s-]*(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class TitleMatch:
    start: int  # offsets in the article text
    end: int
    title: str  # as written
    current: bool  # False after "former", "then-", "ex-" and the like


class TitleFinder:
    """One regular expression over every title the knowledge base knows, longest first."""

    __slots__ = ("_exact", "_folded")

    def __init__(self, forms: list[str]) -> None:
        exact = [form for form in forms if is_case_sensitive(form)]
        folded = [form for form in forms if not is_case_sensitive(form)]
        self._exact = _alternation(exact, flags=0)
        self._folded = _alternation(folded, flags=re.IGNORECASE)

    def find(self, text: str, offset: int) -> list[TitleMatch]:
        """Titles in `text` (a sentence starting at `offset` in the article), left to right."""
        matches = [
            match
            for pattern in (self._exact, self._folded)
            if pattern is not None
            for match in pattern.finditer(text)
        ]
        kept: list[re.Match[str]] = []
        for match in sorted(matches, key=lambda m: (m.start(), -m.end())):
            if not kept or match.start() >= kept[-1].end():
                kept.append(match)
        return [
            TitleMatch(
                offset + match.start(),
                offset + match.end(),
                match.group(),
                current=NOT_CURRENT.search(text[: match.start()]) is None,
            )
            for match in kept
        ]


def _alternation(forms: list[str], flags: int) -> re.Pattern[str] | None:
    if not forms:
        return None
    folded = bool(flags & re.IGNORECASE)
    trie: _Trie = {}
    for form in forms:
        node = trie
        for char in form.lower() if folded else form:
            node = node.setdefault(char, {})
        node[_END] = {}
    # Word boundaries both sides, and no capitalised word glued after it by a hyphen.
    return re.compile(rf"(?<![\w-])(?:{_pattern(trie)})(?![\w-])", flags)


# The titles as a trie, written as one regular expression: thousands of alternatives tried one
# after the other at every position of every sentence cost a tenth of a millisecond a sentence;
# the trie fails at the first character that no title continues with.
_Trie = dict[str, "_Trie"]
_END = ""


def _pattern(node: _Trie) -> str:
    branches = [_char(char) + _pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    if _END in node:  # a title ends here, and longer ones go on: try the longer first
        return f"(?:{body})?"
    return body


def _char(char: str) -> str:
    return r"\s+" if char == " " else re.escape(char)
