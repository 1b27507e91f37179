"""Finding temporal expressions in text: :func:`find_time_expressions` (the rules, the finder's own
checks on capitalisation and context, overlaps settled longest first)."""

from __future__ import annotations

import datetime as dt
import re

from ...kb.lexicons import lexicon_words
from .expression import TimeExpression
from .rules import RULES, _apply, _Rule
from .tense import guess_tense

# bare abbreviations ("Mar", "Dec") are too ambiguous without a day or year
_MONTH_ABBREVIATIONS = frozenset(lexicon_words("date_words", "month_abbreviations"))

_TEMPORAL_PREP = re.compile(
    r"(?:\b(?:in|on|since|by|until|till|from|through|to|before|after|during|of|early|late|mid|last|next|this"
    r"|between|and|or|around|throughout|starting|beginning|ending|for|at|that|each|every|end)[\s-]+|-)$",
    re.IGNORECASE)
_YEAR_ADJ_BEFORE = re.compile(r"(?:\b(?:the|its|his|her|their|our|this|that|fiscal|calendar|model)|'s|’s)\s+$",
                              re.IGNORECASE)
_NOT_YEAR_BEFORE = re.compile(r"(?:[$£€¥#]\s?|\b(?:about|some|nearly|almost|over|than|around|approximately|roughly"
                              r"|least|only|just|up\s+to|No\.|number)\s+)$", re.IGNORECASE)
_YEAR_OK_AFTER = set(lexicon_words("date_words", "year_ok_after"))
_CAPITALISED_RULE_GROUPS = ("mon", "wd")


def _finder_accepts(text: str, rule: _Rule, m: re.Match[str]) -> bool:
    gd = m.groupdict()
    for g in _CAPITALISED_RULE_GROUPS:
        tok = gd.get(g)
        if tok and not tok[0].isupper():
            return False
    before = text[max(0, m.start() - 40):m.start()]
    if rule.name == "month":
        mon = gd["mon"].lower().rstrip(".")
        cue = bool(gd.get("rel") or gd.get("mod"))
        if mon in _MONTH_ABBREVIATIONS:
            return False  # bare abbreviations are too ambiguous without a day or year
        if not cue and not _TEMPORAL_PREP.search(before):
            if mon in ("may", "march", "june", "august", "april"):  # names and verbs: need a cue
                return False
            after = text[m.end():m.end() + 2]
            if after[:1] in ("'", "’") or (after.startswith(" ") and text[m.end() + 1:m.end() + 2].isupper()):
                return False  # "April's", "June Smith"
    if rule.name == "year":
        if _NOT_YEAR_BEFORE.search(before) and not gd.get("mod"):
            return False
        if before.endswith((",", ".")) and before[-2:-1].isdigit():
            return False
        after = text[m.end():m.end() + 30]
        if after[:1] in ("%", "-", "/") or after.lower().startswith((" percent", " per cent")):
            return False
        nxt = re.match(r"\s+([a-z][a-z'-]*)", after)
        if (nxt and nxt.group(1) not in _YEAR_OK_AFTER and not _TEMPORAL_PREP.search(before) and not gd.get("mod")
                and not _YEAR_ADJ_BEFORE.search(before) and not re.match(r"(?:fiscal|calendar|model)", m[0], re.I)):
            return False  # "2000 troops"
    if rule.name in ("unit_rel",) and gd.get("the") and gd["unit"].lower() in ("week", "month", "decade", "century"):
        return False  # "the week", "the month": mostly durations
    if rule.name == "decade" and not gd.get("dw") and not gd.get("c") and "'" not in m[0] and "’" not in m[0]:
        return False  # "50s" as an age
    # "a day after the vote": anaphoric, rarely a date
    return not (rule.name == "ago" and gd["n"].lower() in ("a", "an", "one")
                and gd["dir"].lower() in ("before", "after"))


def find_time_expressions(text: str, anchor: dt.date | None = None) -> list[TimeExpression]:
    """All temporal expressions in ``text``, resolved against ``anchor`` (the publication date).

    Regular expressions only; spans follow TimeML (no leading preposition): ``text[start:end] == text``.
    Overlapping candidates are settled longest first.
    """
    cands: list[tuple[int, int, _Rule, re.Match[str]]] = []
    lowered = text.lower()
    for rule in RULES:
        if not rule.find or not all(any(word in lowered for word in group) for group in rule.needs):
            continue
        for m in rule.pattern.finditer(text):
            if m.end() > m.start() and _finder_accepts(text, rule, m):
                start = m.start()
                if rule.name == "quarter" and m[0].lower().endswith("-quarter"):
                    # "the third-quarter figures": the determiner belongs to the noun, not the date
                    det = re.match(r"(?:the|its|a|an)\s+", m[0], re.IGNORECASE)
                    start += det.end() if det else 0
                cands.append((start, m.end(), rule, m))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int]] = []
    out: list[TimeExpression] = []
    quarterly = "quarter" in text.lower()
    for start, end, rule, m in cands:
        if any(start < e and s < end for s, e in taken):
            continue
        tense = guess_tense(text, start, end)
        res = _apply(rule, m, anchor, tense, "quarter" if quarterly else None)
        if res is None:
            continue
        taken.append((start, end))
        out.append(TimeExpression(start, end, text[start:end], *res))
    out.sort(key=lambda t: t.start)
    return out
