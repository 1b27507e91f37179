"""Each event's place, date and reporting attribution (the event_context component)."""

from __future__ import annotations


def place_name(analysis, event) -> str | None:
    return next((p.name for p in analysis.places if p.id == event.place), None)


def only(analysis, event_type: str):
    found = [v for v in analysis.events if v.event_type == event_type]
    assert found, f"no {event_type} event in {[(v.event_type, v.trigger.text) for v in analysis.events]}"
    return found[0]


def test_locative_place_beats_a_possessor(analyse) -> None:
    a = analyse("The European Union imposed new sanctions on Belarus over Russia's war at a meeting in "
                "Brussels on Monday.", published="2024-02-27")
    ev = only(a, "SANCTION")
    assert place_name(a, ev) == "Brussels" and ev.place_basis == "stated"
    assert ev.date.value == "2024-02-26" and ev.date_basis == "stated"


def test_object_of_the_trigger_is_the_place(analyse) -> None:
    a = analyse("Russian forces shelled Kherson overnight, Ukrainian officials said.", published="2023-03-16")
    ev = only(a, "ASSAULT")
    assert place_name(a, ev) == "Kherson"


def test_dateline_and_publication_date_fill_in_and_are_marked(analyse) -> None:
    a = analyse("KHARTOUM, Sudan (Reuters) - Paramilitary fighters shelled a crowded market, witnesses said.",
                published="2024-05-10")
    ev = only(a, "ASSAULT")
    assert place_name(a, ev) == "Khartoum" and ev.place_basis == "dateline"
    assert ev.date.value == "2024-05-10" and ev.date_basis == "published" and ev.date.text is None


def test_no_publication_date_means_no_guessed_date(analyse) -> None:
    a = analyse("Rebels attacked an army post near Goma on Friday.", published=None)
    ev = only(a, "ASSAULT")
    assert ev.date.value is None and ev.date.text == "Friday"


def test_a_date_describing_the_actor_is_not_the_events_date(analyse) -> None:
    # the year dates the deployment (a relative clause on the subject), not the repelling
    a = analyse("Kenyan troops, who have been stationed in the region since 2019, repelled an attack on a "
                "police post in Mandera.", published="2024-05-10")
    ev = only(a, "ASSAULT")
    assert ev.date.value == "2024-05-10" and ev.date_basis == "published"
    # a clause on the event's own noun still dates it
    a = analyse("Rebels, who were driven out of Goma in 2013, attacked an army post on Friday.",
                published="2024-05-13")
    ev = only(a, "ASSAULT")
    assert ev.date.text == "Friday" and ev.date.value == "2024-05-10"


def test_an_event_told_as_days_after_or_before_another_is_dated_from_it(analyse) -> None:
    a = analyse("Police arrested the union leader in El Alto on Tuesday, a day after a blockade by drivers "
                "paralysed La Paz.", published="2024-05-14")
    assert only(a, "COERCE").date.value == "2024-05-14"
    blockade = only(a, "PROTEST")
    assert blockade.date.value == "2024-05-13" and blockade.date_basis == "stated"
    b = analyse("Canada imposed sanctions on the judges on Wednesday, two days after the United States targeted "
                "the same officials.", published="2025-05-14")
    dates = sorted(v.date.value for v in b.events if v.event_type == "SANCTION")
    assert dates == ["2025-05-12", "2025-05-14"]
    # with no day stated for the rest of the sentence there is nothing to count from
    c = analyse("The strike came two days after a drone hit a crowded market in Tarkint.", published="2024-03-15")
    assert only(c, "ASSAULT").date.value != "2024-03-13"


def test_event_inside_a_claim_points_to_it(analyse) -> None:
    a = analyse("Police arrested 40 protesters in Lahore, a rights group said.", published="2024-03-01")
    ev = only(a, "COERCE")
    assert ev.attribution is not None
    att = next(x for x in a.attributions if x.id == ev.attribution)
    assert att.content.start <= ev.trigger.start < att.content.end


def test_the_story_place_carries_over_to_a_sentence_without_one(analyse) -> None:
    a = analyse("Thousands of protesters gathered in central Nairobi on Tuesday. Police arrested at least 40 "
                "people, a rights group said.", published="2024-07-10")
    ev = only(a, "COERCE")
    assert place_name(a, ev) == "Nairobi" and ev.place_basis == "context"


def test_target_of_a_sanction_is_not_its_place(analyse) -> None:
    a = analyse("Canada imposed sanctions on Belarus on Friday.", published="2024-03-02")
    ev = only(a, "SANCTION")
    assert place_name(a, ev) != "Belarus"


def test_name_inside_an_organisation_is_no_place(analyse) -> None:
    a = analyse("Fighters of the Islamic State of Iraq and Syria (ISIS) seized the town of Tal Afar.",
                published="2014-06-20")
    assert not any(p.name == "Syria" for p in a.places)


def test_wording_makes_a_place_of_a_name_ner_called_a_group(analyse) -> None:
    """'the town of X', 'X, a town in Y' and 'X, in northern Y' make X a place, whatever NER tagged it,
    and every other mention of X in the article with it."""
    a = analyse("Soldiers reinforced checkpoints around Zvečan, in northern Kosovo, on Friday. The mayor of "
                "Zvečan urged calm.", published="2024-05-10")
    assert any(p.name == "Zvečan" for p in a.places)
    zvecan = next(p for p in a.places if p.name == "Zvečan")
    assert len(zvecan.mentions) == 2
    a = analyse("Gunmen attacked the town of Mocímboa da Praia in Mozambique's Cabo Delgado province on Sunday.",
                published="2024-05-10")
    assert place_name(a, only(a, "ASSAULT")) == "Mocímboa da Praia"
    a = analyse("Troops were sent to Pacaraima, a town in Roraima state, on Tuesday.", published="2024-05-10")
    assert any(p.name == "Pacaraima" for p in a.places)


def test_the_place_inside_the_other_is_the_events_place(analyse) -> None:
    """'in Y's province, in the city of X': of two places the clause names with nearly equal weight, the one
    inside the other."""
    a = analyse("Police arrested ten protesters in Pakistan's Punjab province, in the city of Multan.",
                published="2024-05-10")
    assert place_name(a, only(a, "COERCE")) == "Multan"
    a = analyse("Protesters marched through Kanbalu, in Myanmar's Sagaing region, on Monday.",
                published="2024-05-10")
    assert place_name(a, only(a, "PROTEST")) == "Kanbalu"


def test_a_place_deep_inside_a_long_object_is_not_stated_for_the_event(analyse) -> None:
    """'imposed sanctions ... over ... backing for Russia's war in Ukraine': Ukraine hangs too far from the
    trigger to be where the sanctions were imposed; the event falls back to the article's place, marked so."""
    a = analyse("The European Union on Monday imposed sanctions on 18 officials and three state firms over the "
                "jailing of activists and the government's backing for Russia's war in Ukraine, the bloc said.",
                published="2024-05-10")
    ev = only(a, "SANCTION")
    assert not (place_name(a, ev) == "Ukraine" and ev.place_basis == "stated")


def test_a_country_ner_called_a_group_or_person_is_still_a_place(analyse) -> None:
    """'Moldova' tagged ORG, 'Niger' tagged PERSON: the very name of a country is a place all the same."""
    a = analyse("Moldova applied to join the bloc on Monday. Officials in Chad and Niger met on Monday.",
                published="2024-05-10")
    names = {p.name for p in a.places}
    assert {"Moldova", "Niger", "Chad"} <= names


def test_the_town_of_x_stands_where_town_stands(analyse) -> None:
    """'in the town of X, 55 km west of Y': X is as close to the trigger as "town" is, so it, not the
    reference point Y, is where it happened -- unless Y is all the sentence gives."""
    a = analyse("Security forces arrested four suspects in the town of Hawija, about 55 km west of Kirkuk, on "
                "Friday.", published="2024-05-10")
    assert place_name(a, only(a, "COERCE")) != "Kirkuk"
    a = analyse("Gunmen attacked a checkpoint 20 km south of Baghdad on Sunday.", published="2024-05-10")
    assert place_name(a, only(a, "ASSAULT")) == "Baghdad"


def test_a_capital_that_speaks_is_no_place_of_the_event(analyse) -> None:
    """'in what Beijing called a warning': Beijing is the government speaking, not where ships were sent."""
    a = analyse("Chinese forces began drills near Taiwan on Friday, sending warships and aircraft into waters "
                "east of the island in what Beijing called a warning to separatists.", published="2024-05-10")
    evs = [v for v in a.events if v.trigger.text == "sending"]
    assert evs and place_name(a, evs[0]) != "Beijing"


def test_a_dateline_city_in_capitals_is_a_place_even_when_ner_misses_it(analyse) -> None:
    """'SAN DIEGO (AP) —': NER may call a capitalised dateline a group or miss it; it is the story's place."""
    a = analyse("SAN DIEGO (AP) — Police shot a man who attacked officers with a knife on Friday, officials said.",
                published="2024-05-10")
    assert any(p.name == "San Diego" for p in a.places)
    ev = a.events[0]
    assert place_name(a, ev) == "San Diego" and ev.place_basis == "dateline"
    a = analyse("ALBUQUERQUE, N.M. (AP) — Firefighters battled a blaze on Sunday.", published="2024-05-10")
    assert any(p.name == "Albuquerque" for p in a.places)


def test_a_landmark_that_is_an_actor_is_no_place_by_any_name() -> None:
    """The White House is an actor, not a place to map -- nor is it when named as the Oval Office, which
    NER may tag a facility."""
    import spacy
    from spacy.tokens import Span as SpacySpan

    from wirewatch.analysis import Analysis
    from wirewatch.kb import KnowledgeBase
    from wirewatch.model import Article
    from wirewatch.resolve.places.component import resolve_places

    text = "The president met senators in the Oval Office and later flew to Chicago."
    doc = spacy.blank("en")(text)
    oval = doc.char_span(text.index("Oval"), text.index(" and"))
    chicago = doc.char_span(text.index("Chicago"), text.index("Chicago") + 7)
    doc.ents = [SpacySpan(doc, oval.start, oval.end, label="FAC"), SpacySpan(doc, chicago.start, chicago.end,
                                                                             label="GPE")]
    analysis = Analysis(article=Article(text=text), doc=doc)
    resolve_places(analysis, KnowledgeBase().gazetteer)
    assert [p.name for p in analysis.places] == ["Chicago"]
    assert [t.text for t in analysis.toponyms] == ["Chicago"]


def test_a_country_named_for_an_event_gives_way_to_the_storys_city_inside_it(analyse) -> None:
    a = analyse("BAGHDAD (Reuters) - U.S. forces fought Islamic State militants in Iraq on Monday, "
                "officials said.", published="2024-05-10")
    ev = only(a, "ASSAULT")
    assert place_name(a, ev) == "Baghdad" and ev.place_basis == "context"


def test_a_country_named_for_an_event_stays_when_the_storys_city_is_elsewhere(analyse) -> None:
    a = analyse("AMMAN (Reuters) - U.S. forces fought Islamic State militants in Iraq on Monday, "
                "officials said.", published="2024-05-10")
    ev = only(a, "ASSAULT")
    assert place_name(a, ev) == "Iraq" and ev.place_basis == "stated"


def test_the_story_place_is_the_city_it_names_most_not_the_last_one(analyse) -> None:
    a = analyse("Ukrainian forces entered Kherson on Friday. Kherson was the only regional capital Russia had taken. "
                "Residents of Kherson said food had run out, officials in Mykolaiv said. Russian troops shelled "
                "the city overnight.", published="2022-11-13")
    ev = only(a, "ASSAULT")
    assert place_name(a, ev) == "Kherson" and ev.place_basis == "context"


def test_a_place_that_names_an_actor_is_not_where_the_story_is(analyse) -> None:
    a = analyse("The two men were found on a bench in the city of Salisbury on March 4. Moscow denies any "
                "involvement. She said in a statement issued by London police that she was recovering. The attack "
                "left both in a critical condition.", published="2018-04-05")
    ev = only(a, "ASSAULT")
    assert place_name(a, ev) == "Salisbury" and ev.place_basis == "context"
