"""Place resolution: the one toponym finder (:mod:`.finder`), document-level disambiguation against the gazetteer
of the knowledge base (:mod:`.scoring`), and the ``places`` pipeline component (:mod:`.component`)."""

from .finder import article_toponyms, find_toponyms
from .scoring import resolve_toponyms

__all__ = ["article_toponyms", "find_toponyms", "resolve_toponyms"]
