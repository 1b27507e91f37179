"""What a temporal expression resolves to: :class:`TimeExpression`, and the (value, precision, timex)
triple the rule handlers return."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass


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
