"""Triggers: which verbs and nouns of a sentence are events, and of which PLOVER type (with the special
readings: evaluations, withheld comments, impacts, passive attacks, readiness, returned fire, verdicts)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...kb.lexicons import lexicon_words, singular
from .lexicon import (
    CONFLICT_TYPES,
    CROWD,
    DEONTIC,
    EVAL_VERBS,
    FUT_MODALS,
    HYP_MODALS,
    INFO_NOUNS,
    MATERIAL,
    NEG_EVAL,
    NEG_WORDS,
    NO_COMMENT,
    PURPOSE_AID,
    SUBJECT_CLASS_VERBS,
    UNDER_FIRE,
    ZONE_DEPS,
    Lexicon,
    Sense,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


# A word's forms by its (lemma, lower-case) string hashes: asked ~4,000 times per article (every token
# against every class), built once per word; cleared when large, so a long run stays bounded.
_FORMS: dict[tuple[int, int], frozenset[str]] = {}


def _forms(tok: Token) -> frozenset[str]:
    key = (tok.lemma, tok.lower)
    forms = _FORMS.get(key)
    if forms is None:
        if len(_FORMS) > 100_000:
            _FORMS.clear()
        low = tok.lower_
        forms = _FORMS[key] = frozenset((tok.lemma_.lower(), low, singular(low)))
    return forms


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
    demand: bool = False  # "X says Y must withdraw": X's demand of Y, whatever the verb


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


#: whom sanctions name ("the EU targeted 12 officials", "sanctions targeting three banks") ...
SANCTION_TARGETS = frozenset(lexicon_words("event_words", "sanction_targets"))
#: ... in a sentence that speaks of sanctions
SANCTION_WORDS = frozenset(lexicon_words("event_words", "sanction_words"))


def _targeted(verb: Token, lemma: str) -> Candidate | None | bool:
    """'Target' outside an attack: "a day after the EU targeted 12 officials" in a sentence about sanctions is
    a SANCTION; "those targeted" with no one doing it is a description (False); None where it is read as
    the lexicon reads it (an attack)."""
    if lemma != "target":
        return None
    sentence = verb.sent
    if verb.dep_ in ("acl", "amod", "relcl") and verb.tag_ == "VBN" and verb.head.lower_ in ("those", "one", "people") \
            and not any(c.dep_ == "agent" for c in verb.children):
        return False  # "the names of those targeted", "one of those targeted"
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)  # "officials were targeted"
    if obj is not None and singular(obj.lemma_.lower()) in SANCTION_TARGETS and any(
            t.lower_ in SANCTION_WORDS for t in sentence if t.i != verb.i):
        return Candidate(Sense("SANCTION", None, "163"), [verb], verb, theme={obj.i}, quality=0.65)
    return None


def _withheld_comment(verb: Token, sense: Sense) -> bool:
    """'declined to comment', 'refused to give numbers': not a REJECT."""
    if sense.event_type != "REJECT":
        return False
    for child in verb.children:
        if child.dep_ in ("xcomp", "dobj") and child.pos_ in ("VERB", "AUX"):
            low = child.lemma_.lower()
            if low in NO_COMMENT and not _answer_refused(child):
                return True
            if low in ("give", "provide", "offer", "release") and any(
                    c.dep_ == "dobj" and singular(c.lower_) in INFO_NOUNS for c in child.children):
                return True
    return False


# what one party asks of another: refusing to answer it is a rejection, unless it only asked for comment
ASKED = frozenset(lexicon_words("event_words", "asked_nouns"))


def _answer_refused(verb: Token) -> bool:
    """'Refused to respond to a request from Haaretz for information' rejects what another asked; 'declined
    to respond to a request for comment' withholds comment."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "to":
            continue
        for asked in prep.children:
            if asked.dep_ == "pobj" and asked.lemma_.lower() in ASKED:
                return not any(t.lower_ == "comment" for t in asked.subtree)
    return False


def _channel(verb: Token, sense: Sense, lex: Lexicon) -> bool:
    """'Speaking by phone from Vilnius, X said ...': how a statement was made, not a consultation."""
    return (sense.event_type == "CONSULT" and verb.lemma_.lower() in ("speak", "talk") and verb.dep_ == "advcl"
            and verb.head.lemma_.lower() in lex.speech
            and not any(c.dep_ == "prep" and c.lower_ in ("with", "to") for c in verb.children))


# what one strengthens or offers that is no force nor goods: "reinforcing the traditional friendship"
RELATION_NOUNS = frozenset(lexicon_words("event_words", "relation_nouns"))
# an account of something, which one offers or gives in words ("offered different descriptions of the plan")
ACCOUNT_NOUNS = frozenset(lexicon_words("event_words", "account_nouns")) | INFO_NOUNS


def _no_material_object(verb: Token, sense: Sense) -> bool:
    """'Reinforcing the friendship with Vietnam' is no troop movement; 'offered different descriptions of
    the plan', 'gave an account' is no offer or aid: the object is a relation or information."""
    objects = [c for c in verb.children if c.dep_ == "dobj"] or [  # "reinforcing and developing the friendship"
        c for conj in verb.children if conj.dep_ == "conj" and conj.pos_ == "VERB" for c in conj.children
        if c.dep_ == "dobj"]
    if not objects:
        return False
    words = {singular(o.lower_) for o in objects} | {o.lemma_.lower() for o in objects}
    if sense.event_type == "MOBILIZE":
        return bool(words & RELATION_NOUNS)
    return sense.event_type in ("AGREE", "AID") and verb.lemma_.lower() in ("offer", "give", "provide") \
        and bool(words & ACCOUNT_NOUNS)


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


def gerund_munition(verb: Token, lex: Lexicon) -> Token | None:
    """'Shelling near the crossing killed two civilians': the parser takes the leading gerund for an adverbial
    clause of the verb, but it is the verb's subject, an attack noun (the munition class holds "shelling",
    "bombing"). The gerund, where it is one: first in its clause, with no subject or object of its own."""
    for child in verb.children:
        if child.i > verb.i:
            break
        if child.dep_ not in ("advcl", "csubj") or child.tag_ != "VBG" or child.i != child.left_edge.i:
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in child.children):
            continue
        # the word itself, not ``_in_class`` (which also tries the lemma): "mining" is lemmatised to "mine"
        if child.lower_ in lex.classes.get("munition", frozenset()):
            return child
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
    # "two people died in the shelling": who died is its target, not its actor
    return Candidate(sense, [verb], verb, theme=theme | (cand.theme if cand else set()), quality=0.6,
                     actorless=True, anaphoric=context is not None and _definite(context),
                     subject_role="target" if lemma == "die" else "agent")


RAISING = set(lexicon_words("event_words", "raising"))


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


# "Paul Wiseman contributed to this report": a byline's credit, no aid to anyone
REPORTING_CREDITS = frozenset(lexicon_words("event_words", "reporting_credits"))


def _credit(verb: Token) -> bool:
    return verb.lemma_.lower() == "contribute" and any(
        c.dep_ == "prep" and c.lower_ == "to" and any(p.dep_ == "pobj" and p.lemma_.lower() in REPORTING_CREDITS
                                                      for p in c.children) for c in verb.children)


# who cannot be the one a speaker's "must" is demanded of: "we must act" obliges the speaker's own side
SELF = frozenset({"i", "we"})


def _stated_obligation(verb: Token, lex: Lexicon) -> Candidate | None:
    """'Russia says Israel must end attacks on Syria': what a speaker says someone else must or should do is
    the speaker's demand of them (CAMEO 10), whatever the verb; not what the verb itself names."""
    modal = next((c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.lower_ in DEONTIC), None)
    if modal is None or not (verb.dep_ in ("ccomp", "parataxis") and verb.head.lemma_.lower() in lex.speech):
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in SELF for c in verb.children):
        return None
    return Candidate(Sense("REQUEST", None, "100"), [modal, verb], verb, quality=0.5, subject_role="target",
                     demand=True)


def verb_candidate(verb: Token, lex: Lexicon) -> Candidate | None:
    if _credit(verb):
        return None
    demand = _stated_obligation(verb, lex)
    if demand is not None:
        return demand
    ready = _readiness(verb, lex)
    if ready is not None:
        return ready
    cand = _verb_candidate(verb, lex)
    if cand is not None and (_withheld_comment(verb, cand.sense) or _channel(verb, cand.sense, lex)
                             or _concern(verb, cand.sense) or _no_material_object(verb, cand.sense)):
        return None
    if cand is None:
        lemma = verb_lemma(verb, lex)
        cand = _subject_class(verb, lemma, lex) or _under_fire(verb) or _behind(verb, lex) or _forced(verb, lemma) \
            or _money_given(verb, lemma)
    if cand is not None and cand.sense.event_type == "ASSAULT" and verb_lemma(verb, lex) == "claim":
        cand.claim = True  # "claimed responsibility", "claimed the attack"
    if cand is None or cand.sense.event_type == "ASSAULT" and not cand.claim:
        other = _impact(verb, lex) or _passive_attack(verb, lex, cand)
        if other is not None:
            if cand is not None:
                other.trigger = sorted({t.i: t for t in [*other.trigger, *cand.trigger]}.values(), key=lambda t: t.i)
            cand = other
    if cand is not None and _passive_detention(verb, cand):
        cand.actorless, cand.subject_role = True, "target"
    return cand


# verbs of handing over money ("provided $340 million", "gave 352.5 million euros")
GIVING = frozenset({"give", "provide", "donate", "grant", "send", "allocate", "contribute"})


def _money_given(verb: Token, lemma: str) -> Candidate | None:
    """'The Australian Government provided $400 million to Indonesia': money handed over is economic AID
    (CAMEO 071), whatever it is called ("ODA", "grants")."""
    if lemma not in GIVING:
        return None
    for obj in verb.children:
        if obj.dep_ == "dobj" and obj.ent_type_ == "MONEY":
            return Candidate(Sense("AID", "economic", "071"), [verb], verb, theme={obj.i}, quality=0.55)
    return None


def _forced(verb: Token, lemma: str) -> Candidate | None:
    """'Jets forced a cargo plane to land', 'police forced him out of the country': making someone do
    something is coercion (CAMEO 170; out of a country, expulsion 174). Only an active verb with its object:
    "thousands were forced to flee" names no one who forced them."""
    if lemma != "force" or verb.tag_ == "VBG" or not any(c.dep_ == "dobj" for c in verb.children):
        return None  # "attacked the town, forcing thousands to flee": what the attack did, not a second act
    out = any(c.lower_ == "out" and c.dep_ in ("prt", "prep", "advmod") for c in verb.children)
    if out:
        return Candidate(Sense("COERCE", "deport", "174"), [verb], verb, quality=0.55)
    if any(c.dep_ in ("xcomp", "ccomp") for c in verb.children):  # the small model tags "to land" a noun
        return Candidate(Sense("COERCE", None, "170"), [verb], verb, quality=0.5)
    return None


#: PLOVER modes of COERCE whose passive patient is the detained, deported or charged person
DETENTION_MODES = frozenset({"arrest", "deport"})


def _passive_detention(verb: Token, cand: Candidate) -> bool:
    """'Quispe was arrested at his home', 'more than 300 people were detained': an arrest whose patient is
    the subject and whose arresting force is not named. The same as a passive attack: the event stands
    without an actor (who arrested may be told elsewhere), its patient is the recipient."""
    if cand.sense.event_type != "COERCE" or cand.sense.mode not in DETENTION_MODES or cand.head is not verb:
        return False
    if not any(c.dep_ == "nsubjpass" for c in verb.children):
        return False
    # "cannot be held in detention", "could be deported": a rule or a prospect, not an arrest that happened;
    # without an actor such a reading says nothing an analyst can use
    return not any(c.dep_ in ("agent", "neg") or c.tag_ == "MD" for c in verb.children)


# "returned fire", "returned the favour", "returned the call": not a handing back of anything
NOT_RETURNED = set(lexicon_words("event_words", "not_returned"))


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
    targeted = _targeted(verb, lemma)
    if targeted is False:
        return None
    if isinstance(targeted, Candidate):
        return targeted

    has_object = any(c.dep_ == "dobj" for c in verb.children)

    def phrase(table: dict[str, list[tuple[tuple[str, ...], Sense]]], quality: float) -> Candidate | None:
        for words, sense in table.get(lemma, []):
            used = _match_words(words, zone, lex)
            if used is not None and sense.event_type == "ASSAULT" and any(
                    walkout_strike(t) for t, _ in zone if t.i in used):
                continue  # "staged a 24-hour strike": a walkout, read from the noun below, not an attack
            # verb + preposition only: "moved into the town" is taking it, "moved rockets into the area" is not
            if used is not None and has_object and all(t.pos_ == "ADP" for t, _ in zone if t.i in used):
                continue
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
        head = verb.head
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and head.pos_ == "NOUN":
            # "sanctions imposed by the bloc", "talks held in Doha"; an attack "launched by" someone is read
            # from the harm it did ("air strikes launched by the coalition killed nine")
            sense = noun_sense(head, lex)
            if sense and sense.event_type != "ASSAULT":
                return Candidate(sense, [head, verb], verb, theme={head.i}, quality=0.7)
        for tok, d in zone:
            if d <= 2 and tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "pobj", "attr", "nsubjpass"):
                sense = noun_sense(tok, lex)
                if sense:
                    return Candidate(sense, [verb, tok], verb, theme={tok.i}, quality=0.7)
        misread = _misread_compound(verb, lex)
        if misread is not None:
            return Candidate(misread[1], [verb, misread[0]], verb, theme={misread[0].i}, quality=0.6)
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


def _misread_compound(verb: Token, lex: Lexicon) -> tuple[Token, Sense] | None:
    """A two-word event noun right after a light verb that the tagger read as a clause: in "imposed asset
    freezes on 12 officials" the small model parses "asset" as a subject and "freezes" as its verb. Read
    left to right, up to the first preposition or punctuation."""
    doc = verb.doc
    for i in range(verb.i + 2, min(verb.i + 5, verb.sent.end)):
        tok, prev = doc[i], doc[i - 1]
        if tok.pos_ in ("ADP", "PUNCT") or prev.pos_ in ("ADP", "PUNCT"):
            return None
        if tok.pos_ not in ("VERB", "AUX"):
            continue  # a noun the tagger saw as a noun was already read from the parse
        sense = lex.nouns.get(f"{prev.lower_} {singular(tok.lower_)}")
        if sense is not None:
            return tok, sense
    return None


# heads that only say an event was attempted or organised; the event is the compound ("a mediation effort")
EFFORT_HEADS = {"effort", "bid", "initiative", "mission", "drive", "push"}


# "a press release", "the film's release": publishing, not freeing anyone
NOT_EVENT_COMPOUNDS = set(lexicon_words("event_words", "not_event_compounds"))


#: units of a strike's stated length ("a 24-hour strike", "a two-day strike")
STRIKE_UNITS = ("hour", "day", "week", "month")


#: words before "strike" that make it a walkout ("a sit-in strike", "a nationwide strike", "a teachers' strike")
WALKOUT_KINDS = re.compile(rf"\b(?:{'|'.join(map(re.escape, lexicon_words('event_words', 'walkout_strike_kinds')))})\b")


def walkout_strike(tok: Token) -> bool:
    """'A 24-hour strike', 'a sit-in strike', 'a nationwide strike': a strike counted in hours or days, or
    named by its kind, is a walkout (PLOVER PROTEST, CAMEO 143); an air strike is neither."""
    if tok.lemma_.lower() != "strike":
        return False
    if any(c.dep_ in ("compound", "amod", "npadvmod") and c.lemma_.lower().split("-")[-1] in STRIKE_UNITS
           and (any(n.dep_ == "nummod" for n in c.children) or "-" in c.text) for c in tok.children):
        return True
    return WALKOUT_KINDS.search(tok.doc[tok.left_edge.i: tok.i].text.lower()) is not None


# what two forces hold together ("joint military exercises", "joint naval drills", "joint war games")
JOINT_ACTIVITIES = frozenset({"exercise", "drill", "game", "manoeuvre", "maneuver", "patrol", "operation"})


def noun_sense(tok: Token, lex: Lexicon) -> Sense | None:
    lemma = tok.lemma_.lower()
    if lemma in JOINT_ACTIVITIES and any(c.dep_ == "amod" and c.lower_ == "joint" for c in tok.children):
        return Sense("COOPERATE", "military", "062")
    if walkout_strike(tok) and "general strike" in lex.nouns:
        return lex.nouns["general strike"]
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


# what an order enacts: the one who orders an arrest, a ban or a withdrawal does it
ENACTED = frozenset({"COERCE", "SANCTION", "RETREAT", "MOBILIZE", "ASSAULT"})


def _enacted_order(cand: Candidate, lex: Lexicon) -> None:
    """'A judge ordered nine ex-ministers jailed', 'the government ordered the daily to suspend publication':
    the order is the act it commands, by whoever gave it, with the commanded clause folded in."""
    if cand.sense.event_type != "REQUEST" or verb_lemma(cand.head, lex) != "order":
        return
    for child in cand.head.children:
        if child.dep_ in ("xcomp", "ccomp") and child.pos_ == "VERB":
            inner = verb_candidate(child, lex)
            if inner is not None and inner.sense.event_type in ENACTED:
                cand.sense, cand.purpose = inner.sense, child
                cand.theme |= inner.theme
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


# "China vowed to fight the U.S. tariffs", "a trade war", "duties that hit American farmers": the words of
# combat said of trade and markets are no attack, unless the sentence also names troops, arms or an attack
ECONOMIC_CONTEXT = frozenset(lexicon_words("event_words", "economic_context"))
METAPHOR_PRONE_ATTACKS = frozenset(lexicon_words("event_words", "metaphor_prone_attacks"))
ARMS_CLASSES = ("troops", "weapons", "munition", "police")
ARMED_CLASSES = (*ARMS_CLASSES, "harm_verb", "attack_verb")


def _economic(tok: Token) -> bool:
    return tok.lemma_.lower() in ECONOMIC_CONTEXT


def _argument_heads(head: Token) -> list[tuple[Token, str]]:
    """The nouns an event's trigger takes as subject, object or object of a preposition, with "thousands of
    jobs" and "factories and jobs" followed to the nouns named."""
    found: list[tuple[Token, str]] = []
    for child in head.children:
        args = [child] if child.dep_ in ("dobj", "nsubj", "attr") else [
            p for p in child.children if p.dep_ == "pobj"] if child.dep_ == "prep" else []
        for arg in args:
            role = "subject" if child.dep_ == "nsubj" else "object"
            todo = [arg]
            while todo:
                tok = todo.pop()
                found.append((tok, role))
                todo += [c for c in tok.children if c.dep_ == "conj"]
                todo += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                         for p in c.children if p.dep_ == "pobj"]
    return found


TRADE_STORY_WORDS = 5  # economic words a story needs, and three times its armed words, to be about trade


def _trade_story(doc: Doc, lex: Lexicon) -> bool:
    """Whether the whole article is about trade and markets: many economic words, few of troops or arms."""
    key = "wirewatch_trade_story"
    if key not in doc.user_data:
        economic = sum(1 for t in doc if _economic(t))
        # armed words are counted only when the economic ones are enough, and only as far as they matter
        doc.user_data[key] = (economic >= TRADE_STORY_WORDS
                              and _armed_words(doc, lex, economic // 3 + 1) <= economic // 3)
    return bool(doc.user_data[key])


def _armed_words(doc: Doc, lex: Lexicon, enough: int) -> int:
    """The number of troop, arms and harm words in ``doc``, counted up to ``enough``."""
    found = 0
    for t in doc:
        found += sum(1 for c in ARMS_CLASSES if _in_class(t, lex, c))
        if found >= enough:
            break
    return found


def _economic_metaphor(cand: Candidate, sent: SpacySpan, lex: Lexicon) -> bool:
    """An attack word said of trade ("to fight the U.S. tariffs", "a trade war", "trade practices have
    destroyed American jobs"): its target or its doer is economic, and no troops, arms or harm are named."""
    head = cand.head
    if cand.sense.event_type != "ASSAULT" or head.lemma_.lower() not in METAPHOR_PRONE_ATTACKS:
        return False
    if any(t.i != head.i and _in_class(t, lex, c) for t in sent for c in ARMED_CLASSES):
        return False
    if any(t.lemma_.lower() in METAPHOR_PRONE_ATTACKS and any(c.dep_ == "compound" and _economic(c) for c in t.children)
           for t in sent):
        return True  # "a trade war", "the tariff fight": the sentence is about trade
    if _trade_story(sent.doc, lex):
        return True  # "China vowed to fight the U.S.", in a story of tariffs with no troops or arms in it
    for tok, role in _argument_heads(head):
        # "the trade ministry" or "an export terminal" can be attacked; the tariffs and the jobs themselves cannot
        if _economic(tok) or role == "subject" and any(c.dep_ == "compound" and _economic(c) for c in tok.children):
            return True
    return False


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
                _enacted_order(cand, lex)
                consumed |= {i for i in cand.theme if not is_verbal(tok.doc[i])}
                cands.append(cand)
    for tok in sent:
        if tok.pos_ == "NOUN" and tok.i not in consumed:
            sense = noun_sense(tok, lex)
            if sense:
                cands.append(Candidate(sense, [tok], tok, theme=set(), quality=0.45))
    # a purpose clause folded into its event is no event of its own
    purposes = {c.purpose.i for c in cands if c.purpose is not None}
    return [c for c in cands if c.head.i not in purposes and not _economic_metaphor(c, sent, lex)]


def _refine_intent(cand: Candidate, lex: Lexicon) -> None:
    """'vowed/pledged/promised to <conflict act>', 'proposed slapping tariffs on' is a threat; '<to cooperative
    act>' stays AGREE."""
    if verb_lemma(cand.head, lex) not in ("vow", "pledge", "promise", "swear", "propose"):
        return
    for child in cand.head.children:
        if child.dep_ == "xcomp" and child.pos_ == "VERB":
            inner = verb_candidate(child, lex)
            if inner and inner.sense.event_type in CONFLICT_TYPES:
                cand.sense = Sense("THREATEN", None, "138" if inner.sense.event_type in MATERIAL else "130")
