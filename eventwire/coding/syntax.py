"""Reading a dependency parse: children, subtrees, subjects, modality, negation."""

from __future__ import annotations

from collections.abc import Iterator

from eventwire.records import Token

SUBJECTS = ("nsubj", "csubj")
PASSIVE_SUBJECTS = ("nsubjpass", "csubjpass")
# Modals that make a sentence analysis rather than news: "could embolden", "might lead".
SPECULATIVE_MODALS = {"could", "might", "may", "would", "should", "must", "can", "ought"}
FUTURE_MODALS = {"will", "shall", "'ll", "wo"}  # spaCy splits "won't" into "wo" + "n't"
CONDITIONAL_MARKERS = {"if", "unless", "whether"}
CONSEQUENCE_MARKERS = {"if"}
# "until their demands are met", "before talks resume": in the present tense, a time still
# to come, so what the clause names has not happened ("until the army withdrew" has).
PENDING_MARKERS = {"until", "till", "before", "once"}
_PRESENT_TAGS = {"VBZ", "VBP"}
# Verbs whose complement is not (yet) a fact: "plans to attack", "threatened to sanction" are
# the plan or the threat, coded as such (the head verb's own pattern) or as the future.
FUTURE_HEADS = {
    "plan", "intend", "expect", "prepare", "aim", "schedule", "set", "vow", "pledge", "willing",
    "ready", "agree", "offer", "promise",
}  # fmt: skip
# "alleged that France helped carry out killings": the allegation is the event (ACCUSE), what
# it alleges is not a reported fact.
ALLEGING_HEADS = {"allege"}
UNREAL_HEADS = {
    "want", "hope", "seek", "try", "consider", "fear", "worry", "suggest", "propose",
    "urge", "ask", "call", "threaten", "warn", "refuse", "deny", "reject", "need",
    "wish", "speculate", "believe", "think", "doubt", "question", "claim", "allege",
    "fail", "decline", "hesitate", "struggle", "attempt", "invite", "persuade", "encourage",
    "advise", "request", "press", "pressure",
}  # fmt: skip


class _ChildIndex:
    """The children of every token of the sentence last asked about.

    The coder asks for children and subtrees of one sentence many times in a row, and a scan
    of the whole sentence per question was a sixth of its time. The index keeps a reference
    to the tokens it was built from, so an identity check cannot mistake another sentence for
    it.
    """

    __slots__ = ("kids", "tokens")

    def __init__(self) -> None:
        self.tokens: tuple[Token, ...] = ()
        self.kids: list[list[int]] = []

    def of(self, tokens: tuple[Token, ...]) -> list[list[int]]:
        if tokens is not self.tokens:
            kids: list[list[int]] = [[] for _ in tokens]
            for i, token in enumerate(tokens):
                if token.head != i and 0 <= token.head < len(tokens):
                    kids[token.head].append(i)
            self.tokens, self.kids = tokens, kids
        return self.kids


_index = _ChildIndex()


def children(tokens: tuple[Token, ...], head: int) -> Iterator[int]:
    return iter(_index.of(tokens)[head])


def child_with(tokens: tuple[Token, ...], head: int, *deps: str) -> int | None:
    return next((i for i in _index.of(tokens)[head] if tokens[i].dep in deps), None)


def subtree(tokens: tuple[Token, ...], head: int) -> tuple[int, int]:
    """First and last token index of the subtree under `head` (inclusive)."""
    kids = _index.of(tokens)
    first = last = head
    stack = [head]
    budget = len(tokens)  # a malformed parse with a cycle must not loop for ever
    while stack and budget:
        word, budget = stack.pop(), budget - 1
        first, last = min(first, word), max(last, word)
        stack.extend(kids[word])
    return first, last


def conjuncts(tokens: tuple[Token, ...], head: int) -> list[int]:
    """`head` and the words coordinated with it: "France and Germany" -> both."""
    found = [head]
    for i in children(tokens, head):
        if tokens[i].dep == "conj" or (tokens[i].dep == "appos" and _heads_a_list(tokens, i)):
            # "The US, Russia, and Switzerland met": the parser reads the list's second item
            # as an apposition; one with an "and" of its own is a list, not another name.
            found += conjuncts(tokens, i)
    return found


def _heads_a_list(tokens: tuple[Token, ...], word: int) -> bool:
    return any(tokens[i].dep == "cc" for i in children(tokens, word))


def is_negated(tokens: tuple[Token, ...], verb: int) -> bool:
    if child_with(tokens, verb, "neg") is not None:
        return True
    # "No agreement was reached", "nobody attacked": the negation sits on an argument.
    for i in children(tokens, verb):
        if tokens[i].dep not in ("nsubj", "dobj", "nsubjpass"):
            continue
        if tokens[i].text.lower() in ("nobody", "nothing", "none"):
            return True
        if any(tokens[d].text.lower() == "no" for d in children(tokens, i)):
            return True
    return False


def negated_above(tokens: tuple[Token, ...], word: int, levels: int = 3) -> bool:
    """A negation on a noun or verb the trigger hangs from ("no intention of attacking", "not a
    plan to invade"), up to its clause."""
    for node in list(ancestors(tokens, word))[:levels]:
        if is_negated(tokens, node) or any(
            tokens[c].text.lower() in ("no", "never") and tokens[c].dep in ("det", "neg")
            for c in children(tokens, node)
        ):
            return True
        if tokens[node].pos in ("VERB", "AUX"):
            break
    return False


def modals(tokens: tuple[Token, ...], verb: int) -> set[str]:
    return {
        tokens[i].text.lower()
        for i in children(tokens, verb)
        if tokens[i].dep == "aux" and tokens[i].tag == "MD"
    }


def ancestors(tokens: tuple[Token, ...], index: int) -> Iterator[int]:
    seen = 0
    while tokens[index].head != index and seen < len(tokens):
        index = tokens[index].head
        seen += 1
        yield index


def is_conditional(tokens: tuple[Token, ...], verb: int) -> bool:
    """Inside an "if"/"unless" clause (the verb's own or one of its governors') or a present-
    tense "until"/"before" clause (a time still to come), or the consequence of an "if" clause
    ("France will send aid if Iran attacks"). Not of an "unless" clause: "will strike unless
    Iran stops" is a threat, which is news."""
    if any(_marked(tokens, i, CONSEQUENCE_MARKERS) for i in children(tokens, verb)):
        return True
    for node in (verb, *ancestors(tokens, verb)):
        marker = child_with(tokens, node, "mark")
        kind = tokens[marker].lemma.lower() if marker is not None else None
        if kind in CONDITIONAL_MARKERS and not _concessive(tokens, node):
            return True
        if kind in PENDING_MARKERS and _in_present(tokens, node):
            return True
        if tokens[node].dep in ("advcl", "ccomp", "relcl") and node != verb:
            break
    return False


def _in_present(tokens: tuple[Token, ...], clause: int) -> bool:
    """The clause's verb, or its auxiliary ("are met"), is in the present tense."""
    verbs = [clause, *(i for i in children(tokens, clause) if tokens[i].dep in ("aux", "auxpass"))]
    return any(tokens[i].tag in _PRESENT_TAGS for i in verbs)


def _marked(tokens: tuple[Token, ...], clause: int, markers: set[str]) -> bool:
    if tokens[clause].dep != "advcl":
        return False
    marker = child_with(tokens, clause, "mark")
    return (
        marker is not None
        and tokens[marker].lemma.lower() in markers
        and not _concessive(tokens, clause)
    )


def _concessive(tokens: tuple[Token, ...], clause: int) -> bool:
    """ "even if they flee": whatever happens, so no condition on the main clause's event."""
    return any(
        tokens[i].dep == "advmod" and tokens[i].text.lower() == "even"
        for i in children(tokens, clause)
    )


def according_to(tokens: tuple[Token, ...], index: int) -> int | None:
    """The head of the source in "according to X", when `tokens[index]` is its "according"."""
    if tokens[index].text.lower() != "according":
        return None
    to = child_with(tokens, index, "prep")
    return child_with(tokens, to, "pobj") if to is not None else None
