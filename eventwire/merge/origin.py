"""Origin tracing: the chain of reporters from the first one to the article that we read.

A report reaches an outlet by three routes that the store can see: the article copies an
earlier article (a near-duplicate link), it credits a wire service ("(Reuters/swg)"), or the
event's sentence cites another outlet ("according to a report from BILD", "told AFP"). The
chain lists them from the farthest back to this article's outlet; its first element is the
origin, and two reports with one origin are one source, not two.
"""

from __future__ import annotations

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
) -> tuple[str, ...]:
    """The reporters behind one event's report, first reporter first: the root the article
    copies (with the root's own credits), the outlets the event's sentence cites (given nearest
    first, so reversed), the wires the article credits, then its outlet."""
    steps: list[str] = []
    if root is not None and root.article_id != article.article_id:
        steps += [*root.credits, root.outlet]
    steps += [*reversed(cited), *article.credits, article.outlet]
    return _distinct(canonical(step) for step in steps)


def _distinct(steps: Iterable[str]) -> tuple[str, ...]:
    # A wire's own story credits the wire: "Reuters → Reuters" is one step.
    return tuple(dict.fromkeys(step for step in steps if step))
