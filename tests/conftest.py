"""Shared fixtures: a fresh store per test, and the paths of the shared gold sets."""

from __future__ import annotations

import importlib.util
import itertools
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from eventwire.store.db import Store

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
DEMO = REPO / "eventwire" / "data" / "demo"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or a skip that says why when a fresh clone does not have it."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(
            f"needs {path} (real articles and gold sets live beside the repo, in ../shared)"
        )
    return path


def load_benchmark(name: str) -> ModuleType:
    """A script of benchmarks/ as a module (they are scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(
        f"benchmark_{name}", REPO / "benchmarks" / f"{name}.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def fresh_db(tmp_path: Path) -> Iterator[Store]:
    store = Store(str(tmp_path / "test.db"))
    yield store
    store.close()


_DATABASES = itertools.count()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A throwaway PostgreSQL server for the session, or a skip that says why there is none."""
    from tests.postgres import NoServerError, cluster

    try:
        with cluster() as url:
            yield url
    except NoServerError as err:
        pytest.skip(str(err))


@pytest.fixture
def postgres_url(postgres_server: str) -> str:
    """A fresh, empty database on the session's server."""
    from tests.postgres import create_database

    return create_database(postgres_server, f"eventwire_{next(_DATABASES)}")
