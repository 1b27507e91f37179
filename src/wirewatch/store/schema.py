"""The corpus schema as SQLAlchemy Core tables.

``articles`` holds each article's text, metadata and whole document JSON (the source of truth); the
other tables are a normalised copy of the documents for querying. Every row is keyed by the article's
SHA-256 and the document-local id, so the tables' contents do not depend on the order of ingestion.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    func,
    literal_column,
)

SCHEMA_VERSION = "2"
#: Versions this wirewatch upgrades in place (schema 2 adds the link tables; nothing else changes).
UPGRADABLE_FROM = ("1",)

metadata = MetaData()


def _article_key() -> Column:
    return Column("article", String(64), ForeignKey("articles.sha256", ondelete="CASCADE"), primary_key=True)


meta = Table(
    "wirewatch_meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

articles = Table(
    "articles", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("id", String(64), nullable=False, unique=True),
    Column("title", Text),
    Column("source", Text),
    Column("published", Text),
    Column("url", Text),
    Column("origin", Text),
    Column("chars", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("document", Text, nullable=False),
    Index("ix_articles_published", "published"),
    Index("ix_articles_source", "source"),
)

entities = Table(
    "entities", metadata,
    _article_key(),
    Column("id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("label", Text, nullable=False),
    Column("country", Text),
    Column("sector", Text),
    Column("other_sectors", Text),  # comma-separated
    Column("mentions", Integer, nullable=False),
    Column("span_start", Integer),  # first mention
    Column("span_end", Integer),
    Column("span_text", Text),
)

places = Table(
    "places", metadata,
    _article_key(),
    Column("id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("geonameid", Integer),
    Column("country", Text),
    Column("admin1", Text),
    Column("feature", Text),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
    Column("mentions", Integer, nullable=False),
    Column("span_start", Integer),
    Column("span_end", Integer),
    Column("span_text", Text),
)

attributions = Table(
    "attributions", metadata,
    _article_key(),
    Column("id", Text, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("stance", Text, nullable=False),
    Column("speaker", Text, nullable=False),  # the words naming the speaker
    Column("speaker_entity", Text),
    Column("speaker_name", Text),  # the entity's name when linked
    Column("speaker_country", Text),
    Column("speaker_sector", Text),
    Column("anonymous", Boolean, nullable=False),
    Column("via", Text),  # names of outlets/intermediaries, "; "-separated, nearest first
    Column("cue", Text),
    Column("cue_lemma", Text),
    Column("disputed_by", Text),  # attribution ids, comma-separated
    Column("span_start", Integer, nullable=False),  # the content of the claim
    Column("span_end", Integer, nullable=False),
    Column("span_text", Text, nullable=False),
    Index("ix_attributions_stance", "stance"),
)

events = Table(
    "events", metadata,
    _article_key(),
    Column("id", Text, primary_key=True),
    Column("event_type", Text, nullable=False),
    Column("mode", Text),
    Column("cameo", Text),
    Column("aux", Text),
    Column("confidence", Float, nullable=False),
    Column("date", Text),
    Column("date_precision", Text),
    Column("date_text", Text),
    Column("actors", Text),  # names, "; "-separated, in the event's order
    Column("actor_countries", Text),
    Column("actor_sectors", Text),
    Column("recipients", Text),
    Column("recipient_countries", Text),
    Column("recipient_sectors", Text),
    Column("place", Text),
    Column("place_name", Text),
    Column("place_country", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("attribution", Text),
    Column("stance", Text),  # of the claim the event is reported in; null when unattributed
    Column("speaker", Text),
    Column("context", Text),  # comma-separated
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("trigger_text", Text, nullable=False),
    Column("span_start", Integer, nullable=False),  # the evidence: the sentence reporting the event
    Column("span_end", Integer, nullable=False),
    Column("span_text", Text, nullable=False),
    Index("ix_events_type", "event_type"),
    Index("ix_events_date", "date"),
)

# One row per actor or recipient of an event, for filtering by name or country.
event_actors = Table(
    "event_actors", metadata,
    _article_key(),
    Column("event", Text, primary_key=True),
    Column("role", Text, primary_key=True),  # actor | recipient
    Column("entity", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("country", Text),
    Column("sector", Text),
)

# -- the link stage (schema 2): what links articles to one another -------------------------------------
# One row per linked article: its MinHash signature (so new articles are compared without recomputing the
# corpus), its copy group (the sha256 of the group's first article) and the order it was linked in.
link_articles = Table(
    "link_articles", metadata,
    _article_key(),
    Column("seq", Integer, nullable=False, unique=True),
    Column("copy_group", String(64), nullable=False),
    Column("jaccard", Float),  # estimated Jaccard similarity with the article it was found a copy of
    Column("minhash", LargeBinary, nullable=False),
    Index("ix_link_articles_group", "copy_group"),
)

# An incident: event mentions from one or more articles that are one real-world event.
incidents = Table(
    "incidents", metadata,
    Column("id", String(32), primary_key=True),
    Column("event_type", Text, nullable=False),
    Column("date", Text),  # the members' most reported day
    Column("date_min", Text, nullable=False),
    Column("date_max", Text, nullable=False),
    Column("place_name", Text),
    Column("place_country", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("place_rank", Integer),  # how specific the place is (0 none, 1 country ... 4 town or site)
    Column("actors", Text),  # names, "; "-separated, most mentioned first
    Column("recipients", Text),
    Column("actor_keys", Text, nullable=False),  # matching keys ("n:name", "c:CTY/SEC"), "|"-separated
    Column("recipient_keys", Text, nullable=False),
    Column("votes", Text, nullable=False),  # JSON tallies of the members' places, dates and names
    Column("events", Integer, nullable=False),
    Column("articles", Integer, nullable=False),
    Column("sources", Integer, nullable=False),  # distinct outlets, wire copies counted once
    Column("first_published", Text),
    Index("ix_incidents_type_date", "event_type", "date"),
    Index("ix_incidents_date", "date"),
)

incident_events = Table(
    "incident_events", metadata,
    _article_key(),
    Column("event", Text, primary_key=True),
    Column("incident", String(32), ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False),
    Column("source_key", Text, nullable=False),  # the outlet, wire copies collapsed
    Column("copy_key", String(16), nullable=False),  # the event's type, trigger and sentence, hashed
    Index("ix_incident_events_incident", "incident"),
)

# A claim cluster: attributions from one or more articles that state the same claim.
claim_clusters = Table(
    "claim_clusters", metadata,
    Column("id", String(32), primary_key=True),
    Column("summary", Text, nullable=False),  # the content of its first asserting member
    Column("match_keys", Text, nullable=False),  # blocking keys, "|"-separated
    Column("centroid", LargeBinary),  # mean sentence embedding (float32), for matching new claims
    Column("vectors", Integer, nullable=False),  # members embedded into the centroid
    Column("members", Integer, nullable=False),
    Column("articles", Integer, nullable=False),
    Column("independent_sources", Integer, nullable=False),  # distinct origins that assert or hedge it
    Column("disputing_sources", Integer, nullable=False),  # distinct origins that deny or cannot confirm it
    Column("contested", Boolean, nullable=False),
    Column("date_min", Text, nullable=False),
    Column("date_max", Text, nullable=False),
    Index("ix_claim_clusters_sources", "independent_sources"),
)

claim_members = Table(
    "claim_members", metadata,
    _article_key(),
    Column("attribution", Text, primary_key=True),
    Column("cluster", String(32), ForeignKey("claim_clusters.id", ondelete="CASCADE"), nullable=False),
    Column("stance", Text, nullable=False),
    Column("origin", Text, nullable=False),  # who the claim comes from first-hand (see link.claims)
    Column("similarity", Float),  # cosine with the cluster when it joined; null for exact or linked joins
    Index("ix_claim_members_cluster", "cluster"),
)

# -- indexes for keyset pagination (wirewatch serve) ----------------------------------------------------
# Listings are ordered newest first by a day that is never NULL (so the order is the same on SQLite and
# PostgreSQL) and then by primary key; each index below serves that order alone or after one equality filter.
# Databases made before these existed get them when opened (store.ensure_indexes).
EMPTY = literal_column("''")  # a literal, not a bound parameter: the query must spell the index's expression
EVENT_DAY = func.coalesce(events.c.date, EMPTY)
ARTICLE_DAY = func.coalesce(articles.c.published, EMPTY)
INCIDENT_DAY = func.coalesce(incidents.c.date, incidents.c.date_min)
SERVE_INDEXES = (
    Index("ix_events_day_key", EVENT_DAY, events.c.article, events.c.id),
    Index("ix_events_type_day_key", events.c.event_type, EVENT_DAY, events.c.article, events.c.id),
    Index("ix_events_country_day_key", events.c.place_country, EVENT_DAY, events.c.article, events.c.id),
    Index("ix_articles_day_key", ARTICLE_DAY, articles.c.sha256),
    Index("ix_incidents_day_key", INCIDENT_DAY, incidents.c.id),
    Index("ix_incidents_type_day_key", incidents.c.event_type, INCIDENT_DAY, incidents.c.id),
    Index("ix_event_actors_country", event_actors.c.country, event_actors.c.role),
)

# Tables filled from documents, in insertion order (children after articles).
DOCUMENT_TABLES = (entities, places, attributions, events, event_actors)
LINK_TABLES = (link_articles, incidents, incident_events, claim_clusters, claim_members)
ALL_TABLES = (articles, *DOCUMENT_TABLES)
