"""`wirewatch eval attribution` agrees with the reference scorer (score_polnear.py) on the same outputs.

Five dev texts of PolNeAR are copied into a small split of their own, so that both scorers see exactly
the same texts: our command extracts and scores them (writing the documents with --out), then the
reference script scores those documents. Skipped where the shared evaluation data are absent.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from wirewatch.evaluate.attribution import (
    GoldAttribution,
    PredAttribution,
    Tally,
    score_outputs,
    split_texts,
)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
POLNEAR = SHARED / "eval" / "polnear"
REFERENCE = SHARED / "eval" / "score_polnear.py"
FIGURES = ("content_precision", "content_recall", "content_f1", "source_accuracy", "cue_accuracy",
           "loose_content_precision", "loose_content_recall", "loose_content_f1", "loose_source_accuracy",
           "loose_cue_accuracy", "gold_attributions", "predicted_attributions")

needs_polnear = pytest.mark.skipif(not (POLNEAR / "dev").is_dir() or not REFERENCE.is_file(),
                                   reason="shared PolNeAR data / reference scorer not available")


def small_split(tmp: Path, n: int = 5) -> Path:
    """A PolNeAR directory whose dev split holds the first ``n`` dev texts (all their annotation files)."""
    src = POLNEAR / "dev"
    root = tmp / "polnear"
    for sub in ("text", "attributions"):
        (root / "dev" / sub).mkdir(parents=True)
    for name in list(split_texts(src))[:n]:
        shutil.copy(src / "text" / f"{name}.txt", root / "dev" / "text")
        for ann in (src / "attributions").glob(f"{name}_*.ann"):
            shutil.copy(ann, root / "dev" / "attributions")
    return root


def reference_score(split_dir: Path, out_dir: Path) -> dict[str, float]:
    proc = subprocess.run([sys.executable, str(REFERENCE), "score", str(split_dir), str(out_dir), "--json"],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


@needs_polnear
def test_cli_agrees_with_reference_scorer(tmp_path: Path) -> None:
    from wirewatch.cli import cli, register_subcommands

    register_subcommands()
    root = small_split(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["eval", "attribution", "--polnear", str(root), "--split", "dev",
                                       "--out", str(out), "--json"])
    assert result.exit_code == 0, result.output
    ours = json.loads(result.output.strip().splitlines()[-1])
    assert len(list(out.glob("*.json"))) == 5
    ref = reference_score(root / "dev", out)
    for key in FIGURES:
        assert abs(ours[key] - ref[key]) <= 0.01, (key, ours[key], ref[key])
    assert ours["gold_attributions"] == ref["gold_attributions"] > 0


@needs_polnear
def test_same_documents_same_figures(tmp_path: Path) -> None:
    """Scoring documents written by hand (no extraction) gives the reference figures exactly."""
    root = small_split(tmp_path, 3)
    out = tmp_path / "docs"
    out.mkdir()
    docs = {}
    for name in split_texts(root / "dev"):
        text = (root / "dev" / "text" / f"{name}.txt").read_text(encoding="utf-8")
        first = text.split("\n", 1)[0]
        docs[name] = {"attributions": [
            {"content": {"start": 0, "end": len(first), "text": first},
             "speaker": {"start": None, "end": None, "text": "the writer"}, "cue": None},
            {"content": {"start": len(first) + 1, "end": min(len(text), len(first) + 200)},
             "speaker": {"start": 0, "end": 5, "text": text[:5]},
             "cue": {"start": len(first) + 1, "end": len(first) + 5}},
        ]}
        (out / f"{name}.json").write_text(json.dumps(docs[name]), encoding="utf-8")
    ours = score_outputs(root / "dev", docs)
    ref = reference_score(root / "dev", out)
    for key in FIGURES:
        assert ours[key] == pytest.approx(ref[key])


def test_tally_matches_one_to_one_best_first() -> None:
    gold = [GoldAttribution(set(range(0, 10)), set(range(20, 25)), "Smith", set(range(12, 16))),
            GoldAttribution(set(range(30, 40)), set(), "", set())]
    pred = [PredAttribution(set(range(0, 9)), set(), "Mr. Smith", set(range(12, 14))),
            PredAttribution(set(range(2, 10)), set(range(20, 22)), "", set()),
            PredAttribution(set(range(50, 60)), set(), "", set())]
    t = Tally()
    t.add(gold, pred, 0.5)
    assert (t.matched, t.gold, t.pred) == (1, 2, 3)
    assert (t.source_right, t.with_source, t.cue_right, t.with_cue) == (1, 1, 1, 1)
    loose = Tally()
    loose.add(gold, pred, 1e-9)
    assert loose.matched == 1  # the second prediction overlaps only the gold already taken


@pytest.mark.parametrize("text, ann", [
    (None, "T1\tContent 0 5\thello\n"),  # no text for the annotations
    (b"\xff\xfe not utf-8", "T1\tContent 0 5\thello\n"),
    (b"Hello there.", "T1\tContent zero five\thello\nE1\tContent:T1\n"),  # offsets that are no numbers
    (b"Hello there.", "T1\tContent 0 5\thello\nE1\tContent\n"),  # a relation without its role
])
def test_bad_split_is_a_one_line_error(tmp_path: Path, text: bytes | None, ann: str) -> None:
    from wirewatch.cli import cli, register_subcommands

    register_subcommands()

    split = tmp_path / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "attributions" / "x_2016-01-01_a_abcd.ann").write_text(ann, encoding="utf-8")
    if text is not None:
        (split / "text" / "x_2016-01-01_a.txt").write_bytes(text)
    result = CliRunner().invoke(cli, ["eval", "attribution", "--polnear", str(tmp_path), "--split", "dev"])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
    assert "x_2016-01-01_a" in result.output
