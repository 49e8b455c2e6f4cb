"""The per-article stages (clean, annotate, code) on Ray Data.

Documents go out as one dataset per block; `map_batches` runs them through actors that each
load the models once (`_Stages`); results come back with their index and are put in order.
Every row that a stage cannot handle comes back as a failure row, never as an exception:
an engine fails a whole job on one, and Ray's option to skip failing rows drops whole batches
without a word. Install with `pip install 'eventwire[ray]'`; point `RAY_ADDRESS` at a cluster
to use one (docs/distributed.md), else a local Ray starts in this process.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Sequence
from typing import Any

from eventwire.pipeline import Item, Processed, actor_stages, process
from eventwire.records import InputFailure

# Documents per call of an actor: enough for spaCy's batching, small enough to spread a
# block over the actors.
BATCH = 32


class _Stages:
    """One Ray actor: the models, loaded once, and the pure per-article function."""

    def __init__(self, kb_dirs: tuple[str, ...], fast: bool) -> None:
        self._stages = actor_stages(kb_dirs, fast)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        items: list[Item] = [pickle.loads(blob) for blob in batch["item"]]
        try:
            results = process(self._stages, items)
        except Exception as err:  # process() reports per document; this is a last resort
            problem = f"analysis failed on the engine: {type(err).__name__}: {err}"
            results = [
                Processed(None, None, InputFailure(doc.location, problem)) for doc, _ in items
            ]
        return {"index": batch["index"], "result": [pickle.dumps(r) for r in results]}


class RayRunner:
    def __init__(self, workers: int, kb_dirs: tuple[str, ...], fast: bool) -> None:
        import ray

        if not ray.is_initialized():
            os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # no reporting home
            ray.init(address=os.environ.get("RAY_ADDRESS"), include_dashboard=False)
        self._workers = workers
        self._args = (kb_dirs, fast)

    def process(self, items: Sequence[Item]) -> list[Processed]:
        import ray

        if not items:
            return []
        rows = [{"index": i, "item": pickle.dumps(item)} for i, item in enumerate(items)]
        dataset = ray.data.from_items(rows).map_batches(
            _Stages,
            fn_constructor_args=self._args,
            concurrency=self._workers,
            batch_size=BATCH,
            batch_format="numpy",
        )
        done = sorted(dataset.take_all(), key=lambda row: int(row["index"]))
        return [pickle.loads(row["result"]) for row in done]
