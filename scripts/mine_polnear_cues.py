"""Mine attribution-cue statistics from the PolNeAR train split into a wirewatch lexicon data file.

    .venv/bin/python scripts/mine_polnear_cues.py [--polnear ../shared/eval/polnear] [--split train]
                                                  [--out src/wirewatch/data/lexicons/polnear_cues.json]
                                                  [--min-cues 3] [--limit N]

Reads the split at run time (text/ and attributions/, brat standoff: Source / Cue / Content spans tied by
E lines), parses every text with the project's spaCy model and counts, per (lemma, coarse POS):

* ``n``     -- how many tokens with that lemma and POS the split has in a position where they could be
              a cue (verbs with a subject -- or in a clause that inherits one -- and an object, complement
              or prepositional object; nouns; adjectives),
* ``cue``   -- how many of those are the syntactic head of a gold Cue span,
* ``precision`` -- cue / n, the chance that such a word, found in the same syntactic position, is an
              annotated cue (a rough prior the extractor thresholds on; see docs/attribution.md).

Only word lists and counts are written -- never article text. The output is plain data
(``{"verb": {lemma: {...}}, "noun": {...}, "adj": {...}, "prep": {...}, "verb_prep": {"point to": {...}}}``;
``verb_prep`` counts a verb with a preposition, a cue when the gold content takes in the preposition's
object: 'pointed to the polls', 'spoke about the economy'), read once per process by
``wirewatch.extract.attributions``. It also prints a few conventions of the gold content spans
(does the content start with "that"? include the quote marks? end before ", citing ..."?), which is
how the extractor's span rules were chosen.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
ANN_SUFFIX = re.compile(r"_[0-9a-f]{4}\.ann$")
QUOTES = set("\"“”'‘’`")
ARG_DEPS = {"dobj", "dative", "oprd", "attr", "acomp", "ccomp", "xcomp", "parataxis"}


def read_ann(path: Path) -> list[dict[str, list[tuple[int, int]]]]:
    """Attributions of one brat file: {"Source"|"Cue"|"Content": [(start, end), ...]}."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    rels: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            kind, offsets = parts[1].split(" ", 1)
            spans[parts[0]] = (kind, [(int(a), int(b)) for a, b in (r.split() for r in offsets.split(";"))])
        elif parts[0].startswith("E"):
            rels.append(dict(a.split(":", 1) for a in parts[1].split()))
    out = []
    for rel in rels:
        item = {role: spans[rel[role]][1] for role in ("Source", "Cue", "Content") if rel.get(role) in spans}
        if "Content" in item:
            out.append(item)
    return out


def texts(split_dir: Path) -> dict[str, Path]:
    chosen: dict[str, Path] = {}
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        chosen.setdefault(ANN_SUFFIX.sub("", ann.name), ann)
    return chosen


def coarse(pos: str) -> str | None:
    return {"VERB": "verb", "AUX": "verb", "NOUN": "noun", "ADJ": "adj", "ADP": "prep"}.get(pos)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--polnear", default=str(REPO.parent / "shared" / "eval" / "polnear"))
    ap.add_argument("--split", default="train", choices=("train", "dev"))
    ap.add_argument("--out", default=str(REPO / "src" / "wirewatch" / "data" / "lexicons" / "polnear_cues.json"))
    ap.add_argument("--min-cues", type=int, default=3, help="keep lemmas heading at least this many gold cues")
    ap.add_argument("--limit", type=int, default=None, help="only the first N texts (for a quick look)")
    args = ap.parse_args(argv)

    from wirewatch.config import Settings
    from wirewatch.nlp import load_nlp

    split_dir = Path(args.polnear) / args.split
    if not (split_dir / "attributions").is_dir():
        print(f"{split_dir}: not a PolNeAR split", file=sys.stderr)
        return 2
    settings = Settings.load()
    nlp = load_nlp(settings.spacy_model, settings.spacy_disable)
    chosen = list(texts(split_dir).items())[: args.limit]
    raw = [(split_dir / "text" / f"{name}.txt").read_text(encoding="utf-8") for name, _ in chosen]

    total: Counter[tuple[str, str]] = Counter()
    heads: Counter[tuple[str, str]] = Counter()
    conv: Counter[str] = Counter()
    n_attr = 0
    for (_name, ann), text, doc in zip(chosen, raw, nlp.pipe(raw, batch_size=16), strict=True):
        gold = read_ann(ann)
        cue_head: set[int] = set()
        cue_content: dict[int, set[int]] = {}  # cue head token -> characters of its gold content(s)
        for g in gold:
            n_attr += 1
            content = g["Content"]
            c0, c1 = content[0][0], content[-1][1]
            body = text[c0:c1]
            conv["content_starts_that"] += body.lower().startswith("that ")
            conv["content_starts_quote"] += body[:1] in QUOTES
            conv["content_ends_quote"] += body[-1:] in QUOTES
            conv["content_discontinuous"] += len(content) > 1
            conv["content_multi_sentence"] += bool(re.search(r"[.?!][\"”']?\s+[\"“'A-Z]", body[:-2]))
            conv["no_source"] += "Source" not in g
            conv["no_cue"] += "Cue" not in g
            if "Cue" not in g:
                continue
            span = doc.char_span(g["Cue"][0][0], g["Cue"][-1][1], alignment_mode="expand")
            if span is None or not len(span):
                continue
            toks = {t.i for t in span}
            roots = [t for t in span if t.head.i not in toks or t.head.i == t.i]
            root = next((t for t in roots if t.pos_ in ("VERB", "AUX", "NOUN", "ADJ")), roots[0] if roots else None)
            if root is not None:
                cue_head.add(root.i)
                cue_content.setdefault(root.i, set()).update(i for a, b in content for i in range(a, b))
        for tok in doc:
            kind = coarse(tok.pos_)
            if kind is None:
                continue
            if kind == "verb" and not (
                    any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in tok.children)
                    or tok.dep_ in ("advcl", "conj", "xcomp", "relcl", "acl")):
                continue  # no subject anywhere near: not in a position where it could be a cue
            if kind == "verb" and not any(c.dep_ in ARG_DEPS or c.dep_ == "prep" and any(
                    p.dep_ in ("pobj", "pcomp") for p in c.children) for c in tok.children):
                continue  # nothing it could be about (no object, complement or prepositional object)
            key = (kind, tok.lemma_.lower())
            total[key] += 1
            if tok.i in cue_head:
                heads[key] += 1
            if kind == "verb":
                # verb + preposition ('pointed to', 'spoke about'): a cue when its gold content takes in the
                # preposition's object
                for p in tok.children:
                    obj = next((o for o in p.children if o.dep_ in ("pobj", "pcomp")), None) if p.dep_ == "prep" else None
                    if obj is None:
                        continue
                    pair = ("verb_prep", f"{tok.lemma_.lower()} {p.lower_}")
                    total[pair] += 1
                    chars = range(obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge))
                    if tok.i in cue_head and any(i in cue_content[tok.i] for i in chars):
                        heads[pair] += 1

    out: dict[str, Any] = {
        "_about": ("Attribution-cue statistics mined from the PolNeAR train split by scripts/mine_polnear_cues.py "
                   "(word lemmas and counts only, no article text). n: tokens with that lemma and POS in a "
                   "position where they could be a cue (verbs: with a subject and something after them to be the "
                   "content); cue: how many of them head a gold Cue span (verb_prep: a verb with a preposition whose object the gold content takes in); precision: cue / n. Regenerate with the script; do not edit by hand."),
        "_source": f"PolNeAR v1.0.0 {args.split} split, {len(chosen)} texts, {n_attr} attributions",
    }
    for kind in ("verb", "noun", "adj", "prep", "verb_prep"):
        rows = {lemma: {"n": total[(k, lemma)], "cue": c, "precision": round(c / max(1, total[(k, lemma)]), 3)}
                for (k, lemma), c in heads.items()
                if k == kind and c >= args.min_cues and lemma.replace(" ", "").isalpha()}
        out[kind] = dict(sorted(rows.items(), key=lambda kv: (-kv[1]["cue"], kv[0])))
    Path(args.out).write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(chosen)} texts, {n_attr} attributions -> {args.out}")
    for k, v in conv.items():
        print(f"  {k}: {v} ({v / max(1, n_attr):.1%})")
    for kind in ("verb", "noun", "adj", "prep", "verb_prep"):
        print(f"  {kind}: {len(out[kind])} lemmas")
    return 0


if __name__ == "__main__":
    sys.exit(main())
