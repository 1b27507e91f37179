"""The regular-expression pieces the rules are built from (all rules are compiled case-insensitively; the
finder checks capitalisation itself)."""

from __future__ import annotations

import re

from .vocabulary import NUMBERS, ORDINALS, TEEN_WORDS, TENS_WORDS, UNIT_WORDS, VAGUE_COUNTS

_MON = (r"(?P<mon>january|february|march|april|may|june|july|august|september|october|november|december"
        r"|jan\.|feb\.|mar\.|apr\.|jun\.|jul\.|aug\.|sept\.|sep\.|oct\.|nov\.|dec\."
        r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)(?![a-z])")
_WD = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?![a-z])"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|:\d)"
_ORD_WORD = "|".join(sorted(ORDINALS, key=len, reverse=True))
_DAYW = rf"(?:{_DAY}|(?P<dw>{_ORD_WORD}))"
_YEAR = r"(?P<y>1[89]\d\d|20\d\d)(?!\d|:\d)"
_NUMW = "|".join(sorted((re.escape(k) for k in NUMBERS), key=len, reverse=True))
_VAGUE = "|".join(sorted((re.escape(k) for k in VAGUE_COUNTS), key=len, reverse=True))
_MOD = (r"(?P<mod>early|late|mid|the middle of|the end of|the beginning of|the start of|the first half of"
        r"|the second half of|the latter half of|the rest of|the remainder of|end of|end-|beginning of"
        r"|start of|middle of|around|about|the fall of|the spring of|the summer of|the winter of)")
_REL = (r"(?P<rel>this past|this coming|this|last|next|the past|the coming|the current|the previous"
        r"|the latest|latest|the most recent|most recent"
        r"|the following|the next|the last|the same|that|coming|past|current|previous|following)")
_TODW = r"(?P<tod>morning|afternoon|evening|night|overnight)"
_TENSW = "|".join(TENS_WORDS)
_TEENW = "|".join(TEEN_WORDS)
_UNITW = "|".join(UNIT_WORDS)


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _alts(words: set[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_QORD = r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)"
_QREL = (r"(?P<yrel>this year's|last year's|next year's|the year-earlier|the year-ago|year-earlier|year-ago"
         r"|year earlier|year ago|prior-year|prior year)")
