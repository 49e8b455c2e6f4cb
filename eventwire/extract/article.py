"""From a document to a clean article: the one entry point of the extract stage."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from eventwire.extract.clean import Cleaned, clean_text
from eventwire.extract.html import extract_page, fragment_text
from eventwire.extract.language import detect_language
from eventwire.records import Article, Document, InputFailure, InputKind, Removed

# Fewer words than this after cleaning is not an article (an error page, a paywall stub).
MIN_ARTICLE_WORDS = 20


def extract(
    document: Document, corpus_line_counts: Mapping[str, int] | None = None
) -> Article | InputFailure:
    """Clean one document; a document with no article in it is a failure that says why."""
    hints = document.hints
    if document.kind is InputKind.HTML:
        page = extract_page(document.payload, hints.url)
        if page is None:
            return InputFailure(document.location, "no article text found in the HTML page")
        cleaned = clean_text(page.text, hints.title or page.title, corpus_line_counts)
        removed = page.template + cleaned.removed
        title, author = cleaned.title, hints.author or page.author or cleaned.author
        outlet = page.sitename or cleaned.outlet
        published, via = _first_date(
            (hints.published, "metadata"),
            (page.published, page.published_via),
            (cleaned.published, cleaned.published_via),
        )
    else:
        text = document.payload
        if document.kind is InputKind.FRAGMENT:
            text = fragment_text(text)
        cleaned = clean_text(text, hints.title, corpus_line_counts)
        removed, title = cleaned.removed, cleaned.title
        author, outlet = cleaned.author, cleaned.outlet
        published, via = _first_date(
            (hints.published, "metadata"), (cleaned.published, cleaned.published_via)
        )
    if len(cleaned.text.split()) < MIN_ARTICLE_WORDS:
        return InputFailure(
            document.location,
            f"too little text after cleaning ({len(cleaned.text.split())} words; "
            f"an article needs at least {MIN_ARTICLE_WORDS})",
        )
    return _article(
        document,
        cleaned,
        title,
        hints.author or author,
        hints.outlet or outlet,
        (published, via),
        removed,
    )


def _first_date(*candidates: tuple[date | None, str | None]) -> tuple[date | None, str | None]:
    for found, via in candidates:
        if found is not None:
            return found, via
    return None, None


def _article(
    document: Document,
    cleaned: Cleaned,
    title: str | None,
    author: str | None,
    outlet: str | None,
    dated: tuple[date | None, str | None],
    removed: tuple[Removed, ...],
) -> Article:
    return Article(
        article_id=document.content_id,
        source=document.source,
        location=document.location,
        title=title,
        author=author,
        outlet=outlet,
        published=dated[0],
        published_via=dated[1],
        language=detect_language(cleaned.text),
        text=cleaned.text,
        headings=cleaned.headings,
        reported_by=cleaned.reported_by,
        references=cleaned.references,
        removed=removed,
        repairs=cleaned.repairs,
    )
