"""Resolving one expression found by another tagger: :func:`resolve_expression`."""

from __future__ import annotations

import datetime as dt

from ...kb.lexicons import lexicon_words
from .expression import Resolution, TimeExpression
from .rules import RULES, _apply

# "on Friday", "since March": a leading preposition the rules may read the expression without
_LEADING_PREPOSITIONS = tuple(lexicon_words("date_words", "leading_prepositions"))


def _clean(expression: str) -> str:
    s = " ".join(expression.split())
    return s.strip(" ,;:!?\"'()[]{}")


def resolve_expression(expression: str, anchor: dt.date | None, *, tense: str | None = None,
                       context: str | None = None) -> TimeExpression | None:
    """Resolve one temporal expression (e.g. a span found by another tagger) against ``anchor``.

    Returns ``None`` when no rule recognises the expression at all. ``tense`` ("past"/"future") steers
    weekdays and yearless dates; ``context`` (the sentence or document) lets "a year ago" in results news
    resolve to the year-ago quarter in ``timex`` (value and precision are unaffected).
    """
    s = _clean(expression)
    candidates = [s]
    if s.endswith("."):
        candidates.append(s.rstrip("."))
    low = s.lower()
    for prefix in _LEADING_PREPOSITIONS:
        if low.startswith(prefix):
            candidates.append(s[len(prefix):])
    for cand in candidates:
        for rule in RULES:
            m = rule.pattern.fullmatch(cand)
            if m is None:
                continue
            res = _apply(rule, m, anchor, tense, context)
            if res is not None:
                return TimeExpression(0, len(expression), expression, *res)
    # no rule covers the whole expression: take the longest rule match inside it
    best: tuple[int, Resolution] | None = None
    for rule in RULES:
        for m in rule.pattern.finditer(s):
            res = _apply(rule, m, anchor, tense, context)
            if res is not None and (best is None or m.end() - m.start() > best[0]):
                best = (m.end() - m.start() - (100 if rule.name == "ref" else 0), res)
    if best is not None and best[0] > 0:
        return TimeExpression(0, len(expression), expression, *best[1])
    return None
