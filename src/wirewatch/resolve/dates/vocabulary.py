"""The words of dates: month, weekday, number and ordinal words, seasons, times of day and the reference
words ("now", "recently"), most of them read from ``data/lexicons/date_words.json``."""

from __future__ import annotations

from ...kb.lexicons import lexicon_words

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

_PAST_RELS = tuple(lexicon_words("date_words", "past_rels"))
_UNIT_PREC: dict[str, str | None] = dict(lexicon_words("date_words", "unit_precision"))
_DAY_OFFSETS: dict[str, int] = dict(lexicon_words("date_words", "day_offsets"))  # "yesterday" -> -1
_PREVIOUS_YEAR = frozenset(lexicon_words("date_words", "previous_year_phrases"))  # "a year ago", "prior-year"

_PRESENT = set(lexicon_words("date_words", "present"))
_PAST = set(lexicon_words("date_words", "past"))
_FUTURE = set(lexicon_words("date_words", "future"))

_SETS = dict(lexicon_words("date_words", "sets"))
