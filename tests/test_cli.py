"""The command line as a user meets it: `wirewatch extract` output, errors, and the seed acceptance test."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, SHARED

WIREWATCH = [sys.executable, "-m", "wirewatch.cli"]
SEED = SHARED / "examples" / "seed"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*WIREWATCH, *args], input=stdin, capture_output=True, cwd=REPO, timeout=300)


@pytest.fixture(scope="module")
def seed_doc(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (SEED / "article.txt").exists():
        pytest.skip("../shared is absent")
    proc = run("extract", str(SEED / "article.txt"), "--published", "2014-06-13", "--source", "CNN")
    assert proc.returncode == 0, proc.stderr.decode()
    out = tmp_path_factory.mktemp("seed") / "doc.json"
    out.write_bytes(proc.stdout)
    return out


def test_extract_contract_shape_and_offsets(seed_doc: Path) -> None:
    doc = json.loads(seed_doc.read_text(encoding="utf-8"))
    text = (SEED / "article.txt").read_text(encoding="utf-8")
    assert doc["schema"] == "wirewatch.document/1"
    assert doc["article"]["published"] == "2014-06-13" and doc["article"]["chars"] == len(text)
    for section in ("entities", "places", "attributions", "events"):
        assert doc[section], f"{section} is empty"
    spans = [m for e in doc["entities"] for m in e["mentions"]]
    spans += [m for p in doc["places"] for m in p["mentions"]]
    spans += [a["content"] for a in doc["attributions"]] + [v["trigger"] for v in doc["events"]]
    for s in spans:
        assert text[s["start"]:s["end"]] == s["text"]
    ids = {e["id"] for e in doc["entities"]}
    for v in doc["events"]:
        assert set(v["actor"]) <= ids and set(v["recipient"]) <= ids
        assert v["event_type"] in {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                                   "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
                                   "MOBILIZE", "COERCE", "ASSAULT"}
        assert 0.0 <= v["confidence"] <= 1.0


SEED_FLOORS = {
    "attribution_recall": 0.8, "attribution_speaker_accuracy": 0.7, "event_recall": 0.6,
    "event_precision": 0.5, "place_accuracy": 0.8, "actor_code_accuracy": 0.7,
}


def test_seed_scores_meet_floors(seed_doc: Path) -> None:
    scorer = SHARED / "eval" / "score_gold.py"
    proc = subprocess.run([sys.executable, str(scorer), str(SEED / "gold.json"), str(seed_doc), "--json"],
                          capture_output=True, text=True, check=True)
    scores = json.loads(proc.stdout)
    assert scores["forbidden_events"] == 0
    low = {k: scores[k] for k, floor in SEED_FLOORS.items() if scores[k] < floor}
    assert not low, f"below the floor on the seed: {low} (all: {scores})"


def test_stdin_and_sidecar_free_use() -> None:
    proc = run("extract", "-", "--published", "2024-02-02", stdin=b"Rebels attacked a convoy near Goma on Friday.")
    assert proc.returncode == 0, proc.stderr.decode()
    doc = json.loads(proc.stdout)
    assert doc["article"]["published"] == "2024-02-02"


@pytest.mark.parametrize(
    ("setup", "expect"),
    [("missing", "no such file"), ("dir", "directory"), ("binary", "binary"), ("latin1", "UTF-8"),
     ("empty", "empty"), ("baddate", "YYYY-MM-DD")],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, setup: str, expect: str) -> None:
    path = tmp_path / "a.txt"
    args = [str(path)]
    if setup == "dir":
        args = [str(tmp_path)]
    elif setup == "binary":
        path.write_bytes(b"\x7fELF\x00\x00\x01")
    elif setup == "latin1":
        path.write_bytes("Zürich protest".encode("latin-1"))
    elif setup == "empty":
        path.write_text("\n\n", encoding="utf-8")
    elif setup == "baddate":
        path.write_text("Troops withdrew.", encoding="utf-8")
        args += ["--published", "last Friday"]
    proc = run("extract", *args)
    err = proc.stderr.decode()
    assert proc.returncode == 2
    assert expect in err and err.count("\n") == 1 and "Traceback" not in err
    assert proc.stdout == b""


def test_unknown_model_setting_is_a_clean_error(tmp_path: Path) -> None:
    art = tmp_path / "a.txt"
    art.write_text("Police arrested a protester.", encoding="utf-8")
    env_proc = subprocess.run([*WIREWATCH, "extract", str(art)], capture_output=True, text=True, cwd=tmp_path,
                              env={**__import__("os").environ, "WIREWATCH_SPACY_MODEL": "no_such_model"})
    assert env_proc.returncode == 2
    assert "no_such_model" in env_proc.stderr and "Traceback" not in env_proc.stderr


def test_article_longer_than_the_parser_takes_is_a_clean_error(tmp_path: Path) -> None:
    art = tmp_path / "long.txt"
    art.write_text("Rebels attacked a convoy near Goma. " * 10, encoding="utf-8")
    proc = subprocess.run([*WIREWATCH, "extract", str(art)], capture_output=True, text=True, cwd=tmp_path,
                          env={**__import__("os").environ, "WIREWATCH_MAX_CHARS": "100"})
    assert proc.returncode == 2 and "max_chars" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("args", [("extract",), ("export", "--format", "xml"), ("no-such-verb",)])
def test_usage_errors_are_one_line_and_exit_2(args: tuple[str, ...]) -> None:
    proc = run(*args)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and err.count("\n") == 1 and err.startswith("wirewatch: error:"), err


def test_eval_places_unreadable_gold_is_one_line_exit_2(tmp_path: Path) -> None:
    (tmp_path / "not.xml").write_text("plain words, no XML", encoding="utf-8")
    for dataset, path in (("gwn", tmp_path), ("lgl", tmp_path), ("trnews", tmp_path / "not.xml")):
        proc = run("eval", "places", "--dataset", dataset, "--path", str(path), "--no-e2e")
        err = proc.stderr.decode()
        assert proc.returncode == 2, err
        assert err.count("\n") == 1 and err.startswith("wirewatch: error: --path "), err
