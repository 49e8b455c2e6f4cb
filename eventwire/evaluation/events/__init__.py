"""Event-coding evaluation against the gold sets in ../shared/eval (read there, never copied).

    from eventwire.evaluation.events import KeywordBaseline, format_table, run_evaluation
    report = run_evaluation(KeywordBaseline(), Path("../shared/eval"), split="test")
    print(format_table(report.results))

Sets: PLOVER gold records, PETRARCH-2 gold records, the TABARI validation suite and the
ConfliBERT CAMEO benchmark; see `sets.GOLD_SETS` for the levels each is scored at and each
loader's docstring for what it keeps and why.
"""

from eventwire.evaluation.events.baseline import KeywordBaseline
from eventwire.evaluation.events.cameo import CameoCode, CameoTable, load_cameo_table
from eventwire.evaluation.events.codes import actor_code_key
from eventwire.evaluation.events.loaders.conflibert import load_conflibert
from eventwire.evaluation.events.loaders.files import GoldFileMissingError
from eventwire.evaluation.events.loaders.petrarch import load_petrarch
from eventwire.evaluation.events.loaders.plover import load_plover
from eventwire.evaluation.events.loaders.tabari import load_tabari
from eventwire.evaluation.events.metrics import Level, LevelResult, LevelScore, NotAsserted
from eventwire.evaluation.events.records import (
    PLOVER_EVENT_TYPES,
    Coder,
    GoldActor,
    GoldEvent,
    GoldItem,
    PredictedActor,
    PredictedEvent,
)
from eventwire.evaluation.events.run import (
    EvaluationReport,
    SetReport,
    report_to_dict,
    run_evaluation,
)
from eventwire.evaluation.events.score import predicted_class, score_items
from eventwire.evaluation.events.sets import GOLD_SETS, GoldSet
from eventwire.evaluation.events.splits import split_of
from eventwire.evaluation.events.table import format_table

__all__ = [
    "GOLD_SETS",
    "PLOVER_EVENT_TYPES",
    "CameoCode",
    "CameoTable",
    "Coder",
    "EvaluationReport",
    "GoldActor",
    "GoldEvent",
    "GoldFileMissingError",
    "GoldItem",
    "GoldSet",
    "KeywordBaseline",
    "Level",
    "LevelResult",
    "LevelScore",
    "NotAsserted",
    "PredictedActor",
    "PredictedEvent",
    "SetReport",
    "actor_code_key",
    "format_table",
    "load_cameo_table",
    "load_conflibert",
    "load_petrarch",
    "load_plover",
    "load_tabari",
    "predicted_class",
    "report_to_dict",
    "run_evaluation",
    "score_items",
    "split_of",
]
