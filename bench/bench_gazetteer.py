"""Gazetteer load time and memory, and resolution speed (issue 5: loads in <= 3 s and <= 600 MB RSS).

Each load runs in a fresh Python process, so that the figures are those of a cold start (the gazetteer
is a cached singleton within a process); the peak RSS is the process's whole peak, interpreter included.
Then resolution speed: ``resolve_toponyms`` over a synthetic article of 40 toponyms, repeated.

    .venv/bin/python bench/bench_gazetteer.py [--runs 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

LOAD_PROBE = r"""
import json, resource, time
t = time.perf_counter()
from wirewatch.kb.places import Gazetteer
gaz = Gazetteer.load()
seconds = time.perf_counter() - t
rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB
print(json.dumps({"seconds": seconds, "peak_rss_mb": rss_mb, "rows": len(gaz._rows), "points": len(gaz.points)}))
"""

NAMES = ["Baghdad", "Mosul", "Iraq", "Diyala province", "Tikrit", "Syria", "Aleppo", "Damascus", "Turkey",
         "Ankara", "Paris", "Texas", "London", "Kenya", "Nairobi", "Mombasa", "Washington", "New York",
         "Ukraine", "Kyiv", "Kharkiv", "Donbas", "Crimea", "Moscow", "Russia", "Sudan", "Khartoum", "Darfur",
         "Yemen", "Sanaa", "Aden", "Gaza", "West Bank", "Israel", "Lebanon", "Beirut", "Iran", "Tehran",
         "Kabul", "Afghanistan"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="cold loads to time (each in a new process)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    loads = []
    for _ in range(args.runs):
        out = subprocess.run([sys.executable, "-c", LOAD_PROBE], capture_output=True, text=True, check=True)
        loads.append(json.loads(out.stdout))

    from wirewatch.analysis import Toponym
    from wirewatch.evaluate import print_figures
    from wirewatch.kb.places import Gazetteer
    from wirewatch.resolve.places import resolve_toponyms

    gaz = Gazetteer.load()
    text = "; ".join(NAMES) + "."
    tops, pos = [], 0
    for name in NAMES:
        pos = text.index(name, pos)
        tops.append(Toponym(pos, pos + len(name), name))
        pos += len(name)
    resolve_toponyms(text, tops, gaz)  # warm the candidate cache
    reps = 50
    t = time.perf_counter()
    for _ in range(reps):
        resolve_toponyms(text, tops, gaz)
    per_article = (time.perf_counter() - t) / reps

    figures = {
        "load_seconds_median": round(statistics.median(x["seconds"] for x in loads), 2),
        "load_seconds_max": round(max(x["seconds"] for x in loads), 2),
        "peak_rss_mb_max": round(max(x["peak_rss_mb"] for x in loads)),
        "places": loads[0]["rows"],
        "geonames_points": loads[0]["points"],
        "resolve_ms_per_40_toponym_article": round(per_article * 1000, 1),
        "targets": {"load_seconds": 3.0, "peak_rss_mb": 600},
    }
    print_figures(figures, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
