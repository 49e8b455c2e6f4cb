"""What page furniture looks like, as patterns grouped by the reason we give for removing it.

Each pattern is matched against a line with list bullets and surrounding white space stripped,
case-insensitively. They describe kinds of furniture (the phrases sites use for them in general),
not the strings of any particular page.
"""

from __future__ import annotations

import re

FLAGS = re.IGNORECASE

# Phrases that open a line promoting other content; a body sentence never starts like this.
ADVERTISEMENT = re.compile(
    r"^(advertisement|advertising|sponsored( content| post)?|promoted( content)?"
    r"|paid (post|content)|partner content|ad choices|you may (also )?like"
    r"|you might (also )?like|we recommend"
    r"|also read|read (more|also|next)|related( stories| articles| posts| coverage| reading)?\b"
    r"|recommended( for you| stories)?\b|more (from|on this|stories|news)\b"
    r"|most (read|popular|viewed)"
    r"|trending( now| stories| story)?\b|watch( now| video| live)?\s*[:|]|see also|don'?t miss"
    r"|editor'?s picks?|top stories|further reading|click here|tap here|continue reading)",
    FLAGS,
)

COMMENT_PROMPT = re.compile(
    r"^(leave a (comment|reply)|join the (discussion|conversation)|post a comment|add a comment"
    r"|show comments|view comments|load comments|be the first to comment|\d+\s+comments?"
    r"|comments?( \(\d+\))?|reply|what do you think\??|have your say|share your (thoughts|views))"
    r"(\W+\d*\s*comments?)?\W*$",
    FLAGS,
)

SPAM_NOTICE = re.compile(
    r"(akismet|reduce spam|ad ?-?blocker|adblock|disabl\w* (your |the )?ad|whitelist (us|our)"
    r"|we use cookies|this (site|website) uses cookies|accept (all )?cookies"
    r"|cookie (policy|settings)"
    r"|javascript (is )?(disabled|required)|enable javascript|support us by|turn off your ad)",
    FLAGS,
)

NEWSLETTER = re.compile(
    r"^(sign up|subscribe|get (our|the)|join (our|\d[\d,]* )|never miss).{0,80}"
    r"(newsletter|inbox|updates|briefing|alerts|subscribers)|^subscribe( now| today)?\W*$"
    r"|^newsletter( sign-?up)?\s*:",
    FLAGS,
)

SHARE_WORDS = (
    r"(share( this)?( article| story| post)?( on)?|tweet|email|e-mail|print|copy link|facebook"
    r"|twitter|x|whatsapp|linkedin|telegram|reddit|pinterest|messenger|flipboard)"
)
SHARE = re.compile(rf"^{SHARE_WORDS}:?([\s,|/·•:]+{SHARE_WORDS})*\W*$", FLAGS)

PHOTO_MARKER = re.compile(
    r"^((photo|image|picture|pic|foto|illustration|video|graphic)s?( credit)?|credit|caption)"
    r"\s*[:|/©-]",
    FLAGS,
)
# Picture agencies as they appear at the end of a caption ("… tanks/Reuters", "imago / Name").
PHOTO_AGENCY = re.compile(
    r"(©|\(c\)\s|getty images|shutterstock|alamy|imago\b|epa-efe|\bepa\b|via getty|sipa\b"
    r"|[/|]\s*(reuters|afp|ap|dpa|tass|sputnik|anadolu|ria novosti|xinhua|bloomberg)\s*$)",
    FLAGS,
)

TEMPLATE = re.compile(r"(<!--|<!–|-->|–>|\{\{|\}\}|\{%|%\}|\[/?(caption|embed|gallery)\b)", FLAGS)

TEASER = re.compile(
    r"^(just in|breaking( news)?|developing( story)?|live( updates)?|exclusive|update[ds]?"
    r"|watch|listen|opinion|must read)\W*$",
    FLAGS,
)

BREADCRUMB_SEPARATORS = re.compile(r"\s(»|›|>|→|/|\|)\s")
BREADCRUMB_HOME = re.compile(r"^(home|start|homepage|front page|news)\b", FLAGS)

# A domain name in a line ("… – fulcrum.sg") marks a headline carried over from another site.
DOMAIN = re.compile(
    r"\b[\w-]+\.(com|org|net|info|news|co|io|sg|uk|us|de|fr|ru|ua|in|au|ca)\b", FLAGS
)
