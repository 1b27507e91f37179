"""Resolve stage: actor codes, places and dates pinned to the reference data of the knowledge base, and each
event's place, date and reporting attribution.

Importing this package registers its pipeline components (``places``, ``times``, ``actors``, ``event_context``,
``event_confidence``).
"""

from . import actors, event_confidence, event_context, times  # noqa: F401  (registers components)
from .places import component  # noqa: F401  (registers the places component)
