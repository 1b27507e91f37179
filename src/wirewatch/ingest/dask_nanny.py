"""A dask nanny preload for wirewatch workers: ``dask worker ... --preload-nanny wirewatch.ingest.dask_nanny``.

dask's nannies give their worker processes ``MALLOC_TRIM_THRESHOLD_=65536``; set at all, it turns off
glibc's adaptive mmap threshold, and spaCy then spends 10-20% more CPU per parse (docs/scale.md). Imported
by the nanny before it starts its worker, this module drops the variable from that environment.
"""

from __future__ import annotations

import dask

from .dask_engine import worker_environ

dask.config.set({"distributed.nanny.pre-spawn-environ": worker_environ()})
