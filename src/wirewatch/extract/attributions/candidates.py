"""Candidates: the rules that propose attributions from cue verbs, nouns, adjectives, "according to" and hedges."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...model import Cue, Speaker
from .cues import (
    ADJECTIVE_PREPS,
    COPULAS,
    FIRST_PERSON,
    NOUN_PREPS,
    SPEAKER_POS,
    STANCE_RANK,
    VerbCue,
    has_mark,
)
from .draft import Raw

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .quotes import Quote


@dataclass
class _CueWords:
    """The cue words of one article, by kind, in text order."""

    verbs: list[tuple[Token, VerbCue]] = field(default_factory=list)
    nouns: list[Token] = field(default_factory=list)
    adjectives: list[Token] = field(default_factory=list)
    according: list[tuple[Token, int]] = field(default_factory=list)
    in_phrases: list[tuple[Token, Token]] = field(default_factory=list)
    hedges: list[Token] = field(default_factory=list)


class CandidatesMixin:
    """Candidate rules of the extractor."""

    # -- cues -------------------------------------------------------------------------------------
    def verb_entry(self, tok: Token) -> VerbCue | None:
        entries = self.lex.verbs.get(tok.lemma_.lower())
        if not entries:
            return None
        for e in entries:
            if e.particle is None or any(c.dep_ == "prt" and c.lower_ == e.particle for c in tok.children):
                return e
        return None

    # -- main -------------------------------------------------------------------------------------
    def candidates(self) -> list[Raw]:
        """Every attribution the rules find, in text order, before the learnt filter."""
        cues = self._cue_words()
        self._note_reporters(cues.verbs)
        raws: list[Raw] = []
        for v, entry in cues.verbs:
            raw = self.from_verb(v, entry)
            if raw is not None:
                raw.origin = f"verb:{entry.kind}" + (":negated" if raw.plain_negation else "")
                raws.append(raw)
                second = self.second_half(v, raw)
                if second is not None:
                    raws.append(second)
        raws = self.merge_nested(raws)
        self.labelled_paragraphs(raws)
        self._mark_origin(raws, "label")
        for n in cues.nouns:
            raw = self.from_noun(n)
            if raw is not None:
                raw.origin = "noun"
                raws.append(raw)
        for tok in cues.adjectives:
            raw = self.from_adjective(tok)
            if raw is not None:
                raw.origin = "adjective"
                raws.append(raw)
        for tok, n in cues.according:
            self.from_according(tok, n, raws)
        self._mark_origin(raws, "according")
        for tok, src in cues.in_phrases:
            self.from_according(tok, 1, raws, src)
        self._mark_origin(raws, "in")
        for h in cues.hedges:
            raw = self.from_hedge(h, raws)
            if raw is not None:
                raw.origin = "hedge"
                raws.append(raw)
        return self._settle(raws)

    def _cue_words(self) -> _CueWords:
        """One pass over the tokens outside quotations: the cue words of each kind."""
        lex = self.lex
        doc = self.doc
        found = _CueWords()
        for tok in doc:
            if self.tok_quote[tok.i] is not None:
                continue
            low = tok.lower_
            if low == "in" and tok.dep_ == "prep":
                src = self.in_source(tok)
                if src is not None:
                    found.in_phrases.append((tok, src))
                continue
            if low in ("according", "as"):
                for phrase in lex.according:
                    n = len(phrase)
                    if tuple(t.lower_ for t in doc[tok.i:tok.i + n]) == phrase:
                        found.according.append((tok, n))
                        break
                continue
            if tok.dep_ == "acomp" and tok.pos_ in ("ADJ", "VERB") and (
                    tok.lemma_.lower() in lex.adjectives or low in lex.adjectives):
                found.adjectives.append(tok)  # 'are confident that', 'are opposed to' (tagged as a verb)
            elif tok.pos_ in ("VERB", "AUX"):
                entry = self.verb_entry(tok)
                if entry is not None:
                    found.verbs.append((tok, entry))
            elif tok.pos_ == "NOUN" and (tok.lemma_.lower() in lex.nouns or tok.lemma_.lower() in lex.held_nouns):
                found.nouns.append(tok)
            elif low in lex.sourceless_hedges and tok.dep_ == "advmod":
                found.hedges.append(tok)
        return found

    def _note_reporters(self, verbs: list[tuple[Token, VerbCue]]) -> None:
        """Entities that report something are outlets ("CNN reported", "the Times reported")."""
        for v, _ in verbs:
            if v.lemma_.lower() == "report":
                subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
                eid = self.a.token_entity.get(subj.i) if subj is not None else None
                ent = self.a.entity(eid)
                if ent is not None and ent.label in ("ORG", "NOMINAL") and subj is not None and subj.pos_ == "PROPN":
                    self.reporters.add(ent.id)

    def _settle(self, raws: list[Raw]) -> list[Raw]:
        """Nested candidates dropped or marked, text order, continuations and pronoun speakers."""
        # a belief or learnt cue inside someone else's content is part of what they say, not a claim of its own
        raws = [r for r in raws if not r.weak or not any(o.holds_cue_of(r) for o in raws)]
        # an unnamed-source claim ("is believed to") inside someone's content only hedges that content
        raws = [r for r in raws if r.speaker.text or r.cue is not None and r.cue.lemma in self.lex.nouns or not any(
            o is not r and o.speaker.text and o.content[0] <= r.content[0] and r.content[1] <= o.content[1]
            for o in raws)]
        raws.sort(key=lambda r: min(r.content[0], r.cue.start if r.cue else r.content[0]))
        self.continuations(raws)
        raws.sort(key=lambda r: min(r.content[0], r.cue.start if r.cue else r.content[0]))
        self.resolve_pronoun_speakers(raws)
        for r in raws:
            for o in raws:
                if o.holds_cue_of(r):
                    r.inside_other = o.holds_other = True
                    # 'could not verify a claim that ...': the claim is what the dispute is about
                    r.inside_dispute |= o.stance in ("denies", "cannot_confirm") and not o.plain_negation
        return raws

    @staticmethod
    def _mark_origin(raws: list[Raw], origin: str) -> None:
        for r in raws:
            if not r.origin:
                r.origin = origin

    def cue_of(self, v: Token, lemma: str) -> Cue:
        start, end = v.idx, v.idx + len(v.text)
        for c in v.rights:  # phrasal particle right after the verb: "ruled out"
            if c.dep_ == "prt" and c.i == v.i + 1:
                end = c.idx + len(c.text)
                lemma = f"{lemma} {c.lower_}"
        return Cue(start, end, self.text[start:end], lemma)

    def from_verb(self, v: Token, entry: VerbCue) -> Raw | None:
        negation = self._verb_stance(v, entry)
        if negation is None:
            return None
        stance, plain_negation = negation
        if entry.kind == "belief" and v.tag_ == "VBN" and not any(c.dep_.startswith("aux") for c in v.children):
            return None  # "the widely believed story"
        if v.dep_ in ("amod", "compound"):
            return None
        subj, how = self.subject(v)
        if self._no_claim(v, subj):
            return None
        if subj is not None and subj.dep_ == "expl":
            subj = None
        found = self._verb_content(v, entry, subj, how, stance)
        if found is None:
            return None
        (kind, span, root, quote), subject_is_content = found
        if stance == entry.stance == "denies" and entry.object == "claim" and root is not None \
                and self.doc[root].lemma_.lower() not in self.lex.claim_nouns:
            # 'rejected the sanctions as "an illegal aggression"' says what the sanctions are: no claim denied
            stance = "asserts"
        if entry.any_xcomp and root is not None and self.doc[root].lemma_.lower() not in entry.requires:
            stance = entry.any_xcomp  # 'refused to endorse him' says where he stands; it confirms nothing
        via: list[str] = []
        if how == "passive" and subj is not None and root is not None and (subj.i != root or subject_is_content):
            # agentless passive: "it was reported that ...", "Iran is believed to ..." -- no named source
            speaker = Speaker(text="", entity=None, start=None, end=None, anonymous=True)
            if v.lemma_.lower() in self.lex.hedge_passives and stance == "asserts":
                stance = "hedges"
            if subj.lower_ != "it":
                span = (min(span[0], self.doc[self.phrase(subj)[0]].idx), span[1])
        elif how == "quoted":
            quoted = self._quoted_speaker(v, via)
            if quoted is None:
                return None
            speaker, subj = quoted
        elif subj is None and how == "asked" and kind == "indirect":
            # 'Asked whether ..., the minister said ...': the one who asked is not named
            speaker = Speaker(text="", entity=None, start=None, end=None, anonymous=True)
        elif subj is None:
            return None
        else:
            speaker = self.speaker_for(subj)
        if quote is not None:
            quote.used = True
        via += self.via_of(v, entry) + self._relays_of_subject(subj, how)
        speaker, subj = self._citing(v, subj, how, kind, root, speaker, via)
        if stance == "asserts" and self.cue_hedged(v):
            stance = "hedges"
        raw = Raw(kind=kind, speaker=speaker, content=span, cue=self.cue_of(v, v.lemma_.lower()), stance=stance,
                  via=via, cue_tok=v.i, root=root, quote=quote, speaker_head=subj.i if subj is not None else None,
                  belief=entry.kind == "belief", weak=entry.kind in ("belief", "mined"),
                  plain_negation=plain_negation)
        self._verb_tail(v, raw, span)
        return raw

    def _verb_stance(self, v: Token, entry: VerbCue) -> tuple[str, bool] | None:
        """(stance, plainly negated) of a cue verb, or None where a negated cue is no cue of its own."""
        stance = entry.stance
        plain_negation = False
        if self.negated(v):
            if entry.negated is None and not self.refuses_to_say(v) and v.dep_ == "xcomp" and \
                    self.verb_entry(v.head) is not None:
                return None  # 'refused to endorse him': the governing cue reports it (any_xcomp)
            if entry.negated is None and not self.refuses_to_say(v):
                # 'did not mention the deal', 'does not expect a vote': no statement of the content is made
                # (speech), or the holder's belief or wish runs against it (belief). A weak candidate: the
                # learnt filter decides (see filterable).
                plain_negation = True
                stance = "denies" if entry.kind == "belief" else "cannot_confirm"
            else:
                stance = entry.negated or "cannot_confirm"
        return stance, plain_negation

    def _no_claim(self, v: Token, subj: Token | None) -> bool:
        """Whether the verb's subject or object make it an act rather than a claim."""
        if subj is not None and subj.pos_ not in SPEAKER_POS and subj.lower_ not in self.lex.quantifier_speakers:
            return True
        if subj is not None and any(c.dep_ == "det" and c.lower_ == "no" for c in subj.children):
            return True  # "no group claimed ...": nobody said anything
        for c in v.children:
            # "asked not to be named", "claimed responsibility": acts, not claims
            if c.dep_ == "xcomp" and c.lemma_.lower() in self.lex.anonymity_verbs and any(
                    x.dep_ == "auxpass" for x in c.children):
                return True
            if c.dep_ == "dobj" and c.lemma_.lower() in self.lex.act_objects.get(v.lemma_.lower(), ()):
                return True
            # 'citing two diplomats': a source that others speak through (see via), not a claim; 'cited the
            # figure as evidence' is one
            if c.dep_ == "dobj" and v.lemma_.lower() in self.lex.citing and self.is_source(c):
                return True
        return False

    def _verb_content(self, v: Token, entry: VerbCue, subj: Token | None, how: str,
                      stance: str) -> tuple[tuple[str, tuple[int, int], int | None, Quote | None], bool] | None:
        """The content a cue verb introduces, and whether it is the verb's (passive) subject."""
        content = self.content_for(v, entry, subj)
        subject_is_content = False
        if content is None and how == "passive" and subj is not None and (
                stance == "cannot_confirm" or entry.object == "any" and stance == "asserts" and not self.tok_quote[subj.i]):
            # "the claim could not be independently verified": the unconfirmed thing is the subject; so is what
            # "was announced" or "was endorsed", for cues whose object is their content
            content = ("indirect", self.span_chars(*self.phrase(subj)), subj.i, None)
            subject_is_content = True
        passive_subject = next((c for c in v.children if c.dep_ == "nsubjpass"), None)
        if content is None and passive_subject is not None and subj is not None and subj.i != passive_subject.i \
                and entry.object is not None and not self.tok_quote[passive_subject.i]:
            # 'the meeting was first reported by Politico': what the agent reported is the passive subject
            content = ("indirect", self.span_chars(*self.phrase(passive_subject)), passive_subject.i, None)
        if content is None:
            # passive with an xcomp: "Iran is believed to have sent troops" -- the content is the clause
            if how == "passive" and subj is not None and any(c.dep_ == "xcomp" for c in v.children):
                xc = next(c for c in v.children if c.dep_ == "xcomp")
                content = ("indirect", self.span_chars(subj.left_edge.i, xc.right_edge.i), xc.i, None)
            else:
                return None
        return content, subject_is_content

    def _quoted_speaker(self, v: Token, via: list[str]) -> tuple[Speaker, Token] | None:
        """'Reuters quoted the minister as saying ...': the one quoted speaks, the quoter relays (into ``via``)."""
        quoter = v.head.head
        obj = next((c for c in quoter.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if obj is None:
            return None
        speaker = self.speaker_for(obj)
        qsubj, _ = self.subject(quoter)
        if qsubj is not None:
            eid = self.outlet_for(qsubj) or self.a.token_entity.get(qsubj.i)
            if eid:
                via.append(eid)
        return speaker, obj

    def _relays_of_subject(self, subj: Token | None, how: str) -> list[str]:
        """Outlets the speaker spoke through, hung on the subject: 'quoted by Reuters', 'speaking to the BBC'."""
        via: list[str] = []
        if subj is not None:  # "the official quoted by Reuters said ..."
            for c in subj.rights:
                if c.dep_ == "acl" and c.lemma_.lower() in self.lex.quoting:
                    for ag in c.children:
                        if ag.dep_ == "agent":
                            via += [e for e in (self.outlet_for(p) for p in ag.children if p.dep_ == "pobj") if e]
        if subj is not None and how != "quoted":  # "an official, speaking to the BBC, said ..."
            for c in subj.rights:
                if c.dep_ in ("acl", "advcl") and c.lemma_.lower() in self.lex.interview_verbs:
                    via += [e for e in (self.outlet_for(x) for pp in c.children if pp.dep_ == "prep"
                                        and pp.lower_ in ("to", "with", "on") for x in pp.children
                                        if x.dep_ == "pobj") if e]
        return via

    def _citing(self, v: Token, subj: Token | None, how: str, kind: str, root: int | None, speaker: Speaker,
                via: list[str]) -> tuple[Speaker, Token | None]:
        """'Reuters reported, citing two diplomats, that ...': the cited source speaks, Reuters relays."""
        hung = list(subj.rights) if subj is not None and how != "quoted" else []
        for c in list(v.children) + hung + (
                list(self.doc[root].lefts) if root is not None and kind == "indirect" else []):
            if c.lemma_.lower() in self.lex.citing and c.dep_ in ("advcl", "xcomp", "conj", "prep", "acl") \
                    and c.tag_ == "VBG":
                obj = next((x for x in c.children if x.dep_ in ("dobj", "pobj")), None)
                if obj is not None and self.is_source(obj):
                    relay = speaker.entity
                    if relay is None and subj is not None:  # "the newspaper Le Monde, citing ..."
                        relay = next((e for e in (self.outlet_for(x) or self.a.token_entity.get(x.i)
                                                  for x in subj.children if x.dep_ in ("appos", "compound", "flat"))
                                      if e), None) or self.outlet_for(subj)
                    if relay is None and subj is not None and subj.pos_ == "PROPN":
                        # whoever reports citing someone relays them: a name the entities stage missed
                        # ("The Daily Lantern reported on Friday, citing a negotiator") is that outlet
                        relay = self.outlet_entity_for_span(*self.phrase(subj))
                    if relay:
                        via.insert(0, relay)
                    speaker = self.speaker_for(obj)
                    subj = obj
        return speaker, subj

    def _verb_tail(self, v: Token, raw: Raw, span: tuple[int, int]) -> None:
        """The content's run-on after the cue, and a stance the content's own words give."""
        if raw.kind == "indirect" and raw.root is not None and span[0] > v.idx:
            raw.content = self.extend_tail(v, span)
        if raw.kind == "indirect" and raw.root is None and raw.quote is None and span[1] <= v.idx:
            tail = self.tail_after(v)  # "A, he said, B.": the sentence goes on after the cue
            if tail is not None:
                raw.extend(*tail)
        if raw.stance == "asserts" or raw.stance == "hedges":
            inner = self.content_stance(raw)
            if STANCE_RANK[inner] > STANCE_RANK[raw.stance]:
                raw.stance = inner

    def merge_nested(self, raws: list[Raw]) -> list[Raw]:
        """Drop a cue that is the content head of another cue and has the same speaker; its stance moves
        up ("the Pentagon said it could not confirm ..." is one attribution, stance cannot_confirm)."""
        by_cue = {r.cue_tok: r for r in raws if r.cue_tok is not None}
        drop: set[int] = set()
        for r in raws:
            if r.root is None or r.root not in by_cue or r.root == r.cue_tok:
                continue
            inner = by_cue[r.root]
            head = self.doc[inner.speaker_head] if inner.speaker_head is not None else None
            same = (head is None or head.pos_ == "PRON" and head.lower_ not in FIRST_PERSON
                    or (inner.speaker.entity is not None and inner.speaker.entity == r.speaker.entity)
                    or self.doc[r.root].dep_ == "xcomp")
            if not same or r.kind == "direct":
                continue
            if STANCE_RANK[inner.stance] > STANCE_RANK[r.stance]:
                r.stance = inner.stance
            drop.add(id(inner))
        return [r for r in raws if id(r) not in drop]

    def from_noun(self, n: Token) -> Raw | None:
        clause = next((c for c in n.children if c.dep_ in ("acl", "ccomp", "relcl")
                       and has_mark(c, "that")
                       and any(s.dep_ in ("nsubj", "nsubjpass") for s in c.children)), None)
        if clause is None and n.dep_ == "nsubj" and n.head.lemma_.lower() == "be":
            # 'Her answer was that ...', 'his bet is that ...': what the noun is equated with
            clause = next((c for c in n.head.rights if c.dep_ == "ccomp" and has_mark(c, "that", "whether")), None)
        src: Token | None = None
        for c in n.children:
            if c.dep_ == "poss" or (c.dep_ == "compound" and c.i in self.a.token_entity):
                src = c
            elif c.dep_ == "prep" and c.lower_ in ("by", "from"):
                src = next((p for p in c.children if p.dep_ == "pobj"), src)
        lemma = n.lemma_.lower()
        held = lemma not in self.lex.nouns  # a held noun: a cue only with its holder named
        if held and src is None and n.dep_ == "dobj" and n.head.pos_ in ("VERB", "AUX") \
                and not self.negated(n.head) and self.verb_entry(n.head) is None:
            # 'voiced support for ...', 'raised questions about ...': the holder is the verb's subject
            src, how = self.subject(n.head)
            if how != "active":
                src = None
        if clause is None:
            # "his plan to cut taxes", "Trump's criticism of the deal": with a named holder only
            if src is None or src.dep_ not in ("poss", "nsubj"):
                return None
            clause = next((c for c in n.rights if c.dep_ in ("acl", "xcomp") and any(
                m.dep_ == "aux" and m.lower_ == "to" for m in c.children)), None)
            if clause is None:
                prep = next((c for c in n.rights if c.dep_ == "prep" and c.lower_ in NOUN_PREPS), None)
                clause = next((p for p in prep.children if p.dep_ in ("pobj", "pcomp")), None) if prep else None
            if clause is None:
                return None
            span = self.span_chars(clause.left_edge.i, self.trim_aside(clause.left_edge.i, clause.right_edge.i))
        else:
            span = None
        span = span or self.clause_content(clause)
        if held and src is None:
            return None
        if src is None and n.dep_ == "dobj" and n.head.lemma_.lower() in self.lex.confirm_verbs | self.lex.deny_verbs:
            # "could not verify a claim that ...": someone unnamed made the claim
            stance = self.lex.nouns[n.lemma_.lower()]
            return Raw(kind="indirect", speaker=Speaker(text="", entity=None, start=None, end=None, anonymous=True),
                       content=span, cue=Cue(n.idx, n.idx + len(n.text), n.text, n.lemma_.lower()),
                       stance=stance, cue_tok=n.i, root=clause.i)
        if src is None and n.dep_ == "dobj":
            src, _ = self.subject(n.head)
        if src is None or src.pos_ not in SPEAKER_POS:
            return None
        stance = self.lex.nouns.get(lemma, "asserts")
        raw = Raw(kind="indirect", speaker=self.speaker_for(src), content=span,
                  cue=Cue(n.idx, n.idx + len(n.text), n.text, lemma), stance=stance, cue_tok=n.i,
                  root=clause.i, speaker_head=src.i, belief=held, weak=held)
        if stance == "asserts":
            raw.stance = self.content_stance(raw)
        return raw

    def from_adjective(self, adj: Token) -> Raw | None:
        """'Officials are confident that the bridge will open', 'voters are worried about prices': a belief or
        stance of the copula's subject."""
        be = adj.head
        # a copula ('are confident', 'seemed eager', 'grew wary'), not a causative ('make sure the doors lock')
        if be.lemma_.lower() not in COPULAS or self.negated(be) or self.negated(adj):
            return None
        subj, how = self.subject(be)
        if subj is None or how != "active" or subj.pos_ not in SPEAKER_POS or subj.lower_ == "it":
            return None
        span: tuple[int, int] | None = None
        root: Token | None = None
        for c in adj.rights:
            if c.dep_ in ("ccomp", "xcomp"):
                span, root = self.clause_content(c), c
                break
            if c.dep_ == "prep" and c.lower_ in ADJECTIVE_PREPS:
                root = next((p for p in c.children if p.dep_ in ("pobj", "pcomp")), None)
                if root is not None:
                    span = self.span_chars(root.left_edge.i, self.trim_aside(root.left_edge.i, root.right_edge.i))
                break
        if span is None or root is None or self.crosses_paragraph(adj, root):
            return None
        raw = Raw(kind="indirect", speaker=self.speaker_for(subj), content=span,
                  cue=Cue(adj.idx, adj.idx + len(adj.text), adj.text, adj.lemma_.lower()), stance="asserts",
                  cue_tok=adj.i, root=root.i, speaker_head=subj.i, belief=True, weak=True)
        raw.stance = self.content_stance(raw)
        return raw

    def from_according(self, tok: Token, n: int, raws: list[Raw], src: Token | None = None) -> None:
        doc = self.doc
        last = doc[tok.i + n - 1]
        if src is None:
            src = next((c for c in last.children if c.dep_ == "pobj"), None)
        if src is None:
            src = next((t for t in doc[last.i + 1:last.i + 6] if t.pos_ in ("NOUN", "PROPN")), None)
        if src is None:
            return
        p_first, p_last = tok.i, src.right_edge.i
        h = tok.head if tok.head.i != tok.i else tok
        # attached to another cue ("Obama said ..., according to the AP"): an intermediary
        target = next((r for r in raws if r.cue_tok == h.i), None)
        if target is None:
            sent = tok.sent
            for r in raws:
                if r.cue_tok is not None and sent.start <= r.cue_tok < sent.end and (
                        r.content[0] <= h.idx < r.content[1]) and (
                        p_last >= sent.end - 2 or p_first == sent.start or abs(tok.idx - r.content[0]) <= 2):
                    target = r
        sent = tok.sent
        at_edge = p_first <= sent.start + 1 or p_last >= sent.end - 3 and all(
            t.is_punct or t.is_space for t in doc[p_last + 1:sent.end])
        if target is not None:
            # the phrase is not part of what was said
            cs, ce = target.content
            ps = doc[p_first].idx
            if target.kind != "direct" and abs(ps - cs) <= 2:  # 'said, according to X, that ...'
                cspan = doc.char_span(cs, ce, alignment_mode="expand")
                if cspan is not None and p_last + 1 <= cspan.end - 1:
                    target.content = self.span_chars(p_last + 1, cspan.end - 1)
            elif target.kind != "direct" and cs < ps < ce:
                target.content = self.span_chars(doc.char_span(cs, ce, alignment_mode="expand").start, p_first - 1)
            eid = self.outlet_for(src) or self.a.token_entity.get(src.i)
            if eid is not None and not target.belief:
                if eid != target.speaker.entity:
                    target.via.append(eid)
                return
        clause = h
        if at_edge:  # the whole sentence is what the source says ("Obama said ..., according to a transcript")
            clause = sent.root
        while clause.pos_ not in ("VERB", "AUX") and clause.dep_ != "ROOT" and clause.head.i != clause.i:
            clause = clause.head
        first, last_i = clause.left_edge.i, clause.right_edge.i
        while last_i > first and (doc[last_i].is_punct or doc[last_i].is_space):
            last_i -= 1
        while first < last_i and (doc[first].is_punct or doc[first].is_space):
            first += 1
        if p_first <= first + 1:
            first = p_last + 1
        elif p_last >= last_i - 1:
            last_i = p_first - 1
        if first > last_i:
            return
        speaker = self.speaker_for(src)
        if speaker.entity is None:
            speaker.entity = self.outlet_for(src)
        start, end = tok.idx, doc[tok.i + n - 1].idx + len(doc[tok.i + n - 1].text)
        raw = Raw(kind="according_to", speaker=speaker, content=self.span_chars(first, last_i),
                  cue=Cue(start, end, self.text[start:end], " ".join(t.lower_ for t in doc[tok.i:tok.i + n])),
                  stance="asserts", cue_tok=tok.i, root=clause.i, speaker_head=src.i)
        raw.stance = self.content_stance(raw)
        raws.append(raw)

    def from_hedge(self, h: Token, raws: list[Raw]) -> Raw | None:
        """'Iran has reportedly sent troops': a claim from unnamed sources, hedged."""
        for r in raws:
            if r.content[0] <= h.idx < r.content[1] or r.cue_tok == h.head.i:
                return None
        clause = h.head
        span = self.span_chars(clause.left_edge.i, clause.right_edge.i)
        return Raw(kind="indirect", speaker=Speaker(text="", entity=None, start=None, end=None, anonymous=True),
                   content=span, cue=Cue(h.idx, h.idx + len(h.text), h.text, h.lower_), stance="hedges",
                   cue_tok=h.i, root=clause.i)
