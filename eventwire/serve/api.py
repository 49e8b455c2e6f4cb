"""The HTTP API and the dashboard it serves: FastAPI over a read-only view of the record.

Every list endpoint takes the same filters, pages with a stable cursor (the sort key of the
last row, opaque to clients) and can hand back the whole filtered view as CSV or JSONL instead.
Parameters are validated here, before anything reaches the database: a bad one is a 4xx that
names it.
"""

from __future__ import annotations

import base64
import binascii
import csv
import io
import json
import re
from collections.abc import Iterator, Sequence
from datetime import date
from importlib import resources
from typing import Annotated, Any, Protocol

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles

from eventwire import __version__
from eventwire.records import ViewFilter
from eventwire.serve.export import flat

# A page holds at most this many rows; a larger `limit` is served as this many.
MAX_PAGE = 500
DEFAULT_PAGE = 50
# A `limit` beyond this is not a page size but a mistake or a probe: refused.
LIMIT_CEILING = 100_000
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
CODE = r"^[A-Za-z][A-Za-z0-9_.-]{0,39}$"  # an actor code: ISO3, organisation or person id
ID = r"^[A-Za-z0-9_-]{1,64}$"
STATIC = resources.files("eventwire") / "serve" / "static"


class RecordReader(Protocol):
    """What the API needs of the store (`eventwire.store.reader.Reader`)."""

    def page(
        self, view: str, where: ViewFilter, limit: int, after: Sequence[Any] | None
    ) -> list[dict[str, Any]]: ...
    def stream(self, view: str, where: ViewFilter) -> Iterator[dict[str, Any]]: ...
    def sort_key(self, view: str, row: dict[str, Any]) -> list[Any]: ...
    def article(self, article_id: str) -> dict[str, Any] | None: ...
    def actors(self) -> list[dict[str, Any]]: ...
    def network(self, where: ViewFilter, top: int) -> list[dict[str, Any]]: ...


def bad(parameter: str, problem: str) -> HTTPException:
    return HTTPException(status_code=422, detail=f"{parameter}: {problem}")


def view_filter(
    actor: Annotated[
        str | None, Query(pattern=CODE, description="Actor code, as source or target.")
    ] = None,
    pair: Annotated[
        str | None, Query(description="Two actor codes, 'USA,RUS': events between them.")
    ] = None,
    event_type: Annotated[
        str | None, Query(alias="type", description="PLOVER event type, e.g. CONSULT.")
    ] = None,
    start: Annotated[
        date | None, Query(alias="from", description="First date (YYYY-MM-DD).")
    ] = None,
    end: Annotated[date | None, Query(alias="to", description="Last date (YYYY-MM-DD).")] = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    story: Annotated[str | None, Query(pattern=ID)] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Words in the evidence sentence.")
    ] = None,
    article: Annotated[str | None, Query(pattern=ID)] = None,
    kind: Annotated[
        str | None, Query(pattern=r"^[a-z_]{1,64}$", description="A flag's kind.")
    ] = None,
) -> ViewFilter:
    """The filters every view shares, checked one by one."""
    if event_type is not None and event_type.upper() not in PLOVER_TYPES:
        raise bad("type", f"{event_type!r} is not a PLOVER type ({', '.join(PLOVER_TYPES)})")
    if start and end and start > end:
        raise bad("from", "is after `to`")
    return ViewFilter(
        actor=actor,
        pair=_pair(pair),
        event_type=event_type.upper() if event_type else None,
        start=start,
        end=end,
        outlet=outlet,
        story=story,
        text=(q.strip() or None) if q else None,
        article=article,
        kind=kind,
    )  # fmt: skip


def _pair(value: str | None) -> tuple[str, str] | None:
    if value is None:
        return None
    codes = [code.strip() for code in value.split(",")]
    if len(codes) != 2 or not all(re.match(CODE, code) for code in codes):
        raise bad("pair", "give two actor codes separated by a comma, e.g. USA,RUS")
    return codes[0], codes[1]


def encode_cursor(key: Sequence[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(key)).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, size: int) -> list[Any]:
    """The sort key a cursor holds; anything else is the client's error, named as such."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, binascii.Error, UnicodeError) as err:
        raise bad("cursor", "not a cursor this server issued") from err
    if (
        not isinstance(key, list)
        or len(key) != size
        or not all(isinstance(v, str | int | float) for v in key)
    ):
        raise bad("cursor", "not a cursor this server issued")
    return key


Format = Annotated[
    str,
    Query(
        alias="format",
        pattern="^(json|csv|jsonl)$",
        description="json (a page), csv or jsonl (the whole filtered view, as a download).",
    ),
]
Limit = Annotated[
    int,
    Query(ge=1, le=LIMIT_CEILING, description=f"Rows per page; at most {MAX_PAGE} are served."),
]
Cursor = Annotated[
    str | None, Query(max_length=2000, description="`next_cursor` of the previous page.")
]


def create_app(reader: RecordReader) -> FastAPI:
    app = FastAPI(
        title="eventwire",
        version=__version__,
        description="Read-only access to an eventwire record: events, articles, actors, quotes, "
        "consistency flags, stories and the timeline of canonical events.",
        docs_url=None,  # served below, from vendored assets instead of a CDN
        redoc_url=None,
    )
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    _pages(app)
    for view in ("events", "articles", "quotes", "flags", "stories", "timeline"):
        _list_endpoint(app, reader, view)
    _single_endpoints(app, reader)
    return app


def _pages(app: FastAPI) -> None:
    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(str(STATIC / "dashboard" / "index.html"))

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="eventwire API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/vendor/swagger-ui/favicon-32x32.png",
        )


def _list_endpoint(app: FastAPI, reader: RecordReader, view: str) -> None:
    def listing(
        request: Request,
        where: Annotated[ViewFilter, Depends(view_filter)],
        limit: Limit = DEFAULT_PAGE,
        cursor: Cursor = None,
        output: Format = "json",
    ) -> Any:
        if output != "json":
            return _download(reader.stream(view, where), view, output)
        size = len(reader.sort_key(view, {}))
        after = decode_cursor(cursor, size) if cursor else None
        served = min(limit, MAX_PAGE)
        rows = reader.page(view, where, served + 1, after)  # one more: is there a next page?
        more = len(rows) > served
        rows = rows[:served]
        next_cursor = encode_cursor(reader.sort_key(view, rows[-1])) if more else None
        return JSONResponse(
            {"items": [_clean(r) for r in rows], "limit": served, "next_cursor": next_cursor}
        )

    listing.__name__ = f"list_{view}"
    app.get(
        f"/api/{view}",
        summary=f"List {view}, filtered and paged",
        response_model=None,
    )(listing)


def _single_endpoints(app: FastAPI, reader: RecordReader) -> None:
    @app.get("/api/articles/{article_id}", summary="One article, with its text and events")
    def one_article(article_id: str) -> JSONResponse:
        if not re.match(ID, article_id):
            raise bad("article_id", "not an article id")
        found = reader.article(article_id)
        if found is None:
            raise HTTPException(status_code=404, detail=f"article_id: no article {article_id}")
        return JSONResponse(found)

    @app.get("/api/actors", summary="Actors met in the record, most mentioned first")
    def actors(
        limit: Limit = DEFAULT_PAGE,
        cursor: Cursor = None,
        output: Format = "json",
    ) -> Any:
        rows = reader.actors()
        if output != "json":
            return _download(iter(rows), "actors", output)
        start = decode_cursor(cursor, 1)[0] if cursor else 0
        if not isinstance(start, int) or start < 0:
            raise bad("cursor", "not a cursor this server issued")
        served = min(limit, MAX_PAGE)
        page = rows[start : start + served]
        more = start + served < len(rows)
        next_cursor = encode_cursor([start + served]) if more else None
        return JSONResponse({"items": page, "limit": served, "next_cursor": next_cursor})

    @app.get("/api/network", summary="Event counts between actors, by type")
    def network(
        where: Annotated[ViewFilter, Depends(view_filter)],
        top: Annotated[int, Query(ge=1, le=2000)] = 300,
    ) -> JSONResponse:
        return JSONResponse({"edges": reader.network(where, top)})


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if not k.startswith("_key")}


def _download(rows: Iterator[dict[str, Any]], view: str, fmt: str) -> StreamingResponse:
    media = "text/csv" if fmt == "csv" else "application/x-ndjson"
    body = _csv_lines(rows) if fmt == "csv" else _jsonl_lines(rows)
    headers = {"Content-Disposition": f'attachment; filename="{view}.{fmt}"'}
    return StreamingResponse(body, media_type=media, headers=headers)


def _jsonl_lines(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(_clean(row), ensure_ascii=False, default=str) + "\n"


def _csv_lines(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    header: list[str] | None = None
    for row in rows:
        cleaned = _clean(row)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        if header is None:
            header = list(cleaned)
            writer.writerow(header)
        writer.writerow([flat(cleaned.get(column)) for column in header])
        yield buffer.getvalue()
