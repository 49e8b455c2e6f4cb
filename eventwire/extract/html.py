"""Web pages: trafilatura finds the article body and metadata; htmldate finds the date.

We also list the page's other text blocks as removed ("outside the article body"), so a reader can
see what the page held around the article, as for plain text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import htmldate
import lxml.etree
import lxml.html
import trafilatura

from eventwire.extract.repeats import line_key
from eventwire.records import Removed

# Chosen by `eventwire.evaluation.extraction` on the 181-page benchmark: precision-leaning
# extraction scores best there with our line cleaner after it (F1 0.961 against 0.957 with
# favor_recall), because the cleaner cannot add back text that extraction dropped.
FAVOR_PRECISION = True
# Block-level tags: text inside one is a separate segment of the page.
BLOCK_TAGS = frozenset(
    (
        *("p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "br", "pre"),
        *("td", "th", "tr", "table", "section", "article", "aside", "header", "footer", "nav"),
        *("blockquote", "figure", "figcaption", "form", "dd", "dt", "title", "button", "label"),
        "option",
    )
)
INVISIBLE_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "head")
# How many template segments to record per page: enough to show a reader the page's furniture,
# few enough that a page with a 5,000-item menu does not bloat the store.
MAX_TEMPLATE_SEGMENTS = 200


@dataclass(frozen=True, slots=True)
class PageContent:
    text: str
    title: str | None
    author: str | None
    sitename: str | None
    published: date | None
    published_via: str | None
    template: tuple[Removed, ...]


def extract_page(html: str, url: str | None) -> PageContent | None:
    """The article in a web page, or None when the page holds no article text."""
    found = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        favor_precision=FAVOR_PRECISION,
    )
    found = found.as_dict() if found is not None and not isinstance(found, dict) else found
    if not isinstance(found, dict) or not (found.get("text") or "").strip():
        return None
    text = str(found["text"])
    published, via = _page_date(html, url)
    return PageContent(
        text=text,
        title=_clean_str(found.get("title")),
        author=_clean_str(found.get("author")),
        sitename=_clean_str(found.get("sitename")),
        published=published,
        published_via=via,
        template=_template_segments(html, text),
    )


def _clean_str(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _page_date(html: str, url: str | None) -> tuple[date | None, str | None]:
    # original_date: the first publication, not the last update, is when the news was new.
    found = htmldate.find_date(html, url=url, original_date=True, extensive_search=True)
    if not found:
        return None, None
    try:
        return date.fromisoformat(found), "html:htmldate"
    except ValueError:
        return None, None


def fragment_text(markup: str) -> str:
    """Text of an HTML fragment (a feed entry's body), one line per block."""
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return markup
    return "\n".join(_block_lines(root))


def _template_segments(html: str, article_text: str) -> tuple[Removed, ...]:
    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return ()
    body_keys = {line_key(line) for line in article_text.splitlines()}
    body_blob = line_key(article_text)
    segments: list[Removed] = []
    for line in dict.fromkeys(_block_lines(root)):
        key = line_key(line)
        if key and key not in body_keys and key not in body_blob:
            segments.append(Removed(text=line, reason="outside the article body (page template)"))
            if len(segments) == MAX_TEMPLATE_SEGMENTS:
                break
    return tuple(segments)


def _block_lines(root: lxml.html.HtmlElement) -> list[str]:
    for element in list(root.iter(*INVISIBLE_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    chunks: list[str] = []
    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        if not isinstance(element.tag, str):
            if event == "end" and element.tail:
                chunks.append(element.tail)  # comments and processing instructions
            continue
        block = element.tag.lower() in BLOCK_TAGS
        if event == "start":
            chunks.append("\n" if block else "")
            chunks.append(element.text or "")
        else:
            chunks.append("\n" if block else "")
            chunks.append(element.tail or "")
    return [" ".join(line.split()) for line in "".join(chunks).splitlines() if line.strip()]
