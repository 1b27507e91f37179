"""The ``event_confidence`` pipeline component: each event's confidence, calibrated on real news.

The events stage scores a trigger match by hand-set rules (``extract/events/modality.py``): a ranking, not a
probability. This component replaces it by the probability that an analyst would accept the event as coded
(type and actor right), from a logistic regression over a few facts about the event — its raw score, whether
it has an actor, a coded actor and a recipient, its auxiliary mode, and whether it is reported speech. ``scripts/calibrate_events.py`` fits that regression on the development split of
the real-news gold (samples/gold/real/) and writes ``data/models/event_confidence.json``;
``bench/calibration.py`` draws the reliability diagram and prints the expected calibration error on both splits.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..analysis import Analysis
from ..kb import KnowledgeBase
from ..registry import Component, factory

#: upper edges of the raw-score bands (the raw score takes few distinct values, so bands lose little)
RAW_BANDS = (0.4, 0.55, 0.7, 0.8, 0.9)


def confidence_features(event: Mapping[str, Any], actor_countries: list[str | None]) -> list[str]:
    """The binary features of one event, from its document-JSON fields (``actor_countries``: the coded country
    of each actor entity). The fitting script computes them from documents, the component from the analysis."""
    raw = float(event.get("confidence") or 0.0)
    band = next((f"raw<{edge:.2f}" for edge in RAW_BANDS if raw < edge), f"raw>={RAW_BANDS[-1]:.2f}")
    # few features on purpose: the dev split has tens of events, not thousands (types, place and date sources
    # were tried and only fitted noise)
    features = [band, f"aux={event.get('aux')}"]
    if event.get("actor"):
        features.append("actor")
        if any(actor_countries):
            features.append("actor_coded")
    if event.get("recipient"):
        features.append("recipient")
    if event.get("attribution"):
        features.append("reported")
    return features


@factory("event_confidence", requires=("events", "event_context"), assigns=("event_confidence",))
def make_event_confidence(kb: KnowledgeBase, config: Mapping[str, Any]) -> Component:
    model = kb.event_confidence_model

    def event_confidence(analysis: Analysis) -> None:
        for ev in analysis.events:
            countries = [(e.actor.country if (e := analysis.entity(a)) else None) for a in ev.actor]
            fields = {"confidence": ev.confidence, "event_type": ev.event_type, "aux": ev.aux,
                      "place_basis": ev.place_basis, "date_basis": ev.date_basis, "actor": ev.actor,
                      "recipient": ev.recipient, "attribution": ev.attribution}
            ev.confidence = round(model.probability(confidence_features(fields, countries)), 3)

    return event_confidence
