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

The package: the words (:mod:`.vocabulary`) and regular-expression pieces (:mod:`.patterns`); periods as
resolutions (:mod:`.periods`) and yearless dates placed against the anchor (:mod:`.anchors`); the handlers of
calendar dates (:mod:`.calendar_dates`) and of relative expressions (:mod:`.relative`); the one rule table
(:mod:`.rules`); the tense guess (:mod:`.tense`); the finder (:mod:`.finder`) and the resolver
(:mod:`.resolver`).
"""

from .expression import TimeExpression
from .finder import find_time_expressions
from .resolver import resolve_expression
from .tense import guess_tense

__all__ = ["TimeExpression", "find_time_expressions", "guess_tense", "resolve_expression"]
