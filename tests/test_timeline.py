"""Timeline from short invented texts: dated events, weekday resolution, background events."""

from __future__ import annotations

import datetime as dt

from briefgen.extract.timeline import extract_timeline
from briefgen.extract.times import find_times, is_background

TEXT = ("Drones struck the port at 2:10 a.m. Friday, officials said on Friday. "
        "In June, a missile fell near the same port. "
        "In 2020, the port was closed for repairs. "
        "The mayor spoke to reporters at length.")


def test_events_with_weekday_resolved_backwards(make_parsed):
    events = extract_timeline(make_parsed(TEXT, published=dt.date(2031, 9, 6)))  # a Saturday
    assert [e.when for e in events] == ["2031-09-05T02:10", "2031-06", "2020"]
    assert [e.background for e in events] == [False, True, True]
    assert events[0].when_text.startswith("2:10 a.m. Friday")
    assert all(e.evidence and e.evidence[0].sentence for e in events)


def test_without_publication_date_iso_is_left_open(make_parsed):
    events = extract_timeline(make_parsed(TEXT))
    assert events[0].when is None or events[0].when == "T02:10"
    assert [e.background for e in events] == [False, True, True]


def test_merge_orders_background_first(make_parsed):
    from briefgen.extract.merge import _order_timeline

    events = _order_timeline(extract_timeline(make_parsed(TEXT, published=dt.date(2031, 9, 6))))
    assert [e.when for e in events] == ["2020", "2031-06", "2031-09-05T02:10"]


def test_recent_explicit_date_is_not_background():
    ref = dt.date(2031, 8, 11)
    assert not is_background(find_times("from 20:00 on August 9 to 06:10 on August 10", ref))
    assert is_background(find_times("Earlier on August 2, 2031, forces repelled an attack", ref))
    assert is_background(find_times("On July 19, the army fired three missiles", None))
    assert not is_background(find_times("Leaders spoke on July 19 about it", None))


def test_times_inside_quotes_are_not_events(make_parsed):
    import datetime as dt

    from briefgen.extract.timeline import extract_timeline

    events = extract_timeline(make_parsed(
        '"What burns here today can burn in our cities tomorrow," the mayor said. '
        "The shelling began at 4:10 a.m. on Friday.", published=dt.date(2026, 5, 9)))
    assert len(events) == 1
    assert "4:10" in events[0].when_text and "today" not in events[0].when_text


def test_dates_describing_a_speaker_are_not_events(make_parsed):
    from briefgen.extract.timeline import extract_timeline

    events = extract_timeline(make_parsed(
        "Jan Novak, Czech defence minister from 2015 to 2019, said the strike was reckless. "
        "In 2022, a rocket hit a barn near the border."))
    assert all("2015" not in e.when_text for e in events)
    assert any("2022" in e.when_text for e in events)


def test_clock_time_takes_the_day_the_story_named_and_not_the_datelines(make_parsed):
    from briefgen.extract.facts import extract_facts

    text = ("OSLO, March 9 (Wire) - Drones hit a depot near the border on Sunday, officials said.\n\n"
            "Sirens sounded in two towns shortly after 6 p.m.")
    parsed = make_parsed(text, published=dt.date(2026, 3, 9))  # a Monday
    events = extract_timeline(parsed)
    assert [e.when for e in events] == ["2026-03-08", "2026-03-08T18:00"]
    assert extract_facts(parsed).situation.when_start == "2026-03-08T18:00"
