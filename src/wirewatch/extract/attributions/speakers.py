"""Speakers: who a cue's subject is, whether a source is anonymous, pronoun speakers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...model import Speaker
from ..entities import is_subject
from .cues import DEFINITE, FIRST_PERSON, QUESTION_VERBS, SPEAKER_CUT_DEPS, SPEAKER_POS
from .draft import Raw

if TYPE_CHECKING:
    from spacy.tokens import Token


class SpeakersMixin:
    """Speaker finding of the extractor."""

    def trim_aside(self, first: int, last: int) -> int:
        """Drop a trailing aside: ', who ...', ', which ...', an apposition -- the writer's words, not the
        content ('said Fowler expects Clinton to recover, which forced her to ...' -> '... to recover')."""
        doc = self.doc
        for t in doc[first + 1:last + 1]:
            if (t.dep_ == "appos" or t.dep_ == "relcl" and doc[t.left_edge.i].lower_ in ("who", "which", "whose")) \
                    and t.head.i < t.i and t.left_edge.i > first + 2 \
                    and doc[t.left_edge.i - 1].text == "," and t.right_edge.i >= last - 1 \
                    and self.tok_quote[t.i] is None:
                return t.left_edge.i - 2
        return last

    def span_chars(self, first: int, last: int) -> tuple[int, int]:
        """Character span of tokens first..last (inclusive), trimmed of punctuation/space at the edges."""
        doc = self.doc
        while first < last and (doc[first].is_punct or doc[first].is_space or doc[first].dep_ == "mark"
                                and doc[first].lower_ in ("that", "whether", "if")):
            first += 1
        while last > first and (doc[last].is_punct and doc[last].text not in (")", "]") or doc[last].is_space):
            last -= 1
        return doc[first].idx, doc[last].idx + len(doc[last].text)

    def phrase(self, head: Token) -> tuple[int, int]:
        """Token range of the noun phrase headed by ``head`` without appositions and relative clauses."""
        left, right = head.left_edge.i, head.right_edge.i
        for c in head.rights:
            if c.dep_ in SPEAKER_CUT_DEPS:
                right = c.left_edge.i - 1
                break
        for c in head.lefts:
            if c.dep_ in ("appos", "relcl", "acl") or c.dep_ == "punct" and c.tag_ != "HYPH":
                left = c.right_edge.i + 1
        right = max(right, head.i)
        left = min(left, head.i)
        doc = self.doc
        while right > head.i and (doc[right].is_punct or doc[right].is_space):
            right -= 1
        while left < head.i and (doc[left].is_punct or doc[left].is_space):
            left += 1
        return left, right

    def speaker_for(self, head: Token) -> Speaker:
        left, right = self.phrase(head)
        start = self.doc[left].idx
        end = self.doc[right].idx + len(self.doc[right].text)
        return Speaker(text=self.text[start:end], entity=self.entity_of(head), start=start, end=end,
                       anonymous=self.is_anonymous(head))

    def entity_of(self, head: Token) -> str | None:
        te = self.a.token_entity
        if head.i in te:
            return te[head.i]
        for c in head.children:
            if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN" and c.i in te:
                return te[c.i]
        for c in head.children:
            # "Trump's top economic adviser, Larry Kudlow, said": the title names no one, its apposition does
            if c.dep_ == "appos" and c.i in te and (ent := self.a.entity(te[c.i])) is not None \
                    and ent.label in ("PERSON", "ORG"):
                return ent.id
        lemma = head.lemma_.lower()
        if lemma in self.lex.document_nouns:
            for c in head.children:
                if c.dep_ == "compound" and c.i in te:
                    return te[c.i]  # "the army statement": the army's
            for c in head.rights:
                if c.dep_ == "prep" and c.lower_ in ("by", "from", "of"):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return self.a.entity_for_subtree(p)
        if lemma in self.lex.outlet_words and self._definite(head):
            return self.latest_outlet(head.idx)
        return None

    def _definite(self, tok: Token) -> bool:
        return any(c.dep_ == "det" and c.lower_ in DEFINITE for c in tok.children) and not any(
            c.pos_ == "PROPN" for c in tok.lefts)

    def is_anonymous(self, head: Token) -> bool:
        if head.pos_ in ("PROPN", "PRON"):
            return False
        if head.lemma_.lower() not in self.lex.anonymous_heads and head.lower_ not in self.lex.anonymous_heads:
            return False
        # a name attached to the head ("spokesman John Kirby", "the official, Ali Hassan") names them
        for c in head.children:
            if c.dep_ in ("compound", "flat", "appos") and c.ent_type_ == "PERSON":
                return False
        ent = self.a.entity(self.a.token_entity.get(head.i))
        return not (ent is not None and ent.label == "PERSON")

    def subject(self, v: Token, depth: int = 0) -> tuple[Token | None, str]:
        """The speaker head of cue ``v`` and how it was found: active|passive|quoted|none."""
        subjects = [c for c in v.children if c.dep_ in ("nsubj", "csubj")]
        if len(subjects) > 1:  # '"... None," a spokesman said': a word of the quote is no subject
            subjects = [c for c in subjects if self.tok_quote[c.i] is None] or subjects
        for c in subjects:
            if c.tag_ in ("WDT", "WP") and v.dep_ == "relcl":  # "the army, which said ..."
                return v.head, "active"
            return c, "active"
        for c in v.children:
            if c.dep_ == "nsubjpass":
                for a in v.children:
                    if a.dep_ == "agent":
                        for p in a.children:
                            if p.dep_ == "pobj":
                                return p, "active"
                return c, "passive"
        if depth > 3:
            return None, "none"
        head = v.head
        if v.dep_ == "pcomp" and head.lower_ == "as" and head.head.lemma_.lower() in self.lex.quoting:
            return None, "quoted"
        if (v.dep_ == "ROOT" or v.dep_ == "conj" and self.tok_quote[head.i] is not None) \
                and self.tok_quote[v.i] is None and self.speech_cue(v):
            # '"... among the wounded," Tarkint's deputy mayor, Abdoulaye Maiga, told Meridian Press': the
            # parser hung the speaker on a word of the quotation (and may have joined the cue to its verb)
            stray = self.speaker_after_quote(v)
            if stray is not None:
                return stray, "active"
        if v.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
            if head.dep_ == "ccomp" and self.verb_entry(head.head) is not None and self.verb_entry(v) is not None:
                return self.subject(head.head, depth + 1)  # "X denied that ... and blamed Kyiv"
            return self.subject(head, depth + 1)
        if v.dep_ == "xcomp" and head.lemma_.lower() in self.lex.continue_verbs:
            return self.subject(head, depth + 1)
        if v.dep_ == "xcomp" and head.pos_ == "VERB":
            # object control: 'the results forced Sanders to acknowledge ...', 'led some to speculate that ...'
            obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < v.i), None)
            if obj is not None and obj.pos_ in SPEAKER_POS | {"DET"}:
                return obj, "active"
        if v.dep_ in ("advcl", "acl") and v.tag_ == "VBG":  # "..., saying that ..."
            if v.dep_ == "acl":
                return head, "active"
            return self.subject(head, depth + 1)
        if v.dep_ == "advcl" and (v.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)
                                  or v.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "having"
                                                             for c in v.children)):
            # 'went on television to say ...', 'Having announced that ..., the judge ...': the main subject
            return self.subject(head, depth + 1)
        if v.dep_ == "pcomp" and v.tag_ == "VBG" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
            # 'After thanking the crowd, he ...', 'by talking about the wall', 'before clarifying that ...'
            return self.subject(head.head, depth + 1)
        if v.dep_ == "relcl" and head.pos_ in ("NOUN", "PROPN"):
            return head, "active"
        if v.dep_ == "advcl" and v.tag_ == "VBN" and v.lemma_.lower() in QUESTION_VERBS:
            return None, "asked"  # 'Asked whether ..., she said ...' (a reduced passive)
        if v.dep_ == "ROOT" and self.speech_cue(v):
            stray = self.stray_subject(v)
            if stray is not None:
                return stray, "active"
        return None, "none"

    def speaker_after_quote(self, v: Token) -> Token | None:
        """The head of the noun phrase between a quotation's close and cue ``v`` -- the words there are only
        that phrase (no verb) -- whatever the parser made of it."""
        doc = self.doc
        k = v.i - 1
        while k >= v.sent.start and doc[k].idx not in self.close_at:
            if doc[k].pos_ in ("VERB", "AUX") or self.tok_quote[k] is not None:
                return None
            k -= 1
        if k < v.sent.start:
            return None  # no quotation closes before the cue in its sentence
        words = range(k + 1, v.i)
        heads = [t for t in doc[k + 1:v.i] if t.head.i not in words and t.pos_ in SPEAKER_POS]
        # the first phrase: 'Tarkint's deputy mayor, Abdoulaye Maiga,' may come as two (title, name)
        return heads[0] if heads else None

    def stray_subject(self, v: Token) -> Token | None:
        """The speaker of a main-clause speech cue that the parser hung elsewhere, as an apposition or a
        bare noun phrase: 'Tuesday in New York, former president Bill Clinton said ...', 'Col. Steven Warren,
        a military spokesman in Baghdad, said ...' -- the name right before the cue, or right before one
        aside set off in commas."""
        doc = self.doc
        first = v.sent.start
        j = v.i - 1
        while j >= first and doc[j].is_space:
            j -= 1
        for _ in range(2):
            comma = j >= first and doc[j].text == ","
            if comma:
                j -= 1
            if j < first:
                return None
            t = doc[j]
            if t.pos_ in ("PROPN", "NOUN") and t.dep_ in ("appos", "npadvmod", "dep") and self.tok_quote[t.i] is None:
                return t
            if not comma:
                return None
            while j > first and doc[j].text != ",":  # back over the aside to the comma that opens it
                j -= 1
            if j <= first:
                return None
        return None

    # -- stance -----------------------------------------------------------------------------------
    def own_subject(self, t: Token, speaker: Raw) -> bool:
        """Whether verb ``t`` inside the content is the speaker's own act (pronoun / same entity / none)."""
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        while subj is None and t.dep_ in ("conj", "xcomp", "relcl", "ccomp") and t.head.i != t.i:
            if t.dep_ == "relcl":
                return True  # "nothing to confirm"
            if t.dep_ == "ccomp":
                break
            t = t.head
            subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            return True
        if subj.pos_ == "PRON":
            return subj.lower_ in FIRST_PERSON or speaker.kind != "direct"
        eid = self.a.token_entity.get(subj.i)
        return eid is not None and eid == speaker.speaker.entity

    def is_source(self, tok: Token) -> bool:
        lemma = tok.lemma_.lower()
        if lemma in self.lex.anonymous_heads or lemma in self.lex.document_nouns or tok.pos_ == "PROPN":
            return True
        ent = self.a.entity(self.a.token_entity.get(tok.i))
        return ent is not None and ent.label in ("PERSON", "ORG", "NORP", "GPE", "NOMINAL")

    def in_source(self, tok: Token) -> Token | None:
        """The source of 'in X' used like 'according to X': 'in a new poll', 'in his view' (-> his), 'in the
        words of the mayor' (-> the mayor); None when the object is no source noun."""
        obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if obj is None or obj.lemma_.lower() not in self.lex.in_sources:
            return None
        # a poll or study is a source when the sentence opens with it ('In a new poll, ...'); elsewhere 'in
        # the polls' is mostly a standing ('leads in the polls'), not a claim
        lead = [t for t in tok.sent if t.i < tok.i and not (t.is_punct or t.is_space or t.dep_ == "cc")]
        if lead and not any(c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "of" for c in obj.children):
            return None
        for c in obj.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                return next((p for p in c.children if p.dep_ == "pobj"), obj)
        return next((c for c in obj.children if c.dep_ == "poss"), obj)

    def _subject_since(self, entity_id: str, start: int, end: int) -> bool:
        """Whether a mention of the entity between characters ``start`` and ``end`` is a clause's subject."""
        ent = self.a.entity(entity_id)
        for m in ent.mentions if ent is not None else []:
            if start <= m.start < end:
                span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is not None and is_subject(span.root):
                    return True
        return False

    def resolve_pronoun_speakers(self, raws: list[Raw]) -> None:
        """A pronoun speaker the entities stage left unresolved (or resolved to a place for "he"/"she"):
        the previous speaker nearby, as speakers usually continue from one paragraph to the next."""
        prev: Raw | None = None
        spoken: set[str] = set()
        for r in raws:
            head = self.doc[r.speaker_head] if r.speaker_head is not None else None
            if head is not None and head.pos_ == "PRON":
                ent = self.a.entity(r.speaker.entity)
                personal = head.lower_ in ("he", "she")
                if ent is not None and personal and ent.label not in ("PERSON", "NOMINAL"):
                    r.speaker.entity = ent = None
                # the previous speaker, when near enough to go on from
                pent = self.a.entity(prev.speaker.entity) \
                    if prev is not None and r.content[0] - prev.content[1] < 600 else None
                if ent is not None and personal and ent.label == "PERSON" and ent.id not in spoken \
                        and pent is not None and pent.label == "PERSON" and pent.id != ent.id \
                        and prev is not None and not self._subject_since(
                            ent.id, max(prev.last_end, prev.cue.end if prev.cue else 0), head.idx):
                    # the person named last was only mentioned ("at a reception for Minister X"), has
                    # not spoken and is no subject since; the one who spoke last has: "he" goes on
                    r.speaker.entity = pent.id
                    ent = pent
                if ent is None and pent is not None and (not personal or pent.label in ("PERSON", "NOMINAL")):
                    r.speaker.entity = pent.id
            if r.speaker.entity:
                prev = r
                spoken.add(r.speaker.entity)
