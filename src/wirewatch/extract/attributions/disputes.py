"""Disputes: which earlier claims a later denial or non-confirmation answers (``disputed_by``)."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from ...analysis import Analysis
from ...model import DISPUTING, Attribution
from .cues import STOP_LEMMAS, CueLexicon

if TYPE_CHECKING:
    from spacy.tokens import Token


# -- disputes -----------------------------------------------------------------------------------------
def content_terms(analysis: Analysis, start: int, end: int) -> tuple[set[str], set[str]]:
    """Content words (lower-cased lemmas of nouns, verbs, adjectives, names) and names inside a span."""
    span = analysis.doc.char_span(start, end, alignment_mode="expand")
    words: set[str] = set()
    names: set[str] = set()
    if span is None:
        return words, names
    for t in span:
        if t.is_stop or t.is_punct or t.is_space or t.pos_ not in ("NOUN", "PROPN", "VERB", "ADJ", "NUM"):
            continue
        lemma = t.lemma_.lower()
        if lemma in STOP_LEMMAS or len(lemma) < 3:
            continue
        words.add(lemma)
        if t.pos_ == "PROPN" or t.ent_type_ in ("GPE", "NORP", "ORG", "PERSON", "LOC") or t.i in analysis.token_entity:
            names.add(lemma)
    return words, names


def _stem_match(a: str, b: str) -> bool:
    """Same word, or one a 4+ letter prefix of the other (Iran/Iranian, Iraq/Iraqi, force/forces)."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 3


def _overlap(x: set[str], y: set[str]) -> set[str]:
    return {a for a in x if any(_stem_match(a, b) for b in y)}


def _points_back(t: Token) -> bool:
    """A claim noun that refers to something said before: 'the report', 'these claims', 'allegations'."""
    if any(c.dep_ in ("acl", "ccomp", "relcl", "poss") for c in t.children):
        return False
    return any(c.dep_ == "det" and c.lower_ in ("the", "these", "those", "this", "that", "such") for c in t.children) or (
        t.tag_ == "NNS" and not any(c.dep_ == "det" for c in t.children))


def link_disputes(analysis: Analysis, atts: list[Attribution], lex: CueLexicon) -> None:
    """Set ``disputed_by`` on earlier claims that a later denial or non-confirmation answers.

    Heuristic (documented, article-independent). A denying / cannot_confirm attribution D disputes an
    attribution A that asserts or hedges, from another speaker, when

    * A comes before D and their contents share at least two content words (lemmas, prefix-matched so
      "Iran"/"Iranian" and "shell"/"shelling" meet), one of them a name (proper noun, named entity or
      demonym) -- or any two when A is among the three attributions just before D;
    * D's content is short and points back with a claim noun ("denied the accusation", "said the reports
      were false"): then the nearest earlier claim by another speaker;
    * A is nested in D's content ("said Iran's claim that it shot down a drone was untrue");
    * D's content is short and its speaker is named in the sentence of one of the three claims just before
      it: the accused answering ("X accused the Houthis of firing the shells. The Houthis denied
      involvement");
    * D is a quotation that goes on with the speaker's own denial just before it ("The federation denied
      that its members had used explosives. 'We came with our vehicles, not with dynamite,' its leader
      said"): it disputes what that denial disputes.
    """
    terms = [content_terms(analysis, a.content.start, a.content.end) for a in atts]

    def other_speaker(a: Attribution, d: Attribution) -> bool:
        if a.speaker.entity is not None and a.speaker.entity == d.speaker.entity:
            return False
        return a.speaker.entity is not None or a.speaker.text.lower() != d.speaker.text.lower() or not a.speaker.text

    def link(a: Attribution, d: Attribution) -> None:
        if d.id not in a.disputed_by:
            a.disputed_by.append(d.id)

    for j, d in enumerate(atts):
        if d.stance not in DISPUTING:
            continue
        dw, dn = terms[j]
        candidates = [i for i, a in enumerate(atts) if i != j and a.stance in ("asserts", "hedges")
                      and other_speaker(a, d)]
        for i in candidates:
            a = atts[i]
            if d.content.start <= a.content.start and a.content.end <= d.content.end and a.content != d.content:
                link(a, d)
                continue
            if i > j:
                continue
            aw, an = terms[i]
            shared = _overlap(dw, aw)
            near = sum(1 for k in candidates if i < k < j) < 3
            if len(shared) >= 2 and (_overlap(shared, an | dn) or near):
                link(a, d)
        span = analysis.doc.char_span(d.content.start, d.content.end, alignment_mode="expand")
        anaphoric = len(dw) <= 6 and span is not None and any(
            t.pos_ == "NOUN" and t.lemma_.lower() in lex.claim_nouns and _points_back(t) for t in span)
        earlier = [i for i in candidates if i < j and not (
            d.content.start <= atts[i].content.start and atts[i].content.end <= d.content.end)]
        if anaphoric and earlier:
            # "could not confirm the number of people killed": the claim it points back to is the latest
            # one that shares a word with it (the strike "killing at least 11 people"), else the latest
            sharing = [i for i in earlier if _overlap(dw, terms[i][0])]
            link(atts[(sharing or earlier)[-1]], d)
        elif len(dw) <= SHORT_ANSWER and earlier:
            answered = _answered(analysis, [atts[i] for i in earlier[-3:]], d)
            if answered is not None:
                link(answered, d)
    _quoted_denials(atts)


#: at most this many characters between a denial and the quotation that goes on with it
CONTINUATION_GAP = 300


def _quoted_denials(atts: list[Attribution]) -> None:
    """A quotation right after the same speaker's reported denial disputes the same claims, whatever its own
    stance ("Our officers acted strictly within the law," after the ministry denied excessive force)."""
    by_start = sorted(atts, key=lambda a: a.content.start)
    for before, after in itertools.pairwise(by_start):
        if after.kind != "direct" or before.kind == "direct" or not before.speaker.entity:
            continue
        if after.speaker.entity != before.speaker.entity or before.stance not in DISPUTING:
            continue
        if not 0 <= after.content.start - before.content.end <= CONTINUATION_GAP:
            continue
        for a in atts:
            if before.id in a.disputed_by and after.id not in a.disputed_by:
                a.disputed_by.append(after.id)


#: content words of a denial short enough to be an answer to what was said of its speaker ("denied
#: involvement", "rejected the allegations as lies")
SHORT_ANSWER = 4


def _answered(analysis: Analysis, earlier: list[Attribution], d: Attribution) -> Attribution | None:
    """The latest of ``earlier`` whose sentence names ``d``'s speaker (not as its own speaker): what the
    denier was accused of."""
    speaker = analysis.entity(d.speaker.entity) if d.speaker.entity else None
    if speaker is None:
        return None
    for a in reversed(earlier):
        sent = analysis.doc.char_span(a.content.start, a.content.end, alignment_mode="expand")
        if sent is None:
            continue
        lo, hi = sent.sent.start_char, sent.sent.end_char
        own = (a.speaker.start, a.speaker.end)
        if any(lo <= m.start and m.end <= hi and (m.start, m.end) != own for m in speaker.mentions):
            return a
    return None
