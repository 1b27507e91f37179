"""Entities: named and nominal actors, with their mentions grouped across the article.

Mentions come from spaCy's named entities and from noun phrases headed by an actor noun ("militants",
"a senior security official", "Iraqi government security forces"). They are grouped into entities:
repeated names, surnames of people named in full, acronyms defined in parentheses, countries under
several names, definite descriptions ("the president"), and pronouns. The words around a mention that
carry titles and roles are kept in ``analysis.entity_context`` for actor coding.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..analysis import Analysis
from ..kb import KnowledgeBase
from ..kb.actors import ActorCoder
from ..kb.lexicons import ActorNouns, lexicon_words
from ..nlp.deps import CLAUSE_DEPS
from ..registry import Component, factory
from .attributions.quotes import find_quotes

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

NAMED_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
PERSONAL_PRONOUNS = {"he", "she", "him", "her", "his"}
GROUP_PRONOUNS = {"it", "its", "they", "them", "their"}
NOMINAL_MODIFIER_DEPS = {"det", "amod", "compound", "nummod", "quantmod", "poss", "case", "nmod", "npadvmod"}
OUTLET_NOUNS = set(lexicon_words("entity_words", "outlet_nouns"))
# "the group", "the movement": words that stand for the organisation named last, never actors by themselves
GROUP_NOUNS = frozenset(lexicon_words("entity_words", "group_nouns"))
# family names written first ("Wang Yi" is "Wang" on second mention)
SURNAME_FIRST = frozenset(lexicon_words("entity_words", "surname_first"))
# "the army statement": a document named after who issued it (not "post", "record": "the police post")
ISSUED_DOCUMENTS = frozenset(lexicon_words("entity_words", "issued_documents"))
# "the top Chinese diplomat", "the Russian minister": nominals that name a person by role and country
PERSON_ROLE_HEADS = frozenset(lexicon_words("entity_words", "person_role_heads"))
POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


@dataclass
class Mention:
    start: int  # token indices
    end: int
    label: str
    name: str
    head: int
    context: list[str] = field(default_factory=list)
    title_start: int | None = None  # PERSON: first token of the titles before the name
    alias_of: str | None = None  # an acronym's long form, which names the same entity
    owner: str | None = None  # ORG: the country that owns it ("Russia" in "Russia's Defence Ministry")


def clean_name(text: str) -> str:
    text = POSSESSIVE.sub("", text.strip())
    if text.lower().startswith("the "):
        text = text[4:]
    return " ".join(text.split())


def norm(text: str) -> str:
    return clean_name(text).lower().replace(".", "")


def surnames(name: str) -> list[str]:
    """The words that stand for a person named in full on later mentions: the last word, and the first
    where it is a family name written first ("Wang Yi" -> "Yi", "Wang")."""
    words = name.split()
    if len(words) < 2:
        return []
    out = [words[-1]]
    if words[0].lower() in SURNAME_FIRST:
        out.append(words[0])
    return out


def is_title_only(span: SpacySpan, titles: frozenset[str]) -> bool:
    return all(t.lower_ in titles or t.is_punct for t in span)


def owner_before(span: SpacySpan) -> SpacySpan | None:
    """'Russia's Defence Ministry': the country name that owns an organisation, if one comes just before."""
    doc = span.doc
    i = span.start - 1
    if i >= 0 and doc[i].text in ("’s", "'s"):
        i -= 1
    for ent in doc.ents:
        if ent.start <= i < ent.end and ent.end == i + 1 and ent.label_ in ("GPE", "NORP"):
            return ent
    return None


def title_context(span: SpacySpan, nouns: ActorNouns) -> tuple[int, list[str]]:
    """Title and role words just before a name ("spokesman Rear Admiral") and in its appositions.

    Returns the index of the first title token and the context words.
    """
    doc = span.doc
    words: list[str] = []
    i = span.start - 1
    titles = nouns.titles | nouns.sector.keys()
    while i >= span.sent.start and span.start - i <= 8:
        tok = doc[i]
        if tok.lower_ in titles or tok.ent_type_ in ("NORP", "GPE", "ORG") or (
                tok.is_title and tok.pos_ == "PROPN" and tok.ent_type_ != "PERSON"):
            words.insert(0, tok.text)
            i -= 1
            continue
        if tok.lower_ == "and" and words and i - 1 >= span.sent.start and doc[i - 1].lower_ in titles:
            i -= 1  # "State Councilor and Foreign Minister Wang Yi": two titles joined
            continue
        if tok.text in ("’s", "'s") and i - 1 >= span.sent.start:
            i -= 1
            continue
        break
    for tok in span.root.children:
        if tok.dep_ == "appos":
            words.extend(t.text for t in tok.subtree)
    root = span.root
    if root.dep_ == "appos" and root.head.i < span.start:
        # "Punjab's information minister, Saima Qureshi": the description the name is in apposition to
        words = [t.text for t in root.head.subtree if t.i < span.start and not t.is_punct] + words
    return i + 1, words


def named_mentions(analysis: Analysis, kb: KnowledgeBase) -> list[Mention]:
    out: list[Mention] = []
    for ent in analysis.doc.ents:
        if ent.label_ not in NAMED_LABELS:
            continue
        span = ent
        if span[0].lower_ == "the":
            span = span[1:]
        if span[-1].text in ("’s", "'s"):
            span = span[:-1]
        if len(span) == 0 or is_title_only(span, kb.actor_nouns.titles):
            continue
        label = ent.label_
        # "defence ministry", "coast guard": a common noun phrase, left to the nominal pass, which keeps
        # its possessor ("Japan's defence ministry" is not "Taiwan's defence ministry")
        if label == "ORG" and all(t.is_lower or not t.is_alpha for t in span):
            continue
        if label == "NORP" and len(span) == 1 and span.text not in kb.demonyms and kb.is_big_place(span.text):
            label = "GPE"  # "Omdurman" tagged as a nationality
        if label == "PERSON" and len(span) == 1:
            # the small model tags some capitals and demonyms as people ("Kyiv said", "Azerbaijani")
            if kb.is_big_place(span.text):
                label = "GPE"
            elif span.text in kb.demonyms:
                label = "NORP"
        inner_titles: list[str] = []
        if label == "PERSON":
            # "Outgoing PM Cerar" tagged whole: the name is "Cerar", the words before it are its title
            titles = kb.actor_nouns.titles | kb.actor_nouns.sector.keys()
            cut = max((k for k in range(len(span) - 1) if span[k].lower_ in titles), default=-1)
            if cut >= 0:
                inner_titles = [t.text for t in span[:cut + 1]]
                span = span[cut + 1:]
        mention = Mention(span.start, span.end, label, clean_name(span.text), span.root.i)
        if label == "PERSON":
            mention.title_start, mention.context = title_context(span, kb.actor_nouns)
            mention.context = inner_titles + mention.context
        elif label == "ORG" and (owner := owner_before(span)) is not None:
            mention.owner = owner.text
            mention.context = [owner.text]
            mention.name = clean_name(analysis.doc[owner.start:span.end].text)  # "Russia's Defence Ministry"
        out.append(mention)
    return out


def acronym_definitions(analysis: Analysis, mentions: list[Mention]) -> list[Mention]:
    """'Islamic State of Iraq and Syria (ISIS)': one ORG over the long form, whatever NER made of it."""
    doc = analysis.doc
    found: list[Mention] = []
    for tok in doc:
        if not (tok.text == "(" and tok.i + 2 < len(doc) and doc[tok.i + 2].text == ")"):
            continue
        acr = doc[tok.i + 1].text
        if not (acr.isupper() and 2 <= len(acr) <= 8 and acr.isalpha()):
            continue
        letters, j = [], tok.i - 1
        while j >= tok.sent.start and len(letters) < len(acr):
            w = doc[j]
            if w.is_title or w.is_upper:
                letters.insert(0, w.text[0])
            elif w.lower_ not in ("of", "and", "the", "for", "in", "on", "-") and not w.is_punct:
                break
            j -= 1
        if "".join(letters).upper() != acr.upper():
            continue
        start = j + 1
        while doc[start].lower_ in ("of", "and", "the", "for"):
            start += 1
        long_form = doc[start:tok.i]
        found.append(Mention(start, tok.i, "ORG", clean_name(long_form.text), long_form.root.i))
        found.append(Mention(tok.i + 1, tok.i + 2, "ORG", acr, tok.i + 1, alias_of=clean_name(long_form.text)))
    if not found:
        return mentions
    covered = [(m.start, m.end) for m in found]
    kept = [m for m in mentions if not any(s <= m.start and m.end <= e for s, e in covered)
            and not any(m.start < e and s < m.end for s, e in covered)]
    return kept + found


def named_group(tok: Token) -> bool:
    """'The Islamic State group', 'the Wagner group': a group noun after a name is that named group, an actor
    (a bare "a group of residents" is not)."""
    return tok.lemma_.lower() in GROUP_NOUNS and any(
        c.dep_ == "compound" and (c.pos_ == "PROPN" or c.ent_type_ in ("NORP", "ORG")) for c in tok.lefts)


def nominal_mentions(analysis: Analysis, named: list[Mention], nouns: ActorNouns) -> list[Mention]:
    """Noun phrases headed by an actor noun, absorbing demonyms and organisation names inside them."""
    doc = analysis.doc
    person_tokens = {i for m in named if m.label == "PERSON" for i in range(m.start, m.end)}
    title_tokens = {i for m in named if m.title_start is not None for i in range(m.title_start, m.start)}
    named_tokens = {i for m in named if m.label in ("PERSON", "ORG", "GPE", "FAC", "LOC")
                    for i in range(m.start, m.end)}
    out: list[Mention] = []
    for tok in doc:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.i in named_tokens or tok.i in title_tokens:
            continue
        lemma = tok.lower_
        two = f"{doc[tok.i - 1].lower_} {lemma}" if tok.i > 0 else ""
        if lemma not in nouns.sector and two not in nouns.sector and not named_group(tok):
            continue
        # a noun modifying a following actor noun ("security" in "security forces") is not a head
        if tok.dep_ == "compound" and tok.head.lower_ in nouns.sector:
            continue
        # "Punjab's information minister, Saima Qureshi": the description belongs to the named person
        if any(c.dep_ == "appos" and c.i in person_tokens for c in tok.children) or (
                tok.dep_ == "appos" and tok.head.i in person_tokens):
            continue
        head = tok
        if tok.dep_ == "compound" and tok.head.i > tok.i and tok.head.lemma_.lower() in ISSUED_DOCUMENTS:
            # "the army statement said": the army said it; the phrase's modifiers stay with it
            left = [t for t in tok.head.lefts if t.dep_ in NOMINAL_MODIFIER_DEPS and t.i < tok.i]
            start = min([tok.i] + [min(x.i for x in t.subtree) for t in left])
            out.append(Mention(start, tok.i + 1, "NOMINAL", clean_name(doc[start:tok.i + 1].text), tok.i, []))
            continue
        if tok.dep_ == "compound" and tok.head.i > tok.i and tok.head.pos_ in ("NOUN", "PROPN"):
            head = tok.head  # "Chinese coast guard ships": the actor noun names the whole phrase
        left = [t for t in head.lefts if t.dep_ in NOMINAL_MODIFIER_DEPS]
        start = min([tok.i] + [min(x.i for x in t.subtree) for t in left])
        # a possessor that is a person stays its own entity: "Maliki’s government" starts after "’s"
        context: list[str] = []
        for i in range(start, head.i):
            if i in person_tokens and doc[i + 1].text in ("’s", "'s"):
                context = [t.text for t in doc[start:head.i]]
                start = i + 1
        # a name that begins before the phrase ("... Syria (ISIS) militants") is context, not part of it
        for m in named:
            if m.start < start < m.end or (start <= m.start < head.i < m.end):
                context.append(m.name)
                start = max(start, m.end)
        for i in range(start, head.i):
            if doc[i].text == ")":
                start = i + 1
        while start < head.i and (doc[start].is_punct or doc[start].text in ("’s", "'s") or doc[start].dep_ == "cc"):
            start += 1
        span = doc[start:head.i + 1]
        if out and out[-1].start == span.start and out[-1].end == span.end:
            continue  # two actor nouns in one phrase ("security forces" + "guard ships") make one mention
        out.append(Mention(span.start, span.end, "NOMINAL", clean_name(span.text), head.i, context))
    return out


def merge_overlaps(named: list[Mention], nominal: list[Mention], doc: Doc, demonyms: Mapping[str, str]) -> list[Mention]:
    """A nominal phrase absorbs the NORP/ORG/GPE names inside it; elsewhere named mentions win."""
    result: list[Mention] = []
    absorbed: set[int] = set()
    # "police and hospital officials" is one actor phrase, not three
    nominal = [n for n in nominal if not any(o is not n and o.start <= n.start and n.end <= o.end
                                              and (o.end - o.start) > (n.end - n.start) for o in nominal)]
    for nom in nominal:
        inside = [k for k, m in enumerate(named) if nom.start <= m.start and m.end <= nom.end]
        # a person's name inside the phrase is its own entity unless it only names the group
        # ("Boko Haram fighters", "the Obama administration")
        if any(named[k].label == "PERSON" and doc[named[k].head].dep_ != "compound" for k in inside):
            continue
        # keep an organisation name that is the whole phrase but for a generic head ("the Pentagon officials")
        for k in inside:
            absorbed.add(k)
            nom.context.append(named[k].name)
        result.append(nom)
    result.extend(m for k, m in enumerate(named) if k not in absorbed and m.label != "NORP"
                  or (k not in absorbed and m.label == "NORP" and norp_is_actor(m, doc, demonyms)
                      and not any(p.title_start is not None and p.title_start <= m.start < p.start for p in named)))
    return sorted(result, key=lambda m: m.start)


def norp_is_actor(m: Mention, doc: Doc, demonyms: Mapping[str, str]) -> bool:
    """A NORP name is an actor used as a noun ('the Kurds protested') or as a nation's adjective on
    something done ('an Israeli air strike'); a bare religious or ethnic adjective is not."""
    head = doc[m.head]
    if m.name[:1].isupper() and m.name.endswith("s") and len(m.name) > 3 or LED_BY.match(head.text) or (
            head.dep_ == "npadvmod" and head.head.lower_ == "led"):
        return True  # "the Kurds", "Saudi-led" (one token or three)
    return doc[m.head].dep_ in ("amod", "compound", "nmod") and m.name in demonyms


class Grouper:
    """Assigns each mention to an entity, creating entities as new actors appear."""

    def __init__(self, analysis: Analysis, coder: ActorCoder) -> None:
        self.analysis = analysis
        self.coder = coder
        self.by_key: dict[str, str] = {}
        self.person_surnames: dict[str, str] = {}
        self.country_entities: dict[str, str] = {}
        self.nominal_heads: dict[str, str] = {}

    def key_for(self, m: Mention) -> str | None:
        n = norm(m.name)
        if m.label in ("GPE", "NORP") or (m.label == "ORG" and len(n) <= 4):
            country = self.coder.country_of(m.name)
            if country and m.label == "GPE":
                return f"country:{country}"
        if m.alias_of:
            return f"ORG:{norm(m.alias_of)}"
        if m.owner:
            # Russia's and Ukraine's defence ministries are two entities
            country = self.coder.country_of(m.owner) or norm(m.owner)
            return f"{m.label}:{country}:{n}"
        return f"{m.label}:{n}"

    def add(self, m: Mention) -> str:
        a = self.analysis
        doc = a.doc
        span = doc[m.start:m.end]
        start, end = span.start_char, span.end_char
        eid = self.find(m)
        if eid is None:
            label = "GPE" if m.label == "GPE" else m.label
            ent = a.add_entity(m.name, label, start, end)
            eid = ent.id
            key = self.key_for(m)
            if key:
                self.by_key[key] = eid
            if m.label == "PERSON":
                for surname in surnames(m.name) or [m.name]:
                    self.person_surnames.setdefault(surname.lower(), eid)
            if m.label == "NOMINAL":
                self.nominal_heads[doc[m.head].lemma_.lower()] = eid
        else:
            a.add_mention(eid, start, end)
            ent = a.entity(eid)
            # a fuller name of the same kind renames the entity; "the channel" never renames CNN
            if ent is not None and len(m.name) > len(ent.name) and not m.alias_of and m.label == ent.label:
                ent.name = m.name
        if m.context:
            prev = a.entity_context.get(eid, "")
            a.entity_context[eid] = " ".join(x for x in (prev, " ".join(m.context)) if x)
        return eid

    def find(self, m: Mention) -> str | None:
        key = self.key_for(m)
        if key and key in self.by_key:
            return self.by_key[key]
        n = norm(m.name)
        if m.label in ("ORG", "NORP", "PERSON") and " " not in n and n.endswith("s"):
            # "the Houthis" after "Houthi": one group, whatever label NER gave the plural
            for label in ("ORG", "NORP"):
                if f"{label}:{n[:-1]}" in self.by_key:
                    return self.by_key[f"{label}:{n[:-1]}"]
        if m.label in ("ORG", "GPE", "NORP") and " " not in n and n in self.person_surnames \
                and self.coder.country_of(m.name) is None:
            return self.person_surnames[n]  # "Wang told ..." tagged as an organisation after "Wang Yi"
        if m.label == "PERSON":
            if n in self.person_surnames:
                return self.person_surnames[n]
            last = n.split()[-1] if n else ""
            if " " not in n and last in self.person_surnames:
                return self.person_surnames[last]
            known = self.analysis.entity(self.person_surnames.get(last))
            if known is not None and norm(known.name) == last:
                return known.id  # "Miro Cerar" after a bare "Cerar": the full name of the person met first
        if m.label == "NOMINAL":
            doc = self.analysis.doc
            first = doc[m.start]
            head = doc[m.head].lemma_.lower()
            if first.lower_ in ("the", "this") and head in PERSON_ROLE_HEADS and m.end - m.start <= 5:
                countries = self.countries_named([doc[i].text for i in range(m.start, m.end) if i != m.head])
                of_country = self.person_of_country(countries, doc[m.start].idx) if len(countries) == 1 else None
                if of_country:
                    return of_country  # "the top Chinese diplomat" after "Chinese Foreign Minister Wang Yi"
            if first.lower_ in ("the", "this") and m.end - m.start <= 3:
                titled = self.person_with_title(norm(m.name))
                if titled:
                    return titled
                if head in OUTLET_NOUNS:
                    return self.latest_outlet()
                named = self.named_with_head(head)
                if named and self.same_country(m, named):
                    return named
                if head in self.nominal_heads and self.same_country(m, self.nominal_heads[head]):
                    return self.nominal_heads[head]
        return None

    def countries_named(self, words: list[str]) -> set[str]:
        return {c for w in words if (c := self.coder.country_of(w))}

    def same_country(self, m: Mention, eid: str) -> bool:
        """'the U.S. military' names its own country: never the Saudi military mentioned before it (a phrase
        with no country word, 'the army', may join either)."""
        doc = self.analysis.doc
        own = self.countries_named([doc[i].text for i in range(m.start, m.end)
                                    if i != m.head and doc[i].ent_type_ in ("GPE", "NORP")])
        ent = self.analysis.entity(eid)
        theirs = self.countries_named(ent.name.split()) if ent is not None else set()
        return not own or not theirs or bool(own & theirs)

    def named_with_head(self, head: str) -> str | None:
        """'the ministry' after 'Russia's Foreign Ministry': the organisation named last whose name ends in
        that noun (a named one only: 'the army' after 'the Syrian army' is already one nominal entity)."""
        for e in reversed(self.analysis.entities):
            words = norm(e.name).split()
            if e.label == "ORG" and len(words) > 1 and words[-1] == head:
                return e.id
        return None

    def latest_outlet(self) -> str | None:
        """'the channel', 'the agency': the news organisation named most recently."""
        for e in reversed(self.analysis.entities):
            if e.label == "ORG":
                actor = self.coder.code(e.name, label=e.label)
                if actor is not None and actor.sector == "JRN":
                    return e.id
        return None

    def person_of_country(self, countries: set[str], before: int) -> str | None:
        """The person of that country (by the country words of their name and titles) named in the article
        before ``before``; of several, the one named most often so far (the one the story follows)."""
        found: list[tuple[int, int, str]] = []
        for e in self.analysis.entities:
            earlier = [m.start for m in e.mentions if m.start < before]
            if e.label != "PERSON" or not earlier:
                continue
            words = (self.analysis.entity_context.get(e.id, "") + " " + e.name).split()
            if self.countries_named(words) == countries:
                found.append((len(earlier), max(earlier), e.id))
        return max(found)[2] if found else None

    def person_with_title(self, title: str) -> str | None:
        """'the president' refers to the most recent person introduced with that whole title.

        'the prime minister' needs 'prime minister' in a person's titles, not just 'minister'.
        """
        pattern = re.compile(rf"\b{re.escape(title)}\b")
        best: str | None = None
        for e in self.analysis.entities:
            if e.label == "PERSON" and pattern.search(self.analysis.entity_context.get(e.id, "").lower()):
                best = e.id
        return best


def is_subject(tok: Token) -> bool:
    """Whether a name's token is (part of) the subject of its clause: "Robert Lighthizer said ...", "his adviser,
    Larry Kudlow, said ..."."""
    while tok.dep_ in ("compound", "flat", "appos") and tok.head is not tok:
        tok = tok.head
    return tok.dep_ in ("nsubj", "nsubjpass")


def resolve_pronouns(analysis: Analysis) -> None:
    """he/she → the most recent person; it/they as speaker of a reported clause → that clause's speaker.

    A subject "he"/"she" with no person named before it in its own sentence refers to the person who was
    the subject last (the one the story is following), not to a person only named inside that clause:
    'Lighthizer said Trump's proposal was ... . "...," he said' is Lighthizer."""
    doc = analysis.doc
    last_person: tuple[int, str] | None = None
    last_person_token: Token | None = None
    last_subject: tuple[int, str] | None = None
    quotes = find_quotes(analysis.text)
    for tok in doc:
        eid = analysis.token_entity.get(tok.i)
        ent = analysis.entity(eid) if eid else None
        if ent is not None and ent.label == "PERSON":
            last_person, last_person_token = (tok.sent.start, ent.id), tok
            if is_subject(tok):
                last_subject = (tok.sent.start, ent.id)
            continue
        low = tok.lower_
        if low in PERSONAL_PRONOUNS and tok.pos_ == "PRON" and last_person is not None:
            # a pronoun refers back at most a couple of sentences
            if tok.sent.start - last_person[0] <= 600:
                target = last_person[1]
                subject = tok.dep_ in ("nsubj", "nsubjpass")
                earlier = last_person[0] != tok.sent.start or (
                    last_person_token is not None and buried_before(last_person_token, tok))
                if subject and earlier and last_subject is not None and last_subject[0] != tok.sent.start \
                        and tok.sent.start - last_subject[0] <= 600:
                    target = last_subject[1]
                analysis.add_mention(target, tok.idx, tok.idx + len(tok.text))
                if tok.dep_ in ("nsubj", "nsubjpass"):
                    last_subject = (tok.sent.start, target)
        elif low in GROUP_PRONOUNS and tok.pos_ == "PRON" and tok.dep_ in ("nsubj", "nsubjpass", "poss") \
                and not any(q.start <= tok.idx < q.close for q in quotes):
            # inside the speaker's own words "they" are others ("'Then they came back,' said a farmer")
            speaker = reporting_subject(analysis, tok)
            if speaker:
                analysis.add_mention(speaker, tok.idx, tok.idx + len(tok.text))


def buried_before(person: Token, pronoun: Token) -> bool:
    """'While challenging the NWC to tell the world if President Buhari was no longer the leader, he advised':
    a person named two clauses or more down from the pronoun's clause is not who the subject pronoun is
    ('When Obama arrived, he said', one clause down, is)."""
    clauses = 0
    for tok in [person, *person.ancestors]:
        if tok.i == pronoun.head.i:
            return clauses >= 2
        if tok.dep_ in CLAUSE_DEPS or tok.dep_ == "xcomp":  # "ccomp" is a CLAUSE_DEP already
            clauses += 1
    return False


def resolve_group_nouns(analysis: Analysis, coder: ActorCoder) -> None:
    """'The group said ...' after 'The Taliban claimed ...': the organisation named last, within a few
    paragraphs (a news organisation is never 'the group')."""
    doc = analysis.doc
    for tok in doc:
        if tok.lower_ not in GROUP_NOUNS or tok.i in analysis.token_entity or tok.pos_ != "NOUN":
            continue
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in tok.children):
            continue
        if any(c.dep_ in ("amod", "compound", "prep", "acl", "relcl") for c in tok.children):
            continue  # "the armed group", "a group of protesters": a description of its own
        antecedent = latest_organisation(analysis, coder, tok.idx)
        if antecedent:
            det = next(c for c in tok.children if c.dep_ == "det")
            analysis.add_mention(antecedent, det.idx, tok.idx + len(tok.text))


def latest_organisation(analysis: Analysis, coder: ActorCoder, before: int) -> str | None:
    """The organisation (ORG, NORP or a named group) mentioned last before character ``before``, at most
    ~1,200 characters back."""
    best: tuple[int, str] | None = None
    for e in analysis.entities:
        # a nominal counts when it is itself a named group ("Yemen's Houthi movement")
        last = norm(e.name).rsplit(" ", 1)[-1]
        named_group = e.label == "NOMINAL" and last in GROUP_NOUNS
        if e.label not in ("ORG", "NORP") and not named_group:
            continue
        actor = coder.code(e.name, label=e.label)
        if actor is not None and actor.sector == "JRN":
            continue
        starts = [m.start for m in e.mentions if m.start < before]
        if starts and (best is None or max(starts) > best[0]):
            best = (max(starts), e.id)
    return best[1] if best and before - best[0] <= 1200 else None


def reporting_subject(analysis: Analysis, tok: Token) -> str | None:
    """For 'China said that it was watching', the entity of the subject of the verb governing the clause."""
    verb = tok.head
    while verb.dep_ not in ("ccomp", "xcomp", "ROOT") and verb.head is not verb:
        verb = verb.head
    if verb.dep_ not in ("ccomp", "xcomp"):
        return None
    gov = verb.head
    for child in gov.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.i != tok.i:
            eid = analysis.entity_for_subtree(child)
            ent = analysis.entity(eid)
            if ent is not None and ent.label in ("ORG", "GPE", "NOMINAL", "NORP"):
                return eid
    return None


def propagate_names(analysis: Analysis) -> None:
    """Recurrences NER missed: a known person's surname ("Ruto said") or an organisation's name or acronym."""
    doc = analysis.doc
    forms: dict[str, str] = {}
    for e in analysis.entities:
        if e.label == "PERSON":
            for surname in surnames(e.name):
                forms.setdefault(surname, e.id)
        elif e.label == "ORG":
            for m in e.mentions:
                if m.text[:1].isupper() and len(m.text) >= 2:
                    forms.setdefault(m.text, e.id)
    if not forms:
        return
    longest = max(len(f.split()) for f in forms)
    i = 0
    while i < len(doc):
        if i in analysis.token_entity or not doc[i].text[:1].isupper():
            i += 1
            continue
        for n in range(min(longest, len(doc) - i), 0, -1):
            span = doc[i:i + n]
            eid = forms.get(span.text)
            if eid and not any(t.i in analysis.token_entity for t in span):
                analysis.add_mention(eid, span.start_char, span.end_char)
                i += n - 1
                break
        i += 1


def split_trailing_people(analysis: Analysis, mentions: list[Mention], surname_of_person: set[str],
                          kb: KnowledgeBase) -> list[Mention]:
    """'General Secretary of the Communist Party of Vietnam Nguyen Phu Trong', tagged as one organisation:
    when an organisation's last word is the surname of a person the article names, the capitalised words
    it ends with (at most three, back to a country's name) are that person, titled by the organisation."""
    doc = analysis.doc
    out: list[Mention] = []
    for m in mentions:
        if m.label != "ORG" or m.end - m.start < 3 or doc[m.end - 1].lower_ not in surname_of_person:
            out.append(m)
            continue
        k = m.end - 1
        while k - 1 > m.start and m.end - k < 3 and doc[k - 1].pos_ == "PROPN" and doc[k - 1].is_title \
                and kb.actors.country_of(doc[k - 1].text) is None:
            k -= 1
        org = doc[m.start:k]
        if not any(t.is_alpha for t in org):
            out.append(m)
            continue
        titles = kb.actor_nouns.titles | kb.actor_nouns.sector.keys()
        person = Mention(k, m.end, "PERSON", clean_name(doc[k:m.end].text), m.end - 1)
        person.title_start, person.context = title_context(doc[k:m.end], kb.actor_nouns)
        if any(t.lower_ in titles for t in org):
            # "Outgoing PM Cerar": what comes before the name is its title, not an organisation
            person.context = [t.text for t in org] + person.context
        else:
            out.append(Mention(m.start, k, "ORG", clean_name(org.text), org.root.i, owner=m.owner,
                               context=list(m.context)))
        out.append(person)
    return out


@factory("entities", assigns=("entities",))
def make_entities(kb: KnowledgeBase, config: Mapping[str, Any]) -> Component:
    def entities(analysis: Analysis) -> None:
        extract_entities(analysis, kb)

    return entities


# "U.S.-led airstrikes", "Saudi-led coalition": one token, whose leader is a country named inside it
LED_BY = re.compile(r"^(?P<leader>[A-Z][\w.]*?)-led$")


def leader_mentions(analysis: Analysis, named: list[Mention], kb: KnowledgeBase) -> list[Mention]:
    """The country inside an "X-led" word ("U.S.-led", "Saudi-led") that NER leaves untagged: the one who
    leads the strikes or coalition the word describes ("Iran-backed rebels" are the rebels', not Iran's)."""
    taken = {i for m in named for i in range(m.start, m.end)}
    out = []
    for tok in analysis.doc:
        m = LED_BY.match(tok.text)
        if m is None or tok.i in taken or kb.actors.country_of(m.group("leader")) is None:
            continue
        out.append(Mention(tok.i, tok.i + 1, "NORP" if m.group("leader") in kb.demonyms else "GPE",
                           m.group("leader"), tok.i))
    return out


def extract_entities(analysis: Analysis, kb: KnowledgeBase) -> None:
    named = named_mentions(analysis, kb)
    named = acronym_definitions(analysis, named + leader_mentions(analysis, named, kb))
    mentions = merge_overlaps(named, nominal_mentions(analysis, named, kb.actor_nouns), analysis.doc, kb.demonyms)
    surname_of_person = {w.lower() for m in mentions if m.label == "PERSON" for w in surnames(m.name)}
    mentions = split_trailing_people(analysis, mentions, surname_of_person, kb)
    for m in mentions:
        if m.label == "ORG" and " " not in m.name and m.name.lower() in surname_of_person \
                and kb.actors.country_of(m.name) is None:
            m.label = "PERSON"  # "Cerar said ..." tagged as an organisation before "Miro Cerar" is named
    grouper = Grouper(analysis, kb.actors)
    for m in mentions:
        grouper.add(m)
    propagate_names(analysis)
    resolve_group_nouns(analysis, kb.actors)
    resolve_pronouns(analysis)
