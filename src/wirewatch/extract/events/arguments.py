"""Arguments: an event's actor and recipient entities, from its subject, objects, agents and prepositions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...analysis import Analysis
from ...nlp.deps import CLAUSE_DEPS
from .lexicon import GOVERNING_TYPES, NAMING, RECIPIENT_PREPS, SUBJ_DEPS, Lexicon
from .triggers import RAISING, Candidate, is_verbal, verb_candidate

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token


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

    heads = [verb, *[verb.doc[i] for i in sorted(cand.theme)]]  # in text order, without walking the doc
    if cand.sense.event_type == "AID" and not any(
            c.dep_ in ("dative",) or c.dep_ == "prep" and c.lower_ in RECIPIENT_PREPS for h in heads for c in h.children):
        # "provided $340 million for assistance in northern Iraq": aid given in a country goes to it
        for h in heads:
            for prep in h.children:
                if prep.dep_ == "prep" and prep.lower_ == "in":
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj" and pobj.ent_type_ == "GPE":
                            add(pobj)
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
        elif child.dep_ == "prep" and child.lower_ == "from" and cand.sense.event_type in SENT_FROM:
            for pobj in child.children:  # "criticism from the U.N.", "aid from Japan": who it comes from
                if pobj.dep_ == "pobj":
                    actor += [e for e in _entities(analysis, pobj) if e not in actor]
        elif child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPS - {"from", "with", "for", "at"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    recipient += [e for e in _entities(analysis, pobj) if e not in recipient]
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in UNDERGOING:
        # "Iran faces criticism from the U.N.": the one who faces it is whom it is aimed at
        subj, _ = subject(noun.head)
        if subj is not None:
            recipient += [e for e in _entities(analysis, subj) if e not in recipient]
    return actor, [r for r in recipient if r not in actor]


# verbal acts and aid whose "from X" names who they come from ("criticism from the U.N.", "aid from Japan");
# not a threat: "the threat from armed groups" is the danger they pose
SENT_FROM = frozenset({"ACCUSE", "REQUEST", "REJECT", "SUPPORT", "AGREE", "AID"})


# verbs whose subject undergoes the act their object names ("faces criticism", "drew condemnation")
UNDERGOING = frozenset({"face", "receive", "draw", "attract", "suffer"})


def _coded(analysis: Analysis, ids: list[str]) -> int:
    """How many of these entities carry an actor country code."""
    return sum(1 for i in ids if (e := analysis.entity(i)) is not None and e.actor.country)


def _place_weight(analysis: Analysis, sent: SpacySpan) -> int:
    """How precisely a sentence places what it reports: resolved cities and provinces count double."""
    features = {p.id: p.feature or "" for p in analysis.places}
    return sum(2 if features.get(t.place or "", "").startswith(("PPL", "ADM")) else 1
               for t in analysis.toponyms if t.place and sent.start_char <= t.start < sent.end_char)


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
