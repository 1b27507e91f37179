"""Event extraction: PLOVER type, auxiliary mode and actor/recipient on news-style sentences."""

from __future__ import annotations

from functools import lru_cache

import pytest

from wirewatch.analysis import Analysis
from wirewatch.extract.events import lexicon
from wirewatch.model import EVENT_TYPES, Article, Event


@lru_cache(maxsize=1)
def _pipeline():  # noqa: ANN202 - built once for the module
    from wirewatch.pipeline import Pipeline

    return Pipeline()


def run(text: str) -> Analysis:
    return _pipeline().analyse(Article(text=text, published="2024-05-10"))


def names(analysis: Analysis, ids: list[str]) -> str:
    """Every name and mention text of these entities, lowercased, for lenient matching."""
    parts: list[str] = []
    for i in ids:
        ent = analysis.entity(i)
        if ent is not None:
            parts += [ent.name] + [m.text for m in ent.mentions]
    return " | ".join(parts).lower()


def find(analysis: Analysis, event_type: str, trigger: str | None = None) -> Event:
    for v in analysis.events:
        if v.event_type == event_type and (trigger is None or trigger.lower() in v.trigger.text.lower()):
            return v
    got = [(v.event_type, v.trigger.text, v.aux) for v in analysis.events]
    raise AssertionError(f"no {event_type} event{' on ' + trigger if trigger else ''}; got {got}")


# (sentence, type, trigger word, aux, actor substring, recipient substring or None)
CASES: list[tuple[str, str, str, str | None, str, str | None]] = [
    # ASSAULT
    ("Israeli warplanes attacked Hezbollah positions in southern Lebanon on Tuesday.",
     "ASSAULT", "attacked", None, "israeli", "hezbollah"),
    ("Taliban fighters ambushed a police convoy near Kandahar, killing six officers.",
     "ASSAULT", "ambushed", None, "taliban", "police"),
    ("Russian forces shelled the city of Kharkiv overnight.", "ASSAULT", "shelled", None, "russian", None),
    ("Gunmen kidnapped three aid workers in northern Nigeria on Sunday.",
     "ASSAULT", "kidnapped", None, "gunmen", "aid workers"),
    ("The militants carried out an attack on an army base in Mali.", "ASSAULT", "carried", None, "militants", None),
    ("Saudi-led coalition jets launched air strikes on Houthi positions in Yemen.",
     "ASSAULT", "launched", None, "coalition", None),
    # COERCE
    ("Police arrested dozens of opposition activists in Minsk on Saturday.",
     "COERCE", "arrested", None, "police", "activists"),
    ("Rebels seized the town of Goma after days of fighting.", "COERCE", "seized", None, "rebels", "goma"),
    # MOBILIZE
    ("China deployed warships to the South China Sea this week.", "MOBILIZE", "deployed", None, "china", None),
    ("Turkey sent troops to the Syrian border on Monday.", "MOBILIZE", "sent", None, "turkey", None),
    # PROTEST
    ("Thousands of students protested in the streets of Dhaka on Friday.",
     "PROTEST", "protested", None, "students", None),
    ("Opposition supporters staged a demonstration outside the parliament in Paris.",
     "PROTEST", "staged", None, "opposition", None),
    # SANCTION
    ("The European Union imposed new sanctions on Russia on Friday.",
     "SANCTION", "imposed", None, "european union", "russia"),
    # THREATEN
    ("North Korea threatened to strike the United States with nuclear weapons.",
     "THREATEN", "threatened", None, "north korea", None),
    ("Iran warned Israel against any attack on its nuclear facilities.",
     "THREATEN", "warned", None, "iran", "israel"),
    # REJECT
    ("Hamas rejected the Egyptian ceasefire proposal on Wednesday.", "REJECT", "rejected", None, "hamas", None),
    ("The Kremlin denied the accusations from Kyiv.", "REJECT", "denied", None, "kremlin", None),
    # ACCUSE
    ("Ukraine accused Russia of shelling the Zaporizhzhia nuclear plant.",
     "ACCUSE", "accused", None, "ukraine", "russia"),
    ("The United Nations condemned the killing of civilians in Darfur.",
     "ACCUSE", "condemned", None, "united nations", None),
    # REQUEST
    ("The Arab League called for an immediate halt to the fighting in Gaza.",
     "REQUEST", "call", None, "arab league", None),
    ("Germany urged Serbia to recognise Kosovo.", "REQUEST", "urged", None, "germany", "serbia"),
    # RETREAT
    ("Israeli troops withdrew from the Gaza Strip on Sunday.", "RETREAT", "withdrew", None, "israeli", None),
    ("The rebels released twelve hostages on Thursday.", "RETREAT", "released", None, "rebels", None),
    # CONCEDE
    ("The government backed down on the fuel price rise after the protests.",
     "CONCEDE", "backed", None, "government", None),
    # AID
    ("Japan provided humanitarian aid to Turkey after the earthquake.", "AID", "provided", None, "japan", "turkey"),
    ("The United States sent weapons to Ukraine to help it defend itself.",
     "AID", "sent", None, "united states", "ukraine"),
    # COOPERATE
    ("France and Germany cooperated with Italy on border controls.", "COOPERATE", "cooperated", None, "france", None),
    # SUPPORT
    ("The African Union praised Kenya for hosting the peace talks.", "SUPPORT", "praised", None, "african union",
     "kenya"),
    # CONSULT
    ("President Biden met Chinese leader Xi Jinping in San Francisco on Wednesday.",
     "CONSULT", "met", None, "biden", "xi"),
    ("Qatar hosted talks between Hamas and Israel.", "CONSULT", "hosted", None, "qatar", None),
    # AGREE
    ("Armenia and Azerbaijan agreed to a ceasefire on Tuesday.", "AGREE", "agreed", None, "armenia", None),
    # negation
    ("The army did not attack the village, a spokesman said.", "ASSAULT", "attack", "negation", "army", None),
    ("Egypt refused to open the Rafah crossing.", "REJECT", "refused", None, "egypt", None),
    ("The president ruled out sending troops to Niger.", "REJECT", "ruled out", None, "president", None),
    # a stated refusal of a cooperative act is a REJECT (PLOVER: one category, not MOBILIZE + negation)
    ("NATO will not deploy troops in Ukraine, its secretary general said.",
     "REJECT", "deploy", None, "nato", None),
    # hypothetical
    ("Washington would impose sanctions on Caracas if the vote is rigged.",
     "SANCTION", "impose", "hypothetical", "washington", None),
    ("Poland could close its border with Belarus, officials said.",
     "COERCE", "close", "hypothetical", "poland", None),
    # future / intentions / threats
    # PLOVER: a cooperative act announced for the future is an AGREE (the aux still says it is ahead)
    ("Russia will hold talks with Turkey next week.", "AGREE", "hold", "future", "russia", "turkey"),
    ("The rebels vowed to attack the capital.", "ASSAULT", "attack", "future", "rebels", None),
    ("The rebels vowed to attack the capital.", "THREATEN", "vowed", None, "rebels", None),
    ("Israel plans to expand its offensive in Rafah.", "ASSAULT", "expand", "future", "israel", None),
    ("Hezbollah threatened to attack Israeli towns.", "THREATEN", "threatened", None, "hezbollah", None),
    # historical
    ("The last Soviet troops withdrew from Afghanistan in 1989.",
     "RETREAT", "withdrew", "historical", "soviet", None),
    ("Iraq invaded Kuwait in 1990, triggering the Gulf War.", "ASSAULT", "invaded", "historical", "iraq", "kuwait"),
    # lexicon additions: cutting aid, ending mediation, alert status, tariffs, strikes called off
    ("Norway has slashed development aid to Mali after the coup.", "SANCTION", "slashed", None, "norway", "mali"),
    ("Sweden suspended food supplies to the Tigray region on Monday.",
     "SANCTION", "suspended", None, "sweden", None),
    ("Ghana announced a suspension of flights to Lagos.", "SANCTION", "announced", None, "ghana", None),
    ("The Vatican ended its mediation efforts between the two factions.",
     "SANCTION", "ended", None, "vatican", None),
    ("Indian troops remained on high alert along the border with Pakistan.",
     "MOBILIZE", "remained", None, "indian", None),
    ("Mexico rolled back tariffs on Canadian steel.", "RETREAT", "rolled", None, "mexico", None),
    ("The teachers' union called off its strike on Thursday.", "CONCEDE", "called", None, "union", None),
    ("The rebel commander declared a cessation of hostilities in the north.",
     "RETREAT", "declared", None, "commander", None),
    ("Moscow has launched cyber warfare against Estonia.", "ASSAULT", "launched", None, "moscow", "estonia"),
    # handing back property (CAMEO 0842), verdicts of guilt (CAMEO 116, ACCUSE), hyphenated "cease-fire"
    ("Italy returned 21 looted statues to Greece on Monday.", "RETREAT", "returned", None, "italy", "greece"),
    ("A military court in Cairo convicted 12 activists of unlicensed protest.",
     "ACCUSE", "convicted", None, "court", "activists"),
    ("A federal court in Boston found the Iranian government guilty of hostage-taking.",
     "ACCUSE", "found", None, "court", "government"),
    ("President Ghani announced a three-day cease-fire with the Taliban.",
     "RETREAT", "announced", None, "ghani", "taliban"),
    # peacekeepers: sending them abroad is aid (CAMEO 074), pulling them out a sanction (CAMEO 1661)
    ("Ghana is sending 300 troops to the UN peacekeeping mission in Mali.",
     "AID", "sending", None, "ghana", "un"),
    ("The African Union withdrew its peacekeepers from Burundi in March.",
     "SANCTION", "withdrew", None, "african union", "burundi"),
    # states of siege, suspended newspapers, closed crossings, expulsions, meals with, joining an inquiry
    ("The interim president declared a state of siege in the province of Ituri.",
     "COERCE", "declared", None, "president", None),
    ("Tunisian authorities suspended publication of an opposition weekly.",
     "COERCE", "suspended", None, "authorities", None),
    ("The Israeli army closed all crossings into the Gaza Strip on Sunday.", "COERCE", "closed", None, "army", None),
    ("Chancellor Scholz had dinner with President Macron in Hamburg.", "CONSULT", "had", None, "scholz", "macron"),
    ("Interpol has joined the investigation into the missing funds.", "ACCUSE", "joined", None, "interpol", None),
    ("Denmark has provided its annual donations to Ukraine.", "AID", "provided", None, "denmark", "ukraine"),
    # phone calls, mediation efforts, ordered releases, handing over aid, opening borders to refugees
    ("Erdogan called Vladimir Putin on Friday to discuss the grain corridor.",
     "CONSULT", "called", None, "erdogan", "putin"),
    ("Qatar launched a mediation effort between Hamas and Fatah.", "CONSULT", "launched", None, "qatar", None),
    ("A court in Istanbul ordered the release of the journalist Can Dundar.",
     "RETREAT", "ordered", None, "court", None),
    ("Japan handed over medical equipment to the Ukrainian health ministry.",
     "AID", "handed", None, "japan", "ministry"),
    ("Poland opened its borders to Ukrainian refugees.", "AID", "opened", None, "poland", "refugees"),
    # a refusal to end a strike is a REJECT, not a concession
    ("Dock workers in Antwerp said they will not end the strike.", "REJECT", "end", None, "workers", None),
]


@pytest.mark.parametrize(("text", "event_type", "trigger", "aux", "actor", "recipient"), CASES,
                         ids=[f"{c[1]}-{c[2]}-{c[3]}-{i}" for i, c in enumerate(CASES)])
def test_event_cases(text: str, event_type: str, trigger: str, aux: str | None, actor: str,
                     recipient: str | None) -> None:
    analysis = run(text)
    v = find(analysis, event_type, trigger)
    assert v.aux == aux, (v.aux, text)
    assert actor in names(analysis, v.actor), (names(analysis, v.actor), text)
    if recipient is not None:
        assert recipient in names(analysis, v.recipient), (names(analysis, v.recipient), text)
    assert v.event_type in EVENT_TYPES
    assert v.cameo is not None and len(v.cameo) == 2 and v.cameo.isdigit()
    assert 0.0 <= v.confidence <= 1.0
    assert analysis.text[v.trigger.start:v.trigger.end] == v.trigger.text
    assert v.sentence.start <= v.trigger.start < v.trigger.end <= v.sentence.end


NON_FACTUAL = [
    "The United States ruled out sending ground troops to Syria.",
    "Britain did not send warships to the Gulf.",
    "Germany refused to deliver tanks to Kyiv.",
    "Japan would send troops abroad only if parliament agreed.",
    "France is weighing options for military action in Mali.",
    "The White House said it will not launch air strikes against Iran.",
    "Canada declined to impose sanctions on the regime.",
    "The minister said Spain could deploy police to the border.",
    "Washington threatened to cut aid to the government.",
    "Officials denied that soldiers had attacked the protesters.",
    "Brussels did not suspend aid to the Sahel states.",
    "The donors could reduce aid to the ministry if the audit fails.",
    "Norway has not joined the sanctions against Minsk.",
    "The regime may declare a state of siege in the capital.",
]


@pytest.mark.parametrize("text", NON_FACTUAL)
def test_nothing_negated_or_hypothetical_is_factual(text: str) -> None:
    analysis = run(text)
    material = {"ASSAULT", "MOBILIZE", "AID", "SANCTION", "COERCE"}
    bad = [(v.event_type, v.trigger.text) for v in analysis.events if v.event_type in material and v.aux is None]
    assert not bad, (bad, text)


def test_rule_out_is_a_reject_and_the_sending_is_not_an_event() -> None:
    a = run("U.S. President Barack Obama ruled out sending American troops back into combat in Iraq.")
    reject = find(a, "REJECT", "ruled out")
    assert reject.aux is None
    assert "obama" in names(a, reject.actor)
    assert not [v for v in a.events if v.event_type == "MOBILIZE"]  # PLOVER: the REJECT alone


def test_troops_sent_to_fight_alongside_is_military_aid() -> None:
    a = run("Iran has sent 500 Revolutionary Guard soldiers to fight alongside Iraqi government forces.")
    v = find(a, "AID", "sent")
    assert v.mode == "military" and v.aux is None and v.cameo == "07"
    assert "iran" in names(a, v.actor)
    assert "iraqi" in names(a, v.recipient)
    assert not [e for e in a.events if e.event_type == "ASSAULT"]  # the purpose is folded in


def test_passive_agent_is_the_actor() -> None:
    a = run("The convoy was attacked by Houthi rebels near Marib.")
    v = find(a, "ASSAULT", "attacked")
    assert "houthi" in names(a, v.actor)
    assert "convoy" not in names(a, v.actor)


def test_speech_verbs_are_not_events() -> None:
    a = run("The spokesman said the talks were productive, Reuters reported.")
    assert not [v for v in a.events if v.trigger.text.lower() in ("said", "reported")]


def test_historical_needs_an_earlier_year() -> None:
    a = run("Ethiopian troops withdrew from the border town in 2024.")
    assert find(a, "RETREAT", "withdrew").aux is None


def test_lexicon_shape() -> None:
    lex = lexicon()
    assert lex.verbs["attack"].event_type == "ASSAULT"
    assert lex.verbs["attack"].cameo.startswith("19")
    assert lex.nouns["air strike"].mode == "aerial"
    assert any(words == ("out",) and s.event_type == "REJECT" for words, s in lex.hand_phrases["rule"])
    types = {s.event_type for s in lex.verbs.values()} | {s.event_type for s in lex.nouns.values()}
    assert types == set(EVENT_TYPES)


# -- general rules, each with sentences of our own (not from samples/) ------------------------------------
def types_by(analysis: Analysis, actor: str, aux_none: bool = True) -> set[str]:
    """Event types whose actor names contain ``actor`` (only factual ones unless aux_none is False)."""
    return {v.event_type for v in analysis.events
            if actor in names(analysis, v.actor) and (v.aux is None or not aux_none)}


def test_ruled_out_act_is_not_reported() -> None:
    a = run("Tokyo ruled out imposing tariffs on Korean steel.")
    assert find(a, "REJECT", "ruled out").aux is None
    assert not [v for v in a.events if v.event_type == "SANCTION"]


def test_calling_something_illegal_is_an_accusation_not_the_thing() -> None:
    a = run('Tehran called the new tariffs "illegal" and vowed a response.')
    assert "tehran" in names(a, find(a, "ACCUSE", "called").actor)
    assert "SANCTION" not in types_by(a, "tehran")


def test_calling_something_good_is_no_event() -> None:
    a = run("The minister called the talks constructive.")
    assert not a.events


def test_denied_act_is_not_reported() -> None:
    a = run("Moscow denied that its jets had bombed the hospital in Idlib.")
    assert find(a, "REJECT", "denied")
    assert not [v for v in a.events if v.event_type == "ASSAULT" and v.aux is None]


@pytest.mark.parametrize("text", [
    "The Foreign Office declined to comment on the reports.",
    "A police spokesman refused to give details of the operation.",
])
def test_no_comment_is_no_rejection(text: str) -> None:
    assert not [v for v in run(text).events if v.event_type == "REJECT"]


def test_one_happening_one_event_per_sentence() -> None:
    a = run("Demonstrators marched through central Lagos, waving flags and blocking roads.")
    assert len([v for v in a.events if v.event_type == "PROTEST"]) == 1


def test_locative_phrase_is_not_the_actor() -> None:
    a = run("A bomb attack on a police station in Kabul killed five people.")
    assert not [v for v in a.events if "police" in names(a, v.actor) or "kabul" in names(a, v.actor)]


def test_accused_act_is_not_a_second_event() -> None:
    a = run("Seoul accused Pyongyang of launching cyberattacks on its banks.")
    assert "seoul" in names(a, find(a, "ACCUSE", "accused").actor)
    assert [v.event_type for v in a.events] == ["ACCUSE"]


def test_accused_of_participle_has_no_actor() -> None:
    a = run("Two Dubai firms accused of smuggling rifles were fined by the court.")
    assert not [v for v in a.events if v.event_type == "ACCUSE"]


def test_would_in_reported_speech_is_future() -> None:
    a = run("The defence minister said the army would deploy more troops to the border.")
    assert find(a, "MOBILIZE", "deploy").aux == "future"


def test_will_not_accept_is_a_rejection() -> None:
    a = run("Ankara will not accept any deal that divides the island.")
    v = find(a, "REJECT", "accept")
    assert v.aux is None and "ankara" in names(a, v.actor)
    assert "AGREE" not in types_by(a, "ankara")


def test_aid_needs_a_recipient() -> None:
    a = run("Displaced families sheltered in a mosque overnight.")
    assert not [v for v in a.events if v.event_type == "AID"]


def test_open_questions_and_conditions_are_not_events() -> None:
    a = run("The ministry would not say whether Paris would send jets to the region.")
    assert not [v for v in a.events if v.event_type in ("MOBILIZE", "AID")]
    b = run("Israel said it would lift the blockade if Hamas released the hostages.")
    assert not [v for v in b.events if v.event_type == "RETREAT" and "hamas" in names(b, v.actor)]


def test_what_someone_must_do_is_not_an_event() -> None:
    a = run("\u201cThe government must release the prisoners now,\u201d the lawyer said.")
    assert not [v for v in a.events if v.event_type == "RETREAT"]


def test_what_a_speaker_says_another_must_do_is_the_speakers_demand() -> None:
    a = run("Russia says Israel must end its strikes on Syria.")
    demand = find(a, "REQUEST", "must end")
    assert "russia" in names(a, demand.actor) and "israel" in names(a, demand.recipient)
    assert demand.aux is None and not [v for v in a.events if v.event_type == "ASSAULT"]
    # one's own side, or nobody named as obliged: no one is asked anything
    b = run("\u201cWe must act now,\u201d the Kenyan foreign minister said.")
    assert not [v for v in b.events if v.event_type == "REQUEST"]
    c = run("The Kenyan foreign minister said the country must stand on its own feet.")
    assert not [v for v in c.events if v.event_type == "REQUEST"]


def test_refusing_to_answer_a_request_rejects_it_but_declining_comment_does_not() -> None:
    a = run("Iran refused to respond to a request from the United Nations for information.")
    assert "iran" in names(a, find(a, "REJECT", "refused").actor)
    b = run("The Iranian foreign ministry declined to respond to a request for comment.")
    assert not [v for v in b.events if v.event_type == "REJECT"]


def test_a_strike_named_by_its_kind_is_a_walkout() -> None:
    a = run("Three thousand employees stopped work on Monday, staging a sit-in strike at the plant.")
    assert not [v for v in a.events if v.event_type == "ASSAULT"]
    assert "employees" in names(a, find(a, "PROTEST").actor)
    b = run("Teachers in Kenya launched a nationwide strike on Monday.")
    assert find(b, "PROTEST", "strike") and not [v for v in b.events if v.event_type == "ASSAULT"]
    c = run("Israel launched air strikes on Gaza on Monday.")
    assert find(c, "ASSAULT")


def test_a_blockade_by_civilians_is_a_protest_and_by_a_force_a_coercion() -> None:
    a = run("Police arrested a union leader a day after a blockade by drivers protesting against fuel shortages.")
    assert find(a, "PROTEST", "blockade").mode == "obstruct"
    assert "drivers" in names(a, find(a, "PROTEST", "blockade").actor)
    b = run("Truck drivers mounted a blockade of the port on Monday.")
    assert find(b, "PROTEST", "blockade") and not [v for v in b.events if v.event_type == "COERCE"]
    c = run("Rebels blockaded the town of Kidal on Monday.")
    assert find(c, "COERCE", "blockaded") and not [v for v in c.events if v.event_type == "PROTEST"]


def test_sanctions_told_in_other_words_are_sanctions() -> None:
    # the small model reads "asset freezes" as a clause ("asset" subject of "freezes")
    a = run("The European Union on Monday imposed asset freezes and travel bans on 12 Georgian officials.")
    assert "european union" in names(a, find(a, "SANCTION").actor)
    # sanctions that "target" officials are no attack; "those targeted" is no event at all
    b = run("Britain imposed sanctions on five officials, a day after the European Union targeted 12 officials.")
    assert "european union" in names(b, find(b, "SANCTION", "targeted").actor)
    assert not [v for v in b.events if v.event_type == "ASSAULT"]
    c = run("The names of those targeted are due to be published in the EU's Official Journal on Tuesday.")
    assert not c.events
    f = run("Canada imposed sanctions on three judges, two days after the same officials were targeted by the "
            "United States.")
    assert "united states" in names(f, find(f, "SANCTION", "targeted").actor)
    d = run("Israeli jets targeted Hamas commanders in Gaza on Monday.")
    assert find(d, "ASSAULT", "targeted")
    # a light verb describing its event noun: "sanctions imposed by the European Union"
    e = run("Georgia protested over sanctions imposed by the European Union on 12 officials.")
    assert "european union" in names(e, find(e, "SANCTION", "imposed").actor)


def test_neutralising_fighters_is_an_attack_and_a_bomb_is_defused() -> None:
    a = run("The army said it had neutralised 20 militants near Tarkint on Tuesday.")
    assert "army" in names(a, find(a, "ASSAULT", "neutralised").actor)
    b = run("Police neutralized an explosive device outside the station on Tuesday.")
    assert not [v for v in b.events if v.event_type == "ASSAULT"]


def test_the_sides_of_an_agreement_named_by_between() -> None:
    a = run("The deal, reached in Muscat on Thursday between the government and the Houthis, reopens the road.")
    sides = names(a, find(a, "AGREE").actor)
    assert "government" in sides and "houthis" in sides
    b = run("An agreement was reached between Yemen's government and the Houthis on Thursday.")
    assert "houthis" in names(b, find(b, "AGREE").actor)


def test_roads_blocked_by_protesters_are_a_protest() -> None:
    a = run("His supporters blocked the main highway between El Alto and Oruro on Wednesday.")
    assert find(a, "PROTEST", "blocked").mode == "obstruct"
    b = run("Truckers parked their vehicles across the highway near the town of Patacamaya.")
    assert "truckers" in names(b, find(b, "PROTEST", "parked").actor)


def test_a_participle_describing_the_subject_is_no_event_of_its_own() -> None:
    a = run("The Saudi-led coalition fighting Houthi rebels in Yemen has declared a two-week ceasefire.")
    assert not [v for v in a.events if v.event_type == "ASSAULT"]
    assert "coalition" in names(a, find(a, "RETREAT", "declared").actor)


def test_occupational_and_attacker_nouns_name_actors_and_torture_is_an_attack() -> None:
    a = run("A suicide bomber in Mogadishu killed at least six people on Saturday.")
    assert "bomber" in names(a, find(a, "ASSAULT", "killed").actor)
    b = run("A detained journalist was tortured in a prison in Tehran, his lawyer said.")
    tortured = find(b, "ASSAULT", "tortured")
    assert not tortured.actor


def test_speaking_by_phone_is_not_a_consultation() -> None:
    a = run("Speaking by phone from Geneva, the envoy said progress was slow.")
    assert not [v for v in a.events if v.event_type == "CONSULT"]


def test_warning_without_a_threat_is_no_threat() -> None:
    a = run("The World Health Organization warned that the outbreak was spreading fast.")
    assert not [v for v in a.events if v.event_type == "THREATEN"]
    b = run("The interior ministry warned that illegal gatherings would be dispersed.")
    assert find(b, "THREATEN", "warned")


def test_troops_arriving_is_a_deployment_and_a_crowd_gathering_a_protest() -> None:
    a = run("About 400 French soldiers landed in Timbuktu on Monday.")
    assert find(a, "MOBILIZE", "landed").aux is None
    b = run("Thousands of opposition supporters gathered outside the parliament in Tbilisi.")
    assert find(b, "PROTEST", "gathered")


@pytest.mark.parametrize("crowd", ["drivers", "truckers", "herders", "shopkeepers"])
def test_a_crowd_of_an_occupation_is_the_protest_actor(crowd: str) -> None:
    a = run(f"Hundreds of {crowd} gathered outside the transport ministry in La Paz on Tuesday.")
    assert crowd in names(a, find(a, "PROTEST", "gathered").actor)


def test_came_under_fire_is_an_assault_on_the_subject() -> None:
    a = run("A World Food Programme convoy came under fire near Kidal on Friday.")
    v = find(a, "ASSAULT", "came")
    assert v.actor == [] and "world food programme" in names(a, v.recipient)


def test_passive_arrest_stands_without_an_arresting_force() -> None:
    a = run("The opposition leader Wilson Quispe was detained at dawn in the Villa Adela district of El Alto.")
    v = find(a, "COERCE", "detained")
    assert v.actor == [] and v.aux is None and "quispe" in names(a, v.recipient)


@pytest.mark.parametrize("text", [
    "Families with minor children cannot be held in detention for more than 20 days.",
    "The journalists could be deported as early as next week.",
])
def test_passive_arrest_that_is_a_rule_or_a_prospect_is_no_event(text: str) -> None:
    assert not [v for v in run(text).events if v.event_type == "COERCE"], text


def test_leading_gerund_of_an_attack_is_its_instrument() -> None:
    a = run("Shelling near the Hawban crossing on the eastern edge of Taiz killed two civilians on Friday.")
    v = find(a, "ASSAULT")
    assert v.actor == [] and "civilians" in names(a, v.recipient)


def test_strike_counted_in_hours_is_a_walkout_not_an_attack() -> None:
    a = run("Dock workers in Mombasa staged a 24-hour strike on Tuesday over unpaid wages.")
    assert find(a, "PROTEST", "strike").aux is None
    assert not [v for v in a.events if v.event_type == "ASSAULT"]
    b = run("Rebels staged a strike on an army post near the border on Tuesday.")
    assert find(b, "ASSAULT", "staged")


def test_talks_between_two_parties() -> None:
    a = run("Talks between Serbia and Kosovo resumed in Brussels on Monday.")
    v = find(a, "CONSULT")
    assert "serbia" in names(a, v.actor) and "kosovo" in names(a, v.actor)


def test_pronoun_subject_of_reported_clause_is_the_speaker() -> None:
    a = run("The Taliban said they had captured the district headquarters.")
    assert "taliban" in names(a, find(a, "COERCE", "captured").actor)


def test_appeal_after_a_report_belongs_to_the_speaker() -> None:
    a = run("The Red Cross said 200 people had fled the town, and appealed for calm.")
    assert "red cross" in names(a, find(a, "REQUEST", "appealed").actor)


def test_group_known_as_is_the_actor() -> None:
    a = run("A militia known as the Wagner Group threatened to seize the airport.")
    assert "wagner" in names(a, find(a, "THREATEN", "threatened").actor)


def test_participle_describing_an_object_is_not_an_event() -> None:
    a = run("Canada sent instructors to train the coalition fighting the insurgents.")
    assert not [v for v in a.events if v.event_type == "ASSAULT"]


@pytest.mark.parametrize(("text", "event_type", "trigger"), [
    ("Riot police fired tear gas at students in Caracas.", "ASSAULT", "fired"),
    ("Japan scrambled fighter jets on Tuesday.", "MOBILIZE", "scrambled"),
    ("Kurdish forces repelled an attack on Kobani overnight.", "ASSAULT", "repelled"),
    ("The Pakistani Taliban claimed responsibility for the bombing.", "ASSAULT", "claimed"),
    ("Chadian soldiers cut the main supply road to the rebel town.", "COERCE", "cut"),
])
def test_added_news_phrasing(text: str, event_type: str, trigger: str) -> None:
    assert find(run(text), event_type, trigger).aux is None


def test_an_attempted_attack_happened() -> None:
    a = run("Gunmen tried to storm a checkpoint in northern Sinai on Sunday.")
    assert find(a, "ASSAULT", "storm").aux is None


# -- attacks with no attacker named ------------------------------------------------------------------------
def _assaults(analysis: Analysis) -> list[Event]:
    return [v for v in analysis.events if v.event_type == "ASSAULT"]


def test_explosion_without_perpetrator_is_one_actorless_attack() -> None:
    a = run("A roadside bomb exploded next to a minibus near Quetta on Tuesday, killing six people.")
    (v,) = _assaults(a)
    assert v.actor == [] and "people" in names(a, v.recipient)
    assert v.aux is None
    (named,) = _assaults(run("Taliban militants bombed a minibus near Quetta on Tuesday, killing six people."))
    assert named.actor and v.confidence < named.confidence


def test_blast_ripped_through() -> None:
    v = find(run("A powerful blast ripped through a crowded bus station in Maiduguri on Friday."), "ASSAULT")
    assert v.actor == []


def test_passive_with_instrument_agent_is_not_an_actor() -> None:
    a = run("An oil tanker was struck by a drone off the coast of Eritrea on Monday.")
    (v,) = _assaults(a)
    assert v.actor == []
    # an attack with no attacker is less likely to be coded right than the same attack with one
    (named,) = _assaults(run("Houthi forces struck an oil tanker off the coast of Eritrea on Monday."))
    assert named.actor and v.confidence < named.confidence


def test_killed_in_air_strike_is_an_attack_on_the_victims() -> None:
    a = run("Eleven villagers were killed in an air strike in northern Burkina Faso on Sunday.")
    (v,) = _assaults(a)
    assert v.actor == [] and "villagers" in names(a, v.recipient)
    assert v.mode == "aerial"


def test_kidnapping_without_perpetrator() -> None:
    a = run("Three aid workers were abducted from their compound in Niger's Tillaberi region.")
    (v,) = _assaults(a)
    assert v.actor == [] and v.mode == "abduct" and "aid workers" in names(a, v.recipient)


def test_attack_noun_as_subject() -> None:
    a = run("An attack on an army checkpoint killed four soldiers in Idlib province overnight.")
    (v,) = _assaults(a)
    assert v.actor == [] and "soldiers" in names(a, v.recipient)


def test_named_agent_stays_the_actor() -> None:
    a = run("The convoy was attacked by Islamic State fighters near Damboa on Saturday.")
    v = find(a, "ASSAULT")
    assert "islamic state" in names(a, v.actor)


def test_claim_in_next_sentence_gives_the_attack_its_actor() -> None:
    a = run("A suicide bomber struck a mosque in Peshawar on Friday, killing 12 worshippers. "
            "The Pakistani Taliban claimed responsibility.")
    (v,) = _assaults(a)
    assert "taliban" in names(a, v.actor)


def test_claim_after_explosion_is_one_event() -> None:
    a = run("A car bomb went off outside a hotel in Mogadishu, killing seven people. "
            "Al-Shabaab claimed responsibility for the attack.")
    (v,) = _assaults(a)
    assert "shabaab" in names(a, v.actor) and "people" in names(a, v.recipient)


def test_suspected_perpetrator_fills_the_attack() -> None:
    a = run("A bomb exploded at a bus stop in Jos on Sunday. "
            "Islamic State militants are believed to be behind the attack, police said.")
    (v,) = _assaults(a)
    assert "islamic state" in names(a, v.actor)


def test_no_claim_and_accidents_give_no_attack() -> None:
    assert not _assaults(run("No group has claimed responsibility for the bombing."))
    assert not _assaults(run("Three workers were killed in a gas explosion at a chemical plant in Tianjin."))
    assert not _assaults(run("Five miners were injured in an accident at the site."))


def test_anaphoric_blast_is_the_same_attack() -> None:
    a = run("A car bomb exploded near a market in Baquba on Thursday. The blast damaged a dozen shops.")
    assert len(_assaults(a)) == 1


def test_stated_readiness_is_an_offer() -> None:
    a = run("Norway is willing to send medical aid to Gaza.")
    v = find(a, "AGREE", "willing")
    assert v.aux is None and v.cameo == "03"
    assert "norway" in names(a, v.actor) and "gaza" in names(a, v.recipient)
    assert not [e for e in a.events if e.event_type == "AID"]  # the offered act is folded into the offer
    v = find(run("Chile stands ready to withdraw its troops from the disputed border zone."), "AGREE", "ready")
    assert v.aux is None


def test_readiness_for_force_is_a_threat() -> None:
    v = find(run("The army is ready to attack the rebel strongholds."), "THREATEN", "ready")
    assert v.aux is None


def test_unwilling_is_a_refusal_and_conditions_are_left_out() -> None:
    a = run("Serbia is not willing to withdraw its police from the north.")
    assert find(a, "REJECT", "willing").aux is None
    assert not [e for e in a.events if e.event_type in ("AGREE", "RETREAT") and e.aux is None]
    a = run("Peru would be prepared to send troops to the border.")
    assert all(e.aux == "hypothetical" for e in a.events if e.event_type in ("AGREE", "MOBILIZE"))
    a = run("Kenya is ready to withdraw its soldiers if the militia disarms.")
    assert not [e for e in a.events if e.event_type in ("AGREE", "RETREAT") and e.aux is None]


def test_returning_without_an_object_or_returning_fire_is_no_handover() -> None:
    assert not [e for e in run("The soldiers returned to their barracks on Friday.").events
                if e.event_type == "RETREAT"]
    assert not [e for e in run("Israeli troops returned fire at the gunmen.").events if e.event_type == "RETREAT"]
    assert not [e for e in run("A jury in Ohio found the officer not guilty of murder.").events
                if e.event_type == "ACCUSE"]


@pytest.mark.parametrize(("text", "event_type", "actor"), [
    ("Sisi held talks with the Sudanese army chief on Monday.", "CONSULT", "sisi"),
    ("ISIS carried out an attack on a Shiite shrine.", "ASSAULT", "isis"),
    ("The ELN released two kidnapped soldiers on Sunday.", "RETREAT", "eln"),
])
def test_proper_noun_subject_missed_by_the_name_tagger_is_the_actor(text: str, event_type: str, actor: str) -> None:
    a = run(text)
    v = find(a, event_type)
    assert actor in names(a, v.actor)


def test_unrecognised_name_under_negation_stays_not_happened() -> None:
    a = run("The ELN did not release the soldiers.")
    assert not [e for e in a.events if e.event_type == "RETREAT" and e.aux is None]


def test_claim_of_an_attack_with_named_attackers_joins_it() -> None:
    a = run("Insurgents attacked the town of Palma on Friday. Islamic State claimed the attack on Saturday.")
    (v,) = _assaults(a)
    assert "insurgents" in names(a, v.actor) and "islamic state" in names(a, v.actor)


def test_claim_skips_the_defenders_answer_to_the_attack() -> None:
    a = run("Gunmen stormed a police post in Dosso on Friday. Soldiers repelled the attack after two hours. "
            "Islamic State claimed the attack on Saturday.")
    repelled = find(a, "ASSAULT", "repelled")
    assert "islamic state" not in names(a, repelled.actor)
    stormed = find(a, "ASSAULT", "stormed")
    assert "islamic state" in names(a, stormed.actor) and "gunmen" in names(a, stormed.actor)


def test_title_with_a_name_in_apposition_and_acronym_subjects() -> None:
    a = run("The opposition leader Kizza Besigye rejected the election results.")
    assert "besigye" in names(a, find(a, "REJECT").actor)
    a = run("ICE returned 40 stolen manuscripts to the Italian government.")
    v = find(a, "RETREAT", "returned")
    assert "ice" in names(a, v.actor) and "italian" in names(a, v.recipient)


def test_peacekeepers_on_the_spot_and_refusals_stay_as_they_were() -> None:
    a = run("UN peacekeepers reinforced their positions around the town of Bunia on Monday.")
    assert find(a, "MOBILIZE").aux is None
    a = run("Germany has refused to send peacekeepers to Lebanon.")
    assert not [e for e in a.events if e.event_type in ("AID", "MOBILIZE") and e.aux is None]


def test_pronoun_actor_from_a_speaker_the_name_tagger_missed() -> None:
    a = run("The ELN said it had released two kidnapped soldiers.")
    v = find(a, "RETREAT", "released")
    assert v.aux is None and "eln" in names(a, v.actor)


def test_announced_act_under_a_condition_is_hypothetical() -> None:
    a = run("Kigali has said it would withdraw its troops from the border only once the threat is removed.")
    assert find(a, "RETREAT", "withdraw").aux == "hypothetical"
    a = run("Minsk said it would send troops to the border next week.")
    assert find(a, "MOBILIZE", "send").aux == "future"


def test_calls_that_are_requests_or_verdicts_are_no_phone_calls() -> None:
    assert find(run("Erdogan called on Vladimir Putin to end the war."), "REQUEST").aux is None
    assert not [e for e in run("Trump called Boris Johnson a great leader.").events if e.event_type == "CONSULT"]
    assert not [e for e in run("The ministry issued a press release on the visit.").events
                if e.event_type == "RETREAT"]


def test_handover_with_a_long_object_or_in_the_passive() -> None:
    a = run("The stolen manuscript was returned by Dutch police to the Bodleian Library.")
    v = find(a, "RETREAT", "returned")
    assert "police" in names(a, v.actor)
    a = run("Germany returned a bronze statue of the god Shiva from the tenth century to India.")
    assert "germany" in names(a, find(a, "RETREAT", "returned").actor)


def test_casualties_a_force_reports_among_its_enemies_are_its_own_attack() -> None:
    a = run("The Syrian army said hundreds of rebels had been killed in the offensive.")
    ev = find(a, "ASSAULT", "killed")
    assert "syrian army" in names(a, ev.actor)
    # its own losses, or civilians, leave the attacker unknown
    b = run("The Syrian army said dozens of soldiers had been killed in the ambush.")
    assert all(not ev.actor for ev in b.events if ev.event_type == "ASSAULT")
    c = run("The Syrian army said many civilians had been killed in the fighting.")
    assert all(not ev.actor for ev in c.events if ev.event_type == "ASSAULT")


def test_import_duties_and_tariffs_are_sanctions() -> None:
    a = run("Earlier in the week, Beijing announced separate import duties on $3 billion of U.S. goods.")
    assert "beijing" in names(a, find(a, "SANCTION").actor)


def test_the_victims_nationality_is_not_where_they_were_attacked() -> None:
    a = run("U.S. journalists James Foley and Steven Sotloff were beheaded by ISIS militants.")
    ev = find(a, "ASSAULT")
    assert ev.place is None or ev.place_basis != "stated"


def test_words_of_combat_said_of_trade_are_no_attack() -> None:
    a = run("China vowed on Friday to fight the new U.S. tariffs on its steel. Beijing does not want a trade war "
            "but is not afraid to fight one. Unfair trade practices have destroyed thousands of American jobs.")
    assert not [v for v in a.events if v.event_type == "ASSAULT"], [(v.event_type, v.trigger.text) for v in a.events]


def test_an_attack_on_a_market_or_a_trade_office_stays_an_attack() -> None:
    a = run("Gunmen attacked the trade ministry in Tripoli on Monday. Militants attacked a market in Maiduguri, "
            "killing five traders.")
    assert len([v for v in a.events if v.event_type == "ASSAULT"]) == 2


def test_a_trade_story_calls_a_fight_with_a_country_no_attack() -> None:
    story = ("WASHINGTON - China vowed on Friday to fight the U.S. with every means. The tariffs on $50 billion "
             "in Chinese imports hit steel, aluminium and soybeans. Stocks slid as investors feared a trade war. "
             "Exports and imports fell; the trade deficit widened, the Commerce Department said.")
    assert not [v for v in run(story).events if v.event_type == "ASSAULT"]


def test_a_reporters_credit_line_is_no_aid() -> None:
    a = run("Rebels attacked an army post near Goma. Paul Wiseman and Josh Boak in Washington contributed to "
            "this report.")
    assert [v.event_type for v in a.events] == ["ASSAULT"]


def test_the_leader_of_a_led_strike_or_coalition_is_its_actor() -> None:
    a = run("On Friday, U.S.-led airstrikes destroyed a convoy of armed trucks near Mosul.")
    assert "u.s." in names(a, find(a, "ASSAULT", "destroyed").actor)
    b = run("Iran-backed rebels attacked the town of Marib on Sunday.")
    assert "iran" not in names(b, find(b, "ASSAULT", "attacked").actor).replace("iran-backed", "")


def test_a_passive_harm_takes_the_owner_of_the_attack_it_is_put_down_to() -> None:
    a = run("Baghdadi was wounded in a U.S.-led airstrike on a convoy of militants in Iraq.")
    assert "u.s." in names(a, find(a, "ASSAULT", "wounded").actor)
    b = run("Two people died in Russian shelling of Kharkiv on Monday.")
    died = find(b, "ASSAULT", "died")
    assert "russian" in names(b, died.actor) and "people" not in names(b, died.actor)
    c = run("Two people died in the shelling of Kharkiv on Monday.")
    assert not find(c, "ASSAULT", "died").actor  # the dead are its target, and Kharkiv is where, not who


def test_pledged_support_is_political_backing_and_a_named_group_acts() -> None:
    a = run("The Southeast Asian nations pledged full support for Seoul's efforts to end the crisis.")
    assert "nations" in names(a, find(a, "SUPPORT", "pledged").actor)
    assert not [v for v in a.events if v.event_type == "AID"]
    b = run("The Islamic State group released at least 19 Christians on Sunday.")
    assert "islamic state group" in names(b, find(b, "RETREAT", "released").actor)


def test_pressing_an_offensive_is_the_attack_not_a_request() -> None:
    a = run("The Syrian army said it is pressing its military operations in Douma.")
    assert not [v for v in a.events if v.event_type == "REQUEST"]
    assert "army" in names(a, find(a, "ASSAULT", "pressing").actor)
    b = run("The US pressed Israel to allow aid into Gaza.")
    assert "israel" in names(b, find(b, "REQUEST", "pressed").recipient)


def test_strengthening_a_relation_or_offering_an_account_is_no_movement_or_offer() -> None:
    a = run("The Russian minister said Russia is reinforcing and developing its friendship with Vietnam.")
    assert not [v for v in a.events if v.event_type == "MOBILIZE"]
    assert find(run("Russia reinforced its positions near Bakhmut on Monday."), "MOBILIZE", "reinforced")
    b = run("Administration officials have offered different descriptions of the plan for Iraq.")
    assert not [v for v in b.events if v.event_type == "AGREE"]


def test_a_conjunct_shares_the_must_of_the_verb_before_it() -> None:
    a = run("Relevant parties should promote the peace process and meet each other half way, Wang Yi said.")
    assert not [v for v in a.events if v.event_type == "CONSULT"]


def test_proposing_a_sanction_is_a_threat() -> None:
    a = run("President Donald Trump proposed slapping an additional $100 billion in tariffs on Chinese goods.")
    assert "trump" in names(a, find(a, "THREATEN", "proposed").actor)
    assert not [v for v in a.events if v.event_type == "AGREE"]


def test_regaining_ground_is_taking_it() -> None:
    a = run("The Syrian army said it has regained most of the towns and villages in eastern Ghouta.")
    assert "army" in names(a, find(a, "COERCE", "regained").actor)
    b = run("The wounded Syrian soldier regained consciousness in hospital on Monday.")
    assert not [v for v in b.events if v.event_type == "COERCE"]


def test_what_an_issued_document_does_its_author_does() -> None:
    a = run("Amnesty International put out a report accusing the Nigerian army of failing to act.")
    accuse = find(a, "ACCUSE", "accusing")
    assert "amnesty" in names(a, accuse.actor) and "army" in names(a, accuse.recipient)
    b = run("Albania's parliament passed a resolution on Thursday criticizing President Ilir Meta.")
    assert "parliament" in names(b, find(b, "ACCUSE", "criticizing").actor)
    c = run("Kenya joined the force fighting armed gangs in Haiti.")
    assert not [v for v in c.events if v.event_type == "ASSAULT"]  # a description, not a document


def test_they_inside_a_speakers_own_words_are_not_the_speaker() -> None:
    a = run("\u201cThe first bomb hit the school. Then they came back and hit the people who were helping,\u201d "
            "said a local official.")
    assert not [v for v in a.events if "official" in names(a, v.actor)]
    b = run("The Taliban said they had attacked the police post.")
    assert "taliban" in names(b, find(b, "ASSAULT", "attacked").actor)


def test_cancelling_a_visit_is_a_rejection() -> None:
    a = run("The UK prime minister has cancelled a planned visit to Washington in March amid tensions.")
    assert find(a, "REJECT", "cancelled") and not [v for v in a.events if v.event_type in ("CONSULT", "SANCTION")]
    b = run("Brazil's federal police filed new charges against President Michel Temer on Tuesday.")
    assert "temer" in names(b, find(b, "ACCUSE", "filed").recipient)


def test_an_order_is_the_act_it_commands() -> None:
    a = run("The government ordered the daily newspaper to suspend publication for 15 days.")
    order = find(a, "COERCE", "ordered")
    assert "government" in names(a, order.actor)
    assert not [v for v in a.events if v.event_type == "REQUEST"]
    b = run("The minister ordered the police to talk to the residents.")
    assert find(b, "REQUEST", "ordered")  # an order of nothing coercive stays a demand


def test_failing_to_reach_a_deal_rejects_it() -> None:
    a = run("The United States and South Korea failed to reach agreement on a free-trade deal on Friday.")
    reject = find(a, "REJECT")
    assert "south korea" in names(a, reject.actor) and reject.aux is None
    assert not [v for v in a.events if v.event_type == "AGREE"]


def test_joint_exercises_are_cooperation_and_criticism_from_someone_is_theirs() -> None:
    a = run("China and Russia began joint naval drills in the Sea of Japan on Monday.")
    assert "russia" in names(a, find(a, "COOPERATE").actor)
    b = run("Iran faces criticism from the United Nations over its detention of activists.")
    accuse = find(b, "ACCUSE", "criticism")
    assert "united nations" in names(b, accuse.actor) and "iran" in names(b, accuse.recipient)
    c = run("Kigali said it would withdraw its forces once the threat from armed groups in Congo is removed.")
    assert not [v for v in c.events if v.event_type == "THREATEN" and "armed groups" in names(c, v.actor)]


def test_forcing_someone_to_act_is_coercion_but_a_forced_flight_in_an_attack_is_not_a_second_event() -> None:
    a = run("Police forced the opposition leader out of the country on Tuesday.")
    assert "police" in names(a, find(a, "COERCE", "forced").actor)
    b = run("Insurgents attacked the town on Saturday, burning homes and forcing thousands of residents to flee.")
    assert not [v for v in b.events if v.event_type == "COERCE"]
    c = run("Thousands of residents were forced to flee their homes.")
    assert not [v for v in c.events if v.event_type == "COERCE"]


def test_money_handed_over_is_aid() -> None:
    a = run("The Australian government provided $400 million to Indonesia last year.")
    aid = find(a, "AID", "provided")
    assert "australian" in names(a, aid.actor) and "indonesia" in names(a, aid.recipient)
    b = run("The Japanese government provided aid in Nepal after the earthquake.")
    assert "nepal" in names(b, find(b, "AID").recipient)  # aid given in a country goes to it
