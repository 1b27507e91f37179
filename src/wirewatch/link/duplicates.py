"""Near-duplicates and wire copies: MinHash signatures of word shingles in a MinHash LSH index (datasketch).

An AP story reprinted by five outlets with a new headline and a trimmed last paragraph keeps nearly all of
its five-word shingles, so its copies' estimated Jaccard similarity stays far above that of two independent
reports of one event (which share names, not sentences). Copies form a *copy group*, named by the sha256 of
its first linked article; corroboration counts a group as one source.

The signatures are stored, so a later link run rebuilds the index from them (cheap) and only computes the
signatures of new articles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

_WORD = re.compile(r"\w+", re.UNICODE)
#: A stored signature is only comparable with others made with the same seed and hashing scheme.
SEED = 1
SCHEME = "affine32"


def shingles(text: str, size: int) -> set[bytes]:
    """The set of ``size``-word shingles of ``text`` (lower-cased words; punctuation and spacing ignored)."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> Any:
    # MinHash draws its permutations from the seed on every construction, which cost as much as hashing
    # an article's shingles; drawn once, they are the very same arrays
    return MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME).permutations


def signature(text: str, size: int, num_perm: int) -> LeanMinHash:
    m = MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME, permutations=_permutations(num_perm))
    grams = shingles(text, size)
    if grams:
        m.update_batch(sorted(grams))
    return LeanMinHash(m)


def to_bytes(sig: LeanMinHash) -> bytes:
    return np.asarray(sig.hashvalues, dtype="<u4").tobytes()


def from_bytes(blob: bytes, num_perm: int) -> LeanMinHash:
    values = np.frombuffer(blob, dtype="<u4") if len(blob) % 4 == 0 else np.zeros(0, dtype="<u4")
    if values.size != num_perm:
        raise ValueError(f"a stored signature has {values.size} values, not {num_perm}")
    return LeanMinHash(seed=SEED, hashvalues=values.astype(np.uint32), scheme=SCHEME)


class CopyIndex:
    """Articles' signatures in an LSH index; :meth:`add` returns the copy group a new article joins."""

    def __init__(self, threshold: float, num_perm: int) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        # The index is asked for candidates at a lower similarity than the decision: banded LSH tuned to the
        # threshold itself misses ~1 in 6 pairs just above it (128 permutations, 9 bands of 13 rows, at
        # J=0.875); tuned 0.2 lower it finds 99% at the threshold, and each candidate's estimate decides.
        self.lsh = MinHashLSH(threshold=max(0.1, threshold - 0.2), num_perm=num_perm)
        self.signatures: dict[str, LeanMinHash] = {}
        self.group_of: dict[str, str] = {}
        self.members: dict[str, list[str]] = {}
        # the order groups were founded in (the older absorbs the younger on a merge), kept as a number per
        # group: deriving it from ``members`` on every copy would cost the whole corpus per article
        self.founded: dict[str, int] = {}
        self._next = 0

    def _found(self, group: str) -> None:
        if group not in self.founded:
            self.founded[group] = self._next
            self._next += 1

    def load(self, sha: str, sig: LeanMinHash, group: str) -> None:
        """Put back an article linked by an earlier run."""
        self.lsh.insert(sha, sig, check_duplication=False)
        self.signatures[sha] = sig
        self.group_of[sha] = group
        self.members.setdefault(group, []).append(sha)
        self._found(group)

    def add(self, sha: str, sig: LeanMinHash) -> tuple[str, float | None, list[str]]:
        """Index a new article: its group, its best Jaccard estimate, and the groups merged into it.

        An article that is a copy of articles in two groups joins them: the older group (the one whose
        founding article was linked first, i.e. the one listed first) absorbs the other.
        """
        scored = []
        for other in self.lsh.query(sig):
            jaccard = float(sig.jaccard(self.signatures[other]))
            if jaccard >= self.threshold:
                scored.append((jaccard, other))
        self.lsh.insert(sha, sig, check_duplication=False)
        self.signatures[sha] = sig
        if not scored:
            self.group_of[sha] = sha
            self.members[sha] = [sha]
            self._found(sha)
            return sha, None, []
        groups = _unique(self.group_of[o] for _, o in sorted(scored, key=lambda x: (-x[0], x[1])))
        # the oldest group is the one whose first member was linked first: members lists keep link order
        groups.sort(key=self.founded.__getitem__)
        keep, merged = groups[0], groups[1:]
        for g in merged:
            del self.founded[g]
            for member in self.members.pop(g):
                self.group_of[member] = keep
                self.members[keep].append(member)
        self.group_of[sha] = keep
        self.members[keep].append(sha)
        return keep, max(j for j, _ in scored), merged


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
