"""Handlers of dates named by the calendar: ISO and numeric dates, month and day, month, year (also
spelled out), decade, century and holidays. A missing year is taken from the anchor (:mod:`.anchors`).

Every handler is ``(match, anchor, tense, context) -> Resolution | None`` (None rejects the match)."""

from __future__ import annotations

import datetime as dt
import re

from .anchors import _closest_year
from .expression import Resolution
from .periods import _day, _month, _safe_date, _unresolved, _week, _year
from .vocabulary import DECADE_WORDS, MONTHS, ORDINALS, TEEN_WORDS, TENS_WORDS, UNIT_WORDS, WEEKDAYS


def _month_num(token: str) -> int:
    return MONTHS[token.lower().rstrip(".")]


def _day_num(m: re.Match[str]) -> int | None:
    gd = m.groupdict()
    if gd.get("d"):
        return int(gd["d"])
    if gd.get("dw"):
        return ORDINALS[gd["dw"].lower()]
    return None


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


def _week_of(m: re.Match[str], anchor: dt.date | None, tense: str | None, ctx: str | None) -> Resolution | None:
    res = _h_month_day(m, anchor, tense, ctx)
    if res is None or res[0] is None:
        return _unresolved("week") if res else None
    return _week(dt.date.fromisoformat(res[0]))
