"""The knowledge base: every reference resource the stages consult, below extract and resolve.

The gazetteer (:mod:`.places`), the actor dictionaries (:mod:`.actors`), the demonym table (:mod:`.demonyms`),
the lexicons (:mod:`.lexicons`) and the learnt attribution filter (:mod:`.models`) are read from the package
data through ``importlib.resources``. A :class:`KnowledgeBase` is built once per
:class:`~wirewatch.pipeline.Pipeline` and handed to each component's factory; nothing in extract or resolve
loads a resource of its own. The files behind it are read at most once per process (they never change while
it runs), so two pipelines in one process share the parsed data.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from .actors import ActorCoder
from .demonyms import load_demonyms
from .lexicons import ActorNouns, actor_nouns, load_lexicon
from .models import AttributionModel, LinearModel, load_attribution_model, load_event_confidence_model
from .places import Gazetteer


class KnowledgeBase:
    """The resources of one pipeline, each loaded on first use."""

    def __init__(self) -> None:
        self._big_places: dict[str, bool] = {}

    @cached_property
    def gazetteer(self) -> Gazetteer:
        return Gazetteer.load()

    @cached_property
    def actors(self) -> ActorCoder:
        return ActorCoder.load()

    @cached_property
    def demonyms(self) -> dict[str, str]:
        return load_demonyms()

    @cached_property
    def actor_nouns(self) -> ActorNouns:
        return actor_nouns()

    @cached_property
    def attribution_model(self) -> AttributionModel:
        return load_attribution_model()

    @cached_property
    def event_confidence_model(self) -> LinearModel:
        return load_event_confidence_model()

    def lexicon(self, name: str) -> dict[str, Any]:
        """The JSON lexicon ``data/lexicons/<name>.json``."""
        return load_lexicon(name)

    def is_big_place(self, name: str) -> bool:
        """A single word that names a country, a province or a city of 100,000 people or more."""
        hit = self._big_places.get(name)
        if hit is None:
            hit = self._big_places[name] = any(c.feature.startswith(("PCL", "ADM1")) or c.population >= 100_000
                                               for c in self.gazetteer.candidates(name))
        return hit
