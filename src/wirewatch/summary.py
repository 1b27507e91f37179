"""A readable plain-text summary of one document, for people at a terminal."""

from __future__ import annotations

from .model import Document


def summarise(doc: Document, heading: str | None = None) -> str:
    names = {e.id: e.name for e in doc.entities}
    places = {p.id: p for p in doc.places}
    a = doc.article
    lines = [f"== {heading or a.title or a.id}" + (f"  ({a.source}, {a.published})" if a.source or a.published else "")]
    if doc.events:
        lines.append("  events:")
    for v in doc.events:
        who = ", ".join(names.get(i, i) for i in v.actor) or "(unknown)"
        whom = ", ".join(names.get(i, i) for i in v.recipient)
        where = places[v.place].name if v.place in places else ""
        when = v.date.value or ""
        extra = " ".join(x for x in (f"[{v.aux}]" if v.aux else "", f"in {where}" if where else "",
                                      f"on {when}" if when else "") if x)
        lines.append(f"    {v.event_type:<9} {who}" + (f" -> {whom}" if whom else "")
                     + f"  «{v.trigger.text}» {extra}".rstrip())
    if doc.attributions:
        lines.append("  who said what:")
    for at in doc.attributions:
        chain = "".join(f" via {names.get(i, i)}" for i in at.via)
        speaker = names.get(at.speaker.entity or "", at.speaker.text) or "(unnamed source)"
        content = at.content.text if len(at.content.text) <= 90 else at.content.text[:87] + "..."
        stance = "" if at.stance == "asserts" else f" [{at.stance}]"
        lines.append(f"    {speaker}{chain}{stance}: {content}")
    if doc.places:
        lines.append("  places: " + "; ".join(f"{p.name} ({p.lat:.2f}, {p.lon:.2f})" for p in doc.places))
    return "\n".join(lines)
