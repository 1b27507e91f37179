"""The web app: :func:`create_app` builds the FastAPI application over one corpus.

Reads go through a store opened read-only (SQLite ``query_only``, PostgreSQL read-only transactions), so no
GET can change the corpus. The one write, ``POST /api/ingest``, opens its own store, needs the bearer token
of the ``serve_token`` setting ($WIREWATCH_SERVE_TOKEN) and is refused (403) when none is configured.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import StoreError
from ..store import Store, open_store
from ..store.store import one_line
from .params import ApiError
from .render import JSONResponse

log = logging.getLogger("wirewatch.serve")


class Cache:
    """Aggregates (timeline, facets, places) by query, dropped when the corpus changes: for SQLite when the
    database or its write-ahead log changes on disk, otherwise after ``ttl`` seconds; and on every write
    through this app."""

    def __init__(self, path: Path | None, ttl: float = 30.0, size: int = 256) -> None:
        self.path = path
        self.ttl = ttl
        self.size = size
        self.items: OrderedDict[Any, tuple[Any, Any]] = OrderedDict()
        self.lock = threading.Lock()
        self.generation = 0

    def version(self) -> Any:
        if self.path is None:
            return (self.generation, int(time.monotonic() // self.ttl))
        stamp: list[Any] = [self.generation]
        for p in (self.path, self.path.with_name(self.path.name + "-wal")):
            try:
                st = os.stat(p)
                stamp += [st.st_mtime_ns, st.st_size]
            except OSError:
                stamp += [None, None]
        return tuple(stamp)

    def get(self, key: Any, compute: Callable[[], Any]) -> Any:
        version = self.version()
        with self.lock:
            hit = self.items.get(key)
            if hit is not None and hit[0] == version:
                self.items.move_to_end(key)
                return hit[1]
        value = compute()
        with self.lock:
            self.items[key] = (version, value)
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self.lock:
            self.items.clear()
            self.generation += 1


class ServeState:
    """What the routes share: the read-only store, the write token, caches, the ingest pipeline."""

    def __init__(self, db: str | None, token: str | None, settings: Any) -> None:
        self.db = db
        self.token = token or None
        self.settings = settings
        # open once writable-if-possible so an older corpus gets its listing indexes, then read-only
        open_store(db, create=False).close()
        self.store: Store = open_store(db, create=False, read_only=True)
        self.cache = Cache(self.store.path)
        self.write_lock = threading.Lock()
        self.pipeline: Any = None

    def close(self) -> None:
        self.store.close()


def error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message, "status": status}, status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for e in exc.errors()[:3]:
        where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body"))
        parts.append(f"{where}: {e.get('msg', 'invalid')}" if where else str(e.get("msg", "invalid")))
    return "; ".join(parts) or "invalid request"


def install_errors(app: FastAPI) -> None:
    """Every error is JSON ``{"error": one line, "status": code}``; nothing shows a traceback."""

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return error(exc.status, exc.message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return error(422, _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = "not found"
        return error(exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(StoreError)
    async def _store(_request: Request, exc: StoreError) -> JSONResponse:
        log.error("store error: %s", exc)
        return error(503, "database unavailable")

    @app.exception_handler(SQLAlchemyError)
    async def _db(_request: Request, exc: SQLAlchemyError) -> JSONResponse:
        log.error("database error: %s", one_line(exc))
        return error(503, "database unavailable")

    @app.exception_handler(Exception)
    async def _internal(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("internal error")
        return error(500, "internal error")


def create_app(db: str | None = None, *, token: str | None = None) -> FastAPI:
    """The wirewatch web app over the corpus at ``db`` (a SQLite path or URL, or postgresql://...; default
    $WIREWATCH_DB, else wirewatch.db). ``token`` overrides the ``serve_token`` setting for writes.

    Raises :class:`~wirewatch.errors.StoreError` when there is no usable corpus there."""
    from ..config import Settings

    settings = Settings.load()
    state = ServeState(db, token if token is not None else settings.serve_token, settings)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        state.close()

    app = FastAPI(lifespan=lifespan, title="wirewatch", version=__version__,
                  description="A sourced, geolocated record of events, claims and attributions extracted from "
                              "news articles. Every row carries its article id and character offsets into "
                              "the article text. See docs/serve.md.",
                  default_response_class=JSONResponse)
    app.state.wirewatch = state
    install_errors(app)

    from .api import router

    app.include_router(router)

    from .dashboard import install_dashboard

    install_dashboard(app)
    return app
