"""The rule table the finder and the resolver share: each rule a name, a pattern and its handler, in the
order they are tried."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from ...kb.lexicons import load_lexicon
from .calendar_dates import (
    _h_century,
    _h_decade,
    _h_holiday,
    _h_iso,
    _h_iso_month,
    _h_month,
    _h_month_day,
    _h_month_year,
    _h_numeric,
    _h_spelled_year,
    _h_year,
    _month_num,
    _week_of,
)
from .expression import Handler, Resolution
from .patterns import (
    _DAYW,
    _MOD,
    _MON,
    _NUMW,
    _ORD_WORD,
    _QORD,
    _QREL,
    _REL,
    _TEENW,
    _TENSW,
    _TODW,
    _UNITW,
    _VAGUE,
    _WD,
    _YEAR,
    _alts,
    _rx,
)
from .periods import _last_completed_quarter, _month, _quarter, _unresolved, _year
from .relative import (
    _h_ago,
    _h_dayword,
    _h_half_wrap,
    _h_quarter_wrap,
    _h_ref,
    _h_unit_rel,
    _h_weekday,
    _h_year_ago_period,
)
from .vocabulary import _FUTURE, _PAST, _PRESENT, _SETS, SEASONS


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    handler: Handler
    find: bool = True  # used by the finder (False: only resolves spans found elsewhere)
    # Groups of words: every match contains a word of each group (lower case; no groups: no such words).
    # The finder tries a rule only on a text that holds them: ~30 case-insensitive patterns scanned over
    # every article were 7% of ingest's CPU, and most of them match nothing in a given article.
    needs: tuple[tuple[str, ...], ...] = ()


RULES: list[_Rule] = [
    _Rule("iso", _rx(r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])"), _h_iso),
    _Rule("iso_month", _rx(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)(?![\d-])"), _h_iso_month, find=False),
    _Rule("numeric", _rx(r"(?<![\d/.])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)\d\d|\d\d)(?![\d/])"),
          _h_numeric),
    _Rule("month_day", _rx(rf"\b(?:{_WD},?\s+)?(?:(?:the\s+)?(?:early|late)\s+)?{_MON}\s+{_DAYW}"
                           rf"(?:\s*,?\s+{_YEAR}|(?![\s,]*\d))"), _h_month_day),
    _Rule("day_month", _rx(rf"\b(?:{_WD},?\s+)?(?:the\s+)?{_DAYW}\s+(?:of\s+)?{_MON}(?:\s*,?\s+{_YEAR})?"),
          _h_month_day),
    _Rule("month_year", _rx(rf"\b(?:{_MOD}[\s-]+)?{_MON}\s*,?\s+(?:of\s+)?{_YEAR}"), _h_month_year),
    _Rule("month_rel_year", _rx(rf"\b(?:{_MOD}[\s-]+)?{_MON}\s*,?\s+(?:of\s+)?(?P<yrel>this|last|next)\s+year\b"),
          lambda m, a, t, c: _month(a.year + {"this": 0, "last": -1, "next": 1}[m["yrel"].lower()],
                                    _month_num(m["mon"])) if a else _unresolved("month")),
    _Rule("month", _rx(rf"\b(?:{_MOD}[\s-]+)?(?:{_REL}\s+)?{_MON}(?!\.?\s*\d)"), _h_month),
    _Rule("weekday", _rx(rf"\b(?:(?:early|late|earlier|later)\s+)?(?:{_REL}\s+)?{_WD}(?:\s+{_TODW})?"), _h_weekday),
    _Rule("dayword", _rx(rf"\b(?:(?:early|late|earlier|later)\s+)?(?P<w>the\s+day\s+before\s+yesterday"
                         rf"|the\s+day\s+after\s+tomorrow|today|tonight|yesterday|tomorrow|last\s+night"
                         rf"|this\s+morning|this\s+afternoon|this\s+evening|overnight)(?![a-z])"
                         rf"(?:\s+{_TODW})?"), _h_dayword),
    _Rule("quarter", _rx(rf"\b(?:(?:the|its|a|an)\s+)?(?:(?:latest|last|current|same|comparable|flat|weak"
                         rf"|strong|corresponding|previous|recent)\s+)?(?:{_QREL}\s+)?(?:{_YEAR}\s+)?"
                         rf"(?:fiscal[-\s]+)?{_QORD}[-\s]+quarter(?:\s+of\s+(?:fiscal\s+)?(?:{_YEAR.replace('?P<y>', '?P<y2>')}"
                         rf"|(?P<yrel2>this\s+year|last\s+year|next\s+year)))?"),
          lambda m, a, t, c: _h_quarter_wrap(m, a, t, c)),
    _Rule("year_ago_period", _rx(r"\b(?:(?:the|a|an)\s+)?(?:comparable\s+|same\s+)?(?:year-earlier|year-ago"
                                 r"|year\s+earlier|year\s+ago|prior-year|prior\s+year)(?:\s+(?:quarter|period))?"
                                 r"|\bthe\s+(?:quarter|period)\s+a\s+year\s+(?:ago|earlier)"
                                 r"|\b(?:the\s+)?(?:same|corresponding|comparable)\s+(?:quarter|period)\s+"
                                 r"(?:a\s+year\s+(?:ago|earlier)|last\s+year|of\s+last\s+year|the\s+previous\s+year)"
                                 r"|\blast\s+year's\s+(?:quarter|period)"),
          _h_year_ago_period),
    _Rule("half", _rx(rf"\b(?:the\s+)?(?:last\s+|latter\s+)?(?P<h>first|second|latter|last)\s+half(?:\s+of\s+(?:fiscal\s+)?"
                      rf"(?:{_YEAR}|the\s+year|this\s+year))?"), lambda m, a, t, c: _h_half_wrap(m, a, t, c)),
    _Rule("ago", _rx(rf"\b(?:(?:nearly|almost|about|some|more\s+than|less\s+than|just\s+over|just\s+under"
                     rf"|over|roughly|around|barely|only|just|exactly)\s+)?(?P<n>\d+|{_NUMW}|{_VAGUE})\s+"
                     rf"(?:or\s+so\s+)?(?P<unit>day|week|month|year|decade)s?\s+(?:or\s+so\s+)?"
                     rf"(?P<dir>ago|earlier|before|later|after|from\s+now|hence|back)(?![a-z])"), _h_ago),
    _Rule("unit_rel", _rx(rf"\b(?:(?:early|late|earlier|later|the\s+end\s+of|the\s+beginning\s+of"
                          rf"|the\s+start\s+of|the\s+middle\s+of|end\s+of|the\s+rest\s+of|the\s+remainder\s+of"
                          rf"|sometime|some\s+time|around)\s+(?:in\s+)?)?"
                          rf"(?:{_REL}|(?P<the>the))\s+(?:fiscal\s+|calendar\s+|full\s+)?"
                          rf"(?P<unit>weekend|week|month|year|quarter|summer|spring|fall|autumn|winter|decade"
                          rf"|century)(?![a-z-]|'(?!s))"), _h_unit_rel),
    _Rule("unit_end", _rx(r"\b(?:around\s+)?(?P<rel>)(?P<unit>year|month|quarter|week)(?:[-\s]end|'s\s+end)\b"),
          _h_unit_rel),
    _Rule("latest_period", _rx(r"\b(?:the\s+)?(?P<rel>latest|most\s+recent)\s+(?:fiscal\s+)?(?P<unit>period)\b"),
          _h_unit_rel),
    _Rule("season", _rx(r"\b(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?P<rel>)(?P<unit>summer|spring|fall|autumn|winter)"
                        r"(?![a-z])"), _h_unit_rel, find=False),
    _Rule("year_quarter", _rx(rf"\bthe\s+{_YEAR}\s+(?:quarter|period)\b"),
          lambda m, a, t, c: _quarter(int(m["y"]), _last_completed_quarter(a)[1]) if a else _unresolved("year")),
    _Rule("week_of", _rx(rf"\bthe\s+week\s+of\s+{_MON}\s+{_DAYW}(?:\s*,?\s+{_YEAR})?"),
          lambda m, a, t, c: _week_of(m, a, t, c)),
    _Rule("season_year", _rx(rf"\b(?:(?:the|early|late|mid)[\s-]+)?(?P<season>spring|summer|fall|autumn|winter)"
                             rf"\s+(?:of\s+)?{_YEAR}"),
          lambda m, a, t, c: _year(int(m["y"]), f"{int(m['y']):04d}-{SEASONS[m['season'].lower()]}")),
    _Rule("spelled_year", _rx(rf"\b(?:the\s+year\s+)?(?:(?P<c>nineteen)(?:[\s-]+hundred)?(?:[\s-]+and)?[\s-]+"
                              rf"(?:(?P<teen>{_TEENW})|(?P<tens>{_TENSW})(?:[\s-]+(?P<u>{_UNITW}))?)"
                              rf"|two\s+thousand(?:[\s-]+(?:and\s+)?(?P<u2>{_UNITW}|{_TEENW}|ten))?)(?![a-z-])"),
          _h_spelled_year),
    _Rule("year", _rx(rf"\b(?:{_MOD}[\s-]+)?(?:(?:fiscal|calendar|the\s+year|model\s+year|the\s+end\s+of|post-|pre-)"
                      rf"[\s-]*)?{_YEAR}"), _h_year),
    _Rule("decade", _rx(r"(?:\bthe\s+)?(?:(?:early|late|mid)[\s-]+)?(?:\b(?P<c>19|20)|'|’|\b)(?P<dd>\d)0'?s\b"
                        r"|\b(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?:nineteen[\s-]+)?(?P<dw>twenties|thirties"
                        r"|forties|fifties|sixties|seventies|eighties|nineties)\b"), _h_decade),
    _Rule("century", _rx(rf"\b(?:the\s+)?(?:(?P<n>\d\d)(?:st|nd|rd|th)|(?P<nw>{_ORD_WORD}))\s+century\b"), _h_century),
    _Rule("holiday", _rx(rf"\b(?:(?P<rel>last|next|this)\s+)?(?P<h>thanksgiving|christmas\s+eve|christmas"
                         rf"|new\s+year's\s+eve|new\s+year's)(?:\s+day)?(?:\s*,?\s+{_YEAR})?"), _h_holiday),
    _Rule("ref", _rx(rf"\b(?:{_alts(_PRESENT | _PAST | _FUTURE | set(_SETS))})(?![a-z])"), _h_ref, find=False),
    _Rule("ref_find", _rx(r"\b(?:right\s+now|now|currently|at\s+present|these\s+days|nowadays|recently"
                          r"|(?<=in\s)the\s+past|(?<=in\s)the\s+(?:near\s+|distant\s+)?future|soon"
                          r"|recent\s+(?:years|months|weeks|days)|the\s+coming\s+(?:days|weeks|months|years)"
                          r"|the\s+(?:near|short|long)\s+term)(?![a-z])"), _h_ref),
]
# what each rule's matches all contain (data/lexicons/date_words.json, "rule_needs"; see _Rule.needs): a
# group is a list of words or the name of one of "rule_need_groups" (the months, shared by six rules)
_DATE_WORDS = load_lexicon("date_words")
_NEED_GROUPS = _DATE_WORDS.get("rule_need_groups", {})
_NEEDS = {rule: tuple(tuple(_NEED_GROUPS[g] if isinstance(g, str) else g) for g in groups)
          for rule, groups in _DATE_WORDS.get("rule_needs", {}).items()}
RULES = [replace(rule, needs=_NEEDS.get(rule.name, ())) for rule in RULES]


def _apply(rule: _Rule, m: re.Match[str], anchor: dt.date | None, tense: str | None,
           context: str | None) -> Resolution | None:
    return rule.handler(m, anchor, tense, context)
