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
Following PLOVER ("one category, not category + auxiliary"), the complement of a speech-act event ("ruled out
[sending troops]", "accused X of [shelling]", "threatened to [attack]") is not a second event, and events that
are negated or hypothetical only through the clause above them, conditions, open questions ("whether") and
"must/should" clauses are left out. See docs/cameo.md for the other rules (refusals, evaluations, one event
per happening and sentence).
Material attacks with no attacker named ("a car bomb exploded", "was struck by a missile", "were killed in an air
strike", "were abducted") come out as ASSAULT with an empty actor and confidence <= 0.5; a later "X claimed
responsibility" / "X is believed to be behind the attack" fills in X (docs/cameo.md, "Attacks with no attacker named").
Place, date and attribution are left to the ``event_context`` component.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from ..analysis import Analysis
from ..lexicons import load_lexicon, singular
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
# Attacks that answer another attack ("troops repelled the attack"): a later "X claimed the attack" means the
# attack answered, never the answer, so these do not become the attack that a claim refers back to.
RESPONSE_LEMMAS = {"repel", "repulse", "thwart", "foil", "fend", "rebuff", "resist", "counter", "counterattack"}
CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "csubj", "parataxis"}
YEAR = re.compile(r"^(1[89]\d\d|20\d\d)s?$")
# "declined to comment", "refused to give details": withholding comment is no rejection of anything
NO_COMMENT = {"comment", "elaborate", "speculate", "disclose", "reveal", "identify", "name", "answer", "detail",
              "discuss", "specify", "confirm", "say", "respond"}
INFO_NOUNS = {"detail", "number", "figure", "information", "name", "reason", "comment", "breakdown", "estimate",
              "timeline", "timetable", "specific", "casualty"}
# "called the sanctions illegal": an evaluation, coded ACCUSE when the verdict is hostile, else no event
EVAL_VERBS = {"call", "brand", "label", "dub", "term"}
NEG_EVAL = {"illegal", "illegitimate", "unlawful", "unacceptable", "futile", "provocative", "provocation",
            "aggression", "aggressive", "hostile", "absurd", "baseless", "groundless", "unfounded", "false", "lie",
            "slander", "terrorism", "terrorist", "criminal", "crime", "interference", "violation", "dangerous",
            "irresponsible", "reckless", "outrageous", "shameful", "farce", "sham", "fraud", "fraudulent", "biased",
            "unjust", "unjustified", "hypocritical", "blackmail", "propaganda", "invalid", "null", "void",
            "destabilising", "destabilizing", "barbaric", "cowardly", "heinous", "racist", "genocide", "massacre",
            "war", "piracy", "theft", "robbery", "aggressor", "occupier", "puppet", "regime"}
COOPERATIVE = {"AGREE", "SUPPORT", "CONSULT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "MOBILIZE"}
# speech-act events whose complement is their content, not a second event (PLOVER: one category, not two)
GOVERNING_TYPES = {"AGREE", "REQUEST", "REJECT", "THREATEN", "ACCUSE"}
DEONTIC = {"must", "should", "ought"}  # "the authorities must investigate": a demand by the speaker, not an event
PRONOUNS = {"it", "they", "he", "she", "we", "i"}
NAMING = {"know", "call", "name", "dub"}  # "a coalition known as Viv Ansanm"
# verbs that are events only with a subject of the right kind: troops arriving are a deployment, a crowd
# gathering is a demonstration
SUBJECT_CLASS_VERBS: dict[str, tuple[str, str]] = {
    **{v: ("troops", "MOBILIZE|troops|154") for v in ("arrive", "land", "enter", "roll", "pour")},
    **{v: ("crowd", "PROTEST|demo|141") for v in ("gather", "assemble", "converge", "throng")},
}
CROWD = {"people", "protester", "demonstrator", "supporter", "crowd", "student", "resident", "worker", "thousand",
         "hundred", "dozen", "activist", "farmer", "opponent", "marcher", "youth", "woman", "man", "voter"}
UNDER_FIRE = {"fire", "attack", "shelling", "bombardment", "assault", "gunfire", "siege"}
REFUSAL_MODALS = {"will", "would", "wo", "shall", "'ll", "can", "ca"}
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



def _forms(tok: Token) -> set[str]:
    low = tok.lower_
    return {tok.lemma_.lower(), low, singular(low)}


@dataclass
class Candidate:
    sense: Sense
    trigger: list[Token]
    head: Token  # the clause verb (or the noun for noun triggers)
    theme: set[int] = field(default_factory=set)  # token indices that are part of the trigger phrase
    quality: float = 0.5
    purpose: Token | None = None  # a purpose clause folded into the event ("sent troops to fight alongside")
    actorless: bool = False  # an attack that stands without a named attacker ("came under fire", "a bomb exploded")
    subject_role: str = "agent"  # "target" ("came under fire") or "instrument" ("a missile struck"): not the actor
    claim: bool = False  # "X claimed responsibility", "X is believed to be behind the attack": names an attacker
    anaphoric: bool = False  # "the blast", "the attack": a re-mention of an attack already reported
    readiness: bool = False  # "X is willing to withdraw": an offer, whose negation is a refusal


# -- trigger matching -----------------------------------------------------------------------------------
def _zone(verb: Token, depth: int = 3) -> list[tuple[Token, int]]:
    out: list[tuple[Token, int]] = []
    frontier = [(verb, 0)]
    while frontier:
        tok, d = frontier.pop(0)
        if d >= depth:
            continue
        for child in tok.children:
            if child.dep_ in ZONE_DEPS or (child.dep_ == "conj" and tok is not verb and tok.pos_ in ("NOUN", "PROPN")):
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


def _evaluation(verb: Token, lemma: str) -> Candidate | None | bool:
    """'X called the sanctions "illegal"': ACCUSE if the verdict is hostile, no event (False) otherwise, and
    None where the verb is not used as an evaluation at all ("called a strike", "called for talks")."""
    if lemma not in EVAL_VERBS:
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    verdict = [c for c in verb.children if c.dep_ in ("oprd", "ccomp", "xcomp", "acomp")]
    verdict += [c for c in obj.children if c.i > obj.i and c.dep_ in ("amod", "appos", "acomp")]
    verdict += [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"]
    if not verdict:
        return None
    words = {t.lemma_.lower() for v in verdict for t in v.subtree} | {t.lower_ for v in verdict for t in v.subtree}
    if words & NEG_EVAL:
        return Candidate(Sense("ACCUSE", "disapprove", "111"), [verb], verb, theme=set(), quality=0.6)
    return False


def _withheld_comment(verb: Token, sense: Sense) -> bool:
    """'declined to comment', 'refused to give numbers': not a REJECT."""
    if sense.event_type != "REJECT":
        return False
    for child in verb.children:
        if child.dep_ in ("xcomp", "dobj") and child.pos_ in ("VERB", "AUX"):
            low = child.lemma_.lower()
            if low in NO_COMMENT:
                return True
            if low in ("give", "provide", "offer", "release") and any(
                    c.dep_ == "dobj" and singular(c.lower_) in INFO_NOUNS for c in child.children):
                return True
    return False


def _channel(verb: Token, sense: Sense, lex: Lexicon) -> bool:
    """'Speaking by phone from Vilnius, X said ...': how a statement was made, not a consultation."""
    return (sense.event_type == "CONSULT" and verb.lemma_.lower() in ("speak", "talk") and verb.dep_ == "advcl"
            and verb.head.lemma_.lower() in lex.speech
            and not any(c.dep_ == "prep" and c.lower_ in ("with", "to") for c in verb.children))


def _concern(verb: Token, sense: Sense) -> bool:
    """'warned that the delivery was a drop in the ocean': a warning with nothing threatened is no THREATEN."""
    if sense.event_type != "THREATEN" or verb.lemma_.lower() != "warn":
        return False
    if any(c.dep_ in ("xcomp", "dobj", "dative", "prep") for c in verb.children):
        return False
    content = [c for c in verb.children if c.dep_ == "ccomp"]
    return bool(content) and not any(
        a.dep_ in ("aux", "auxpass") and a.lower_ in HYP_MODALS | FUT_MODALS for c in content for a in c.children)


def _subject_class(verb: Token, lemma: str, lex: Lexicon) -> Candidate | None:
    if lemma not in SUBJECT_CLASS_VERBS:
        return None
    cls, sense = SUBJECT_CLASS_VERBS[lemma]
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return None
    words = CROWD if cls == "crowd" else lex.classes.get(cls, frozenset())
    heads = [subj, *[g for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"  # "hundreds of soldiers"
                     for g in c.children if g.dep_ == "pobj"]]
    hit = any(_forms(h) & words for h in heads)
    return Candidate(Sense.parse(sense), [verb], verb, quality=0.55) if hit else None


def _under_fire(verb: Token) -> Candidate | None:
    """'their vehicle came under fire': an attack on the subject by someone not named."""
    if verb.lemma_.lower() != "come":
        return None
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "under" and any(
                c.dep_ == "pobj" and c.lemma_.lower() in UNDER_FIRE for c in prep.children):
            return Candidate(Sense("ASSAULT", None, "190"), [verb, prep], verb, quality=0.5, actorless=True,
                             subject_role="target")
    return None


# -- attacks with no attacker named -----------------------------------------------------------------------
def _in_class(tok: Token, lex: Lexicon, name: str) -> bool:
    return bool(_forms(tok) & lex.classes.get(name, frozenset()))


def munition(tok: Token, lex: Lexicon) -> Sense | None:
    """The attack sense of a noun that can carry out an attack without being an actor ("a car bomb", "the blast",
    "an air strike", "a missile"); None for anything else, and for accidents ("a gas explosion")."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    if any(c.dep_ in ("compound", "amod") and _in_class(c, lex, "accident") for c in tok.children):
        return None
    sense = noun_sense(tok, lex)
    if sense is not None and sense.event_type == "ASSAULT":
        return sense
    if _in_class(tok, lex, "munition"):
        return Sense("ASSAULT", "explosives", "183")
    return None


def _definite(tok: Token) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "these", "those", "its", "their")
               for c in tok.children)


def _impact(verb: Token, lex: Lexicon) -> Candidate | None:
    """'A car bomb exploded', 'a blast ripped through the market', 'an attack on a police post killed three',
    'there was an explosion': an attack whose subject is its instrument or the attack itself."""
    lemma = verb.lemma_.lower()
    kids = list(verb.children)
    subj = next((c for c in kids if c.dep_ == "nsubj"), None)
    needs = {"go": ("prt", "off"), "rip": ("prep", "through"), "tear": ("prep", "through"), "take": ("dobj", "place")}
    if lemma == "be" and any(c.dep_ == "expl" for c in kids):
        subj = next((c for c in kids if c.dep_ == "attr"), None)  # "there was an explosion"
    elif not _in_class(verb, lex, "impact") or lemma in needs and not any(
            c.dep_ in (needs[lemma][0], "prt") and c.lower_ == needs[lemma][1] for c in kids):
        return None  # "went off", "ripped through", "took place"
    if subj is None:
        return None
    sense = munition(subj, lex)
    if sense is None:
        return None
    trigger = [subj] if lemma == "be" else [verb, *[c for c in kids if c.dep_ == "prt"]]
    return Candidate(sense, trigger, verb, theme={subj.i}, quality=0.6, actorless=True, subject_role="instrument",
                     anaphoric=_definite(subj))


def _attack_context(verb: Token, lex: Lexicon) -> Token | None:
    """The attack or munition a harm is put down to: 'killed in an air strike', 'struck by a missile'."""
    for prep in verb.children:
        if prep.dep_ in ("prep", "agent") and prep.lower_ in ("in", "by", "during", "after", "from", "when"):
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and munition(pobj, lex) is not None:
                    return pobj
    return None


def _passive_attack(verb: Token, lex: Lexicon, cand: Candidate | None) -> Candidate | None:
    """'The convoy was ambushed', 'was struck by a missile', 'three soldiers were killed in an air strike',
    'two civilians died in the shelling': the patient was attacked, the attacker is not named."""
    lemma = verb_lemma(verb, lex)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN")
    if not passive and lemma != "die":
        return None
    agent = next((p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"), None)
    context = _attack_context(verb, lex)
    if agent is not None and (context is None or agent.i != context.i):
        return None  # "was attacked by gunmen": the agent is the actor, the ordinary rules apply
    strong = cand is not None and cand.sense.event_type == "ASSAULT" and (
        _in_class(verb, lex, "attack_verb") or bool(cand.theme))  # "air strikes were carried out on ..."
    if not strong and not (context is not None and (_in_class(verb, lex, "harm_verb") or lemma == "die")):
        return None
    if cand is not None and cand.sense.event_type == "ASSAULT":
        sense = cand.sense
    else:
        sense = Sense("ASSAULT", None, "190")
    if context is not None:
        own = munition(context, lex)
        if own is not None and (sense.cameo in ("190", "18") or not sense.mode):
            sense = own
    theme = {context.i} if context is not None else set()
    return Candidate(sense, [verb], verb, theme=theme | (cand.theme if cand else set()), quality=0.6,
                     actorless=True, anaphoric=context is not None and _definite(context))


RAISING = {"believe", "think", "suspect", "say", "report", "know", "understand", "allege", "presume", "reckon",
           "rumour", "rumor", "fear", "assume", "consider"}


def _behind(verb: Token, lex: Lexicon) -> Candidate | None:
    """'X is believed to be behind the attack', 'X was responsible for the bombing': X carried out that attack."""
    if verb.lemma_.lower() != "be":
        return None
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "behind"]
    preps += [p for c in verb.children if c.dep_ == "acomp" and c.lemma_.lower() == "responsible"
              for p in c.children if p.dep_ == "prep" and p.lower_ == "for"]
    for prep in preps:
        for pobj in prep.children:
            if pobj.dep_ == "pobj" and munition(pobj, lex) is not None:
                sense = noun_sense(pobj, lex) or Sense("ASSAULT", None, "190")
                return Candidate(sense, [verb, prep], verb, theme={pobj.i}, quality=0.55, claim=True)
    return None


# "X is willing / ready / prepared to <act>": a stated readiness is an offer (CAMEO 03), or a threat for an
# act of force; adjectives (and participles the tagger leaves as verbs) that take the act as their xcomp
READY = {"willing", "ready", "prepared", "prepare", "eager", "keen"}
READY_VERBS = {"be", "stand", "remain", "appear", "seem"}
# the CAMEO 03 code of an offer by the type of the act offered ("intent to provide aid", "... to yield")
OFFER_CODES = {"AID": "033", "RETREAT": "035", "CONCEDE": "035", "CONSULT": "036", "COOPERATE": "031",
               "SUPPORT": "032", "AGREE": "030"}
FORCE = {"ASSAULT", "COERCE", "SANCTION"}


def _readiness(verb: Token, lex: Lexicon) -> Candidate | None:
    """'Egypt is willing to withdraw its troops', 'the UN stands ready to send aid': an offer (AGREE) of the
    act in the complement, which is folded in; 'the army is ready to attack' is a THREATEN."""
    if verb.lemma_.lower() not in READY_VERBS:
        return None
    for adj in verb.children:
        if adj.dep_ != "acomp" or adj.lemma_.lower() not in READY:
            continue
        inner = next((c for c in adj.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        if inner is None:
            return None
        if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
               for h in (verb, adj, inner) for c in h.children):
            return None  # "ready to withdraw if Armenia changes its constitution": a condition put, left out
        act = verb_candidate(inner, lex)
        if act is None:
            return None  # "ready to go": no act named, no offer
        kind = act.sense.event_type
        if kind in FORCE:
            sense = Sense("THREATEN", None, "138" if kind == "ASSAULT" else "130")
        elif kind in OFFER_CODES or kind == "MOBILIZE":
            sense = Sense("AGREE", None, OFFER_CODES.get(kind, "030"))
        else:
            return None  # "ready to protest", "willing to criticise": not an offer of anything
        return Candidate(sense, [adj], verb, theme={adj.i} | act.theme, quality=0.6, purpose=inner, readiness=True)
    return None


def verb_candidate(verb: Token, lex: Lexicon) -> Candidate | None:
    ready = _readiness(verb, lex)
    if ready is not None:
        return ready
    cand = _verb_candidate(verb, lex)
    if cand is not None and (_withheld_comment(verb, cand.sense) or _channel(verb, cand.sense, lex)
                             or _concern(verb, cand.sense)):
        return None
    if cand is None:
        lemma = verb_lemma(verb, lex)
        cand = _subject_class(verb, lemma, lex) or _under_fire(verb) or _behind(verb, lex)
    if cand is not None and cand.sense.event_type == "ASSAULT" and verb_lemma(verb, lex) == "claim":
        cand.claim = True  # "claimed responsibility", "claimed the attack"
    if cand is None or cand.sense.event_type == "ASSAULT" and not cand.claim:
        other = _impact(verb, lex) or _passive_attack(verb, lex, cand)
        if other is not None:
            if cand is not None:
                other.trigger = sorted({t.i: t for t in [*other.trigger, *cand.trigger]}.values(), key=lambda t: t.i)
            cand = other
    return cand


# "returned fire", "returned the favour", "returned the call": not a handing back of anything
NOT_RETURNED = {"fire", "favor", "favour", "call", "compliment", "visit", "salute", "greeting", "serve", "ball"}


def _returned(verb: Token, lemma: str) -> Candidate | None:
    """'ICE returned 12 stolen paintings to Italy': handing back property (CAMEO 0842, RETREAT). Needs both an
    object and a 'to' receiver; "troops returned to their bases" (no object) is no such event."""
    if lemma != "return":
        return None
    # the object, or the patient of a passive ("the manuscript was returned by ICE to Italy")
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN", "NUM")),
               None)
    if obj is None or obj.lemma_.lower() in NOT_RETURNED:
        return None

    def receiver(c: Token) -> bool:
        return c.dep_ in ("prep", "dative") and c.lower_ == "to" and any(g.dep_ == "pobj" for g in c.children)

    # the parser often hangs "to X" on the last noun of a long object ("a sculpture of the head of Marcus
    # Aurelius to the Algerian ambassador"); a "to" under a verb inside the object ("that date back to") is not it
    to = next((c for c in verb.children if receiver(c)), None) or next(
        (t for t in obj.subtree if receiver(t) and t.head.pos_ in ("NOUN", "PROPN", "NUM")), None)
    if to is None:
        return None
    return Candidate(Sense("RETREAT", None, "0842"), [verb], verb, theme={obj.i}, quality=0.65)


PHONE_DEPS = {"oprd", "ccomp", "acomp", "attr", "xcomp"}


def _phone_call(verb: Token, lemma: str) -> Candidate | None:
    """'Trump called King Salman on Saturday, discussing ...', 'Rivlin called President Sahle-Work to explain
    ...': a named person as the object of "call", with no verdict ("called him a liar") and no "on"/"for"
    (a request), is a phone call (CAMEO 041, CONSULT)."""
    if lemma != "call":
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or obj.pos_ != "PROPN" and not any(c.dep_ in ("compound", "appos") and c.pos_ == "PROPN"
                                                      for c in obj.children):
        return None
    def request_prep(c: Token) -> bool:  # "called on X to", "called for"; "on Friday" is only the date
        return c.dep_ == "prep" and c.lower_ in ("for", "on", "upon") and not any(
            g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in c.children)

    if any(c.dep_ in PHONE_DEPS and c.pos_ != "VERB" or request_prep(c) or c.dep_ == "prt" for c in verb.children):
        return None
    if any(c.dep_ in ("ccomp", "oprd") for c in verb.children):
        return None  # "called X a stupid guy", "called the vote rigged": an evaluation
    return Candidate(Sense("CONSULT", "phone", "041"), [verb], verb, quality=0.6)


def _verdict(verb: Token, lemma: str) -> Candidate | None:
    """'A court found the bishop guilty of ...' (a small clause the parser hangs on "guilty"): CAMEO 116, find
    guilty, an ACCUSE; "found him not guilty" is an acquittal, not an accusation."""
    if lemma not in ("find", "declare", "pronounce"):
        return None
    for adj in verb.children:
        if adj.dep_ in ("ccomp", "oprd", "xcomp", "acomp") and adj.lower_ in ("guilty", "liable"):
            if any(c.dep_ == "neg" or c.lower_ in NEG_WORDS for c in adj.children):
                return None
            return Candidate(Sense("ACCUSE", "disapprove", "116"), [verb, adj], verb, theme={adj.i}, quality=0.7)
    return None


def _verb_candidate(verb: Token, lex: Lexicon) -> Candidate | None:
    lemma = verb_lemma(verb, lex)
    zone = _zone(verb)
    evaluation = _evaluation(verb, lemma)
    if evaluation is False:
        return None
    if isinstance(evaluation, Candidate):
        return evaluation

    def phrase(table: dict[str, list[tuple[tuple[str, ...], Sense]]], quality: float) -> Candidate | None:
        for words, sense in table.get(lemma, []):
            used = _match_words(words, zone, lex)
            if used is not None:
                toks = [verb] + [t for t, _ in zone if t.i in used and t.dep_ == "prt"]
                theme = {t.i for t, _ in zone if t.i in used and t.pos_ not in ("ADP", "PART")}
                return Candidate(sense, toks, verb, theme=theme, quality=quality)
        return None

    call = _phone_call(verb, lemma)  # before the phrases: "called X on Friday" is no "call on"
    if call is not None:
        return call
    cand = phrase(lex.hand_phrases, 0.8)
    if cand:
        return cand
    returned = _returned(verb, lemma) or _verdict(verb, lemma)
    if returned is not None:
        return returned
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


# heads that only say an event was attempted or organised; the event is the compound ("a mediation effort")
EFFORT_HEADS = {"effort", "bid", "initiative", "mission", "drive", "push"}
# "a press release", "the film's release": publishing, not freeing anyone
NOT_EVENT_COMPOUNDS = {"press", "news", "video", "film", "album", "data", "statement", "report", "product"}


def noun_sense(tok: Token, lex: Lexicon) -> Sense | None:
    lemma = tok.lemma_.lower()
    if any(c.dep_ == "compound" and c.lower_ in NOT_EVENT_COMPOUNDS for c in tok.children):
        return None
    if lemma in EFFORT_HEADS:
        for child in tok.children:
            if child.dep_ == "compound" and child.i == tok.i - 1 and child.lemma_.lower() in lex.nouns:
                return lex.nouns[child.lemma_.lower()]
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_:
        hyphened = f"{doc[tok.i - 2].lower_}-{lemma}"  # "cease-fire", split by the tokenizer into three
        if hyphened in lex.nouns:
            return lex.nouns[hyphened]
    for child in tok.children:
        if child.dep_ in ("compound", "amod") and child.i == tok.i - 1:
            two = f"{child.lower_} {lemma}"
            if two in lex.nouns:
                return lex.nouns[two]
    return lex.nouns.get(lemma) or lex.nouns.get(tok.lower_)


# -- arguments --------------------------------------------------------------------------------------------
def _entity(analysis: Analysis, tok: Token) -> str | None:
    """The entity a noun phrase refers to: the head's own, else the nearest one not inside a clause."""
    for child in tok.children:  # "a militia known as the Wagner Group": the name, not the description
        if child.dep_ == "acl" and child.lemma_.lower() in NAMING:
            named = [analysis.entity_for_token(g) for p in child.children if p.dep_ == "prep" and p.lower_ == "as"
                     for g in p.subtree]
            if any(named):
                return next(e for e in named if e)
    own = analysis.entity_for_token(tok)
    if own:
        return own
    frontier = [tok]
    while frontier:
        nxt: list[Token] = []
        for t in frontier:
            # "Yemen's Houthi movement": the name in the phrase before its owner
            for child in sorted(t.children, key=lambda c: c.dep_ == "poss"):
                if child.dep_ == "acl" and child.lemma_.lower() in NAMING:
                    nxt.append(child)  # "a gang coalition known as Viv Ansanm"
                    continue
                if child.dep_ in CLAUSE_DEPS or child.dep_ in ("conj", "cc", "punct", "appos"):
                    continue
                if child.dep_ == "prep" and child.lower_ not in ("of", "from") and not (
                        child.lower_ == "as" and t.lemma_.lower() in NAMING):
                    continue  # "ministers in Brussels", "an attack on a police academy": not who the phrase is
                eid = analysis.entity_for_token(child)
                if eid:
                    return eid
                nxt.append(child)
        frontier = nxt
    # "The British Prime Minister, Theresa May", "the church leader Saboi Jum": a title whose name stands in
    # apposition; only the name itself counts, not entities deeper inside the apposition ("X, a group aligned
    # with Y")
    for child in tok.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            eid = analysis.entity_for_token(child)
            if eid:
                return eid
    return None


def _instrument_actor(analysis: Analysis, tok: Token) -> list[str]:
    """Who an instrument belongs to: 'a bomb planted by X', 'a missile fired by X', 'an Israeli drone'."""
    for child in tok.children:
        if child.dep_ == "acl" and child.tag_ == "VBN":
            for agent in child.children:
                if agent.dep_ == "agent":
                    found = [e for p in agent.children if p.dep_ == "pobj" for e in _entities(analysis, p)]
                    if found:
                        return found
    return _entities(analysis, tok)


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
    if verb.dep_ == "xcomp" and head.lemma_.lower() in RAISING:
        # "X is believed to be behind the attack", "X is said to have fired": X is the subject
        raised = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
        if raised is not None:
            return raised, False
    if verb.dep_ in ("xcomp", "conj", "advcl", "pcomp", "dobj", "oprd") or (
            verb.dep_ == "prep" and verb.tag_ == "VBG"):
        if verb.dep_ == "pcomp":
            head = head.head
        return subject(head, seen + 1)
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return None, False  # "companies accused of ...": the noun is the participle's patient, not its agent
    if verb.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
        return head, False
    return None, False


def reattached_conj(verb: Token, lex: Lexicon) -> Token | None:
    """The verb of saying a subjectless conjunct really belongs to: in "X said 6,000 people had arrived, and
    appealed for funds" the simple past "appealed" cannot continue the past perfect "had arrived" (the tagger
    joins them), so it is coordinated with "said" and its subject is X."""
    if verb.dep_ != "conj" or verb.tag_ != "VBD" or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return None
    head = verb.head
    speech = head.head
    if head.dep_ != "ccomp" or speech.lemma_.lower() not in lex.speech or speech.i > head.i:
        return None
    cand = verb_candidate(verb, lex)
    if cand is None or cand.sense.event_type not in GOVERNING_TYPES:
        return None  # only acts of speech (appealing, accusing, rejecting) continue the speaker's own sentence
    perfect = any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "has", "have") for c in head.children)
    copula = head.pos_ == "AUX" or any(c.dep_ == "attr" for c in head.children)
    return speech if perfect or copula else None


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
            if h is verb and child.dep_ in ("dobj", "dative") or h is cand.purpose and child.dep_ in ("dobj", "dative"):
                if not any(t.i in cand.theme for t in child.subtree):
                    add(child)
            elif child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        add(pobj)
            elif child.dep_ == "poss" and h is not verb and h.i in cand.theme and cand.head.pos_ != "VERB":
                add(child)
            elif child.dep_ == "nsubj" and h is not verb and h.pos_ == "ADJ" and h.i in cand.theme:
                add(child)  # "found [the bishop guilty]": the subject of the small clause
    return out


# -- auxiliary mode ---------------------------------------------------------------------------------------
def _reported(tok: Token, lex: Lexicon) -> bool:
    """Whether the clause headed by ``tok`` is the content of a verb of saying ("said X would ...")."""
    t = tok
    while t.dep_ == "conj" and t.head is not t:
        t = t.head
    return t.dep_ in ("ccomp", "parataxis") and t.head.lemma_.lower() in lex.speech or any(
        c.dep_ in ("ccomp", "parataxis") and c.lemma_.lower() in lex.speech and c.i > t.i for c in t.children)


def conditional(tok: Token) -> bool:
    """A clause opened by if/unless/whether: a condition or an open question, nothing asserted."""
    return any(c.dep_ == "mark" and c.lower_ in COND_MARKS for c in tok.children)


def _own_marks(tok: Token, lex: Lexicon) -> str | None:
    neg = hyp = fut = False
    would = False
    for child in tok.children:
        low = child.lower_
        if child.dep_ == "neg" or (low in NEG_WORDS and child.dep_ in ("advmod", "det")):
            neg = True
        elif child.dep_ in ("aux", "auxpass"):
            if low in ("would", "'d"):
                would = True
            elif low in HYP_MODALS:
                hyp = True
            elif low in FUT_MODALS:
                fut = True
        elif child.dep_ == "mark" and low in COND_MARKS:
            hyp = True
    if would:
        # "would" in reported speech is the future seen from the past ("said the cabinet would meet")
        if not hyp and _reported(tok, lex):
            fut = True
        else:
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
    if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("after", "before", "when") for c in tok.children):
        return historical(tok.head, analysis)  # "talks collapsed in 2019 after a car bomb killed 22 people"
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
    """A clause head: a verb, a copula heading its clause ("are believed to be behind"), or a word the tagger
    took for a noun but the parser made a clause ("militants ... advance towards the capital")."""
    if tok.pos_ == "VERB":
        return True
    if tok.pos_ == "AUX" and tok.lemma_.lower() == "be" and tok.dep_ not in ("aux", "auxpass"):
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
        elif child.dep_ in ("prep", "agent") and child.lower_ in ("by", "between"):  # "talks between X and Y"
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
    if not actor:
        score = min(score, 0.5)  # an attack with nobody named as its perpetrator
    return round(max(0.05, min(0.95, score)), 2)


def _coded(analysis: Analysis, ids: list[str]) -> int:
    """How many of these entities carry an actor country code."""
    return sum(1 for i in ids if (e := analysis.entity(i)) is not None and e.actor.country)


def _place_weight(analysis: Analysis, sent: SpacySpan) -> int:
    """How precisely a sentence places what it reports: resolved cities and provinces count double."""
    features = {p.id: p.feature or "" for p in analysis.places}
    return sum(2 if features.get(t.place or "", "").startswith(("PPL", "ADM")) else 1
               for t in analysis.toponyms if t.place and sent.start_char <= t.start < sent.end_char)


def _governor(head: Token, heads: dict[int, Candidate], lex: Lexicon) -> Candidate | None:
    """The event whose complement this clause is ("ruled out [sending troops]", "accused X of [shelling]")."""
    t = head
    for _ in range(4):
        if t.head is t or t.dep_ not in ("xcomp", "ccomp", "pcomp", "prep", "pobj", "dobj", "advcl", "acl", "oprd"):
            return None  # a coordinated event stands on its own ("attacked and seized")
        t = t.head
        if t.i in heads:
            return heads[t.i]
        if t.lemma_.lower() in lex.speech:
            return None  # "said it had asked ...": reported, not the content of another event
    return None


def _on_condition(head: Token) -> bool:
    """An act announced under a condition: 'would withdraw if / unless ...', 'only once / only when ...'."""
    for clause in head.children:
        if clause.dep_ != "advcl":
            continue
        only = any(c.lower_ == "only" for c in clause.children)  # "only" hangs on the mark or on the clause
        for mark in clause.children:
            if mark.dep_ == "mark" and (mark.lower_ in ("if", "unless") or mark.lower_ in ("once", "when", "after")
                                        and (only or any(c.lower_ == "only" for c in mark.children))):
                return True
    return False


def _peacekeeping(cand: Candidate, subj: Token | None) -> bool:
    """'sent troops to the UN peacekeeping force in X', 'peacekeepers were deployed to X': a deployment whose
    troops or mission are named as peacekeeping, within the clause's own phrases (not a later clause)."""
    zone = [t for t, _ in _zone(cand.head, depth=4)]
    if not any(t.dep_ == "prep" and t.lower_ in ("to", "into") for t in zone):
        return False  # "peacekeepers reinforced their positions": troops on the spot, not sent to anyone
    words = zone + (list(subj.subtree) if subj is not None else [])
    return any(t.lower_.startswith(("peacekeep", "peace-keep")) for t in words)


def _refusal(cand: Candidate, aux: str | None) -> bool:
    """'Yerevan would not accept', 'we will not withdraw': a stated refusal of a cooperative act is a REJECT."""
    if aux != "negation" or cand.sense.event_type not in COOPERATIVE:
        return False
    if cand.readiness:
        return True  # "is not willing to withdraw": a refusal without any modal
    kids = cand.head.children
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in REFUSAL_MODALS for c in cand.head.children) and any(
        c.dep_ == "neg" or c.lower_ in NEG_WORDS for c in kids)


def _speaker_entities(analysis: Analysis, head: Token, lex: Lexicon) -> list[str]:
    """The subject of the verb of saying whose content this clause is ("X said it had ...": it = X)."""
    t = head
    for _ in range(4):
        if t.dep_ == "conj":
            t = t.head
            continue
        if t.dep_ in ("ccomp", "parataxis") and t.head.lemma_.lower() in lex.speech:
            subj, _ = subject(t.head)
            if subj is None:
                return []
            return _entities(analysis, subj) or _unrecognised_name(analysis, subj)  # "the ELN said it ..."
        return []
    return []


def _unrecognised_name(analysis: Analysis, subj: Token) -> list[str]:
    """A proper-noun subject the name tagger missed ("Haaretz reported", "the ELN released", "Sisi held talks"):
    the subject of an event trigger is its actor, so it becomes an entity of its own rather than losing the event.
    Only proper nouns with no entity anywhere in their phrase, and not a place the gazetteer resolved."""
    acronym = subj.text.isupper() and subj.text.isalpha() and len(subj.text) >= 2  # "ICE", tagged as a noun
    if not (subj.pos_ == "PROPN" or acronym) or not subj.text[:1].isupper() or analysis.entity_for_subtree(subj):
        return []
    words = [subj, *[c for c in subj.lefts if c.dep_ in ("compound", "flat", "amod") and c.pos_ == "PROPN"]]
    start_tok = min(words, key=lambda t: t.i)
    if any(start_tok.idx <= t.start < subj.idx + len(subj.text) for t in analysis.toponyms):
        return []  # "Tigray", "Kabul": a place, left to the places component
    start, end = start_tok.idx, subj.idx + len(subj.text)
    label = "ORG" if subj.text.isupper() or len(words) > 1 else "PERSON"
    return [analysis.add_entity(analysis.text[start:end], label, start, end).id]


def _quoted(analysis: Analysis, tok: Token) -> bool:
    return any(a.kind == "direct" and a.content.start <= tok.idx < a.content.end for a in analysis.attributions)


def _depth(tok: Token) -> int:
    d = 0
    while tok.head is not tok and d < 50:
        tok, d = tok.head, d + 1
    return d


@dataclass
class _Found:
    cand: Candidate
    actor: list[str]
    recipient: list[str]
    aux: str | None


def _sentence_events(analysis: Analysis, sent: SpacySpan, lex: Lexicon) -> list[_Found]:
    cands = sentence_candidates(sent, lex)
    heads = {c.head.i: c for c in cands if is_verbal(c.head)}
    found: list[_Found] = []
    for cand in cands:
        head = cand.head
        if is_verbal(head):
            _refine_intent(cand, lex)
            speaker = reattached_conj(head, lex)
            subj, _ = subject(speaker if speaker is not None else head)
            actor = _entities(analysis, subj) if subj is not None else []
            if not actor and subj is not None and subj.lower_ in PRONOUNS:
                actor = _speaker_entities(analysis, head, lex)  # "Al-Shabaab said it had carried out the attack"
            if not actor and subj is not None and cand.subject_role == "agent":
                actor = _unrecognised_name(analysis, subj)
            if cand.subject_role == "target" and subj is not None:
                actor = []
            elif cand.subject_role == "instrument" and subj is not None:
                actor = _instrument_actor(analysis, subj)  # "a bomb planted by X", "an Israeli air strike"
            elif not actor and subj is not None and cand.sense.event_type == "ASSAULT" and munition(subj, lex):
                cand.actorless, cand.subject_role = True, "instrument"  # "..., killing nine": the bomb did
            if cand.claim and subj is not None and any(c.lower_ == "no" for c in subj.children):
                continue  # "no group has claimed responsibility"
            recipient = recipients(analysis, cand, actor)
            if cand.subject_role == "target" and subj is not None:
                recipient = [e for e in _entities(analysis, subj) if e not in recipient] + recipient
            own = _own_marks(head, lex)
            aux = own if speaker is not None else aux_mode(head, lex)
            gov = _governor(head, heads, lex) if speaker is None else None
            if conditional(head):
                continue  # the condition of a hypothetical, or an open question ("whether ... would send")
            if any(c.dep_ == "aux" and c.lower_ in DEONTIC for c in head.children):
                continue  # "the authorities must investigate": what the speaker demands, not an event
            if aux == "hypothetical" and _quoted(analysis, head):
                continue  # speculation inside a quotation
            if head.dep_ == "acl" and head.tag_ == "VBG" and head.head.dep_ in ("dobj", "pobj", "attr"):
                continue  # "join the force fighting armed gangs": a description of the object
            if aux in ("negation", "hypothetical") and aux != own:
                continue  # negated or hypothetical only through the clause above ("ruled out sending")
            if gov is not None and gov.sense.event_type in GOVERNING_TYPES and (
                    gov.sense.event_type in ("ACCUSE", "REJECT") or aux is not None and not (
                    gov.sense.event_type == "THREATEN" and aux == "future")):
                continue  # the content of an accusation, denial, demand, offer or threat is not a second event
            if cand.sense.event_type == "MOBILIZE" and recipient and _peacekeeping(cand, subj):
                cand.sense = Sense("AID", None, "074")  # CAMEO 074: troops sent to keep the peace are aid
            if aux == "future" and _on_condition(head):
                aux = "hypothetical"  # "said it would withdraw only once the threat is removed": a condition put
            if _refusal(cand, aux):
                cand.sense, aux = Sense("REJECT", None, "120"), None
        else:
            actor, recipient = noun_arguments(analysis, cand)
            gov_tok = head.head
            own = _own_marks(head, lex)
            aux = own or (aux_mode(gov_tok, lex) if gov_tok.pos_ in ("VERB", "AUX") else None)
            if aux in ("negation", "hypothetical") and aux != own and not (
                    gov_tok.pos_ in ("VERB", "AUX") and _own_marks(gov_tok, lex) == aux):
                continue
        if not actor and not cand.actorless:
            continue  # PLOVER events need an actor; an unattributed act is left to later stages
        if cand.sense.event_type in ("AID", "COOPERATE") and not recipient and len(actor) < 2:
            continue  # PLOVER: aid and cooperation are given to someone
        if aux is None and historical(head, analysis):
            aux = "historical"
        found.append(_Found(cand, actor, recipient, aux))
    # one happening, one event: "marched ..., chanting slogans and blocking traffic" is one PROTEST
    kept: list[_Found] = []
    for f in sorted(found, key=lambda f: (_depth(f.cand.head), f.cand.head.i)):
        same = next((k for k in kept if k.cand.sense.event_type == f.cand.sense.event_type
                     and (set(k.actor) & set(f.actor) or not k.actor and not f.actor)), None)
        if same is None:
            kept.append(f)
        else:
            same.recipient += [r for r in f.recipient if r not in same.recipient and r not in same.actor]
    # "a car bomb exploded ..., killing nine; al-Shabaab claimed responsibility": the attack of the sentence
    # is the one its named attacker carried out
    for f in [k for k in kept if not k.actor and k.cand.actorless and k.aux is None]:
        named = next((k for k in kept if k is not f and k.actor and k.aux is None
                      and k.cand.sense.event_type == f.cand.sense.event_type), None)
        if named is None:
            continue
        if named.cand.claim:  # keep the report of the attack itself, with the claimer as its actor
            f.actor, f.recipient = named.actor, [r for r in f.recipient + named.recipient if r not in named.actor]
            kept.remove(named)
        else:
            named.recipient += [r for r in f.recipient if r not in named.recipient and r not in named.actor]
            kept.remove(f)
    return sorted(kept, key=lambda f: f.cand.head.i)


def _refers_back(cand: Candidate) -> bool:
    """Whether a claim points at an attack already reported ("claimed responsibility", "claimed the attack"),
    not at a new one ("claimed a bombing in Kabul")."""
    doc = cand.head.doc
    objects = [doc[i] for i in cand.theme]
    return not objects or any(t.lemma_.lower() == "responsibility" or _definite(t) for t in objects)


@component("events")
def extract_events(analysis: Analysis) -> None:
    lex = lexicon()
    text = analysis.text
    events: list[Event] = []
    keys: dict[tuple, int] = {}
    unclaimed: int | None = None  # the last attack reported with no attacker named
    last_attack: int | None = None
    for sent in analysis.doc.sents:
        for f in _sentence_events(analysis, sent, lex):
            cand, actor, recipient, aux = f.cand, f.actor, f.recipient, f.aux
            if cand.claim and actor and aux is None and unclaimed is not None:
                # "A bomb exploded ... . X claimed responsibility": X carried out the attack already reported
                prev = events[unclaimed]
                prev.actor = list(actor)
                prev.recipient = [r for r in prev.recipient if r not in actor]
                prev.confidence = max(prev.confidence, 0.55)
                unclaimed = None
                continue
            if cand.claim and actor and aux is None and last_attack is not None and _refers_back(cand):
                # "Insurgents attacked the town ... . Islamic State claimed the attack": the claimer joins the
                # attackers of the attack already reported; one happening, one event
                prev = events[last_attack]
                prev.actor += [a for a in actor if a not in prev.actor]
                prev.recipient = [r for r in prev.recipient if r not in actor]
                continue
            if cand.anaphoric and not actor and last_attack is not None:
                prev = events[last_attack]  # "The blast struck shortly after 8 p.m.": the attack already reported
                prev.recipient += [r for r in recipient if r not in prev.recipient and r not in prev.actor]
                continue
            head = cand.head
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
                if prev_sent is not None and (_coded(analysis, recipient), _place_weight(analysis, sent)) > (
                        _coded(analysis, prev.recipient), _place_weight(analysis, prev_sent)):
                    event.confidence = max(event.confidence, prev.confidence)
                    events[keys[key]] = event
                continue
            keys[key] = len(events)
            if sense.event_type == "ASSAULT" and aux is None and head.lemma_.lower() not in RESPONSE_LEMMAS:
                last_attack = len(events)
                if not actor:
                    unclaimed = len(events)
            events.append(event)
    for n, event in enumerate(events, 1):
        event.id = f"V{n}"
    analysis.events = events
