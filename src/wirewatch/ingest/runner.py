"""Ingesting many inputs into a corpus store: NLP in worker processes, writes in the parent.

Inputs are read and hashed first; articles already stored (or repeated in the input) are not analysed
again. The analysis runs on an *engine*: :class:`LocalEngine` (worker processes on this machine, the
default) or :class:`~wirewatch.ingest.dask_engine.DaskEngine` (the workers of a dask.distributed cluster).
Each worker builds its own :class:`~wirewatch.pipeline.Pipeline` once; whatever the engine, the parent
receives documents in input order and commits them in batches, one transaction each (one loop,
:func:`store_in_order`, for every engine), so a run killed at any moment leaves only whole batches behind
and a rerun completes exactly what a clean run would store.
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
from typing import Any, Protocol

from ..config import Settings
from ..errors import WirewatchError
from ..model import Article, Document
from .base import Skipped
from .sources import read_inputs

CHUNK = 8  # articles per task sent to a worker
IN_FLIGHT = 3  # tasks in flight per worker: enough to keep it busy, few enough to bound memory


@dataclass
class IngestReport:
    read: int = 0  # articles read from the inputs
    stored: int = 0  # new articles stored
    already: int = 0  # already in the store
    duplicates: int = 0  # repeated within these inputs
    skipped: list[Skipped] = field(default_factory=list)
    chars: int = 0  # characters of the articles stored
    seconds: float = 0.0  # analysing and storing (reading the inputs excluded)
    read_seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)  # pipeline stage -> seconds, all workers
    jobs: int = 1  # worker processes (or, on dask, worker threads) that analysed
    engine: str = "local"

    @property
    def rate(self) -> float:
        return self.stored / self.seconds if self.seconds > 0 else 0.0

    @property
    def char_rate(self) -> float:
        return self.chars / self.seconds if self.seconds > 0 else 0.0


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
    """Documents (or the error that stopped one) for a batch of articles, with this process's pipeline."""
    if _INIT_ERROR is not None:
        raise _INIT_ERROR
    return analyse_batch(_PIPELINE, batch)


def analyse_batch(pipe: Any, batch: list[Article]) -> Result:
    """Documents (or the error that stopped one) for a batch of articles, plus the stage timings spent.

    The batch is parsed with one ``nlp.pipe`` call; if any article breaks it, the articles are redone one
    by one so that only that one is lost, with its reason. Every engine's workers run this.
    """
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
            if len(pending) >= jobs * IN_FLIGHT:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BrokenProcessPool:
        raise WirewatchError("an analysis worker died unexpectedly (killed or out of memory); "
                             "what was stored so far is kept, run the same command again to go on") from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class Engine(Protocol):
    """Where the analysis runs. ``results`` must yield one Result per chunk, in the order of ``chunks``."""

    name: str

    def slots(self) -> int:
        """How many chunks can be analysed at once (worker processes or threads); may start the engine."""
        ...

    def results(self, settings: Settings, chunks: Iterable[list[Article]], slots: int) -> Iterator[Result]:
        ...


class LocalEngine:
    """Worker processes on this machine (``--jobs``); one job analyses in this process."""

    name = "local"

    def __init__(self, jobs: int | None = None) -> None:
        self.jobs = max(1, jobs or os.cpu_count() or 1)

    def slots(self) -> int:
        return self.jobs

    def results(self, settings: Settings, chunks: Iterable[list[Article]], slots: int) -> Iterator[Result]:
        return _in_process(settings, chunks) if slots == 1 else _in_pool(settings, chunks, slots)


def read_new(paths: Iterable[str | Path], store: Any, report: IngestReport,
             skip: Callable[[Skipped], None]) -> list[Article]:
    """The articles of ``paths`` that are neither in the store nor repeated, in input order."""
    todo: list[Article] = []
    seen: set[str] = set()
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
    return [a for a in todo if a.sha256 not in known]


def store_in_order(todo: Sequence[Article], results: Iterable[Result], store: Any, report: IngestReport, *,
                   batch_size: int, skip: Callable[[Skipped], None], progress: bool = False) -> None:
    """Write the documents of ``results`` (one Result per chunk of ``todo``, in order) to ``store``.

    One transaction per ``batch_size`` documents or more, so a run killed at any moment (even ``kill -9``)
    leaves whole batches only, all of them a prefix of ``todo`` less what was refused: rerunning it
    completes exactly what one clean run would have stored. Every engine's results go through here.
    """
    from tqdm import tqdm

    t1 = time.perf_counter()
    bar = tqdm(total=len(todo), unit=" articles", file=sys.stderr, disable=not progress, dynamic_ncols=True,
               smoothing=0.1, desc="ingest",
               bar_format="{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}, "
                          "{rate_noinv_fmt}]")
    pending: list[tuple[Article, Document]] = []
    articles = iter(todo)
    refused_shas: set[str] = set()

    def refused(article: Article, why: str) -> None:
        refused_shas.add(article.sha256)
        skip(Skipped(article.origin or article.sha256[:16], why))

    def flush() -> None:
        refused_shas.clear()
        report.stored += store.add_many(pending, on_error=refused)
        report.chars += sum(len(a.text) for a, _ in pending if a.sha256 not in refused_shas)

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
                flush()
                pending = []
            bar.update(len(docs))
        if pending:
            flush()
    finally:
        bar.close()
        report.seconds = time.perf_counter() - t1


def ingest(paths: Iterable[str | Path], store: Any, *, settings: Settings | None = None, jobs: int | None = None,
           batch_size: int = 64, progress: bool = False, on_skip: Callable[[Skipped], None] | None = None,
           engine: Engine | None = None, chunk_size: int = CHUNK) -> IngestReport:
    """Read ``paths``, analyse what is new on ``engine`` (default: ``jobs`` local worker processes), store it
    in ``store``; returns what happened. ``chunk_size`` is the number of articles per task."""
    settings = settings or Settings.load()
    engine = engine or LocalEngine(jobs)
    report = IngestReport(engine=engine.name)
    t0 = time.perf_counter()

    def skip(item: Skipped) -> None:
        report.skipped.append(item)
        if on_skip:
            from tqdm import tqdm

            with tqdm.external_write_mode(file=sys.stderr):  # keeps a progress bar intact
                on_skip(item)

    todo = read_new(paths, store, report, skip)
    report.read_seconds = time.perf_counter() - t0
    if not todo:
        return report

    slots = max(1, min(engine.slots(), len(todo)))
    chunk = max(1, min(chunk_size, batch_size, -(-len(todo) // slots)))
    report.jobs = slots
    results = engine.results(settings, _chunks(todo, chunk), slots)
    store_in_order(todo, results, store, report, batch_size=batch_size, skip=skip, progress=progress)
    return report
