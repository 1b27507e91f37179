"""The one toponym finder: the place names of a parsed article, for the pipeline and for evaluation alike.

``find_toponyms(doc)`` collects toponyms from a spaCy ``Doc`` the way the geoparsing corpora annotate them
(entities cut to the place they begin with, places inside organisation names, optionally demonyms): what
``wirewatch eval places`` measures end to end. ``article_toponyms(analysis, gazetteer)`` is the same finder
in the stricter profile the ``places`` pipeline component runs (no demonyms, no places inside organisation
names, a dateline's city, one sense per article).
"""

from __future__ import annotations

import re
from typing import Any

from ...analysis import Analysis, Toponym
from ...kb.lexicons import load_lexicon
from ...kb.places.gazetteer import _WIDE_FEATURES, ADMIN_FEATURES, Gazetteer
from ...kb.places.names import fold, strip_article
from .dateline import DATELINE

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


# -- the pipeline's profile ------------------------------------------------------------------------


PLACE_LABELS = {"GPE", "LOC", "FAC"}


# the words come from data/lexicons/place_words.json
PLACE_WORDS = load_lexicon("place_words")


# "the town of Mocímboa da Praia", which NER may tag as a person: the wording makes it a place
PLACE_WORD_BEFORE = re.compile(rf"\b(?:{'|'.join(PLACE_WORDS['place_nouns'])}) of (?:the )?$", re.I)


# "Pacaraima, a town in Roraima state"
PLACE_WORD_AFTER = re.compile(
    rf",? (?:a|the) (?:(?:{'|'.join(PLACE_WORDS['apposition_adjectives'])}) )?"
    rf"(?:{'|'.join(PLACE_WORDS['place_nouns_in_apposition'])}) (?:in|of|near|on|outside)\b", re.I)


# "Zvečan, in northern Kosovo"
IN_REGION_BETWEEN = re.compile(r", in (?:the )?(?:(?:north|south)(?:east|west)?(?:ern)?|east(?:ern)?|west(?:ern)?|"
                               r"central)? ?", re.I)


def article_toponyms(analysis: Analysis, gazetteer: Gazetteer) -> list[Toponym]:
    """The toponyms the ``places`` component resolves: NER's places, names NER called a person or a group that
    the article words or tags as a place elsewhere, and a dateline's city; not "the Pentagon", nor a place
    inside an organisation's name."""
    doc = analysis.doc
    # one sense per article: a name NER tags as a place somewhere is a place where it tagged it a group
    # or a person ("peacekeepers around Zvečan[ORG]" ... "the mayor of Zvečan[GPE]")
    ents = list(doc.ents)
    worded = {e.text for k, e in enumerate(ents) if e.label_ in ("PERSON", "NORP", "ORG")
              and worded_as_place(analysis.text, e, ents[k + 1] if k + 1 < len(ents) else None)}
    place_names = {e.text for e in ents if e.label_ in ("GPE", "LOC")} | worded | {
        e.text for e in ents if e.label_ in ("PERSON", "ORG") and is_country_or_division(e.text, gazetteer)}
    toponyms = [Toponym(e.start_char, e.end_char, e.text, e.label_) for e in ents
                if e.label_ in PLACE_LABELS or (e.label_ in ("PERSON", "NORP", "ORG") and (
                    relabelled_place(analysis, e.start) or e.text in place_names))]
    # a dateline's city in capitals ("SAN DIEGO (AP) —"), which NER may miss or call a group
    m = DATELINE.match(analysis.text)
    if m and m.group(1).strip().isupper():
        start, end = m.start(1), m.start(1) + len(m.group(1).rstrip())
        if not any(t.start < end and start < t.end for t in toponyms):
            toponyms.insert(0, Toponym(start, end, analysis.text[start:end], "GPE"))
    # NER tags "the Pentagon" or "the White House" as places; they are actors, not locations to map
    toponyms = [t for t in toponyms if t.text.lower().removeprefix("the ") not in NOT_PLACES
                and not inside_organisation_name(analysis, t)]
    return toponyms



def is_country_or_division(name: str, gazetteer: Gazetteer) -> bool:
    """Whether ``name`` is the very name of a country or first-level division ("Georgia" tagged a person)."""
    key = fold(name)
    return any(c.feature in ("PCLI", "ADM1") and fold(c.name) == key for c in gazetteer.candidates(name))


def worded_as_place(text: str, ent: Any, nxt: Any) -> bool:
    """The wording around a name NER called a person or a group makes it a place: "the town of X", "X, a
    town in Y", "X, in northern Y" (Y a place)."""
    if PLACE_WORD_BEFORE.search(text, max(0, ent.start_char - 30), ent.start_char):
        return True
    if PLACE_WORD_AFTER.match(text, ent.end_char):
        return True
    return (nxt is not None and nxt.label_ in ("GPE", "LOC")
            and IN_REGION_BETWEEN.fullmatch(text, ent.end_char, nxt.start_char) is not None)


def inside_organisation_name(analysis: Analysis, top: Toponym) -> bool:
    """"Syria" in "Islamic State of Iraq and Syria" names a group, not a place."""
    return any(e.label == "ORG" and any(m.start <= top.start and top.end <= m.end and m.end - m.start > top.end - top.start
                                        for m in e.mentions) for e in analysis.entities)


def relabelled_place(analysis: Analysis, token_i: int) -> bool:
    """NER called it a person or a group, but the entities stage knows it as a place ("Kherson said ...")."""
    ent = analysis.entity(analysis.token_entity.get(token_i))
    return ent is not None and ent.label == "GPE"


NOT_PLACES = {"pentagon", "white house", "kremlin", "élysée", "elysee", "downing street"}
