"""``wirewatch ingest --engine dask``: the same store as a local run, on a LocalCluster of two worker processes.

The cost is the pipeline each worker loads once, so the inputs are few and short; the cluster is shared by
the tests of this module (as a real cluster is shared by runs).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO
from corpus_fixtures import write_small_corpus
from wirewatch.errors import StoreError
from wirewatch.store import open_store
from wirewatch.store import schema as s

WIREWATCH = [sys.executable, "-c", "from wirewatch.cli import main; main()"]
TINY = {"WIREWATCH_PIPELINE": "entities"}


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    distributed = pytest.importorskip("distributed")
    from wirewatch.ingest.dask_engine import quiet_workers

    with quiet_workers():
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                           dashboard_address=None)
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def clean_env(**extra: str) -> dict[str, str]:
    return {**{k: v for k, v in os.environ.items() if not k.startswith("WIREWATCH_")}, **extra}


def run(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*WIREWATCH, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=180)


def dump(url: str) -> dict[str, list[tuple[Any, ...]]]:
    from sqlalchemy import select

    with open_store(url, create=False) as store, store.engine.connect() as conn:
        return {t.name: sorted((tuple(r) for r in conn.execute(select(t))), key=repr) for t in s.ALL_TABLES}


def inputs(root: Path) -> Path:
    """Four sample articles (the full pipeline has something to find in them) and three short JSONL ones,
    one of them repeated and one malformed line: skipped and duplicate inputs go the same way too."""
    folder = root / "in"
    folder.mkdir()
    for p in sorted((REPO / "samples" / "articles").glob("*.txt"))[:4]:
        (folder / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
        side = p.with_suffix(".json")
        if side.is_file():
            (folder / side.name).write_text(side.read_text(encoding="utf-8"), encoding="utf-8")
    lines = [{"text": "Border guards detained four smugglers near Odrin on Saturday.", "source": "JL"},
             {"text": "Militia members blocked the road to Zemma for a second day.", "published": "2024-05-02"},
             {"text": "Border guards detained four smugglers near Odrin on Saturday.", "source": "JL"}]
    (folder / "wire.jsonl").write_text("\n".join(json.dumps(x) for x in lines[:2]) + "\n{broken\n"
                                       + json.dumps(lines[2]) + "\n", encoding="utf-8")
    return folder


def test_dask_run_stores_what_a_local_run_stores(scheduler: str, tmp_path: Path) -> None:
    folder = inputs(tmp_path)
    env = clean_env()
    local = run("ingest", str(folder), "--db", "local.db", "--jobs", "2", cwd=tmp_path, env=env)
    assert local.returncode == 1, local.stderr  # the malformed JSONL line
    dask = run("ingest", str(folder), "--db", "dask.db", "--engine", "dask", "--scheduler", scheduler,
               cwd=tmp_path, env=env)
    assert dask.returncode == 1, dask.stderr
    assert "6 new article(s) stored" in dask.stderr and "dask worker threads" in dask.stderr, dask.stderr
    assert "characters/s" in dask.stderr and "Traceback" not in dask.stderr
    skipped = [line for line in dask.stderr.splitlines() if line.startswith("wirewatch: skipped")]
    assert skipped == [line for line in local.stderr.splitlines() if line.startswith("wirewatch: skipped")]

    a, b = dump(str(tmp_path / "local.db")), dump(str(tmp_path / "dask.db"))
    assert {t: len(rows) for t, rows in b.items()} == {t: len(rows) for t, rows in a.items()}
    assert len(a["articles"]) == 6 and a["events"] and a["attributions"] and a["places"]
    with open_store(str(tmp_path / "local.db"), create=False) as one, \
            open_store(str(tmp_path / "dask.db"), create=False) as two:
        assert [x["sha256"] for x in two.articles()] == [x["sha256"] for x in one.articles()]
        assert list(two.document_dicts()) == list(one.document_dicts())
    assert b == a  # every row of every table, the link stage's included

    again = run("ingest", str(folder), "--db", "dask.db", "--scheduler", scheduler, cwd=tmp_path, env=env)
    assert "0 new article(s) stored; 6 already stored, 1 duplicate(s)" in again.stderr, again.stderr
    assert dump(str(tmp_path / "dask.db")) == a


def test_dask_engine_starts_its_own_local_cluster(tmp_path: Path) -> None:
    write_small_corpus(tmp_path / "in", 6)
    env = clean_env(**TINY)
    local = run("ingest", "in", "--db", "local.db", "--jobs", "1", "--no-link", cwd=tmp_path, env=env)
    assert local.returncode == 0, local.stderr
    dask = run("ingest", "in", "--db", "dask.db", "--engine", "dask", "--jobs", "2", "--no-link", cwd=tmp_path,
               env=env)
    assert dask.returncode == 0, dask.stderr
    assert "6 new article(s) stored" in dask.stderr and "2 dask worker threads" in dask.stderr, dask.stderr
    assert dump(str(tmp_path / "dask.db")) == dump(str(tmp_path / "local.db"))


@pytest.mark.parametrize("address", ["tcp://127.0.0.1:1", "nope://scheduler"])
def test_unreachable_or_bad_scheduler_is_one_line_exit_2_nothing_written(tmp_path: Path, address: str) -> None:
    (tmp_path / "a.txt").write_text("Police arrested two men in Marsa.", encoding="utf-8")
    env = clean_env(**TINY, WIREWATCH_DASK_CONNECT_TIMEOUT="1")
    proc = run("ingest", "a.txt", "--engine", "dask", "--scheduler", address, cwd=tmp_path, env=env)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("wirewatch: error:"), proc.stderr
    assert "scheduler" in proc.stderr and "Traceback" not in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]  # not even an empty store


def test_scheduler_with_local_engine_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Police arrested two men in Marsa.", encoding="utf-8")
    proc = run("ingest", "a.txt", "--engine", "local", "--scheduler", "tcp://127.0.0.1:8786", cwd=tmp_path,
               env=clean_env(**TINY))
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "--engine dask" in proc.stderr
    proc = run("ingest", "a.txt", cwd=tmp_path, env=clean_env(**TINY, WIREWATCH_INGEST_ENGINE="spark"))
    assert proc.returncode == 2 and "ingest_engine" in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_kill_9_of_a_dask_run_then_rerun_equals_one_clean_run(scheduler: str, tmp_path: Path) -> None:
    total = 80
    write_small_corpus(tmp_path / "many", total)
    env = clean_env(**TINY)
    cmd = [*WIREWATCH, "ingest", "many", "--db", "c.db", "--scheduler", scheduler, "--batch-size", "4",
           "--quiet", "--no-link"]

    def count() -> int:
        try:
            with open_store(str(tmp_path / "c.db"), create=False) as store:
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
    assert killed_at % 4 == 0  # whole batches only

    rerun = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, timeout=180)
    assert rerun.returncode == 0, rerun.stderr.decode()
    clean = subprocess.run([*cmd[:cmd.index("c.db")], "clean.db", *cmd[cmd.index("c.db") + 1:]], cwd=tmp_path,
                           env=env, capture_output=True, timeout=180)
    assert clean.returncode == 0, clean.stderr.decode()
    assert dump(str(tmp_path / "c.db")) == dump(str(tmp_path / "clean.db"))
