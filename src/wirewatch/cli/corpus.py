"""Corpus verbs: ``ingest`` files into a store, query ``events``/``claims``/``entities``, ``export`` it all.

``--db`` takes a SQLite file path (default ``wirewatch.db`` here, or $WIREWATCH_DB) or a
``postgresql://user:pass@host/dbname`` URL.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..errors import InputError
from . import cli, friendly_errors

F = TypeVar("F", bound=Callable[..., Any])

DB_HELP = "Corpus: a SQLite file path or URL, or postgresql://user:pass@host/db (default wirewatch.db, $WIREWATCH_DB)."


def db_option(fn: F) -> F:
    return click.option("--db", "db", metavar="URL", envvar="WIREWATCH_DB", help=DB_HELP)(fn)  # type: ignore[return-value]


def output_options(fn: F) -> F:
    fn = click.option("--limit", type=click.IntRange(min=0), default=0, help="At most this many rows (0: all).")(fn)
    fn = click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
                      show_default=True, help="Output format.")(fn)
    return fn


def check_date(value: str | None, what: str) -> str | None:
    from ..ingest import validate_date

    return validate_date(value, what)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@db_option
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes for the NLP (default: one per core).")
@click.option("--batch-size", type=click.IntRange(min=1), default=64, show_default=True,
              help="Articles per database transaction.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar on stderr (default: when stderr is a terminal).")
@click.option("--quiet", "-q", is_flag=True, help="Print no summary, only what was skipped.")
@click.option("--timings", is_flag=True, help="Also print the seconds spent in each pipeline stage.")
@click.option("--link/--no-link", "do_link", default=None,
              help="Link the new articles into copy groups, incidents and claim clusters afterwards "
                   "(default: the link_on_ingest setting, on).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default=None,
              help="Where the NLP runs: local worker processes, or a dask.distributed cluster "
                   "(default: the ingest_engine setting, local; docs/scale.md).")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="The dask scheduler, e.g. tcp://host:8786 (implies --engine dask; default: the "
                   "dask_scheduler setting, else a local cluster of --jobs workers).")
@friendly_errors
def ingest(paths: tuple[str, ...], db: str | None, jobs: int | None, batch_size: int, progress: bool | None,
           quiet: bool, timings: bool, do_link: bool | None, engine: str | None, scheduler: str | None) -> None:
    """Analyse articles in PATHS (files or folders) and store them in the corpus.

    Reads plain text (optional Title:/Source:/Published:/URL: header, or a NAME.json sidecar), JSONL
    (one {"text", "title", "source", "published", "url"} object per line), HTML pages and RSS/Atom feeds.
    Articles already stored are not analysed again. Exit 0 if everything was stored, 1 if some inputs
    were skipped (each is listed on stderr with the reason), 2 on a fatal error.

    With --engine dask the NLP runs on the workers of a dask.distributed cluster (--scheduler, else a
    local one of --jobs worker processes); this process still reads the inputs and writes the store.
    """
    from contextlib import ExitStack

    from ..config import Settings
    from ..ingest.dask_engine import DaskEngine, make_engine
    from ..ingest.runner import ingest as run_ingest
    from ..store import open_store

    settings = Settings.load()
    show = sys.stderr.isatty() if progress is None else progress
    runner = make_engine(settings, engine, scheduler, jobs)

    def on_skip(item: object) -> None:
        click.echo(f"wirewatch: skipped {item}", err=True)

    with ExitStack() as stack:
        if isinstance(runner, DaskEngine):
            stack.enter_context(runner)
            if runner.scheduler:
                runner.start()  # an unreachable scheduler fails here, before the store is touched
        store = stack.enter_context(open_store(db))
        report = run_ingest(paths, store, settings=settings, jobs=jobs, batch_size=batch_size, progress=show,
                            on_skip=on_skip, engine=runner)
        if isinstance(runner, DaskEngine):
            runner.close()  # linking needs no cluster
        total = store.count()
        where = store.label
        linked = None
        if settings.link_on_ingest if do_link is None else do_link:
            from ..link import link

            linked = link(store, settings, progress=show)
    if not quiet:
        on = f"{report.jobs} jobs" if report.engine == "local" else f"{report.jobs} dask worker threads"
        rate = (f" in {report.seconds:.1f}s ({report.rate:.1f} articles/s, {report.char_rate:,.0f} characters/s, "
                f"{on})") if report.stored else ""
        click.echo(f"{report.stored} new article(s) stored{rate}; {report.already} already stored, "
                   f"{report.duplicates} duplicate(s) in the input, {len(report.skipped)} skipped; "
                   f"{total} in {where}", err=True)
    if linked is not None and not quiet and linked.articles:
        from .link import link_summary

        click.echo(link_summary(linked), err=True)
    if timings and report.timings:
        busy = sum(report.timings.values()) or 1.0
        click.echo("stages: " + ", ".join(f"{k} {v:.1f}s ({100 * v / busy:.0f}%)" for k, v in
                                          sorted(report.timings.items(), key=lambda kv: -kv[1])), err=True)
    sys.exit(1 if report.skipped else 0)


# -- queries ---------------------------------------------------------------------------------------
EVENT_TABLE = ("date", "event_type", "actors", "recipients", "place_name", "stance", "source", "article_id",
               "evidence_start", "evidence_end", "evidence")
CLAIM_TABLE = ("published", "stance", "kind", "speaker", "speaker_country", "source", "article_id",
               "cluster_id", "independent_sources", "contested", "evidence_start", "evidence_end", "evidence")
CLUSTER_TABLE = ("cluster_id", "independent_sources", "disputing_sources", "contested", "articles", "date_min",
                 "summary")
ENTITY_TABLE = ("name", "label", "country", "sector", "mentions", "source", "article_id", "evidence_start",
                "evidence_end", "evidence")


@cli.command()
@db_option
@click.option("--type", "event_type", multiple=True, help="PLOVER event type (repeatable), e.g. ASSAULT.")
@click.option("--actor", help="Actor name (substring, any case) or country code (e.g. RUS).")
@click.option("--recipient", help="Recipient name or country code.")
@click.option("--place", help="Place name (substring) or country code of where it happened.")
@click.option("--since", help="From this date (YYYY-MM-DD): the event's date, else the article's.")
@click.option("--until", help="Up to this date (YYYY-MM-DD), inclusive.")
@click.option("--stance", multiple=True, type=click.Choice(["asserts", "denies", "cannot_confirm", "hedges"]),
              help="Stance of the claim reporting the event (repeatable).")
@click.option("--source", help="Outlet (substring, any case).")
@click.option("--no-aux", is_flag=True, help="Leave out historical, future, hypothetical and negated events.")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=None, metavar="P",
              help="Only events whose calibrated confidence is at least P (see docs/real-news.md).")
@output_options
@friendly_errors
def events(db: str | None, event_type: tuple[str, ...], actor: str | None, recipient: str | None,
           place: str | None, since: str | None, until: str | None, stance: tuple[str, ...],
           source: str | None, no_aux: bool, min_confidence: float | None, fmt: str, limit: int) -> None:
    """Events in the corpus, each with its article id and evidence span (offsets and text)."""
    from ..model import EVENT_TYPES
    from ..store import open_store

    bad = [t for t in event_type if t.upper() not in EVENT_TYPES]
    if bad:
        raise InputError(f"unknown event type(s) {', '.join(bad)}; known: {' '.join(EVENT_TYPES)}")
    since, until = check_date(since, "--since"), check_date(until, "--until")
    with open_store(db, create=False) as store:
        rows = store.events(event_type=event_type, actor=actor, recipient=recipient, place=place, since=since,
                            until=until, stance=stance, source=source, aux=False if no_aux else None,
                            min_confidence=min_confidence, limit=limit or None)
        emit(rows, fmt, EVENT_TABLE)


@cli.command()
@db_option
@click.option("--speaker", help="Speaker (words, entity name, or country code).")
@click.option("--stance", multiple=True, type=click.Choice(["asserts", "denies", "cannot_confirm", "hedges"]),
              help="Stance (repeatable).")
@click.option("--source", help="Outlet (substring, any case).")
@click.option("--since", help="Articles published from this date (YYYY-MM-DD).")
@click.option("--until", help="Articles published up to this date, inclusive.")
@click.option("--contains", help="Text the claim contains (substring, any case).")
@click.option("--corroborated", type=click.IntRange(min=0), default=0, metavar="N",
              help="Only claims whose claim cluster has at least N independent sources (after 'wirewatch link').")
@click.option("--contested", is_flag=True,
              help="Only claims whose cluster is contested: one source asserts, another denies or cannot confirm.")
@click.option("--clusters", is_flag=True,
              help="One row per claim cluster instead of per claim; --format json nests every member claim "
                   "with its evidence.")
@output_options
@friendly_errors
def claims(db: str | None, speaker: str | None, stance: tuple[str, ...], source: str | None, since: str | None,
           until: str | None, contains: str | None, corroborated: int, contested: bool, clusters: bool, fmt: str,
           limit: int) -> None:
    """Attributed claims (who said what, with what stance), each with its article id and evidence span.

    After 'wirewatch link' every claim carries its claim cluster: the same claim in other articles, with
    the number of independent sources (outlets with wire copies counted once, and outlets citing one
    original source counted as that source) and whether another source denies it or cannot confirm it.
    """
    from ..store import open_store

    since, until = check_date(since, "--since"), check_date(until, "--until")
    with open_store(db, create=False) as store:
        if corroborated or contested or clusters:
            from .link import warn_unlinked

            warn_unlinked(store)
        if clusters:
            if speaker or stance or source:
                raise InputError("--clusters takes --corroborated, --contested, --contains, --since, --until; "
                                 "--speaker, --stance and --source filter single claims")
            filters = dict(min_sources=corroborated, contested=True if contested else None, contains=contains,
                           since=since, until=until, limit=limit or None)
            if fmt == "json":
                emit(store.cluster_records(**filters), fmt, CLUSTER_TABLE)
            else:
                emit(store.claim_clusters(**filters), fmt, CLUSTER_TABLE)
            return
        rows = store.claims(speaker=speaker, stance=stance, source=source, since=since, until=until,
                            contains=contains, corroborated=corroborated, contested=True if contested else None,
                            limit=limit or None)
        emit(rows, fmt, CLAIM_TABLE)


@cli.command()
@db_option
@click.option("--name", help="Name (substring, any case).")
@click.option("--label", multiple=True, help="Entity label (repeatable): PERSON, ORG, GPE, NORP, ...")
@click.option("--country", help="Actor country code (ISO alpha-3, or IGO/NGO/...).")
@click.option("--sector", help="PLOVER sector code (GOV, MIL, REB, ...).")
@click.option("--source", help="Outlet (substring, any case).")
@click.option("--since", help="Articles published from this date (YYYY-MM-DD).")
@click.option("--until", help="Articles published up to this date, inclusive.")
@output_options
@friendly_errors
def entities(db: str | None, name: str | None, label: tuple[str, ...], country: str | None, sector: str | None,
             source: str | None, since: str | None, until: str | None, fmt: str, limit: int) -> None:
    """Entities (actors) in the corpus, each with its article id and first mention."""
    from ..store import open_store

    since, until = check_date(since, "--since"), check_date(until, "--until")
    with open_store(db, create=False) as store:
        rows = store.entities(name=name, label=label, country=country, sector=sector, source=source, since=since,
                              until=until, limit=limit or None)
        emit(rows, fmt, ENTITY_TABLE)


def emit(rows: Iterable[dict[str, Any]], fmt: str, table_columns: tuple[str, ...]) -> None:
    out = sys.stdout
    if fmt == "json":
        out.write(json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n")
    elif fmt == "csv":
        write_csv(rows, out)
    else:
        write_table(list(rows), table_columns, out)


def write_csv(rows: Iterable[dict[str, Any]], out: Any, columns: Iterable[str] | None = None) -> int:
    writer: csv.DictWriter[str] | None = None
    n = 0
    if columns is not None:
        writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row), extrasaction="ignore", lineterminator="\n")
            writer.writeheader()
        writer.writerow(row)
        n += 1
    return n


def write_table(rows: list[dict[str, Any]], columns: tuple[str, ...], out: Any) -> None:
    if not rows:
        click.echo("(no rows)", err=True)
        return
    width = {"evidence": 70, "actors": 28, "recipients": 28, "speaker": 24, "name": 30, "place_name": 18,
             "source": 14, "summary": 60, "title": 40, "trigger_text": 14}

    def cell(col: str, value: Any) -> str:
        text = "" if value is None else " ".join(str(value).split())
        limit = width.get(col, 20)
        return text if len(text) <= limit else text[:limit - 1] + "…"

    cells = [[cell(c, r.get(c)) for c in columns] for r in rows]
    heads = [c.replace("evidence_", "ev_") for c in columns]
    sizes = [max(len(h), *(len(row[i]) for row in cells)) for i, h in enumerate(heads)]
    out.write("  ".join(h.ljust(sizes[i]) for i, h in enumerate(heads)).rstrip() + "\n")
    for row in cells:
        out.write("  ".join(v.ljust(sizes[i]) for i, v in enumerate(row)).rstrip() + "\n")
    click.echo(f"({len(rows)} row{'s' if len(rows) != 1 else ''})", err=True)


# -- export ----------------------------------------------------------------------------------------
@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "geojson", "parquet"]), required=True,
              help="jsonl: contract documents; csv: one GDELT-like row per event; geojson: events with "
                   "places as points; parquet: one table per file (articles, events, event_actors, "
                   "attributions, entities, places).")
@click.option("--out", "out", type=click.Path(path_type=Path),
              help="Output file (default: standard output); for parquet a folder, or NAME.parquet for "
                   "NAME.events.parquet etc. (default folder: wirewatch-parquet).")
@click.option("--what", type=click.Choice(["documents", "events", "incidents", "claims"]), default=None,
              help="What to export (default: documents for jsonl, events for csv and geojson). incidents: "
                   "jsonl records with member events, csv rows, geojson points; claims: jsonl claim clusters "
                   "with members, csv one row per member claim. Parquet always writes every table.")
@friendly_errors
def export(db: str | None, fmt: str, out: Path | None, what: str | None) -> None:
    """Export the whole corpus."""
    from ..store import export as ex
    from ..store import open_store

    with open_store(db, create=False) as store:
        if fmt == "parquet":
            if what is not None:
                raise InputError("--what does not apply to parquet, which writes every table")
            written = ex.write_parquet(store, out or Path("wirewatch-parquet"))
            for path, n in written:
                click.echo(f"{path}: {n} rows", err=True)
            return
        what = what or ("documents" if fmt == "jsonl" else "events")
        writer = ex.WRITERS.get((what, fmt))
        if writer is None:
            known = ", ".join(f"--what {w} --format {f}" for w, f in ex.WRITERS)
            raise InputError(f"cannot export {what} as {fmt}; one of: {known}")
        if what in ("incidents", "claims"):
            from .link import warn_unlinked

            warn_unlinked(store)
        if out is None:
            n = writer(store, sys.stdout)
        else:
            with atomic_text(out) as fh:
                n = writer(store, fh)
        unit = {"claims": "claim clusters"}.get(what, what)
        click.echo(f"exported {n} {unit}{f' to {out}' if out else ''}", err=True)


class atomic_text:  # noqa: N801  (used like open())
    """Write a text file through a temporary sibling, renamed into place only when complete."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")

    def __enter__(self) -> Any:
        try:
            self.fh = self.tmp.open("w", encoding="utf-8", newline="")
        except OSError as exc:
            raise InputError(f"{self.path}: cannot write ({exc.strerror})") from None
        return self.fh

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.fh.close()
        if exc_type is None:
            os.replace(self.tmp, self.path)
        else:
            self.tmp.unlink(missing_ok=True)


