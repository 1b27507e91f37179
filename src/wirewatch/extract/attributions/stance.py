"""Stance: asserts, hedges, cannot_confirm or denies, from the cue and the content's own words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .cues import STANCE_RANK
from .draft import Raw

if TYPE_CHECKING:
    from spacy.tokens import Token


class StanceMixin:
    """Stance decisions of the extractor."""

    def negated(self, tok: Token) -> bool:
        if any(c.dep_ == "neg" or c.lower_ in ("never", "no") and c.dep_ in ("advmod", "neg") for c in tok.children):
            return True
        # "refused to say", "failed to confirm": the governing verb negates
        return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ("fail", "refuse", "decline")

    def content_stance(self, raw: Raw) -> str:
        start, end = raw.content
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return "asserts"
        lex = self.lex
        roots = {t.i for t in span if t.head.i == t.i or not (start <= t.head.idx < end)}
        best = "asserts"

        def depth(t: Token) -> int:
            d = 0
            while t.i not in roots and d < 8 and t.head.i != t.i:
                t = t.head
                d += 1
            return d

        for t in span:
            lemma = t.lemma_.lower()
            found = None
            if self._nonconfirm(t, lemma, raw):
                found = "cannot_confirm"
            elif self._denial(t, lemma, raw):
                found = "denies"
            elif depth(t) <= 2 and (
                    (t.lower_ in lex.hedge_adverbs and t.dep_ == "advmod")
                    or (t.lower_ in lex.hedge_modals and t.dep_ == "aux")
                    or (lemma in lex.hedge_adjectives and t.dep_ == "acomp")
                    or (lemma in lex.hedge_passives and any(c.dep_ == "nsubjpass" for c in t.children)
                        and any(c.dep_ == "xcomp" for c in t.children))):
                found = "hedges"
            if found and STANCE_RANK[found] > STANCE_RANK[best]:
                best = found
        return best

    def _nonconfirm(self, t: Token, lemma: str, raw: Raw) -> bool:
        """'could not confirm', 'nothing to confirm', 'unable to verify', 'we have no information'."""
        lex = self.lex
        if t.pos_ in ("VERB", "AUX") and lemma in lex.confirm_verbs:
            return (self.negated(t) or t.head.lemma_.lower() in lex.nonconfirm_heads) and self.own_subject(t, raw)
        return (lemma in lex.nonconfirm_objects and t.dep_ == "dobj"
                and t.head.lemma_.lower() in ("have", "see", "find", "receive")
                and any(c.lower_ == "no" for c in t.children) and self.own_subject(t.head, raw))

    def _denial(self, t: Token, lemma: str, raw: Raw) -> bool:
        """'we deny', 'said it denied', 'the reports are false', 'this is a lie'."""
        if t.pos_ == "VERB" and lemma in self.lex.deny_verbs:
            return not self.negated(t) and self.own_subject(t, raw)
        return lemma in self.lex.denial_adjectives and t.dep_ in ("acomp", "attr") and self._denies_claim(t)

    def _denies_claim(self, t: Token) -> bool:
        subj = next((c for c in t.head.children if c.dep_ == "nsubj"), None) if t.dep_ in ("acomp", "attr") else None
        if subj is None:
            return False
        return subj.lemma_.lower() in self.lex.claim_nouns or subj.lower_ in self.lex.claim_nouns

    def cue_hedged(self, v: Token) -> bool:
        return any(c.dep_ == "advmod" and c.lower_ in self.lex.hedge_adverbs for c in v.children)

    def refuses_to_say(self, v: Token) -> bool:
        """'would not say whether ...', 'could not say if ...': a refusal to confirm, not a denial."""
        return v.lemma_.lower() in self.lex.refusal_verbs and (
            any(c.dep_ == "aux" and c.lower_ in ("would", "could", "will", "can", "wo", "ca") for c in v.children)
            or any(c.dep_ == "ccomp" and any(m.lower_ in ("whether", "if") for m in c.children) for c in v.children))
