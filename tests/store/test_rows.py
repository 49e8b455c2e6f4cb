"""Records become rows field for field; a row must not share nested values with its record."""

from __future__ import annotations

import re
from dataclasses import asdict, fields, is_dataclass

import pytest

from eventwire import records
from eventwire.records import ActorMention, ArticleId, ConsistencyFlag, EventActor
from eventwire.store.rows import record_row

# The records `record_row` stores: flat by design, so a shallow copy of their fields is a row.
FLAT_RECORDS = (
    records.ActorMention,
    records.ConsistencyFlag,
    records.Quote,
    records.ArticleLink,
    records.EventActor,
    records.Removed,
    records.DatedReference,
)


@pytest.mark.parametrize("record_type", FLAT_RECORDS, ids=lambda t: t.__name__)
def test_stored_records_hold_no_nested_records(record_type: type) -> None:
    # record_row copies fields shallowly; a nested record would reach the database as an object.
    record_names = {name for name, value in vars(records).items() if is_dataclass(value)}
    for field in fields(record_type):
        written = str(field.type)  # annotations are strings here (postponed evaluation)
        names = set(re.findall(r"\w+", written))
        assert not names & (record_names | {"tuple", "list", "dict"}), field.name


def test_a_mention_row_is_its_fields() -> None:
    mention = ActorMention(
        article_id=ArticleId("a1"),
        sentence=2,
        start=10,
        end=16,
        text="Lavrov",
        actor_id="sergei-lavrov",
        name="Sergei Lavrov",
        country="RUS",
        sector="GOV",
        via="name",
        role="Foreign Minister",
    )
    assert record_row(mention) == asdict(mention)


def test_rows_of_different_records_keep_their_own_columns() -> None:
    flag = ConsistencyFlag(ArticleId("a1"), "role_not_held_on_date", "Minister X", 0, 10, None, "x")
    actor = EventActor("NATO", "NATO", "IGO", "nato")
    assert record_row(flag) == asdict(flag)
    expected = {"text": "NATO", "code": "NATO", "sector": "IGO", "actor_id": "nato"}
    assert record_row(actor) == expected
