"""The corpus store on SQLite and PostgreSQL: idempotent adds, queries, documents back, refusing bad stores."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from corpus_fixtures import KYIV_TEXT, hand_document
from wirewatch.errors import StoreError
from wirewatch.model import Document
from wirewatch.store import SCHEMA_VERSION, open_store
from wirewatch.store import export as ex


def test_add_is_idempotent_and_documents_round_trip(db_url: str) -> None:
    article, doc = hand_document()
    with open_store(db_url) as store:
        assert not store.has(article.sha256)
        assert store.add(article, doc) is True
        assert store.add(article, doc) is False  # same text: nothing new
        # the same text re-wrapped is the same article
        article2, doc2 = hand_document(text=KYIV_TEXT.replace("\n\n", "\n \n"))
        assert store.add(article2, doc2) is False
        assert store.count() == 1
        assert store.known([article.sha256, "0" * 64]) == {article.sha256}
        (back,) = list(store.documents())
    assert back == doc
    assert back.to_dict() == doc.to_dict()


def test_reopen_keeps_data(db_url: str) -> None:
    article, doc = hand_document()
    with open_store(db_url) as store:
        store.add(article, doc)
    with open_store(db_url, create=False) as store:
        assert store.count() == 1
        (row,) = store.articles()
        assert row["text"] == KYIV_TEXT and row["source"] == "Test Wire" and row["origin"] == "hand.txt"


def test_event_queries(db_url: str) -> None:
    a1, d1 = hand_document()
    a2, d2 = hand_document(text=KYIV_TEXT.replace("Monday", "Friday"), source="Other Post",
                           published="2024-06-01")
    with open_store(db_url) as store:
        store.add_many([(a1, d1), (a2, d2)])

        def ids(**kw: object) -> list[tuple[str, str]]:
            return [(r["article_id"], r["event_id"]) for r in store.events(**kw)]  # type: ignore[arg-type]

        assert len(ids()) == 6
        assert {e for _, e in ids(event_type=["assault"])} == {"V2", "V3"}
        assert len(ids(event_type=["ASSAULT"])) == 4
        assert {e for _, e in ids(actor="RUS")} == {"V2", "V3"}  # by country code
        assert {e for _, e in ids(actor="krem")} == {"V3"}  # by name, any case
        assert {e for _, e in ids(recipient="Russia")} == {"V1"}
        assert {e for _, e in ids(place="kharkiv")} == {"V2", "V3"}
        assert {e for _, e in ids(place="UKR")} == {"V2", "V3"}
        assert {e for _, e in ids(stance=["denies"])} == {"V3"}
        assert {a for a, _ in ids(source="other")} == {d2.article.id}
        assert ids(aux=False, event_type=["ASSAULT"], source="test") == [(d1.article.id, "V2")]
        # the date range reads the event's date, else the article's publication date
        assert ids(since="2024-05-07") == [(d2.article.id, "V3")]  # dateless event, published 2024-06-01
        assert len(ids(until="2024-05-06")) == 5
        assert ids(since="2024-05-06", until="2024-05-06", event_type=["ACCUSE"], source="test") == [
            (d1.article.id, "V1")]
        assert ids(limit=2) == ids()[:2]

        (row,) = list(store.events(event_type=["ASSAULT"], source="test", aux=False))
        text = a1.text
        # each row links back to its article and its evidence span
        assert row["article_id"] == d1.article.id
        assert text[row["evidence_start"]:row["evidence_end"]] == row["evidence"]
        assert text[row["trigger_start"]:row["trigger_end"]] == row["trigger_text"] == "shelling"
        assert (row["actors"], row["actor_countries"], row["place_name"], row["place_country"]) == (
            "Russia", "RUS", "Kharkiv", "UKR")
        assert (row["lat"], row["lon"], row["cameo"], row["stance"]) == (49.98081, 36.25272, "195", "asserts")


def test_claim_and_entity_queries(db_url: str) -> None:
    article, doc = hand_document()
    with open_store(db_url) as store:
        store.add(article, doc)
        claims = list(store.claims())
        assert [c["claim_id"] for c in claims] == ["A1", "A2"]
        (denial,) = store.claims(stance=["denies"])
        assert (denial["speaker"], denial["speaker_name"], denial["speaker_country"]) == (
            "The Kremlin", "Kremlin", "RUS")
        assert article.text[denial["evidence_start"]:denial["evidence_end"]] == denial["evidence"]
        assert [c["claim_id"] for c in store.claims(speaker="RUS")] == ["A2"]
        assert [c["claim_id"] for c in store.claims(contains="SHELLING")] == ["A1"]
        assert list(store.claims(since="2024-06-01")) == []
        ents = list(store.entities(country="rus"))
        assert [e["name"] for e in ents] == ["Russia", "Kremlin"]
        assert [e["name"] for e in store.entities(label=["org"])] == ["Kremlin"]
        assert [e["name"] for e in store.entities(sector="gov", name="ukr")] == ["Ukraine"]
        first = ents[0]
        assert article.text[first["evidence_start"]:first["evidence_end"]] == first["evidence"] == "Russia"


def test_exports_parse_back(db_url: str, tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    article, doc = hand_document()
    with open_store(db_url) as store:
        store.add(article, doc)
        buf = io.StringIO()
        assert ex.write_jsonl(store, buf) == 1
        (line,) = buf.getvalue().splitlines()
        assert Document.from_dict(json.loads(line)) == doc

        buf = io.StringIO()
        assert ex.write_csv(store, buf) == 3
        rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
        assert tuple(rows[0]) == ex.CSV_COLUMNS
        shell = next(r for r in rows if r["event_id"] == "V2")
        assert (shell["date"], shell["event_type"], shell["actor_name"], shell["actor_country"],
                shell["cameo_code"], shell["cameo_root"], shell["place_name"], shell["lat"],
                shell["source"], shell["article_id"]) == (
            "2024-05-06", "ASSAULT", "Russia", "RUS", "195", "19", "Kharkiv", "49.98081", "Test Wire",
            doc.article.id)
        assert shell["evidence_text"] == article.text[int(shell["evidence_start"]):int(shell["evidence_end"])]

        buf = io.StringIO()
        assert ex.write_geojson(store, buf) == 2  # V1 has no place
        gj = json.loads(buf.getvalue())
        assert gj["type"] == "FeatureCollection"
        for f in gj["features"]:
            assert f["geometry"] == {"type": "Point", "coordinates": [36.25272, 49.98081]}
            assert f["properties"]["place_name"] == "Kharkiv"

        written = dict(ex.write_parquet(store, tmp_path / "pq"))
        assert written[tmp_path / "pq" / "events.parquet"] == 3
        events = pq.read_table(tmp_path / "pq" / "events.parquet").to_pylist()
        assert {e["id"] for e in events} == {"V1", "V2", "V3"}
        assert all(e["article_id"] == doc.article.id for e in events)
        assert pq.read_table(tmp_path / "pq" / "entities.parquet").num_rows == 4
        assert pq.read_table(tmp_path / "pq" / "places.parquet").column("lat").to_pylist() == [49.98081]
        assert pq.read_table(tmp_path / "pq" / "attributions.parquet").num_rows == 2
        arts = pq.read_table(tmp_path / "pq" / "articles.parquet").to_pylist()
        assert arts[0]["text"] == article.text and "document" not in arts[0]
        single = dict(ex.write_parquet(store, tmp_path / "one" / "corpus.parquet"))
        assert tmp_path / "one" / "corpus.places.parquet" in single


def test_empty_store_exports_empty_tables(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    with open_store(str(tmp_path / "e.db")) as store:
        buf = io.StringIO()
        assert ex.write_geojson(store, buf) == 0
        assert json.loads(buf.getvalue()) == {"type": "FeatureCollection", "features": []}
        ex.write_parquet(store, tmp_path / "pq")
    table = pq.read_table(tmp_path / "pq" / "events.parquet")
    assert table.num_rows == 0 and "event_type" in table.column_names


# -- refusing what is not a usable corpus, without touching it ----------------------------------------
def test_corrupt_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "bad.db"
    data = b"this is not a database at all\n" * 100
    path.write_bytes(data)
    with pytest.raises(StoreError, match="not a SQLite database"):
        open_store(str(path))
    assert path.read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.db"]


def test_damaged_sqlite_pages_give_store_error(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    article, doc = hand_document()
    with open_store(str(path)) as store:
        store.add(article, doc)
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    raw = bytearray(path.read_bytes())
    raw[100:4096] = b"\xff" * (4096 - 100)  # smash the schema page, keep the header
    path.write_bytes(bytes(raw))
    with pytest.raises(StoreError):
        open_store(str(path))
    assert path.read_bytes() == bytes(raw)


def test_foreign_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE recipes (name TEXT)")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a wirewatch corpus"):
        open_store(str(path))
    assert path.read_bytes() == before


def test_missing_store_is_not_created_for_reading(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such corpus"):
        open_store(str(tmp_path / "nope.db"), create=False)
    assert not (tmp_path / "nope.db").exists()
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "no" / "dir" / "x.db"))


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "v.db"
    open_store(str(path)).close()
    con = sqlite3.connect(path)
    assert con.execute("SELECT value FROM wirewatch_meta WHERE key='schema_version'").fetchone() == (SCHEMA_VERSION,)
    con.execute("UPDATE wirewatch_meta SET value='99'")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="schema version '99'"):
        open_store(str(path))


@pytest.mark.parametrize("url", ["mysql://u@localhost/x", "postgresql://u@127.0.0.1:1/none",
                                 "postgresql://u:secret@[bad", "sqlite://"])
def test_bad_urls(url: str) -> None:
    if url == "sqlite://":  # an in-memory store is allowed
        with open_store(url) as store:
            assert store.count() == 0
        return
    with pytest.raises(StoreError) as err:
        open_store(url)
    assert "\n" not in str(err.value) and "secret" not in str(err.value)


def test_refused_article_does_not_sink_its_batch(db_url: str) -> None:
    good = hand_document()
    bad_article, bad_doc = hand_document(text=KYIV_TEXT + "Extra line.\n")
    bad_doc.entities[0].name = None  # type: ignore[assignment]  (a NOT NULL column refuses it)
    refused: list[str] = []
    with open_store(db_url) as store:
        with pytest.raises(StoreError):
            store.add_many([good, (bad_article, bad_doc)])
        assert store.count() == 0  # the failed batch left nothing behind
        added = store.add_many([good, (bad_article, bad_doc)],
                               on_error=lambda a, why: refused.append(f"{a.origin}: {why}"))
        assert added == 1 and store.count() == 1 and store.has(good[0].sha256)
    assert len(refused) == 1 and refused[0].startswith("hand.txt: cannot be stored")


def test_document_dict_is_what_asdict_gives_and_shares_nothing_mutable() -> None:
    import dataclasses

    _, doc = hand_document()
    expected = dataclasses.asdict(doc)
    expected = {"schema": expected.pop("schema"), **expected}
    got = doc.to_dict()
    assert got == expected and list(got) == list(expected)
    assert got["events"] and got["attributions"] and got["entities"]
    # a changed dict leaves the document alone (asdict's copy semantics, kept)
    got["events"][0]["trigger"]["text"] = "changed"
    got["entities"][0]["mentions"].clear()
    assert doc.to_dict() == expected
