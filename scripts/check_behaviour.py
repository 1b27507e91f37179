"""Write everything wirewatch's behaviour is judged by into one folder, so that two runs can be diffed.

    .venv/bin/python scripts/check_behaviour.py OUT [--quick] [--eval ../shared/eval]
    diff -r BEFORE AFTER        # empty when behaviour is unchanged

Into OUT it writes:

- ``extract/NAME.json``: the ``wirewatch extract`` document of every ``samples/articles/*.txt`` (with the
  published date of its sidecar) and of the shared seed article (published date from its gold);
- ``polnear-dev/``: ``wirewatch eval attribution --split dev --out`` documents, and ``polnear-dev.json``;
- ``eval-*.json``: the ``--json`` output of each ``wirewatch eval`` subcommand of the README (events with
  both coders, places on LGL, TR-News and GeoWebNews with ``--extract``, dates on TBAQ), with the timing
  and throughput keys removed (they differ from run to run);
- ``sizes.txt`` is *not* written here (it changes by design); see ``python -m wirewatch.tools.layers --sizes``.

``--quick`` keeps the samples, the seed, PolNeAR dev and the extract coder on the first 200 PLV rows
(the parts that run the whole article pipeline), for the steps between two full runs.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
WIREWATCH = [str(Path(sys.executable).parent / "wirewatch")]
TIMING = ("seconds", "sentences_per_second", "articles_per_s", "attribution_stage_share")


def strip_timing(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: strip_timing(v) for k, v in value.items() if k not in TIMING}
    if isinstance(value, list):
        return [strip_timing(v) for v in value]
    return value


def extract_in_process(path: Path, published: str | None) -> str:
    """What ``wirewatch extract PATH --published DATE`` prints (the same command, run in this process)."""
    from wirewatch.cli import cli, register_subcommands

    register_subcommands()
    args = ["extract", str(path)] + (["--published", published] if published else [])
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            cli.main(args, prog_name="wirewatch", standalone_mode=False)
        except SystemExit as exc:  # pragma: no cover - a failure is part of the output
            out.write(f"\nexit {exc.code}\n")
    return out.getvalue()


def extracts(out: Path, seed: Path) -> None:
    target = out / "extract"
    target.mkdir(parents=True, exist_ok=True)
    for txt in sorted((REPO / "samples" / "articles").glob("*.txt")):
        sidecar = txt.with_suffix(".json")
        published = json.loads(sidecar.read_text(encoding="utf-8")).get("published") if sidecar.exists() else None
        (target / f"{txt.stem}.json").write_text(extract_in_process(txt, published), encoding="utf-8")
    if seed.exists():
        published = json.loads((seed.parent / "gold.json").read_text(encoding="utf-8")).get("published")
        (target / "seed.json").write_text(extract_in_process(seed, published), encoding="utf-8")


def run_eval(out: Path, name: str, args: list[str]) -> None:
    proc = subprocess.run([*WIREWATCH, "eval", *args, "--json"], capture_output=True, text=True, cwd=REPO)
    if proc.returncode != 0:
        text = f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    else:
        text = json.dumps(strip_timing(json.loads(proc.stdout)), indent=1, sort_keys=True, ensure_ascii=False)
    (out / f"eval-{name}.json").write_text(text + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--quick", action="store_true", help="samples, seed, PolNeAR dev, 200 PLV rows (extract coder)")
    ap.add_argument("--eval", default=str(REPO.parent / "shared" / "eval"), help="the shared evaluation folder")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    ev = Path(args.eval)
    seed = ev.parent / "examples" / "seed" / "article.txt"
    clock: dict[str, float] = {}

    def timed(name: str, fn: Any, *a: Any) -> None:
        t0 = time.perf_counter()
        fn(*a)
        clock[name] = round(time.perf_counter() - t0, 1)
        print(f"{name}: {clock[name]} s", file=sys.stderr, flush=True)

    timed("extract", extracts, out, seed)
    timed("polnear-dev", run_eval, out, "polnear-dev",
          ["attribution", "--polnear", str(ev / "polnear"), "--split", "dev", "--out", str(out / "polnear-dev")])
    plv = str(ev / "events" / "PLV_test.tsv")
    if args.quick:
        timed("events-extract-200", run_eval, out, "events-extract-200",
              ["events", "--plv", plv, "--coder", "extract", "--limit", "200"])
    else:
        timed("events-extract", run_eval, out, "events-extract", ["events", "--plv", plv, "--coder", "extract"])
        timed("events-classifier", run_eval, out, "events-classifier", ["events", "--plv", plv, "--coder", "classifier"])
        geo = ev / "geo"
        for dataset, path in (("lgl", geo / "lgl.xml"), ("trnews", geo / "TR-News.xml"),
                              ("gwn", geo / "geowebnews" / "gwn_full.txt")):
            if path.exists():
                timed(f"places-{dataset}", run_eval, out, f"places-{dataset}",
                      ["places", "--dataset", dataset, "--path", str(path), "--extract"])
        tbaq = ev / "time" / "TBAQ-cleaned"
        if tbaq.exists():
            timed("dates", run_eval, out, "dates", ["dates", "--tbaq", str(tbaq)])
    print(json.dumps(clock), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
