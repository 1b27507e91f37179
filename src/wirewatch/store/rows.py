"""A document as rows of the normalised tables (see :mod:`wirewatch.store.schema`)."""

from __future__ import annotations

from typing import Any

from ..model import Document, Entity

Row = dict[str, Any]


def _join(values: list[str | None], unique: bool = False) -> str | None:
    out: list[str] = []
    for v in values:
        if v and not (unique and v in out):
            out.append(v)
    return "; ".join(out) or None


def cameo_root(code: str | None) -> str | None:
    """The two-digit CAMEO root of a code such as ``"190"`` or ``"1823"``."""
    if not code:
        return None
    digits = str(code).strip()
    return digits[:2] if len(digits) >= 2 and digits[:2].isdigit() else None


def document_rows(text: str, doc: Document) -> dict[str, list[Row]]:
    """Rows for every table but ``articles``, keyed by table name."""
    sha = doc.article.sha256
    ents: dict[str, Entity] = {e.id: e for e in doc.entities}
    places = {p.id: p for p in doc.places}
    attrs = {a.id: a for a in doc.attributions}
    out: dict[str, list[Row]] = {"entities": [], "places": [], "attributions": [], "events": [],
                                 "event_actors": []}
    for e in doc.entities:
        first = min(e.mentions, key=lambda m: m.start) if e.mentions else None
        out["entities"].append({
            "article": sha, "id": e.id, "name": e.name, "label": e.label,
            "country": e.actor.country, "sector": e.actor.sector,
            "other_sectors": ",".join(e.actor.other_sectors) or None, "mentions": len(e.mentions),
            "span_start": first.start if first else None, "span_end": first.end if first else None,
            "span_text": first.text if first else None,
        })
    for p in doc.places:
        first = min(p.mentions, key=lambda m: m.start) if p.mentions else None
        out["places"].append({
            "article": sha, "id": p.id, "name": p.name, "geonameid": p.geonameid, "country": p.country,
            "admin1": p.admin1, "feature": p.feature, "lat": p.lat, "lon": p.lon, "mentions": len(p.mentions),
            "span_start": first.start if first else None, "span_end": first.end if first else None,
            "span_text": first.text if first else None,
        })
    for a in doc.attributions:
        speaker = ents.get(a.speaker.entity) if a.speaker.entity else None
        out["attributions"].append({
            "article": sha, "id": a.id, "kind": a.kind, "stance": a.stance, "speaker": a.speaker.text,
            "speaker_entity": a.speaker.entity, "speaker_name": speaker.name if speaker else None,
            "speaker_country": speaker.actor.country if speaker else None,
            "speaker_sector": speaker.actor.sector if speaker else None,
            "anonymous": bool(a.speaker.anonymous),
            "via": _join([ents[v].name if v in ents else v for v in a.via]),
            "cue": a.cue.text if a.cue else None, "cue_lemma": a.cue.lemma if a.cue else None,
            "disputed_by": ",".join(a.disputed_by) or None,
            "span_start": a.content.start, "span_end": a.content.end, "span_text": a.content.text,
        })
    for v in doc.events:
        actors = [ents[i] for i in v.actor if i in ents]
        recipients = [ents[i] for i in v.recipient if i in ents]
        place = places.get(v.place) if v.place else None
        attr = attrs.get(v.attribution) if v.attribution else None
        speaker = ents.get(attr.speaker.entity) if attr and attr.speaker.entity else None
        out["events"].append({
            "article": sha, "id": v.id, "event_type": v.event_type, "mode": v.mode,
            "cameo": getattr(v, "cameo", None), "aux": v.aux, "confidence": float(v.confidence),
            "date": v.date.value, "date_precision": v.date.precision, "date_text": v.date.text,
            "actors": _join([e.name for e in actors]),
            "actor_countries": _join([e.actor.country for e in actors], unique=True),
            "actor_sectors": _join([e.actor.sector for e in actors], unique=True),
            "recipients": _join([e.name for e in recipients]),
            "recipient_countries": _join([e.actor.country for e in recipients], unique=True),
            "recipient_sectors": _join([e.actor.sector for e in recipients], unique=True),
            "place": place.id if place else None, "place_name": place.name if place else None,
            "place_country": place.country if place else None,
            "lat": place.lat if place else None, "lon": place.lon if place else None,
            "attribution": attr.id if attr else None, "stance": attr.stance if attr else None,
            "speaker": (speaker.name if speaker else attr.speaker.text) if attr else None,
            "context": ",".join(v.context) or None,
            "trigger_start": v.trigger.start, "trigger_end": v.trigger.end, "trigger_text": v.trigger.text,
            "span_start": v.sentence.start, "span_end": v.sentence.end,
            "span_text": text[v.sentence.start:v.sentence.end],
        })
        for role, group in (("actor", actors), ("recipient", recipients)):
            for e in group:
                out["event_actors"].append({
                    "article": sha, "event": v.id, "role": role, "entity": e.id, "name": e.name,
                    "country": e.actor.country, "sector": e.actor.sector,
                })
    # an event listing the same entity twice in one role would break the key; keep the first
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for r in out["event_actors"]:
        key = (r["event"], r["role"], r["entity"])
        if key not in seen:
            seen.add(key)
            unique.append(r)
    out["event_actors"] = unique
    return out
