"""The link stage as an analyst meets it: wire copies, incidents, claim clusters, corroboration and
contradictions across articles; incremental and crash-safe; schema 1 stores upgraded in place.

The articles in tests/data/link are our own: a wire story about a drone strike on a fuel depot in Sumy
(a1), two reprints of it with light edits (a2, a3; a3 drops the last paragraph), an independent report
with its own sources, a non-confirmation and a claim the wire's denial answers (a4), and an unrelated
protest (a5).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from conftest import REPO
from corpus_fixtures import PG_URL, reset_pg
from wirewatch.cli import cli, register_subcommands
from wirewatch.link import link
from wirewatch.link.duplicates import CopyIndex, signature
from wirewatch.link.incidents import IncidentIndex, Mention, day_number, stated_span
from wirewatch.link.sources import count_sources, credited_outlet
from wirewatch.model import Actor, Entity
from wirewatch.store import open_store
from wirewatch.store import schema as s

register_subcommands()
DATA = REPO / "tests" / "data" / "link"
WIREWATCH = [sys.executable, "-c", "from wirewatch.cli import main; main()"]


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def dump(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every link table, sorted."""
    from sqlalchemy import select

    with open_store(url, create=False) as store, store.engine.connect() as conn:
        return {t.name: sorted((tuple(r) for r in conn.execute(select(t))), key=repr) for t in s.LINK_TABLES}


@pytest.fixture(scope="module")
def unlinked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The story's five articles ingested but not linked (a template each test copies)."""
    db = tmp_path_factory.mktemp("link") / "story.db"
    r = invoke("ingest", str(DATA), "--db", str(db), "--no-link", "--jobs", "1", "--quiet")
    assert r.exit_code == 0, r.output
    return db


@pytest.fixture
def story(unlinked: Path, tmp_path: Path) -> str:
    db = tmp_path / "story.db"
    shutil.copy(unlinked, db)
    return str(db)


def rows(r: Result) -> list[dict[str, Any]]:
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def article_ids(db: str) -> dict[str, str]:
    """file name -> article id"""
    with open_store(db, create=False) as store:
        return {Path(a["origin"]).name: a["id"] for a in store.articles(with_text=False)}


# -- units ------------------------------------------------------------------------------------------
def test_copy_index_groups_reprints_and_merges_groups() -> None:
    base = " ".join(f"word{i} filler{i % 7}" for i in range(200))
    copy = base.replace("word5 ", "word5 extra ")
    other = " ".join(f"other{i} filler{i % 5}" for i in range(200))
    index = CopyIndex(0.8, 128)
    assert index.add("a", signature(base, 5, 128)) == ("a", None, [])
    group, jaccard, merged = index.add("b", signature(copy, 5, 128))
    assert group == "a" and jaccard is not None and jaccard >= 0.8 and merged == []
    assert index.add("c", signature(other, 5, 128))[0] == "c"


def _mention(article: str, iso: str, said: str | None = None, actors: tuple[Entity, ...] = (),
             recipients: tuple[Entity, ...] = (), event_type: str = "ASSAULT") -> Mention:
    from wirewatch.link.incidents import actor_keys
    day = day_number(iso)
    assert day is not None
    place = ("Bokkos", "NGA", 9.30, 8.99, 4)
    return Mention(article=article, event="V1", event_type=event_type, day=day, slack=0, iso=iso, place=place,
                   actors=set().union(*(actor_keys(e) for e in actors)),
                   recipients=set().union(*(actor_keys(e) for e in recipients)),
                   actor_names=[e.name for e in actors], recipient_names=[e.name for e in recipients],
                   source_key=article, stated=stated_span(iso, said))


def _group(name: str, country: str | None, sector: str | None) -> Entity:
    return Entity(id="E1", name=name, label="NOMINAL", actor=Actor(country=country, sector=sector))


def test_mentions_stating_different_days_are_different_incidents() -> None:
    index = IncidentIndex(days=2, km_limit=60)
    index.add(_mention("a", "2024-05-13", "on Monday"), "2024-05-13")
    # the next day's report of a protest on that day: two protests, however close
    assert index.add(_mention("b", "2024-05-14", "on Tuesday"), "2024-05-14")[1] is True
    # a report dated only by its publication the next day may be either: it founds none
    assert index.add(_mention("c", "2024-05-14"), "2024-05-14")[1] is False
    assert len(index.incidents) == 2
    # "overnight" in a report of Thursday morning is Wednesday's night: one attack with "on Wednesday"
    index = IncidentIndex(days=2, km_limit=60)
    wednesday, _ = index.add(_mention("a", "2025-04-16", "on Wednesday"), "2025-04-17")
    assert index.add(_mention("b", "2025-04-17", "overnight"), "2025-04-17")[0].id == wednesday.id
    # ... but not one with an attack on Friday night
    assert index.add(_mention("c", "2025-04-18", "on Friday night"), "2025-04-19")[1] is True
    assert stated_span("2025-04-18", "Friday night") == "2025-04-18/2025-04-19"
    # the rule is a setting: stated days a day apart may be one incident when it allows a day
    index = IncidentIndex(days=2, km_limit=60, stated_days=1)
    first, _ = index.add(_mention("a", "2024-05-13", "on Monday"), "2024-05-13")
    assert index.add(_mention("b", "2024-05-14", "on Tuesday"), "2024-05-14")[0].id == first.id


def test_groups_told_two_ways_do_not_contradict_but_coded_sides_do() -> None:
    index = IncidentIndex(days=2, km_limit=60)
    gunmen = _group("gunmen", "NGA", "UAF")
    first, _ = index.add(_mention("a", "2025-04-16", actors=(gunmen,), recipients=(_group("residents", None, None),)),
                         "2025-04-16")
    # "attackers" (rebels) are the "gunmen" (unidentified armed men) of another report; "at least 27
    # people" are the "residents": names alone that differ are no contradiction
    attackers, people = _group("attackers", "NGA", "REB"), _group("at least 27 people", None, None)
    assert index.add(_mention("b", "2025-04-16", actors=(attackers,), recipients=(people,)),
                     "2025-04-16")[0].id == first.id
    # foreign troops are not the gunmen: coded sides that share nothing are two incidents
    army = _group("Cameroonian troops", "CMR", "MIL")
    assert index.add(_mention("c", "2025-04-16", actors=(army,)), "2025-04-16")[1] is True
    # nor are the country's own troops, who share only its country with the gunmen
    troops = _group("troops", "NGA", "MIL")
    assert index.add(_mention("d", "2025-04-16", actors=(troops,), recipients=(attackers,)), "2025-04-16")[1] is True
    # but police and the security forces of one country may be one side told two ways
    index = IncidentIndex(days=2, km_limit=60)
    police, _ = index.add(_mention("a", "2025-04-16", actors=(_group("police", "NGA", "COP"),)), "2025-04-16")
    forces = _group("security forces", "NGA", "MIL")
    assert index.add(_mention("b", "2025-04-16", actors=(forces,)), "2025-04-16")[0].id == police.id


def test_a_sanction_placed_where_it_was_made_or_where_it_bites_is_one_incident() -> None:
    usa = _group("United States", "USA", None)
    washington = ("Washington", "USA", 38.90, -77.04, 4)
    nicaragua = ("Nicaragua", "NIC", 12.9, -85.0, 1)
    index = IncidentIndex(days=2, km_limit=60)
    first = _mention("a", "2025-05-12", actors=(usa,), event_type="SANCTION")
    first.place = washington
    inc, _ = index.add(first, "2025-05-12")
    second = _mention("b", "2025-05-12", actors=(usa,), event_type="SANCTION")
    second.place = nicaragua
    assert index.add(second, "2025-05-12")[0].id == inc.id
    # an attack is where it happened: two places apart are two attacks, whoever did them
    index = IncidentIndex(days=2, km_limit=60)
    strike = _mention("a", "2025-05-12", actors=(usa,))
    strike.place = washington
    index.add(strike, "2025-05-12")
    other = _mention("b", "2025-05-12", actors=(usa,))
    other.place = nicaragua
    assert index.add(other, "2025-05-12")[1] is True


def test_sources_count_outlets_and_copy_groups_once() -> None:
    # two outlets printing one wire story (one copy group) and a third outlet: two sources
    assert count_sources([("lakeside post", "g1"), ("northern courier", "g1"), ("radio delta", "g2")]) == 2
    # one origin quoted by two unrelated copy groups is one source
    assert count_sources([("speaker:hryhorov", None), ("speaker:hryhorov", None), ("outlet:cnn", None)]) == 2
    assert credited_outlet("SUMY, Ukraine (Eastbridge Wire) — Russian drones struck") == "Eastbridge Wire"
    assert credited_outlet("Russian drones struck a depot (a large one) — officials said") is None


def test_a_report_relayed_by_another_outlet_is_one_chain_with_it() -> None:
    from wirewatch.link.claims import Cluster

    def cluster(*members: tuple[str, str, str, str]) -> Cluster:
        return Cluster(id="C1", summary="the government had demanded guarantees", members=list(members))

    # The Daily Lantern quotes the negotiator by name; Coastline Radio relays the Lantern's report of him
    named = ("a3", "speaker:mohammed al-qadasi", "asserts", "daily lantern")
    relayed = ("a6", "outlet:daily lantern", "asserts", "coastline radio")
    assert cluster(named, relayed).figures(lambda a: None)["independent_sources"] == 1
    # without the Lantern's own report in the cluster the relay is a source of its own
    other = ("a4", "speaker:samir al-absi", "asserts", "meridian press")
    assert cluster(other, relayed).figures(lambda a: None)["independent_sources"] == 2
    # and when the Lantern names two people, which one it was is not known: no merge
    second = ("a3", "speaker:samir al-absi", "asserts", "daily lantern")
    assert cluster(named, second, relayed).figures(lambda a: None)["independent_sources"] == 3


def _sources_from_scratch(members: list[tuple[str, str, str, str]], stances: frozenset[str],
                          group_of: Any) -> int:
    """The independent sources of one side of a claim cluster, worked out from all its members at once."""
    side = [(a, o, outlet) for a, o, s, outlet in members if s in stances]
    own: dict[str, set[str]] = {}
    for _, o, outlet in side:
        if outlet:
            own.setdefault(f"outlet:{outlet}", set()).add(o)
    pairs = []
    for a, o, outlet in side:
        reported = own.get(o, set())
        if outlet and o != f"outlet:{outlet}" and len(reported) == 1:
            o = next(iter(reported))
        pairs.append((o, group_of(a) if o.startswith("outlet:") else None))
    return count_sources(pairs)


@pytest.mark.parametrize("counted_on_from", [1, 32])
def test_a_clusters_sources_counted_as_members_come_are_those_counted_from_scratch(
        counted_on_from: int, monkeypatch: pytest.MonkeyPatch) -> None:
    import random

    from wirewatch.link import claims
    from wirewatch.link.claims import ASSERTING, Cluster
    from wirewatch.model import DISPUTING

    monkeypatch.setattr(claims, "COUNTED_ON_FROM", counted_on_from)  # 1: every cluster counts on

    rng = random.Random(7)
    outlets = ["daily lantern", "coastline radio", "meridian press", ""]
    origins = ["speaker:al-qadasi", "speaker:al-absi", "body:YEM/GOV", *(f"outlet:{o}" for o in outlets if o)]
    for trial in range(300):
        groups = {f"a{i}": f"g{rng.randrange(4)}" for i in range(8)}
        c = Cluster(id="C1", summary="the government had demanded guarantees")
        for step in range(rng.randrange(1, 40)):
            c.members.append((rng.choice(list(groups)), rng.choice(origins),
                              rng.choice(["asserts", "hedges", "denies", "cannot_confirm"]), rng.choice(outlets)))
            if rng.random() < 0.15:  # copy groups merge: every article of one goes to another
                gone, kept = rng.sample(sorted(set(groups.values())) * 2, 2)
                groups = {a: kept if g == gone else g for a, g in groups.items()}
                c.regrouped()
            got = c.figures(groups.get)
            want = (_sources_from_scratch(c.members, ASSERTING, groups.get),
                    _sources_from_scratch(c.members, DISPUTING, groups.get))
            assert (got["independent_sources"], got["disputing_sources"]) == want, (trial, step, c.members)
            assert got["articles"] == len({a for a, *_ in c.members})


def test_an_incidents_sources_are_counted_on_and_again_after_its_copy_groups_merge(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from wirewatch.link import incidents
    from wirewatch.link.incidents import Incident

    monkeypatch.setattr(incidents, "COUNTED_ON_FROM", 2)
    inc = Incident(id="I1", event_type="ASSAULT")
    inc.members += [("a1", "lakeside post"), ("a2", "northern courier")]
    groups = {"a1": "g1", "a2": "g2", "a3": "g3"}
    assert inc.tally(groups.get) == (2, 2)
    inc.members.append(("a3", "radio delta"))
    assert inc.tally(groups.get) == (3, 3)
    groups.update(a2="g1", a3="g1")  # one wire story after all
    assert inc.tally(groups.get) == (3, 3)  # counted on: the merge is not seen until it is told
    inc.regrouped()
    assert inc.tally(groups.get) == (3, 1)


def test_dateline_is_no_actor(pipeline: Any) -> None:
    from wirewatch.ingest import read_article

    doc = pipeline.analyse(read_article(DATA / "a1-wire.txt")).document()
    struck = next(v for v in doc.events if v.trigger.text == "struck")
    names = {e.id: e.name for e in doc.entities}
    assert [names[a] for a in struck.actor] == ["Russian drones"]
    governor = next(a for a in doc.attributions if a.speaker.text == "the regional governor")
    assert governor.content.text.startswith("Russian drones struck")


def test_what_disputes_a_claim_stands_against_it_in_its_cluster(pipeline: Any) -> None:
    from wirewatch.link.claims import ClaimIndex, claim_mentions
    from wirewatch.model import Article

    text = ("The bloc says Georgian police used excessive force against the demonstrators.\n"
            "Georgia's foreign ministry denied that police had used excessive force. "
            "\"Our officers acted strictly within the law to protect public order,\" the ministry said.")
    doc = pipeline.analyse(Article(text=text, published="2024-09-16")).document()
    mentions = claim_mentions(doc, "2024-09-16", "northgate wire", {})
    quote = next(m for m in mentions if m.text.startswith("Our officers"))
    assert quote.stance == "denies" and quote.disputes
    placed = ClaimIndex(0.72, 0.6, 7, None).add_article(mentions)
    cluster = {m.attribution: c.id for m, c, _ in placed}
    claim = next(m for m in mentions if m.text.startswith("Georgian police used"))
    assert cluster[quote.attribution] == cluster[claim.attribution]


def _claim(article: str, text: str, stance: str = "asserts", origin: str = "outlet:x") -> Any:
    from wirewatch.link.claims import ClaimMention, quote_keys, text_key, word_keys

    return ClaimMention(article=article, attribution="A1", stance=stance, text=text, day=739000, iso="2024-11-08",
                        keys={text_key(text)} | word_keys(text) | quote_keys(text), speaker_key=None, origin=origin, disputes=[])


def test_a_denial_restating_a_claim_in_few_words_joins_it() -> None:
    from wirewatch.link.claims import ClaimIndex

    index = ClaimIndex(0.72, 0.6, 7, None)
    [(_, accusation, _)] = index.add_article([_claim("a", "the Houthis of firing the shells from positions in the "
                                                          "hills overlooking the road")])
    [(_, denial, _)] = index.add_article([_claim("b", "firing the shells", stance="denies")])
    assert denial.id == accusation.id
    # an assertion of two of the same words is not that claim ("Wages, not bullets" on a banner)
    [(_, banner, _)] = index.add_article([_claim("c", "wages, not bullets")])
    [(_, wages, _)] = index.add_article([_claim("d", "unpaid wages before police broke up the protest with tear gas "
                                                     "and rubber bullets")])
    assert banner.id != wages.id


def test_a_claim_restating_any_members_wording_joins_its_cluster() -> None:
    from wirewatch.link.claims import ClaimIndex

    index = ClaimIndex(0.72, 0.6, 7, None)
    report = ("Most of the dead were civilians who came to buy and sell animals at the weekly market, and "
              "there were women and children among the wounded")
    [(_, first, _)] = index.add_article([_claim("a", report)])
    [(_, denial, _)] = index.add_article([_claim("b", "any civilians were among the dead", stance="denies")])
    assert denial.id == first.id and first.summary == report
    # close to the denial's words, far from the summary's: it restates the member, so it joins
    [(_, again, _)] = index.add_article([_claim("c", "civilians were among the dead in Tarkint", stance="denies")])
    assert again.id == first.id
    assert index.lexical(_claim("d", "civilians were among the dead in Tarkint"), first) > 0.75
    assert index.lexical(_claim("e", "civilians were among the dead in Tarkint"),
                         ClaimIndex(0.72, 0.6, 7, None).add_article([_claim("f", report)])[0][1]) < 0.4


def test_claims_quoting_the_same_words_are_one_claim() -> None:
    from wirewatch.link.claims import ClaimIndex

    index = ClaimIndex(0.72, 0.6, 7, None)
    [(_, first, _)] = index.add_article([_claim("a", 'they had "neutralised a group of terrorists" in the Tarkint '
                                                     "area during an air operation, without giving details")])
    [(_, second, _)] = index.add_article([_claim("b", 'it "neutralised a group of terrorists" in the Tarkint area '
                                                      "but has not published a toll")])
    assert second.id == first.id
    # two quoted words in common are no quotation of one statement
    [(_, other, _)] = index.add_article([_claim("c", 'the talks were "very good" and would go on in Geneva')])
    [(_, fourth, _)] = index.add_article([_claim("d", 'the meeting with the envoy was "very good" for the region')])
    assert other.id != fourth.id


def test_one_origin_restating_its_point_in_other_words_is_one_claim() -> None:
    from wirewatch.link.claims import ClaimIndex

    def said(article: str, text: str, origin: str) -> Any:
        m = _claim(article, text, origin=origin)
        m.keys.add(f"o:{origin}")
        return m

    index = ClaimIndex(0.72, 0.6, 7, None)
    first = "the shortages on the smuggling of subsidised fuel to neighbouring countries"
    again = "smuggling of subsidised diesel to Peru, Chile and Paraguay was the main cause of the shortages"
    [(_, a, _)] = index.add_article([said("a", first, "body:BOL/GOV")])
    [(_, b, _)] = index.add_article([said("b", again, "body:BOL/GOV")])
    assert b.id == a.id
    # the same words from someone else are not enough
    [(_, c, _)] = index.add_article([said("c", "smuggling of subsidised diesel to Bolivia's neighbours is a myth "
                                               "that hides the real cause of the shortages", "speaker:an economist")])
    assert c.id != a.id


def test_one_side_of_one_state_is_one_origin_by_any_name(pipeline: Any) -> None:
    from wirewatch.link.claims import claim_mentions
    from wirewatch.model import Article

    origins = set()
    for text in ("Mali's armed forces said they had hit a gathering of militants near Tarkint.",
                 "BAMAKO — The army said it had hit a gathering of militants near Tarkint in northern Mali."):
        doc = pipeline.analyse(Article(text=text, published="2024-03-13")).document()
        origins |= {m.origin for m in claim_mentions(doc, "2024-03-13", "some outlet", {})}
    assert origins == {"body:MLI/MIL"}


def test_a_coded_body_quoted_by_two_outlets_is_one_source(pipeline: Any) -> None:
    from wirewatch.link.claims import claim_mentions
    from wirewatch.model import Article

    origins = []
    for outlet in ("northgate wire", "valley courier"):
        text = ("LA PAZ — Bolivia's attorney general's office said on Tuesday that the federation leader had been "
                "charged with instigating public disorder. Officials said the roads were open again.")
        doc = pipeline.analyse(Article(text=text, published="2024-05-14", source=outlet)).document()
        ms = claim_mentions(doc, "2024-05-14", outlet, {})
        origins.append({m.text[:20]: m.origin for m in ms})
    charged = [o[k] for o in origins for k in o if k.startswith("the federation")]
    assert len(charged) == 2 and charged[0] == charged[1] and charged[0].startswith("body:")
    # unnamed people ("officials") are reached by each outlet on its own
    roads = [o[k] for o in origins for k in o if k.startswith("the roads")]
    assert len(roads) == 2 and roads[0] != roads[1]


# -- the story, end to end --------------------------------------------------------------------------
def test_wire_copies_form_one_group(story: str) -> None:
    r = invoke("link", "--db", story)
    assert r.exit_code == 0 and "linked 5 article(s)" in r.stderr and "2 joined a copy group" in r.stderr
    ids = article_ids(story)
    copies = rows(invoke("articles", "--db", story, "--duplicates-of", ids["a1-wire.txt"], "--format", "json"))
    assert sorted(c["article_id"] for c in copies) == sorted([ids["a2-reprint.txt"], ids["a3-reprint.txt"]])
    assert all(c["copies"] == 3 for c in copies)
    alone = rows(invoke("articles", "--db", story, "--duplicates-of", ids["a4-independent.txt"], "--format", "json"))
    assert alone == []
    r = invoke("articles", "--db", story, "--duplicates-of", "0000")
    assert r.exit_code == 2 and r.stderr.count("\n") == 1 and "no such article" in r.stderr


def test_incidents_merge_reports_and_count_sources(story: str) -> None:
    invoke("link", "--db", story)
    ids = article_ids(story)
    found = rows(invoke("incidents", "--db", story, "--type", "ASSAULT", "--place", "Sumy", "--format", "json"))
    strike = next(i for i in found if any(m["trigger_text"] == "struck" for m in i["members"]))
    members = {(m["article_id"], m["trigger_text"]) for m in strike["members"]}
    # the wire story, both reprints and the independent report's "hit" are one incident...
    assert {(ids[f], "struck") for f in ("a1-wire.txt", "a2-reprint.txt", "a3-reprint.txt")} <= members
    assert (ids["a4-independent.txt"], "hit") in members
    # ...reported by two independent sources: the wire (however many outlets print it) and Radio Delta
    assert strike["articles"] == 4 and strike["sources"] == 2
    assert strike["date"] == "2025-03-11" and strike["place_name"] == "Sumy" and strike["lat"] == pytest.approx(50.9, abs=0.2)
    # every member carries its evidence: the sentence, by offsets into its article
    with open_store(story, create=False) as store:
        texts = {a["id"]: a["text"] for a in store.articles()}
    for m in strike["members"]:
        assert texts[m["article_id"]][m["evidence_start"]:m["evidence_end"]] == m["evidence"]
    # the air force shooting drones down is another event (another actor), not the strike
    assert not any(m["trigger_text"] == "shot" for m in strike["members"])
    assert rows(invoke("incidents", "--db", story, "--min-sources", "2", "--format", "json")) == [strike]
    assert rows(invoke("incidents", "--db", story, "--actor", "Polish", "--format", "json"))[0]["event_type"] == \
        "PROTEST"


def test_unreal_events_join_no_incident(story: str, pipeline: Any) -> None:
    invoke("link", "--db", story)
    with open_store(story, create=False) as store:
        aux = {(r["article_id"], r["event_id"]) for r in store.events() if r["aux"]}
        linked = {(r["article_id"], r["event"]) for r in store.link_table_rows("incident_events")}
    assert linked and not (aux & linked)


def test_claim_clusters_corroboration_and_contradiction(story: str) -> None:
    invoke("link", "--db", story)
    ids = article_ids(story)
    contested = rows(invoke("claims", "--db", story, "--clusters", "--contested", "--format", "json"))
    assert len(contested) == 2
    kursk = next(c for c in contested if "Kursk" in c["summary"])
    # the police's claim in Radio Delta is what the wire's denial (and its reprints') answers
    infrastructure = next(c for c in contested if c is not kursk)
    assert {(m["source"], m["stance"]) for m in infrastructure["members"]} == {
        ("Radio Delta", "asserts"), ("Eastbridge Wire", "denies"), ("The Lakeside Post", "denies"),
        ("Northern Courier", "denies")}
    assert infrastructure["independent_sources"] == 1 and infrastructure["disputing_sources"] == 1
    by_article = {(m["article_id"], m["stance"]) for m in kursk["members"]}
    # the official's claim in the wire and its reprints, and the mayor's in Radio Delta...
    assert {(ids[f], "asserts") for f in ("a1-wire.txt", "a2-reprint.txt", "a3-reprint.txt",
                                          "a4-independent.txt")} <= by_article
    # ...and the general staff's non-confirmation of it
    assert (ids["a4-independent.txt"], "cannot_confirm") in by_article
    assert kursk["independent_sources"] == 2 and kursk["disputing_sources"] == 1 and kursk["contested"] is True

    claims = rows(invoke("claims", "--db", story, "--contested", "--format", "json"))
    assert {c["cluster_id"] for c in claims} == {c["cluster_id"] for c in contested}
    assert len(claims) == len(kursk["members"]) + len(infrastructure["members"])
    strike = rows(invoke("claims", "--db", story, "--corroborated", "2", "--clusters", "--format", "json"))
    assert {c["cluster_id"] for c in strike} >= {kursk["cluster_id"]}
    assert all(c["independent_sources"] >= 2 for c in strike)
    # wire copies alone corroborate nothing: the governor's quote is in three articles, from one source
    quote = rows(invoke("claims", "--db", story, "--clusters", "--contains", "depot supplied farms",
                        "--format", "json"))
    assert len(quote) == 1 and quote[0]["articles"] == 3 and quote[0]["independent_sources"] == 1


def test_link_is_idempotent_and_incremental(story: str, tmp_path: Path) -> None:
    first = invoke("link", "--db", story)
    assert "linked 5 article(s)" in first.stderr
    once = dump(story)
    again = invoke("link", "--db", story)
    assert "linked 0 article(s)" in again.stderr and dump(story) == once

    # a new article links into the existing record without relinking the corpus (published after the
    # others, so that a rebuild, which links in publication order, meets the articles in the same order)...
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "a6.txt").write_text(
        "Title: Sumy depot fire out\nSource: Harbour Daily\nPublished: 2025-03-13\n\n"
        "Russian drones struck a fuel depot near Sumy on Tuesday, regional officials said, adding that the "
        "fire had been put out by Wednesday morning.\n", encoding="utf-8")
    r = invoke("ingest", str(extra), "--db", story, "--jobs", "1")
    assert r.exit_code == 0 and "linked 1 article(s)" in r.stderr
    incremental = dump(story)
    # ...and gives what linking everything from scratch gives
    invoke("link", "--db", story, "--rebuild")
    assert dump(story) == incremental


def test_ingest_no_link_warns_queries(story: str) -> None:
    r = invoke("incidents", "--db", story)
    assert r.exit_code == 0 and "5 of 5 article(s) not linked yet; run 'wirewatch link'" in r.stderr


def test_exports(story: str, tmp_path: Path) -> None:
    invoke("link", "--db", story)
    r = invoke("export", "--db", story, "--format", "jsonl", "--what", "incidents")
    incidents = [json.loads(line) for line in r.stdout.splitlines()]
    assert incidents and all(i["members"] for i in incidents)
    assert "exported" in r.stderr and "incidents" in r.stderr
    geo = json.loads(invoke("export", "--db", story, "--format", "geojson", "--what", "incidents").stdout)
    assert len(geo["features"]) == sum(1 for i in incidents if i["lat"] is not None)
    assert geo["features"][0]["geometry"]["type"] == "Point"
    table = list(csv.DictReader(io.StringIO(invoke("export", "--db", story, "--format", "csv", "--what",
                                                   "incidents").stdout)))
    assert {r["incident_id"] for r in table} == {i["incident_id"] for i in incidents}
    claims = [json.loads(line) for line in
              invoke("export", "--db", story, "--format", "jsonl", "--what", "claims").stdout.splitlines()]
    members = list(csv.DictReader(io.StringIO(invoke("export", "--db", story, "--format", "csv", "--what",
                                                     "claims").stdout)))
    assert len(members) == sum(len(c["members"]) for c in claims)
    r = invoke("export", "--db", story, "--format", "geojson", "--what", "claims")
    assert r.exit_code == 2 and "cannot export claims as geojson" in r.stderr

    invoke("export", "--db", story, "--format", "parquet", "--out", str(tmp_path / "pq"))
    import pyarrow.parquet as pq

    assert pq.read_table(tmp_path / "pq" / "incidents.parquet").num_rows == len(incidents)
    assert pq.read_table(tmp_path / "pq" / "claim_members.parquet").num_rows == len(members)


# -- stores: upgrade, damage, crashes ---------------------------------------------------------------
def test_schema_1_store_is_upgraded_in_place(story: str) -> None:
    with sqlite3.connect(story) as conn:  # what a schema-1 store looks like: no link tables
        for t in reversed(s.LINK_TABLES):
            conn.execute(f"DROP TABLE {t.name}")
        conn.execute("UPDATE wirewatch_meta SET value = '1' WHERE key = 'schema_version'")
        before = conn.execute("SELECT sha256, document FROM articles ORDER BY sha256").fetchall()
    r = invoke("link", "--db", story)
    assert r.exit_code == 0 and "linked 5 article(s)" in r.stderr
    with sqlite3.connect(story) as conn:
        assert conn.execute("SELECT value FROM wirewatch_meta WHERE key = 'schema_version'").fetchone() == (s.SCHEMA_VERSION,)
        assert conn.execute("SELECT sha256, document FROM articles ORDER BY sha256").fetchall() == before


def test_foreign_link_table_is_refused_in_one_line(story: str) -> None:
    with sqlite3.connect(story) as conn:
        conn.execute("DROP TABLE claim_members")
        conn.execute("CREATE TABLE claim_members (name TEXT, colour TEXT)")
    r = invoke("link", "--db", story)
    assert r.exit_code == 2 and r.stderr.count("\n") == 1 and "claim_members" in r.stderr
    assert "Traceback" not in r.output


def test_damaged_link_row_is_refused_in_one_line(story: str) -> None:
    invoke("link", "--db", story)
    with sqlite3.connect(story) as conn:
        conn.execute("UPDATE link_articles SET minhash = x'00ff' WHERE seq = 1")
        kept = conn.execute("SELECT count(*) FROM incidents").fetchone()
    r = invoke("link", "--db", story)
    assert r.exit_code == 2 and r.stderr.count("\n") == 1
    assert "damaged link table 'link_articles'" in r.stderr and "--rebuild" in r.stderr
    with sqlite3.connect(story) as conn:
        assert conn.execute("SELECT count(*) FROM incidents").fetchone() == kept
    assert invoke("link", "--db", story, "--rebuild").exit_code == 0


# A link run that sleeps after each batch, so that it can be killed in the middle.
SLOW_LINK = """
import sys, time
from wirewatch.link import runner
slow = runner.Linker._link_batch
def batch(self, *args):
    slow(self, *args)
    time.sleep(0.15)
runner.Linker._link_batch = batch
from wirewatch.cli import main
sys.argv = ["wirewatch", "link", "--db", sys.argv[1], "--batch-size", "1"]
main()
"""


@pytest.fixture
def samples_corpus(tmp_path: Path) -> str:
    """The 24 samples and the story: enough articles to kill a link run in the middle of."""
    db = str(tmp_path / "many.db")
    r = invoke("ingest", str(REPO / "samples" / "articles"), str(DATA), "--db", db, "--no-link", "--quiet")
    assert r.exit_code == 0, r.output
    return db


def test_kill_9_then_rerun_equals_one_clean_run(samples_corpus: str, tmp_path: Path) -> None:
    clean = str(tmp_path / "clean.db")
    shutil.copy(samples_corpus, clean)
    assert invoke("link", "--db", clean).exit_code == 0
    total = len(dump(clean)["link_articles"])

    def linked() -> int:
        with sqlite3.connect(samples_corpus) as conn:
            return conn.execute("SELECT count(*) FROM link_articles").fetchone()[0]

    proc = subprocess.Popen([sys.executable, "-c", SLOW_LINK, samples_corpus], env=os.environ.copy(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while linked() < 4 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    killed_at = linked()
    assert 0 < killed_at < total, f"not killed in the middle ({killed_at} of {total} linked)"
    rerun = subprocess.run([*WIREWATCH, "link", "--db", samples_corpus], capture_output=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr.decode()
    assert f"linked {total - killed_at} article(s)" in rerun.stderr.decode()
    assert dump(samples_corpus) == dump(clean)


@pytest.mark.skipif(not PG_URL, reason="WIREWATCH_TEST_PG_URL is not set (bash dev/postgres start)")
def test_postgresql_links_like_sqlite(story: str) -> None:
    assert PG_URL
    reset_pg(PG_URL)
    r = invoke("ingest", str(DATA), "--db", PG_URL, "--jobs", "1", "--quiet")
    assert r.exit_code == 0, r.output
    invoke("link", "--db", story)

    def summary(db: str) -> list[tuple[Any, ...]]:
        with open_store(db, create=False) as store:
            found = [(i["event_type"], i["date"], i["place_name"], i["articles"], i["sources"])
                     for i in store.incidents()]
            found += [(c["summary"], c["members"], c["independent_sources"], c["contested"])
                      for c in store.claim_clusters()]
            return sorted(found, key=repr)

    assert summary(PG_URL) == summary(story)
    assert dump(PG_URL) == dump(story)
    reset_pg(PG_URL)


def test_link_api_reports_what_it_did(story: str) -> None:
    with open_store(story, create=False) as store:
        report = link(store)
        assert (report.articles, report.copies) == (5, 2)
        assert report.incidents < report.events and report.clusters < report.claims
        assert store.linked() == (5, 5)


def test_encoder_option_links_paraphrases_at_least_as_well(story: str, tmp_path: Path) -> None:
    with_encoder = str(tmp_path / "encoder.db")
    shutil.copy(story, with_encoder)
    assert invoke("link", "--db", story, "--no-encoder").exit_code == 0
    assert invoke("link", "--db", with_encoder, "--encoder").exit_code == 0
    plain, encoded = (rows(invoke("claims", "--db", db, "--clusters", "--format", "json")) for db in
                      (story, with_encoder))
    # the encoder only ever merges what wording alone left apart
    assert len(encoded) <= len(plain)
    assert sum(len(c["members"]) for c in plain) == sum(len(c["members"]) for c in encoded)


def test_memory_holds_a_window_of_days_and_links_as_if_it_held_everything(story: str, tmp_path: Path) -> None:
    """Linking drops incidents and claim clusters no later article can reach, and reads one back when a
    late wire copy, a merged copy group or an event dated long before its article needs it: the links
    are those of a run that kept everything in memory."""
    import sqlite3 as sq

    from wirewatch.link.runner import Linker

    # the reprints appear five and six weeks after the wire story, the unrelated report in between, so
    # the story's incidents and clusters have left memory when the copies (dated events and all) arrive
    moved = {"a2-reprint.txt": "2025-04-15", "a3-reprint.txt": "2025-04-22", "a5-unrelated.txt": "2025-03-30"}
    reference = tmp_path / "reference.db"
    shutil.copy(story, reference)
    for db in (story, reference):
        with sq.connect(db) as conn:
            for name, day in moved.items():
                conn.execute("UPDATE articles SET published = ? WHERE origin LIKE ?", (day, f"%{name}"))

    with open_store(story, create=False) as store:
        linker = Linker(store)
        linker.run(batch_size=1)
        with store.engine.connect() as conn:
            stored_incidents = len(list(conn.execute(s.incidents.select())))
        assert linker.incidents_from > 0 and len(linker.incidents.incidents) < stored_incidents
    with open_store(str(reference), create=False) as store:
        keeper = Linker(store)
        keeper._evict = lambda first_day: None  # type: ignore[method-assign]
        keeper.run(batch_size=100)
    assert dump(story) == dump(str(reference))
    groups = {r[2] for r in dump(story)["link_articles"]}
    assert len(groups) == 3  # the wire story and its two late reprints are still one copy group
    # a cluster read back holds its members' wordings, which later claims are compared with
    from sqlalchemy import true

    with open_store(str(reference), create=False) as store:
        fresh = Linker(store)
        with store.engine.connect() as conn:
            fresh._read_clusters(conn, true())
    held = keeper.claims.clusters
    assert fresh.claims.clusters.keys() == held.keys()
    assert all(c.texts == held[cid].texts for cid, c in fresh.claims.clusters.items())
    # ... and each member's article outlet, which tells a relayed report from its outlet's own
    assert all(sorted(c.members) == sorted(held[cid].members) for cid, c in fresh.claims.clusters.items())
    assert any(outlet for c in held.values() for *_, outlet in c.members)
    assert any(len(c.texts) > 1 for c in held.values())


def test_an_incidents_best_place_and_day_follow_its_tally_as_members_join() -> None:
    # the best place and day are kept between members and moved only by what a new member adds: after
    # every join they must be what the whole tally gives (ties included: two towns of one name and rank)
    import random

    from wirewatch.link.incidents import Incident, _neg
    rng = random.Random(7)
    towns = [("Bokkos", "NGA", 9.30, 8.99, 4), ("Bokkos", "NGA", 9.31, 8.98, 4), ("Mangu", "NGA", 9.52, 9.10, 4),
             ("Plateau", "NGA", 9.2, 9.5, 2), ("Jos", "NGA", 9.9, 8.9, 3)]
    days = ["2024-05-12", "2024-05-13", "2024-05-14"]
    for _ in range(30):
        inc = Incident(id="I1", event_type="ASSAULT")
        for k in range(rng.randint(1, 12)):
            m = _mention(f"a{k}", rng.choice(days))
            m.place = rng.choice(towns + [None])  # type: ignore[arg-type]
            inc.add(m, m.iso)
            if inc.places:
                assert inc.best_place() == max(inc.places.items(),
                                               key=lambda kv: (kv[0][4], kv[1], _neg(kv[0][0])))[0]
            assert inc.best_day() == max(inc.days.items(), key=lambda kv: (kv[1], _neg(kv[0])))[0]


def test_the_index_files_each_incident_under_the_keys_its_whole_tally_gives() -> None:
    # an incident's keys are kept as members join and only the new ones filed: after every join the
    # buckets must be exactly those its whole tally gives, under its best day (which may move)
    import random

    from wirewatch.link.incidents import incident_keys
    rng = random.Random(11)
    towns = [("Bokkos", "NGA", 9.30, 8.99, 4), ("Mangu", "NGA", 9.52, 9.10, 4), ("Jos", "NGA", 9.9, 8.9, 3),
             ("Plateau", "NGA", 9.2, 9.5, 2), ("Maroua", "CMR", 10.6, 14.3, 4)]
    sides = [_group("herders", "NGA", "UAF"), _group("police", "NGA", "COP"), _group("villagers", None, None)]
    index = IncidentIndex(days=2, km_limit=200)
    for k in range(120):
        m = _mention(f"a{k}", rng.choice(["2024-05-12", "2024-05-13", "2024-05-14"]),
                     actors=tuple(rng.sample(sides, rng.randint(0, 2))))
        m.place = rng.choice(towns)
        index.add(m, m.iso)
        want = {(inc.event_type, day_number(inc.best_day()), key, inc.id)
                for inc in index.incidents.values() for key in incident_keys(inc)}
        got = {(t, d, key, i) for (t, d, key), ids in index._buckets.items() for i in ids}
        assert got == want, k
    assert len(index.incidents) >= 3


def test_the_latitude_shortcut_of_the_distance_test_agrees_with_the_distance() -> None:
    import random

    from wirewatch.link.incidents import beyond, km
    rng = random.Random(3)
    for _ in range(2000):
        lat1, lon1 = rng.uniform(-80, 80), rng.uniform(-180, 180)
        lat2, lon2 = lat1 + rng.uniform(-1.5, 1.5), lon1 + rng.uniform(-1.5, 1.5)
        assert beyond(lat1, lon1, lat2, lon2, 60.0) == (km(lat1, lon1, lat2, lon2) > 60.0)


def test_a_signature_is_the_one_minhash_makes_with_its_own_permutations() -> None:
    # signatures reuse one drawing of the permutations; stored signatures must stay comparable with any
    # made the plain way (same seed and scheme)
    from datasketch import MinHash

    from wirewatch.link.duplicates import SCHEME, SEED, shingles
    text = (DATA / "a1-wire.txt").read_text(encoding="utf-8")
    plain = MinHash(num_perm=64, seed=SEED, scheme=SCHEME)
    plain.update_batch(sorted(shingles(text, 5)))
    for _ in range(2):
        assert list(signature(text, 5, 64).hashvalues) == list(plain.hashvalues)
