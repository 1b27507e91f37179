#!/usr/bin/env python
"""Build wirewatch's one demonym table: ``src/wirewatch/data/demonyms.tsv``.

Each row is one word and its two readings (either may be empty)::

    word  country  place

* ``country``: the actor coder's reading, the ISO 3166 alpha-3 code (with PLOVER's folding of dependencies)
  of the country an actor of that nationality belongs to ("Iraqi", "Iraqis", "U.S." -> IRQ, IRQ, USA).
  Read by ``wirewatch.kb.demonyms.load_demonyms``: "is 'Azerbaijani' a demonym?" for the extract stage.
* ``place``: the gazetteer's reading, an ISO3 code or the name of a continent, region or first-level division
  ("Texan" -> Texas, "Abkhaz" -> Abkhazia, "European" -> Europe), for the geoparsing corpora's convention of
  annotating a demonym as the place it names. ``wirewatch.kb.demonyms.place_demonyms`` gives the country
  readings first, then these.

Sources and licences
--------------------
* ``country``: the hand-written country table of ``scripts/build_actors.py`` (``COUNTRY_TABLE``, written for
  wirewatch: facts, not copied text), each demonym with its derived plural (``demonym_plurals``).
* ``place``: the ``demonym`` field of the PyPI package **countryinfo 1.0.1** (MIT; REST Countries data), the
  most populous country (GeoNames ``countryInfo.txt``, CC BY 4.0) for a shared one; plus the hand-written
  ``EXTRA_DEMONYMS``, ``REGION_DEMONYMS`` and ``PLACE_DEMONYMS`` of ``scripts/build_gazetteer.py``.

``build_actors.py`` and ``build_gazetteer.py`` each rewrite their own column (through :func:`write_column`)
and keep the other; this script rebuilds both. The output is deterministic (rows sorted by word)::

    pip install --target /tmp/gzdeps countryinfo==1.0.1 --no-deps
    .venv/bin/python scripts/build_demonyms.py --codes /work/shared/eval/geo/gazetteer_codes --deps /tmp/gzdeps
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "src" / "wirewatch" / "data" / "demonyms.tsv"
COLUMNS = ("country", "place")
HEADER = (
    "# wirewatch's demonym table: word <TAB> country (the actor coder's reading: ISO3) <TAB> place (the\n"
    "# gazetteer's: ISO3, or a continent, region or division); either may be empty. Written by\n"
    "# scripts/build_demonyms.py (sources and licences there): country from the hand tables of\n"
    "# scripts/build_actors.py; place from countryinfo 1.0.1 (MIT; REST Countries data) with GeoNames'\n"
    "# countryInfo.txt populations (CC BY 4.0) and the hand tables of scripts/build_gazetteer.py.\n"
)


def read_table(path: Path) -> dict[str, list[str]]:
    """word -> [country, place] of a demonym file ({} when there is none)."""
    if not path.exists():
        return {}
    rows: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, country, place = line.split("\t")
            rows[word] = [country, place]
    return rows


def write_table(path: Path, rows: Mapping[str, list[str]]) -> Path:
    body = "".join(f"{w}\t{c}\t{p}\n" for w, (c, p) in sorted(rows.items()) if c or p)
    for word, readings in rows.items():
        if "\t" in word or "\n" in word or word.startswith("#") or any("\t" in r for r in readings):
            raise ValueError(f"demonym row cannot be written: {word!r} {readings!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def write_column(path: Path, column: str, table: Mapping[str, str]) -> Path:
    """Make ``table`` (word -> reading) the ``column`` ("country" or "place") of the demonym file at ``path``,
    keeping its other column (from the shipped file where ``path`` does not exist yet)."""
    i = COLUMNS.index(column)
    rows = read_table(path if path.exists() else SHIPPED)
    for readings in rows.values():
        readings[i] = ""
    for word, reading in table.items():
        rows.setdefault(word, ["", ""])[i] = reading
    return write_table(path, rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--codes", default="/work/shared/eval/geo/gazetteer_codes",
                    help="folder with GeoNames countryInfo.txt")
    ap.add_argument("--deps", default=None, help="a pip --target folder holding countryinfo")
    ap.add_argument("--out", type=Path, default=SHIPPED)
    args = ap.parse_args(argv)
    if args.deps:
        sys.path.insert(0, args.deps)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import build_actors
    import build_gazetteer

    country = build_actors.demonym_table()
    place = build_gazetteer.demonym_table(Path(args.codes), build_gazetteer.package_dir("countryinfo") / "data")
    rows: dict[str, list[str]] = {}
    for word, reading in country.items():
        rows.setdefault(word, ["", ""])[0] = reading
    for word, reading in place.items():
        rows.setdefault(word, ["", ""])[1] = reading
    out = write_table(args.out, rows)
    print(f"{out}: {len(rows)} words ({len(country)} country readings, {len(place)} place readings)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
