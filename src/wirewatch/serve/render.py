"""Responses: JSON (with ``<``, ``>`` and ``&`` escaped, so no article text can become markup), CSV (flat,
spreadsheet formulas defused) and GeoJSON."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from fastapi.responses import Response

SAFE_HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store",
                "Referrer-Policy": "no-referrer"}
_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def dumps(content: Any) -> str:
    # inside JSON these characters only occur in strings, where the \u escapes mean the same
    out = json.dumps(content, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in _ESCAPES:
        if char in out:
            out = out.replace(char, escape)
    return out


class JSONResponse(Response):
    """application/json, escaped as :func:`dumps` does."""

    media_type = "application/json"

    def __init__(self, content: Any, status_code: int = 200, headers: dict[str, str] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(content, status_code, {**SAFE_HEADERS, **(headers or {})}, **kwargs)

    def render(self, content: Any) -> bytes:
        return dumps(content).encode("utf-8")


def flatten(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested objects become ``parent_child`` columns; lists become JSON text."""
    out: dict[str, Any] = {}
    for k, v in row.items():
        name = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(flatten(v, name + "_"))
        elif isinstance(v, list):
            out[name] = json.dumps(v, ensure_ascii=False, separators=(",", ":")) if v else ""
        else:
            out[name] = v
    return out


def _cell(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        try:
            float(value)
            return value
        except ValueError:
            return "'" + value
    return value


def csv_response(rows: list[dict[str, Any]], headers: dict[str, str] | None = None,
                 filename: str = "wirewatch.csv") -> Response:
    flat = [flatten(r) for r in rows]
    columns: list[str] = []
    for r in flat:
        for k in r:
            if k not in columns:
                columns.append(k)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for r in flat:
        writer.writerow({k: _cell(v) for k, v in r.items()})
    return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={**SAFE_HEADERS, "Content-Disposition": f'inline; filename="{filename}"',
                             **(headers or {})})


def feature(row: dict[str, Any], lat: Any, lon: Any) -> dict[str, Any]:
    geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
    return {"type": "Feature", "id": row.get("id"), "geometry": geometry, "properties": row}


def geojson_response(features: list[dict[str, Any]], extra: dict[str, Any],
                     headers: dict[str, str] | None = None) -> Response:
    body = {"type": "FeatureCollection", "features": features, **extra}
    return JSONResponse(body, headers=headers, media_type="application/geo+json")
