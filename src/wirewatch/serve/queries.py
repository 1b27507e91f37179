"""The API's queries: keyset pages over the corpus tables, newest first.

Every listing orders by a day that is never NULL and then by primary key (schema.SERVE_INDEXES holds the
indexes for it), and a page after the first starts strictly after the last row of the one before: no
OFFSET, so page 10,000 costs what page 1 does, and rows stored meanwhile shift nothing.
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, literal_column, or_, select, tuple_
from sqlalchemy.engine import Connection

from ..store import schema as s
from .params import ClaimFilters, EventFilters, IncidentFilters

POSITIVE = ("asserts", "hedges")  # stances that confirm a claim; denies and cannot_confirm dispute it
MEMBER_CAP = 50  # corroborating / contradicting claims listed per claim


def like(column: Any, needle: str) -> ColumnElement[bool]:
    return func.lower(column).contains(needle.lower(), autoescape=True)


def split(value: str | None, sep: str = "; ") -> list[str]:
    return [v for v in (value or "").split(sep) if v]


def span(start: int | None, end: int | None, text: str | None) -> dict[str, Any] | None:
    if start is None or end is None:
        return None
    return {"text": text, "start": start, "end": end}


def resolve_article(conn: Connection, article_id: str) -> str | None:
    """The sha256 of an article given its id or its sha256."""
    a = s.articles.c
    return conn.scalar(select(a.sha256).where(or_(a.id == article_id, a.sha256 == article_id)).limit(1))


def _bbox(lat: Any, lon: Any, box: tuple[float, float, float, float]) -> ColumnElement[bool]:
    minlon, minlat, maxlon, maxlat = box
    lon_ok = lon.between(minlon, maxlon) if minlon <= maxlon else or_(lon >= minlon, lon <= maxlon)
    return and_(lat.between(minlat, maxlat), lon_ok)


def _after(key: Sequence[Any], after: list[Any] | None) -> list[ColumnElement[bool]]:
    return [tuple_(*key) < tuple_(*after)] if after else []


# -- events ----------------------------------------------------------------------------------------------
def event_conditions(f: EventFilters, sha: str | None) -> list[ColumnElement[bool]]:
    e, a, ie = s.events.c, s.articles.c, s.incident_events.c
    day = s.EVENT_DAY
    conds: list[ColumnElement[bool]] = []
    for role, who in (("actor", f.actor), ("recipient", f.recipient)):
        if who:
            ea = s.event_actors.c
            conds.append(exists().where(ea.article == e.article, ea.event == e.id, ea.role == role,
                                        or_(like(ea.name, who), ea.country == who.upper())))
    if f.country:
        conds.append(e.place_country == f.country)
    if f.place:
        conds.append(or_(like(e.place_name, f.place), e.place_country == f.place.upper()))
    if f.source:
        conds.append(exists().where(a.sha256 == e.article, like(a.source, f.source)))
    if f.since:
        conds.append(day >= f.since)
    if f.until:
        conds.append(day <= f.until)
        conds.append(day > s.EMPTY)  # undated events have no day to compare
    if f.article:
        conds.append(e.article == (sha or ""))
    if f.incident:
        conds.append(exists().where(ie.article == e.article, ie.event == e.id, ie.incident == f.incident))
    if f.stance:
        conds.append(e.stance.in_(f.stance))
    if f.aux:
        named = [x for x in f.aux if x != "none"]
        parts = [e.aux.in_(named)] if named else []
        if "none" in f.aux:
            parts.append(e.aux.is_(None))
        conds.append(or_(*parts))
    if f.mode:
        conds.append(e.mode == f.mode)
    if f.bbox:
        conds.append(_bbox(e.lat, e.lon, f.bbox))
    if f.min_confidence is not None:
        conds.append(e.confidence >= f.min_confidence)
    return conds


def events_page(conn: Connection, f: EventFilters, after: list[Any] | None, size: int) -> list[dict[str, Any]]:
    """Up to ``size`` events after the keyset position ``after`` ([day, article sha256, event id])."""
    sha = resolve_article(conn, f.article) if f.article else None
    if f.article and sha is None:
        return []
    e, a, p, ie = s.events.c, s.articles.c, s.places.c, s.incident_events.c
    day = s.EVENT_DAY
    key = (day, e.article, e.id)
    base = event_conditions(f, sha) + _after(key, after)

    def build(types: list[str]) -> Select[Any]:
        conds = base + ([e.event_type.in_(types)] if types else [])
        # the page is chosen from events alone (so the planner walks the listing index), then joined
        keys = (select(e.article.label("k_article"), e.id.label("k_id"), day.label("k_day"))
                .where(and_(*conds) if conds else literal_column("1") == 1)
                .order_by(day.desc(), e.article.desc(), e.id.desc()).limit(size).subquery())
        return (select(keys.c.k_day.label("day"), a.id.label("article_id"), e.article.label("sha256"),
                       e.id, e.event_type, e.mode, e.cameo, e.aux, e.confidence, e.date, e.date_precision,
                       e.date_text, e.context, e.place, e.place_name, e.place_country, e.lat, e.lon,
                       p.span_start.label("place_start"), p.span_end.label("place_end"),
                       p.span_text.label("place_text"), e.attribution, e.stance, e.speaker, e.actors,
                       e.recipients, e.trigger_start, e.trigger_end, e.trigger_text, e.span_start, e.span_end,
                       e.span_text, a.source, a.published, a.title, a.url, ie.incident.label("incident_id"))
                .select_from(keys.join(s.events, and_(e.article == keys.c.k_article, e.id == keys.c.k_id))
                             .join(s.articles, a.sha256 == e.article)
                             .outerjoin(s.places, and_(p.article == e.article, p.id == e.place))
                             .outerjoin(s.incident_events, and_(ie.article == e.article, ie.event == e.id)))
                .order_by(keys.c.k_day.desc(), keys.c.k_article.desc(), keys.c.k_id.desc()))

    rows = _merge(conn, build, f.types, size, lambda r: (r["day"], r["sha256"], r["id"]))
    if not rows:
        return rows
    actors = _event_actors(conn, rows)
    return [_event_row(r, actors.get((r["sha256"], r["id"]), {})) for r in rows]


def _event_actors(conn: Connection, rows: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, list[Any]]]:
    ea, en = s.event_actors.c, s.entities.c
    wanted = {(r["sha256"], r["id"]) for r in rows}
    stmt = (select(ea.article, ea.event, ea.role, ea.entity, ea.name, ea.country, ea.sector, en.label,
                   en.span_start, en.span_end, en.span_text)
            .select_from(s.event_actors.outerjoin(s.entities, and_(en.article == ea.article, en.id == ea.entity)))
            .where(ea.article.in_(sorted({sha for sha, _ in wanted})), ea.event.in_(sorted({v for _, v in wanted}))))
    out: dict[tuple[str, str], dict[str, list[Any]]] = {}
    for r in conn.execute(stmt).mappings():
        k = (r["article"], r["event"])
        if k in wanted:
            out.setdefault(k, {}).setdefault(r["role"], []).append(dict(r))
    return out


def _actor(r: dict[str, Any]) -> dict[str, Any]:
    country, sector = r["country"], r["sector"]
    return {"name": r["name"], "entity": r["entity"], "label": r["label"],
            "code": (country or "") + (sector or "") or None, "country": country, "sector": sector,
            "text": r["span_text"], "start": r["span_start"], "end": r["span_end"]}


def _ordered(found: list[dict[str, Any]], names: str | None) -> list[dict[str, Any]]:
    order = split(names)
    return sorted(found, key=lambda x: (order.index(x["name"]) if x["name"] in order else len(order), x["entity"]))


def _event_row(r: dict[str, Any], roles: dict[str, list[Any]]) -> dict[str, Any]:
    actors = [_actor(x) for x in _ordered(roles.get("actor", []), r["actors"])]
    recipients = [_actor(x) for x in _ordered(roles.get("recipient", []), r["recipients"])]
    place = None
    if r["place"]:
        place = {"id": r["place"], "name": r["place_name"], "country": r["place_country"], "lat": r["lat"],
                 "lon": r["lon"], "text": r["place_text"], "start": r["place_start"], "end": r["place_end"]}
    date_value = r["date"] or r["published"]
    return {
        "id": f"{r['article_id']}:{r['id']}", "article_id": r["article_id"], "event_id": r["id"],
        "event_type": r["event_type"], "cameo": r["cameo"], "mode": r["mode"], "context": split(r["context"], ","),
        "actor": actors[0] if actors else None, "recipient": recipients[0] if recipients else None,
        "actors": actors, "recipients": recipients, "place": place,
        "date": date_value, "date_precision": r["date_precision"] if r["date"] else ("day" if date_value else None),
        "date_text": r["date_text"], "date_basis": "event" if r["date"] else ("published" if date_value else None),
        "trigger": span(r["trigger_start"], r["trigger_end"], r["trigger_text"]),
        "sentence": span(r["span_start"], r["span_end"], r["span_text"]),
        "aux": r["aux"], "negated": r["aux"] == "negation", "confidence": r["confidence"],
        "attribution": r["attribution"], "stance": r["stance"], "speaker": r["speaker"],
        "source": r["source"], "published": r["published"], "title": r["title"], "url": r["url"],
        "incident_id": r["incident_id"],
        "_key": [r["day"], r["sha256"], r["id"]],
    }


# -- incidents -------------------------------------------------------------------------------------------
def incident_conditions(f: IncidentFilters) -> list[ColumnElement[bool]]:
    i, ie, ea, a = s.incidents.c, s.incident_events.c, s.event_actors.c, s.articles.c
    day = s.INCIDENT_DAY
    conds: list[ColumnElement[bool]] = []
    if f.ids:
        conds.append(i.id.in_(f.ids))
    for role, who in (("actor", f.actor), ("recipient", f.recipient)):
        if who:
            conds.append(exists().where(ie.incident == i.id, ea.article == ie.article, ea.event == ie.event,
                                        ea.role == role, or_(like(ea.name, who), ea.country == who.upper())))
    if f.place:
        conds.append(or_(like(i.place_name, f.place), i.place_country == f.place.upper()))
    if f.country:
        conds.append(i.place_country == f.country)
    if f.since:
        conds.append(day >= f.since)
    if f.until:
        conds.append(day <= f.until)
    if f.source:
        conds.append(exists().where(ie.incident == i.id, a.sha256 == ie.article, like(a.source, f.source)))
    if f.min_sources:
        conds.append(i.sources >= f.min_sources)
    if f.min_articles:
        conds.append(i.articles >= f.min_articles)
    if f.bbox:
        conds.append(_bbox(i.lat, i.lon, f.bbox))
    return conds


def incidents_page(conn: Connection, f: IncidentFilters, after: list[Any] | None,
                   size: int) -> list[dict[str, Any]]:
    i = s.incidents.c
    day = s.INCIDENT_DAY
    base = incident_conditions(f) + _after((day, i.id), after)

    def build(types: list[str]) -> Select[Any]:
        conds = base + ([i.event_type.in_(types)] if types else [])
        stmt = select(day.label("day"), i.id, i.event_type, i.date, i.date_min, i.date_max, i.place_name,
                      i.place_country, i.lat, i.lon, i.place_rank, i.actors, i.recipients, i.events, i.articles,
                      i.sources, i.first_published)
        if conds:
            stmt = stmt.where(and_(*conds))
        return stmt.order_by(day.desc(), i.id.desc())

    heads = _merge(conn, build, f.types, size, lambda r: (r["day"], r["id"]))
    if not heads:
        return heads
    members: dict[str, list[dict[str, Any]]] = {}
    ie, e, a = s.incident_events.c, s.events.c, s.articles.c
    stmt = (select(ie.incident, a.id.label("article_id"), a.source, a.published, a.title, e.id.label("event_id"),
                   e.event_type, e.aux, e.actors, e.recipients, e.place_name, e.date, ie.source_key,
                   e.trigger_start, e.trigger_end, e.trigger_text, e.span_start, e.span_end, e.span_text)
            .select_from(s.incident_events.join(s.events, and_(e.article == ie.article, e.id == ie.event))
                         .join(s.articles, a.sha256 == ie.article))
            .where(ie.incident.in_([h["id"] for h in heads]))
            .order_by(ie.incident, s.ARTICLE_DAY, a.sha256, e.trigger_start))
    for m in conn.execute(stmt).mappings():
        members.setdefault(m["incident"], []).append({
            "article_id": m["article_id"], "event_id": m["event_id"], "source": m["source"],
            "published": m["published"], "title": m["title"], "event_type": m["event_type"], "aux": m["aux"],
            "actors": split(m["actors"]), "recipients": split(m["recipients"]), "place_name": m["place_name"],
            "date": m["date"], "outlet": m["source_key"],
            "trigger": span(m["trigger_start"], m["trigger_end"], m["trigger_text"]),
            "sentence": span(m["span_start"], m["span_end"], m["span_text"])})
    out = []
    for h in heads:
        place = None
        if h["place_name"] or h["lat"] is not None:
            place = {"name": h["place_name"], "country": h["place_country"], "lat": h["lat"], "lon": h["lon"],
                     "rank": h["place_rank"]}
        out.append({
            "id": h["id"], "event_type": h["event_type"], "date": h["date"] or h["date_min"],
            "date_min": h["date_min"], "date_max": h["date_max"], "place": place,
            "actors": split(h["actors"]), "recipients": split(h["recipients"]), "n_events": h["events"],
            "n_articles": h["articles"], "n_sources": h["sources"], "first_published": h["first_published"],
            "members": members.get(h["id"], []), "_key": [h["day"], h["id"]]})
    return out


def _merge(conn: Connection, build: Any, values: list[str], size: int, key: Any) -> list[dict[str, Any]]:
    if len(values) <= 1:
        return [dict(r) for r in conn.execute(build(values).limit(size)).mappings()]
    pages = [[dict(r) for r in conn.execute(build([v]).limit(size)).mappings()] for v in values]
    return list(heapq.merge(*pages, key=key, reverse=True))[:size]


# -- articles --------------------------------------------------------------------------------------------
def article_conditions(source: str | None, since: str | None, until: str | None, q: str | None,
                       copies: bool | None) -> list[ColumnElement[bool]]:
    a, la = s.articles.c, s.link_articles.c
    day = s.ARTICLE_DAY
    conds: list[ColumnElement[bool]] = []
    if source:
        conds.append(like(a.source, source))
    if since:
        conds.append(day >= since)
    if until:
        conds.append(and_(day <= until, day > s.EMPTY))
    if q:
        conds.append(like(a.title, q))
    if copies is not None:
        other = s.link_articles.alias("other")
        grouped = exists().where(la.article == a.sha256, other.c.copy_group == la.copy_group,
                                 other.c.article != a.sha256)
        conds.append(grouped if copies else ~grouped)
    return conds


def articles_page(conn: Connection, conds: list[ColumnElement[bool]], after: list[Any] | None,
                  size: int) -> list[dict[str, Any]]:
    a, la, e, t = s.articles.c, s.link_articles.c, s.events.c, s.attributions.c
    day = s.ARTICLE_DAY
    conds = conds + _after((day, a.sha256), after)
    other = s.link_articles.alias("other")
    first = s.articles.alias("first")
    size_q = (select(func.count()).select_from(other).where(other.c.copy_group == la.copy_group)
              .correlate(s.link_articles).scalar_subquery())
    group_id = select(first.c.id).where(first.c.sha256 == la.copy_group).correlate(s.link_articles).scalar_subquery()
    n_events = select(func.count()).select_from(s.events).where(e.article == a.sha256).correlate(s.articles)
    n_claims = select(func.count()).select_from(s.attributions).where(t.article == a.sha256).correlate(s.articles)
    stmt = (select(day.label("day"), a.id, a.sha256, a.title, a.source, a.published, a.url, a.chars,
                   n_events.scalar_subquery().label("n_events"), n_claims.scalar_subquery().label("n_claims"),
                   group_id.label("copy_group"), size_q.label("copies"), la.jaccard)
            .select_from(s.articles.outerjoin(s.link_articles, la.article == a.sha256)))
    if conds:
        stmt = stmt.where(and_(*conds))
    stmt = stmt.order_by(day.desc(), a.sha256.desc()).limit(size)
    out = []
    for r in conn.execute(stmt).mappings():
        row = dict(r)
        d = row.pop("day")
        row["article_id"] = row["id"]
        row["duplicate"] = bool(row["copy_group"] and row["copy_group"] != row["id"])
        row["_key"] = [d, row["sha256"]]
        out.append(row)
    return out


def article_detail(conn: Connection, article_id: str) -> dict[str, Any] | None:
    a, la = s.articles.c, s.link_articles.c
    row = conn.execute(select(a.sha256, a.id, a.title, a.source, a.published, a.url, a.chars, a.text, a.document)
                       .where(or_(a.id == article_id, a.sha256 == article_id)).limit(1)).mappings().first()
    if row is None:
        return None
    doc = json.loads(row["document"])
    sha = row["sha256"]
    group = conn.scalar(select(la.copy_group).where(la.article == sha))
    copies: list[dict[str, Any]] = []
    if group is not None:
        stmt = (select(a.id, a.source, a.published, a.title, la.jaccard)
                .select_from(s.link_articles.join(s.articles, a.sha256 == la.article))
                .where(la.copy_group == group, la.article != sha).order_by(la.seq))
        copies = [dict(r) for r in conn.execute(stmt).mappings()]
    ie, cm, cc = s.incident_events.c, s.claim_members.c, s.claim_clusters.c
    incidents = {r.event: r.incident for r in conn.execute(select(ie.event, ie.incident).where(ie.article == sha))}
    clusters = {r.attribution: {"cluster_id": r.cluster, "independent_sources": r.independent_sources,
                                "contested": bool(r.contested)}
                for r in conn.execute(select(cm.attribution, cm.cluster, cc.independent_sources, cc.contested)
                                      .join(s.claim_clusters, cc.id == cm.cluster).where(cm.article == sha))}
    for ev in doc.get("events", []):
        ev["incident_id"] = incidents.get(ev.get("id"))
    for at in doc.get("attributions", []):
        at.update(clusters.get(at.get("id"), {"cluster_id": None, "independent_sources": None, "contested": None}))
    group_id = conn.scalar(select(a.id).where(a.sha256 == group)) if group is not None else None
    doc["article"] = {**doc.get("article", {}), "url": row["url"]}
    doc["text"] = row["text"]
    doc["links"] = {"copy_group": group_id, "duplicate": bool(group_id and group_id != row["id"]),
                    "copies": copies, "incidents": sorted(set(incidents.values())),
                    "claim_clusters": sorted({c["cluster_id"] for c in clusters.values()})}
    return doc


# -- claims ----------------------------------------------------------------------------------------------
def claim_conditions(conn: Connection, f: ClaimFilters) -> list[ColumnElement[bool]]:
    t, a, cm, cc = s.attributions.c, s.articles.c, s.claim_members.c, s.claim_clusters.c
    day = s.ARTICLE_DAY
    conds: list[ColumnElement[bool]] = []
    if f.article:
        conds.append(t.article == (resolve_article(conn, f.article) or ""))
    if f.corroborated:
        conds.append(cc.independent_sources >= f.corroborated)
    if f.contested is not None:
        conds.append(cc.contested.is_(f.contested))
    if f.cluster:
        conds.append(cm.cluster == f.cluster)
    if f.speaker:
        conds.append(or_(like(t.speaker, f.speaker), like(t.speaker_name, f.speaker),
                         t.speaker_country == f.speaker.upper()))
    if f.stance:
        conds.append(t.stance.in_(f.stance))
    if f.kind:
        conds.append(t.kind == f.kind)
    if f.source:
        conds.append(like(a.source, f.source))
    if f.since:
        conds.append(day >= f.since)
    if f.until:
        conds.append(and_(day <= f.until, day > s.EMPTY))
    if f.q:
        conds.append(like(t.span_text, f.q))
    return conds


def claims_page(conn: Connection, f: ClaimFilters, after: list[Any] | None, size: int) -> list[dict[str, Any]]:
    t, a, cm, cc = s.attributions.c, s.articles.c, s.claim_members.c, s.claim_clusters.c
    day = s.ARTICLE_DAY
    conds = claim_conditions(conn, f)
    if after:
        # (day, sha256) bounds the walk of the articles index; the attribution id breaks the tie
        d, sha, cid = after
        conds.append(tuple_(day, a.sha256) <= tuple_(d, sha))
        conds.append(or_(tuple_(day, a.sha256) < tuple_(d, sha), t.id < cid))
    stmt = (select(day.label("day"), a.id.label("article_id"), a.sha256, a.source, a.published, a.title, a.url,
                   t.id, t.kind, t.stance, t.speaker, t.speaker_entity, t.speaker_name, t.speaker_country,
                   t.speaker_sector, t.anonymous, t.via, t.cue, t.cue_lemma, t.disputed_by, t.span_start,
                   t.span_end, t.span_text, cm.cluster.label("cluster_id"), cm.origin, cc.independent_sources,
                   cc.disputing_sources, cc.contested, cc.articles.label("cluster_articles"))
            .select_from(s.articles.join(s.attributions, t.article == a.sha256)
                         .outerjoin(s.claim_members, and_(cm.article == t.article, cm.attribution == t.id))
                         .outerjoin(s.claim_clusters, cc.id == cm.cluster)))
    if conds:
        stmt = stmt.where(and_(*conds))
    stmt = stmt.order_by(day.desc(), a.sha256.desc(), t.id.desc()).limit(size)
    rows = [dict(r) for r in conn.execute(stmt).mappings()]
    if not rows:
        return rows
    docs = {r.sha256: json.loads(r.document) for r in conn.execute(
        select(a.sha256, a.document).where(a.sha256.in_(sorted({r["sha256"] for r in rows}))))}
    members = _cluster_members(conn, sorted({r["cluster_id"] for r in rows if r["cluster_id"]}))
    return [_claim_row(r, docs.get(r["sha256"], {}), members.get(r["cluster_id"], [])) for r in rows]


def _cluster_members(conn: Connection, clusters: list[str]) -> dict[str, list[dict[str, Any]]]:
    if not clusters:
        return {}
    cm, t, a = s.claim_members.c, s.attributions.c, s.articles.c
    stmt = (select(cm.cluster, cm.article, cm.attribution, cm.stance, cm.origin, a.id.label("article_id"),
                   a.source, a.published, t.speaker, t.speaker_name)
            .select_from(s.claim_members.join(s.articles, a.sha256 == cm.article)
                         .join(s.attributions, and_(t.article == cm.article, t.id == cm.attribution)))
            .where(cm.cluster.in_(clusters)).order_by(cm.cluster, s.ARTICLE_DAY, cm.article, cm.attribution))
    out: dict[str, list[dict[str, Any]]] = {}
    for r in conn.execute(stmt).mappings():
        out.setdefault(r["cluster"], []).append(dict(r))
    return out


def _mention(entity: dict[str, Any] | None, near: int | None) -> dict[str, Any]:
    """An entity and the mention of it nearest before ``near`` (else its first)."""
    if not entity:
        return {}
    mentions = sorted(entity.get("mentions", []), key=lambda m: m["start"])
    pick = mentions[0] if mentions else None
    if near is not None:
        before = [m for m in mentions if m["start"] <= near]
        if before:
            pick = before[-1]
    actor = entity.get("actor") or {}
    out = {"entity": entity.get("id"), "name": entity.get("name"), "label": entity.get("label"),
           "country": actor.get("country"), "sector": actor.get("sector")}
    if pick:
        out.update(text=pick["text"], start=pick["start"], end=pick["end"])
    return out


def _claim_row(r: dict[str, Any], doc: dict[str, Any], members: list[dict[str, Any]]) -> dict[str, Any]:
    ents = {e["id"]: e for e in doc.get("entities", [])}
    att = next((x for x in doc.get("attributions", []) if x.get("id") == r["id"]), {})
    sp = att.get("speaker") or {}
    speaker = {"text": sp.get("text", r["speaker"]), "start": sp.get("start"), "end": sp.get("end"),
               "entity": sp.get("entity"), "name": r["speaker_name"], "anonymous": bool(r["anonymous"]),
               "country": r["speaker_country"], "sector": r["speaker_sector"],
               "code": ((r["speaker_country"] or "") + (r["speaker_sector"] or "")) or None}
    chain = []
    for v in att.get("via", []):
        link = _mention(ents.get(v), r["span_start"]) if v in ents else {"name": v}
        chain.append(link)
    names = [c.get("name") or c.get("text") for c in chain]
    cue = att.get("cue")
    mine = r["stance"] in POSITIVE
    corroborating, contradicting = [], []
    for m in members:
        if m["article"] == r["sha256"] and m["attribution"] == r["id"]:
            continue
        item = {"article_id": m["article_id"], "claim_id": m["attribution"], "source": m["source"],
                "published": m["published"], "speaker": m["speaker_name"] or m["speaker"], "stance": m["stance"],
                "origin": m["origin"]}
        (corroborating if (m["stance"] in POSITIVE) == mine else contradicting).append(item)
    return {
        "id": f"{r['article_id']}:{r['id']}", "article_id": r["article_id"], "claim_id": r["id"],
        "kind": r["kind"], "stance": r["stance"], "speaker": speaker, "chain": chain,
        "chain_text": " \u2190 ".join([*(n for n in names if n), speaker["text"] or "?"]),
        "content": span(r["span_start"], r["span_end"], r["span_text"]),
        "cue": {"text": cue["text"], "start": cue["start"], "end": cue["end"], "lemma": cue.get("lemma")}
        if cue else None,
        "disputed_by": split(r["disputed_by"], ","), "cluster_id": r["cluster_id"], "origin": r["origin"],
        "independent_sources": r["independent_sources"], "disputing_sources": r["disputing_sources"],
        "contested": None if r["contested"] is None else bool(r["contested"]),
        "corroborating": corroborating[:MEMBER_CAP], "contradicting": contradicting[:MEMBER_CAP],
        "source": r["source"], "published": r["published"], "title": r["title"], "url": r["url"],
        "_key": [r["day"], r["sha256"], r["id"]],
    }


# -- entities --------------------------------------------------------------------------------------------
def entities_page(conn: Connection, *, name: str | None, labels: list[str], country: str | None,
                  sector: str | None, source: str | None, since: str | None, until: str | None,
                  article: str | None, after: list[Any] | None, size: int) -> list[dict[str, Any]]:
    t, a = s.entities.c, s.articles.c
    day = s.ARTICLE_DAY
    conds: list[ColumnElement[bool]] = []
    if article:
        sha = resolve_article(conn, article)
        if sha is None:
            return []
        conds.append(t.article == sha)
    if name:
        conds.append(like(t.name, name))
    if labels:
        conds.append(t.label.in_(labels))
    if country:
        conds.append(t.country == country)
    if sector:
        conds.append(t.sector == sector)
    if source:
        conds.append(like(a.source, source))
    if since:
        conds.append(day >= since)
    if until:
        conds.append(and_(day <= until, day > s.EMPTY))
    if after:
        d, sha_, eid = after
        conds.append(tuple_(day, a.sha256) <= tuple_(d, sha_))
        conds.append(or_(tuple_(day, a.sha256) < tuple_(d, sha_), t.id < eid))
    stmt = (select(day.label("day"), a.id.label("article_id"), a.sha256, a.source, a.published, t.id, t.name,
                   t.label, t.country, t.sector, t.other_sectors, t.mentions, t.span_start, t.span_end, t.span_text)
            .select_from(s.articles.join(s.entities, t.article == a.sha256)))
    if conds:
        stmt = stmt.where(and_(*conds))
    stmt = stmt.order_by(day.desc(), a.sha256.desc(), t.id.desc()).limit(size)
    out = []
    for r in conn.execute(stmt).mappings():
        out.append({"id": f"{r['article_id']}:{r['id']}", "article_id": r["article_id"], "entity_id": r["id"],
                    "name": r["name"], "label": r["label"], "country": r["country"], "sector": r["sector"],
                    "code": ((r["country"] or "") + (r["sector"] or "")) or None,
                    "other_sectors": split(r["other_sectors"], ","), "mentions": r["mentions"],
                    "first_mention": span(r["span_start"], r["span_end"], r["span_text"]),
                    "source": r["source"], "published": r["published"], "_key": [r["day"], r["sha256"], r["id"]]})
    return out


# -- places (aggregated; the caller caches the result) ---------------------------------------------------
def places_all(conn: Connection, *, country: str | None, q: str | None, source: str | None,
               since: str | None, until: str | None) -> list[dict[str, Any]]:
    """Every distinct place with the articles and mentions naming it, most named first, each with one
    example mention (article id and offsets)."""
    p, a = s.places.c, s.articles.c
    day = s.ARTICLE_DAY
    conds: list[ColumnElement[bool]] = []
    if country:
        conds.append(p.country == country)
    if q:
        conds.append(like(p.name, q))
    if source:
        conds.append(like(a.source, source))
    if since:
        conds.append(day >= since)
    if until:
        conds.append(and_(day <= until, day > s.EMPTY))
    stmt = (select(p.name, p.geonameid, p.country, p.admin1, p.feature, p.lat, p.lon, p.mentions, p.span_start,
                   p.span_end, p.span_text, a.id.label("article_id"), day.label("day"))
            .select_from(s.places.join(s.articles, a.sha256 == p.article)))
    if conds:
        stmt = stmt.where(and_(*conds))
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    for r in conn.execute(stmt):
        k = (r.geonameid, r.name, r.country, r.lat, r.lon)
        g = groups.get(k)
        if g is None:
            g = groups[k] = {"name": r.name, "geonameid": r.geonameid, "country": r.country, "admin1": r.admin1,
                             "feature": r.feature, "lat": r.lat, "lon": r.lon, "n_articles": 0, "n_mentions": 0,
                             "first_seen": r.day or None, "last_seen": r.day or None, "example": None}
        g["n_articles"] += 1
        g["n_mentions"] += r.mentions
        if r.day:
            g["first_seen"] = min(g["first_seen"] or r.day, r.day)
            g["last_seen"] = max(g["last_seen"] or r.day, r.day)
        if g["example"] is None and r.span_start is not None:
            g["example"] = {"article_id": r.article_id, "text": r.span_text, "start": r.span_start,
                            "end": r.span_end}
    rows = sorted(groups.values(), key=lambda g: (-g["n_articles"], g["name"], g["country"] or "",
                                                  g["lat"], g["lon"]))
    for g in rows:
        g["id"] = f"{g['geonameid']}" if g["geonameid"] is not None else f"{g['name']}|{g['country'] or ''}"
        g["article_id"] = g["example"]["article_id"] if g["example"] else None
    return rows


# -- timeline and facets ---------------------------------------------------------------------------------
def timeline(conn: Connection, what: str, conds: list[ColumnElement[bool]]) -> list[dict[str, Any]]:
    if what == "events":
        day, table = s.EVENT_DAY, s.events
    elif what == "incidents":
        day, table = s.INCIDENT_DAY, s.incidents
    else:
        day = s.ARTICLE_DAY
        table = s.articles.join(s.attributions, s.attributions.c.article == s.articles.c.sha256).outerjoin(
            s.claim_members, and_(s.claim_members.c.article == s.attributions.c.article,
                                  s.claim_members.c.attribution == s.attributions.c.id)).outerjoin(
            s.claim_clusters, s.claim_clusters.c.id == s.claim_members.c.cluster)
    stmt = select(day.label("day"), func.count().label("count")).select_from(table).where(
        and_(day > s.EMPTY, *conds)).group_by(day).order_by(day)
    return [{"day": r.day, "count": r.count} for r in conn.execute(stmt)]


def facets(conn: Connection) -> dict[str, list[dict[str, Any]]]:
    e, a, t = s.events.c, s.articles.c, s.attributions.c

    def count(col: Any, table: Any) -> list[dict[str, Any]]:
        stmt = (select(col.label("value"), func.count().label("count")).select_from(table)
                .where(col.is_not(None)).group_by(col).order_by(func.count().desc(), col))
        return [{"value": r.value, "count": r.count} for r in conn.execute(stmt)]

    return {"event_type": count(e.event_type, s.events), "country": count(e.place_country, s.events),
            "source": count(a.source, s.articles), "stance": count(t.stance, s.attributions),
            "aux": count(e.aux, s.events)}
