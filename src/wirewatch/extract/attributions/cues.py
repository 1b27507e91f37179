"""The attribution cue lexicon (``data/lexicons/attribution_cues.json``) and the word and dependency sets the
rules share."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ...kb.lexicons import lexicon_words, load_lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token


STANCE_RANK = {"asserts": 0, "hedges": 1, "cannot_confirm": 2, "denies": 3}


SUBJECT_DEPS = {"nsubj", "csubj", "expl"}




# 'WALLACE: ...', 'Gov. Mike Pence: ...' -- a name of one to four capitalised words, then a colon
LABEL = re.compile(r"^[“\"]?((?:[A-Z][\w.’'-]*\s){0,3}[A-Z][\w.’'-]*):\s+\S")


# '"..." ― Ana Ruiz' / '"..." — Ana Ruiz, 34, a nurse': a quotation signed with a dash at the paragraph end
SIGNED = re.compile(r"[”\"’']\s*([―—–]|--)\s*((?:[A-Z][\w.’'-]*\s?){1,4})(?:,[^”\"“]*)?$")


# prepositions whose object can be what a cue is about ('referred to', 'called for', 'spoke of', 'warned against')
ARG_PREPS = set(lexicon_words("attribution_words", "arg_preps"))


ADDRESSEE_VERBS = set(lexicon_words("attribution_words", "addressee_verbs"))


PARAGRAPH = re.compile(r"[^\n]+?(?=\n|\s{2,}|$)")  # a line, or a run of text that two spaces end


MAX_GAP = 120  # a quotation's pieces are one content across a cue this short ('," Ana Ruiz, a nurse, said. "')


NOUN_PREPS = set(lexicon_words("attribution_words", "noun_preps"))


ARG_DEPS = {"dobj", "dative", "oprd", "attr", "acomp", "ccomp", "xcomp"}


SPEAKER_CUT_DEPS = {"appos", "relcl", "acl", "punct", "advcl", "parataxis", "case"}


SPEAKER_POS = {"NOUN", "PROPN", "PRON", "NUM", "X"}


# 'worried about', 'critical of', 'opposed to', 'interested in', 'impressed by'
ADJECTIVE_PREPS = set(lexicon_words("attribution_words", "adjective_preps"))


QUESTION_VERBS = {"ask", "wonder", "question", "inquire", "query"}


COPULAS = set(lexicon_words("attribution_words", "copulas"))


FIRST_PERSON = {"i", "we", "me", "us"}


OPEN_QUOTES = {"“": "”", "«": "»", "„": "”", '"': '"', "''": "''", "``": "''"}


CLOSE_QUOTES = {"”", "»", '"', "''"}


QUOTE_CHARS = set(OPEN_QUOTES) | CLOSE_QUOTES | {"''", "``"}


DEFINITE = {"the", "this", "that"}


STOP_LEMMAS = set(lexicon_words("attribution_words", "stop_lemmas"))


def has_mark(tok: Token, *words: str) -> bool:
    """Whether a clause is introduced by one of ``words`` ('that', 'whether', 'as'): its subordinating mark."""
    return any(c.dep_ == "mark" and c.lower_ in words for c in tok.children)


# -- lexicon ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class VerbCue:
    lemma: str
    stance: str = "asserts"
    negated: str | None = None
    kind: str = "speech"
    object: str | None = None
    preps: frozenset[str] = frozenset()
    requires: frozenset[str] = frozenset()
    particle: str | None = None
    clause_only: bool = False  # only a clausal complement ('that ...') makes it a cue
    # with ``requires``: any other infinitive is a content too, with this stance ('refused to endorse him')
    any_xcomp: str | None = None
    # what follows the cue (objects, argument prepositions) is the content when nothing else is;
    # None = the default of its kind (speech verbs yes, beliefs no)
    arguments: bool | None = None

    def takes_arguments(self) -> bool:
        return self.arguments if self.arguments is not None else self.kind == "speech"


@dataclass(frozen=True)
class CueLexicon:
    verbs: dict[str, tuple[VerbCue, ...]]
    nouns: dict[str, str]
    adjectives: frozenset[str]
    held_nouns: frozenset[str]
    according: tuple[tuple[str, ...], ...]
    in_sources: frozenset[str]
    not_labels: frozenset[str]
    citing: frozenset[str]
    quoting: frozenset[str]
    interview_verbs: frozenset[str]
    interview_nouns: frozenset[str]
    confirm_verbs: frozenset[str]
    nonconfirm_heads: frozenset[str]
    nonconfirm_objects: frozenset[str]
    deny_verbs: frozenset[str]
    denial_adjectives: frozenset[str]
    claim_nouns: frozenset[str]
    hedge_adverbs: frozenset[str]
    sourceless_hedges: frozenset[str]
    hedge_passives: frozenset[str]
    hedge_modals: frozenset[str]
    hedge_adjectives: frozenset[str]
    anonymous_heads: frozenset[str]
    document_nouns: frozenset[str]
    outlet_names: frozenset[str]
    outlet_name_words: frozenset[str]
    outlet_words: frozenset[str]
    continue_verbs: frozenset[str]
    refusal_verbs: frozenset[str]
    anonymity_verbs: frozenset[str]
    quantifier_speakers: frozenset[str]
    act_objects: dict[str, frozenset[str]]


def _low(items: list[str]) -> frozenset[str]:
    return frozenset(s.lower() for s in items)


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    """The attribution cue lexicon, parsed once per process."""
    raw: dict[str, Any] = load_lexicon("attribution_cues")
    verbs = _listed_verbs(raw)
    mined = raw.get("mined") or {}
    nouns = {k.lower(): v for k, v in raw["nouns"].items()}
    if mined.get("file"):
        _add_mined(verbs, nouns, mined)
    hedges = raw["hedges"]
    outlets = raw["outlets"]
    return CueLexicon(
        # phrasal entries first, so "rule out" wins over a plain "rule" if both exist
        verbs={k: tuple(sorted(v, key=lambda c: c.particle is None)) for k, v in verbs.items()},
        nouns=nouns,
        adjectives=_low(raw.get("adjectives", [])),
        held_nouns=_low(raw.get("held_nouns", [])),
        according=tuple(tuple(p.lower().split()) for p in raw["according_to"]),
        in_sources=_low(raw.get("in_sources", [])),
        not_labels=_low(raw.get("not_labels", [])),
        citing=_low(raw["citing"]), quoting=_low(raw["quoting"]),
        interview_verbs=_low(raw["interview"]["verbs"]), interview_nouns=_low(raw["interview"]["nouns"]),
        confirm_verbs=_low(raw["confirm_verbs"]), nonconfirm_heads=_low(raw["nonconfirm_heads"]),
        nonconfirm_objects=_low(raw["nonconfirm_objects"]),
        deny_verbs=_low(raw["deny_verbs"]), denial_adjectives=_low(raw["denial_adjectives"]),
        claim_nouns=_low(raw["claim_nouns"]),
        hedge_adverbs=_low(hedges["adverbs"]), sourceless_hedges=_low(hedges["sourceless"]),
        hedge_passives=_low(hedges["passive_verbs"]), hedge_modals=_low(hedges["modals"]),
        hedge_adjectives=_low(hedges["adjectives"]),
        anonymous_heads=_low(raw["anonymous_heads"]), document_nouns=_low(raw["document_nouns"]),
        outlet_names=_low(outlets["names"]), outlet_name_words=_low(outlets["name_words"]),
        outlet_words=_low(outlets["words"]), continue_verbs=_low(raw["continue_verbs"]),
        refusal_verbs=_low(raw.get("refusal_verbs", [])),
        anonymity_verbs=_low(raw.get("anonymity_verbs", [])),
        quantifier_speakers=_low(raw.get("quantifier_speakers", [])),
        act_objects={k.lower(): _low(v) for k, v in raw.get("act_objects", {}).items()},
    )

def _listed_verbs(raw: dict[str, Any]) -> dict[str, list[VerbCue]]:
    """The lexicon's own verb entries, by lemma."""
    verbs: dict[str, list[VerbCue]] = {}
    for key, entry in raw["verbs"].items():
        lemma, _, particle = key.lower().partition(" ")
        cue = VerbCue(lemma=lemma, stance=entry.get("stance", "asserts"), negated=entry.get("negated"),
                      kind=entry.get("kind", "speech"), object=entry.get("object"),
                      preps=_low(entry.get("preps", [])), requires=_low(entry.get("requires", [])),
                      particle=particle or None, arguments=entry.get("arguments"), any_xcomp=entry.get("any_xcomp"))
        verbs.setdefault(lemma, []).append(cue)
    return verbs


def _add_mined(verbs: dict[str, list[VerbCue]], nouns: dict[str, str], mined: dict[str, Any]) -> None:
    """Cue verbs, verb-preposition pairs and nouns learnt from PolNeAR's counts (``mined["file"]``)."""
    stats: dict[str, Any] = load_lexicon(mined["file"])
    skip = _low(mined.get("exclude", []))
    _add_mined_verbs(verbs, stats, mined, skip)
    # a verb with a preposition whose object is the content ('pointed to the polls', 'spoke about the
    # economy'): the preposition joins the verb's entry, or makes one
    for pair, row in stats.get("verb_prep", {}).items():
        lemma, prep = pair.split(" ", 1)
        if lemma in skip or row["cue"] < mined.get("min_cues_prep", 5) \
                or row["precision"] < mined.get("min_precision_prep", 1.0):
            continue
        entries = verbs.get(lemma, [])
        if not any(e.particle is None for e in entries):  # only 'point out' so far: 'pointed to' is new
            entries = [*entries, VerbCue(lemma=lemma, kind="mined", clause_only=True)]
        verbs[lemma] = [replace(e, preps=e.preps | {prep}) if e.particle is None else e for e in entries]
    for lemma, row in stats.get("noun", {}).items():
        if lemma not in nouns and lemma not in skip and row["cue"] >= mined.get("min_cues", 5) \
                and row["precision"] >= mined.get("min_precision_noun", 1.0):
            nouns[lemma] = "asserts"


def _add_mined_verbs(verbs: dict[str, list[VerbCue]], stats: dict[str, Any], mined: dict[str, Any],
                     skip: frozenset[str]) -> None:
    # verbs the event lexicon codes as material acts ('attacked the town', 'released the prisoners') are
    # left to the events stage unless what follows them is a that-clause; verbal acts (CAMEO roots in
    # verbal_event_roots: 'condemned the attack', 'endorsed Clinton') are what someone says or thinks
    verbal = tuple(mined.get("verbal_event_roots", []))
    event_codes: dict[str, str] = load_lexicon(mined["events_file"]).get("verbs", {}) if mined.get("events_file") else {}
    events = frozenset(lemma for lemma, code in event_codes.items()
                       if not str(code).rsplit("|", 1)[-1].startswith(verbal))
    for lemma, row in stats.get("verb", {}).items():
        if lemma in verbs or lemma in skip:
            continue
        if row["cue"] < mined.get("min_cues", 5) or row["precision"] < mined.get("min_precision_clause", 1.0):
            continue
        if row["precision"] < mined.get("min_precision", 0.5):  # a weaker cue: only with a that-clause
            verbs[lemma] = [VerbCue(lemma=lemma, kind="mined", clause_only=True)]
        else:
            event = lemma in events
            # a verbal act the events stage also codes ('condemned the attack') needs more evidence to be a
            # claim with a bare object than other learnt verbs
            need = mined.get("min_precision_verbal_event_object" if lemma in event_codes else
                             "min_precision_object", 0.5)
            obj = "any" if row["precision"] >= need and not event else None
            verbs[lemma] = [VerbCue(lemma=lemma, kind="mined", object=obj, clause_only=event)]

