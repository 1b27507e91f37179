"""``wirewatch serve``: the JSON API and the dashboard over a corpus, on uvicorn.

Bound to 127.0.0.1 unless told otherwise; read-only unless the ``serve_token`` setting
($WIREWATCH_SERVE_TOKEN) is set, and then only POST /api/ingest with that bearer token writes.
"""

from __future__ import annotations

import click

from . import cli, friendly_errors
from .corpus import db_option


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 exposes the corpus to the network).")
@click.option("--port", type=click.IntRange(min=0, max=65535), default=8000, show_default=True,
              help="TCP port.")
@click.option("--access-log/--no-access-log", default=True, show_default=True,
              help="Log every request on standard error.")
@friendly_errors
def serve(db: str | None, host: str, port: int, access_log: bool) -> None:
    """Serve the corpus: a JSON API under /api (OpenAPI schema at /openapi.json) and the dashboard."""
    import uvicorn

    from ..serve import create_app

    app = create_app(db)
    state = app.state.wirewatch
    writes = "POST /api/ingest with the serve_token" if state.token else "read-only (no serve_token set)"
    click.echo(f"wirewatch: serving {state.store.label} on http://{host}:{port} ({writes})", err=True)
    uvicorn.run(app, host=host, port=port, access_log=access_log, log_level="info",
                server_header=False)
