"""Link verbs: ``link`` a corpus, then query its ``incidents``, copy groups (``articles``) and claim clusters.

``wirewatch ingest`` links new articles itself (setting ``link_on_ingest``); ``wirewatch link`` links what
is left, or with ``--rebuild`` everything again (after changing a link setting).
"""

from __future__ import annotations

import dataclasses
import sys
from typing import TYPE_CHECKING

import click

from ..errors import InputError
from . import cli, friendly_errors
from .corpus import check_date, db_option, emit, output_options

INCIDENT_TABLE = ("incident_id", "date", "event_type", "actors", "recipients", "place_name", "events", "articles",
                  "sources")
INCIDENT_MEMBER_TABLE = ("incident_id", "published", "source", "article_id", "event_id", "event_type", "actors",
                         "trigger_text", "evidence_start", "evidence_end", "evidence")
if TYPE_CHECKING:  # the link stage loads numpy and datasketch: only for the verbs that need them
    from ..link import LinkReport
    from ..store import Store

ARTICLE_TABLE = ("article_id", "published", "source", "title", "copy_group", "copies", "jaccard")


def link_summary(report: LinkReport) -> str:
    return (f"linked {report.articles} article(s) in {report.seconds:.1f}s: {report.copies} joined a copy group, "
            f"{report.events} event(s) into incidents ({report.incidents} new), {report.claims} claim(s) "
            f"into claim clusters ({report.clusters} new)")


def warn_unlinked(store: Store) -> None:
    """Say so when the answer leaves out articles that were stored but not linked yet."""
    linked, stored = store.linked()
    if linked < stored:
        click.echo(f"wirewatch: {stored - linked} of {stored} article(s) not linked yet; run 'wirewatch link'",
                   err=True)


@cli.command("link")
@db_option
@click.option("--rebuild", is_flag=True, help="Drop every link result and link the whole corpus again.")
@click.option("--batch-size", type=click.IntRange(min=1), default=200, show_default=True,
              help="Articles per database transaction.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar on stderr (default: when stderr is a terminal).")
@click.option("--timings", is_flag=True, help="Also print the seconds spent in each link step.")
@click.option("--encoder/--no-encoder", default=None,
              help="Ask the sentence encoder about paraphrased claims (default: the link_claim_encoder "
                   "setting, off); slower, a little more thorough.")
@friendly_errors
def link_command(db: str | None, rebuild: bool, batch_size: int, progress: bool | None, timings: bool,
                 encoder: bool | None) -> None:
    """Link stored articles: near-duplicate copy groups, incidents, claim clusters and corroboration.

    Only articles not linked yet are processed, in publication order, one transaction per batch; a run
    that is interrupted goes on where it stopped when started again.
    """
    from ..config import Settings
    from ..link import link, unlink
    from ..store import open_store

    settings = Settings.load()
    if encoder is not None:
        settings = dataclasses.replace(settings, link_claim_encoder=encoder)
    with open_store(db, create=False) as store:
        if rebuild:
            unlink(store)
        report = link(store, settings, batch_size=batch_size,
                      progress=sys.stderr.isatty() if progress is None else progress)
    click.echo(link_summary(report), err=True)
    if timings and report.timings:
        click.echo("steps: " + ", ".join(f"{k} {v:.2f}s" for k, v in
                                         sorted(report.timings.items(), key=lambda kv: -kv[1])), err=True)


@cli.command()
@db_option
@click.option("--type", "event_type", multiple=True, help="PLOVER event type (repeatable), e.g. ASSAULT.")
@click.option("--actor", help="A member event's actor: name (substring, any case) or country code.")
@click.option("--recipient", help="A member event's recipient: name or country code.")
@click.option("--place", help="The incident's place name (substring) or country code.")
@click.option("--since", help="Incidents from this date (YYYY-MM-DD).")
@click.option("--until", help="Up to this date (YYYY-MM-DD), inclusive.")
@click.option("--source", help="Reported by this outlet (substring, any case).")
@click.option("--min-sources", type=click.IntRange(min=0), default=0, metavar="N",
              help="Reported by at least N independent outlets (wire copies count once).")
@click.option("--min-articles", type=click.IntRange(min=0), default=0, metavar="N",
              help="Reported in at least N articles.")
@click.option("--id", "ids", multiple=True, help="Only this incident (repeatable).")
@click.option("--members", is_flag=True,
              help="Table and CSV: one row per member event (with its evidence) instead of per incident.")
@output_options
@friendly_errors
def incidents(db: str | None, event_type: tuple[str, ...], actor: str | None, recipient: str | None,
              place: str | None, since: str | None, until: str | None, source: str | None, min_sources: int,
              min_articles: int, ids: tuple[str, ...], members: bool, fmt: str, limit: int) -> None:
    """Incidents: the same real-world event reported in one or more articles, with its best place and date.

    --format json gives each incident with its member events, each with article id and evidence span.
    """
    from ..model import EVENT_TYPES
    from ..store import open_store

    bad = [t for t in event_type if t.upper() not in EVENT_TYPES]
    if bad:
        raise InputError(f"unknown event type(s) {', '.join(bad)}; known: {' '.join(EVENT_TYPES)}")
    since, until = check_date(since, "--since"), check_date(until, "--until")
    filters = dict(event_type=event_type, actor=actor, recipient=recipient, place=place, since=since, until=until,
                   source=source, min_sources=min_sources, min_articles=min_articles, ids=ids,
                   limit=limit or None)
    with open_store(db, create=False) as store:
        warn_unlinked(store)
        if fmt == "json":
            emit(store.incident_records(**filters), fmt, INCIDENT_TABLE)
        elif members:
            heads = list(store.incidents(**filters))
            emit(store.incident_members([h["incident_id"] for h in heads]), fmt, INCIDENT_MEMBER_TABLE)
        else:
            emit(store.incidents(**filters), fmt, INCIDENT_TABLE)


@cli.command()
@db_option
@click.option("--duplicates-of", "duplicates_of", metavar="ID",
              help="The other members of this article's copy group (article id or sha256).")
@click.option("--copies", "copies_only", is_flag=True, help="Only articles in a copy group of two or more.")
@click.option("--source", help="Outlet (substring, any case).")
@click.option("--since", help="Published from this date (YYYY-MM-DD).")
@click.option("--until", help="Published up to this date, inclusive.")
@output_options
@friendly_errors
def articles(db: str | None, duplicates_of: str | None, copies_only: bool, source: str | None,
             since: str | None, until: str | None, fmt: str, limit: int) -> None:
    """Stored articles with their copy group: near-identical texts (wire copies, reprints) share one."""
    from ..store import open_store

    since, until = check_date(since, "--since"), check_date(until, "--until")
    with open_store(db, create=False) as store:
        warn_unlinked(store)
        if duplicates_of and store.article_id_to_sha(duplicates_of) is None:
            raise InputError(f"--duplicates-of {duplicates_of}: no such article in {store.label}")
        emit(store.article_list(duplicates_of=duplicates_of, copies_only=copies_only, source=source, since=since,
                                until=until, limit=limit or None), fmt, ARTICLE_TABLE)
