"""The GeoNames-derived gazetteer: folded name -> candidate places (part of the knowledge base).

The gazetteer (``wirewatch/data/gazetteer/places-*.tsv.gz``, built by ``scripts/build_gazetteer.py``) holds
countries, first- and second-level divisions, continents, a few regions, seas and landmarks, and every
populated place of GeoNames' cities500, each under its folded English/Latin names; GeoNames' own points
for countries and divisions (``points-1-owm.tsv``, from pyowm's city list) and newer points for countries
(``points-2-countries.tsv``) replace the shards' approximations.
``Gazetteer.load()`` is a cached singleton (about 1.3 s and 215 MB: ``bench/bench_gazetteer.py``);
``Gazetteer.candidates(name)`` is a dict hit on the folded name (``fold``: case, diacritics, punctuation, a
leading "the", Arabic articles, "-ah"/"-a"), with fallbacks for "X province/governorate/state/...", "X Co.",
"city of X", "northern X", "Greater X Area", a county named without the word ("Gwinnett"), and
abbreviations ("Tex.", "NSW", "WA": every reading). ``lookup``
further falls back, for a longer name in no gazetteer, to the place it contains ("University of Georgia",
"Bank of Mexico", "Lake Manassas"; cue "inner"; "Mexican Senate", through its demonym, cue "demonym", a
place only with ``demonyms=True``).
"""

from __future__ import annotations

import gzip
import math
import re
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..demonyms import place_demonyms
from ..lexicons import lexicon_words
from .names import fold, strip_article
from .points import read_points

DATA_DIR = Path(str(resources.files("wirewatch").joinpath("data", "gazetteer")))


PLACES_GLOB = "places-*.tsv.gz"


# GeoNames' own points for countries and divisions, laid over the shards' approximations by geonameid
# (kept apart for their licences: ``scripts/build_gazetteer_points.py``, ``build_gazetteer_countries.py``);
# read in name order, so a later file's point wins: ``points-2-countries.tsv`` (GeoNames' current country
# points) over ``points-1-owm.tsv`` (an older GeoNames snapshot)
POINTS_GLOB = "points-*.tsv"




NEIGHBOURS_FILE = DATA_DIR / "neighbours.tsv"




@dataclass
class Candidate:
    """One gazetteer entry a name may refer to."""

    geonameid: int | None
    name: str
    country: str | None  # ISO 3166 alpha-3
    admin1: str | None  # name of the first-level division
    feature: str  # GeoNames feature code: PCLI ADM1 ADM2 PPLC PPL CONT RGN
    lat: float
    lon: float
    population: int
    admin1_code: str | None = None  # GeoNames code, e.g. "IQ.10"
    admin2_code: str | None = None  # e.g. "US.LA.079"


ADMIN_FEATURES = frozenset({"PCLI", "ADM1", "ADM2"})


# continents, regions and physical features: wide areas that name no spot to measure nearness from
_WIDE_FEATURES = frozenset({"CONT", "RGN", "OCN", "SEA", "GULF", "PEN", "STRT", "STM", "MTS", "LK", "DLTA", "DSRT",
                            "ISLS"})


# what a regional demonym may name ("Saharan", "Texan")
_REGION_OR_DIVISION = _WIDE_FEATURES | {"ADM1"}


_ADMIN_SUFFIX = re.compile(
    r"\s+(?:province|provinces|governorate|state|region|oblast|prefecture|department|district|krai|kray|"
    r"county|parish|voivodeship|municipality|territory)$")


_CITY_PREFIX = re.compile(r"^(?:city|town|village) of\s+")


_AREA_SUFFIX = re.compile(r"\s+(?:metropolitan area|metro area|area)$")


_CITY_SUFFIX = re.compile(r"\s+(?:city|town)$")


_DIRECTION = re.compile(r"^(?:north|south|east|west|northern|southern|eastern|western|central|"
                        r"north ?eastern|north ?western|south ?eastern|south ?western|northeast|northwest|"
                        r"southeast|southwest|upper|lower|greater|downtown|rural)\s+")


# words that name a direction or a kind of area, not a place, when they stand alone
_GENERIC = frozenset(lexicon_words("gazetteer_words", "generic"))


_FACILITY_WORDS = frozenset(lexicon_words("gazetteer_words", "facility_words"))


# words after which a leading run of a longer name is no place of its own ("Summit of", "Bains and")
_LINK_WORDS = frozenset(("of", "and", "&"))


# kinds of natural and man-made features: alone, they are no place's name ("Nile Delta", "Red River")
_FEATURE_WORDS = frozenset(lexicon_words("gazetteer_words", "feature_words"))


# words after which the rest of a longer name may be a place of its own ("Lake Manassas")
_BEFORE_PLACE = _FACILITY_WORDS | _FEATURE_WORDS | _GENERIC | set(lexicon_words("gazetteer_words", "before_place_1"))  # folded: "Fort" is "ft"


# what a name still means at the end of a longer one after any word ("Nazi Germany")
_BOUND_FEATURES = frozenset(("PCLI", "ADM1", "CONT", "RGN", "STM", "MTS", "LK", "SEA", "STRT", "GULF", "DSRT"))


# a street named after a place lies wherever the street is
_STREET_WORDS = frozenset(lexicon_words("gazetteer_words", "street_words"))
#: words a street or square is named with before its name ("Plaza San Francisco", "Rue de Rivoli",
#: "Jalan Sudirman"): what follows is a saint, a person or a date more often than the town it is in
_LEADING_STREET_WORDS = frozenset(lexicon_words("gazetteer_words", "leading_street_words"))


# "<place> High Court" is a court of law, not a street called "... Court"
_COURT_KINDS = frozenset(lexicon_words("gazetteer_words", "court_kinds"))


_POSSESSIVE = re.compile(r"[’']s$")


def _feature(line: str) -> str:
    a = line.index("\t") + 1
    return line[a: line.index("\t", a)]


class Gazetteer:
    """Folded name -> candidate places. ``load()`` returns a process-wide cached instance."""

    _instance: Gazetteer | None = None
    _lock = threading.Lock()

    def __init__(self, rows: list[str], index: dict[str, list[int]], demonyms: dict[str, str]):
        self._rows = rows
        self._index = index
        self._demonyms: dict[str, str] = {}  # folded demonym -> ISO3 ("" when unknown)
        self._cache: dict[int, Candidate] = {}
        self.points: dict[int, tuple[float, float]] = {}  # geonameid -> GeoNames' own (lat, lon)
        self._admin1_names: dict[str, str] = {}
        self.countries: dict[str, int] = {}  # iso3 -> row
        self.neighbours: dict[str, frozenset[str]] = {}  # iso3 -> bordering countries
        for i, line in enumerate(rows):
            if line.find("\tPPL", 0, 16) < 0 and line.find("\tADM2", 0, 16) < 0:
                # countries, divisions, regions, seas: record them; their names are never demonyms
                r = line.split("\t")
                if r[1] == "ADM1":
                    self._admin1_names[r[3]] = r[8]
                elif r[1] == "PCLI":
                    self.countries[r[2]] = i
                for k in r[9].split("|"):
                    demonyms.pop(k, None)
        demonyms.pop("", None)
        self._demonyms = demonyms

    @classmethod
    def load(cls, path: str | Path | None = None) -> Gazetteer:
        """The gazetteer from the packaged data (cached after the first call when ``path`` is None).

        ``path`` may name a folder of ``places-*.tsv.gz`` shards or one such file.
        """
        if path is None and cls._instance is not None:
            return cls._instance
        with cls._lock:
            if path is None and cls._instance is not None:
                return cls._instance
            gaz = cls._read(Path(path) if path else DATA_DIR)
            if path is None:
                cls._instance = gaz
            return gaz

    @classmethod
    def _read(cls, path: Path) -> Gazetteer:
        rows: list[str] = []
        index: dict[str, list[int]] = {}
        files = sorted(path.glob(PLACES_GLOB)) if path.is_dir() else [path]
        if not files:
            raise FileNotFoundError(f"no gazetteer shards {PLACES_GLOB} in {path}")
        i = 0
        for file in files:
            with gzip.open(file, "rt", encoding="utf-8") as f:
                data = f.read()
            lines = data.splitlines()
            rows.extend(lines)
            get = index.get
            for line in lines:
                for k in line[line.rindex("\t") + 1:].split("|"):
                    lst = get(k)
                    if lst is None:
                        index[k] = [i]
                    else:
                        lst.append(i)
                i += 1
        demonyms: dict[str, str] = {}
        for word, ref, nationality in place_demonyms():
            key = fold(word)
            if nationality:  # the actor coder's table
                demonyms[key] = ref if len(ref) == 3 else ""
            elif len(ref) == 3 and ref.isupper():
                demonyms.setdefault(key, ref)
            else:  # a region or division ("Texan" -> Texas) is more specific than a country
                demonyms[key] = ref
        # plurals ("Iraqis"); a demonym that is also a country/division name is dropped in __init__.
        for d, iso in list(demonyms.items()):
            if not d.endswith("s"):
                demonyms.setdefault(d + "s", iso)
        gaz = cls(rows, index, demonyms)
        if path.is_dir():
            for file in sorted(path.glob(POINTS_GLOB)):
                gaz.points.update(read_points(file))
        if NEIGHBOURS_FILE.exists():
            for line in NEIGHBOURS_FILE.read_text(encoding="utf-8").splitlines():
                iso, _, ns = line.partition("\t")
                gaz.neighbours[iso] = frozenset(n for n in ns.split(",") if n)
        return gaz

    # ---- lookups -------------------------------------------------------------------------------------

    def candidate(self, row: int) -> Candidate:
        c = self._cache.get(row)
        if c is None:
            r = self._rows[row].split("\t")
            gid = int(r[0])
            lat, lon = self.points.get(gid) or (float(r[5]), float(r[6]))
            c = Candidate(
                geonameid=gid or None, name=r[8], country=r[2] or None,
                admin1=self._admin1_names.get(r[3]) if r[3] else None, feature=r[1],
                lat=lat, lon=lon, population=int(r[7]),
                admin1_code=r[3] or None, admin2_code=r[4] or None)
            self._cache[row] = c
        return c

    def is_demonym(self, name: str) -> bool:
        """True for a national/ethnic adjective or noun such as "Iraqi" or "Iraqis"."""
        return fold(_POSSESSIVE.sub("", name)) in self._demonyms

    def demonym_country(self, name: str) -> Candidate | None:
        """The country (or continent, region, division) a demonym refers to ("Iraqi" -> Iraq), if known."""
        ref = self._demonyms.get(fold(_POSSESSIVE.sub("", name)))
        if not ref:
            return None
        if len(ref) == 3 and ref.isupper():
            return self.country(ref)
        # a continent, region or first-level division named by its own name ("Texan" -> Texas)
        best: Candidate | None = None
        for i in self._rows_for_key(fold(ref)):
            if _feature(self._rows[i]) in _REGION_OR_DIVISION:
                c = self.candidate(i)
                if best is None or prior(c) > prior(best):
                    best = c
        return best

    def resident_place(self, name: str) -> Candidate | None:
        """The place a word for its residents is formed from, when no table knows the word: "Ohioans" ->
        Ohio, "Londoner" -> London, "Richmondites" -> Richmond. Only a country, a division or a town of
        10,000 whose own name the stem is; None for anything else."""
        words = name.split()
        if not words or len(words) > 3 or not all(w[:1].isupper() for w in words):
            return None
        key = fold(_POSSESSIVE.sub("", name))
        for suffix in _DEMONYM_SUFFIXES:
            if not key.endswith(suffix) or len(key) - len(suffix) < 3:
                continue
            stem = key[: -len(suffix)]
            best: Candidate | None = None
            for i in self._rows_for_key(stem):
                c = self.candidate(i)
                if fold(c.name) == stem and (c.feature in ("PCLI", "ADM1", "ADM2") or c.population >= 10_000) \
                        and (best is None or prior(c) > prior(best)):
                    best = c
            if best is not None:
                return best
        return None

    def _rows_for_key(self, key: str) -> list[int]:
        ids = self._index.get(key)
        if ids is None:
            alt = strip_article(key)
            if alt != key:
                ids = self._index.get(alt)
        return ids or []

    def lookup(self, name: str, *, embedded: bool = True) -> tuple[list[Candidate], str | None]:
        """Candidates for ``name`` and the feature cue its wording carries ("admin", "city", "inner",
        "demonym" or None).

        With ``embedded``, a longer name in no gazetteer falls back to the place it contains
        (``_embedded``: "Bank of Mexico" with the cue "inner"; "Mexican Senate", through its demonym, with
        the cue "demonym").
        """
        name = name.strip()
        key = fold(_POSSESSIVE.sub("", name))
        if not key:
            return [], None
        abbreviated = self._abbreviation(name)
        if abbreviated is not None:
            return abbreviated
        if key in _GENERIC:
            return [], None
        letters = name.replace(".", "").replace(" ", "")
        if len(letters) <= 4 and letters.isupper():  # an acronym: "US", "UAE", "EU" -- not "BA", "OAS"
            return [c for c in (self.candidate(i) for i in self._rows_for_key(key))
                    if c.feature in ("PCLI", "ADM1", "RGN", "CONT") or c.population >= 1_000_000], None
        ids = self._rows_for_key(key)
        cue: str | None = None
        if not ids and key.endswith(" co"):  # "Plymouth Co." is Plymouth County
            ids = [i for i in self._rows_for_key(key[:-2] + "county") if _feature(self._rows[i]) == "ADM2"]
            cue = "admin"
        if not ids:
            m = _ADMIN_SUFFIX.search(key)
            if m:
                ids = [i for i in self._rows_for_key(key[: m.start()]) if _feature(self._rows[i]) in ADMIN_FEATURES]
                cue = "admin"
        if not ids:
            stripped = _CITY_SUFFIX.sub("", _CITY_PREFIX.sub("", key))
            if stripped != key:
                ids = [i for i in self._rows_for_key(stripped) if _feature(self._rows[i]).startswith("PPL")]
                cue = "city"
        if not ids:
            stripped = _AREA_SUFFIX.sub("", _DIRECTION.sub("", key))  # "Greater Toronto Area"
            if stripped != key:
                ids = self._rows_for_key(stripped)
        if len(key.split()) <= 2 and cue is None and not any(
                _feature(self._rows[i]) in ("PCLI", "ADM1") and self._own_name(i, key) for i in ids):
            # a county or parish named without the word, as local news does ("in Gwinnett", "DeKalb police");
            # not for a country's or state's name ("New York" is not New York County)
            for word in (" county", " parish"):
                extra = [i for i in self._rows_for_key(key + word) if _feature(self._rows[i]) == "ADM2"]
                if extra:
                    ids = list(ids) + [i for i in extra if i not in ids]
                    break
        if key in _FACILITY_WORDS:
            # "the Mall" is a facility, not a village called Mall -- but "Hall" may be Hall County
            ids = [i for i in ids if _feature(self._rows[i]) == "ADM2"]
        if not ids:
            town = self._facility_town(key)
            if town:
                return town, "inner"
        if not ids and embedded:
            words = name.split()
            if len(words) >= 2:
                found, by_demonym = self._embedded(words)
                if found:
                    return found, ("demonym" if by_demonym else "inner")
        return [self.candidate(i) for i in ids], cue

    def _abbreviation(self, name: str) -> tuple[list[Candidate], str | None] | None:
        """What an abbreviation of a country or division stands for ("NSW", "Tex.", "TX", "B.C."), if it is one."""
        full_names = _ABBREVIATIONS.get(name.replace(" ", ""))
        if full_names:
            return self._abbreviated(name, full_names)
        code = _STATE_ABBREV_NOSPACE.get(name.replace(" ", ""))
        if code is None and name[-1:] != "." and name not in _ABBREV_WORDS:
            code = _STATE_ABBREV_NOSPACE.get(name.replace(" ", "") + ".")  # "Calif", "Ky", "N.Y" without a dot
        if code is not None:
            state = self._admin1(code)  # "Tex.", "W. Va.", "TX", "B.C."
            if state is not None:
                return [state], "admin"
        return None

    def _facility_town(self, key: str) -> list[Candidate]:
        """A facility named after its town: "Colorado State University", "Dubai World Cup", "University of
        California", "Kilburn Estate": the town (or division) it names, by its own name."""
        words = key.split()
        inner: list[str] = []
        if len(words) >= 3 and words[0] in _FACILITY_WORDS and words[1] == "of":
            inner = [" ".join(words[2:])]
        elif len(words) >= 2 and words[-1] in _FACILITY_WORDS:
            inner = [" ".join(words[:n]) for n in range(len(words) - 1, 0, -1)]
        for sub in inner:
            if sub in _GENERIC:  # "South Kilburn Estate" names no place called "South"
                continue
            sub_ids = [i for i in self._rows_for_key(sub) if self._own_name(i, sub)]
            if sub_ids:
                return [self.candidate(i) for i in sub_ids]
        return []

    def _embedded(self, words: list[str]) -> tuple[list[Candidate], bool]:
        """The place inside a longer name that is in no gazetteer: an organisation, building, feature or
        event named after a place. Such names are still toponyms in the geoparsing sense (the place they
        stand in for), and the place they name is the best point for them.

        A leading demonym decides ("Mexican Senate" -> Mexico, "European Commission" -> Europe); otherwise,
        of the place after "of" ("Bank of Mexico") and the leading ("Delhi High Court", "Walker County
        Sheriff's Office") and trailing ("Lake Manassas", "Robinson College Cambridge") runs of words that
        are a place's own name, the longest, then the most prominent. A run that is a kind of place
        ("River", "Delta", "Hill", "Airport") is none; a town needs 1,000 people (``_own_named``). The flag
        says the place came from a demonym (which only ``demonyms=True`` resolution makes a place of).
        """
        n_words = len(words)
        if words[-1].lower().rstrip(".") in _STREET_WORDS and not (
                len(words) > 2 and words[-1].lower() == "court" and words[-2].lower() in _COURT_KINDS):
            # "Dublin Center Drive" is a street, not Dublin -- but "Delhi High Court" is Delhi's court
            return [], False
        if fold(words[1 if fold(words[0]) == "the" and n_words > 2 else 0]) in _LEADING_STREET_WORDS:
            return [], False  # "the Plaza San Francisco" in La Paz is no San Francisco
        for n in range(n_words - 1, 0, -1):
            head = " ".join(words[:n])
            if head[:1].isupper() and self.is_demonym(head):
                dc = self.demonym_country(head)
                return ([dc] if dc is not None else []), True
        # a leading run is the place an organisation or feature is named after ("Delhi High Court") -- not
        # a head noun before "of" or one half of "X and Y" ("Summit of the Americas", "Bains and Grants Town"),
        # nor a possessive, which names an owner or a saint ("St. Peter's Basilica", "Caesar's Palace")
        subs = [" ".join(words[:n]) for n in range(n_words - 1, 0, -1)
                if fold(words[n]) not in _LINK_WORDS and not _POSSESSIVE.search(words[n - 1])]
        # a trailing run is a town when a kind of place, a facility or a direction comes before it ("Lake
        # Manassas", "Robinson College Cambridge", "East Jerusalem"); after any other word the two make one
        # name ("Brands Hatch", "Craven Cottage", "Faubourg Marigny"), and only a country or a division is
        # still itself ("Nazi Germany", "Barangay Paciano Rizal")
        subs += [" ".join(words[n:]) for n in range(1, n_words)]
        bound = {" ".join(words[n:]) for n in range(1, n_words) if fold(words[n - 1]) not in _BEFORE_PLACE}
        if "of" in words[1:-1]:
            tail = words[words.index("of", 1) + 1:]
            if tail and tail[0].lower() == "the":
                tail = tail[1:]
            if tail:
                subs.insert(0, " ".join(tail))
        best: list[Candidate] = []
        best_rank = (0, -1.0)
        for sub in subs:
            k = fold(sub)
            if k in _FACILITY_WORDS or k in _GENERIC or k in _FEATURE_WORDS or k in _STREET_WORDS:
                continue
            found = self._own_named(sub)
            if sub in bound:
                found = [c for c in found if c.feature in _BOUND_FEATURES]
            # the longest place name, then the most prominent place: "Robinson College" found through its
            # facility word is the one-word "Robinson", no longer than "Cambridge" after it
            rank = (max((len(fold(c.name).split()) if c.feature.startswith("PPL") else len(k.split())
                         for c in found), default=0), max((prior(c) for c in found), default=-1.0))
            if found and rank > best_rank:
                best, best_rank = found, rank
        return best, False

    def _abbreviated(self, name: str, full_names: tuple[str, ...]) -> tuple[list[Candidate], str | None]:
        """Every country or division an abbreviation may stand for ("WA": Washington or Western Australia);
        the article's focus picks one. The cue is "admin" unless a country is among them."""
        out: list[Candidate] = []
        code = _STATE_ABBREV_NOSPACE.get(name.replace(" ", ""))
        state = self._admin1(code) if code is not None else None
        if state is not None:
            out.append(state)
        for full in full_names:
            key = fold(full)
            out += [c for c in self.lookup(full, embedded=False)[0]
                    if c.feature in ADMIN_FEATURES and _own_name_match(c, key) and c not in out]
        if any(c.feature != "ADM2" for c in out):  # "Vic." is the Australian state, not a county Victoria
            out = [c for c in out if c.feature != "ADM2"]
        return out, (None if any(c.feature == "PCLI" for c in out) else "admin")

    def _own_named(self, name: str) -> list[Candidate]:
        """Places whose own name ``name`` is (by ``lookup`` without the embedded-name fallback)."""
        if not name[:1].isupper():
            return []
        cands, cue = self.lookup(name, embedded=False)
        if cue is not None:  # an admin/city wording ("Walker County"): the lookup already checked it
            return cands
        key = fold(_POSSESSIVE.sub("", name))
        letters = name.replace(".", "").replace(" ", "")
        if len(letters) <= 4 and letters.isupper():  # an acronym the lookup accepted ("US", "EU")
            return cands
        return [c for c in cands if _own_name_of_note(c, key)]

    def _own_name(self, row: int, key: str) -> bool:
        return _own_name_of_note(self.candidate(row), key)

    def _admin1(self, code: str) -> Candidate | None:
        name = self._admin1_names.get(code)
        if name is None:
            return None
        for i in self._rows_for_key(fold(name)):
            line = self._rows[i]
            if _feature(line) == "ADM1" and line.split("\t", 4)[3] == code:
                return self.candidate(i)
        return None

    def candidates(self, name: str) -> list[Candidate]:
        """All places ``name`` may denote, most prominent first (a dict hit on the folded name)."""
        cands, _ = self.lookup(name, embedded=False)
        return sorted(cands, key=prior, reverse=True)

    def country(self, iso3: str) -> Candidate | None:
        row = self.countries.get(iso3)
        return None if row is None else self.candidate(row)


# "Ukrainians" -> "Ukrain": the endings a demonym is cut at to find its place
_DEMONYM_SUFFIXES = tuple(lexicon_words("gazetteer_words", "demonym_suffixes"))


_FEATURE_PRIOR = {"PCLI": 3.0, "CONT": 3.0, "RGN": 2.0, "OCN": 2.0, "SEA": 2.0, "STRT": 2.0, "STM": 2.0,
                  "MTS": 2.0, "LK": 2.0, "DLTA": 2.0, "DSRT": 2.0, "ADM1": 1.0, "ADM2": -0.5,
                  "PPLC": 2.5}


# US states: AP-style and postal abbreviations, used only after a comma ("Paris, Tex.", "Paris, TX").
_US_STATES = {k: tuple(v) for k, v in lexicon_words("gazetteer_words", "us_states").items()}


_CA_PROVINCES = {
    "AB": ("CA.01", ("Alta",)), "BC": ("CA.02", ("B.C.",)), "MB": ("CA.03", ("Man",)),
    "NB": ("CA.04", ("N.B.",)), "NL": ("CA.05", ("Nfld",)), "NS": ("CA.07", ("N.S.",)),
    "ON": ("CA.08", ("Ont",)), "PE": ("CA.09", ("P.E.I.",)), "QC": ("CA.10", ("Que",)),
    "SK": ("CA.11", ("Sask",)), "YT": ("CA.12", ()), "NT": ("CA.13", ("N.W.T.",)), "NU": ("CA.14", ()),
}


# surface form -> GeoNames ADM1 code: postal codes as written ("TX", "BC"), AP abbreviations with their
# dots ("Tex.", "W.Va.", "B.C.")
_STATE_ABBREV: dict[str, str] = {}


for _code, _abbrs in _US_STATES.items():
    _STATE_ABBREV[_code] = f"US.{_code}"
    for _a in _abbrs:
        _STATE_ABBREV[_a if _a.endswith(".") else _a + "."] = f"US.{_code}"


for _code, (_gn, _abbrs) in _CA_PROVINCES.items():
    _STATE_ABBREV[_code] = _gn
    for _a in _abbrs:
        _STATE_ABBREV[_a if _a.endswith(".") else _a + "."] = _gn


_STATE_ABBREV_NOSPACE = {k.replace(" ", ""): v for k, v in _STATE_ABBREV.items()}


# abbreviations that are also words or names: only with their dot ("Mass." is Massachusetts, "Mass" is not)
_ABBREV_WORDS = frozenset(lexicon_words("gazetteer_words", "abbrev_words"))


# Other abbreviations news writes for countries and divisions, as written (no dots dropped), -> the full
# names they may stand for; one shared with a US state or Canadian province above adds to it ("WA").
_ABBREVIATIONS: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in lexicon_words("gazetteer_words", "abbreviations").items()}


_ABBREVIATIONS = {k.replace(" ", ""): v for k, v in _ABBREVIATIONS.items()}


def prior(c: Candidate) -> float:
    """Context-free plausibility of a candidate: log population plus a feature bonus."""
    return math.log10(c.population + 10) + _FEATURE_PRIOR.get(c.feature, 0.0)


# generic last words of a water body's or region's name that news leaves out ("the Atlantic")
_GENERIC_TAIL = re.compile(r" (?:ocean|sea|strip|peninsula|heights|islands|mountains)$")


_RIVER_TAIL = re.compile(r" (?:upon|on|am|an der|sur|en|im) [a-z]+$")


_AIRPORT_TAIL = re.compile(r" (?:international )?airport$")


_NAMED_AREAS = _WIDE_FEATURES


def _own_name_match(c: Candidate, key: str) -> bool:
    """Whether ``key`` (a folded mention) is the place's own name, not just one of its alternate names.

    Besides the exact name (with or without an Arabic article), these count as its own name: a water body
    or region named without its generic word ("Atlantic" -> Atlantic Ocean, rather than a small town called
    Atlantic), an airport without "(International) Airport" ("Heathrow"), a town without its river
    ("Newcastle" upon Tyne) and a borough's centre without "Town" ("Enfield" Town). (Not "New York" -> New
    York City: the corpora disagree on whether that means the city or the state.)
    """
    cname = fold(c.name)
    if cname == key or strip_article(cname) == key:
        return True
    if c.feature in _NAMED_AREAS:
        return _GENERIC_TAIL.sub("", cname) == key
    if c.feature == "AIRP":  # "Heathrow" for Heathrow Airport
        return _AIRPORT_TAIL.sub("", cname) == key
    if c.feature.startswith("PPL") and cname.startswith(key + " "):
        # a town named for its river, which news leaves out ("Newcastle" upon Tyne, "Frankfurt" am Main),
        # or the centre of a borough named after it ("Enfield" Town)
        return _RIVER_TAIL.match(cname, len(key)) is not None or cname == key + " town"
    return False


def _own_name_of_note(c: Candidate, key: str) -> bool:
    """``key`` is the place's own name, and the place is not a hamlet (a town or county needs 1,000 people)."""
    return _own_name_match(c, key) and (c.feature not in ("PPL", "ADM2") or c.population >= 1000)
