"""Temporal expressions: finder, resolver against the publication date, and the TBAQ evaluation."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from wirewatch.resolve.dates import TimeExpression, find_time_expressions, guess_tense, resolve_expression

FRI = dt.date(2014, 6, 13)  # a Friday
WED = dt.date(2014, 6, 11)
TBAQ = "/work/shared/eval/time/TBAQ-cleaned"


def r(expr: str, anchor: dt.date | None = FRI, tense: str | None = None) -> TimeExpression:
    res = resolve_expression(expr, anchor, tense=tense)
    assert res is not None, expr
    return res


def vp(expr: str, anchor: dt.date | None = FRI, tense: str | None = None) -> tuple[str | None, str | None]:
    res = r(expr, anchor, tense)
    return res.value, res.precision


# ---------------------------------------------------------------- weekdays


def test_weekday_publication_day_counts() -> None:
    assert vp("Friday") == ("2014-06-13", "day")
    assert vp("on Friday") == ("2014-06-13", "day")


def test_weekday_latest_on_or_before_anchor() -> None:
    assert vp("Thursday") == ("2014-06-12", "day")
    assert vp("Saturday") == ("2014-06-07", "day")
    assert vp("Monday", WED) == ("2014-06-09", "day")


def test_weekday_future_tense() -> None:
    assert vp("Saturday", tense="future") == ("2014-06-14", "day")
    assert vp("Monday", WED, tense="future") == ("2014-06-16", "day")


def test_weekday_last_and_next_are_strict() -> None:
    assert vp("last Friday") == ("2014-06-06", "day")
    assert vp("next Friday") == ("2014-06-20", "day")


def test_weekday_time_of_day() -> None:
    res = r("Friday night")
    assert (res.value, res.precision, res.timex) == ("2014-06-13", "day", "2014-06-13TNI")
    assert vp("Tuesday morning") == ("2014-06-10", "day")


def test_day_words() -> None:
    assert vp("today") == ("2014-06-13", "day")
    assert vp("yesterday") == ("2014-06-12", "day")
    assert vp("tomorrow") == ("2014-06-14", "day")
    assert vp("last night") == ("2014-06-12", "day")


# ---------------------------------------------------------------- explicit dates


@pytest.mark.parametrize(
    ("expr", "value"),
    [("June 13, 2014", "2014-06-13"), ("13 June 2014", "2014-06-13"), ("2014-06-13", "2014-06-13"),
     ("Sept. 30, 1989", "1989-09-30"), ("Friday, June 13, 2014", "2014-06-13"), ("the 4th of July 2011", "2011-07-04")],
)
def test_explicit_dates_without_anchor(expr: str, value: str) -> None:
    assert vp(expr, None) == (value, "day")


def test_day_month_takes_nearest_year() -> None:
    assert vp("June 10") == ("2014-06-10", "day")
    assert vp("June 20") == ("2014-06-20", "day")  # a week ahead beats a year back
    assert vp("Dec. 28", dt.date(2015, 1, 5)) == ("2014-12-28", "day")  # across the new year
    assert vp("Jan. 3", dt.date(2014, 12, 20)) == ("2015-01-03", "day")
    assert vp("Aug. 7", dt.date(1998, 8, 18)) == ("1998-08-07", "day")


def test_day_month_without_anchor_is_unresolved() -> None:
    res = r("June 13", None)
    assert (res.value, res.precision) == (None, "day")


def test_invalid_day_is_never_a_day() -> None:
    res = resolve_expression("February 30, 2014", FRI)
    assert res is None or (res.precision, res.value) == ("year", "2014-01-01")  # degrades to the year
    assert find_time_expressions("on February 30 the", FRI) == []


# ---------------------------------------------------------------- months and years


def test_months() -> None:
    assert vp("June 2013", None) == ("2013-06-01", "month")
    assert vp("in June") == ("2014-06-01", "month")
    assert vp("December", dt.date(2015, 1, 10)) == ("2014-12-01", "month")
    assert vp("last November") == ("2013-11-01", "month")
    assert vp("late November 2013", None) == ("2013-11-01", "month")
    assert vp("January this year") == ("2014-01-01", "month")


def test_relative_months() -> None:
    assert vp("this month") == ("2014-06-01", "month")
    assert vp("earlier this month") == ("2014-06-01", "month")
    assert vp("last month") == ("2014-05-01", "month")
    assert vp("last month", dt.date(2014, 1, 3)) == ("2013-12-01", "month")
    assert vp("next month") == ("2014-07-01", "month")


def test_years() -> None:
    assert vp("in 2011", None) == ("2011-01-01", "year")
    assert vp("fiscal 1989", None) == ("1989-01-01", "year")
    assert vp("this year") == ("2014-01-01", "year")
    assert vp("last year") == ("2013-01-01", "year")
    assert vp("next year") == ("2015-01-01", "year")
    assert vp("nineteen ninety-six", None) == ("1996-01-01", "year")


def test_quarters_widen_to_year_precision() -> None:
    res = r("the third quarter")
    assert (res.value, res.precision, res.timex) == ("2014-01-01", "year", "2014-Q3")
    assert r("the third quarter of 2012", None).timex == "2012-Q3"
    assert r("the latest quarter").timex == "2014-Q1"


# ---------------------------------------------------------------- weeks


def test_weeks_are_iso_weeks_starting_monday() -> None:
    res = r("this week")
    assert (res.value, res.precision, res.timex) == ("2014-06-09", "week", "2014-W24")
    assert vp("last week") == ("2014-06-02", "week")
    assert vp("next week") == ("2014-06-16", "week")
    assert vp("next week", dt.date(2014, 12, 29)) == ("2015-01-05", "week")


def test_weekend() -> None:
    res = r("the weekend", dt.date(2014, 6, 16))  # a Monday: the weekend just past
    assert (res.value, res.precision, res.timex) == ("2014-06-09", "week", "2014-W24-WE")
    assert r("the weekend", dt.date(2014, 6, 14)).timex == "2014-W24-WE"  # Saturday: this weekend


# ---------------------------------------------------------------- offsets and vague expressions


def test_ago() -> None:
    assert vp("three days ago") == ("2014-06-10", "day")
    assert vp("2 weeks ago") == ("2014-05-26", "week")
    assert vp("six months ago") == ("2013-12-01", "month")
    assert vp("five years ago") == ("2009-01-01", "year")


def test_vague_and_anaphoric() -> None:
    assert r("several years ago").value is None
    assert r("several years ago").timex == "PAST_REF"
    days_later = r("three days later")
    assert (days_later.value, days_later.precision) == (None, "day")
    assert r("recently").timex == "PAST_REF"
    assert r("soon").timex == "FUTURE_REF"
    now = r("now")
    assert (now.value, now.precision, now.timex) == ("2014-06-13", "day", "PRESENT_REF")
    assert r("that year").value is None


def test_relative_without_anchor_is_unresolved_but_keeps_precision() -> None:
    for expr, precision in [("Friday", "day"), ("yesterday", "day"), ("last week", "week"),
                            ("last month", "month"), ("this year", "year"), ("three days ago", "day")]:
        res = r(expr, None)
        assert (res.value, res.precision, res.timex) == (None, precision, None), expr


def test_unknown_expression() -> None:
    assert resolve_expression("the cat sat on the mat", FRI) is None


# ---------------------------------------------------------------- finder


ARTICLE = (
    "KABUL (Reuters) - Gunmen attacked a checkpoint on Friday, officials said on Thursday. "
    "Talks will resume on Monday. Last week, 2000 troops arrived, and in June 2013 and in 2011 "
    "there were clashes. Theresa May said in May that the third-quarter figures were weak. "
    "Earlier this month, three days ago, the weekend, yesterday and now."
)


def test_finder_offsets_match_text() -> None:
    found = find_time_expressions(ARTICLE, FRI)
    assert found
    for t in found:
        assert ARTICLE[t.start:t.end] == t.text


def test_finder_spans_and_values() -> None:
    found = {t.text: t for t in find_time_expressions(ARTICLE, FRI)}
    assert found["Friday"].value == "2014-06-13"
    assert found["Thursday"].value == "2014-06-12"
    assert found["Monday"].value == "2014-06-16"  # "will resume on Monday": future
    assert found["Last week"].precision == "week"
    assert found["June 2013"].value == "2013-06-01"
    assert found["2011"].precision == "year"
    assert found["Earlier this month"].value == "2014-06-01"
    assert found["three days ago"].value == "2014-06-10"
    assert found["third-quarter"].timex == "2014-Q3"
    assert "2000" not in found  # a count, not a year
    mays = [t for t in find_time_expressions(ARTICLE, FRI) if t.text == "May"]
    assert len(mays) == 1 and ARTICLE[mays[0].start - 3:mays[0].start] == "in "  # not Theresa May


def test_finder_without_anchor() -> None:
    found = {t.text: t for t in find_time_expressions(ARTICLE)}
    assert found["Friday"].value is None and found["Friday"].precision == "day"
    assert found["June 2013"].value == "2013-06-01"


def test_finder_prefers_longest_span() -> None:
    text = "The ceasefire was signed on Friday, June 13, 2014 in Geneva."
    found = find_time_expressions(text, FRI)
    assert [t.text for t in found] == ["Friday, June 13, 2014"]
    assert found[0].value == "2014-06-13"


def test_finder_ignores_lowercase_modal_and_numbers() -> None:
    text = "Officials may march to the capital with 1500 supporters; the figure rose 12%."
    assert find_time_expressions(text, FRI) == []


def test_guess_tense() -> None:
    text = "The council will meet on Friday. The council met on Friday."
    first = text.index("Friday")
    second = text.index("Friday", first + 1)
    assert guess_tense(text, first, first + 6) == "future"
    assert guess_tense(text, second, second + 6) is None


# ---------------------------------------------------------------- evaluation smoke test


@pytest.mark.skipif(not os.path.isdir(TBAQ), reason="shared eval data not available")
def test_evaluate_tbaq_smoke() -> None:
    from wirewatch.evaluate.dates import evaluate_tbaq, normalise_timex

    res = evaluate_tbaq(os.path.join(TBAQ, "AQUAINT"), limit=3)
    assert res["files"] == 3
    assert res["n"] > 0
    assert 0.0 <= res["value_accuracy"] <= 1.0
    assert 0.0 <= res["finder"]["recall_overlap"] <= 1.0
    assert sum(v["n"] for v in res["by_gold_pattern"].values()) == res["n"]
    assert normalise_timex("2000-W7") == "2000-W07"
    assert normalise_timex("2000-01-05TEV") == "2000-01-05"


# ---------------------------------------------------------------- the finder's word prefilter
def _sample_texts() -> list[str]:
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "samples"
    return [p.read_text(encoding="utf-8") for p in sorted(root.glob("**/*.txt"))]


PREFILTER_PHRASES = (
    "on Wednesday, the early June 3 meeting; the second half of this past March; the week of Sept. 4, 2019; "
    "three days ago; a couple of weeks from now; the year-ago quarter; the same period last year; in the 1990s; "
    "the twenties; the 21st century; Christmas Eve 2019; New Year's Day; nineteen eighty-four; two thousand and "
    "nine; the summer of 2014; the 2019 quarter; year-end; the latest period; these days; at present; soon; "
    "in the near future; the long term; tonight; the day before yesterday; this morning; later this year"
)


def test_every_match_of_a_rule_holds_the_words_it_needs() -> None:
    """The finder skips a rule on a text without its words: a match without them would be lost."""
    from wirewatch.resolve.dates.rules import RULES

    texts = [*_sample_texts(), PREFILTER_PHRASES, PREFILTER_PHRASES.upper()]
    checked = 0
    for rule in RULES:
        for text in texts:
            for m in rule.pattern.finditer(text):
                low = m.group(0).lower()
                for group in rule.needs:
                    assert any(word in low for word in group), (rule.name, m.group(0), group)
                checked += bool(rule.needs)
    assert checked > 300


def test_prefilter_finds_what_the_rules_alone_find() -> None:
    import dataclasses

    from wirewatch.resolve.dates import finder

    texts = [*_sample_texts(), PREFILTER_PHRASES]
    with_prefilter = [find_time_expressions(t, FRI) for t in texts]
    saved = list(finder.RULES)
    try:
        finder.RULES[:] = [dataclasses.replace(rule, needs=()) for rule in saved]
        without = [find_time_expressions(t, FRI) for t in texts]
    finally:
        finder.RULES[:] = saved
    assert with_prefilter == without
    assert sum(map(len, without)) > 200
