"""The knowledge base: countries, organisations, people and names, as of a date (docs/kb.md)."""

from eventwire.kb.errors import KBError
from eventwire.kb.facts import (
    Actor,
    ActorKind,
    Candidate,
    Country,
    MediaOutlet,
    Membership,
    Metonym,
    MetonymReading,
    Office,
    Organization,
    Person,
    Role,
    RoleHolding,
    SectorPeriod,
    Via,
)
from eventwire.kb.knowledge import KnowledgeBase
from eventwire.kb.loader import load_kb

__all__ = [
    "Actor",
    "ActorKind",
    "Candidate",
    "Country",
    "KBError",
    "KnowledgeBase",
    "MediaOutlet",
    "Membership",
    "Metonym",
    "MetonymReading",
    "Office",
    "Organization",
    "Person",
    "Role",
    "RoleHolding",
    "SectorPeriod",
    "Via",
    "load_kb",
]
