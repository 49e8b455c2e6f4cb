"""Read and validate knowledge-base files: the shipped ones, then the user's own directories."""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from eventwire.kb.build import build_kb
from eventwire.kb.errors import EntryRef, KBError
from eventwire.kb.knowledge import KnowledgeBase
from eventwire.kb.layers import Layer, LoadedFile, merge_layers
from eventwire.kb.schema import ENTRY_KEYS, KBFile

SHIPPED_PACKAGE = "eventwire"
SHIPPED_DIR = ("data", "kb")
MAX_REPORTED_ERRORS = 10  # enough to fix a file in one go without flooding the terminal


try:  # libyaml parses our files about five times faster than pure Python
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]  # same interface


class _DatesAsText(_SafeLoader):
    """A safe loader that leaves dates as text, so that the schema can report a bad date with
    its field; PyYAML itself would stop at '2025-13-01' with no hint of the entry."""


_DatesAsText.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True, slots=True)
class _Source:
    label: str  # how errors name the file: relative for shipped files, the full path for users
    text: str


def load_kb(extra_dirs: Sequence[Path] = (), *, shipped: bool = True) -> KnowledgeBase:
    """Load the shipped knowledge base, then every `*.yaml` below each of `extra_dirs`.

    An entry in a later directory with the same key as an earlier one replaces it (docs/kb.md).
    With `shipped=False` only `extra_dirs` are read (countries still come from pycountry).
    Raises `KBError` naming the file, the entry and the field of the first problem found.
    """
    layers = [_read_layer(_shipped_sources())] if shipped else []
    layers += [_read_layer(_user_sources(directory)) for directory in extra_dirs]
    return build_kb(merge_layers(layers))


def read_kb_file(label: str, text: str) -> LoadedFile:
    """Parse and validate one file's text; `label` names it in errors."""
    try:
        raw = yaml.load(text, Loader=_DatesAsText)  # safe: a SafeLoader subclass
    except yaml.YAMLError as error:
        raise KBError(f"{label}: invalid YAML: {error}") from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise KBError(f"{label}: expected a mapping of sections, got {type(raw).__name__}")
    try:
        return LoadedFile(label, KBFile.model_validate(raw))
    except ValidationError as error:
        problems = [_describe(label, raw, details) for details in error.errors()]
        raise KBError("\n".join(problems[:MAX_REPORTED_ERRORS])) from None


def shipped_files() -> list[str]:
    """Labels of the shipped files (relative to the KB directory), for tests and `kb check`."""
    return [source.label for source in _shipped_sources()]


def _read_layer(sources: Iterator[_Source]) -> Layer:
    return Layer([read_kb_file(source.label, source.text) for source in sources])


def _shipped_sources() -> Iterator[_Source]:
    root = resources.files(SHIPPED_PACKAGE).joinpath(*SHIPPED_DIR)
    yield from _walk(root, "")


def _walk(folder: Traversable, prefix: str) -> Iterator[_Source]:
    for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if item.is_dir():
            yield from _walk(item, f"{prefix}{item.name}/")
        elif item.name.endswith(".yaml"):
            yield _Source(f"{prefix}{item.name}", item.read_text(encoding="utf-8"))


def _user_sources(directory: Path) -> Iterator[_Source]:
    if not directory.is_dir():
        raise KBError(f"{directory}: not a directory")
    for path in sorted(directory.rglob("*.yaml")):
        yield _Source(str(path), path.read_text(encoding="utf-8"))


def _describe(label: str, raw: dict[object, object], details: ErrorDetails) -> str:
    """`people/USA.yaml: people[3] (pete-hegseth): roles[0].start: invalid date '2025-13-01'`."""
    location = list(details["loc"])
    if len(location) >= 2 and isinstance(location[0], str) and isinstance(location[1], int):
        section, index = location[0], location[1]
        ref = EntryRef(label, section, index, _entry_key(raw, section, index))
        return str(ref.error(_field_path(location[2:]) or "entry", _problem(details)))
    return f"{label}: {_field_path(location) or 'file'}: {_problem(details)}"


def _entry_key(raw: dict[object, object], section: str, index: int) -> str:
    entries = raw.get(section)
    entry = entries[index] if isinstance(entries, list) and index < len(entries) else None
    key = entry.get(ENTRY_KEYS.get(section, "id")) if isinstance(entry, dict) else None
    return str(key) if key is not None else "?"


def _field_path(location: Sequence[int | str]) -> str:
    path = ""
    for part in location:
        path += f"[{part}]" if isinstance(part, int) else f".{part}" if path else part
    return path


def _problem(details: ErrorDetails) -> str:
    kind = details["type"]
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "missing":
        return "missing required field"
    if kind == "value_error":
        return details["msg"].removeprefix("Value error, ")
    return f"{details['msg']} (got {details['input']!r})"
