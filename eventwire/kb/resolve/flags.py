"""Consistency flags: an article giving someone a post they did not hold at its date.

Precision first. A claim is flagged only when the knowledge base knows that this person held this
post at some other time: a post it has never heard of them holding may simply be missing from it.
"""

from dataclasses import dataclass
from datetime import date

from eventwire.kb.facts import RoleHolding
from eventwire.kb.knowledge import KnowledgeBase
from eventwire.records import ArticleId, ConsistencyFlag

NOT_HELD_ON_DATE = "role_not_held_on_date"
OUTSIDE_ARTICLE_WINDOW = "role_outside_article_window"
# An undated article's window needs at least this many claims agreeing, or it is no evidence.
MIN_AGREEING_CLAIMS = 2


@dataclass(frozen=True, slots=True)
class RoleClaim:
    """ "Defence Secretary Ben Wallace": a person named in a post, spoken of as current."""

    person_id: str
    person_name: str
    title: str
    country: str | None  # the country the text qualifies the post with, if any
    text: str  # the whole claim as written
    start: int
    end: int


def claimed_holdings(kb: KnowledgeBase, claim: RoleClaim) -> list[RoleHolding]:
    """The periods in which the knowledge base has the person in the claimed post."""
    return [
        holding
        for holding in kb.who(claim.title, claim.country, None)
        if holding.person_id == claim.person_id
    ]


def flags_for_dated(
    kb: KnowledgeBase, article_id: ArticleId, claims: list[RoleClaim], on: date
) -> list[ConsistencyFlag]:
    flags = []
    for claim in claims:
        held = claimed_holdings(kb, claim)
        if held and not any(_covers(holding, on) for holding in held):
            holders = [h.person_name for h in kb.who(claim.title, held[0].country, on)]
            flags.append(
                _flag(article_id, NOT_HELD_ON_DATE, claim, _not_held(claim, held, on, holders))
            )
    return flags


def article_window(
    kb: KnowledgeBase, claims: list[RoleClaim]
) -> tuple[date, date, list[RoleClaim]] | None:
    """For an undated article: the span of days in which most of its claims hold together,
    and those claims; None when fewer than two agree on any day."""
    periods = {claim: claimed_holdings(kb, claim) for claim in claims}
    days = sorted({holding.start for held in periods.values() for holding in held})
    best: tuple[int, date] | None = None
    for day in days:
        count = sum(any(_covers(h, day) for h in held) for held in periods.values())
        if best is None or count > best[0]:
            best = (count, day)
    if best is None or best[0] < MIN_AGREEING_CLAIMS:
        return None
    day = best[1]
    agreeing = [claim for claim, held in periods.items() if any(_covers(h, day) for h in held)]
    covering = [h for claim in agreeing for h in periods[claim] if _covers(h, day)]
    start = max(h.start for h in covering)
    ends = [h.end for h in covering if h.end is not None]
    return start, min(ends) if ends else date.max, agreeing


def flags_for_undated(
    kb: KnowledgeBase, article_id: ArticleId, claims: list[RoleClaim]
) -> list[ConsistencyFlag]:
    window = article_window(kb, claims)
    if window is None:
        return []
    start, end, agreeing = window
    flags = []
    for claim in claims:
        held = claimed_holdings(kb, claim)
        if claim in agreeing or not held:
            continue
        explanation = (
            f"{_periods(claim, held)}; the article's other {len(agreeing)} role claims "
            f"hold together only from {start.isoformat()}"
            + (f" to {end.isoformat()}" if end != date.max else " on")
            + " (the article has no date)."
        )
        flags.append(_flag(article_id, OUTSIDE_ARTICLE_WINDOW, claim, explanation))
    return flags


def _covers(holding: RoleHolding, day: date) -> bool:
    return holding.start <= day and (holding.end is None or day <= holding.end)


def _not_held(claim: RoleClaim, held: list[RoleHolding], on: date, holders: list[str]) -> str:
    then = f"; on that date the post was held by {', '.join(holders)}" if holders else ""
    return f"{_periods(claim, held)}; the article is dated {on.isoformat()}{then}."


def _periods(claim: RoleClaim, held: list[RoleHolding]) -> str:
    spans = ", ".join(
        f"{h.start.isoformat()} to {h.end.isoformat() if h.end else 'now'}" for h in held
    )
    return f"{claim.person_name} held the post of {held[0].title} ({held[0].country}) {spans}"


def _flag(article_id: ArticleId, kind: str, claim: RoleClaim, why: str) -> ConsistencyFlag:
    return ConsistencyFlag(
        article_id=article_id,
        kind=kind,
        mention=claim.text,
        start=claim.start,
        end=claim.end,
        actor_id=claim.person_id,
        explanation=why,
    )
