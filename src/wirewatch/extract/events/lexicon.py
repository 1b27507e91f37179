"""The event lexicon (``data/lexicons/event_verbs.json``: PLOVER type, mode and CAMEO code per verb, phrase and
noun) and the word and dependency sets the event rules share."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...kb.lexicons import lexicon_words, load_lexicon

SUBJ_DEPS = {"nsubj", "csubj"}


# Dependents searched for phrase words ("send" -> dobj "500" -> prep "of" -> pobj "soldiers").
ZONE_DEPS = {"dobj", "dative", "prt", "prep", "pobj", "attr", "oprd", "compound", "amod", "acomp", "pcomp",
             "npadvmod", "advmod", "nmod", "nummod", "quantmod", "xcomp", "agent", "det"}


RECIPIENT_PREPS = set(lexicon_words("event_words", "recipient_preps"))


NEG_WORDS = set(lexicon_words("negation_words", "negators") + lexicon_words("negation_words", "events_extra"))


HYP_MODALS = set(lexicon_words("event_words", "hyp_modals"))


FUT_MODALS = {"will", "shall", "'ll", "wo"}


COND_MARKS = {"if", "unless", "whether"}


PURPOSE_AID = set(lexicon_words("event_words", "purpose_aid"))


# Attacks that answer another attack ("troops repelled the attack"): a later "X claimed the attack" means the
# attack answered, never the answer, so these do not become the attack that a claim refers back to.
RESPONSE_LEMMAS = set(lexicon_words("event_words", "response_lemmas"))


YEAR = re.compile(r"^(1[89]\d\d|20\d\d)s?$")


# "declined to comment", "refused to give details": withholding comment is no rejection of anything
NO_COMMENT = set(lexicon_words("event_words", "no_comment"))


INFO_NOUNS = set(lexicon_words("event_words", "info_nouns"))


# "called the sanctions illegal": an evaluation, coded ACCUSE when the verdict is hostile, else no event
EVAL_VERBS = {"call", "brand", "label", "dub", "term"}


NEG_EVAL = set(lexicon_words("event_words", "neg_eval"))


COOPERATIVE = set(lexicon_words("event_words", "cooperative"))


# speech-act events whose complement is their content, not a second event (PLOVER: one category, not two)
GOVERNING_TYPES = {"AGREE", "REQUEST", "REJECT", "THREATEN", "ACCUSE"}


# documents one issues, whose words are the issuer's ("a report accusing", "a resolution criticizing")
DOCUMENTS = frozenset(lexicon_words("entity_words", "issued_documents")) | {"resolution", "motion", "declaration"}

DEONTIC = {"must", "should", "ought"}  # "the authorities must investigate": a demand by the speaker, not an event


PRONOUNS = {"it", "they", "he", "she", "we", "i"}


NAMING = {"know", "call", "name", "dub"}  # "a coalition known as Viv Ansanm"


# verbs that are events only with a subject of the right kind: troops arriving are a deployment, a crowd
# gathering is a demonstration
SUBJECT_CLASS_VERBS: dict[str, tuple[str, str]] = {
    **{v: ("troops", "MOBILIZE|troops|154") for v in ("arrive", "land", "enter", "roll", "pour")},
    **{v: ("crowd", "PROTEST|demo|141") for v in ("gather", "assemble", "converge", "throng")},
}


CROWD = set(lexicon_words("event_words", "crowd"))


UNDER_FIRE = {"fire", "attack", "shelling", "bombardment", "assault", "gunfire", "siege"}


REFUSAL_MODALS = {"will", "would", "wo", "shall", "'ll", "can", "ca"}


CONFLICT_TYPES = set(lexicon_words("event_words", "conflict_types"))


MATERIAL = set(lexicon_words("event_words", "material"))


@dataclass(frozen=True)
class Sense:
    event_type: str
    mode: str | None
    cameo: str

    @classmethod
    def parse(cls, value: str) -> Sense:
        typ, mode, code = value.split("|")
        return cls(typ, mode or None, code)


@dataclass
class Lexicon:
    verbs: dict[str, Sense]
    phoenix_verbs: dict[str, Sense]
    hand_phrases: dict[str, list[tuple[tuple[str, ...], Sense]]]
    phoenix_phrases: dict[str, list[tuple[tuple[str, ...], Sense]]]
    nouns: dict[str, Sense]
    classes: dict[str, frozenset[str]]
    contexts: dict[str, list[str]]
    light: frozenset[str]
    speech: frozenset[str]
    neg_gov: frozenset[str]
    hyp_gov: frozenset[str]
    fut_gov: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = load_lexicon("event_verbs")

    def index(keys: dict[str, str]) -> dict[str, list[tuple[tuple[str, ...], Sense]]]:
        out: dict[str, list[tuple[tuple[str, ...], Sense]]] = {}
        for key, value in keys.items():
            words = tuple(key.split())
            if len(words) >= 2:
                out.setdefault(words[0], []).append((words[1:], Sense.parse(value)))
        for items in out.values():
            items.sort(key=lambda x: -len(x[0]))
        return out

    return Lexicon(
        verbs={k: Sense.parse(v) for k, v in raw["verbs"].items()},
        phoenix_verbs={k: Sense.parse(v) for k, v in raw["phoenix_verbs"].items()},
        hand_phrases=index(raw["phrases"]),
        phoenix_phrases=index(raw["phoenix_phrases"]),
        nouns={k: Sense.parse(v) for k, v in raw["nouns"].items()},
        classes={k: frozenset(v) for k, v in raw["classes"].items()},
        contexts=raw.get("contexts", {}),
        light=frozenset(raw["light_verbs"]),
        speech=frozenset(raw["speech_verbs"]),
        neg_gov=frozenset(raw["neg_governors"]),
        hyp_gov=frozenset(raw["hyp_governors"]),
        fut_gov=frozenset(raw["future_governors"]),
    )
