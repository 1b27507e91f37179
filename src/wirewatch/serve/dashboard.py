"""The dashboard: one static page (``/``) and its files (``/static/...``), served by the same process as the
API and shipped in the package (``wirewatch/serve/static``), so it works with no network at all: Leaflet,
Leaflet.markercluster, d3 and the Natural Earth country outlines are vendored by
``scripts/vendor_dashboard.py`` (see ``static/vendor/VENDORED.md``); there is no tile layer.

The page is plain JavaScript that reads the JSON API. It builds every piece of article text and every field
with DOM text nodes, never markup, and a strict Content-Security-Policy (scripts, styles, images and
requests from this origin only; no inline script) backs that up. See docs/dashboard.md.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

STATIC = Path(__file__).resolve().parent / "static"

CSP = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
])
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
           "X-Frame-Options": "DENY", "Cross-Origin-Opener-Policy": "same-origin"}

mimetypes.add_type("application/geo+json", ".geojson")
mimetypes.add_type("text/javascript", ".js")


class _Secured:
    """The static files with the dashboard's security headers (and a short cache lifetime)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: dict) -> None:  # type: ignore[type-arg]
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"cache-control"]
                headers += [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]
                headers.append((b"cache-control", b"no-cache"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def install_dashboard(app: FastAPI) -> None:
    """Mount the dashboard on ``app``: ``/`` (the page), ``/static/...`` (its scripts, styles and map data)."""
    index = STATIC / "index.html"

    @app.get("/", include_in_schema=False)
    def dashboard() -> Response:
        return FileResponse(index, media_type="text/html; charset=utf-8",
                            headers={**HEADERS, "Cache-Control": "no-cache"})

    @app.get("/index.html", include_in_schema=False)
    def dashboard_alias() -> Response:
        return RedirectResponse("/", status_code=308)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml", headers=HEADERS)

    app.mount("/static", _Secured(StaticFiles(directory=STATIC, follow_symlink=False)), name="static")
