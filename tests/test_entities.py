"""Entity grouping: names, surnames, acronyms, titles, nominal actors and pronouns."""

from __future__ import annotations


def names(analysis) -> dict[str, list[str]]:
    return {e.name: [m.text for m in e.mentions] for e in analysis.entities}


def entity_with_mention(analysis, text: str):
    return next(e for e in analysis.entities if any(m.text == text for m in e.mentions))


def test_surname_pronoun_and_title_join_the_person(analyse) -> None:
    a = analyse("Kenyan President William Ruto met protest leaders on Monday. Ruto said he would "
                "review the tax bill. The president later left for Mombasa.")
    ruto = entity_with_mention(a, "William Ruto")
    assert {"Ruto", "he", "The president"} <= {m.text for m in ruto.mentions}
    assert ruto.label == "PERSON"
    # the title before the name is context for actor coding, not an entity of its own
    assert "President" in a.entity_context[ruto.id]
    assert not any(e.name == "Kenyan President" for e in a.entities)


def test_acronym_defined_in_parentheses_is_one_entity(analyse) -> None:
    a = analyse("Fighters of the Allied Democratic Forces (ADF) attacked a village. The ADF denied it.")
    adf = entity_with_mention(a, "ADF")
    assert adf.name == "Allied Democratic Forces"
    assert sum(m.text == "ADF" for m in adf.mentions) == 2


def test_nominal_actors_absorb_demonyms(analyse) -> None:
    a = analyse("Sudanese government security forces fired tear gas at protesters in Khartoum, "
                "a senior police official said.")
    forces = entity_with_mention(a, "Sudanese government security forces")
    assert forces.label == "NOMINAL"
    official = entity_with_mention(a, "a senior police official")
    assert official.label == "NOMINAL"
    assert not any(e.label == "NORP" and e.name == "Sudanese" for e in a.entities)


def test_country_aliases_merge(analyse) -> None:
    a = analyse("The United States imposed sanctions on Friday. The U.S. said more would follow.")
    usa = [e for e in a.entities if e.label == "GPE"]
    assert len(usa) == 1
    assert {m.text for m in usa[0].mentions} >= {"United States", "U.S."}


def test_it_as_speaker_of_a_reported_clause(analyse) -> None:
    a = analyse("The foreign ministry of Japan said on Tuesday that it was monitoring the situation.")
    it = next(tok for tok in a.doc if tok.lower_ == "it")
    assert a.entity_for_token(it) is not None


def test_glued_acronym_is_split_without_moving_offsets(analyse) -> None:
    text = "Troops entered the town, CNNreported on Friday."
    a = analyse(text)
    cnn = entity_with_mention(a, "CNN")
    m = cnn.mentions[0]
    assert text[m.start:m.end] == "CNN"


def test_organisations_owned_by_different_countries_stay_apart(analyse) -> None:
    a = analyse("Russia's Defence Ministry denied targeting civilians. Ukraine's Defence Ministry said 11 drones "
                "were shot down.")
    ministries = [e for e in a.entities if e.name.endswith("Defence Ministry")]
    assert {e.name for e in ministries} == {"Russia's Defence Ministry", "Ukraine's Defence Ministry"}
    assert {e.actor.country for e in ministries} == {"RUS", "UKR"}


def test_nested_actor_nouns_make_one_entity(analyse) -> None:
    a = analyse("Nine people were killed, police and hospital officials said.")
    nominals = [e.name for e in a.entities if e.label == "NOMINAL"]
    assert "police and hospital officials" in nominals
    assert "police" not in nominals and "hospital" not in nominals


def test_a_blank_line_or_a_headline_ends_a_sentence(analyse) -> None:
    text = ("Mayor Says Bridge Will Reopen In March\nThe bridge will reopen in March, the mayor said.\n\n"
            "9:30 p.m.\n\nCouncillor Ada Brandt says the repairs are over budget.\nThe work\nwent on all night.")
    sents = [s.text.strip() for s in analyse(text).doc.sents]
    assert "Mayor Says Bridge Will Reopen In March" in sents
    assert "9:30 p.m." in sents
    assert "Councillor Ada Brandt says the repairs are over budget." in sents
    assert "The work\nwent on all night." in sents  # a line wrapped mid-sentence stays one sentence


def test_a_timestamp_paragraph_does_not_steal_the_speaker(analyse) -> None:
    a = analyse("9:30 p.m.\n\nCouncillor Ada Brandt says the repairs are over budget.")
    [att] = a.attributions
    assert att.speaker.text == "Councillor Ada Brandt"
    assert att.content.text == "the repairs are over budget"


def test_the_ministry_is_the_ministry_named_before(analyse) -> None:
    a = analyse("Russia's Foreign Ministry accused Britain on Monday of staging a provocation. "
                "The ministry said London had offered no evidence.")
    ministry = entity_with_mention(a, "The ministry")
    assert ministry is not None and ministry.name == "Russia's Foreign Ministry"
    speaker = a.attributions[-1].speaker
    assert speaker.text == "The ministry" and speaker.entity == ministry.id


def test_the_group_and_they_are_the_organisation_named_last(analyse) -> None:
    a = analyse("Foreign Minister Sergei Lavrov spoke to reporters in Moscow. He said Russia would expel diplomats.\n\n"
                "The Taliban claimed responsibility for the attack in Kunduz. The group said its fighters had "
                "killed 20 soldiers. They also said they had seized weapons.")
    taliban = entity_with_mention(a, "Taliban")
    assert entity_with_mention(a, "The group") is taliban
    by_text = {att.speaker.text: att.speaker.entity for att in a.attributions}
    assert by_text["The group"] == taliban.id
    assert by_text["They"] == taliban.id  # not Lavrov, the previous person who spoke


def test_a_group_described_on_its_own_is_not_the_last_organisation(analyse) -> None:
    a = analyse("The Taliban claimed the attack. Hours later a group of protesters gathered in Kabul.")
    taliban = entity_with_mention(a, "Taliban")
    assert not any(m.text.startswith("a group") for m in taliban.mentions)


def test_moving_things_into_an_area_is_not_seizing_it(analyse) -> None:
    a = analyse("The Israeli military said the group had been moving rockets into the area.")
    assert not any(ev.event_type == "COERCE" for ev in a.events)
    b = analyse("Rebel fighters moved into the town on Tuesday, residents said.")
    assert any(ev.event_type == "COERCE" for ev in b.events)


def test_a_nominal_owned_by_a_pronoun_takes_its_owners_country(analyse) -> None:
    a = analyse("MOSCOW — Russia protested on Monday.\n\nThe Taliban claimed responsibility for the attack in "
                "Kunduz. The group said its fighters had killed 20 soldiers.")
    fighters = entity_with_mention(a, "its fighters")
    assert fighters.actor.country == "AFG"  # the Taliban's, not the dateline's Russia


def test_a_family_name_written_first_is_the_person_on_later_mentions(analyse) -> None:
    a = analyse("Chinese State Councilor and Foreign Minister Wang Yi said in Moscow on Thursday that talks "
                "must resume. All sides should work toward peace, Wang told a news conference.")
    wang = entity_with_mention(a, "Wang Yi")
    assert "Wang" in {m.text for m in wang.mentions}
    assert wang.label == "PERSON"
    # the title is context, not a person of its own ("State Councilor and Foreign Minister")
    assert not any(e.name == "Councilor" for e in a.entities)
    assert wang.actor.country == "CHN"


def test_a_subject_pronoun_follows_the_last_subject_not_a_name_inside_the_clause(analyse) -> None:
    a = analyse("U.S. Trade Representative Robert Lighthizer said Trump's proposal was an appropriate response. "
                '"Such measures would cause further harm to American workers," he said in a statement.')
    he = next(tok for tok in a.doc if tok.lower_ == "he")
    assert a.entity(a.entity_for_token(he)).name == "Robert Lighthizer"
    b = analyse("Trump's top economic adviser, Larry Kudlow, said on Thursday that talks were ongoing. "
                'But, he said, "China\'s trading actions are damaging."')
    he = next(tok for tok in b.doc if tok.lower_ == "he")
    assert b.entity(b.entity_for_token(he)).name == "Larry Kudlow"


def test_a_bare_surname_tagged_as_an_organisation_joins_the_full_name_named_later(analyse) -> None:
    a = analyse("Cerar said the evidence pointed to Moscow. Outgoing Prime Minister Miro Cerar spoke for an hour "
                "in parliament on Tuesday.")
    cerar = entity_with_mention(a, "Miro Cerar")
    assert cerar.label == "PERSON"
    assert "Cerar" in {m.text for m in cerar.mentions}
    assert not any(e.label == "ORG" and e.name == "Cerar" for e in a.entities)


def test_a_nominal_with_its_own_country_does_not_join_another_countrys_nominal(analyse) -> None:
    a = analyse("The Saudi military said it had intercepted a missile over Riyadh. The U.S. military said it "
                "had no role in the strike.")
    saudi = entity_with_mention(a, "The Saudi military")
    assert not any("U.S." in m.text for m in saudi.mentions)
    us = next(e for e in a.entities if any("U.S. military" in m.text for m in e.mentions))
    assert us.actor.country == "USA"


def test_a_us_legislator_is_coded_from_title_and_party_tag(analyse) -> None:
    a = analyse("Sen. Lindsey Graham, R-S.C., told reporters in Damascus that the strikes must go on.")
    graham = entity_with_mention(a, "Lindsey Graham")
    assert (graham.actor.country, graham.actor.sector) == ("USA", "LEG")


def test_a_country_acting_has_a_government_reading(analyse) -> None:
    a = analyse("Russia expelled 23 British diplomats on Saturday.")
    russia = entity_with_mention(a, "Russia")
    assert russia.actor.country == "RUS" and "GOV" in [russia.actor.sector, *russia.actor.other_sectors]


def test_a_title_word_is_no_organisation_and_deputy_is_no_policeman(analyse) -> None:
    a = analyse("The Deputy National Publicity Secretary of the ruling All Progressives Congress (APC), Comrade "
                "Timi Frank, has advised the party's National Chairman, Chief John Odigie-Oyegun, to resign, in a statement signed in Abuja.")
    frank = entity_with_mention(a, "Timi Frank")
    assert frank.actor.country == "NGA" and frank.actor.sector != "COP"
    assert entity_with_mention(a, "John Odigie-Oyegun").actor.country == "NGA"


def test_a_person_no_dictionary_knows_takes_the_storys_country(analyse) -> None:
    a = analyse("Taliban fighters attacked a checkpoint in Kandahar on Monday, Afghan officials said. Mohammad Nabi "
                "Safi said the attackers fled after an hour.")
    assert entity_with_mention(a, "Mohammad Nabi Safi").actor.country == "AFG"


def test_a_person_named_at_the_end_of_an_organisation_span_is_that_person(analyse) -> None:
    a = analyse("Outgoing PM Cerar said the incident is not being investigated only by Great Britain. Miro Cerar "
                "leads the government.")
    cerar = entity_with_mention(a, "Miro Cerar")
    assert cerar.label == "PERSON" and any(m.text == "Cerar" for m in cerar.mentions)
    assert not any(e.label == "ORG" and "Cerar" in e.name for e in a.entities)


def test_a_subject_pronoun_skips_a_person_buried_clauses_down_in_its_sentence(analyse) -> None:
    a = analyse('Provincial police chief Abdul Razaq Yaqoobi confirmed the attack on Monday. "The police post in '
                'Abdul Satar village which was manned by ten police and commanded by a local officer named '
                'Safiullah came under heavy shelling," he said.')
    assert any(m.text == "he" for m in entity_with_mention(a, "Abdul Razaq Yaqoobi").mentions)
    assert not any(m.text == "he" for m in entity_with_mention(a, "Safiullah").mentions)


def test_a_subject_pronoun_after_a_person_one_clause_down_is_that_person(analyse) -> None:
    a = analyse("Kenyan President William Ruto spoke in Nairobi on Monday. When Raila Odinga arrived in Kisumu, "
                "he told supporters that the vote had been stolen.")
    assert any(m.text == "he" for m in entity_with_mention(a, "Raila Odinga").mentions)


def test_a_role_and_country_nominal_is_the_story_s_person_of_that_country(analyse) -> None:
    a = analyse("Chinese Foreign Minister Wang Yi met Russian Foreign Minister Sergei Lavrov in Moscow on Thursday. "
                "Wang, who is visiting Russia as the special envoy of Chinese President Xi Jinping, said the talks "
                "went well. The issue should be dealt with stage by stage, the top Chinese diplomat said.")
    wang = entity_with_mention(a, "Wang Yi")
    assert any(m.text == "the top Chinese diplomat" for m in wang.mentions)


def test_a_police_post_is_a_place_of_police_not_a_document(analyse) -> None:
    a = analyse("Police chief Abdul Razaq Yaqoobi spoke on Monday. The police post in the village came under "
                "heavy shelling.")
    assert not any(m.text.lower() == "the police" for m in entity_with_mention(a, "Abdul Razaq Yaqoobi").mentions)
