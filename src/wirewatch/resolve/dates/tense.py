"""The tense guess that steers weekdays and yearless dates: "will meet on Friday" is the coming Friday."""

from __future__ import annotations

import re

_FUTURE_CUE = re.compile(
    r"\b(?:will|won't|wo\s+n't|shall|'ll|is\s+to|are\s+to|was\s+to|were\s+to|is\s+due|are\s+due|due\s+to|scheduled"
    r"|expected\s+to|expects\s+to|plans?\s+to|planned|planning|set\s+to|going\s+to|intends?\s+to|would"
    r"|starting|beginning|effective|upcoming|next|as\s+soon\s+as|as\s+early\s+as|payable|expires?"
    r"|takes\s+effect|record)\b", re.IGNORECASE)
_PAST_CUE = re.compile(
    r"\b(?:said|says|told|announced|reported|confirmed|added|noted|stated|declared|was|were|had|did)\b",
    re.IGNORECASE)
_SENT_END = re.compile(r"[.!?]\s|\n\s*\n")


def guess_tense(text: str, start: int, end: int) -> str | None:
    """'future' when the clause before the expression carries a future cue ("will meet on Friday",
    "is scheduled to vote Friday"), else None (the default reading, which for news is the past)."""
    lo = max(0, start - 80)
    window = text[lo:start]
    ends = [m.end() for m in _SENT_END.finditer(window)]
    if ends:
        window = window[ends[-1]:]
    futures = list(_FUTURE_CUE.finditer(window))
    if not futures:
        return None
    last_future = futures[-1]
    tail = window[last_future.end():]
    if _PAST_CUE.search(tail):  # "will ..., he said Friday": the date belongs to the saying
        return None
    if len(tail.split()) > 8:
        return None
    return "future"
