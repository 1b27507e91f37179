"""Vendor the dashboard's JavaScript, CSS and map data into src/wirewatch/serve/static/vendor/.

The dashboard must work offline (no CDN, no map tiles), so every file it loads ships in the package. This
script fetches the pinned npm packages with ``npm pack`` (the npm registry; nothing else), copies the files
the dashboard uses, converts the Natural Earth 1:110m country outlines from world-atlas's TopoJSON to GeoJSON
with topojson-client (run by node, at vendoring time only), and writes VENDORED.md: package, version,
licence, the tarball's integrity hash and every file copied with its SHA-256. Its output is committed; users
never run it.

    python scripts/vendor_dashboard.py            # needs npm and node on PATH

Changing a version here and rerunning is how the vendored files are upgraded.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VENDOR = REPO / "src" / "wirewatch" / "serve" / "static" / "vendor"

# package, version, files to copy (path in the tarball -> path under vendor/), licence file in the tarball
PACKAGES: list[tuple[str, str, dict[str, str], str]] = [
    ("leaflet", "1.9.4", {
        "package/dist/leaflet.js": "leaflet/leaflet.js",
        "package/dist/leaflet.css": "leaflet/leaflet.css",
        "package/dist/images/layers.png": "leaflet/images/layers.png",
        "package/dist/images/layers-2x.png": "leaflet/images/layers-2x.png",
        "package/dist/images/marker-icon.png": "leaflet/images/marker-icon.png",
        "package/dist/images/marker-icon-2x.png": "leaflet/images/marker-icon-2x.png",
        "package/dist/images/marker-shadow.png": "leaflet/images/marker-shadow.png",
    }, "package/LICENSE"),
    ("leaflet.markercluster", "1.5.3", {
        "package/dist/leaflet.markercluster.js": "markercluster/leaflet.markercluster.js",
        "package/dist/MarkerCluster.css": "markercluster/MarkerCluster.css",
        "package/dist/MarkerCluster.Default.css": "markercluster/MarkerCluster.Default.css",
    }, "package/MIT-LICENCE.txt"),
    ("d3", "7.9.2", {"package/dist/d3.min.js": "d3/d3.min.js"}, "package/LICENSE"),
    # used at vendoring time only: the TopoJSON -> GeoJSON conversion
    ("topojson-client", "3.1.0", {}, "package/LICENSE"),
    # Natural Earth 1:110m Admin 0 countries (public domain) as TopoJSON; converted to GeoJSON below
    ("world-atlas", "2.0.2", {}, "package/LICENSE"),
]
GEOJSON = "world/countries-110m.geojson"

CONVERT = r"""
const topojson = require(process.argv[2]);
const topo = JSON.parse(require("fs").readFileSync(process.argv[3], "utf8"));
const fc = topojson.feature(topo, topo.objects.countries);
const round = (c) => Array.isArray(c[0]) ? c.map(round) : c.map((x) => Math.round(x * 1000) / 1000);
// a ring that crosses the antimeridian jumps from 180 to -180; a flat map (Leaflet) would draw that jump
// as a line across the world, so such rings are unwrapped into continuous longitudes (beyond +-180)
const unwrap = (ring) => {
  let offset = 0;
  return ring.map((p, i) => {
    if (i > 0) {
      const d = p[0] - ring[i - 1][0];
      if (d > 180) offset -= 360; else if (d < -180) offset += 360;
    }
    return [p[0] + offset, p[1]];
  });
};
const polygons = (g) => g.type === "Polygon" ? [g.coordinates] : g.coordinates;
for (const f of fc.features) {
  f.properties = {name: f.properties.name, iso_n3: f.id === undefined ? null : String(f.id)};
  delete f.id;
  if (!f.geometry) continue;
  for (const poly of polygons(f.geometry)) for (let i = 0; i < poly.length; i++) poly[i] = unwrap(poly[i]);
  f.geometry.coordinates = round(f.geometry.coordinates);
}
process.stdout.write(JSON.stringify(fc));
"""


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def npm_pack(name: str, version: str, into: Path) -> tuple[Path, dict[str, str]]:
    out = subprocess.run(["npm", "pack", f"{name}@{version}", "--json", "--pack-destination", str(into)],
                         cwd=into, check=True, capture_output=True, text=True).stdout
    info = json.loads(out)[0]
    if info["version"] != version:
        sys.exit(f"npm gave {name} {info['version']}, not {version}")
    return into / info["filename"], info


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=VENDOR, help="vendor folder (default: %(default)s)")
    args = ap.parse_args()
    out: Path = args.out
    for tool in ("npm", "node"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is needed on PATH")
    if out.exists():
        shutil.rmtree(out)
    (out / "licenses").mkdir(parents=True)
    rows: list[tuple[str, str, str, str, list[str]]] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        unpacked: dict[str, Path] = {}
        for name, version, files, licence_file in PACKAGES:
            tarball, info = npm_pack(name, version, tmp)
            root = tmp / "x" / name
            root.mkdir(parents=True)
            with tarfile.open(tarball) as tar:
                tar.extractall(root, filter="data")
            unpacked[name] = root
            meta = json.loads((root / "package" / "package.json").read_text())
            licence = meta.get("license") or "?"
            copied = []
            for src, dst in files.items():
                target = out / dst
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(root / src, target)
                copied.append(dst)
            licence_copy = out / "licenses" / f"{name}-{version}.txt"
            shutil.copyfile(root / licence_file, licence_copy)
            copied.append(f"licenses/{licence_copy.name}")
            rows.append((name, version, licence, info["integrity"], copied))
        # world-atlas countries-110m.json -> GeoJSON, coordinates rounded to 0.001 degree
        convert = tmp / "convert.js"
        convert.write_text(CONVERT)
        proc = subprocess.run(
            ["node", str(convert), str(unpacked["topojson-client"] / "package/dist/topojson-client.js"),
             str(unpacked["world-atlas"] / "package/countries-110m.json")],
            capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit(f"the GeoJSON conversion failed: {proc.stderr.strip()}")
        geo = proc.stdout
        fc = json.loads(geo)
        if len(fc["features"]) < 150:
            sys.exit(f"only {len(fc['features'])} countries converted")
        (out / GEOJSON).parent.mkdir(parents=True, exist_ok=True)
        (out / GEOJSON).write_text(geo + "\n")
        for row in rows:
            if row[0] == "world-atlas":
                row[4].insert(0, GEOJSON)
    write_manifest(out, rows)
    print(f"vendored {len(rows)} packages into {out}")


def write_manifest(out: Path, rows: list[tuple[str, str, str, str, list[str]]]) -> None:
    lines = [
        "# Vendored dashboard files",
        "",
        "Written by `scripts/vendor_dashboard.py` (do not edit by hand; rerun it to upgrade). Every file the",
        "dashboard loads ships in the package, so it works offline: no CDN, no map tiles. The country",
        "outlines are Natural Earth's 1:110m Admin 0 countries (public domain), from the world-atlas",
        "package's TopoJSON, converted to GeoJSON with topojson-client when vendoring (coordinates rounded",
        "to 0.001 degree; rings crossing the antimeridian unwrapped so a flat map draws them; properties",
        "`name` and `iso_n3`).",
        "",
        "| package | version | licence | npm integrity |",
        "|---|---|---|---|",
    ]
    for name, version, licence, integrity, _ in rows:
        lines.append(f"| [{name}](https://www.npmjs.com/package/{name}/v/{version}) | {version} | {licence} | "
                     f"`{integrity}` |")
    lines += ["", "world-atlas's own licence is ISC; the Natural Earth data in it is in the public domain",
              "(https://www.naturalearthdata.com/about/terms-of-use/). topojson-client is used at vendoring",
              "time only; no file of it ships except its licence.", "", "## Files", "",
              "| file | package | sha256 |", "|---|---|---|"]
    for name, version, _, _, files in rows:
        for f in files:
            lines.append(f"| `vendor/{f}` | {name} {version} | `{sha256(out / f)}` |")
    (out / "VENDORED.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
