"""Reactions by country: unit tests on short invented sentences, a property test that odd
text never breaks the extractor, and the corpus score against the issue's targets."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.extract import Parsed
from briefgen.extract.reactions import extract_reactions
from briefgen.ingest import Document


@pytest.fixture(scope="session")
def react(nlp):
    def run(text: str, title: str | None = None):
        document = Document(id="S1", text=text, title=title)
        return extract_reactions(Parsed(document, nlp(text)))

    return run


def by_party(reactions):
    return {r.party_code: r for r in reactions}


# -- direct quotes ------------------------------------------------------------------------

def test_curly_quote_split_by_attribution(react):
    text = ("“We will not be intimidated,” Finnish Foreign Minister Anna Virtanen said. "
            "“Our airspace is not a playground.”")
    (r,) = react(text)
    assert (r.party_code, r.speaker) == ("FIN", "Anna Virtanen")
    assert "not be intimidated" in (r.quote or "") or "playground" in (r.quote or "")
    assert r.evidence and r.evidence[0].source_id == "S1"


def test_straight_quotes_and_inverted_attribution(react):
    text = '"The drones came from the east," said Latvian Defence Minister Peter Kalns.'
    (r,) = react(text)
    assert (r.party_code, r.speaker) == ("LVA", "Peter Kalns")
    assert r.quote == "The drones came from the east,"


def test_quote_running_over_paragraphs(react):
    text = ("Czech Prime Minister Jan Novak spoke in parliament.\n\n"
            "“This was a deliberate act.\n\n"
            "“We will answer it with our allies,” Novak said.")
    (r,) = react(text)
    assert r.party_code == "CZE" and r.speaker == "Jan Novak"
    assert "deliberate act" in " ".join(e.sentence for e in r.evidence) + (r.quote or "")


def test_british_single_quotes(react):
    text = ("‘This was a cynical strike on our power grid,’ Norwegian Defence Minister Lars Dahl "
            "said. ‘The allies’ answer will be more air defence.’")
    (r,) = react(text)
    assert (r.party_code, r.speaker, r.stance) == ("NOR", "Lars Dahl", "condemn")
    assert r.quote in ("This was a cynical strike on our power grid,",
                       "The allies’ answer will be more air defence.")


@pytest.mark.parametrize("text, quoted", [
    ("'We will respond,' he said.", ["We will respond,"]),
    ("‘We will respond,’ he said, adding that Russia’s claims were false.", ["We will respond,"]),
    # Apostrophes are not quotes: possessive plurals, elisions, decades.
    ("The allies’ response came in the ‘90s, officials said.", []),
    ("Don't do it, 'cause it's late.", []),
    # A quote within a double-quoted quote stays part of it.
    ("“He told me ‘never again’ before leaving,” she said.", ["He told me ‘never again’ before leaving,"]),
    # A British quote running over paragraphs opens each one.
    ("‘The first part runs on\n‘and ends here,’ he said.", ["The first part runs on", "and ends here,"]),
])
def test_single_quote_spans(text, quoted):
    from briefgen.extract.quotes import find_quotes

    assert [text[q.start:q.end] for q in find_quotes(text)] == quoted


def test_unbalanced_quote_mark_does_not_fail(react):
    text = 'Estonian President Kari Tamm said the attack was "a clear provocation'
    (r,) = react(text)
    assert (r.party_code, r.speaker) == ("EST", "Kari Tamm")


# -- reported speech ----------------------------------------------------------------------

@pytest.mark.parametrize("text, party, speaker", [
    ("Swedish Prime Minister Lena Holm said that the border would stay open.", "SWE", "Lena Holm"),
    ("Danish Defence Minister Ole Berg told parliament that two jets had been scrambled.",
     "DNK", "Ole Berg"),
    ("Two drones fell near the village, according to Lithuanian Interior Minister Rasa Vaitkus.",
     "LTU", "Rasa Vaitkus"),
    ("Romanian Foreign Minister Ion Barbu wrote on X that the ambassador had been summoned.",
     "ROU", "Ion Barbu"),
    ("In a statement, Norwegian Foreign Minister Erik Dahl said the strike broke the truce.",
     "NOR", "Erik Dahl"),
    # The small model tags this name ORG; the title word before it still makes a person.
    ("Russian Defense Ministry spokesman Pavel Orlov said the strikes hit military depots.",
     "RUS", "Pavel Orlov"),
])
def test_reported_speech(react, text, party, speaker):
    (r,) = react(text)
    assert (r.party_code, r.speaker) == (party, speaker)


def test_warned_is_concern_and_called_for_is_call_for_action(react):
    warned = react("Irish Foreign Minister Sean Byrne warned that the conflict could spread.")
    assert warned[0].stance == "concern"
    called = react("Belgian Prime Minister Luc Peeters called for an urgent meeting of allies.")
    assert called[0].party_code == "BEL" and called[0].stance == "call_for_action"


# -- bodies and groups ----------------------------------------------------------------------

def test_bodies_speak_for_their_country(react):
    reactions = react("Romania's Defence Ministry said it tracked three drones. "
                      "The Hungarian air force said it had scrambled two jets.")
    parties = by_party(reactions)
    assert parties["ROU"].speaker.endswith("Ministry")
    assert parties["HUN"].speaker.lower().endswith("air force")


def test_group_without_named_speaker(react):
    reactions = react("Leaders of the Baltic states expressed deep concern about the attack.")
    assert {r.party_code for r in reactions} == {"LTU", "LVA", "EST"}
    assert all(r.speaker is None and r.stance == "concern" for r in reactions)


def test_conjoined_countries_each_react(react):
    reactions = react("Saudi Arabia, the UAE and Egypt condemned the attack on the tanker.")
    assert {r.party_code for r in reactions} == {"SAU", "ARE", "EGY"}
    assert all(r.stance == "condemn" for r in reactions)


def test_headline_style_label(react):
    (r,) = react('Norwegian Prime Minister Lars Berg: "We stand ready to help our neighbours."')
    assert (r.party_code, r.speaker) == ("NOR", "Lars Berg")


# -- resolution within the document --------------------------------------------------------

def test_surname_pronoun_and_role_resolve_to_one_reaction(react):
    text = ("Spanish Prime Minister Carlos Ruiz told reporters the jets had landed safely. "
            "Ruiz said the crews were unhurt. Later he said talks would follow. "
            "The prime minister said Spain thanked its allies.")
    reactions = react(text)
    assert [(r.party_code, r.speaker) for r in reactions] == [("ESP", "Carlos Ruiz")]
    assert len(reactions[0].evidence) >= 3
    assert reactions[0].role and "Prime Minister" in reactions[0].role


def test_pronoun_goes_to_the_right_earlier_speaker(react):
    text = ("Greek Foreign Minister Nikos Pappas said the talks had failed. "
            "Turkish Foreign Minister Ali Demir disagreed. "
            "He said the talks would resume next week.")
    parties = by_party(react(text))
    assert parties["TUR"].speaker == "Ali Demir"
    assert len(parties["TUR"].evidence) == 1 and len(parties["GRC"].evidence) == 1


def test_nationality_given_later_by_a_definite_description(react):
    text = ("President Olena Marchenko warned the attack was no accident. "
            "The Ukrainian president offered to share radar data with her neighbours.")
    (r,) = react(text)
    assert (r.party_code, r.speaker) == ("UKR", "Olena Marchenko")


def test_former_official_and_academic_speak_for_other(react):
    text = ("Tom Hale, a former British ambassador to Russia, said the strike was a warning. "
            "Maria Lind, professor of security studies at a Swedish university, said the "
            "drones were cheap.")
    reactions = react(text)
    assert {r.speaker: r.party_code for r in reactions} == {"Tom Hale": "OTHER",
                                                            "Maria Lind": "OTHER"}


def test_anonymous_source_keeps_the_party_without_a_name(react):
    (r,) = react("A NATO spokesperson said the alliance was monitoring the situation.")
    assert r.party_code == "NATO" and r.speaker is None


# -- hard negatives -------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    # mentioned, not speaking
    "Austrian Chancellor Eva Holt was set to speak to Slovak Prime Minister Peter Kral on Friday.",
    "Police searched the house of Karl Weber, a German engineer, on Tuesday.",
    # the journalist's narration
    "Drones crossed into Latvian airspace overnight and fell in a field near the border.",
    # a photo caption
    "Finnish President Mikko Salo speaks to reporters in Helsinki. (Photo: AFP via Getty Images)",
    # told, not telling
    "The Swiss ambassador was told to leave the country within 48 hours.",
])
def test_no_statement(react, text):
    assert react(text) == []


def test_told_a_briefing_that(react):
    # The parser hangs the clause on "briefing"; what Beijing "urged" is the spokesman's content.
    text = ("Chinese Foreign Ministry spokesperson Li Wen told a regular press briefing that "
            "Beijing urged all parties to exercise restraint.")
    (r,) = react(text)
    assert (r.party_code, r.speaker, r.stance) == ("CHN", "Li Wen", "call_for_action")


def test_official_without_country_after_a_statement_of_one(react):
    text = ("ROME — The German government said it had sent two frigates to the strait. "
            "Defence Minister Karl Brandt called the attack \"reckless\".")
    got = {r.speaker: r.party_code for r in react(text)}
    assert got["Karl Brandt"] == "DEU"  # not the dateline's Italy


def test_statement_content_without_the_dateline(react):
    (r,) = react("OSLO - Three drones crossed the border overnight, the Norwegian army said.")
    assert r.statement.startswith("Three drones")


def test_reported_content_inside_a_statement_is_not_a_second_speaker(react):
    text = ("Polish Foreign Minister Anna Nowak said Belarusian forces warned their neighbours "
            "about the drones.")
    assert [r.party_code for r in react(text)] == ["POL"]


# -- stance -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, stance", [
    ("The Russian Defence Ministry denied that its drones had entered Moldovan airspace.", "deny"),
    ("Canadian Foreign Minister Amy Clark thanked the Dutch pilots for their work.", "support"),
    ("French Foreign Minister Paul Martin condemned the strike as barbaric.", "condemn"),
    ("The Polish air force said two jets were scrambled at dawn.", "neutral"),
    ("Japanese Foreign Minister Ken Sato said Tokyo did not target anyone.", "deny"),
    # What is expressed is the stance, whatever else the sentence names ("escalation").
    ("Chile, whose exports cross the strait, expressed deep concern over the escalation.", "concern"),
    ("The Irish government voiced its solidarity with the victims of the deliberate attack.", "support"),
    # Summoning an envoy, a note of protest: the diplomatic form of condemnation.
    ("The Slovak Foreign Ministry said it had summoned the Russian ambassador over the strike.",
     "condemn"),
    # A negated cue is no cue.
    ("Latvia's air force said that Latvian airspace was not violated.", "neutral"),
    # A threat of retaliation is "other", not a condemnation.
    ("Finnish President Aino Lehto said Moscow would pay a heavy price for the strike.", "other"),
    ("Iran's Revolutionary Guards warned that any retaliation would be met with crushing attacks.",
     "other"),
    ("Kremlin spokesman Ivan Orlov said Russia would respond.", "other"),
    ("Kremlin spokesman Ivan Orlov warned that Russia would respond to any further incursion.",
     "other"),
    # Sending rescuers is help, whatever the verb.
    ("Portugal's foreign ministry said it had dispatched a team of 20 rescuers.", "support"),
    ("Finnish President Aino Lehto said Helsinki would respond to the letter next week.", "neutral"),
    # Working to de-escalate is no condemnation ("escalation" alone is).
    ("Oman said it was working with regional partners to de-escalate the crisis.", "neutral"),
    ("Oman's foreign ministry condemned the escalation on its border.", "condemn"),
    ("Canadian Prime Minister Anne Roy said Canada would defend its allies.", "support"),
    ("Italian Foreign Minister Luca Neri said Rome held Moscow responsible for the damage.",
     "condemn"),
    # Arms the speaker's side will send are support; "facilities supporting" an army is not.
    ("Dutch Prime Minister Anna de Wit said the Netherlands would send two more air defence "
     "systems.", "support"),
    ("The Belarusian defence ministry said its jets had hit depots supporting the rebels' "
     "artillery.", "neutral"),
    ("Estonia's defence ministry said the plants supporting the fleet had been hit.", "neutral"),
])
def test_stance(react, text, stance):
    assert react(text)[0].stance == stance


# One statement, one reaction, its stance: wire phrasings met on invented articles.
@pytest.mark.parametrize("text, stance", [
    ('The Latvian prime minister said Moscow was "gambling with the lives of millions".', "condemn"),
    ("Spain's foreign minister said the strikes showed Russia was playing with fire.", "condemn"),
    ('The Danish defence minister said Copenhagen stood "shoulder to shoulder" with Vilnius.', "support"),
    ("Norway's prime minister said his country stands firmly with the Moldovan people.", "support"),
    ("A Brazilian foreign ministry spokesman said Brasilia hoped both sides would remain calm.",
     "call_for_action"),
    ("A Mongolian foreign ministry spokesman said Ulaanbaatar hoped the neighbours would "
     "address their concerns through dialogue.", "call_for_action"),
    ("Kazakhstan said it hoped the sides would settle the dispute by peaceful negotiations.",
     "call_for_action"),
    ("Japan's prime minister said Tokyo had lodged a strong protest through diplomatic channels.",
     "condemn"),
    ("Hezbollah's leader vowed to avenge the fighters killed in the raid.", "other"),
    ("The Houthis vowed to keep attacking ships bound for Eilat.", "other"),
    ("Serbia's president said the strikes were fully justified.", "support"),
    ("The Kremlin said the accusations of a cover-up were absurd.", "deny"),
    ("Slovakia's foreign minister described the shelling as cowardly.", "condemn"),
    ("Canada announced 20 million dollars in humanitarian aid for the flood victims.", "support"),
    ('Croatia\'s president said the shelling showed "contempt for human life".', "condemn"),
    ('Malta\'s foreign minister said there was "no justification" for hitting a school.', "condemn"),
    ("Portugal's prime minister said the strike on the market was abhorrent.", "condemn"),
    ("The Belgian prime minister assured Kyiv of Brussels' continued support.", "support"),
    ("Spain said it would deliver six more fighter jets to Ukraine.", "support"),
    ('Russia\'s embassy in Oslo said the reports were "a provocation" staged by Kyiv.', "deny"),
    ("Armenia's defence ministry said none of its drones had crossed the line.", "deny"),
    ("Estonia asked NATO to send more air defence systems to the Baltics.", "call_for_action"),
    ("The UN refugee agency said it feared for the safety of thousands of displaced people.",
     "concern"),
    ("The Czech prime minister said the shelling was a threat to regional security.", "condemn"),
    ("Estonia's president described the overflight as an attack on NATO as a whole.", "condemn"),
    ("The Finnish president said Moscow was testing the alliance.", "condemn"),
    ("Croatia's foreign minister said the strike on the clinic was intolerable.", "condemn"),
    ("Ireland's prime minister said Europe had to step up its support for Kyiv.", "call_for_action"),
    # How the speaker feels is the stance, whatever the sentence names ("escalation").
    ("Cyprus said it was deeply troubled by the escalation.", "concern"),
    # … unless they also call for something.
    ("Malta said it was concerned about the attacks and called on all sides to show restraint.",
     "call_for_action"),
    ("A Canadian government spokesperson said Israel had a right to defend itself against "
     "rocket fire.", "support"),
])
def test_stance_of_a_single_statement(react, text, stance):
    assert [r.stance for r in react(text)] == [stance]


def test_stance_reported_by_an_aide_is_the_principal_s(react):
    text = ("OSLO - UN Secretary-General Maria Lund was deeply alarmed by the strikes on power "
            "plants, her spokesperson said.")
    (r,) = react(text)
    assert (r.party_code, r.speaker, r.stance) == ("UN", "Maria Lund", "concern")


def test_ministers_of_several_countries_speak_for_each(react):
    text = ("The defence ministers of Spain, Portugal and Greece said in a joint statement that "
            "they were gravely concerned.")
    assert {r.party_code for r in react(text)} == {"ESP", "PRT", "GRC"}


def test_the_group_is_the_armed_group_last_named(react):
    text = ("Hamas fired 20 rockets at Ashkelon on Monday. The Gaza-based group said in a "
            "statement that it had targeted a military post.")
    assert [r.party_code for r in react(text)] == ["HAMAS"]


def test_help_sent_is_support_from_a_party_that_says_nothing_else(react):
    text = ("Chile planned to send an aircraft with a rescue team, while Peru dispatched two "
            "planes with tents and medical supplies. Russia sent 40 drones at Kharkiv overnight.")
    found = {r.party_code: r.stance for r in react(text)}
    assert found == {"CHL": "support", "PER": "support"}


def test_help_announced_by_a_voice_of_the_party_is_that_voice(react):
    text = "Norway sent a team of 30 rescuers, the Norwegian foreign ministry said."
    (r,) = react(text)
    assert (r.party_code, r.speaker, r.stance) == ("NOR", "Norwegian foreign ministry", "support")


def test_the_country_inside_its_ministry_s_statement_is_not_a_second_speaker(react):
    text = "Chile offered to send a team of doctors, its foreign ministry said on Monday."
    (r,) = react(text)
    assert (r.party_code, r.speaker, r.stance) == ("CHL", "Chile's foreign ministry", "support")


def test_an_envoy_summoned_is_a_protest_said_or_not(react):
    text = ("Drones crossed into Finland overnight, while Sweden's foreign ministry summoned the "
            "Belarusian ambassador. The Swedish navy summoned two ships to the area.")
    (r,) = react(text)
    assert (r.party_code, r.speaker, r.stance) == ("SWE", "Sweden's foreign ministry", "condemn")
    assert r.statement.startswith("Sweden's foreign ministry summoned")


def test_armed_group_named_with_its_country_after_a_dateline(react):
    text = ("BEIRUT, June 9 (Wire) - Lebanon's Hezbollah movement said on Sunday it had fired "
            "rockets at an army post.")
    (r,) = react(text)
    assert (r.party_code, r.speaker) == ("HEZBOLLAH", "Lebanon's Hezbollah movement")


def test_the_pope_speaks_for_the_holy_see(react):
    text = "ROME - Pope Leo urged an immediate ceasefire and said he was praying for the victims."
    (r,) = react(text)
    assert (r.party_code, r.speaker) == ("VAT", "Pope Leo")


def test_evidence_points_into_the_text(react):
    text = "Some context first. Italian Defence Minister Marco Rossi said the jets returned."
    (r,) = react(text)
    span = text[r.evidence[0].start:r.evidence[0].end]
    assert "Marco Rossi said" in span and 0 <= r.confidence <= 1


# -- robustness -----------------------------------------------------------------------------

_odd_text = st.text(alphabet=st.sampled_from(list('“”"„«» \n.,:;\'’—aAzZ Ж中ا0Said said he'
                                                  ' Polish NATO “We”'))
                    # Lone surrogates cannot come out of a decoder; `parse` replaces them anyway.
                    | st.characters(blacklist_categories=("Cs",)),
                    max_size=300)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(text=_odd_text)
def test_never_raises_on_arbitrary_text(react, text):
    for reaction in react(text):
        assert 0 <= reaction.confidence <= 1
        assert all(0 <= e.start <= e.end <= len(text) for e in reaction.evidence)


def test_very_long_line_and_only_quote_marks(react):
    assert react('“' * 500 + '"' * 500) == []
    react("Kowal said " + "very " * 3000 + "bad.")  # a parse that makes no sense: no error
    long_line = "The jets flew north. " * 400 + "Polish President Jan Kowal said they returned."
    assert [r.party_code for r in react(long_line)] == ["POL"]


# -- corpus -------------------------------------------------------------------------------------

def test_corpus_scores_meet_the_targets(shared_dir, nlp):
    from briefgen.evaluate import evaluate

    total = evaluate([shared_dir / "corpus", shared_dir / "seed"], nlp=nlp)["total"]
    assert total["parties"]["f1"] >= 0.92
    assert total["speakers"]["recall"] >= 0.90 and total["speakers"]["precision"] >= 0.90
    assert total["stance"]["accuracy"] >= 0.75


def test_subject_of_a_sentence_parsed_without_a_finite_root(nlp):
    """The small model sometimes reads "X, Name, called for …" as a noun with a relative
    clause; the noun still speaks. Built by hand so the test does not depend on the parse."""
    from spacy.tokens import Doc

    from briefgen.extract.reactions import _subject

    words = ["The", "minister", ",", "Ann", "Lee", ",", "called", "for", "calm", "."]
    heads = [1, 1, 1, 4, 1, 1, 1, 6, 7, 1]
    deps = ["det", "ROOT", "punct", "compound", "appos", "punct", "acl", "prep", "pobj", "punct"]
    pos = ["DET", "NOUN", "PUNCT", "PROPN", "PROPN", "PUNCT", "VERB", "ADP", "NOUN", "PUNCT"]
    tags = ["DT", "NN", ",", "NNP", "NNP", ",", "VBD", "IN", "NN", "."]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags)
    assert _subject(doc[6]).text == "minister"
    # Tagged as a participle but set off by commas like the finite verb it is: the same.
    tags[6] = "VBN"
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags)
    assert _subject(doc[6]).text == "minister"
    # A participle modifying a noun ("the drones launched from …") is not a statement.
    doc = Doc(nlp.vocab, words=["The", "drones", "launched", "from", "Belarus", "."],
              heads=[1, 1, 1, 2, 3, 1], deps=["det", "ROOT", "acl", "prep", "pobj", "punct"],
              pos=["DET", "NOUN", "VERB", "ADP", "PROPN", "PUNCT"],
              tags=["DT", "NNS", "VBN", "IN", "NNP", "."])
    assert _subject(doc[2]) is None


@pytest.mark.parametrize("text, party, speaker_end", [
    # The clause hangs on "statement" in the parse, not on "said".
    ("Finland's Border Guard said in a statement that 12 drones had crossed the border.",
     "FIN", "Border Guard"),
    ("Two houses were damaged in the village, Palestinian officials said.", "PSE", "officials"),
])
def test_bodies_in_statement_clauses_and_demonym_groups(react, text, party, speaker_end):
    reactions = react(text)
    assert [r.party_code for r in reactions] == [party]
    assert reactions[0].speaker.endswith(speaker_end)


def test_a_paragraph_break_always_ends_a_sentence(nlp):
    text = ("The command reported the launches in a post on X.\n\n"
            "Houthi spokesman Ali Nasser said the attacks would continue.")
    starts = [sent.start_char for sent in nlp(text).sents]
    assert text.index("Houthi") in starts


def test_acronym_is_the_body_spelled_out_earlier(react):
    text = ("Three rockets hit the port of Velna overnight, Estonia's Defence Forces Command said. "
            "The DFC said later that two more had fallen into the sea near Velna.")
    (r,) = react(text)
    assert r.party_code == "EST" and r.speaker == "Estonia's Defence Forces Command"
    assert len(r.evidence) == 2  # one reaction for both mentions


def test_a_relative_clause_about_the_speaker_does_not_give_the_party(react):
    text = ("VIENNA, May 3 — Floods closed 40 roads across Styria on Friday.\n\n"
            "Chancellor Karl Binder, who cut short a visit to Brazil, said the army would help.")
    (r,) = react(text)
    assert (r.party_code, r.speaker) == ("AUT", "Karl Binder")


def test_a_body_by_its_proper_name_speaks_for_the_dateline_country(react):
    text = ("SEOUL, June 2 — Two missiles fell into the sea on Monday.\n\n"
            "The Joint Chiefs of Staff said the launches were a grave provocation.")
    (r,) = react(text)
    assert (r.party_code, r.speaker) == ("KOR", "Joint Chiefs of Staff")


def test_president_after_her_ministry_speaks_for_her_country(react):
    text = ("CHISINAU — Moldova's foreign ministry said it had summoned the Russian ambassador.\n\n"
            "“Russia has endangered the lives of Moldovan citizens,” President Ana Rusu said. "
            "“We will not accept this.”")
    got = {r.speaker: (r.party_code, r.stance) for r in react(text)}
    assert got["Ana Rusu"] == ("MDA", "condemn")


def test_claimed_responsibility_is_other(react):
    text = ("The armed wing of Hamas claimed responsibility, saying the attack avenged two of its "
            "fighters.")
    (r,) = react(text)
    assert r.stance == "other"


def test_subject_before_a_relative_clause_and_the_agency_that_reported_it(react):
    # The parser gives "reported" both subjects and hangs "called" on the country.
    text = ("Qatar, which has mediated previous truces, called on both sides to show maximum "
            "restraint, the state news agency QNA reported.")
    got = {r.party_code: r.stance for r in react(text)}
    assert got.get("QAT") == "call_for_action"


def test_a_government_agency_is_not_a_news_medium(react):
    text = ("MOSCOW, August 17. /TASS/. Flights at two airports were briefly suspended, the "
            "Federal Air Transport Agency said.")
    (r,) = react(text)
    assert (r.party_code, r.speaker) == ("RUS", "Federal Air Transport Agency")


# One statement, its party and speaker.
@pytest.mark.parametrize("text, party, speaker", [
    # A dateline the parser folded into the speaker phrase.
    ("WARSAW - Russia's defence ministry said it had not targeted Poland.", "RUS",
     "Russia's defence ministry"),
    ("MOSCOW - Ukraine's foreign ministry condemned the shelling.", "UKR",
     "Ukraine's foreign ministry"),
    # A statement issued, released or put out by a body is the body speaking.
    ("A communique released by the Italian government on Sunday said Rome stood by Kyiv.", "ITA",
     "Italian government"),
    ("A statement put out by Spain's prime minister's office urged calm.", "ESP",
     "Spain's prime minister's office"),
])
def test_one_statement_its_party_and_speaker(react, text, party, speaker):
    (r,) = react(text)
    assert (r.party_code, r.speaker) == (party, speaker)


def test_a_speaker_quoted_by_two_sources_is_one_reaction(react):
    from briefgen.extract.merge import _merge_reactions

    first = react("Latvian Defence Minister Peter Kalns said two drones had crashed near Rezekne.")
    second = react("Latvian Defence Minister Peter Kalns condemned the incursion as reckless.")
    anonymous = react("A Latvian official said the debris was being examined.")
    assert anonymous[0].speaker is None
    merged = _merge_reactions(first + second + anonymous + anonymous)
    assert [(r.speaker, r.stance, len(r.evidence)) for r in merged][0] == ("Peter Kalns", "condemn", 2)
    assert len(merged) == 3  # an anonymous source in two reports is not known to be one


def test_speaker_the_parser_hung_on_the_dateline_city(react):
    (r,) = react("SEOUL | North Korea's foreign ministry said the launch was a warning to Washington.")
    assert (r.party_code, r.speaker) == ("PRK", "North Korea's foreign ministry")


def test_a_military_media_wing_speaks_for_its_country(react):
    (r,) = react('"These reports are invented," the Nepali army\'s media wing said in a statement.')
    assert (r.party_code, r.stance) == ("NPL", "deny")


def test_the_need_for_a_ceasefire_is_a_call_for_action(react):
    (r,) = react("Austria's foreign minister, Lena Gruber, said the clashes showed the need for an "
                 "immediate truce.")
    assert (r.speaker, r.stance) == ("Lena Gruber", "call_for_action")


def test_declining_to_comment_takes_no_position(react):
    (r,) = react("Czech government spokesman Ivo Marek declined to comment on the report, telling "
                 "journalists that such questions should go to the army.")
    assert (r.party_code, r.speaker, r.stance) == ("CZE", "Ivo Marek", "neutral")


def test_a_counterpart_holds_the_office_named_before(react):
    reactions = react("Chilean Interior Minister Ana Soto said the talks were useful. Her Peruvian "
                      "counterpart, Luis Pardo, said Lima would sign the accord.")
    assert {(r.party_code, r.speaker, r.role) for r in reactions} == {
        ("CHL", "Ana Soto", "Chilean Interior Minister"), ("PER", "Luis Pardo", "Peruvian Interior Minister")}


def test_a_first_name_that_is_a_country(react):
    (r,) = react("Israeli Defence Minister Israel Katz said the attackers would be found.")
    assert (r.party_code, r.speaker, r.role) == ("ISR", "Israel Katz", "Israeli Defence Minister")


def test_an_armed_group_named_with_its_country_speaks_for_the_group(react):
    (r,) = react("Yemen's Houthis said they had fired two drones at a ship in the Red Sea.")
    assert r.party_code == "HOUTHIS"


@pytest.mark.parametrize("text, speaker, role", [
    ("U.S. Ambassador to Chile Ana Ruiz said the shelling was reckless.", "Ana Ruiz",
     "U.S. Ambassador to Chile"),
    ("U.S. Ambassador to the United Nations Linda Thomas-Greenfield said the launch was reckless.",
     "Linda Thomas-Greenfield", "U.S. Ambassador to the United Nations"),
])
def test_an_ambassador_to_a_country_named_before_the_name(react, text, speaker, role):
    (r,) = react(text)
    assert (r.party_code, r.speaker, r.role, r.stance) == ("USA", speaker, role, "condemn")


def test_holding_a_side_accountable_is_condemnation(react):
    (r,) = react("Canadian Foreign Minister Ruth Bell said Ottawa would hold the militia accountable.")
    assert r.stance == "condemn"


def test_a_condemnation_in_the_passive_is_the_agents(react):
    reactions = react("Drones struck a dam on Sunday. The attack was condemned by Austria and Ireland.")
    assert {(r.party_code, r.stance) for r in reactions} == {("AUT", "condemn"), ("IRL", "condemn")}


def test_a_dateline_city_with_its_country_gives_the_governors_party(react):
    (r,) = react("TARTU, Estonia (Wire) — Drones hit the port overnight. \"This was a cowardly "
                 "attack,\" said Mart Kask, the governor of the Parnu county.")
    assert (r.party_code, r.speaker, r.role, r.stance) == (
        "EST", "Mart Kask", "governor of the Parnu county", "condemn")


def test_what_a_target_was_used_to_deliver_is_no_support(react):
    (r,) = react("Russia's defence ministry said it had struck depots used to deliver Western weapons.")
    assert r.stance == "neutral"


def test_the_alliance_is_nato_when_the_story_names_it(react):
    reactions = react("Spanish jets flying for NATO's air policing mission were scrambled, the "
                      "alliance said.")
    assert [r.party_code for r in reactions] == ["NATO"]


@pytest.mark.parametrize("word", ["brazen", "blatant", "flagrant", "unprovoked"])
def test_words_of_protest(react, word):
    (r,) = react(f"Latvia's foreign ministry called the incursion {word}.")
    assert r.stance == "condemn"


def test_a_name_hung_on_the_last_word_of_its_office(react):
    (r,) = react("The UN Special Envoy for the Great Lakes Region, Ama Owusu, said she was "
                 "deeply concerned.")
    assert (r.party_code, r.speaker, r.role, r.stance) == (
        "UN", "Ama Owusu", "UN Special Envoy for the Great Lakes Region", "concern")


def test_a_surname_explained_by_its_office(react):
    (r,) = react('"It is a matter for the courts," Lindqvist, the Swedish government spokesman, '
                 "told reporters.")
    assert (r.party_code, r.speaker, r.role) == ("SWE", "Lindqvist", "Swedish government spokesman")


def test_the_stance_a_reporting_verb_states_outweighs_what_the_words_suggest(react):
    (r,) = react("Chilean Foreign Minister Ana Soto condemned the launch, saying she was deeply "
                 "worried, and warned of a new arms race in the region.")
    assert r.stance == "condemn"
    (r,) = react("Peru's foreign ministry warned of grave consequences and called on both sides to "
                 "stop the fighting.")
    assert r.stance == "call_for_action"


def test_laying_the_blame_is_condemnation_and_claiming_it_is_not(react):
    (r,) = react("Jordan's army said a group it named was responsible for the rocket attack.")
    assert r.stance == "condemn"
    assert "condemn" not in {r.stance for r in react(
        "The Hamas movement said it was responsible for the attack on the crossing.")}


def test_what_a_speaker_said_of_an_earlier_event_is_not_their_stance_on_this_one(react):
    text = ("Estonian Defence Minister Hanno Pevkur said two drones had crossed the border on "
            "Monday. In March 2023, Pevkur called a similar crossing a provocation.")
    (r,) = react(text)
    assert r.stance == "neutral" and len(r.evidence) == 2


def test_a_quote_names_whom_a_speaker_talks_about_not_for(react):
    text = ("TARTU, Estonia (Wire) — Drones hit a depot overnight. \"Russia wants to frighten us,\" "
            "Prime Minister Kaja Tamm said in a televised address.")
    (r,) = react(text)
    assert (r.speaker, r.party_code) == ("Kaja Tamm", "EST")


def test_a_speaker_whose_verb_the_parser_took_for_a_participle(react):
    text = ("Kenyan President William Ruto, speaking to reporters in Nairobi, offered to host "
            "talks between the two governments.")
    assert [(r.party_code, r.speaker) for r in react(text)] == [("KEN", "William Ruto")]


def test_a_dateline_of_two_cities_is_no_photo_credit(react):
    text = ("HANOI/MANILA, May 4 (Wire) - A coast guard ship rammed a fishing boat near the shoal, "
            "Philippine officials said.")
    assert [r.party_code for r in react(text)] == ["PHL"]


def test_a_body_named_through_its_country_has_a_role_without_the_pronoun(react):
    (reaction,) = react("Nepal sent two helicopters to the valley, its foreign ministry said.")
    assert (reaction.speaker, reaction.role) == ("Nepal's foreign ministry", "foreign ministry")


def test_medics_treating_the_wounded_are_no_reaction(react):
    assert react("Paramedics from the rescue service provided medical treatment to two women.") == []


def test_an_armed_group_saying_it_fired_claims_the_attack(react):
    (claim,) = react("Hezbollah said it had fired a salvo of rockets at an army post near Metula.")
    assert (claim.party_code, claim.stance) == ("HEZBOLLAH", "other")
    # A state's military reporting its own strikes is a report, not a claim of this kind.
    (report,) = react("The Israeli military said it had struck 12 targets in southern Lebanon.")
    assert report.stance == "neutral"


@pytest.mark.parametrize("text, party", [
    ("WARSAW, Sept 10 (Wire) - The foreign ministry said it would summon the Russian chargé "
     "d'affaires.", "POL"),
    ("VILNIUS, May 2 (Wire) - The foreign ministry said it had handed a protest note to the "
     "Belarusian ambassador.", "LTU"),
])
def test_the_envoy_a_ministry_summons_is_not_its_country(react, text, party):
    (r,) = react(text)
    assert r.party_code == party


def test_a_military_reporting_an_attack_speaks_for_the_side_attacked(react):
    (r,) = react("KYIV, Feb 14 (Wire) - According to the air force, Russia launched 112 drones and "
                 "six cruise missiles overnight.")
    assert r.party_code == "UKR"
    # A military spokesperson with no country stated, the same.
    reactions = react("JERUSALEM, April 14 (Wire) - Iran launched more than 300 drones and missiles "
                      "at Israel overnight, the Israeli military said.\n\nMilitary spokesman Dan Levy "
                      "said Iran had fired 170 drones, 30 cruise missiles and 120 ballistic missiles.")
    assert {(r.party_code, r.speaker) for r in reactions} == {("ISR", "Israeli military"),
                                                               ("ISR", "Dan Levy")}
    # Its own side's strikes, reported at home, stay its own.
    (r,) = react("MOSCOW, Feb 14 (Wire) - The defence ministry said Russian forces had struck "
                 "energy facilities in Ukraine.")
    assert r.party_code == "RUS"


def test_a_report_the_parser_hung_on_the_dateline_city(react):
    # The parser makes "MOSCOW" a second subject of "said" and the report its relative clause.
    text = ("Russia says it downed 41 Ukrainian drones over six regions\n\n"
            "MOSCOW, Oct 9 (Steppe Wire) - Russian air defences destroyed 41 Ukrainian drones "
            "overnight over six regions, including 21 over the Bryansk region and nine over the "
            "Kursk region, the Russian defence ministry said on Wednesday.\n")
    reactions = react(text, title="Russia says it downed 41 Ukrainian drones over six regions")
    assert [(r.party_code, r.speaker) for r in reactions] == [("RUS", "Russian defence ministry")]


def test_a_second_side_in_a_while_clause_speaks_for_itself(react):
    text = ('India said on Wednesday it had struck nine sites in Pakistan that it described as '
            '"terrorist infrastructure", while Pakistan said it had shot down five Indian aircraft.')
    reactions = {r.party_code: r for r in react(text)}
    assert set(reactions) == {"IND", "PAK"}
    # The quote is India's words: Pakistan's statement neither carries nor is judged by it.
    assert reactions["IND"].quote == "terrorist infrastructure"
    assert (reactions["PAK"].quote, reactions["PAK"].stance) == (None, "neutral")


def test_a_cue_word_inside_a_name_is_no_stance(react):
    (r,) = react("The paramilitary Rapid Support Forces launched a wave of drones at Port Sudan on "
                 "Tuesday, Sudan's army said.")
    assert (r.party_code, r.stance) == ("SDN", "neutral")


def test_an_unknown_armed_group_is_not_the_country_it_fights_in(react):
    reactions = react("PORT SUDAN, May 6 (Nile Desk) - The paramilitary Rapid Support Forces launched "
                      "drones at the city, Sudan's army said. The group has previously denied "
                      "targeting civilian infrastructure.")
    assert [(r.party_code, r.speaker) for r in reactions] == [("SDN", "Sudan's army")]


def test_a_participle_hung_on_a_nouns_clause_belongs_to_the_main_clause(react):
    # "calling them baseless" was read as said by "it" (the accused), so by the last speaker.
    text = ("The UN humanitarian office said the convoy had been clearly marked. Its spokesperson, "
            "Jens Laerke, told reporters in Geneva that deliveries to the area had been suspended."
            "\n\nRwanda's government rejected accusations that it supported the armed group blamed "
            'for the attack, calling them "baseless".')
    reactions = {r.speaker: r for r in react(text)}
    assert reactions["Jens Laerke"].stance == "neutral"
    assert len(reactions["Jens Laerke"].evidence) == 1
    assert reactions["Rwanda's government"].stance == "deny"
