"""Quotations: double-quoted spans paragraph by paragraph, and what the extractor asks of them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...model import Cue, Speaker
from ...nlp.deps import CONTENT_CLAUSE_DEPS
from .cues import CLOSE_QUOTES, LABEL, OPEN_QUOTES, PARAGRAPH, SIGNED
from .draft import Raw

if TYPE_CHECKING:
    from spacy.tokens import Token


# -- quotations ---------------------------------------------------------------------------------------
@dataclass
class Quote:
    open: int  # offset of the opening mark
    start: int  # content start (after the mark)
    close: int  # offset of the closing mark, or the paragraph end when the quote runs on
    closed: bool
    used: bool = False

    @property
    def end(self) -> int:
        """Content end: before the closing mark, without the comma that hands over to the cue."""
        return self.close - 1 if self.close - 1 > self.start and self.text_end_comma else self.close

    text_end_comma: bool = False


# A two-character mark is read before its first character, as a left-to-right scan of the text would.
QUOTE_MARK = re.compile(r"''|``|[“”«»„\"]")


def find_quotes(text: str) -> list[Quote]:
    """Double quotations, paragraph by paragraph. Two-character marks count too (``''...''`` and
    ````...''``, as some wire styles write them); single quotes are left alone (apostrophes)."""
    quotes: list[Quote] = []
    pos = 0
    for para in text.split("\n"):
        opener: str | None = None
        start = 0
        n = len(para)
        for m in QUOTE_MARK.finditer(para):  # only the marks: every other character leaves the state alone
            mark, j = m.group(), m.start()
            if opener is None:
                if mark in OPEN_QUOTES and mark != "”":
                    opener, start = mark, pos + j
            elif mark == OPEN_QUOTES[opener] or (opener == "``" and mark == '"') or (
                    opener in ("“", '"') and mark in ("”", '"')):  # curly and straight marks mixed in one text
                quotes.append(Quote(start, start + len(opener), pos + j, True))
                opener = None
            elif mark == "“" and opener == "“":  # a new opening mark: the previous quote ran on
                quotes.append(Quote(start, start + 1, _rstrip(text, start + 1, pos + j), False))
                start = pos + j
        if opener is not None:
            quotes.append(Quote(start, start + len(opener), _rstrip(text, start + len(opener), pos + n), False))
        pos += n + 1
    for q in quotes:
        q.text_end_comma = text[q.close - 1:q.close] == ","
    return [q for q in quotes if q.close > q.start]


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


class QuotesMixin:
    """Quotation lookups of the extractor."""

    # -- helpers ----------------------------------------------------------------------------------
    def _map_quotes(self) -> list[Quote | None]:
        out: list[Quote | None] = []
        k = 0
        for tok in self.doc:
            while k < len(self.quotes) and self.quotes[k].close <= tok.idx:
                k += 1
            q = self.quotes[k] if k < len(self.quotes) else None
            out.append(q if q is not None and q.start <= tok.idx < q.close else None)
        return out

    def in_quote(self, tok: Token) -> Quote | None:
        return self.tok_quote[tok.i]

    def quote_next_to(self, v: Token, subj_left: int) -> Quote | None:
        """A quotation that ends right before the cue clause or starts right after the cue."""
        doc = self.doc
        lead = min([subj_left] + [c.left_edge.i for c in v.lefts if c.dep_ in ("advmod", "aux", "neg", "cc")])
        j = lead - 1
        while j >= 0 and (doc[j].is_space or doc[j].text in (",", "—", "–")):
            j -= 1
        first = doc[lead].idx
        if j >= 0 and doc[j].idx in self.close_at and "\n" not in self.text[doc[j].idx:first]:
            q = self.close_at[doc[j].idx]
            if not q.used:
                return q
        # after the cue: 'told AFP: "..."' / 'said, "..."' (past the sentence end only after a colon)
        colon = False
        for k in range(v.i + 1, min(len(doc), v.i + 12)):
            t = doc[k]
            if t.idx in self.open_at:
                q = self.open_at[t.idx]
                # words between the cue and the quote need a comma or colon before it ('told AFP: "..."');
                # else the quote is a fragment of a longer object ('called the plan "a disaster"')
                words = any(x.is_alpha for x in doc[v.i + 1:k])
                if words and doc[k - 1].text not in (",", ":", "—", "–"):
                    return None
                return None if q.used or (t.sent.start != v.sent.start and not colon) else q
            if t.text in (".", "?", "!", ";"):
                return None
            colon = colon or t.text == ":"
            if t.is_punct or t.is_space:
                continue
            if not (t.head.i == v.i or v.i in (a.i for a in t.ancestors)) or t.dep_ in CONTENT_CLAUSE_DEPS:
                return None
            if t.pos_ in ("VERB", "AUX") and t.i != v.i:
                return None
        return None

    def quote_fits(self, q: Quote, c: Token, speaker_before: int | None = None) -> bool:
        """Whether the phrase headed by ``c`` lies inside quotation ``q`` (no words of it outside). With
        ``speaker_before`` (a cue's offset), words between the quote's close and the cue are let in too: the
        speaker, which the parser made a word of the quoted clause ('"There were children among the
        victims," the town's deputy mayor told ...')."""
        lo, hi = q.open, q.close + 2
        until = speaker_before if speaker_before is not None and q.close < speaker_before else q.close
        return not any(t.is_alpha and not (lo <= t.idx < hi or q.close < t.idx < until) for t in c.subtree)

    def crosses_paragraph(self, a: Token, b: Token) -> bool:
        lo, hi = sorted((a.idx, b.idx))
        return "\n" in self.text[lo:hi]

    def one_paragraph(self, s: int, e: int, cue: Cue | None) -> tuple[int, int]:
        """A reported (not quoted) content stays in one paragraph: the parser runs sentences on over a
        paragraph break after a headline or a dateline ('7:05 p.m.'), and the clause it hands the cue then
        starts in another paragraph. The paragraph kept is the cue's, else the one nearest the cue."""
        text = self.text
        breaks = [m.start() for m in re.finditer(r"\n", text[s:e])]
        if not breaks:
            return s, e
        pieces: list[tuple[int, int]] = []
        start = s
        for b in breaks:
            if not text[start:s + b].strip():  # a blank line between paragraphs
                continue
            pieces.append((start, s + b))
            start = s + b + 1
        pieces.append((start, e))
        if len(pieces) == 1:
            return s, e
        at = cue.start if cue is not None else s
        a, b = min(pieces, key=lambda p: 0 if p[0] <= at < p[1] else min(abs(at - p[0]), abs(at - p[1])))
        while a < b and text[a].isspace():
            a += 1
        return a, _rstrip(text, a, b)

    def quote_end(self, s: int, e: int) -> tuple[int, int]:
        """A content never stops inside a quotation it opens ('called Burma a "good news story in an era
        when ..."' runs to the closing mark)."""
        for q in self.quotes:
            if s <= q.open and q.start < e < q.close and "\n" not in self.text[e:q.close]:
                return s, q.end
        return s, e

    def labelled_paragraphs(self, raws: list[Raw]) -> None:
        """Paragraphs a name introduces or signs: transcripts and headlines ('WALLACE: Do you ...',
        'Pence: Flowers won't be at debate') and vox-pop quotes signed with a dash ('"..." ― Ana Ruiz')."""
        taken = [(r.content[0], r.last_end) for r in raws]
        for m_para in PARAGRAPH.finditer(self.text):
            para = m_para.group(0)
            start, end = m_para.start(), m_para.end()
            body = para.strip()
            if len(body) < 12 or any(min(b, end) - max(a, start) > (end - start) / 2 for a, b in taken):
                continue
            lead = len(para) - len(para.lstrip())
            m = LABEL.match(body)
            if m and m.group(1).split()[0].lower() in self.lex.not_labels:
                continue  # page furniture ('Contributing: ...'), not a speaker
            if m:
                sp = (start + lead + m.start(1), start + lead + m.end(1))
                cue = (sp[1], sp[1] + 1)
                rest = body[m.end(1) + 1:]
                cs = cue[1] + len(rest) - len(rest.lstrip())
                content = (cs, _rstrip(self.text, cs, end))
            else:
                m = SIGNED.search(body)
                if not m:
                    continue
                first = start + lead
                sp = (first + m.start(2), _rstrip(self.text, first, first + m.end(2)))
                cue = (first + m.start(1), first + m.end(1))
                content = (first, _rstrip(self.text, first, first + m.start(1)))
            if content[1] - content[0] < 8:
                continue
            span = self.doc.char_span(sp[0], sp[1], alignment_mode="expand")
            if span is None:
                continue
            head = span.root
            speaker = Speaker(text=self.text[sp[0]:sp[1]], entity=self.entity_of(head), start=sp[0], end=sp[1],
                              anonymous=False)
            raw = Raw(kind="direct", speaker=speaker, content=content,
                      cue=Cue(cue[0], cue[1], self.text[cue[0]:cue[1]], self.text[cue[0]:cue[1]]),
                      stance="asserts", speaker_head=head.i)
            raw.stance = self.content_stance(raw)
            raws.append(raw)
            for q in self.quotes:  # the paragraph's quotation is this claim; it continues no other one
                if content[0] <= q.start < content[1]:
                    q.used = True

    def continuations(self, raws: list[Raw]) -> None:
        """Quotes nobody introduces that start a sentence right after a direct quote: same speaker."""
        text = self.text
        for q in self.quotes:
            if q.used:
                continue
            span = self.doc.char_span(q.start, q.end, alignment_mode="contract")
            if span is None or len([t for t in span if t.is_alpha]) < 2:
                continue
            # a verbless fragment ("The Donald. Big Daddy.") continues only within the paragraph
            verbless = not any(t.pos_ in ("VERB", "AUX") for t in span) or len([t for t in span if t.is_alpha]) < 3
            k = q.open  # back over spaces, no-break spaces included ('," he said.\xa0"...'), to a newline at most
            while k > 0 and text[k - 1].isspace() and text[k - 1] != "\n":
                k -= 1
            if k > 0 and text[k - 1] not in ".?!\n”\"":
                continue
            prev = [r for r in raws if r.last_end <= q.open]
            if not prev:
                continue
            last = max(prev, key=lambda r: r.last_end)
            if last.kind != "direct" and last.speaker.start is not None:
                # the speaker's own aside after their quote ('," said Ms. Ortiz, referring to ...'): the quote
                # continues past it
                last = max((r for r in prev if r.kind == "direct" and r.speaker.start == last.speaker.start),
                           key=lambda r: r.last_end, default=last)
            quoted_end = last.kind == "direct" or text[last.last_end:last.last_end + 2].lstrip(",.")[:1] in CLOSE_QUOTES
            # another claim in between ends the quote, unless it is the same speaker's aside in the cue
            # sentence ('," said Ms. Ortiz, referring to the old boats. "...')
            if not quoted_end or any(r is not last and r.content[0] > last.last_end and r.content[0] < q.open
                                     and not (r.speaker.start is not None and r.speaker.start == last.speaker.start)
                                     for r in raws):
                continue
            # a quotation holding another claim ('"PENCE: ...' in a transcript) is not a continuation
            if any(q.start <= r.content[0] < q.end for r in raws):
                continue
            between = text[last.last_end:q.open]
            new_para = "\n" in between
            if verbless and new_para:
                continue
            if new_para and (between.count("\n") > 2 or text[q.open - 1] != "\n"):
                continue
            # a quotation carried over a paragraph opens with the same mark as the one it continues
            prev_q = next((p for p in self.quotes if p.start <= last.last_end <= p.close + 1), None)
            if new_para and prev_q is not None and text[prev_q.open:prev_q.start] != text[q.open:q.start]:
                continue
            q.used = True
            # one quotation that runs over several sentences or paragraphs: one attribution
            last.extend(q.start, q.end)
            if last.stance == "asserts":
                last.stance = self.content_stance(last)
