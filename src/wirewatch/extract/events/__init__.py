"""Events: PLOVER-coded who-did-what-to-whom read off the dependency parse, one pass per sentence.

A trigger is a verb (bare lemma, or a lemma with its particles/objects: "carry out an attack", "rule out",
"send troops"), a light verb with an event noun as object ("launched air strikes", "held talks"), or an
event noun with its own actor ("Israel's offensive", "air strikes by the coalition"). The lexicon
(``data/lexicons/event_verbs.json``, built by ``scripts/build_event_lexicon.py`` from the Phoenix CAMEO
verb dictionary, the CAMEO2PLOVER table and hand entries) gives PLOVER type, mode and CAMEO code.

actor = the entities of the subject (the ``by`` agent in passives; the controller's subject for "vowed to
advance"; the head noun of a participle); recipient = the entities of the object, the dative, or a
prepositional target ("to", "against", "alongside" ...). Verbs of saying are not events but their content
clauses are scanned like any other clause.

``aux`` (PLOVER auxiliary mode): negation ("did not", "refused to", "ruled out sending"), hypothetical
(modals, "if/unless", "weighing", "threatened to"), future ("will", "vowed to", "plans to") and historical
(an explicit year before the publication year). Nothing negated or hypothetical comes out with aux None.
Following PLOVER ("one category, not category + auxiliary"), the complement of a speech-act event ("ruled out
[sending troops]", "accused X of [shelling]", "threatened to [attack]") is not a second event, and events that
are negated or hypothetical only through the clause above them, conditions, open questions ("whether") and
"must/should" clauses are left out, except that what a speaker says another must do is the speaker's REQUEST. See docs/cameo.md for the other rules (refusals, evaluations, one event
per happening and sentence).
Material attacks with no attacker named ("a car bomb exploded", "was struck by a missile", "were killed in an air
strike", "were abducted") come out as ASSAULT with an empty actor and confidence <= 0.5; a later "X claimed
responsibility" / "X is believed to be behind the attack" fills in X (docs/cameo.md, "Attacks with no attacker named").
Place, date and attribution are left to the ``event_context`` component.

The package, by job: :mod:`.lexicon` (the event lexicon and shared word sets), :mod:`.triggers` (which words are
events, of which type), :mod:`.arguments` (actor and recipient), :mod:`.modality` (the auxiliary mode) and
:mod:`.component` (one sentence's events, the article's, and the pipeline component's factory).
"""

from .component import extract_events, make_events
from .lexicon import Lexicon, Sense, lexicon

__all__ = ["Lexicon", "Sense", "extract_events", "lexicon", "make_events"]
