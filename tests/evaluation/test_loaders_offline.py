"""Loader behaviour on tiny files written here, so that it is tested without ../shared."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from eventwire.evaluation.events import (
    GoldFileMissingError,
    GoldItem,
    load_conflibert,
    load_petrarch,
    load_plover,
    load_tabari,
)
from eventwire.evaluation.events.loaders.conflibert import detokenise, join_key
from eventwire.evaluation.events.loaders.files import compact_date
from eventwire.evaluation.events.loaders.plover import plover_type


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("loader", [load_plover, load_conflibert, load_tabari, load_petrarch])
def test_a_missing_gold_file_is_named(
    loader: Callable[[Path], list[GoldItem]], tmp_path: Path
) -> None:
    with pytest.raises(FileNotFoundError) as raised:
        loader(tmp_path)
    assert isinstance(raised.value, GoldFileMissingError)
    assert str(tmp_path) in str(raised.value)


def test_plover_0_5_names_map_to_0_8() -> None:
    assert plover_type("DEMAND", None) == ("REQUEST", None)
    assert plover_type("DISAPPROVE", None) == ("ACCUSE", "disapprove")
    assert plover_type("INVESTIGATE", "") == ("ACCUSE", "investigate")
    assert plover_type("FIGHT", "heavy-weapons") == ("ASSAULT", "heavy-weapons")
    assert plover_type("AGREE", None) == ("AGREE", None)


def test_plover_records_of_one_sentence_become_one_item(tmp_path: Path) -> None:
    records = [
        {"id": "PLOVER-GSR01-DOCUMENT-0001", "event": "DOCUMENT"},
        {
            "id": "PLOVER-GSR01-FIGHT-0006",
            "date": "2000-01-01",
            "event": "FIGHT",
            "text": "Egyptian police opened fire on demonstrators and arrested 12.",
            "textInfo": {"markup": "(SRC: Egyptian police) (EVT: opened fire) ..."},
            "source": [{"actorText": "Egyptian police", "code": "EGY", "sector": "COP"}],
            "target": [{"actorText": "demonstrators", "code": "EGY", "sector": "***"}],
        },
        {
            "id": "PLOVER-GSR01-COERCE-0018",
            "event": "COERCE",
            "text": "Egyptian police opened fire on demonstrators and arrested 12.",
            "textInfo": {"markup": "(SRC: Egyptian police) ... (EVT: arrested) 12"},
            "source": [{"actorText": "Egyptian police", "code": "EGY", "sector": "COP"}],
            "target": [{"actorText": "demonstrators", "code": "EGY"}],
        },
        {
            "id": "PLOVER-GSR01-AGREE-0003",
            "event": "AGREE",
            "text": "The United States and Jordan have agreed upon a pact.",
            "textInfo": {"markup": "The (SRC/TAR: United States) and (SRC/TAR: Jordan) ..."},
            "source": [
                {"actorText": "United States", "code": "USA"},
                {"actorText": "Jordan", "code": "JOR"},
            ],
            "target": "",
        },
    ]
    write(tmp_path / "plover" / "PLOVER_GSR_CAMEO.json", json.dumps(records))
    fight, agree = load_plover(tmp_path)

    assert fight.item_id == "PLOVER-GSR01-FIGHT-0006"
    assert fight.date == date(2000, 1, 1)
    assert [event.event_type for event in fight.events] == ["ASSAULT", "COERCE"]
    assert fight.events[0].targets[0].sector is None  # "***" is PLOVER's "unknown"
    assert agree.events[0].reciprocal
    assert [actor.code for actor in agree.events[0].sources] == ["USA", "JOR"]
    assert agree.events[0].targets == ()


def test_conflibert_joins_classes_to_spans_by_letters_and_digits(tmp_path: Path) -> None:
    write(
        tmp_path / "conflibert-cameo" / "cameo_class" / "train.tsv",
        "A Swiss court rejected the Croatian governmentʼs request.\t3\n"
        "Erdogan will meet Mattarella.\t1\n"
        "Erdogan will meet Mattarella.\t1\n",
    )
    ner = (
        "A B-S\nSwiss I-S\ncourt I-S\nrejected O\nthe O\nCroatian B-T\ngovernment I-T\n's I-T\n"
        "request O\n. O\n\n"
        "Police B-S\narrested O\nprotesters I-T\n. O\n"  # an I- tag that opens a span
    )
    write(tmp_path / "conflibert-cameo" / "cameo_ner" / "train.txt", ner)
    court, meeting, police = load_conflibert(tmp_path)

    assert court.label == "verbal_conflict"
    (event,) = court.events
    assert event.event_type is None
    assert [actor.text for actor in event.sources] == ["A Swiss court"]
    assert [actor.text for actor in event.targets] == ["Croatian government 's"]
    assert meeting.label == "verbal_cooperation"
    assert meeting.events == ()  # in the class file only
    assert police.label is None  # in the NER file only
    assert police.text == "Police arrested protesters."
    assert [actor.text for actor in police.events[0].targets] == ["protesters"]
    assert court.item_id.startswith("cb-")
    assert court.item_id == load_conflibert(tmp_path)[0].item_id


def test_conflibert_reciprocal_spans_become_a_reciprocal_event(tmp_path: Path) -> None:
    write(tmp_path / "conflibert-cameo" / "cameo_class" / "train.tsv", "")
    ner = "Erdogan B-R\nwill O\nmeet O\nhis B-R\ncounterpart I-R\n. O\n"
    write(tmp_path / "conflibert-cameo" / "cameo_ner" / "train.txt", ner)
    ((event,),) = [item.events for item in load_conflibert(tmp_path)]
    assert event.reciprocal
    assert [actor.text for actor in event.sources] == ["Erdogan", "his counterpart"]


def test_conflibert_text_helpers() -> None:
    assert join_key("The governmentʼs plan, 2018!") == join_key("The government 's plan , 2018 !")
    assert detokenise(["He", "said", "(", "again", ")", "it", "is", "n't", "so", "."]) == (
        "He said (again) it isn't so."
    )


def test_compact_dates() -> None:
    assert compact_date("20080804") == date(2008, 8, 4)
    assert compact_date("950101") == date(1995, 1, 1)
    assert compact_date("121108") == date(2012, 11, 8)
    assert compact_date("2015-08-13") == date(2015, 8, 13)
    assert compact_date("20081399") is None
    assert compact_date("") is None
