"""An article's dateline ('KYIV, Ukraine (AP) —'): where it ends."""

from __future__ import annotations

import re

from ...analysis import Analysis

# "KYIV, Ukraine (AP) —", "NAIROBI, July 9 (Reuters) -": a capitalised place, then an agency or a dash
DATELINE = re.compile(r"^\s*([A-Z][A-Za-z.' -]{1,40}?)(?:,[^\n()—–-]{0,40})?\s*(?:\([^)]{1,40}\))?\s*[—–-]{1,2}\s")


def dateline_end(analysis: Analysis) -> int:
    m = DATELINE.match(analysis.text)
    return m.end() if m else 0
