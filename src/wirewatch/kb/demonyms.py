"""Demonyms: 'Iraqi' -> IRQ, 'Texan' -> Texas, read through importlib.resources. The only module that reads them.

One table, ``data/demonyms.tsv`` (``scripts/build_demonyms.py``, which states its sources), one row a word with
its two readings, either of which may be empty::

    word  country  place

- ``load_demonyms()``: the ``country`` readings, nationality words and the country an actor of that
  nationality belongs to: "is 'Azerbaijani' a demonym?" for the extract stage;
- ``place_demonyms()``: the same words, then the ``place`` readings (the gazetteer's own: regions and
  divisions such as "Texan" -> Texas), for the geoparsing corpora's convention of annotating a demonym as
  the place it names.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

DEMONYMS = ("data", "demonyms.tsv")


@cache
def demonym_rows() -> tuple[tuple[str, str, str], ...]:
    """(word, country reading or "", place reading or ""), sorted by word."""
    text = resources.files("wirewatch").joinpath(*DEMONYMS).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if line and not line.startswith("#"):
            word, country, place = line.split("\t")
            rows.append((word, country, place))
    return tuple(rows)


@cache
def load_demonyms() -> dict[str, str]:
    """The actor demonym table: {'Iraqi': 'IRQ', 'Americans': 'USA', 'U.S.': 'USA', ...}."""
    return {word: country for word, country, _ in demonym_rows() if country}


@cache
def place_demonyms() -> tuple[tuple[str, str, bool], ...]:
    """(word, ISO3 code or place name, whether the word is a nationality), the nationality table first."""
    rows = [(word, iso, True) for word, iso in load_demonyms().items()]
    rows.extend((word, place, False) for word, _, place in demonym_rows() if place)
    return tuple(rows)
