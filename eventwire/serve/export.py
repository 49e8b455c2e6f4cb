"""Write rows as JSONL, CSV or Parquet: streamed, so an export never holds a whole table."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

FORMATS = ("jsonl", "csv", "parquet")
# Rows per Parquet row group: large enough for good compression, small enough to stream.
PARQUET_BATCH_ROWS = 5000


def flat(value: Any) -> Any:
    """CSV cells are text: lists and objects become JSON."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_jsonl(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        count += 1
    return count


def write_csv(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    writer: csv.DictWriter[str] | None = None
    count = 0
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row))
            writer.writeheader()
        writer.writerow({key: flat(value) for key, value in row.items()})
        count += 1
    return count


def _batches(rows: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, PARQUET_BATCH_ROWS)):
        yield batch


def write_parquet(rows: Iterable[dict[str, Any]], out: IO[bytes]) -> int:
    """Nested fields are stored as JSON text, so every batch has the same schema whatever it
    holds (an empty list in one batch and a list of objects in the next would not)."""
    writer: pq.ParquetWriter | None = None
    count = 0
    try:
        for batch in _batches(rows):
            table = pa.Table.from_pylist([{k: flat(v) for k, v in row.items()} for row in batch])
            if writer is None:
                writer = pq.ParquetWriter(out, _nullable_strings(table.schema))
            writer.write_table(table.cast(writer.schema))
            count += len(batch)
    finally:
        if writer is not None:
            writer.close()
    if writer is None:  # no rows: still a Parquet file, which readers open as an empty table
        pq.write_table(pa.table({}), out)
    return count


def _nullable_strings(schema: pa.Schema) -> pa.Schema:
    # A column that is all null in the first batch is typed `null`; text is the safe type.
    fields = [pa.field(f.name, pa.string()) if pa.types.is_null(f.type) else f for f in schema]
    return pa.schema(fields)
