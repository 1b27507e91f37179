"""Export writers: contract JSONL, GDELT-like event CSV, GeoJSON points, Parquet tables."""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from ..errors import InputError
from . import schema as s
from .rows import cameo_root
from .store import Store

# One row per event, in the spirit of GDELT's event table (actors and recipients may be several: "; ").
CSV_COLUMNS = (
    "date", "date_precision", "event_type", "mode", "cameo_code", "cameo_root", "aux",
    "actor_name", "actor_country", "actor_sector", "recipient_name", "recipient_country", "recipient_sector",
    "place_name", "place_country", "lat", "lon", "stance", "speaker", "confidence",
    "source", "published", "url", "article_id", "event_id", "evidence_start", "evidence_end", "evidence_text",
)


def write_jsonl(store: Store, out: TextIO) -> int:
    """One contract document per line (``Document.from_dict`` reads each back)."""
    n = 0
    for doc in store.document_dicts():
        out.write(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n")
        n += 1
    return n


def event_records(store: Store) -> Iterator[dict[str, Any]]:
    for r in store.events():
        yield {
            "date": r["date"], "date_precision": r["date_precision"] if r["event_date"] else None,
            "event_type": r["event_type"], "mode": r["mode"], "cameo_code": r["cameo"],
            "cameo_root": cameo_root(r["cameo"]), "aux": r["aux"],
            "actor_name": r["actors"], "actor_country": r["actor_countries"], "actor_sector": r["actor_sectors"],
            "recipient_name": r["recipients"], "recipient_country": r["recipient_countries"],
            "recipient_sector": r["recipient_sectors"], "place_name": r["place_name"],
            "place_country": r["place_country"], "lat": r["lat"], "lon": r["lon"], "stance": r["stance"],
            "speaker": r["speaker"], "confidence": r["confidence"], "source": r["source"],
            "published": r["published"], "url": r["url"], "article_id": r["article_id"],
            "event_id": r["event_id"], "evidence_start": r["evidence_start"], "evidence_end": r["evidence_end"],
            "evidence_text": r["evidence"],
        }


def write_csv(store: Store, out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=list(CSV_COLUMNS), lineterminator="\n")
    writer.writeheader()
    n = 0
    for rec in event_records(store):
        writer.writerow(rec)
        n += 1
    return n


def write_geojson(store: Store, out: TextIO) -> int:
    """A FeatureCollection with one Point per event that has a place ([lon, lat], WGS 84)."""
    out.write('{"type":"FeatureCollection","features":[')
    n = 0
    for rec in event_records(store):
        if rec["lat"] is None or rec["lon"] is None:
            continue
        props = {k: v for k, v in rec.items() if k not in ("lat", "lon")}
        feature = {"type": "Feature", "id": f"{rec['article_id']}/{rec['event_id']}",
                   "geometry": {"type": "Point", "coordinates": [rec["lon"], rec["lat"]]}, "properties": props}
        out.write(("," if n else "") + "\n" + json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
        n += 1
    out.write("\n]}\n")
    return n


# -- the link stage's records --------------------------------------------------------------------
INCIDENT_COLUMNS = (
    "incident_id", "event_type", "date", "date_min", "date_max", "place_name", "place_country", "lat", "lon",
    "actors", "recipients", "events", "articles", "sources", "first_published",
)
CLAIM_MEMBER_COLUMNS = (
    "cluster_id", "summary", "independent_sources", "disputing_sources", "contested", "article_id", "source",
    "published", "claim_id", "kind", "stance", "speaker", "origin", "via", "evidence_start", "evidence_end",
    "evidence",
)


def _jsonl(records: Iterator[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for rec in records:
        out.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")
        n += 1
    return n


def write_incidents_jsonl(store: Store, out: TextIO) -> int:
    """One incident per line, with its member events and their evidence spans."""
    return _jsonl(store.incident_records(), out)


def write_incidents_csv(store: Store, out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=list(INCIDENT_COLUMNS), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in store.incidents():
        writer.writerow(row)
        n += 1
    return n


def write_incidents_geojson(store: Store, out: TextIO) -> int:
    """A FeatureCollection with one Point per incident that has a place; ``members`` lists its events."""
    out.write('{"type":"FeatureCollection","features":[')
    n = 0
    for rec in store.incident_records():
        if rec["lat"] is None or rec["lon"] is None:
            continue
        props = {k: v for k, v in rec.items() if k not in ("lat", "lon")}
        feature = {"type": "Feature", "id": rec["incident_id"],
                   "geometry": {"type": "Point", "coordinates": [rec["lon"], rec["lat"]]}, "properties": props}
        out.write(("," if n else "") + "\n" + json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
        n += 1
    out.write("\n]}\n")
    return n


def write_claims_jsonl(store: Store, out: TextIO) -> int:
    """One claim cluster per line: its independent-source count, contestation and every member claim."""
    return _jsonl(store.cluster_records(), out)


def write_claims_csv(store: Store, out: TextIO) -> int:
    """One row per member claim, with its cluster's figures."""
    writer = csv.DictWriter(out, fieldnames=list(CLAIM_MEMBER_COLUMNS), extrasaction="ignore",
                            lineterminator="\n")
    writer.writeheader()
    n = 0
    for rec in store.cluster_records():
        head = {k: v for k, v in rec.items() if k != "members"}
        for member in rec["members"]:
            writer.writerow({**head, **member})
        n += 1
    return n


# what ``wirewatch export --what W --format F`` runs, and what it counts
WRITERS: dict[tuple[str, str], Any] = {
    ("documents", "jsonl"): write_jsonl, ("events", "csv"): write_csv, ("events", "geojson"): write_geojson,
    ("incidents", "jsonl"): write_incidents_jsonl, ("incidents", "csv"): write_incidents_csv,
    ("incidents", "geojson"): write_incidents_geojson,
    ("claims", "jsonl"): write_claims_jsonl, ("claims", "csv"): write_claims_csv,
}

LINK_PARQUET_TABLES = ("link_articles", "incidents", "incident_events", "claim_clusters", "claim_members")
PARQUET_TABLES = ("articles", "events", "event_actors", "attributions", "entities", "places",
                  *LINK_PARQUET_TABLES)


def parquet_paths(out: Path) -> dict[str, Path]:
    """``out/NAME.parquet`` for a folder, ``STEM.NAME.parquet`` beside ``out`` when it ends in .parquet."""
    if out.suffix == ".parquet":
        stem = out.name[: -len(".parquet")]
        return {t: out.with_name(f"{stem}.{t}.parquet") for t in PARQUET_TABLES}
    return {t: out / f"{t}.parquet" for t in PARQUET_TABLES}


def arrow_schema(name: str) -> Any:
    import pyarrow as pa
    from sqlalchemy import Boolean, Float, Integer

    table = s.metadata.tables[name]
    fields = [pa.field("article_id", pa.string())] if name != "articles" and "article" in table.c else []
    for col in table.c:
        if (name == "articles" and col.name == "document") or col.name in ("minhash", "centroid", "votes"):
            continue
        kind = pa.int64() if isinstance(col.type, Integer) else pa.float64() if isinstance(col.type, Float) \
            else pa.bool_() if isinstance(col.type, Boolean) else pa.string()
        fields.append(pa.field(col.name, kind))
    return pa.schema(fields)


def write_parquet(store: Store, out: Path, batch: int = 5000) -> list[tuple[Path, int]]:
    """One Parquet file per table; each is written to a temporary name and renamed when complete."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    paths = parquet_paths(out)
    folder = next(iter(paths.values())).parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{folder}: cannot create folder ({exc.strerror})") from None
    written = []
    for name, path in paths.items():
        schema = arrow_schema(name)
        rows = (store.articles() if name == "articles" else store.link_table_rows(name)
                if name in LINK_PARQUET_TABLES else store.table_rows(name))
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        n = 0
        try:
            with pq.ParquetWriter(tmp, schema) as writer:
                chunk: list[dict[str, Any]] = []
                for row in rows:
                    chunk.append(row)
                    if len(chunk) >= batch:
                        writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                        n += len(chunk)
                        chunk = []
                if chunk or n == 0:
                    writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                    n += len(chunk)
            os.replace(tmp, path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise InputError(f"{path}: cannot write ({exc.strerror})") from None
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        written.append((path, n))
    return written
