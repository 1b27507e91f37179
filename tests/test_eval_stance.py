"""`wirewatch eval stance`: the FNC-1 score, grouped folds, a small cross-validated run, and bad input.

The FNC-1 files are never read here: each test writes a few made-up pairs in the FNC-1 layout.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from wirewatch.evaluate.stance import (
    BODIES_FILE,
    STANCES_FILE,
    best_threshold,
    confusion,
    f1_per_label,
    fnc_score,
    grouped_folds,
    relative_score,
)

TOPICS = [
    ("volcano", "A volcano erupted near the island town, sending ash over the harbour and closing the airport."),
    ("senator", "The senator resigned on Monday after a vote on the budget, aides said in a short statement."),
    ("whale", "A whale swam up the river past the bridge and was seen by fishermen at dawn near the docks."),
    ("satellite", "The satellite reached orbit after launch from the coast and sent its first signal home."),
    ("election", "Voters queued at polling stations as the election count began in the northern province."),
    ("flood", "Flood water covered the valley farms after days of rain, and the army moved villagers out."),
    ("museum", "Thieves took a painting from the museum at night, police said, and the gallery is closed."),
    ("strike", "Rail workers went on strike over pay, halting trains across the capital during rush hour."),
    ("vaccine", "The vaccine trial enrolled thousands of volunteers, the health ministry said on Tuesday."),
]
STANCE_WORDS = {
    "agree": "officials confirmed the report was true",
    "disagree": "officials said the report was fake, a hoax, and denied it",
    "discuss": "reportedly, according to sources, it is unconfirmed",
}


def write_fnc1(root: Path, stances: list[tuple[str, str, str]] | None = None,
               bodies: list[tuple[str, str]] | None = None) -> Path:
    """A folder in the FNC-1 layout; by default three bodies per topic and pairs of every label."""
    root.mkdir(parents=True, exist_ok=True)
    if bodies is None:
        bodies = []
        for t, (_, text) in enumerate(TOPICS):
            for j, (label, words) in enumerate(STANCE_WORDS.items()):
                bodies.append((str(10 * t + j), f"{text} {words.capitalize()}. ({label})"))
    if stances is None:
        stances = []
        for t, (topic, _) in enumerate(TOPICS):
            other = TOPICS[(t + 1) % len(TOPICS)][0]
            for j, label in enumerate(STANCE_WORDS):
                body_id = str(10 * t + j)
                stances.append((f"The {topic} story everyone shares", body_id, label))
                stances.append((f"Breaking: {topic} news today", body_id, label))
                stances.append((f"What the {other} means for you", body_id, "unrelated"))
    with open(root / STANCES_FILE, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Headline", "Body ID", "Stance"])
        w.writerows(stances)
    with open(root / BODIES_FILE, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Body ID", "articleBody"])
        w.writerows(bodies)
    return root


def invoke(*args: str) -> tuple[int, str, str]:
    from wirewatch.cli import cli, register_subcommands

    register_subcommands()
    result = CliRunner().invoke(cli, ["eval", "stance", *args])
    return result.exit_code, result.stdout, result.stderr


def test_fnc_score_by_hand() -> None:
    # right related label 1.0; right unrelated 0.25; related but wrong label 0.25; related called unrelated 0
    gold = ["agree", "unrelated", "discuss", "disagree"]
    pred = ["agree", "unrelated", "agree", "unrelated"]
    assert fnc_score(gold, pred) == (1.5, 3.25)
    assert relative_score(gold, pred) == pytest.approx(1.5 / 3.25)
    # an unrelated pair called related earns nothing; a perfect run scores its maximum
    assert fnc_score(["unrelated"], ["discuss"]) == (0.0, 0.25)
    assert relative_score(gold, gold) == 1.0
    with pytest.raises(ValueError):
        fnc_score(["agree"], [])


def test_f1_and_confusion_by_hand() -> None:
    gold = ["agree", "agree", "discuss", "unrelated"]
    pred = ["agree", "discuss", "discuss", "unrelated"]
    f1 = f1_per_label(gold, pred)
    assert f1["agree"] == pytest.approx(2 / 3)  # tp 1, fn 1
    assert f1["discuss"] == pytest.approx(2 / 3)  # tp 1, fp 1
    assert f1["unrelated"] == 1.0 and f1["disagree"] == 0.0
    table = confusion(gold, pred)
    assert table["agree"] == {"agree": 1, "disagree": 0, "discuss": 1, "unrelated": 0}
    assert sum(sum(row.values()) for row in table.values()) == 4


def test_best_threshold_separates() -> None:
    cos = np.array([0.01, 0.02, 0.05, 0.30, 0.40, 0.04, 0.06])
    related = np.array([False, False, False, True, True, True, False])
    thr = best_threshold(cos, related)
    # above 0.06 only the related pair at 0.04 is lost (6 of 7 right); at 0.03 two unrelated ones would be
    assert thr == pytest.approx(0.18)
    assert np.sum((cos >= thr) == related) == 6
    assert best_threshold(np.array([0.1, 0.2]), np.array([True, True])) <= 0.1


def test_grouped_folds_keep_bodies_apart() -> None:
    groups = [str(i % 7) for i in range(50)]
    folds = grouped_folds(groups, 3)
    assert len(folds) == 3
    seen = np.concatenate([te for _, te in folds])
    assert sorted(seen.tolist()) == list(range(50))  # every pair tested once
    for tr, te in folds:
        assert not {groups[i] for i in tr} & {groups[i] for i in te}


def test_cross_validated_run(tmp_path: Path) -> None:
    root = write_fnc1(tmp_path / "fnc1")
    code, out, err = invoke("--fnc1", str(root), "--folds", "3", "--json", "--seed", "1")
    assert code == 0, err
    r = json.loads(out)
    assert r["pairs"] == 81 and r["bodies"] == 27 and r["folds"] == 3
    assert len(r["per_fold"]) == 3 and sum(f["pairs"] for f in r["per_fold"]) == 81
    assert sum(f["bodies"] for f in r["per_fold"]) == 27  # each body in exactly one test part
    assert 0.0 <= r["fnc_score"] <= 1.0 and set(r["f1"]) == {"agree", "disagree", "discuss", "unrelated"}
    assert sum(sum(row.values()) for row in r["confusion"].values()) == 81
    assert r["untrained_relatedness"]["fold_threshold_accuracy"] > 0.9  # topic words make this easy
    assert "grouped by Body ID" in r["protocol"]
    code, out, _ = invoke("--fnc1", str(root), "--folds", "3", "--limit", "30")
    assert code == 0 and "FNC score" in out and "Talos" in out and "30 pairs" in out


@pytest.mark.parametrize("case", ["no_dir", "no_bodies", "columns", "stance", "body_id", "binary", "folds",
                                  "limit", "no_words"])
def test_bad_input_is_one_line_exit_2(tmp_path: Path, case: str) -> None:
    root = tmp_path / "fnc1"
    args = ["--fnc1", str(root)]
    if case == "no_dir":
        args = ["--fnc1", str(tmp_path / "absent")]
    elif case == "no_bodies":
        write_fnc1(root)
        (root / BODIES_FILE).unlink()
    elif case == "columns":
        write_fnc1(root)
        (root / STANCES_FILE).write_text("Title,Label\nsomething,agree\n", encoding="utf-8")
    elif case == "stance":
        write_fnc1(root, stances=[("A headline", "0", "maybe")])
    elif case == "body_id":
        write_fnc1(root, stances=[("A headline", "999", "agree")])
    elif case == "binary":
        write_fnc1(root)
        (root / BODIES_FILE).write_bytes(b"\xff\xfe\x00binary\x00")
    elif case == "folds":
        write_fnc1(root)
        args += ["--folds", "1"]
    elif case == "limit":
        write_fnc1(root)
        args += ["--limit", "0"]
    elif case == "no_words":
        write_fnc1(root, stances=[("the", str(i), "agree") for i in range(6)],
                   bodies=[(str(i), "and the of") for i in range(6)])
    code, out, err = invoke(*args)
    assert code == 2, (out, err)
    assert err.count("\n") == 1 and err.startswith("wirewatch: error:"), err
