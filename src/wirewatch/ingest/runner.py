"""Ingesting many inputs into a corpus store: NLP in worker processes, writes in the parent.

Inputs are read and hashed first; articles already stored (or repeated in the input) are not analysed
again. Each worker process builds its own :class:`~wirewatch.pipeline.Pipeline`; the parent receives
documents in input order and commits them in batches, one transaction each, so a run killed at any
moment leaves only whole batches behind and a rerun completes exactly what a clean run would store.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import WirewatchError
from ..model import Article, Document
from .base import Skipped
from .sources import read_inputs

CHUNK = 8  # articles per task sent to a worker


@dataclass
class IngestReport:
    read: int = 0  # articles read from the inputs
    stored: int = 0  # new articles stored
    already: int = 0  # already in the store
    duplicates: int = 0  # repeated within these inputs
    skipped: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0  # analysing and storing (reading the inputs excluded)
    read_seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)  # pipeline stage -> seconds, all workers
    jobs: int = 1

    @property
    def rate(self) -> float:
        return self.stored / self.seconds if self.seconds > 0 else 0.0


# -- worker side -----------------------------------------------------------------------------------
_PIPELINE: Any = None
_INIT_ERROR: Exception | None = None

Result = tuple[list[tuple[Document | None, str | None]], dict[str, float]]


def _die_with_parent() -> None:
    """Linux: end this worker when the parent dies (even by SIGKILL) rather than finish its task for nobody."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def _init_worker(settings: Settings, child: bool = False) -> None:
    global _PIPELINE, _INIT_ERROR
    from ..pipeline import Pipeline

    if child:
        _die_with_parent()
    _INIT_ERROR = None  # an in-process run after one whose pipeline failed to build starts clean
    try:
        _PIPELINE = Pipeline(settings)
    except Exception as exc:  # reported by the first task: an initializer that raises only breaks the pool
        _INIT_ERROR = exc


def _analyse(batch: list[Article]) -> Result:
    """Documents (or the error that stopped one) for a batch of articles, plus the stage timings spent."""
    if _INIT_ERROR is not None:
        raise _INIT_ERROR
    pipe = _PIPELINE
    before = dict(pipe.timings)
    try:
        results: list[tuple[Document | None, str | None]] = [(d, None) for d in pipe.pipe(batch, batch_size=len(batch))]
    except Exception:
        # one article broke the batch: redo them one by one so only that one is lost
        results = []
        for article in batch:
            try:
                results.append((pipe(article), None))
            except WirewatchError as exc:  # an article the pipeline refuses, with its own reason
                results.append((None, str(exc).removeprefix(f"{article.origin}: ")))
            except Exception as exc:
                where = traceback.extract_tb(exc.__traceback__)[-1]
                results.append((None, f"analysis failed: {type(exc).__name__}: {exc} "
                                      f"({Path(where.filename).name}:{where.lineno})"))
    spent = {k: v - before.get(k, 0.0) for k, v in pipe.timings.items()}
    return results, spent


# -- parent side -----------------------------------------------------------------------------------
def _chunks(items: Sequence[Article], size: int) -> Iterator[list[Article]]:
    for i in range(0, len(items), size):
        yield list(items[i:i + size])


def _in_process(settings: Settings, chunks: Iterable[list[Article]]) -> Iterator[Result]:
    _init_worker(settings)
    for chunk in chunks:
        yield _analyse(chunk)


def _in_pool(settings: Settings, chunks: Iterable[list[Article]], jobs: int) -> Iterator[Result]:
    """Results in input order, with at most a few tasks per worker in flight (bounded memory).

    A worker that dies (killed, out of memory) breaks the pool and ends the run with an error, rather
    than leaving the parent waiting forever for a task nobody will finish; what was committed stays.
    """
    ctx = mp.get_context("spawn")
    pool = ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker, initargs=(settings, True))
    try:
        pending: deque[Any] = deque()
        for chunk in chunks:
            pending.append(pool.submit(_analyse, chunk))
            if len(pending) >= jobs * 3:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BrokenProcessPool:
        raise WirewatchError("an analysis worker died unexpectedly (killed or out of memory); "
                             "what was stored so far is kept, run the same command again to go on") from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def ingest(paths: Iterable[str | Path], store: Any, *, settings: Settings | None = None, jobs: int | None = None,
           batch_size: int = 64, progress: bool = False,
           on_skip: Callable[[Skipped], None] | None = None) -> IngestReport:
    """Read ``paths``, analyse what is new, store it in ``store``; returns what happened."""
    settings = settings or Settings.load()
    report = IngestReport()
    t0 = time.perf_counter()
    todo: list[Article] = []
    seen: set[str] = set()

    def skip(item: Skipped) -> None:
        report.skipped.append(item)
        if on_skip:
            from tqdm import tqdm

            with tqdm.external_write_mode(file=sys.stderr):  # keeps a progress bar intact
                on_skip(item)

    db_file: Path | None = getattr(store, "path", None)
    exclude = [db_file.with_name(db_file.name + x) for x in ("", "-wal", "-shm", "-journal")] if db_file else []
    for item in read_inputs(paths, exclude):
        if isinstance(item, Skipped):
            skip(item)
            continue
        report.read += 1
        sha = item.sha256
        if sha in seen:
            report.duplicates += 1
            continue
        seen.add(sha)
        todo.append(item)
    known = store.known(a.sha256 for a in todo)
    report.already = len(known)
    todo = [a for a in todo if a.sha256 not in known]
    report.read_seconds = time.perf_counter() - t0
    if not todo:
        return report

    jobs = max(1, jobs or os.cpu_count() or 1)
    jobs = min(jobs, len(todo))
    chunk = max(1, min(CHUNK, batch_size, -(-len(todo) // jobs)))
    report.jobs = jobs
    chunks = _chunks(todo, chunk)
    results = _in_process(settings, chunks) if jobs == 1 else _in_pool(settings, chunks, jobs)

    from tqdm import tqdm

    t1 = time.perf_counter()
    bar = tqdm(total=len(todo), unit=" articles", file=sys.stderr, disable=not progress, dynamic_ncols=True,
               smoothing=0.1, desc="ingest",
               bar_format="{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}, "
                          "{rate_noinv_fmt}]")
    pending: list[tuple[Article, Document]] = []
    articles = iter(todo)

    def refused(article: Article, why: str) -> None:
        skip(Skipped(article.origin or article.sha256[:16], why))

    try:
        for docs, spent in results:
            for k, v in spent.items():
                report.timings[k] = report.timings.get(k, 0.0) + v
            for doc, error in docs:
                article = next(articles)
                if doc is None:
                    skip(Skipped(article.origin or article.sha256[:16], error or "analysis failed"))
                else:
                    pending.append((article, doc))
            if len(pending) >= batch_size:
                report.stored += store.add_many(pending, on_error=refused)
                pending = []
            bar.update(len(docs))
        if pending:
            report.stored += store.add_many(pending, on_error=refused)
    finally:
        bar.close()
        report.seconds = time.perf_counter() - t1
    return report
