"""Evaluate the temporal resolver on TempEval-3's TBAQ-cleaned (TimeBank + AQUAINT, TimeML).

With the gold spans given, every TIMEX3 of type DATE (other than the document creation time, which is the
anchor) is resolved by :func:`wirewatch.resolve.dates.resolve_expression` and its ``timex`` compared with
the gold ``value`` after light normalisation (upper case, ISO week numbers zero-padded, a time-of-day
suffix on a full date dropped: at DATE granularity "2000-01-05TEV" and "2000-01-05" are the same day;
decades and centuries written with X padding, "198X"/"19XX", as "198"/"19").
Unresolved counts as wrong. Secondary figure: the finder's recall of the gold DATE spans (any overlap),
and its precision against all gold TIMEX3 spans (any type).

    python -m wirewatch.evaluate.dates --tbaq /work/shared/eval/time/TBAQ-cleaned [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from wirewatch.resolve.dates import find_time_expressions, guess_tense, resolve_expression


@dataclass
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class TimeMLDoc:
    path: str
    text: str
    dct: dt.date | None
    timexes: list[GoldTimex] = field(default_factory=list)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def read_timeml(path: str) -> TimeMLDoc:
    """The TEXT of a TimeML file as plain text, with its TIMEX3 spans and the creation time."""
    root = ET.parse(path).getroot()
    dct: dt.date | None = None
    for el in root.iter():
        if _local(el.tag) == "TIMEX3" and el.get("functionInDocument") == "CREATION_TIME":
            m = re.match(r"(\d{4})-(\d{2})-(\d{2})", el.get("value") or "")
            if m:
                dct = dt.date(int(m[1]), int(m[2]), int(m[3]))
                break
    text_el = next((el for el in root.iter() if _local(el.tag) == "TEXT"), None)
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        start = pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)
        if _local(el.tag) == "TIMEX3":
            timexes.append(GoldTimex(start, pos, "".join(parts)[start:pos], el.get("type") or "",
                                     el.get("value") or ""))

    if text_el is not None:
        walk(text_el)
    doc_text = "".join(parts)
    for t in timexes:
        t.text = doc_text[t.start:t.end]
    return TimeMLDoc(path, doc_text, dct, timexes)


def normalise_timex(value: str | None) -> str | None:
    if value is None:
        return None
    v = value.strip().upper()
    v = re.sub(r"-W(\d)(?!\d)", r"-W0\1", v)
    v = re.sub(r"^(\d{4}-\d{2}-\d{2})T(?:MO|AF|EV|NI|DT)$", r"\1", v)
    v = re.sub(r"^(\d{2,3})X+$", r"\1", v)  # decade/century: "198X" is "198", "19XX" is "19"
    return v


def gold_pattern(value: str) -> str:
    v = value.upper()
    patterns = [
        (r"\d{4}-\d{2}-\d{2}", "day"), (r"\d{4}-\d{2}-\d{2}T.*", "day+time"), (r"\d{4}-\d{2}", "month"),
        (r"\d{4}", "year"), (r"\d{4}-W\d+", "week"), (r"\d{4}-W\d+-WE", "weekend"), (r"\d{4}-Q\d", "quarter"),
        (r"\d{4}-H\d", "half"), (r"\d{4}-(?:SP|SU|FA|WI)", "season"), (r"\d{3}", "decade"), (r"\d{2}", "century"),
        (r"PRESENT_REF", "PRESENT_REF"), (r"PAST_REF", "PAST_REF"), (r"FUTURE_REF", "FUTURE_REF"),
        (r"P.*", "duration"),
    ]
    for rx, name in patterns:
        if re.fullmatch(rx, v):
            return name
    return "underspecified" if "X" in v else "other"


def _files(path: str) -> list[str]:
    if os.path.isfile(path):
        return [path]
    out = []
    for dirpath, _, names in os.walk(path):
        out.extend(os.path.join(dirpath, n) for n in names if n.endswith(".tml"))
    return sorted(out)


def evaluate_tbaq(path: str, *, limit: int | None = None, errors: int = 0) -> dict[str, Any]:
    """Value accuracy of the resolver on gold DATE spans, with a breakdown, and the finder's span recall.

    ``path``: the TBAQ-cleaned directory (searched recursively for .tml), one sub-corpus, or one file.
    ``errors``: how many mismatches to list (gold text, gold value, our timex) under ``"errors"``.
    """
    files = _files(path)
    if limit is not None:
        files = files[:limit]
    n = correct = unresolved = 0
    by_pattern: dict[str, Counter[str]] = {}
    mismatches: list[dict[str, str | None]] = []
    gold_dates = found_dates = 0
    found_total = found_matching = 0
    for f in files:
        doc = read_timeml(f)
        found = find_time_expressions(doc.text, doc.dct)
        gold_all = [(g.start, g.end) for g in doc.timexes]
        found_total += len(found)
        found_matching += sum(1 for t in found if any(t.start < e and s < t.end for s, e in gold_all))
        for g in doc.timexes:
            if g.type != "DATE":
                continue
            gold_dates += 1
            if any(t.start < g.end and g.start < t.end for t in found):
                found_dates += 1
            tense = guess_tense(doc.text, g.start, g.end)
            res = resolve_expression(g.text, doc.dct, tense=tense, context=doc.text)
            ours = normalise_timex(res.timex) if res is not None else None
            gold = normalise_timex(g.value)
            ok = ours is not None and ours == gold
            pat = gold_pattern(g.value)
            c = by_pattern.setdefault(pat, Counter())
            c["n"] += 1
            c["correct"] += ok
            n += 1
            correct += ok
            if ours is None:
                unresolved += 1
            if not ok and len(mismatches) < errors:
                mismatches.append({"file": os.path.basename(f), "dct": doc.dct.isoformat() if doc.dct else None,
                                   "text": g.text, "gold": g.value, "ours": res.timex if res else None})
    result: dict[str, Any] = {
        "corpus": "TBAQ-cleaned",
        "files": len(files),
        "n": n,
        "value_accuracy": round(correct / n, 4) if n else 0.0,
        "correct": correct,
        "unresolved": unresolved,
        "by_gold_pattern": {
            k: {"n": v["n"], "accuracy": round(v["correct"] / v["n"], 4)}
            for k, v in sorted(by_pattern.items(), key=lambda kv: -kv[1]["n"])
        },
        "finder": {
            "gold_date_spans": gold_dates,
            "recall_overlap": round(found_dates / gold_dates, 4) if gold_dates else 0.0,
            "found": found_total,
            "precision_overlap_any_timex": round(found_matching / found_total, 4) if found_total else 0.0,
        },
    }
    if errors:
        result["errors"] = mismatches
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m wirewatch.evaluate.dates", description=__doc__.splitlines()[0])
    ap.add_argument("--tbaq", required=True, help="TBAQ-cleaned directory (or one .tml file)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--errors", type=int, default=0, help="list this many mismatches")
    ap.add_argument("--limit", type=int, default=None, help="only the first N files")
    args = ap.parse_args(argv)
    if not os.path.exists(args.tbaq):
        print(f"error: no such path: {args.tbaq}", file=sys.stderr)
        return 2
    res = evaluate_tbaq(args.tbaq, limit=args.limit, errors=args.errors)
    if args.json:
        print(json.dumps(res))
        return 0
    print(f"TBAQ-cleaned: {res['files']} files, {res['n']} gold DATE expressions")
    print(f"value accuracy: {res['value_accuracy']:.4f} ({res['correct']}/{res['n']}, unresolved {res['unresolved']})")
    for k, v in res["by_gold_pattern"].items():
        print(f"  {k:16s} n={v['n']:5d}  acc={v['accuracy']:.4f}")
    fd = res["finder"]
    print(f"finder recall (overlap) of gold DATE spans: {fd['recall_overlap']:.4f} of {fd['gold_date_spans']}; "
          f"precision vs any gold TIMEX3: {fd['precision_overlap_any_timex']:.4f} of {fd['found']}")
    for e in res.get("errors", []):
        print(f"  {e['file']}\t{e['dct']}\t{e['text']!r}\tgold={e['gold']}\tours={e['ours']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
