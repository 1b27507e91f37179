"""Extract stage: entities, attributions and events read off the parsed article.

Importing this package registers its pipeline components.
"""

from . import attributions, entities, events, retype  # noqa: F401  (registers components)
