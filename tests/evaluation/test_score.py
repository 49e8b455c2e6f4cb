"""Scoring on hand-built inputs; every expected number is worked out in the comments."""

from __future__ import annotations

import pytest

from eventwire.evaluation.events import Level, LevelResult, NotAsserted, score_items
from eventwire.evaluation.events.score import predicted_class
from tests.evaluation.builders import gold, item, predicted, tiny_cameo_table


def by_label(result: LevelResult) -> dict[str, tuple[int, int, int]]:
    return {score.label: (score.tp, score.fp, score.fn) for score in result.labels}


def test_event_types_count_per_sentence_and_skip_true_negatives() -> None:
    items = [
        item(gold("ASSAULT")),  # predicted ASSAULT, PROTEST: tp ASSAULT, fp PROTEST
        item(gold("CONSULT"), gold("AGREE")),  # predicted CONSULT: tp CONSULT, fn AGREE
        item(),  # nothing either side: a true negative, not counted
        item(),  # predicted ACCUSE: fp ACCUSE
        item(gold("REJECT")),  # predicted REJECT: tp, and the only exact sentence
    ]
    predictions = [
        [predicted("ASSAULT"), predicted("PROTEST")],
        [predicted("CONSULT")],
        [],
        [predicted("ACCUSE")],
        [predicted("REJECT"), predicted("REJECT")],  # one label per sentence, however often
    ]
    (result,) = score_items(items, predictions, [Level.EVENT_TYPE])
    # tp 3, fp 2, fn 1: P = 3/5, R = 3/4, F1 = 2·0.6·0.75 / 1.35 = 2/3.
    assert (result.micro.tp, result.micro.fp, result.micro.fn) == (3, 2, 1)
    assert result.micro.precision == pytest.approx(0.6)
    assert result.micro.recall == pytest.approx(0.75)
    assert result.micro.f1 == pytest.approx(2 / 3)
    assert result.sentences == 4
    assert result.accuracy == pytest.approx(1 / 4)
    # F1 by label: ASSAULT 1, CONSULT 1, REJECT 1, PROTEST 0, AGREE 0, ACCUSE 0.
    assert result.macro_f1 == pytest.approx(3 / 6)
    assert by_label(result)["AGREE"] == (0, 0, 1)
    assert by_label(result)["PROTEST"] == (0, 1, 0)


def test_not_asserted_gold_is_neither_a_miss_nor_a_false_positive() -> None:
    items = [
        item(gold("ASSAULT"), gold("CONSULT", status="future")),
        item(gold("CONSULT", status="future")),  # not predicted: not a miss, not a sentence
        item(gold("ASSAULT", status="negated")),  # predicted ASSAULT: not a false positive
    ]
    predictions = [[predicted("ASSAULT"), predicted("CONSULT")], [], [predicted("ASSAULT")]]
    (result,) = score_items(items, predictions, [Level.EVENT_TYPE])
    assert (result.micro.tp, result.micro.fp, result.micro.fn) == (1, 0, 0)
    assert result.not_asserted == NotAsserted(gold=3, predicted=2)
    assert result.sentences == 1  # the other two hold only not-asserted gold


def test_a_future_cooperative_act_may_be_predicted_as_agree() -> None:
    # "Obama and Putin will meet in Zurich": CAMEO codes the meeting (CONSULT); PLOVER codes a
    # future cooperative act as AGREE. Either prediction is excused; THREATEN is not.
    items = [item(gold("CONSULT", ("USA",), ("CHE",), status="future"))] * 3
    predictions = [
        [predicted("AGREE", ("USA",), ("CHE",))],
        [predicted("CONSULT", ("USA",), ("CHE",))],
        [predicted("THREATEN", ("USA",), ("CHE",))],
    ]
    types, triples = score_items(items, predictions, [Level.EVENT_TYPE, Level.TRIPLE])
    for result in (types, triples):
        assert (result.micro.tp, result.micro.fp, result.micro.fn) == (0, 1, 0)
        assert by_label(result) == {"THREATEN": (0, 1, 0)}
        assert result.not_asserted == NotAsserted(gold=3, predicted=2)


def test_a_future_conflictual_act_may_be_predicted_as_threaten() -> None:
    # "Farmers would blockade Paris": the act (COERCE) or PLOVER's THREATEN; not AGREE.
    items = [item(gold("COERCE", ("FRA",), ("FRA",), status="future"))] * 3
    predictions = [
        [predicted("THREATEN", ("FRA",), ("FRA",))],
        [predicted("COERCE", ("FRA",), ("FRA",))],
        [predicted("AGREE", ("FRA",), ("FRA",))],
    ]
    (result,) = score_items(items, predictions, [Level.EVENT_TYPE])
    assert by_label(result) == {"AGREE": (0, 1, 0)}
    assert result.not_asserted == NotAsserted(gold=3, predicted=2)


def test_only_future_cooperation_has_the_agree_reading() -> None:
    items = [item(gold("ASSAULT", status="future")), item(gold("CONSULT", status="claimed"))]
    predictions = [[predicted("AGREE")], [predicted("AGREE")]]
    (result,) = score_items(items, predictions, [Level.EVENT_TYPE])
    assert by_label(result) == {"AGREE": (0, 2, 0)}


def test_triples_compare_country_keys_and_accept_both_reciprocal_conventions() -> None:
    items = [
        item(gold("ASSAULT", ("RUSMIL",), ("UKR",))),  # CAMEO composite vs ISO3: tp
        item(gold("CONSULT", ("USA", "RUS"), reciprocal=True)),  # predicted both ways: tp
        item(gold("CONSULT", ("USA",), ("RUS",)), gold("CONSULT", ("RUS",), ("USA",))),  # NGEC: tp
        item(gold("AGREE", ("FRA",), ("DEU",))),  # predicted the other way round: fp + fn
        item(gold("SANCTION", ("USA",), ("IRN",))),  # predicted without codes: fp + fn
    ]
    predictions = [
        [predicted("ASSAULT", ("RUS",), ("UKR",))],
        [predicted("CONSULT", ("USA",), ("RUS",)), predicted("CONSULT", ("RUS",), ("USA",))],
        [predicted("CONSULT", ("RUS", "USA"), reciprocal=True)],
        [predicted("AGREE", ("DEU",), ("FRA",))],
        [predicted("SANCTION", (None,), (None,))],
    ]
    (result,) = score_items(items, predictions, [Level.TRIPLE])
    # tp 3, fp 2, fn 2: P = 3/5, R = 3/5, F1 = 3/5.
    assert (result.micro.tp, result.micro.fp, result.micro.fn) == (3, 2, 2)
    assert result.micro.f1 == pytest.approx(0.6)
    assert by_label(result) == {
        "AGREE": (0, 1, 1),
        "ASSAULT": (1, 0, 0),
        "CONSULT": (2, 0, 0),
        "SANCTION": (0, 1, 1),
    }
    assert result.macro_f1 == pytest.approx((0 + 1 + 1 + 0) / 4)
    assert result.accuracy == pytest.approx(3 / 5)


def test_a_directed_prediction_of_a_reciprocal_event_is_half_right_when_listed_once() -> None:
    # Gold: Israel and Lebanon renewed talks (reciprocal). One directed prediction matches the
    # one undirected gold dyad; a second, unrelated one is a false positive.
    items = [item(gold("CONSULT", ("ISR", "LBN"), reciprocal=True))]
    predictions = [[predicted("CONSULT", ("LBN",), ("ISR",)), predicted("CONSULT", ("ISR",))]]
    (result,) = score_items(items, predictions, [Level.TRIPLE])
    assert (result.micro.tp, result.micro.fp, result.micro.fn) == (1, 1, 0)


def test_triples_skip_gold_events_without_a_plover_type() -> None:
    # CAMEO 018 (express condolences) has no PLOVER type: predicting nothing is right.
    items = [item(gold(None, ("USAGOV",), ("USA",), cameo="018"))]
    (result,) = score_items(items, [[]], [Level.TRIPLE])
    assert result.sentences == 0
    assert (result.micro.tp, result.micro.fp, result.micro.fn) == (0, 0, 0)


def test_actor_spans_match_on_shared_words_per_role() -> None:
    items = [
        item(
            gold(
                "CONSULT",
                ("U.S. Secretary of State Warren Christopher",),
                ("Russian Foreign Minister Andrei Kozyrev",),
                texts=True,
            )
        )
    ]
    # Source: "Warren Christopher" shares 2 of its 2 words: tp. Target: "Geneva" shares none:
    # fp, and the gold target is a miss.
    predictions = [[predicted("CONSULT", ("Warren Christopher",), ("Geneva",), texts=True)]]
    (result,) = score_items(items, predictions, [Level.ACTOR_SPAN])
    assert by_label(result) == {"source": (1, 0, 0), "target": (0, 1, 1)}
    assert result.micro.f1 == pytest.approx(0.5)
    assert result.macro_f1 is None


def test_actor_spans_need_half_of_the_shorter_spans_words() -> None:
    gold_span = "Asia-Pacific Economic Cooperation"  # asia, pacific, economic, cooperation
    items = [item(gold("AGREE", (gold_span,), texts=True))] * 2
    predictions = [
        # Shares asia and economic: 2 of the shorter span's 4 words, 0.5: a match.
        [predicted("AGREE", ("Economic Forum of Asia, Europe and Africa",), texts=True)],
        # Shares pacific only: 1 of 4, below the threshold.
        [predicted("AGREE", ("Pacific Islands Forum Secretariat Office",), texts=True)],
    ]
    (result,) = score_items(items, predictions, [Level.ACTOR_SPAN])
    assert by_label(result)["source"] == (1, 1, 1)


def test_reciprocal_parties_are_sources_and_optional_targets() -> None:
    items = [item(gold("CONSULT", ("Israel", "Lebanon"), reciprocal=True, texts=True))]
    # Source: Israel tp, Lebanon fn. Target: Lebanon is a reciprocal party, so naming it as a
    # target is neither required nor a false positive.
    predictions = [[predicted("CONSULT", ("Israel",), ("Lebanon",), texts=True)]]
    (result,) = score_items(items, predictions, [Level.ACTOR_SPAN])
    assert (result.micro.tp, result.micro.fp, result.micro.fn) == (1, 0, 1)


def test_actor_spans_ignore_sentences_whose_gold_has_no_spans() -> None:
    items = [item(label="neutral"), item(gold("ASSAULT", ("USA",)))]  # no span texts at all
    predictions = [[predicted("ASSAULT", ("Russia",), texts=True)]] * 2
    (result,) = score_items(items, predictions, [Level.ACTOR_SPAN])
    assert result.sentences == 0
    assert result.micro.fp == 0


def test_cameo_roots_and_quad_classes() -> None:
    table = tiny_cameo_table()
    items = [
        item(gold("ASSAULT", cameo="180", quad=4)),
        item(gold("PROTEST", cameo="140", quad=3)),
    ]
    predictions = [
        [predicted("ASSAULT", cameo_root="11")],  # root 11 ≠ 18; quad from the root: 3 ≠ 4
        [predicted("PROTEST")],  # no root; quad from the type via the table: 3 = 3
    ]
    roots, quads = score_items(
        items, predictions, [Level.CAMEO_ROOT, Level.QUAD_CLASS], table=table
    )
    assert by_label(roots) == {"11": (0, 1, 0), "14": (0, 0, 1), "18": (0, 0, 1)}
    assert by_label(quads) == {"material_conflict": (0, 0, 1), "verbal_conflict": (1, 1, 0)}
    # Quads: tp 1, fp 1, fn 1.
    assert quads.micro.f1 == pytest.approx(0.5)


def test_conflibert_class_is_the_strongest_predicted_event_or_neutral() -> None:
    table = tiny_cameo_table()
    items = [
        item(label="material_conflict"),
        item(label="verbal_conflict"),
        item(label="neutral"),
        item(label="verbal_cooperation"),
        item(),  # no label (a NER-only sentence): not scored
    ]
    predictions = [
        [predicted("PROTEST")],  # PROTEST is class 4 (CAMEO 14): right
        [predicted("CONSULT"), predicted("ACCUSE")],  # max(1, 3) = 3: right
        [],  # nothing predicted: neutral, right
        [],  # neutral for verbal cooperation: wrong
        [predicted("ASSAULT")],
    ]
    (result,) = score_items(items, predictions, [Level.CONFLIBERT_CLASS], table=table)
    assert result.sentences == 4
    assert result.accuracy == pytest.approx(3 / 4)
    assert by_label(result)["neutral"] == (1, 1, 0)
    assert by_label(result)["verbal_cooperation"] == (0, 0, 1)
    # F1: material_conflict 1, verbal_conflict 1, neutral 2/3, verbal_cooperation 0.
    assert result.macro_f1 == pytest.approx((1 + 1 + 2 / 3 + 0) / 4)


def test_a_predicted_cameo_root_decides_the_class_over_the_type() -> None:
    table = tiny_cameo_table()
    assert predicted_class([predicted("CONSULT", cameo_root="14")], table) == "material_conflict"
    assert predicted_class([predicted("CONSULT")], table) == "verbal_cooperation"
    assert predicted_class([predicted("NOT_A_TYPE")], table) == "neutral"


def test_an_announced_act_counts_as_the_verbal_act_of_announcing_it() -> None:
    table = tiny_cameo_table()
    # "will attack": a threat (class 3), not an attack (4); "will meet" stays verbal (1).
    assert predicted_class([predicted("ASSAULT", mode="future")], table) == "verbal_conflict"
    assert predicted_class([predicted("ASSAULT")], table) == "material_conflict"
    assert predicted_class([predicted("CONSULT", mode="future")], table) == "verbal_cooperation"
    announced = [predicted("ACCUSE"), predicted("PROTEST", cameo_root="14", mode="future")]
    assert predicted_class(announced, table) == "verbal_conflict"


def test_reducing_relations_is_verbal_conflict_on_conflibert_scale() -> None:
    table = tiny_cameo_table()
    # The CAMEO table's column says 4; ConfliBERT's coders class sanctions and expulsions as 3.
    assert table.penta_of_root("16") == 4
    assert predicted_class([predicted("SANCTION", cameo_root="16")], table) == "verbal_conflict"
    sanction_and_attack = [predicted("SANCTION", cameo_root="16"), predicted("ASSAULT")]
    assert predicted_class(sanction_and_attack, table) == "material_conflict"


def test_score_items_checks_its_inputs() -> None:
    with pytest.raises(ValueError, match="2 gold items but 1 predictions"):
        score_items([item(), item()], [[]], [Level.EVENT_TYPE])
    with pytest.raises(ValueError, match="CAMEO table"):
        score_items([item()], [[]], [Level.QUAD_CLASS])
