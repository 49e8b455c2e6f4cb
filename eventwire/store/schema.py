"""The tables, as SQLAlchemy Core metadata: one definition for SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()
# Actor ids and codes: an ISO3 country, or a knowledge-base id ("AMNESTY_INTERNATIONAL",
# "vladimir-putin"), which can be long.
ACTOR_CODE_LENGTH = 120

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("article_id", String(32), primary_key=True),
    Column("source", Text, nullable=False),
    Column("location", Text, nullable=False),
    Column("title", Text),
    Column("author", Text),
    Column("outlet", Text, index=True),
    # ISO date as text, so that both engines sort and compare it alike.
    Column("published", String(10), index=True),
    Column("published_via", Text),
    Column("language", String(8)),
    Column("text", Text, nullable=False),
    Column("headings", Text, nullable=False),  # JSON: [[start, end], ...]
    Column("reported_by", Text, nullable=False),  # JSON: ["Reuters", ...]
    Column("references_", Text, nullable=False),  # JSON: embedded dated items
    Column("removed", Text, nullable=False),  # JSON: [{text, reason, line}, ...]
    Column("repairs", Integer, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

input_failures = Table(
    "input_failures",
    metadata,
    Column("location", Text, primary_key=True),
    Column("problem", Text, nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
)

actor_mentions = Table(
    "actor_mentions",
    metadata,
    Column("article_id", String(32), primary_key=True),
    Column("start", Integer, primary_key=True),
    Column("end", Integer, primary_key=True),
    Column("sentence", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("actor_id", String(ACTOR_CODE_LENGTH), index=True),
    Column("name", Text),
    Column("country", String(ACTOR_CODE_LENGTH), index=True),
    Column("sector", String(8)),
    Column("via", String(32), nullable=False),
    Column("role", Text),
)

consistency_flags = Table(
    "consistency_flags",
    metadata,
    Column("article_id", String(32), primary_key=True),
    Column("kind", String(64), primary_key=True),
    Column("start", Integer, primary_key=True),
    Column("end", Integer, nullable=False),
    Column("mention", Text, nullable=False),
    Column("actor_id", String(ACTOR_CODE_LENGTH)),
    Column("explanation", Text, nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("event_id", String(32), primary_key=True),
    Column("article_id", String(32), nullable=False, index=True),
    Column("event_type", String(16), nullable=False, index=True),
    Column("mode", String(32)),
    Column("source", Text, nullable=False),  # JSON: [{text, code, sector, actor_id}, ...]
    Column("target", Text, nullable=False),
    Column("source_code", String(ACTOR_CODE_LENGTH), index=True),  # the first source's, to filter
    Column("target_code", String(ACTOR_CODE_LENGTH), index=True),
    Column("date", String(10), index=True),
    Column("date_precision", String(16)),
    Column("place", Text),
    Column("place_country", String(16)),
    Column("lat", Float),
    Column("lon", Float),
    Column("sentence", Text, nullable=False),
    Column("char_start", Integer, nullable=False),
    Column("char_end", Integer, nullable=False),
    Column("trigger", Text, nullable=False),
    Column("reported_by", Text, nullable=False),  # JSON list
    Column("confidence", Float, nullable=False),
    Column("cameo_root", String(2), nullable=False),
    Column("intensity", Float, nullable=False),
    Column("background", Boolean, nullable=False),
)

quotes = Table(
    "quotes",
    metadata,
    Column("article_id", String(32), primary_key=True),
    Column("start", Integer, primary_key=True),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("speaker_text", Text),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("actor_id", String(ACTOR_CODE_LENGTH), index=True),
    Column("country", String(ACTOR_CODE_LENGTH)),
    Column("sector", String(8)),
    Column("cue", String(32), nullable=False),
    Column("told", Text),
)

# One row per article: its near-duplicate signature, and the earliest version it copies.
article_links = Table(
    "article_links",
    metadata,
    Column("article_id", String(32), primary_key=True),
    Column("position", Integer, nullable=False, index=True),  # ingestion order
    Column("signature", LargeBinary, nullable=False),
    Column("duplicate_of", String(32), index=True),
)

# One row per event mention that merging has seen: its canonical event and its report's origin.
event_links = Table(
    "event_links",
    metadata,
    Column("event_id", String(32), primary_key=True),
    Column("canonical_id", String(32), nullable=False, index=True),
    Column("origin", Text, nullable=False),
    Column("chain", Text, nullable=False),  # JSON: first reporter ... this article's outlet
)

# One row per real-world event; its id is the founding mention's event_id.
canonical_events = Table(
    "canonical_events",
    metadata,
    Column("canonical_id", String(32), primary_key=True),
    Column("event_type", String(16), nullable=False, index=True),
    Column("source_codes", Text, nullable=False),  # JSON lists
    Column("target_codes", Text, nullable=False),
    Column("anchor", String(10), index=True),  # the date merging compares (ISO)
    Column("date", String(10)),
    Column("date_precision", String(16)),
    Column("sentence", Text, nullable=False),
    Column("articles", Text, nullable=False),  # JSON: supporting article ids, in arrival order
    Column("clusters", Text, nullable=False),  # JSON: their near-duplicate roots
    Column("origins", Text, nullable=False),  # JSON: distinct first reporters
    Column("mentions", Integer, nullable=False),
    Column("corroboration", Integer, nullable=False),
    Column("independent_sources", Integer, nullable=False),
    Column("background", Boolean, nullable=False),
)

stories = Table(
    "stories",
    metadata,
    Column("story_id", String(32), primary_key=True),
    Column("title", Text, nullable=False),
    Column("actors", Text, nullable=False),  # JSON: [[code, events], ...], most involved first
    Column("types", Text, nullable=False),  # JSON: [[type, events], ...]
    Column("first", String(10), index=True),
    Column("last", String(10), index=True),
    Column("article_count", Integer, nullable=False),
    Column("event_count", Integer, nullable=False),
)

story_articles = Table(
    "story_articles",
    metadata,
    Column("article_id", String(32), primary_key=True),
    Column("story_id", String(32), nullable=False, index=True),
)
