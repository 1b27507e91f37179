"""Ingest benchmark: a corpus of >= 2,000 articles recombined from the sample articles, into a fresh SQLite file.

Prints articles/s and characters/s for the whole ingest (reading, NLP in worker processes, writing), the peak
resident memory of the ingesting process and its workers together, the stage split of the pipeline, and the
bare spaCy parse rate of the same texts in the same run (one process, ``nlp.pipe``), for comparison. With
``--compare-dask`` it also ingests the same corpus with the dask engine (a LocalCluster, or ``--scheduler``)
and prints its throughput next to the local run's, and whether both stored the same.

    .venv/bin/python bench/bench_ingest.py [--articles 2000] [--chars 3500] [--jobs N] [--chunk-size 8]
                                           [--compare-dask [--scheduler tcp://host:8786]] [--parse-sample 500]

Floor (issue #6): >= 20 articles/s on the 2-core machine with <= 1.5 GB peak RSS; goal 30/s. Issue #17:
>= 100,000 characters/s end to end for articles of ~3,500 characters (a 100k-article day in under an hour).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import re
import resource
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from wirewatch.config import Settings
from wirewatch.ingest import read_text_file
from wirewatch.ingest.runner import CHUNK, Engine, IngestReport, LocalEngine
from wirewatch.model import text_sha256

REPO = Path(__file__).resolve().parents[1]

SENTENCE_END = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z“\"])")


def build_corpus(samples: list[Path], n: int, out: Path, seed: int = 6, chars: int = 0) -> list[Path]:
    """``n`` distinct articles as long as the samples: each keeps one sample's lead and most of its paragraphs
    and mixes in paragraphs (sometimes with their sentences reordered) from the others, so hashes all differ.

    With ``chars`` > 0 each article goes on, after its own paragraphs, with paragraphs of the others until it
    is about ``chars`` characters long (real news averages 3,000-4,000; the samples ~1,350)."""
    rng = random.Random(seed)
    arts = [read_text_file(p) for p in samples]
    paras = [[p for p in a.text.split("\n\n") if p.strip()] for a in arts]
    pool = [(i, p) for i, ps in enumerate(paras) for p in ps[1:]]
    out.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    paths: list[Path] = []
    while len(paths) < n:
        k = len(paths) % len(arts)
        own = list(paras[k][1:])
        for _ in range(min(len(own) - 1, rng.randint(1, 2))):
            own.pop(rng.randrange(len(own)))  # drop one or two of its own paragraphs ...
        body = [paras[k][0], *own]
        for _, para in rng.sample(pool, k=rng.randint(1, 2)):  # ... and mix in one or two from others
            sentences = SENTENCE_END.split(para)
            if len(sentences) > 2 and rng.random() < 0.3:
                rng.shuffle(sentences)
                para = " ".join(sentences)
            body.insert(rng.randint(1, len(body)), para)
        size = sum(len(p) + 2 for p in body)
        while chars:  # longer articles: more of the others' paragraphs, anywhere after the lead
            _, para = rng.choice(pool)
            if size + (len(para) + 2) / 2 > chars:  # nearest to ``chars``, so the mean is about ``chars``
                break
            body.insert(rng.randint(1, len(body)), para)
            size += len(para) + 2
        text = "\n\n".join(body) + "\n"
        sha = text_sha256(text)
        if sha in seen:
            continue
        seen.add(sha)
        a = arts[k]
        day = 1 + len(paths) % 28
        header = f"Title: {a.title or 'Untitled'} ({len(paths)})\nSource: {a.source or 'Bench Wire'}\n" \
                 f"Published: 2024-{1 + len(paths) % 12:02d}-{day:02d}\n\n"
        path = out / f"b{len(paths):05d}.txt"
        path.write_text(header + text, encoding="utf-8")
        paths.append(path)
    return paths


class TreeMemory:
    """Samples the resident memory of this process plus all its descendants; keeps the peak of the sum."""

    def __init__(self, interval: float = 0.1) -> None:
        import psutil

        self.proc = psutil.Process()
        self.interval = interval
        self.peak = 0
        self.peak_parent = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                parent = self.proc.memory_info().rss
                total = parent
                for child in self.proc.children(recursive=True):
                    with contextlib.suppress(psutil.Error):
                        total += child.memory_info().rss
                self.peak = max(self.peak, total)
                self.peak_parent = max(self.peak_parent, parent)
            except psutil.Error:
                pass
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def cpu_seconds(children: bool = True) -> float:
    """User + system CPU time of this process and (by default) its waited-for children."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    total = me.ru_utime + me.ru_stime
    if children:
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        total += kids.ru_utime + kids.ru_stime
    return total


def run_ingest(corpus_dir: Path, db: Path, settings: Settings, engine: Engine, batch_size: int,
               chunk_size: int) -> tuple[IngestReport, float, float, float, int, int]:
    """One ingest into a fresh store: (report, wall, CPU of parent + workers, parent CPU, peak RSS, parent RSS)."""
    from wirewatch.ingest.runner import ingest
    from wirewatch.store import open_store

    db.unlink(missing_ok=True)
    cpu0, parent0 = cpu_seconds(), cpu_seconds(children=False)
    t0 = time.perf_counter()
    with TreeMemory() as mem, open_store(str(db)) as store:
        report = ingest([corpus_dir], store, settings=settings, batch_size=batch_size,
                        engine=engine, chunk_size=chunk_size)
        close = getattr(engine, "close", None)
        if close is not None:
            close()  # a LocalCluster's workers are joined, so their CPU time is counted
    wall = time.perf_counter() - t0
    return (report, wall, cpu_seconds() - cpu0, cpu_seconds(children=False) - parent0, mem.peak,
            mem.peak_parent)


def _parse_share(args: tuple[str, tuple[str, ...], list[str], Any]) -> float:
    """One process's part of :func:`parallel_parse_rate`: load, wait for the others, parse, return seconds."""
    model, disable, texts, barrier = args
    from wirewatch.nlp import load_nlp

    nlp = load_nlp(model, disable)
    list(nlp.pipe(texts[:8]))  # warm up
    barrier.wait()
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - t0


def parallel_parse_rate(settings: Settings, texts: list[str], jobs: int) -> float:
    """Articles per second of the bare spaCy parse run in ``jobs`` processes at once (each a share of
    ``texts``), timed from a common start once every process has loaded its pipeline."""
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    with ctx.Manager() as manager:
        barrier = manager.Barrier(jobs)
        shares = [(settings.spacy_model, settings.spacy_disable, texts[i::jobs], barrier) for i in range(jobs)]
        with ctx.Pool(jobs) as pool:
            seconds = pool.map(_parse_share, shares)
    return len(texts) / max(seconds)


def store_summary(db: Path) -> tuple[list[str], dict[str, int]]:
    """Article hashes in store order and rows per table: two runs stored the same if these are equal."""
    from sqlalchemy import func, select

    from wirewatch.store import open_store
    from wirewatch.store import schema as s

    with open_store(str(db), create=False) as store, store.engine.connect() as conn:
        shas = sorted(a["sha256"] for a in store.articles(with_text=False))
        counts = {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in s.ALL_TABLES}
    return shas, counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--chars", type=int, default=0,
                    help="make each article about this many characters long (0: as long as the samples, "
                         "~1,350; real news ~3,500)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--chunk-size", type=int, default=CHUNK,
                    help=f"articles per task sent to a worker, one nlp.pipe batch (default {CHUNK})")
    ap.add_argument("--compare-dask", action="store_true",
                    help="also ingest the same corpus with --engine dask (a LocalCluster of --jobs worker "
                         "processes, one thread each) into another fresh store, and print both")
    ap.add_argument("--scheduler", help="with --compare-dask: a running dask scheduler instead of a LocalCluster")
    ap.add_argument("--parse-sample", type=int, default=500,
                    help="texts for the bare spaCy parse rate (0: all of them; -1: skip it)")
    ap.add_argument("--keep", type=Path, help="keep the corpus folder and database here")
    args = ap.parse_args()

    samples = sorted((REPO / "samples" / "articles").glob("*.txt"))
    if not samples:
        sys.exit("no sample articles in samples/articles")
    work = args.keep or Path(tempfile.mkdtemp(prefix="wirewatch-bench-"))
    try:
        corpus = build_corpus(samples, args.articles, work / "corpus", chars=args.chars)
        texts = [read_text_file(p).text for p in corpus]
        chars = sum(map(len, texts))
        print(f"corpus: {len(corpus)} articles recombined from {len(samples)} samples, "
              f"{chars / len(texts):.0f} chars on average ({chars / len(texts) / 5.9:.0f} words), "
              f"{len({text_sha256(t) for t in texts})} distinct hashes")

        settings = Settings.load()
        cores = os.cpu_count() or 1
        load0 = os.getloadavg()[0]
        report, wall, cpu, parent_cpu, peak, peak_parent = run_ingest(
            work / "corpus", work / "bench.db", settings, LocalEngine(args.jobs), args.batch_size, args.chunk_size)
        stored = report.stored
        assert stored == len(corpus), (stored, len(corpus), report.skipped[:3])
        print(f"ingest: {stored} articles, --jobs {report.jobs}, --chunk-size {args.chunk_size}, wall {wall:.1f}s "
              f"(reading {report.read_seconds:.1f}s, analysing+storing {report.seconds:.1f}s incl. worker start)")
        print(f"  rate: {stored / wall:.1f} articles/s, {chars / wall:,.0f} characters/s end to end; "
              f"{report.rate:.1f} articles/s, {report.char_rate:,.0f} characters/s after reading")
        print(f"  a day of 100,000 articles of this length: {100_000 / (stored / wall) / 3600:.2f} h; of 3,500 "
              f"characters: {100_000 * 3500 / (chars / wall) / 3600:.2f} h")
        print(f"  CPU: {cpu:.0f}s for parent + workers (parent: reading, storing, {parent_cpu:.0f}s) = "
              f"{1000 * cpu / stored:.0f} ms per article; on {cores} "
              f"uncontended cores that is {stored / cpu * min(cores, report.jobs):.1f} articles/s, "
              f"{chars / cpu * min(cores, report.jobs):,.0f} characters/s "
              f"(load average {load0:.1f} at the start, {os.getloadavg()[0]:.1f} at the end)")
        print(f"  peak RSS: {peak / 2**20:.0f} MiB parent + workers (parent alone {peak_parent / 2**20:.0f} MiB)")
        busy = sum(report.timings.values())
        split = ", ".join(f"{k} {v:.1f}s ({100 * v / busy:.0f}%)" for k, v in
                          sorted(report.timings.items(), key=lambda kv: -kv[1]))
        print(f"  stage split (CPU-seconds summed over workers, {busy:.1f}s): {split}")
        print(f"  pipeline: {', '.join(settings.pipeline)}")

        if args.compare_dask:
            from wirewatch.ingest.dask_engine import DaskEngine

            engine = DaskEngine(args.scheduler, jobs=args.jobs, timeout=settings.dask_connect_timeout)
            t0 = time.perf_counter()
            engine.start()
            start = time.perf_counter() - t0
            d_report, d_wall, d_cpu, _, d_peak, _ = run_ingest(
                work / "corpus", work / "dask.db", settings, engine, args.batch_size, args.chunk_size)
            d_wall += start
            d_stored = d_report.stored
            same = store_summary(work / "dask.db") == store_summary(work / "bench.db")
            where = args.scheduler or f"LocalCluster of {args.jobs} worker processes x 1 thread"
            print(f"dask ({where}): {d_stored} articles, wall {d_wall:.1f}s (cluster start {start:.1f}s)")
            print(f"  rate: {d_stored / d_wall:.1f} articles/s, {chars / d_wall:,.0f} characters/s end to end "
                  f"(local engine: {stored / wall:.1f} articles/s, {chars / wall:,.0f} characters/s); "
                  f"{d_report.rate:.1f} articles/s after reading")
            if not args.scheduler:
                print(f"  CPU: {d_cpu:.0f}s client + workers; peak RSS {d_peak / 2**20:.0f} MiB")
            d_busy = sum(d_report.timings.values())
            print(f"  stage split ({d_busy:.1f}s): " + ", ".join(
                f"{k} {v:.1f}s ({100 * v / d_busy:.0f}%)" for k, v in
                sorted(d_report.timings.items(), key=lambda kv: -kv[1])))
            print(f"  same store as the local run (article hashes, rows per table): {'yes' if same else 'NO'}")

        if args.parse_sample < 0:
            return
        from wirewatch.nlp import load_nlp

        nlp = load_nlp(settings.spacy_model, settings.spacy_disable)
        sample = texts if args.parse_sample <= 0 else texts[: args.parse_sample]
        list(nlp.pipe(sample[:20]))  # warm up
        t1, c1 = time.perf_counter(), time.process_time()
        for _ in nlp.pipe(sample, batch_size=32):
            pass
        rate = len(sample) / (time.perf_counter() - t1)
        cpu_rate = len(sample) / (time.process_time() - c1)
        print(f"bare spaCy parse ({settings.spacy_model}, one process, {len(sample)} of the same texts): "
              f"{rate:.1f} articles/s wall, {cpu_rate:.1f} per CPU-second; x{report.jobs} processes ideal: "
              f"{rate * report.jobs:.1f} articles/s")
        print(f"ingest / ideal parallel parse: {100 * (stored / wall) / (rate * report.jobs):.0f}% by wall time, "
              f"{100 * (stored / cpu) / cpu_rate:.0f}% by CPU time")
        if report.jobs > 1:
            # the same parse in --jobs processes at once, as ingest's workers run: processes sharing a machine
            # slow each other (caches, memory bandwidth), which one process times two does not show
            both = parallel_parse_rate(settings, sample, report.jobs)
            print(f"bare spaCy parse in {report.jobs} processes at once ({len(sample)} texts split between "
                  f"them, pipeline loads not timed): {both:.1f} articles/s wall "
                  f"({100 * both / (rate * report.jobs):.0f}% of one process x{report.jobs})")
            print(f"ingest / parallel parse measured in {report.jobs} processes: {100 * (stored / wall) / both:.0f}%"
                  f" by wall time")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
