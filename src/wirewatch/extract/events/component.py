"""The ``events`` pipeline component: each sentence's events, deduplicated and numbered, and its factory."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...analysis import Analysis
from ...kb import KnowledgeBase
from ...model import Event, SentenceSpan, Span
from ...registry import Component, factory
from .arguments import (
    _coded,
    _entities,
    _instrument_actor,
    _place_weight,
    _speaker_entities,
    _unrecognised_name,
    noun_arguments,
    reattached_conj,
    recipients,
    subject,
)
from .lexicon import DEONTIC, DOCUMENTS, GOVERNING_TYPES, PRONOUNS, RESPONSE_LEMMAS, Lexicon, Sense, lexicon
from .modality import (
    _confidence,
    _depth,
    _governor,
    _on_condition,
    _own_marks,
    _peacekeeping,
    _quoted,
    _refusal,
    aux_mode,
    conditional,
    historical,
)
from .triggers import (
    OFFER_CODES,
    SELF,
    Candidate,
    _definite,
    _refine_intent,
    gerund_munition,
    is_verbal,
    munition,
    sentence_candidates,
)

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token


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
        args = _verbal_event(analysis, cand, heads, lex) if is_verbal(head) else _nominal_event(analysis, cand, lex)
        if args is None:
            continue
        actor, recipient, aux = args
        if not actor and not cand.actorless:
            continue  # PLOVER events need an actor; an unattributed act is left to later stages
        if cand.sense.event_type in ("AID", "COOPERATE") and not recipient and len(actor) < 2:
            continue  # PLOVER: aid and cooperation are given to someone
        if aux is None and historical(head, analysis):
            aux = "historical"
        found.append(_Found(cand, actor, recipient, aux))
    return _one_per_happening(found)


def _verbal_event(analysis: Analysis, cand: Candidate, heads: dict[int, Candidate],
                  lex: Lexicon) -> tuple[list[str], list[str], str | None] | None:
    """(actor, recipient, aux) of a verb's event, or None where the verb is no event of its own here."""
    head = cand.head
    if cand.demand:
        return _demand(analysis, cand, lex)
    _refine_intent(cand, lex)
    speaker = reattached_conj(head, lex)
    subj, _ = subject(speaker if speaker is not None else head)
    if head.dep_ == "acl" and _document_says(head):
        subj, _ = subject(head.head.head)  # "Amnesty put out a report accusing the army": Amnesty accuses
    actor = _entities(analysis, subj) if subj is not None else []
    if not actor and subj is not None and subj.lower_ in PRONOUNS and (
            subj.lower_ in SELF or not _quoted(analysis, head)):
        # "Al-Shabaab said it had carried out the attack"; in a direct quotation only "we" is the speaker's side
        # ("'Then they came back and hit the people,' said a farmer": they are not the farmer)
        actor = _speaker_entities(analysis, head, lex)
    if not actor and subj is not None and cand.subject_role == "agent":
        actor = _unrecognised_name(analysis, subj)
    if cand.subject_role == "target" and subj is not None:
        actor = []
    elif cand.subject_role == "instrument" and subj is not None:
        actor = _instrument_actor(analysis, subj)  # "a bomb planted by X", "an Israeli air strike"
    elif not actor and subj is not None and cand.sense.event_type == "ASSAULT" and munition(subj, lex):
        cand.actorless, cand.subject_role = True, "instrument"  # "..., killing nine": the bomb did
    elif subj is None and cand.sense.event_type == "ASSAULT" and gerund_munition(head, lex) is not None:
        cand.actorless, cand.subject_role = True, "instrument"  # "Shelling near the crossing killed two"
    if not actor and cand.actorless and cand.subject_role in ("agent", "target"):
        actor = _attack_owner(analysis, cand)  # "was wounded in a U.S.-led airstrike": the strike's owner
    if not actor and cand.sense.event_type in RECIPROCAL:
        actor = _between(analysis, head)  # "the deal, reached in Muscat between the government and the Houthis"
    if cand.claim and subj is not None and any(c.lower_ == "no" for c in subj.children):
        return None  # "no group has claimed responsibility"
    recipient = recipients(analysis, cand, actor)
    if cand.subject_role == "target" and subj is not None:
        recipient = [e for e in _entities(analysis, subj) if e not in recipient] + recipient
    own = _own_marks(head, lex)
    aux = own if speaker is not None else aux_mode(head, lex)
    gov = _governor(head, heads, lex) if speaker is None else None
    if aux == "negation" and own is None and cand.sense.event_type == "AGREE" and head.dep_ == "xcomp" \
            and head.head.lemma_.lower() == "fail":
        # "failed to reach agreement on the treaty": talks that end without a deal reject it (CAMEO 127)
        cand.sense, aux = Sense("REJECT", "meet", "127"), None
    if _not_an_event_here(analysis, head, aux, own, gov):
        return None
    if cand.sense.event_type == "MOBILIZE" and recipient and _peacekeeping(cand, subj):
        cand.sense = Sense("AID", None, "074")  # CAMEO 074: troops sent to keep the peace are aid
    if aux == "future" and _on_condition(head):
        aux = "hypothetical"  # "said it would withdraw only once the threat is removed": a condition put
    if _refusal(cand, aux):
        cand.sense, aux = Sense("REJECT", None, "120"), None
    return actor, recipient, aux


def _attack_owner(analysis: Analysis, cand: Candidate) -> list[str]:
    """Whose the attack is that a passive harm is put down to, by the words before it ("killed in an Israeli
    air strike", "wounded in a U.S.-led airstrike"); not a name after it ("the shelling of Kharkiv")."""
    doc = cand.head.doc
    for i in sorted(cand.theme):
        for left in doc[i].lefts:
            if left.dep_ in ("amod", "compound", "nmod", "nummod", "poss", "npadvmod"):
                found = [e for t in left.subtree if (e := analysis.entity_for_token(t))]
                if found:
                    return found[:1]
    return []


def _demand(analysis: Analysis, cand: Candidate, lex: Lexicon) -> tuple[list[str], list[str], str | None] | None:
    """A stated obligation: the speaker demands it (actor) of the clause's subject (recipient). With no one
    named as obliged ("the country must stand on its own feet", said by its minister), nobody is asked."""
    head = cand.head
    actor = _speaker_entities(analysis, head, lex)
    if not actor or conditional(head.head):
        return None
    subj, _ = subject(head)
    recipient = [e for e in _entities(analysis, subj) if e not in actor] if subj is not None else []
    if not recipient:
        return None
    return actor, recipient, aux_mode(head.head, lex)


#: acts two sides do together, whose sides a "between" names when no subject does
RECIPROCAL = frozenset({"AGREE", "CONSULT", "COOPERATE"})


def _between(analysis: Analysis, verb: Token) -> list[str]:
    """The sides of an agreement or talks named by "between X and Y" on their verb."""
    out: list[str] = []
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "between":
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    out += [e for e in _entities(analysis, pobj) if e not in out]
    return out


def _document_says(verb: Token) -> bool:
    """'Put out a report accusing the army', 'passed a resolution criticizing the president': what the issued
    document does, its author does."""
    return verb.head.lemma_.lower() in DOCUMENTS and verb.head.dep_ == "dobj"


def _modal_bearer(verb: Token) -> Token:
    """The verb whose auxiliaries a verb shares: "parties should promote the process and meet halfway"
    (a conjunct with no subject of its own)."""
    while verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        verb = verb.head
    return verb


def _not_an_event_here(analysis: Analysis, head: Token, aux: str | None, own: str | None,
                       gov: Candidate | None) -> bool:
    """Conditions, demands, speculation, descriptions and governed contents are no events of their own."""
    if conditional(head):
        return True  # the condition of a hypothetical, or an open question ("whether ... would send")
    if any(c.dep_ == "aux" and c.lower_ in DEONTIC for c in _modal_bearer(head).children):
        return True  # "the authorities must investigate": what the speaker demands, not an event
    if aux == "hypothetical" and _quoted(analysis, head):
        return True  # speculation inside a quotation
    if head.dep_ == "acl" and head.tag_ == "VBG" and head.head.dep_ in ("dobj", "pobj", "attr", "nsubj", "nsubjpass") \
            and not _document_says(head):
        return True  # "join the force fighting armed gangs", "the coalition fighting the Houthis has declared"
    if aux in ("negation", "hypothetical") and aux != own:
        return True  # negated or hypothetical only through the clause above ("ruled out sending")
    # the content of an accusation, denial, demand, offer or threat is not a second event
    return gov is not None and gov.sense.event_type in GOVERNING_TYPES and (
        gov.sense.event_type in ("ACCUSE", "REJECT") or aux is not None and not (
            gov.sense.event_type == "THREATEN" and aux == "future"))


def _nominal_event(analysis: Analysis, cand: Candidate,
                   lex: Lexicon) -> tuple[list[str], list[str], str | None] | None:
    """(actor, recipient, aux) of an event noun's event, or None where it is negated from above."""
    head = cand.head
    actor, recipient = noun_arguments(analysis, cand)
    gov_tok = head.head
    if not actor and cand.sense.event_type in RECIPROCAL and head.dep_ in ("nsubjpass", "nsubj", "dobj"):
        actor = _between(analysis, gov_tok)  # "an agreement was reached between the government and the Houthis"
    own = _own_marks(head, lex)
    aux = own or (aux_mode(gov_tok, lex) if gov_tok.pos_ in ("VERB", "AUX") else None)
    if aux in ("negation", "hypothetical") and aux != own and not (
            gov_tok.pos_ in ("VERB", "AUX") and _own_marks(gov_tok, lex) == aux):
        return None
    return actor, recipient, aux


def _one_per_happening(found: list[_Found]) -> list[_Found]:
    """One happening, one event: "marched ..., chanting slogans and blocking traffic" is one PROTEST."""
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


@factory("events", requires=("entities",), assigns=("events",))
def make_events(kb: KnowledgeBase, config: Mapping[str, Any]) -> Component:
    lex = lexicon()

    def events(analysis: Analysis) -> None:
        extract_events(analysis, lex)

    return events


# CONSULT, SUPPORT, COOPERATE and AID announced for the future are an AGREE; RETREAT and CONCEDE stay themselves
INTENDED_COOPERATION = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})


def extract_events(analysis: Analysis, lex: Lexicon) -> None:
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
            if aux == "future" and sense.event_type in INTENDED_COOPERATION:
                # PLOVER manual (AGREE): cooperative acts reported in the future tense ("will meet", "will
                # send aid") are intentions and coded AGREE, one category; the aux still says it is ahead
                sense = Sense("AGREE", None, OFFER_CODES[sense.event_type])
            if sense.event_type == "COERCE" and any(t.lemma_.lower() in BLOCKADES for t in cand.trigger) \
                    and _civilian(analysis, actor):
                sense = PROTEST_OBSTRUCT  # "a blockade by drivers protesting against fuel shortages"
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
    for event in events:
        if event.event_type == "ASSAULT" and not event.actor and event.aux is None:
            event.actor = _reporting_side(analysis, event)
    for n, event in enumerate(events, 1):
        event.id = f"V{n}"
    analysis.events = events


# armed sides: a force reporting casualties among its opponents is reporting what it did
ARMED_SECTORS = {"MIL": "state", "GOV": "state", "COP": "state", "REB": "armed", "IMG": "armed", "SEP": "armed"}
#: sectors that wield force: their blockade is a siege or a closure (COERCE); anyone else's is a protest
FORCE_SECTORS = frozenset(ARMED_SECTORS) | {"UAF", "INS", "SPY"}
#: triggers that are COERCE when a force does them and PROTEST (PLOVER mode obstruct, CAMEO 144) when
#: civilians do ("a blockade by drivers", "truckers' blockades")
BLOCKADES = frozenset({"blockade", "barricade"})
PROTEST_OBSTRUCT = Sense("PROTEST", "obstruct", "144")


def _civilian(analysis: Analysis, actor: list[str]) -> bool:
    """Whether an event's actors are all known and none of them wields force."""
    sectors = [e.actor.sector for a in actor if (e := analysis.entity(a)) is not None]
    return bool(sectors) and len(sectors) == len(actor) and all(s and s not in FORCE_SECTORS for s in sectors)


def _reporting_side(analysis: Analysis, event: Event) -> list[str]:
    """'Hundreds of rebels had been killed, the army said': an attack with no attacker named, reported by one
    armed side about the other, is that side's own (PLOVER codes the reporting force as its actor). Victims of
    the speaker's own side, civilians or unknowns leave the attacker unknown."""
    claim = next((a for a in analysis.attributions
                  if a.content.start <= event.trigger.start < a.content.end and a.speaker.entity), None)
    speaker = analysis.entity(claim.speaker.entity) if claim else None
    side = ARMED_SECTORS.get(speaker.actor.sector or "") if speaker else None
    victims = [v for r in event.recipient if (v := analysis.entity(r)) is not None]
    if speaker is None or side is None or not victims:
        return []
    if all(ARMED_SECTORS.get(v.actor.sector or "") not in (None, side) for v in victims):
        event.confidence = max(event.confidence, 0.5)
        return [speaker.id]
    return []
