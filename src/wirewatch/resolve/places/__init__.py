"""Place resolution: the one toponym finder (:mod:`.finder`, in the profile of the geoparsing corpora or of the
pipeline), document-level disambiguation against the gazetteer of the knowledge base (:mod:`.scoring`), and the
``places`` pipeline component (:mod:`.component`)."""

from .finder import ARTICLE, CORPUS, PROFILES, ToponymProfile, find_toponyms
from .scoring import resolve_toponyms

__all__ = ["ARTICLE", "CORPUS", "PROFILES", "ToponymProfile", "find_toponyms", "resolve_toponyms"]
