"""The JSON API's routes (``/api/...``), datasette-like: a listing answers
``{"rows": [...], "next": token|null, "next_url": url|null, "filters": {...}}``, takes ``_size`` (default 100,
at most 1000) and ``_next`` (the token of the page before), and ``.csv`` / ``.geojson`` suffixes or
``_format=csv|geojson`` where they fit. See docs/serve.md."""

from __future__ import annotations

import hmac
import json
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from ..errors import InputError, WirewatchError
from . import params as P
from . import queries as Q
from .app import ServeState
from .render import JSONResponse, csv_response, feature, geojson_response

router = APIRouter(prefix="/api")

Size = Annotated[int, Query(alias="_size", ge=1, le=P.MAX_SIZE, description="Rows per page (1-1000).")]
Next = Annotated[str | None, Query(alias="_next", description="The `next` token of the previous page.")]
Format = Annotated[str | None, Query(alias="_format", description="json (default), csv or geojson.")]
Since = Annotated[str | None, Query(description="From this day (YYYY-MM-DD), inclusive.")]
Until = Annotated[str | None, Query(description="Up to this day (YYYY-MM-DD), inclusive.")]
Source = Annotated[str | None, Query(description="Outlet (substring, any case).")]
Many = Annotated[list[str] | None, Query()]
Text = Annotated[str | None, Query()]
Count = Annotated[int, Query(ge=0, le=1_000_000)]

MAX_INGEST_BYTES = 20_000_000
MAX_INGEST_ARTICLES = 100


def state_of(request: Request) -> ServeState:
    return request.app.state.wirewatch  # type: ignore[no-any-return]


def get(path: str, formats: tuple[str, ...] = ("json",), **kwargs: Any) -> Callable[[Any], Any]:
    """A GET route at ``path``, and at ``path.FORMAT`` for each format it offers."""

    def register(fn: Any) -> Any:
        router.add_api_route(path, fn, methods=["GET"], **kwargs)
        if len(formats) > 1 or path.endswith("}"):
            router.add_api_route(path + ".{fmt}", fn, methods=["GET"], include_in_schema=False)
        return fn

    return register


def listing(request: Request, rows: list[dict[str, Any]], size: int, filters: dict[str, Any], fmt: str,
            geo: Callable[[dict[str, Any]], tuple[Any, Any]] | None = None, name: str = "rows") -> Response:
    """One page: ``rows`` holds up to ``size + 1`` rows, each with its keyset ``_key``."""
    more = len(rows) > size
    rows = rows[:size]
    token = P.encode_key(rows[-1]["_key"]) if more and rows else None
    for r in rows:
        r.pop("_key", None)
    next_url = str(request.url.include_query_params(_next=token)) if token else None
    headers = {"Link": f'<{next_url}>; rel="next"'} if next_url else {}
    if fmt == "csv":
        return csv_response(rows, headers, filename=f"{name}.csv")
    if fmt == "geojson" and geo is not None:
        features = [feature(r, *geo(r)) for r in rows]
        return geojson_response(features, {"next": token, "next_url": next_url, "filters": filters}, headers)
    return JSONResponse({"rows": rows, "next": token, "next_url": next_url, "filters": filters}, headers=headers)


def choose_format(request: Request, query_fmt: str | None, allowed: tuple[str, ...]) -> str:
    return P.fmt(request.path_params.get("fmt"), query_fmt, allowed)


# -- filters shared by events, the timeline and the map --------------------------------------------------
def event_filters(type_: list[str] | None, actor: str | None, recipient: str | None, country: str | None,
                  place: str | None, source: str | None, since: str | None, until: str | None,
                  article: str | None, incident: str | None, stance: list[str] | None, aux: list[str] | None,
                  no_aux: str | None, negated: str | None, mode: str | None, bbox: str | None,
                  min_confidence: float | None) -> P.EventFilters:
    since, until = P.date_range(since, until)
    aux_list = P.aux_values(aux)
    if P.boolean(no_aux, "no_aux"):
        aux_list = ["none"]
    neg = P.boolean(negated, "negated")
    if neg is True:
        aux_list = ["negation"]
    elif neg is False and not aux_list:
        aux_list = ["none", "hypothetical", "future", "historical"]
    return P.EventFilters(
        types=P.event_types(type_), actor=P.text(actor, "actor"), recipient=P.text(recipient, "recipient"),
        country=P.code(country, "country"), place=P.text(place, "place"), source=P.text(source, "source"),
        since=since, until=until, article=P.text(article, "article", 64), incident=P.text(incident, "incident", 64),
        stance=P.stances(stance), aux=aux_list, mode=P.text(mode, "mode", 50), bbox=P.bbox(bbox),
        min_confidence=min_confidence)


EVENT_DOC = {
    "type": "PLOVER event type (repeatable, or comma-separated), e.g. ASSAULT.",
    "actor": "Actor name (substring, any case) or country code (e.g. RUS).",
    "recipient": "Recipient name or country code.",
    "country": "Country code (ISO alpha-3) of where it happened.",
    "place": "Place name (substring) or country code of where it happened.",
    "bbox": "minlon,minlat,maxlon,maxlat: events placed inside this box.",
}


@get("/events", formats=("json", "csv", "geojson"), summary="Events",
     description="Events newest first (by the event's day; undated ones last), with actor, recipient, place, "
                 "trigger and sentence offsets into the article. Filters as `wirewatch events`.")
def events(request: Request,
           type: Annotated[list[str] | None, Query(description=EVENT_DOC["type"])] = None,
           actor: Annotated[str | None, Query(description=EVENT_DOC["actor"])] = None,
           recipient: Annotated[str | None, Query(description=EVENT_DOC["recipient"])] = None,
           country: Annotated[str | None, Query(description=EVENT_DOC["country"])] = None,
           place: Annotated[str | None, Query(description=EVENT_DOC["place"])] = None,
           source: Source = None, since: Since = None, until: Until = None,
           article: Annotated[str | None, Query(description="Only this article (id or sha256).")] = None,
           incident: Annotated[str | None, Query(description="Only the members of this incident.")] = None,
           stance: Annotated[list[str] | None, Query(description="Stance of the claim reporting it.")] = None,
           aux: Annotated[list[str] | None, Query(
               description="negation, hypothetical, future, historical, or none (repeatable).")] = None,
           no_aux: Annotated[str | None, Query(description="true: only events that happened (aux none).")] = None,
           negated: Annotated[str | None, Query(description="true: only negated; false: no negated.")] = None,
           mode: Text = None,
           bbox: Annotated[str | None, Query(description=EVENT_DOC["bbox"])] = None,
           min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
           size: Size = P.DEFAULT_SIZE, next_: Next = None, format_: Format = None) -> Response:
    fmt = choose_format(request, format_, P.FORMATS)
    f = event_filters(type, actor, recipient, country, place, source, since, until, article, incident, stance,
                      aux, no_aux, negated, mode, bbox, min_confidence)
    after = P.decode_key(next_, (str, str, str))
    with state_of(request).store.engine.connect() as conn:
        rows = Q.events_page(conn, f, after, size + 1)
    return listing(request, rows, size, f.applied(), fmt, name="events",
                   geo=lambda r: (r["place"]["lat"], r["place"]["lon"]) if r["place"] else (None, None))


@get("/incidents", formats=("json", "csv", "geojson"), summary="Incidents",
     description="Incidents (one real-world event reported in one or more articles) newest first, each with "
                 "its member events, their articles and evidence offsets. Filters as `wirewatch incidents`.")
def incidents(request: Request,
              type: Annotated[list[str] | None, Query(description=EVENT_DOC["type"])] = None,
              actor: Annotated[str | None, Query(description=EVENT_DOC["actor"])] = None,
              recipient: Annotated[str | None, Query(description=EVENT_DOC["recipient"])] = None,
              place: Annotated[str | None, Query(description=EVENT_DOC["place"])] = None,
              country: Annotated[str | None, Query(description=EVENT_DOC["country"])] = None,
              since: Since = None, until: Until = None, source: Source = None,
              min_sources: Annotated[int, Query(ge=0, le=1_000_000,
                                                description="At least N independent outlets.")] = 0,
              min_articles: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
              id: Annotated[list[str] | None, Query(description="Only these incidents (repeatable).")] = None,
              bbox: Annotated[str | None, Query(description=EVENT_DOC["bbox"])] = None,
              size: Size = P.DEFAULT_SIZE, next_: Next = None, format_: Format = None) -> Response:
    fmt = choose_format(request, format_, P.FORMATS)
    f = incident_filters(type, actor, recipient, place, country, since, until, source, min_sources, min_articles,
                         id, bbox)
    after = P.decode_key(next_, (str, str))
    with state_of(request).store.engine.connect() as conn:
        rows = Q.incidents_page(conn, f, after, size + 1)
    if fmt == "csv":
        for r in rows:
            r["members"] = [{"article_id": m["article_id"], "event_id": m["event_id"]} for m in r["members"]]
    return listing(request, rows, size, f.applied(), fmt, name="incidents",
                   geo=lambda r: (r["place"]["lat"], r["place"]["lon"]) if r["place"] else (None, None))


def incident_filters(type_: list[str] | None, actor: str | None, recipient: str | None, place: str | None,
                     country: str | None, since: str | None, until: str | None, source: str | None,
                     min_sources: int, min_articles: int, ids: list[str] | None,
                     bbox: str | None) -> P.IncidentFilters:
    since, until = P.date_range(since, until)
    return P.IncidentFilters(types=P.event_types(type_), actor=P.text(actor, "actor"),
                             recipient=P.text(recipient, "recipient"), place=P.text(place, "place"),
                             country=P.code(country, "country"), since=since, until=until,
                             source=P.text(source, "source"), min_sources=min_sources, min_articles=min_articles,
                             ids=P.many(ids, "id"), bbox=P.bbox(bbox))


@get("/claims", formats=("json", "csv"), summary="Claims",
     description="Attributed claims newest first (by the article's publication day): speaker, chain of "
                 "intermediaries, stance, content and cue offsets, denials (disputed_by), the claim cluster "
                 "with its independent sources, and the claims elsewhere that corroborate or contradict it. "
                 "Filters as `wirewatch claims`.")
def claims(request: Request,
           speaker: Annotated[str | None, Query(description="Speaker words, entity name or country code.")] = None,
           stance: Annotated[list[str] | None, Query(
               description="asserts, denies, cannot_confirm, hedges (repeatable).")] = None,
           source: Source = None, since: Since = None, until: Until = None,
           q: Annotated[str | None, Query(description="Text the claim contains (substring).")] = None,
           corroborated: Annotated[int, Query(ge=0, le=1_000_000,
                                              description="At least N independent sources.")] = 0,
           contested: Annotated[str | None, Query(description="true: only contested claims.")] = None,
           cluster: Annotated[str | None, Query(description="Only this claim cluster.")] = None,
           article: Annotated[str | None, Query(description="Only this article (id or sha256).")] = None,
           kind: Annotated[str | None, Query(description="direct, indirect or according_to.")] = None,
           size: Size = P.DEFAULT_SIZE, next_: Next = None, format_: Format = None) -> Response:
    fmt = choose_format(request, format_, ("json", "csv"))
    f = claim_filters(speaker, stance, source, since, until, q, corroborated, contested, cluster, article, kind)
    after = P.decode_key(next_, (str, str, str))
    with state_of(request).store.engine.connect() as conn:
        rows = Q.claims_page(conn, f, after, size + 1)
    return listing(request, rows, size, f.applied(), fmt, name="claims")


def claim_filters(speaker: str | None, stance: list[str] | None, source: str | None, since: str | None,
                  until: str | None, q: str | None, corroborated: int, contested: str | None,
                  cluster: str | None, article: str | None, kind: str | None) -> P.ClaimFilters:
    since, until = P.date_range(since, until)
    kind = P.text(kind, "kind", 20)
    if kind and kind not in ("direct", "indirect", "according_to"):
        raise P.ApiError(f"kind: unknown kind {kind!r}; known: direct indirect according_to")
    return P.ClaimFilters(speaker=P.text(speaker, "speaker"), stance=P.stances(stance),
                          source=P.text(source, "source"), since=since, until=until, q=P.text(q, "q"),
                          corroborated=corroborated, contested=P.boolean(contested, "contested"),
                          cluster=P.text(cluster, "cluster", 64), article=P.text(article, "article", 64), kind=kind)


@get("/articles", formats=("json", "csv"), summary="Articles",
     description="Stored articles newest first, with counts of events and claims and their copy group "
                 "(wire copies and reprints share one).")
def articles(request: Request, source: Source = None, since: Since = None, until: Until = None,
             q: Annotated[str | None, Query(description="Title contains (substring, any case).")] = None,
             copies: Annotated[str | None, Query(
                 description="true: only articles with a copy elsewhere; false: only those without.")] = None,
             size: Size = P.DEFAULT_SIZE, next_: Next = None, format_: Format = None) -> Response:
    fmt = choose_format(request, format_, ("json", "csv"))
    since, until = P.date_range(since, until)
    source, q, copied = P.text(source, "source"), P.text(q, "q"), P.boolean(copies, "copies")
    after = P.decode_key(next_, (str, str))
    conds = Q.article_conditions(source, since, until, q, copied)
    with state_of(request).store.engine.connect() as conn:
        rows = Q.articles_page(conn, conds, after, size + 1)
    filters = {k: v for k, v in dict(source=source, since=since, until=until, q=q, copies=copied).items()
               if v is not None}
    return listing(request, rows, size, filters, fmt, name="articles")


@router.get("/articles/{article_id}", summary="One article",
            description="The stored document (contract JSON, `wirewatch.document/1`) with the article `text`, "
                        "its entities, places, attributions and events with character offsets, and `links`: "
                        "its copy group, the incidents of its events and the clusters of its claims.")
def article(request: Request, article_id: str) -> Response:
    if article_id.endswith(".json"):
        article_id = article_id[:-5]
    if not article_id or len(article_id) > 64:
        raise P.ApiError(f"no such article: {article_id[:64]!r}", 404)
    with state_of(request).store.engine.connect() as conn:
        doc = Q.article_detail(conn, article_id)
    if doc is None:
        raise P.ApiError(f"no such article: {article_id!r}", 404)
    return JSONResponse(doc)


@get("/entities", formats=("json", "csv"), summary="Entities",
     description="Entities (actors) per article, newest article first, each with its PLOVER code and first "
                 "mention. Filters as `wirewatch entities`.")
def entities(request: Request, name: Annotated[str | None, Query(description="Name (substring).")] = None,
             label: Annotated[list[str] | None, Query(description="PERSON, ORG, GPE, NORP, ... (repeatable).")]
             = None,
             country: Annotated[str | None, Query(description="Actor country code.")] = None,
             sector: Annotated[str | None, Query(description="PLOVER sector code (GOV, MIL, ...).")] = None,
             source: Source = None, since: Since = None, until: Until = None,
             article: Annotated[str | None, Query(description="Only this article (id or sha256).")] = None,
             size: Size = P.DEFAULT_SIZE, next_: Next = None, format_: Format = None) -> Response:
    fmt = choose_format(request, format_, ("json", "csv"))
    since, until = P.date_range(since, until)
    filters: dict[str, Any] = dict(name=P.text(name, "name"), labels=[x.upper() for x in P.many(label, "label")],
                                   country=P.code(country, "country"), sector=P.code(sector, "sector"),
                                   source=P.text(source, "source"), since=since, until=until,
                                   article=P.text(article, "article", 64))
    after = P.decode_key(next_, (str, str, str))
    with state_of(request).store.engine.connect() as conn:
        rows = Q.entities_page(conn, **filters, after=after, size=size + 1)
    shown = {("label" if k == "labels" else k): v for k, v in filters.items() if v not in (None, [])}
    return listing(request, rows, size, shown, fmt, name="entities")


@get("/places", formats=("json", "csv", "geojson"), summary="Places",
     description="Places named in the corpus with coordinates, country and how many articles and mentions "
                 "name them, most named first, each with an example mention (article id and offsets).")
def places(request: Request, country: Annotated[str | None, Query(description="Country code.")] = None,
           q: Annotated[str | None, Query(description="Name contains (substring).")] = None,
           source: Source = None, since: Since = None, until: Until = None,
           size: Size = P.DEFAULT_SIZE, next_: Next = None, format_: Format = None) -> Response:
    fmt = choose_format(request, format_, P.FORMATS)
    since, until = P.date_range(since, until)
    filters = {k: v for k, v in dict(country=P.code(country, "country"), q=P.text(q, "q"),
                                     source=P.text(source, "source"), since=since, until=until).items()
               if v is not None}
    after = P.decode_key(next_, (int, str, str, str))
    state = state_of(request)

    def compute() -> list[dict[str, Any]]:
        with state.store.engine.connect() as conn:
            return Q.places_all(conn, country=filters.get("country"), q=filters.get("q"),
                                source=filters.get("source"), since=since, until=until)

    everything = state.cache.get(("places", tuple(sorted(filters.items()))), compute)

    def key(g: dict[str, Any]) -> list[Any]:
        return [g["n_articles"], g["name"], g["country"] or "", g["id"]]

    def order(k: list[Any]) -> tuple[Any, ...]:
        return (-k[0], k[1], k[2], k[3])

    start = 0
    if after is not None:
        import bisect

        start = bisect.bisect_right([order(key(g)) for g in everything], order(after))
    rows = [{**g, "_key": key(g)} for g in everything[start:start + size + 1]]
    return listing(request, rows, size, filters, fmt, name="places", geo=lambda r: (r["lat"], r["lon"]))


@get("/timeline", summary="Timeline",
     description="Counts per day of events (filters as /api/events), incidents (filters as /api/incidents) "
                 "or claims (filters as /api/claims): `what=events|incidents|claims`.")
def timeline_route(request: Request,
                   what: Annotated[str, Query(description="events (default), incidents or claims.")] = "events",
                   type: Annotated[list[str] | None, Query(description=EVENT_DOC["type"])] = None,
                   actor: Text = None, recipient: Text = None, country: Text = None, place: Text = None,
                   source: Source = None, since: Since = None, until: Until = None, article: Text = None,
                   incident: Text = None, stance: Many = None, aux: Many = None, no_aux: Text = None,
                   negated: Text = None, mode: Text = None, bbox: Text = None,
                   min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
                   min_sources: Count = 0, min_articles: Count = 0, speaker: Text = None, q: Text = None,
                   corroborated: Count = 0, contested: Text = None, cluster: Text = None,
                   format_: Format = None) -> Response:
    fmt = choose_format(request, format_, ("json", "csv"))
    if what not in ("events", "incidents", "claims"):
        raise P.ApiError(f"what: {what!r}; use events, incidents or claims")
    state = state_of(request)
    filters: Any
    if what == "events":
        filters = event_filters(type, actor, recipient, country, place, source, since, until, article, incident,
                                stance, aux, no_aux, negated, mode, bbox, min_confidence)
    elif what == "incidents":
        filters = incident_filters(type, actor, recipient, place, country, since, until, source, min_sources,
                                   min_articles, None, bbox)
    else:
        filters = claim_filters(speaker, stance, source, since, until, q, corroborated, contested, cluster,
                                article, None)
    shown = {"what": what, **filters.applied()}

    def compute() -> list[dict[str, Any]]:
        with state.store.engine.connect() as conn:
            if what == "events":
                sha = Q.resolve_article(conn, filters.article) if filters.article else None
                conds = Q.event_conditions(filters, sha)
                if filters.types:
                    conds.append(Q.s.events.c.event_type.in_(filters.types))
            elif what == "incidents":
                conds = Q.incident_conditions(filters)
                if filters.types:
                    conds.append(Q.s.incidents.c.event_type.in_(filters.types))
            else:
                conds = Q.claim_conditions(conn, filters)
            return Q.timeline(conn, what, conds)

    rows = state.cache.get(("timeline", json.dumps(shown, sort_keys=True)), compute)
    if fmt == "csv":
        return csv_response(rows, filename="timeline.csv")
    return JSONResponse({"rows": rows, "next": None, "next_url": None, "filters": shown})


@get("/facets", summary="Facets",
     description="Counts of event types, countries (where events happened), sources (articles), claim "
                 "stances and auxiliary modes, most frequent first: for filter menus.")
def facets_route(request: Request) -> Response:
    state = state_of(request)

    def compute() -> dict[str, Any]:
        with state.store.engine.connect() as conn:
            return Q.facets(conn)

    return JSONResponse({"facets": state.cache.get(("facets",), compute)})


# -- writing -----------------------------------------------------------------------------------------------
def check_token(request: Request, state: ServeState) -> None:
    if not state.token:
        raise P.ApiError("writes are disabled: no serve_token is configured ($WIREWATCH_SERVE_TOKEN)", 403)
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), state.token.encode()):
        raise P.ApiError("a valid 'Authorization: Bearer <token>' header is needed", 401)


def parse_articles(body: Any) -> list[Any]:
    from ..ingest.jsonl import parse_record

    records = body.get("articles") if isinstance(body, dict) and "articles" in body else body
    if isinstance(records, dict):
        records = [records]
    if not isinstance(records, list) or not records:
        raise P.ApiError("expected an article object, a list of them, or {\"articles\": [...]}")
    if len(records) > MAX_INGEST_ARTICLES:
        raise P.ApiError(f"at most {MAX_INGEST_ARTICLES} articles per request")
    out = []
    for n, record in enumerate(records):
        try:
            out.append(parse_record(record, f"request article {n}"))
        except InputError as exc:
            raise P.ApiError(f"article {n}: {exc}") from None
    return out


def run_ingest(state: ServeState, items: list[Any]) -> dict[str, Any]:
    from ..pipeline import Pipeline
    from ..store import open_store

    with state.write_lock:
        if state.pipeline is None:
            state.pipeline = Pipeline(state.settings)
        max_chars = state.settings.max_chars
        for n, art in enumerate(items):
            if len(art.text) > max_chars:
                raise P.ApiError(f"article {n}: longer than {max_chars} characters")
        with open_store(state.db, create=False) as store:
            known = store.known(a.sha256 for a in items)
            pairs, skipped, seen = [], [], set(known)
            results: list[dict[str, Any]] = []
            for art in items:
                if art.sha256 in seen:
                    results.append({"sha256": art.sha256, "stored": False, "reason": "already stored"})
                    continue
                seen.add(art.sha256)
                try:
                    doc = state.pipeline(art)
                except WirewatchError as exc:
                    skipped.append({"sha256": art.sha256, "reason": str(exc)})
                    continue
                pairs.append((art, doc))
                results.append({"sha256": art.sha256, "id": doc.article.id, "title": doc.article.title,
                                "stored": True, "events": len(doc.events), "claims": len(doc.attributions)})
            stored = store.add_many(pairs) if pairs else 0
            linked = False
            if stored and state.settings.link_on_ingest:
                from ..link import link

                link(store, state.settings)
                linked = True
        state.cache.clear()
    return {"stored": stored, "already": len(items) - len(pairs) - len(skipped), "skipped": skipped,
            "linked": linked, "articles": results}


@router.post("/ingest", summary="Ingest articles (needs the token)", status_code=201,
             description="Analyse, store and link one or more articles: a JSON object "
                         "`{text, title, source, published, url}`, a list of them, or `{\"articles\": [...]}` "
                         f"(at most {MAX_INGEST_ARTICLES}). Needs `Authorization: Bearer <serve_token>`; "
                         "403 when no token is configured, 401 when it is wrong.",
             openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": {
                 "oneOf": [{"type": "object"}, {"type": "array", "items": {"type": "object"}}]}}}}})
async def ingest(request: Request) -> Response:
    state = state_of(request)
    check_token(request, state)
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > MAX_INGEST_BYTES):
        raise P.ApiError(f"request body larger than {MAX_INGEST_BYTES} bytes", 413)
    raw = await request.body()
    if len(raw) > MAX_INGEST_BYTES:
        raise P.ApiError(f"request body larger than {MAX_INGEST_BYTES} bytes", 413)
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise P.ApiError("the request body is not JSON") from None
    items = parse_articles(body)
    result = await run_in_threadpool(run_ingest, state, items)
    return JSONResponse(result, status_code=201)
