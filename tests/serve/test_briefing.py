"""The briefing renders every section, keeps news text inert, and embeds its plot offline."""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date

import pytest

from eventwire.serve.briefing import (
    CONFLICT_COLOUR,
    COOPERATION_COLOUR,
    NO_FLAGS,
    NO_KEY_EVENTS,
    NO_PLOT,
    NO_QUOTES,
    NO_SOURCES,
    NO_TIMELINE,
    Briefing,
    BriefingEvent,
    BriefingFlag,
    BriefingQuote,
    BriefingSource,
    IntensityPoint,
    intensity_plot,
    render,
    render_html,
    render_markdown,
)

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
SECTIONS = (
    "## Timeline",
    "## Key events",
    "## Quotes",
    "## Consistency flags",
    "## Sources",
    "## Cooperation–conflict intensity",
)
REUTERS_URL = "https://example.org/reuters/talks"
BRIEF_URL = "https://example.com/capitol-brief/talks"
NASTY_QUOTE = "We will talk | <script>alert('x')</script> and nothing else"


def event(
    canonical_id: str,
    day: date,
    *,
    event_type: str = "CONSULT",
    intensity: float = 4.0,
    background: bool = False,
    sentence: str = "Officials from both countries met in Geneva on Tuesday.",
) -> BriefingEvent:
    return BriefingEvent(
        canonical_id=canonical_id,
        date=day,
        date_precision="day",
        event_type=event_type,
        source="United States",
        target="Russia",
        sentence=sentence,
        intensity=intensity,
        corroboration=3,
        independent_sources=2,
        origins=("Reuters", "Capitol Brief"),
        outlets=("Reuters", "Capitol Brief", "Daily Echo"),
        background=background,
    )


MEETING = event("e-meet", date(2024, 3, 5))
SANCTIONS = event(
    "e-sanction",
    date(2024, 3, 7),
    event_type="SANCTION",
    intensity=-6.5,
    sentence="Washington announced new sanctions on Russian banks.",
)
OLD_SUMMIT = event(
    "e-summit",
    date(2019, 6, 1),
    background=True,
    sentence="The two presidents last held a summit in 2019.",
)


def sample() -> Briefing:
    return Briefing(
        title="United States – Russia talks",
        scope="Story s-1a2b: United States – Russia",
        period=(date(2024, 3, 1), date(2024, 3, 8)),
        pair=("United States", "Russia"),
        # Deliberately out of order: the rendered timeline must still read forwards.
        timeline=(SANCTIONS, OLD_SUMMIT, MEETING),
        key_events=(MEETING, SANCTIONS),
        quotes=(
            BriefingQuote(
                speaker="Jane Roe",
                text=NASTY_QUOTE,
                outlet="Reuters",
                published=date(2024, 3, 5),
            ),
        ),
        flags=(
            BriefingFlag(
                kind="role_not_held_on_date",
                mention="Foreign Minister Smith",
                explanation="Smith left the post in 2022.",
                outlet="Daily Echo",
                published=date(2024, 3, 6),
            ),
        ),
        sources=(
            BriefingSource(
                outlet="Reuters",
                title="US and Russia meet in Geneva",
                published=date(2024, 3, 5),
                url=REUTERS_URL,
                origin="Reuters",
                chain=("Reuters",),
                duplicate_of=None,
            ),
            BriefingSource(
                outlet="Capitol Brief",
                title="Geneva talks: what we know",
                published=date(2024, 3, 6),
                url=BRIEF_URL,
                origin="Reuters",
                chain=("Reuters", "Capitol Brief"),
                duplicate_of="US and Russia meet in Geneva",
            ),
        ),
        intensity=(
            IntensityPoint(day=date(2024, 3, 5), mean_intensity=4.0, events=2),
            IntensityPoint(day=date(2024, 3, 7), mean_intensity=-6.5, events=1),
        ),
    )


def empty() -> Briefing:
    return replace(
        sample(), timeline=(), key_events=(), quotes=(), flags=(), sources=(), intensity=()
    )


def timeline_rows(markdown: str) -> list[str]:
    section = markdown.split("## Timeline", 1)[1].split("## Key events", 1)[0]
    return [line for line in section.splitlines() if re.match(r"\| \d{4}-", line)]


# ----------------------------------------------------------------------------- Markdown


def test_markdown_has_title_scope_and_every_section_in_order() -> None:
    markdown = render_markdown(sample())
    assert markdown.startswith("# United States – Russia talks\n")
    assert "Story s-1a2b: United States – Russia" in markdown
    assert "2024-03-01 – 2024-03-08" in markdown
    positions = [markdown.index(heading) for heading in SECTIONS]
    assert positions == sorted(positions)


def test_markdown_timeline_rows_are_in_date_order_with_support_counts() -> None:
    rows = timeline_rows(render_markdown(sample()))
    assert [row.split(" | ")[0] for row in rows] == ["| 2019-06-01", "| 2024-03-05", "| 2024-03-07"]
    assert "United States → Russia" in rows[1]
    assert "| 3 / 2 |" in rows[1]


def test_markdown_marks_background_events() -> None:
    rows = timeline_rows(render_markdown(sample()))
    assert "CONSULT (background)" in rows[0]
    assert "(background)" not in rows[1]


def test_markdown_escapes_pipes_and_markup_and_keeps_one_line_per_row() -> None:
    multiline = replace(MEETING, sentence="First line | with a pipe\nsecond line")
    markdown = render_markdown(replace(sample(), timeline=(multiline,)))
    row = timeline_rows(markdown)[0]
    assert "First line \\| with a pipe second line" in row
    assert "We will talk \\| \\<script\\>" in markdown
    assert "<script>" not in markdown


def test_markdown_shortens_long_evidence_in_the_table_but_not_in_key_events() -> None:
    long_sentence = "The delegations discussed " + "arms control and trade " * 20 + "at length."
    long_event = replace(MEETING, sentence=long_sentence)
    markdown = render_markdown(replace(sample(), timeline=(long_event,), key_events=(long_event,)))
    row = timeline_rows(markdown)[0]
    assert "…" in row
    assert long_sentence not in row
    assert f"> {long_sentence}" in markdown


def test_markdown_key_events_quote_evidence_and_name_origins() -> None:
    markdown = render_markdown(sample())
    key = markdown.split("## Key events", 1)[1].split("## Quotes", 1)[0]
    assert "> Officials from both countries met in Geneva on Tuesday." in key
    assert "> Washington announced new sanctions on Russian banks." in key
    assert "origins: Reuters, Capitol Brief" in key
    assert "-6.5" in key


def test_markdown_quotes_flags_and_sources() -> None:
    markdown = render_markdown(sample())
    assert "| Jane Roe |" in markdown
    assert "role\\_not\\_held\\_on\\_date" in markdown
    assert "Smith left the post in 2022." in markdown
    assert "Reuters → Capitol Brief" in markdown
    assert "copy of US and Russia meet in Geneva" in markdown
    assert f"[Geneva talks: what we know]({BRIEF_URL})" in markdown


def test_markdown_embeds_a_decodable_png() -> None:
    markdown = render_markdown(sample())
    match = re.search(r"!\[[^\]]*\]\(data:image/png;base64,([A-Za-z0-9+/=]+)\)", markdown)
    assert match is not None
    assert base64.b64decode(match.group(1)).startswith(PNG_MAGIC)


def test_markdown_can_embed_svg_instead() -> None:
    markdown = render_markdown(sample(), plot="svg")
    match = re.search(r"\(data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)\)", markdown)
    assert match is not None
    assert b"<svg" in base64.b64decode(match.group(1))


def test_markdown_of_empty_briefing_says_what_is_missing_and_has_no_image() -> None:
    markdown = render_markdown(empty())
    for heading in SECTIONS:
        assert heading in markdown
    for message in (NO_TIMELINE, NO_KEY_EVENTS, NO_QUOTES, NO_FLAGS, NO_SOURCES, NO_PLOT):
        assert message in markdown
    assert "data:image" not in markdown
    assert "![" not in markdown


def test_link_only_for_web_urls() -> None:
    local = replace(sample().sources[0], url="javascript:alert(1)")
    briefing = replace(sample(), sources=(local,))
    assert "](javascript:" not in render_markdown(briefing)
    assert 'href="javascript:' not in render_html(briefing)


# --------------------------------------------------------------------------------- HTML


def test_html_is_a_complete_document_with_every_section() -> None:
    page = render_html(sample())
    assert page.startswith("<!DOCTYPE html>")
    assert page.rstrip().endswith("</html>")
    assert '<meta charset="utf-8">' in page
    for heading in SECTIONS:
        assert f"<h2>{heading.removeprefix('## ')}</h2>" in page


def test_html_escapes_text_from_the_articles() -> None:
    page = render_html(sample())
    assert "<script" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "We will talk | " in page


def test_html_inlines_svg_without_xml_prolog() -> None:
    page = render_html(sample())
    assert "<svg" in page
    assert "<?xml" not in page
    assert "<!DOCTYPE svg" not in page


def test_html_can_embed_png_instead() -> None:
    page = render_html(sample(), plot="png")
    assert "<svg" not in page
    match = re.search(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    assert match is not None
    assert base64.b64decode(match.group(1)).startswith(PNG_MAGIC)


def test_html_references_no_remote_assets_only_source_links() -> None:
    page = render_html(sample())
    referenced = set(re.findall(r"""(?:src|href)\s*=\s*["']?(https?://[^"' >]+)""", page))
    assert referenced == {REUTERS_URL, BRIEF_URL}
    assert "<link" not in page
    assert "@import" not in page
    assert "url(http" not in page


def test_html_marks_background_events_visibly() -> None:
    page = render_html(sample())
    timeline = page.split("<h2>Timeline</h2>", 1)[1].split("<h2>Key events</h2>", 1)[0]
    rows = re.findall(r"<tr[^>]*>.*?</tr>", timeline)
    summit = next(row for row in rows if "2019-06-01" in row)
    meeting = next(row for row in rows if "2024-03-05" in row)
    assert 'class="background"' in summit
    assert ">background</span>" in summit
    assert "background" not in meeting


def test_html_shows_chain_and_copies() -> None:
    page = render_html(sample())
    assert "Reuters → Capitol Brief" in page
    assert "copy of US and Russia meet in Geneva" in page
    assert f'<a href="{BRIEF_URL}">Geneva talks: what we know</a>' in page


def test_html_of_empty_briefing_says_what_is_missing_and_has_no_plot() -> None:
    page = render_html(empty())
    for message in (NO_TIMELINE, NO_KEY_EVENTS, NO_QUOTES, NO_FLAGS, NO_SOURCES, NO_PLOT):
        assert message in page
    assert "<svg" not in page
    assert "<img" not in page


# ------------------------------------------------------------------------ dispatch, plot


def test_render_dispatches_by_format() -> None:
    assert render(sample(), "md") == render_markdown(sample())
    assert render(sample(), "html") == render_html(sample())


def test_render_rejects_unknown_format_by_name() -> None:
    with pytest.raises(ValueError, match="pdf"):
        render(sample(), "pdf")


def test_plot_rejects_unknown_format_by_name() -> None:
    with pytest.raises(ValueError, match="jpeg"):
        intensity_plot(sample().intensity, None, "jpeg")


def test_plot_of_no_points_is_none() -> None:
    assert intensity_plot([], ("United States", "Russia")) is None


def test_plot_png_has_png_magic() -> None:
    image = intensity_plot(sample().intensity, sample().pair)
    assert image is not None
    assert image.startswith(PNG_MAGIC)


def test_plot_svg_parses_as_xml() -> None:
    image = intensity_plot(sample().intensity, sample().pair, "svg")
    assert image is not None
    root = ET.fromstring(image)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"


def test_plot_colours_follow_the_sign_of_the_intensity() -> None:
    mixed = intensity_plot(sample().intensity, sample().pair, "svg")
    cooperative = intensity_plot(sample().intensity[:1], sample().pair, "svg")
    assert mixed is not None
    assert cooperative is not None
    assert COOPERATION_COLOUR.encode() in mixed
    assert CONFLICT_COLOUR.encode() in mixed
    assert CONFLICT_COLOUR.encode() not in cooperative


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_plot_is_byte_for_byte_repeatable(fmt: str) -> None:
    points = sample().intensity
    assert intensity_plot(points, sample().pair, fmt) == intensity_plot(points, sample().pair, fmt)


def test_plot_handles_a_single_day() -> None:
    single = (IntensityPoint(day=date(2024, 3, 5), mean_intensity=-2.0, events=1),)
    image = intensity_plot(single, None, "svg")
    assert image is not None
    assert CONFLICT_COLOUR.encode() in image
