"""Query parameters of the JSON API: parsed and checked here, so that a bad one is a 400 with a one-line
JSON message and never reaches the database (nor a 500)."""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass, field
from typing import Any

from ..model import EVENT_TYPES, STANCES

AUX = ("negation", "hypothetical", "future", "historical")
FORMATS = ("json", "csv", "geojson")
DEFAULT_SIZE = 100
MAX_SIZE = 1000
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ApiError(Exception):
    """A request the API refuses: ``status`` (400, 404, ...) and a one-line message."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def text(value: str | None, name: str, max_len: int = 200) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if len(value) > max_len:
        raise ApiError(f"{name}: longer than {max_len} characters")
    if "\x00" in value:
        raise ApiError(f"{name}: contains a NUL character")
    return value


def date(value: str | None, name: str) -> str | None:
    """A YYYY-MM-DD date that exists on the calendar."""
    value = text(value, name, 10)
    if value is None:
        return None
    from datetime import date as _date

    if not _DATE.match(value):
        raise ApiError(f"{name}: {value!r} is not a date (YYYY-MM-DD)")
    try:
        _date.fromisoformat(value)
    except ValueError:
        raise ApiError(f"{name}: {value!r} is not a date on the calendar") from None
    return value


def date_range(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    since, until = date(since, "since"), date(until, "until")
    if since and until and since > until:
        raise ApiError(f"since {since} is after until {until}")
    return since, until


def many(values: list[str] | None, name: str) -> list[str]:
    """A repeatable parameter: ``?type=A&type=B`` or ``?type=A,B``."""
    out: list[str] = []
    for v in values or []:
        for part in v.split(","):
            part = part.strip()
            if part:
                if len(part) > 100:
                    raise ApiError(f"{name}: value longer than 100 characters")
                out.append(part)
    if len(out) > 50:
        raise ApiError(f"{name}: at most 50 values")
    return list(dict.fromkeys(out))


def event_types(values: list[str] | None) -> list[str]:
    types = [t.upper() for t in many(values, "type")]
    bad = [t for t in types if t not in EVENT_TYPES]
    if bad:
        raise ApiError(f"type: unknown event type(s) {', '.join(bad)}; known: {' '.join(EVENT_TYPES)}")
    return types


def stances(values: list[str] | None) -> list[str]:
    out = [x.lower() for x in many(values, "stance")]
    bad = [x for x in out if x not in STANCES]
    if bad:
        raise ApiError(f"stance: unknown stance(s) {', '.join(bad)}; known: {' '.join(STANCES)}")
    return out


def aux_values(values: list[str] | None) -> list[str]:
    out = [x.lower() for x in many(values, "aux")]
    bad = [x for x in out if x not in (*AUX, "none")]
    if bad:
        raise ApiError(f"aux: unknown value(s) {', '.join(bad)}; known: {' '.join(AUX)} none")
    return out


def boolean(value: str | None, name: str) -> bool | None:
    if value is None or not value.strip():
        return None
    v = value.strip().lower()
    if v in ("1", "true", "yes", "on"):
        return True
    if v in ("0", "false", "no", "off"):
        return False
    raise ApiError(f"{name}: {value!r} is not true or false")


def code(value: str | None, name: str) -> str | None:
    """A country or sector code such as RUS or MIL."""
    value = text(value, name, 10)
    if value is None:
        return None
    if not value.isalpha():
        raise ApiError(f"{name}: {value!r} is not a code such as RUS")
    return value.upper()


def bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``minlon,minlat,maxlon,maxlat``; a box with minlon > maxlon crosses the antimeridian."""
    value = text(value, "bbox", 100)
    if value is None:
        return None
    parts = value.split(",")
    if len(parts) != 4:
        raise ApiError("bbox: expected minlon,minlat,maxlon,maxlat")
    try:
        minlon, minlat, maxlon, maxlat = (float(p) for p in parts)
    except ValueError:
        raise ApiError("bbox: expected four numbers minlon,minlat,maxlon,maxlat") from None
    for v in (minlon, maxlon):
        if not -180 <= v <= 180:
            raise ApiError("bbox: longitudes lie between -180 and 180")
    for v in (minlat, maxlat):
        if not -90 <= v <= 90:
            raise ApiError("bbox: latitudes lie between -90 and 90")
    if minlat > maxlat:
        raise ApiError("bbox: minlat is above maxlat")
    return minlon, minlat, maxlon, maxlat


def fmt(path_fmt: str | None, query_fmt: str | None, allowed: tuple[str, ...]) -> str:
    """The response format from a ``.csv`` style suffix or ``_format``; JSON by default."""
    chosen = (path_fmt or query_fmt or "json").lower()
    if chosen not in allowed:
        raise ApiError(f"format {chosen!r} is not offered here; use {' or '.join(allowed)}")
    return chosen


def encode_key(key: list[Any]) -> str:
    raw = json.dumps(key, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_key(token: str | None, types: tuple[type, ...]) -> list[Any] | None:
    """The keyset position in a ``_next`` token, checked against the types the listing's key has."""
    if token is None or not token.strip():
        return None
    token = token.strip()
    if len(token) > 2000:
        raise ApiError("_next: not a token from this API")
    try:
        key = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise ApiError("_next: not a token from this API") from None
    if (not isinstance(key, list) or len(key) != len(types)
            or not all(isinstance(k, t) and not isinstance(k, bool) for k, t in zip(key, types, strict=True))):
        raise ApiError("_next: not a token from this listing")
    return key


@dataclass
class EventFilters:
    types: list[str] = field(default_factory=list)
    actor: str | None = None
    recipient: str | None = None
    country: str | None = None
    place: str | None = None
    source: str | None = None
    since: str | None = None
    until: str | None = None
    article: str | None = None
    incident: str | None = None
    stance: list[str] = field(default_factory=list)
    aux: list[str] = field(default_factory=list)
    mode: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    min_confidence: float | None = None

    def applied(self) -> dict[str, Any]:
        return applied(self)


@dataclass
class IncidentFilters:
    types: list[str] = field(default_factory=list)
    actor: str | None = None
    recipient: str | None = None
    place: str | None = None
    country: str | None = None
    since: str | None = None
    until: str | None = None
    source: str | None = None
    min_sources: int = 0
    min_articles: int = 0
    ids: list[str] = field(default_factory=list)
    bbox: tuple[float, float, float, float] | None = None

    def applied(self) -> dict[str, Any]:
        return applied(self)


@dataclass
class ClaimFilters:
    speaker: str | None = None
    stance: list[str] = field(default_factory=list)
    source: str | None = None
    since: str | None = None
    until: str | None = None
    q: str | None = None
    corroborated: int = 0
    contested: bool | None = None
    cluster: str | None = None
    article: str | None = None
    kind: str | None = None

    def applied(self) -> dict[str, Any]:
        return applied(self)


def applied(filters: Any) -> dict[str, Any]:
    """The filters in effect, as the response's ``filters``: empty ones left out."""
    out: dict[str, Any] = {}
    for k, v in vars(filters).items():
        if v is None or v == [] or v == 0 and not isinstance(v, bool):
            continue
        out["type" if k == "types" else "id" if k == "ids" else k] = list(v) if isinstance(v, tuple) else v
    return out
