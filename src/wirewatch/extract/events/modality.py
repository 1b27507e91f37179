"""Modality: the auxiliary mode of an event (negation, hypothetical, future, historical) from its own words
and the clauses above it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...analysis import Analysis
from .lexicon import COND_MARKS, COOPERATIVE, FUT_MODALS, HYP_MODALS, NEG_WORDS, REFUSAL_MODALS, YEAR, Lexicon
from .triggers import Candidate, _zone

if TYPE_CHECKING:
    from spacy.tokens import Token


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


def _confidence(cand: Candidate, actor: list[str], recipient: list[str], aux: str | None) -> float:
    score = cand.quality + (0.12 if actor else -0.2) + (0.05 if recipient else 0.0)
    if aux in ("hypothetical",):
        score -= 0.05
    if not actor:
        score = min(score, 0.5)  # an attack with nobody named as its perpetrator
    return round(max(0.05, min(0.95, score)), 2)


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


def _quoted(analysis: Analysis, tok: Token) -> bool:
    return any(a.kind == "direct" and a.content.start <= tok.idx < a.content.end for a in analysis.attributions)


def _depth(tok: Token) -> int:
    d = 0
    while tok.head is not tok and d < 50:
        tok, d = tok.head, d + 1
    return d
