"""The ``attributions`` pipeline component: the extractor assembled from its parts, and its factory."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ...analysis import Analysis
from ...kb import KnowledgeBase
from ...kb.lexicons import lexicon_words
from ...kb.models import AttributionModel
from ...model import Attribution, Span
from ...registry import Component, factory
from .candidates import CandidatesMixin
from .chains import ChainsMixin
from .content import ContentMixin
from .cues import CueLexicon, cue_lexicon
from .disputes import link_disputes
from .draft import Raw
from .filter import candidate_features, filterable, sentence_tail, tail_features
from .quotes import Quote, QuotesMixin, find_quotes
from .speakers import SpeakersMixin
from .stance import StanceMixin

if TYPE_CHECKING:
    from spacy.tokens import Doc


@factory("attributions", requires=("entities",), assigns=("attributions",),
         default_config={"filter": True, "noun_contents": True})
def make_attributions(kb: KnowledgeBase, config: Mapping[str, Any]) -> Component:
    """``filter``: the learnt last look at the candidates (:mod:`.filter`); off, every candidate is kept.
    ``noun_contents``: keep an asserted indirect attribution whose content is a bare noun phrase ("announced
    the decision"), as PolNeAR annotates them; off, only claims (a clause, a denial, a verdict) are kept."""
    lex = cue_lexicon()
    model = kb.attribution_model if config["filter"] else None
    noun_contents = bool(config["noun_contents"])

    def attributions(analysis: Analysis) -> None:
        analysis.attributions = Extractor(analysis, lex, model, noun_contents=noun_contents).run()

    return attributions


# cues whose object is the verdict itself, a noun or adjective ("called the move illegal")
NAMING_CUES = frozenset(lexicon_words("attribution_words", "naming_cues"))


def states_something(doc: Doc, start: int, end: int) -> bool:
    """Whether the content span holds a verb: a reported claim is a clause, not a bare noun phrase."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is None or any(t.pos_ in ("VERB", "AUX") for t in span)


class Extractor(QuotesMixin, StanceMixin, SpeakersMixin, ChainsMixin, CandidatesMixin, ContentMixin):
    """The attributions of one article: candidates from the rules, the learnt filter's last look, final spans."""

    def __init__(self, analysis: Analysis, lex: CueLexicon, model: AttributionModel | None = None, *,
                 noun_contents: bool = True) -> None:
        self.a = analysis
        self.noun_contents = noun_contents
        self.lex = lex
        self.model = model
        self.doc: Doc = analysis.doc
        self.text = analysis.text
        self.quotes = find_quotes(self.text)
        self.quote_starts = [q.start for q in self.quotes]
        self.open_at = {q.open: q for q in self.quotes}
        self.close_at = {q.close: q for q in self.quotes if q.closed}
        self.tok_quote: list[Quote | None] = self._map_quotes()
        self.outlet_cache: dict[str, bool] = {}
        self.reporters: set[str] = set()  # entity ids that "report" something (outlets by behaviour)

    def run(self) -> list[Attribution]:
        raws = self.candidates()
        model = self.model
        if model is not None:  # the learnt last look: drop unlikely candidates, run contents on where fitting
            raws = [r for r in raws if not filterable(r) or model.keep.accepts(candidate_features(self, r))]
            for r in raws:
                tail = sentence_tail(self, r)
                if tail is not None and model.extend.accepts(tail_features(self, r, *tail)):
                    r.content = self.run_on(r, tail)
        return self.finish(raws)

    def names_a_verdict(self, r: Raw) -> bool:
        """'Called it economic terrorism', 'described the talks as a vote of confidence'."""
        return r.cue_tok is not None and self.doc[r.cue_tok].lemma_.lower() in NAMING_CUES

    def finish(self, raws: list[Raw]) -> list[Attribution]:
        out = []
        spans = [(r, self.final_span(r)) for r in raws]
        if not self.noun_contents:
            # claims only: "announced the decision", "discussed Obama's plan" name a topic, not a claim; a
            # denial ("denied involvement") or a verdict ("called the sanctions illegal") still is one
            spans = [(r, se) for r, se in spans if r.kind != "indirect" or r.stance != "asserts"
                     or self.names_a_verdict(r) or states_something(self.doc, *se)]
        for i, (r, (s, e)) in enumerate(spans, 1):
            out.append(Attribution(id=f"A{i}", kind=r.kind, speaker=r.speaker, content=Span.of(self.text, s, e),
                                   cue=r.cue, via=list(dict.fromkeys(r.via)), stance=r.stance))
        link_disputes(self.a, out, self.lex)
        return out
