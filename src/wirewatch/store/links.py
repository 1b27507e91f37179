"""Queries over the link tables (schema 2): copy groups, incidents and claim clusters.

A mixin of :class:`wirewatch.store.Store`; the tables are filled by :mod:`wirewatch.link`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select

from . import schema as s


def _like(column: Any, needle: str) -> ColumnElement[bool]:
    return func.lower(column).contains(needle.lower(), autoescape=True)


class LinkQueries:
    """Read the link stage's results. Every member row carries its article id and evidence span."""

    def _rows(self, stmt: Select[Any]) -> Iterator[dict[str, Any]]:  # provided by Store
        raise NotImplementedError

    def article_id_to_sha(self, article_id: str) -> str | None:
        a = s.articles.c
        for row in self._rows(select(a.sha256).where(or_(a.id == article_id, a.sha256 == article_id))):
            return str(row["sha256"])
        return None

    def linked(self) -> tuple[int, int]:
        """(articles linked, articles stored)."""
        la, a = s.link_articles, s.articles
        rows = list(self._rows(select(select(func.count()).select_from(la).scalar_subquery().label("linked"),
                                      select(func.count()).select_from(a).scalar_subquery().label("stored"))))
        return int(rows[0]["linked"]), int(rows[0]["stored"])

    # -- articles and copy groups ---------------------------------------------------------------------
    def article_list(self, *, duplicates_of: str | None = None, source: str | None = None,
                     since: str | None = None, until: str | None = None, copies_only: bool = False,
                     limit: int | None = None) -> Iterator[dict[str, Any]]:
        """Articles with their copy group and its size; ``duplicates_of`` (an id or sha256) lists the
        other members of that article's copy group."""
        a, la = s.articles.c, s.link_articles.c
        other = s.link_articles.alias("other")
        size = (select(func.count()).select_from(other).where(other.c.copy_group == la.copy_group)
                .correlate(s.link_articles).scalar_subquery())
        first = s.articles.alias("first")  # the group's first article, whose id names the group
        group_first = (select(first.c.id).where(first.c.sha256 == la.copy_group)
                       .correlate(s.link_articles).scalar_subquery())
        stmt = (select(a.id.label("article_id"), a.published, a.source, a.title, a.url, a.chars,
                       group_first.label("copy_group"), size.label("copies"), la.jaccard)
                .select_from(s.articles.outerjoin(s.link_articles, la.article == a.sha256)))
        conds: list[ColumnElement[bool]] = []
        if duplicates_of:
            sha = self.article_id_to_sha(duplicates_of)
            if sha is None:
                return iter(())
            group = select(la.copy_group).where(la.article == sha).scalar_subquery()
            conds += [la.copy_group == group, a.sha256 != sha]
        if copies_only:
            conds.append(size > 1)
        if source:
            conds.append(_like(a.source, source))
        if since:
            conds.append(a.published >= since)
        if until:
            conds.append(a.published <= until)
        if conds:
            stmt = stmt.where(and_(*conds))
        stmt = stmt.order_by(a.published.asc().nulls_last(), a.sha256)
        if limit:
            stmt = stmt.limit(limit)
        return self._rows(stmt)

    # -- incidents -------------------------------------------------------------------------------------
    def incidents(self, *, event_type: Sequence[str] = (), actor: str | None = None,
                  recipient: str | None = None, place: str | None = None, since: str | None = None,
                  until: str | None = None, source: str | None = None, min_sources: int = 0,
                  min_articles: int = 0, ids: Sequence[str] = (), limit: int | None = None
                  ) -> Iterator[dict[str, Any]]:
        """Incidents, filtered like events: ``actor``/``recipient`` match a member's actor name or country,
        ``place`` the incident's place name or country, ``source`` any member's outlet."""
        i = s.incidents.c
        stmt = select(i.id.label("incident_id"), i.event_type, i.date, i.date_min, i.date_max, i.place_name,
                      i.place_country, i.lat, i.lon, i.actors, i.recipients, i.events, i.articles, i.sources,
                      i.first_published)
        conds: list[ColumnElement[bool]] = []
        ie, ea, a = s.incident_events.c, s.event_actors.c, s.articles.c
        if ids:
            conds.append(i.id.in_(list(ids)))
        if event_type:
            conds.append(i.event_type.in_([t.upper() for t in event_type]))
        for role, who in (("actor", actor), ("recipient", recipient)):
            if who:
                conds.append(exists().where(ie.incident == i.id, ea.article == ie.article, ea.event == ie.event,
                                            ea.role == role, or_(_like(ea.name, who), ea.country == who.upper())))
        if place:
            conds.append(or_(_like(i.place_name, place), i.place_country == place.upper()))
        if since:
            conds.append(i.date >= since)
        if until:
            conds.append(i.date <= until)
        if source:
            conds.append(exists().where(ie.incident == i.id, a.sha256 == ie.article, _like(a.source, source)))
        if min_sources:
            conds.append(i.sources >= min_sources)
        if min_articles:
            conds.append(i.articles >= min_articles)
        if conds:
            stmt = stmt.where(and_(*conds))
        stmt = stmt.order_by(i.date.asc().nulls_last(), i.id)
        if limit:
            stmt = stmt.limit(limit)
        return self._rows(stmt)

    def incident_members(self, incident_ids: Sequence[str]) -> Iterator[dict[str, Any]]:
        """The member events of these incidents, each with its article and evidence (the sentence)."""
        ie, e, a = s.incident_events.c, s.events.c, s.articles.c
        for start in range(0, len(incident_ids), 500):
            chunk = list(incident_ids[start:start + 500])
            stmt = (select(ie.incident.label("incident_id"), a.id.label("article_id"), a.source, a.published,
                           a.title, e.id.label("event_id"), e.event_type, e.aux, e.actors, e.recipients,
                           e.place_name, e.date.label("event_date"), e.stance, e.speaker, e.trigger_start,
                           e.trigger_end, e.trigger_text, e.span_start.label("evidence_start"),
                           e.span_end.label("evidence_end"), e.span_text.label("evidence"))
                    .select_from(s.incident_events.join(s.events, and_(e.article == ie.article, e.id == ie.event))
                                 .join(s.articles, a.sha256 == ie.article))
                    .where(ie.incident.in_(chunk))
                    .order_by(ie.incident, a.published.asc().nulls_last(), a.sha256, e.trigger_start))
            yield from self._rows(stmt)

    # -- claim clusters --------------------------------------------------------------------------------
    def claim_clusters(self, *, min_sources: int = 0, contested: bool | None = None,
                       contains: str | None = None, since: str | None = None, until: str | None = None,
                       min_articles: int = 0, ids: Sequence[str] = (), limit: int | None = None
                       ) -> Iterator[dict[str, Any]]:
        c = s.claim_clusters.c
        stmt = select(c.id.label("cluster_id"), c.summary, c.members, c.articles, c.independent_sources,
                      c.disputing_sources, c.contested, c.date_min, c.date_max)
        conds: list[ColumnElement[bool]] = []
        if ids:
            conds.append(c.id.in_(list(ids)))
        if min_sources:
            conds.append(c.independent_sources >= min_sources)
        if contested is not None:
            conds.append(c.contested.is_(contested))
        if contains:
            cm, t = s.claim_members.c, s.attributions.c
            conds.append(exists().where(cm.cluster == c.id, t.article == cm.article, t.id == cm.attribution,
                                        _like(t.span_text, contains)))
        if since:
            conds.append(c.date_max >= since)
        if until:
            conds.append(c.date_min <= until)
        if min_articles:
            conds.append(c.articles >= min_articles)
        if conds:
            stmt = stmt.where(and_(*conds))
        stmt = stmt.order_by(c.independent_sources.desc(), c.date_min, c.id)
        if limit:
            stmt = stmt.limit(limit)
        return self._rows(stmt)

    def cluster_members(self, cluster_ids: Sequence[str]) -> Iterator[dict[str, Any]]:
        cm, t, a = s.claim_members.c, s.attributions.c, s.articles.c
        for start in range(0, len(cluster_ids), 500):
            chunk = list(cluster_ids[start:start + 500])
            stmt = (select(cm.cluster.label("cluster_id"), a.id.label("article_id"), a.source, a.published,
                           a.title, t.id.label("claim_id"), t.kind, cm.stance, cm.origin, cm.similarity,
                           t.speaker, t.speaker_name, t.via, t.cue, t.span_start.label("evidence_start"),
                           t.span_end.label("evidence_end"), t.span_text.label("evidence"))
                    .select_from(s.claim_members.join(s.attributions, and_(t.article == cm.article,
                                                                            t.id == cm.attribution))
                                 .join(s.articles, a.sha256 == cm.article))
                    .where(cm.cluster.in_(chunk))
                    .order_by(cm.cluster, a.published.asc().nulls_last(), a.sha256, t.span_start))
            yield from self._rows(stmt)

    # -- whole records (JSON output and exports) -------------------------------------------------------
    def incident_records(self, **filters: Any) -> Iterator[dict[str, Any]]:
        """Incidents (filtered as :meth:`incidents`), each with ``members``: its events with evidence."""
        yield from _with_members(self.incidents(**filters), "incident_id", self.incident_members)

    def cluster_records(self, **filters: Any) -> Iterator[dict[str, Any]]:
        """Claim clusters (filtered as :meth:`claim_clusters`), each with ``members``: its claims with
        evidence, stance and origin."""
        yield from _with_members(self.claim_clusters(**filters), "cluster_id", self.cluster_members)

    def link_table_rows(self, name: str) -> Iterator[dict[str, Any]]:
        """Every row of one link table for export, with article ids and without matching state (signatures,
        centroids), in a stable order."""
        table = s.metadata.tables[name]
        cols = [c for c in table.c if c.name not in ("minhash", "centroid", "votes")]
        if "article" not in table.c:
            return self._rows(select(*cols).order_by(table.c.id))
        a = s.articles.c
        key = [table.c[k] for k in ("event", "attribution", "seq") if k in table.c]
        return self._rows(select(a.id.label("article_id"), *cols).join(s.articles, table.c.article == a.sha256)
                          .order_by(a.published.asc().nulls_last(), a.sha256, *key))


def _with_members(heads: Iterator[dict[str, Any]], key: str,
                  members: Any, chunk: int = 500) -> Iterator[dict[str, Any]]:
    # members are fetched for a chunk of heads at a time: one query per 500 records, not per record
    batch: list[dict[str, Any]] = []

    def flush() -> Iterator[dict[str, Any]]:
        found: dict[str, list[dict[str, Any]]] = {}
        for m in members([h[key] for h in batch]):
            found.setdefault(m.pop(key), []).append(m)
        for h in batch:
            yield {**h, "members": found.get(h[key], [])}

    for head in heads:
        batch.append(head)
        if len(batch) >= chunk:
            yield from flush()
            batch = []
    if batch:
        yield from flush()
