"""The component registry: pipeline components register here by name; settings choose and order them."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .analysis import Analysis

Component = Callable[["Analysis"], None]
_REGISTRY: dict[str, Component] = {}

# Modules that register the built-in components when imported.
BUILTIN_MODULES = ("wirewatch.extract", "wirewatch.resolve.components")


def component(name: str) -> Callable[[Component], Component]:
    """Register the decorated function as pipeline component ``name`` (plugins use this too)."""

    def register(fn: Component) -> Component:
        _REGISTRY[name] = fn
        return fn

    return register


def registered(plugins: tuple[str, ...] = ()) -> dict[str, Component]:
    """Every component: the built-in ones and those the ``plugins`` modules register when imported."""
    from .errors import ConfigError

    for mod in BUILTIN_MODULES:
        import_module(mod)
    for mod in plugins:
        try:
            import_module(mod)
        except ImportError as exc:
            raise ConfigError(f"plugin {mod!r} cannot be imported ({exc})") from None
    return dict(_REGISTRY)
