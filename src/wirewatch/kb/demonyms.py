"""Demonyms: 'Iraqi' -> IRQ, 'Texan' -> Texas, read through importlib.resources. The only module that reads them.

Two readings of the words, from the two files the build scripts write:

- ``load_demonyms()``: nationality words and the country an actor of that nationality belongs to
  (``data/demonyms.json``, ``scripts/build_actors.py``): "is 'Azerbaijani' a demonym?" for the extract stage;
- ``place_demonyms()``: the same words, then the gazetteer's own (``data/gazetteer/demonyms.tsv``,
  ``scripts/build_gazetteer.py``: regions and divisions such as "Texan" -> Texas), for the geoparsing corpora's
  convention of annotating a demonym as the place it names.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

ACTOR_DEMONYMS = ("data", "demonyms.json")
PLACE_DEMONYMS = ("data", "gazetteer", "demonyms.tsv")


@cache
def load_demonyms() -> dict[str, str]:
    """The actor demonym table: {'Iraqi': 'IRQ', 'Americans': 'USA', 'U.S.': 'USA', ...}."""
    raw = resources.files("wirewatch").joinpath(*ACTOR_DEMONYMS).read_text(encoding="utf-8")
    table: dict[str, str] = json.loads(raw)
    return table


@cache
def place_demonyms() -> tuple[tuple[str, str, bool], ...]:
    """(word, ISO3 code or place name, whether the word is a nationality), the nationality table first."""
    rows = [(word, iso, True) for word, iso in load_demonyms().items()]
    text = resources.files("wirewatch").joinpath(*PLACE_DEMONYMS).read_text(encoding="utf-8")
    for line in text.splitlines():
        word, _, ref = line.partition("\t")
        if word.strip():
            rows.append((word, ref.strip(), False))
    return tuple(rows)
