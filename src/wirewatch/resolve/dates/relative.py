"""Handlers of expressions relative to the anchor: weekdays, "today"/"yesterday", "this/last/next week|month|
year|quarter|season", "N days ago", quarters and halves, and the vague references ("now", "recently").

Every handler is ``(match, anchor, tense, context) -> Resolution | None`` (None rejects the match)."""

from __future__ import annotations

import datetime as dt
import re

from .expression import Resolution
from .periods import (
    _add_months,
    _day,
    _last_completed_quarter,
    _month,
    _quarter,
    _shift_unit,
    _unresolved,
    _week,
    _year,
)
from .vocabulary import (
    _DAY_OFFSETS,
    _FUTURE,
    _PAST,
    _PAST_RELS,
    _PRESENT,
    _PREVIOUS_YEAR,
    _SETS,
    _UNIT_PREC,
    NUMBERS,
    ORDINALS,
    SEASON_START,
    SEASONS,
    VAGUE_COUNTS,
    WEEKDAYS,
)


def _count(token: str) -> int | None:
    t = " ".join(token.lower().split())
    if t.isdigit():
        return int(t)
    return NUMBERS.get(t)


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
    if w == "tonight" or w == "last night":
        tod = "night"
    elif w.startswith("this "):
        tod = w.split()[1]
    if anchor is None:
        return _unresolved("day")
    return _day(anchor + dt.timedelta(days=_DAY_OFFSETS[w]), tod)


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
        if yrel in _PREVIOUS_YEAR:
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
