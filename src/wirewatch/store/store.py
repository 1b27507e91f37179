"""The corpus store: articles and their documents in SQLite (default) or PostgreSQL, via SQLAlchemy Core."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Engine,
    Select,
    and_,
    create_engine,
    event,
    exists,
    func,
    inspect,
    or_,
    select,
)
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, DataError, IntegrityError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.schema import CreateIndex

from ..errors import StoreError
from ..model import Article, Document
from . import schema as s
from .links import LinkQueries
from .rows import Row, document_rows

DEFAULT_DB = "wirewatch.db"
SQLITE_MAGIC = b"SQLite format 3\x00"
KEYS = {"entities": ("id",), "places": ("id",), "attributions": ("id",), "events": ("id",),
        "event_actors": ("event", "role", "entity")}


def one_line(exc: BaseException) -> str:
    """The first line of a driver's message, without SQLAlchemy's background links."""
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip()
    return (text.splitlines() or [type(exc).__name__])[0].strip()


def resolve_url(db: str | None) -> tuple[URL, Path | None]:
    """A SQLAlchemy URL for ``db`` (a path or a URL) and, for SQLite files, the file's path."""
    db = db or os.environ.get("WIREWATCH_DB") or DEFAULT_DB
    if "://" not in db:
        path = Path(db)
        return URL.create("sqlite+pysqlite", database=str(path)), path
    try:
        url = make_url(db)
    except (ArgumentError, ValueError) as exc:
        raise StoreError(f"--db {db!r} is not a database URL ({one_line(exc)})") from None
    backend = url.get_backend_name()
    if backend == "sqlite":
        if url.database in (None, "", ":memory:"):
            return url.set(drivername="sqlite+pysqlite"), None
        return url.set(drivername="sqlite+pysqlite"), Path(url.database)
    if backend in ("postgresql", "postgres"):
        if url.drivername in ("postgresql", "postgres", "postgresql+psycopg2"):
            url = url.set(drivername="postgresql+psycopg")
        return url, None
    raise StoreError(f"--db {url.render_as_string(hide_password=True)!r}: unsupported database "
                     f"{backend!r} (use a SQLite file path or postgresql://...)")


def check_sqlite_file(path: Path, create: bool) -> None:
    """Refuse before connecting anything that is no SQLite database, so nothing gets written to it."""
    if path.is_dir():
        raise StoreError(f"{path}: is a directory, not a database file")
    if not path.exists():
        if not create:
            raise StoreError(f"{path}: no such corpus (run 'wirewatch ingest' first)")
        if not path.parent.exists():
            raise StoreError(f"{path}: folder {path.parent} does not exist")
        return
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(f"{path}: cannot read ({exc.strerror})") from None
    if head and head != SQLITE_MAGIC:
        raise StoreError(f"{path}: not a SQLite database (corrupt or another kind of file)")


class Store(LinkQueries):
    """A wirewatch corpus. Open it with :func:`open_store`; close it (or use ``with``) when done."""

    def __init__(self, engine: Engine, label: str, path: Path | None = None) -> None:
        self.engine = engine
        self.label = label  # the URL without its password, for messages
        self.path = path  # the database file, for SQLite

    # -- lifecycle -------------------------------------------------------------------------------
    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _fail(self, exc: SQLAlchemyError) -> StoreError:
        return StoreError(f"{self.label}: {one_line(exc)}")

    # -- writing ---------------------------------------------------------------------------------
    def has(self, sha256: str) -> bool:
        return bool(self.known([sha256]))

    def known(self, shas: Iterable[str]) -> set[str]:
        """Which of these article hashes are stored already."""
        wanted = list(dict.fromkeys(shas))
        found: set[str] = set()
        try:
            with self.engine.connect() as conn:
                for i in range(0, len(wanted), 500):
                    chunk = wanted[i:i + 500]
                    found.update(conn.scalars(select(s.articles.c.sha256).where(s.articles.c.sha256.in_(chunk))))
        except SQLAlchemyError as exc:
            raise self._fail(exc) from None
        return found

    def add(self, article: Article, document: Document) -> bool:
        """Store one article and its document; False if it was stored already."""
        return self.add_many([(article, document)]) == 1

    def add_many(self, pairs: Sequence[tuple[Article, Document]],
                 on_error: Callable[[Article, str], None] | None = None) -> int:
        """Store articles with their documents in ONE transaction; returns how many were new.

        If the database refuses some row (a constraint, a value it cannot hold) and ``on_error`` is
        given, the batch is retried one article per transaction and each refused article is reported
        to ``on_error`` instead of failing the whole batch.
        """
        try:
            with self.engine.begin() as conn:
                return self._insert(conn, pairs)
        except (IntegrityError, DataError) as exc:
            if on_error is None:
                raise self._fail(exc) from None
        except SQLAlchemyError as exc:
            raise self._fail(exc) from None
        added = 0
        for article, doc in pairs:
            try:
                with self.engine.begin() as conn:
                    added += self._insert(conn, [(article, doc)])
            except (IntegrityError, DataError) as exc:
                on_error(article, f"cannot be stored: {one_line(exc)}")
            except SQLAlchemyError as exc:
                raise self._fail(exc) from None
        return added

    def _insert(self, conn: Connection, pairs: Sequence[tuple[Article, Document]]) -> int:
        stored: set[str] = set()
        shas = [d.article.sha256 for _, d in pairs]
        for i in range(0, len(shas), 500):
            stored.update(conn.scalars(select(s.articles.c.sha256).where(s.articles.c.sha256.in_(shas[i:i + 500]))))
        rows: dict[str, list[Row]] = {t.name: [] for t in s.ALL_TABLES}
        for article, doc in pairs:
            sha = doc.article.sha256
            if sha in stored:
                continue
            stored.add(sha)
            rows["articles"].append(article_row(article, doc))
            for name, items in document_rows(article.text, doc).items():
                rows[name].extend(unique_rows(items, KEYS[name]))
        for table in s.ALL_TABLES:
            if rows[table.name]:
                conn.execute(table.insert(), [no_nul(r) for r in rows[table.name]])
        return len(rows["articles"])

    # -- reading ---------------------------------------------------------------------------------
    def count(self) -> int:
        return self._scalar(select(func.count()).select_from(s.articles))

    def _scalar(self, stmt: Select[Any]) -> Any:
        try:
            with self.engine.connect() as conn:
                return conn.scalar(stmt)
        except SQLAlchemyError as exc:
            raise self._fail(exc) from None

    def _rows(self, stmt: Select[Any]) -> Iterator[dict[str, Any]]:
        try:
            with self.engine.connect() as conn:
                result = conn.execution_options(yield_per=500).execute(stmt)
                for row in result.mappings():
                    yield dict(row)
        except SQLAlchemyError as exc:
            raise self._fail(exc) from None

    def article_order(self) -> list[ColumnElement[Any]]:
        a = s.articles.c
        return [a.published.asc().nulls_last(), a.sha256]

    def document_dicts(self) -> Iterator[dict[str, Any]]:
        """Every stored document as contract JSON (a dict), oldest first."""
        stmt = select(s.articles.c.document).order_by(*self.article_order())
        for row in self._rows(stmt):
            yield json.loads(row["document"])

    def documents(self) -> Iterator[Document]:
        for d in self.document_dicts():
            yield Document.from_dict(d)

    def articles(self, with_text: bool = True) -> Iterator[dict[str, Any]]:
        cols = [c for c in s.articles.c if c.name != "document" and (with_text or c.name != "text")]
        return self._rows(select(*cols).order_by(*self.article_order()))

    def table_rows(self, name: str) -> Iterator[dict[str, Any]]:
        """Every row of one normalised table, with the article's short id, in a stable order."""
        table = s.metadata.tables[name]
        a = s.articles.c
        key = [table.c[k] for k in ("id",) if k in table.c] or [table.c.event, table.c.role, table.c.entity]
        stmt = (select(a.id.label("article_id"), *table.c).join(s.articles, table.c.article == a.sha256)
                .order_by(*self.article_order(), *key))
        return self._rows(stmt)

    # -- queries ---------------------------------------------------------------------------------
    def events(self, *, event_type: Sequence[str] = (), actor: str | None = None, recipient: str | None = None,
               place: str | None = None, since: str | None = None, until: str | None = None,
               stance: Sequence[str] = (), source: str | None = None, aux: bool | None = None,
               min_confidence: float | None = None, limit: int | None = None) -> Iterator[dict[str, Any]]:
        """Events, filtered. ``actor``/``recipient`` match a name (substring, any case) or a country code;
        ``place`` a place name or country; the date range applies to the event's date, else the article's;
        ``min_confidence`` keeps events whose calibrated confidence is at least that."""
        e, a = s.events.c, s.articles.c
        day = func.coalesce(e.date, a.published)
        stmt = (select(a.id.label("article_id"), day.label("date"), e.id.label("event_id"), e.event_type, e.mode,
                       e.cameo, e.aux, e.actors, e.actor_countries, e.actor_sectors, e.recipients,
                       e.recipient_countries, e.recipient_sectors, e.place_name, e.place_country, e.lat, e.lon,
                       e.stance, e.speaker, e.confidence, a.source, a.published, a.title, a.url,
                       e.date.label("event_date"), e.date_precision, e.date_text, e.context,
                       e.trigger_start, e.trigger_end, e.trigger_text, e.span_start.label("evidence_start"),
                       e.span_end.label("evidence_end"), e.span_text.label("evidence"))
                .join(s.articles, e.article == a.sha256))
        conds: list[ColumnElement[bool]] = []
        if event_type:
            conds.append(e.event_type.in_([t.upper() for t in event_type]))
        for role, who in (("actor", actor), ("recipient", recipient)):
            if who:
                ea = s.event_actors.c
                conds.append(exists().where(ea.article == e.article, ea.event == e.id, ea.role == role,
                                            or_(_like(ea.name, who), ea.country == who.upper())))
        if place:
            conds.append(or_(_like(e.place_name, place), e.place_country == place.upper()))
        if since:
            conds.append(day >= since)
        if until:
            conds.append(day <= until)
        if stance:
            conds.append(e.stance.in_([x.lower() for x in stance]))
        if source:
            conds.append(_like(a.source, source))
        if aux is False:
            conds.append(e.aux.is_(None))
        if min_confidence is not None:
            conds.append(e.confidence >= min_confidence)
        if conds:
            stmt = stmt.where(and_(*conds))
        stmt = stmt.order_by(day.asc().nulls_last(), a.sha256, e.trigger_start, e.id)
        if limit:
            stmt = stmt.limit(limit)
        return self._rows(stmt)

    def claims(self, *, speaker: str | None = None, stance: Sequence[str] = (), source: str | None = None,
               since: str | None = None, until: str | None = None, contains: str | None = None,
               corroborated: int = 0, contested: bool | None = None,
               limit: int | None = None) -> Iterator[dict[str, Any]]:
        """Attributed claims, filtered. ``speaker`` matches the speaker's words, entity name or country.

        Each row carries its claim cluster (the link stage's; null before ``wirewatch link``) with the
        cluster's independent-source count and whether it is contested; ``corroborated`` keeps claims whose
        cluster has at least that many independent sources, ``contested`` those whose cluster is (or is not)
        contested."""
        t, a = s.attributions.c, s.articles.c
        cm, cc = s.claim_members.c, s.claim_clusters.c
        stmt = (select(a.id.label("article_id"), a.published, a.source, t.id.label("claim_id"), t.kind, t.stance,
                       t.speaker, t.speaker_name, t.speaker_country, t.speaker_sector, t.anonymous, t.via,
                       t.cue, t.cue_lemma, t.disputed_by, a.title, a.url,
                       cm.cluster.label("cluster_id"), cm.origin, cc.independent_sources, cc.disputing_sources,
                       cc.contested, cc.articles.label("cluster_articles"),
                       t.span_start.label("evidence_start"), t.span_end.label("evidence_end"),
                       t.span_text.label("evidence"))
                .select_from(s.attributions.join(s.articles, t.article == a.sha256)
                             .outerjoin(s.claim_members, and_(cm.article == t.article, cm.attribution == t.id))
                             .outerjoin(s.claim_clusters, cc.id == cm.cluster)))
        conds: list[ColumnElement[bool]] = []
        if corroborated:
            conds.append(cc.independent_sources >= corroborated)
        if contested is not None:
            conds.append(cc.contested.is_(contested))
        if speaker:
            conds.append(or_(_like(t.speaker, speaker), _like(t.speaker_name, speaker),
                             t.speaker_country == speaker.upper()))
        if stance:
            conds.append(t.stance.in_([x.lower() for x in stance]))
        if source:
            conds.append(_like(a.source, source))
        if since:
            conds.append(a.published >= since)
        if until:
            conds.append(a.published <= until)
        if contains:
            conds.append(_like(t.span_text, contains))
        if conds:
            stmt = stmt.where(and_(*conds))
        stmt = stmt.order_by(*self.article_order(), t.span_start, t.id)
        if limit:
            stmt = stmt.limit(limit)
        return self._rows(stmt)

    def entities(self, *, name: str | None = None, label: Sequence[str] = (), country: str | None = None,
                 sector: str | None = None, source: str | None = None, since: str | None = None,
                 until: str | None = None, limit: int | None = None) -> Iterator[dict[str, Any]]:
        t, a = s.entities.c, s.articles.c
        stmt = (select(a.id.label("article_id"), a.published, a.source, t.id.label("entity_id"), t.name,
                       t.label, t.country, t.sector, t.other_sectors, t.mentions, a.title, a.url,
                       t.span_start.label("evidence_start"), t.span_end.label("evidence_end"),
                       t.span_text.label("evidence"))
                .join(s.articles, t.article == a.sha256))
        conds: list[ColumnElement[bool]] = []
        if name:
            conds.append(_like(t.name, name))
        if label:
            conds.append(t.label.in_([x.upper() for x in label]))
        if country:
            conds.append(t.country == country.upper())
        if sector:
            conds.append(t.sector == sector.upper())
        if source:
            conds.append(_like(a.source, source))
        if since:
            conds.append(a.published >= since)
        if until:
            conds.append(a.published <= until)
        if conds:
            stmt = stmt.where(and_(*conds))
        stmt = stmt.order_by(*self.article_order(), t.span_start, t.id)
        if limit:
            stmt = stmt.limit(limit)
        return self._rows(stmt)


def _like(column: Any, needle: str) -> ColumnElement[bool]:
    return func.lower(column).contains(needle.lower(), autoescape=True)


def no_nul(row: Row) -> Row:
    """PostgreSQL text cannot hold NUL characters; metadata from sidecars or feeds might carry one."""
    return {k: v.replace("\x00", "") if isinstance(v, str) and "\x00" in v else v for k, v in row.items()}


def unique_rows(rows: list[Row], key: tuple[str, ...]) -> list[Row]:
    """Rows with a repeated key dropped (a malformed document must not abort its whole batch)."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for r in rows:
        k = tuple(r[x] for x in key)
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


def article_row(article: Article, doc: Document) -> Row:
    m = doc.article
    return {"sha256": m.sha256, "id": m.id, "title": m.title, "source": m.source, "published": m.published,
            "url": article.url, "origin": article.origin, "chars": m.chars, "text": article.text,
            "document": json.dumps(doc.to_dict(), ensure_ascii=False, separators=(",", ":"))}


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=10000")
        # with WAL, NORMAL loses no committed transaction when the process is killed (only on power loss)
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()


def open_store(db: str | None = None, *, create: bool = True, read_only: bool = False) -> Store:
    """Open (and with ``create``, set up) the corpus at ``db``: a SQLite path or URL, or postgresql://...

    Raises :class:`StoreError` for a bad URL, an unreachable server, a file that is not a SQLite
    database, or a database that holds something other than a wirewatch corpus, before writing anything.
    With ``read_only`` (an existing corpus only) every connection refuses writes (SQLite ``query_only``,
    PostgreSQL read-only transactions).
    """
    if read_only:
        create = False
    url, path = resolve_url(db)
    label = url.render_as_string(hide_password=True) if path is None else str(path)
    if path is not None:
        check_sqlite_file(path, create)
    try:
        kwargs: dict[str, Any] = {}
        if url.get_backend_name() == "postgresql":
            kwargs["connect_args"] = {"connect_timeout": 10}
        engine = create_engine(url, **kwargs)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise StoreError(f"{label}: cannot use this database ({one_line(exc)})") from None
    if path is not None:
        _sqlite_pragmas(engine)
    store = Store(engine, label, path)
    try:
        _prepare(engine, label, create)
        if path is not None:
            with engine.connect() as conn:
                # WAL: readers never block the writer, and a killed writer leaves committed batches intact
                conn.exec_driver_sql("PRAGMA journal_mode=WAL")
        ensure_indexes(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(f"{label}: {one_line(exc)}") from None
    except StoreError:
        engine.dispose()
        raise
    if read_only:
        _read_only(engine, path is not None)
        engine.dispose()  # pooled connections were opened before the listener
    return store


def ensure_indexes(engine: Engine) -> None:
    """Create the listing indexes (schema.SERVE_INDEXES) a corpus made by an older wirewatch lacks. A corpus
    that cannot be written (a read-only file, a read-only role) is left as it is: queries still work."""
    sqlite = engine.dialect.name == "sqlite"
    listing = ("SELECT name FROM sqlite_master WHERE type = 'index'" if sqlite else
               "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")
    try:
        with engine.connect() as conn:
            have = set(conn.exec_driver_sql(listing).scalars())
    except SQLAlchemyError:
        return
    for index in s.SERVE_INDEXES:
        if index.name in have:
            continue
        try:
            with engine.begin() as conn:
                conn.execute(CreateIndex(index, if_not_exists=True))
        except SQLAlchemyError:
            return


def _read_only(engine: Engine, sqlite: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        if sqlite:
            cur.execute("PRAGMA query_only=ON")
        else:
            cur.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            dbapi_conn.commit()
        cur.close()


def _prepare(engine: Engine, label: str, create: bool) -> None:
    with engine.begin() as conn:
        tables = set(inspect(conn).get_table_names())
        if s.meta.name in tables:
            version = conn.scalar(select(s.meta.c.value).where(s.meta.c.key == "schema_version"))
            if version not in (s.SCHEMA_VERSION, *s.UPGRADABLE_FROM):
                raise StoreError(f"{label}: corpus schema version {version!r}; this wirewatch reads "
                                 f"version {s.SCHEMA_VERSION}")
            missing = {t.name for t in s.ALL_TABLES} - tables
            if version == s.SCHEMA_VERSION:
                missing |= {t.name for t in s.LINK_TABLES} - tables
            if missing:
                raise StoreError(f"{label}: damaged corpus, missing table(s) {', '.join(sorted(missing))}")
            if version != s.SCHEMA_VERSION:
                _upgrade(conn, label, tables)
            _check_columns(conn, label)
            return
        if tables:
            raise StoreError(f"{label}: not a wirewatch corpus (it holds other tables: "
                             f"{', '.join(sorted(tables)[:5])})")
        if not create:
            raise StoreError(f"{label}: empty database, no corpus (run 'wirewatch ingest' first)")
        s.metadata.create_all(conn)
        conn.execute(s.meta.insert(), [{"key": "schema_version", "value": s.SCHEMA_VERSION}])


def _upgrade(conn: Connection, label: str, tables: set[str]) -> None:
    """Schema 1 -> 2 in place, in the caller's transaction: add the (empty) link tables; nothing else changes,
    so every stored article, document and row is kept, and a failure leaves version 1 as it was."""
    clash = sorted({t.name for t in s.LINK_TABLES} & tables)
    if clash:
        raise StoreError(f"{label}: cannot upgrade the corpus to schema {s.SCHEMA_VERSION}: it already holds "
                         f"table(s) {', '.join(clash)} that wirewatch did not make")
    s.metadata.create_all(conn, tables=list(s.LINK_TABLES))
    conn.execute(s.meta.update().where(s.meta.c.key == "schema_version").values(value=s.SCHEMA_VERSION))


def _check_columns(conn: Connection, label: str) -> None:
    """A table that lacks a column of ours was made by someone else (or damaged): refuse it before use."""
    inspector = inspect(conn)
    for table in (*s.ALL_TABLES, *s.LINK_TABLES):
        have = {c["name"] for c in inspector.get_columns(table.name)}
        lacking = [c.name for c in table.columns if c.name not in have]
        if lacking:
            raise StoreError(f"{label}: damaged or foreign table {table.name!r} (no column(s) "
                             f"{', '.join(lacking)})")
