"""Link benchmark: 100k synthetic articles linked in steps of 10k, with time and peak RSS per step, set
against the ingest time of the same number of articles measured in the same run.

    .venv/bin/python bench/bench_link.py [--articles 100000] [--step 10000] [--days 10] [--ingest-sample 300]

The synthetic corpus is made from the extracted documents of our own articles (samples/articles,
samples/linked, tests/data/link): each *story* is one of them with every capitalised word (the names)
swapped for a made-up word of the same length, its places moved and its dates shifted, told by three
articles: the original, a wire copy (1.5% of its words changed) and an independent rewrite (25% changed).
Words are swapped for words of the same length, so every stored offset still points at its text. The
documents go into the store directly (no NLP): what is measured is linking. Ingest cost is measured on
real ingest (``wirewatch.ingest``, NLP in worker processes) of ``--ingest-sample`` recombined sample
articles (bench_ingest's corpus), and scaled to the corpus size.

Targets (issue #13): cost near-linear in the corpus (the last step no slower than ~1.5x the first), and
linking at most 20% of ingest time.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import os
import random
import re
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

CAPITALISED = re.compile(r"\b[A-Z][A-Za-z]+\b")
LOWER = re.compile(r"\b[a-z]{4,}\b")
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def base_documents() -> list[tuple[Any, dict[str, Any]]]:
    """(Article, document dict) for every article of our own that the benchmark builds stories from."""
    from wirewatch.ingest import read_article
    from wirewatch.pipeline import Pipeline

    paths = sorted((REPO / "samples" / "articles").glob("*.txt")) + sorted((REPO / "samples" / "linked").glob("*/*.txt")) \
        + sorted((REPO / "tests" / "data" / "link").glob("*.txt"))
    pipe = Pipeline()
    out = []
    for p in paths:
        article = read_article(p)
        if not article.published:
            article.published = "2024-06-01"
        out.append((article, pipe(article).to_dict()))
    return out


def made_up(word: str, rng: random.Random) -> str:
    letters = [rng.choice(LETTERS) for _ in word]
    return "".join(c.upper() if o.isupper() else c for c, o in zip(letters, word, strict=True))


class Story:
    """One base article retold: a consistent swap of its names, a place shift and a day."""

    def __init__(self, n: int, base: tuple[Any, dict[str, Any]], day: date) -> None:
        self.rng = random.Random(n)
        self.n = n
        self.article, self.doc = base
        self.names: dict[str, str] = {}
        self.dlat, self.dlon = self.rng.uniform(-8, 8), self.rng.uniform(-8, 8)
        self.day = day

    def swap_names(self, text: str) -> str:
        def swap(m: re.Match[str]) -> str:
            w = m.group(0)
            if w not in self.names:
                self.names[w] = made_up(w, self.rng)
            return self.names[w]

        return CAPITALISED.sub(swap, text)

    def telling(self, share: float, salt: int, source: str) -> tuple[Any, dict[str, Any]]:
        """The story's text with ``share`` of its lower-case words changed, and its document to match."""
        from wirewatch.model import Article, text_sha256

        rng = random.Random(self.n * 7 + salt)
        text = self.swap_names(self.article.text)
        if share:
            text = LOWER.sub(lambda m: made_up(m.group(0), rng) if rng.random() < share else m.group(0), text)
        doc = json.loads(json.dumps(self.doc))
        old_day = date.fromisoformat(self.article.published[:10])
        shift = (self.day - old_day).days

        def moved(iso: str | None) -> str | None:
            if not iso or len(iso) < 10:
                return iso
            try:
                return (date.fromisoformat(iso[:10]) + timedelta(days=shift)).isoformat() + iso[10:]
            except ValueError:
                return iso

        def reslice(span: dict[str, Any] | None) -> None:
            if span and span.get("start") is not None and "text" in span:
                span["text"] = text[span["start"]:span["end"]]

        for e in doc["entities"]:
            e["name"] = self.swap_names(e["name"])
            for m in e["mentions"]:
                reslice(m)
        for p in doc["places"]:
            p["name"] = self.swap_names(p["name"])
            p["lat"] = max(-80.0, min(80.0, p["lat"] + self.dlat))
            p["lon"] = ((p["lon"] + self.dlon + 180.0) % 360.0) - 180.0
            if p.get("geonameid"):
                p["geonameid"] = p["geonameid"] * 1000 + self.n % 1000
            for m in p["mentions"]:
                reslice(m)
        for a in doc["attributions"]:
            reslice(a["content"])
            reslice(a.get("cue"))
            sp = a["speaker"]
            if sp.get("start") is not None:
                sp["text"] = text[sp["start"]:sp["end"]]
        for v in doc["events"]:
            reslice(v["trigger"])
            v["date"]["value"] = moved(v["date"]["value"])
        published = self.day.isoformat()
        sha = text_sha256(text)
        doc["article"].update({"id": sha[:16], "sha256": sha, "chars": len(text), "source": source,
                               "published": published, "title": f"Story {self.n}"})
        article = Article(text=text, title=f"Story {self.n}", source=source, published=published,
                          origin=f"synthetic:{self.n}:{salt}")
        return article, doc


def synthetic(n_articles: int, days: int, bases: list[tuple[Any, dict[str, Any]]]):
    """Yield (Article, Document) in publication order: stories of three tellings, spread over ``days``."""
    from wirewatch.model import Document

    stories = (n_articles + 2) // 3
    first = date(2025, 1, 1)
    made = 0
    for n in range(stories):
        story = Story(n, bases[n % len(bases)], first + timedelta(days=n * days // stories))
        for share, salt, outlet in ((0.0, 0, f"Wire {n % 7}"), (0.015, 1, f"Outlet {n % 211}"),
                                    (0.25, 2, f"Outlet {(n + 97) % 211}")):
            if made == n_articles:
                return
            article, doc = story.telling(share, salt, outlet)
            yield article, Document.from_dict(doc)
            made += 1


def rss_mib() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def ingest_seconds_per_article(sample: int, jobs: int, work: Path) -> tuple[float, float]:
    """Seconds per article (and articles' mean length) of real ingest, NLP in ``jobs`` workers."""
    from bench_ingest import build_corpus
    from wirewatch.config import Settings
    from wirewatch.ingest.runner import ingest
    from wirewatch.store import open_store

    corpus = build_corpus(sorted((REPO / "samples" / "articles").glob("*.txt")), sample, work / "corpus")
    chars = sum(len(p.read_text(encoding="utf-8")) for p in corpus) / len(corpus)
    settings = dataclasses.replace(Settings.load(), link_on_ingest=False)
    t0 = time.perf_counter()
    with open_store(str(work / "ingest.db")) as store:
        report = ingest([work / "corpus"], store, settings=settings, jobs=jobs)
    assert report.stored == sample, report
    return (time.perf_counter() - t0) / sample, chars


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--step", type=int, default=10_000)
    ap.add_argument("--days", type=int, default=10, help="days the corpus is spread over")
    ap.add_argument("--ingest-sample", type=int, default=300, help="articles of real ingest to time (0: skip)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="ingest workers for the comparison")
    ap.add_argument("--db", type=Path, help="link into this SQLite file (default: a temporary one)")
    args = ap.parse_args()

    from wirewatch.config import Settings
    from wirewatch.link import Linker
    from wirewatch.store import open_store

    with tempfile.TemporaryDirectory(prefix="wirewatch-bench-link-") as tmp:
        work = Path(tmp)
        t0 = time.perf_counter()
        bases = base_documents()
        print(f"bases: {len(bases)} extracted articles of our own in {time.perf_counter() - t0:.1f}s; "
              f"corpus: {args.articles} synthetic articles over {args.days} days "
              f"({args.articles // max(1, args.days)} a day), stories of 3 (original, wire copy, rewrite)")
        ingest_per = None
        if args.ingest_sample:
            ingest_per, chars = ingest_seconds_per_article(args.ingest_sample, args.jobs, work)
            print(f"ingest (real, --jobs {args.jobs}, {args.ingest_sample} articles of {chars:.0f} chars): "
                  f"{1000 * ingest_per:.1f} ms per article, {1 / ingest_per:.1f} articles/s")
        db = args.db or work / "link.db"
        db.unlink(missing_ok=True)
        settings = Settings.load()
        articles = synthetic(args.articles, args.days, bases)
        with open_store(str(db)) as store:
            linker = Linker(store, settings)
            print(f"{'articles':>9} {'store s':>8} {'link s':>7} {'art/s':>7} {'ms/art':>7} {'RSS MiB':>8} "
                  f"{'peak MiB':>8} {'encoded':>8}  link split")
            total_link = 0.0
            steps: list[float] = []
            done = 0
            while done < args.articles:
                t1 = time.perf_counter()
                chunk = list(itertools.islice(articles, min(args.step, args.articles - done)))
                for k in range(0, len(chunk), 2000):
                    store.add_many(chunk[k:k + 2000])
                done += len(chunk)
                stored_s = time.perf_counter() - t1
                encoded_before = linker.claims.encoded
                t2 = time.perf_counter()
                report = linker.run(batch_size=500)
                spent = time.perf_counter() - t2
                total_link += spent
                steps.append(spent / max(1, report.articles))
                split = ", ".join(f"{k} {v:.1f}s" for k, v in sorted(report.timings.items(), key=lambda kv: -kv[1]))
                peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                print(f"{done:>9} {stored_s:>8.1f} {spent:>7.1f} {report.articles / spent:>7.0f} "
                      f"{1000 * spent / max(1, report.articles):>7.2f} {rss_mib():>8.0f} {peak:>8.0f} "
                      f"{report.encoded - encoded_before:>8}  {split}", flush=True)
            with store.engine.connect() as conn:
                from sqlalchemy import func, select

                from wirewatch.store import schema as s

                counts = {t.name: conn.scalar(select(func.count()).select_from(t)) for t in s.LINK_TABLES}
        per = total_link / args.articles
        print(f"linked {args.articles} articles in {total_link:.1f}s: {1000 * per:.2f} ms per article; "
              f"last step / first step cost per article: {steps[-1] / steps[0]:.2f}")
        print("link tables: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        if ingest_per:
            print(f"linking / ingest time: {100 * per / ingest_per:.1f}% "
                  f"({1000 * per:.2f} ms against {1000 * ingest_per:.1f} ms per article; target <= 20%)")


if __name__ == "__main__":
    main()
