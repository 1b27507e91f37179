"""The document model: dataclasses mirroring the output contract (CONTRACT.md, schema wirewatch.document/1).

This is the one thing that travels between stages. Every span is a pair of Python string offsets into
the article text exactly as read; ``text[start:end]`` equals the span's ``text``.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

SCHEMA = "wirewatch.document/1"

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
AUX_MODES = ("historical", "future", "hypothetical", "negation")
STANCES = ("asserts", "denies", "cannot_confirm", "hedges")
#: stances that answer a claim rather than make one
DISPUTING = frozenset({"denies", "cannot_confirm"})
ATTRIBUTION_KINDS = ("direct", "indirect", "according_to")
DATE_PRECISIONS = ("day", "week", "month", "year")


@dataclass
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])


@dataclass
class Actor:
    country: str | None = None
    sector: str | None = None
    other_sectors: list[str] = field(default_factory=list)


@dataclass
class Entity:
    id: str
    name: str
    label: str
    actor: Actor = field(default_factory=Actor)
    mentions: list[Span] = field(default_factory=list)


@dataclass
class Place:
    id: str
    name: str
    lat: float
    lon: float
    geonameid: int | None = None
    country: str | None = None
    admin1: str | None = None
    feature: str | None = None
    mentions: list[Span] = field(default_factory=list)


@dataclass
class Speaker:
    text: str
    entity: str | None = None
    start: int | None = None
    end: int | None = None
    anonymous: bool = False


@dataclass
class Cue:
    start: int
    end: int
    text: str
    lemma: str


@dataclass
class Attribution:
    id: str
    kind: str
    speaker: Speaker
    content: Span
    cue: Cue | None = None
    via: list[str] = field(default_factory=list)
    stance: str = "asserts"
    # Extension (backward compatible): ids of later attributions that deny or cannot confirm this claim.
    disputed_by: list[str] = field(default_factory=list)


@dataclass
class EventDate:
    value: str | None = None
    precision: str | None = None
    text: str | None = None


@dataclass
class SentenceSpan:
    start: int
    end: int


@dataclass
class Event:
    id: str
    event_type: str
    trigger: Span
    sentence: SentenceSpan
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    actor: list[str] = field(default_factory=list)
    recipient: list[str] = field(default_factory=list)
    place: str | None = None
    date: EventDate = field(default_factory=EventDate)
    aux: str | None = None
    attribution: str | None = None
    confidence: float = 0.5
    cameo: str | None = None  # CAMEO root code (2 digits) of the event's trigger; extension of schema 1
    # Extensions of schema 1: where the place and date come from. "stated": the event's own sentence;
    # "context": the city or province named just before; "dateline": the article's dateline;
    # "focus": the country the article is mostly about;
    # "published": the publication date (a report of something that just happened).
    place_basis: str | None = None
    date_basis: str | None = None


@dataclass
class ArticleMeta:
    id: str
    sha256: str
    chars: int
    source: str | None = None
    title: str | None = None
    published: str | None = None


@dataclass
class Document:
    article: ArticleMeta
    entities: list[Entity] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    schema: str = SCHEMA

    def to_dict(self) -> dict[str, Any]:
        d = plain(self)
        return {"schema": d.pop("schema"), **d}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        def spans(items: list[dict[str, Any]]) -> list[Span]:
            return [Span(**m) for m in items]

        return cls(
            article=ArticleMeta(**d["article"]),
            entities=[
                Entity(id=e["id"], name=e["name"], label=e["label"], actor=Actor(**(e.get("actor") or {})),
                       mentions=spans(e.get("mentions", [])))
                for e in d.get("entities", [])
            ],
            places=[Place(**{**p, "mentions": spans(p.get("mentions", []))}) for p in d.get("places", [])],
            attributions=[
                Attribution(
                    id=a["id"], kind=a["kind"], speaker=Speaker(**a["speaker"]), content=Span(**a["content"]),
                    cue=Cue(**a["cue"]) if a.get("cue") else None, via=list(a.get("via", [])),
                    stance=a.get("stance", "asserts"), disputed_by=list(a.get("disputed_by", [])),
                )
                for a in d.get("attributions", [])
            ],
            events=[
                Event(**{**v, "trigger": Span(**v["trigger"]), "sentence": SentenceSpan(**v["sentence"]),
                         "date": EventDate(**(v.get("date") or {}))})
                for v in d.get("events", [])
            ],
            schema=d.get("schema", SCHEMA),
        )


_IMMUTABLE = (str, int, float, bool, type(None))
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def plain(value: Any) -> Any:
    """``dataclasses.asdict`` for the document model, without its deep copy of every string and number:
    the same dicts, lists and tuples, at a third of the cost (storing a document was two thirds asdict)."""
    if isinstance(value, _IMMUTABLE):
        return value
    if isinstance(value, list):
        return [plain(v) for v in value]
    kind = type(value)
    if is_dataclass(value):
        names = _FIELD_NAMES.get(kind)
        if names is None:
            names = _FIELD_NAMES[kind] = tuple(f.name for f in fields(value))
        return {name: plain(getattr(value, name)) for name in names}
    if isinstance(value, tuple):
        return kind(plain(v) for v in value)
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    return copy.deepcopy(value)


def text_sha256(text: str) -> str:
    """Identity of an article: SHA-256 of its whitespace-normalised text, so re-encoded copies collide."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


@dataclass
class Article:
    """An article as ingested, before analysis: its text exactly as read plus its metadata."""

    text: str
    title: str | None = None
    source: str | None = None
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None
    origin: str | None = None  # where it was read from: a path, path:line, or feed item id

    @property
    def sha256(self) -> str:
        return text_sha256(self.text)
