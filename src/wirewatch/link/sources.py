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
    return SourceCount(pairs).count


#: an incident or a claim cluster of at least this many members keeps its :class:`SourceCount` between saves
#: and counts on from it; a smaller one is counted from scratch in less than the state would hold
COUNTED_ON_FROM = 32


class SourceCount:
    """:func:`count_sources` kept up to date one pair at a time, so that an incident or a claim cluster of
    thousands of members is not recounted from scratch each time it gains one (the count does not depend
    on the order the pairs come in)."""

    __slots__ = ("_parent", "_roots", "_alone")

    def __init__(self, pairs: Iterable[tuple[str | None, str | None]] = ()) -> None:
        self._parent: dict[tuple[str, str], tuple[str, str]] = {}
        self._roots = 0  # connected groups of the nodes so far
        self._alone = 0  # pairs with neither part
        for origin, group in pairs:
            self.add(origin, group)

    @property
    def count(self) -> int:
        return self._roots + self._alone

    def _find(self, node: tuple[str, str]) -> tuple[str, str]:
        parent = self._parent
        if node not in parent:
            parent[node] = node
            self._roots += 1
            return node
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def add(self, origin: str | None, group: str | None) -> None:
        if not origin and not group:
            self._alone += 1
            return
        if not origin or not group:
            self._find(("o", origin) if origin else ("g", group or ""))
            return
        a, b = self._find(("o", origin)), self._find(("g", group))
        if a != b:
            self._parent[b] = a
            self._roots -= 1
