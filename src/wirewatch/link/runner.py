"""Linking a corpus: every stored article not linked yet, in a fixed order, in batches of one transaction.

The order is the articles' publication day, then hash, so a rerun processes what is left exactly as an
uninterrupted run would have; every batch writes its articles' link rows together with the incidents and
claim clusters it changed, so a run killed at any point (even ``kill -9``) leaves whole batches only, and
the next run rebuilds its indexes from the store and goes on where it stopped.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import orjson
from sqlalchemy import and_, bindparam, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from ..config import Settings
from ..errors import StoreError
from ..model import Document
from ..store import Store
from ..store import schema as s
from ..store.store import one_line
from .claims import ClaimIndex, Cluster, claim_mentions
from .duplicates import CopyIndex, from_bytes, signature, to_bytes
from .incidents import Incident, IncidentIndex, copy_key, day_number, mentions_of
from .sources import outlet_of

ENCODER_DIM = 384
#: the start of an article read back to tell its outlet (its dateline credit is in the first 200 characters
#: after any leading blanks; an article starting with more blanks than this would lose its credit)
OUTLET_CHARS = 2000


@dataclass
class LinkReport:
    articles: int = 0
    copies: int = 0  # articles that joined an existing copy group
    events: int = 0  # event mentions linked into incidents
    incidents: int = 0  # incidents founded
    claims: int = 0
    clusters: int = 0  # claim clusters founded
    encoded: int = 0  # claims run through the sentence encoder
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)


def _default_encoder() -> Any:
    from ..extract.classify import sentence_encoder

    return sentence_encoder().encode


@dataclass
class _BatchRows:
    """What one batch of articles adds to the link tables, and the incidents and clusters it changes."""

    link_rows: list[dict[str, Any]] = field(default_factory=list)
    event_rows: list[dict[str, Any]] = field(default_factory=list)
    member_rows: list[dict[str, Any]] = field(default_factory=list)
    dirty_incidents: set[str] = field(default_factory=set)
    dirty_clusters: set[str] = field(default_factory=set)
    regroup: list[tuple[list[str], str]] = field(default_factory=list)
    claims_todo: list[tuple[str, list[Any]]] = field(default_factory=list)


class Linker:
    """The link state of one corpus, loaded from its store, and the linking of new articles into it."""

    def __init__(self, store: Store, settings: Settings | None = None, encode: Any = None) -> None:
        self.store = store
        self.settings = settings or Settings.load()
        st = self.settings
        self.copies = CopyIndex(st.link_duplicate_threshold, st.link_minhash_perm)
        self.incidents = IncidentIndex(st.link_incident_days, st.link_incident_km, st.link_incident_stated_days)
        self.claims = ClaimIndex(st.link_claim_similarity, st.link_claim_similarity_shared, st.link_claim_days,
                                 (encode or _lazy(_default_encoder)) if st.link_claim_encoder else None)
        self.seq = 0
        self.incidents_of: dict[str, set[str]] = {}  # article -> incidents it has members in
        self.by_copy_key: dict[str, dict[str, tuple[str, str]]] = {}  # article -> copy key -> (event, incident)
        self.seq_of: dict[str, int] = {}  # article -> the order it was linked in
        self.clusters_of: dict[str, set[str]] = {}
        self.saved_incidents: set[str] = set()
        self.saved_clusters: set[str] = set()
        # memory holds every incident filed on or after day ``incidents_from`` and every claim cluster whose
        # last day is on or after ``clusters_from``; older ones are read back from the store when needed
        self.incidents_from = self.clusters_from = _FAR_FUTURE
        self._reached: set[tuple[str, int]] = set()  # (type, day) read back for events dated before that
        self._load()

    # -- loading ----------------------------------------------------------------------------------------
    def _damaged(self, table: str, key: object, why: str) -> StoreError:
        return StoreError(f"{self.store.label}: damaged link table {table!r} (row {key}: {why}); "
                          "run 'wirewatch link --rebuild' to link the corpus again")

    def _load(self) -> None:
        """Read the link state back: every article's copy group and link rows; the incidents and claim
        clusters the articles still to link can reach are read when a run starts (:meth:`_reach`)."""
        try:
            with self.store.engine.connect() as conn:
                self._load_copies(conn)
                self._orphans(conn)
                self._load_article_links(conn)
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.store.label}: cannot read the link tables ({one_line(exc)})") from None

    def _reach(self) -> None:
        """Before a run: read the incidents and claim clusters of the first day still to link and the
        window before it (articles come in publication order, so later ones reach no further back)."""
        a, la = s.articles.c, s.link_articles.c
        with self.store.engine.connect() as conn:
            first = conn.scalar(select(func.min(a.published)).where(~a.sha256.in_(select(la.article))))
            first_day = day_number(first)
            if first_day is None:  # nothing dated to link: whatever is reached is read when it is
                return
            floor = first_day - self.incidents.horizon
            if floor < self.incidents_from:
                self._read_incidents(conn, s.incidents.c.date >= _iso(floor))
                self.incidents_from = floor
                self._reached.clear()
            floor = first_day - self.claims.window
            if floor < self.clusters_from:
                t = s.claim_clusters.c
                self._read_clusters(conn, (t.date_max >= _iso(floor)) | (t.date_max == ""))
                self.clusters_from = floor

    def _load_copies(self, conn: Connection) -> None:
        t = s.link_articles.c
        for row in conn.execute(select(t.article, t.seq, t.copy_group, t.minhash).order_by(t.seq)):
            try:
                sig = from_bytes(bytes(row.minhash), self.settings.link_minhash_perm)
            except (ValueError, TypeError) as exc:
                raise self._damaged("link_articles", row.article[:12], str(exc)) from None
            self.copies.load(row.article, sig, row.copy_group)
            self.seq = max(self.seq, row.seq)
            self.seq_of[row.article] = row.seq

    def _load_article_links(self, conn: Connection) -> None:
        """Per article: its events' incidents (by copy key) and its claims' clusters."""
        e = s.incident_events.c
        for row in conn.execute(select(e.article, e.event, e.incident, e.copy_key).order_by(e.article, e.event)):
            self._remember(row.article, row.copy_key, row.event, row.incident)
            self.incidents_of.setdefault(row.article, set()).add(row.incident)
        m = s.claim_members.c
        for row in conn.execute(select(m.article, m.cluster)):
            self.clusters_of.setdefault(row.article, set()).add(row.cluster)

    def _read_incidents(self, conn: Connection, where: Any) -> None:
        """Put the stored incidents that ``where`` selects (and are not in memory) into the index."""
        t, e = s.incidents.c, s.incident_events.c
        read: dict[str, Incident] = {}
        for row in conn.execute(select(t.id, t.event_type, t.actor_keys, t.recipient_keys, t.votes,
                                       t.first_published).where(where).order_by(t.id)):
            if row.id in self.incidents.incidents:
                continue
            try:
                inc = Incident.from_votes(row.id, row.event_type, _keys(row.actor_keys),
                                          _keys(row.recipient_keys), orjson.loads(row.votes), row.first_published)
            except (ValueError, KeyError, TypeError) as exc:
                raise self._damaged("incidents", row.id, f"unreadable votes ({exc})") from None
            read[inc.id] = inc
            self.saved_incidents.add(inc.id)
        if not read:
            return
        ids = select(t.id).where(where).scalar_subquery()
        for row in conn.execute(select(e.article, e.event, e.incident, e.source_key)
                                .where(e.incident.in_(ids)).order_by(e.article, e.event)):
            if row.incident in read:
                read[row.incident].members.append((row.article, row.source_key))
        for inc in read.values():
            if not inc.days:
                raise self._damaged("incidents", inc.id, "no days")
            self.incidents.load(inc)

    def _read_clusters(self, conn: Connection, where: Any) -> None:
        """Put the stored claim clusters that ``where`` selects (and are not in memory) into the index."""
        t, m = s.claim_clusters.c, s.claim_members.c
        clusters: dict[str, Cluster] = {}
        for row in conn.execute(select(t.id, t.summary, t.match_keys, t.centroid, t.vectors, t.date_min, t.date_max)
                                .where(where).order_by(t.id)):
            if row.id in self.claims.clusters:
                continue
            centroid = None
            if row.centroid is not None:
                centroid = np.frombuffer(bytes(row.centroid), dtype="<f4").copy()
                if centroid.size != ENCODER_DIM:
                    raise self._damaged("claim_clusters", row.id, f"a centroid of {centroid.size} values")
            lo, hi = _claim_day(row.date_min), _claim_day(row.date_max)
            if lo is None or hi is None:
                raise self._damaged("claim_clusters", row.id, "no dates")
            clusters[row.id] = Cluster(id=row.id, summary=row.summary, keys=_keys(row.match_keys), centroid=centroid,
                                       vectors=row.vectors, day_min=lo, day_max=hi, iso_min=row.date_min,
                                       iso_max=row.date_max)
        if not clusters:
            return
        ids = select(t.id).where(where).scalar_subquery()
        a, art = s.attributions.c, s.articles.c
        outlets: dict[str, str] = {}
        for row in conn.execute(select(m.article, m.attribution, m.cluster, m.origin, m.stance, a.span_text,
                                       art.source, func.substr(art.text, 1, OUTLET_CHARS).label("head"))
                                .select_from(s.claim_members.outerjoin(
                                    s.attributions, and_(a.article == m.article, a.id == m.attribution))
                                    .outerjoin(s.articles, art.sha256 == m.article))
                                .where(m.cluster.in_(ids)).order_by(m.article, m.attribution)):
            c = clusters.get(row.cluster)
            if c is not None:
                if row.article not in outlets:
                    outlets[row.article] = outlet_of(row.head or "", row.source) or ""
                c.members.append((row.article, row.origin, row.stance, outlets[row.article]))
                if row.span_text is not None:
                    c.texts.add(row.span_text)
        for c in clusters.values():
            self.claims.load(c)
            self.saved_clusters.add(c.id)

    def _orphans(self, conn: Connection) -> None:
        """A member row naming an incident or cluster that does not exist: the tables are damaged."""
        e, t = s.incident_events.c, s.incidents.c
        row = conn.execute(select(e.incident).where(~e.incident.in_(select(t.id))).limit(1)).first()
        if row is not None:
            raise self._damaged("incident_events", row.incident, "no such incident")
        m, c = s.claim_members.c, s.claim_clusters.c
        row = conn.execute(select(m.cluster).where(~m.cluster.in_(select(c.id))).limit(1)).first()
        if row is not None:
            raise self._damaged("claim_members", row.cluster, "no such claim cluster")

    def _ensure_incidents(self, ids: set[str]) -> None:
        """Load back the incidents among ``ids`` that were dropped from memory (a copy or a merge needs them)."""
        self._ensure(ids, self.incidents.incidents, self._read_incidents, s.incidents, "incident_events",
                     "no such incident")

    def _ensure_clusters(self, ids: set[str]) -> None:
        self._ensure(ids, self.claims.clusters, self._read_clusters, s.claim_clusters, "claim_members",
                     "no such claim cluster")

    def _ensure(self, ids: set[str], held: dict[str, Any], read: Any, table: Any, member_table: str,
                why: str) -> None:
        missing = sorted(i for i in ids if i not in held)
        if not missing:
            return
        with self.store.engine.connect() as conn:
            read(conn, table.c.id.in_(missing))
        lost = [i for i in missing if i not in held]
        if lost:  # a member row names one the store does not have
            raise self._damaged(member_table, lost[0], why)

    def _reach_back(self, m: Any) -> None:
        """An event dated before what memory holds (a historical date): load the stored incidents of its
        type and days, so that it finds what it would have found had nothing been dropped."""
        lo = m.day - (self.incidents.window + m.slack)
        if lo >= self.incidents_from:
            return
        hi = min(m.day + self.incidents.window + m.slack, self.incidents_from - 1)
        days = [d for d in range(lo, hi + 1) if (m.event_type, d) not in self._reached]
        if not days:
            return
        self._reached.update((m.event_type, d) for d in days)
        t = s.incidents.c
        with self.store.engine.connect() as conn:
            self._read_incidents(conn, (t.event_type == m.event_type)
                                 & t.date.in_([_iso(d) for d in days]))

    def _evict(self, first_day: int | None) -> None:
        """Before a batch whose first article is of ``first_day``: drop what no article of it or after can
        reach (articles come in publication order), so memory holds a window of days, not the corpus."""
        if first_day is None:
            return
        inc_floor = first_day - self.incidents.horizon
        if inc_floor > self.incidents_from:
            self.incidents.evict(inc_floor)
            self.incidents_from = inc_floor
            self._reached.clear()
        claim_floor = first_day - self.claims.window
        if claim_floor > self.clusters_from:
            self.claims.evict(claim_floor)
            self.clusters_from = claim_floor

    # -- linking ----------------------------------------------------------------------------------------
    def pending(self) -> int:
        a, la = s.articles.c, s.link_articles.c
        stmt = select(func.count()).select_from(s.articles).where(~a.sha256.in_(select(la.article)))
        with self.store.engine.connect() as conn:
            return int(conn.scalar(stmt) or 0)

    def _todo(self, batch_size: int) -> Iterator[list[Any]]:
        a, la = s.articles.c, s.link_articles.c
        stmt = (select(a.sha256, a.source, a.published, a.text, a.document)
                .where(~a.sha256.in_(select(la.article)))
                .order_by(a.published.asc().nulls_last(), a.sha256))
        # read the worklist's keys first: the batches are written while the list is walked
        with self.store.engine.connect() as conn:
            keys = list(conn.scalars(select(a.sha256).where(~a.sha256.in_(select(la.article)))
                                     .order_by(a.published.asc().nulls_last(), a.sha256)))
        for i in range(0, len(keys), batch_size):
            chunk = keys[i:i + batch_size]
            with self.store.engine.connect() as conn:
                rows = {r.sha256: r for r in conn.execute(stmt.where(a.sha256.in_(chunk)))}
            yield [rows[k] for k in chunk if k in rows]

    def run(self, batch_size: int = 200, progress: bool = False) -> LinkReport:
        report = LinkReport()
        started = time.perf_counter()
        try:
            self._reach()
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.store.label}: cannot read the link tables ({one_line(exc)})") from None
        total = self.pending()
        bar = None
        if progress and total:
            from tqdm import tqdm

            bar = tqdm(total=total, unit="article", desc="linking", dynamic_ncols=True)
        try:
            for batch in self._todo(batch_size):
                self._link_batch(batch, report)
                if bar is not None:
                    bar.update(len(batch))
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.store.label}: {one_line(exc)}") from None
        finally:
            if bar is not None:
                bar.close()
        report.encoded = self.claims.encoded
        report.seconds = time.perf_counter() - started
        return report

    def _link_batch(self, batch: list[Any], report: LinkReport) -> None:
        spent = report.timings
        self._evict(day_number(batch[0].published) if batch else None)
        rows = _BatchRows()
        # pass 1, article by article: copy groups and incidents (neither looks at claims)
        for row in batch:
            t0 = time.perf_counter()
            doc = Document.from_dict(json.loads(row.document))
            group = self._link_copies(row, rows, report)
            t1 = time.perf_counter()
            outlet = outlet_of(row.text, row.source)
            incident_of = self._link_incidents(row, doc, group, outlet or f"group:{group}", rows, report)
            rows.claims_todo.append((row.sha256, claim_mentions(doc, row.published, outlet, incident_of)))
            t2 = time.perf_counter()
            spent["duplicates"] = spent.get("duplicates", 0.0) + t1 - t0
            spent["incidents"] = spent.get("incidents", 0.0) + t2 - t1
        self._link_claims(rows, report)
        self._ensure_incidents(rows.dirty_incidents)  # a merged copy group changes the sources of old ones too
        self._ensure_clusters(rows.dirty_clusters)
        t4 = time.perf_counter()
        self._save_batch(rows)
        spent["store"] = spent.get("store", 0.0) + time.perf_counter() - t4

    def _link_copies(self, row: Any, rows: _BatchRows, report: LinkReport) -> str:
        """The article's copy group (MinHash LSH); a group merged by it marks its members' incidents and claim
        clusters for recounting. Returns the group id."""
        sha = row.sha256
        sig = signature(row.text, self.settings.link_shingle_words, self.settings.link_minhash_perm)
        group, jaccard, merged = self.copies.add(sha, sig)
        self.seq += 1
        self.seq_of[sha] = self.seq
        rows.link_rows.append({"article": sha, "seq": self.seq, "copy_group": group, "jaccard": jaccard,
                               "minhash": to_bytes(sig)})
        report.articles += 1
        report.copies += group != sha
        if merged:
            rows.regroup.append((merged, group))
            for member in self.copies.members[group]:
                for inc_id in self.incidents_of.get(member, ()):
                    rows.dirty_incidents.add(inc_id)
                    if inc_id in self.incidents.incidents:  # one read back later counts afresh anyway
                        self.incidents.incidents[inc_id].regrouped()
                for cid in self.clusters_of.get(member, ()):
                    rows.dirty_clusters.add(cid)
                    if cid in self.claims.clusters:
                        self.claims.clusters[cid].regrouped()
        return group

    def _link_incidents(self, row: Any, doc: Document, group: str, source_key: str, rows: _BatchRows,
                        report: LinkReport) -> dict[str, str]:
        """Each event mention of the article into an incident; returns event id -> incident id."""
        sha, published = row.sha256, row.published
        incident_of: dict[str, str] = {}
        keys = {v.id: copy_key(v.event_type, v.trigger.text, row.text[v.sentence.start:v.sentence.end])
                for v in doc.events}
        for m in mentions_of(doc, published, source_key):
            key = keys[m.event]
            copied = self._copied(sha, group, key)
            if copied is not None:  # the same sentence in a copy of this article: the same event
                self._ensure_incidents({copied})
                inc, founded = self.incidents.join(copied, m, published), False
            else:
                self._reach_back(m)
                inc, founded = self.incidents.add(m, published)
            incident_of[m.event] = inc.id
            self._remember(sha, key, m.event, inc.id)
            rows.dirty_incidents.add(inc.id)
            self.incidents_of.setdefault(sha, set()).add(inc.id)
            rows.event_rows.append({"article": sha, "event": m.event, "incident": inc.id, "source_key": source_key,
                                    "copy_key": key})
            report.events += 1
            report.incidents += founded
        return incident_of

    def _link_claims(self, rows: _BatchRows, report: LinkReport) -> None:
        """Pass 2: the batch's claims into clusters, with what the encoder will be asked for encoded at once
        (one call, in parallel)."""
        spent = report.timings
        t2 = time.perf_counter()
        self.claims.prefetch([m for _, mentions in rows.claims_todo for m in mentions])
        t3 = time.perf_counter()
        known = set(self.claims.clusters)
        for sha, mentions in rows.claims_todo:
            for m, cluster, sim in self.claims.add_article(mentions):
                rows.dirty_clusters.add(cluster.id)
                self.clusters_of.setdefault(sha, set()).add(cluster.id)
                rows.member_rows.append({"article": sha, "attribution": m.attribution, "cluster": cluster.id,
                                         "stance": m.stance, "origin": m.origin, "similarity": sim})
                report.claims += 1
                report.clusters += cluster.id not in known
                known.add(cluster.id)
        spent["encoder"] = spent.get("encoder", 0.0) + t3 - t2
        spent["claims"] = spent.get("claims", 0.0) + time.perf_counter() - t3
        rows.dirty_clusters |= self.claims.touched
        self.claims.touched = set()

    def _save_batch(self, rows: _BatchRows) -> None:
        """The batch's links, in one transaction: a run killed before it commits leaves no part of the batch."""
        with self.store.engine.begin() as conn:
            conn.execute(s.link_articles.insert(), rows.link_rows)
            for merged, group in rows.regroup:
                conn.execute(s.link_articles.update().where(s.link_articles.c.copy_group.in_(merged))
                             .values(copy_group=group))
            self._save_incidents(conn, rows.dirty_incidents)
            if rows.event_rows:
                conn.execute(s.incident_events.insert(), rows.event_rows)
            self._save_clusters(conn, rows.dirty_clusters)
            if rows.member_rows:
                conn.execute(s.claim_members.insert(), rows.member_rows)

    def _remember(self, article: str, key: str, event: str, incident: str) -> None:
        # of two events of one article with one key, the lower id counts, whichever was linked first
        known = self.by_copy_key.setdefault(article, {})
        if key not in known or event < known[key][0]:
            known[key] = (event, incident)

    def _copied(self, sha: str, group: str, key: str) -> str | None:
        """The incident of the same event in the earliest-linked other member of this copy group."""
        for member in sorted(self.copies.members.get(group, ()), key=self.seq_of.__getitem__):
            if member != sha:
                found = self.by_copy_key.get(member, {}).get(key)
                if found is not None:
                    return found[1]
        return None

    def _group_of(self, article: str) -> str | None:
        return self.copies.group_of.get(article)

    def _save_incidents(self, conn: Connection, ids: set[str]) -> None:
        rows = [self._incident_row(self.incidents.incidents[i]) for i in sorted(ids)]
        _upsert(conn, s.incidents, [r for r in rows if r["id"] in self.saved_incidents],
                [r for r in rows if r["id"] not in self.saved_incidents])
        self.saved_incidents |= ids

    def _save_clusters(self, conn: Connection, ids: set[str]) -> None:
        rows = [self._cluster_row(self.claims.clusters[i]) for i in sorted(ids)]
        _upsert(conn, s.claim_clusters, [r for r in rows if r["id"] in self.saved_clusters],
                [r for r in rows if r["id"] not in self.saved_clusters])
        self.saved_clusters |= ids

    def _incident_row(self, inc: Incident) -> dict[str, Any]:
        place = inc.best_place()
        days = sorted(inc.days)
        articles, sources = inc.tally(self._group_of)
        return {
            "id": inc.id, "event_type": inc.event_type, "date": inc.best_day(), "date_min": days[0],
            "date_max": days[-1], "place_name": place[0] if place else None,
            "place_country": place[1] if place else None, "lat": place[2] if place else None,
            "lon": place[3] if place else None, "place_rank": place[4] if place else 0,
            "actors": _names(inc.actor_names), "recipients": _names(inc.recipient_names),
            "actor_keys": "|".join(sorted(inc.actor_keys)), "recipient_keys": "|".join(sorted(inc.recipient_keys)),
            # orjson: the votes of a large incident are re-serialised each time it gains members, and the
            # standard encoder made that a tenth of linking (the text is the same: compact, UTF-8)
            "votes": orjson.dumps(inc.votes()).decode(),
            "events": len(inc.members), "articles": articles, "sources": sources,
            "first_published": inc.first_published,
        }

    def _cluster_row(self, c: Cluster) -> dict[str, Any]:
        return {"id": c.id, "summary": c.summary, "match_keys": "|".join(sorted(c.keys)),
                "centroid": c.centroid.astype("<f4").tobytes() if c.centroid is not None else None,
                "vectors": c.vectors, "date_min": c.iso_min, "date_max": c.iso_max,
                **c.figures(self._group_of)}


def _upsert(conn: Connection, table: Any, updates: list[dict[str, Any]], inserts: list[dict[str, Any]]) -> None:
    if inserts:
        conn.execute(table.insert(), inserts)
    if updates:
        cols = [c.name for c in table.columns if c.name != "id"]
        stmt = (table.update().where(table.c.id == bindparam("_id"))
                .values({c: bindparam(c) for c in cols}))
        conn.execute(stmt, [{**{c: r[c] for c in cols}, "_id": r["id"]} for r in updates])


_FAR_FUTURE = 10**7  # a day number after any date


def _iso(day: int) -> str:
    """The ISO date of a day number, clamped to what a date can be (comparisons with stored ISO dates)."""
    return date.fromordinal(min(max(day, 1), date.max.toordinal())).isoformat()


def _claim_day(iso: str | None) -> int | None:
    """A claim cluster's day: its articles' publication day, 0 for articles with no date."""
    if iso == "":
        return 0
    return day_number(iso)


def _keys(text: str | None) -> set[str]:
    return {k for k in (text or "").split("|") if k}


def _names(counts: Any) -> str | None:
    return "; ".join(n for n, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]) or None


def _lazy(factory: Any) -> Any:
    """An encoder made on first use: a corpus whose claims never meet needs no model loaded."""
    made: list[Any] = []

    def encode(texts: Any) -> Any:
        if not made:
            made.append(factory())
        return made[0](texts)

    return encode


def link(store: Store, settings: Settings | None = None, *, batch_size: int = 200, progress: bool = False,
         encode: Any = None) -> LinkReport:
    """Link every stored article not linked yet; see :class:`Linker`."""
    return Linker(store, settings, encode).run(batch_size=batch_size, progress=progress)


def unlink(store: Store) -> None:
    """Drop every link row (``wirewatch link --rebuild``): the next link run starts from scratch."""
    try:
        with store.engine.begin() as conn:
            for table in (s.claim_members, s.claim_clusters, s.incident_events, s.incidents, s.link_articles):
                conn.execute(table.delete())
    except SQLAlchemyError as exc:
        raise StoreError(f"{store.label}: {one_line(exc)}") from None
