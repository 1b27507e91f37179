"""`wirewatch eval ...`: accuracy against outside gold data, one subcommand per task.

Each subcommand prints a readable report, or with ``--json`` one JSON object of figures (CONTRACT.md).
The gold data is read where it lies (it is never copied into the repository).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ..errors import InputError
from . import cli, friendly_errors


@cli.group("eval")
def evaluate_group() -> None:
    """Measure extraction against outside gold data (PolNeAR, PLV, LGL/TR-News/GeoWebNews, TempEval-3, FNC-1)."""


def existing(path: str, what: str) -> str:
    if not Path(path).exists():
        raise InputError(f"{what} {path}: no such file or directory")
    return path


def report(figures: dict[str, Any], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False))
        return

    def show(d: dict[str, Any], indent: str = "") -> None:
        for k, v in d.items():
            if isinstance(v, dict):
                click.echo(f"{indent}{k}:")
                show(v, indent + "  ")
            elif isinstance(v, float):
                click.echo(f"{indent}{k}: {v:.4f}")
            elif isinstance(v, list):
                click.echo(f"{indent}{k}: {len(v)} item(s)")
            else:
                click.echo(f"{indent}{k}: {v}")

    show(figures)


@evaluate_group.command("dates")
@click.option("--tbaq", required=True, help="TBAQ-cleaned directory (TimeML) or one .tml file.")
@click.option("--limit", type=int, default=None, help="Only the first N files.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@friendly_errors
def eval_dates(tbaq: str, limit: int | None, as_json: bool) -> None:
    """Value accuracy of DATE expressions (gold spans, creation time as anchor)."""
    from ..evaluate.dates import evaluate_tbaq

    report(evaluate_tbaq(existing(tbaq, "--tbaq"), limit=limit), as_json)


@evaluate_group.command("places")
@click.option("--dataset", required=True, type=click.Choice(["lgl", "trnews", "gwn"]))
@click.option("--path", "path", required=True, help="lgl.xml, TR-News.xml, or geowebnews/gwn_full.txt (or its folder).")
@click.option("--limit", type=int, default=None, help="Only the first N documents.")
@click.option("--no-e2e", is_flag=True, help="Skip the end-to-end run with our own recognition.")
@click.option("--demonyms/--no-demonyms", default=True, show_default=True,
              help="Resolve demonyms ('Turkish') to their country, as these corpora annotate them. "
                   "Extraction itself never makes a place of a demonym.")
@click.option("--extract", "extract", is_flag=True,
              help="Also end to end with the places `wirewatch extract` finds (its own recognition: no demonyms, "
                   "no places inside organisation names).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@friendly_errors
def eval_places(dataset: str, path: str, limit: int | None, no_e2e: bool, demonyms: bool, extract: bool,
                as_json: bool) -> None:
    """Geoparsing accuracy within 161 km (gold spans given), and end to end."""
    from ..evaluate.places import evaluate_places

    report(evaluate_places(dataset, existing(path, "--path"), limit=limit, end_to_end=not no_e2e,
                           demonyms=demonyms, extract=extract), as_json)


@evaluate_group.command("attribution")
@click.option("--polnear", required=True, help="PolNeAR directory holding train/ dev/ test/.")
@click.option("--split", required=True, type=click.Choice(["train", "dev", "test"]))
@click.option("--out", help="Also write each document JSON here (for the reference scorer).")
@click.option("--limit", type=int, default=None, help="Only the first N articles.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@friendly_errors
def eval_attribution(polnear: str, split: str, out: str | None, limit: int | None, as_json: bool) -> None:
    """Content precision/recall/F1 (Jaccard >= 0.5 and loose), source and cue accuracy on PolNeAR."""
    from ..evaluate.attribution import evaluate_polnear

    report(evaluate_polnear(existing(polnear, "--polnear"), split, out=out, limit=limit), as_json)


@evaluate_group.command("events")
@click.option("--plv", required=True, help="PLV TSV file (marked_sentence, gold_root, gold_penta), e.g. PLV_test.tsv.")
@click.option("--limit", type=int, default=None, help="Only the first N rows.")
@click.option("--coder", type=click.Choice(["classifier", "extract"]), default="classifier", show_default=True,
              help="classifier: the sentence classifier on the marked sentence; extract: the article pipeline "
                   "(what `wirewatch extract` outputs) on the plain sentence.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@friendly_errors
def eval_events(plv: str, limit: int | None, coder: str, as_json: bool) -> None:
    """PLOVER root accuracy and macro-F1 (15 labels), quad accuracy and sentences/s on a PLV file."""
    from ..evaluate.events import evaluate_plv

    report(evaluate_plv(existing(plv, "--plv"), limit=limit, coder=coder), as_json)


@evaluate_group.command("stance")
@click.option("--fnc1", required=True, help="FNC-1 directory holding competition_test_stances.csv and "
                                            "competition_test_bodies.csv.")
@click.option("--limit", type=int, default=None, help="Only the first N stance rows.")
@click.option("--folds", type=int, default=5, show_default=True, help="Folds of the cross-validation grouped by Body ID.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the classifier.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@friendly_errors
def eval_stance(fnc1: str, limit: int | None, folds: int, seed: int, as_json: bool) -> None:
    """FNC-1 headline-body stance: official score, F1, confusion, by grouped cross-validation on the
    competition set (the FNC-1 training stances are not available), and relatedness with no training."""
    from ..evaluate.stance import evaluate_fnc1, format_report

    result = evaluate_fnc1(existing(fnc1, "--fnc1"), folds=folds, limit=limit, seed=seed)
    click.echo(json.dumps(result, ensure_ascii=False) if as_json else format_report(result))
