"""The learnt models the extract stage reads at run time: plain numbers in data files, no machine-learning library.

``data/models/attribution_filter.json`` (feature name -> weight, a bias and a threshold for each of two logistic
regressions, fitted by ``scripts/train_attribution_filter.py``): which attribution candidates to keep, and which
reported contents run on to the end of their sentence.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ..errors import ConfigError

ATTRIBUTION_MODEL = ("data", "models", "attribution_filter.json")


@dataclass(frozen=True)
class LinearModel:
    """A logistic regression over binary features: a weight per feature name, a bias and a threshold."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, features: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in set(features))  # present or not: binary
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def accepts(self, features: list[str]) -> bool:
        return self.probability(features) >= self.threshold

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LinearModel:
        return cls(weights={k: float(v) for k, v in data["weights"].items()}, bias=float(data["bias"]),
                   threshold=float(data["threshold"]))


@dataclass(frozen=True)
class AttributionModel:
    keep: LinearModel  # is this candidate an attribution at all?
    extend: LinearModel  # does this reported content run on to the end of its sentence?


@cache
def load_attribution_model() -> AttributionModel:
    """The fitted attribution filter; a missing or unreadable file is a configuration error, never a silent
    fallback (set ``filter = false`` in the ``attributions`` component's config to run without it)."""
    path = resources.files("wirewatch").joinpath(*ATTRIBUTION_MODEL)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return AttributionModel(keep=LinearModel.from_dict(data["keep"]),
                                extend=LinearModel.from_dict(data["extend"]))
    except (OSError, ValueError, KeyError) as exc:
        raise ConfigError(f"attribution filter model {'/'.join(ATTRIBUTION_MODEL)} cannot be read ({exc})") from None


EVENT_CONFIDENCE_MODEL = ("data", "models", "event_confidence.json")


@cache
def load_event_confidence_model() -> LinearModel:
    """The calibration of event confidence, fitted by ``scripts/calibrate_events.py`` on the real-news dev split;
    a missing or unreadable file is a configuration error (leave ``event_confidence`` out of the pipeline to
    keep the raw scores)."""
    path = resources.files("wirewatch").joinpath(*EVENT_CONFIDENCE_MODEL)
    try:
        return LinearModel.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError) as exc:
        raise ConfigError(f"event confidence model {'/'.join(EVENT_CONFIDENCE_MODEL)} cannot be read ({exc})") from None
