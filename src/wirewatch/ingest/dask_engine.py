"""``wirewatch ingest --engine dask``: the NLP on the workers of a dask.distributed cluster.

The client (the ``wirewatch ingest`` process) reads the inputs, leaves out what is stored already, and
submits the new articles in chunks, in input order, with a few chunks in flight per worker thread. Each
worker builds its :class:`~wirewatch.pipeline.Pipeline` once per settings (a worker-local cache) and
returns documents; the client writes them to the store in batches, in input order, through the same loop
as the local engine (:func:`wirewatch.ingest.runner.store_in_order`), so idempotence and the ``kill -9``
guarantee are the same. Only articles and documents cross the network; the store is the client's alone.

Without a scheduler address the engine starts a :class:`distributed.LocalCluster` of ``jobs`` worker
processes with one thread each. docs/scale.md tells how to run it on a real cluster.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from ..config import Settings
from ..errors import ConfigError, WirewatchError
from ..model import Article
from .runner import IN_FLIGHT, Result, analyse_batch

ENGINES = ("local", "dask")

# -- worker side -----------------------------------------------------------------------------------
_PIPELINES: dict[Settings, Any] = {}
_LOCK = threading.Lock()


def worker_pipeline(settings: Settings) -> Any:
    """This worker process's pipeline for ``settings``, built on first use (a pipeline failing to build
    raises here, on every task, and so ends the client's run with its error)."""
    with _LOCK:
        pipe = _PIPELINES.get(settings)
        if pipe is None:
            from ..pipeline import Pipeline

            _PIPELINES.clear()  # one pipeline per worker: a run with other settings replaces it
            pipe = _PIPELINES[settings] = Pipeline(settings)
        return pipe


def analyse_on_worker(settings: Settings, batch: list[Article]) -> Result:
    """The task the client submits: one chunk of articles in, their documents and stage timings out."""
    pipe = worker_pipeline(settings)
    with _LOCK:  # a worker with several threads runs one pipeline: spaCy and our components are not thread-safe
        return analyse_batch(pipe, batch)


# -- client side -----------------------------------------------------------------------------------
def worker_environ() -> dict[str, object]:
    """dask's environment for new worker processes, less ``MALLOC_TRIM_THRESHOLD_``: set at all, it turns
    off glibc's adaptive mmap threshold, and spaCy then spends 10-20% more CPU on every parse (measured:
    16-17.6 vs 13.1-13.4 articles per CPU-second, docs/scale.md)."""
    import dask

    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", default={}) or {})
    environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    return environ


@contextlib.contextmanager
def quiet_workers() -> Iterator[None]:
    """Local worker processes started in here log nothing below CRITICAL (a task's error reaches the
    client, which reports it in one line, rather than as a traceback from each worker on our stderr), and
    get :func:`worker_environ`."""
    import os

    import dask

    key = "DASK_LOGGING__DISTRIBUTED"
    old = os.environ.get(key)
    os.environ[key] = "critical"
    try:
        with dask.config.set({"distributed.nanny.pre-spawn-environ": worker_environ()}):
            yield
    finally:
        if old is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = old


class DaskEngine:
    """Analysis on a dask.distributed cluster: the one at ``scheduler`` (``tcp://host:8786``), else a
    LocalCluster of ``jobs`` worker processes (default: one per core) with one thread each."""

    name = "dask"

    def __init__(self, scheduler: str | None = None, *, jobs: int | None = None, timeout: float = 10.0) -> None:
        self.scheduler = scheduler.strip() if scheduler and scheduler.strip() else None
        self.jobs = jobs
        self.timeout = timeout
        self.client: Any = None
        self.cluster: Any = None

    @property
    def where(self) -> str:
        return self.scheduler or "a local dask cluster"

    def start(self) -> None:
        """Connect (or start the LocalCluster); a bad address, an unreachable scheduler or a cluster without
        workers is a WirewatchError (one line, exit 2). Idempotent."""
        if self.client is not None:
            return
        try:
            import distributed
        except ImportError as exc:  # pragma: no cover - a dependency of wirewatch
            raise ConfigError(f"--engine dask needs the 'distributed' package ({exc})") from None
        # no connection-retry chatter on stderr, nor (from a local scheduler) the task errors we report ourselves
        logging.getLogger("distributed").setLevel(logging.CRITICAL)
        try:
            if self.scheduler is None:
                import os

                n = max(1, self.jobs or os.cpu_count() or 1)
                with quiet_workers():
                    self.cluster = distributed.LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                                            dashboard_address=None)
                self.client = distributed.Client(self.cluster, timeout=self.timeout)
            else:
                self.client = distributed.Client(self.scheduler, timeout=self.timeout)
            self.client.wait_for_workers(1, timeout=self.timeout)
        except ValueError as exc:  # a malformed address
            self.close()
            raise WirewatchError(f"bad dask scheduler address {self.scheduler!r}: {exc}") from None
        except (OSError, TimeoutError, RuntimeError) as exc:  # RuntimeError: a LocalCluster that failed to start
            self.close()
            what = f"dask scheduler at {self.scheduler}" if self.scheduler else "local dask cluster"
            raise WirewatchError(f"cannot use the {what}: {' '.join(str(exc).split()) or type(exc).__name__}"
                                 ) from None

    def slots(self) -> int:
        self.start()
        return max(1, sum(self.client.nthreads().values()))

    def results(self, settings: Settings, chunks: Iterable[list[Article]], slots: int) -> Iterator[Result]:
        """Results in input order, with at most ``IN_FLIGHT`` chunks per worker thread submitted ahead."""
        from distributed import KilledWorker

        self.start()
        pending: deque[Any] = deque()
        try:
            for chunk in chunks:
                pending.append(self.client.submit(analyse_on_worker, settings, chunk, pure=False))
                if len(pending) >= slots * IN_FLIGHT:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        except KilledWorker:
            raise WirewatchError("a dask worker died while analysing (killed or out of memory) and the task "
                                 "was retried too often; what was stored so far is kept, run the same command "
                                 "again to go on") from None
        except (OSError, TimeoutError) as exc:  # the scheduler went away
            raise WirewatchError(f"lost the {self.where}: {' '.join(str(exc).split())}; what was stored so "
                                 "far is kept, run the same command again to go on") from None
        finally:
            for future in pending:
                future.cancel()

    def close(self) -> None:
        for thing in (self.client, self.cluster):
            if thing is not None:
                with contextlib.suppress(Exception):  # closing after a failure: nothing more to say
                    thing.close()
        self.client = self.cluster = None

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def make_engine(settings: Settings, engine: str | None = None, scheduler: str | None = None,
                jobs: int | None = None) -> Any:
    """The engine that ``wirewatch ingest`` options (else the ``ingest_engine``/``dask_scheduler`` settings)
    name. A scheduler address alone means dask; naming it with ``--engine local`` is an error."""
    from .runner import LocalEngine

    if engine is not None and engine not in ENGINES:
        raise ConfigError(f"unknown ingest engine {engine!r}; one of: {', '.join(ENGINES)}")
    chosen = engine or ("dask" if scheduler else settings.ingest_engine)
    if chosen not in ENGINES:
        raise ConfigError(f"ingest_engine must be one of {', '.join(ENGINES)}, not {chosen!r}")
    if chosen == "local":
        if scheduler:
            raise ConfigError("--scheduler needs --engine dask")
        return LocalEngine(jobs)
    return DaskEngine(scheduler or settings.dask_scheduler, jobs=jobs, timeout=settings.dask_connect_timeout)
