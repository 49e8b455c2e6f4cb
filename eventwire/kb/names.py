"""How names are compared: tolerant of case, accents and punctuation, except for short acronyms."""

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# An acronym this short, written in capitals, is also an ordinary word when lower-cased
# ("US"/"us", "WHO"/"who", "IS"/"is", "CAR"/"car"), so it matches only as written.
# Five letters still catches "NATO"/"BRICS"; their mixed-case spellings ("Nato") are listed
# as aliases where news uses them.
CASE_SENSITIVE_MAX_LENGTH = 5

_SEPARATORS = re.compile(r"[-‐‑‒–—/_]+")
_LEADING_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
# In the data, a lower-case "the" is not part of the name ("the Kremlin" is stored as
# "Kremlin"), while a capital one is ("The Hindu", "The Hague": "Hindu" is not the newspaper).
_DATA_ARTICLE = "the "


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _drop_punctuation(text: str) -> str:
    # Punctuation inside a word is dropped ("U.S." -> "US", "d'Orsay" -> "dOrsay") so that
    # dotted and undotted spellings meet; separators were turned into spaces before.
    return "".join(char for char in text if not unicodedata.category(char).startswith(("P", "S")))


# Keys are asked for the same few thousand names and agent words again and again.
_KEYS_REMEMBERED = 1 << 16


@lru_cache(maxsize=_KEYS_REMEMBERED)
def name_key(text: str) -> str:
    """The comparable form of a text, case kept: "U.S." -> "US", "Élysée" -> "Elysee"."""
    text = _strip_accents(text).replace("&", " and ")
    text = _drop_punctuation(_SEPARATORS.sub(" ", text))
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=_KEYS_REMEMBERED)
def stored_key(name: str) -> str:
    """The key of a name from the data: `name_key`, less a lower-case leading "the"."""
    if name.startswith(_DATA_ARTICLE):
        name = name[len(_DATA_ARTICLE) :]
    return name_key(name)


def query_keys(text: str) -> list[str]:
    """Keys to try for a text from an article: as written, and without a leading "the"/"The"
    ("The Kremlin" at the start of a sentence is "the Kremlin")."""
    key = name_key(text)
    bare = _LEADING_ARTICLE.sub("", key)
    return [key, bare] if bare != key else [key]


def folded_key(name: str) -> str:
    """`stored_key` without case: "the Kremlin" and "KREMLIN" -> "kremlin"."""
    return stored_key(name).casefold()


def is_case_sensitive(name: str) -> bool:
    """Whether `name` is a short acronym in capitals that must match as written."""
    key = stored_key(name).replace(" ", "")
    return (
        0 < len(key) <= CASE_SENSITIVE_MAX_LENGTH
        and key.isupper()
        and key.isalnum()
        and any(char.isalpha() for char in key)
    )


def unique(names: Iterable[str]) -> tuple[str, ...]:
    """Names without repeats (same `name_key` and case rule), first spelling kept, order kept."""
    seen: set[str] = set()
    kept: list[str] = []
    for name in names:
        key = stored_key(name) if is_case_sensitive(name) else folded_key(name)
        if key and key not in seen:
            seen.add(key)
            kept.append(name)
    return tuple(kept)
