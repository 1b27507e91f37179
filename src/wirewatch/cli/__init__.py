"""The ``wirewatch`` command: one verb per job.

Every anticipated failure (bad input, bad settings, an unusable store) becomes one line on standard
error and exit code 2; tracebacks are for bugs only.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from .. import __version__
from ..errors import WirewatchError

F = TypeVar("F", bound=Callable[..., Any])


def friendly_errors(fn: F) -> F:
    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except WirewatchError as exc:
            click.echo(f"wirewatch: error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("wirewatch: interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:
            sys.exit(0)

    return wrapper  # type: ignore[return-value]


class WirewatchGroup(click.Group):
    """Usage errors (an unknown option, a bad choice) become one line and exit code 2, like bad input."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("standalone_mode", True) is False:
            return super().main(*args, **kwargs)
        try:
            code = super().main(*args, **{**kwargs, "standalone_mode": False})
        except click.UsageError as exc:
            command = exc.ctx.command_path if exc.ctx else "wirewatch"
            click.echo(f"wirewatch: error: {exc.format_message()} (see '{command} --help')", err=True)
            sys.exit(2)
        except click.Abort:
            click.echo("wirewatch: aborted", err=True)
            sys.exit(1)
        except click.ClickException as exc:
            click.echo(f"wirewatch: error: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        sys.exit(code if isinstance(code, int) else 0)


@click.group(cls=WirewatchGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="wirewatch")
def cli() -> None:
    """Turn news articles into a sourced, geolocated record of political and conflict events."""


@cli.command()
@click.argument("path")
@click.option("--published", help="Publication date YYYY-MM-DD; anchors relative dates such as 'on Friday'.")
@click.option("--source", help="Outlet name (e.g. 'CNN').")
@click.option("--title", help="Article headline.")
@click.option("--indent/--compact", default=True, show_default=True, help="Pretty-print the JSON.")
@friendly_errors
def extract(path: str, published: str | None, source: str | None, title: str | None, indent: bool) -> None:
    """Extract one article (PATH, or - for standard input) and print its document JSON."""
    from ..ingest import read_article
    from ..pipeline import Pipeline

    article = read_article(path, published=published, source=source, title=title)
    doc = Pipeline()(article)
    click.echo(json.dumps(doc.to_dict(), ensure_ascii=False, indent=2 if indent else None))


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--limit", type=int, default=0, help="Show at most this many articles (0: all).")
@friendly_errors
def demo(paths: tuple[str, ...], limit: int) -> None:
    """Extract the bundled sample articles (or PATHS) and print a readable summary of each."""
    from ..ingest import read_article
    from ..pipeline import Pipeline
    from ..summary import summarise

    files = [Path(p) for p in paths] if paths else sample_articles()
    if limit:
        files = files[:limit]
    if not files:
        raise WirewatchError("no sample articles found")
    pipe = Pipeline()
    for path in files:
        doc = pipe(read_article(path))
        click.echo(summarise(doc, heading=str(path.name)))


def sample_articles() -> list[Path]:
    """The articles shipped in samples/articles of a source checkout."""
    root = Path(__file__).resolve().parents[3] / "samples" / "articles"
    return sorted(root.glob("*.txt"))


def register_subcommands() -> None:
    """Verbs defined in sibling modules (corpus, evaluation) attach themselves to the group."""
    from importlib import import_module

    for name in ("corpus", "link", "evaluate", "serve"):
        try:
            import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise


def main() -> None:
    register_subcommands()
    cli(prog_name="wirewatch")


