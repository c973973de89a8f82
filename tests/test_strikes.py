"""Strike statistics from short invented sentences: each pattern, and numbers that are not strikes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.extract.numbers import parse_count
from briefgen.extract.strikes import extract_strikes


def rows(make_parsed, text, **kw):
    return [(r.actor, r.weapon, r.launched, r.intercepted)
            for r in extract_strikes(make_parsed(text, **kw)) if not r.background]


def test_coordinated_list_then_interceptions_next_sentence(make_parsed):
    text = ("The Kyrgyz army said Russia launched 210 attack and decoy drones, 12 cruise "
            "missiles and one ballistic missile in the night. Air defenses intercepted or jammed 190 "
            "drones and nine cruise missiles, the army said.")
    assert rows(make_parsed, text) == [("RUS", "drone", 210, 190),
                                       ("RUS", "cruise_missile", 12, 9),
                                       ("RUS", "ballistic_missile", 1, None)]


def test_partitive_n_of_m(make_parsed):
    assert rows(make_parsed, "Ukrainian forces shot down 51 of 58 Russian drones on Monday.") == [
        ("RUS", "drone", 58, 51)]


def test_total_with_breakdown_and_of_these(make_parsed):
    text = ("Russia fired a total of 310 aerial weapons at Ukraine, including 280 drones and 30 "
            "missiles, officials said. Of these, 200 were shot down and 75 were lost to jamming.")
    got = rows(make_parsed, text)
    assert ("RUS", "total", 310, 200) in got
    assert ("RUS", "drone", 280, None) in got and ("RUS", "missile", 30, None) in got
    assert all(r[3] != 75 for r in got), "lost is not intercepted"


def test_number_words_and_qualifier(make_parsed):
    found = extract_strikes(make_parsed(
        "At least seventeen Russian drones were shot down by Romanian jets overnight."))
    assert [(r.actor, r.weapon, r.intercepted, r.qualifier) for r in found] == [
        ("RUS", "drone", 17, "at least")]
    assert found[0].evidence and "seventeen" in found[0].evidence[0].sentence


def test_other_sides_claim_is_its_own_row(make_parsed):
    text = ("Ukraine said Russia launched 80 drones overnight. Russia's defense ministry said it "
            "destroyed 44 Ukrainian drones over its regions.")
    got = rows(make_parsed, text)
    assert ("RUS", "drone", 80, None) in got
    assert ("UKR", "drone", None, 44) in got


def test_intercepted_only_with_launcher_in_relative_clause(make_parsed):
    text = "The air force shot down 12 attack drones that Russia launched before dawn, it said."
    assert rows(make_parsed, text) == [("RUS", "drone", None, 12)]


def test_all_incoming(make_parsed):
    text = "Air defenses destroyed all 13 incoming Russian drones, the governor said."
    assert rows(make_parsed, text) == [("RUS", "drone", 13, 13)]


def test_all_of_an_earlier_launch_count_completes_that_row(make_parsed):
    text = ("The rebels launched 16 drones at a cargo ship on Friday, the navy said. "
            "Allied destroyers shot down all 16 drones, a navy spokesperson said in a post.")
    assert [r[1:] for r in rows(make_parsed, text)] == [("drone", 16, 16)]


def test_two_categories_in_one_phrase_is_a_total(make_parsed):
    text = "Militants fired more than 60 rockets and mortar shells into the town today."
    assert rows(make_parsed, text) == [(None, "total", 60, None)]


def test_rounded_figure_and_exact_one_are_one_row(make_parsed):
    text = ("Russian air defenses shot down roughly 90 Ukrainian drones overnight, the ministry said. "
            "The ministry said air defenses destroyed 91 Ukrainian drones.")
    assert rows(make_parsed, text) == [("UKR", "drone", None, 91)]


def test_third_party_share_is_not_the_total(make_parsed):
    text = ("Iran fired 150 drones at Israel on Saturday. American jets shot down more than 40 "
            "Iranian drones, a US official said.")
    assert rows(make_parsed, text) == [("IRN", "drone", 150, None)]


def test_earlier_event_is_background(make_parsed):
    found = extract_strikes(make_parsed(
        "In 2021, Russia fired 40 missiles at the city. On Tuesday, Russia fired 12 drones."))
    assert [(r.launched, r.background) for r in found] == [(40, True), (12, False)]


@pytest.mark.parametrize("text", [
    "Poland has been a NATO member since 1999 and invoked Article 4 of the treaty.",
    "Dutch F-35 jets were scrambled as the 3-year-old war went on.",
    "Officials recorded 19 airspace violations and found nine crash sites.",
    "Two downed drones were found in a field near the village.",
    "Nine rockets launched from the north fell in open areas.",
    "The government pledged $250,000 and sent a 40-member rescue team.",
    "About 95% of the incoming drones were intercepted.",
    "The destroyers engaged between four and six missiles.",
    "More than 12 objects entered the country's airspace at 11:30 p.m.",
])
def test_numbers_that_are_not_strike_rows(make_parsed, text):
    assert rows(make_parsed, text) == []


def test_parse_count():
    assert parse_count(["twenty-one"]) == 21
    assert parse_count(["1,250"]) == 1250
    assert parse_count(["two", "hundred"]) == 200
    assert parse_count(["KN-23"]) is None


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(
    st.text(max_size=300),
    st.text(alphabet="0123456789 ,.-", max_size=200),
    st.text(alphabet="\"'“”‘’«» ", max_size=100),
    st.builds(lambda a, b: a * 50 + b, st.text(max_size=20), st.text(max_size=40)),
))
def test_extractors_never_raise(make_parsed, text):
    # The inner functions, not the public wrappers that guard them: a bug must show here.
    from briefgen.extract import facts, strikes, timeline

    parsed = make_parsed(text)
    assert isinstance(strikes._extract(parsed), list)
    assert isinstance(timeline._extract(parsed), list)
    facts._extract(parsed)


def test_corpus_strike_f1(shared_dir: Path, nlp):
    from briefgen.evaluate import evaluate

    report = evaluate([shared_dir / "corpus", shared_dir / "seed"], nlp=nlp)
    assert report["total"]["strikes"]["f1"] >= 0.95, report["total"]["strikes"]


def test_dateline_city_is_not_the_launcher(make_parsed):
    # The parser makes the dateline city the subject of "launched"; the launcher is the group.
    text = ("TALLINN, June 3 — Yemen's Houthi rebels launched 14 drones at a tanker on Tuesday, "
            "the navy said. Warships shot down 12 of the drones.")
    assert rows(make_parsed, text) == [("HOUTHIS", "drone", 14, 12)]


def test_reporter_after_the_event(make_parsed):
    text = "North Korea fired two ballistic missiles into the sea, South Korea's Joint Chiefs of Staff said."
    (row,) = extract_strikes(make_parsed(text))
    assert (row.actor, row.reported_by) == ("PRK", "South Korea's Joint Chiefs of Staff")


def test_what_the_barrage_included_was_launched(make_parsed):
    text = ("The salvo included 40 drones, more than 12 cruise missiles and about 9 ballistic missiles, "
            "the air force said.")
    found = [(r.weapon, r.launched, r.qualifier, r.detail)
             for r in extract_strikes(make_parsed(text)) if not r.background]
    assert found == [("drone", 40, None, "drones"),
                     ("cruise_missile", 12, "more than", "cruise missiles"),
                     ("ballistic_missile", 9, "about", "ballistic missiles")]


def test_both_missiles_completes_the_row_named_by_kind(make_parsed):
    text = ("The rebels launched 9 drones and two cruise missiles at a freighter on Monday. "
            "Navy destroyers shot down all 9 drones and both missiles, the navy said. "
            "Both Greece and Italy condemned the attack.")
    assert rows(make_parsed, text) == [(None, "drone", 9, 9), (None, "cruise_missile", 2, 2)]


def test_plain_missiles_complete_the_one_kind_named(make_parsed):
    text = ("The army fired 40 drones and six cruise missiles at the port overnight. "
            "Air defences destroyed 31 drones and four missiles, the air force said.")
    assert rows(make_parsed, text) == [(None, "drone", 40, 31), (None, "cruise_missile", 6, 4)]


def test_plain_missiles_stay_apart_when_two_kinds_were_named(make_parsed):
    text = ("The army fired four ballistic missiles and six cruise missiles at the port overnight. "
            "Air defences destroyed four missiles, the air force said.")
    got = rows(make_parsed, text)
    assert (None, "ballistic_missile", 4, None) in got and (None, "cruise_missile", 6, None) in got


def test_struck_a_place_with_weapons(make_parsed):
    text = ("The Russian army struck the port of Izmail with 38 drones and two ballistic missiles "
            "overnight. Air defences shot down 30 of the drones. None of the ballistic missiles "
            "was intercepted, the air force said.")
    assert rows(make_parsed, text) == [("RUS", "drone", 38, 30), ("RUS", "ballistic_missile", 2, 0)]


def test_hit_without_weapons_counted_is_no_launch(make_parsed):
    # The object of "struck" is the target; only the "with" phrase holds what was launched.
    text = "The strike hit 12 buildings in the city centre, the mayor said."
    assert rows(make_parsed, text) == []


def test_dateline_folded_into_the_subject_is_not_the_launcher(make_parsed):
    text = ("KYIV - Russia launched 40 attack drones at Ukraine overnight, the air force said. "
            "Air defences shot down 31 drones.")
    assert rows(make_parsed, text) == [("RUS", "drone", 40, 31)]


@pytest.mark.parametrize("second", [
    "All were shot down by Dutch and Danish frigates, the navy said.",
    "They were all intercepted, the navy said.",
    "All of them were destroyed, the navy said.",
])
def test_all_were_shot_down(make_parsed, second):
    text = ("The rebels fired 12 drones and two cruise missiles at the strait on Tuesday. " + second)
    assert rows(make_parsed, text) == [(None, "drone", 12, 12), (None, "cruise_missile", 2, 2)]


def test_all_without_weapons_counted_before_changes_nothing(make_parsed):
    text = "The rebels threatened more attacks. All were shot down, the navy said."
    assert rows(make_parsed, text) == []


def test_n_of_m_read_as_a_modifier_is_still_a_partitive(make_parsed):
    # The parser makes "33 of" a modifier of 41 here, not a partitive phrase.
    text = "Ukraine said it had shot down 33 of 41 drones launched by Russia overnight."
    assert rows(make_parsed, text) == [("RUS", "drone", 41, 33)]


def test_subject_the_parser_hung_on_the_dateline_city(make_parsed):
    text = "SEOUL | North Korea fired 10 short-range ballistic missiles toward the sea."
    assert rows(make_parsed, text) == [("PRK", "ballistic_missile", 10, None)]


def test_parenthetical_reporter_hung_on_a_later_clause(make_parsed):
    text = ("Hamas fired about 35 rockets at Sderot on Friday, the Israeli military said, most of "
            "which were intercepted by the Iron Dome system.")
    (row,) = [r for r in extract_strikes(make_parsed(text)) if not r.background]
    assert (row.actor, row.launched, row.reported_by) == ("HAMAS", 35, "the Israeli military")


def test_reporter_taken_from_the_mention_that_names_one(make_parsed):
    text = ("Hamas fired 35 rockets at Sderot on Friday. Hamas fired 35 rockets in all, "
            "the Israeli military said on Saturday.")
    (row,) = [r for r in extract_strikes(make_parsed(text)) if not r.background]
    assert (row.launched, row.reported_by) == (35, "the Israeli military")


def test_the_story_s_reporter_beats_the_headline_s(make_parsed):
    headline = "Hamas fires 12 rockets at Sderot, Israel says"
    text = headline + "\n\nHamas fired 12 rockets at Sderot on Monday, the Israeli military said."
    (row,) = [r for r in extract_strikes(make_parsed(text, title=headline)) if not r.background]
    assert (row.launched, row.reported_by) == (12, "the Israeli military")


def test_launched_from_ground_a_group_holds(make_parsed):
    text = ("A French frigate shot down four drones fired from Houthi-held areas of Yemen, "
            "the ministry said.")
    assert rows(make_parsed, text) == [("HOUTHIS", "drone", None, 4)]


def test_one_weapon_downed_as_the_object_of_an_interception(make_parsed):
    text = ("Hezbollah claimed responsibility for the attack. The army said it intercepted a cruise "
            "missile launched from Lebanon on Friday.")
    assert rows(make_parsed, text) == [("HEZBOLLAH", "cruise_missile", None, 1)]


def test_a_grounded_weapon_made_safe_is_no_interception(make_parsed):
    text = ("A bomb squad neutralised an unexploded drone lying in a vineyard outside the "
            "village, officials said.")
    assert rows(make_parsed, text) == []


def test_whole_fronted_with_of_and_the_part_as_subject(make_parsed):
    text = ("Russia attacked the city with 36 drones overnight, officials said. Of the 36 drones, "
            "29 were shot down, the air force said.")
    assert rows(make_parsed, text) == [("RUS", "drone", 36, 29)]


def test_militants_are_not_their_peoples_state_and_a_group_claiming_launched(make_parsed):
    text = ("Militants fired 12 rockets from the border area on Monday, the army said. Syrian "
            "militants are active there. The Hamas movement said it had launched the rockets.")
    assert rows(make_parsed, text) == [("HAMAS", "rocket", 12, None)]
    assert rows(make_parsed, "Syrian rebels fired 12 rockets at the base, the army said.") == [
        (None, "rocket", 12, None)]


def test_dozens_multiply():
    assert parse_count(["two", "dozen"]) == 24 and parse_count(["dozen"]) == 12


def test_two_dozen_bombs_is_one_row_of_24(make_parsed):
    assert rows(make_parsed, "Russia struck the city with two dozen guided bombs on Monday, the "
                             "governor said.") == [("RUS", "guided_bomb", 24, None)]


def test_a_lone_launch_is_one_weapon_unless_counted_elsewhere(make_parsed):
    text = ("OSLO/HELSINKI (Wire) — Russia fired a cruise missile at a port on Monday, officials in "
            "Oslo and Helsinki said. The missile fell into the sea.")
    assert rows(make_parsed, text, title="Russia fires a cruise missile at port") == [
        ("RUS", "cruise_missile", 1, None)]
    text = ("Russia fired a cruise missile at the port on Monday. In all, Russia launched 14 cruise "
            "missiles overnight, the air force said.")
    assert rows(make_parsed, text) == [("RUS", "cruise_missile", 14, None)]


def test_out_of_is_a_partitive(make_parsed):
    assert rows(make_parsed, "Air defences destroyed 17 out of 19 Russian cruise missiles overnight, "
                             "the air force said.") == [("RUS", "cruise_missile", 19, 17)]


def test_fired_from_where_an_armed_group_the_story_names_fights(make_parsed):
    text = "Hezbollah vowed revenge. The army said 20 rockets were fired from Lebanon on Sunday."
    assert rows(make_parsed, text) == [("HEZBOLLAH", "rocket", 20, None)]
    assert rows(make_parsed, "The army said 20 rockets were fired from Lebanon on Sunday.") == [
        (None, "rocket", 20, None)]


def test_struck_using_is_struck_with(make_parsed):
    text = ("Belarusian forces struck a fuel depot near Grodvik overnight using 36 attack drones, "
            "the border guard said. Guards shot down 20 of the drones.")
    assert rows(make_parsed, text) == [("BLR", "drone", 36, 20)]


def test_a_list_of_counts_completes_the_verb_its_colon_introduces(make_parsed):
    text = ("MIRNA - Russian forces fired the following at the coast overnight, the navy said:\n\n"
            "63 Geran-2 attack drones and decoys\n"
            "3 Kalibr cruise missiles\n\n"
            "Ships and air defence units destroyed 58 drones and all three cruise missiles.")
    assert rows(make_parsed, text) == [("RUS", "drone", 63, 58), ("RUS", "cruise_missile", 3, 3)]
    row = extract_strikes(make_parsed(text))[0]
    # Who fired the weapons is said in the line that introduces the list: it is cited too.
    assert [e.sentence for e in row.evidence][:2] == [
        "MIRNA - Russian forces fired the following at the coast overnight, the navy said:",
        "63 Geran-2 attack drones and decoys"]


def test_a_list_ends_at_the_next_clause(make_parsed):
    text = ("The air force listed what Russia launched:\n\n"
            "40 drones\n\n"
            "Officials said 12 homes were damaged. Eleven drones were shot down over the river.")
    assert rows(make_parsed, text) == [("RUS", "drone", 40, 11)]


def test_a_short_numbered_line_stays_one_sentence(nlp):
    doc = nlp("Launched overnight:\n\n70 Shahed-type attack drones and decoys\n"
              "2 Iskander-M ballistic missiles\n")
    assert [s.text.strip() for s in doc.sents][1:] == ["70 Shahed-type attack drones and decoys",
                                                       "2 Iskander-M ballistic missiles"]


def test_list_items_keep_their_dash_from_a_saved_page(make_parsed):
    # Saved web pages come through with "- " before each <li>; the dash is no minus sign.
    text = ("Russia attacked the port overnight with the following weapons, the navy said:\n\n"
            "- 27 Shahed attack drones\n\n- 2 Iskander-M ballistic missiles\n\n"
            "Air defences shot down 19 of the drones.")
    assert rows(make_parsed, text) == [("RUS", "drone", 27, 19), ("RUS", "ballistic_missile", 2, None)]


def test_a_pronoun_in_what_a_side_reports_is_that_side(make_parsed):
    text = ("Russia fired 30 drones at the Ardel region overnight, the governor said. "
            "Russia's defence ministry said its air defences had destroyed four missiles over Orel. "
            "Russian forces also fired artillery at the border. "
            "In the Red Sea, the Houthis said they had fired 12 rockets at a tanker.")
    # Russia intercepted the four missiles: it cannot also be the side that launched them.
    assert rows(make_parsed, text) == [("RUS", "drone", 30, None), (None, "missile", None, 4),
                                       ("HOUTHIS", "rocket", 12, None)]


def test_missile_systems_named_on_their_own(make_parsed):
    text = ("Russia fired two Iskanders and five Kalibrs at the harbour overnight. "
            "Air defences shot down four Kalibrs. None of the Iskanders was intercepted.")
    assert rows(make_parsed, text) == [("RUS", "ballistic_missile", 2, 0), ("RUS", "cruise_missile", 5, 4)]
    # A name before the head noun is no head of its own: one row, "Iskander-M ballistic missiles".
    row = extract_strikes(make_parsed("Russia fired three Iskander-M ballistic missiles at Sumy."))[0]
    assert (row.weapon, row.launched, row.detail) == ("ballistic_missile", 3, "Iskander-M ballistic missiles")


def test_aircraft_sent_are_no_strike(make_parsed):
    text = ("Nepal sent two helicopters and 40 rescuers to the flooded valley, its army said. "
            "Russia launched 12 drones at Sumy overnight.")
    assert rows(make_parsed, text) == [("RUS", "drone", 12, None)]


@pytest.mark.parametrize("text, expected", [
    ("Of the nine Kalibr cruise missiles Russia fired from the sea, seven were intercepted.",
     [("RUS", "cruise_missile", 9, 7)]),
    ("Russian forces attacked the city with 44 drones. Thirty-one were destroyed, the mayor said.",
     [("RUS", "drone", 44, 31)]),
    ("Russian jets dropped 25 guided aerial bombs on the front-line villages, the army said.",
     [("RUS", "guided_bomb", 25, None)]),
    ("Russia launched 71 aerial weapons overnight - 64 drones and seven missiles - and air "
     "defences neutralised 55 of them.",
     [("RUS", "total", 71, 55), ("RUS", "drone", 64, None), ("RUS", "missile", 7, None)]),
])
def test_relative_clause_hyphenated_count_dropped_bombs_and_a_breakdown_between_dashes(
        make_parsed, text, expected):
    assert sorted(rows(make_parsed, text), key=str) == sorted(expected, key=str)


def test_a_noun_phrase_keeps_its_conjoined_modifiers(make_parsed):
    row = extract_strikes(make_parsed("Russia launched 80 combat and decoy drones at Sumy."))[0]
    assert (row.launched, row.detail) == (80, "combat and decoy drones")


def test_a_bare_count_destroyed_is_of_the_weapons_counted_before(make_parsed):
    text = "Overnight, Russia sent 35 Shahed drones toward the port. Air defences destroyed 27."
    assert rows(make_parsed, text) == [("RUS", "drone", 35, 27)]
    # Not the part of a partitive read from the whole: "destroyed 26 out of 28 cruise missiles".
    text = ("Russia launched 40 drones overnight. Air defences destroyed 26 out of 28 cruise missiles "
            "fired from bombers.")
    assert sorted(rows(make_parsed, text)) == [("RUS", "cruise_missile", 28, 26), ("RUS", "drone", 40, None)]


def test_a_count_since_the_war_began_is_no_row_of_this_attack(make_parsed):
    text = ("Russia fired 45 drones at the region overnight, the governor said. Since the start of "
            "the full-scale invasion, Russia has launched more than 9,000 Shahed drones at the region.")
    assert rows(make_parsed, text) == [("RUS", "drone", 45, None)]


def test_neither_missile_intercepted_is_zero(make_parsed):
    text = ("Russia fired two ballistic missiles and 30 drones at the depot. Air defences shot down "
            "25 drones. Neither ballistic missile was intercepted, the air force said.")
    assert sorted(rows(make_parsed, text)) == [("RUS", "ballistic_missile", 2, 0), ("RUS", "drone", 30, 25)]


@pytest.mark.parametrize("text, expected", [
    ("KYIV, Feb 14 (Wire) - Russia launched 112 drones overnight; 97 drones were shot down.",
     [("RUS", "drone", 112, 97)]),
    ("KYIV, Feb 14 (Wire) - According to the air force, Russia launched 112 drones and six cruise "
     "missiles overnight; 97 drones and all six missiles were shot down or suppressed.",
     [("RUS", "drone", 112, 97), ("RUS", "cruise_missile", 6, 6)]),
])
def test_a_clause_after_a_semicolon_completes_the_counts_before(make_parsed, text, expected):
    assert sorted(rows(make_parsed, text)) == sorted(expected)
