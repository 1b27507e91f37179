"""Offline place resolution: a GeoNames-derived gazetteer and a document-level disambiguator.

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

``resolve_toponyms(text, toponyms)`` picks one candidate per toponym using the whole article: explicit
containment ("Mosul, Iraq", "Paris, Tex.", "Goma, in eastern Congo"; not inside lists of places), feature
cues ("Diyala province", "the city of X", "the Iraqi capital of X"), the article's focus countries (and their
neighbours) and first-level divisions, counties named in the article, names listed before "counties" or
"provinces", proximity to the other places resolved in it, one sense per name per article (a place inside
a longer name follows the same name alone, and steers nothing), and population/feature priors (countries
and divisions before same-named towns; "Baghdad" the city rather than its namesake province; "the Atlantic"
the ocean). Demonyms ("Iraqi") and names not in the gazetteer resolve to ``None`` (``demonyms=True`` maps
demonyms to their country instead, or to the region or division they name -- "Texan" -> Texas, "Kurdish" ->
Kurdistan, "Ohioans" -> Ohio --, the convention of the geoparsing corpora). A site no gazetteer holds (a
named arena, prison, hospital, camp or neighbourhood: "the Barclays Center") resolves to the town the article
puts it in: the place named right after it ("in Brooklyn"), else the town named last before it in its
paragraph, else the article's most named town. ``find_toponyms(doc)`` collects toponyms from a spaCy
``Doc``.
"""

from __future__ import annotations

import gzip
import math
import re
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "gazetteer"
PLACES_GLOB = "places-*.tsv.gz"
# GeoNames' own points for countries and divisions, laid over the shards' approximations by geonameid
# (kept apart for their licences: ``scripts/build_gazetteer_points.py``, ``build_gazetteer_countries.py``);
# read in name order, so a later file's point wins: ``points-2-countries.tsv`` (GeoNames' current country
# points) over ``points-1-owm.tsv`` (an older GeoNames snapshot)
POINTS_GLOB = "points-*.tsv"
DEMONYMS_FILE = DATA_DIR / "demonyms.tsv"
NEIGHBOURS_FILE = DATA_DIR / "neighbours.tsv"
SHARED_DEMONYMS_FILE = Path(__file__).resolve().parent.parent / "data" / "demonyms.json"

# --------------------------------------------------------------------------------------------------
# Name folding
# --------------------------------------------------------------------------------------------------

_SPECIAL = str.maketrans({
    "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
    "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th", "ð": "d", "ħ": "h", "Ħ": "H",
    "ʼ": "", "ʻ": "", "’": "", "‘": "", "'": "", "`": "", "´": "", "ʿ": "", "ʾ": "", ".": "",
})
_NONWORD = re.compile(r"[^a-z0-9]+")
_WORD_CANON = {"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft"}
_AH_END = re.compile(r"ah\b")
_ARTICLES = frozenset({"al", "el", "ar", "as", "ash", "ad", "an", "az", "at", "ath", "adh", "ed", "es",
                       "er", "ez", "en", "et", "ul"})


def fold(name: str) -> str:
    """Case-, diacritic- and punctuation-insensitive key: ``fold("Tikrīt") == fold("TIKRIT")``.

    Also drops a leading "the", writes "saint/mount/fort" as "st/mt/ft" and a word-final "-ah" as "-a"
    ("Raqqah" = "Raqqa", "Fallujah" = "Falluja").
    """
    s = unicodedata.normalize("NFKD", name.translate(_SPECIAL))
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    s = _NONWORD.sub(" ", s).strip()
    if not s:
        return ""
    words = [_WORD_CANON.get(w, w) for w in s.split()]
    if words[0] == "the" and len(words) > 1:
        words = words[1:]
    return _AH_END.sub("a", " ".join(words))


def strip_article(key: str) -> str:
    """Drop a leading Arabic article from a folded key: "ar raqqa" -> "raqqa", "al fallujah" -> "fallujah"."""
    head, _, rest = key.partition(" ")
    if rest and head in _ARTICLES and len(rest) >= 3:
        return rest
    return key


def index_keys(name: str) -> set[str]:
    """The keys a gazetteer name is indexed under (its fold, and the fold without an Arabic article)."""
    k = fold(name)
    if not k:
        return set()
    return {k, strip_article(k)}


def is_latin(name: str) -> bool:
    """True when every letter of ``name`` is a (possibly accented) Latin letter."""
    s = unicodedata.normalize("NFKD", name.translate(_SPECIAL))
    return any(ch.isalpha() for ch in s) and all(
        ch.isascii() or unicodedata.combining(ch) or not ch.isalpha() for ch in s)


# --------------------------------------------------------------------------------------------------
# Gazetteer
# --------------------------------------------------------------------------------------------------


@dataclass
class Toponym:
    """A place name found in the text (``text == article[start:end]``)."""

    start: int
    end: int
    text: str
    label: str | None = None  # spaCy label GPE/LOC/FAC if known


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
_GENERIC = frozenset((
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "centre",
    "center", "federal", "south central", "north central", "northeast", "northwest", "southeast", "southwest",
    "capital", "downtown", "midtown", "uptown", "metro", "city", "state", "province", "region", "county",
))
_FACILITY_WORDS = frozenset((
    "university", "college", "school", "academy", "airport", "airfield", "hospital", "clinic", "stadium",
    "arena", "center", "centre", "church", "cathedral", "mosque", "temple", "synagogue", "museum",
    "gallery", "park", "estate", "square", "station", "bridge", "tower", "mall", "hotel", "racecourse",
    "cup", "council", "metro", "beach", "harbour", "harbor", "port", "prison", "jail", "courthouse",
    "hall", "library", "campus", "market", "plaza", "base", "zoo",
))
# last words of a site's name ("Barclays Center", "New Bilibid Prison", "Guma Local Government Area"): a site
# no gazetteer holds lies in the town the article places it in
_SITE_WORDS = (_FACILITY_WORDS - {"cup", "council", "metro"}) | {
    "office", "court", "palace", "castle", "basilica", "chapel", "headquarters", "building", "complex",
    "racecourse", "racetrack", "circuit", "raceway", "speedway", "ground", "field", "garden", "gardens",
    "centre", "hq", "barracks", "camp", "compound", "facility", "plant", "factory", "mine", "refinery",
    "area", "lga", "township", "barangay", "ward", "neighbourhood", "neighborhood", "district",
}
# words after which a leading run of a longer name is no place of its own ("Summit of", "Bains and")
_LINK_WORDS = frozenset(("of", "and", "&"))
# kinds of natural and man-made features: alone, they are no place's name ("Nile Delta", "Red River")
_FEATURE_WORDS = frozenset((
    "river", "lake", "delta", "valley", "creek", "island", "islands", "bay", "gulf", "hill", "hills",
    "mountain", "mountains", "grove", "harbor", "harbour", "point", "cape", "falls", "springs", "coast",
    "colony", "township", "twp", "quarter", "forest", "canyon", "ridge", "heights", "plains", "reservoir",
    "dam", "canal", "desert", "peninsula", "orchard", "meadow", "village",
))
# words after which the rest of a longer name may be a place of its own ("Lake Manassas")
_BEFORE_PLACE = _FACILITY_WORDS | _FEATURE_WORDS | _GENERIC | {
    "of", "the", "greater", "ft", "n", "s", "e", "w", "ne", "nw", "se", "sw"}  # folded: "Fort" is "ft"
# what a name still means at the end of a longer one after any word ("Nazi Germany")
_BOUND_FEATURES = frozenset(("PCLI", "ADM1", "CONT", "RGN", "STM", "MTS", "LK", "SEA", "STRT", "GULF", "DSRT"))
# a street named after a place lies wherever the street is
_STREET_WORDS = frozenset(("street", "st", "road", "rd", "avenue", "ave", "drive", "dr", "lane", "ln",
                           "boulevard", "blvd", "court", "ct", "terrace", "place", "pl", "circle", "highway",
                           "hwy", "pike", "alley", "row"))
# "<place> High Court" is a court of law, not a street called "... Court"
_COURT_KINDS = frozenset(("high", "supreme", "district", "appeals", "appeal", "federal", "magistrate", "magistrates",
                          "magistrates'", "crown", "county", "regional", "trial", "circuit", "superior", "family",
                          "constitutional", "criminal", "civil", "juvenile", "municipal", "sessions"))
_POSSESSIVE = re.compile(r"[’']s$")


def _feature(line: str) -> str:
    a = line.index("\t") + 1
    return line[a: line.index("\t", a)]


def read_points(path: Path) -> dict[int, tuple[float, float]]:
    """geonameid -> (lat, lon) from a ``points-*.tsv`` file (``#`` lines are comments)."""
    points: dict[int, tuple[float, float]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        gid, lat, lon = line.split("\t")[:3]
        points[int(gid)] = (float(lat), float(lon))
    return points


def write_points(path: Path, header: str, points: dict[int, tuple[float, float]],
                 notes: dict[int, str] | None = None) -> int:
    """Write a ``points-*.tsv`` file as ``read_points`` reads it, in geonameid order; ``header`` is its ``#``
    comment lines, and a note (a country's ISO3 code) may follow a point. Returns the number of points."""
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(header)
        for gid, (lat, lon) in sorted(points.items()):
            note = notes.get(gid) if notes else None
            f.write(f"{gid}\t{lat:.5f}\t{lon:.5f}" + (f"\t{note}\n" if note else "\n"))
    return len(points)


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
        if SHARED_DEMONYMS_FILE.exists():  # the actor resolver's demonym table, when present
            try:
                import json

                table = json.loads(SHARED_DEMONYMS_FILE.read_text(encoding="utf-8"))
                if isinstance(table, dict):
                    for k, v in table.items():
                        iso = v if isinstance(v, str) else (v.get("country") if isinstance(v, dict) else None)
                        demonyms[fold(str(k))] = iso if isinstance(iso, str) and len(iso) == 3 else ""
            except (OSError, ValueError, AttributeError):
                pass
        if DEMONYMS_FILE.exists():
            for line in DEMONYMS_FILE.read_text(encoding="utf-8").splitlines():
                word, _, iso = line.partition("\t")
                iso = iso.strip()
                if word.strip():
                    if len(iso) == 3 and iso.isupper():
                        demonyms.setdefault(fold(word), iso)
                    else:  # a region or division ("Texan" -> Texas) is more specific than a country
                        demonyms[fold(word)] = iso
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
        for suffix in ("ites", "ite", "ians", "ian", "ers", "er", "ans", "an", "ns", "n"):
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
            # a facility named after its town: "Colorado State University", "Dubai World Cup", "University
            # of California", "Kilburn Estate": the town (or division) it names, by its own name
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
                    return [self.candidate(i) for i in sub_ids], "inner"
        if not ids and embedded:
            words = name.split()
            if len(words) >= 2:
                found, by_demonym = self._embedded(words)
                if found:
                    return found, ("demonym" if by_demonym else "inner")
        return [self.candidate(i) for i in ids], cue

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


# --------------------------------------------------------------------------------------------------
# Disambiguation
# --------------------------------------------------------------------------------------------------

_FEATURE_PRIOR = {"PCLI": 3.0, "CONT": 3.0, "RGN": 2.0, "OCN": 2.0, "SEA": 2.0, "STRT": 2.0, "STM": 2.0,
                  "MTS": 2.0, "LK": 2.0, "DLTA": 2.0, "DSRT": 2.0, "ADM1": 1.0, "ADM2": -0.5,
                  "PPLC": 2.5}
# Scoring weights (log10-population units), set on LGL/TR-News/GeoWebNews with the gold spans given.
W: dict[str, float] = {
    "own_name": 3.0, "admin_cue": 6.0, "city_cue": 3.0, "namesake_adm1": 2.5, "namesake_adm2": 2.0,
    "parent_in": 8.0, "parent_out": -3.0, "adm2_child": 1.0, "adm2_named": 2.0, "parent_contains": 3.0,
    "focus_country": 3.75, "focus_neighbour": 2.0, "focus_admin1": 1.0, "focus_admin1_max": 2.5,
    "near50": 2.0, "near150": 1.5, "near400": 0.75, "namesake_min_pop": 50000,
}

# US states: AP-style and postal abbreviations, used only after a comma ("Paris, Tex.", "Paris, TX").
_US_STATES = {
    "AL": ("Ala",), "AK": (), "AZ": ("Ariz",), "AR": ("Ark",), "CA": ("Calif", "Cal"), "CO": ("Colo",),
    "CT": ("Conn",), "DE": ("Del",), "DC": ("D.C.",), "FL": ("Fla",), "GA": ("Ga",), "HI": (), "ID": (),
    "IL": ("Ill",), "IN": ("Ind",), "IA": (), "KS": ("Kan", "Kans"), "KY": ("Ky",), "LA": ("La",),
    "ME": (), "MD": ("Md",), "MA": ("Mass",), "MI": ("Mich",), "MN": ("Minn",), "MS": ("Miss",),
    "MO": ("Mo",), "MT": ("Mont",), "NE": ("Neb", "Nebr"), "NV": ("Nev",), "NH": ("N.H.",),
    "NJ": ("N.J.",), "NM": ("N.M.",), "NY": ("N.Y.",), "NC": ("N.C.",), "ND": ("N.D.",), "OH": (),
    "OK": ("Okla",), "OR": ("Ore", "Oreg"), "PA": ("Pa", "Penn"), "RI": ("R.I.",), "SC": ("S.C.",),
    "SD": ("S.D.",), "TN": ("Tenn",), "TX": ("Tex",), "UT": (), "VT": ("Vt",), "VA": ("Va",),
    "WA": ("Wash",), "WV": ("W.Va.", "W.Va"), "WI": ("Wis", "Wisc"), "WY": ("Wyo",),
}
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
_ABBREV_WORDS = frozenset(("Mass", "Miss", "Wash", "Ind", "Del", "Ore", "Ill", "Cal", "Penn", "Man", "Mo", "La",
                           "Pa", "Va", "Ga", "Md", "Ala", "Kan", "Neb", "Alta", "Que", "Mont", "Colo", "Vt"))
# Other abbreviations news writes for countries and divisions, as written (no dots dropped), -> the full
# names they may stand for; one shared with a US state or Canadian province above adds to it ("WA").
_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    # Australian states and territories
    "NSW": ("New South Wales",), "Qld": ("Queensland",), "Qld.": ("Queensland",), "Vic.": ("Victoria",),
    "Tas.": ("Tasmania",), "ACT": ("Australian Capital Territory",), "NT": ("Northern Territory",),
    "WA": ("Western Australia",), "SA": ("South Africa", "South Australia"),
    # countries
    "NZ": ("New Zealand",), "PNG": ("Papua New Guinea",), "KSA": ("Saudi Arabia",), "ROK": ("South Korea",),
    "BiH": ("Bosnia and Herzegovina",), "HK": ("Hong Kong",), "T&T": ("Trinidad and Tobago",),
    "GB": ("United Kingdom",),
    # English counties
    "Herts": ("Hertfordshire",), "Hants": ("Hampshire",), "Bucks": ("Buckinghamshire",),
    "Lancs": ("Lancashire",), "Glos": ("Gloucestershire",), "Oxon": ("Oxfordshire",), "Wilts": ("Wiltshire",),
    "Notts": ("Nottinghamshire",), "Leics": ("Leicestershire",), "Cambs": ("Cambridgeshire",),
    "Staffs": ("Staffordshire",), "Worcs": ("Worcestershire",),
}
_ABBREVIATIONS = {k.replace(" ", ""): v for k, v in _ABBREVIATIONS.items()}

_AFTER_COMMA = re.compile(
    r"^\s*,\s*(?:in\s+|near\s+)?(?:the\s+)?(?:(?:north|south|east|west|central|northern|southern|eastern|"
    r"western|north-?eastern|north-?western|south-?eastern|south-?western|northeast|northwest|southeast|"
    r"southwest)\s+)?")
_BETWEEN_CONTAIN = re.compile(_AFTER_COMMA.pattern + r"$")
_BETWEEN_IN = re.compile(
    r"^\s+(?:in|near|outside)\s+(?:the\s+)?(?:(?:north|south|east|west|central|northern|southern|eastern|"
    r"western|northeastern|northwestern|southeastern|southwestern)\s+)?$")
_LIST_SEP = re.compile(r"^\s*(?:,\s*|\s+and\s+|\s+or\s+|,\s*and\s+|,\s*or\s+)$")
_CAP_WORDS = re.compile(r"((?:[A-Z][\w’'-]*\.?)(?:\s+(?:of\s+)?[A-Z][\w’'-]*\.?){0,3})")
_ADMIN_CUE = re.compile(
    r"^\s*(?:province|governorate|state|region|oblast|prefecture|department|district|county|parish|"
    r"krai|voivodeship|territory)\b", re.I)
_CITY_CUE_LEFT = re.compile(r"\b(?:city|town|village|suburb|port)\s+of\s+(?:the\s+)?$", re.I)
_CITY_CUE_RIGHT = re.compile(r"^\s*(?:city|town)\b")
_CAPITAL_CUE = re.compile(r"\bcapital(?:\s+city)?(?:\s+of|,)?\s+$", re.I)


def prior(c: Candidate) -> float:
    """Context-free plausibility of a candidate: log population plus a feature bonus."""
    return math.log10(c.population + 10) + _FEATURE_PRIOR.get(c.feature, 0.0)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def contains(parent: Candidate, child: Candidate) -> bool:
    """Whether ``parent`` (a country or division) contains ``child``."""
    if parent is child:
        return False
    if parent.feature == "PCLI":
        return child.country == parent.country and child.feature != "PCLI"
    if parent.feature == "ADM1":
        return child.admin1_code == parent.admin1_code and child.feature not in ("PCLI", "ADM1")
    if parent.feature == "ADM2":
        if parent.admin2_code and ".x-" in parent.admin2_code:
            # a county GeoNames has no division for ("Merseyside"): its towns are those of its country's
            # division near its centre
            return (child.feature.startswith("PPL") and child.admin1_code == parent.admin1_code
                    and haversine_km(parent.lat, parent.lon, child.lat, child.lon) < _UNCODED_COUNTY_KM)
        return child.admin2_code == parent.admin2_code and child.feature.startswith("PPL")
    return False


_UNCODED_COUNTY_KM = 80.0


_PLURAL_ADMIN = re.compile(
    r"\s+(counties|parishes|provinces|states|districts|governorates|oblasts|prefectures|regions)\b", re.I)
_SINGULAR = {"counties": "County", "parishes": "Parish", "provinces": "Province", "states": "State",
             "districts": "District", "governorates": "Governorate", "oblasts": "Oblast",
             "prefectures": "Prefecture", "regions": "Region"}


def _listed_kinds(text: str, toponyms: list[Toponym], order: list[int]) -> dict[int, str]:
    """Toponyms listed before a plural division word ("Walton and Oconee counties", "Kerala and Karnataka
    states") -> the singular word, which each of them takes."""
    out: dict[int, str] = {}
    group: list[int] = []
    for pos, i in enumerate(order):
        prv = order[pos - 1] if pos > 0 else None
        if not (group and prv is not None and _LIST_SEP.match(text[toponyms[prv].end: toponyms[i].start])):
            group = []
        group.append(i)
        nxt = order[pos + 1] if pos + 1 < len(order) else None
        m = _PLURAL_ADMIN.match(text, toponyms[i].end)
        if m and len(group) > 1 and (nxt is None or toponyms[nxt].start >= m.end()):
            for j in group:
                out[j] = _SINGULAR[m.group(1).lower()]
    return out


@dataclass
class _Mention:
    top: Toponym
    key: str
    cands: list[Candidate]
    cue: str | None
    base: list[float]
    parents: list[Candidate]
    parent_of: list[int]
    # candidates that are a division named after a big city ("New York" the state) or after its own country
    # ("Taiwan" the province): the article's places inside them are no evidence for them
    namesakes: set[int] = field(default_factory=set)


MAX_CANDIDATES = 60
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


def _parent_candidates(gaz: Gazetteer, phrase: str) -> list[Candidate]:
    """Countries/divisions named by a phrase following a comma (longest capitalised prefix that hits)."""
    m = _CAP_WORDS.match(phrase)
    if not m:
        return []
    words = m.group(1).split()
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n])
        out: list[Candidate] = []
        code = _STATE_ABBREV_NOSPACE.get(name.replace(" ", "")) if n <= 2 else None
        if code is not None:
            state = gaz._admin1(code)
            out = [state] if state is not None else []
        if not out:
            out = [c for c in gaz.lookup(name)[0] if c.feature in ADMIN_FEATURES]
        if out:
            return out
    return []


def resolve_toponyms(text: str, toponyms: list[Toponym], gazetteer: Gazetteer | None = None, *,
                     demonyms: bool = False) -> list[Candidate | None]:
    """One candidate (or None) per toponym, disambiguated with the whole article as context.

    Demonyms ("Iraqi") resolve to None, unless ``demonyms`` is true: then to their country (the
    convention of the LGL/TR-News/GeoWebNews corpora, which tag adjectival toponyms).
    """
    gaz = gazetteer or Gazetteer.load()
    fixed: dict[int, Candidate] = {}
    order = sorted(range(len(toponyms)), key=lambda i: (toponyms[i].start, toponyms[i].end))
    mentions: dict[int, _Mention] = {}
    listed_kind = _listed_kinds(text, toponyms, order)
    for pos, i in enumerate(order):
        t = toponyms[i]
        if i in listed_kind:  # "Clay, Grant and Swift counties": Clay County, not a town called Clay
            level = "ADM2" if listed_kind[i] in ("County", "Parish") else "ADM1"
            admin = [c for c in gaz.lookup(f"{t.text} {listed_kind[i]}", embedded=False)[0]
                     if c.feature in ADMIN_FEATURES]
            # "North West and Limpopo provinces": the bare name's divisions of that level too
            admin += [c for c in gaz.lookup(t.text, embedded=False)[0] if c.feature == level and c not in admin]
            if admin:
                # its own key: the same name alone may mean a town, with other candidates
                mentions[i] = _Mention(t, fold(t.text) + " (listed)", admin, "admin", [], [], [])
                continue
        if gaz.is_demonym(t.text):
            if demonyms:
                dc = gaz.demonym_country(t.text)
                if dc is not None:
                    fixed[i] = dc
            continue
        cands, cue = gaz.lookup(t.text)
        if cue == "demonym":  # "Mexican Senate", "African Union": a place only where demonyms are
            if not demonyms:
                continue
            cue = "inner"
        if not cands:
            if demonyms:  # "Ohioans", "New Londoners": the place its people are named after
                rp = gaz.resident_place(t.text)
                if rp is not None:
                    fixed[i] = rp
            continue
        if len(cands) > MAX_CANDIDATES:
            cands = sorted(cands, key=prior, reverse=True)[:MAX_CANDIDATES]
        left = text[max(0, t.start - 40): t.start]
        right = text[t.end: t.end + 60]
        if cue is None:
            if _ADMIN_CUE.match(right):
                cue = "admin"
            elif _CAPITAL_CUE.search(left):
                cue = "capital"
            elif _CITY_CUE_LEFT.search(left) or _CITY_CUE_RIGHT.match(right):
                cue = "city"
        parents: list[Candidate] = []
        # an explicit container right after: "Mosul, Iraq", "Goma, in eastern Congo", "Paris, Tex." -- but
        # not inside a list of places ("Washington, New York and Boston")
        prv = order[pos - 1] if pos > 0 else None
        in_list = prv is not None and _LIST_SEP.match(text[toponyms[prv].end: t.start]) is not None
        nxt = order[pos + 1] if pos + 1 < len(order) else None
        list_after = False
        if nxt is not None and not in_list:
            between = text[t.end: toponyms[nxt].start]
            nxt2 = order[pos + 2] if pos + 2 < len(order) else None
            list_after = nxt2 is not None and _LIST_SEP.match(
                text[toponyms[nxt].end: toponyms[nxt2].start]) is not None
            if len(between) < 40 and not list_after and (
                    _BETWEEN_CONTAIN.match(between) and "," in between or _BETWEEN_IN.match(between)):
                parents = [c for c in gaz.lookup(toponyms[nxt].text)[0] if c.feature in ADMIN_FEATURES]
        if not parents and not in_list and not list_after:  # "Mexico, the US, and Canada" is a list
            m = _AFTER_COMMA.match(right)
            if m and "," in m.group(0):
                parents = _parent_candidates(gaz, right[m.end():])
        if parents and all(p.feature == "PCLI" for p in parents) and any(
                c.feature == "PCLI" and _own_name_match(c, fold(t.text)) for c in cands) and not any(
                c.feature in ("ADM1", "ADM2") and any(contains(p, c) for p in parents) for c in cands):
            # "in Russia, U.S. officials said": a country named before another is no town inside it (but
            # "Georgia, U.S." may well be the state)
            parents = []
        mentions[i] = _Mention(t, fold(t.text), cands, cue, [], parents, [])

    # second-level divisions named anywhere in the article ("Henry County" ... "Paris")
    adm2_named: dict[str, set[str]] = defaultdict(set)
    child_adm2: dict[str, set[str]] = defaultdict(set)
    for m in mentions.values():
        for c in m.cands:
            if c.feature == "ADM2" and c.admin2_code:
                adm2_named[c.admin2_code].add(m.key)
            elif c.admin2_code and c.feature.startswith("PPL"):
                child_adm2[c.admin2_code].add(m.key)

    # base scores: prior, name match, cues, namesake divisions, explicit and co-mentioned containment
    for m in mentions.values():
        key = m.key
        # the largest same-named city in each division: "Baghdad", "New York" mean the city unless the
        # wording says otherwise; "Quebec" (a small share of its province) the province
        city_in: dict[str | None, int] = {}
        for c in m.cands:
            if c.feature.startswith("PPL") and (fold(c.name) == key or c.population >= 1_000_000):
                city_in[c.admin1_code] = max(city_in.get(c.admin1_code, 0), c.population)
        city_in2 = {c.admin2_code for c in m.cands if c.feature.startswith("PPL") and c.population >= 5000
                    and fold(c.name) == key}
        for c in m.cands:
            s = prior(c)
            if _own_name_match(c, key):
                s += W["own_name"]  # the place's own name rather than one of its alternate names
            if m.cue == "admin":
                s += W["admin_cue"] if c.feature in ("ADM1", "ADM2") else 0.0
            elif m.cue == "city":
                s += W["city_cue"] if c.feature.startswith("PPL") else 0.0
            elif m.cue == "capital":
                s += 4.0 if c.feature == "PPLC" else (1.5 if c.feature.startswith("PPL") else 0.0)
            big = city_in.get(c.admin1_code, 0) if c.feature == "ADM1" else 0
            if m.cue != "admin" and (big >= 1_000_000 or big >= max(W["namesake_min_pop"], 0.25 * c.population)):
                s -= W["namesake_adm1"]  # "Baghdad": the city rather than its namesake division
                m.namesakes.add(len(m.base))
            elif c.feature == "ADM1" and any(o.feature == "PCLI" and o.country == c.country and _own_name_match(o, key)
                                             for o in m.cands):
                m.namesakes.add(len(m.base))  # "Taiwan" the country, not its namesake province
            elif c.feature == "ADM2" and m.cue != "admin" and c.admin2_code in city_in2:
                s -= W["namesake_adm2"]
            if m.parents:
                s += W["parent_in"] if any(contains(p, c) for p in m.parents) else W["parent_out"]
            if c.admin2_code:
                if c.feature == "ADM2":
                    if child_adm2.get(c.admin2_code, set()) - {key}:
                        s += W["adm2_child"]
                elif adm2_named.get(c.admin2_code, set()) - {key}:
                    s += W["adm2_named"]
            m.base.append(s)
    # a container named right after a place gains from containing one of its candidates
    for i, m in mentions.items():
        if not m.parents:
            continue
        pos = order.index(i)
        if pos + 1 < len(order) and order[pos + 1] in mentions:
            pm = mentions[order[pos + 1]]
            for k, pc in enumerate(pm.cands):
                if any(contains(pc, c) for c in m.cands):
                    pm.base[k] += W["parent_contains"]

    chosen: dict[int, int] = {i: max(range(len(m.cands)), key=m.base.__getitem__) for i, m in mentions.items()}
    for _ in range(2):
        chosen = _rescore(mentions, chosen, gaz.neighbours)
    out: list[Candidate | None] = [None] * len(toponyms)
    for i, dc in fixed.items():
        out[i] = dc
    for i, k in chosen.items():
        out[i] = mentions[i].cands[k]
    # a place named inside a longer name ("Dublin Arts Council", "Dublin Center Drive") is the place the
    # same name means on its own in this article
    alone = {m.key: out[i] for i, m in mentions.items() if m.cue != "inner"}
    for i, m in mentions.items():
        if m.cue == "inner":
            same = next((alone[k] for k in (fold(c.name) for c in m.cands) if k in alone), None)
            if same is not None:
                out[i] = same
    sites = [i for i in order if out[i] is None and i not in fixed and _is_site(toponyms[i].text)
             and not gaz.is_demonym(toponyms[i].text)]
    if sites:
        town = _most_named_town(toponyms, order, out)
        for i in sites:
            out[i] = _site_locality(text, toponyms, order, out, i) or town
    return out


def _is_site(name: str) -> bool:
    """Whether a name is a site's: a building, ground, camp or neighbourhood with a name of its own
    ("Barclays Center"; not "Centre", India's central government, nor "25th District")."""
    words = fold(name).split()
    return any(w in _SITE_WORDS for w in words) and any(
        w not in _SITE_WORDS and w not in _GENERIC and w not in _LINK_WORDS and w.isalpha() for w in words)


_SITE_IN = re.compile(r"^\s*(?:,|\s(?:in|at|near|outside|of)\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?)\s*$")
_LOCALITY_FEATURES = ("PPL", "ADM2")


def _site_locality(text: str, toponyms: list[Toponym], order: list[int], out: list[Candidate | None],
                   i: int) -> Candidate | None:
    """The place a site lies in, as its wording gives it: a place named right after it ("the Barclays Center
    in Brooklyn"), else the town named last before it in the same paragraph. (With neither, the caller takes
    the article's most named town -- where a reader of the article would put it on a map.)"""
    t = toponyms[i]
    pos = order.index(i)
    if pos + 1 < len(order):
        j = order[pos + 1]
        if out[j] is not None and _SITE_IN.match(text[t.end: toponyms[j].start]):
            return out[j]
    for j in reversed(order[:pos]):
        c = out[j]
        if t.start - toponyms[j].end > 300 or "\n\n" in text[toponyms[j].end: t.start]:
            break
        if c is not None and c.feature.startswith(_LOCALITY_FEATURES):
            return c
    return None


def _most_named_town(toponyms: list[Toponym], order: list[int], out: list[Candidate | None]) -> Candidate | None:
    """The town (or county) the article names most often, sites aside; of equals, the first named."""
    counts: dict[int, int] = {}
    first: dict[int, Candidate] = {}
    for j in order:
        c = out[j]
        if c is not None and c.feature.startswith(_LOCALITY_FEATURES) and not _is_site(toponyms[j].text):
            counts[id(c)] = counts.get(id(c), 0) + 1
            first.setdefault(id(c), c)
    if not counts:
        return None
    top = max(counts.values())
    return next(c for k, c in first.items() if counts[k] == top)


def _rescore(mentions: dict[int, _Mention], chosen: dict[int, int],
             neighbours: dict[str, frozenset[str]]) -> dict[int, int]:
    """One pass of document-context scoring given the current choices."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, m in mentions.items():
        by_key[m.key].append(i)
    # focus: shares of countries and first-level divisions among the other names' current choices
    keys_country: dict[str, dict[str, float]] = {}
    keys_admin1: dict[str, dict[str, float]] = {}
    winners: list[tuple[str, Candidate]] = []
    for key, idxs in by_key.items():
        m = mentions[idxs[0]]
        if m.cue == "inner":  # "Dublin Arts Council" is weak evidence of where the article is
            continue
        c = m.cands[chosen[idxs[0]]]
        winners.append((key, c))
        w = 1.0 + 0.25 * (len(idxs) - 1)
        if c.country:
            keys_country.setdefault(key, {})[c.country] = w * (1.5 if c.feature == "PCLI" else 1.0)
        if c.admin1_code:
            keys_admin1.setdefault(key, {})[c.admin1_code] = w
    total = sum(sum(d.values()) for d in keys_country.values()) or 1.0
    country_tot: dict[str, float] = defaultdict(float)
    for d in keys_country.values():
        for k, v in d.items():
            country_tot[k] += v
    admin_tot: dict[str, float] = defaultdict(float)
    for d in keys_admin1.values():
        for k, v in d.items():
            admin_tot[k] += v
    new: dict[int, int] = {}
    for key, idxs in by_key.items():
        own_c = keys_country.get(key, {})
        own_a = keys_admin1.get(key, {})
        others = [c for k2, c in winners if k2 != key]
        denom = max(1.0, total - sum(own_c.values()))
        sums: dict[int, float] = defaultdict(float)
        m0 = mentions[idxs[0]]
        explicit = [i for i in idxs if mentions[i].parents or mentions[i].cue]
        for i in idxs:
            for k, s in enumerate(mentions[i].base):
                sums[k] += s
        spatial = [o for o in others if o.feature not in _WIDE_FEATURES and o.feature not in ADMIN_FEATURES]
        for k, c in enumerate(m0.cands):
            bonus = 0.0
            # another name resolved to this very place ("Mexico City" for "Mexico") is no evidence for it
            same = [k2 for k2, o in winners if o is c and k2 != key]
            if c.country:
                own_share = own_c.get(c.country, 0.0) + sum(keys_country.get(k2, {}).get(c.country, 0.0)
                                                            for k2 in same)
                share = (country_tot.get(c.country, 0.0) - own_share) / denom
                bonus += W["focus_country"] * share
                near = neighbours.get(c.country)
                if near:
                    bonus += W["focus_neighbour"] * sum(country_tot.get(n, 0.0) - own_c.get(n, 0.0) for n in near) / denom
            # places of a division make it likelier the division is meant, as they do its towns ("Quebec"
            # among Montreal's suburbs) -- unless its name is a big city's ("New York" among Brooklyn's streets)
            if c.admin1_code and (c.feature != "ADM1" or k not in m0.namesakes):
                n_a = admin_tot.get(c.admin1_code, 0.0) - own_a.get(c.admin1_code, 0.0) - sum(
                    keys_admin1.get(k2, {}).get(c.admin1_code, 0.0) for k2 in same)
                bonus += min(W["focus_admin1_max"], W["focus_admin1"] * n_a)
            if spatial and c.feature != "PCLI" and c.feature not in _WIDE_FEATURES:
                d = min((haversine_km(c.lat, c.lon, o.lat, o.lon) for o in spatial if o is not c), default=1e9)
                bonus += W["near50"] if d < 50 else W["near150"] if d < 150 else W["near400"] if d < 400 else 0.0
            sums[k] += bonus * len(idxs)
        best = max(sums, key=sums.__getitem__)
        for i in idxs:
            # a mention with its own explicit evidence keeps its own best choice if that is strong
            if i in explicit and len(idxs) > 1:
                m = mentions[i]
                own = max(range(len(m.cands)), key=m.base.__getitem__)
                if m.parents and any(contains(p, m.cands[own]) for p in m.parents):
                    new[i] = own
                    continue
            new[i] = best
    return new


TOPONYM_LABELS = frozenset({"GPE", "LOC", "FAC"})
# entity labels whose text may still name, or begin with, a place ("Gainesville Police Department",
# "University of Georgia", spaCy's small model tagging "Georgia" ORG or "Gainesville" PERSON)
OTHER_LABELS = frozenset({"ORG", "PERSON", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})
_SAID = re.compile(r"^\s*(?:said|says|told|added|wrote|asked|explained|noted|\(R|\(D)\b")
_TITLE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Judge|President|Minister)\.?\s*$")


def _is_place_name(gaz: Gazetteer, text: str, min_pop: int) -> bool:
    """Whether ``text`` is in its own right a country, division, region or a town of ``min_pop``+."""
    if not text[:1].isupper() or gaz.is_demonym(text):
        return False
    cands, _ = gaz.lookup(text)
    key = fold(text)
    return any((c.feature in ADMIN_FEATURES or c.feature in _WIDE_FEATURES
                or c.population >= min_pop) and fold(c.name) in (key, strip_article(key)) or
               (c.feature in ("PCLI", "ADM1") and c.population >= min_pop) for c in cands)


def find_toponyms(doc: Any, gazetteer: Gazetteer | None = None, *, demonyms: bool = False) -> list[Toponym]:
    """Toponyms of a spaCy ``Doc``: its GPE/LOC/FAC entities (cut to the place name they begin with when
    the whole has no gazetteer entry: "Alachua County Jail" -> "Alachua County"), plus places inside other
    entities: a whole ORG/PERSON/NORP/... entity that is a country, division or sizeable town ("Georgia"
    tagged ORG; a one-word PERSON only for towns of 100,000+ not followed by "said"), the place an ORG
    begins with ("Gainesville Police Department") or ends with after "of" ("University of Georgia"), and
    with ``demonyms``, NORP demonyms."""
    gaz = gazetteer or Gazetteer.load()
    text = doc.text
    out: list[Toponym] = []

    # words of multi-word PERSON names ("Mohamed Salah"): the same word alone is the person, not a place
    person_words = {t.text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}

    def add(span: Any, label: str) -> None:
        if len(span) == 1 and span.text in person_words:
            return
        out.append(Toponym(span.start_char, span.end_char, span.text, label))

    for ent in doc.ents:
        label = ent.label_
        if label in TOPONYM_LABELS:
            if gaz.lookup(ent.text)[0] or gaz.is_demonym(ent.text) or len(ent) == 1:
                add(ent, label)
                continue
            for n in range(len(ent) - 1, 0, -1):
                sub = ent[:n]
                if gaz.lookup(sub.text)[0] and _is_place_name(gaz, sub.text, 1000):
                    add(sub, label)
                    break
            else:
                add(ent, label)
            continue
        if label not in OTHER_LABELS:
            continue
        if gaz.is_demonym(ent.text):
            if demonyms and label == "NORP":
                add(ent, label)
            continue
        if label == "PERSON":
            if any(c.feature in ("PCLI", "ADM1") and fold(c.name) == fold(ent.text) for c in gaz.lookup(ent.text)[0]):
                add(ent, "GPE")  # "Sri Lanka", "Georgia"
            elif len(ent) == 1 and not _SAID.match(text[ent.end_char: ent.end_char + 12]) and not _TITLE.search(
                    text[max(0, ent.start_char - 12): ent.start_char]) and _is_place_name(gaz, ent.text, 100_000):
                add(ent, "GPE")
            continue
        if _is_place_name(gaz, ent.text, 10_000):
            add(ent, "GPE")
            continue
        if label != "ORG" or len(ent) < 2:
            continue
        words = [t.text for t in ent]
        if "of" in words[1:-1]:  # "University of Georgia", "Bank of America"
            i = words.index("of", 1)
            sub = ent[i + 1:]
            if _is_place_name(gaz, sub.text, 10_000):
                add(sub, "GPE")
                continue
        for n in range(min(len(ent) - 1, 3), 0, -1):  # "Gainesville Police Department"
            sub = ent[:n]
            if sub[-1].is_punct or sub[0].lower_ == "the":
                continue
            if _is_place_name(gaz, sub.text, 10_000):
                add(sub, "GPE")
                break
    return out
