"""Attribution extraction on short news-style passages written for these tests."""

from __future__ import annotations

import pytest

from wirewatch.analysis import Analysis
from wirewatch.config import Settings
from wirewatch.extract.attributions import Extractor, cue_lexicon, find_quotes
from wirewatch.model import STANCES, Article, Attribution, Cue
from wirewatch.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    # entities resolve speakers and pronouns; places/dates are not needed here
    return Pipeline(Settings(pipeline=("entities", "attributions")))


def run(pipe: Pipeline, text: str) -> Analysis:
    analysis = pipe.analyse(Article(text=text, published="2024-05-10"))
    for a in analysis.attributions:  # offsets are exact everywhere
        assert text[a.content.start:a.content.end] == a.content.text
        if a.cue is not None:
            assert text[a.cue.start:a.cue.end] == a.cue.text
        if a.speaker.start is not None:
            assert text[a.speaker.start:a.speaker.end] == a.speaker.text
        assert a.stance in STANCES
    assert [a.id for a in analysis.attributions] == [f"A{i}" for i in range(1, len(analysis.attributions) + 1)]
    return analysis


def find(analysis: Analysis, content: str) -> Attribution:
    hits = [a for a in analysis.attributions if content in a.content.text]
    assert hits, f"no attribution with content {content!r}: {[a.content.text for a in analysis.attributions]}"
    return hits[0]


def name(analysis: Analysis, entity_id: str | None) -> str:
    ent = analysis.entity(entity_id)
    assert ent is not None, entity_id
    return " ".join([ent.name] + [m.text for m in ent.mentions])


def via_names(analysis: Analysis, a: Attribution) -> list[str]:
    return [name(analysis, v) for v in a.via]


# -- lexicon and quotes -------------------------------------------------------------------------------
def test_lexicon_loads_once_with_stances() -> None:
    lex = cue_lexicon()
    assert lex is cue_lexicon()
    assert lex.verbs["say"][0].stance == "asserts"
    assert lex.verbs["deny"][0].stance == "denies"
    assert lex.verbs["confirm"][0].negated == "cannot_confirm"
    assert lex.verbs["decline"][0].stance == "cannot_confirm"  # the documented choice
    assert lex.verbs["rule"][0].particle == "out"
    assert "reportedly" in lex.sourceless_hedges and "afp" in lex.outlet_names


def test_find_quotes_curly_straight_and_run_on() -> None:
    text = '“One two,” he said. "Three four."\n“Five six\n“Seven.”'
    quotes = find_quotes(text)
    assert [text[q.start:q.end] for q in quotes] == ["One two", "Three four.", "Five six", "Seven."]
    assert [q.closed for q in quotes] == [True, True, False, True]


# -- direct quotes ------------------------------------------------------------------------------------
def test_quote_before_cue(pipe: Pipeline) -> None:
    text = '"We will not negotiate with terrorists," Interior Minister Ahmed Saleh said on Monday.'
    an = run(pipe, text)
    a = find(an, "negotiate with terrorists")
    assert a.kind == "direct" and a.stance == "asserts"
    assert a.content.text == "We will not negotiate with terrorists"
    assert "Ahmed Saleh" in a.speaker.text and "Saleh" in name(an, a.speaker.entity)
    assert a.cue is not None and a.cue.lemma == "say"


def test_quote_after_cue_with_colon_and_outlet(pipe: Pipeline) -> None:
    text = 'Army spokesman Colonel Tariq Aziz told AFP: “The border crossing is closed until further notice.”'
    an = run(pipe, text)
    a = find(an, "border crossing is closed")
    assert a.kind == "direct" and "Tariq Aziz" in a.speaker.text
    assert a.cue is not None and a.cue.text == "told"
    assert any("AFP" in v for v in via_names(an, a))


def test_multi_sentence_quote_and_continuation(pipe: Pipeline) -> None:
    text = ('"The talks have collapsed. There is no point in returning to Doha," Hamas official Osama Hamdan '
            'said.\n"We are ready for a ceasefire, but not for surrender."')
    an = run(pipe, text)
    a = find(an, "The talks have collapsed. There is no point")
    assert a.kind == "direct" and "Hamdan" in a.speaker.text
    # the quotation runs on into the next paragraph: one attribution, its content spanning both parts
    # (PolNeAR convention; see docs/attribution.md)
    assert "ready for a ceasefire" in a.content.text and len(an.attributions) == 1


def test_quote_then_so_said_in_next_sentence(pipe: Pipeline) -> None:
    text = ("“We will respond at a time of our choosing.” So said the defence minister, Yoav Gallant, "
            "after the attack.")
    an = run(pipe, text)
    a = find(an, "respond at a time of our choosing")
    assert a.kind == "direct" and "defence minister" in a.speaker.text


def test_cue_colon_then_quote(pipe: Pipeline) -> None:
    text = 'The prime minister said: "Our patience has limits."'
    a = find(run(pipe, text), "Our patience has limits")
    assert a.kind == "direct" and a.speaker.text == "The prime minister"


def test_pronoun_speaker_resolves(pipe: Pipeline) -> None:
    text = ("Foreign Minister Sergei Lavrov met his Turkish counterpart in Ankara on Tuesday. "
            "He said the two countries had agreed to expand trade.")
    an = run(pipe, text)
    a = find(an, "the two countries had agreed to expand trade")
    assert a.kind == "indirect" and a.speaker.text == "He"
    assert "Lavrov" in name(an, a.speaker.entity)


# -- indirect speech ----------------------------------------------------------------------------------
def test_indirect_said_that_content_offsets(pipe: Pipeline) -> None:
    text = "Rebels said that they had captured the town of Kafr Nabl after heavy fighting."
    an = run(pipe, text)
    a = find(an, "captured the town")
    assert a.kind == "indirect" and a.speaker.text == "Rebels"
    assert a.content.text == "they had captured the town of Kafr Nabl after heavy fighting"


def test_says_present_tense(pipe: Pipeline) -> None:
    a = find(run(pipe, "The senator says the bill will pass next week."), "the bill will pass")
    assert a.speaker.text == "The senator" and a.cue is not None and a.cue.text == "says"


def test_warned_vowed_accused(pipe: Pipeline) -> None:
    text = ("The opposition accused the government of rigging the election. "
            "Protest leaders vowed to keep marching until the vote is annulled.")
    an = run(pipe, text)
    a = find(an, "rigging the election")
    assert a.speaker.text == "The opposition" and a.cue is not None and a.cue.lemma == "accuse"
    b = find(an, "keep marching")
    assert b.speaker.text == "Protest leaders" and b.cue is not None and b.cue.lemma == "vow"


def test_content_before_speaker_told_the_channel_chain(pipe: Pipeline) -> None:
    text = ("Iran has sent troops to Iraq, CNN reported on Friday.\n"
            "Iran has sent 500 Revolutionary Guard soldiers to Diyala province, a senior security official "
            "in Baghdad told the channel.")
    an = run(pipe, text)
    cnn = find(an, "Iran has sent troops to Iraq")
    assert cnn.speaker.text == "CNN" and cnn.via == []
    a = find(an, "500 Revolutionary Guard soldiers")
    assert a.speaker.anonymous and "senior security official" in a.speaker.text
    assert a.cue is not None and a.cue.text == "told"
    assert any("CNN" in v for v in via_names(an, a))
    assert not any("channel" in a.content.text for a in an.attributions)


def test_told_reuters_anonymous_police_source(pipe: Pipeline) -> None:
    text = "A police source told Reuters that three officers were wounded in the blast."
    an = run(pipe, text)
    a = find(an, "three officers were wounded")
    assert a.speaker.anonymous and a.speaker.text == "A police source"
    assert any("Reuters" in v for v in via_names(an, a))


def test_citing_two_diplomats(pipe: Pipeline) -> None:
    text = "Reuters reported, citing two diplomats, that Iran had delivered missiles to the group."
    an = run(pipe, text)
    a = find(an, "Iran had delivered missiles")
    assert a.speaker.text == "two diplomats" and a.speaker.anonymous
    assert "citing" not in a.content.text
    assert any("Reuters" in v for v in via_names(an, a))


def test_quoted_as_saying(pipe: Pipeline) -> None:
    text = "State media quoted General Ali Rahimi as saying that the border was secure."
    an = run(pipe, text)
    a = find(an, "the border was secure")
    assert "Rahimi" in a.speaker.text


def test_interview_with_outlet_and_speaking_to(pipe: Pipeline) -> None:
    text = ("The president said in an interview with CNN that he would veto the bill. "
            "Speaking to the BBC, the mayor said the city had run out of shelters.")
    an = run(pipe, text)
    assert any("CNN" in v for v in via_names(an, find(an, "veto the bill")))
    assert any("BBC" in v for v in via_names(an, find(an, "run out of shelters")))


# -- according to -------------------------------------------------------------------------------------
def test_according_to_before_and_after(pipe: Pipeline) -> None:
    text = ("According to the United Nations, more than 500 civilians have been killed since March. "
            "Security forces fired on protesters in the capital, according to two witnesses.")
    an = run(pipe, text)
    a = find(an, "500 civilians")
    assert a.kind == "according_to" and a.speaker.text == "the United Nations"
    assert a.content.text == "more than 500 civilians have been killed since March"
    assert a.cue is not None and a.cue.lemma == "according to"
    b = find(an, "fired on protesters")
    assert b.kind == "according_to" and b.speaker.anonymous
    assert b.content.text == "Security forces fired on protesters in the capital"


def test_according_to_outlet_after_quote_is_via(pipe: Pipeline) -> None:
    text = ('“We are not going to be dragged back into a war,” Obama said from the South Lawn, according to '
            'the Associated Press.')
    an = run(pipe, text)
    a = find(an, "dragged back")
    assert a.kind == "direct" and a.speaker.text == "Obama"
    assert any("Associated Press" in v for v in via_names(an, a))
    assert len(an.attributions) == 1


def test_according_to_polls_and_beliefs(pipe: Pipeline) -> None:
    text = ("Most voters want Congress to act on immigration, according to polls. "
            "The governor believes the state can balance its budget. "
            "The Washington Post has learned that the FBI opened an investigation in March.")
    an = run(pipe, text)
    polls = [a for a in an.attributions if a.kind == "according_to"]
    assert polls and polls[0].speaker.text == "polls" and "Most voters want Congress" in polls[0].content.text
    assert find(an, "balance its budget").speaker.text == "The governor"
    assert find(an, "the FBI opened an investigation").speaker.text == "The Washington Post"


# -- stance -------------------------------------------------------------------------------------------
def test_denied(pipe: Pipeline) -> None:
    a = find(run(pipe, "The army denied that its soldiers had shelled the village."), "shelled the village")
    assert a.stance == "denies" and a.speaker.text == "The army"
    assert a.content.text == "its soldiers had shelled the village"


def test_rejected_the_report_and_false(pipe: Pipeline) -> None:
    text = ("The ministry rejected the report as baseless. "
            "The Russian Defence Ministry said the claims were false.")
    an = run(pipe, text)
    assert find(an, "the report").stance == "denies"
    assert find(an, "the claims were false").stance == "denies"


def test_rejecting_a_thing_denies_no_claim(pipe: Pipeline) -> None:
    # reject/dismiss deny only claims ('the report'); a policy rejected is an act, and what it is called
    # ('rejected the sanctions as "an illegal aggression"') is asserted, not denied
    text = ('The foreign ministry rejected the sanctions as "an illegal aggression". '
            "The rebels have rejected previous offers to disarm. "
            "The minister dismissed the report as baseless.")
    an = run(pipe, text)
    called = find(an, "an illegal aggression")
    assert called.stance == "asserts" and called.speaker.text == "The foreign ministry"
    assert not [a for a in an.attributions if "offers" in a.content.text]
    assert find(an, "the report").stance == "denies"


def test_could_not_confirm_and_unable_to_verify(pipe: Pipeline) -> None:
    text = ("The Pentagon said on Friday it could not confirm reports of Iranian forces inside Iraq. "
            "The Foreign Ministry said it was unable to verify the claims.")
    an = run(pipe, text)
    a = find(an, "could not confirm reports")
    assert a.stance == "cannot_confirm" and a.speaker.text == "The Pentagon"
    assert not a.content.text.startswith("on Friday")
    assert len([x for x in an.attributions if "confirm" in x.content.text]) == 1  # "it ... confirm" merged
    assert find(an, "unable to verify").stance == "cannot_confirm"


def test_nothing_to_confirm_in_quote(pipe: Pipeline) -> None:
    text = ("“I’ve seen the press reporting on that, but I have nothing to confirm that there are Iranian "
            "special forces inside Iraq,” spokesman Rear Admiral John Kirby said.")
    an = run(pipe, text)
    a = find(an, "nothing to confirm")
    assert a.kind == "direct" and a.stance == "cannot_confirm" and "Kirby" in a.speaker.text
    assert len(an.attributions) == 1


def test_declined_to_comment_is_cannot_confirm(pipe: Pipeline) -> None:
    a = find(run(pipe, "The embassy declined to comment on the allegations."), "comment on the allegations")
    assert a.stance == "cannot_confirm" and a.speaker.text == "The embassy"
    assert a.cue is not None and a.cue.lemma == "decline"


def test_hedges(pipe: Pipeline) -> None:
    text = ("Militants have reportedly seized two oil fields near Kirkuk. "
            "Turkish officials said the drone may have been launched from Syria. "
            "It is unclear whether the strike hit any military targets, the Pentagon said. "
            "The United States is believed to have pressed both sides to agree to a truce.")
    an = run(pipe, text)
    a = find(an, "seized two oil fields")
    assert a.stance == "hedges" and a.speaker.text == "" and a.speaker.anonymous
    assert a.cue is not None and a.cue.text == "reportedly"
    b = find(an, "may have been launched")
    assert b.stance == "hedges" and b.speaker.anonymous
    assert find(an, "military targets").stance == "hedges"
    c = find(an, "pressed both sides")
    assert c.stance == "hedges" and "The United States" in c.content.text


def test_negated_cue_is_no_assertion(pipe: Pipeline) -> None:
    text = ("She did not say when the vote would take place. The minister never claimed the war was over. "
            "Officials do not expect a deal before the summer.")
    an = run(pipe, text)
    assert [a for a in an.attributions if a.stance == "asserts"] == []
    # the rules propose each as what was not said (speech) or what the holder believes against (belief); the
    # learnt filter then keeps those that PolNeAR-style annotation would
    stances = {r.cue.text: r.stance for r in Extractor(an, cue_lexicon()).candidates() if r.cue is not None}
    assert stances == {"say": "cannot_confirm", "claimed": "cannot_confirm", "expect": "denies"}
    assert all(r.plain_negation for r in Extractor(an, cue_lexicon()).candidates())


def test_alleged_in_reported_content_hedges(pipe: Pipeline) -> None:
    a = find(run(pipe, "The Kremlin allegedly ordered the operation, the newspaper said."), "ordered the operation")
    assert a.stance == "hedges" and a.speaker.text == "the newspaper"


# -- disputes -----------------------------------------------------------------------------------------
def test_disputes_link_by_overlap(pipe: Pipeline) -> None:
    text = ("Iran has sent troops to fight in Iraq, CNN reported on Friday.\n"
            "However, the Pentagon said it could not confirm the presence of Iranian forces inside Iraq.\n"
            "Separately, the ministry said it had opened a new school in Basra.")
    an = run(pipe, text)
    claim = find(an, "Iran has sent troops")
    denial = find(an, "could not confirm")
    school = find(an, "new school")
    assert denial.stance == "cannot_confirm"
    assert claim.disputed_by == [denial.id]
    assert school.disputed_by == []


def test_disputes_anaphoric_and_nested(pipe: Pipeline) -> None:
    text = ("Sudan's army said the Rapid Support Forces had attacked a displacement camp near El Fasher.\n"
            "The RSF denied the accusation.\n"
            "The White House said Iran's claim that it had shot down a U.S. drone was untrue.")
    an = run(pipe, text)
    army = find(an, "attacked a displacement camp")
    rsf = find(an, "the accusation")
    assert rsf.stance == "denies" and army.disputed_by == [rsf.id]
    wh = find(an, "was untrue")
    iran = next(a for a in an.attributions if a.content.text == "it had shot down a U.S. drone")
    assert wh.stance == "denies" and iran.disputed_by == [wh.id]


def test_a_non_confirmation_pointing_back_answers_the_claim_it_shares_words_with(pipe: Pipeline) -> None:
    text = ("A drone strike hit a market in Tarkint on Tuesday, killing at least 11 people, local officials said.\n"
            "The army said the targets had been identified after several days of surveillance.\n"
            "An army spokesman could not confirm the number of people killed.")
    an = run(pipe, text)
    toll = find(an, "A drone strike hit")
    surveillance = find(an, "targets had been identified")
    spokesman = find(an, "the number of people killed")
    assert spokesman.stance == "cannot_confirm"
    assert toll.disputed_by == [spokesman.id] and surveillance.disputed_by == []


def test_the_accused_answering_disputes_the_accusation(pipe: Pipeline) -> None:
    text = ("A spokesman for government forces accused the Houthis of firing the shells from the hills.\n"
            "The Houthis denied involvement.\n"
            "Separately, the ministry said it had opened a new school in Taiz.\n"
            "The union denied any wrongdoing.")
    an = run(pipe, text)
    accusation = find(an, "firing the shells")
    denial = find(an, "involvement")
    assert denial.stance == "denies" and accusation.disputed_by == [denial.id]
    # a short denial by someone the claims before it do not name answers none of them
    assert find(an, "new school").disputed_by == []


def test_a_quotation_going_on_with_a_denial_disputes_the_same_claim(pipe: Pipeline) -> None:
    text = ("The bloc says Georgian police used excessive force against the demonstrators.\n"
            "Georgia's foreign ministry denied that police had used excessive force. "
            "\"Our officers acted strictly within the law to protect public order,\" the ministry said.\n"
            "\"We will answer in kind,\" the ministry said a week later in a separate statement about trade talks "
            "that had stalled for months over tariffs on wine, mineral water and hazelnuts.")
    an = run(pipe, text)
    claim = find(an, "used excessive force against")
    denial = find(an, "police had used excessive force")
    quote = find(an, "acted strictly within the law")
    assert set(claim.disputed_by) == {denial.id, quote.id}
    assert find(an, "answer in kind").id not in claim.disputed_by


# -- precision ----------------------------------------------------------------------------------------
def test_no_attribution_without_a_source(pipe: Pipeline) -> None:
    text = ("Presidential remarks\nThe last U.S. troops withdrew in 2011 after more than eight years of war. "
            "The so-called “peace plan” was signed in Oslo.")
    assert run(pipe, text).attributions == []


def test_ids_in_text_order(pipe: Pipeline) -> None:
    text = ('"The camp was shelled from the north," one aid worker said. "We counted 40 bodies."\n'
            "A doctor at the hospital told the newspaper that the wounded were arriving by cart.")
    an = run(pipe, text)
    starts = [min(a.content.start, a.cue.start if a.cue else a.content.start) for a in an.attributions]
    assert starts == sorted(starts) and len(an.attributions) == 2  # the two-sentence quote is one
    assert all(a.speaker.anonymous for a in an.attributions)


def test_interrupted_quote_and_relative_clause_speaker(pipe: Pipeline) -> None:
    text = ('“We are ready,” the commander said, “and we will hold the line.” '
            "The army, which said the town was secure, withdrew on Sunday.")
    an = run(pipe, text)
    first, second = find(an, "We are ready"), find(an, "we will hold the line")
    assert first.kind == second.kind == "direct"
    assert first.speaker.text == second.speaker.text == "the commander"
    assert find(an, "the town was secure").speaker.text == "The army"


# -- content boundaries (PolNeAR's conventions, see docs/attribution.md) ------------------------------
def test_complement_without_that_after_a_time_phrase(pipe: Pipeline) -> None:
    an = run(pipe, "The harbour master said after the storm he would keep the port closed until Monday.")
    a = find(an, "he would keep the port closed")
    assert a.speaker.text == "The harbour master" and a.content.text.startswith("he would keep")


def test_content_runs_on_over_a_clause_hung_on_the_cue(pipe: Pipeline) -> None:
    an = run(pipe, "The mayor said the bridge would reopen in May, when the repairs on the east side are finished.")
    a = find(an, "the bridge would reopen")
    assert a.content.text.endswith("the repairs on the east side are finished")


def test_content_stops_before_the_speakers_next_act(pipe: Pipeline) -> None:
    an = run(pipe, "The mayor said the bridge would reopen in May, and she thanked the engineers for their work.")
    a = find(an, "the bridge would reopen")
    assert a.content.text == "the bridge would reopen in May"


def test_content_does_not_stop_inside_a_quotation(pipe: Pipeline) -> None:
    text = 'The governor called the harbour a "success story in a decade when so many ports have closed," and left.'
    an = run(pipe, text)
    for a in an.attributions:
        for q in find_quotes(text):
            assert not (a.content.start <= q.open and q.start < a.content.end < q.end), a.content.text


def test_no_quotation_borrowed_from_the_previous_paragraph(pipe: Pipeline) -> None:
    text = ('"On this basis," the institute said, "prices will rise again next year."\n\n'
            "The union leader Maria Costa said that wages have been falling for a decade.")
    an = run(pipe, text)
    a = find(an, "wages have been falling")
    assert "On this basis" not in a.content.text
    assert not any(x.speaker.text.endswith("Costa") and "basis" in x.content.text for x in an.attributions)


def test_transcript_label_inside_an_opening_quote(pipe: Pipeline) -> None:
    text = ('Partial transcript as follows:\n\n"HOST: Let us begin with the budget. Will taxes go up next year?\n\n'
            '"MINISTER: Taxes will not go up, and the deficit will shrink.')
    an = run(pipe, text)
    host = find(an, "Let us begin with the budget")
    assert host.speaker.text == "HOST" and "MINISTER" not in host.content.text
    assert find(an, "Taxes will not go up").speaker.text == "MINISTER"


def test_signed_quotations_stay_in_their_paragraphs(pipe: Pipeline) -> None:
    text = ('"The buses never come on time. I walk to work most days." ― Ana Ruiz\n'
            '"Fares went up twice this year and the service got worse." ― Tom Berg')
    an = run(pipe, text)
    ruiz = find(an, "The buses never come")
    assert ruiz.speaker.text == "Ana Ruiz" and "Fares" not in ruiz.content.text
    assert find(an, "Fares went up").speaker.text == "Tom Berg"


def test_cited_as_is_a_claim_citing_a_source_is_a_chain(pipe: Pipeline) -> None:
    an = run(pipe, "The minister cited rising fuel prices as the main reason for the delay.")
    a = find(an, "rising fuel prices")
    assert a.cue is not None and a.cue.lemma == "cite" and a.speaker.text == "The minister"
    an = run(pipe, "Reuters reported, citing two diplomats, that the talks had collapsed.")
    assert len(an.attributions) == 1 and an.attributions[0].speaker.text == "two diplomats"


# -- cues whose content is what follows them (objects, argument prepositions) ---------------------------
def test_speech_cue_with_an_object_as_content(pipe: Pipeline) -> None:
    an = run(pipe, "The mayor stressed the need for a second bridge over the river.")
    a = find(an, "the need for a second bridge")
    assert a.cue is not None and a.cue.lemma == "stress" and a.speaker.text == "The mayor"
    an = run(pipe, "The minister mentioned the new port tariffs in her speech on Tuesday.")
    assert find(an, "the new port tariffs").speaker.text == "The minister"


def test_addressee_or_written_object_is_no_content(pipe: Pipeline) -> None:
    # 'told reporters', 'wrote a memoir', 'added a note': the object is not what was said
    for text in ("The governor told reporters about the storm.", "The general wrote a memoir in 2019.",
                 "The coach added a note of caution."):
        an = run(pipe, text)
        assert not an.attributions, [a.content.text for a in an.attributions]


def test_belief_cue_with_an_object_as_content(pipe: Pipeline) -> None:
    an = run(pipe, "A new survey shows a close race between the two candidates.")
    a = find(an, "a close race between the two candidates")
    assert a.cue is not None and a.cue.lemma == "show" and a.speaker.text == "A new survey"
    an = run(pipe, "Most farmers want lower fuel prices before the harvest.")
    assert find(an, "lower fuel prices").cue.lemma == "want"  # type: ignore[union-attr]


def test_learnt_verbal_act_takes_its_object_a_material_act_does_not(pipe: Pipeline) -> None:
    # a verbal act ('praised', 'criticized') is an evaluation someone voices; an attack on a town is an event
    an = run(pipe, "The senator praised the harbour deal during a visit to the port.")
    a = find(an, "the harbour deal")
    assert a.speaker.text == "The senator" and a.cue is not None and a.cue.lemma == "praise"
    an = run(pipe, "Armed men attacked the village of Lomba on Sunday.")
    assert not an.attributions, [a.content.text for a in an.attributions]


def test_participle_and_infinitive_cues_take_the_main_subject(pipe: Pipeline) -> None:
    # 'After thanking ..., he ...', 'Having announced that ..., the judge ...', 'went on radio to say ...'
    an = run(pipe, "After stating that the port would reopen soon, the minister left for Brussels.")
    assert find(an, "the port would reopen soon").speaker.text == "the minister"
    an = run(pipe, "Having announced that the vote would be delayed, the chairman closed the session.")
    assert find(an, "the vote would be delayed").speaker.text == "the chairman"
    an = run(pipe, "The governor went on local radio to say the curfew would end on Friday.")
    assert find(an, "the curfew would end on Friday").speaker.text == "The governor"


def test_in_a_poll_and_in_his_view_are_sources(pipe: Pipeline) -> None:
    an = run(pipe, "In a poll released on Monday, the governor leads her rival by six points.")
    a = find(an, "the governor leads her rival by six points")
    assert a.kind == "according_to" and "poll" in a.speaker.text and "In a poll" not in a.content.text
    an = run(pipe, "The bridge, in the words of the mayor, is a lifeline for the whole valley.")
    assert find(an, "lifeline").speaker.text == "the mayor"
    # a standing in the polls is no claim of a poll
    an = run(pipe, "The senator has slipped to third place in the polls.")
    assert not an.attributions, [a.content.text for a in an.attributions]


def test_as_the_minister_noted_reports_its_clause(pipe: Pipeline) -> None:
    an = run(pipe, "As the finance minister noted, exports have fallen for three straight months.")
    a = find(an, "exports have fallen for three straight months")
    assert a.speaker.text == "the finance minister" and "As the" not in a.content.text
    an = run(pipe, "Of course, as the finance minister noted, exports have fallen for three straight months.")
    assert find(an, "exports have fallen").content.text.startswith("exports")


def test_that_clause_hung_on_a_preposition_after_the_cue(pipe: Pipeline) -> None:
    an = run(pipe, "The ministry said in a statement that the border crossing would reopen on Friday.")
    a = find(an, "the border crossing would reopen on Friday")
    assert a.speaker.text == "The ministry" and "statement" not in a.content.text


def test_predicative_belief_adjectives(pipe: Pipeline) -> None:
    an = run(pipe, "Local officials are confident that the new bridge will open before winter.")
    a = find(an, "the new bridge will open before winter")
    assert a.speaker.text == "Local officials" and a.cue is not None and a.cue.lemma == "confident"
    an = run(pipe, "Many farmers are worried about the price of diesel.")
    assert find(an, "the price of diesel").speaker.text == "Many farmers"
    # a causative is no belief; nor is an impersonal 'it is clear'
    an = run(pipe, "The guards make sure the doors are locked at night.")
    assert not an.attributions, [a.content.text for a in an.attributions]


def test_stance_and_perception_verbs_with_objects(pipe: Pipeline) -> None:
    an = run(pipe, "Most union members support the new wage contract.")
    assert find(an, "the new wage contract").speaker.text == "Most union members"
    an = run(pipe, "Regional analysts see the ceasefire as a turning point for the province.")
    a = find(an, "the ceasefire as a turning point")
    assert a.speaker.text == "Regional analysts" and a.cue is not None and a.cue.lemma == "see"


def test_questions_asked_whether(pipe: Pipeline) -> None:
    an = run(pipe, "The reporter asked the minister whether the border would stay closed.")
    a = find(an, "the border would stay closed")
    assert a.speaker.text == "The reporter" and a.cue is not None and a.cue.lemma == "ask"
    an = run(pipe, "Asked whether the talks would resume, the envoy said they would.")
    assert find(an, "the talks would resume").speaker.text == ""


def test_more_predicative_adjectives(pipe: Pipeline) -> None:
    an = run(pipe, "Several council members are opposed to the new parking fees.")
    assert find(an, "the new parking fees").speaker.text == "Several council members"


def test_held_nouns_need_a_named_holder(pipe: Pipeline) -> None:
    an = run(pipe, "The opposition leader has long had doubts about the new electoral law.")
    a = find(an, "the new electoral law")
    assert a.speaker.text == "The opposition leader" and a.cue is not None and a.cue.lemma == "doubt"
    an = run(pipe, "The governor's plan to widen the coastal road has angered fishermen.")
    assert find(an, "to widen the coastal road").speaker.text == "The governor"
    # no holder: no claim
    an = run(pipe, "Support for the new electoral law has grown since March.")
    assert not an.attributions, [a.content.text for a in an.attributions]


def test_noun_equated_with_a_clause(pipe: Pipeline) -> None:
    an = run(pipe, "The mayor's answer was that the port would stay closed until spring.")
    a = find(an, "the port would stay closed until spring")
    assert a.speaker.text == "The mayor" and a.cue is not None and a.cue.lemma == "answer"


def test_object_control_keeps_who_is_to_act(pipe: Pipeline) -> None:
    an = run(pipe, "The union urged the city council to freeze bus fares for a year.")
    a = find(an, "to freeze bus fares")
    assert a.content.text.startswith("the city council") and a.speaker.text == "The union"


def test_page_furniture_is_no_transcript_label(pipe: Pipeline) -> None:
    an = run(pipe, "The council met on Monday.\nContributing: Ana Ruiz and Tom Berg in Quito.")
    assert not any(a.speaker.text == "Contributing" for a in an.attributions)


def test_object_content_leaves_out_the_preposition(pipe: Pipeline) -> None:
    an = run(pipe, "The senator talked about the fishing quotas on Tuesday.")
    assert find(an, "the fishing quotas").content.text == "the fishing quotas"


def test_second_that_complement_is_part_of_the_content(pipe: Pipeline) -> None:
    an = run(pipe, "The minister said the border would stay open, but that new checks would start in June.")
    a = find(an, "the border would stay open")
    assert a.content.text.endswith("new checks would start in June")



def test_reported_content_stays_in_the_cue_paragraph(pipe: Pipeline) -> None:
    # the parser sometimes runs a dateline or headline on into the next paragraph; a reported content
    # keeps to the paragraph of its cue (or the one nearest it)
    text = "Update 9:40 a.m.\n\nThe port will reopen on Monday, the harbour authority said."
    ex = Extractor(run(pipe, text), cue_lexicon())
    said = text.index("said")
    s, e = ex.one_paragraph(0, text.index(", the harbour"), Cue(said, said + 4, "said", "say"))
    assert text[s:e] == "The port will reopen on Monday"
    s, e = ex.one_paragraph(0, text.index(", the harbour"), Cue(0, 6, "Update", "update"))
    assert text[s:e] == "Update 9:40 a.m."


def test_quote_continues_after_a_no_break_space(pipe: Pipeline) -> None:
    an = run(pipe, '"We will rebuild the bridge," the engineer said.\xa0"It will take two years."')
    a = find(an, "We will rebuild the bridge")
    assert a.content.text.endswith("It will take two years.") and len(an.attributions) == 1


def test_find_quotes_with_mixed_curly_and_straight_marks() -> None:
    text = '"The dam will hold,” she said. “We checked it twice."'
    assert [text[q.start:q.end] for q in find_quotes(text)] == ["The dam will hold", "We checked it twice."]


def test_quote_continues_past_the_speakers_own_aside(pipe: Pipeline) -> None:
    text = ('"We need new ferries," said Ms. Ortiz, referring to the old boats. '
            '"Give us the money and we will finish what we started."')
    an = run(pipe, text)
    a = find(an, "We need new ferries")
    assert a.content.text.endswith("we will finish what we started.")


def test_a_title_speaker_is_the_person_in_its_apposition(pipe) -> None:
    a = run(pipe, "Larry Kudlow met reporters on Monday. Trump's top economic adviser, Larry Kudlow, said earlier "
                  "Thursday that negotiations were ongoing.")
    att = find(a, "negotiations were ongoing")
    assert "Kudlow" in name(a, att.speaker.entity)


def test_a_statement_named_after_its_issuer_is_the_issuers(pipe) -> None:
    a = run(pipe, 'The Syrian army took the town on Sunday. "Units of the army eliminated hundreds of '
                  'terrorists," the army statement said.')
    att = find(a, "eliminated hundreds of terrorists")
    assert "Syrian army" in name(a, att.speaker.entity)


def test_a_speaker_the_parser_hung_inside_the_quote_it_closes(pipe: Pipeline) -> None:
    # the parser makes "told" a conjunct of the quote's last verb and the speaker a word of its clause
    text = ('The market was shelled at dawn.\n\n"There were many children among the victims," the town\'s deputy '
            'mayor, Simon Okafor, told Coast Herald.')
    a = find(run(pipe, text), "many children")
    assert a.kind == "direct"
    assert a.speaker.text == "the town's deputy mayor"
    assert a.content.text == "There were many children among the victims"


def test_he_goes_on_from_the_last_speaker_past_someone_only_mentioned(pipe: Pipeline) -> None:
    def speaker_of(text: str, content: str) -> str | None:
        an = run(pipe, text)
        a = find(an, content)
        return next((e.name for e in an.entities if e.id == a.speaker.entity), None)

    # Vidal is only mentioned inside what Ruiz said: "he" is Ruiz, who spoke last
    assert speaker_of("According to General Tomas Ruiz, the offensive had weakened the rebel commander Marco "
                      "Vidal and cut off his fighters in the hills. \u201cWe expect them to surrender within "
                      "weeks,\u201d he said.", "surrender within weeks") == "Tomas Ruiz"
    # ... but a person who has become the subject since is who "he" follows
    assert speaker_of("Finance Minister Tomas Ruiz said the budget would pass this week. Opposition leader "
                      "Marco Vidal walked out of the chamber an hour later. \u201cWe will fight this budget in "
                      "the streets,\u201d he said.", "fight this budget") == "Marco Vidal"
