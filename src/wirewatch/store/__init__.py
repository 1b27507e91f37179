"""The corpus: articles and their documents stored in SQLite or PostgreSQL, queried and exported.

    with open_store("wirewatch.db") as store:
        store.add(article, document)
        for row in store.events(event_type=["ASSAULT"], place="UKR"):
            ...
"""

from .schema import SCHEMA_VERSION
from .store import DEFAULT_DB, Store, open_store

__all__ = ["DEFAULT_DB", "SCHEMA_VERSION", "Store", "open_store"]
