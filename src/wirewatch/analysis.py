"""The working state of one article while the pipeline components run over it.

Components read the spaCy ``Doc`` and what earlier components recorded here, and add their own part of
the :class:`~wirewatch.model.Document`. Lookups that several components need (which entity a token
belongs to, which place a span names) live here so that stages never import each other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .model import Actor, Article, ArticleMeta, Attribution, Document, Entity, Event, Place, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass
class Toponym:
    """A place name found in the text, before or after resolution to a :class:`Place`."""

    start: int
    end: int
    text: str
    label: str | None = None
    place: str | None = None  # Place id once resolved


@dataclass
class TimeMention:
    start: int
    end: int
    text: str
    value: str | None
    precision: str | None


@dataclass
class Analysis:
    article: Article
    doc: Doc
    entities: list[Entity] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    toponyms: list[Toponym] = field(default_factory=list)
    times: list[TimeMention] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # token index -> entity id, for every token inside an entity mention (pronouns included)
    token_entity: dict[int, str] = field(default_factory=dict)
    # entity id -> words around its mentions that carry titles and roles ("spokesman Rear Admiral")
    entity_context: dict[str, str] = field(default_factory=dict)
    # free-form notes components leave for later ones (kept out of the output)
    notes: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def published(self) -> dt.date | None:
        return dt.date.fromisoformat(self.article.published) if self.article.published else None

    # -- entities ---------------------------------------------------------------------------------
    def entity(self, entity_id: str | None) -> Entity | None:
        if entity_id is None:
            return None
        return next((e for e in self.entities if e.id == entity_id), None)

    def add_entity(self, name: str, label: str, start: int, end: int, actor: Actor | None = None) -> Entity:
        ent = Entity(id=f"E{len(self.entities) + 1}", name=name, label=label, actor=actor or Actor(),
                     mentions=[Span.of(self.text, start, end)])
        self.entities.append(ent)
        self.map_tokens(ent.id, start, end)
        return ent

    def add_mention(self, entity_id: str, start: int, end: int) -> None:
        ent = self.entity(entity_id)
        if ent is None:
            raise KeyError(entity_id)
        if not any(m.start == start and m.end == end for m in ent.mentions):
            ent.mentions.append(Span.of(self.text, start, end))
            ent.mentions.sort(key=lambda m: m.start)
        self.map_tokens(entity_id, start, end)

    def map_tokens(self, entity_id: str, start: int, end: int) -> None:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            for tok in span:
                self.token_entity[tok.i] = entity_id

    def entity_for_token(self, token: Token) -> str | None:
        return self.token_entity.get(token.i)

    def entity_for_subtree(self, token: Token) -> str | None:
        """The entity a phrase headed by ``token`` refers to: the head's own, else the first inside it."""
        own = self.token_entity.get(token.i)
        if own:
            return own
        for tok in token.subtree:
            if tok.i in self.token_entity:
                return self.token_entity[tok.i]
        return None

    def entities_in(self, start: int, end: int) -> list[str]:
        """Entity ids with a mention inside [start, end), in order of first appearance there."""
        found: list[tuple[int, str]] = []
        for e in self.entities:
            for m in e.mentions:
                if m.start >= start and m.end <= end:
                    found.append((m.start, e.id))
                    break
        return [eid for _, eid in sorted(found)]

    # -- places -----------------------------------------------------------------------------------
    def place_for_span(self, start: int, end: int) -> str | None:
        for t in self.toponyms:
            if t.place and t.start < end and start < t.end:
                return t.place
        return None

    def document(self) -> Document:
        a = self.article
        meta = ArticleMeta(id=a.sha256[:16], sha256=a.sha256, chars=len(a.text), source=a.source,
                           title=a.title, published=a.published)
        return Document(article=meta, entities=self.entities, places=self.places,
                        attributions=self.attributions, events=self.events)
