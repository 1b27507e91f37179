"""The ``actors`` pipeline component: PLOVER country and sector for each entity.

The coder itself is :class:`wirewatch.kb.actors.ActorCoder`; this feeds it each entity's names and context.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

from ..analysis import Analysis
from ..kb import KnowledgeBase
from ..kb.actors import ActorCoder
from ..kb.lexicons import lexicon_words
from ..model import Actor
from ..registry import Component, factory

# the party-and-state tag after a US legislator's name, as spaCy tokenises it into the context: "R - S.C."
US_MEMBER_TAG = re.compile(r"(?:^|\s)[RDI] - (?:[A-Z][a-z]{1,4}\.|[A-Z]\.[A-Z]\.|[A-Z][a-z]+)(?:\s|,|$)")

# a pronoun mention names no one: the entity is coded from its other names
PRONOUNS = frozenset(w.lower() for w in lexicon_words("actor_words", "pronouns"))


@factory("actors", requires=("entities",), assigns=("actors",))
def make_actors(kb: KnowledgeBase, config: Mapping[str, Any]) -> Component:
    coder, sectors = kb.actors, kb.actor_nouns.sector

    def actors(analysis: Analysis) -> None:
        code_actors(analysis, coder, sectors)

    return actors


def code_actors(analysis: Analysis, coder: ActorCoder, sectors: Mapping[str, str | None]) -> None:
    """PLOVER country and sector for each entity, from its names, titles and where it is placed."""
    when = analysis.published
    focus = focus_country(analysis)
    for ent in analysis.entities:
        context = analysis.entity_context.get(ent.id, "")
        best: Actor | None = None
        for name in [ent.name] + sorted({m.text for m in ent.mentions} - {ent.name}, key=len, reverse=True):
            if len(name) < 2 or name.lower() in PRONOUNS:
                continue
            best = coder.code(name, label=ent.label, context=context, when=when)
            if best is not None and best.country:
                break
        actor = best or Actor()
        if actor.sector is None and ent.label in ("NOMINAL", "ORG"):
            actor.sector = head_noun_sector(ent.name, sectors)
        if actor.sector is None and context:
            actor.sector = head_noun_sector(context, sectors)  # "Sen. Lindsey Graham", "Trump's adviser"
        if US_MEMBER_TAG.search(context):
            # "Sen. Ben Sasse, R-Neb.": a member of the US Congress, party and state
            actor.country = actor.country or "USA"
            actor.sector = actor.sector or "LEG"
        if actor.country is None and actor.sector is not None:
            # an unnamed official or force without a nationality: where the text puts it, else the story's focus
            actor.country = possessor_country(analysis, ent.id) or placed_country(analysis, ent.id) or focus
        if actor.country is None and ent.label == "PERSON":
            # a person no dictionary knows ("Reza Gul, a resident of Farah province"): where the text puts them,
            # else the country the story is about
            actor.country = placed_country(analysis, ent.id) or focus
        if ent.label == "PERSON" and actor.sector is None and not actor.other_sectors and not context:
            # a person no dictionary knows and the text gives no role or title ("Reza Gul", "his daughter
            # Fatima"): most likely a private person (kept as the other reading, not asserted)
            actor.other_sectors = ["CVL"]
        if ent.label in ("GPE", "ORG") and actor.country and actor.sector is None and not actor.other_sectors \
                and coder.country_of(ent.name) == actor.country:
            # "Russia expelled ...", "calls on the DPRK": a state named as an actor stands for its government
            # (kept as the other reading: the entity may only be a place)
            actor.other_sectors = ["GOV"]
        ent.actor = actor


def head_noun_sector(name: str, sectors: Mapping[str, str | None]) -> str | None:
    """The sector an actor noun in the phrase suggests, the one nearest the end first ("French paratroopers")."""
    words = name.lower().split()
    for i in range(len(words) - 1, -1, -1):
        for phrase in (" ".join(words[max(0, i - 1):i + 1]), words[i]):
            if sectors.get(phrase):
                return sectors[phrase]
    return None


def possessor_country(analysis: Analysis, entity_id: str) -> str | None:
    """'its fighters' after 'The Taliban ...': the country of the entity the possessive refers to (already
    coded: an antecedent comes before)."""
    doc = analysis.doc
    for tok_i, eid in analysis.token_entity.items():
        if eid != entity_id:
            continue
        for child in doc[tok_i].children:
            owner = analysis.entity(analysis.token_entity.get(child.i))
            if child.dep_ == "poss" and owner is not None and owner.id != entity_id and owner.actor.country:
                return owner.actor.country
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
