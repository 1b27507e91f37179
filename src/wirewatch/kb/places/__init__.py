"""The gazetteer and what it is made of: name folding (:mod:`.names`), GeoNames' points (:mod:`.points`) and the
folded-name index of candidate places (:mod:`.gazetteer`)."""

from .gazetteer import ADMIN_FEATURES, DATA_DIR, Candidate, Gazetteer, prior
from .names import fold, index_keys, is_latin, strip_article
from .points import haversine_km, read_points, write_points

__all__ = ["ADMIN_FEATURES", "DATA_DIR", "Candidate", "Gazetteer", "fold", "haversine_km", "index_keys", "is_latin",
           "prior", "read_points", "strip_article", "write_points"]
