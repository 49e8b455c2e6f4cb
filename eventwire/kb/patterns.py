"""Entity-ruler patterns generated from the knowledge base, for a spaCy SpanRuler."""

from typing import TYPE_CHECKING

from eventwire.kb.facts import Candidate, Via
from eventwire.kb.names import is_case_sensitive

if TYPE_CHECKING:
    from eventwire.kb.knowledge import KnowledgeBase

METONYM_LABEL = "METONYM"
DEMONYM_LABEL = "DEMONYM"
AMBIGUOUS_LABEL = "AMBIGUOUS"
_ARTICLE = "the "


def spacy_patterns(kb: "KnowledgeBase") -> list[dict[str, object]]:
    """One phrase pattern per spelling: `{"label", "pattern", "id"}`.

    The patterns are plain strings, matched on exact text (the SpanRuler default), so each
    name is also given in capitals (headlines); "the X" also as "The X" and "X", and "The X"
    (part of the name) also as "the X".
    `label` is COUNTRY, ORGANIZATION, PERSON, MEDIA, DEMONYM, METONYM or AMBIGUOUS; `id` is
    the actor id when the text names one actor directly, otherwise the text itself, to be
    resolved with `KnowledgeBase.lookup` (metonyms need the sentence's cue words).
    """
    patterns: dict[tuple[str, str, str], None] = {}
    for form in kb.name_forms():
        candidates = kb.lookup(form)
        if not candidates:
            continue
        label, actor_id = _label(candidates), _pattern_id(form, candidates)
        for variant in _variants(form):
            patterns[(label, variant, actor_id)] = None
    return [{"label": label, "pattern": text, "id": id_} for label, text, id_ in patterns]


def _label(candidates: list[Candidate]) -> str:
    if any(candidate.via in (Via.METONYM, Via.CAPITAL) for candidate in candidates):
        return METONYM_LABEL
    if all(candidate.via is Via.DEMONYM for candidate in candidates):
        return DEMONYM_LABEL
    kinds = {candidate.kind for candidate in candidates}
    return kinds.pop().name if len(kinds) == 1 else AMBIGUOUS_LABEL


def _pattern_id(form: str, candidates: list[Candidate]) -> str:
    actors = {candidate.actor_id for candidate in candidates}
    direct = all(candidate.via not in (Via.METONYM, Via.CAPITAL) for candidate in candidates)
    return actors.pop() if len(actors) == 1 and direct else form


def _variants(form: str) -> list[str]:
    forms = [form]
    if form.startswith(_ARTICLE):  # "the Kremlin": the article is not part of the name
        bare = form[len(_ARTICLE) :]
        forms += ["The " + bare, bare]
    elif form.startswith("The "):  # "The Guardian": it is, but news lower-cases it mid-sentence
        forms.append("the " + form[len("The ") :])
    # "U.S." is also written "US", and "UN" as "U.N.", alone or inside a name ("U.N. Security
    # Council" for "UN Security Council"), which the knowledge base lists once.
    for spelling in list(forms):
        words = spelling.split(" ")
        forms.append(" ".join(_undotted(word) for word in words))
        forms.append(" ".join(_dotted(word) for word in words))
    if not is_case_sensitive(form):
        forms += [variant.upper() for variant in forms]
    return list(dict.fromkeys(forms))


def _undotted(word: str) -> str:
    return word.replace(".", "") if "." in word and word.replace(".", "").isalpha() else word


def _dotted(word: str) -> str:
    if 2 <= len(word) <= 3 and word.isalpha() and word.isupper():
        return "".join(letter + "." for letter in word)
    return word
