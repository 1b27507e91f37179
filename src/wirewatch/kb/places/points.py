"""Points: GeoNames' own coordinates files (``points-*.tsv``) and great-circle distance."""

from __future__ import annotations

import math
from pathlib import Path


def read_points(path: Path) -> dict[int, tuple[float, float]]:
    """geonameid -> (lat, lon) from a ``points-*.tsv`` file (``#`` lines are comments)."""
    points: dict[int, tuple[float, float]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        gid, lat, lon = line.split("\t")[:3]
        points[int(gid)] = (float(lat), float(lon))
    return points


def write_points(path: Path, header: str, points: dict[int, tuple[float, float]],
                 notes: dict[int, str] | None = None) -> int:
    """Write a ``points-*.tsv`` file as ``read_points`` reads it, in geonameid order; ``header`` is its ``#``
    comment lines, and a note (a country's ISO3 code) may follow a point. Returns the number of points."""
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(header)
        for gid, (lat, lon) in sorted(points.items()):
            note = notes.get(gid) if notes else None
            f.write(f"{gid}\t{lat:.5f}\t{lon:.5f}" + (f"\t{note}\n" if note else "\n"))
    return len(points)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
