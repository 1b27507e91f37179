"""The link stage: what ties stored articles to one another.

- copy groups: near-duplicates and wire copies (MinHash LSH, :mod:`.duplicates`);
- incidents: event mentions from different articles that are one real-world event (:mod:`.incidents`);
- claim clusters: attributions that state the same claim, with their independent sources and whether
  anyone denies or cannot confirm them (:mod:`.claims`, :mod:`.sources`).

    from wirewatch.link import link
    with open_store("wirewatch.db") as store:
        report = link(store)          # links what is not linked yet; idempotent and resumable
"""

from .runner import Linker, LinkReport, link, unlink

__all__ = ["LinkReport", "Linker", "link", "unlink"]
