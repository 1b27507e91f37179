"""The component registry: pipeline components are factories registered by name; settings choose and order them.

In the spirit of spaCy's ``@Language.factory``, a factory has a name, the parts of the
:class:`~wirewatch.analysis.Analysis` it ``requires`` and ``assigns``, and a default config (the
``[tool.wirewatch.components.NAME]`` section of ``wirewatch.toml`` overrides it). A pipeline calls each factory
once with its :class:`~wirewatch.kb.KnowledgeBase` and its config; what the factory returns runs over every
article. :func:`check_order` refuses an order in which a component would run before what it requires exists.

Plugins register a factory the same way, or a plain function with :func:`component`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .analysis import Analysis
    from .kb import KnowledgeBase

Component = Callable[["Analysis"], None]
Make = Callable[["KnowledgeBase", Mapping[str, Any]], Component]

# What every Analysis holds before the first component runs.
GIVEN = ("article", "doc")

# Modules that register the built-in components when imported.
BUILTIN_MODULES = ("wirewatch.extract", "wirewatch.resolve")


@dataclass(frozen=True)
class Factory:
    name: str
    make: Make
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    default_config: Mapping[str, Any] = field(default_factory=dict)


_REGISTRY: dict[str, Factory] = {}


def factory(name: str, *, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = (),
            default_config: Mapping[str, Any] | None = None) -> Callable[[Make], Make]:
    """Register ``make(kb, config) -> component`` as the factory of pipeline component ``name``."""

    def register(make: Make) -> Make:
        _REGISTRY[name] = Factory(name, make, tuple(requires), tuple(assigns), dict(default_config or {}))
        return make

    return register


def component(name: str, *, requires: tuple[str, ...] = (),
              assigns: tuple[str, ...] = ()) -> Callable[[Component], Component]:
    """Register a plain function of the Analysis as component ``name`` (a factory that needs nothing)."""

    def register(fn: Component) -> Component:
        factory(name, requires=requires, assigns=assigns)(lambda kb, config: fn)
        return fn

    return register


def registered(plugins: tuple[str, ...] = ()) -> dict[str, Factory]:
    """Every factory: the built-in ones and those the ``plugins`` modules register when imported."""
    from .errors import ConfigError

    for mod in BUILTIN_MODULES:
        import_module(mod)
    for mod in plugins:
        try:
            import_module(mod)
        except ImportError as exc:
            raise ConfigError(f"plugin {mod!r} cannot be imported ({exc})") from None
    return dict(_REGISTRY)


def check_order(names: tuple[str, ...] | list[str], factories: Mapping[str, Factory]) -> None:
    """Raise a one-line ConfigError unless every component's requirements are assigned by one before it."""
    from .errors import ConfigError

    unknown = [n for n in names if n not in factories]
    if unknown:
        raise ConfigError(f"unknown pipeline component(s): {', '.join(unknown)}; "
                          f"known: {', '.join(sorted(factories))}")
    have = set(GIVEN)
    for name in names:
        f = factories[name]
        missing = [r for r in f.requires if r not in have]
        if missing:
            by = {r: [g.name for g in factories.values() if r in g.assigns] for r in missing}
            need = "; ".join(f"{r!r} (from {' or '.join(by[r]) or 'no component'})" for r in missing)
            raise ConfigError(f"pipeline component {name!r} requires {need}, which no component before it "
                              f"assigns (pipeline: {', '.join(names)})")
        have.update(f.assigns)


def default_config_toml(factories: Mapping[str, Factory]) -> str:
    """The ``[tool.wirewatch.components.*]`` sections with every factory's defaults, as TOML text."""
    lines: list[str] = []
    for name in sorted(factories):
        f = factories[name]
        lines.append(f"# requires: {', '.join(f.requires) or '-'}; assigns: {', '.join(f.assigns) or '-'}")
        lines.append(f"[tool.wirewatch.components.{name}]")
        for key, value in f.default_config.items():
            text = ("true" if value else "false") if isinstance(value, bool) else repr(value)
            lines.append(f"{key} = {text}")
        lines.append("")
    return "\n".join(lines)
