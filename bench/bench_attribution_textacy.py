"""Outside baseline: textacy's direct-quotation extractor scored on PolNeAR like `wirewatch eval attribution`.

    .venv/bin/python bench/bench_attribution_textacy.py --polnear ../shared/eval/polnear --split dev
        [--out DIR] [--limit N] [--per-paragraph] [--json]

Parses each text with the project's spaCy model (the same parse wirewatch uses), runs
``textacy.extract.triples.direct_quotations`` (textacy 0.13.0, a dev dependency) and turns each
(speaker, cue, content) triple into a predicted attribution of the document JSON (kind "direct";
speaker/cue spans from the first to the last of their tokens; content the quotation with its marks),
then scores with the same scorer as ``wirewatch eval attribution`` (the reference definition of
score_polnear.py). With ``--out`` the documents are written there, so that
``python3 ../shared/eval/score_polnear.py score SPLIT_DIR OUT`` scores the very same predictions.

textacy gives up on a whole document when it counts an odd number of quotation marks; by default that
document predicts nothing (textacy as shipped). ``--per-paragraph`` runs it paragraph by paragraph
instead, so that one stray mark only costs its own paragraph.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from wirewatch.config import Settings
from wirewatch.evaluate import print_figures
from wirewatch.evaluate.attribution import score_outputs, split_texts
from wirewatch.nlp import load_nlp


def _span(tokens: list[Any]) -> dict[str, Any] | None:
    if not tokens:
        return None
    toks = sorted(tokens, key=lambda t: t.i)
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    return {"start": start, "end": end, "text": toks[0].doc.text[start:end]}


def textacy_attributions(doc: Any, offset: int = 0) -> list[dict[str, Any]]:
    """textacy's direct quotations of one parsed doc as document-JSON attributions (offsets + ``offset``)."""
    from textacy.extract.triples import direct_quotations

    out = []
    for triple in direct_quotations(doc):
        content = _span(list(triple.content))
        if content is None:
            continue
        speaker = _span(list(triple.speaker)) or {"start": None, "end": None, "text": ""}
        cue = _span(list(triple.cue))
        for part in (content, speaker, cue):
            if part is not None and part.get("start") is not None:
                part["start"] += offset
                part["end"] += offset
        out.append({"id": f"A{len(out) + 1}", "kind": "direct",
                    "speaker": {**speaker, "entity": None, "anonymous": False}, "via": [],
                    "cue": {**cue, "lemma": " ".join(t.lemma_.lower() for t in triple.cue)} if cue else None,
                    "content": content, "stance": "asserts"})
    return out


def run(polnear: str, split: str, *, out: str | None = None, limit: int | None = None,
        per_paragraph: bool = False) -> dict[str, Any]:
    split_dir = Path(polnear) / split
    names = list(split_texts(split_dir))[:limit] if limit else list(split_texts(split_dir))
    settings = Settings.load()
    nlp = load_nlp(settings.spacy_model, settings.spacy_disable)
    out_dir = Path(out) if out else None
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
    docs: dict[str, dict[str, Any]] = {}
    bailed = 0
    t0 = time.perf_counter()
    for name in names:
        text = (split_dir / "text" / f"{name}.txt").read_text(encoding="utf-8")
        atts: list[dict[str, Any]] = []
        if per_paragraph:
            pos = 0
            for para in text.split("\n"):
                if para.strip():
                    try:
                        atts += textacy_attributions(nlp(para), pos)
                    except ValueError:
                        bailed += 1
                pos += len(para) + 1
        else:
            try:
                atts = textacy_attributions(nlp(text))
            except ValueError:  # odd number of quotation marks: textacy bails out on the document
                bailed += 1
        for i, a in enumerate(atts, 1):
            a["id"] = f"A{i}"
        doc = {"schema": "wirewatch.document/1", "attributions": atts}
        docs[name] = doc
        if out_dir:
            (out_dir / f"{name}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    elapsed = time.perf_counter() - t0
    result = score_outputs(split_dir, docs, only_present=bool(limit))
    result.update({"baseline": "textacy.extract.triples.direct_quotations (textacy 0.13.0)", "split": split,
                   "articles": len(names), "bailed_out": bailed, "per_paragraph": per_paragraph,
                   "articles_per_s": round(len(names) / max(elapsed, 1e-9), 2)})
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--polnear", required=True)
    ap.add_argument("--split", required=True, choices=("train", "dev", "test"))
    ap.add_argument("--out")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--per-paragraph", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    try:
        import textacy  # noqa: F401
    except ImportError:
        print("textacy is not installed (pip install -c constraints.txt textacy==0.13.0)", file=sys.stderr)
        return 2
    result = run(args.polnear, args.split, out=args.out, limit=args.limit, per_paragraph=args.per_paragraph)
    print_figures(result, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
