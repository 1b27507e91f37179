"""A learnt last look at attribution candidates: which of them a careful annotator would keep.

The rules in :mod:`.candidates` propose candidates generously: every cue word of
the lexicon in a plausible position. Some cue words are attributions most of the time ("said",
"denied"), others only now and then ("backed", "called", "continues"), and whether one is depends on
its surroundings: who the speaker is, whether the content is a clause or a bare noun, how long it is.
A logistic regression over a few dozen such signs, fitted on the PolNeAR train split by
``scripts/train_attribution_filter.py``, weighs them; candidates it scores below the threshold it was
tuned with are dropped. A second one decides where a reported content runs on to the end of its
sentence ('said the plan would fail, leaving thousands without cover'), which the rules often stop
short of. The weights are a data file (``data/models/attribution_filter.json``: feature name ->
weight), read by :mod:`wirewatch.kb.models` with no machine-learning library at run time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from ...kb.lexicons import lexicon_words, load_lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ...analysis import Analysis
    from .cues import VerbCue
    from .draft import Raw
    from .quotes import Quote

# the content's first word, kept as a feature when it is one of these (else its part of speech)
FIRST_WORDS = frozenset(lexicon_words("attribution_words", "filter_first_words"))


class Extractor(Protocol):
    """What the filter reads of the extractor that asks it: the article, its quotations and the cue lexicon."""

    a: Analysis
    doc: Doc
    text: str
    tok_quote: list[Quote | None]

    def verb_entry(self, tok: Token) -> VerbCue | None: ...

LENGTH_BUCKETS = (1, 2, 3, 5, 8, 13, 21, 34, 55)


# parts of speech whose words are features by themselves ("that", "to", "and"); any other word is its POS
FUNCTION_POS = ("ADP", "SCONJ", "CCONJ", "PRON", "DET", "ADV", "PART")


def _bucket(n: int) -> str:
    return str(next((b for b in LENGTH_BUCKETS if n <= b), "more"))


def _word_or_pos(t: Token, pos: tuple[str, ...] = FUNCTION_POS) -> str:
    return t.lower_ if t.pos_ in pos else t.pos_


def _content(ex: Extractor, r: Raw) -> tuple[int, int, Span | None]:
    """The candidate's content as characters (start, end) and as the tokens that cover them."""
    s, e = r.content_span()
    return s, e, ex.doc.char_span(s, e, alignment_mode="expand")


def filterable(r: Raw) -> bool:
    """Whether the filter may drop a candidate at all. A quotation is what it is, and a denial, a
    non-confirmation or a hedge is what claim status is made of: those are kept whatever their score --
    except a plainly negated cue ('did not mention', 'does not expect'), which is one only now and then.
    Nor is a claim inside a denial's or non-confirmation's content ('could not verify a claim that ...')."""
    return r.kind != "direct" and r.origin != "label" and (r.stance == "asserts" or r.plain_negation) \
        and not r.inside_dispute


def candidate_features(ex: Extractor, r: Raw) -> list[str]:
    """Names of the binary features of one candidate (present = 1)."""
    doc = ex.doc
    feats = [f"origin={r.origin}", f"kind={r.kind}", f"stance={r.stance}"]
    lemma = r.cue.lemma if r.cue is not None else "<none>"
    feats.append(f"lemma={lemma}")
    feats.append(f"origin_kind={r.origin}|{r.kind}")
    if r.cue_tok is not None:
        v = doc[r.cue_tok]
        pos = {"VERB": "verb", "AUX": "verb", "NOUN": "noun", "ADJ": "adj", "ADP": "prep"}.get(v.pos_)
        row = cue_statistics().get(pos or "", {}).get(lemma)
        feats.append(f"prior={min(9, int(row['precision'] * 10)) if row else 'none'}")
        feats += [f"cue_tag={v.tag_}", f"cue_dep={v.dep_}", f"lemma_kind={lemma}|{r.kind}"]
        if v.tag_ in ("VBG", "VBN"):
            feats.append(f"lemma_tag={lemma}|{v.tag_}")
        if ex.tok_quote[v.i] is not None:
            feats.append("cue_in_quote")
    sp = r.speaker
    if not sp.text:
        feats.append("speaker=none")
    else:
        head = doc[r.speaker_head] if r.speaker_head is not None else None
        if head is not None and head.pos_ == "PRON":
            feats.append(f"speaker=pron:{head.lower_ in ('it', 'this', 'that', 'which', 'what')}")
        ent = ex.a.entity(sp.entity) if sp.entity else None
        feats.append(f"speaker_label={ent.label if ent is not None else 'none'}")
        if sp.anonymous:
            feats.append("speaker_anonymous")
        if head is not None:
            feats.append(f"speaker_pos={head.pos_}")
        if sp.start is not None and r.cue is not None:
            feats.append(f"speaker_side={'before' if sp.start < r.cue.start else 'after'}")
    s, e, span = _content(ex, r)
    words = [t for t in span if not t.is_punct and not t.is_space] if span is not None else []
    feats.append(f"content_len={_bucket(len(words))}")
    feats.append(f"kind_len={r.kind}|{_bucket(len(words))}")
    if words:
        first = words[0]
        feats.append(f"content_first={first.lower_ if first.lower_ in FIRST_WORDS else first.pos_}")
        if any(t.pos_ in ("VERB", "AUX") for t in words):
            feats.append("content_has_verb")
        if any(t.dep_ in ("nsubj", "nsubjpass") for t in words):
            feats.append("content_has_subject")
    if r.cue is not None:
        feats.append(f"content_side={'before' if e <= r.cue.start else 'after' if s >= r.cue.end else 'around'}")
    if r.inside_other:  # PolNeAR annotates a claim inside another's content only now and then
        feats.append(f"inside_other|{r.origin}")
    if r.holds_other:
        feats.append("holds_other")
    if r.more:
        feats.append("continued")
    if r.via:
        feats.append("via")
    if r.root is not None:
        feats.append(f"root_dep={doc[r.root].dep_}")
    line_start = ex.text.rfind("\n", 0, s) + 1
    if line_start == 0:
        feats.append("first_line")
    para = ex.text[line_start:line_start + 1]
    if para and para in "\"“'‘":
        feats.append("paragraph_opens_quote")
    return feats


def sentence_tail(ex: Extractor, r: Raw) -> tuple[int, int] | None:
    """Token range [first, last] from just after a reported content to the end of its sentence (final
    punctuation and quote marks left out, never across a line break), or None where nothing is left or
    the content is a quotation (which ends where its marks do)."""
    if r.kind == "direct":
        return None
    doc = ex.doc
    _, e, span = _content(ex, r)
    if span is None or not len(span):
        return None
    end_tok = span[-1]
    sent = end_tok.sent
    last = sent.end - 1
    while last > end_tok.i and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    first = end_tok.i + 1
    if last < first or "\n" in ex.text[e:doc[last].idx]:
        return None
    return first, last


def tail_features(ex: Extractor, r: Raw, first: int, last: int) -> list[str]:
    """Names of the features of one candidate extension of a content to its sentence's end."""
    doc = ex.doc
    tail = doc[first:last + 1]
    words = [t for t in tail if not t.is_punct and not t.is_space]
    lemma = r.cue.lemma if r.cue is not None else "<none>"
    feats = [f"kind={r.kind}", f"origin={r.origin}", f"lemma={lemma}", f"tail_len={_bucket(len(words))}"]
    span = _content(ex, r)[2]
    inside = set(range(span.start, span.end)) if span is not None else set()
    feats.append(f"content_len={_bucket(len(inside))}")
    head = tail[0]
    nxt = next((t for t in tail if not t.is_punct), head)
    # (the first token, punctuation included, by the function classes less PART: how the model was fitted)
    feats.append(f"first={head.lower_ if head.is_punct else _word_or_pos(head, FUNCTION_POS[:-1])}")
    feats.append(f"first_word={_word_or_pos(nxt)}")
    feats.append(f"first_pair={head.text if head.is_punct else '_'}|{_word_or_pos(nxt)}")
    cue = r.cue_tok
    for t in tail:
        if t.head.i < first or t.head.i > last:  # the tail's top constituents and where they hang
            where = "content" if t.head.i in inside else "cue" if t.head.i == cue else "before" if t.head.i < first else "after"
            feats.append(f"top={t.dep_}|{where}")
            feats.append(f"top_where={where}")
    if any(t.pos_ in ("VERB", "AUX") for t in words):
        feats.append("tail_has_verb")
    if any(t.dep_ in ("nsubj", "nsubjpass") for t in words):
        feats.append("tail_has_subject")
    if any(ch in t.text for t in tail for ch in "\"“”"):
        feats.append("tail_has_quote")
    if any(t.pos_ == "VERB" and ex.verb_entry(t) is not None for t in words):
        feats.append("tail_has_cue")
    if cue is not None and first <= cue <= last:
        feats.append("tail_has_own_cue")
    if r.speaker_head is not None and first <= r.speaker_head <= last:
        feats.append("tail_has_speaker")
    if any(t.tag_ == "VBG" for t in words[:2]):
        feats.append("tail_starts_participle")
    if any(t.ent_type_ in ("DATE", "TIME") for t in words) and len(words) <= 4:
        feats.append("tail_is_time")
    return feats


def cue_statistics() -> dict[str, dict[str, dict[str, float]]]:
    """How often each cue word heads an annotated cue in PolNeAR train (see scripts/mine_polnear_cues.py);
    load_lexicon reads it once per process."""
    return load_lexicon("polnear_cues")
