"""The event_retype component: the sentence classifier may change an extracted event's type, nothing else."""

from __future__ import annotations

import pytest

from wirewatch.config import DEFAULT_PIPELINE, WITH_RETYPE, Settings
from wirewatch.extract.retype import PLOVER_CAMEO, Verdict, marked_sentence, retype, should_retype
from wirewatch.model import Article, Event, SentenceSpan, Span
from wirewatch.pipeline import Pipeline


def _event(event_type: str = "COERCE", aux: str | None = None) -> Event:
    return Event(id="V1", event_type=event_type, trigger=Span(0, 4, "took"), sentence=SentenceSpan(0, 40),
                 mode="seize", context=["military"], actor=["E1"], recipient=["E2"], aux=aux, confidence=0.8,
                 cameo="19")


def _verdict(label: str, prob: float = 0.8, margin: float = 0.5, marked: str = "<s>A</s> took <t>B</t>") -> Verdict:
    return Verdict(0, marked, label, prob, margin)


def test_rule_accepts_a_confident_disagreement() -> None:
    assert should_retype(_event(), _verdict("ASSAULT"))


@pytest.mark.parametrize(
    ("event", "verdict", "sentence_events"),
    [
        (_event(), _verdict("COERCE"), 1),  # agreement
        (_event(aux="negation"), _verdict("ASSAULT"), 1),  # negated: the lexicon rules decide
        (_event(aux="hypothetical"), _verdict("ASSAULT"), 1),
        (_event("SANCTION"), _verdict("COERCE"), 1),  # the project's documented departure from PLV
        (_event(), _verdict("YIELD"), 1),  # CONCEDE or RETREAT: not the classifier's to say
        (_event(), _verdict("ASSAULT", prob=0.2, margin=0.05), 1),  # unsure
        (_event(), _verdict("ASSAULT", marked="<s>A</s> took B"), 1),  # recipient not in the sentence
        (_event(), _verdict("ASSAULT"), 2),  # the sentence's main relation may be another event's
    ],
)
def test_rule_refuses(event: Event, verdict: Verdict, sentence_events: int) -> None:
    assert not should_retype(event, verdict, sentence_events)


def test_retype_sets_cameo_and_clears_lexicon_detail() -> None:
    event = _event()
    retype(event, "ASSAULT")
    assert (event.event_type, event.cameo, event.mode, event.context) == ("ASSAULT", PLOVER_CAMEO["ASSAULT"], None, [])
    assert event.aux is None and event.actor == ["E1"] and event.recipient == ["E2"]


def test_component_is_opt_in_right_after_events() -> None:
    assert "event_retype" not in DEFAULT_PIPELINE
    assert WITH_RETYPE.index("event_retype") == WITH_RETYPE.index("events") + 1
    assert [n for n in WITH_RETYPE if n != "event_retype"] == list(DEFAULT_PIPELINE)


def test_marked_sentence_marks_actor_and_recipient(analyse) -> None:
    analysis = analyse("Rebel fighters stormed the army barracks in Gao on Monday.")
    event = next(e for e in analysis.events if e.actor and e.recipient)
    marked = marked_sentence(analysis, event)
    assert marked is not None and "<s>" in marked and "<t>" in marked
    assert marked.replace("<s>", "").replace("</s>", "").replace("<t>", "").replace("</t>", "") == analysis.text


TEXTS = [
    "Germany did not send troops to Mali, the defence ministry said.",
    "Russia could impose sanctions on Moldova if the vote goes ahead.",
    "Militants captured the town of Palma from government forces on Wednesday.",
    "The president met the Kenyan foreign minister in Nairobi and promised more aid.",
]


def test_component_only_changes_types(pipeline: Pipeline) -> None:
    bare = pipeline
    retyping = Pipeline(Settings(pipeline=WITH_RETYPE))
    for text in TEXTS:
        with_retype = retyping(Article(text=text, published="2024-05-10")).events
        without = bare(Article(text=text, published="2024-05-10")).events
        assert len(with_retype) == len(without)  # never creates or drops an event
        for a, b in zip(with_retype, without, strict=True):
            assert (a.aux, a.actor, a.recipient, a.trigger, a.confidence) == (
                b.aux, b.actor, b.recipient, b.trigger, b.confidence)
            if a.aux in ("negation", "hypothetical"):
                assert a.event_type == b.event_type


def test_component_retypes_a_capture_as_an_assault() -> None:
    # PLV's annotators code a town's capture in war as ASSAULT; the verb lexicon has "capture" under
    # COERCE (seize, CAMEO 192)
    text = "ISIS militants captured Mosul on Tuesday."
    bare = Pipeline(Settings())(Article(text=text, published="2024-05-10")).events
    retyped = Pipeline(Settings(pipeline=WITH_RETYPE))(Article(text=text, published="2024-05-10")).events
    assert [e.event_type for e in bare] == ["COERCE"]
    assert [e.event_type for e in retyped] == ["ASSAULT"]
    assert retyped[0].cameo == PLOVER_CAMEO["ASSAULT"] and retyped[0].mode is None


def test_a_legal_charge_is_an_accusation_in_the_lexicon_itself() -> None:
    # PLOVER manual (ACCUSE): "accuse, allege, or charge, both judicially and informally"
    text = "Prosecutors charged the former mayor with bribery on Tuesday."
    bare = Pipeline(Settings())(Article(text=text, published="2024-05-10")).events
    assert [(e.event_type, e.mode) for e in bare] == [("ACCUSE", "allege")]
