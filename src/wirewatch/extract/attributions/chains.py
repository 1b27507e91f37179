"""Chains: outlets and intermediaries (``via``: CNN <- a senior official)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .cues import VerbCue

if TYPE_CHECKING:
    from spacy.tokens import Token


class ChainsMixin:
    """Outlet and intermediary finding of the extractor."""

    # -- outlets ----------------------------------------------------------------------------------
    def is_outlet_name(self, name: str) -> bool:
        low = " ".join(name.lower().replace("’s", "").replace("'s", "").split())
        if low.startswith("the "):
            low = low[4:]
        if low in self.lex.outlet_names or f"the {low}" in self.lex.outlet_names:
            return True
        words = low.split()
        return len(words) > 1 and words[-1] in self.lex.outlet_name_words

    def is_outlet(self, entity_id: str) -> bool:
        if entity_id in self.reporters:
            return True
        if entity_id not in self.outlet_cache:
            ent = self.a.entity(entity_id)
            self.outlet_cache[entity_id] = ent is not None and ent.label not in ("PERSON", "GPE", "NORP") and (
                self.is_outlet_name(ent.name) or any(self.is_outlet_name(m.text) for m in ent.mentions))
        return self.outlet_cache[entity_id]

    def latest_outlet(self, before: int) -> str | None:
        best: tuple[int, str] | None = None
        for ent in self.a.entities:
            if not self.is_outlet(ent.id):
                continue
            for m in ent.mentions:
                if m.end <= before and (best is None or m.start > best[0]):
                    best = (m.start, ent.id)
        if best is None:  # no entity yet: an outlet named in the text by the NER
            for span in self.doc.ents:
                if span.end_char <= before and span.label_ == "ORG" and self.is_outlet_name(span.text):
                    best = (span.start_char, self.outlet_entity_for_span(span.start, span.end - 1) or "")
            return best[1] or None if best else None
        return best[1]

    def outlet_entity_for_span(self, first: int, last: int) -> str | None:
        """The entity of an outlet named by tokens first..last, created if the entities stage missed it."""
        doc = self.doc
        while first < last and doc[first].lower_ == "the":
            first += 1
        start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
        name = self.text[start:end]
        for ent in self.a.entities:
            if ent.name.lower() == name.lower() or any(m.start == start and m.end == end for m in ent.mentions):
                self.a.add_mention(ent.id, start, end)
                return ent.id
        ent = self.a.add_entity(name, "ORG", start, end)
        self.outlet_cache[ent.id] = True
        return ent.id

    def outlet_for(self, tok: Token) -> str | None:
        """The outlet entity a noun phrase headed by ``tok`` names or refers back to, if it is one."""
        eid = self.a.token_entity.get(tok.i)
        if eid is None:
            for c in tok.lefts:
                if c.dep_ in ("compound", "flat") and c.i in self.a.token_entity:
                    eid = self.a.token_entity[c.i]
        if eid is not None:
            if self.is_outlet(eid):
                return eid
            ent = self.a.entity(eid)
            if ent is None or ent.label != "NOMINAL":
                return None
        lemma = tok.lemma_.lower()
        if lemma in self.lex.outlet_words and self._definite(tok):
            return self.latest_outlet(tok.idx)
        left, right = self.phrase(tok)
        name = self.doc[left:right + 1].text
        if tok.pos_ == "PROPN" and self.is_outlet_name(name) or (
                lemma in self.lex.outlet_words and not self._definite(tok) and tok.pos_ in ("NOUN", "PROPN")
                and any(c.dep_ in ("amod", "compound") for c in tok.lefts)):
            return self.outlet_entity_for_span(left, right)
        return None

    def via_of(self, v: Token, entry: VerbCue) -> list[str]:
        cands: list[Token] = []
        for c in v.children:
            dep = c.dep_
            if dep in ("dobj", "dative") and entry.lemma in ("tell", "write"):
                cands.append(c)
            elif dep == "prep" and c.lower_ in ("to", "with", "on"):
                cands += [p for p in c.children if p.dep_ == "pobj"]
            elif dep == "prep" and c.lower_ in ("in", "during"):
                for p in c.children:
                    if p.dep_ == "pobj" and p.lemma_.lower() in self.lex.interview_nouns:
                        for pp in p.children:
                            if pp.dep_ == "prep" and pp.lower_ in ("with", "to", "on"):
                                cands += [x for x in pp.children if x.dep_ == "pobj"]
                        cands += [x for x in p.children if x.dep_ == "poss"]
            elif dep == "advcl" and c.lemma_.lower() in self.lex.interview_verbs:
                for pp in c.children:
                    if pp.dep_ == "prep" and pp.lower_ in ("to", "with", "on"):
                        cands += [x for x in pp.children if x.dep_ == "pobj"]
        out = []
        for c in cands:
            eid = self.outlet_for(c)
            if eid is not None:
                out.append(eid)
        return out
