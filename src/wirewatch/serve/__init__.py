"""``wirewatch serve``: the JSON API (and the dashboard) over a corpus.

    from wirewatch.serve import create_app
    app = create_app("wirewatch.db")          # a FastAPI app; run it with uvicorn
"""

from .app import create_app

__all__ = ["create_app"]
