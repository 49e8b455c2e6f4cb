"""Render an analyst briefing (timeline, key events, quotes, flags, sources, plot) as text.

This module only formats: whoever builds a `Briefing` has already chosen and ordered what
goes in. Keeping it free of other eventwire stages means the rendering can be tested with
hand-made data and reused by any front end (CLI, export, a web view) without a store.

Everything here is rendered from news text, which is untrusted: Markdown escapes the
characters that would turn a quote into markup, and HTML escapes all text and carries a
Content-Security-Policy, so a `<script>` inside an article stays text in the briefing.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # matplotlib loads only when a plot is drawn: it costs ~0.8 s to import
    from matplotlib.figure import Figure

FORMATS = ("md", "html")
PLOT_FORMATS = ("png", "svg")

# Colours that stay distinguishable for the common red–green colour deficiencies
# because they also differ clearly in lightness.
COOPERATION_COLOUR = "#2e7d32"
CONFLICT_COLOUR = "#c62828"
NEUTRAL_COLOUR = "#9e9e9e"
INTENSITY_LIMIT = 10.0
# Past this many days, per-bar event counts overlap and become noise.
MAX_LABELLED_BARS = 40
# Long enough to recognise the event, short enough to keep a table row on one screen line.
EVIDENCE_CHARS = 140
ARROW = " → "
MISSING = "—"

NO_TIMELINE = "No dated events in this selection."
NO_KEY_EVENTS = "No key events: nothing in this selection was corroborated enough."
NO_QUOTES = "No quotes attributed in these articles."
NO_FLAGS = "No consistency flags raised."
NO_SOURCES = "No source articles."
NO_PLOT = "No dated events for the main actor pair, so there is nothing to plot."

PRECISION_SUFFIX = {"publication": " (published)"}


@dataclass(frozen=True, slots=True)
class BriefingEvent:
    """One canonical event on the timeline, already merged across articles."""

    canonical_id: str
    date: date | None
    # How far `date` can be trusted: day | month | year | publication. A month-precise
    # date is shown as YYYY-MM so the reader is not told a day nobody reported.
    date_precision: str | None
    event_type: str  # PLOVER type, e.g. CONSULT
    source: str  # display name(s) of the source actor(s); "" when unknown
    target: str
    sentence: str  # the best evidence sentence, shown so the reader can check the coding
    intensity: float  # -10 (conflict) .. +10 (cooperation)
    corroboration: int  # supporting articles
    # Articles that do not copy one another: ten reprints of one wire story are one source.
    independent_sources: int
    origins: tuple[str, ...]  # distinct first reporters, e.g. ("Reuters", "Capitol Brief")
    outlets: tuple[str, ...]  # outlets of the supporting articles
    # Events recalled as context ("in 2019 the two sides met ...") rather than reported as
    # news; kept so the history is visible, but marked so they are not read as new.
    background: bool


@dataclass(frozen=True, slots=True)
class BriefingQuote:
    """A direct quote with who said it and where it was printed."""

    speaker: str  # resolved name, or as written when it could not be resolved
    text: str
    outlet: str | None
    published: date | None


@dataclass(frozen=True, slots=True)
class BriefingFlag:
    """A consistency problem the reader should know about before trusting a mention."""

    kind: str  # e.g. role_not_held_on_date, contradiction_date
    mention: str
    explanation: str
    outlet: str | None
    published: date | None


@dataclass(frozen=True, slots=True)
class BriefingSource:
    """One article behind the briefing, with where its story came from."""

    outlet: str
    title: str | None
    published: date | None
    url: str
    origin: str  # the first reporter in the article's chain
    chain: tuple[str, ...]  # first reporter ... this outlet
    duplicate_of: str | None  # title or id of the earlier version it copies, if any


@dataclass(frozen=True, slots=True)
class IntensityPoint:
    """Mean cooperation–conflict intensity of one day's events for the main pair."""

    day: date
    mean_intensity: float
    events: int


@dataclass(frozen=True, slots=True)
class Briefing:
    """Everything a briefing shows, chosen and ordered by its builder."""

    title: str
    scope: str  # e.g. "Story s-1a2b: United States – Russia" or "Actors USA, RUS"
    period: tuple[date | None, date | None]
    pair: tuple[str, str] | None  # main actor pair for the plot, display names
    timeline: tuple[BriefingEvent, ...]  # dated canonical events, in order
    key_events: tuple[BriefingEvent, ...]  # the most corroborated, with evidence
    quotes: tuple[BriefingQuote, ...]
    flags: tuple[BriefingFlag, ...]
    sources: tuple[BriefingSource, ...]
    intensity: tuple[IntensityPoint, ...]  # per day, for the main pair


# ---------------------------------------------------------------------------- the plot


def _plot_title(pair: tuple[str, str] | None) -> str:
    if pair is None:
        return "Cooperation–conflict intensity per day"
    return f"Cooperation–conflict intensity per day: {pair[0]} – {pair[1]}"


def _bar_colour(value: float) -> str:
    if value > 0:
        return COOPERATION_COLOUR
    if value < 0:
        return CONFLICT_COLOUR
    return NEUTRAL_COLOUR


def _clamped(value: float) -> float:
    # A mean outside the scale is a bug upstream, but a bar running off the axes would hide
    # its sign; clamping keeps the day readable.
    return max(-INTENSITY_LIMIT, min(INTENSITY_LIMIT, value))


def _draw_intensity(figure: Figure, points: Sequence[IntensityPoint], title: str) -> None:
    import matplotlib.dates as mdates

    axes = figure.add_subplot()
    ordered = sorted(points, key=lambda point: point.day)
    # matplotlib.dates ships without annotations, hence the narrow ignores below.
    days = [float(mdates.date2num(point.day)) for point in ordered]  # type: ignore[no-untyped-call]
    values = [_clamped(point.mean_intensity) for point in ordered]
    bars = axes.bar(days, values, width=0.8, color=[_bar_colour(v) for v in values])
    if len(ordered) <= MAX_LABELLED_BARS:
        # The event count tells the reader whether a tall bar is one article or twenty.
        axes.bar_label(bars, labels=[str(point.events) for point in ordered], fontsize=7)
    axes.axhline(0.0, color="black", linewidth=0.8)
    axes.set_ylim(-INTENSITY_LIMIT, INTENSITY_LIMIT)
    axes.set_ylabel("mean intensity\n(−10 conflict … +10 cooperation)", fontsize=8)
    axes.xaxis_date()
    locator = mdates.AutoDateLocator()  # type: ignore[no-untyped-call]
    formatter = mdates.ConciseDateFormatter(locator)  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(formatter)
    axes.set_title(title, fontsize=10)
    axes.grid(axis="y", color="#e0e0e0", linewidth=0.5)
    axes.set_axisbelow(True)


def _figure_bytes(figure: Figure, fmt: str) -> bytes:
    import matplotlib

    buffer = io.BytesIO()
    # Dropping dates and version strings, and salting SVG ids with a constant instead of a
    # random one, makes the same data give the same bytes: briefings can be diffed and tested.
    metadata: dict[str, str | None]
    if fmt == "svg":
        metadata = {"Date": None, "Creator": None, "Format": None, "Type": None}
    else:
        metadata = {"Software": None}
    with matplotlib.rc_context({"svg.hashsalt": "eventwire-briefing"}):
        figure.savefig(buffer, format=fmt, metadata=metadata)
    return buffer.getvalue()


def intensity_plot(
    points: Sequence[IntensityPoint], pair: tuple[str, str] | None, fmt: str = "png"
) -> bytes | None:
    """Bar chart of mean intensity per day as PNG or SVG bytes; None when there is no data.

    Built on a bare `Figure` with the Agg canvas rather than pyplot, so rendering needs no
    display and leaves no global figure state behind in a long-running process.
    """
    if fmt not in PLOT_FORMATS:
        raise ValueError(f"unknown plot format {fmt!r}; expected one of {PLOT_FORMATS}")
    if not points:
        return None
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(8.0, 3.2), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    _draw_intensity(figure, points, _plot_title(pair))
    return _figure_bytes(figure, fmt)


def _mime(fmt: str) -> str:
    return "image/svg+xml" if fmt == "svg" else "image/png"


def _data_uri(image: bytes, fmt: str) -> str:
    return f"data:{_mime(fmt)};base64,{base64.b64encode(image).decode('ascii')}"


def _strip_xml_prolog(svg: str) -> str:
    # The XML declaration and DOCTYPE are not allowed inside an HTML body; the <svg>
    # element itself is all an HTML5 parser needs.
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else svg


# ------------------------------------------------------------------- shared formatting


def _format_day(day: date | None) -> str:
    return day.isoformat() if day is not None else MISSING


def _format_event_date(event: BriefingEvent) -> str:
    if event.date is None:
        return "undated"
    if event.date_precision == "year":
        return f"{event.date.year:04d}"
    if event.date_precision == "month":
        return f"{event.date.year:04d}-{event.date.month:02d}"
    return event.date.isoformat() + PRECISION_SUFFIX.get(event.date_precision or "", "")


def _format_period(period: tuple[date | None, date | None]) -> str:
    start, end = period
    if start is None and end is None:
        return "unknown"
    if start is None:
        return f"until {_format_day(end)}"
    if end is None:
        return f"from {_format_day(start)}"
    if start == end:
        return start.isoformat()
    return f"{start.isoformat()} – {end.isoformat()}"


def _actors(event: BriefingEvent) -> str:
    return f"{event.source or 'unknown'}{ARROW}{event.target or 'unknown'}"


def _support(event: BriefingEvent) -> str:
    return f"{event.corroboration} / {event.independent_sources}"


def _event_type(event: BriefingEvent) -> str:
    return f"{event.event_type} (background)" if event.background else event.event_type


def _single_line(text: str) -> str:
    return " ".join(text.split())


def _shorten(text: str, limit: int = EVIDENCE_CHARS) -> str:
    flat = _single_line(text)
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    # Cutting at a word boundary keeps the excerpt readable; a single giant token is cut hard.
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def _chain(source: BriefingSource) -> tuple[str, ...]:
    if source.chain:
        return source.chain
    return (source.origin,) if source.origin else ()


def _timeline_order(events: Iterable[BriefingEvent]) -> list[BriefingEvent]:
    # The builder should already pass events in order; sorting again (stably, undated last)
    # means a builder bug shows up as a slightly odd order rather than a scrambled timeline.
    return sorted(events, key=lambda event: (event.date is None, event.date or date.min))


def _is_web_url(url: str) -> bool:
    # Only http(s) becomes a link: a javascript: or file: URL from a feed stays plain text.
    return url.lower().startswith(("http://", "https://"))


# --------------------------------------------------------------------------- Markdown

# Characters that would make news text into Markdown syntax or raw HTML. `<` matters most:
# most Markdown renderers pass HTML through, so an unescaped quote could inject a tag.
_MD_SPECIAL = str.maketrans({ch: "\\" + ch for ch in "\\`*_[]<>|"})


def _md(text: str) -> str:
    """Text safe for a Markdown paragraph or table cell: one line, markup escaped."""
    return _single_line(text).translate(_MD_SPECIAL)


def _md_url(url: str) -> str:
    # Percent-encoding keeps the link target from ending early or splitting a table cell.
    return (
        url.replace(" ", "%20")
        .replace("(", "%28")
        .replace(")", "%29")
        .replace("<", "%3C")
        .replace(">", "%3E")
        .replace("|", "%7C")
    )


def _md_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


def _md_timeline(briefing: Briefing) -> list[str]:
    if not briefing.timeline:
        return [NO_TIMELINE]
    header = ("Date", "Type", "Source → target", "Sources (corroboration / independent)")
    rows = (
        (
            _md(_format_event_date(event)),
            _md(_event_type(event)),
            _md(_actors(event)),
            _support(event),
            _md(_shorten(event.sentence)),
        )
        for event in _timeline_order(briefing.timeline)
    )
    return _md_table((*header, "Evidence"), rows)


def _md_key_event(index: int, event: BriefingEvent) -> list[str]:
    heading = (
        f"### {index}. {_md(_format_event_date(event))} · {_md(_event_type(event))} · "
        f"{_md(_actors(event))}"
    )
    origins = ", ".join(_md(origin) for origin in event.origins) or "unknown"
    outlets = ", ".join(_md(outlet) for outlet in event.outlets) or "unknown"
    return [
        heading,
        "",
        f"> {_md(event.sentence)}",
        "",
        f"Intensity {event.intensity:+.1f} · {event.corroboration} supporting articles, "
        f"{event.independent_sources} independent · origins: {origins} · outlets: {outlets}",
        "",
    ]


def _md_key_events(briefing: Briefing) -> list[str]:
    if not briefing.key_events:
        return [NO_KEY_EVENTS]
    lines: list[str] = []
    for index, event in enumerate(briefing.key_events, start=1):
        lines.extend(_md_key_event(index, event))
    return lines[:-1]  # the caller adds the blank line between sections


def _md_quotes(briefing: Briefing) -> list[str]:
    if not briefing.quotes:
        return [NO_QUOTES]
    rows = (
        (
            _md(quote.speaker),
            "“" + _md(quote.text) + "”",
            _md(quote.outlet or MISSING),
            _format_day(quote.published),
        )
        for quote in briefing.quotes
    )
    return _md_table(("Speaker", "Quote", "Outlet", "Date"), rows)


def _md_flags(briefing: Briefing) -> list[str]:
    if not briefing.flags:
        return [NO_FLAGS]
    rows = (
        (
            _md(flag.kind),
            _md(flag.mention),
            _md(flag.explanation),
            _md(flag.outlet or MISSING),
            _format_day(flag.published),
        )
        for flag in briefing.flags
    )
    return _md_table(("Kind", "Mention", "Explanation", "Outlet", "Date"), rows)


def _md_source_title(source: BriefingSource) -> str:
    title = _md(source.title or source.url or "untitled")
    if _is_web_url(source.url):
        return f"[{title}]({_md_url(source.url)})"
    return title


def _md_sources(briefing: Briefing) -> list[str]:
    if not briefing.sources:
        return [NO_SOURCES]
    rows = (
        (
            _md(source.outlet),
            _format_day(source.published),
            _md_source_title(source),
            _md(ARROW.join(_chain(source))) or MISSING,
            f"copy of {_md(source.duplicate_of)}" if source.duplicate_of else "",
        )
        for source in briefing.sources
    )
    return _md_table(("Outlet", "Date", "Title", "Origin chain", "Note"), rows)


def _md_plot(briefing: Briefing, plot: str) -> list[str]:
    image = intensity_plot(briefing.intensity, briefing.pair, plot)
    if image is None:
        return [NO_PLOT]
    alt = _md(_plot_title(briefing.pair))
    return [f"![{alt}]({_data_uri(image, plot)})"]


def render_markdown(briefing: Briefing, plot: str = "png") -> str:
    """The briefing as one Markdown document, the plot embedded so the file stands alone."""
    sections: list[tuple[str, list[str]]] = [
        ("Timeline", _md_timeline(briefing)),
        ("Key events", _md_key_events(briefing)),
        ("Quotes", _md_quotes(briefing)),
        ("Consistency flags", _md_flags(briefing)),
        ("Sources", _md_sources(briefing)),
        ("Cooperation–conflict intensity", _md_plot(briefing, plot)),
    ]
    lines = [
        f"# {_md(briefing.title)}",
        "",
        f"**Scope:** {_md(briefing.scope)} · **Period:** {_format_period(briefing.period)}",
    ]
    for heading, body in sections:
        lines.extend(["", f"## {heading}", "", *body])
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------- HTML

# Scripts are never needed, and forbidding everything else makes the page provably offline:
# a stray reference to a remote asset would be blocked rather than fetched.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

_CSS = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; line-height: 1.45; color: #212121; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; margin: 0.5rem 0; }
th, td { border: 1px solid #ddd; padding: 0.3rem 0.5rem; text-align: left;
         vertical-align: top; }
th { background: #f5f5f5; }
tr.background td { color: #757575; font-style: italic; background: #fafafa; }
section.background h3, section.background blockquote { color: #757575; }
.badge { display: inline-block; font-size: 0.75rem; font-style: normal; padding: 0 0.35rem;
         border-radius: 0.25rem; background: #e0e0e0; color: #424242; }
blockquote { border-left: 4px solid #bdbdbd; margin: 0.5rem 0; padding: 0.2rem 0.8rem;
             color: #424242; }
.none { color: #757575; font-style: italic; }
.meta { color: #616161; font-size: 0.9rem; }
figure { margin: 0; }
figure svg, figure img { max-width: 100%; height: auto; }
"""


def _h(text: str) -> str:
    return html.escape(text, quote=True)


def _html_none(message: str) -> str:
    return f'<p class="none">{_h(message)}</p>'


def _html_table(
    header: Sequence[str], rows: Iterable[tuple[str, Sequence[str]]], css_class: str = ""
) -> str:
    """Cells must already be HTML; each row carries its own class (may be empty)."""
    head = "".join(f"<th>{_h(name)}</th>" for name in header)
    body = []
    for row_class, cells in rows:
        attribute = f' class="{row_class}"' if row_class else ""
        body.append(f"<tr{attribute}>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    table_class = f' class="{css_class}"' if css_class else ""
    return (
        f"<table{table_class}><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def _html_event_type(event: BriefingEvent) -> str:
    badge = ' <span class="badge">background</span>' if event.background else ""
    return _h(event.event_type) + badge


def _html_timeline(briefing: Briefing) -> str:
    if not briefing.timeline:
        return _html_none(NO_TIMELINE)
    header = ("Date", "Type", "Source → target", "Sources (corroboration / independent)")
    rows = (
        (
            "background" if event.background else "",
            (
                _h(_format_event_date(event)),
                _html_event_type(event),
                _h(_actors(event)),
                _h(_support(event)),
                _h(_shorten(event.sentence)),
            ),
        )
        for event in _timeline_order(briefing.timeline)
    )
    return _html_table((*header, "Evidence"), rows, "timeline")


def _html_key_event(index: int, event: BriefingEvent) -> str:
    origins = ", ".join(event.origins) or "unknown"
    outlets = ", ".join(event.outlets) or "unknown"
    section_class = ' class="background"' if event.background else ""
    return (
        f"<section{section_class}>"
        f"<h3>{index}. {_h(_format_event_date(event))} · {_html_event_type(event)} · "
        f"{_h(_actors(event))}</h3>"
        f"<blockquote>{_h(event.sentence)}</blockquote>"
        f'<p class="meta">Intensity {event.intensity:+.1f} · {event.corroboration} supporting '
        f"articles, {event.independent_sources} independent · origins: {_h(origins)} · "
        f"outlets: {_h(outlets)}</p>"
        "</section>"
    )


def _html_key_events(briefing: Briefing) -> str:
    if not briefing.key_events:
        return _html_none(NO_KEY_EVENTS)
    return "".join(
        _html_key_event(index, event) for index, event in enumerate(briefing.key_events, 1)
    )


def _html_quotes(briefing: Briefing) -> str:
    if not briefing.quotes:
        return _html_none(NO_QUOTES)
    rows = (
        (
            "",
            (
                _h(quote.speaker),
                "“" + _h(quote.text) + "”",
                _h(quote.outlet or MISSING),
                _h(_format_day(quote.published)),
            ),
        )
        for quote in briefing.quotes
    )
    return _html_table(("Speaker", "Quote", "Outlet", "Date"), rows, "quotes")


def _html_flags(briefing: Briefing) -> str:
    if not briefing.flags:
        return _html_none(NO_FLAGS)
    rows = (
        (
            "",
            (
                _h(flag.kind),
                _h(flag.mention),
                _h(flag.explanation),
                _h(flag.outlet or MISSING),
                _h(_format_day(flag.published)),
            ),
        )
        for flag in briefing.flags
    )
    return _html_table(("Kind", "Mention", "Explanation", "Outlet", "Date"), rows, "flags")


def _html_source_title(source: BriefingSource) -> str:
    title = _h(source.title or source.url or "untitled")
    if _is_web_url(source.url):
        return f'<a href="{_h(source.url)}">{title}</a>'
    return title


def _html_sources(briefing: Briefing) -> str:
    if not briefing.sources:
        return _html_none(NO_SOURCES)
    rows = (
        (
            "",
            (
                _h(source.outlet),
                _h(_format_day(source.published)),
                _html_source_title(source),
                _h(ARROW.join(_chain(source)) or MISSING),
                f"copy of {_h(source.duplicate_of)}" if source.duplicate_of else "",
            ),
        )
        for source in briefing.sources
    )
    header = ("Outlet", "Date", "Title", "Origin chain", "Note")
    return _html_table(header, rows, "sources")


def _html_plot(briefing: Briefing, plot: str) -> str:
    image = intensity_plot(briefing.intensity, briefing.pair, plot)
    if image is None:
        return _html_none(NO_PLOT)
    caption = _h(_plot_title(briefing.pair))
    if plot == "svg":
        # Inline rather than a data URI: the SVG stays searchable and scales with the page.
        graphic = _strip_xml_prolog(image.decode("utf-8"))
    else:
        graphic = f'<img alt="{caption}" src="{_data_uri(image, plot)}">'
    return f"<figure>{graphic}<figcaption>{caption}</figcaption></figure>"


def render_html(briefing: Briefing, plot: str = "svg") -> str:
    """The briefing as one standalone HTML5 page: no scripts, no external assets."""
    sections = [
        ("Timeline", _html_timeline(briefing)),
        ("Key events", _html_key_events(briefing)),
        ("Quotes", _html_quotes(briefing)),
        ("Consistency flags", _html_flags(briefing)),
        ("Sources", _html_sources(briefing)),
        ("Cooperation–conflict intensity", _html_plot(briefing, plot)),
    ]
    body = "\n".join(
        f"<section><h2>{_h(name)}</h2>\n{content}</section>" for name, content in sections
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_h(briefing.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<h1>{_h(briefing.title)}</h1>\n"
        f'<p class="meta"><strong>Scope:</strong> {_h(briefing.scope)} · '
        f"<strong>Period:</strong> {_h(_format_period(briefing.period))}</p>\n"
        f"{body}\n</body>\n</html>\n"
    )


def render(briefing: Briefing, fmt: str) -> str:
    """Render in one of `FORMATS`, each with its default plot format."""
    if fmt == "md":
        return render_markdown(briefing)
    if fmt == "html":
        return render_html(briefing)
    raise ValueError(f"unknown briefing format {fmt!r}; expected one of {FORMATS}")
