"""Event re-typing: the sentence classifier second-guesses the lexicon's PLOVER type of an extracted event.

Registered as pipeline component ``event_retype``, opt-in (add it to the ``pipeline`` setting after ``events``;
``config.WITH_RETYPE``). For every event with an actor or a
recipient mentioned in its own sentence, the sentence is marked (actor ``<s>..</s>``, recipient ``<t>..</t>``,
the mentions nearest the trigger) and classified by :class:`~wirewatch.extract.classify.EventClassifier`.
The lexicon's type is replaced only where :func:`should_retype` says so: the classifier is confident, its
top two roots are far apart, both arguments are marked and the sentence holds no other event (a bound on the
lexicon match's confidence, :data:`MAX_EVENT_CONFIDENCE`, gained nothing and is left open at 1.0). The classifier never
creates or removes events, never touches ``aux``, actor or recipient, so a negated or hypothetical event stays
one; events whose ``aux`` is negation, hypothetical or future are not re-typed at all, because their type comes
from the refusal/threat/intent rules of the ``events`` component (docs/cameo.md), which the classifier does not
know.

A re-typed event gets the new type, ``mode`` and ``context`` cleared (both came from the lexicon sense that
was overruled) and the CAMEO root of the new type (:data:`PLOVER_CAMEO`). The thresholds were chosen on a
classifier trained on one half of PLV_train and measured on the other half (docs/cameo.md, "Re-typing by
the sentence classifier").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..analysis import Analysis
from ..kb import KnowledgeBase
from ..kb.lexicons import plover_to_cameo
from ..model import Event
from ..registry import Component, factory
from .classify import ROOT_ALIASES, EventClassifier

#: The CAMEO root given to an event whose type the classifier changed (the root the PLOVER type mostly
#: comes from; see the root mapping in docs/cameo.md).
PLOVER_CAMEO: dict[str, str] = plover_to_cameo()
#: aux modes whose event type is left to the lexicon rules: refusals, threats and conditions, and intents
#: ("will meet" is CONSULT with aux future, where PLV codes the announced intent as AGREE).
KEEP_AUX = frozenset({"negation", "hypothetical", "future"})
#: (lexicon type, classifier type) pairs never overridden: the project's documented departures from PLV's
#: coding (docs/cameo.md: imposing sanctions is SANCTION, where PLV's annotators code COERCE).
KEEP_PAIRS = frozenset({("SANCTION", "COERCE")})
#: Re-type only events with both an actor and a recipient marked ...
REQUIRE_BOTH = True
#: ... in a sentence holding at most this many events ...
MAX_SENTENCE_EVENTS = 1
#: Re-type only when the classifier's softmax confidence is at least this ...
MIN_PROB = 0.4
#: ... its top two probabilities lie at least this far apart ...
MIN_MARGIN = 0.1
#: ... and the lexicon-based event confidence is at most this (a weak trigger match).
MAX_EVENT_CONFIDENCE = 1.0


@dataclass(frozen=True)
class Verdict:
    """The classifier's view of one event: its top root, softmax confidence and lead over the runner-up."""

    index: int  # position in analysis.events
    marked: str
    label: str
    prob: float
    margin: float


def _nearest(analysis: Analysis, ids: list[str], lo: int, hi: int, anchor: int) -> tuple[int, int] | None:
    spans = [
        (m.start, m.end)
        for e in analysis.entities if e.id in ids
        for m in e.mentions if lo <= m.start and m.end <= hi
    ]
    return min(spans, key=lambda s: abs(s[0] - anchor)) if spans else None


def marked_sentence(analysis: Analysis, event: Event) -> str | None:
    """The event's sentence with its actor and recipient mentions marked, or None when neither is in it."""
    lo, hi = event.sentence.start, event.sentence.end
    anchor = event.trigger.start
    src = _nearest(analysis, event.actor, lo, hi, anchor)
    tgt = _nearest(analysis, event.recipient, lo, hi, anchor)
    if tgt is not None and src is not None and tgt[0] < src[1] and src[0] < tgt[1]:
        tgt = None  # one mention cannot be both
    if src is None and tgt is None:
        return None
    text = analysis.text
    parts = sorted((span, tag) for span, tag in ((src, "s"), (tgt, "t")) if span is not None)
    out, pos = [], lo
    for (start, end), tag in parts:
        out += [text[pos:start], f"<{tag}>", text[start:end], f"</{tag}>"]
        pos = end
    out.append(text[pos:hi])
    return "".join(out)


def eligible(analysis: Analysis) -> list[int]:
    """Indices of the events :func:`should_retype` could accept, judged before the (costly) classifier runs."""
    per_sentence = Counter(e.sentence.start for e in analysis.events)
    return [
        i for i, e in enumerate(analysis.events)
        if e.aux not in KEEP_AUX and per_sentence[e.sentence.start] <= MAX_SENTENCE_EVENTS
        and ((e.actor and e.recipient) if REQUIRE_BOTH else (e.actor or e.recipient))
    ]


def verdicts(analysis: Analysis, classifier: EventClassifier, indices: list[int] | None = None) -> list[Verdict]:
    """The classifier's verdict on the events (all, or those at ``indices``) that have an actor or recipient
    mentioned in their sentence, classified in one batch."""
    todo: list[tuple[int, str]] = []
    for i in range(len(analysis.events)) if indices is None else indices:
        marked = marked_sentence(analysis, analysis.events[i])
        if marked is not None:
            todo.append((i, marked))
    if not todo:
        return []
    probs = classifier.probabilities([m for _, m in todo])
    out = []
    for (i, marked), row in zip(todo, probs, strict=True):
        top2 = np.argsort(row)[-2:]
        out.append(Verdict(i, marked, classifier.labels[top2[1]], float(row[top2[1]]),
                           float(row[top2[1]] - row[top2[0]])))
    return out


def should_retype(event: Event, verdict: Verdict, sentence_events: int = 1) -> bool:
    """The override rule (thresholds tuned on half of PLV_train, measured on the other half).

    ``sentence_events`` is how many events the ``events`` component found in the event's sentence: the
    classifier reads the whole sentence and names its main relation, which is this event's type only when
    the sentence holds one event.
    """
    current = ROOT_ALIASES.get(event.event_type, event.event_type)
    if verdict.label == current or verdict.label not in PLOVER_CAMEO:
        return False  # agreement, or YIELD (which of CONCEDE/RETREAT is not the classifier's to say)
    if event.aux in KEEP_AUX or (current, verdict.label) in KEEP_PAIRS:
        return False
    if REQUIRE_BOTH and ("<s>" not in verdict.marked or "<t>" not in verdict.marked):
        return False
    if sentence_events > MAX_SENTENCE_EVENTS:
        return False
    return verdict.prob >= MIN_PROB and verdict.margin >= MIN_MARGIN and event.confidence <= MAX_EVENT_CONFIDENCE


def retype(event: Event, label: str) -> None:
    event.event_type = label
    event.mode = None
    event.context = []
    event.cameo = PLOVER_CAMEO[label]


@factory("event_retype", requires=("events",), assigns=("event_types",))
def make_event_retype(kb: KnowledgeBase, config: Mapping[str, Any]) -> Component:
    return retype_events


def retype_events(analysis: Analysis) -> None:
    todo = eligible(analysis)
    if not todo:
        return  # most articles' events are not eligible: the classifier is not even loaded for them
    classifier = EventClassifier.load()
    per_sentence = Counter(e.sentence.start for e in analysis.events)
    for verdict in verdicts(analysis, classifier, todo):
        event = analysis.events[verdict.index]
        if should_retype(event, verdict, per_sentence[event.sentence.start]):
            retype(event, verdict.label)
