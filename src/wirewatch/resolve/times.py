"""The ``times`` pipeline component: time expressions resolved against the publication date (:mod:`.dates`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..analysis import Analysis, TimeMention
from ..kb import KnowledgeBase
from ..registry import Component, factory
from .dates import find_time_expressions


@factory("times", assigns=("times",))
def make_times(kb: KnowledgeBase, config: Mapping[str, Any]) -> Component:
    return find_times


def find_times(analysis: Analysis) -> None:
    analysis.times = [TimeMention(t.start, t.end, t.text, t.value, t.precision)
                      for t in find_time_expressions(analysis.text, analysis.published)]
