"""Score the link stage against the multi-article gold in samples/gold/linked (stories in samples/linked).

    .venv/bin/python bench/score_link.py [--json] [--per-story] [--keep DB]

All stories are ingested into one fresh SQLite corpus and linked together (so a false merge across
stories costs as it would in a real corpus), then compared with the gold:

- copy groups: pairwise precision/recall/F1 over pairs of articles in one copy group;
- incidents: pairwise P/R/F1 over pairs of gold event mentions (located by trigger word in the quoted
  sentence) that are in one incident. ``linking`` counts only mentions the extractor found (how well
  found events are clustered); ``end_to_end`` also counts mentions it missed, as singletons;
- claim clusters: the same over gold claim members (located by their quoted content);
- corroboration: for each gold claim cluster with a found member, whether the system cluster holding
  most of its members has exactly the gold number of independent sources, and the same contested flag.

The stories were written for this project, in our own words (see samples/linked/README.md).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
STORIES = REPO / "samples" / "linked"
GOLD = REPO / "samples" / "gold" / "linked"
#: stories 01-04 are the development split; later ones are held out
DEV_LAST = 4


def pairwise(gold: dict[Any, Any], system: dict[Any, Any]) -> dict[str, float]:
    """Pairwise P/R/F1 of two clusterings given as item -> cluster label (None: a singleton)."""
    items = sorted(set(gold) & set(system), key=repr)

    def pairs(labels: dict[Any, Any]) -> set[tuple[Any, Any]]:
        out = set()
        for a, b in combinations(items, 2):
            if labels[a] is not None and labels[a] == labels[b]:
                out.add((a, b))
        return out

    g, s = pairs(gold), pairs(system)
    tp = len(g & s)
    p = tp / len(s) if s else 1.0
    r = tp / len(g) if g else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    bp, br = b_cubed(items, system, gold), b_cubed(items, gold, system)
    bf = 2 * bp * br / (bp + br) if bp + br else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "gold_pairs": len(g),
            "system_pairs": len(s), "items": len(items),
            "b3_precision": round(bp, 3), "b3_recall": round(br, 3), "b3_f1": round(bf, 3)}


def b_cubed(items: list[Any], of: dict[Any, Any], against: dict[Any, Any]) -> float:
    """B-cubed precision of clustering ``of`` (the system) against ``against`` (the gold; swap them for
    recall): the mean, over items, of the share of the item's cluster in ``of`` that is also in its
    cluster in ``against``."""
    if not items:
        return 1.0

    def cluster(labels: dict[Any, Any], item: Any) -> set[Any]:
        label = labels[item]
        return {item} if label is None else {x for x in items if labels[x] == label}

    total = 0.0
    for item in items:
        mine = cluster(of, item)
        total += len(mine & cluster(against, item)) / len(mine)
    return total / len(items)


def locate(text: str, needle: str, within: str | None = None) -> tuple[int, int] | None:
    """Offsets of ``needle`` in ``text`` (inside the first occurrence of ``within`` when given)."""
    base = 0
    if within:
        base = text.find(within)
        if base < 0:
            return None
        i = text.find(needle, base, base + len(within))
    else:
        i = text.find(needle)
    return (i, i + len(needle)) if i >= 0 else None


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def ingest_and_link(db: str) -> None:
    from click.testing import CliRunner

    from wirewatch.cli import cli, register_subcommands

    register_subcommands()
    result = CliRunner().invoke(cli, ["ingest", str(STORIES), "--db", db, "--no-link", "--quiet"])
    if result.exit_code != 0:
        raise SystemExit(f"ingest failed: {result.output}")
    result = CliRunner().invoke(cli, ["link", "--db", db])
    if result.exit_code != 0:
        raise SystemExit(f"link failed: {result.output}")


def score(db: str, stories: Iterable[Path]) -> dict[str, Any]:
    from wirewatch.store import open_store

    with open_store(db, create=False) as store:
        arts = {(Path(a["origin"]).parent.name, Path(a["origin"]).name): a for a in store.articles()}
        by_sha = {a["sha256"]: key for key, a in arts.items()}
        by_id = {a["id"]: key for key, a in arts.items()}
        groups = {by_sha[r["article"]]: r["copy_group"] for r in store.link_table_rows("link_articles")}
        events: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for r in store.events():
            events.setdefault(by_id[r["article_id"]], []).append(r)
        incident_of = {(r["article_id"], r["event"]): r["incident"] for r in store.link_table_rows("incident_events")}
        claims: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for r in store.claims():
            claims.setdefault(by_id[r["article_id"]], []).append(r)
        clusters = {c["cluster_id"]: c for c in store.claim_clusters()}

    copy_gold: dict[Any, Any] = {}
    copy_sys: dict[Any, Any] = {}
    inc_gold: dict[Any, Any] = {}
    inc_sys: dict[Any, Any] = {}
    inc_missed: list[Any] = []
    claim_gold: dict[Any, Any] = {}
    claim_sys: dict[Any, Any] = {}
    claim_missed: list[Any] = []
    corroboration: list[dict[str, Any]] = []
    per_story: dict[str, dict[str, Any]] = {}
    for gold_path in stories:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        story = gold["story"]
        found_here = {"events": 0, "event_mentions": 0, "claim_members": 0, "claims_found": 0}
        for i, group in enumerate(gold.get("copy_groups", [])):
            for f in group:
                copy_gold[(story, f)] = f"{story}/{i}"
        for a in gold["articles"]:
            key = (story, a["file"])
            if key not in arts:
                raise SystemExit(f"{story}/{a['file']}: not in the corpus (not ingested?)")
            copy_gold.setdefault(key, None)
            copy_sys[key] = groups.get(key)
        for inc in gold["incidents"]:
            seen: set[tuple[str, str]] = set()
            for j, m in enumerate(inc["mentions"]):
                item = (story, inc["id"], j)
                event = _event_at(arts[(story, m["file"])], events.get((story, m["file"]), []), m,
                                  inc["event_type"])
                if event is not None and (event["article_id"], event["event_id"]) in seen:
                    continue  # two gold words of one extracted event count once
                inc_gold[item] = f"{story}/{inc['id']}"
                found_here["event_mentions"] += 1
                if event is None:
                    inc_missed.append(item)
                    continue
                seen.add((event["article_id"], event["event_id"]))
                found_here["events"] += 1
                inc_sys[item] = incident_of.get((event["article_id"], event["event_id"]))
        for claim in gold["claims"]:
            members_sys = []
            for j, m in enumerate(claim["members"]):
                item = (story, claim["id"], j)
                claim_gold[item] = f"{story}/{claim['id']}"
                found_here["claim_members"] += 1
                found = _claim_at(arts[(story, m["file"])], claims.get((story, m["file"]), []), m)
                if found is None:
                    claim_missed.append(item)
                    continue
                found_here["claims_found"] += 1
                claim_sys[item] = found["cluster_id"]
                members_sys.append(found["cluster_id"])
            if members_sys:
                best = Counter(c for c in members_sys if c).most_common(1)
                c = clusters.get(best[0][0]) if best else None
                corroboration.append({
                    "story": story, "claim": claim["id"], "gold_sources": claim["independent_sources"],
                    "system_sources": c["independent_sources"] if c else None,
                    "gold_contested": bool(claim.get("contested")),
                    "system_contested": bool(c["contested"]) if c else None})
        per_story[story] = found_here

    def end_to_end(gold: dict[Any, Any], system: dict[Any, Any], missed: list[Any]) -> dict[str, float]:
        # a missed mention is a singleton of its own: it can only cost recall
        return pairwise(gold, {**system, **{m: None for m in missed}})

    exact = [c for c in corroboration if c["gold_sources"] == c["system_sources"]]
    contested_right = [c for c in corroboration if c["gold_contested"] == c["system_contested"]]
    return {
        "stories": len(per_story), "articles": len(copy_gold),
        "copy_groups": pairwise(copy_gold, copy_sys),
        "incidents": {"linking": pairwise(inc_gold, inc_sys), "end_to_end": end_to_end(inc_gold, inc_sys, inc_missed),
                      "gold_mentions": len(inc_gold), "mentions_found": len(inc_sys)},
        "claims": {"linking": pairwise(claim_gold, claim_sys),
                   "end_to_end": end_to_end(claim_gold, claim_sys, claim_missed),
                   "gold_members": len(claim_gold), "members_found": len(claim_sys)},
        "corroboration": {"clusters": len(corroboration), "exact": len(exact),
                          "exact_rate": round(len(exact) / len(corroboration), 3) if corroboration else None,
                          "contested_right": len(contested_right),
                          "contested_rate": round(len(contested_right) / len(corroboration), 3)
                          if corroboration else None,
                          "wrong": [c for c in corroboration if c not in exact]},
        "per_story": per_story,
    }


def _event_at(article: dict[str, Any], events: list[dict[str, Any]], m: dict[str, Any],
              event_type: str) -> dict[str, Any] | None:
    """The extracted event for a gold mention: the one whose trigger overlaps the gold trigger, else one of
    the incident's type in the same sentence ("a drone hit the market, killing 12": hit and killing are one
    mention of the strike to an extractor that reports one event per clause)."""
    where = locate(article["text"], m["trigger"], m["sentence"])
    if where is None:
        raise SystemExit(f"{article['origin']}: gold trigger {m['trigger']!r} not found in its sentence")
    real = [e for e in events if e["aux"] not in ("negation", "hypothetical", "future")]
    hits = [e for e in real if overlap(where, (e["trigger_start"], e["trigger_end"])) > 0]
    if not hits:
        hits = [e for e in real if e["event_type"] == event_type
                and e["evidence_start"] <= where[0] < e["evidence_end"]]
    return hits[0] if hits else None


def _claim_at(article: dict[str, Any], claims: list[dict[str, Any]], m: dict[str, Any]) -> dict[str, Any] | None:
    where = locate(article["text"], m["content"])
    if where is None:
        raise SystemExit(f"{article['origin']}: gold claim content {m['content'][:40]!r}... not found")
    best, best_share = None, 0.0
    for c in claims:
        span = (c["evidence_start"], c["evidence_end"])
        share = overlap(where, span) / max(1, min(where[1] - where[0], span[1] - span[0]))
        if share > best_share:
            best, best_share = c, share
    return best if best_share >= 0.5 else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="Print one JSON object.")
    ap.add_argument("--per-story", action="store_true", help="Also print what was found per story.")
    ap.add_argument("--keep", metavar="DB", help="Link into this SQLite file and keep it (to inspect).")
    ap.add_argument("--split", choices=["dev", "test", "all"], default="all",
                    help="dev: stories 01-04 (what the link settings were tuned on); test: 05 onwards (held "
                         "out); all: every story. The corpus linked is always all of them.")
    args = ap.parse_args(argv)
    stories = [p for p in sorted(GOLD.glob("*.json"))
               if args.split == "all" or (int(p.name[:2]) <= DEV_LAST) == (args.split == "dev")]
    if not stories:
        print(f"no gold in {GOLD}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        db = args.keep or str(Path(tmp) / "linked.db")
        if args.keep:
            Path(db).unlink(missing_ok=True)
        ingest_and_link(db)
        figures = score(db, stories)
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"{figures['stories']} stories ({args.split}), {figures['articles']} articles (samples/linked)")
    cg = figures["copy_groups"]
    print(f"copy groups     pairwise P {cg['precision']:.3f} R {cg['recall']:.3f} F1 {cg['f1']:.3f} "
          f"({cg['gold_pairs']} gold pairs); B3 F1 {cg['b3_f1']:.3f}")
    for name, unit in (("incidents", "mentions"), ("claims", "members")):
        part = figures[name]
        found = part["mentions_found" if name == "incidents" else "members_found"]
        total = part["gold_mentions" if name == "incidents" else "gold_members"]
        for mode in ("linking", "end_to_end"):
            f = part[mode]
            print(f"{name:<15} {mode:<10} pairwise P {f['precision']:.3f} R {f['recall']:.3f} F1 {f['f1']:.3f} "
                  f"({f['gold_pairs']} gold pairs); B3 P {f['b3_precision']:.3f} R {f['b3_recall']:.3f} "
                  f"F1 {f['b3_f1']:.3f}")
        print(f"{'':<15} extractor found {found} of {total} gold {unit}")
    co = figures["corroboration"]
    print(f"corroboration   independent-source count exact on {co['exact']} of {co['clusters']} claim clusters "
          f"({co['exact_rate']}); contested flag right on {co['contested_right']} ({co['contested_rate']})")
    for w in co["wrong"]:
        print(f"  {w['story']} {w['claim']}: gold {w['gold_sources']}, system {w['system_sources']}")
    if args.per_story:
        for story, f in figures["per_story"].items():
            print(f"  {story}: events {f['events']}/{f['event_mentions']}, claims {f['claims_found']}/"
                  f"{f['claim_members']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
