"""Claim clusters: attributions from different articles that state the same claim, and who stands behind it.

A claim joins a cluster that shares a *key* with it (an entity or place its content names, an incident its
events belong to, its speaker, or the very same words) when the cosine similarity of their sentence
embeddings (all-MiniLM-L6-v2, the encoder the event classifier ships) is high enough — a little lower when
they share an incident or the speaker. A denial or a non-confirmation that the extractor tied to a claim
of its own article ("The Pentagon could not confirm the report") joins that claim's cluster whatever its
words. Embeddings are computed only for claims that have a candidate to compare with, so a corpus of
stories told once costs no encoder time.

Corroboration counts *origins*: a named speaker is one origin however many outlets quote them; an unnamed
one ("a senior official") is the outlet that reached them — the outlet an article cites ("CNN reported"),
else the article's own outlet, wire copies collapsed (see :mod:`wirewatch.link.sources`). A claim relayed
from an outlet whose own report is in the cluster ("The Daily Lantern reported, citing a negotiator" beside
The Daily Lantern's article quoting the negotiator by name) is that report's source, not another one.
"""

from __future__ import annotations

import bisect
import hashlib
import heapq
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from ..model import DISPUTING, Document, Entity
from .incidents import STATE_SECTORS, day_number
from .sources import COUNTED_ON_FROM, SourceCount, normal_name

ASSERTING = frozenset({"asserts", "hedges"})
#: at most this many clusters are compared per key, and per claim (in id order: the same in any run)
PER_KEY = 50
PER_CLAIM = 25
#: keys a cluster is not looked up by, only compared on: an origin ("o:body:RUS/GOV") is shared by every
#: claim a government makes in a week, so as a lookup key it would cost a scan of them all for each claim
UNFILED = ("o:",)
#: a content word shared by more clusters than this within the time window is no key
COMMON = 200
#: content-word overlap (Dice) with a cluster's summary at or above which a claim joins it without the
#: encoder, and below which the encoder is not asked (the encoder is what linking spends its time on)
LEXICAL_SURE = 0.75
LEXICAL_FLOOR = 0.2
#: ... and the overlap at which a claim from the origin a cluster already has (the same speaker or body)
#: joins it: one origin restating its point in other words
LEXICAL_SAME_ORIGIN = 0.4
#: a denial of at least this many content words, all of them in a cluster's summary, disputes that claim
CONTAINED_WORDS = 2
#: content words of a claim used as keys, at most
MAX_WORD_KEYS = 30
#: a claim's words are compared with its cluster's summary and with at most this many other wordings of its
#: members (the first in sorted order: the same in a resumed run as in an uninterrupted one)
MEMBER_WORDINGS = 8
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_STOP_WORDS = frozenset(STOP_WORDS)
#: labels of entities that are someone: a speaker linked to one is named, not anonymous
_NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})


def word_keys(text: str) -> set[str]:
    """Content words as blocking keys ("w:launched", "w:kursk"): two wordings of one claim share some even
    when the extractor found no entity or place in either. Words too common to tell claims apart are
    skipped where they are looked up (see ``ClaimIndex.COMMON``)."""
    words = [w for w in _WORD.findall(text.lower()) if len(w) >= 4 and w not in _STOP_WORDS]
    return {f"w:{w}" for w in list(dict.fromkeys(words))[:MAX_WORD_KEYS]}


@lru_cache(maxsize=65_536)
def _wording(text: str) -> frozenset[str]:
    """A cluster wording's content words, computed once per text: a cluster's wordings are gathered again
    each time a member brings a new one."""
    return frozenset(word_keys(text))


#: a quoted fragment inside a claim ("neutralised a group of terrorists"), of at least QUOTED_WORDS words
_QUOTED = re.compile(r'["“]([^"“”]+)["”]')
QUOTED_WORDS = 3


def quote_keys(text: str) -> set[str]:
    """The fragments a claim quotes word for word: two reports quoting the same words of a statement
    ("they had 'neutralised a group of terrorists'", "it 'neutralised a group of terrorists' but ...")
    report the same claim, whatever else each says around them."""
    out = set()
    for fragment in _QUOTED.findall(text):
        words = _WORD.findall(fragment.lower())
        if len(words) >= QUOTED_WORDS:
            out.add("q:" + hashlib.sha1(" ".join(words).encode()).hexdigest()[:16])
    return out


def text_key(text: str) -> str:
    return "t:" + hashlib.sha1(" ".join(text.lower().split()).encode()).hexdigest()[:16]


@dataclass
class ClaimMention:
    article: str
    attribution: str
    stance: str
    text: str
    day: int
    iso: str
    keys: set[str]
    speaker_key: str | None
    origin: str
    disputes: list[str]  # attributions of the same article that this one denies or cannot confirm
    outlet: str | None = None  # the article's own outlet (normalised)


def claim_mentions(doc: Document, published: str | None, outlet: str | None,
                   incident_of: dict[str, str]) -> list[ClaimMention]:
    """The attributions of ``doc`` as claims; ``incident_of`` maps its event ids to their incidents."""
    ents = {e.id: e for e in doc.entities}
    iso = (published or "")[:10]
    day = day_number(iso) or 0
    disputes: dict[str, list[str]] = {}
    for a in doc.attributions:
        for other in a.disputed_by:
            disputes.setdefault(other, []).append(a.id)
    events_of: dict[str, list[str]] = {}
    for v in doc.events:
        if v.attribution and v.id in incident_of:
            events_of.setdefault(v.attribution, []).append(incident_of[v.id])
    out = []
    for a in doc.attributions:
        start, end = a.content.start, a.content.end
        keys = {text_key(a.content.text)} | word_keys(a.content.text) | quote_keys(a.content.text)
        for e in doc.entities:
            if any(start <= m.start and m.end <= end for m in e.mentions) and e.label != "NOMINAL":
                keys.add(f"n:{normal_name(e.name)}")
        for p in doc.places:
            if any(start <= m.start and m.end <= end for m in p.mentions):
                keys.add(f"p:{p.geonameid or normal_name(p.name)}")
        keys.update(f"i:{i}" for i in events_of.get(a.id, ()))
        speaker = ents.get(a.speaker.entity) if a.speaker.entity else None
        named = speaker is not None and not a.speaker.anonymous and speaker.label in _NAMED_LABELS
        speaker_key = f"n:{normal_name(speaker.name)}" if named and speaker else None
        if speaker is not None and not a.speaker.anonymous and (
                _institution(a.speaker.text, speaker) or named and _state_body(speaker)):
            # "the army", "Mali's armed forces", "Yemen's government": one side of one state is one origin,
            # however many outlets quote it and by whatever name
            origin = f"body:{speaker.actor.country}/{speaker.actor.sector}"
        elif speaker_key:
            origin = "speaker:" + speaker_key[2:]
        else:
            via = [ents[v].name if v in ents else v for v in a.via]
            reached_by = normal_name(via[-1]) if via else outlet
            origin = f"outlet:{reached_by}" if reached_by else f"article:{doc.article.sha256[:16]}"
        # what disputes a claim stands against it in that claim's cluster, whatever its own wording's stance
        # ("Our officers acted strictly within the law", quoted after the ministry's denial)
        stance = "denies" if disputes.get(a.id) and a.stance not in DISPUTING else a.stance
        out.append(ClaimMention(
            article=doc.article.sha256, attribution=a.id, stance=stance, text=a.content.text, day=day,
            iso=iso, keys=keys | ({f"o:{origin}"} if origin.startswith(("speaker:", "body:")) else set()),
            speaker_key=speaker_key, origin=origin,
            disputes=list(disputes.get(a.id, [])), outlet=outlet))
    return out


#: sectors of a state's own bodies: its sides (government, armed forces, police) and its courts and legislature
STATE_BODY_SECTORS = STATE_SECTORS | {"JUD", "LEG"}


def _state_body(speaker: Entity) -> bool:
    """A named organisation that is a body of a state ("Mali's armed forces", "the Pentagon"), not a person."""
    return speaker.label in ("ORG", "NORP", "GPE") and bool(speaker.actor.country) and (
        speaker.actor.sector in STATE_BODY_SECTORS)


def _institution(text: str, speaker: Entity) -> bool:
    """Whether a speaker named by a common noun is one coded body of a country ("the ministry", "Yemen's
    government", "Mali's armed forces", "the attorney general's office"), not people ("the residents") or
    someone unnamed ("a spokesman")."""
    if speaker.label != "NOMINAL" or not (speaker.actor.country and speaker.actor.sector):
        return False
    words = text.split()
    definite = bool(words) and (words[0].lower() == "the" or any(w.endswith(("'s", "’s")) for w in words[:-1]))
    head = words[-1].lower() if words else ""
    # people in the plural are several voices ("the residents"); a state's forces or authorities are one
    plural = head.endswith("s") and not head.endswith("ss")
    return definite and (not plural or speaker.actor.sector in STATE_BODY_SECTORS)


@dataclass
class Cluster:
    id: str
    summary: str
    keys: set[str] = field(default_factory=set)
    centroid: np.ndarray | None = None
    vectors: int = 0
    # (article, origin, stance, the article's own outlet or "")
    members: list[tuple[str, str, str, str]] = field(default_factory=list)
    day_min: int = 0
    day_max: int = 0
    iso_min: str = ""
    iso_max: str = ""
    texts: set[str] = field(default_factory=set)  # the members' wordings
    wordings: list[frozenset[str]] | None = None  # words of the summary and some wordings, once compared

    # (the two sides' source counts, articles, members counted): the count a large cluster goes on from (a
    # small one is counted from scratch in less than the state would hold)
    _tallied: tuple[tuple[Side, Side], set[str], int] | None = field(default=None, repr=False, compare=False)

    def figures(self, group_of: Callable[[str], str | None]) -> dict[str, object]:
        """Members, articles, independent and disputing sources, contested: counted from the members, on
        from those counted last time (:meth:`regrouped` starts again)."""
        sides, articles, counted = self._tallied or ((Side(), Side()), set(), 0)
        asserting, disputing = sides
        for i in range(counted, len(self.members)):
            article, origin, stance, outlet = self.members[i]
            articles.add(article)
            side = asserting if stance in ASSERTING else disputing if stance in DISPUTING else None
            if side is not None and side.add(article, origin, outlet, group_of):
                stances = ASSERTING if side is asserting else DISPUTING
                side.recount([m for m in self.members[:i + 1] if m[2] in stances], group_of)
        if len(self.members) >= COUNTED_ON_FROM:
            self._tallied = sides, articles, len(self.members)
        independent, against = asserting.count, disputing.count
        return {"members": len(self.members), "articles": len(articles),
                "independent_sources": independent, "disputing_sources": against,
                "contested": bool(independent and against)}

    def regrouped(self) -> None:
        """Some member's copy group was merged into another: the sources are counted again."""
        self._tallied = None


class Side:
    """The independent sources of the members of one side of a claim cluster (those asserting it, or those
    disputing it), counted as members come.

    A member's origin is counted with its copy group when it is an outlet. An outlet's report relayed by
    another ("outlet:daily lantern" in a Coastline Radio article) counts as the origin of that outlet's own
    members on this side when they have exactly one (the negotiator it named): one chain, one source. A
    member that changes what a relayed outlet's own members say asks for the side to be counted again.
    """

    __slots__ = ("own", "relayed", "sources")

    def __init__(self) -> None:
        self.own: dict[str, set[str]] = {}  # "outlet:X" -> the origins of X's own members
        self.relayed: dict[str, int] = {}  # "outlet:X" -> members relaying X's report from other outlets
        self.sources = SourceCount()

    @property
    def count(self) -> int:
        return self.sources.count

    def add(self, article: str, origin: str, outlet: str, group_of: Callable[[str], str | None]) -> bool:
        """Count one member on; True when the side must be counted again (:meth:`recount`) instead."""
        recount = False
        if outlet:
            key = f"outlet:{outlet}"
            before = self._single(key)
            self.own.setdefault(key, set()).add(origin)
            recount = bool(self.relayed.get(key)) and self._single(key) != before
            if origin.startswith("outlet:") and origin != key:
                self.relayed[origin] = self.relayed.get(origin, 0) + 1
        if not recount:
            self.sources.add(*self._pair(article, origin, outlet, group_of))
        return recount

    def recount(self, members: Iterable[tuple[str, str, str, str]],
                group_of: Callable[[str], str | None]) -> None:
        """Count the sources again from all the side's members so far (those :meth:`add` was given)."""
        self.sources = SourceCount(self._pair(a, o, outlet, group_of) for a, o, _, outlet in members)

    def _single(self, key: str) -> str | None:
        """The one origin of this outlet's own members, or None (none, or several)."""
        origins = self.own.get(key)
        return next(iter(origins)) if origins and len(origins) == 1 else None

    def _pair(self, article: str, origin: str, outlet: str, group_of: Callable[[str], str | None]
              ) -> tuple[str, str | None]:
        """(origin, copy group of an outlet origin) of one member, a relay taking its outlet's one origin."""
        if outlet and origin != f"outlet:{outlet}":
            reported = self._single(origin)
            if reported is not None:
                origin = reported
        return origin, group_of(article) if origin.startswith("outlet:") else None


def _distinct(ids: Iterable[str]) -> Iterator[str]:
    """Sorted ids without repeats (a cluster is filed under its first and its last day)."""
    last = None
    for i in ids:
        if i != last:
            yield i
            last = i


def cluster_id(m: ClaimMention) -> str:
    return "C" + hashlib.sha1(f"{m.article}:{m.attribution}".encode()).hexdigest()[:15]


class ClaimIndex:
    """Claim clusters by key; :meth:`add_article` links one article's claims."""

    def __init__(self, similarity: float, similarity_shared: float, days: int,
                 encode: Callable[[Sequence[str]], np.ndarray] | None) -> None:
        self.similarity = similarity
        self.similarity_shared = similarity_shared
        self.window = days
        self.encode = encode
        self.clusters: dict[str, Cluster] = {}
        # key -> day -> clusters, in id order: a key's first PER_KEY clusters in a window are a merge of
        # its days' lists, where sets made each lookup of a common key scan all of them
        self._by_key: dict[str, dict[int, list[str]]] = {}
        self._cache: dict[str, np.ndarray] = {}
        self.encoded = 0  # sentences run through the encoder, for the report
        self.use_encoder = encode is not None
        self.touched: set[str] = set()  # clusters whose centroid was computed since the last batch was saved
        self._last_day: dict[int, set[str]] = {}  # day -> clusters whose last day it is

    def evict(self, before: int) -> int:
        """Drop from memory the clusters whose last day is before day ``before``: no claim of that day or
        later can find them (they stay in the store; :class:`~wirewatch.link.runner.Linker` loads one back
        when a merged copy group changes its sources). Undated clusters (day 0) stay. Returns how many."""
        dropped = 0
        for day in [d for d in self._last_day if 0 < d < before]:
            for cid in self._last_day.pop(day):
                c = self.clusters.pop(cid)
                self._unfile(cid, c.keys, {c.day_min, c.day_max})
                self.touched.discard(cid)
                dropped += 1
        return dropped

    def load(self, c: Cluster) -> None:
        self.clusters[c.id] = c
        self._index(c, set(), set())

    def _unfile(self, cid: str, keys: set[str], days: set[int]) -> None:
        """Take ``cid`` out of its buckets under ``keys`` at ``days``; a bucket left empty is deleted (an
        empty bucket left behind is memory that nothing ever frees)."""
        for k in keys:
            by_day = self._by_key.get(k)
            if by_day is None:
                continue
            for d in days:
                ids = by_day.get(d)
                if ids is not None:
                    i = bisect.bisect_left(ids, cid)
                    if i < len(ids) and ids[i] == cid:
                        del ids[i]
                    if not ids:
                        del by_day[d]
            if not by_day:
                del self._by_key[k]

    def _index(self, c: Cluster, old_keys: set[str], old_days: set[int]) -> None:
        """File ``c`` under each of its keys at its first and last day (and no longer where it was).

        The index is a function of the clusters alone (their keys and day range), so a run resumed from the
        store finds exactly the candidates the interrupted run would have found.
        """
        self._unfile(c.id, old_keys, old_days)
        if old_days:
            last = self._last_day.get(max(old_days))
            if last is not None:
                last.discard(c.id)
                if not last:
                    del self._last_day[max(old_days)]
        self._last_day.setdefault(c.day_max, set()).add(c.id)
        self._file(c, c.keys)

    def _file(self, c: Cluster, keys: set[str]) -> None:
        """File ``c`` under ``keys`` at its first and last day."""
        days = {c.day_min, c.day_max}
        for k in keys:
            if k.startswith(UNFILED):
                continue
            by_day = self._by_key.setdefault(k, {})
            for d in days:
                ids = by_day.setdefault(d, [])
                i = bisect.bisect_left(ids, c.id)
                if i == len(ids) or ids[i] != c.id:
                    ids.insert(i, c.id)

    # -- embeddings -------------------------------------------------------------------------------------
    def vectors(self, texts: Sequence[str]) -> list[np.ndarray]:
        todo = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if todo:
            for t, v in zip(todo, self.encode(todo), strict=True):
                self._cache[t] = v.astype(np.float32)
            self.encoded += len(todo)
            if len(self._cache) > 50_000:  # a run over a big corpus must not keep every vector
                for t in list(self._cache)[: len(self._cache) - 40_000]:
                    del self._cache[t]
        return [self._cache[t] for t in texts]

    def _centroid(self, c: Cluster) -> np.ndarray:
        if c.centroid is None:
            c.centroid = self.vectors([c.summary])[0]
            c.vectors = 1
            self.touched.add(c.id)  # stored with the batch, so a resumed run finds what this one had
        return c.centroid

    # -- linking ----------------------------------------------------------------------------------------
    def candidates(self, m: ClaimMention) -> list[str]:
        """The clusters a claim is compared with: those sharing most keys with it in its time window."""
        shared: dict[str, int] = {}
        days = range(m.day - self.window, m.day + self.window + 1)
        for k in m.keys:
            if k.startswith(UNFILED):
                continue
            by_day = self._by_key.get(k)
            if not by_day:
                continue
            buckets = [by_day[d] for d in days if d in by_day]
            size = sum(map(len, buckets))
            if size > COMMON and k[0] in "wq":
                continue  # a word this many claims of the period share says nothing about any one of them
            found: Iterable[str]
            if size > PER_KEY:  # the first PER_KEY ids of the days' lists together
                found = itertools.islice(_distinct(heapq.merge(*buckets)), PER_KEY)
            else:
                found = buckets[0] if len(buckets) == 1 else set().union(*buckets)
            weight = 100 if k[0] in "tq" else 1
            for cid in found:
                shared[cid] = shared.get(cid, 0) + weight
        if len(shared) <= PER_CLAIM:
            return sorted(shared)
        return sorted(heapq.nsmallest(PER_CLAIM, shared, key=lambda cid: (-shared[cid], cid)))

    def add_article(self, mentions: list[ClaimMention]) -> list[tuple[ClaimMention, Cluster, float | None]]:
        """Link one article's claims; returns each with its cluster and similarity (None: exact or tied)."""
        self.prefetch(mentions)
        placed: dict[str, Cluster] = {}
        out: list[tuple[ClaimMention, Cluster, float | None]] = []
        # a denial or non-confirmation tied to a claim of its own article goes where that claim went
        order = [m for m in mentions if not m.disputes] + [m for m in mentions if m.disputes]
        for m in order:
            cluster, sim = None, None
            for target in m.disputes:
                if target in placed:
                    cluster = placed[target]
                    break
            if cluster is None:
                cluster, sim = self._match(m)
            if cluster is None:
                cluster = Cluster(id=cluster_id(m), summary=m.text, day_min=m.day, day_max=m.day,
                                  iso_min=m.iso, iso_max=m.iso)
                self.clusters[cluster.id] = cluster
            self._join(cluster, m, sim)
            placed[m.attribution] = cluster
            out.append((m, cluster, sim))
        return out

    def lexical(self, m: ClaimMention, c: Cluster, mine: set[str] | None = None) -> float:
        """Dice overlap of the content words of a claim and of the closest wording in a cluster (its summary
        or a member's: a report may restate any of them, "civilians were among the dead in Tarkint" the
        denial "any civilians were among the dead", not the first report's longer sentence); a denial all of
        whose (two or more) words one wording holds counts as the same: a denial restates what it denies in
        few words ("denied firing the shells" against "accused the Houthis of firing the shells from the
        hills")."""
        if mine is None:
            mine = {k for k in m.keys if k.startswith("w:")}
        if c.wordings is None:
            others = heapq.nsmallest(MEMBER_WORDINGS, c.texts - {c.summary})  # = sorted(...)[:MEMBER_WORDINGS]
            c.wordings = [w for w in map(_wording, [c.summary, *others]) if w]
        if not mine:
            return 0.0
        best = 0.0
        for words in c.wordings:
            shared = len(mine & words)
            if m.stance in DISPUTING and shared >= CONTAINED_WORDS and shared == len(mine):
                return 1.0
            best = max(best, 2 * shared / (len(mine) + len(words)))
        return best

    def compared(self, m: ClaimMention, c: Cluster) -> bool:
        """Whether the encoder is asked about ``m`` and ``c``: only when their words overlap somewhat but
        not clearly, and they share something beyond words (an entity, a place, an incident, the speaker).
        Claims that share only words join on near-identical wording or not at all."""
        if not self.use_encoder:
            return False
        lex = self.lexical(m, c)
        if lex >= LEXICAL_SURE:
            return False
        strong = any(not k.startswith(("w:", "t:")) for k in m.keys & c.keys) or bool(
            m.speaker_key and m.speaker_key in c.keys)
        # the encoder is what linking spends its time on: it is asked only about claims that overlap in
        # words somewhat (not clearly) and share an entity, a place, an incident or the speaker
        return strong and lex >= LEXICAL_FLOOR

    def prefetch(self, mentions: list[ClaimMention]) -> None:
        """Encode at once what linking these claims will ask for, as far as the present clusters tell.

        Only a cache is filled (embeddings do not depend on what they are encoded with), so linking gives
        the same clusters with or without it; one call lets the encoder batch and run in parallel.
        """
        if not self.use_encoder:
            return
        need: list[str] = []
        for m in mentions:
            if m.disputes:
                continue
            wanted = [c for c in self.candidates(m) if self.compared(m, self.clusters[c])]
            if wanted:
                need.append(m.text)
                need.extend(self.clusters[c].summary for c in wanted if self.clusters[c].centroid is None)
        if need:
            self.vectors(need)

    def _match(self, m: ClaimMention) -> tuple[Cluster | None, float | None]:
        best: tuple[float, str] | None = None
        sure: tuple[float, str] | None = None
        # what is compared with every candidate, computed once
        own_text = text_key(m.text)
        words = {k for k in m.keys if k.startswith("w:")}
        quoted = [k for k in m.keys if k.startswith("q:")]
        origins = [k for k in m.keys if k.startswith("o:")]
        for cid in self.candidates(m):
            c = self.clusters[cid]
            if own_text in c.keys:
                return c, None
            if any(k in c.keys for k in quoted):  # the same words quoted
                if sure is None or sure[0] < 1.0:
                    sure = (1.0, cid)
                continue
            lex = self.lexical(m, c, words)
            if lex >= LEXICAL_SAME_ORIGIN and any(k in c.keys for k in origins):
                lex = max(lex, LEXICAL_SURE)  # one origin saying it again in other words: the same claim
            if lex >= LEXICAL_SURE:  # most of the same words: no need to ask the encoder
                if sure is None or lex > sure[0]:
                    sure = (lex, cid)
                continue
            if sure is not None or not self.compared(m, c):
                continue
            sim = float(self.vectors([m.text])[0] @ self._centroid(c))
            limit = self.similarity
            if (m.speaker_key and m.speaker_key in c.keys) or any(k.startswith("i:") for k in m.keys & c.keys):
                limit = self.similarity_shared
            if sim >= limit and (best is None or sim > best[0]):
                best = (sim, cid)
        if sure is not None:
            return self.clusters[sure[1]], None
        return (self.clusters[best[1]], round(best[0], 4)) if best else (None, None)

    def _join(self, c: Cluster, m: ClaimMention, sim: float | None) -> None:
        if sim is not None:  # an embedded member moves the centroid; exact copies and tied denials do not
            v = self.vectors([m.text])[0]
            centre = self._centroid(c) * c.vectors + v
            c.centroid = (centre / max(float(np.linalg.norm(centre)), 1e-12)).astype(np.float32)
            c.vectors += 1
        added = (m.keys | ({m.speaker_key} if m.speaker_key else set())) - c.keys
        first = not c.members
        old_days = {c.day_min, c.day_max} if not first else set()
        c.members.append((m.article, m.origin, m.stance, m.outlet or ""))
        if m.text not in c.texts:
            c.texts.add(m.text)
            c.wordings = None
        if first:
            c.day_min = c.day_max = m.day
            c.iso_min = c.iso_max = m.iso
        if m.day < c.day_min:
            c.day_min, c.iso_min = m.day, m.iso
        if m.day > c.day_max:
            c.day_max, c.iso_max = m.day, m.iso
        if {c.day_min, c.day_max} != old_days:
            old_keys = set(c.keys)
            c.keys |= added
            self._index(c, old_keys, old_days)
        elif added:
            # same days: only the new keys are filed. Re-filing every key of a large cluster on each new
            # member made claim linking grow with cluster size (the same index either way)
            c.keys |= added
            self._file(c, added)
