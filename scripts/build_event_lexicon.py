#!/usr/bin/env python3
"""Build ``src/wirewatch/data/lexicons/event_verbs.json``, the event trigger lexicon.

Sources and licences
--------------------
* ``CAMEO.2.0.txt`` -- the Phoenix / PETRARCH2 CAMEO verb pattern dictionary, (c) 2015 Open Event
  Data Alliance, MIT licence (https://github.com/openeventdata/petrarch2). Verb synonym blocks and
  their ``- * OBJECT (PREP NOUN) [code]`` patterns give CAMEO codes for verb lemmas and
  verb+object phrases.
* ``CAMEO2PLOVER-2021.txt`` and ``PLOVER_MANUAL.tex`` -- the PLOVER event ontology and its CAMEO
  conversion table by Philip Schrodt et al., CC BY-SA 4.0 (https://github.com/openeventdata/PLOVER).
  Used to turn each CAMEO code into a PLOVER type, mode and context. The generated lexicon is a
  derived work of both and carries both notices.
* ``HAND`` below -- our own entries (news phrasing such as "carry out an attack", "rule out",
  "air strike"), which take priority over everything imported.

Output format (compact JSON)
----------------------------
Every lexicon value is a string ``"TYPE|mode|cameo"`` (mode may be empty; cameo is the most specific
CAMEO code known, its first two digits are the root).

* ``verbs``: verb lemma -> value (hand entries);
* ``phrases``: "verb particle/object..." (lemmas; ``@class`` names a word class) -> value (hand);
* ``nouns``: noun lemma or two-word compound -> value (hand);
* ``phoenix_verbs``: Phoenix verbs with a code of their own (not overridden by a hand entry);
* ``phoenix_phrases``: Phoenix patterns ``- * OBJECT (PREP NOUN)`` for the verb they were written for;
* ``classes``: word class -> list of lemmas (``@troops`` ...);
* ``cue`` lists: light verbs, governors of negation / hypotheticals / future, speech verbs.

Usage: ``python scripts/build_event_lexicon.py [--sources DIR] [--out PATH]``
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from wirewatch.kb.lexicons import cameo_to_plover, singular

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCES = Path("/work/shared/sources")
DEFAULT_OUT = ROOT / "src" / "wirewatch" / "data" / "lexicons" / "event_verbs.json"

# CAMEO root -> PLOVER type (PLOVER manual, "CAMEO to PLOVER translation"); 08 is split by 3 digits.
ROOT_TO_PLOVER = cameo_to_plover()  # the one table: data/lexicons/cameo_plover.json
# CAMEO 02 "appeal" has no line in CAMEO2PLOVER; PLOVER's REQUEST covers all requests.
APPEAL_MODES = {"021": "assist", "022": "assist", "023": "assist", "024": "change", "025": "yield",
                "026": "meet", "027": "meet", "028": "meet"}

# Phoenix verbs whose bare code is too loose for news text (kept only through phrase patterns).
DENY_BARE = {
    "say", "tell", "report", "consider", "hear", "arrive", "introduce", "confirm", "die", "engage",
    "allow", "intend", "prepare", "signal", "revive", "hope", "suggest", "link", "boost", "enact",
    "grant", "allocate", "facilitate", "trade", "import", "purchase", "merge", "finance", "release",
    "abandon", "submit", "loosen", "regret", "lament", "despair", "dismay", "curse", "disturb",
    "target", "destroy", "pound", "flatten", "gunfire", "physical_conflict", "explosive_destruction",
    "verbal_conflict", "overthrew", "disgrace", "defend", "stabilise", "intervene", "influence",
    "disclose", "coordinate", "rejoice", "bargain", "reassert", "respect", "appreciate", "value",
    "estimate", "observe", "predict", "quote", "repeat", "concern", "worry", "explain_verbal",
    "circulate", "decree", "emphasize", "confer", "cable", "notify", "assemble", "go_somewhere",
    "meet_people", "oversee_manage", "take_control", "take_property", "extract", "hurt", "rip", "abuse",
    "exclude", "confine", "impel", "impose", "punish", "appeal", "call", "invite", "march", "provoke",
    "aid", "support", "agree", "offer", "promise", "pledge", "threaten", "warn", "demand", "want", "seek",
    "expect", "decide", "determine", "aim", "strive", "express", "search", "monitor", "apply", "compensate",
    "communicate", "fail", "delay", "vote", "greet", "object", "defect", "attend", "debate",
    # too loose as bare verbs in news text; their phrases ("restore ties", "join forces") still count
    "restore", "join", "take", "commit", "loot", "claim",
}

# Word classes used in hand phrases; the class also names the PLOVER mode where that fits.
CLASSES: dict[str, list[str]] = {
    "troops": ["troop", "soldier", "force", "army", "military", "personnel", "fighter", "unit", "battalion",
               "brigade", "division", "marine", "paratrooper", "reinforcement", "commando", "contingent",
               "guard", "adviser", "advisor", "boot"],
    "weapons": ["warship", "ship", "jet", "aircraft", "plane", "tank", "missile", "weapon", "arm", "artillery",
                "carrier", "submarine", "bomber", "drone", "helicopter", "battery", "vessel", "destroyer",
                "vehicle", "boat", "frigate", "fighter"],
    "police": ["police", "policeman", "officer", "gendarme", "riot"],
    "aid": ["aid", "help", "assistance", "support", "relief", "supply", "food", "medicine", "loan", "fund",
            "funding", "money", "grant", "equipment", "shelter", "backing", "donation"],
    "talks": ["talk", "negotiation", "meeting", "discussion", "consultation", "summit", "dialogue"],
    "attack": ["attack", "strike", "airstrike", "raid", "offensive", "assault", "bombing", "operation",
               "incursion", "ambush", "shelling", "bombardment", "invasion", "onslaught"],
    "security": ["security", "defense", "defence", "presence", "patrol", "checkpoint", "deployment"],
    "protest": ["protest", "demonstration", "rally", "march", "sit", "vigil", "walkout"],
    "sanction": ["sanction", "embargo", "tariff", "ban", "restriction", "blockade", "boycott"],
    "crowdctl": ["gas", "cannon", "bullet", "grenade", "baton", "teargas"],
    "road": ["road", "route", "highway", "supply", "line", "corridor", "access"],
    "ceasefire": ["ceasefire", "truce", "cease", "armistice"],
    "deal": ["deal", "agreement", "accord", "treaty", "pact", "memorandum", "contract", "compromise"],
    # ground that is held and taken ("regained most of the towns", "regained the airport")
    "territory": ["town", "village", "city", "territory", "area", "district", "province", "region", "ground",
                  "position", "base", "airport", "neighbourhood", "neighborhood", "suburb", "stronghold",
                  "bastion", "hill", "crossing", "port", "island", "outpost", "checkpoint"],
    # what can be the subject of an attack whose perpetrator is not named ("a bomb exploded", "a missile
    # struck the ship", "killed by a drone"): an instrument, never an actor
    "munition": ["bomb", "blast", "explosion", "explosive", "device", "ied", "mine", "landmine", "grenade",
                 "rocket", "missile", "shell", "mortar", "drone", "projectile", "shrapnel", "artillery",
                 "barrage", "salvo", "munition", "bullet", "gunfire", "gunshot", "torpedo",
                 "airstrike", "bombing", "shelling", "bombardment", "ambush", "raid", "attack", "assault"],
    # verbs whose munition subject makes an attack ("a car bomb exploded", "a blast ripped through")
    "impact": ["explode", "detonate", "go", "blow", "rip", "tear", "rock", "hit", "strike", "kill", "wound",
               "injure", "destroy", "damage", "level", "flatten", "land", "slam", "target", "sink", "occur",
               "happen", "take", "leave", "claim", "hurt", "maim"],
    # attack verbs that are an attack even in a passive with nobody named ("the convoy was ambushed")
    "attack_verb": ["attack", "shell", "bomb", "bombard", "shoot", "gun", "ambush", "raid", "storm", "kidnap",
                    "abduct", "hijack", "assassinate", "behead", "massacre", "pound", "torch", "target",
                    "strafe", "blow", "snatch", "torture"],
    # harm verbs that are an attack in a passive only with an attack or munition named ("killed in an air strike")
    "harm_verb": ["kill", "wound", "injure", "die", "strike", "hit", "destroy", "damage", "burn", "level",
                  "flatten", "sink", "hurt", "maim"],
    # modifiers that make a blast an accident ("a gas explosion"), not an attack
    "accident": ["gas", "boiler", "chemical", "industrial", "methane", "fuel", "accidental", "factory", "pipeline",
                 "cylinder", "tanker", "coal", "fireworks", "firework", "transformer", "volcanic", "dust"],
}

V = "verbs"
P = "phrases"
N = "nouns"

# Hand entries: (section, key, "TYPE|mode|cameo").
HAND: list[tuple[str, str, str]] = [
    # --- ASSAULT (18-20) ---
    (V, "attack", "ASSAULT||190"), (V, "strike", "ASSAULT||190"), (V, "bomb", "ASSAULT|explosives|183"),
    (V, "shell", "ASSAULT|heavy-weapons|194"), (V, "bombard", "ASSAULT|heavy-weapons|194"),
    (V, "fight", "ASSAULT||190"), (V, "kill", "ASSAULT||190"), (V, "shoot", "ASSAULT|firearms|193"),
    (V, "gun", "ASSAULT|firearms|193"), (V, "ambush", "ASSAULT||190"), (V, "raid", "ASSAULT||190"),
    (V, "storm", "ASSAULT||190"), (V, "invade", "ASSAULT||192"), (V, "massacre", "ASSAULT||202"),
    (V, "slaughter", "ASSAULT||202"), (V, "kidnap", "ASSAULT|abduct|181"), (V, "abduct", "ASSAULT|abduct|181"),
    (V, "hijack", "ASSAULT|abduct|181"), (V, "torture", "ASSAULT|torture|1822"), (V, "rape", "ASSAULT|sexual|1821"),
    (V, "beat", "ASSAULT|beat|182"), (V, "stab", "ASSAULT|primitive|182"), (V, "assassinate", "ASSAULT|targeted|186"),
    (V, "behead", "ASSAULT|targeted|1823"), (V, "execute", "ASSAULT|targeted|1823"), (V, "murder", "ASSAULT||1823"),
    (V, "wound", "ASSAULT||190"), (V, "injure", "ASSAULT||190"), (V, "clash", "ASSAULT||190"),
    (V, "pound", "ASSAULT|heavy-weapons|194"), (V, "target", "ASSAULT||190"),
    # "neutralised 20 militants" is the military's word for killing them; a neutralised bomb is defused
    *[(P, f"{verb} {who}", "ASSAULT||190") for verb in ("neutralise", "neutralize")
      for who in ("terrorist", "militant", "fighter", "insurgent", "jihadist", "gunman", "attacker", "rebel",
                  "bandit")], (V, "hit", "ASSAULT||190"),
    (V, "destroy", "ASSAULT|destroy|1712"), (V, "torch", "ASSAULT|destroy|1712"), (V, "burn", "ASSAULT|destroy|1712"),
    (V, "besiege", "COERCE|restrict|191"), (V, "gas", "ASSAULT|unconventional|2041"),
    (V, "overrun", "ASSAULT||190"), (V, "recapture", "COERCE|seize|192"), (V, "retake", "COERCE|seize|192"),
    (V, "repel", "ASSAULT||190"), (V, "repulse", "ASSAULT||190"), (V, "detonate", "ASSAULT|explosives|183"),
    (P, "fire @crowdctl", "ASSAULT|crowd-control|175"), (P, "use @crowdctl", "ASSAULT|crowd-control|175"),
    (P, "fire at", "ASSAULT||190"), (P, "fire on", "ASSAULT||190"),
    (P, "claim responsibility", "ASSAULT||190"), (P, "claim @attack", "ASSAULT||190"),
    (P, "open fire", "ASSAULT|firearms|193"), (P, "carry out @attack", "ASSAULT||190"),
    (P, "launch @attack", "ASSAULT||190"), (P, "stage @attack", "ASSAULT||190"), (P, "mount @attack", "ASSAULT||190"),
    (P, "conduct @attack", "ASSAULT||190"), (P, "take military action", "ASSAULT||190"),
    (P, "take action", "COERCE||170"), (P, "blow up", "ASSAULT|explosives|183"),
    (P, "fire missile", "ASSAULT|heavy-weapons|194"), (P, "fire rocket", "ASSAULT|heavy-weapons|194"),
    (P, "fire shell", "ASSAULT|heavy-weapons|194"), (P, "drop bomb", "ASSAULT|aerial|195"),
    (P, "set fire", "ASSAULT|destroy|1712"), (P, "take hostage", "ASSAULT|abduct|181"),
    (P, "step up @attack", "ASSAULT||190"), (P, "wage war", "ASSAULT||190"),
    # "is pressing its military operations in Douma": pressing on with an attack, not pressing anyone
    (P, "press @attack", "ASSAULT||190"), (P, "press ahead @attack", "ASSAULT||190"),
    (P, "press on @attack", "ASSAULT||190"),
    (N, "attack", "ASSAULT||190"), (N, "airstrike", "ASSAULT|aerial|195"), (N, "air strike", "ASSAULT|aerial|195"),
    (N, "air raid", "ASSAULT|aerial|195"), (N, "drone strike", "ASSAULT|drone|195"), (N, "raid", "ASSAULT||190"),
    (N, "bombing", "ASSAULT|explosives|183"), (N, "suicide bombing", "ASSAULT|suicide-attack|1831"),
    (N, "car bomb", "ASSAULT|explosives|1832"), (N, "shelling", "ASSAULT|heavy-weapons|194"),
    (N, "offensive", "ASSAULT||190"), (N, "assault", "ASSAULT||190"), (N, "ambush", "ASSAULT||190"),
    (N, "massacre", "ASSAULT||202"), (N, "invasion", "ASSAULT||192"), (N, "kidnapping", "ASSAULT|abduct|181"),
    (N, "abduction", "ASSAULT|abduct|181"), (N, "assassination", "ASSAULT|targeted|186"),
    (N, "clash", "ASSAULT||190"), (N, "fighting", "ASSAULT||190"), (N, "bombardment", "ASSAULT|heavy-weapons|194"),
    (N, "rocket attack", "ASSAULT|heavy-weapons|194"), (N, "missile strike", "ASSAULT|heavy-weapons|194"),
    (N, "shooting", "ASSAULT|firearms|193"), (N, "gunfire", "ASSAULT|firearms|193"),
    # "launched cyber warfare against", "held civilians as human shields"
    (N, "warfare", "ASSAULT||190"), (N, "cyberattack", "ASSAULT|cyber|190"),
    (N, "cyber attack", "ASSAULT|cyber|190"), (N, "cyber-attack", "ASSAULT|cyber|190"),
    (P, "hold as shield", "ASSAULT||180"), (P, "use as shield", "ASSAULT||180"),
    # --- COERCE (17) ---
    (V, "capture", "COERCE|seize|192"), (V, "seize", "COERCE|seize|192"), (V, "occupy", "COERCE|seize|192"),
    (V, "arrest", "COERCE|arrest|173"), (V, "detain", "COERCE|arrest|173"), (V, "jail", "COERCE|arrest|173"),
    (V, "imprison", "COERCE|arrest|173"), (V, "deport", "COERCE|deport|174"), (V, "expel", "COERCE|deport|174"),
    (V, "confiscate", "COERCE|seize|1711"), (V, "ban", "COERCE|restrict|172"), (V, "outlaw", "COERCE|restrict|1722"),
    (V, "censor", "COERCE|censor|1721"), (V, "blockade", "COERCE|restrict|191"), (V, "crack", "COERCE||175"),
    (V, "suppress", "COERCE||175"),
    (V, "sentence", "COERCE|arrest|173"), (V, "hack", "COERCE|cyber|170"),
    (P, "crack down", "COERCE||175"), (P, "impose curfew", "COERCE|curfew|1723"),
    (P, "declare martial law", "COERCE|martial-law|1724"), (P, "declare state of emergency", "COERCE|martial-law|1724"),
    (P, "impose martial law", "COERCE|martial-law|1724"), (P, "take control", "COERCE|seize|192"),
    (P, "regain control", "COERCE|seize|192"), (P, "regain @territory", "COERCE|seize|192"), (P, "seize control", "COERCE|seize|192"),
    (P, "restore order", "COERCE||170"), (P, "cut @road", "COERCE|restrict|191"),
    (P, "cut off @road", "COERCE|restrict|191"),
    (P, "take over", "COERCE|seize|192"), (P, "shut down", "COERCE|restrict|172"),
    # "declared a state of siege", "suspended publication of the daily", "closed the border crossings into"
    (P, "declare state of siege", "COERCE|martial-law|1724"), (P, "impose state of emergency", "COERCE|martial-law|1724"),
    (P, "impose state of siege", "COERCE|martial-law|1724"), (P, "suspend publication", "COERCE|censor|1721"),
    (P, "close crossing", "COERCE|restrict|172"), (P, "close border", "COERCE|restrict|172"),
    (P, "force out", "COERCE|deport|174"),
    (N, "arrest", "COERCE|arrest|173"), (N, "crackdown", "COERCE||175"), (N, "curfew", "COERCE|curfew|1723"),
    (N, "siege", "COERCE|restrict|191"), (N, "blockade", "COERCE|restrict|191"), (N, "detention", "COERCE|arrest|173"),
    (N, "deportation", "COERCE|deport|174"), (N, "occupation", "COERCE|seize|192"),
    # --- MOBILIZE (15) ---
    (V, "mobilize", "MOBILIZE|troops|154"), (V, "mobilise", "MOBILIZE|troops|154"),
    (V, "deploy", "MOBILIZE|troops|154"), (V, "advance", "MOBILIZE|troops|154"), (V, "mass", "MOBILIZE|troops|154"),
    (V, "patrol", "MOBILIZE|troops|150"), (V, "reinforce", "MOBILIZE|troops|154"),
    (P, "send @troops", "MOBILIZE|troops|154"), (P, "deploy @troops", "MOBILIZE|troops|154"),
    (P, "deploy @weapons", "MOBILIZE|weapons|154"), (P, "deploy @police", "MOBILIZE|police|153"), (P, "send @weapons", "MOBILIZE|weapons|154"),
    (P, "send @police", "MOBILIZE|police|153"), (P, "dispatch @troops", "MOBILIZE|troops|154"),
    (P, "dispatch @police", "MOBILIZE|police|153"), (P, "move @troops", "MOBILIZE|troops|154"),
    (P, "rush @troops", "MOBILIZE|troops|154"), (P, "station @troops", "MOBILIZE|troops|154"),
    (P, "put on alert", "MOBILIZE|troops|152"), (P, "place on alert", "MOBILIZE|troops|152"),
    (P, "bolster @security", "MOBILIZE|troops|154"), (P, "strengthen @security", "MOBILIZE|troops|154"),
    (P, "tighten @security", "MOBILIZE|police|153"), (P, "beef up @security", "MOBILIZE|police|153"),
    (P, "step up @security", "MOBILIZE|police|153"), (P, "increase @security", "MOBILIZE|police|153"),
    (P, "intensify @security", "MOBILIZE|police|153"), (P, "build up @troops", "MOBILIZE|troops|154"),
    (P, "hold exercise", "MOBILIZE|troops|152"), (P, "hold drill", "MOBILIZE|troops|152"),
    (P, "conduct exercise", "MOBILIZE|troops|152"), (P, "test missile", "MOBILIZE|weapons|150"),
    (P, "launch missile", "MOBILIZE|weapons|150"),
    (P, "scramble @weapons", "MOBILIZE|weapons|150"), (P, "conduct patrol", "MOBILIZE|troops|150"),
    (P, "carry out patrol", "MOBILIZE|troops|150"), (P, "step up patrol", "MOBILIZE|troops|150"),
    # "troops remained on high alert": a raised alert status is a military posture
    (P, "remain on alert", "MOBILIZE|troops|152"), (P, "stay on alert", "MOBILIZE|troops|152"),
    (N, "deployment", "MOBILIZE|troops|154"), (N, "military buildup", "MOBILIZE|troops|154"),
    (N, "buildup", "MOBILIZE|troops|154"), (N, "mobilization", "MOBILIZE|troops|154"),
    (N, "troop surge", "MOBILIZE|troops|154"), (N, "military exercise", "MOBILIZE|troops|152"),
    # --- PROTEST (14) ---
    (V, "protest", "PROTEST|demo|141"), (V, "demonstrate", "PROTEST|demo|141"), (V, "rally", "PROTEST|demo|141"),
    (V, "march", "PROTEST|demo|141"), (V, "riot", "PROTEST|riot|145"), (V, "boycott", "PROTEST|boycott|143"),
    (P, "go on strike", "PROTEST|strike|143"), (P, "stage @protest", "PROTEST|demo|141"),
    (P, "hold @protest", "PROTEST|demo|141"), (P, "take to street", "PROTEST|demo|141"),
    (P, "go on hunger strike", "PROTEST|hunger|142"), (P, "block road", "PROTEST|obstruct|144"),
    (P, "block highway", "PROTEST|obstruct|144"), (P, "block motorway", "PROTEST|obstruct|144"),
    (P, "block street", "PROTEST|obstruct|144"), (P, "park across @road", "PROTEST|obstruct|144"),
    (P, "park across motorway", "PROTEST|obstruct|144"),
    (N, "protest", "PROTEST|demo|141"), (N, "demonstration", "PROTEST|demo|141"), (N, "riot", "PROTEST|riot|145"),
    (N, "hunger strike", "PROTEST|hunger|142"), (N, "general strike", "PROTEST|strike|143"),
    (N, "sit-in", "PROTEST|demo|141"), (N, "boycott", "PROTEST|boycott|143"),
    # --- SANCTION (16) ---
    (V, "sanction", "SANCTION||163"), (V, "embargo", "SANCTION||163"),
    (P, "impose @sanction", "SANCTION||163"), (P, "slap @sanction", "SANCTION||163"),
    (P, "tighten @sanction", "SANCTION||163"), (P, "expand @sanction", "SANCTION||163"),
    (P, "cut tie", "SANCTION|withdraw|161"), (P, "sever tie", "SANCTION|withdraw|161"),
    (P, "break off relation", "SANCTION|withdraw|161"), (P, "cut off relation", "SANCTION|withdraw|161"),
    (P, "recall ambassador", "SANCTION|withdraw|161"), (P, "expel diplomat", "SANCTION|expel|166"),
    (P, "expel ambassador", "SANCTION|expel|166"), (P, "suspend aid", "SANCTION|discontinue|162"),
    (P, "cut aid", "SANCTION|discontinue|162"), (P, "halt aid", "SANCTION|discontinue|162"),
    (P, "suspend talk", "SANCTION|withdraw|164"), (P, "break off talk", "SANCTION|withdraw|164"),
    (P, "pull out of talk", "SANCTION|withdraw|164"), (P, "freeze asset", "SANCTION||163"),
    # "reduced military aid to", "suspended food supplies to", "ended mediation efforts between"
    (P, "reduce @aid", "SANCTION|discontinue|162"), (P, "slash @aid", "SANCTION|discontinue|162"),
    (P, "suspend @aid", "SANCTION|discontinue|162"), (P, "freeze @aid", "SANCTION|discontinue|162"),
    (P, "cut off @aid", "SANCTION|discontinue|162"), (P, "withhold @aid", "SANCTION|discontinue|162"),
    (P, "end mediation", "SANCTION|withdraw|164"), (P, "halt mediation", "SANCTION|withdraw|164"),
    (P, "abandon mediation", "SANCTION|withdraw|164"), (P, "halt @talks", "SANCTION|withdraw|164"),
    (P, "suspend @talks", "SANCTION|withdraw|164"), (N, "suspension", "SANCTION|discontinue|160"),
    # CAMEO 1661 "expel or withdraw peacekeepers" is a SANCTION, not a retreat of one's own forces
    (P, "withdraw peacekeeper", "SANCTION|expel|1661"), (P, "pull out peacekeeper", "SANCTION|expel|1661"),
    (P, "recall peacekeeper", "SANCTION|expel|1661"), (P, "withdraw peacekeeping", "SANCTION|expel|1661"),
    (N, "sanction", "SANCTION||163"), (N, "embargo", "SANCTION||163"),
    (N, "asset freeze", "SANCTION||163"), (N, "travel ban", "SANCTION||163"),
    # trade disputes: tariffs and import duties imposed on another country's goods (CAMEO 163)
    (N, "tariff", "SANCTION|economic|163"), (N, "import duty", "SANCTION|economic|163"),
    (N, "customs duty", "SANCTION|economic|163"),
    # --- THREATEN (13) ---
    (V, "threaten", "THREATEN||130"), (V, "warn", "THREATEN||130"),
    (P, "issue ultimatum", "THREATEN|relations|139"), (P, "give ultimatum", "THREATEN|relations|139"),
    (N, "threat", "THREATEN||130"), (N, "ultimatum", "THREATEN|relations|139"),
    # --- REJECT (12) ---
    (V, "reject", "REJECT||120"), (V, "refuse", "REJECT||120"), (V, "deny", "REJECT||120"),
    (V, "decline", "REJECT||120"), (V, "veto", "REJECT|yield|129"), (V, "dismiss", "REJECT||120"),
    (V, "rebuff", "REJECT||120"), (V, "spurn", "REJECT||120"), (V, "defy", "REJECT|yield|128"),
    (V, "oppose", "REJECT||120"), (V, "resist", "REJECT|yield|124"), (V, "snub", "REJECT|meet|125"),
    (P, "rule out", "REJECT||120"), (P, "turn down", "REJECT||120"), (P, "refuse to", "REJECT||120"),
    (N, "rejection", "REJECT||120"), (N, "veto", "REJECT|yield|129"),
    # PLOVER manual (REJECT): "cancellation of meetings are REJECT" (Phoenix has CONSULT or SANCTION for them)
    (P, "cancel visit", "REJECT|meet|125"), (P, "cancel planned visit", "REJECT|meet|125"),
    (P, "cancel trip", "REJECT|meet|125"), (P, "cancel @talks", "REJECT|meet|125"),
    (P, "call off visit", "REJECT|meet|125"), (P, "call off @talks", "REJECT|meet|125"),
    # --- ACCUSE (09, 11) ---
    (V, "accuse", "ACCUSE|allege|112"), (V, "blame", "ACCUSE|allege|112"), (V, "condemn", "ACCUSE|disapprove|111"),
    (V, "denounce", "ACCUSE|disapprove|111"), (V, "criticize", "ACCUSE|disapprove|111"),
    (V, "criticise", "ACCUSE|disapprove|111"), (V, "slam", "ACCUSE|disapprove|111"),
    (V, "castigate", "ACCUSE|disapprove|111"), (V, "deplore", "ACCUSE|disapprove|111"),
    (V, "decry", "ACCUSE|disapprove|111"), (V, "investigate", "ACCUSE|investigate|090"),
    (V, "probe", "ACCUSE|investigate|090"), (V, "sue", "ACCUSE|allege|115"), (V, "allege", "ACCUSE|allege|112"),
    (V, "rebuke", "ACCUSE|disapprove|111"), (V, "lambast", "ACCUSE|disapprove|111"),
    # PLOVER manual (ACCUSE): "accuse, allege, or charge, both judicially and informally"; mode allege: "sue,
    # indict, or charge; bring to trial" (Phoenix files charging under CAMEO 173, arrest)
    (V, "charge", "ACCUSE|allege|112"), (V, "indict", "ACCUSE|allege|112"), (V, "prosecute", "ACCUSE|allege|112"),
    (P, "file charge", "ACCUSE|allege|112"), (P, "bring charge", "ACCUSE|allege|112"),
    (P, "press charge", "ACCUSE|allege|112"),
    # CAMEO2PLOVER: 116 "find guilty or liable (legally)" is ACCUSE (Phoenix files "convict" under 173, arrest)
    (V, "convict", "ACCUSE|disapprove|116"), (P, "find guilty", "ACCUSE|disapprove|116"),
    (P, "lodge complaint", "ACCUSE|allege|114"), (P, "file complaint", "ACCUSE|allege|114"),
    (P, "file lawsuit", "ACCUSE|allege|115"), (P, "launch investigation", "ACCUSE|investigate|090"),
    (P, "open investigation", "ACCUSE|investigate|090"), (P, "summon ambassador", "ACCUSE|allege|114"),
    (N, "accusation", "ACCUSE|allege|112"), (N, "condemnation", "ACCUSE|disapprove|111"),
    (N, "criticism", "ACCUSE|disapprove|111"), (N, "investigation", "ACCUSE|investigate|090"),
    (N, "probe", "ACCUSE|investigate|090"),
    # --- REQUEST (02, 10) ---
    (V, "demand", "REQUEST||100"), (V, "urge", "REQUEST||020"), (V, "appeal", "REQUEST||020"),
    (V, "ask", "REQUEST||020"), (V, "request", "REQUEST||020"), (V, "press", "REQUEST||100"),
    (V, "implore", "REQUEST||020"), (V, "petition", "REQUEST||020"), (V, "order", "REQUEST||100"),
    (P, "call for", "REQUEST||020"), (P, "call on", "REQUEST||020"), (P, "call upon", "REQUEST||020"),
    (P, "ask for", "REQUEST||020"), (P, "appeal for", "REQUEST||020"), (P, "press for", "REQUEST||100"),
    (P, "push for", "REQUEST||100"), (P, "seek @aid", "REQUEST|assist|023"), (P, "request @aid", "REQUEST|assist|023"),
    (N, "demand", "REQUEST||100"), (N, "appeal", "REQUEST||020"), (N, "request", "REQUEST||020"),
    # --- RETREAT (084-087) ---
    (V, "withdraw", "RETREAT|withdraw|087"), (V, "retreat", "RETREAT|withdraw|0874"),
    (V, "surrender", "RETREAT|disarm|0874"), (V, "disarm", "RETREAT|disarm|0873"), (V, "demobilize", "RETREAT|disarm|0873"),
    (V, "free", "RETREAT|release|0841"), (V, "release", "RETREAT|release|0841"), (V, "evacuate", "RETREAT|withdraw|087"),
    (V, "resign", "RETREAT|resign|080"), (V, "quit", "RETREAT|resign|080"), (V, "step_down", "RETREAT|resign|080"),
    (P, "pull out", "RETREAT|withdraw|087"), (P, "pull back", "RETREAT|withdraw|087"),
    (P, "pull @troops", "RETREAT|withdraw|087"), (P, "step down", "RETREAT|resign|080"),
    (P, "lay down arm", "RETREAT|disarm|0873"), (P, "hand over", "RETREAT|release|0842"),
    (P, "declare @ceasefire", "RETREAT|ceasefire|0871"), (P, "lift @sanction", "RETREAT||085"),
    (P, "ease @sanction", "RETREAT||085"), (P, "lift curfew", "RETREAT||0813"), (P, "lift siege", "RETREAT|withdraw|0872"),
    (P, "let in", "RETREAT|access|086"), (P, "allow access", "RETREAT|access|086"),
    (P, "release prisoner", "RETREAT|release|0841"), (P, "release hostage", "RETREAT|release|0841"),
    # "rolled back tariffs on", "cut tariffs", "lifted a travel ban", "declared a cessation of hostilities"
    (P, "roll back @sanction", "RETREAT||085"), (P, "reduce tariff", "RETREAT||085"),
    (P, "cut tariff", "RETREAT||085"), (P, "lower tariff", "RETREAT||085"), (P, "scrap tariff", "RETREAT||085"),
    (P, "let free", "RETREAT|release|0841"), (P, "set free", "RETREAT|release|0841"),
    (N, "cessation", "RETREAT|ceasefire|0871"),
    (N, "withdrawal", "RETREAT|withdraw|087"), (N, "pullout", "RETREAT|withdraw|087"),
    (N, "release", "RETREAT|release|0841"),  # "ordered the release of", "announced the release of"
    (N, "ceasefire", "RETREAT|ceasefire|0871"), (N, "truce", "RETREAT|ceasefire|0871"),
    (N, "cease-fire", "RETREAT|ceasefire|0871"), (N, "resignation", "RETREAT|resign|080"),
    (N, "surrender", "RETREAT|disarm|0874"), (N, "retreat", "RETREAT|withdraw|0874"),
    # --- CONCEDE (080-083) ---
    (V, "concede", "CONCEDE||080"), (V, "yield", "CONCEDE||080"), (V, "relent", "CONCEDE||080"),
    (V, "pardon", "CONCEDE|legal|081"), (V, "acquit", "CONCEDE|legal|081"),
    (P, "back down", "CONCEDE||080"), (P, "give in", "CONCEDE||080"), (P, "back off", "CONCEDE||080"),
    (P, "accede to", "CONCEDE||083"), (P, "bow to", "CONCEDE||083"), (P, "grant amnesty", "CONCEDE||081"),
    # ending a strike gives in to the other side; "will not end the strike" becomes a refusal (REJECT)
    (P, "end strike", "CONCEDE||080"), (P, "call off strike", "CONCEDE||080"),
    (P, "suspend strike", "CONCEDE||080"), (P, "end boycott", "CONCEDE||080"),
    (N, "concession", "CONCEDE||080"), (N, "amnesty", "CONCEDE|legal|081"),
    # --- AID (07) ---
    (V, "aid", "AID||070"), (V, "donate", "AID|economic|071"), (V, "rescue", "AID|humanitarian|073"),
    (V, "fund", "AID|economic|071"), (V, "arm", "AID|military|072"), (V, "help", "AID||070"),
    (V, "assist", "AID||070"), (V, "shelter", "AID|asylum|075"),
    (P, "provide @aid", "AID||070"), (P, "send @aid", "AID||070"), (P, "deliver @aid", "AID||070"),
    (P, "give @aid", "AID||070"), (P, "ship @aid", "AID||070"), (P, "supply @weapons", "AID|military|072"),
    (P, "send @weapons to", "AID|military|072"), (P, "provide @weapons", "AID|military|072"),
    (P, "deliver @weapons", "AID|military|072"), (P, "grant asylum", "AID|asylum|075"),
    (P, "offer asylum", "AID|asylum|075"), (P, "train @troops", "AID|military|072"),
    # "handed over medicines to", "opened its borders to refugees": giving, not giving back or giving in
    (P, "hand over @aid", "AID||070"), (P, "open border to", "AID|asylum|075"),
    (N, "aid", "AID||070"), (N, "humanitarian aid", "AID|humanitarian|073"),
    (N, "military aid", "AID|military|072"), (N, "assistance", "AID||070"), (N, "loan", "AID|economic|071"),
    (N, "arms shipment", "AID|military|072"), (N, "bailout", "AID|economic|071"),
    # --- COOPERATE (06) ---
    (V, "cooperate", "COOPERATE||060"), (V, "collaborate", "COOPERATE||060"), (V, "extradite", "COOPERATE|legal|063"),
    (P, "fight alongside", "COOPERATE|military|062"), (P, "work with", "COOPERATE||060"),
    (P, "join force", "COOPERATE|military|062"), (P, "share intelligence", "COOPERATE|intelligence|064"),
    (P, "hold joint exercise", "COOPERATE|military|062"), (P, "team up", "COOPERATE||060"),
    (N, "joint exercise", "COOPERATE|military|062"), (N, "joint operation", "COOPERATE|military|062"),
    (N, "cooperation", "COOPERATE||060"),
    # --- SUPPORT (05) ---
    (V, "support", "SUPPORT||050"), (V, "back", "SUPPORT||050"), (V, "endorse", "SUPPORT||051"),
    (V, "praise", "SUPPORT||051"), (V, "welcome", "SUPPORT||051"), (V, "hail", "SUPPORT||051"),
    (V, "commend", "SUPPORT||051"), (V, "congratulate", "SUPPORT||051"), (V, "thank", "SUPPORT||051"),
    (V, "recognize", "SUPPORT||054"), (V, "recognise", "SUPPORT||054"), (V, "apologize", "SUPPORT||055"),
    (V, "apologise", "SUPPORT||055"), (V, "forgive", "SUPPORT||056"), (V, "sign", "SUPPORT||057"),
    (V, "ratify", "SUPPORT||057"), (V, "defend", "SUPPORT||052"),
    (P, "sign @deal", "SUPPORT||057"), (P, "express support", "SUPPORT||050"),
    (P, "voice support", "SUPPORT||050"), (P, "throw weight behind", "SUPPORT||050"),
    # "pledged full support for Seoul's efforts": political backing promised, not material aid (AID 033)
    (P, "pledge support", "SUPPORT||050"), (P, "promise support", "SUPPORT||050"),
    (P, "establish diplomatic relation", "SUPPORT||054"), (P, "restore relation", "SUPPORT||054"),
    (N, "apology", "SUPPORT||055"), (N, "endorsement", "SUPPORT||051"),
    # --- CONSULT (04) ---
    (V, "meet", "CONSULT||040"), (V, "visit", "CONSULT|visit|042"), (V, "host", "CONSULT|visit|043"),
    (V, "negotiate", "CONSULT||046"), (V, "mediate", "CONSULT|third-party|045"), (V, "discuss", "CONSULT||040"),
    (V, "phone", "CONSULT|phone|041"), (V, "consult", "CONSULT||040"), (V, "confer", "CONSULT||040"),
    (P, "hold @talks", "CONSULT||040"), (P, "meet with", "CONSULT||040"), (P, "speak by phone", "CONSULT|phone|041"),
    (P, "call", "CONSULT|phone|041"), (P, "hold phone call", "CONSULT|phone|041"), (P, "open @talks", "CONSULT||046"),
    (P, "resume @talks", "CONSULT||046"), (P, "start @talks", "CONSULT||046"), (P, "enter @talks", "CONSULT||046"),
    (P, "host @talks", "CONSULT|visit|043"), (P, "pay visit", "CONSULT|visit|042"),
    (P, "have @talks with", "CONSULT||040"), (P, "have lunch with", "CONSULT||040"),
    (P, "have dinner with", "CONSULT||040"),
    (N, "talk", "CONSULT||040"), (N, "negotiation", "CONSULT||046"), (N, "summit", "CONSULT|multilateral|040"),
    (N, "visit", "CONSULT|visit|042"), (N, "phone call", "CONSULT|phone|041"), (N, "mediation", "CONSULT|third-party|045"),
    # --- AGREE (03) ---
    (V, "agree", "AGREE||030"), (V, "offer", "AGREE||030"), (V, "pledge", "AGREE||030"),
    (V, "promise", "AGREE||030"), (V, "accept", "AGREE||030"), (V, "propose", "AGREE||030"),
    (V, "vow", "AGREE||030"),
    (P, "offer @aid", "AID||033"), (P, "pledge @aid", "AID||033"), (P, "promise @aid", "AID||033"),
    (P, "agree to", "AGREE||030"), (P, "reach @deal", "AGREE||030"), (P, "strike @deal", "AGREE||030"),
    (P, "agree on", "AGREE||030"), (P, "agree @ceasefire", "AGREE|ceasefire|0356"),
    (P, "offer to", "AGREE||030"), (N, "agreement", "AGREE||030"), (N, "deal", "AGREE||030"),
    (N, "accord", "AGREE||030"), (N, "pledge", "AGREE||030"), (N, "offer", "AGREE||030"), (N, "peace deal", "AGREE||037"),
]

# Verbs that take an event noun as object and mean "do it" ("launched an offensive", "held talks").
LIGHT_VERBS = ["launch", "carry", "conduct", "stage", "mount", "hold", "impose", "announce", "provide", "deliver",
               "give", "issue", "make", "step", "begin", "start", "continue", "intensify", "increase", "escalate",
               "resume", "wage", "unleash", "order", "approve", "extend", "slap", "declare", "sign", "reach",
               "strike", "conclude", "open", "lead", "organize", "organise", "call", "perform", "execute",
               "undertake", "send", "offer", "pledge", "promise", "expand", "tighten", "renew",
               # taking part in, or prolonging, an event another began ("joined the strike", "prolonged sanctions")
               "join", "prolong"]
# Speech and report verbs: not events themselves (their content is scanned).
SPEECH_VERBS = ["say", "tell", "report", "state", "add", "note", "announce", "claim", "insist", "explain",
                "write", "quote", "comment", "remark", "stress", "declare", "reply", "respond", "confirm",
                "acknowledge", "believe", "think", "know", "see", "watch", "hear", "learn", "understand",
                "specify", "describe", "indicate", "suggest", "argue", "predict", "estimate", "expect"]
# Governing verbs: an event in their complement is negated / hypothetical / future.
NEG_GOVERNORS = ["refuse", "decline", "deny", "reject", "fail", "avoid", "rule", "resist", "stop", "cease",
                 "halt", "abandon", "forgo", "refrain", "oppose", "prevent", "block", "veto", "scrap",
                 "cancel", "postpone", "delay", "suspend", "thwart", "foil", "abstain", "dismiss"]
HYP_GOVERNORS = ["consider", "weigh", "mull", "contemplate", "discuss", "debate", "propose", "suggest",
                 "want", "wish", "seek", "hope", "urge", "ask", "demand", "call", "request",
                 "push", "press", "appeal", "offer", "threaten", "warn", "may", "might", "could", "would",
                 "should", "can", "allow", "let", "permit", "need", "plot", "conspire", "explore", "study",
                 "recommend", "advocate", "authorize", "authorise", "approve", "like", "prefer", "order",
                 "encourage", "invite", "beg", "implore", "pressure", "tell", "require", "fear", "risk"]
FUTURE_GOVERNORS = ["vow", "plan", "pledge", "promise", "intend", "expect", "prepare", "aim", "decide",
                    "agree", "schedule", "set", "resolve", "commit", "swear", "announce", "mean", "go",
                    "undertake", "due", "poise", "ready", "about", "determine", "scheduled"]


def _value(code: str, c2p: dict[str, tuple[str, str]]) -> str | None:
    """A CAMEO code -> "TYPE|mode|code" (None for comment codes 01x and unknown)."""
    code = code.strip()
    if not re.fullmatch(r"\d{3,4}", code):
        return None
    root = code[:2]
    if root == "01" or root not in ROOT_TO_PLOVER and root != "08":
        return None
    if code in c2p:
        typ, mode = c2p[code]
    elif code[:3] in c2p:
        typ, mode = c2p[code[:3]]
    elif root == "02":
        typ, mode = "REQUEST", APPEAL_MODES.get(code[:3], "")
    elif root == "08":
        typ, mode = ("CONCEDE" if code[:3] in ("080", "081", "082", "083") else "RETREAT"), ""
    else:
        typ, mode = ROOT_TO_PLOVER[root], ""
    return f"{typ}|{mode}|{code}"


def read_contexts(path: Path) -> dict[str, list[str]]:
    """CAMEO code -> PLOVER contexts named in CAMEO2PLOVER (only names PLOVER v2 defines)."""
    valid = {"military", "intelligence", "executive", "legislative", "election", "political_institutions",
             "economic", "legal", "human_rights", "rights_freedoms", "diplomatic", "peacekeeping",
             "asylum", "cbrn", "crime", "corruption", "human_security", "religion_ethnicity", "pro_autocracy"}
    out: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{3,4}):[^,]*,[^,]*,([^#]*)", line)
        if m:
            ctx = [c.strip() for c in m.group(2).split(";") if c.strip() in valid]
            if ctx:
                out.setdefault(m.group(1), ctx)
    return out


def read_cameo2plover(path: Path) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    known_modes = {"visit", "phone", "third-party", "multilateral", "release", "withdraw", "disarm", "ceasefire",
                   "access", "resign", "investigate", "assist", "change", "yield", "meet", "disapprove",
                   "allege", "restrict", "arrest", "relations", "expel", "territory", "violence", "demo",
                   "riot", "strike", "hunger", "boycott", "obstruct", "vandalize", "convict", "discontinue",
                   "troops", "weapons", "police", "militia", "seize", "censor", "curfew", "martial-law",
                   "deport", "withhold", "misinformation", "cyber", "abduct", "beat", "torture", "sexual",
                   "targeted", "destroy", "primitive", "firearms", "explosives", "suicide-attack", "aerial",
                   "drone", "heavy-weapons", "crowd-control", "unconventional"}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{3,4}):\s*([A-Z]+)\s*,\s*([^,#]*)", line)
        if m:
            mode = m.group(3).strip()
            out[m.group(1)] = (m.group(2), mode if mode in known_modes else "")
    return out



def read_phoenix(path: Path, c2p: dict[str, tuple[str, str]]) -> tuple[dict[str, str], dict[str, str]]:
    """Phoenix verb dictionary -> (bare verb values, "verb object words" phrase values).

    Deliberately conservative: a bare verb keeps a code only where the dictionary gives it one of its
    own (or it heads its block), since the WordNet synonyms in a block share its code only loosely; a
    pattern is kept for the verb its comment names (the verb it was written for) and the block head.
    """
    synsets: dict[str, list[str]] = {}
    bare: dict[str, str] = {}
    phrases: dict[str, str] = {}
    lines = path.read_text(encoding="latin-1").splitlines()
    current_set: str | None = None
    block: str | None = None
    block_code = "---"
    for raw in lines:
        line, _, comment = raw.partition("#")
        line = line.rstrip()
        if not line.strip():
            continue
        if line.startswith("&"):
            current_set = line.strip().upper()
            synsets[current_set] = [current_set[1:].lower()]
            continue
        if current_set and line.startswith("+") and block is None:
            synsets[current_set].append(line[1:].strip().lower().replace("_", " ").strip())
            continue
        m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]", line)
        if m:
            current_set = None
            block = m.group(1).lower().strip("_")
            block_code = m.group(2).strip()
            continue
        if block is None:
            continue
        if line.startswith("-"):
            pm = re.match(r"^-\s*(.*?)\s*\[([^\]]*)\]", line)
            if not pm:
                continue
            body, code = pm.group(1), pm.group(2).split(":")[0].strip()
            if not body.startswith("*") or any(c in body for c in "$^%+"):
                continue
            value = _value(code, c2p)
            if value is None:
                continue
            words = re.sub(r"[(){}]", " ", body[1:]).split()
            if not words or len(words) > 3:
                continue
            verbs = {block}
            for v in re.split(r"[ ,]+", comment.strip()):
                if re.fullmatch(r"[A-Z][A-Z-]+", v):
                    verbs.add(v.lower())
            verbs = {"rule out" if v == "ruled_out" else v for v in verbs}
            alternatives: list[list[str]] = [[]]
            for w in words:
                options = [w]
                if w.startswith("&"):
                    if w == "&CURRENCY":
                        options = ["money", "cash", "fund"]
                    else:
                        options = [x for x in synsets.get(w, [w[1:]]) if " " not in x][:6]
                alternatives = [a + [singular(o.lower())] for a in alternatives for o in options][:40]
            for verb in verbs:
                for alt in alternatives:
                    phrases.setdefault(" ".join([verb, *alt]), value)
            continue
        vm = re.match(r"^\+?([A-Z][A-Z_'-]*)\s*(\{[^}]*\})?\s*(\[([^\]]*)\])?", line.strip())
        if not vm:
            continue
        lemma = vm.group(1).lower().strip("_").replace("_", " ")
        if " " in lemma or not (vm.group(4) or lemma == block):
            continue
        value = _value((vm.group(4) or block_code).split(":")[0].strip(), c2p)
        if value and lemma not in DENY_BARE:
            bare.setdefault(lemma, value)
    return bare, phrases


def build(sources: Path) -> dict[str, object]:
    c2p = read_cameo2plover(sources / "plover" / "CAMEO2PLOVER-2021.txt")
    bare, phoenix_phrases = read_phoenix(sources / "petrarch2" / "CAMEO.2.0.txt", c2p)
    verbs: dict[str, str] = {}
    phrases: dict[str, str] = {}
    nouns: dict[str, str] = {}
    for section, key, value in HAND:
        {V: verbs, P: phrases, N: nouns}[section][key] = value
    phoenix_verbs = {k: v for k, v in sorted(bare.items()) if k not in verbs}
    phoenix_phrases = {k: v for k, v in sorted(phoenix_phrases.items()) if k not in phrases}
    return {
        "_about": ("wirewatch event trigger lexicon. Values are 'PLOVER_TYPE|mode|CAMEO code'. Derived from the "
                   "Phoenix/PETRARCH2 CAMEO verb dictionary (c) 2015 Open Event Data Alliance, MIT licence, and "
                   "the PLOVER manual and CAMEO2PLOVER table (Schrodt et al.), CC BY-SA 4.0; plus hand entries. "
                   "Built by scripts/build_event_lexicon.py; see docs/cameo.md."),
        "licence": "CC BY-SA 4.0 (PLOVER-derived parts); MIT (Phoenix-derived parts)",
        "cameo_root_to_plover": ROOT_TO_PLOVER,
        "contexts": read_contexts(sources / "plover" / "CAMEO2PLOVER-2021.txt"),
        "classes": CLASSES,
        "light_verbs": sorted(set(LIGHT_VERBS)),
        "speech_verbs": sorted(set(SPEECH_VERBS)),
        "neg_governors": sorted(set(NEG_GOVERNORS)),
        "hyp_governors": sorted(set(HYP_GOVERNORS)),
        "future_governors": sorted(set(FUTURE_GOVERNORS)),
        "verbs": verbs,
        "phrases": phrases,
        "nouns": nouns,
        "phoenix_verbs": phoenix_verbs,
        "phoenix_phrases": phoenix_phrases,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sources", type=Path, default=DEFAULT_SOURCES)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()
    lexicon = build(args.sources)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(lexicon, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    args.out.write_text(text + "\n", encoding="utf-8")
    sizes = {k: len(lexicon[k]) for k in ("verbs", "phrases", "nouns", "phoenix_verbs", "phoenix_phrases")}  # type: ignore[arg-type]
    print(f"{args.out}: {sizes}, {len(text)} bytes")


if __name__ == "__main__":
    main()
