"""Periods as resolutions: a day, ISO week, month, year or quarter as (value, precision, timex), and the
calendar arithmetic between them (months and quarters added, a unit shifted from the anchor)."""

from __future__ import annotations

import datetime as dt

from .expression import Resolution
from .vocabulary import TOD


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
