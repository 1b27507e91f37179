"""The one toponym finder: the place names of a parsed article, for the pipeline and for evaluation alike.

``find_toponyms(doc, gazetteer, profile=...)`` walks the named entities of a spaCy ``Doc`` once; a
:class:`ToponymProfile` says which of the finder's rules apply. Two profiles ship:

- ``CORPUS``, the way the geoparsing corpora annotate toponyms (what ``wirewatch eval places`` measures end to
  end): entities cut to the place they begin with, places inside organisation names, optionally demonyms;
- ``ARTICLE``, what the ``places`` pipeline component maps (``[tool.wirewatch.components.places] profile``):
  one sense per article, a dateline's city, and no "Pentagon" nor place inside an organisation's name,
  because those name actors, not locations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
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


# labels NER gives a place it mistook for a person or a group, which the article itself may set right
MISTAKEN_LABELS = frozenset({"PERSON", "NORP", "ORG"})


@dataclass(frozen=True)
class ToponymProfile:
    """Which of the finder's rules apply; each is one kind of evidence that an entity names a place."""

    cut_to_place: bool = False
    """A place entity with no gazetteer entry is cut to the place it begins with ("Alachua County Jail")."""
    person_words: bool = False
    """A word of a multi-word person name ("Mohamed Salah") is the person when it stands alone, not a place."""
    names_by_gazetteer: bool = False
    """Another entity is a place when the gazetteer says its text is one, begins with one ("Gainesville
    Police Department") or ends with one after "of" ("University of Georgia")."""
    demonyms: bool = False
    """With ``names_by_gazetteer``: a NORP demonym ("Turkish") is a toponym."""
    names_by_article: bool = False
    """A name NER called a person or a group is a place when the article words or tags it as one elsewhere,
    or the entities stage knows it as one (one sense per article)."""
    dateline: bool = False
    """A dateline's city in capitals ("SAN DIEGO (AP) —") is a toponym even when NER misses it."""
    no_actor_places: bool = False
    """Not "the Pentagon" or "the White House", nor "Syria" in "Islamic State of Iraq and Syria": actors."""

    @property
    def needs_analysis(self) -> bool:
        """Whether the profile reads what the entities stage found, not only the parse."""
        return self.names_by_article or self.no_actor_places


CORPUS = ToponymProfile(cut_to_place=True, person_words=True, names_by_gazetteer=True)
ARTICLE = ToponymProfile(names_by_article=True, dateline=True, no_actor_places=True)
PROFILES = {"corpus": CORPUS, "article": ARTICLE}


def find_toponyms(doc: Any, gazetteer: Gazetteer | None = None, *, profile: ToponymProfile = CORPUS,
                  demonyms: bool | None = None, analysis: Analysis | None = None) -> list[Toponym]:
    """Toponyms of a spaCy ``Doc`` in entity order, by the rules of ``profile`` (``demonyms`` overrides the
    profile's). A profile that reads the entities stage (``ARTICLE``) needs the ``analysis`` of ``doc``."""
    gaz = gazetteer or Gazetteer.load()
    if demonyms is not None:
        profile = replace(profile, demonyms=demonyms)
    if profile.needs_analysis and analysis is None:
        raise ValueError("this toponym profile reads the entities stage: pass the article's analysis")
    text = doc.text
    ents = list(doc.ents)
    # words of multi-word PERSON names ("Mohamed Salah"): the same word alone is the person, not a place
    person_words = {t.text for e in ents if e.label_ == "PERSON" and len(e) > 1 for t in e} \
        if profile.person_words else set()
    place_names = article_place_names(analysis, gaz) if profile.names_by_article and analysis is not None else set()
    out: list[Toponym] = []
    for ent in ents:
        found = _entity_toponym(ent, text, gaz, profile, place_names, analysis)
        if found is None:
            continue
        span, label = found
        if len(span) == 1 and span.text in person_words:
            continue
        out.append(Toponym(span.start_char, span.end_char, span.text, label))
    if profile.dateline:
        _add_dateline(text, out)
    if profile.no_actor_places and analysis is not None:
        # NER tags "the Pentagon" or "the White House" as places; they are actors, not locations to map
        out = [t for t in out if t.text.lower().removeprefix("the ") not in NOT_PLACES
               and not inside_organisation_name(analysis, t)]
    return out


def _entity_toponym(ent: Any, text: str, gaz: Gazetteer, profile: ToponymProfile, place_names: set[str],
                    analysis: Analysis | None) -> tuple[Any, str] | None:
    """The span of ``ent`` that is a toponym, with its label, or None."""
    label = ent.label_
    if label in TOPONYM_LABELS:
        return (cut_to_place(ent, gaz) if profile.cut_to_place else ent), label
    if profile.names_by_article and analysis is not None and label in MISTAKEN_LABELS and (
            relabelled_place(analysis, ent.start) or ent.text in place_names):
        return ent, label
    if profile.names_by_gazetteer and label in OTHER_LABELS:
        return gazetteer_named_place(ent, text, gaz, demonyms=profile.demonyms)
    return None


# -- rules that read the gazetteer (the corpus profile) --------------------------------------------


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


def cut_to_place(ent: Any, gaz: Gazetteer) -> Any:
    """A place entity, or when the whole has no gazetteer entry the place name it begins with ("Alachua
    County Jail" -> "Alachua County")."""
    if gaz.lookup(ent.text)[0] or gaz.is_demonym(ent.text) or len(ent) == 1:
        return ent
    for n in range(len(ent) - 1, 0, -1):
        sub = ent[:n]
        if gaz.lookup(sub.text)[0] and _is_place_name(gaz, sub.text, 1000):
            return sub
    return ent


def gazetteer_named_place(ent: Any, text: str, gaz: Gazetteer, *, demonyms: bool) -> tuple[Any, str] | None:
    """The place inside a non-place entity: the whole when it is a country, division or sizeable town
    ("Georgia" tagged ORG; a one-word PERSON only for towns of 100,000+ not followed by "said"), the place an
    ORG begins with ("Gainesville Police Department") or ends with after "of" ("University of Georgia"), and
    with ``demonyms`` a NORP demonym."""
    label = ent.label_
    if gaz.is_demonym(ent.text):
        return (ent, label) if demonyms and label == "NORP" else None
    if label == "PERSON":
        if any(c.feature in ("PCLI", "ADM1") and fold(c.name) == fold(ent.text) for c in gaz.lookup(ent.text)[0]):
            return ent, "GPE"  # "Sri Lanka", "Georgia"
        if len(ent) == 1 and not _SAID.match(text[ent.end_char: ent.end_char + 12]) and not _TITLE.search(
                text[max(0, ent.start_char - 12): ent.start_char]) and _is_place_name(gaz, ent.text, 100_000):
            return ent, "GPE"
        return None
    if _is_place_name(gaz, ent.text, 10_000):
        return ent, "GPE"
    if label != "ORG" or len(ent) < 2:
        return None
    words = [t.text for t in ent]
    if "of" in words[1:-1]:  # "University of Georgia", "Bank of America"
        sub = ent[words.index("of", 1) + 1:]
        if _is_place_name(gaz, sub.text, 10_000):
            return sub, "GPE"
    for n in range(min(len(ent) - 1, 3), 0, -1):  # "Gainesville Police Department"
        sub = ent[:n]
        if sub[-1].is_punct or sub[0].lower_ == "the":
            continue
        if _is_place_name(gaz, sub.text, 10_000):
            return sub, "GPE"
    return None


# -- rules that read the article (the article profile) ---------------------------------------------


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


def article_place_names(analysis: Analysis, gazetteer: Gazetteer) -> set[str]:
    """One sense per article: the names the article tags as a place somewhere, words as one ("the town of
    X"), or that are the very name of a country or division, so that a place NER called a group or a person
    elsewhere ("peacekeepers around Zvečan[ORG]" ... "the mayor of Zvečan[GPE]") is a place there too."""
    ents = list(analysis.doc.ents)
    worded = {e.text for k, e in enumerate(ents) if e.label_ in MISTAKEN_LABELS
              and worded_as_place(analysis.text, e, ents[k + 1] if k + 1 < len(ents) else None)}
    # ... and the names the entities stage made a place where NER called them something else ("in eastern
    # Ghouta[NORP]"), so that the name's mentions NER called a group ("Ghouta[ORG]") are places as well
    relabelled = {analysis.text[m.start:m.end] for e in analysis.entities if e.label == "GPE" for m in e.mentions}
    return {e.text for e in ents if e.label_ in ("GPE", "LOC")} | worded | relabelled | {
        e.text for e in ents if e.label_ in ("PERSON", "ORG") and is_country_or_division(e.text, gazetteer)}


def _add_dateline(text: str, toponyms: list[Toponym]) -> None:
    """A dateline's city in capitals ("SAN DIEGO (AP) —"), which NER may miss or call a group, goes first."""
    m = DATELINE.match(text)
    if m and m.group(1).strip().isupper():
        start, end = m.start(1), m.start(1) + len(m.group(1).rstrip())
        if not any(t.start < end and start < t.end for t in toponyms):
            toponyms.insert(0, Toponym(start, end, text[start:end], "GPE"))


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
