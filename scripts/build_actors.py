"""Build wirewatch's actor-coding data: ``src/wirewatch/data/actors.json.gz`` and the ``country`` column of
the one demonym table ``demonyms.tsv`` (written through ``scripts/build_demonyms.py``, which states its format).

Usage::

    .venv/bin/python scripts/build_actors.py --sources /work/shared/sources [--out src/wirewatch/data]

Sources and licences
--------------------
* ``petrarch2/Phoenix.Countries.actors.txt``, ``Phoenix.International.actors.txt``,
  ``Phoenix.MilNonState.actors.txt``, ``Phoenix.agents.txt``: the Phoenix/PETRARCH2 actor and agent
  dictionaries, (c) 2014 Open Event Data Alliance, MIT licence (``petrarch2/LICENSE``; the CountryInfo-derived
  entries were funded by NSF SES-1004414, SES-1259190).
* ``cameo/text_to_CAMEO.countrynames.txt`` and ``text_to_CAMEO.agentnames.txt``: country names and generic
  sector names with their CAMEO codes, (c) 2014 Philip Schrodt, MIT licence (``cameo/text_to_CAMEO.LICENSE``).
* Hand tables written below for wirewatch (facts, not copied text): news outlets with their home country,
  well-known armed groups, IGOs/NGOs, country aliases and demonyms, and agent-word corrections.

What it does
------------
CAMEO/Phoenix codes (``USAGOV``, ``IRQMIL``, ``IMGMUSREB``, ``IGOUNOREFHCR``...) are translated to PLOVER: a
country (ISO 3166 alpha-3 with PLOVER's folding of dependencies, or UNO/EUR/IGO/NGO/IMG/MNC/ISM) and sectors
(CAMEO MED "media" -> JRN, HLH "health" -> MED, INS/SEP -> REB, UNR -> PRE, religion/ethnic/org tags dropped).
Date-restricted codes keep their ranges (YYYYMMDD ints). Every name is normalised exactly as the runtime does
(``wirewatch.kb.actors.normalize``). The output is deterministic: running the script twice gives the
same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_demonyms import write_column  # noqa: E402
from wirewatch.kb.actors import FORMAT, INF_DATE, normalize  # noqa: E402

# ------------------------------------------------------------------------------------------------------
# CAMEO -> PLOVER translation
# ------------------------------------------------------------------------------------------------------

SECTOR_MAP = {
    "GOV": "GOV", "MIL": "MIL", "COP": "COP", "JUD": "JUD", "LEG": "LEG", "SPY": "SPY", "REB": "REB",
    "INS": "REB", "SEP": "REB", "UAF": "UAF", "OPP": "OPP", "PTY": "PTY", "ELI": "ELI", "BUS": "BUS",
    "MNC": "BUS", "CVL": "CVL", "MED": "JRN", "HLH": "MED", "EDU": "EDU", "LAB": "LAB", "AGR": "AGR",
    "REF": "REF", "REL": "REL", "CRM": "CRM", "HRI": "SOC", "NGO": "SOC", "ENV": "SOC", "DEV": "SOC",
    "UNR": "PRE", "PRE": "PRE", "PRM": "PRM", "JRN": "JRN", "SOC": "SOC",
}
# Old, regional or stray first segments of CAMEO codes -> PLOVER country (None: no country)
SPECIAL_PREFIX: dict[str, str | None] = {
    "USR": "RUS", "DDR": "DEU", "YUG": "SRB", "SCG": "SRB", "FRY": "SRB", "CSK": "CZE", "ANG": "AGO",
    "KRJ": "HRV", "SRP": "BIH", "GLP": "FRA", "FRN": "FRA", "EIN": "IDN", "KSV": "KOS", "TMP": "TLS",
    "ANT": "ATA", "ROM": "ROU", "ZAR": "COD", "BUR": "MMR", "INT": "IMG",
    "AFR": None, "ASA": None, "CAS": None, "EAF": None, "EEU": None, "EUR": None, "LAM": None, "MEA": None,
    "NAF": None, "SAF": None, "SAM": None, "SAS": None, "SEA": None, "WAF": None, "WEU": None, "WST": None,
    "CFR": None, "NMR": None, "KKL": None, "KNT": None, "BAH": None, "HIN": None, "BUD": None, "MOS": None,
    "MUS": None, "SUN": None, "CHR": None, "JEW": None, "SHI": None, "CTH": None,
}
PARTIAL: dict[str, str] = {"KRJ": "HRV", "SRP": "BIH"}  # unrecognised entities: parent country + PRE
# Dependencies folded into their controlling state (PLOVER country rule 1); HKG, PSE, ATA, KOS stay.
DEPENDENCY = {
    "AIA": "GBR", "BMU": "GBR", "VGB": "GBR", "CYM": "GBR", "TCA": "GBR", "MSR": "GBR", "FLK": "GBR",
    "GIB": "GBR", "IMN": "GBR", "GGY": "GBR", "JEY": "GBR", "SHN": "GBR", "PCN": "GBR", "IOT": "GBR",
    "ABW": "NLD", "CUW": "NLD", "SXM": "NLD", "BES": "NLD", "MAF": "FRA", "GLP": "FRA", "MTQ": "FRA",
    "GUF": "FRA", "REU": "FRA", "MYT": "FRA", "NCL": "FRA", "PYF": "FRA", "WLF": "FRA", "SPM": "FRA",
    "BLM": "FRA", "ATF": "FRA", "ASM": "USA", "GUM": "USA", "MNP": "USA", "PRI": "USA", "VIR": "USA",
    "UMI": "USA", "COK": "NZL", "NIU": "NZL", "TKL": "NZL", "CCK": "AUS", "CXR": "AUS", "NFK": "AUS",
    "HMD": "AUS", "FRO": "DNK", "GRL": "DNK", "MAC": "CHN", "SJM": "NOR", "BVT": "NOR", "ALA": "FIN",
    "ESH": "MAR",
}
SPECIAL_COUNTRIES = ("UNO", "EUR", "IGO", "NGO", "IMG", "MNC", "ISM")


def map_code(raw: str, iso3: set[str], *, sectors_only: bool = False) -> tuple[str | None, list[str]] | None:
    """One CAMEO/Phoenix code -> (PLOVER country, sectors); None for '---' or garbage.

    ``sectors_only``: an agent code ("~GOVMIL") whose country comes from elsewhere.
    """
    raw = re.sub(r"[^A-Z]", "", raw.upper())
    if not raw or len(raw) % 3:
        return None
    segs = [raw[i:i + 3] for i in range(0, len(raw), 3)]
    first, rest = segs[0], segs[1:]
    country: str | None
    extra: list[str] = []
    if sectors_only:
        country, rest = None, segs
    elif first == "IGO":
        if rest[:1] == ["UNO"]:
            country, rest = "UNO", rest[1:]
        elif rest[:2] == ["EUR", "EEC"]:
            country, rest = "EUR", rest[2:]
        else:
            country = "IGO"
    elif first in ("UNO", "NGO", "IMG", "MNC", "ISM"):
        country = first
    elif first in SPECIAL_PREFIX:
        country = SPECIAL_PREFIX[first]
        if first in PARTIAL:
            extra = ["PRE"]
    elif first in iso3 or first in DEPENDENCY:
        country = DEPENDENCY.get(first, first)
        if first == "ESH":
            extra = ["PRE"]
    elif first in SECTOR_MAP:
        country, rest = None, segs
    else:
        return None
    sectors: list[str] = []
    for s in rest:
        p = SECTOR_MAP.get(s)
        if p and p not in sectors:
            sectors.append(p)
    for s in extra:
        if s not in sectors:
            sectors.append(s)
    if sectors and sectors[0] != "SOC":
        sectors = [s for s in sectors if s != "SOC"]
    if country == "IMG" and not sectors:
        sectors = ["REB"]
    if country == "MNC" and not sectors:
        sectors = ["BUS"]
    if country is None and not sectors:
        return None
    return country, sectors


def code_str(country: str | None, sectors: list[str]) -> str:
    return f"{country or ''}/{'+'.join(sectors)}"


def parse_date(s: str) -> int | None:
    d = re.sub(r"\D", "", s)
    if len(d) == 6:
        yy = int(d[:2])
        return (2000 + yy if yy < 30 else 1900 + yy) * 10000 + int(d[2:])
    if len(d) >= 8:
        return int(d[:8])
    if len(d) == 7:
        return int(d[:4]) * 10000 + 101
    return None


def parse_range(s: str) -> tuple[int, int] | None:
    s = s.replace(" ", "")
    if not s:
        return None
    if s.startswith(">"):
        a = parse_date(s[1:])
        return (a or 0, INF_DATE)
    if s.startswith("<"):
        b = parse_date(s[1:])
        return (0, b or INF_DATE)
    if "-" in s:
        a_s, _, b_s = s.partition("-")
        return (parse_date(a_s) or 0, parse_date(b_s) or INF_DATE)
    d = parse_date(s)
    return (d, d) if d else None


# ------------------------------------------------------------------------------------------------------
# Phoenix .actors files
# ------------------------------------------------------------------------------------------------------

CODE_RE = re.compile(r"\[([^\]]*)\]")


class Block:
    def __init__(self, source: str, comment: str) -> None:
        self.source = source
        self.comment = comment
        self.prio = 0
        self.names: list[str] = []  # raw phrases, root first
        self.codes: list[tuple[str, tuple[int, int] | None]] = []  # (raw code, range)


def split_phrases(text: str) -> list[str]:
    out: list[str] = []
    for part in text.split("+"):
        part = part.strip()
        if not part:
            continue
        acronyms = re.findall(r"\(([A-Z][A-Z0-9\-]{2,})\)", part)
        part = re.sub(r"\([^)]*\)", " ", part)
        part = re.sub(r"\(.*$", " ", part)  # unclosed "(ACTING"
        out.append(part)
        out.extend(acronyms)
    return out


def read_actor_file(path: Path) -> list[Block]:
    blocks: list[Block] = []
    cur: Block | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body, _, comment = line.partition("#")
        if not body.strip():
            continue
        codes = CODE_RE.findall(body)
        phrase_part = CODE_RE.sub(" ", body)
        stripped = phrase_part.strip()
        if body[0] in " \t" and not stripped.startswith("+"):
            # an indented code line (or stray text) belongs to the current block
            if cur is not None:
                cur.codes.extend(split_code(c) for c in codes)
            continue
        if stripped.startswith("+"):
            if cur is not None:
                cur.names.extend(split_phrases(stripped))
                cur.codes.extend(split_code(c) for c in codes)
            continue
        cur = Block(path.name, comment)
        blocks.append(cur)
        cur.names.extend(split_phrases(stripped))
        cur.codes.extend(split_code(c) for c in codes)
    return blocks


def split_code(c: str) -> tuple[str, tuple[int, int] | None]:
    c = c.strip()
    head, _, tail = c.partition(" ")
    return head, parse_range(tail)


# ------------------------------------------------------------------------------------------------------
# Phoenix agents
# ------------------------------------------------------------------------------------------------------


def plural(word: str) -> str:
    if word.endswith("MAN"):
        return word[:-3] + "MEN"
    if re.search(r"[^AEIOU]Y$", word):
        return word[:-1] + "IES"
    if re.search(r"(S|X|Z|CH|SH)$", word):
        return word + "ES"
    return word + "S"


def read_agents(path: Path, iso3: set[str]) -> dict[str, str]:
    macros: dict[str, list[str]] = {}
    agents: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = line.split("#", 1)[0].rstrip()
        if not body.strip():
            continue
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", body.strip())
        if m:
            macros[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        cm = re.search(r"\[([^\]\}]*)[\]\}]", body)
        if not cm:
            continue
        code = cm.group(1).strip()
        phrase = body[:cm.start()]
        plurals_spec: str | None = None
        pm = re.search(r"\{([^}]*)\}", phrase)
        if pm:
            plurals_spec = pm.group(1).strip()
            phrase = phrase[:pm.start()] + phrase[pm.end():]
        phrase = phrase.strip()
        if not phrase:
            continue
        if code.startswith("~"):
            mapped = map_code(code[1:], iso3, sectors_only=True)
        else:
            mapped = map_code(code.replace("~", ""), iso3)
        if mapped is None:
            continue
        value = code_str(*mapped)
        forms: list[str] = [phrase]
        has_macro = False
        for mac, words in macros.items():
            if mac in phrase:
                has_macro = True
                forms = [f.replace(mac, w) for f in forms for w in words]
        if not has_macro:
            if plurals_spec is None:
                forms.append(re.sub(r"([A-Z]+)(_*)$", lambda m: plural(m.group(1)) + m.group(2), phrase))
            elif plurals_spec:
                forms.append(plurals_spec)
        for f in forms:
            key = normalize(f.replace("_", " "))
            if key and key not in agents:
                agents[key] = value
    return agents


# ------------------------------------------------------------------------------------------------------
# Hand tables
# ------------------------------------------------------------------------------------------------------

# ISO3 | country names and aliases | demonyms (adjective and noun forms; plurals are derived)
COUNTRY_TABLE = """
AFG|Afghanistan|Afghan;Afghani
ALB|Albania|Albanian
DZA|Algeria|Algerian
AND|Andorra|Andorran
AGO|Angola|Angolan
ATG|Antigua and Barbuda;Antigua|Antiguan
ARG|Argentina|Argentine;Argentinian;Argentinean
ARM|Armenia|Armenian
AUS|Australia|Australian;Aussie
AUT|Austria|Austrian
AZE|Azerbaijan|Azerbaijani;Azeri
BHS|Bahamas;The Bahamas|Bahamian
BHR|Bahrain|Bahraini
BGD|Bangladesh|Bangladeshi
BRB|Barbados|Barbadian
BLR|Belarus;Byelorussia|Belarusian;Belarussian
BEL|Belgium|Belgian
BLZ|Belize|Belizean
BEN|Benin|Beninese
BTN|Bhutan|Bhutanese
BOL|Bolivia|Bolivian
BIH|Bosnia and Herzegovina;Bosnia-Herzegovina;Bosnia|Bosnian;Herzegovinian
BWA|Botswana|Motswana;Batswana;Botswanan
BRA|Brazil|Brazilian
BRN|Brunei;Brunei Darussalam|Bruneian
BGR|Bulgaria|Bulgarian
BFA|Burkina Faso;Burkina|Burkinabe;Burkinabé
BDI|Burundi|Burundian
CPV|Cape Verde;Cabo Verde|Cape Verdean
KHM|Cambodia;Kampuchea|Cambodian;Khmer
CMR|Cameroon|Cameroonian
CAN|Canada|Canadian
CAF|Central African Republic;CAR|Central African
TCD|Chad|Chadian
CHL|Chile|Chilean
CHN|China;People's Republic of China;PRC;Mainland China|Chinese
COL|Colombia|Colombian
COM|Comoros|Comoran;Comorian
COG|Republic of the Congo;Congo-Brazzaville;Congo Brazzaville;Congo Republic|
COD|Democratic Republic of the Congo;Democratic Republic of Congo;DR Congo;DRC;D.R.C.;Congo-Kinshasa;Congo;Zaire|Congolese
CRI|Costa Rica|Costa Rican
CIV|Cote d'Ivoire;Côte d'Ivoire;Ivory Coast|Ivorian
HRV|Croatia|Croatian;Croat
CUB|Cuba|Cuban
CYP|Cyprus|Cypriot
CZE|Czech Republic;Czechia|Czech
DNK|Denmark|Danish;Dane
DJI|Djibouti|Djiboutian;Djiboutien
DMA|Dominica|
DOM|Dominican Republic|Dominican
TLS|East Timor;Timor-Leste;Timor Leste|Timorese;East Timorese
ECU|Ecuador|Ecuadorian;Ecuadorean
EGY|Egypt|Egyptian
SLV|El Salvador|Salvadoran;Salvadorean
GNQ|Equatorial Guinea|Equatorial Guinean;Equatoguinean
ERI|Eritrea|Eritrean
EST|Estonia|Estonian
SWZ|Eswatini;Swaziland|Swazi
ETH|Ethiopia|Ethiopian
FJI|Fiji|Fijian
FIN|Finland|Finnish;Finn
FRA|France;French Republic|French;Frenchman;Frenchmen;Frenchwoman
GAB|Gabon|Gabonese
GMB|Gambia;The Gambia|Gambian
GEO|Georgia|Georgian
DEU|Germany;Federal Republic of Germany|German
GHA|Ghana|Ghanaian
GRC|Greece;Hellenic Republic|Greek;Hellenic
GRD|Grenada|Grenadian
GTM|Guatemala|Guatemalan
GIN|Guinea;Guinea-Conakry|Guinean
GNB|Guinea-Bissau;Guinea Bissau|Bissau-Guinean
GUY|Guyana|Guyanese
HTI|Haiti|Haitian
HND|Honduras|Honduran
HUN|Hungary|Hungarian;Magyar
ISL|Iceland|Icelandic;Icelander
IND|India|Indian
IDN|Indonesia|Indonesian
IRN|Iran;Islamic Republic of Iran;Persia|Iranian;Persian
IRQ|Iraq|Iraqi
IRL|Ireland;Republic of Ireland;Eire|Irish;Irishman;Irishmen
ISR|Israel|Israeli
ITA|Italy|Italian
JAM|Jamaica|Jamaican
JPN|Japan|Japanese
JOR|Jordan|Jordanian
KAZ|Kazakhstan|Kazakh;Kazakhstani
KEN|Kenya|Kenyan
KIR|Kiribati|I-Kiribati
PRK|North Korea;Democratic People's Republic of Korea;DPRK;D.P.R.K.|North Korean
KOR|South Korea;Republic of Korea;ROK;Korea|South Korean;Korean
KOS|Kosovo|Kosovar;Kosovan
KWT|Kuwait|Kuwaiti
KGZ|Kyrgyzstan;Kirghizia;Kyrgyz Republic|Kyrgyz;Kyrgyzstani;Kirghiz
LAO|Laos;Lao PDR|Laotian;Lao
LVA|Latvia|Latvian;Lett
LBN|Lebanon|Lebanese
LSO|Lesotho|Basotho;Mosotho
LBR|Liberia|Liberian
LBY|Libya|Libyan
LIE|Liechtenstein|Liechtensteiner
LTU|Lithuania|Lithuanian
LUX|Luxembourg|Luxembourgish;Luxembourger
MDG|Madagascar|Malagasy;Madagascan
MWI|Malawi|Malawian
MYS|Malaysia|Malaysian
MDV|Maldives|Maldivian
MLI|Mali|Malian
MLT|Malta|Maltese
MHL|Marshall Islands|Marshallese
MRT|Mauritania|Mauritanian
MUS|Mauritius|Mauritian
MEX|Mexico|Mexican
FSM|Micronesia;Federated States of Micronesia|Micronesian
MDA|Moldova;Moldavia|Moldovan;Moldavian
MCO|Monaco|Monegasque;Monacan
MNG|Mongolia|Mongolian
MNE|Montenegro|Montenegrin
MAR|Morocco|Moroccan
MOZ|Mozambique|Mozambican
MMR|Myanmar;Burma|Burmese;Myanmarese
NAM|Namibia|Namibian
NRU|Nauru|Nauruan
NPL|Nepal|Nepalese;Nepali
NLD|Netherlands;The Netherlands;Holland|Dutch;Dutchman;Dutchmen;Netherlander
NZL|New Zealand|New Zealander;Kiwi
NIC|Nicaragua|Nicaraguan
NER|Niger|Nigerien
NGA|Nigeria|Nigerian
MKD|North Macedonia;Macedonia;FYROM|Macedonian;North Macedonian
NOR|Norway|Norwegian
OMN|Oman|Omani
PAK|Pakistan|Pakistani
PLW|Palau|Palauan
PSE|Palestine;State of Palestine;Palestinian Territories;Occupied Palestinian Territories;West Bank;Gaza;Gaza Strip|Palestinian
PAN|Panama|Panamanian
PNG|Papua New Guinea|Papua New Guinean
PRY|Paraguay|Paraguayan
PER|Peru|Peruvian
PHL|Philippines;The Philippines|Filipino;Philippine;Filipina
POL|Poland|Polish;Pole
PRT|Portugal|Portuguese
QAT|Qatar|Qatari
ROU|Romania;Rumania|Romanian
RUS|Russia;Russian Federation;Soviet Union;USSR;U.S.S.R.|Russian;Soviet
RWA|Rwanda|Rwandan;Rwandese
KNA|Saint Kitts and Nevis;St Kitts and Nevis;St. Kitts and Nevis|Kittitian;Nevisian
LCA|Saint Lucia;St Lucia;St. Lucia|Saint Lucian;St Lucian
VCT|Saint Vincent and the Grenadines;St Vincent and the Grenadines|Vincentian
WSM|Samoa|Samoan
SMR|San Marino|Sammarinese
STP|Sao Tome and Principe;São Tomé and Príncipe|Sao Tomean
SAU|Saudi Arabia;Kingdom of Saudi Arabia;KSA|Saudi;Saudi Arabian
SEN|Senegal|Senegalese
SRB|Serbia|Serbian;Serb
SYC|Seychelles|Seychellois
SLE|Sierra Leone|Sierra Leonean
SGP|Singapore|Singaporean
SVK|Slovakia;Slovak Republic|Slovak;Slovakian
SVN|Slovenia|Slovenian;Slovene
SLB|Solomon Islands|Solomon Islander
SOM|Somalia|Somali;Somalian
ZAF|South Africa;Republic of South Africa|South African
SSD|South Sudan|South Sudanese
ESP|Spain|Spanish;Spaniard
LKA|Sri Lanka;Ceylon|Sri Lankan
SDN|Sudan|Sudanese
SUR|Suriname;Surinam|Surinamese;Surinamer
SWE|Sweden|Swedish;Swede
CHE|Switzerland;Swiss Confederation|Swiss
SYR|Syria;Syrian Arab Republic|Syrian
TWN|Taiwan;Republic of China;Formosa|Taiwanese
TJK|Tajikistan|Tajik;Tajikistani
TZA|Tanzania;United Republic of Tanzania|Tanzanian
THA|Thailand;Siam|Thai
TGO|Togo|Togolese
TON|Tonga|Tongan
TTO|Trinidad and Tobago;Trinidad|Trinidadian;Tobagonian
TUN|Tunisia|Tunisian
TUR|Turkey;Turkiye;Türkiye|Turkish;Turk
TKM|Turkmenistan|Turkmen;Turkmenistani
TUV|Tuvalu|Tuvaluan
UGA|Uganda|Ugandan
UKR|Ukraine;The Ukraine|Ukrainian
ARE|United Arab Emirates;UAE;U.A.E.;Emirates|Emirati;Emirian
GBR|United Kingdom;UK;U.K.;Britain;Great Britain;England;Scotland;Wales;Northern Ireland|British;Briton;Brit;English;Englishman;Englishmen;Scottish;Scot;Welsh;Welshman
USA|United States;United States of America;U.S.;US;USA;U.S.A.;America|American;U.S.
URY|Uruguay|Uruguayan
UZB|Uzbekistan|Uzbek;Uzbekistani
VUT|Vanuatu|Ni-Vanuatu;Vanuatuan
VAT|Vatican;Vatican City;Holy See|Vatican
VEN|Venezuela|Venezuelan
VNM|Vietnam;Viet Nam|Vietnamese
YEM|Yemen|Yemeni;Yemenite
ZMB|Zambia|Zambian
ZWE|Zimbabwe|Zimbabwean
HKG|Hong Kong|Hong Konger;Hongkonger
ATA|Antarctica|Antarctic
GRL|Greenland|Greenlandic;Greenlander
PRI|Puerto Rico|Puerto Rican
"""

# Partially recognised entities (PLOVER: parent country + sector PRE)
PARTIALLY_RECOGNISED = {
    "MAR": ["Western Sahara", "Sahrawi Arab Democratic Republic", "Polisario Front", "Polisario"],
    "GEO": ["Abkhazia", "South Ossetia"],
    "MDA": ["Transnistria", "Transdniestria", "Pridnestrovie"],
    "AZE": ["Nagorno-Karabakh", "Nagorno Karabakh", "Artsakh"],
    "CYP": ["Northern Cyprus", "Turkish Republic of Northern Cyprus", "TRNC"],
    "SOM": ["Somaliland", "Puntland"],
    "UKR": ["Donetsk People's Republic", "Luhansk People's Republic", "Lugansk People's Republic", "DPR", "LPR"],
}

# News organisations: home country, sector JRN.
OUTLETS = {
    "USA": ["CNN", "Cable News Network", "AP", "A.P.", "Associated Press", "The Associated Press",
            "New York Times", "NYT", "Washington Post", "Wall Street Journal", "WSJ", "Los Angeles Times",
            "USA Today", "NBC", "NBC News", "ABC News", "CBS", "CBS News", "Fox News", "MSNBC", "NPR",
            "National Public Radio", "Bloomberg News", "Bloomberg", "Voice of America", "VOA",
            "Radio Free Europe", "Radio Free Europe/Radio Liberty", "RFE/RL", "Radio Liberty",
            "Radio Free Asia", "Politico", "Axios", "The Hill", "Time magazine", "Newsweek",
            "McClatchy", "The Atlantic", "Huffington Post", "HuffPost", "Al-Monitor", "Los Angeles Times"],
    "GBR": ["Reuters", "Thomson Reuters", "BBC", "BBC News", "British Broadcasting Corporation",
            "BBC World Service", "The Guardian", "Guardian", "The Times", "Financial Times", "FT",
            "The Telegraph", "Daily Telegraph", "Sky News", "The Economist", "Daily Mail", "The Observer",
            "ITN", "Middle East Eye", "Channel 4 News"],
    "FRA": ["AFP", "Agence France-Presse", "Agence France Presse", "France-Presse", "France Presse",
            "Le Monde", "Le Figaro", "France 24", "RFI", "Radio France Internationale", "Liberation"],
    "QAT": ["Al Jazeera", "Al-Jazeera", "Aljazeera", "Al Jazeera English", "QNA", "Qatar News Agency"],
    "SAU": ["Al Arabiya", "Al-Arabiya", "Asharq Al-Awsat", "Saudi Press Agency", "SPA", "Arab News"],
    "ARE": ["WAM", "Emirates News Agency", "The National", "Gulf News", "Sky News Arabia"],
    "CHN": ["Xinhua", "Xinhua News Agency", "China Daily", "Global Times", "CCTV", "CGTN", "People's Daily",
            "China Central Television", "China News Service"],
    "HKG": ["South China Morning Post", "SCMP"],
    "RUS": ["TASS", "ITAR-TASS", "RIA Novosti", "RIA", "Sputnik", "RT", "Russia Today", "Interfax",
            "Kommersant", "Izvestia", "Novaya Gazeta", "Rossiya 24", "Channel One Russia", "RBC"],
    "DEU": ["Deutsche Welle", "DW", "Der Spiegel", "Spiegel", "dpa", "DPA", "Deutsche Presse-Agentur",
            "Frankfurter Allgemeine Zeitung", "FAZ", "Die Welt", "Bild", "Sueddeutsche Zeitung",
            "Süddeutsche Zeitung", "ARD", "ZDF"],
    "ESP": ["EFE", "El Pais", "El País", "El Mundo"],
    "ITA": ["ANSA", "La Repubblica", "Corriere della Sera", "RAI"],
    "JPN": ["Kyodo", "Kyodo News", "NHK", "Nikkei", "Asahi Shimbun", "Yomiuri Shimbun", "Mainichi Shimbun",
            "Jiji Press", "Japan Times"],
    "KOR": ["Yonhap", "Yonhap News Agency", "Korea Herald", "KBS", "Chosun Ilbo", "JoongAng Ilbo"],
    "PRK": ["KCNA", "Korean Central News Agency", "Rodong Sinmun"],
    "IRN": ["IRNA", "Islamic Republic News Agency", "Press TV", "PressTV", "Fars", "Fars News Agency",
            "Tasnim", "Tasnim News Agency", "Mehr", "Mehr News Agency", "ISNA", "IRIB", "Kayhan"],
    "TUR": ["Anadolu", "Anadolu Agency", "Anadolu News Agency", "TRT", "Hurriyet", "Hürriyet",
            "Daily Sabah", "Sabah", "DHA", "Dogan News Agency"],
    "ISR": ["Haaretz", "Times of Israel", "Jerusalem Post", "Yedioth Ahronoth", "Ynet", "Ynetnews",
            "Channel 12", "i24NEWS", "Maariv"],
    "EGY": ["Al-Ahram", "Al Ahram", "Ahram Online", "MENA", "Middle East News Agency", "Egypt Independent"],
    "SYR": ["SANA", "Syrian Arab News Agency"],
    "IRQ": ["Rudaw", "Kurdistan24", "Alsumaria", "Al Sumaria", "INA", "Iraqi News Agency", "Shafaq News"],
    "LBN": ["Al-Manar", "Al Manar", "Al Mayadeen", "Al-Mayadeen", "NNA", "National News Agency",
            "Daily Star", "L'Orient-Le Jour", "LBCI"],
    "KWT": ["KUNA", "Kuwait News Agency"],
    "JOR": ["Jordan Times"],
    "PAK": ["Dawn News", "Geo News", "Geo TV", "Express Tribune", "The News International",
            "Associated Press of Pakistan"],
    "IND": ["PTI", "Press Trust of India", "Times of India", "Hindustan Times", "NDTV", "The Hindu",
            "Indian Express", "IANS", "ANI", "Asian News International"],
    "AFG": ["Pajhwok", "Pajhwok Afghan News", "TOLOnews", "Tolo News", "TOLO"],
    "SGP": ["Straits Times", "Channel NewsAsia", "CNA"],
    "MYS": ["Bernama"],
    "IDN": ["Antara", "Antara News Agency", "Jakarta Post", "Kompas", "Tempo"],
    "PHL": ["Philippine Daily Inquirer", "Inquirer", "Rappler", "ABS-CBN", "GMA News"],
    "AUS": ["Australian Broadcasting Corporation", "ABC News Australia", "AAP", "Australian Associated Press",
            "Sydney Morning Herald", "The Australian", "SBS"],
    "CAN": ["CBC", "CBC News", "Canadian Broadcasting Corporation", "Globe and Mail", "Canadian Press",
            "CTV", "CTV News", "Toronto Star", "National Post"],
    "ZAF": ["News24", "SABC", "Mail & Guardian", "Daily Maverick", "eNCA"],
    "KEN": ["Daily Nation", "Nation Media Group", "The Standard", "Citizen TV"],
    "NGA": ["Punch", "Premium Times", "The Guardian Nigeria", "Channels Television", "Vanguard"],
    "UKR": ["Ukrinform", "UNIAN", "Kyiv Independent", "Kyiv Post", "Ukrainska Pravda", "Suspilne"],
    "LVA": ["Meduza"],
    "CUB": ["Prensa Latina", "Granma"],
    "VEN": ["Telesur", "teleSUR"],
    "BRA": ["Agencia Brasil", "Folha de S.Paulo", "Folha", "O Globo", "Globo"],
    "ARG": ["Clarin", "Clarín", "La Nacion", "Telam", "Télam"],
    "MEX": ["El Universal", "Reforma", "Milenio"],
    "COL": ["El Tiempo", "Semana"],
    "POL": ["PAP", "Polish Press Agency", "Gazeta Wyborcza"],
    "BGD": ["Daily Star Bangladesh", "Prothom Alo", "BSS"],
    "LKA": ["Daily Mirror Sri Lanka"],
    "ETH": ["Ethiopian News Agency", "ENA", "Addis Standard"],
    "SOM": ["Garowe Online", "Hiiraan Online"],
    "YEM": ["Saba", "Saba News Agency", "Al-Masirah", "Al Masirah"],
    "PSE": ["WAFA", "Wafa", "Ma'an News Agency", "Maan News Agency"],
}

# Armed groups, parties and other organisations: (names, [(code, start, end) or (code,)])
ORGS: list[tuple[list[str], list[tuple[Any, ...]]]] = [
    (["ISIS", "ISIL", "IS", "Islamic State", "Islamic State of Iraq and Syria",
      "Islamic State of Iraq and the Levant", "Islamic State of Iraq and al-Sham", "Islamic State group",
      "Daesh", "Da'esh", "Daish", "Islamic State in Iraq and Syria", "Islamic State in Iraq and the Levant"],
     [("IMG/REB",)]),
    (["Islamic State of Iraq", "ISI", "al-Qaeda in Iraq", "AQI", "al-Qaida in Iraq", "al Qaeda in Iraq"],
     [("IRQ/REB",)]),
    (["ISIS-K", "ISKP", "IS-K", "Islamic State Khorasan", "Islamic State Khorasan Province",
      "Islamic State-Khorasan"], [("IMG/REB",)]),
    (["ISWAP", "Islamic State West Africa Province", "Islamic State West Africa"], [("IMG/REB",)]),
    (["al-Qaeda", "al Qaeda", "al-Qaida", "al Qaida", "Al-Qa'ida", "Al Qa'ida", "alQaeda", "Qaeda", "Qaida",
      "al-Qaeda central"], [("IMG/REB",)]),
    (["AQAP", "al-Qaeda in the Arabian Peninsula", "al Qaeda in the Arabian Peninsula",
      "al-Qaida in the Arabian Peninsula"], [("YEM/REB",)]),
    (["AQIM", "al-Qaeda in the Islamic Maghreb", "al Qaeda in the Islamic Maghreb",
      "al-Qaida in the Islamic Maghreb"], [("IMG/REB",)]),
    (["JNIM", "Jama'at Nasr al-Islam wal Muslimin", "Jamaat Nusrat al-Islam wal-Muslimin",
      "Group for the Support of Islam and Muslims"], [("IMG/REB",)]),
    (["al-Shabaab", "al-Shabab", "al Shabaab", "al Shabab", "Shabaab", "Shabab", "Harakat al-Shabaab al-Mujahideen"],
     [("SOM/REB",)]),
    (["Boko Haram", "Jama'atu Ahlis Sunna Lidda'awati wal-Jihad"], [("NGA/REB",)]),
    (["Taliban", "Taleban", "Afghan Taliban", "Islamic Emirate of Afghanistan", "Islamic Emirate"],
     [("AFG/REB", 0, 20210814), ("AFG/GOV", 20210815, INF_DATE)]),
    (["Pakistani Taliban", "Tehrik-i-Taliban Pakistan", "Tehreek-e-Taliban Pakistan", "TTP",
      "Tehrik-e-Taliban"], [("PAK/REB",)]),
    (["Haqqani network"], [("AFG/REB",)]),
    (["Hamas", "Islamic Resistance Movement", "Izz ad-Din al-Qassam Brigades", "Qassam Brigades",
      "al-Qassam Brigades", "Ezzedine al-Qassam Brigades"], [("PSE/REB",)]),
    (["Islamic Jihad", "Palestinian Islamic Jihad", "PIJ", "Islamic Jihad Movement in Palestine",
      "al-Quds Brigades", "Al-Quds Brigades"], [("PSE/REB",)]),
    (["Al-Aqsa Martyrs' Brigades", "al-Aqsa Martyrs Brigades", "Aqsa Martyrs Brigades"], [("PSE/REB",)]),
    (["Fatah"], [("PSE/PTY+GOV",)]),
    (["Palestinian Authority", "PA", "Palestinian National Authority"], [("PSE/GOV",)]),
    (["Palestine Liberation Organization", "PLO"], [("PSE/GOV",)]),
    (["Hezbollah", "Hizbollah", "Hizbullah", "Hizballah", "Hezbollah militants"], [("LBN/REB",)]),
    (["Houthis", "Houthi", "Houthi rebels", "Huthis", "Huthi", "Ansar Allah", "Ansarallah", "Ansar Allah movement"],
     [("YEM/REB",)]),
    (["PKK", "Kurdistan Workers' Party", "Kurdistan Workers Party"], [("TUR/REB",)]),
    (["YPG", "People's Protection Units", "Kurdish People's Protection Units", "YPJ"], [("SYR/REB",)]),
    (["SDF", "Syrian Democratic Forces"], [("SYR/REB",)]),
    (["Free Syrian Army", "FSA", "Syrian National Army", "SNA"], [("SYR/REB",)]),
    (["Nusra Front", "al-Nusra Front", "Jabhat al-Nusra", "al-Nusra", "Jabhat Fateh al-Sham",
      "Hayat Tahrir al-Sham", "HTS", "Tahrir al-Sham"], [("SYR/REB",)]),
    (["Ahrar al-Sham"], [("SYR/REB",)]),
    (["Popular Mobilization Forces", "Popular Mobilisation Forces", "PMF", "PMU", "Popular Mobilization Units",
      "Hashd al-Shaabi", "al-Hashd al-Shaabi"], [("IRQ/PRM",)]),
    (["Kataib Hezbollah", "Kata'ib Hezbollah", "Kataib Hizbollah"], [("IRQ/PRM",)]),
    (["Asaib Ahl al-Haq", "Asa'ib Ahl al-Haq"], [("IRQ/PRM",)]),
    (["Mahdi Army", "Jaish al-Mahdi", "Saraya al-Salam"], [("IRQ/REB",)]),
    (["Peshmerga", "Kurdish Peshmerga"], [("IRQ/MIL",)]),
    (["Kurdistan Regional Government", "KRG"], [("IRQ/GOV",)]),
    (["Revolutionary Guard", "Revolutionary Guards", "Islamic Revolutionary Guard Corps", "IRGC",
      "Iranian Revolutionary Guard", "Iranian Revolutionary Guards", "Iran's Revolutionary Guard",
      "Quds Force", "Qods Force", "Basij"], [("IRN/MIL",)]),
    (["Wagner Group", "Wagner", "Wagner mercenaries", "Wagner PMC"], [("RUS/PRM",)]),
    (["Rapid Support Forces", "Janjaweed"], [("SDN/PRM",)]),
    (["FARC", "Revolutionary Armed Forces of Colombia"], [("COL/REB",)]),
    (["ELN", "National Liberation Army of Colombia"], [("COL/REB",)]),
    (["M23", "March 23 Movement"], [("COD/REB",)]),
    (["Allied Democratic Forces"], [("COD/REB",)]),
    (["Lord's Resistance Army", "LRA"], [("UGA/REB",)]),
    (["Lashkar-e-Taiba", "Lashkar-e-Toiba", "LeT", "Lashkar-e-Tayyiba"], [("PAK/REB",)]),
    (["Jaish-e-Mohammed", "Jaish-e-Muhammad", "JeM"], [("PAK/REB",)]),
    (["Baloch Liberation Army", "Balochistan Liberation Army", "BLA"], [("PAK/REB",)]),
    (["Abu Sayyaf", "Abu Sayyaf Group"], [("PHL/REB",)]),
    (["New People's Army", "NPA"], [("PHL/REB",)]),
    (["Moro Islamic Liberation Front", "MILF"], [("PHL/REB",)]),
    (["Tamil Tigers", "LTTE", "Liberation Tigers of Tamil Eelam"], [("LKA/REB",)]),
    (["Shining Path", "Sendero Luminoso"], [("PER/REB",)]),
    (["ETA", "Euskadi Ta Askatasuna"], [("ESP/REB",)]),
    (["IRA", "Irish Republican Army", "Provisional IRA", "Real IRA", "New IRA"], [("GBR/REB",)]),
    (["Arakan Army"], [("MMR/REB",)]),
    (["Kachin Independence Army", "KIA"], [("MMR/REB",)]),
    (["Ansar al-Sharia"], [("LBY/REB",)]),
    (["Ansar Bait al-Maqdis", "Ansar Beit al-Maqdis", "Sinai Province"], [("EGY/REB",)]),
    (["Tigray People's Liberation Front", "TPLF"], [("ETH/REB",)]),
    (["Fano"], [("ETH/REB",)]),
    (["Muslim Brotherhood"], [("EGY/OPP",)]),
    (["Hurras al-Din"], [("SYR/REB",)]),
    (["Sunni tribal fighters"], [("IRQ/REB",)]),
    # national institutions common in news and weakly covered by the dictionaries
    (["Pentagon", "Department of Defense", "U.S. Department of Defense", "Defense Department", "DoD"],
     [("USA/MIL+GOV",)]),
    (["White House"], [("USA/GOV",)]),
    (["State Department", "U.S. State Department", "Department of State"], [("USA/GOV",)]),
    (["Treasury Department", "U.S. Treasury", "US Treasury", "U.S. Treasury Department", "Department of the Treasury",
      "Office of Foreign Assets Control", "OFAC"], [("USA/GOV",)]),
    (["CIA", "Central Intelligence Agency"], [("USA/SPY",)]),
    (["FBI", "Federal Bureau of Investigation"], [("USA/COP",)]),
    (["Kremlin"], [("RUS/GOV",)]),
    (["Downing Street", "No 10", "Number 10"], [("GBR/GOV",)]),
    (["Elysee", "Élysée", "Elysee Palace", "Élysée Palace"], [("FRA/GOV",)]),
    (["Zhongnanhai"], [("CHN/GOV",)]),
    (["Mossad"], [("ISR/SPY",)]),
    (["Shin Bet"], [("ISR/SPY",)]),
    (["IDF", "Israel Defense Forces", "Israeli Defense Forces", "Israel Defence Forces"], [("ISR/MIL",)]),
    (["FSB", "Federal Security Service"], [("RUS/SPY",)]),
    (["GRU"], [("RUS/SPY",)]),
    (["MI6", "Secret Intelligence Service"], [("GBR/SPY",)]),
    (["MI5"], [("GBR/SPY",)]),
    (["ISI", "Inter-Services Intelligence"], [("PAK/SPY",)]),
    (["Knesset"], [("ISR/LEG",)]),
    (["Duma", "State Duma"], [("RUS/LEG",)]),
    (["Bundestag"], [("DEU/LEG",)]),
    (["U.S. Congress", "US Congress"], [("USA/LEG",)]),
    (["U.S. Senate"], [("USA/LEG",)]),
    (["House of Representatives"], [("USA/LEG",)]),
    (["Majlis"], [("IRN/LEG",)]),
    (["Supreme Leader"], [("IRN/GOV",)]),
    (["Maduro government"], [("VEN/GOV",)]),
]

# Leaders prominent after the Phoenix dictionaries were frozen (2014-16): names, [(code, start, end)].
# Roles outside the ranges are left to the coder (former office holders become ELI).
LEADERS: list[tuple[list[str], list[tuple[str, int, int]]]] = [
    (["Donald Trump", "Donald J. Trump", "President Trump", "Trump"],
     [("USA/BUS", 0, 20170119), ("USA/GOV", 20170120, 20210119), ("USA/ELI", 20210120, 20250119),
      ("USA/GOV", 20250120, INF_DATE)]),
    (["Joe Biden", "Joseph Biden", "Joseph R. Biden", "President Biden", "Biden"],
     [("USA/LEG", 19730103, 20090114), ("USA/GOV", 20090120, 20170119), ("USA/ELI", 20170120, 20210119),
      ("USA/GOV", 20210120, 20250119)]),
    (["Kamala Harris"], [("USA/LEG", 20170103, 20210117), ("USA/GOV", 20210120, 20250119)]),
    (["Antony Blinken", "Blinken"], [("USA/GOV", 20210126, 20250119)]),
    (["Marco Rubio"], [("USA/LEG", 20110103, 20250119), ("USA/GOV", 20250121, INF_DATE)]),
    (["Lloyd Austin", "Lloyd J. Austin"], [("USA/MIL", 0, 20160401), ("USA/GOV+MIL", 20210122, 20250119)]),
    (["Pete Hegseth", "Hegseth"], [("USA/GOV+MIL", 20250125, INF_DATE)]),
    (["Mike Pompeo", "Pompeo"], [("USA/LEG", 20110103, 20170122), ("USA/SPY", 20170123, 20180425),
                                 ("USA/GOV", 20180426, 20210119)]),
    (["Volodymyr Zelensky", "Volodymyr Zelenskyy", "Volodymyr Zelenskiy", "Zelensky", "Zelenskyy", "Zelenskiy"],
     [("UKR/GOV", 20190520, INF_DATE)]),
    (["Emmanuel Macron", "Macron"], [("FRA/GOV", 20140826, 20160830), ("FRA/GOV", 20170514, INF_DATE)]),
    (["Olaf Scholz", "Scholz"], [("DEU/GOV", 20180314, 20250506)]),
    (["Friedrich Merz"], [("DEU/GOV", 20250506, INF_DATE)]),
    (["Rishi Sunak", "Sunak"], [("GBR/GOV", 20200213, 20240705)]),
    (["Keir Starmer", "Starmer"], [("GBR/OPP", 20200404, 20240704), ("GBR/GOV", 20240705, INF_DATE)]),
    (["Boris Johnson"], [("GBR/GOV", 20160713, 20180709), ("GBR/GOV", 20190724, 20220906)]),
    (["Theresa May"], [("GBR/GOV", 20100512, 20190724)]),
    (["Kim Jong Un", "Kim Jong-un", "Kim Jong-Un", "Kim Jong Eun"], [("PRK/GOV", 20111217, INF_DATE)]),
    (["Ebrahim Raisi", "Raisi"], [("IRN/JUD", 20190307, 20210630), ("IRN/GOV", 20210803, 20240519)]),
    (["Masoud Pezeshkian", "Pezeshkian"], [("IRN/GOV", 20240728, INF_DATE)]),
    (["Abbas Araghchi", "Araghchi"], [("IRN/GOV", 20130101, INF_DATE)]),
    (["Mohammed bin Salman", "Mohammad bin Salman", "MBS", "Crown Prince Mohammed bin Salman"],
     [("SAU/GOV", 20150123, INF_DATE)]),
    (["Abdel Fattah al-Sisi", "Abdel Fattah el-Sisi", "Abdel-Fattah el-Sissi", "Sisi", "el-Sisi", "al-Sisi"],
     [("EGY/MIL", 0, 20140326), ("EGY/GOV", 20140608, INF_DATE)]),
    (["Abiy Ahmed", "Abiy"], [("ETH/GOV", 20180402, INF_DATE)]),
    (["Mohammed Shia al-Sudani", "Mohammed Shia' al-Sudani", "al-Sudani"], [("IRQ/GOV", 20221027, INF_DATE)]),
    (["Mustafa al-Kadhimi", "Kadhimi", "al-Kadhimi"], [("IRQ/SPY", 20160607, 20200506), ("IRQ/GOV", 20200507, 20221027)]),
    (["Antonio Guterres", "António Guterres", "Guterres"], [("PRT/GOV", 19951028, 20020406),
                                                              ("UNO/REF", 20050615, 20151231),
                                                              ("UNO/GOV", 20170101, INF_DATE)]),
    (["Jens Stoltenberg", "Stoltenberg"], [("NOR/GOV", 20051017, 20131016), ("IGO/MIL", 20141001, 20240930),
                                           ("NOR/GOV", 20250204, INF_DATE)]),
    (["Mark Rutte", "Rutte"], [("NLD/GOV", 20101014, 20240702), ("IGO/MIL", 20241001, INF_DATE)]),
    (["Ursula von der Leyen", "von der Leyen"], [("DEU/GOV+MIL", 20131217, 20190717), ("EUR/GOV", 20191201, INF_DATE)]),
    (["Narendra Modi", "Modi"], [("IND/GOV", 20140526, INF_DATE)]),
    (["Shehbaz Sharif"], [("PAK/GOV", 20220411, 20230814), ("PAK/GOV", 20240304, INF_DATE)]),
    (["Imran Khan"], [("PAK/OPP", 0, 20180817), ("PAK/GOV", 20180818, 20220410), ("PAK/OPP", 20220411, INF_DATE)]),
    (["Cyril Ramaphosa", "Ramaphosa"], [("ZAF/GOV", 20140526, INF_DATE)]),
    (["Bola Tinubu", "Tinubu"], [("NGA/GOV", 20230529, INF_DATE)]),
    (["William Ruto", "Ruto"], [("KEN/GOV", 20130409, INF_DATE)]),
    (["Javier Milei", "Milei"], [("ARG/GOV", 20231210, INF_DATE)]),
    (["Jair Bolsonaro", "Bolsonaro"], [("BRA/LEG", 0, 20181231), ("BRA/GOV", 20190101, 20221231)]),
    (["Luiz Inacio Lula da Silva", "Luiz Inácio Lula da Silva", "Lula"],
     [("BRA/GOV", 20030101, 20101231), ("BRA/GOV", 20230101, INF_DATE)]),
    (["Yoon Suk Yeol", "Yoon Suk-yeol"], [("KOR/GOV", 20220510, 20250404)]),
    (["Lee Jae-myung", "Lee Jae Myung"], [("KOR/OPP", 0, 20250603), ("KOR/GOV", 20250604, INF_DATE)]),
    (["Fumio Kishida", "Kishida"], [("JPN/GOV", 20121226, 20241001)]),
    (["Shigeru Ishiba", "Ishiba"], [("JPN/GOV", 20241001, 20251021)]),
    (["Prabowo Subianto", "Prabowo"], [("IDN/MIL", 0, 19980601), ("IDN/GOV", 20191023, INF_DATE)]),
    (["Yahya Sinwar", "Sinwar"], [("PSE/REB", 0, 20241016)]),
    (["Ismail Haniyeh", "Ismail Haniya", "Haniyeh"], [("PSE/REB", 0, 20240731)]),
    (["Abu Bakr al-Baghdadi", "al-Baghdadi"], [("IMG/REB", 20100516, 20191027)]),
    (["Ahmed al-Sharaa", "Abu Mohammed al-Jolani", "Abu Mohammad al-Julani", "al-Jolani", "Jolani", "al-Sharaa"],
     [("SYR/REB", 20120101, 20241207), ("SYR/GOV", 20241208, INF_DATE)]),
    (["Yevgeny Prigozhin", "Prigozhin"], [("RUS/PRM", 20140101, 20230823)]),
    (["Abdel Fattah al-Burhan", "al-Burhan", "Burhan"], [("SDN/MIL", 20190412, INF_DATE)]),
    (["Mohamed Hamdan Dagalo", "Hemedti"], [("SDN/PRM", 20130101, INF_DATE)]),
    (["Yoav Gallant", "Gallant"], [("ISR/GOV+MIL", 20221229, 20241105)]),
    (["Naftali Bennett"], [("ISR/GOV", 20210613, 20220630)]),
    (["Yair Lapid"], [("ISR/GOV", 20220701, 20221229)]),
    (["Sergei Shoigu", "Sergey Shoigu", "Shoigu"], [("RUS/GOV+MIL", 20121106, 20240512), ("RUS/GOV", 20240512, INF_DATE)]),
    (["Recep Tayyip Erdogan", "Recep Tayyip Erdoğan", "Erdogan", "Erdoğan"], [("TUR/GOV", 20030314, INF_DATE)]),
    (["Benjamin Netanyahu", "Netanyahu", "Bibi Netanyahu"],
     [("ISR/GOV", 19960618, 19990706), ("ISR/GOV", 20090331, 20210613), ("ISR/OPP", 20210614, 20221228),
      ("ISR/GOV", 20221229, INF_DATE)]),
    (["Mahmoud Abbas", "Abbas"], [("PSE/GOV", 20050115, INF_DATE)]),
]

IGOS: list[tuple[list[str], str]] = [
    (["United Nations", "UN", "U.N.", "UNO", "United Nations Organization", "the UN"], "UNO/"),
    (["UN Security Council", "U.N. Security Council", "United Nations Security Council", "UNSC"], "UNO/GOV"),
    (["UN General Assembly", "U.N. General Assembly", "United Nations General Assembly", "UNGA"], "UNO/LEG"),
    (["UN Secretary-General", "U.N. Secretary-General", "UN Secretary General", "UN chief", "U.N. chief"],
     "UNO/GOV"),
    (["UNHCR", "UN refugee agency", "U.N. refugee agency", "United Nations High Commissioner for Refugees"],
     "UNO/REF"),
    (["UNICEF", "United Nations Children's Fund"], "UNO/"),
    (["WHO", "World Health Organization", "World Health Organisation"], "UNO/MED"),
    (["WFP", "World Food Programme", "World Food Program"], "UNO/"),
    (["OCHA", "UN Office for the Coordination of Humanitarian Affairs"], "UNO/"),
    (["UNRWA"], "UNO/REF"),
    (["IAEA", "International Atomic Energy Agency"], "UNO/"),
    (["OHCHR", "UN human rights office", "U.N. human rights office", "UN Human Rights Council",
      "UN Human Rights Commissioner"], "UNO/SOC"),
    (["UNIFIL", "MONUSCO", "UNAMI", "UNAMA", "UNMISS", "MINUSMA", "UN peacekeepers", "U.N. peacekeepers",
      "UN peacekeeping force"], "UNO/MIL"),
    (["ICJ", "International Court of Justice", "World Court"], "UNO/JUD"),
    (["UNESCO"], "UNO/EDU"),
    (["UNDP", "United Nations Development Programme"], "UNO/"),
    (["ILO", "International Labour Organization", "International Labor Organization"], "UNO/LAB"),
    (["IOM", "International Organization for Migration", "UN migration agency"], "UNO/REF"),
    # UN peacekeeping and political missions (their military side is what news reports on)
    (["MINUSCA", "MONUSCO", "MINUSMA", "UNMISS", "UNIFIL", "UNAMID", "UNDOF", "UNFICYP", "UNMIK",
      "MINURSO", "UNISFA", "MINUSTAH", "UNTSO"], "UNO/MIL"),
    (["UNAMA", "UNAMI", "UNSMIL", "UNSOM", "UNITAMS", "BINUH", "UNMHA"], "UNO/GOV"),
    (["OHCHR", "UN human rights office"], "UNO/SOC"),
    (["FAO", "Food and Agriculture Organization"], "UNO/AGR"),
    (["European Union", "EU", "E.U.", "European Commission", "EU Commission", "European Council",
      "Council of the European Union", "Brussels"], "EUR/GOV"),
    (["European Parliament"], "EUR/LEG"),
    (["European Court of Justice", "Court of Justice of the European Union"], "EUR/JUD"),
    (["European Central Bank", "ECB"], "EUR/BUS"),
    (["NATO", "North Atlantic Treaty Organization", "North Atlantic Treaty Organisation", "Nato",
      "North Atlantic Alliance"], "IGO/MIL"),
    (["African Union", "AU", "AU Commission", "African Union Commission"], "IGO/"),
    (["AMISOM", "ATMIS", "AUSSOM", "African Union Mission in Somalia"], "IGO/MIL"),
    (["KFOR", "Kosovo Force"], "IGO/MIL"),
    (["EUFOR", "EULEX", "EUNAVFOR", "Operation Atalanta", "Operation Aspides"], "EUR/MIL"),
    (["UKMTO", "United Kingdom Maritime Trade Operations"], "GBR/MIL"),
    (["Multinational Security Support mission", "MSS"], "IGO/MIL"),
    (["Arab League", "League of Arab States"], "IGO/"),
    (["Gulf Cooperation Council", "GCC", "Cooperation Council for the Arab States of the Gulf"], "IGO/"),
    (["ASEAN", "Association of Southeast Asian Nations"], "IGO/"),
    (["OPEC", "Organization of the Petroleum Exporting Countries", "OPEC+"], "IGO/BUS"),
    (["G7", "G-7", "Group of Seven", "G8", "G-8", "G20", "G-20", "Group of 20", "BRICS"], "IGO/"),
    (["OSCE", "Organization for Security and Co-operation in Europe",
      "Organization for Security and Cooperation in Europe"], "IGO/"),
    (["Council of Europe"], "IGO/"),
    (["ECOWAS", "Economic Community of West African States"], "IGO/"),
    (["SADC", "Southern African Development Community"], "IGO/"),
    (["IGAD", "Intergovernmental Authority on Development"], "IGO/"),
    (["EAC", "East African Community"], "IGO/"),
    (["Organization of American States", "OAS"], "IGO/"),
    (["Organisation of Islamic Cooperation", "Organization of Islamic Cooperation", "OIC"], "IGO/"),
    (["Shanghai Cooperation Organisation", "Shanghai Cooperation Organization", "SCO"], "IGO/"),
    (["Collective Security Treaty Organization", "CSTO"], "IGO/MIL"),
    (["Commonwealth of Independent States", "CIS"], "IGO/"),
    (["IMF", "International Monetary Fund"], "IGO/BUS"),
    (["World Bank", "World Bank Group"], "IGO/BUS"),
    (["WTO", "World Trade Organization", "World Trade Organisation"], "IGO/BUS"),
    (["Interpol"], "IGO/COP"),
    (["ICC", "International Criminal Court"], "IGO/JUD"),
    (["OPCW", "Organisation for the Prohibition of Chemical Weapons",
      "Organization for the Prohibition of Chemical Weapons"], "IGO/"),
    (["International Committee of the Red Cross", "ICRC", "Red Cross", "Red Crescent",
      "International Federation of Red Cross and Red Crescent Societies", "IFRC"], "NGO/MED"),
    (["Doctors Without Borders", "Medecins Sans Frontieres", "Médecins Sans Frontières", "MSF"], "NGO/MED"),
    (["Amnesty International", "Amnesty"], "NGO/SOC"),
    (["Human Rights Watch", "HRW"], "NGO/SOC"),
    (["Reporters Without Borders", "Reporters Sans Frontieres", "RSF"], "NGO/JRN"),
    (["Committee to Protect Journalists", "CPJ"], "NGO/JRN"),
    (["Oxfam", "Save the Children", "International Rescue Committee", "Norwegian Refugee Council",
      "Mercy Corps", "CARE International"], "NGO/SOC"),
    (["Syrian Observatory for Human Rights", "SOHR", "Syrian Observatory"], "NGO/SOC"),
    (["Greenpeace"], "NGO/SOC"),
]

# Agent words: corrections to Phoenix (SPOKES!PERSON! was coded as media; MILITANT as unidentified forces)
# and additions. A value of None removes the word from the agent table (it is kept as a title).
AGENT_OVERRIDES: dict[str, str | None] = {
    "SPOKESMAN": None, "SPOKESMEN": None, "SPOKESWOMAN": None, "SPOKESWOMEN": None, "SPOKESPERSON": None,
    "SPOKESPERSONS": None, "SPOKESPEOPLE": None,
    "MAN": None, "MEN": None, "WOMAN": None, "WOMEN": None, "PEOPLE": None, "PERSON": None, "PERSONS": None,
    "MILITANT": "/REB", "MILITANTS": "/REB", "JIHADIST": "/REB", "JIHADISTS": "/REB", "INSURGENT": "/REB",
    "INSURGENTS": "/REB", "REBEL": "/REB", "REBELS": "/REB", "FIGHTERS": "/REB", "TERRORIST": "/REB",
    "TERRORISTS": "/REB", "EXTREMISTS": "/REB", "ISLAMIST MILITANTS": "/REB", "ISLAMIST FIGHTERS": "/REB",
    "ISLAMIST REBELS": "/REB", "INSURGENCY": "/REB", "ARMED GROUP": "/REB", "ARMED GROUPS": "/REB",
    "ARMED MEN": "/UAF", "GUNMEN": "/UAF", "GUNMAN": "/UAF", "UNIDENTIFIED GUNMEN": "/UAF",
    "MILITIA": "/PRM", "MILITIAS": "/PRM", "MILITIAMEN": "/PRM", "MILITIAMAN": "/PRM", "PARAMILITARY": "/PRM",
    "PARAMILITARIES": "/PRM", "PARAMILITARY FORCES": "/PRM",
    "OFFICIAL": "/GOV", "OFFICIALS": "/GOV", "AUTHORITIES": "/GOV", "AUTHORITY": "/GOV", "GOVERNMENT": "/GOV",
    "GOVERNMENTS": "/GOV", "ADMINISTRATION": "/GOV", "REGIME": "/GOV", "CABINET": "/GOV", "MINISTRY": "/GOV",
    "MINISTER": "/GOV", "MINISTERS": "/GOV", "LEADERSHIP": "/GOV", "DIPLOMAT": "/GOV", "DIPLOMATS": "/GOV",
    "AMBASSADOR": "/GOV", "ENVOY": "/GOV", "PRESIDENCY": "/GOV", "PRESIDENT": "/GOV", "PREMIER": "/GOV",
    "CHANCELLOR": "/GOV", "GOVERNOR": "/GOV", "MAYOR": "/GOV", "EMBASSY": "/GOV", "STATE DEPARTMENT": "/GOV",
    "INTERIOR MINISTRY": "/GOV", "INTERIOR MINISTER": "/GOV", "DEFENSE MINISTRY": "/GOV+MIL",
    "DEFENCE MINISTRY": "/GOV+MIL", "DEFENSE MINISTER": "/GOV+MIL", "DEFENCE MINISTER": "/GOV+MIL",
    "SECURITY FORCES": "/MIL+COP", "SECURITY FORCE": "/MIL+COP", "GOVERNMENT FORCES": "/MIL",
    "GOVERNMENT TROOPS": "/MIL", "SPECIAL FORCES": "/MIL", "ARMED FORCES": "/MIL", "ARMY": "/MIL",
    "MILITARY": "/MIL", "TROOPS": "/MIL", "SOLDIERS": "/MIL", "SOLDIER": "/MIL", "FORCES": "/MIL",
    "NAVY": "/MIL", "AIR FORCE": "/MIL", "MARINES": "/MIL", "COAST GUARD": "/MIL", "COMMANDER": "/MIL",
    "GENERAL": "/MIL", "REAR ADMIRAL": "/MIL", "VICE ADMIRAL": "/MIL", "ADMIRAL": "/MIL",
    "BRIGADIER": "/MIL", "BRIGADIER GENERAL": "/MIL", "MAJOR GENERAL": "/MIL", "LIEUTENANT GENERAL": "/MIL",
    "COLONEL": "/MIL", "LIEUTENANT COLONEL": "/MIL", "MAJOR": "/MIL", "CAPTAIN": "/MIL", "SERGEANT": "/MIL",
    "POLICE": "/COP", "POLICEMEN": "/COP", "POLICEMAN": "/COP", "POLICE OFFICERS": "/COP",
    "SECURITY SERVICES": "/SPY", "INTELLIGENCE SERVICES": "/SPY", "INTELLIGENCE AGENCY": "/SPY",
    "INTELLIGENCE": "/SPY", "SPY AGENCY": "/SPY",
    "PARLIAMENT": "/LEG", "LAWMAKERS": "/LEG", "LAWMAKER": "/LEG", "LEGISLATORS": "/LEG", "SENATE": "/LEG",
    "SENATOR": "/LEG", "CONGRESSMAN": "/LEG", "CONGRESSWOMAN": "/LEG", "MPS": "/LEG", "MP": "/LEG",
    "COURT": "/JUD", "JUDGE": "/JUD", "JUDGES": "/JUD", "PROSECUTOR": "/JUD", "PROSECUTORS": "/JUD",
    "SUPREME COURT": "/JUD", "JUDICIARY": "/JUD",
    "OPPOSITION": "/OPP", "OPPOSITION LEADER": "/OPP", "DISSIDENT": "/OPP", "DISSIDENTS": "/OPP",
    "PROTESTERS": "/CVL+OPP", "PROTESTER": "/CVL+OPP", "PROTESTORS": "/CVL+OPP", "DEMONSTRATORS": "/CVL+OPP",
    "DEMONSTRATOR": "/CVL+OPP", "ACTIVIST": "/CVL", "ACTIVISTS": "/CVL", "CIVILIANS": "/CVL",
    "CIVILIAN": "/CVL", "RESIDENTS": "/CVL", "VILLAGERS": "/CVL", "CITIZENS": "/CVL", "WITNESSES": "/CVL",
    "TRIBAL LEADERS": "/CVL", "TRIBESMEN": "/CVL", "TRIBAL ELDERS": "/CVL",
    "REFUGEES": "/REF", "DISPLACED PEOPLE": "/REF", "MIGRANTS": "/REF", "ASYLUM SEEKERS": "/REF",
    "JOURNALIST": "/JRN", "JOURNALISTS": "/JRN", "REPORTER": "/JRN", "REPORTERS": "/JRN",
    "CORRESPONDENT": "/JRN", "CHANNEL": "/JRN", "BROADCASTER": "/JRN", "NEWSPAPER": "/JRN", "DAILY": "/JRN",
    "NEWS AGENCY": "/JRN", "NEWS CHANNEL": "/JRN", "TELEVISION": "/JRN", "TV": "/JRN", "MEDIA": "/JRN",
    "MEDIA REPORTS": "/JRN", "PRESS": "/JRN", "STATE MEDIA": "/JRN+GOV", "STATE TELEVISION": "/JRN+GOV",
    "STATE TV": "/JRN+GOV", "STATE NEWS AGENCY": "/JRN+GOV", "OFFICIAL NEWS AGENCY": "/JRN+GOV",
    "STATE RUN MEDIA": "/JRN+GOV", "STATE BROADCASTER": "/JRN+GOV", "NEWS WEBSITE": "/JRN",
    "DOCTORS": "/MED", "DOCTOR": "/MED", "MEDICS": "/MED", "HOSPITAL": "/MED", "HEALTH MINISTRY": "/GOV+MED",
    "CLERIC": "/REL", "CLERICS": "/REL", "IMAM": "/REL", "CHURCH": "/REL", "PRIEST": "/REL",
    "STUDENTS": "/EDU", "TEACHERS": "/EDU", "UNIVERSITY": "/EDU",
    "WORKERS": "/LAB", "UNION": "/LAB", "TRADE UNION": "/LAB", "STRIKERS": "/LAB",
    "FARMERS": "/AGR", "BUSINESSMAN": "/BUS", "BUSINESSMEN": "/BUS", "COMPANY": "/BUS", "FIRM": "/BUS",
    "GANG": "/CRM", "GANGS": "/CRM", "SMUGGLERS": "/CRM", "CARTEL": "/CRM", "DRUG CARTEL": "/CRM",
    "PARTY": "/PTY", "RULING PARTY": "/PTY+GOV", "OPPOSITION PARTY": "/PTY+OPP",
    "FORMER PRESIDENT": "/ELI", "FORMER PRIME MINISTER": "/ELI", "FORMER MINISTER": "/ELI",
    "PEACEKEEPERS": "IGO/MIL", "PEACEKEEPING FORCE": "IGO/MIL", "PEACEKEEPING TROOPS": "IGO/MIL",
    "NGO": "NGO/", "NGOS": "NGO/", "AID GROUP": "NGO/", "AID GROUPS": "NGO/", "AID AGENCIES": "NGO/",
    "AID WORKERS": "NGO/", "HUMAN RIGHTS GROUP": "NGO/SOC", "RIGHTS GROUP": "NGO/SOC",
    "RIGHTS GROUPS": "NGO/SOC", "HUMANITARIAN GROUPS": "NGO/", "CHARITY": "NGO/",
    "PEOPLE'S": None, "HOUSE": None, "PRESS TV": None, "SECURITY": None, "FOREIGN": None,
}

# Honorifics and role words that carry no sector of their own; they may precede a surname.
TITLES = ["MR", "MRS", "MS", "MISS", "DR", "SIR", "DAME", "LORD", "LADY", "SHEIKH", "SHEIK", "SHAIKH", "SHAYKH", "EMIR", "AMIR", "KING", "QUEEN", "PRINCE", "PRINCESS", "SULTAN", "AYATOLLAH", "GRAND", "MULLAH", "HAJJI", "HAJI", "SAYYED", "SAYED", "SAYYID", "MAULANA", "RABBI", "REVEREND", "REV", "FATHER", "POPE", "SAINT", "ST", "SPOKESMAN", "SPOKESWOMAN", "SPOKESPERSON", "SPOKESMEN", "FORMER", "SENIOR", "DEPUTY", "ACTING", "CHIEF", "TOP", "INTERIM", "VICE", "ASSISTANT", "HEAD", "DIRECTOR", "SECRETARY", "CHAIRMAN", "CHAIRWOMAN", "CHAIR", "LEADER", "ADVISER", "ADVISOR", "AIDE", "COUNSELOR", "COUNSELLOR", "SPECIAL", "HONORABLE", "HON", "JUNIOR", "PROF", "PROFESSOR", "COMRADE", "MADAME", "MONSIEUR", "HERR", "FRAU", "SRI", "SHRI", "SMT", "MESSRS", "MADAM"]

# Org words: phrases with these are never persons (surname index, given names)
ORG_WORDS = set(["ARMY", "FORCE", "FORCES", "MINISTRY", "MINISTRIES", "DEPARTMENT", "COUNCIL", "PARTY", "FRONT", "MOVEMENT", "ORGANIZATION", "ORGANISATION", "GROUP", "GROUPS", "COMMITTEE", "COMMISSION", "AGENCY", "OFFICE", "BUREAU", "INSTITUTE", "UNIVERSITY", "COLLEGE", "SCHOOL", "BANK", "CORPORATION", "CORP", "INC", "LTD", "LLC", "PLC", "COMPANY", "CO", "FOUNDATION", "ASSOCIATION", "UNION", "FEDERATION", "LEAGUE", "ALLIANCE", "BRIGADE", "BRIGADES", "BATTALION", "REGIMENT", "CORPS", "COMMAND", "GUARD", "GUARDS", "POLICE", "SERVICE", "SERVICES", "NEWS", "TIMES", "POST", "PRESS", "RADIO", "TELEVISION", "TV", "CHANNEL", "NETWORK", "CENTER", "CENTRE", "FUND", "PROGRAM", "PROGRAMME", "PROJECT", "TRUST", "SOCIETY", "INTERNATIONAL", "NATIONAL", "REPUBLIC", "KINGDOM", "STATE", "STATES", "GOVERNMENT", "ADMINISTRATION", "ASSEMBLY", "PARLIAMENT", "CONGRESS", "SENATE", "COURT", "TRIBUNAL", "CABINET", "CHURCH", "MOSQUE", "HOSPITAL", "AIRLINES", "AIRWAYS", "INDUSTRIES", "HOLDINGS", "MISSION", "EMBASSY", "CONSULATE", "AUTHORITY", "AUTHORITIES", "BOARD", "CLUB", "TEAM", "LIBERATION", "REVOLUTIONARY", "ISLAMIC", "DEMOCRATIC", "PEOPLES", "PEOPLE", "POPULAR", "UNITED", "CITY", "PROVINCE", "COUNTY", "DISTRICT", "REGION", "ISLAND", "ISLANDS", "NAVY", "MARINES", "ADMINISTRATION", "SECURITY", "INTELLIGENCE", "DEFENSE", "DEFENCE", "COMMISSIONER", "COMPANIES", "SYSTEMS", "TECHNOLOGIES", "ENERGY", "OIL", "GAS", "MINING", "BANCORP", "FINANCIAL", "CAPITAL", "PARTNERS", "MOTORS", "PHARMACEUTICALS", "PHARMACEUTICAL", "LABORATORIES", "RESOURCES", "NETWORKS", "COMMUNICATIONS", "MEDIA", "GAZETTE", "JOURNAL", "DAILY", "HERALD", "TRIBUNE", "AGENCE", "BROADCASTING", "NETWORK", "SOCIALIST", "COMMUNIST", "LIBERAL", "CONSERVATIVE", "COALITION", "CONFERENCE", "FORUM", "SUMMIT", "ACADEMY", "MUSEUM", "TRIBE", "CLAN", "FAMILY", "ADMINISTRATION", "INC", "AND", "OF", "FOR", "THE"])


# single tokens that are too common to name an actor by themselves (Phoenix lists some as synonyms)
GENERIC_SINGLE = set(["ORGANIZATION", "ORGANISATION", "YOUTH", "GROUP", "MOVEMENT", "FRONT", "PARTY", "ARMY", "COUNCIL", "UNION", "ALLIANCE", "LEAGUE", "BASE", "STATE", "NATION", "REPUBLIC", "KINGDOM", "EMPIRE", "CAPITAL", "CITY", "FREEDOM", "LIBERTY", "JUSTICE", "PEACE", "UNITY", "HOPE", "VICTORY", "REVOLUTION", "RESISTANCE", "STRUGGLE", "ACTION", "DEFENSE", "DEFENCE", "VOICE", "TRUTH", "LIGHT", "DAWN", "SUNRISE", "BRIDGE", "CENTER", "CENTRE", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER", "JANUARY", "FEBRUARY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY", "NORTH", "SOUTH", "EAST", "WEST", "NORTHERN", "SOUTHERN", "EASTERN", "WESTERN", "CENTRAL", "ISLAMIC", "ARAB", "MUSLIM", "CHRISTIAN", "JEWISH", "SUNNI", "SHIITE", "SHIA", "KURDISH", "KURDS", "KURD", "TRIBAL", "LOCAL", "GLOBAL", "WORLD", "EARTH", "ORDER", "CHANGE", "FUTURE", "PROGRESS", "REFORM", "DEMOCRACY", "SOLIDARITY", "DIGNITY", "HONOR", "HONOUR", "GLORY", "BROTHERS", "FRIENDS", "NEW", "FREE", "OLD", "GREAT", "GRAND", "HIGH", "LOW", "LEFT", "RIGHT", "RED", "WHITE", "BLACK", "GREEN", "BLUE", "GOLD", "SILVER", "TIGERS", "LIONS", "EAGLES", "WOLVES", "HAWKS", "CORPORATION", "COMPANY", "GROUPS", "COMMAND", "FORCE", "FORCES", "MILITARY", "POLICE", "GOVERNMENT", "PRESIDENT", "MINISTER", "OFFICIAL"])
# common English words: never a surname or a one-word actor name taken from the Phoenix files
COMMON_WORDS = set(["ABOUT", "ABOVE", "ACROSS", "ACT", "AFTER", "AGAIN", "AGAINST", "AGO", "AID", "AIR", "ALL", "ALMOST", "ALONE", "ALONG", "ALSO", "ALWAYS", "AMONG", "ANOTHER", "ANY", "AREA", "ARMS", "AROUND", "ASK", "AWAY", "BACK", "BAD", "BALL", "BAN", "BAND", "BANK", "BANKS", "BAR", "BASE", "BEACH", "BEAR", "BEAT", "BECAUSE", "BED", "BEEN", "BEFORE", "BEHIND", "BELL", "BELOW", "BEST", "BETTER", "BETWEEN", "BIAS", "BIG", "BILL", "BIRD", "BIT", "BLOCK", "BLOOD", "BLOW", "BOARD", "BOAT", "BODY", "BOMB", "BOND", "BOOK", "BORDER", "BOTH", "BOX", "BOY", "BOYS", "BRIDGE", "BRIDGES", "BROAD", "BROWN", "BUILD", "BURN", "BUSH", "BUT", "CABLE", "CALL", "CAME", "CAMP", "CAMPS", "CAN", "CANNON", "CAR", "CARD", "CARE", "CASE", "CASH", "CAT", "CATHOLIC", "CAUSE", "CELL", "CHAIN", "CHIEF", "CHURCH", "CIVIL", "CLEAR", "CLOSE", "COAST", "COLD", "COME", "COOK", "COOL", "CORE", "COST", "COUNTRY", "COURT", "COVER", "CROSS", "CROWN", "CUT", "DAM", "DARK", "DATE", "DAY", "DAYS", "DEAL", "DEATH", "DEEP", "DESERT", "DICTATORSHIP", "DID", "DOES", "DONE", "DOOR", "DOWN", "DRAW", "DRIVE", "DROP", "DRY", "DUE", "DURING", "EACH", "EARLY", "EASY", "EDGE", "ELSE", "END", "ENOUGH", "ESTATE", "EVEN", "EVER", "EVERY", "EYE", "FACE", "FACT", "FAIR", "FALL", "FAR", "FARM", "FAST", "FATHER", "FEAR", "FEW", "FIELD", "FIGHT", "FILE", "FILM", "FINAL", "FIRE", "FIRM", "FIRST", "FISH", "FIVE", "FLAG", "FLY", "FOLLOW", "FOOD", "FOOT", "FORD", "FORM", "FORT", "FOUR", "FOX", "FREE", "FRESH", "FROM", "FRONT", "FULL", "FUND", "GAME", "GATE", "GAY", "GAVE", "GENERAL", "GIVE", "GLASS", "GOAL", "GOES", "GOING", "GOOD", "GOT", "GREAT", "GROSS", "GROUND", "GROW", "GUN", "HALF", "HALL", "HAND", "HARD", "HAS", "HAVE", "HEAD", "HEART", "HEAT", "HEAVY", "HELD", "HELP", "HENCE", "HER", "HERE", "HIDE", "HIGH", "HILL", "HILLS", "HIM", "HIS", "HOLD", "HOME", "HOPE", "HORSE", "HOST", "HOT", "HOUR", "HOUSE", "HOW", "HUGE", "HUNT", "IDEA", "INTO", "ISSUE", "ITS", "JOB", "JOIN", "JUST", "KEEP", "KEY", "KIDS", "KILO", "KIND", "KING", "KNOW", "LAKE", "LAND", "LARGE", "LAST", "LATE", "LAW", "LAWS", "LEAD", "LEAVE", "LED", "LESS", "LET", "LIFE", "LIGHT", "LIKE", "LINE", "LIST", "LITTLE", "LIVE", "LOAN", "LOCK", "LONE", "LONG", "LOOK", "LORD", "LOSS", "LOST", "LOT", "LOVE", "LOW", "MADE", "MAIN", "MAKE", "MALE", "MANY", "MARK", "MARKET", "MASS", "MAY", "MEAN", "MEET", "MIGHT", "MILL", "MIND", "MINE", "MINOR", "MISS", "MOON", "MORE", "MOST", "MOTHER", "MOVE", "MUCH", "MUST", "NAME", "NEAR", "NEED", "NEVER", "NEWS", "NEXT", "NICE", "NIGHT", "NONE", "NOR", "NOT", "NOTE", "NOW", "NUMBER", "OCCUPIED", "OFF", "OFFSHOOT", "OFTEN", "ONCE", "ONE", "ONLY", "OPEN", "OTHER", "OUR", "OUT", "OVER", "OWN", "PAGE", "PAID", "PAN", "PARK", "PART", "PARTS", "PASS", "PAST", "PATH", "PAY", "PEACE", "PERSONS", "PICK", "PLAN", "PLAY", "POINT", "POLE", "POOL", "POOR", "POP", "PORT", "POST", "POT", "POWER", "PRESS", "PRICE", "PRIME", "PULL", "PUSH", "PUT", "RACE", "RAIN", "RAN", "RATE", "RATH", "READ", "REAL", "REST", "RICH", "RIDE", "RIDGE", "RING", "RISE", "RISK", "RIVER", "ROAD", "ROCK", "ROLE", "ROOM", "ROSE", "ROUND", "RULE", "RUN", "SAD", "SAFE", "SAID", "SAID", "SALE", "SALT", "SAME", "SAW", "SAY", "SEA", "SEAT", "SECOND", "SEE", "SEEN", "SELF", "SELL", "SEND", "SET", "SEVEN", "SHALL", "SHARP", "SHIP", "SHOP", "SHORT", "SHOT", "SHOW", "SIDE", "SIGN", "SINCE", "SINGLE", "SIX", "SIZE", "SKY", "SLOW", "SMALL", "SMITH", "SNOW", "SOFT", "SOLD", "SOME", "SON", "SONG", "SOON", "SORT", "SOUND", "SPACE", "SPEED", "SPRING", "SQUAD", "STAFF", "STAGE", "STAND", "STAR", "START", "STEP", "STILL", "STONE", "STOP", "STORE", "STORM", "STORY", "STREET", "STRONG", "STRUCK", "SUCH", "SUN", "SURE", "TABLE", "TAKE", "TALK", "TALL", "TEAM", "TELL", "TEN", "TERM", "TEST", "THAN", "THAT", "THEM", "THEN", "THERE", "THESE", "THEY", "THING", "THIS", "THOSE", "THREE", "THROUGH", "TIME", "TINY", "TODAY", "TOLD", "TOO", "TOOK", "TOP", "TOTAL", "TOUCH", "TOWN", "TRADE", "TREE", "TRUE", "TURN", "TWO", "UNDER", "UNTIL", "UPON", "URBAN", "USE", "VERY", "VIEW", "WAIT", "WALK", "WALL", "WANT", "WAR", "WARM", "WAS", "WASH", "WATCH", "WATER", "WATERS", "WAVE", "WAY", "WELL", "WENT", "WERE", "WHAT", "WHEN", "WHERE", "WHICH", "WHILE", "WHO", "WHOLE", "WHY", "WIDE", "WILD", "WILL", "WIN", "WIND", "WISE", "WITH", "WITHIN", "WITHOUT", "WOOD", "WORD", "WORK", "YEAR", "YES", "YET", "YOU", "YOUNG", "YOUR", "ZERO", "MACHETE", "AFFILIATED"])


# ------------------------------------------------------------------------------------------------------
# assembling
# ------------------------------------------------------------------------------------------------------


def demonym_plurals(d: str) -> list[str]:
    if re.search(r"(ese|ss|sh|ch|x|z|i-Kiribati|Basotho|Batswana|Motswana)$", d) or " " in d or "." in d:
        return []
    if d.endswith("man"):
        return [d[:-3] + "men"]
    if d in ("Thai", "Lao", "Khmer", "Kazakh", "Tajik", "Uzbek", "Turkmen", "Kyrgyz", "Czech", "Slovak"):
        return [d + "s"] if d not in ("Lao", "Turkmen", "Kyrgyz") else []
    return [d + "s"]


def parse_country_table() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    names: dict[str, list[str]] = {}
    demonyms: dict[str, list[str]] = {}
    for line in COUNTRY_TABLE.strip().splitlines():
        iso, cnames, dems = line.split("|")
        names[iso] = [n.strip() for n in cnames.split(";") if n.strip()]
        demonyms[iso] = [re.sub(r"\s*\(.*\)$", "", d.strip()) for d in dems.split(";") if d.strip()]
    return names, demonyms


def demonym_forms(dems: list[str]) -> list[str]:
    """A country's demonyms, each followed by its derived plurals."""
    forms: list[str] = []
    for d in dems:
        forms.append(d)
        forms.extend(demonym_plurals(d))
    return forms


def demonym_table() -> dict[str, str]:
    """The actor coder's demonym readings: word -> country (folded ISO3), the first country of a shared word."""
    table: dict[str, str] = {}
    for iso, dems in parse_country_table()[1].items():
        for f in demonym_forms(dems):
            table.setdefault(f, DEPENDENCY.get(iso, iso))
    return dict(sorted(table.items()))


class Builder:
    def __init__(self) -> None:
        self.codes: list[str] = []
        self.code_idx: dict[str, int] = {}
        self.entries: list[list[Any]] = []
        self.entry_idx: dict[str, int] = {}
        self.names: dict[str, int] = {}
        self.name_prio: dict[str, int] = {}
        self.given: dict[int, set[str]] = defaultdict(set)
        self.person_phrases: list[tuple[str, int]] = []

    def code(self, c: str) -> int:
        if c not in self.code_idx:
            self.code_idx[c] = len(self.codes)
            self.codes.append(c)
        return self.code_idx[c]

    def entry(self, kind: str, codes: list[Any]) -> int:
        key = json.dumps([kind, codes])
        if key not in self.entry_idx:
            self.entry_idx[key] = len(self.entries)
            self.entries.append([kind, codes])
        return self.entry_idx[key]

    def add_name(self, phrase: str, entry: int, prio: int) -> None:
        key = normalize(phrase)
        if not key or len(key) < 2 or key.isdigit():
            return
        old = self.name_prio.get(key)
        if old is not None and old >= prio:
            return
        self.names[key] = entry
        self.name_prio[key] = prio


def block_codes(block: Block, iso3: set[str]) -> list[Any]:
    mapped: list[tuple[str | None, list[str], tuple[int, int] | None]] = []
    for raw, rng in block.codes:
        m = map_code(raw, iso3)
        if m is not None:
            mapped.append((m[0], m[1], rng))
    if not mapped:
        return []
    default_country = next((c for c, _, _ in mapped if c), None)
    out: list[Any] = []
    for country, sectors, rng in mapped:
        if country is None and default_country and sectors and sectors[0] in ("ELI", "OPP", "JRN"):
            country = default_country
        c = code_str(country, sectors)
        if c == "/":
            continue
        out.append((c, rng))
    return out


def build(sources: Path) -> tuple[dict[str, Any], dict[str, str]]:
    p2 = sources / "petrarch2"
    cameo = sources / "cameo"
    country_names, demonyms = parse_country_table()
    demonyms_table = demonym_table()
    iso3 = set(country_names) | set(DEPENDENCY)
    for line in (cameo / "text_to_CAMEO.countrynames.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and re.fullmatch(r"[A-Z]{3}", parts[1][:3]):
            iso3.add(parts[1][:3])
    iso3 -= set(SPECIAL_PREFIX)
    iso3 |= {"KOS", "PSE", "HKG", "ATA"}

    agents = read_agents(p2 / "Phoenix.agents.txt", iso3)
    # text_to_CAMEO generic sector names (military branches, police, rebels...): only clean, unambiguous rows
    for line in (cameo / "text_to_CAMEO.agentnames.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or re.search(r"[/,()]", parts[0]) or len(parts[0].split()) > 2:
            continue
        m = map_code(parts[1].strip(), iso3, sectors_only=True) if parts[1].strip() in SECTOR_MAP else None
        if m and m[1] and m[1][0] in ("MIL", "COP", "REB", "OPP", "LEG"):
            key = normalize(parts[0])
            if key not in agents and key not in ("LOCAL", "PROVINCIAL", "MUNICIPAL", "UNICAMERAL"):
                agents[key] = code_str(None, m[1])
    for k, v in AGENT_OVERRIDES.items():
        key = normalize(k)
        if v is None:
            agents.pop(key, None)
        else:
            agents[key] = v
    title_set = {normalize(t) for t in TITLES}

    b = Builder()
    agent_codes = {k: b.code(v) for k, v in sorted(agents.items())}

    # --- hand tables: highest priority
    def add_hand(names: list[str], codes: list[tuple[Any, ...]], kind: str, prio: int) -> None:
        enc: list[Any] = []
        for c in codes:
            if len(c) == 1:
                enc.append(b.code(c[0]))
            else:
                enc.append([b.code(c[0]), int(c[1]), int(c[2])])
        e = b.entry(kind, enc)
        for n in names:
            b.add_name(n, e, prio)

    for iso, outlets in OUTLETS.items():
        add_hand(outlets, [(f"{iso}/JRN",)], "o", 100)
    for names, codes in ORGS:
        add_hand(names, codes, "o", 100)
    for names, code in IGOS:
        add_hand(names, [(code,)], "o", 100)
    for iso, names in PARTIALLY_RECOGNISED.items():
        add_hand(names, [(f"{iso}/PRE",)], "c", 100)
    countries_table: dict[str, str] = {}
    for iso, names in country_names.items():
        folded = DEPENDENCY.get(iso, iso)
        add_hand(names, [(f"{folded}/",)], "c", 90)
        for n in names:
            countries_table.setdefault(normalize(n), folded)
    for iso, dems in demonyms.items():
        folded = DEPENDENCY.get(iso, iso)
        forms = demonym_forms(dems)
        add_hand(forms, [(f"{folded}/",)], "c", 90)
        for f in forms:
            countries_table.setdefault(normalize(f), folded)
    # text_to_CAMEO country names
    for line in (cameo / "text_to_CAMEO.countrynames.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or parts[0] == "NULL":
            continue
        m = map_code(parts[1].strip(), iso3)
        if m and m[0] and not m[1]:
            add_hand([parts[0]], [(f"{m[0]}/",)], "c", 80)
            countries_table.setdefault(normalize(parts[0]), m[0])

    # --- Phoenix dictionaries
    given_count: dict[str, int] = defaultdict(int)
    blocks: list[Block] = []
    for fname, prio in (("Phoenix.Countries.actors.txt", 50), ("Phoenix.International.actors.txt", 40),
                        ("Phoenix.MilNonState.actors.txt", 45)):
        for blk in read_actor_file(p2 / fname):
            blk.prio = prio
            blocks.append(blk)
    for blk in blocks:
        if "CountryInfo" in blk.comment and blk.names:
            toks = normalize(blk.names[0].replace("_", " ")).split()
            if len(toks) >= 2 and toks[0] not in title_set and toks[0] not in ORG_WORDS and len(toks[0]) > 1:
                given_count[toks[0]] += 1
    given_names = set(given_count) - set(countries_table) - set(agents) - ORG_WORDS
    # first names common enough that, alone, they name nobody in particular ("Abdullah", "John")
    common_given = {g for g in given_names if given_count[g] >= 3}

    lead_words = title_set | {k for k in agents if " " not in k} | {k for k in countries_table if " " not in k}

    def core_of(toks: list[str]) -> list[str]:
        """A person phrase without its leading titles/roles/nationality: 'US PRESIDENT BARACK OBAMA' -> BARACK OBAMA."""
        i = 0
        while i < len(toks) - 1 and toks[i] in lead_words:
            i += 1
        return toks[i:]

    def person_like(toks: list[str], person_block: bool) -> bool:
        if not 1 <= len(toks) <= 6 or any(t in ORG_WORDS for t in toks):
            return False
        core = core_of(toks)
        if len(core) >= 2 and core[0] in given_names:
            return True
        return person_block and len(core) <= 4

    # candidates per name: (priority, kind, codes); persons listed in several files get their dated roles merged
    cands: dict[str, list[tuple[int, str, list[Any]]]] = defaultdict(list)
    for blk in blocks:
        codes = block_codes(blk, iso3)
        if not codes:
            continue
        enc = [b.code(c) if rng is None else [b.code(c), rng[0], rng[1]] for c, rng in codes]
        pure_country = all(not c.split("/", 1)[1] and c.split("/", 1)[0] in iso3 | {"KOS", "PSE"}
                           for c, _ in codes)
        is_mnc_ngo = all(c.split("/", 1)[0] in ("MNC", "NGO") for c, _ in codes)
        person_block = not is_mnc_ngo and not pure_country and (
            "CountryInfo" in blk.comment or "rulers" in blk.comment or any(rng for _, rng in codes))
        for raw_name in blk.names:
            key = normalize(raw_name.replace("_", " "))
            toks = key.split()
            if not toks:
                continue
            if len(toks) == 1 and (key in agents or key in title_set or key in ORG_WORDS or key in GENERIC_SINGLE
                                   or key in COMMON_WORDS or len(key) < 3 or key in common_given):
                continue  # generic words listed as synonyms ("ORGANIZATION", "YOUTH" ...)
            if not is_mnc_ngo and person_like(toks, person_block):
                kind = "p"
            elif pure_country:
                kind = "c"
            else:
                kind = "o"
            cands[key].append((blk.prio, kind, enc))
    for names, spans in LEADERS:
        enc_l: list[Any] = [[b.code(c), a, z] for c, a, z in spans]
        for n in names:
            cands[normalize(n)].append((100, "p", enc_l))
    for key, lst in cands.items():
        lst.sort(key=lambda x: -x[0])
        prio, kind, enc = lst[0]
        if kind == "p":
            merged = list(enc)
            for _, k2, e2 in lst[1:]:
                if k2 == "p":
                    merged.extend(c for c in e2 if not isinstance(c, int) and c not in merged)
            enc = merged
        b.add_name(key, b.entry(kind, enc), prio)

    surname_cands: dict[str, set[int]] = defaultdict(set)
    for key, e in b.names.items():
        if b.entries[e][0] != "p":
            continue
        core = core_of(key.split())
        if len(core) < 2:
            continue
        b.given[e].add(core[0])
        surname_cands[core[-1]].add(e)
        if len(core) >= 3 and core[-2] in ("AL", "EL", "BIN", "BEN", "ABU", "VAN", "VON", "DE", "DA", "DI"):
            surname_cands[f"{core[-2]} {core[-1]}"].add(e)
    surnames: dict[str, int | list[int]] = {}
    for sname, ents in sorted(surname_cands.items()):
        if len(ents) > 6 or len(sname) < 3 or sname in common_given or sname in countries_table:
            continue
        if (sname in agents or sname in title_set or sname in ORG_WORDS or sname in GENERIC_SINGLE
                or sname in COMMON_WORDS):
            continue
        existing = b.names.get(sname)
        if len(ents) > 1:
            # several persons: the coder picks the one in office at the article's date, if exactly one is
            if existing is None:
                surnames[sname] = sorted(ents)
            continue
        e = next(iter(ents))
        if existing is not None and existing != e:
            continue
        surnames[sname] = e
    for e, g in sorted(b.given.items()):
        b.entries[e].append(sorted(g))

    data: dict[str, Any] = {
        "format": FORMAT,
        "about": "PLOVER actor codes (COUNTRY/SECTOR+SECTOR) built by scripts/build_actors.py from the "
                 "Phoenix/PETRARCH2 dictionaries (MIT, Open Event Data Alliance), text_to_CAMEO (MIT, "
                 "P. Schrodt) and wirewatch hand tables.",
        "codes": b.codes,
        "entries": b.entries,
        "names": dict(sorted(b.names.items())),
        "surnames": surnames,
        "agents": dict(sorted(agent_codes.items())),
        "titles": sorted(title_set),
        "countries": dict(sorted(countries_table.items())),
        "demonyms": sorted({normalize(d) for d in demonyms_table}),
    }
    return data, demonyms_table


def write(data: dict[str, Any], demonyms: dict[str, str], out: Path) -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    actors_path = out / "actors.json.gz"
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False).encode("utf-8")
    actors_path.write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))
    dem_path = write_column(out / "demonyms.tsv", "country", demonyms)
    return actors_path, dem_path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--sources", type=Path, default=Path("/work/shared/sources"),
                    help="folder holding petrarch2/ and cameo/")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "wirewatch" / "data")
    args = ap.parse_args(argv)
    for need in ("petrarch2/Phoenix.Countries.actors.txt", "petrarch2/Phoenix.agents.txt",
                 "cameo/text_to_CAMEO.countrynames.txt"):
        if not (args.sources / need).exists():
            print(f"build_actors: missing {args.sources / need}", file=sys.stderr)
            return 2
    data, demonyms = build(args.sources)
    a, d = write(data, demonyms, args.out)
    print(f"{a}: {a.stat().st_size} bytes, {len(data['names'])} names, {len(data['agents'])} agent phrases, "
          f"{len(data['surnames'])} surnames; {d}: {len(demonyms)} demonyms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
