"""Events: PLOVER-coded who-did-what-to-whom read off the dependency parse, one pass per sentence.

A trigger is a verb (bare lemma, or a lemma with its particles/objects: "carry out an attack", "rule out",
"send troops"), a light verb with an event noun as object ("launched air strikes", "held talks"), or an
event noun with its own actor ("Israel's offensive", "air strikes by the coalition"). The lexicon
(``data/lexicons/event_verbs.json``, built by ``scripts/build_event_lexicon.py`` from the Phoenix CAMEO
verb dictionary, the CAMEO2PLOVER table and hand entries) gives PLOVER type, mode and CAMEO code.

actor = the entities of the subject (the ``by`` agent in passives; the controller's subject for "vowed to
advance"; the head noun of a participle); recipient = the entities of the object, the dative, or a
prepositional target ("to", "against", "alongside" ...). Verbs of saying are not events but their content
clauses are scanned like any other clause.

``aux`` (PLOVER auxiliary mode): negation ("did not", "refused to", "ruled out sending"), hypothetical
(modals, "if/unless", "weighing", "threatened to"), future ("will", "vowed to", "plans to") and historical
(an explicit year before the publication year). Nothing negated or hypothetical comes out with aux None.
Place, date and attribution are left to the ``event_context`` component.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from ..analysis import Analysis
from ..lexicons import load_lexicon
from ..model import Event, SentenceSpan, Span
from ..registry import component

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

SUBJ_DEPS = {"nsubj", "csubj"}
# Dependents searched for phrase words ("send" -> dobj "500" -> prep "of" -> pobj "soldiers").
ZONE_DEPS = {"dobj", "dative", "prt", "prep", "pobj", "attr", "oprd", "compound", "amod", "acomp", "pcomp",
             "npadvmod", "advmod", "nmod", "nummod", "quantmod", "xcomp", "agent", "det"}
RECIPIENT_PREPS = {"to", "against", "on", "upon", "with", "at", "into", "alongside", "toward", "towards",
                   "from", "for", "onto", "inside", "over"}
NEG_WORDS = {"not", "n't", "never", "no", "nt"}
HYP_MODALS = {"would", "could", "might", "may", "should", "can", "ca", "must", "'d"}
FUT_MODALS = {"will", "shall", "'ll", "wo"}
COND_MARKS = {"if", "unless", "whether"}
PURPOSE_AID = {"help", "assist", "support", "aid", "bolster", "back", "reinforce", "defend", "protect", "train",
               "shore", "prop", "secure", "guard"}
CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "csubj", "parataxis"}
YEAR = re.compile(r"^(1[89]\d\d|20\d\d)s?$")
CONFLICT_TYPES = {"THREATEN", "ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "PROTEST", "ACCUSE", "REJECT"}
MATERIAL = {"ASSAULT", "COERCE", "MOBILIZE", "AID", "COOPERATE", "RETREAT", "SANCTION", "PROTEST"}


@dataclass(frozen=True)
class Sense:
    event_type: str
    mode: str | None
    cameo: str

    @classmethod
    def parse(cls, value: str) -> Sense:
        typ, mode, code = value.split("|")
        return cls(typ, mode or None, code)


@dataclass
class Lexicon:
    verbs: dict[str, Sense]
    phoenix_verbs: dict[str, Sense]
    hand_phrases: dict[str, list[tuple[tuple[str, ...], Sense]]]
    phoenix_phrases: dict[str, list[tuple[tuple[str, ...], Sense]]]
    nouns: dict[str, Sense]
    classes: dict[str, frozenset[str]]
    contexts: dict[str, list[str]]
    light: frozenset[str]
    speech: frozenset[str]
    neg_gov: frozenset[str]
    hyp_gov: frozenset[str]
    fut_gov: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = load_lexicon("event_verbs")

    def index(keys: dict[str, str]) -> dict[str, list[tuple[tuple[str, ...], Sense]]]:
        out: dict[str, list[tuple[tuple[str, ...], Sense]]] = {}
        for key, value in keys.items():
            words = tuple(key.split())
            if len(words) >= 2:
                out.setdefault(words[0], []).append((words[1:], Sense.parse(value)))
        for items in out.values():
            items.sort(key=lambda x: -len(x[0]))
        return out

    return Lexicon(
        verbs={k: Sense.parse(v) for k, v in raw["verbs"].items()},
        phoenix_verbs={k: Sense.parse(v) for k, v in raw["phoenix_verbs"].items()},
        hand_phrases=index(raw["phrases"]),
        phoenix_phrases=index(raw["phoenix_phrases"]),
        nouns={k: Sense.parse(v) for k, v in raw["nouns"].items()},
        classes={k: frozenset(v) for k, v in raw["classes"].items()},
        contexts=raw.get("contexts", {}),
        light=frozenset(raw["light_verbs"]),
        speech=frozenset(raw["speech_verbs"]),
        neg_gov=frozenset(raw["neg_governors"]),
        hyp_gov=frozenset(raw["hyp_governors"]),
        fut_gov=frozenset(raw["future_governors"]),
    )


def _singular(w: str) -> str:
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def _forms(tok: Token) -> set[str]:
    low = tok.lower_
    return {tok.lemma_.lower(), low, _singular(low)}


@dataclass
class Candidate:
    sense: Sense
    trigger: list[Token]
    head: Token  # the clause verb (or the noun for noun triggers)
    theme: set[int] = field(default_factory=set)  # token indices that are part of the trigger phrase
    quality: float = 0.5
    purpose: Token | None = None  # a purpose clause folded into the event ("sent troops to fight alongside")


# -- trigger matching -----------------------------------------------------------------------------------
def _zone(verb: Token, depth: int = 3) -> list[tuple[Token, int]]:
    out: list[tuple[Token, int]] = []
    frontier = [(verb, 0)]
    while frontier:
        tok, d = frontier.pop(0)
        if d >= depth:
            continue
        for child in tok.children:
            if child.dep_ in ZONE_DEPS:
                out.append((child, d + 1))
                if not (child.pos_ == "VERB" and child.dep_ in ("xcomp", "pcomp")):
                    frontier.append((child, d + 1))
    return out


def _match_words(words: tuple[str, ...], zone: list[tuple[Token, int]], lex: Lexicon) -> set[int] | None:
    used: set[int] = set()
    for w in words:
        hit = None
        for tok, _ in zone:
            if tok.i in used:
                continue
            if w.startswith("@"):
                ok = bool(_forms(tok) & lex.classes.get(w[1:], frozenset()))
            else:
                ok = w in _forms(tok)
            if ok:
                hit = tok
                break
        if hit is None:
            return None
        used.add(hit.i)
    return used


def verb_lemma(verb: Token, lex: Lexicon) -> str:
    """The verb's lemma, repaired where the tagger's lemmatizer slips ("staged" -> "stag")."""
    lemma = verb.lemma_.lower()
    known = (lex.verbs, lex.hand_phrases, lex.light, lex.speech, lex.phoenix_verbs, lex.phoenix_phrases)
    if any(lemma in table for table in known):
        return lemma
    w = verb.lower_
    guesses = [w]
    if w.endswith("ied"):
        guesses.append(w[:-3] + "y")
    if w.endswith("ed"):
        guesses += [w[:-1], w[:-2], w[:-3]]
    if w.endswith("ing"):
        guesses += [w[:-3], w[:-3] + "e", w[:-4]]
    if w.endswith("s"):
        guesses += [w[:-1], w[:-2]]
    for g in guesses:
        if any(g in table for table in known):
            return g
    return lemma


def verb_candidate(verb: Token, lex: Lexicon) -> Candidate | None:
    lemma = verb_lemma(verb, lex)
    zone = _zone(verb)

    def phrase(table: dict[str, list[tuple[tuple[str, ...], Sense]]], quality: float) -> Candidate | None:
        for words, sense in table.get(lemma, []):
            used = _match_words(words, zone, lex)
            if used is not None:
                toks = [verb] + [t for t, _ in zone if t.i in used and t.dep_ == "prt"]
                theme = {t.i for t, _ in zone if t.i in used and t.pos_ not in ("ADP", "PART")}
                return Candidate(sense, toks, verb, theme=theme, quality=quality)
        return None

    cand = phrase(lex.hand_phrases, 0.8)
    if cand:
        return cand
    # light verb + event noun object ("launched air strikes", "intensifying the deployment of forces")
    if lemma in lex.light:
        for tok, d in zone:
            if d <= 2 and tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "pobj", "attr", "nsubjpass"):
                sense = noun_sense(tok, lex)
                if sense:
                    return Candidate(sense, [verb, tok], verb, theme={tok.i}, quality=0.7)
    if lemma in lex.speech:
        return None
    if lemma in lex.verbs:
        return Candidate(lex.verbs[lemma], [verb], verb, quality=0.65)
    cand = phrase(lex.phoenix_phrases, 0.6)
    if cand:
        return cand
    if lemma in lex.phoenix_verbs:
        return Candidate(lex.phoenix_verbs[lemma], [verb], verb, quality=0.5)
    return None


def noun_sense(tok: Token, lex: Lexicon) -> Sense | None:
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if child.dep_ in ("compound", "amod") and child.i == tok.i - 1:
            two = f"{child.lower_} {lemma}"
            if two in lex.nouns:
                return lex.nouns[two]
    return lex.nouns.get(lemma) or lex.nouns.get(tok.lower_)


# -- arguments --------------------------------------------------------------------------------------------
def _entity(analysis: Analysis, tok: Token) -> str | None:
    """The entity a noun phrase refers to: the head's own, else the nearest one not inside a clause."""
    own = analysis.entity_for_token(tok)
    if own:
        return own
    frontier = [tok]
    while frontier:
        nxt: list[Token] = []
        for t in frontier:
            for child in t.children:
                if child.dep_ in CLAUSE_DEPS or child.dep_ in ("conj", "cc", "punct", "appos"):
                    continue
                eid = analysis.entity_for_token(child)
                if eid:
                    return eid
                nxt.append(child)
        frontier = nxt
    return None


def _entities(analysis: Analysis, tok: Token) -> list[str]:
    out: list[str] = []
    for t in [tok, *[c for c in tok.conjuncts if c.i > tok.i]]:
        eid = _entity(analysis, t)
        if eid and eid not in out:
            out.append(eid)
    return out


def subject(verb: Token, seen: int = 0) -> tuple[Token | None, bool]:
    """(subject token, is_agent_of_passive_or_participle) for the clause headed by ``verb``."""
    if seen > 6:
        return None, False
    for child in verb.children:
        if child.dep_ in SUBJ_DEPS:
            return child, False
    for child in verb.children:
        if child.dep_ == "agent":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj, True
    if any(c.dep_ in ("nsubjpass", "csubjpass") for c in verb.children):
        return None, False
    head = verb.head
    if head is verb:
        return None, False
    if verb.dep_ in ("xcomp", "conj", "advcl", "pcomp", "dobj", "oprd") or (
            verb.dep_ == "prep" and verb.tag_ == "VBG"):
        if verb.dep_ == "pcomp":
            head = head.head
        return subject(head, seen + 1)
    if verb.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
        return head, False
    return None, False


def passive_patient(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            return child
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return verb.head
    return None


def recipients(analysis: Analysis, cand: Candidate, actor: list[str]) -> list[str]:
    verb = cand.head
    out: list[str] = []

    def add(tok: Token | None) -> None:
        if tok is None or tok.i in cand.theme:
            return
        for eid in _entities(analysis, tok):
            if eid not in out and eid not in actor:
                out.append(eid)

    heads = [verb, *[t for t in verb.doc if t.i in cand.theme]]
    if cand.purpose is not None:
        heads.append(cand.purpose)
    patient = passive_patient(verb)
    if patient is not None and is_verbal(verb):
        add(patient)
    for h in heads:
        for child in h.children:
            if h is verb and child.dep_ in ("dobj", "dative") or h is cand.purpose and child.dep_ == "dobj":
                if not any(t.i in cand.theme for t in child.subtree):
                    add(child)
            elif child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        add(pobj)
            elif child.dep_ == "poss" and h is not verb and h.i in cand.theme and cand.head.pos_ != "VERB":
                add(child)
    return out


# -- auxiliary mode ---------------------------------------------------------------------------------------
def _own_marks(tok: Token, lex: Lexicon) -> str | None:
    neg = hyp = fut = False
    for child in tok.children:
        low = child.lower_
        if child.dep_ == "neg" or (low in NEG_WORDS and child.dep_ in ("advmod", "det")):
            neg = True
        elif child.dep_ in ("aux", "auxpass"):
            if low in HYP_MODALS:
                hyp = True
            elif low in FUT_MODALS:
                fut = True
        elif child.dep_ == "mark" and low in COND_MARKS:
            hyp = True
    if tok.dep_ == "xcomp" and tok.head.lemma_ == "go" and tok.head.tag_ == "VBG":
        fut = True
    if neg:
        return "negation"
    if hyp:
        return "hypothetical"
    return "future" if fut else None


def aux_mode(tok: Token, lex: Lexicon, is_event_head: bool = True) -> str | None:
    """PLOVER auxiliary mode of the clause headed by ``tok`` (negation > hypothetical > future)."""
    found: set[str] = set()
    mark = _own_marks(tok, lex)
    if mark:
        found.add(mark)
    t = tok
    for _ in range(6):
        if t.dep_ in ("ROOT",) or t.head is t:
            break
        gov = t.head
        dep = t.dep_
        if dep == "conj":
            t = gov
            continue
        if dep in ("xcomp", "pcomp", "dobj", "acl", "advcl", "ccomp", "prep", "pobj", "nsubjpass", "attr",
                   "oprd", "relcl"):
            glemma = gov.lemma_.lower()
            complement = dep in ("xcomp", "pcomp", "dobj", "acl", "prep", "pobj", "oprd")
            if dep == "ccomp" and glemma in lex.speech:
                break  # content of a report: factual unless marked itself
            if dep == "ccomp" and glemma in ("deny", "reject", "dismiss", "refute"):
                found.add("negation")
            if complement and (glemma in lex.neg_gov or glemma == "rule" and any(
                    c.dep_ == "prt" and c.lower_ == "out" for c in gov.children)):
                found.add("negation")
            elif complement and glemma in lex.hyp_gov:
                found.add("hypothetical")
            elif complement and glemma in lex.fut_gov:
                found.add("future")
            gmark = _own_marks(gov, lex)
            if gmark and dep not in ("relcl", "advcl"):
                found.add(gmark)
            if dep == "advcl" and any(c.dep_ == "mark" and c.lower_ in COND_MARKS for c in t.children):
                found.add("hypothetical")
            t = gov
            continue
        break
    for aux in ("negation", "hypothetical", "future"):
        if aux in found:
            return aux
    return None


def historical(tok: Token, analysis: Analysis) -> bool:
    pub = analysis.published
    if pub is None:
        return False
    for child in tok.children:
        probes = [child] if child.dep_ == "npadvmod" else [
            g for g in child.children if g.dep_ == "pobj"] if child.dep_ == "prep" and child.lower_ in (
            "in", "during", "since", "by", "until", "of") else []
        for p in probes:
            for t in p.subtree:
                m = YEAR.match(t.text)
                if m and t.i - p.i < 4 and int(m.group(1)[:4]) < pub.year:
                    return True
    return False


# -- per sentence ---------------------------------------------------------------------------------------
def _purpose(cand: Candidate) -> None:
    """'sent troops to fight alongside / help X' -> military AID to X, with the purpose clause folded in."""
    if cand.sense.event_type != "MOBILIZE":
        return
    for tok in cand.head.subtree:
        if tok.pos_ != "VERB" or tok is cand.head or tok.dep_ not in ("advcl", "xcomp", "relcl", "acl"):
            continue
        if not any(c.lower_ == "to" and c.dep_ == "aux" for c in tok.children):
            continue
        alongside = any(c.dep_ == "prep" and c.lower_ in ("alongside", "with") for c in tok.children)
        if tok.lemma_.lower() in PURPOSE_AID or (tok.lemma_.lower() == "fight" and alongside):
            cand.sense = Sense("AID", "military", "072")
            cand.purpose = tok
            return


def is_verbal(tok: Token) -> bool:
    """A clause head: a verb, or a word the tagger took for a noun but the parser made a clause
    ("militants ... advance towards the capital")."""
    if tok.pos_ == "VERB":
        return True
    return tok.pos_ == "NOUN" and tok.dep_ in ("advcl", "ccomp", "ROOT", "relcl", "xcomp") and any(
        c.dep_ in ("nsubj", "aux") for c in tok.children)


def sentence_candidates(sent: SpacySpan, lex: Lexicon) -> list[Candidate]:
    cands: list[Candidate] = []
    consumed: set[int] = set()
    for tok in sent:
        if is_verbal(tok):
            if tok.i in consumed:
                continue
            cand = verb_candidate(tok, lex)
            if cand:
                _purpose(cand)
                consumed |= {i for i in cand.theme if not is_verbal(tok.doc[i])}
                cands.append(cand)
    for tok in sent:
        if tok.pos_ == "NOUN" and tok.i not in consumed:
            sense = noun_sense(tok, lex)
            if sense:
                cands.append(Candidate(sense, [tok], tok, theme=set(), quality=0.45))
    # a purpose clause folded into its event is no event of its own
    purposes = {c.purpose.i for c in cands if c.purpose is not None}
    return [c for c in cands if c.head.i not in purposes]


def noun_arguments(analysis: Analysis, cand: Candidate) -> tuple[list[str], list[str]]:
    noun = cand.head
    actor: list[str] = []
    recipient: list[str] = []
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod") and child.i < noun.i:
            eid = analysis.entity_for_token(child)
            if eid and eid not in actor:
                actor.append(eid)
        elif child.dep_ in ("prep", "agent") and child.lower_ == "by":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    actor += [e for e in _entities(analysis, pobj) if e not in actor]
        elif child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPS - {"from", "with", "for", "at"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    recipient += [e for e in _entities(analysis, pobj) if e not in recipient]
    return actor, [r for r in recipient if r not in actor]


def _refine_intent(cand: Candidate, lex: Lexicon) -> None:
    """'vowed/pledged/promised to <conflict act>' is a threat; '<to cooperative act>' stays AGREE."""
    if verb_lemma(cand.head, lex) not in ("vow", "pledge", "promise", "swear"):
        return
    for child in cand.head.children:
        if child.dep_ == "xcomp" and child.pos_ == "VERB":
            inner = verb_candidate(child, lex)
            if inner and inner.sense.event_type in CONFLICT_TYPES:
                cand.sense = Sense("THREATEN", None, "138" if inner.sense.event_type in MATERIAL else "130")


def _confidence(cand: Candidate, actor: list[str], recipient: list[str], aux: str | None) -> float:
    score = cand.quality + (0.12 if actor else -0.2) + (0.05 if recipient else 0.0)
    if aux in ("hypothetical",):
        score -= 0.05
    return round(max(0.05, min(0.95, score)), 2)


def _coded(analysis: Analysis, ids: list[str]) -> int:
    """How many of these entities carry an actor country code."""
    return sum(1 for i in ids if (e := analysis.entity(i)) is not None and e.actor.country)


def _place_weight(sent: SpacySpan) -> int:
    return sum(1 for e in sent.ents if e.label_ in ("GPE", "LOC", "FAC"))


@component("events")
def extract_events(analysis: Analysis) -> None:
    lex = lexicon()
    text = analysis.text
    events: list[Event] = []
    keys: dict[tuple, int] = {}
    for sent in analysis.doc.sents:
        for cand in sentence_candidates(sent, lex):
            head = cand.head
            if is_verbal(head):
                _refine_intent(cand, lex)
                subj, _ = subject(head)
                actor = _entities(analysis, subj) if subj is not None else []
                recipient = recipients(analysis, cand, actor)
                aux = aux_mode(head, lex)
            else:
                actor, recipient = noun_arguments(analysis, cand)
                gov = head.head
                aux = _own_marks(head, lex) or (aux_mode(gov, lex) if gov.pos_ in ("VERB", "AUX") else None)
            if not actor:
                continue  # PLOVER events need an actor; an unattributed act is left to later stages
            if aux is None and historical(head, analysis):
                aux = "historical"
            toks = sorted(cand.trigger, key=lambda t: t.i)
            start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            if end - start > 60:
                start, end = head.idx, head.idx + len(head.text)
            sense = cand.sense
            key = (sense.event_type, tuple(sorted(actor)), aux, head.lemma_.lower())
            event = Event(
                id="", event_type=sense.event_type, trigger=Span.of(text, start, end),
                sentence=SentenceSpan(sent.start_char, sent.end_char), mode=sense.mode,
                context=list(lex.contexts.get(sense.cameo, lex.contexts.get(sense.cameo[:3], []))),
                actor=actor, recipient=recipient, aux=aux, confidence=_confidence(cand, actor, recipient, aux),
                cameo=sense.cameo[:2],
            )
            if key in keys:  # the same event reported again: keep the mention with the most place detail
                prev = events[keys[key]]
                prev_sent = analysis.doc.char_span(prev.sentence.start, prev.sentence.end,
                                                   alignment_mode="expand")
                if prev_sent is not None and (_coded(analysis, recipient), _place_weight(sent)) > (
                        _coded(analysis, prev.recipient), _place_weight(prev_sent)):
                    event.confidence = max(event.confidence, prev.confidence)
                    events[keys[key]] = event
                continue
            keys[key] = len(events)
            events.append(event)
    for n, event in enumerate(events, 1):
        event.id = f"V{n}"
    analysis.events = events
