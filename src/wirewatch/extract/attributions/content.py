"""Contents: the span a cue introduces (clauses, arguments, prepositional contents, run-on tails)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...nlp.deps import CONTENT_CLAUSE_DEPS
from .cues import ADDRESSEE_VERBS, ARG_DEPS, ARG_PREPS, QUESTION_VERBS, VerbCue, has_mark
from .draft import Raw
from .quotes import Quote

if TYPE_CHECKING:
    from spacy.tokens import Token


class ContentMixin:
    """Content spans of the extractor."""

    def clause_content(self, c: Token) -> tuple[int, int]:
        first, last = c.left_edge.i, c.right_edge.i
        # a coordinated cue verb without its own subject belongs to the speaker, not to the content
        for x in c.rights:
            if x.dep_ == "conj" and self.speech_cue(x) and not any(
                    y.dep_ in ("nsubj", "nsubjpass") for y in x.children):
                cc = [y for y in c.rights if y.dep_ in ("cc", "punct") and y.i < x.i]
                last = (cc[-1].i if cc and cc[-1].i > c.i else x.i) - 1
                break
        # ", arguing that ...", ", citing ...": a cue participle after a comma at the end of the complement
        # starts an attribution of its own; it is not part of the content
        for x in c.subtree:
            if x.dep_ in ("advcl", "conj", "xcomp") and x.tag_ == "VBG" and x.i > c.i and first <= x.i <= last \
                    and (self.verb_entry(x) is not None or x.lemma_.lower() in self.lex.citing) \
                    and self.doc[x.left_edge.i - 1].text == "," and x.left_edge.i - 1 > c.i:
                last = x.left_edge.i - 2
                break
        # a date the parser hung on the complement right after the cue ("said on Friday it ...")
        subj = next((x for x in c.lefts if x.dep_ in ("nsubj", "nsubjpass", "expl")), None)
        if subj is not None:
            for x in c.lefts:
                # also any phrase before the subject of a complement without "that" that the parser made
                # adverbial ('said after the storm he would ...')
                if x.i < subj.i and (x.dep_ in ("prep", "npadvmod") and (c.dep_ == "advcl" or all(
                        t.ent_type_ in ("DATE", "TIME") or t.dep_ == "prep" for t in x.subtree))
                        or x.lemma_.lower() in self.lex.citing and x.tag_ == "VBG"):
                    first = x.right_edge.i + 1
        return self.span_chars(first, self.trim_aside(first, last))

    def content_for(self, v: Token, entry: VerbCue, subj: Token | None) -> tuple[str, tuple[int, int], int | None,
                                                                                Quote | None] | None:
        # 1. a quotation governed by the cue
        governed = self._governed_quote(v)
        if governed is not None:
            return governed
        # 2. clausal complement (also one hung on "citing ...")
        comps = self._complements(v, entry)
        if entry.clause_only:
            comps = [c for c in comps if c.dep_ == "ccomp"]
            if not comps:
                return self.prep_content(v, entry)
        if entry.requires:
            comps = [c for c in comps if c.dep_ == "xcomp" and (c.lemma_.lower() in entry.requires or entry.any_xcomp)]
            if not comps:
                return None
        clause = self._from_complements(v, comps)
        if clause is not None:
            return clause
        subj_left = self.phrase(subj)[0] if subj is not None and subj.i < v.i else v.i
        # 3. an adjacent quotation
        q = self.quote_next_to(v, min(subj_left, v.i))
        if q is not None:
            return "direct", (q.start, q.end), None, q
        if entry.kind == "belief":  # a belief needs a proposition: 'fears that ...', 'wants to ...'
            # ... or, for some, a thing: 'polls show a close race', 'voters want lower taxes'
            return self.argument_content(v) if entry.takes_arguments() else None
        if entry.kind == "mined":  # an object alone only for verbs that mostly report what someone says
            return self.argument_content(v) if entry.object == "any" else self.prep_content(v, entry)
        # 4. a preposition's object ("accused Iran of sending troops", "warned of an attack")
        for c in v.rights:
            # 'is calling for the United States to step up ...': the parser makes "for" the mark of a clause
            if c.dep_ == "advcl" and c.left_edge.lower_ == "for" and "for" in entry.preps and c.left_edge.dep_ == "mark" \
                    and not self.crosses_paragraph(v, c):
                return "indirect", self.span_chars(c.left_edge.i + 1, c.right_edge.i), c.i, None
        found = self.prep_content(v, entry) or self._object_content(v, entry) or self._as_clause_content(v) \
            or self._around_speaker(v, entry, subj, subj_left)
        if found is not None:
            return found
        # 7. what the cue is about, as its object: 'stressed the need for ...', 'mentioned the deal'
        if entry.takes_arguments() and not entry.requires:
            if entry.object == "claim" and not self._characterised(v):
                # 'rejected the sanctions', 'dismissed the offer': an act on a thing, not a claim denied
                return None
            return self.argument_content(v)
        return None

    def _characterised(self, v: Token) -> bool:
        """'rejected the sanctions as "an illegal aggression"': the cue's object, then what it is called."""
        obj = next((c for c in v.rights if c.dep_ == "dobj"), None)
        return obj is not None and bool(self._called(v, obj))

    @staticmethod
    def _called(v: Token, obj: Token) -> list[Token]:
        """What the cue calls its object, after it: 'called the plan a disaster', 'described him as a liar'."""
        return [x for x in v.rights if x.i > obj.i and (x.dep_ == "oprd" or x.dep_ == "prep" and x.lower_ == "as")]

    def _governed_quote(self, v: Token) -> tuple[str, tuple[int, int], int, Quote] | None:
        """A quotation governed by the cue (a quoted fragment inside a longer complement is not one: 'called
        Clinton a "champion"', 'said Trump has "enormous respect" for the military')."""
        for c in v.children:
            q = self.in_quote(c)
            if q is not None and c.dep_ != "punct" and not q.used and self.quote_fits(q, c) \
                    and not self.crosses_paragraph(v, c) and not any(
                    o is not c and o.dep_ in ("dobj", "dative") and self.tok_quote[o.i] is None for o in v.rights):
                return "direct", (q.start, q.end), c.i, q
        return None

    def _complements(self, v: Token, entry: VerbCue) -> list[Token]:
        """The clauses a cue may introduce, wherever the parser hung them."""
        comps = [c for c in v.children if c.dep_ in CONTENT_CLAUSE_DEPS]
        if entry.kind == "speech" and not entry.requires:
            # 'said after the convention he would not accept ...': the parser hangs a complement without
            # "that" on the cue as an adverbial clause; one with a subject of its own and no mark is the content
            comps += [c for c in v.rights if c.dep_ == "advcl" and c.pos_ in ("VERB", "AUX") and c.tag_ != "VBG"
                      and any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children)
                      and not any(x.dep_ == "mark" for x in c.children)]
        # 'said in a statement that ...', 'said following the vote that ...': the parser hangs the complement on
        # the object of a preposition after the cue
        comps += [x for c in v.rights if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"
                  for x in o.children if x.dep_ in ("acl", "ccomp") and x.i > o.i and x.pos_ in ("VERB", "AUX")
                  and has_mark(x, "that")
                  and any(t.dep_ in ("nsubj", "nsubjpass") for t in x.children)]
        if v.lemma_.lower() in QUESTION_VERBS:
            # 'asked the minister whether ...': the parser often makes the question an adverbial clause
            comps += [c for c in v.rights if c.dep_ == "advcl" and has_mark(c, "if", "whether")]
        for c in v.children:
            if c.lemma_.lower() in self.lex.citing and c.dep_ in ("advcl", "xcomp", "conj"):
                comps += [x for x in c.children if x.dep_ == "ccomp"]
                # 'citing two diplomats, that ...': the parser hangs the clause on the cited source
                comps += [x for o in c.children if o.dep_ == "dobj" for x in o.children
                          if x.dep_ in ("relcl", "acl") and has_mark(x, "that")]
        return comps

    def _from_complements(self, v: Token, comps: list[Token]) -> tuple[str, tuple[int, int], int,
                                                                          Quote | None] | None:
        """The content of the first complement that can be one (a quotation in it, else the clause)."""
        for c in comps:
            if c.dep_ == "parataxis" and c.i < v.i and self.in_quote(c) is None:
                continue
            if self.crosses_paragraph(v, c):
                continue
            q = self.in_quote(c)
            if q is not None and not q.used and self.quote_fits(q, c, speaker_before=v.idx):
                return "direct", (q.start, q.end), c.i, q
            span = self.clause_content(c)
            if c.dep_ == "xcomp":
                # 'urged the council to act', 'called on Congress to act': who is to act is part of the content
                obj = next((o for o in v.rights if o.i < c.i and (
                    o.dep_ == "dobj" or o.dep_ == "prep" and o.lower_ == "on")), None)
                first = obj.left_edge.i if obj is not None and obj.dep_ == "dobj" else next(
                    (p.left_edge.i for p in obj.children if p.dep_ == "pobj"), None) if obj is not None else None
                if first is not None:
                    span = (self.doc[first].idx, span[1])
            return "indirect", span, c.i, None
        return None

    def _object_content(self, v: Token, entry: VerbCue) -> tuple[str, tuple[int, int], int, None] | None:
        """5. The direct object, where the lexicon allows it ("denied the report", "ruled out sending")."""
        if not entry.object:
            return None
        for c in v.children:
            if c.dep_ in ("dobj", "pcomp") or (c.dep_ == "xcomp" and entry.object == "any"):
                if entry.object == "claim" and c.lemma_.lower() not in self.lex.claim_nouns:
                    continue
                last = c.right_edge.i
                if c.dep_ == "dobj":
                    for x in self._called(v, c):
                        last = x.right_edge.i
                return "indirect", self.span_chars(c.left_edge.i, last), c.i, None
        return None

    def _as_clause_content(self, v: Token) -> tuple[str, tuple[int, int], int, None] | None:
        """5a. 'As the minister noted, the port reopened': the clause the "as" phrase is set in."""
        if v.dep_ in ("advcl", "acl") and has_mark(v, "as") \
                and v.head.pos_ in ("VERB", "AUX") and not self.crosses_paragraph(v, v.head):
            head = v.head
            lo, hi = v.left_edge.i, v.right_edge.i
            # the content is the larger side of the clause: what follows an opening phrase ('Of course, as X
            # noted, ...'), what precedes a closing one ('..., as X noted.')
            if lo - head.left_edge.i <= head.right_edge.i - hi:
                first, last = hi + 1, head.right_edge.i
            else:
                first, last = head.left_edge.i, lo - 1
            if last > first:
                return "indirect", self.span_chars(first, last), head.i, None
        return None

    def _around_speaker(self, v: Token, entry: VerbCue, subj: Token | None,
                        subj_left: int) -> tuple[str, tuple[int, int], None, None] | None:
        """The sentence around a speaker set in commas: 5b. "The museum, Mr. Bush said, celebrated ...";
        6. the clause before the speaker: "Iran sent troops, an official told the channel."."""
        if subj is not None and v.dep_ == "parataxis" and v.head.i > v.i and subj.i < v.i:
            j = subj_left - 1
            first = v.head.left_edge.i
            if j > first and self.doc[j].text in (",", "—", "–"):
                return "indirect", self.span_chars(first, j - 1), None, None
        if subj is not None and entry.requires == frozenset():
            sent_start = v.sent.start
            while "\n" in self.text[self.doc[sent_start].idx:self.doc[subj_left].idx]:
                sent_start += 1  # not across a paragraph break (a headline the parser ran on)
            j = subj_left - 1
            while j >= sent_start and self.doc[j].is_space:
                j -= 1
            if j > sent_start and self.doc[j].text in (",", "—", "–"):
                before = self.doc[sent_start:j]
                if any(t.pos_ in ("VERB", "AUX") for t in before) and not any(
                        v.i in (a.i for a in t.ancestors) for t in before if not t.is_punct and not t.is_space):
                    return "indirect", self.span_chars(sent_start, j - 1), None, None
        return None

    def prep_content(self, v: Token, entry: VerbCue) -> tuple[str, tuple[int, int], int | None, None] | None:
        """The object of a preposition the cue's entry names ("accused Iran of sending troops", "warned of an
        attack", "pointed to the polls")."""
        for c in v.children:
            if c.dep_ == "prep" and c.lower_ in entry.preps:
                for p in c.children:
                    if p.dep_ in ("pobj", "pcomp"):
                        # "accused the government of rigging the vote": who is accused belongs to the claim
                        obj = next((o for o in v.children if o.dep_ == "dobj" and o.i < c.i), None)
                        first = obj.left_edge.i if obj is not None else p.left_edge.i
                        return "indirect", self.span_chars(first, p.right_edge.i), p.i, None
        return None

    def argument_content(self, v: Token) -> tuple[str, tuple[int, int], int | None, Quote | None] | None:
        """Content of a cue whose content is its object ('criticized the plan', 'called Clinton a
        "champion"', 'pointed to reports that ...'): from its first to its last argument after it."""
        args = [c for c in v.rights if c.dep_ in ARG_DEPS or c.dep_ == "prep" and c.lower_ in ARG_PREPS and any(
            p.dep_ in ("pobj", "pcomp") for p in c.children) and not self.is_time(c)]
        if not args:
            return None
        if v.lemma_.lower() in ADDRESSEE_VERBS and all(c.dep_ in ("dobj", "dative") for c in args):
            return None  # 'told me', 'asked the crowd': the addressee is not what was said
        first, last = args[0], args[-1]
        if self.crosses_paragraph(v, last):
            return None
        head = next((c for c in args if c.dep_ != "prep"), first)
        lo = first.left_edge.i
        if first.dep_ == "prep":  # 'talked about immigration': what was talked about is the object, not "about ..."
            obj = next((p for p in first.children if p.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                lo = obj.left_edge.i
        return "indirect", self.span_chars(lo, self.trim_aside(lo, last.right_edge.i)), head.i, None

    def is_time(self, prep: Token) -> bool:
        return all(t.ent_type_ in ("DATE", "TIME") or t.dep_ in ("prep", "det") for t in prep.subtree)

    def speech_cue(self, tok: Token) -> bool:
        entry = self.verb_entry(tok)
        return entry is not None and entry.kind == "speech"

    def tail_after(self, v: Token) -> tuple[int, int] | None:
        """What follows a parenthetical cue to the end of its sentence ('A, he said, B.' -> B)."""
        doc = self.doc
        last = max([v.i] + [t.i for c in v.rights if c.dep_ not in ("punct", "advcl", "conj", "cc", "parataxis",
                                                                    "ccomp") for t in c.subtree])
        k = last + 1
        if k >= v.sent.end or doc[k].text not in (",", "—", "–"):
            return None
        k += 1
        end = v.sent.end - 1
        while end > k and (doc[end].is_punct or doc[end].is_space):
            end -= 1
        words = [t for t in doc[k:end + 1] if t.is_alpha]
        if len(words) < 2 or self.tok_quote[k] is not None:
            return None
        return self.span_chars(k, end)

    def run_on(self, r: Raw, tail: tuple[int, int]) -> tuple[int, int]:
        """The content of ``r`` run on over ``tail`` (a token range from :func:`sentence_tail`)."""
        return r.content[0], max(r.content[1], self.span_chars(*tail)[1])

    def final_span(self, r: Raw) -> tuple[int, int]:
        """The content span an attribution is given (quotations closed, reported content in one paragraph)."""
        s, e = self.quote_end(*r.content_span())
        if r.kind != "direct":
            s, e = self.one_paragraph(s, e, r.cue)
        return s, e

    def extend_tail(self, v: Token, span: tuple[int, int]) -> tuple[int, int]:
        """A content after its cue runs on over what the parser hung on the cue after it: an adverbial
        clause ('said he would go, when it comes to ...'), a further complement, a preposition phrase that
        is not a time ('warned of attacks in the capital'), a second complement ('..., but that ...'). It
        stops at what the speaker does next: a coordinated verb ('and encouraged ...'), a participle (', adding ...'), another cue, a time, a
        paragraph break."""
        doc = self.doc
        cs = doc.char_span(span[0], span[1], alignment_mode="expand")
        if cs is None:
            return span
        last = new = cs.end - 1
        for c in v.rights:
            if c.left_edge.i <= last or c.is_punct or c.dep_ == "cc":
                continue
            # another cue in between ('..., telling reporters that ...') owns what follows it
            if any(t.tag_ == "VBG" and self.speech_cue(t) for t in doc[new + 1:c.left_edge.i]):
                break
            # 'said the border must be secured, but that ...': a second complement of the cue, coordinated
            second = c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and has_mark(c, "that")
            if not (c.dep_ in ("advcl", "ccomp", "parataxis") and c.tag_ != "VBG" and self.verb_entry(c) is None
                    or c.dep_ == "prep" and not self.is_time(c) or second):
                break
            new = c.right_edge.i
        if new <= last or "\n" in self.text[span[1]:doc[new].idx]:
            return span
        return span[0], max(self.span_chars(cs.start, new)[1], span[1])

    def second_half(self, v: Token, raw: Raw) -> Raw | None:
        """The rest of a quote the cue interrupts: '"We are ready," he said, "and we will win."'."""
        if raw.kind != "direct" or raw.quote is None or raw.quote.close > v.idx:
            return None
        q = self.quote_next_to(v, v.i + 1)
        if q is None or q is raw.quote or q.open < v.idx:
            return None
        q.used = True
        # the quotation is one claim: its content runs from the first part to the last (cue included)
        raw.extend(q.start, q.end)
        return None
