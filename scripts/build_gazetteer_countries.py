#!/usr/bin/env python
"""Write ``src/wirewatch/data/gazetteer/points-2-countries.tsv``: current GeoNames-style points for countries.

The older GeoNames snapshot in ``points-1-owm.tsv`` (``scripts/build_gazetteer_points.py``) has some
country points that GeoNames has since moved: India's at 20 N 77 E where this newer table has 22 N 79 E,
Libya's at 25 N 17 E (now 28 N 17 E), South Sudan's at its capital. Geoparsing gold data annotated against current GeoNames,
and the systems compared on it, use the newer points; a country's point is what a map shows for "India".

Source and licence
------------------
``countries-cities-currencies/countries.csv`` of the public repository **gvenzl/sample-data** on GitHub (by
Gerald Venzl; CC BY 4.0), a table of 196 countries whose README names its sources: GeoNames.org and the
National Geographic Atlas of the World (11th edition, 2019). Its LATITUDE/LONGITUDE columns are mostly
GeoNames' country points (Canada 60.10867 N 113.64258 W, the United States 39.76 N 98.5 W); for a few small
countries (the Bahamas, Haiti) they are a point in the capital. Only the ISO code and the two coordinates
are taken, keyed by the geonameid of the gazetteer's country row; the data file says where they come from.

Usage (the CSV fetched by hand; nothing is downloaded here)::

    .venv/bin/python scripts/build_gazetteer_countries.py --csv countries.csv
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from wirewatch.kb import places

GAZ_DIR = Path(__file__).resolve().parents[1] / "src" / "wirewatch" / "data" / "gazetteer"
OUT_NAME = "points-2-countries.tsv"
HEADER = (
    "# Country points (mostly GeoNames', data (c) GeoNames, CC BY 4.0), by geonameid, from the table\n"
    "# countries-cities-currencies/countries.csv of gvenzl/sample-data on GitHub (Gerald Venzl, CC BY 4.0;\n"
    "# sources: GeoNames.org, National Geographic Atlas of the World 2019). Written by\n"
    "# scripts/build_gazetteer_countries.py; laid over places-*.tsv.gz and points-1-owm.tsv at load.\n"
    "# geonameid\tlat\tlon\tiso3\n"
)


def country_ids(gaz_dir: Path) -> dict[str, int]:
    """ISO3 -> geonameid of the gazetteer's countries."""
    gaz = places.Gazetteer.load(gaz_dir)
    return {iso3: c.geonameid for iso3 in gaz.countries if (c := gaz.country(iso3)) and c.geonameid}


def read_country_points(csv_path: Path) -> dict[str, tuple[float, float]]:
    """ISO3 -> (lat, lon) from the table's COUNTRY_ID, LATITUDE and LONGITUDE columns (blank ones skipped)."""
    points: dict[str, tuple[float, float]] = {}
    with open(csv_path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            iso3 = (row.get("COUNTRY_ID") or "").strip()
            lat, lon = (row.get("LATITUDE") or "").strip(), (row.get("LONGITUDE") or "").strip()
            if len(iso3) == 3 and lat and lon:
                points[iso3] = (float(lat), float(lon))
    return points


def write_points(points: dict[str, tuple[float, float]], ids: dict[str, int], out: Path) -> int:
    """The table's points of the gazetteer's countries, as a points file noting each one's ISO3 code."""
    iso3_of = {ids[iso3]: iso3 for iso3 in points if iso3 in ids}
    return places.write_points(out, HEADER, {gid: points[iso3] for gid, iso3 in iso3_of.items()}, iso3_of)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--csv", required=True, help="countries.csv of gvenzl/sample-data (countries-cities-currencies)")
    ap.add_argument("--gazetteer", default=str(GAZ_DIR), help="the folder of places-*.tsv.gz shards")
    args = ap.parse_args(argv)
    gaz_dir = Path(args.gazetteer)
    try:
        points = read_country_points(Path(args.csv))
    except (OSError, UnicodeDecodeError, ValueError) as e:  # missing, not UTF-8, or a coordinate not a number
        print(f"error: cannot read the country table {args.csv}: {e}", file=sys.stderr)
        return 2
    n = write_points(points, country_ids(gaz_dir), gaz_dir / OUT_NAME)
    print(f"{n} of {len(points)} country points -> {gaz_dir / OUT_NAME}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
