"""Placing a day or month given without its year against the anchor (the publication date)."""

from __future__ import annotations

import datetime as dt

from .periods import _add_months, _safe_date

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
