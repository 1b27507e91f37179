"""The ``event_context`` pipeline component: each event's place, date and reporting attribution."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from ..analysis import Analysis, TimeMention, Toponym
from ..kb import KnowledgeBase
from ..kb.lexicons import lexicon_words
from ..model import Event, EventDate, Place
from ..nlp.deps import NOUN_CLAUSE_DEPS
from ..registry import Component, factory
from .actors import focus_country
from .places.dateline import dateline_end
from .places.finder import PLACE_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Token


LOCATIVE_PREPS = frozenset(PLACE_WORDS["locative_prepositions"])


PLACE_NOUNS = frozenset(PLACE_WORDS["place_nouns"])  # whose "of" names the place: "the town of X"


# a place that is the subject of one of these speaks for its government: it is no place of an event
SPEAKING_VERBS = frozenset(PLACE_WORDS["speaking_verbs"])


@factory("event_context", requires=("events",), assigns=("event_context",))
def make_event_context(kb: KnowledgeBase, config: Mapping[str, Any]) -> Component:
    actor_nouns = frozenset(kb.actor_nouns.sector)

    def component(analysis: Analysis) -> None:
        event_context(analysis, actor_nouns)

    return component


def event_context(analysis: Analysis, actor_nouns: frozenset[str] = frozenset()) -> None:
    """Each event's place, date and reporting attribution, from its own clause or sentence. ``actor_nouns``:
    the nouns a place may name an actor by ("London police"), which is then no place the story is in."""
    dateline = dateline_place(analysis)
    # toponyms that stand for an actor ("London police"), read from the parse once per article
    actors = frozenset(t.start for t in analysis.toponyms if _names_an_actor(analysis, t, actor_nouns))
    focus = focus_place(analysis)
    for ev in analysis.events:
        ev.place = event_place(analysis, ev)
        ev.place_basis = "stated" if ev.place else None
        # a statement or a demand happens wherever its speaker is; only physical events inherit the story's place
        physical = ev.event_type not in TARGET_IS_NOT_PLACE
        story = context_place(analysis, ev.sentence.start, actors) if physical else None
        if ev.place is not None and physical:
            # "troops in Iraq", datelined Baghdad: the country the sentence names holds a nearer place the story gave
            finer = narrower_place(analysis, ev.place, story, dateline)
            if finer is not None:
                ev.place, ev.place_basis = finer, "context"
        if ev.place is None:
            for fallback, basis in ((story, "context"), (dateline, "dateline"), (focus, "focus")):
                if fallback:
                    ev.place, ev.place_basis = fallback, basis
                    break
        ev.date = event_date(analysis, ev.trigger.start, ev.sentence.start, ev.sentence.end)
        ev.date_basis = "stated" if ev.date.text else None
        if ev.date.text is None and ev.aux is None and analysis.article.published:
            # a news report of something that happened, with no date of its own: the publication day
            ev.date = EventDate(value=analysis.article.published, precision="day", text=None)
            ev.date_basis = "published"
        if ev.attribution is None:
            ev.attribution = reporting_attribution(analysis, ev.trigger.start, ev.trigger.end)


def narrower_place(analysis: Analysis, stated: str, *fallbacks: str | None) -> str | None:
    """The first of ``fallbacks`` that lies inside ``stated`` when that is a country, else None."""
    places = {p.id: p for p in analysis.places}
    country = places[stated]
    if country.feature != "PCLI":
        return None
    return next((f for f in fallbacks if f and inside(places[f], country)), None)


def dateline_place(analysis: Analysis) -> str | None:
    end = dateline_end(analysis)
    return next((t.place for t in analysis.toponyms if t.start < end and t.place), None)


def focus_place(analysis: Analysis) -> str | None:
    """The country the article names most often, as a place of its own."""
    country = focus_country(analysis)
    if country is None:
        return None
    for p in analysis.places:
        if p.country == country and (p.feature or "").startswith("PCL"):
            return p.id
    return None


def nearest(items: list, pos: int) -> object | None:
    return min(items, key=lambda t: abs(t.start - pos)) if items else None


# Acts done at a distance: their recipient is a target, not a location ("sanctions on Belarus");
# an attack on, a visit to or a protest in a place happens there.
TARGET_IS_NOT_PLACE = set(lexicon_words("event_context_words", "target_is_not_place"))


def tree_distance(a: Token, b: Token) -> int:
    """Edges between two tokens of one sentence in the dependency tree."""
    up_a = [a, *a.ancestors]
    depth_a = {t.i: k for k, t in enumerate(up_a)}
    for k, t in enumerate([b, *b.ancestors]):
        if t.i in depth_a:
            return depth_a[t.i] + k
    return 99


def event_place(analysis: Analysis, ev: Event) -> str | None:
    """The place the event's own sentence names for it, or None.

    Ranks the sentence's resolved toponyms by how close they hang to the trigger in the parse
    ("attacked the town of X in Y's province" → X), with a bonus for a locative preposition
    ("in Brussels", "around Taiwan") and for cities and provinces over countries. A possessor
    ("Russia's war") or a name that is one of the event's own actors is no place for it at all, nor is one
    that hangs too far from the trigger (``MIN_PLACE_SCORE``). Of two places scored nearly alike, the one
    inside the other wins ("in Punjab province, in the city of Multan" -> Multan).
    """
    doc = analysis.doc
    s_start, s_end = ev.sentence.start, ev.sentence.end
    candidates = [t for t in analysis.toponyms if s_start <= t.start < s_end and t.place]
    if not candidates:
        return None
    places = {p.id: p for p in analysis.places}
    trigger = doc.char_span(ev.trigger.start, ev.trigger.end, alignment_mode="expand")
    if trigger is None:
        return None
    head = trigger.root
    actor_ids = set(ev.actor)
    recipient_ids = set(ev.recipient)
    target_not_place = ev.event_type in TARGET_IS_NOT_PLACE

    def score(top: Toponym) -> float | None:
        span = doc.char_span(top.start, top.end, alignment_mode="expand")
        if span is None:
            return None
        root = span.root
        possessor = root.dep_ == "poss" or any(t.dep_ == "case" for t in root.children)
        if possessor and root.head.i in analysis.token_entity:
            return None  # "Rwanda's defence force said": whose, not where
        if (root.dep_ in ("compound", "amod", "nmod") and root.head.pos_ == "NOUN"
                and places[top.place].feature == "PCLI"):
            return None  # "U.S. journalists ... beheaded": a country before a noun is a nationality, not where
        if target_not_place and analysis.token_entity.get(root.i) in recipient_ids:
            return None  # "sanctions on Belarus": the target of a sanction or a demand is not where it happened
        if analysis.token_entity.get(root.i) in actor_ids or (
                root.dep_ in ("nsubj", "nsubjpass") and root.head == head):
            return None
        if root.dep_ == "nsubj" and root.head.lemma_ in SPEAKING_VERBS:
            return None  # "in what Beijing called a warning": a government by its capital's name, not where
        # "in the town of X": X stands where "town" stands in the clause
        if (root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in PLACE_NOUNS
                and root.head.head != head):
            root = root.head.head
        value = -float(tree_distance(head, root))
        if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS:
            value += 1.5
        if root.dep_ == "compound":
            value -= 1.0
        if possessor:
            value -= 2.0  # "Baghdad's defenses" may be where; "Russia's war in Ukraine" rarely is
        if (places[top.place].feature or "").startswith(("PPL", "ADM")):
            value += 1.0
        return value

    scored = [(v, t) for t in candidates if (v := score(t)) is not None and v >= MIN_PLACE_SCORE]
    if not scored:
        return None
    best_value, best = max(scored, key=lambda x: x[0])
    # "around Zvečan, in northern Kosovo": of two places the sentence gives nearly the same weight, the one
    # inside the other is where it happened
    outer = places[best.place]
    inner = [(v, t) for v, t in scored if v >= best_value - CLOSE_SCORE and inside(places[t.place], outer)]
    return max(inner, key=lambda x: x[0])[1].place if inner else best.place


CLOSE_SCORE = 1.5


MIN_PLACE_SCORE = -5.0  # a place this far from the trigger in the parse, bonuses counted, is not the event's own


def inside(place: Place, outer: Place) -> bool:
    """Whether ``place`` lies inside ``outer``, a country or first-level division, by their codes."""
    if place.id == outer.id or not place.country or place.country != outer.country:
        return False
    if outer.feature == "PCLI":
        return place.feature != "PCLI"
    if outer.feature == "ADM1":
        return bool(place.admin1) and place.admin1 == outer.admin1 and (place.feature or "").startswith(("PPL", "ADM2"))
    return False


def context_place(analysis: Analysis, pos: int, actors: frozenset[int] = frozenset()) -> str | None:
    """The city or province the body named most often before ``pos`` (of equals, the latest): where the story
    is ("Douma", named three times, not "Damascus" in "the Damascus suburbs" just before), not counting a
    place that names an actor (``actors``: the starts of such toponyms, "London police", "Moscow denies")."""
    places = {p.id: p for p in analysis.places}
    body = dateline_end(analysis)
    seen: dict[str, tuple[int, int]] = {}  # place -> (mentions before pos, last start)
    for top in analysis.toponyms:
        specific = top.place and (places[top.place].feature or "").startswith(("PPL", "ADM"))
        if body <= top.start < pos and specific and top.start not in actors:
            n, _ = seen.get(top.place, (0, 0))
            seen[top.place] = (n + 1, top.start)
    return max(seen, key=lambda k: seen[k]) if seen else None


def _names_an_actor(analysis: Analysis, top: Toponym, actor_nouns: frozenset[str]) -> bool:
    """'London police', 'the Kabul government': the place modifies an actor noun; 'Moscow denies any
    involvement': the place is who acts."""
    span = analysis.doc.char_span(top.start, top.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ == "compound" and root.head.lower_ in actor_nouns or root.dep_ == "nsubj"


def in_other_noun_clause(analysis: Analysis, time_start: int, pos: int) -> bool:
    """Whether the time expression at ``time_start`` sits in a clause describing some noun other than the
    event at ``pos``, with the event's trigger outside that clause."""
    doc = analysis.doc
    time_span = doc.char_span(time_start, time_start + 1, alignment_mode="expand")
    trigger_span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    if time_span is None or trigger_span is None:
        return False
    trigger = trigger_span.root
    for tok in [time_span.root, *time_span.root.ancestors]:
        if tok.i == trigger.i:
            return False
        if tok.dep_ in NOUN_CLAUSE_DEPS:
            inside = tok.left_edge.i <= trigger.i <= tok.right_edge.i
            return not inside and tok.head.i != trigger.i
    return False


def event_date(analysis: Analysis, pos: int, s_start: int, s_end: int) -> EventDate:
    relative = days_apart(analysis, pos)
    if relative is not None:
        dated = _anchored(analysis, relative, s_start, s_end)
        if dated is not None:
            return dated
    in_sentence = [t for t in analysis.times if s_start <= t.start < s_end
                   and not in_other_noun_clause(analysis, t.start, pos)]
    chosen = nearest(in_sentence, pos)
    if isinstance(chosen, TimeMention):
        return EventDate(value=chosen.value, precision=chosen.precision, text=chosen.text)
    return EventDate()


#: number words ("a", "two", "a couple of") and the days of a unit of time, for "two days after"
NUMBER_WORDS: dict[str, int] = {k: int(v) for k, v in lexicon_words("date_words", "numbers").items()}
UNIT_DAYS = {"day": 1, "week": 7}


def days_apart(analysis: Analysis, pos: int) -> tuple[int, set[int], str] | None:
    """An event told as so long after or before another day: "arrested him on Tuesday, a day after a
    blockade paralysed La Paz" puts the blockade on Monday. Returns (days to add to the other day, the
    token indices of the clause that holds the event, the words that say so), or None."""
    span = analysis.doc.char_span(pos, pos + 1, alignment_mode="expand")
    if span is None:
        return None
    trigger = span.root
    for tok in trigger.sent:
        if tok.lower_ not in ("after", "before") or tok.i == 0 or tok.dep_ not in ("prep", "mark"):
            continue
        unit = tok.doc[tok.i - 1]
        if unit.lemma_.lower() not in UNIT_DAYS or unit.dep_ != "npadvmod":
            continue
        count = next((NUMBER_WORDS.get(c.lower_) or (int(c.text) if c.text.isdigit() else None)
                      for c in unit.children if c.dep_ in ("nummod", "det")), None)
        if not count:
            continue
        if tok.dep_ == "prep":  # "a day after [a blockade ...]"
            scope = {t.i for t in tok.subtree}
        else:  # "two days after [the United States targeted them]": the clause, less "two days"
            scope = {t.i for t in tok.head.subtree} - {t.i for t in unit.subtree}
        if trigger.i in scope:
            sign = -1 if tok.lower_ == "after" else 1
            return sign * count * UNIT_DAYS[unit.lemma_.lower()], scope, f"{unit.doc[unit.left_edge.i: tok.i + 1].text}"
    return None


def _anchored(analysis: Analysis, relative: tuple[int, set[int], str], s_start: int, s_end: int) -> EventDate | None:
    """The date ``relative`` days from the day the rest of the sentence states, if it states one."""
    offset, scope, words = relative
    doc = analysis.doc
    outside = []
    for t in analysis.times:
        if not (s_start <= t.start < s_end) or t.precision != "day" or not t.value:
            continue
        tspan = doc.char_span(t.start, t.end, alignment_mode="expand")
        if tspan is not None and tspan.root.i not in scope:
            outside.append(t)
    anchor = nearest(outside, s_start)
    if not isinstance(anchor, TimeMention) or anchor.value is None:
        return None
    try:
        day = date.fromisoformat(anchor.value[:10]).toordinal() + offset
    except ValueError:
        return None
    return EventDate(value=date.fromordinal(day).isoformat(), precision="day", text=f"{words} {anchor.text}")


def reporting_attribution(analysis: Analysis, start: int, end: int) -> str | None:
    """The attribution whose content contains the event's trigger (the innermost one if nested)."""
    containing = [a for a in analysis.attributions if a.content.start <= start and end <= a.content.end]
    if not containing:
        return None
    return min(containing, key=lambda a: a.content.end - a.content.start).id
