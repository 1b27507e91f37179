"""The corpus verbs as a user meets them: ingest (idempotent, crash-safe), query, export, bad stores."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from conftest import REPO
from corpus_fixtures import RSS_FEED, hand_document, reset_pg, write_small_corpus
from wirewatch.cli import cli, register_subcommands
from wirewatch.errors import StoreError
from wirewatch.model import Document
from wirewatch.store import open_store
from wirewatch.store import schema as s

register_subcommands()
TINY = {"WIREWATCH_PIPELINE": "entities"}  # where extraction is not the point
WIREWATCH = [sys.executable, "-c", "from wirewatch.cli import main; main()"]


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env={**TINY, **(env or {})}, catch_exceptions=False)


def dump(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted: two corpora are the same if their dumps are equal."""
    from sqlalchemy import select

    with open_store(url, create=False) as store, store.engine.connect() as conn:
        return {t.name: sorted((tuple(r) for r in conn.execute(select(t))), key=repr) for t in s.ALL_TABLES}


def mixed_folder(root: Path) -> Path:
    folder = root / "in"
    write_small_corpus(folder / "text", 3)
    (folder / "wire.jsonl").write_text(
        json.dumps({"text": "Border guards detained four smugglers near Odrin on Saturday.", "source": "JL"}) + "\n"
        + "{broken\n"
        + json.dumps({"text": "Militia members blocked the road to Zemma for a second day.",
                      "published": "2024-05-02"}) + "\n", encoding="utf-8")
    (folder / "valley.rss").write_text(RSS_FEED, encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"caf\xe9 au lait")
    return folder


def test_ingest_mixed_folder_is_idempotent(db_url: str, tmp_path: Path) -> None:
    folder = mixed_folder(tmp_path)
    r = invoke("ingest", str(folder), "--db", db_url, "--jobs", "1")
    assert r.exit_code == 1, r.output  # something was skipped
    assert f"skipped {folder / 'bad.txt'}: not UTF-8" in r.stderr
    assert f"skipped {folder / 'wire.jsonl'}:2: not valid JSON" in r.stderr
    assert "7 new article(s) stored" in r.stderr  # 3 text + 2 JSONL + 2 feed items
    first = dump(db_url)
    assert len(first["articles"]) == 7 and first["entities"]
    with open_store(db_url, create=False) as store:
        by_origin = {a["origin"]: a for a in store.articles()}
    assert by_origin[str(folder / "text" / "a0001.txt")]["source"] == "Test Wire"
    assert by_origin[str(folder / "wire.jsonl") + ":3"]["published"] == "2024-05-02"

    r = invoke("ingest", str(folder), str(folder / "text"), "--db", db_url, "--jobs", "1")
    assert r.exit_code == 1
    assert "0 new article(s) stored; 7 already stored, 3 duplicate(s)" in r.stderr
    assert dump(db_url) == first

    (folder / "bad.txt").unlink()
    (folder / "wire.jsonl").write_text(json.dumps({"text": "A new article about Quill."}) + "\n")
    r = invoke("ingest", str(folder), "--db", db_url, "--jobs", "1", "--quiet")
    assert r.exit_code == 0 and r.stderr == ""
    assert len(dump(db_url)["articles"]) == 8


def test_kill_9_then_rerun_equals_one_clean_run(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "many"
    total = 120
    write_small_corpus(folder, total)
    env = {**os.environ, **TINY}
    cmd = [*WIREWATCH, "ingest", str(folder), "--db", db_url, "--jobs", "1", "--batch-size", "4", "--quiet"]

    def count() -> int:
        try:
            with open_store(db_url, create=False) as store:
                return store.count()
        except StoreError:
            return 0

    proc = subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while count() < 8 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    killed_at = count()
    assert 0 < killed_at < total, f"not killed in the middle ({killed_at} stored)"

    rerun = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr.decode()
    after_crash = dump(db_url)
    assert len(after_crash["articles"]) == total

    if db_url.startswith("postgresql"):
        reset_pg(db_url)
        clean_url = db_url
    else:
        clean_url = str(tmp_path / "clean.db")
    clean = subprocess.run(cmd[:cmd.index("--db") + 1] + [clean_url] + cmd[cmd.index("--db") + 2:], cwd=tmp_path,
                           env=env, capture_output=True, timeout=300)
    assert clean.returncode == 0, clean.stderr.decode()
    assert dump(clean_url) == after_crash


def test_full_pipeline_in_worker_processes_with_progress(tmp_path: Path) -> None:
    samples = sorted((REPO / "samples" / "articles").glob("*.txt"))[:4]
    if len(samples) < 4:
        pytest.skip("sample articles are missing")
    db = tmp_path / "w.db"
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIREWATCH_")}
    proc = subprocess.run([*WIREWATCH, "ingest", *map(str, samples), "--db", str(db), "--jobs", "2", "--progress"],
                          cwd=tmp_path, env=env, capture_output=True, timeout=300)
    err = proc.stderr.decode()
    assert proc.returncode == 0, err
    assert "articles/s" in err and "4 new article(s) stored" in err and "2 jobs" in err
    with open_store(str(db), create=False) as store:
        docs = list(store.documents())
        texts = {a["sha256"]: a["text"] for a in store.articles()}
        rows = list(store.events())
    assert len(docs) == 4 and rows
    assert sum(len(d.events) for d in docs) == len(rows)
    for d in docs:
        text = texts[d.article.sha256]
        assert d.article.chars == len(text)
        for e in d.entities:
            for m in e.mentions:
                assert text[m.start:m.end] == m.text
    for row in rows:
        text = texts[next(d.article.sha256 for d in docs if d.article.id == row["article_id"])]
        assert text[row["evidence_start"]:row["evidence_end"]] == row["evidence"]


# -- queries and exports -------------------------------------------------------------------------------
@pytest.fixture
def corpus(tmp_path: Path) -> str:
    db = str(tmp_path / "q.db")
    with open_store(db) as store:
        store.add(*hand_document())
    return db


def test_events_formats_and_filters(corpus: str) -> None:
    r = invoke("events", "--db", corpus, "--type", "ASSAULT", "--place", "Kharkiv", "--format", "json")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert [x["event_id"] for x in rows] == ["V2", "V3"]
    assert rows[0]["evidence"].startswith("Ukraine accused Russia") and rows[0]["evidence_start"] == 0

    r = invoke("events", "--db", corpus, "--actor", "RUS", "--stance", "denies", "--format", "csv")
    (row,) = list(csv.DictReader(io.StringIO(r.stdout)))
    assert (row["event_id"], row["actors"], row["stance"]) == ("V3", "Kremlin", "denies")

    r = invoke("events", "--db", corpus)
    lines = r.stdout.splitlines()
    assert lines[0].split()[:3] == ["date", "event_type", "actors"] and len(lines) == 4
    assert "(3 rows)" in r.stderr

    r = invoke("events", "--db", corpus, "--min-confidence", "0.7", "--format", "json")
    assert [x["event_id"] for x in json.loads(r.stdout)] == ["V1", "V2"]
    assert invoke("events", "--db", corpus, "--min-confidence", "1.5").exit_code == 2

    r = invoke("events", "--db", corpus, "--since", "2030-01-01")
    assert r.exit_code == 0 and r.stdout == "" and "no rows" in r.stderr
    assert invoke("events", "--db", corpus, "--type", "PARTY").exit_code == 2
    assert invoke("events", "--db", corpus, "--until", "next week").exit_code == 2


def test_claims_and_entities(corpus: str) -> None:
    r = invoke("claims", "--db", corpus, "--speaker", "kremlin", "--format", "json")
    (claim,) = json.loads(r.stdout)
    assert (claim["stance"], claim["evidence"]) == ("denies", "its forces had struck the city")
    r = invoke("entities", "--db", corpus, "--country", "RUS", "--format", "csv")
    assert [x["name"] for x in csv.DictReader(io.StringIO(r.stdout))] == ["Russia", "Kremlin"]


def test_export_verbs(corpus: str, tmp_path: Path) -> None:
    out = tmp_path / "docs.jsonl"
    r = invoke("export", "--db", corpus, "--format", "jsonl", "--out", str(out))
    assert r.exit_code == 0 and "exported 1 documents" in r.stderr
    (line,) = out.read_text(encoding="utf-8").splitlines()
    assert Document.from_dict(json.loads(line)) == hand_document()[1]

    r = invoke("export", "--db", corpus, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert len(rows) == 3 and rows[0]["article_id"] == hand_document()[1].article.id

    r = invoke("export", "--db", corpus, "--format", "geojson", "--out", str(tmp_path / "ev.geojson"))
    assert len(json.loads((tmp_path / "ev.geojson").read_text())["features"]) == 2

    r = invoke("export", "--db", corpus, "--format", "parquet", "--out", str(tmp_path / "pq"))
    assert r.exit_code == 0
    import pyarrow.parquet as pq

    assert pq.read_table(tmp_path / "pq" / "events.parquet").num_rows == 3


# -- bad stores: one line, exit 2, nothing touched -------------------------------------------------------
def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*WIREWATCH, *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, **TINY})


def test_bad_db_url_is_one_line_exit_2(tmp_path: Path) -> None:
    art = tmp_path / "a.txt"
    art.write_text("Police arrested two men in Marsa.", encoding="utf-8")
    for url in ("mysql://u@localhost/db", "postgresql://nobody:pw@127.0.0.1:1/none", "/no/such/folder/x.db"):
        proc = run_cli("ingest", str(art), "--db", url, cwd=tmp_path)
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("wirewatch: error:"), proc.stderr
        assert "Traceback" not in proc.stderr and "pw" not in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_corrupt_db_is_one_line_exit_2_and_untouched(tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    junk = os.urandom(8192)
    db.write_bytes(junk)
    art = tmp_path / "a.txt"
    art.write_text("Police arrested two men in Marsa.", encoding="utf-8")
    for args in (("ingest", str(art)), ("events",), ("export", "--format", "jsonl")):
        proc = run_cli(*args, "--db", str(db), cwd=tmp_path)
        assert proc.returncode == 2 and proc.stderr.count("\n") == 1, proc.stderr
        assert "not a SQLite database" in proc.stderr
    assert db.read_bytes() == junk
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "corpus.db"]


def test_query_without_corpus_creates_nothing(tmp_path: Path) -> None:
    proc = run_cli("events", cwd=tmp_path)
    assert proc.returncode == 2 and "no such corpus" in proc.stderr
    assert list(tmp_path.iterdir()) == []


def test_default_store_is_wirewatch_db_in_current_folder(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Police arrested two men in Marsa.", encoding="utf-8")
    proc = run_cli("ingest", "a.txt", "--jobs", "1", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "wirewatch.db").is_file()
    proc = run_cli("ingest", ".", "--jobs", "1", cwd=tmp_path)  # the store itself is not an input
    assert proc.returncode == 0 and "0 new article(s) stored; 1 already stored" in proc.stderr, proc.stderr
    assert json.loads(run_cli("export", "--format", "jsonl", cwd=tmp_path).stdout)["article"]["chars"] == 33


def test_ci_runs_the_storage_tests_on_postgresql() -> None:
    if not os.environ.get("WIREWATCH_TEST_PG_URL") and os.environ.get("CI") == "true":
        pytest.fail("CI must run the storage tests against PostgreSQL (dev/test starts it)")


@pytest.mark.parametrize("jobs", [1, 2])
def test_unknown_pipeline_component_is_a_clean_error(tmp_path: Path, jobs: int) -> None:
    from wirewatch.config import Settings
    from wirewatch.errors import ConfigError
    from wirewatch.ingest.runner import ingest

    write_small_corpus(tmp_path / "in", 4)
    with open_store(str(tmp_path / "c.db")) as store, pytest.raises(ConfigError, match="nope"):
        ingest([tmp_path / "in"], store, settings=Settings(pipeline=("nope",)), jobs=jobs)
    with open_store(str(tmp_path / "c.db")) as store:
        assert store.count() == 0


def test_a_worker_that_dies_ends_the_run_with_an_error_not_a_hang(tmp_path: Path) -> None:
    """A plugin component that kills its process stands in for a worker killed by the OOM killer."""
    plugin_dir = tmp_path / "plugins"
    plugin_dir.mkdir()
    (plugin_dir / "ww_test_dying.py").write_text(
        "import os\n"
        "from wirewatch.registry import component\n\n"
        "@component('die')\n"
        "def die(analysis):\n"
        "    os._exit(3)\n", encoding="utf-8")
    write_small_corpus(tmp_path / "in", 4)
    env = {**os.environ, "PYTHONPATH": str(plugin_dir), "WIREWATCH_PLUGINS": "ww_test_dying",
           "WIREWATCH_PIPELINE": "entities,die"}
    proc = subprocess.run([*WIREWATCH, "ingest", str(tmp_path / "in"), "--db", str(tmp_path / "c.db"),
                           "--jobs", "2"], cwd=tmp_path, capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 2, proc.stderr
    assert "worker died" in proc.stderr and "Traceback" not in proc.stderr


def test_unknown_plugin_is_a_clean_error(tmp_path: Path) -> None:
    write_small_corpus(tmp_path / "in", 1)
    env = {**os.environ, "WIREWATCH_PLUGINS": "no_such_plugin_module"}
    proc = subprocess.run([*WIREWATCH, "ingest", str(tmp_path / "in"), "--db", str(tmp_path / "c.db")],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 2 and "no_such_plugin_module" in proc.stderr and proc.stderr.count("\n") == 1


def test_too_long_article_is_skipped_with_its_reason(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "short.txt").write_text("Police arrested two men in Marsa.", encoding="utf-8")
    (tmp_path / "in" / "long.txt").write_text("Police arrested two men in Marsa. " * 20, encoding="utf-8")
    env = {**os.environ, **TINY, "WIREWATCH_MAX_CHARS": "200"}
    proc = subprocess.run([*WIREWATCH, "ingest", "in", "--db", "c.db", "--jobs", "1"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 1, proc.stderr
    assert "long.txt" in proc.stderr and "max_chars" in proc.stderr and "Traceback" not in proc.stderr
    with open_store(str(tmp_path / "c.db")) as store:
        assert store.count() == 1
