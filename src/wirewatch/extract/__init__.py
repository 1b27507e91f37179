"""Extract stage: entities, attributions and events read off the parsed article.

Importing this package registers its pipeline components (``entities``, ``attributions``, ``events``,
``event_retype``). It reads reference data only through the :class:`~wirewatch.kb.KnowledgeBase` its factories
are given, and never imports the resolve stage.
"""

from . import attributions, entities, events, retype  # noqa: F401  (registers components)
