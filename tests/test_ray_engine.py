"""The distributed engine: the same corpus through the local and the Ray path gives the same
articles, events, flags and failures. Ray runs in local mode; the tests share one `ray.init`."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventwire.pipeline import ingest
from eventwire.store.db import Store
from tests.conftest import DEMO

ray = pytest.importorskip("ray", reason="the ray engine needs pip install 'eventwire[ray]'")

TABLES = ("articles", "events", "flags", "mentions", "quotes", "failures", "canonical", "stories")
VOLATILE = {"ingested_at", "last_seen"}


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
    ray.init(num_cpus=2, include_dashboard=False, object_store_memory=300 * 2**20)
    yield
    ray.shutdown()


def record(store: Store) -> dict[str, list[dict[str, Any]]]:
    return {
        name: [{k: v for k, v in row.items() if k not in VOLATILE} for row in store.rows(name)]
        for name in TABLES
    }


def test_the_ray_engine_stores_what_the_local_engine_stores(
    local_ray: None, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(DEMO, corpus)
    (corpus / "broken.html").write_bytes(b"")  # a failure must come back as a row, too
    (corpus / "nothing.html").write_text("<html><body></body></html>", encoding="utf-8")
    with Store(str(tmp_path / "local.db")) as local, Store(str(tmp_path / "ray.db")) as remote:
        here = ingest([str(corpus)], local)
        there = ingest([str(corpus)], remote, engine="ray", workers=2)
        assert (there.new, there.failed, there.events) == (here.new, here.failed, here.events)
        assert there.new == 21 and there.failed == 2
        assert record(remote) == record(local)
        again = ingest([str(corpus)], remote, engine="ray")
        assert (again.new, again.unchanged) == (0, 21)


def test_an_unknown_engine_is_refused(tmp_path: Path) -> None:
    with Store(str(tmp_path / "x.db")) as store, pytest.raises(ValueError, match="spark"):
        ingest([str(DEMO)], store, engine="spark")
