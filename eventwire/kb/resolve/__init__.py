"""Actor resolution: an article's mentions as actors on its date, and its role claims checked."""

from eventwire.kb.resolve.flags import NOT_HELD_ON_DATE, OUTSIDE_ARTICLE_WINDOW, RoleClaim
from eventwire.kb.resolve.resolver import Resolution, Resolver

__all__ = ["NOT_HELD_ON_DATE", "OUTSIDE_ARTICLE_WINDOW", "Resolution", "Resolver", "RoleClaim"]
