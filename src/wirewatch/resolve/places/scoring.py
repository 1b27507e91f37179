"""Document-level disambiguation: one gazetteer candidate per toponym, using the whole article.

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
paragraph, else the article's most named town. The toponyms come from :mod:`wirewatch.resolve.places.finder`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from ...analysis import Toponym
from ...kb.lexicons import lexicon_words
from ...kb.places.gazetteer import (
    _FACILITY_WORDS,
    _GENERIC,
    _LINK_WORDS,
    _STATE_ABBREV_NOSPACE,
    _WIDE_FEATURES,
    ADMIN_FEATURES,
    Candidate,
    Gazetteer,
    _own_name_match,
    prior,
)
from ...kb.places.names import fold
from ...kb.places.points import haversine_km

# last words of a site's name ("Barclays Center", "New Bilibid Prison", "Guma Local Government Area"): a site
# no gazetteer holds lies in the town the article places it in
_SITE_WORDS = (_FACILITY_WORDS - {"cup", "council", "metro"}) | set(lexicon_words("toponym_words", "site_words_1"))


# Scoring weights (log10-population units), set on LGL/TR-News/GeoWebNews with the gold spans given.
W: dict[str, float] = {
    "own_name": 3.0, "admin_cue": 6.0, "city_cue": 3.0, "namesake_adm1": 2.5, "namesake_adm2": 2.0,
    "parent_in": 8.0, "parent_out": -3.0, "adm2_child": 1.0, "adm2_named": 2.0, "parent_contains": 3.0,
    "focus_country": 3.75, "focus_neighbour": 2.0, "focus_admin1": 1.0, "focus_admin1_max": 2.5,
    "near50": 2.0, "near150": 1.5, "near400": 0.75, "namesake_min_pop": 50000,
}


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


_SINGULAR = dict(lexicon_words("toponym_words", "singular"))


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
        m = _mention(text, toponyms, order, pos, gaz, listed_kind.get(i), demonyms, fixed)
        if m is not None:
            mentions[i] = m
    _base_scores(mentions)
    _container_bonus(mentions, order)
    chosen: dict[int, int] = {i: max(range(len(m.cands)), key=m.base.__getitem__) for i, m in mentions.items()}
    for _ in range(2):
        chosen = _rescore(mentions, chosen, gaz.neighbours)
    out: list[Candidate | None] = [None] * len(toponyms)
    for i, dc in fixed.items():
        out[i] = dc
    for i, k in chosen.items():
        out[i] = mentions[i].cands[k]
    _inner_follow_alone(mentions, out)
    sites = [i for i in order if out[i] is None and i not in fixed and _is_site(toponyms[i].text)
             and not gaz.is_demonym(toponyms[i].text)]
    if sites:
        town = _most_named_town(toponyms, order, out)
        for i in sites:
            out[i] = _site_locality(text, toponyms, order, out, i) or town
    return out


def _mention(text: str, toponyms: list[Toponym], order: list[int], pos: int, gaz: Gazetteer, listed: str | None,
             demonyms: bool, fixed: dict[int, Candidate]) -> _Mention | None:
    """The mention to score for the toponym at ``order[pos]``, or None (then perhaps a ``fixed`` answer)."""
    i = order[pos]
    t = toponyms[i]
    if listed is not None:  # "Clay, Grant and Swift counties": Clay County, not a town called Clay
        m = _listed_mention(t, listed, gaz)
        if m is not None:
            return m
    if gaz.is_demonym(t.text):
        if demonyms:
            dc = gaz.demonym_country(t.text)
            if dc is not None:
                fixed[i] = dc
        return None
    cands, cue = gaz.lookup(t.text)
    if cue == "demonym":  # "Mexican Senate", "African Union": a place only where demonyms are
        if not demonyms:
            return None
        cue = "inner"
    if not cands:
        if demonyms:  # "Ohioans", "New Londoners": the place its people are named after
            rp = gaz.resident_place(t.text)
            if rp is not None:
                fixed[i] = rp
        return None
    if len(cands) > MAX_CANDIDATES:
        cands = sorted(cands, key=prior, reverse=True)[:MAX_CANDIDATES]
    if cue is None:
        cue = _wording_cue(text, t)
    parents = _explicit_parents(text, toponyms, order, pos, gaz)
    if parents and all(p.feature == "PCLI" for p in parents) and any(
            c.feature == "PCLI" and _own_name_match(c, fold(t.text)) for c in cands) and not any(
            c.feature in ("ADM1", "ADM2") and any(contains(p, c) for p in parents) for c in cands):
        # "in Russia, U.S. officials said": a country named before another is no town inside it (but
        # "Georgia, U.S." may well be the state)
        parents = []
    return _Mention(t, fold(t.text), cands, cue, [], parents, [])


def _listed_mention(t: Toponym, kind: str, gaz: Gazetteer) -> _Mention | None:
    """A toponym listed before a plural division word, as that kind of division."""
    level = "ADM2" if kind in ("County", "Parish") else "ADM1"
    admin = [c for c in gaz.lookup(f"{t.text} {kind}", embedded=False)[0] if c.feature in ADMIN_FEATURES]
    # "North West and Limpopo provinces": the bare name's divisions of that level too
    admin += [c for c in gaz.lookup(t.text, embedded=False)[0] if c.feature == level and c not in admin]
    if not admin:
        return None
    # its own key: the same name alone may mean a town, with other candidates
    return _Mention(t, fold(t.text) + " (listed)", admin, "admin", [], [], [])


def _wording_cue(text: str, t: Toponym) -> str | None:
    """The feature cue of the words around a toponym: "Diyala province", "the capital, X", "the city of X"."""
    left = text[max(0, t.start - 40): t.start]
    right = text[t.end: t.end + 60]
    if _ADMIN_CUE.match(right):
        return "admin"
    if _CAPITAL_CUE.search(left):
        return "capital"
    if _CITY_CUE_LEFT.search(left) or _CITY_CUE_RIGHT.match(right):
        return "city"
    return None


def _explicit_parents(text: str, toponyms: list[Toponym], order: list[int], pos: int,
                      gaz: Gazetteer) -> list[Candidate]:
    """An explicit container right after: "Mosul, Iraq", "Goma, in eastern Congo", "Paris, Tex." -- but not
    inside a list of places ("Washington, New York and Boston")."""
    t = toponyms[order[pos]]
    right = text[t.end: t.end + 60]
    parents: list[Candidate] = []
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
    return parents


def _base_scores(mentions: dict[int, _Mention]) -> None:
    """Base scores: prior, name match, cues, namesake divisions, explicit and co-mentioned containment."""
    # second-level divisions named anywhere in the article ("Henry County" ... "Paris")
    adm2_named: dict[str, set[str]] = defaultdict(set)
    child_adm2: dict[str, set[str]] = defaultdict(set)
    for m in mentions.values():
        for c in m.cands:
            if c.feature == "ADM2" and c.admin2_code:
                adm2_named[c.admin2_code].add(m.key)
            elif c.admin2_code and c.feature.startswith("PPL"):
                child_adm2[c.admin2_code].add(m.key)
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
            m.base.append(_base_score(m, c, city_in, city_in2, adm2_named, child_adm2))


def _base_score(m: _Mention, c: Candidate, city_in: dict[str | None, int], city_in2: set[str | None],
                adm2_named: dict[str, set[str]], child_adm2: dict[str, set[str]]) -> float:
    key = m.key
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
    return s


def _container_bonus(mentions: dict[int, _Mention], order: list[int]) -> None:
    """A container named right after a place gains from containing one of its candidates."""
    for i, m in mentions.items():
        if not m.parents:
            continue
        pos = order.index(i)
        if pos + 1 < len(order) and order[pos + 1] in mentions:
            pm = mentions[order[pos + 1]]
            for k, pc in enumerate(pm.cands):
                if any(contains(pc, c) for c in m.cands):
                    pm.base[k] += W["parent_contains"]


def _inner_follow_alone(mentions: dict[int, _Mention], out: list[Candidate | None]) -> None:
    """A place named inside a longer name ("Dublin Arts Council", "Dublin Center Drive") is the place the
    same name means on its own in this article."""
    alone = {m.key: out[i] for i, m in mentions.items() if m.cue != "inner"}
    for i, m in mentions.items():
        if m.cue == "inner":
            same = next((alone[k] for k in (fold(c.name) for c in m.cands) if k in alone), None)
            if same is not None:
                out[i] = same


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
