"""Who an article or a claim comes from, so that copies and chains count once.

An article's *outlet* is the agency credited in its dateline ("KHARKIV (Meridian Press) —"), else its
Source. Five outlets reprinting one wire story credit the wire, and when a reprint drops the credit its
copy group still ties it to the others: :func:`count_sources` counts the connected groups of outlets and
copy groups, so wire copies are one source whichever outlet printed them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# "CITY, Country (Agency) —" within the first line or two; the agency is a capitalised name.
_CREDIT = re.compile(r"^[^\n]{0,120}?\(([A-Z][\w.&' -]{1,60}?)\)\s*[—–-]{1,2}\s")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


def normal_name(name: str) -> str:
    """A name folded for matching: lower case, no leading 'the', single spaces, no possessive."""
    text = " ".join(name.replace("’", "'").split()).strip(" .,'\"")
    text = _LEADING_THE.sub("", text)
    if text.endswith("'s"):
        text = text[:-2]
    return text.lower()


def credited_outlet(text: str) -> str | None:
    match = _CREDIT.match(text.lstrip()[:200])
    return match.group(1).strip() if match else None


def outlet_of(text: str, source: str | None) -> str | None:
    """The outlet an article's own reporting comes from (normalised), or None when nothing says."""
    name = credited_outlet(text) or source
    return normal_name(name) if name else None


def count_sources(pairs: Iterable[tuple[str | None, str | None]]) -> int:
    """How many independent sources these (outlet-or-origin, copy group) pairs are.

    Two pairs are one source if they share the origin or the copy group (transitively); a missing part
    links nothing. A pair with neither part counts alone.
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    alone = 0
    for origin, group in pairs:
        nodes = [f"o:{origin}" if origin else None, f"g:{group}" if group else None]
        nodes = [n for n in nodes if n]
        if not nodes:
            alone += 1
            continue
        root = find(nodes[0])
        for n in nodes[1:]:
            other = find(n)
            if other != root:
                parent[other] = root
    return len({find(x) for x in parent}) + alone
