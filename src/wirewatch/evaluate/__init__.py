"""Evaluation against outside gold data: one module per task, each with a ``main()``."""

from __future__ import annotations

import json
from typing import Any


def print_figures(figures: dict[str, Any], as_json: bool) -> None:
    """One JSON object, or one ``name: value`` line per figure."""
    if as_json:
        print(json.dumps(figures))
        return
    for k, v in figures.items():
        print(f"{k}: {v:.3f}" if isinstance(v, float) else f"{k}: {v}")
