"""Temporal expressions: find them in news text and resolve them against the publication date.

A rule-based finder (regular expressions only, no model call) and a resolver that share one rule table.

Every expression resolves to a :class:`TimeExpression` with

* ``value``: ``"YYYY-MM-DD"`` — the day itself (precision ``day``) or the first day of the period
  (``week``: the Monday of the ISO week; ``month``: the 1st; ``year``: 1 January), ``None`` where the
  expression cannot be placed (relative expression without an anchor, vague reference, anaphora);
* ``precision``: ``"day" | "week" | "month" | "year" | None`` (the contract's precisions). Periods the
  contract has no precision for are widened to the smallest containing one: quarters, halves and seasons
  get ``year`` precision (value 1 January of that year), so the value never claims more than is known;
* ``timex``: a TimeML/TIMEX3-style value for evaluation (``2014-06-13``, ``2014-W24``, ``2014-06``,
  ``2014``, ``2014-Q3``, ``2014-SU``, ``199`` (decade), ``2014-06-13TNI``, ``PRESENT_REF``, ``PAST_REF``,
  ``FUTURE_REF``), ``None`` where unresolved.

Relative rules (anchor = publication date):

* weekdays ("Friday", "on Friday", "Friday night"): the latest such day on or before the anchor — the
  publication day itself counts; with ``tense="future"`` the first such day on or after the anchor;
  "last Friday" is strictly before, "next Friday" strictly after;
* "today"/"tonight"/"yesterday"/"tomorrow"; "last night" is the evening before the anchor;
* "this/last/next week|month|year|weekend|quarter|season", "earlier this month", "later this year", ...;
* "N days/weeks/months/years ago" at the unit's precision; vague counts ("several years ago") are
  ``PAST_REF`` with no value;
* day/month without a year ("June 13", "in June") take the year that puts them nearest the anchor, a
  future date counting double (news mostly reports the past); ``tense`` forces past or future;
* "now"/"currently" are ``PRESENT_REF`` (value: the anchor day), "recently"/"in the past" ``PAST_REF`` and
  "soon"/"the future" ``FUTURE_REF`` (no value).

Without an anchor every relative expression is still found, with its precision where known, but its value
is ``None``; absolute ones ("June 13, 2014", "in 2011") still resolve.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..kb.lexicons import lexicon_words

__all__ = ["TimeExpression", "find_time_expressions", "guess_tense", "resolve_expression"]


@dataclass
class TimeExpression:
    start: int
    end: int
    text: str
    value: str | None  # "YYYY-MM-DD" (first day of the period for week/month/year precision)
    precision: str | None  # "day" | "week" | "month" | "year" | None
    timex: str | None  # TimeML-style value, for evaluation


Resolution = tuple[str | None, str | None, str | None]  # value, precision, timex
Handler = Callable[[re.Match[str], dt.date | None, str | None, str | None], Resolution | None]

# --------------------------------------------------------------------------------------------------
# vocabulary

MONTHS: dict[str, int] = dict(lexicon_words("date_words", "months"))
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
NUMBERS: dict[str, int] = dict(lexicon_words("date_words", "numbers"))
VAGUE_COUNTS = {"a few", "few", "several", "many", "some", "a number of"}
ORDINALS: dict[str, int] = dict(lexicon_words("date_words", "ordinals"))
TENS_WORDS = dict(lexicon_words("date_words", "tens_words"))
TEEN_WORDS = dict(lexicon_words("date_words", "teen_words"))
UNIT_WORDS = dict(lexicon_words("date_words", "unit_words"))
DECADE_WORDS = dict(lexicon_words("date_words", "decade_words"))
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
TOD = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}

# --------------------------------------------------------------------------------------------------
# regex pieces (all rules are compiled case-insensitively; the finder checks capitalisation itself)

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


# --------------------------------------------------------------------------------------------------
# period helpers


def _day(d: dt.date, tod: str | None = None) -> Resolution:
    timex = d.isoformat()
    if tod:
        timex += "T" + TOD[tod.lower()]
    return d.isoformat(), "day", timex


def _week(d: dt.date, suffix: str = "") -> Resolution:
    y, w, _ = d.isocalendar()
    monday = d - dt.timedelta(days=d.weekday())
    return monday.isoformat(), "week", f"{y:04d}-W{w:02d}{suffix}"


def _month(y: int, m: int) -> Resolution:
    return f"{y:04d}-{m:02d}-01", "month", f"{y:04d}-{m:02d}"


def _year(y: int, timex: str | None = None) -> Resolution:
    return f"{y:04d}-01-01", "year", timex or f"{y:04d}"


def _quarter(y: int, q: int) -> Resolution:
    return _year(y, f"{y:04d}-Q{q}")


def _quarter_of(d: dt.date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def _last_completed_quarter(d: dt.date) -> tuple[int, int]:
    y, q = _quarter_of(d)
    return (y, q - 1) if q > 1 else (y - 1, 4)


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _unresolved(precision: str | None) -> Resolution:
    return None, precision, None


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


FUTURE_WEIGHT = 2.0  # a yearless date in the future counts double: news mostly reports the past


def _closest_year(anchor: dt.date, m: int, d: int | None, tense: str | None) -> int | None:
    """Year for a day/month given without one: the nearest to the anchor, future distances weighted up."""
    best: tuple[float, int] | None = None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        if d is None:
            start = dt.date(y, m, 1)
            end = _safe_date(*_add_months(y, m, 1), 1) or dt.date(y, 12, 31)
            if start <= anchor < end:
                delta = 0.0
            elif end <= anchor:
                delta = float((anchor - end).days + 1)
            else:
                delta = float((start - anchor).days)
            future = start > anchor
            past = end <= anchor
        else:
            day = _safe_date(y, m, d)
            if day is None:
                continue
            delta = float(abs((day - anchor).days))
            future = day > anchor
            past = day < anchor
        if tense == "future" and past:
            continue
        if tense == "past" and future:
            continue
        score = delta * FUTURE_WEIGHT if future else delta
        if best is None or score < best[0]:
            best = (score, y)
    return best[1] if best else None


def _month_num(token: str) -> int:
    return MONTHS[token.lower().rstrip(".")]


def _day_num(m: re.Match[str]) -> int | None:
    gd = m.groupdict()
    if gd.get("d"):
        return int(gd["d"])
    if gd.get("dw"):
        return ORDINALS[gd["dw"].lower()]
    return None


def _count(token: str) -> int | None:
    t = " ".join(token.lower().split())
    if t.isdigit():
        return int(t)
    return NUMBERS.get(t)


# --------------------------------------------------------------------------------------------------
# handlers: (match, anchor, tense, context) -> Resolution | None (None rejects the match)


def _h_iso(m: re.Match[str], anchor: dt.date | None, tense: str | None, ctx: str | None) -> Resolution | None:
    d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return _day(d) if d else None


def _h_iso_month(m: re.Match[str], anchor: dt.date | None, tense: str | None, ctx: str | None) -> Resolution | None:
    mo = int(m["m"])
    return _month(int(m["y"]), mo) if 1 <= mo <= 12 else None


def _h_numeric(m: re.Match[str], anchor: dt.date | None, tense: str | None, ctx: str | None) -> Resolution | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if y < 100:
        y += 1900 if y > 50 else 2000
    mo, d = (a, b) if a <= 12 else (b, a)  # US order unless impossible
    day = _safe_date(y, mo, d)
    return _day(day) if day else None


def _h_month_day(m: re.Match[str], anchor: dt.date | None, tense: str | None, ctx: str | None) -> Resolution | None:
    mo = _month_num(m["mon"])
    d = _day_num(m)
    if d is None or not 1 <= d <= 31:
        return None
    if m["y"]:
        day = _safe_date(int(m["y"]), mo, d)
        return _day(day) if day else None
    if _safe_date(2000, mo, d) is None:  # 2000 is a leap year: accepts Feb 29
        return None
    if anchor is None:
        return _unresolved("day")
    wd = m.groupdict().get("wd")
    if wd:  # a weekday pins the year: take the nearest year where it matches
        cands = [y for y in (anchor.year, anchor.year - 1, anchor.year + 1)
                 if (x := _safe_date(y, mo, d)) and x.weekday() == WEEKDAYS[wd.lower()]]
        if cands:
            day = _safe_date(cands[0], mo, d)
            assert day is not None
            return _day(day)
    y = _closest_year(anchor, mo, d, tense)
    day = _safe_date(y, mo, d) if y else None
    return _day(day) if day else _unresolved("day")


def _h_month_year(m: re.Match[str], anchor: dt.date | None, tense: str | None, ctx: str | None) -> Resolution | None:
    return _month(int(m["y"]), _month_num(m["mon"]))


def _h_month(m: re.Match[str], anchor: dt.date | None, tense: str | None, ctx: str | None) -> Resolution | None:
    mo = _month_num(m["mon"])
    if anchor is None:
        return _unresolved("month")
    rel = (m["rel"] or "").lower()
    if rel in ("last", "past", "this past", "the past", "previous", "the previous"):
        y = anchor.year if mo < anchor.month else anchor.year - 1
    elif rel in ("next", "coming", "this coming", "the coming", "following", "the following"):
        y = anchor.year if mo > anchor.month else anchor.year + 1
    elif rel in ("this", "current", "the current"):
        y = anchor.year
    else:
        y = _closest_year(anchor, mo, None, tense) or anchor.year
    return _month(y, mo)


def _h_weekday(m: re.Match[str], anchor: dt.date | None, tense: str | None, ctx: str | None) -> Resolution | None:
    tod = m["tod"]
    if anchor is None:
        return _unresolved("day")
    wd = WEEKDAYS[m["wd"].lower()]
    rel = (m["rel"] or "").lower()
    back = (anchor.weekday() - wd) % 7  # days back to the latest such day on or before the anchor
    fwd = (wd - anchor.weekday()) % 7  # days forward to the first such day on or after the anchor
    if rel in ("last", "this past", "the previous", "past"):
        d = anchor - dt.timedelta(days=back or 7)
    elif rel in ("next", "the next", "the following", "following"):
        d = anchor + dt.timedelta(days=fwd or 7)
    elif rel in ("this coming", "coming") or tense == "future":
        d = anchor + dt.timedelta(days=fwd)
    else:
        d = anchor - dt.timedelta(days=back)
    return _day(d, tod)


def _h_dayword(m: re.Match[str], anchor: dt.date | None, tense: str | None, ctx: str | None) -> Resolution | None:
    w = " ".join(m["w"].lower().split())
    tod = m["tod"]
    offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
               "the day after tomorrow": 2, "last night": -1, "this morning": 0, "this afternoon": 0,
               "this evening": 0, "overnight": 0}
    if w == "tonight" or w == "last night":
        tod = "night"
    elif w.startswith("this "):
        tod = w.split()[1]
    if anchor is None:
        return _unresolved("day")
    return _day(anchor + dt.timedelta(days=offsets[w]), tod)


def _shift_unit(anchor: dt.date, unit: str, n: int) -> Resolution:
    if unit == "day":
        return _day(anchor + dt.timedelta(days=n))
    if unit == "week":
        return _week(anchor + dt.timedelta(weeks=n))
    if unit == "weekend":
        return _weekend(anchor, n)
    if unit == "month":
        return _month(*_add_months(anchor.year, anchor.month, n))
    if unit in ("year", "fiscal year", "calendar year"):
        return _year(anchor.year + n)
    if unit == "quarter":
        y, q = _quarter_of(anchor)
        k = y * 4 + q - 1 + n
        return _quarter(k // 4, k % 4 + 1)
    if unit == "decade":
        dec = (anchor.year // 10 + n)
        return None, None, f"{dec:03d}"
    if unit == "century":
        c = anchor.year // 100 + n
        return None, None, f"{c:02d}"
    raise ValueError(unit)


def _weekend(anchor: dt.date, n: int) -> Resolution:
    """The weekend n weekends from the latest one on or before the anchor (n=0), as its ISO week."""
    if anchor.weekday() >= 5:
        sat = anchor - dt.timedelta(days=anchor.weekday() - 5)
    else:
        sat = anchor - dt.timedelta(days=anchor.weekday() + 2)
    sat += dt.timedelta(weeks=n)
    return _week(sat, "-WE")


def _season(anchor: dt.date, season: str, rel: str, tense: str | None) -> Resolution:
    code = SEASONS[season]
    start_month = SEASON_START[code]
    # the season "of year y" starts in month start_month of year y (winter: December of y)
    started = anchor.month >= start_month
    if rel in _PAST_RELS:
        y = anchor.year - 1 if not started or anchor.month < start_month + 3 else anchor.year
    elif rel in ("next", "the next", "coming", "the coming", "this coming", "following", "the following"):
        y = anchor.year if not started else anchor.year + 1
    else:
        y = anchor.year
    return _year(y, f"{y:04d}-{code}")


_PAST_RELS = tuple(lexicon_words("date_words", "past_rels"))
_UNIT_PREC = {"day": "day", "week": "week", "weekend": "week", "month": "month", "year": "year",
              "fiscal year": "year", "calendar year": "year", "quarter": "year", "period": "year", "decade": None,
              "century": None}


def _h_unit_rel(m: re.Match[str], anchor: dt.date | None, tense: str | None, ctx: str | None) -> Resolution | None:
    unit = " ".join(m["unit"].lower().split())
    unit = {"autumn": "fall", "period": "quarter"}.get(unit, unit)
    rel = " ".join((m["rel"] or "the").lower().split())
    if unit in SEASONS:
        if anchor is None:
            return _unresolved("year")
        return _season(anchor, unit, rel, tense)
    if anchor is None:
        return _unresolved(_UNIT_PREC[unit])
    if rel in ("that", "the following", "following", "the same"):
        return _unresolved(_UNIT_PREC.get(unit, "year"))  # anaphoric: "that year", "the following month"
    if rel in _PAST_RELS:
        n = -1
    elif rel in ("next", "the next", "coming", "the coming", "this coming", "following", "the following"):
        n = 1
    else:
        n = 0
    if unit == "quarter" and n == 0 and rel in ("the", "the same", "that"):
        # "the quarter" in news about results: the latest completed quarter
        y, q = _last_completed_quarter(anchor)
        return _quarter(y, q)
    if unit == "weekend" and n == 0 and tense == "future" and anchor.weekday() < 5:
        n = 1
    if unit == "quarter" and n == -1:
        y, q = _last_completed_quarter(anchor)
        return _quarter(y, q)
    return _shift_unit(anchor, unit, n)


def _quarter_from(gd: dict[str, str | None], anchor: dt.date | None) -> Resolution | None:
    q = ORDINALS.get((gd.get("ord") or "").lower())
    if q is None or q > 4:
        return None
    y: int | None = int(gd["y"]) if gd.get("y") else None
    yrel = (gd.get("yrel") or "").lower().replace("'s", "").strip()
    if y is None:
        if anchor is None:
            return _unresolved("year")
        if yrel in ("last year", "year-earlier", "year-ago", "the year-earlier", "the year-ago",
                    "a year earlier", "a year ago", "year earlier", "year ago", "prior-year", "prior year"):
            y = anchor.year - 1
        elif yrel in ("next year",):
            y = anchor.year + 1
        else:
            y = anchor.year
            if yrel not in ("this year", "this year's") and dt.date(y, 3 * q - 2, 1) > anchor + dt.timedelta(days=92):
                y -= 1  # "the fourth quarter" said in January is last year's
    return _quarter(y, q)


def _h_year_ago_period(m: re.Match[str], anchor: dt.date | None, tense: str | None, ctx: str | None) -> Resolution | None:
    """'the year-earlier quarter', 'a year ago', 'year-ago': the year before (in results news: its quarter)."""
    if anchor is None:
        return _unresolved("year")
    text = m[0].lower()
    quarterly = "quarter" in text or "period" in text or (ctx is not None and "quarter" in ctx.lower())
    if quarterly:
        y, q = _last_completed_quarter(anchor)
        return _quarter(y - 1, q)
    return _year(anchor.year - 1)


def _h_ago(m: re.Match[str], anchor: dt.date | None, tense: str | None, ctx: str | None) -> Resolution | None:
    unit = m["unit"].lower()
    direction = m["dir"].lower()
    backward = direction in ("ago", "earlier", "before", "back", "previously")
    count = m["n"]
    if count and " ".join(count.lower().split()) in VAGUE_COUNTS:
        return None, None, "PAST_REF" if backward else "FUTURE_REF"
    n = _count(count) if count else None
    prec = {"day": "day", "week": "week", "month": "month", "year": "year", "decade": None}[unit]
    if n is None:
        return None
    if unit == "year" and n == 1 and direction in ("earlier", "ago") and anchor is not None:
        return _h_year_ago_period(m, anchor, tense, ctx)
    if direction in ("later", "after"):
        return _unresolved(prec)  # anaphoric: relative to some other event, not the publication
    if anchor is None:
        return _unresolved(prec)
    sign = -1 if backward else 1
    if unit == "day":
        return _day(anchor + dt.timedelta(days=sign * n))
    if unit == "week":
        return _week(anchor + dt.timedelta(weeks=sign * n))
    if unit == "month":
        return _month(*_add_months(anchor.year, anchor.month, sign * n))
    if unit == "year":
        return _year(anchor.year + sign * n)
    return None, None, f"{(anchor.year + sign * 10 * n) // 10:03d}"


def _h_year(m: re.Match[str], anchor: dt.date | None, tense: str | None, ctx: str | None) -> Resolution | None:
    return _year(int(m["y"]))


def _h_spelled_year(m: re.Match[str], anchor: dt.date | None, tense: str | None, ctx: str | None) -> Resolution | None:
    if m["c"]:
        y = 1900
        if m["teen"]:
            y += TEEN_WORDS[m["teen"].lower()]
        else:
            y += TENS_WORDS[m["tens"].lower()] + (UNIT_WORDS[m["u"].lower()] if m["u"] else 0)
    else:
        y = 2000
        if m["u2"]:
            y += UNIT_WORDS.get(m["u2"].lower()) or TEEN_WORDS.get(m["u2"].lower()) or TENS_WORDS[m["u2"].lower()]
    return _year(y)


def _h_decade(m: re.Match[str], anchor: dt.date | None, tense: str | None, ctx: str | None) -> Resolution | None:
    if m["dw"]:
        dec = 190 + DECADE_WORDS[m["dw"].lower()]
    else:
        c = m["c"]
        if c:
            cent = int(c)
        elif anchor is not None:
            cent = anchor.year // 100 if int(m["dd"]) * 10 <= anchor.year % 100 + 5 else anchor.year // 100 - 1
        else:
            cent = 19
        dec = cent * 10 + int(m["dd"])
    return None, None, f"{dec:03d}"


def _h_century(m: re.Match[str], anchor: dt.date | None, tense: str | None, ctx: str | None) -> Resolution | None:
    n = int(m["n"]) if m["n"] else ORDINALS[m["nw"].lower()]
    return None, None, f"{n - 1:02d}"


def _h_holiday(m: re.Match[str], anchor: dt.date | None, tense: str | None, ctx: str | None) -> Resolution | None:
    h = " ".join(m["h"].lower().split())

    def day_in(y: int) -> dt.date:
        if h.startswith("thanksgiving"):
            nov1 = dt.date(y, 11, 1)
            return nov1 + dt.timedelta(days=(3 - nov1.weekday()) % 7 + 21)
        if h.startswith("christmas"):
            return dt.date(y, 12, 24 if "eve" in h else 25)
        if "eve" in h:
            return dt.date(y, 12, 31)
        return dt.date(y, 1, 1)

    if m["y"]:
        return _day(day_in(int(m["y"])))
    if anchor is None:
        return _unresolved("day")
    rel = (m["rel"] or "").lower()
    cands = [day_in(y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    if rel == "last":
        d = max(c for c in cands if c < anchor)
    elif rel == "next":
        d = min(c for c in cands if c > anchor)
    elif tense == "future":
        d = min(c for c in cands if c >= anchor)
    elif tense == "past":
        d = max(c for c in cands if c <= anchor)
    else:
        d = min(cands, key=lambda c: abs((c - anchor).days) * (2 if c > anchor else 1))
    return _day(d)


_PRESENT = set(lexicon_words("date_words", "present"))
_PAST = set(lexicon_words("date_words", "past"))
_FUTURE = set(lexicon_words("date_words", "future"))


_SETS = dict(lexicon_words("date_words", "sets"))


def _week_of(m: re.Match[str], anchor: dt.date | None, tense: str | None, ctx: str | None) -> Resolution | None:
    res = _h_month_day(m, anchor, tense, ctx)
    if res is None or res[0] is None:
        return _unresolved("week") if res else None
    return _week(dt.date.fromisoformat(res[0]))


def _h_ref(m: re.Match[str], anchor: dt.date | None, tense: str | None, ctx: str | None) -> Resolution | None:
    t = " ".join(m[0].lower().split())
    if t in _SETS:
        return None, None, _SETS[t]
    if t in _PRESENT:
        return (anchor.isoformat() if anchor else None), ("day" if anchor else None), "PRESENT_REF"
    if t in _PAST:
        return None, None, "PAST_REF"
    if t in _FUTURE:
        return None, None, "FUTURE_REF"
    if t.startswith(("recent", "the last few", "the past few", "the past several", "the last several", "past")):
        return None, None, "PAST_REF"
    if "coming" in t or "ahead" in t or "to come" in t or "next few" in t or "future" in t:
        return None, None, "FUTURE_REF"
    return None


# --------------------------------------------------------------------------------------------------
# the rule table


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    handler: Handler
    find: bool = True  # used by the finder (False: only resolves spans found elsewhere)


def _alts(words: set[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_QORD = r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)"
_QREL = (r"(?P<yrel>this year's|last year's|next year's|the year-earlier|the year-ago|year-earlier|year-ago"
         r"|year earlier|year ago|prior-year|prior year)")

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


def _h_quarter_wrap(m: re.Match[str], anchor: dt.date | None, tense: str | None, ctx: str | None) -> Resolution | None:
    gd = m.groupdict()
    yrel = gd.get("yrel") or (" ".join(gd["yrel2"].split()) if gd.get("yrel2") else None)
    return _quarter_from({"ord": gd.get("ord"), "y": gd.get("y") or gd.get("y2"), "yrel": yrel}, anchor)


def _h_half_wrap(m: re.Match[str], anchor: dt.date | None, tense: str | None, ctx: str | None) -> Resolution | None:
    h = m["h"].lower()
    y = int(m["y"]) if m["y"] else (anchor.year if anchor else None)
    if y is None:
        return _unresolved("year")
    half = 1 if h == "first" else 2
    return _year(y, f"{y:04d}-H{half}")


# --------------------------------------------------------------------------------------------------
# tense guess


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


# --------------------------------------------------------------------------------------------------
# public API


def _apply(rule: _Rule, m: re.Match[str], anchor: dt.date | None, tense: str | None,
           context: str | None) -> Resolution | None:
    return rule.handler(m, anchor, tense, context)


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
    for prefix in ("on ", "in ", "at ", "by ", "since ", "until ", "during ", "from ", "of ", "for "):
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
        if mon in ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"):
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
    for rule in RULES:
        if not rule.find:
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
