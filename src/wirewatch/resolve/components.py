"""Pipeline components of the resolve stage: actor codes, places, dates, and each event's context.

The resolvers themselves (``actors``, ``places``, ``dates``) know nothing of the pipeline; these thin
components feed them what the extract stage found and write the answers into the Analysis.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Any

from ..analysis import Analysis, TimeMention, Toponym
from ..lexicons import actor_nouns, load_lexicon
from ..model import Actor, Event, EventDate, Place, Span
from ..registry import component

if TYPE_CHECKING:
    from spacy.tokens import Token

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# the words come from data/lexicons/place_words.json
PLACE_WORDS = load_lexicon("place_words")
LOCATIVE_PREPS = frozenset(PLACE_WORDS["locative_prepositions"])
PLACE_NOUNS = frozenset(PLACE_WORDS["place_nouns"])  # whose "of" names the place: "the town of X"
# a place that is the subject of one of these speaks for its government: it is no place of an event
SPEAKING_VERBS = frozenset(PLACE_WORDS["speaking_verbs"])
# "the town of Mocímboa da Praia", which NER may tag as a person: the wording makes it a place
PLACE_WORD_BEFORE = re.compile(rf"\b(?:{'|'.join(PLACE_WORDS['place_nouns'])}) of (?:the )?$", re.I)
# "Pacaraima, a town in Roraima state"
PLACE_WORD_AFTER = re.compile(
    rf",? (?:a|the) (?:(?:{'|'.join(PLACE_WORDS['apposition_adjectives'])}) )?"
    rf"(?:{'|'.join(PLACE_WORDS['place_nouns_in_apposition'])}) (?:in|of|near|on|outside)\b", re.I)
# "Zvečan, in northern Kosovo"
IN_REGION_BETWEEN = re.compile(r", in (?:the )?(?:(?:north|south)(?:east|west)?(?:ern)?|east(?:ern)?|west(?:ern)?|"
                               r"central)? ?", re.I)
# GeoNames' codes where PLOVER's differ, so that places and actors share one country code
PLOVER_COUNTRY = {"XKX": "KOS"}


@component("places")
def resolve_places(analysis: Analysis) -> None:
    from .places import Toponym as PlaceName
    from .places import resolve_toponyms

    doc = analysis.doc
    # one sense per article: a name NER tags as a place somewhere is a place where it tagged it a group
    # or a person ("peacekeepers around Zvečan[ORG]" ... "the mayor of Zvečan[GPE]")
    ents = list(doc.ents)
    worded = {e.text for k, e in enumerate(ents) if e.label_ in ("PERSON", "NORP", "ORG")
              and worded_as_place(analysis.text, e, ents[k + 1] if k + 1 < len(ents) else None)}
    place_names = {e.text for e in ents if e.label_ in ("GPE", "LOC")} | worded | {
        e.text for e in ents if e.label_ in ("PERSON", "ORG") and is_country_or_division(e.text)}
    toponyms = [Toponym(e.start_char, e.end_char, e.text, e.label_) for e in ents
                if e.label_ in PLACE_LABELS or (e.label_ in ("PERSON", "NORP", "ORG") and (
                    relabelled_place(analysis, e.start) or e.text in place_names))]
    # a dateline's city in capitals ("SAN DIEGO (AP) —"), which NER may miss or call a group
    m = DATELINE.match(analysis.text)
    if m and m.group(1).strip().isupper():
        start, end = m.start(1), m.start(1) + len(m.group(1).rstrip())
        if not any(t.start < end and start < t.end for t in toponyms):
            toponyms.insert(0, Toponym(start, end, analysis.text[start:end], "GPE"))
    # NER tags "the Pentagon" or "the White House" as places; they are actors, not locations to map
    toponyms = [t for t in toponyms if t.text.lower().removeprefix("the ") not in NOT_PLACES
                and not inside_organisation_name(analysis, t)]
    found = resolve_toponyms(analysis.text, [PlaceName(t.start, t.end, t.text, t.label) for t in toponyms])
    by_key: dict[object, Place] = {}
    for top, cand in zip(toponyms, found, strict=True):
        if cand is None or cand.name.lower() in NOT_PLACES:  # also by another name: "the Oval Office"
            continue
        key = cand.geonameid if cand.geonameid is not None else (cand.name, round(cand.lat, 2), round(cand.lon, 2))
        place = by_key.get(key)
        if place is None:
            place = Place(id=f"P{len(by_key) + 1}", name=cand.name, lat=round(cand.lat, 5), lon=round(cand.lon, 5),
                          geonameid=cand.geonameid, country=PLOVER_COUNTRY.get(cand.country or "", cand.country),
                          admin1=cand.admin1, feature=cand.feature)
            by_key[key] = place
        place.mentions.append(Span.of(analysis.text, top.start, top.end))
        top.place = place.id
    analysis.places = list(by_key.values())
    analysis.toponyms = [t for t in toponyms if t.place]


def is_country_or_division(name: str) -> bool:
    """Whether ``name`` is the very name of a country or first-level division ("Georgia" tagged a person)."""
    from .places import Gazetteer, fold

    key = fold(name)
    return any(c.feature in ("PCLI", "ADM1") and fold(c.name) == key for c in Gazetteer.load().candidates(name))


def worded_as_place(text: str, ent: Any, nxt: Any) -> bool:
    """The wording around a name NER called a person or a group makes it a place: "the town of X", "X, a
    town in Y", "X, in northern Y" (Y a place)."""
    if PLACE_WORD_BEFORE.search(text, max(0, ent.start_char - 30), ent.start_char):
        return True
    if PLACE_WORD_AFTER.match(text, ent.end_char):
        return True
    return (nxt is not None and nxt.label_ in ("GPE", "LOC")
            and IN_REGION_BETWEEN.fullmatch(text, ent.end_char, nxt.start_char) is not None)


def inside_organisation_name(analysis: Analysis, top: Toponym) -> bool:
    """"Syria" in "Islamic State of Iraq and Syria" names a group, not a place."""
    return any(e.label == "ORG" and any(m.start <= top.start and top.end <= m.end and m.end - m.start > top.end - top.start
                                        for m in e.mentions) for e in analysis.entities)


def relabelled_place(analysis: Analysis, token_i: int) -> bool:
    """NER called it a person or a group, but the entities stage knows it as a place ("Kherson said ...")."""
    ent = analysis.entity(analysis.token_entity.get(token_i))
    return ent is not None and ent.label == "GPE"


NOT_PLACES = {"pentagon", "white house", "kremlin", "élysée", "elysee", "downing street"}


@component("actors")
def code_actors(analysis: Analysis) -> None:
    """PLOVER country and sector for each entity, from its names, titles and where it is placed."""
    from .actors import ActorCoder

    coder = ActorCoder.load()
    when = analysis.published
    focus = focus_country(analysis)
    for ent in analysis.entities:
        context = analysis.entity_context.get(ent.id, "")
        best: Actor | None = None
        for name in [ent.name] + sorted({m.text for m in ent.mentions} - {ent.name}, key=len, reverse=True):
            if len(name) < 2 or name.lower() in ("he", "she", "him", "her", "his", "it", "its", "they", "them"):
                continue
            best = coder.code(name, label=ent.label, context=context, when=when)
            if best is not None and best.country:
                break
        actor = best or Actor()
        if actor.sector is None and ent.label in ("NOMINAL", "ORG"):
            actor.sector = head_noun_sector(ent.name)
        if actor.country is None and actor.sector is not None:
            # an unnamed official or force without a nationality: where the text puts it, else the story's focus
            actor.country = placed_country(analysis, ent.id) or focus
        ent.actor = actor


def head_noun_sector(name: str) -> str | None:
    """The sector an actor noun in the phrase suggests, the one nearest the end first ("French paratroopers")."""
    words = name.lower().split()
    sectors = actor_nouns().sector
    for i in range(len(words) - 1, -1, -1):
        for phrase in (" ".join(words[max(0, i - 1):i + 1]), words[i]):
            if sectors.get(phrase):
                return sectors[phrase]
    return None


def placed_country(analysis: Analysis, entity_id: str) -> str | None:
    """'a senior security official in Baghdad' → the country of Baghdad."""
    doc = analysis.doc
    places = {p.id: p for p in analysis.places}
    for tok_i, eid in analysis.token_entity.items():
        if eid != entity_id:
            continue
        tok = doc[tok_i]
        # where the entity is ("official in Baghdad") or where it spoke or acted ("said in Georgetown")
        near = list(tok.children)
        if tok.dep_ in ("nsubj", "nsubjpass"):
            near += [c for c in tok.head.children if c.dep_ == "prep"]
        for child in near:
            if child.dep_ == "prep" and child.lower_ in ("in", "from", "of"):
                for obj in child.children:
                    pid = analysis.place_for_span(obj.idx, obj.idx + len(obj.text))
                    if pid and places[pid].country:
                        return places[pid].country
    return None


def focus_country(analysis: Analysis) -> str | None:
    counts: Counter[str] = Counter()
    for p in analysis.places:
        if p.country:
            counts[p.country] += len(p.mentions)
    return counts.most_common(1)[0][0] if counts else None


@component("times")
def find_times(analysis: Analysis) -> None:
    from .dates import find_time_expressions

    analysis.times = [TimeMention(t.start, t.end, t.text, t.value, t.precision)
                      for t in find_time_expressions(analysis.text, analysis.published)]


@component("event_context")
def event_context(analysis: Analysis) -> None:
    """Each event's place, date and reporting attribution, from its own clause or sentence."""
    dateline = dateline_place(analysis)
    focus = focus_place(analysis)
    for ev in analysis.events:
        ev.place = event_place(analysis, ev)
        ev.place_basis = "stated" if ev.place else None
        if ev.place is None:
            # a statement or a demand happens wherever its speaker is; only physical events inherit the story's place
            physical = ev.event_type not in TARGET_IS_NOT_PLACE
            earlier = context_place(analysis, ev.sentence.start) if physical else None
            for fallback, basis in ((earlier, "context"), (dateline, "dateline"), (focus, "focus")):
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


# "KYIV, Ukraine (AP) —", "NAIROBI, July 9 (Reuters) -": a capitalised place, then an agency or a dash
DATELINE = re.compile(r"^\s*([A-Z][A-Za-z.' -]{1,40}?)(?:,[^\n()—–-]{0,40})?\s*(?:\([^)]{1,40}\))?\s*[—–-]{1,2}\s")


def dateline_end(analysis: Analysis) -> int:
    m = DATELINE.match(analysis.text)
    return m.end() if m else 0


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
TARGET_IS_NOT_PLACE = {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION", "SUPPORT", "AGREE", "CONCEDE"}


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


def context_place(analysis: Analysis, pos: int) -> str | None:
    """The city or province the body named most recently before ``pos``: where the story is."""
    places = {p.id: p for p in analysis.places}
    body = dateline_end(analysis)
    best: Toponym | None = None
    for top in analysis.toponyms:
        specific = top.place and (places[top.place].feature or "").startswith(("PPL", "ADM"))
        if body <= top.start < pos and specific and (best is None or top.start > best.start):
            best = top
    return best.place if best else None


# Clauses that describe a noun rather than the event: "troops, who have been deployed since 2021, repelled
# the attack" dates the deployment, not the repelling.
NOUN_CLAUSE_DEPS = {"relcl", "acl"}


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
    in_sentence = [t for t in analysis.times if s_start <= t.start < s_end
                   and not in_other_noun_clause(analysis, t.start, pos)]
    chosen = nearest(in_sentence, pos)
    if isinstance(chosen, TimeMention):
        return EventDate(value=chosen.value, precision=chosen.precision, text=chosen.text)
    return EventDate()


def reporting_attribution(analysis: Analysis, start: int, end: int) -> str | None:
    """The attribution whose content contains the event's trigger (the innermost one if nested)."""
    containing = [a for a in analysis.attributions if a.content.start <= start and end <= a.content.end]
    if not containing:
        return None
    return min(containing, key=lambda a: a.content.end - a.content.start).id
