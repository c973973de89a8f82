"""Party mapping: names, demonyms, possessives, capitals, offices and organisations."""

from __future__ import annotations

import pytest

from briefgen.extract.parties import (
    code_for,
    find_parties,
    group_parties,
    is_capital,
    is_country_name,
    party,
    party_name,
)


@pytest.mark.parametrize("text, code", [
    ("Polish", "POL"), ("Dutch", "NLD"), ("German", "DEU"), ("British", "GBR"),
    ("Belarusian", "BLR"), ("Thai", "THA"), ("Britain’s", "GBR"), ("Poland's", "POL"),
    ("the Kremlin", "RUS"), ("Washington", "USA"), ("Doha", "QAT"), ("White House", "USA"),
    ("the Iron Dome", "ISR"), ("the Vatican", "VAT"), ("Pope", "VAT"),
    ("Pentagon", "USA"), ("NATO", "NATO"), ("the UN", "UN"), ("U.N.", "UN"),
    ("European Union", "EU"), ("Hezbollah", "HEZBOLLAH"), ("Houthis", "HOUTHIS"),
    ("Palestinian Islamic Jihad", "ISLAMIC_JIHAD"), ("Thailand", "THA"),
    ("Israel Defense Forces", "ISR"), ("Centcom", "USA"),
])
def test_code_for(text, code):
    assert code_for(text) == code


@pytest.mark.parametrize("text", ["us", "who", "Who", "un", "china", "turkey", "alliance",
                                  "Smith", ""])
def test_common_words_are_not_parties(text):
    assert code_for(text) is None


def test_find_parties_in_order_longest_first():
    assert find_parties("Russia’s Defense Ministry told the U.S. and the United Kingdom") == [
        "RUS", "USA", "GBR"]
    assert find_parties("South Korean officials") == ["KOR"]
    assert find_parties("nothing here") == []


def test_names_and_party_model():
    assert party_name("RUS") == "Russia"
    assert party_name("EU") == "European Union"
    assert party_name("ISLAMIC_JIHAD") == "Islamic Jihad"
    assert party("POL").name == "Poland"


def test_groups_capitals_and_country_names():
    assert group_parties("leaders of the Baltic states") == ("LTU", "LVA", "EST")
    assert group_parties("European leaders") == ()
    assert is_capital("Moscow") and not is_capital("Russia")
    assert is_country_name("Thailand") and is_country_name("the UN")
    assert not is_country_name("London") and not is_country_name("Pentagon")


@pytest.mark.parametrize("word, code", [
    ("Sri Lankan", "LKA"), ("Nepalese", "NPL"), ("Burmese", "MMR"), ("Congolese", "COD"),
    ("Equatorial Guinean", "GNQ"), ("Guinean", "GIN"), ("Ivory Coast", "CIV"), ("DR Congo", "COD"),
    ("Kosovo", "XKX"), ("Türkiye", "TUR"), ("Kathmandu", "NPL"), ("Emirati", "ARE"),
])
def test_the_worlds_adjectives_and_short_names(word, code):
    assert code_for(word) == code


def test_words_that_name_no_single_party():
    assert code_for("English") is None and code_for("Afghani") is None
    assert party_name("XKX") == "Kosovo"


def test_the_taliban_speak_for_afghanistan():
    from briefgen.extract.parties import find_parties

    assert find_parties("The Taliban said the border crossing would stay closed.") == ["AFG"]


@pytest.mark.parametrize("text", ["G7 foreign ministers condemned the strike.",
                                  "The G-7 leaders said they were united."])
def test_a_name_with_a_digit_is_found_in_a_phrase(text):
    from briefgen.extract.parties import find_parties

    assert find_parties(text) == ["G7"]
