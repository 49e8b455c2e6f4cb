"""Origin tracing: the chain of reporters from the first one to the article that we read.

A report reaches an outlet by three routes that the store can see: the article copies an
earlier article (a near-duplicate link), it credits a wire service ("(Reuters/swg)"), or the
event's sentence cites another outlet ("according to a report from BILD", "told AFP"). The
chain lists them from the farthest back to this article's outlet; its first element is the
origin, and two reports with one origin are one source, not two.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from eventwire.records import Provenance

# Maps a name as written ("AFP", "Agence France Presse") to one spelling per outlet, so that a
# credit and an outlet field that name the same wire compare equal.
Canonicalise = Callable[[str], str]


def _identity(name: str) -> str:
    return name


def event_chain(
    article: Provenance,
    root: Provenance | None,
    cited: Sequence[str] = (),
    canonical: Canonicalise = _identity,
    relayed: Sequence[str] = (),
) -> tuple[str, ...]:
    """The reporters behind one event's report, first reporter first: the root the article
    copies (with the root's own credits), what its embedded items relay (`relayed`: "BILD",
    then the account whose tweet quoted BILD), the outlets the event's sentence cites (given
    nearest first, so reversed), the wires the article credits, then its outlet."""
    steps: list[str] = []
    if root is not None and root.article_id != article.article_id:
        steps += [*root.credits, root.outlet]
    steps += [*relayed, *reversed(cited), *article.credits, article.outlet]
    return _distinct(canonical(step) for step in steps)


# "BILD: U.S.-Russia talks include ...", "Reuters - ...": an item that opens with a name and a
# colon or dash passes on that source's report.
_RELAYED = re.compile(r"^\s*([A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,3})\s*(?::|\s[-–—]\s)")


def relayed_by(embedded: Sequence[tuple[str, str]], is_outlet: Callable[[str], bool]) -> list[str]:
    """The steps through which an article's embedded items relay a report: for each item, the
    outlet it quotes at its start (when `is_outlet` knows it as one), then its author."""
    steps: list[str] = []
    for author, text in embedded:
        match = _RELAYED.match(text)
        if match is not None and is_outlet(match.group(1)):
            steps.append(match.group(1))
        steps.append(author)
    return steps


def _distinct(steps: Iterable[str]) -> tuple[str, ...]:
    # A wire's own story credits the wire: "Reuters → Reuters" is one step.
    return tuple(dict.fromkeys(step for step in steps if step))
