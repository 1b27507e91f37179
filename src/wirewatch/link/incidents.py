"""Incidents: event mentions from different articles that are one real-world event.

Two mentions may be one incident when their PLOVER types are the same, their days are close, their places
agree (the same town or site within a distance, or a country or province that holds the other's town) and
their actors and recipients do not contradict each other; and they must share *something* positive — a
place, an actor or a recipient — so that two unrelated agentless attacks on the same day stay apart.
Negated, hypothetical and future events never join an incident: they did not happen.

A new mention joins the best-matching incident (by evidence, then age) or founds one. The index holds each
incident's aggregate (the members' tallies of places, days and names): matching needs no member rows.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from ..model import Document, Entity, Place
from .sources import COUNTED_ON_FROM, SourceCount, normal_name

#: auxiliary modes of events that did not (or not yet) happen
UNREAL = frozenset({"negation", "hypothetical", "future"})
#: how specific a place is: a country names the least, a town or a site the most
_RANK = {"PCLI": 1, "PCLD": 1, "PCLIX": 1, "PCLS": 1, "CONT": 1, "RGN": 2, "ADM1": 2, "ADM2": 3}
#: acts done by saying or deciding, whose place reports give as the capital they were made in or the country
#: they concern, so that two reports of one may place it apart
PLACELESS_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
                             "SANCTION", "CONCEDE"})
#: days of uncertainty of a date known to the week; a date known only to the month or year cannot tell one
#: incident from another, so such events join none (and the index need reach no further back than a week)
_SLACK = {"day": 0, "week": 6}
VAGUE = frozenset({"month", "year"})
MAX_SLACK = max(_SLACK.values())


def place_rank(feature: str | None) -> int:
    if not feature:
        return 4
    return _RANK.get(feature, 4 if feature.startswith(("PPL", "ADM3", "ADM4", "AIR", "BLD", "FAC")) else 2)


def day_number(iso: str | None) -> int | None:
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


#: sectors of armed groups whose identity reports often leave open: one paper's "gunmen" (unidentified
#: armed force) is another's "attackers" or "militants" (rebels); they are compatible, not contradictory
ARMED_UNKNOWN = frozenset({"UAF", "REB", "INS", "IMG", "SEP"})
#: sectors of the state's own forces and offices: "police", "security forces" and "the government" of one
#: country may be one side told three ways
STATE_SECTORS = frozenset({"GOV", "MIL", "COP"})
#: key prefixes that say only a little (a country, an armed group of a country): half the evidence of a name
#: or of a country and sector
WEAK_KEYS = ("k:", "a:", "s:")


def actor_keys(entity: Entity) -> set[str]:
    """Matching keys of an actor: its name, its country and sector, and (weaker) its country alone and,
    for an armed group of unknown or contested identity, its country's armed groups."""
    keys = {f"n:{normal_name(entity.name)}"}
    country, sector = entity.actor.country, entity.actor.sector
    if country and sector:
        keys.add(f"c:{country}/{sector}")
    if country:
        keys.add(f"k:{country}")
    if country and sector in ARMED_UNKNOWN:
        keys.add(f"a:{country}")
    if country and sector in STATE_SECTORS:
        keys.add(f"s:{country}")
    return keys


def _sided(keys: set[str]) -> bool:
    """Whether an actor set says which side of its country it is on (a sector as well as a country)."""
    return any(k.startswith("c:") for k in keys)


def _coded(keys: set[str]) -> bool:
    """Whether some key of an actor set says more than its name (a country, a sector)."""
    return any(not k.startswith("n:") for k in keys)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


#: kilometres per degree of latitude on the sphere ``km`` uses
KM_PER_DEGREE = 6371.0 * math.pi / 180


def beyond(lat1: float, lon1: float, lat2: float, lon2: float, limit: float) -> bool:
    """Whether two points are more than ``limit`` km apart; most far pairs are told by their latitudes alone
    (no great circle between them is shorter than the meridian arc), without the trigonometry."""
    if abs(lat1 - lat2) * KM_PER_DEGREE * 0.999 > limit:
        return True
    return km(lat1, lon1, lat2, lon2) > limit


@dataclass
class Mention:
    """One event of one document, as linking sees it."""

    article: str
    event: str
    event_type: str
    day: int
    slack: int  # days of uncertainty of a week date
    iso: str
    place: tuple[str, str | None, float, float, int] | None  # name, country, lat, lon, rank
    actors: set[str]
    recipients: set[str]
    actor_names: list[str]
    recipient_names: list[str]
    source_key: str
    #: the days its own sentence states ("on Monday"; a night straddles two: "overnight", "on Friday
    #: night"), as an ISO interval "first/last" or one ISO day; None when its day is the publication's
    stated: str | None = None


def mentions_of(doc: Document, published: str | None, source_key: str) -> list[Mention]:
    """The events of ``doc`` that can join an incident (those that happened, with a day to place them)."""
    ents = {e.id: e for e in doc.entities}
    places: dict[str, Place] = {p.id: p for p in doc.places}
    out = []
    for v in doc.events:
        if v.aux in UNREAL:
            continue
        if v.date.value and v.date.precision in VAGUE:
            continue
        iso = v.date.value if v.date.value else published
        day = day_number(iso)
        if day is None or iso is None:
            continue
        slack = _SLACK.get(v.date.precision or "day", 0) if v.date.value else 0
        stated = stated_span(iso[:10], v.date.text) if v.date.value and (v.date.precision or "day") == "day" \
            else None
        p = places.get(v.place) if v.place else None
        place = (p.name, p.country, p.lat, p.lon, place_rank(p.feature)) if p else None
        actors = [ents[i] for i in v.actor if i in ents]
        recipients = [ents[i] for i in v.recipient if i in ents]
        out.append(Mention(
            article=doc.article.sha256, event=v.id, event_type=v.event_type, day=day, slack=slack,
            iso=iso[:10], place=place,
            actors=set().union(*(actor_keys(e) for e in actors)) if actors else set(),
            recipients=set().union(*(actor_keys(e) for e in recipients)) if recipients else set(),
            actor_names=[e.name for e in actors], recipient_names=[e.name for e in recipients],
            source_key=source_key, stated=stated))
    return out


def stated_span(iso: str, text: str | None) -> str | None:
    """The days a stated date covers: "overnight" (resolved to the morning it ends) is that night, the
    day before and the day; "on Friday night" is Friday and the small hours of Saturday; any other stated
    day is itself. None when nothing was stated."""
    if not text:
        return None
    words = text.lower()
    day = date.fromisoformat(iso)
    if "overnight" in words:
        return f"{date.fromordinal(day.toordinal() - 1).isoformat()}/{iso}"
    if "night" in words:
        return f"{iso}/{date.fromordinal(day.toordinal() + 1).isoformat()}"
    return iso


@lru_cache(maxsize=4096)
def span_days(span: str) -> tuple[int, int]:
    """First and last day (ordinals) of a stated span; cached, as every candidate incident is compared."""
    first, _, last = span.partition("/")
    return date.fromisoformat(first).toordinal(), date.fromisoformat(last or first).toordinal()



@dataclass
class Incident:
    id: str
    event_type: str
    actor_keys: set[str] = field(default_factory=set)
    recipient_keys: set[str] = field(default_factory=set)
    places: Counter[tuple[str, str | None, float, float, int]] = field(default_factory=Counter)
    days: Counter[str] = field(default_factory=Counter)
    actor_names: Counter[str] = field(default_factory=Counter)
    recipient_names: Counter[str] = field(default_factory=Counter)
    members: list[tuple[str, str]] = field(default_factory=list)  # (article, source key)
    first_published: str | None = None
    stated_days: Counter[str] = field(default_factory=Counter)  # days its members' sentences state
    _best_place: tuple[str, str | None, float, float, int] | None = field(default=None, repr=False, compare=False)
    _best_day: str | None = field(default=None, repr=False, compare=False)
    # its lookup keys (see :func:`incident_keys`), kept up to date as members come, and those of them the
    # index has not filed yet: a large incident is not re-keyed from its whole tally for each new member
    _keys: set[str] | None = field(default=None, repr=False, compare=False)
    _unfiled: list[str] = field(default_factory=list, repr=False, compare=False)
    # (independent sources, articles, members counted): the count a large incident goes on from
    _tallied: tuple[SourceCount, set[str], int] | None = field(default=None, repr=False, compare=False)

    # -- the aggregate --------------------------------------------------------------------------------
    def _place_rank(self, place: tuple[str, str | None, float, float, int]) -> tuple[int, int, tuple[int, ...]]:
        return place[4], self.places[place], _neg(place[0])

    def best_place(self) -> tuple[str, str | None, float, float, int] | None:
        # scored against every candidate mention: kept, and moved only by the place a new member adds
        if self._best_place is None and self.places:
            self._best_place = max(self.places, key=self._place_rank)
        return self._best_place

    def _day_rank(self, iso: str) -> tuple[int, tuple[int, ...]]:
        return self.days[iso], _neg(iso)

    def best_day(self) -> str:
        if self._best_day is None:
            self._best_day = max(self.days, key=self._day_rank)
        return self._best_day

    def lookup_keys(self) -> set[str]:
        """The keys the index files it under (:func:`incident_keys`), computed once and then kept."""
        if self._keys is None:
            self._keys = incident_keys(self)
            self._unfiled = sorted(self._keys)
        return self._keys

    def take_unfiled(self) -> list[str]:
        """The lookup keys gained since the index last filed this incident (all of them the first time)."""
        self.lookup_keys()
        fresh, self._unfiled = self._unfiled, []
        return fresh

    def _gain_keys(self, m: Mention) -> None:
        if self._keys is None:  # not keyed yet: the first lookup_keys() computes them all
            return
        gained = side_keys(m.actors, m.recipients)
        if m.place:
            gained.update(place_keys(m.place))
        for k in gained:
            if k not in self._keys:
                self._keys.add(k)
                self._unfiled.append(k)

    def tally(self, group_of: Callable[[str], str | None]) -> tuple[int, int]:
        """How many articles and independent sources (wire copies collapsed: see
        :func:`~wirewatch.link.sources.count_sources`) its members come from. A large incident counts on
        from the members it counted last time; :meth:`regrouped` starts the count again."""
        sources, articles, counted = self._tallied or (SourceCount(), set(), 0)
        for article, source_key in self.members[counted:]:
            articles.add(article)
            sources.add(source_key, group_of(article))
        if len(self.members) >= COUNTED_ON_FROM:  # a small one is counted from scratch: no state to keep
            self._tallied = sources, articles, len(self.members)
        return len(articles), sources.count

    def regrouped(self) -> None:
        """Some member's copy group was merged into another: the source count starts again."""
        self._tallied = None

    def add(self, m: Mention, published: str | None) -> None:
        self._gain_keys(m)
        self.actor_keys |= m.actors
        self.recipient_keys |= m.recipients
        if m.place:
            self.places[m.place] += 1
            old = self._best_place
            if old is not None and old != m.place:
                # only m.place's count grew, so the best is the old one or it (a tie of two places with one
                # name and rank is settled as max() settles it: the first in the tally)
                mine, theirs = self._place_rank(m.place), self._place_rank(old)
                if mine > theirs:
                    self._best_place = m.place
                elif mine == theirs:
                    self._best_place = None
        self.days[m.iso] += 1
        # likewise the best day: the old one or the new member's
        if self._best_day is not None and self._day_rank(m.iso) > self._day_rank(self._best_day):
            self._best_day = m.iso
        if m.stated:
            self.stated_days[m.stated] += 1
        self.actor_names.update(m.actor_names)
        self.recipient_names.update(m.recipient_names)
        self.members.append((m.article, m.source_key))
        if published and (self.first_published is None or published < self.first_published):
            self.first_published = published

    def votes(self) -> dict[str, Any]:
        return {"places": [[*k, n] for k, n in sorted(self.places.items(), key=_place_order)],
                "days": dict(sorted(self.days.items())),
                "actors": dict(sorted(self.actor_names.items())),
                "recipients": dict(sorted(self.recipient_names.items())),
                "stated": dict(sorted(self.stated_days.items()))}

    @classmethod
    def from_votes(cls, id: str, event_type: str, actor_keys: set[str], recipient_keys: set[str],
                   votes: dict[str, Any], first_published: str | None) -> Incident:
        inc = cls(id=id, event_type=event_type, actor_keys=actor_keys, recipient_keys=recipient_keys,
                  first_published=first_published)
        for name, country, lat, lon, rank, n in votes["places"]:
            inc.places[(name, country, float(lat), float(lon), int(rank))] = int(n)
        inc.days.update({k: int(v) for k, v in votes["days"].items()})
        inc.actor_names.update({k: int(v) for k, v in votes["actors"].items()})
        inc.recipient_names.update({k: int(v) for k, v in votes["recipients"].items()})
        # incidents linked before stated days were kept have none: no stated day then contradicts them
        inc.stated_days.update({k: int(v) for k, v in votes.get("stated", {}).items()})
        return inc


def _neg(text: str) -> tuple[int, ...]:
    """Sorts text backwards inside a max(): ties go to the alphabetically first."""
    return tuple(-ord(c) for c in text)


def _place_order(item: tuple[tuple[str, str | None, float, float, int], int]) -> tuple[str, str, float, float]:
    (name, country, lat, lon, _), _n = item
    return name, country or "", lat, lon


def copy_key(event_type: str, trigger: str, sentence: str) -> str:
    """The same event in a copy of an article: same type, trigger and sentence (spacing aside)."""
    text = f"{event_type}|{trigger.lower()}|{' '.join(sentence.split())}"
    return hashlib.sha1(text.encode()).hexdigest()[:16]


def incident_id(m: Mention) -> str:
    """Named after its founding mention, so a rerun names it the same whatever was linked before."""
    return "I" + hashlib.sha1(f"{m.article}:{m.event}".encode()).hexdigest()[:15]


#: grid cells (degrees) that place keys are filed under; a mention looks in its cell and the eight around
#: it, which holds every place within ``link_incident_km`` while that is under ~100 km
CELL = 1.0
#: a key shared by more incidents than this in one day's bucket is skipped (unless all of a mention's are)
COMMON = 300


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / CELL), math.floor(lon / CELL)


def mention_keys(m: Mention) -> set[str]:
    """What a mention must share with an incident to be scored at all: an actor or recipient key, the
    country of its place, or a grid cell at or next to its place (see :meth:`IncidentIndex.score`, which
    asks for evidence that only these can give)."""
    keys = side_keys(m.actors, m.recipients)
    if m.place:
        _, country, lat, lon, rank = m.place
        if country:
            keys.add(f"pc:{country}")
        if rank >= 3:
            y, x = _cell(lat, lon)
            keys.update(f"g:{y + dy},{x + dx}" for dy in (-1, 0, 1) for dx in (-1, 0, 1))
    return keys


def side_keys(actors: set[str], recipients: set[str]) -> set[str]:
    """Lookup keys of the actor and recipient keys of a mention or an incident."""
    return {f"a:{k}" for k in actors} | {f"r:{k}" for k in recipients}


def incident_keys(inc: Incident) -> set[str]:
    keys = side_keys(inc.actor_keys, inc.recipient_keys)
    for place in inc.places:
        keys.update(place_keys(place))
    return keys


def place_keys(place: tuple[str, str | None, float, float, int]) -> list[str]:
    """An incident's keys from one of its places: its country, and its grid cell if it is a town or a site."""
    _name, country, lat, lon, rank = place
    keys = [f"pc:{country}"] if country else []
    if rank >= 3:
        y, x = _cell(lat, lon)
        keys.append(f"g:{y},{x}")
    return keys


class IncidentIndex:
    """Incidents by (event type, best day, key); :meth:`add` links one mention and returns its incident.

    Only incidents that share a key with a mention are scored, so the cost of a mention does not grow with
    the number of incidents of its type and day (a day of the world's news holds thousands of ASSAULTs).
    The index is a function of the incidents alone, so a run resumed from the store scores exactly the
    candidates the interrupted run would have scored.
    """

    def __init__(self, days: int, km_limit: float, stated_days: int = 0) -> None:
        self.window = days
        self.km_limit = km_limit
        self.stated_window = stated_days
        self.incidents: dict[str, Incident] = {}
        self._buckets: dict[tuple[str, int, str], set[str]] = {}
        self._filed: dict[str, int] = {}  # incident -> the day it is filed under (with its lookup keys)
        self._on_day: dict[int, set[str]] = {}  # day -> incidents filed under it

    @property
    def horizon(self) -> int:
        """How many days before a mention's day an incident it can match may lie."""
        return self.window + MAX_SLACK

    def evict(self, before: int) -> int:
        """Drop from memory the incidents filed before day ``before``: no mention of that day or later can
        match them (they stay in the store, and :class:`~wirewatch.link.runner.Linker` loads one back when a
        copy or a merged copy group needs it). Returns how many were dropped."""
        dropped = 0
        for day in [d for d in self._on_day if d < before]:
            for inc_id in self._on_day.pop(day):
                del self._filed[inc_id]
                inc = self.incidents.pop(inc_id)
                self._unfile(inc_id, inc.event_type, day, inc.lookup_keys())
                dropped += 1
        return dropped

    def load(self, inc: Incident) -> None:
        self.incidents[inc.id] = inc
        self._index(inc)

    def _unfile(self, inc_id: str, event_type: str, day: int, keys: set[str]) -> None:
        """Take ``inc_id`` out of its buckets; a bucket left empty is deleted (an empty bucket left behind
        is memory that nothing ever frees)."""
        for k in keys:
            bucket = self._buckets.get((event_type, day, k))
            if bucket is not None:
                bucket.discard(inc_id)
                if not bucket:
                    del self._buckets[(event_type, day, k)]

    def _index(self, inc: Incident) -> None:
        day, fresh = day_number(inc.best_day()) or 0, inc.take_unfiled()
        old_day = self._filed.get(inc.id)
        if old_day == day:  # filed under this day already: only the keys it gained since
            for k in fresh:
                self._buckets.setdefault((inc.event_type, day, k), set()).add(inc.id)
            return
        keys = inc.lookup_keys()
        if old_day is not None:
            # its keys now are those it was filed under and the fresh ones, which no bucket of it holds yet
            self._unfile(inc.id, inc.event_type, old_day, keys)
            self._on_day[old_day].discard(inc.id)
            if not self._on_day[old_day]:
                del self._on_day[old_day]
        for k in keys:
            self._buckets.setdefault((inc.event_type, day, k), set()).add(inc.id)
        self._filed[inc.id] = day
        self._on_day.setdefault(day, set()).add(inc.id)

    def candidates(self, m: Mention) -> Collection[str]:
        """The incidents ``m`` is scored against, in no set order (:meth:`add` breaks ties by id)."""
        reach = self.window + m.slack
        found: list[set[str]] = []
        buckets = self._buckets
        for k in mention_keys(m):
            ids: set[str] = set()
            for day in range(m.day - reach, m.day + reach + 1):
                bucket = buckets.get((m.event_type, day, k))
                if bucket:
                    ids |= bucket
            if ids:
                found.append(ids)
        usable = [ids for ids in found if len(ids) <= COMMON]
        if not usable and found:  # every key is common: the rarest one, cut to a fixed (id-ordered) share
            return sorted(min(found, key=len))[:COMMON]
        return set().union(*usable) if usable else ()

    def score(self, m: Mention, inc: Incident) -> float | None:
        """How much says ``m`` is ``inc`` (None: something says it is not)."""
        if m.stated and inc.stated_days and not self._same_stated_day(m, inc):
            return None
        best = inc.best_place()
        far = False
        if m.place and best:
            name, country, lat, lon, rank = m.place
            b_name, b_country, b_lat, b_lon, b_rank = best
            far = bool(country and b_country and country != b_country) or (
                min(rank, b_rank) >= 3 and beyond(lat, lon, b_lat, b_lon, self.km_limit))
            if far and m.event_type not in PLACELESS_TYPES:
                return None  # what the sides share cannot outweigh it (below): said before they are compared
        evidence = 0.0
        for mine, theirs in ((m.actors, inc.actor_keys), (m.recipients, inc.recipient_keys)):
            if mine and theirs:
                shared = mine & theirs
                if not shared:
                    if _coded(mine) and _coded(theirs):
                        return None
                    # names alone that differ ("three journalists", "Sami Gharbi"; "residents", "at least
                    # 27 people") may be one group told two ways: neither evidence nor contradiction
                    continue
                if all(k.startswith("k:") for k in shared) and _sided(mine) and _sided(theirs):
                    # one country, two sides: its troops killing "the attackers" are not the attackers'
                    # raid on a village, however close in place and day
                    return None
                evidence += 1.0 if any(not k.startswith(WEAK_KEYS) for k in shared) else 0.5
        if m.place and best:
            # where a decision or a statement is placed is where it was made or where it bites, and reports
            # differ on which ("sanctions imposed in Washington" on Nicaragua): for such acts a place that
            # disagrees says nothing once the sides agree
            placeless = m.event_type in PLACELESS_TYPES and evidence >= 1.0
            if far:
                if not placeless:
                    return None
            elif min(rank, b_rank) >= 3:
                evidence += 1.0
            elif min(rank, b_rank) == 2 and (name, lat, lon) == (b_name, b_lat, b_lon):
                evidence += 1.0  # the same province or region, named by both: as telling as a town
            elif country and country == b_country:
                evidence += 0.5
        return evidence if evidence >= 1.0 else None

    def _same_stated_day(self, m: Mention, inc: Incident) -> bool:
        """Whether the days ``m``'s sentence states overlap those some member of ``inc`` states. Two
        reports that each name their day ("blocked the roads on Monday", "gathered on Tuesday") are two
        events however close the days; the wider window is for days no sentence gives (a report dated by
        its publication)."""
        assert m.stated is not None
        first, last = span_days(m.stated)
        for span in inc.stated_days:
            a, b = span_days(span)
            if first - self.stated_window <= b and a <= last + self.stated_window:
                return True
        return False

    def join(self, inc_id: str, m: Mention, published: str | None) -> Incident:
        """Add ``m`` to a known incident without scoring (the same event in a copy of its article)."""
        inc = self.incidents[inc_id]
        inc.add(m, published)
        self._index(inc)
        return inc

    def add(self, m: Mention, published: str | None) -> tuple[Incident, bool]:
        """Link ``m``: the incident it joins (or founds) and whether it founded it."""
        best: tuple[float, str] | None = None
        for inc_id in self.candidates(m):
            value = self.score(m, self.incidents[inc_id])
            # the most evidence; of equals, the alphabetically first id (the same in any run and order)
            if value is not None and (best is None or value > best[0] or value == best[0] and inc_id < best[1]):
                best = (value, inc_id)
        if best is None:
            inc = Incident(id=incident_id(m), event_type=m.event_type)
            self.incidents[inc.id] = inc
            inc.add(m, published)
            self._index(inc)
            return inc, True
        inc = self.incidents[best[1]]
        inc.add(m, published)
        self._index(inc)
        return inc, False
