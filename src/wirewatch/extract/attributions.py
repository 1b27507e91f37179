"""Attributions: who says what, through whom, with what stance, and who disputes it.

One pass over the parsed tokens collects cue words (lexicon ``data/lexicons/attribution_cues.json``):
speech and belief verbs, claim nouns with a "that" clause, "according to", and sourceless hedges
("reportedly"). Each cue is then read off the dependency parse:

* **speaker** -- the cue's subject (inherited through conjunctions, ", saying ...", relative clauses
  and "went on to say"), the agent of a passive, the object of "according to", the object of "citing"
  or "quoted X as saying". The speaker span is the noun phrase without appositions and relative
  clauses; its entity is the entity the head token (or a pronoun) resolves to.
* **content** -- in order of preference: a quotation the cue governs or that sits right next to it
  (before its speaker: '"...," Maan said'; after a colon: 'told AFP: "..."'), the clausal complement,
  a preposition object ("accused X of ..."), a direct object (lexicon-controlled: "denied the
  report"), and for speech verbs with nothing after them the clause before their subject ("Iran sent
  troops, an official told the channel"). Quotes nobody introduces that start a sentence right after
  a direct quote continue that quote's speaker.
* **via** -- outlets the claim passed through: the addressee of "told", "in an interview with",
  "speaking to", the subject of "citing"/"quoting", and "according to" attached to another cue.
  Outlets are entities whose names are in the outlet lexicon (or that "report" something);
  "the channel/newspaper/agency" refers back to the most recent outlet mentioned.
* **stance** -- the cue's own (deny, reject the report, declined to comment), switched when it is
  negated (could not confirm -> cannot_confirm; "did not say" -> no attribution); else read off the
  content: the speaker's own denial or non-confirmation ("said it could not confirm", "I have nothing
  to confirm"), denial predicates ("the reports are baseless"), hedges ("may have", "reportedly").
* **learnt cues** -- verbs and nouns whose PolNeAR train statistics (``data/lexicons/polnear_cues.json``,
  written by ``scripts/mine_polnear_cues.py``) say they usually head an annotated cue; the ``mined``
  block of the cue lexicon sets the thresholds. A belief or learnt cue inside another claim's content is
  dropped (it is part of that claim).
* **content in pieces** -- a quotation the cue interrupts or that runs on over sentences and paragraphs
  is one attribution whose content spans all its pieces (see :meth:`Raw.content_span`); a parenthetical
  cue ("X, he said, Y") reports its whole sentence. Details and figures: ``docs/attribution.md``.
* **disputes** -- a denying / non-confirming attribution disputes earlier asserting ones whose content
  shares two content words with it (one a name, unless they are close), the nearest earlier claim when
  it points back ("denied the accusation"), and claims nested in it (see :func:`link_disputes`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..analysis import Analysis
from ..lexicons import load_lexicon
from ..model import Attribution, Cue, Span, Speaker
from ..registry import component
from .attribution_filter import (
    attribution_model,
    candidate_features,
    filterable,
    sentence_tail,
    tail_features,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

STANCE_RANK = {"asserts": 0, "hedges": 1, "cannot_confirm": 2, "denies": 3}
SUBJECT_DEPS = {"nsubj", "csubj", "expl"}
CLAUSE_DEPS = ("ccomp", "xcomp", "parataxis")
# 'WALLACE: ...', 'Gov. Mike Pence: ...' -- a name of one to four capitalised words, then a colon
LABEL = re.compile(r"^[“\"]?((?:[A-Z][\w.’'-]*\s){0,3}[A-Z][\w.’'-]*):\s+\S")
# '"..." ― Ana Ruiz' / '"..." — Ana Ruiz, 34, a nurse': a quotation signed with a dash at the paragraph end
SIGNED = re.compile(r"[”\"’']\s*([―—–]|--)\s*((?:[A-Z][\w.’'-]*\s?){1,4})(?:,[^”\"“]*)?$")
# prepositions whose object can be what a cue is about ('referred to', 'called for', 'spoke of', 'warned against')
ARG_PREPS = {"to", "for", "about", "of", "on", "against", "with", "over", "into", "as", "at", "toward", "towards"}
ADDRESSEE_VERBS = {"tell", "ask", "inform", "brief", "assure", "remind", "urge", "warn", "write"}
PARAGRAPH = re.compile(r"[^\n]+?(?=\n|\s{2,}|$)")  # a line, or a run of text that two spaces end
MAX_GAP = 120  # a quotation's pieces are one content across a cue this short ('," Ana Ruiz, a nurse, said. "')
NOUN_PREPS = {"of", "about", "on", "for", "against", "over", "toward", "towards", "with"}
ARG_DEPS = {"dobj", "dative", "oprd", "attr", "acomp", "ccomp", "xcomp"}
SPEAKER_CUT_DEPS = {"appos", "relcl", "acl", "punct", "advcl", "parataxis", "case"}
SPEAKER_POS = {"NOUN", "PROPN", "PRON", "NUM", "X"}
# 'worried about', 'critical of', 'opposed to', 'interested in', 'impressed by'
ADJECTIVE_PREPS = {"about", "of", "over", "with", "on", "in", "to", "toward", "towards", "against", "by"}
QUESTION_VERBS = {"ask", "wonder", "question", "inquire", "query"}
COPULAS = {"be", "seem", "remain", "appear", "become", "feel", "sound", "look", "grow", "stay"}
FIRST_PERSON = {"i", "we", "me", "us"}
OPEN_QUOTES = {"“": "”", "«": "»", "„": "”", '"': '"', "''": "''", "``": "''"}
CLOSE_QUOTES = {"”", "»", '"', "''"}
QUOTE_CHARS = set(OPEN_QUOTES) | CLOSE_QUOTES | {"''", "``"}
DEFINITE = {"the", "this", "that"}
STOP_LEMMAS = {"be", "have", "do", "say", "tell", "report", "confirm", "deny", "medium", "presence", "that",
               "there", "it", "its", "they", "we", "i", "who", "which", "what", "thing", "way", "time", "year",
               "day", "people", "official", "source", "claim", "news", "operate", "also", "not", "could", "will"}


def has_mark(tok: Token, *words: str) -> bool:
    """Whether a clause is introduced by one of ``words`` ('that', 'whether', 'as'): its subordinating mark."""
    return any(c.dep_ == "mark" and c.lower_ in words for c in tok.children)


# -- lexicon ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class VerbCue:
    lemma: str
    stance: str = "asserts"
    negated: str | None = None
    kind: str = "speech"
    object: str | None = None
    preps: frozenset[str] = frozenset()
    requires: frozenset[str] = frozenset()
    particle: str | None = None
    clause_only: bool = False  # only a clausal complement ('that ...') makes it a cue
    # with ``requires``: any other infinitive is a content too, with this stance ('refused to endorse him')
    any_xcomp: str | None = None
    # what follows the cue (objects, argument prepositions) is the content when nothing else is;
    # None = the default of its kind (speech verbs yes, beliefs no)
    arguments: bool | None = None

    def takes_arguments(self) -> bool:
        return self.arguments if self.arguments is not None else self.kind == "speech"


@dataclass(frozen=True)
class CueLexicon:
    verbs: dict[str, tuple[VerbCue, ...]]
    nouns: dict[str, str]
    adjectives: frozenset[str]
    held_nouns: frozenset[str]
    according: tuple[tuple[str, ...], ...]
    in_sources: frozenset[str]
    not_labels: frozenset[str]
    citing: frozenset[str]
    quoting: frozenset[str]
    interview_verbs: frozenset[str]
    interview_nouns: frozenset[str]
    confirm_verbs: frozenset[str]
    nonconfirm_heads: frozenset[str]
    nonconfirm_objects: frozenset[str]
    deny_verbs: frozenset[str]
    denial_adjectives: frozenset[str]
    claim_nouns: frozenset[str]
    hedge_adverbs: frozenset[str]
    sourceless_hedges: frozenset[str]
    hedge_passives: frozenset[str]
    hedge_modals: frozenset[str]
    hedge_adjectives: frozenset[str]
    anonymous_heads: frozenset[str]
    document_nouns: frozenset[str]
    outlet_names: frozenset[str]
    outlet_name_words: frozenset[str]
    outlet_words: frozenset[str]
    continue_verbs: frozenset[str]
    refusal_verbs: frozenset[str]
    anonymity_verbs: frozenset[str]
    quantifier_speakers: frozenset[str]
    act_objects: dict[str, frozenset[str]]


def _low(items: list[str]) -> frozenset[str]:
    return frozenset(s.lower() for s in items)


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    """The attribution cue lexicon, parsed once per process."""
    raw: dict[str, Any] = load_lexicon("attribution_cues")
    verbs: dict[str, list[VerbCue]] = {}
    for key, entry in raw["verbs"].items():
        lemma, _, particle = key.lower().partition(" ")
        cue = VerbCue(lemma=lemma, stance=entry.get("stance", "asserts"), negated=entry.get("negated"),
                      kind=entry.get("kind", "speech"), object=entry.get("object"),
                      preps=_low(entry.get("preps", [])), requires=_low(entry.get("requires", [])),
                      particle=particle or None, arguments=entry.get("arguments"), any_xcomp=entry.get("any_xcomp"))
        verbs.setdefault(lemma, []).append(cue)
    mined = raw.get("mined") or {}
    if mined.get("file"):
        stats: dict[str, Any] = load_lexicon(mined["file"])
        skip = _low(mined.get("exclude", []))
        # verbs the event lexicon codes as material acts ('attacked the town', 'released the prisoners') are
        # left to the events stage unless what follows them is a that-clause; verbal acts (CAMEO roots in
        # verbal_event_roots: 'condemned the attack', 'endorsed Clinton') are what someone says or thinks
        verbal = tuple(mined.get("verbal_event_roots", []))
        event_codes: dict[str, str] = load_lexicon(mined["events_file"]).get("verbs", {}) if mined.get("events_file") else {}
        events = frozenset(lemma for lemma, code in event_codes.items()
                           if not str(code).rsplit("|", 1)[-1].startswith(verbal))
        for lemma, row in stats.get("verb", {}).items():
            if lemma in verbs or lemma in skip:
                continue
            if row["cue"] < mined.get("min_cues", 5) or row["precision"] < mined.get("min_precision_clause", 1.0):
                continue
            if row["precision"] < mined.get("min_precision", 0.5):  # a weaker cue: only with a that-clause
                verbs[lemma] = [VerbCue(lemma=lemma, kind="mined", clause_only=True)]
            else:
                event = lemma in events
                # a verbal act the events stage also codes ('condemned the attack') needs more evidence to be a
                # claim with a bare object than other learnt verbs
                need = mined.get("min_precision_verbal_event_object" if lemma in event_codes else
                                 "min_precision_object", 0.5)
                obj = "any" if row["precision"] >= need and not event else None
                verbs[lemma] = [VerbCue(lemma=lemma, kind="mined", object=obj, clause_only=event)]
        # a verb with a preposition whose object is the content ('pointed to the polls', 'spoke about the
        # economy'): the preposition joins the verb's entry, or makes one
        for pair, row in stats.get("verb_prep", {}).items():
            lemma, prep = pair.split(" ", 1)
            if lemma in skip or row["cue"] < mined.get("min_cues_prep", 5) \
                    or row["precision"] < mined.get("min_precision_prep", 1.0):
                continue
            entries = verbs.get(lemma, [])
            if not any(e.particle is None for e in entries):  # only 'point out' so far: 'pointed to' is new
                entries = [*entries, VerbCue(lemma=lemma, kind="mined", clause_only=True)]
            verbs[lemma] = [replace(e, preps=e.preps | {prep}) if e.particle is None else e for e in entries]
        nouns = {k.lower(): v for k, v in raw["nouns"].items()}
        for lemma, row in stats.get("noun", {}).items():
            if lemma not in nouns and lemma not in skip and row["cue"] >= mined.get("min_cues", 5) \
                    and row["precision"] >= mined.get("min_precision_noun", 1.0):
                nouns[lemma] = "asserts"
    else:
        nouns = {k.lower(): v for k, v in raw["nouns"].items()}
    hedges = raw["hedges"]
    outlets = raw["outlets"]
    return CueLexicon(
        # phrasal entries first, so "rule out" wins over a plain "rule" if both exist
        verbs={k: tuple(sorted(v, key=lambda c: c.particle is None)) for k, v in verbs.items()},
        nouns=nouns,
        adjectives=_low(raw.get("adjectives", [])),
        held_nouns=_low(raw.get("held_nouns", [])),
        according=tuple(tuple(p.lower().split()) for p in raw["according_to"]),
        in_sources=_low(raw.get("in_sources", [])),
        not_labels=_low(raw.get("not_labels", [])),
        citing=_low(raw["citing"]), quoting=_low(raw["quoting"]),
        interview_verbs=_low(raw["interview"]["verbs"]), interview_nouns=_low(raw["interview"]["nouns"]),
        confirm_verbs=_low(raw["confirm_verbs"]), nonconfirm_heads=_low(raw["nonconfirm_heads"]),
        nonconfirm_objects=_low(raw["nonconfirm_objects"]),
        deny_verbs=_low(raw["deny_verbs"]), denial_adjectives=_low(raw["denial_adjectives"]),
        claim_nouns=_low(raw["claim_nouns"]),
        hedge_adverbs=_low(hedges["adverbs"]), sourceless_hedges=_low(hedges["sourceless"]),
        hedge_passives=_low(hedges["passive_verbs"]), hedge_modals=_low(hedges["modals"]),
        hedge_adjectives=_low(hedges["adjectives"]),
        anonymous_heads=_low(raw["anonymous_heads"]), document_nouns=_low(raw["document_nouns"]),
        outlet_names=_low(outlets["names"]), outlet_name_words=_low(outlets["name_words"]),
        outlet_words=_low(outlets["words"]), continue_verbs=_low(raw["continue_verbs"]),
        refusal_verbs=_low(raw.get("refusal_verbs", [])),
        anonymity_verbs=_low(raw.get("anonymity_verbs", [])),
        quantifier_speakers=_low(raw.get("quantifier_speakers", [])),
        act_objects={k.lower(): _low(v) for k, v in raw.get("act_objects", {}).items()},
    )


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


def find_quotes(text: str) -> list[Quote]:
    """Double quotations, paragraph by paragraph. Two-character marks count too (``''...''`` and
    ````...''``, as some wire styles write them); single quotes are left alone (apostrophes)."""
    quotes: list[Quote] = []
    pos = 0
    for para in text.split("\n"):
        opener: str | None = None
        start = 0
        j = 0
        n = len(para)
        while j < n:
            ch = para[j]
            two = para[j:j + 2]
            mark = two if two in ("''", "``") else ch
            width = len(mark)
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
            j += width
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


# -- the extractor ------------------------------------------------------------------------------------
@dataclass
class Raw:
    """An attribution while it is being built (token-level, before ids)."""

    kind: str
    speaker: Speaker
    content: tuple[int, int]
    cue: Cue | None
    stance: str
    via: list[str] = field(default_factory=list)
    cue_tok: int | None = None  # token index of the cue
    root: int | None = None  # token index of the content's head, if the content is a clause
    quote: Quote | None = None
    speaker_head: int | None = None
    belief: bool = False
    weak: bool = False  # a belief or learnt cue: dropped when it sits inside another attribution's content
    # further pieces of the same content after the first ('"A," he said, "B."'; 'A, he said, B')
    more: list[tuple[int, int]] = field(default_factory=list)
    origin: str = ""  # which rule proposed it ("verb:speech", "noun", "according", ...): a filter feature
    plain_negation: bool = False  # a cue negated with no stance of its own in the lexicon ('did not mention')
    inside_other: bool = False  # its cue lies in another candidate's content (a filter feature)
    holds_other: bool = False  # another candidate's cue lies in its content (a filter feature)
    inside_dispute: bool = False  # it lies in a denial's or non-confirmation's content: never filtered

    @property
    def last_end(self) -> int:
        return max(e for _, e in [self.content, *self.more])

    def extend(self, start: int, end: int) -> None:
        self.more.append((start, end))

    def holds_cue_of(self, other: Raw) -> bool:
        """Whether the cue of ``other`` lies in this one's content ('said the governor believes ...')."""
        return other is not self and other.cue is not None and self.content[0] <= other.cue.start < self.last_end

    def content_span(self) -> tuple[int, int]:
        """One span for a content in pieces: the run of consecutive pieces that covers most of the
        content while taking in least of what lies between them (a short '," she said, "' is taken in,
        a long appositive speaker is not)."""
        parts = sorted([self.content, *self.more])
        if len(parts) == 1:
            return parts[0]
        if all(b[0] - a[1] <= MAX_GAP for a, b in zip(parts, parts[1:], strict=False)):
            return parts[0][0], parts[-1][1]
        total = sum(e - s for s, e in parts)
        best, best_score = parts[0], -1.0
        for a in range(len(parts)):
            for b in range(a, len(parts)):
                inside = sum(e - s for s, e in parts[a:b + 1])
                score = inside / (parts[b][1] - parts[a][0] + total - inside)
                if score > best_score + 1e-9:
                    best, best_score = (parts[a][0], parts[b][1]), score
        return best


class Extractor:
    def __init__(self, analysis: Analysis, lex: CueLexicon) -> None:
        self.a = analysis
        self.lex = lex
        self.doc: Doc = analysis.doc
        self.text = analysis.text
        self.quotes = find_quotes(self.text)
        self.quote_starts = [q.start for q in self.quotes]
        self.open_at = {q.open: q for q in self.quotes}
        self.close_at = {q.close: q for q in self.quotes if q.closed}
        self.tok_quote: list[Quote | None] = self._map_quotes()
        self.outlet_cache: dict[str, bool] = {}
        self.reporters: set[str] = set()  # entity ids that "report" something (outlets by behaviour)

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

    def negated(self, tok: Token) -> bool:
        if any(c.dep_ == "neg" or c.lower_ in ("never", "no") and c.dep_ in ("advmod", "neg") for c in tok.children):
            return True
        # "refused to say", "failed to confirm": the governing verb negates
        return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ("fail", "refuse", "decline")

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
        lemma = head.lemma_.lower()
        if lemma in self.lex.document_nouns:
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

    # -- cues -------------------------------------------------------------------------------------
    def verb_entry(self, tok: Token) -> VerbCue | None:
        entries = self.lex.verbs.get(tok.lemma_.lower())
        if not entries:
            return None
        for e in entries:
            if e.particle is None or any(c.dep_ == "prt" and c.lower_ == e.particle for c in tok.children):
                return e
        return None

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
            if not (t.head.i == v.i or v.i in (a.i for a in t.ancestors)) or t.dep_ in CLAUSE_DEPS:
                return None
            if t.pos_ in ("VERB", "AUX") and t.i != v.i:
                return None
        return None

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
        # 1. a quotation governed by the cue (a quoted fragment inside a longer complement is not one:
        # 'called Clinton a "champion"', 'said Trump has "enormous respect" for the military')
        for c in v.children:
            q = self.in_quote(c)
            if q is not None and c.dep_ != "punct" and not q.used and self.quote_fits(q, c) \
                    and not self.crosses_paragraph(v, c) and not any(
                    o is not c and o.dep_ in ("dobj", "dative") and self.tok_quote[o.i] is None for o in v.rights):
                return "direct", (q.start, q.end), c.i, q
        # 2. clausal complement (also one hung on "citing ...")
        comps = [c for c in v.children if c.dep_ in CLAUSE_DEPS]
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
        if entry.clause_only:
            comps = [c for c in comps if c.dep_ == "ccomp"]
            if not comps:
                return self.prep_content(v, entry)
        if entry.requires:
            comps = [c for c in comps if c.dep_ == "xcomp" and (c.lemma_.lower() in entry.requires or entry.any_xcomp)]
            if not comps:
                return None
        for c in comps:
            if c.dep_ == "parataxis" and c.i < v.i and self.in_quote(c) is None:
                continue
            if self.crosses_paragraph(v, c):
                continue
            q = self.in_quote(c)
            if q is not None and not q.used and self.quote_fits(q, c):
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
        prep = self.prep_content(v, entry)
        if prep is not None:
            return prep
        # 5. the direct object, where the lexicon allows it ("denied the report", "ruled out sending")
        if entry.object:
            for c in v.children:
                if c.dep_ in ("dobj", "pcomp") or (c.dep_ == "xcomp" and entry.object == "any"):
                    if entry.object == "claim" and c.lemma_.lower() not in self.lex.claim_nouns:
                        continue
                    last = c.right_edge.i
                    if c.dep_ == "dobj":  # 'called the plan a disaster', 'described him as a liar'
                        for x in v.rights:
                            if x.i > c.i and (x.dep_ == "oprd" or x.dep_ == "prep" and x.lower_ == "as"):
                                last = x.right_edge.i
                    return "indirect", self.span_chars(c.left_edge.i, last), c.i, None
        # 5a. 'As the minister noted, the port reopened': the clause the "as" phrase is set in
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
        # 5b. a cue set in commas inside the sentence it reports: "The museum, Mr. Bush said, celebrated ..."
        if subj is not None and v.dep_ == "parataxis" and v.head.i > v.i and subj.i < v.i:
            j = subj_left - 1
            first = v.head.left_edge.i
            if j > first and self.doc[j].text in (",", "—", "–"):
                return "indirect", self.span_chars(first, j - 1), None, None
        # 6. the clause before the speaker: "Iran sent troops, an official told the channel."
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
        # 7. what the cue is about, as its object: 'stressed the need for ...', 'mentioned the deal'
        if entry.takes_arguments() and not entry.requires:
            return self.argument_content(v)
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

    def quote_fits(self, q: Quote, c: Token) -> bool:
        """Whether the phrase headed by ``c`` lies inside quotation ``q`` (no words of it outside)."""
        lo, hi = q.open, q.close + 2
        return not any(t.is_alpha and not (lo <= t.idx < hi) for t in c.subtree)

    def crosses_paragraph(self, a: Token, b: Token) -> bool:
        lo, hi = sorted((a.idx, b.idx))
        return "\n" in self.text[lo:hi]

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

    # -- main -------------------------------------------------------------------------------------
    def candidates(self) -> list[Raw]:
        """Every attribution the rules find, in text order, before the learnt filter."""
        lex = self.lex
        doc = self.doc
        verbs: list[tuple[Token, VerbCue]] = []
        nouns: list[Token] = []
        adjectives: list[Token] = []
        according: list[tuple[Token, int]] = []
        in_phrases: list[tuple[Token, Token]] = []
        hedges: list[Token] = []
        for tok in doc:
            if self.tok_quote[tok.i] is not None:
                continue
            low = tok.lower_
            if low == "in" and tok.dep_ == "prep":
                src = self.in_source(tok)
                if src is not None:
                    in_phrases.append((tok, src))
                continue
            if low in ("according", "as"):
                for phrase in lex.according:
                    n = len(phrase)
                    if tuple(t.lower_ for t in doc[tok.i:tok.i + n]) == phrase:
                        according.append((tok, n))
                        break
                continue
            if tok.dep_ == "acomp" and tok.pos_ in ("ADJ", "VERB") and (
                    tok.lemma_.lower() in lex.adjectives or low in lex.adjectives):
                adjectives.append(tok)  # 'are confident that', 'are opposed to' (tagged as a verb)
            elif tok.pos_ in ("VERB", "AUX"):
                entry = self.verb_entry(tok)
                if entry is not None:
                    verbs.append((tok, entry))
            elif tok.pos_ == "NOUN" and (tok.lemma_.lower() in lex.nouns or tok.lemma_.lower() in lex.held_nouns):
                nouns.append(tok)
            elif low in lex.sourceless_hedges and tok.dep_ == "advmod":
                hedges.append(tok)
        # entities that report something are outlets ("CNN reported", "the Times reported")
        for v, _ in verbs:
            if v.lemma_.lower() == "report":
                subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
                eid = self.a.token_entity.get(subj.i) if subj is not None else None
                ent = self.a.entity(eid)
                if ent is not None and ent.label in ("ORG", "NOMINAL") and subj is not None and subj.pos_ == "PROPN":
                    self.reporters.add(ent.id)
        raws: list[Raw] = []
        for v, entry in verbs:
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
        for n in nouns:
            raw = self.from_noun(n)
            if raw is not None:
                raw.origin = "noun"
                raws.append(raw)
        for tok in adjectives:
            raw = self.from_adjective(tok)
            if raw is not None:
                raw.origin = "adjective"
                raws.append(raw)
        for tok, n in according:
            self.from_according(tok, n, raws)
        self._mark_origin(raws, "according")
        for tok, src in in_phrases:
            self.from_according(tok, 1, raws, src)
        self._mark_origin(raws, "in")
        for h in hedges:
            raw = self.from_hedge(h, raws)
            if raw is not None:
                raw.origin = "hedge"
                raws.append(raw)
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

    def run(self) -> list[Attribution]:
        raws = self.candidates()
        model = attribution_model()
        if model is not None:  # the learnt last look: drop unlikely candidates, run contents on where fitting
            raws = [r for r in raws if not filterable(r) or model.keep.accepts(candidate_features(self, r))]
            for r in raws:
                tail = sentence_tail(self, r)
                if tail is not None and model.extend.accepts(tail_features(self, r, *tail)):
                    r.content = self.run_on(r, tail)
        return self.finish(raws)

    def run_on(self, r: Raw, tail: tuple[int, int]) -> tuple[int, int]:
        """The content of ``r`` run on over ``tail`` (a token range from :func:`sentence_tail`)."""
        return r.content[0], max(r.content[1], self.span_chars(*tail)[1])

    def final_span(self, r: Raw) -> tuple[int, int]:
        """The content span an attribution is given (quotations closed, reported content in one paragraph)."""
        s, e = self.quote_end(*r.content_span())
        if r.kind != "direct":
            s, e = self.one_paragraph(s, e, r.cue)
        return s, e

    def finish(self, raws: list[Raw]) -> list[Attribution]:
        out = []
        for i, r in enumerate(raws, 1):
            s, e = self.final_span(r)
            out.append(Attribution(id=f"A{i}", kind=r.kind, speaker=r.speaker, content=Span.of(self.text, s, e),
                                   cue=r.cue, via=list(dict.fromkeys(r.via)), stance=r.stance))
        link_disputes(self.a, out)
        return out

    @staticmethod
    def _mark_origin(raws: list[Raw], origin: str) -> None:
        for r in raws:
            if not r.origin:
                r.origin = origin

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

    def cue_of(self, v: Token, lemma: str) -> Cue:
        start, end = v.idx, v.idx + len(v.text)
        for c in v.rights:  # phrasal particle right after the verb: "ruled out"
            if c.dep_ == "prt" and c.i == v.i + 1:
                end = c.idx + len(c.text)
                lemma = f"{lemma} {c.lower_}"
        return Cue(start, end, self.text[start:end], lemma)

    def refuses_to_say(self, v: Token) -> bool:
        """'would not say whether ...', 'could not say if ...': a refusal to confirm, not a denial."""
        return v.lemma_.lower() in self.lex.refusal_verbs and (
            any(c.dep_ == "aux" and c.lower_ in ("would", "could", "will", "can", "wo", "ca") for c in v.children)
            or any(c.dep_ == "ccomp" and any(m.lower_ in ("whether", "if") for m in c.children) for c in v.children))

    def from_verb(self, v: Token, entry: VerbCue) -> Raw | None:
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
        if entry.kind == "belief" and v.tag_ == "VBN" and not any(c.dep_.startswith("aux") for c in v.children):
            return None  # "the widely believed story"
        if v.dep_ in ("amod", "compound"):
            return None
        subj, how = self.subject(v)
        if subj is not None and subj.pos_ not in SPEAKER_POS and subj.lower_ not in self.lex.quantifier_speakers:
            return None
        if subj is not None and any(c.dep_ == "det" and c.lower_ == "no" for c in subj.children):
            return None  # "no group claimed ...": nobody said anything
        for c in v.children:
            # "asked not to be named", "claimed responsibility": acts, not claims
            if c.dep_ == "xcomp" and c.lemma_.lower() in self.lex.anonymity_verbs and any(
                    x.dep_ == "auxpass" for x in c.children):
                return None
            if c.dep_ == "dobj" and c.lemma_.lower() in self.lex.act_objects.get(v.lemma_.lower(), ()):
                return None
            # 'citing two diplomats': a source that others speak through (see via), not a claim; 'cited the
            # figure as evidence' is one
            if c.dep_ == "dobj" and v.lemma_.lower() in self.lex.citing and self.is_source(c):
                return None
        if subj is not None and subj.dep_ == "expl":
            subj = None
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
        kind, span, root, quote = content
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
            subj = obj
        elif subj is None and how == "asked" and kind == "indirect":
            # 'Asked whether ..., the minister said ...': the one who asked is not named
            speaker = Speaker(text="", entity=None, start=None, end=None, anonymous=True)
        elif subj is None:
            return None
        else:
            speaker = self.speaker_for(subj)
        if quote is not None:
            quote.used = True
        lemma = v.lemma_.lower()
        via += self.via_of(v, entry)
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
        # "Reuters reported, citing two diplomats, that ...": the cited source speaks, Reuters relays
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
                    if relay:
                        via.insert(0, relay)
                    speaker = self.speaker_for(obj)
                    subj = obj
        if stance == "asserts" and self.cue_hedged(v):
            stance = "hedges"
        raw = Raw(kind=kind, speaker=speaker, content=span, cue=self.cue_of(v, lemma), stance=stance, via=via,
                  cue_tok=v.i, root=root, quote=quote, speaker_head=subj.i if subj is not None else None,
                  belief=entry.kind == "belief", weak=entry.kind in ("belief", "mined"),
                  plain_negation=plain_negation)
        if kind == "indirect" and root is not None and span[0] > v.idx:
            raw.content = self.extend_tail(v, span)
        if kind == "indirect" and root is None and quote is None and span[1] <= v.idx:
            tail = self.tail_after(v)  # "A, he said, B.": the sentence goes on after the cue
            if tail is not None:
                raw.extend(*tail)
        if raw.stance == "asserts" or raw.stance == "hedges":
            inner = self.content_stance(raw)
            if STANCE_RANK[inner] > STANCE_RANK[raw.stance]:
                raw.stance = inner
        return raw

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

    def is_source(self, tok: Token) -> bool:
        lemma = tok.lemma_.lower()
        if lemma in self.lex.anonymous_heads or lemma in self.lex.document_nouns or tok.pos_ == "PROPN":
            return True
        ent = self.a.entity(self.a.token_entity.get(tok.i))
        return ent is not None and ent.label in ("PERSON", "ORG", "NORP", "GPE", "NOMINAL")

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

    def resolve_pronoun_speakers(self, raws: list[Raw]) -> None:
        """A pronoun speaker the entities stage left unresolved (or resolved to a place for "he"/"she"):
        the previous speaker nearby, as speakers usually continue from one paragraph to the next."""
        prev: Raw | None = None
        for r in raws:
            head = self.doc[r.speaker_head] if r.speaker_head is not None else None
            if head is not None and head.pos_ == "PRON":
                ent = self.a.entity(r.speaker.entity)
                personal = head.lower_ in ("he", "she")
                if ent is not None and personal and ent.label not in ("PERSON", "NOMINAL"):
                    r.speaker.entity = ent = None
                if ent is None and prev is not None and r.content[0] - prev.content[1] < 600:
                    pent = self.a.entity(prev.speaker.entity)
                    if pent is not None and (not personal or pent.label in ("PERSON", "NOMINAL")):
                        r.speaker.entity = pent.id
            if r.speaker.entity:
                prev = r


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


def link_disputes(analysis: Analysis, atts: list[Attribution]) -> None:
    """Set ``disputed_by`` on earlier claims that a later denial or non-confirmation answers.

    Heuristic (documented, article-independent). A denying / cannot_confirm attribution D disputes an
    attribution A that asserts or hedges, from another speaker, when

    * A comes before D and their contents share at least two content words (lemmas, prefix-matched so
      "Iran"/"Iranian" and "shell"/"shelling" meet), one of them a name (proper noun, named entity or
      demonym) -- or any two when A is among the three attributions just before D;
    * D's content is short and points back with a claim noun ("denied the accusation", "said the reports
      were false"): then the nearest earlier claim by another speaker;
    * A is nested in D's content ("said Iran's claim that it shot down a drone was untrue").
    """
    lex = cue_lexicon()
    terms = [content_terms(analysis, a.content.start, a.content.end) for a in atts]

    def other_speaker(a: Attribution, d: Attribution) -> bool:
        if a.speaker.entity is not None and a.speaker.entity == d.speaker.entity:
            return False
        return a.speaker.entity is not None or a.speaker.text.lower() != d.speaker.text.lower() or not a.speaker.text

    def link(a: Attribution, d: Attribution) -> None:
        if d.id not in a.disputed_by:
            a.disputed_by.append(d.id)

    for j, d in enumerate(atts):
        if d.stance not in ("denies", "cannot_confirm"):
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
            link(atts[earlier[-1]], d)


@component("attributions")
def extract_attributions(analysis: Analysis) -> None:
    analysis.attributions = Extractor(analysis, cue_lexicon()).run()
