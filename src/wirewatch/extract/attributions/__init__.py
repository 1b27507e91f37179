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

The package, by job: :mod:`.cues` (the cue lexicon), :mod:`.quotes` (quotations), :mod:`.candidates` (the rules
that propose candidates), :mod:`.speakers`, :mod:`.content`, :mod:`.stance`, :mod:`.chains` (outlets and
intermediaries), :mod:`.filter` (the learnt last look), :mod:`.disputes` (``disputed_by``) and
:mod:`.component` (the extractor assembled from them, and the pipeline component's factory).
"""

from .component import Extractor, make_attributions
from .cues import CueLexicon, VerbCue, cue_lexicon
from .quotes import Quote, find_quotes

__all__ = ["CueLexicon", "Extractor", "Quote", "VerbCue", "cue_lexicon", "find_quotes", "make_attributions"]
