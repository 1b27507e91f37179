"""Ingest benchmark: a corpus of >= 2,000 articles recombined from the sample articles, into a fresh SQLite file.

Prints articles/s for the whole ingest (reading, NLP in worker processes, writing), the peak resident memory
of the ingesting process and its workers together, the stage split of the pipeline, and the bare spaCy parse
rate of the same texts in the same run (one process, ``nlp.pipe``), for comparison.

    .venv/bin/python bench/bench_ingest.py [--articles 2000] [--jobs N] [--parse-sample 500]

Floor (issue #6): >= 20 articles/s on the 2-core machine with <= 1.5 GB peak RSS; goal 30/s.
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

from wirewatch.ingest import read_text_file
from wirewatch.model import text_sha256

REPO = Path(__file__).resolve().parents[1]

SENTENCE_END = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z“\"])")


def build_corpus(samples: list[Path], n: int, out: Path, seed: int = 6) -> list[Path]:
    """``n`` distinct articles as long as the samples: each keeps one sample's lead and most of its paragraphs
    and mixes in paragraphs (sometimes with their sentences reordered) from the others, so hashes all differ."""
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--parse-sample", type=int, default=500,
                    help="texts for the bare spaCy parse rate (0: all of them)")
    ap.add_argument("--keep", type=Path, help="keep the corpus folder and database here")
    args = ap.parse_args()

    samples = sorted((REPO / "samples" / "articles").glob("*.txt"))
    if not samples:
        sys.exit("no sample articles in samples/articles")
    work = args.keep or Path(tempfile.mkdtemp(prefix="wirewatch-bench-"))
    try:
        corpus = build_corpus(samples, args.articles, work / "corpus")
        texts = [read_text_file(p).text for p in corpus]
        chars = sum(map(len, texts))
        print(f"corpus: {len(corpus)} articles recombined from {len(samples)} samples, "
              f"{chars / len(texts):.0f} chars on average, {len({text_sha256(t) for t in texts})} distinct hashes")

        from wirewatch.config import Settings
        from wirewatch.ingest.runner import ingest
        from wirewatch.store import open_store

        settings = Settings.load()
        cores = os.cpu_count() or 1
        db = work / "bench.db"
        db.unlink(missing_ok=True)
        load0 = os.getloadavg()[0]
        cpu0, parent0 = cpu_seconds(), cpu_seconds(children=False)
        t0 = time.perf_counter()
        with TreeMemory() as mem, open_store(str(db)) as store:
            report = ingest([work / "corpus"], store, settings=settings, jobs=args.jobs, batch_size=args.batch_size)
            stored = store.count()
        wall = time.perf_counter() - t0
        cpu = cpu_seconds() - cpu0  # the workers have been joined, so their CPU time is counted
        parent_cpu = cpu_seconds(children=False) - parent0
        assert stored == len(corpus), (stored, len(corpus), report.skipped[:3])
        print(f"ingest: {stored} articles, --jobs {report.jobs}, wall {wall:.1f}s "
              f"(reading {report.read_seconds:.1f}s, analysing+storing {report.seconds:.1f}s incl. worker start)")
        print(f"  rate: {stored / wall:.1f} articles/s end to end; {report.rate:.1f} articles/s after reading")
        print(f"  CPU: {cpu:.0f}s for parent + workers (parent: reading, storing, {parent_cpu:.0f}s) = "
              f"{1000 * cpu / stored:.0f} ms per article; on {cores} "
              f"uncontended cores that is {stored / cpu * min(cores, report.jobs):.1f} articles/s "
              f"(load average {load0:.1f} at the start, {os.getloadavg()[0]:.1f} at the end)")
        print(f"  peak RSS: {mem.peak / 2**20:.0f} MiB parent + workers (parent alone {mem.peak_parent / 2**20:.0f} MiB)")
        busy = sum(report.timings.values())
        split = ", ".join(f"{k} {v:.1f}s ({100 * v / busy:.0f}%)" for k, v in
                          sorted(report.timings.items(), key=lambda kv: -kv[1]))
        print(f"  stage split (CPU-seconds summed over workers, {busy:.1f}s): {split}")
        print(f"  pipeline: {', '.join(settings.pipeline)}")

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
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
