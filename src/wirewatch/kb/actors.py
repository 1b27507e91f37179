"""PLOVER actor coding: an entity's name (plus the titles and words around it) -> country + sector.

The knowledge lives in ``wirewatch/data/actors.json.gz``, built by ``scripts/build_actors.py`` from the
Phoenix/PETRARCH2 actor and agent dictionaries (MIT), text_to_CAMEO country names (MIT) and wirewatch's own
hand tables (news outlets, armed groups, IGOs, demonyms). Phoenix/CAMEO codes are translated to PLOVER at build
time, so every code held here is already ``COUNTRY/SECTOR+SECTOR`` (either part may be empty).

How a name is coded (``ActorCoder.code``):

1. The whole name, normalised (case, diacritics, punctuation, a leading "the", a possessive "'s"), is looked up
   among named actors: persons, organisations, countries and their aliases/demonyms/capitals. A person's or
   office's code can carry a date range; the one valid at ``when`` wins, else the latest.
2. Otherwise the name is segmented greedily (longest match first) into named actors, generic agent phrases
   ("security forces", "Interior Ministry", "militants", "spokesman"...), honorifics and unknown words. A named
   person or organisation inside the name gives the identity; countries and demonyms give the country; agent
   phrases give the sector. In a noun phrase the head comes last ("Iraqi government security forces" -> MIL with
   GOV as a secondary sector); in a stack of titles before a person the affiliation comes first ("Interior
   Ministry spokesman Brigadier General" -> GOV, then MIL).
3. A single surname ("Kirby") matches a dictionary person when all dictionary persons with that surname code
   alike; a longer name matches only when its given name agrees with the dictionary's, so "Michelle Obama" is
   not Barack Obama.
4. ``context`` (titles, roles, organisations, demonyms around the mention) fills in what the name lacks: the
   country and/or the sector. It never overrides a dictionary person or organisation.
"""

from __future__ import annotations

import datetime
import gzip
import json
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..model import Actor
from .lexicons import lexicon_words

DATA_PACKAGE = "wirewatch.data"
ACTORS_FILE = "actors.json.gz"
FORMAT = "wirewatch.actors/1"

# Sectors of the state apparatus: when a state body is followed by a generic head noun ("Pentagon officials"),
# the head noun decides the primary sector; a non-state group keeps its own ("Taliban commander" is REB).
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})
NON_STATE_COUNTRIES = frozenset({"IMG", "NGO", "MNC", "ISM"})
# Words that never carry identity on their own at the start of a phrase.
_DETERMINERS = frozenset(lexicon_words("actor_words", "determiners"))
_GLUE = frozenset(lexicon_words("actor_words", "glue"))
# "Deputy National Publicity Secretary": before another word of a title these only qualify it (the agents
# dictionary codes a bare "deputy" as police)
_TITLE_MODIFIERS = frozenset(lexicon_words("actor_words", "title_modifiers"))
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u02bc": "'", "\u2032": "'"})
_POSSESSIVE = re.compile(r"'S\b")
_NON_WORD = re.compile(r"[\W_]+")
INF_DATE = 99999999


@lru_cache(maxsize=1 << 16)  # pure, and asked of the same names all through a run
def normalize(text: str) -> str:
    """Canonical form used on both sides of every lookup: 'the U.S.' -> 'US', "Iraq's" -> 'IRAQ',
    'al-Maliki' -> 'AL MALIKI', 'Médecins' -> 'MEDECINS'."""
    t = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    t = "".join(c for c in t if not unicodedata.combining(c)).upper()
    t = _POSSESSIVE.sub("", t).replace("'", "").replace(".", "").replace("&", " AND ")
    t = _NON_WORD.sub(" ", t).strip()
    if t.startswith("THE "):
        t = t[4:]
    return t


def date_key(when: datetime.date | None) -> int | None:
    return None if when is None else when.year * 10000 + when.month * 100 + when.day


def parse_code(code: str) -> tuple[str | None, list[str]]:
    """'USA/MIL+GOV' -> ('USA', ['MIL', 'GOV'])."""
    country, _, sectors = code.partition("/")
    return (country or None), [s for s in sectors.split("+") if s]


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    kind: str  # "p" person, "o" organisation, "c" country/place/demonym, "agent", "title"
    ref: int  # entry index (p/o/c) or code index (agent); -1 for titles


class ActorCoder:
    """Codes entity names as PLOVER actors. ``ActorCoder.load()`` reads the packaged dictionaries (once per
    process); components get the coder from the pipeline's :class:`~wirewatch.kb.KnowledgeBase`."""

    _instance: ActorCoder | None = None
    _lock = threading.Lock()

    def __init__(self, data: dict[str, Any]) -> None:
        if data.get("format") != FORMAT:
            raise ValueError(f"unexpected actor data format {data.get('format')!r}")
        self._codes: list[str] = data["codes"]
        self._parsed = [parse_code(c) for c in self._codes]
        # entry: [kind, codes, given-names]; codes: list of code index or [code index, start, end]
        self._entries: list[list[Any]] = data["entries"]
        self._names: dict[str, int] = data["names"]
        self._surnames: dict[str, int | list[int]] = data["surnames"]
        self._agents: dict[str, int] = data["agents"]
        self._titles: frozenset[str] = frozenset(data["titles"])
        self._countries: dict[str, str] = data["countries"]
        self._demonyms: frozenset[str] = frozenset(data.get("demonyms", []))
        self._max_len = max(
            (k.count(" ") + 1 for table in (self._names, self._agents) for k in table), default=1)
        self._max_len = min(self._max_len, 12)

    # ---- construction ------------------------------------------------------------------------------

    @classmethod
    def load(cls) -> ActorCoder:
        """The shared coder, loaded from the package data on first use."""
        if cls._instance is None:
            with cls._lock:
                if cls._instance is None:
                    raw = resources.files(DATA_PACKAGE).joinpath(ACTORS_FILE).read_bytes()
                    cls._instance = cls(json.loads(gzip.decompress(raw)))
        return cls._instance

    # ---- public API ----------------------------------------------------------------------------------

    def country_of(self, text: str) -> str | None:
        """ISO alpha-3 (or PLOVER special code) for a country name, alias or demonym; None otherwise."""
        raw = text.strip()
        key = normalize(raw)
        if not key or not self._acronym_ok(key, raw):
            return None
        hit = self._countries.get(key)
        if hit is None and key.endswith("S") and len(key) > 4:
            hit = self._countries.get(key[:-1])  # "Iraqis"
        return hit

    def code(self, name: str, *, label: str | None = None, context: str = "",
             when: datetime.date | None = None) -> Actor | None:
        """PLOVER actor for an entity name, or None when nothing about it is known."""
        raw = name.strip()
        toks = self._tokens(raw)
        if not toks:
            return self._from_context(context, None, [], when)
        key = " ".join(toks)
        entry = self._name_entry(key, raw)
        if entry is not None and not (label == "PERSON" and self._entries[entry][0] == "c" and " " in key):
            country, sectors = self._entry_code(entry, when)
            if label in ("GPE", "LOC", "NORP") and self._entries[entry][0] == "c":
                sectors = sectors if sectors and "PRE" in sectors else []
            return self._finish(country, sectors, context, when)
        return self._code_phrase(toks, raw, label, context, when)

    # ---- internals -----------------------------------------------------------------------------------

    def _tokens(self, raw: str) -> list[str]:
        toks = normalize(raw).split()
        while toks and toks[0] in _DETERMINERS:
            toks = toks[1:]
        return toks

    @staticmethod
    def _acronym_ok(key: str, raw: str) -> bool:
        """Short acronyms ('US', 'IS', 'UN', 'AU') match only when written in capitals, never 'us' or 'is'."""
        if " " in key or len(key) > 3:
            return True
        letters = [c for c in raw if c.isalpha()]
        return not letters or any(c.isupper() for c in letters[1:]) or len(letters) == 1

    def _name_entry(self, key: str, raw: str) -> int | None:
        idx = self._names.get(key)
        if idx is None or not self._acronym_ok(key, raw):
            return None
        if " " not in key and self._entries[idx][0] in ("p", "o") and raw[:1].islower():
            return None  # one lower-case word ("wagner", "hill") is no proper name
        return idx

    def _entry_code(self, entry: int, when: datetime.date | None) -> tuple[str | None, list[str]]:
        codes = self._entries[entry][1]
        return self._pick(codes, when)

    def _pick(self, codes: list[Any], when: datetime.date | None) -> tuple[str | None, list[str]]:
        undated = [c for c in codes if isinstance(c, int)]
        dated = [c for c in codes if not isinstance(c, int)]
        w = date_key(when)
        choice: int | None = None
        if w is not None:
            covering = [c for c in dated if c[1] <= w <= c[2]]
            if covering:
                choice = min(covering, key=lambda c: (c[2] - c[1], -c[1]))[0]
            elif undated:
                choice = undated[0]
            elif dated:
                latest = max(dated, key=lambda c: (c[2], c[1]))
                if latest[2] < w:
                    # every known role had ended by then: a former official (PLOVER ELI)
                    country, sectors = self._parsed[latest[0]]
                    if sectors and sectors[0] in STATE_SECTORS:
                        return country, ["ELI"] + [s for s in sectors if s != "ELI"]
                    return country, list(sectors)
                # nothing valid yet: the role nearest in time
                choice = min(dated, key=lambda c: min(abs(w - c[1]), abs(w - c[2])))[0]
        elif dated:
            choice = max(dated, key=lambda c: (c[2], c[1]))[0]
        elif undated:
            choice = undated[0]
        if choice is None:
            return None, []
        country, sectors = self._parsed[choice]
        return country, list(sectors)

    def _segment(self, toks: list[str], raw_tokens: list[str] | None = None) -> list[_Match]:
        """Greedy longest-match segmentation into named actors, agent phrases and titles."""
        out: list[_Match] = []
        i, n = 0, len(toks)
        while i < n:
            found: _Match | None = None
            for length in range(min(self._max_len, n - i), 0, -1):
                key = " ".join(toks[i:i + length])
                raw = " ".join(raw_tokens[i:i + length]) if raw_tokens else key
                idx = self._name_entry(key, raw)
                if idx is not None:
                    found = _Match(i, i + length, self._entries[idx][0], idx)
                    break
                if key in self._agents:
                    found = _Match(i, i + length, "agent", self._agents[key])
                    break
                if length == 1 and key in self._titles:
                    found = _Match(i, i + 1, "title", -1)
                    break
            if found is None:
                i += 1
                continue
            out.append(found)
            i = found.end
        return out

    def _raw_tokens(self, raw: str, count: int) -> list[str] | None:
        """The original spelling of each normalised token, when they line up (used for the acronym check)."""
        parts = [p for p in (normalize(w) for w in re.split(r"[\s\-_/]+", raw)) if p]
        words = [w for w in re.split(r"[\s\-_/]+", raw) if normalize(w)]
        flat: list[str] = []
        for p, w in zip(parts, words, strict=False):
            flat.extend([w] * len(p.split()))
        if len(flat) < count:
            return None
        return flat[len(flat) - count:]

    def _code_phrase(self, toks: list[str], raw: str, label: str | None, context: str,
                     when: datetime.date | None) -> Actor | None:
        segs = self._segment(toks, self._raw_tokens(raw, len(toks)))
        if label == "PERSON":
            # "Jordan Peterson" is no Jordanian: a country word inside a person's name counts only as a
            # demonym or before a title ("U.S. President Obama"); otherwise it is just part of the name
            segs = [m for m in segs if m.kind != "c" or self._qualifies(m, segs, toks)]
        covered = [False] * len(toks)
        for m in segs:
            for k in range(m.start, m.end):
                covered[k] = True

        def free_before(m_start: int) -> list[str]:
            return [toks[k] for k in range(m_start) if not covered[k] and toks[k] not in _GLUE]

        # identity: the rightmost named person/organisation
        def is_head(m: _Match) -> bool:
            """A name inside a longer one identifies it only as its head: no unknown words may follow
            ("National" in "National Unity Government" is not the newspaper The National)."""
            return not any(not covered[k] and toks[k] not in _GLUE for k in range(m.end, len(toks)))

        ident: _Match | None = None
        for m in reversed(segs):
            if m.kind in ("p", "o"):
                if m.kind == "p" and not self._given_ok(m.ref, free_before(m.start)):
                    continue
                if not is_head(m):
                    continue
                # a person's last word that happens to spell an organisation is a surname ("Doko-Sana")
                if label == "PERSON" and m.kind == "o" and m.end == len(toks) and free_before(m.start):
                    continue
                ident = m
                break
        if ident is None and label in (None, "PERSON") and toks:
            words = raw.split()
            ident = self._surname_match(toks, covered, words[-1] if words else "", when)

        country_matches = [m for m in segs if m.kind == "c"]
        agents = [m for m in segs if m.kind == "agent"]

        country: str | None = None
        sectors: list[str] = []
        if ident is not None:
            country, own = self._entry_code(ident.ref, when)
            if ident.kind == "p":
                titles = [m for m in agents if m.end <= ident.start]
                sectors = own + self._stack_sectors(titles)
            else:
                after = [m for m in agents if m.start >= ident.end]
                head = self._head_sectors(after)
                state_body = (country not in NON_STATE_COUNTRIES and country not in ("IGO", "UNO", "EUR")
                              and bool(own) and own[0] in STATE_SECTORS)
                # a state body takes the head noun's sector ("Pentagon officials"); a group keeps its own
                sectors = head + own if head and (state_body or not own) else own + head
            if country is None and country_matches:
                country = self._entry_code(country_matches[-1].ref, when)[0]
        else:
            if country_matches:
                # nearest the head: the last country word in the name
                country, csec = self._entry_code(country_matches[-1].ref, when)
                sectors = [s for s in csec if s == "PRE"]
            person_like = label == "PERSON"
            sectors = (self._stack_sectors(agents) if person_like else self._head_sectors(agents)) + sectors
            for m in agents:
                c, _ = self._parsed[m.ref]
                if country is None and c:
                    country = c
        return self._finish(country, sectors, context, when)

    def _given_ok(self, entry: int, before: list[str]) -> bool:
        """Unknown words before a dictionary person must be one of that person's given names ('Barack')."""
        if not before:
            return True
        given = self._entries[entry][2] if len(self._entries[entry]) > 2 else []
        first = before[0]
        if len(first) == 1:
            return any(g.startswith(first) for g in given)
        return first in given

    def _in_office(self, entry: int, when: datetime.date | None) -> bool:
        w = date_key(when)
        return w is not None and any(not isinstance(c, int) and c[1] <= w <= c[2] and c[1] > 0
                                     for c in self._entries[entry][1])

    def _surname_match(self, toks: list[str], covered: list[bool], raw_last: str,
                       when: datetime.date | None) -> _Match | None:
        for width in (2, 1):
            if len(toks) < width or any(covered[len(toks) - width:]):
                continue
            key = " ".join(toks[len(toks) - width:])
            hit = self._surnames.get(key)
            if hit is None or not raw_last[:1].isupper():
                continue
            if isinstance(hit, list):
                # several dictionary persons share the surname: only one holding a dated role then will do
                current = [e for e in hit if self._in_office(e, when)]
                if len(current) != 1:
                    continue
                idx = current[0]
            else:
                idx = hit
            start = len(toks) - width
            before = [toks[k] for k in range(start) if not covered[k] and toks[k] not in _GLUE]
            if self._given_ok(idx, before):
                return _Match(start, len(toks), "p", idx)
        return None

    def _qualifies(self, m: _Match, segs: list[_Match], toks: list[str]) -> bool:
        """A country word inside a person name counts as a demonym or before a title ('U.S. President')."""
        if " ".join(toks[m.start:m.end]) in self._demonyms:
            return True
        return any(s.kind in ("agent", "title") and s.start >= m.end for s in segs)

    def _head_sectors(self, agents: list[_Match]) -> list[str]:
        """Noun phrase: the head (the last agent phrase) is primary, the modifiers follow, nearest first."""
        out: list[str] = []
        for m in reversed(agents):
            out.extend(self._parsed[m.ref][1])
        return out

    def _stack_sectors(self, agents: list[_Match]) -> list[str]:
        """Title stack before a person: affiliation first ('Interior Ministry spokesman Brigadier General')."""
        out: list[str] = []
        for m in agents:
            out.extend(self._parsed[m.ref][1])
        return out

    def _from_context(self, context: str, country: str | None, sectors: list[str],
                      when: datetime.date | None) -> Actor | None:
        if context.strip():
            toks = self._tokens(context)
            raws = self._raw_tokens(context, len(toks))
            # "Deputy National Publicity Secretary": one capitalised word of a title is no organisation
            # ("The National"); an acronym is ("APC", "NATO")
            segs = [m for m in self._segment(toks, raws)
                    if not (m.kind == "o" and m.end - m.start == 1 and not (raws and raws[m.start].isupper()))
                    and not (m.kind == "agent" and toks[m.start] in _TITLE_MODIFIERS and m.end < len(toks))]
            if country is None:
                for m in reversed(segs):
                    # "Trump's top economic adviser": the person the role belongs to lends a country too
                    if m.kind in ("c", "o", "p"):
                        country = self._entry_code(m.ref, when)[0]
                    elif m.kind == "agent":
                        country = self._parsed[m.ref][0]
                    if country:
                        break
            if not sectors:
                for m in segs:
                    if m.kind == "o":
                        sectors.extend(self._entry_code(m.ref, when)[1])
                    elif m.kind == "agent":
                        sectors.extend(self._parsed[m.ref][1])
        return self._actor(country, sectors)

    def _finish(self, country: str | None, sectors: list[str], context: str,
                when: datetime.date | None) -> Actor | None:
        """Context only fills gaps: the country and/or the sector the name itself did not give."""
        if context and (country is None or not sectors):
            return self._from_context(context, country, sectors, when)
        return self._actor(country, sectors)

    @staticmethod
    def _actor(country: str | None, sectors: list[str]) -> Actor | None:
        seen: list[str] = []
        for s in sectors:
            if s not in seen:
                seen.append(s)
        if country is None and not seen:
            return None
        return Actor(country=country, sector=seen[0] if seen else None, other_sectors=seen[1:])
