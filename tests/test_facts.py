"""Key facts from short invented articles: BLUF, key figures, casualties, situation; and the
seed article's brief."""

from __future__ import annotations

import datetime as dt

from briefgen.extract.facts import extract_facts

ARTICLE = (
    "date 2031-05-14 Several unidentified drones entered Latvian airspace overnight, officials said "
    "on Wednesday, prompting allied jets to take off.\n\n"
    "Latvia's defense minister said 14 airspace violations were recorded over five hours. "
    "Police said six crash sites were found across the east. "
    "The first incursion came at about 10:45 p.m. Tuesday and the last around 4:15 a.m. Wednesday. "
    "One person was killed and at least three were injured in Rezekne, the mayor said. "
    "In 2029, a drone crashed in the same region. "
    "\"We will respond,\" the minister said."
)


def test_bluf_is_the_lead_without_dateline(make_parsed):
    facts = extract_facts(make_parsed(ARTICLE))
    assert facts.bluf is not None
    assert facts.bluf.text.startswith("Several unidentified drones entered Latvian airspace")
    assert facts.bluf.evidence and facts.bluf.evidence[0].start == 0


def test_key_figures_are_labelled_and_exclude_years_and_casualties(make_parsed):
    figures = extract_facts(make_parsed(ARTICLE)).key_figures
    labels = {f.value: f.label for f in figures}
    assert "violations recorded" in labels[14]
    assert "crash sites" in labels[6]
    assert 2029 not in labels and 2031 not in labels and 1 not in labels
    assert all(f.evidence for f in figures)


def test_casualties(make_parsed):
    c = extract_facts(make_parsed(ARTICLE)).casualties
    assert (c.killed, c.injured) == (1, 3)
    assert c.where == "Rezekne" and c.evidence


def test_no_one_hurt_is_zero_injured(make_parsed):
    c = extract_facts(make_parsed("A drone hit a house near the border and no one was hurt, "
                                  "police said on Monday.")).casualties
    assert (c.killed, c.injured) == (None, 0)


def test_situation_window_resolved_from_publication_date(make_parsed):
    situation = extract_facts(make_parsed(ARTICLE, published=dt.date(2031, 5, 14))).situation
    assert situation.when_start == "2031-05-13T22:45"
    assert situation.when_end == "2031-05-14T04:15"
    assert "10:45 p.m. Tuesday" in situation.when_text


def test_situation_window_without_a_date_keeps_text(make_parsed):
    text = ARTICLE.replace("date 2031-05-14 ", "")
    situation = extract_facts(make_parsed(text)).situation
    assert situation.when_text.startswith("10:45 p.m. Tuesday")
    assert situation.when_start in (None, "T22:45")


def test_key_facts_ranked_without_bluf_or_quotes(make_parsed):
    facts = extract_facts(make_parsed(ARTICLE))
    texts = [f.text for f in facts.key_facts]
    assert 3 <= len(texts) <= 8
    assert facts.bluf.text not in texts
    assert not any(t.startswith('"') for t in texts)
    assert any("14 airspace violations" in t for t in texts)


def test_seed_brief(shared_dir):
    from briefgen.extract import extract
    from briefgen.ingest import load_source

    brief = extract([load_source(str(shared_dir / "seed" / "poland-drone-incursion.txt"))])
    assert brief.bluf and brief.bluf.evidence
    figures = {f.value: f.label for f in brief.key_figures}
    assert "violation" in figures.get(19, "") and "crash site" in figures.get(9, "")
    window = [e for e in brief.timeline if "11:30 p.m." in e.when_text and "6:30 a.m." in e.when_text]
    assert window and not window[0].background
    background = " ".join(e.when_text + " " + e.text for e in brief.timeline if e.background)
    for when, what in (("August", "drone"), ("March", "missile"), ("2022", "missile")):
        assert any(e.background and when in e.when_text and what in e.text
                   for e in brief.timeline), (when, background)
    assert (brief.casualties.killed, brief.casualties.injured) == (1, 5)


def test_wire_dateline_is_not_part_of_the_bottom_line(make_parsed):
    from briefgen.extract.facts import extract_facts

    facts = extract_facts(make_parsed(
        "OSLO, June 3 — Two patrol drones crashed near the northern border on Monday, "
        "the defence ministry said.\n\nOfficials said nobody was hurt."))
    assert facts.bluf is not None
    assert facts.bluf.text.startswith("Two patrol drones crashed")


def test_where_lists_places_not_actors_or_press_venues(make_parsed):
    from briefgen.extract.facts import extract_facts

    facts = extract_facts(make_parsed(
        "Debris from two drones fell near Kastelli as Russia shelled ports in Ukraine, "
        "prompting Greece to summon Moscow's envoy. The minister told reporters in Athens "
        "that the debris was being examined."))
    assert "Russia" not in facts.situation.where and "Athens" not in facts.situation.where
    assert "Ukraine" in facts.situation.where


def test_where_someone_reacted_is_not_where_it_happened(make_parsed):
    from briefgen.extract.facts import extract_facts

    facts = extract_facts(make_parsed(
        "Drones hit a depot in Ukraine overnight. In Washington, a senator urged the "
        "administration to send more air defences."))
    assert facts.situation.where == ["Ukraine"]


def test_casualties_counted_by_demonym(make_parsed):
    from briefgen.extract.facts import extract_facts

    facts = extract_facts(make_parsed("Two Estonians were lightly wounded by shrapnel, the rescue "
                                      "service said. A later report gave no new figures."))
    assert facts.casualties.injured == 2


def test_agency_datelines_are_not_part_of_the_bottom_line(make_parsed):
    for lead in ("TARTU, Estonia (AP) — ", "NARVA, March 3 (Test Wire) - ", "NEW YORK (Reuters) — "):
        facts = extract_facts(make_parsed(lead + "Two patrol drones crashed near the border on "
                                          "Monday, the defence ministry said."))
        assert facts.bluf is not None and facts.bluf.text.startswith("Two patrol drones"), lead


def test_where_skips_the_dateline_and_trips_and_reads_regions(make_parsed):
    facts = extract_facts(make_parsed(
        "VIENNA, May 3 — At least four people died after floods hit towns across Styria, "
        "officials said. Drones were also shot down over the Bryansk region, Moscow said.\n\n"
        "The chancellor, who cut short a trip to Brazil, said the army would help."))
    assert facts.casualties.killed == 4 and facts.casualties.where == "Styria"
    assert "Brazil" not in facts.situation.where and "VIENNA" not in facts.situation.where
    assert "Bryansk" in facts.situation.where


def test_casualty_evidence_cited_once(make_parsed):
    from briefgen.extract.facts import extract_facts
    from briefgen.extract.merge import _merge_casualties

    parsed = make_parsed("A shell hit the market in Kherson on Friday. Three people were killed "
                         "and eleven injured, the regional governor said.")
    facts = extract_facts(parsed)
    assert (facts.casualties.killed, facts.casualties.injured) == (3, 11)
    assert len(facts.casualties.evidence) == 1
    assert len(_merge_casualties([facts]).evidence) == 1


def test_places_named_by_kind_and_no_figure_for_the_two_sides(make_parsed):
    from briefgen.extract.facts import extract_facts

    facts = extract_facts(make_parsed(
        "Drones struck the port of Izmail overnight and debris fell near the village of "
        "Plauru-Nou. The president offered to host talks between the two sides."))
    assert facts.situation.where[:2] == ["Izmail", "Plauru-Nou"]
    assert not [f for f in facts.key_figures if f.value == 2]


def test_no_casualties_is_zero_of_both(make_parsed):
    from briefgen.extract.facts import extract_facts

    c = extract_facts(make_parsed("Two drones hit a warehouse near the port overnight. There were "
                                  "no casualties, the governor said.")).casualties
    assert (c.killed, c.injured) == (0, 0)


def test_dateline_made_its_own_sentence_is_not_the_time(make_parsed):
    from briefgen.extract.facts import extract_facts

    facts = extract_facts(make_parsed(
        "MOSCOW, August 17. /TASS/. Air defences destroyed 20 drones overnight, the ministry said.",
        published=dt.date(2026, 8, 17)))
    assert facts.situation.when_text == "overnight"


def test_death_toll_rose_and_its_place(make_parsed):
    from briefgen.extract.facts import extract_facts

    c = extract_facts(make_parsed(
        "The death toll from Russia's strike on a market in Lviv rose to seven on Friday, "
        "officials said.")).casualties
    assert (c.killed, c.where) == (7, "Lviv")


def test_sources_agreeing_on_a_figure_make_one_strike_row(make_parsed):
    from briefgen.extract.merge import _merge_strikes
    from briefgen.extract.strikes import extract_strikes

    first = extract_strikes(make_parsed("Russia fired 12 cruise missiles at Ukraine overnight. "
                                        "Air defences destroyed 9 of them, the air force said."))
    second = extract_strikes(make_parsed("Russia fired 12 cruise missiles and 40 drones, and 30 "
                                         "of the drones were destroyed, the air force said."))
    rows = [(r.weapon, r.launched, r.intercepted) for r in _merge_strikes(first + second)]
    assert rows == [("cruise_missile", 12, 9), ("drone", 40, 30)]


def test_headline_gives_no_time_to_the_situation(make_parsed):
    from briefgen.extract.facts import extract_facts

    text = "Drones hit river port overnight\n\nTwo drones hit the river port on Tuesday, officials said."
    facts = extract_facts(make_parsed(text, title="Drones hit river port overnight",
                                      published=dt.date(2026, 5, 6)))
    assert facts.situation.when_text == "Tuesday"


def test_a_toll_the_recogniser_called_a_date_and_its_place(make_parsed):
    facts = extract_facts(make_parsed(
        "TARTU, Estonia (Wire) — Drones struck the port city of Parnu overnight, killing at least "
        "five people and wounding 30, Estonian officials said on Monday."))
    assert (facts.casualties.killed, facts.casualties.injured) == (5, 30)
    assert facts.casualties.where == "Parnu"


def test_no_casualties_in_one_place_is_not_the_whole_toll(make_parsed):
    facts = extract_facts(make_parsed(
        "One man was killed by falling debris in the north, the governor said. "
        "\"There were no casualties,\" the mayor of a southern town said."))
    assert (facts.casualties.killed, facts.casualties.injured) == (1, None)


def test_a_toll_that_ends_its_sentence(make_parsed):
    facts = extract_facts(make_parsed("Missiles hit the city on Saturday, the governor said, "
                                      "killing two people and wounding more than 30."))
    assert (facts.casualties.killed, facts.casualties.injured) == (2, 30)


def test_people_deployed_are_a_figure_and_people_killed_after_the_noun_are_casualties(make_parsed):
    facts = extract_facts(make_parsed(
        "The ministry said 3,000 more soldiers would be deployed to the border. Officials in the "
        "north reported one girl killed. The army said it had neutralised four gunmen."))
    assert [(f.value, f.label) for f in facts.key_figures] == [(3000, "more soldiers deployed to the border")]
    assert facts.casualties.killed == 4


def test_weapons_eliminated_are_no_casualties(make_parsed):
    facts = extract_facts(make_parsed("Coalition jets eliminated 40 of the incoming rockets."))
    assert facts.casualties.killed is None


def test_a_list_is_read_with_the_sentence_that_introduces_it(make_parsed):
    text = ("MIRNA - Russian forces fired the following at the port overnight, the navy said:\n\n"
            "- 63 Geran-2 attack drones;\n- 3 Kalibr cruise missiles.\n\n"
            "Ships and air defence units destroyed 58 drones and all three cruise missiles, "
            "the navy said on Monday.\n\n"
            "The harbour master said the grain terminal had lost power for six hours.")
    facts = extract_facts(make_parsed(text))
    assert facts.bluf.text == ("Russian forces fired the following at the port overnight, the navy "
                               "said: 63 Geran-2 attack drones; 3 Kalibr cruise missiles.")
    # Each line is cited as written.
    assert [e.sentence for e in facts.bluf.evidence] == [
        "MIRNA - Russian forces fired the following at the port overnight, the navy said:",
        "- 63 Geran-2 attack drones;", "- 3 Kalibr cruise missiles."]
    assert not [f for f in facts.key_facts if "Geran" in f.text]


def test_casualties_of_others_lives_lost_and_nobody_killed_or_injured(make_parsed):
    def toll(text):
        c = extract_facts(make_parsed(text)).casualties
        return c.killed, c.injured

    assert toll("One man was killed and four others were injured in Mirna, the mayor said.") == (1, 4)
    assert toll("Six fishermen lost their lives when the shell hit the pier, officials said.") == (6, None)
    assert toll("No one was killed or injured in the blast at the depot, the governor said.") == (0, 0)
