"""The JSON API (wirewatch serve): shapes, filters, keyset pagination, formats, evidence offsets, errors,
the write token, escaping, and the CLI binding to 127.0.0.1.

The corpus: six sample articles, two linked stories (copies, incidents, claim clusters) and one article of
our own with markup in its text, ingested and linked once per module."""

from __future__ import annotations

import csv
import io
import json
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from conftest import REPO
from wirewatch.cli import cli, register_subcommands
from wirewatch.serve import create_app

register_subcommands()
SAMPLES = REPO / "samples"
SCRIPT_TEXT = ("Protesters marched in Nairobi on Monday, police said. <script>alert('x')</script> "
               "The interior ministry said the march was peaceful & calm.")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("serve")
    db = folder / "serve.db"
    extra = folder / "script.jsonl"
    extra.write_text(json.dumps({"text": SCRIPT_TEXT, "title": "<b>Nairobi</b> march", "source": "Test <Wire>",
                                 "published": "2024-07-15", "url": "https://example.invalid/x"}) + "\n")
    inputs = [*sorted(str(p) for p in (SAMPLES / "articles").glob("0[1-6]-*.txt")),
              str(SAMPLES / "linked" / "01-gao-drone-strikes"), str(SAMPLES / "linked" / "05-tunis-journalist-arrests"),
              str(extra)]
    r = CliRunner().invoke(cli, ["ingest", *inputs, "--db", str(db), "--jobs", "1", "--quiet"],
                           catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return db


@pytest.fixture(scope="module")
def client(corpus: Path) -> TestClient:
    return TestClient(create_app(str(corpus)), raise_server_exceptions=False)


def get(client: TestClient, url: str, status: int = 200) -> Any:
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:300])
    if r.headers["content-type"].startswith(("application/json", "application/geo+json")):
        return r.json()
    return r.text


def walk(client: TestClient, url: str, size: int) -> list[dict[str, Any]]:
    """Every row of a listing, following next_url page by page."""
    sep = "&" if "?" in url else "?"
    page = get(client, f"{url}{sep}_size={size}")
    rows = list(page["rows"])
    pages = 1
    while page["next"]:
        assert page["next_url"] and "_next=" in page["next_url"]
        assert len(page["rows"]) == size
        page = get(client, page["next_url"].replace("http://testserver", ""))
        rows += page["rows"]
        pages += 1
        assert pages < 500
    return rows


def article_text(client: TestClient, article_id: str, cache: dict[str, str] = {}) -> str:  # noqa: B006
    if article_id not in cache:
        cache[article_id] = get(client, f"/api/articles/{article_id}")["text"]
    return cache[article_id]


def check_span(text: str, sp: dict[str, Any] | None) -> None:
    if sp is None or sp.get("start") is None:
        return
    assert text[sp["start"]:sp["end"]] == sp["text"], sp


# -- schema and shapes -----------------------------------------------------------------------------------
def test_openapi_lists_every_endpoint(client: TestClient) -> None:
    schema = get(client, "/openapi.json")
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/events", "/api/incidents", "/api/claims",
                 "/api/entities", "/api/places", "/api/timeline", "/api/facets", "/api/ingest"):
        assert path in schema["paths"], path
    names = {p["name"] for p in schema["paths"]["/api/events"]["get"]["parameters"]}
    assert {"type", "actor", "country", "bbox", "since", "until", "_size", "_next", "_format"} <= names


def test_list_shape(client: TestClient) -> None:
    for path in ("articles", "events", "incidents", "claims", "entities", "places"):
        page = get(client, f"/api/{path}?_size=2")
        assert set(page) == {"rows", "next", "next_url", "filters"}, path
        assert len(page["rows"]) == 2 and page["next"], path
        for row in page["rows"]:
            assert "_key" not in row
            assert "article_id" in row or path == "incidents", path


def test_events_rows_carry_evidence(client: TestClient) -> None:
    rows = walk(client, "/api/events", 1000)
    assert len(rows) > 50
    for r in rows:
        assert {"id", "article_id", "event_type", "mode", "context", "actor", "recipient", "place", "date",
                "trigger", "sentence", "aux", "confidence", "source", "published", "incident_id"} <= set(r)
        text = article_text(client, r["article_id"])
        check_span(text, r["trigger"])
        check_span(text, r["sentence"])
        assert r["sentence"]["start"] <= r["trigger"]["start"] < r["trigger"]["end"] <= r["sentence"]["end"]
        for a in r["actors"] + r["recipients"]:
            check_span(text, a)
        if r["place"]:
            check_span(text, r["place"])
    own = [r["date"] if r["date_basis"] == "event" else "" for r in rows]
    assert own == sorted(own, reverse=True)  # newest first by the event's own day; undated ones last
    assert any(r["incident_id"] for r in rows)


def test_claims_rows(client: TestClient) -> None:
    rows = walk(client, "/api/claims", 1000)
    assert len(rows) > 50
    for r in rows:
        text = article_text(client, r["article_id"])
        check_span(text, r["content"])
        check_span(text, r["speaker"])
        check_span(text, r["cue"])
        for c in r["chain"]:
            check_span(text, c)
        assert r["stance"] in ("asserts", "denies", "cannot_confirm", "hedges")
        assert isinstance(r["corroborating"], list) and isinstance(r["contradicting"], list)
    assert any(r["chain"] for r in rows), "some claim passes through an intermediary"
    assert any(r["disputed_by"] for r in rows)
    corroborated = [r for r in rows if (r["independent_sources"] or 0) >= 2]
    assert corroborated and all(r["corroborating"] or r["contradicting"] for r in corroborated)
    for r in corroborated:
        for other in r["corroborating"] + r["contradicting"]:
            assert other["article_id"] and other["stance"]


def test_incidents_members(client: TestClient) -> None:
    rows = walk(client, "/api/incidents", 1000)
    multi = [r for r in rows if r["n_articles"] >= 2]
    assert multi, "the linked stories make multi-article incidents"
    for r in rows:
        assert {"id", "event_type", "date", "place", "n_articles", "n_sources", "members"} <= set(r)
        for m in r["members"]:
            text = article_text(client, m["article_id"])
            check_span(text, m["trigger"])
            check_span(text, m["sentence"])
        assert len({m["article_id"] for m in r["members"]}) == r["n_articles"]
    one = multi[0]
    events = get(client, f"/api/events?incident={one['id']}&_size=1000")["rows"]
    assert {(e["article_id"], e["event_id"]) for e in events} == {(m["article_id"], m["event_id"])
                                                                   for m in one["members"]}


def test_article_detail(client: TestClient) -> None:
    arts = walk(client, "/api/articles", 1000)
    assert len(arts) == 17
    copies = [a for a in arts if a["copies"] and a["copies"] > 1]
    assert copies and any(a["duplicate"] for a in copies)
    for a in arts:
        assert a["n_events"] >= 0 and a["n_claims"] >= 0
    doc = get(client, f"/api/articles/{copies[0]['id']}")
    assert doc["schema"] == "wirewatch.document/1"
    assert {"text", "entities", "events", "attributions", "places", "links"} <= set(doc)
    for e in doc["events"]:
        check_span(doc["text"], e["trigger"])
        assert "incident_id" in e
    assert doc["links"]["copies"] and doc["links"]["copy_group"]
    assert get(client, f"/api/articles/{copies[0]['sha256']}")["article"]["id"] == copies[0]["id"]
    assert get(client, f"/api/articles/{copies[0]['id']}.json")["article"]["id"] == copies[0]["id"]
    n = get(client, f"/api/events?article={copies[0]['id']}&_size=1000")["rows"]
    assert len(n) == copies[0]["n_events"] == len(doc["events"])


def test_entities_and_places(client: TestClient) -> None:
    ents = get(client, "/api/entities?country=MLI&_size=1000")["rows"]
    assert ents and all(e["country"] == "MLI" for e in ents)
    for e in ents:
        check_span(article_text(client, e["article_id"]), e["first_mention"])
    places = walk(client, "/api/places", 5)
    assert places and all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in places)
    counts = [p["n_articles"] for p in places]
    assert counts == sorted(counts, reverse=True)
    assert len({p["id"] for p in places}) == len(places)
    ex = places[0]["example"]
    check_span(article_text(client, ex["article_id"]), ex)


def test_timeline_and_facets(client: TestClient) -> None:
    events = walk(client, "/api/events", 1000)
    tl = get(client, "/api/timeline")["rows"]
    assert sum(d["count"] for d in tl) == len([e for e in events if e["date_basis"] == "event"])
    assert [d["day"] for d in tl] == sorted(d["day"] for d in tl)
    assaults = get(client, "/api/timeline?type=ASSAULT")["rows"]
    assert sum(d["count"] for d in assaults) == len([e for e in events if e["event_type"] == "ASSAULT"
                                                               and e["date_basis"] == "event"])
    for what in ("incidents", "claims"):
        assert get(client, f"/api/timeline?what={what}")["rows"]
    facets = get(client, "/api/facets")["facets"]
    assert {"event_type", "country", "source", "stance"} <= set(facets)
    assert sum(f["count"] for f in facets["event_type"]) == len(events)


# -- filters ---------------------------------------------------------------------------------------------
def test_event_filters(client: TestClient) -> None:
    every = walk(client, "/api/events", 1000)
    page = get(client, "/api/events?type=ASSAULT&type=coerce&_size=1000")
    assert page["filters"]["type"] == ["ASSAULT", "COERCE"]
    assert {r["event_type"] for r in page["rows"]} == {"ASSAULT", "COERCE"}
    assert len(page["rows"]) == len([e for e in every if e["event_type"] in ("ASSAULT", "COERCE")])
    assert walk(client, "/api/events?type=ASSAULT,COERCE", 2) == page["rows"]  # merged pages keep the order
    mli = get(client, "/api/events?country=mli&_size=1000")["rows"]
    assert mli and all(r["place"]["country"] == "MLI" for r in mli)
    ranged = get(client, "/api/events?since=2024-03-14&until=2024-03-15&_size=1000")["rows"]
    assert ranged and all("2024-03-14" <= r["date"] <= "2024-03-15" for r in ranged)
    assert len(ranged) == len([e for e in every if e["date_basis"] == "event"
                               and "2024-03-14" <= e["date"] <= "2024-03-15"])
    box = get(client, "/api/events?bbox=-12,10,4,25&_size=1000")["rows"]  # Mali
    assert box and all(-12 <= r["place"]["lon"] <= 4 and 10 <= r["place"]["lat"] <= 25 for r in box)
    src = get(client, "/api/events?source=sample%20desk&_size=1000")["rows"]
    assert src and all("sample desk" in r["source"].lower() for r in src)
    actor = get(client, "/api/events?actor=MLI&_size=1000")["rows"]
    assert actor and all(any(a["country"] == "MLI" for a in r["actors"]) for r in actor)
    happened = get(client, "/api/events?no_aux=true&_size=1000")["rows"]
    assert all(r["aux"] is None for r in happened)
    negated = get(client, "/api/events?negated=true&_size=1000")["rows"]
    assert all(r["aux"] == "negation" for r in negated)
    assert get(client, "/api/events?article=nosuch")["rows"] == []


def test_claim_and_incident_filters(client: TestClient) -> None:
    denies = get(client, "/api/claims?stance=denies&_size=1000")["rows"]
    assert denies and all(r["stance"] == "denies" for r in denies)
    corr = get(client, "/api/claims?corroborated=2&_size=1000")["rows"]
    assert corr and all(r["independent_sources"] >= 2 for r in corr)
    contested = get(client, "/api/claims?contested=true&_size=1000")["rows"]
    assert all(r["contested"] for r in contested)
    cluster = corr[0]["cluster_id"]
    members = get(client, f"/api/claims?cluster={cluster}&_size=1000")["rows"]
    assert len(members) >= 2 and all(r["cluster_id"] == cluster for r in members)
    multi = get(client, "/api/incidents?min_articles=2&_size=1000")["rows"]
    assert multi and all(r["n_articles"] >= 2 for r in multi)
    assault = get(client, "/api/incidents?type=ASSAULT&_size=1000")["rows"]
    assert assault and all(r["event_type"] == "ASSAULT" for r in assault)
    one = get(client, f"/api/incidents?id={assault[0]['id']}")["rows"]
    assert [r["id"] for r in one] == [assault[0]["id"]]
    arts = get(client, "/api/articles?copies=true&_size=1000")["rows"]
    assert arts and all(a["copies"] > 1 for a in arts)


# -- pagination ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["events", "claims", "articles", "incidents", "entities", "places",
                                  "events?type=ASSAULT,REJECT,COERCE", "claims?stance=asserts"])
def test_pagination_walks_every_row_once(client: TestClient, path: str) -> None:
    whole = get(client, f"/api/{path}{'&' if '?' in path else '?'}_size=1000")
    assert whole["next"] is None
    paged = walk(client, f"/api/{path}", 7)
    assert [r["id"] for r in paged] == [r["id"] for r in whole["rows"]]
    assert len({r["id"] for r in paged}) == len(paged)


def test_next_token_of_another_listing_is_refused(client: TestClient) -> None:
    token = get(client, "/api/articles?_size=1")["next"]
    err = get(client, f"/api/events?_next={token}", 400)
    assert err["status"] == 400 and "_next" in err["error"]


# -- formats ---------------------------------------------------------------------------------------------
def test_csv(client: TestClient) -> None:
    for url in ("/api/events.csv?_size=20", "/api/events?_format=csv&_size=20", "/api/claims.csv?_size=20",
                "/api/incidents.csv", "/api/articles.csv", "/api/entities.csv", "/api/places.csv",
                "/api/timeline?_format=csv"):
        r = client.get(url)
        assert r.status_code == 200, url
        assert r.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(r.text)))
        assert rows, url
    rows = list(csv.DictReader(io.StringIO(client.get("/api/events.csv?_size=20").text)))
    assert {"article_id", "trigger_start", "trigger_end", "trigger_text", "sentence_start"} <= set(rows[0])
    r = client.get("/api/events.csv?_size=2")
    assert 'rel="next"' in r.headers["link"]


def test_geojson(client: TestClient) -> None:
    for url in ("/api/events.geojson?_size=50", "/api/incidents?_format=geojson", "/api/places.geojson"):
        r = client.get(url)
        assert r.status_code == 200 and r.headers["content-type"].startswith("application/geo+json")
        fc = r.json()
        assert fc["type"] == "FeatureCollection" and fc["features"]
        for f in fc["features"]:
            assert f["type"] == "Feature" and "properties" in f
            if f["geometry"] is not None:
                lon, lat = f["geometry"]["coordinates"]
                assert f["geometry"]["type"] == "Point" and -180 <= lon <= 180 and -90 <= lat <= 90
    assert get(client, "/api/claims.geojson", 400)["status"] == 400


# -- errors ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("url", [
    "/api/events?since=2024-02-30", "/api/events?since=yesterday", "/api/events?until=2024-1-1",
    "/api/events?since=2024-05-01&until=2024-04-01", "/api/events?bbox=1,2,3", "/api/events?bbox=a,b,c,d",
    "/api/events?bbox=0,95,1,96", "/api/events?bbox=0,10,1,5", "/api/events?type=NOPE", "/api/events?_size=0",
    "/api/events?_size=100000", "/api/events?_size=abc", "/api/events?_next=%%%", "/api/events?_next=WzFd",
    "/api/events?_format=xml", "/api/events.xml", "/api/events?stance=maybe", "/api/events?aux=often",
    "/api/events?negated=perhaps", "/api/events?min_confidence=2", "/api/events?country=R1S",
    "/api/incidents?min_sources=-1", "/api/incidents?min_sources=x", "/api/claims?contested=sometimes",
    "/api/claims?kind=rumour", "/api/claims?corroborated=two", "/api/timeline?what=stars",
    "/api/articles?since=2024-13-01", "/api/places?_next=WyJhIl0", "/api/entities?until=tomorrow",
    "/api/events?actor=" + "x" * 500, "/api/events?place=a%00b",
])
def test_bad_parameters_are_json_400s(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code in (400, 422), (url, r.status_code, r.text)
    body = r.json()
    assert set(body) == {"error", "status"} and body["status"] == r.status_code
    assert "\n" not in body["error"] and "Traceback" not in body["error"]


def test_unknown_ids_are_404(client: TestClient) -> None:
    for url in ("/api/articles/0000000000000000", "/api/articles/" + "f" * 80, "/api/nothing"):
        err = get(client, url, 404)
        assert err["status"] == 404 and err["error"]


def test_internal_errors_hide_the_traceback(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from wirewatch.serve import queries

    app = create_app(str(corpus))

    def boom(*_a: Any, **_k: Any) -> None:
        raise RuntimeError("secret detail /etc/passwd")

    monkeypatch.setattr(queries, "events_page", boom)
    r = TestClient(app, raise_server_exceptions=False).get("/api/events")
    assert r.status_code == 500 and r.json() == {"error": "internal error", "status": 500}


# -- security --------------------------------------------------------------------------------------------
def test_markup_comes_back_escaped_json(client: TestClient) -> None:
    arts = get(client, "/api/articles?q=nairobi%3C%2Fb%3E")["rows"]
    assert len(arts) == 1 and arts[0]["title"] == "<b>Nairobi</b> march"
    r = client.get(f"/api/articles/{arts[0]['id']}")
    assert r.headers["content-type"].startswith("application/json")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "<script>" not in r.text and "<b>" not in r.text  # escaped as \u003c inside the JSON strings
    assert r.json()["text"] == SCRIPT_TEXT
    r = client.get(f"/api/events?article={arts[0]['id']}")
    assert "<script>" not in r.text


def test_get_never_writes(client: TestClient) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    store = client.app.state.wirewatch.store  # type: ignore[attr-defined]
    with store.engine.connect() as conn, pytest.raises(OperationalError):
        conn.execute(text("DELETE FROM articles"))
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/api/events").status_code == 405


def test_write_needs_the_token(corpus: Path, tmp_path: Path, pipeline: Any,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "w.db"
    shutil.copy(corpus, db)
    article = {"text": "Police arrested 12 protesters in Lagos on Tuesday, a police spokesman said.",
               "title": "Lagos arrests", "source": "Test Wire", "published": "2024-08-06"}
    monkeypatch.delenv("WIREWATCH_SERVE_TOKEN", raising=False)
    closed = TestClient(create_app(str(db)))
    r = closed.post("/api/ingest", json=article, headers={"Authorization": "Bearer anything"})
    assert r.status_code == 403 and r.json()["status"] == 403
    monkeypatch.setenv("WIREWATCH_SERVE_TOKEN", "s3cret-token")
    app = create_app(str(db))
    app.state.wirewatch.pipeline = pipeline
    c = TestClient(app)
    assert c.post("/api/ingest", json=article).status_code == 401
    assert c.post("/api/ingest", json=article, headers={"Authorization": "Bearer wrong"}).status_code == 401
    before = len(get(c, "/api/articles?_size=1000")["rows"])
    ok = {"Authorization": "Bearer s3cret-token"}
    assert c.post("/api/ingest", content=b"{not json", headers=ok).status_code == 400
    assert c.post("/api/ingest", json={"title": "no text"}, headers=ok).status_code == 400
    assert c.post("/api/ingest", json={**article, "published": "2024-99-01"}, headers=ok).status_code == 400
    r = c.post("/api/ingest", json=article, headers=ok)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["stored"] == 1 and body["articles"][0]["events"] >= 1
    assert len(get(c, "/api/articles?_size=1000")["rows"]) == before + 1
    new_id = body["articles"][0]["id"]
    assert get(c, f"/api/events?article={new_id}")["rows"]
    assert c.post("/api/ingest", json=[article], headers=ok).json()["stored"] == 0  # already stored
    assert create_app(str(db), token="other").state.wirewatch.token == "other"


def test_old_corpus_gets_the_listing_indexes(corpus: Path, tmp_path: Path) -> None:
    from wirewatch.store import schema as s

    db = tmp_path / "old.db"
    shutil.copy(corpus, db)
    con = sqlite3.connect(db)
    for ix in s.SERVE_INDEXES:
        con.execute(f"DROP INDEX {ix.name}")
    con.commit()
    con.close()
    TestClient(create_app(str(db))).get("/api/events")
    con = sqlite3.connect(db)
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    plan = " ".join(str(r) for r in con.execute(
        "EXPLAIN QUERY PLAN SELECT article, id FROM events ORDER BY coalesce(date, '') DESC, article DESC, "
        "id DESC LIMIT 5"))
    con.close()
    assert {ix.name for ix in s.SERVE_INDEXES} <= names
    assert "ix_events_day_key" in plan and "TEMP B-TREE" not in plan


# -- the command -----------------------------------------------------------------------------------------
def test_serve_command_binds_loopback_by_default(corpus: Path) -> None:
    import httpx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-c", "from wirewatch.cli import main; main()", "serve", "--db",
                             str(corpus), "--port", str(port), "--no-access-log"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/articles?_size=2", timeout=5)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else ""
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert r.status_code == 200 and len(r.json()["rows"]) == 2
        listening = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True)
        if listening.returncode == 0 and listening.stdout.strip():
            local = [line.split()[3] for line in listening.stdout.splitlines()]
            assert local == [f"127.0.0.1:{port}"]
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    out = proc.stdout.read().decode() if proc.stdout else ""
    assert "http://127.0.0.1:" in out and "read-only" in out


def test_serve_bad_db_is_one_line(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "missing.db")])
    assert r.exit_code == 2
    assert r.output.strip().count("\n") == 0 and "no such corpus" in r.output
