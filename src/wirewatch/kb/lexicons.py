"""Loaders for the lexicons shipped in ``wirewatch/data/lexicons`` (data files, read once per process)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any


@cache
def load_lexicon(name: str) -> dict[str, Any]:
    """The JSON lexicon ``data/lexicons/<name>.json`` as a dict."""
    path = resources.files("wirewatch") / "data" / "lexicons" / f"{name}.json"
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


@dataclass(frozen=True)
class ActorNouns:
    sector: dict[str, str | None]
    anonymous: frozenset[str]
    titles: frozenset[str]


@lru_cache(maxsize=1)
def actor_nouns() -> ActorNouns:
    raw = load_lexicon("actor_nouns")
    return ActorNouns(sector=dict(raw["sector"]), anonymous=frozenset(raw["anonymous"]),
                      titles=frozenset(raw["titles"]))


def singular(word: str) -> str:
    """A crude English singular for lexicon keys: "militias" -> "militia", "forces" -> "force"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def lexicon_words(lexicon: str, key: str) -> Any:
    """One word list (or small table) of ``data/lexicons/<lexicon>.json``, as read (callers copy it into the
    set, tuple or dict they keep)."""
    return load_lexicon(lexicon)[key]


@lru_cache(maxsize=1)
def cameo_to_plover() -> dict[str, str]:
    """CAMEO root -> PLOVER type, from the one table ``data/lexicons/cameo_plover.json``."""
    return {root: plover for root, plover, _ in load_lexicon("cameo_plover")["roots"]}


@lru_cache(maxsize=1)
def plover_to_cameo() -> dict[str, str]:
    """PLOVER type -> the CAMEO root it mostly comes from (the table's ``primary`` rows)."""
    return {plover: root for root, plover, primary in load_lexicon("cameo_plover")["roots"] if primary}
