"""The ``places`` pipeline component: the article's toponyms (:func:`.finder.find_toponyms`) resolved to places."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...analysis import Analysis
from ...errors import ConfigError
from ...kb import KnowledgeBase
from ...kb.places import Gazetteer
from ...model import Place, Span
from ...registry import Component, factory
from .finder import ARTICLE, NOT_PLACES, PROFILES, ToponymProfile, find_toponyms
from .scoring import resolve_toponyms

# GeoNames' codes where PLOVER's differ, so that places and actors share one country code
PLOVER_COUNTRY = {"XKX": "KOS"}



@factory("places", requires=("entities",), assigns=("places", "toponyms"), default_config={"profile": "article"})
def make_places(kb: KnowledgeBase, config: Mapping[str, Any]) -> Component:
    """``profile``: which toponym finder rules apply (:data:`.finder.PROFILES`): ``article`` maps the places
    an article's events happen in; ``corpus`` finds toponyms the way the geoparsing corpora annotate them."""
    name = config.get("profile", "article")
    if name not in PROFILES:
        raise ConfigError(f"components.places: profile {name!r} is not one of {', '.join(sorted(PROFILES))}")
    gazetteer = kb.gazetteer
    profile = PROFILES[name]

    def places(analysis: Analysis) -> None:
        resolve_places(analysis, gazetteer, profile)

    return places


def resolve_places(analysis: Analysis, gazetteer: Gazetteer, profile: ToponymProfile = ARTICLE) -> None:
    """The article's places, one per distinct point, with the toponyms that name them."""
    toponyms = find_toponyms(analysis.doc, gazetteer, profile=profile, analysis=analysis)
    found = resolve_toponyms(analysis.text, toponyms, gazetteer)
    by_key: dict[object, Place] = {}
    for top, cand in zip(toponyms, found, strict=True):
        if cand is None or cand.name.lower() in NOT_PLACES:  # also by another name: "the Oval Office"
            continue
        key = cand.geonameid if cand.geonameid is not None else (cand.name, round(cand.lat, 2), round(cand.lon, 2))
        place = by_key.get(key)
        if place is None:
            place = Place(id=f"P{len(by_key) + 1}", name=cand.name, lat=round(cand.lat, 5), lon=round(cand.lon, 5),
                          geonameid=cand.geonameid, country=PLOVER_COUNTRY.get(cand.country or "", cand.country),
                          admin1=cand.admin1, feature=cand.feature)
            by_key[key] = place
        place.mentions.append(Span.of(analysis.text, top.start, top.end))
        top.place = place.id
    analysis.places = list(by_key.values())
    analysis.toponyms = [t for t in toponyms if t.place]
