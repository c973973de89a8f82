"""Mapping words to parties: countries (ISO 3166-1 alpha-3), organisations and armed groups.

Country names and codes come from pycountry. pycountry lacks the short names newsrooms use
("Russia", "Iran"), demonyms ("Polish", "Dutch"), capitals used as metonyms ("the Kremlin",
"Washington") and organisation codes, so those live in the small tables below.
"""

from __future__ import annotations

import functools
import re

from ..model import Party

# Short common English names where pycountry's name is the formal one.
SHORT_NAMES = {
    "RUS": "Russia", "IRN": "Iran", "SYR": "Syria", "KOR": "South Korea", "PRK": "North Korea",
    "MDA": "Moldova", "VEN": "Venezuela", "BOL": "Bolivia", "TZA": "Tanzania", "VNM": "Vietnam",
    "LAO": "Laos", "TWN": "Taiwan", "PSE": "Palestine", "GBR": "United Kingdom",
    "USA": "United States", "CZE": "Czech Republic", "TUR": "Turkey", "FSM": "Micronesia",
    "COD": "DR Congo", "COG": "Republic of the Congo", "CIV": "Ivory Coast", "BRN": "Brunei",
    "MKD": "North Macedonia", "VAT": "Vatican", "CPV": "Cape Verde", "SWZ": "Eswatini",
}

ORGANISATIONS = {
    "NATO": "NATO", "EU": "European Union", "UN": "United Nations", "IAEA": "IAEA",
    "OSCE": "OSCE", "G7": "G7", "AU": "African Union", "ICRC": "Red Cross", "WHO": "WHO",
    "HEZBOLLAH": "Hezbollah", "HOUTHIS": "Houthis", "HAMAS": "Hamas",
    "ISLAMIC_JIHAD": "Islamic Jihad", "OTHER": "Other",
}

# Extra names, demonyms, capitals / seats of government (metonyms) and offices -> code.
# Keys are lower-case; multi-word keys are matched as whole phrases.
ALIASES: dict[str, str] = {
    # countries: short names, alternative names and demonyms
    "russia": "RUS", "russian": "RUS", "russians": "RUS", "kremlin": "RUS", "moscow": "RUS",
    "ukraine": "UKR", "ukrainian": "UKR", "ukrainians": "UKR", "kyiv": "UKR", "kiev": "UKR",
    "poland": "POL", "polish": "POL", "poles": "POL", "warsaw": "POL",
    "belarus": "BLR", "belarusian": "BLR", "belarusians": "BLR", "minsk": "BLR",
    "germany": "DEU", "german": "DEU", "germans": "DEU", "berlin": "DEU",
    "netherlands": "NLD", "dutch": "NLD", "the hague": "NLD", "amsterdam": "NLD",
    "britain": "GBR", "british": "GBR", "uk": "GBR", "u.k.": "GBR", "united kingdom": "GBR",
    "england": "GBR", "london": "GBR", "downing street": "GBR", "whitehall": "GBR",
    "united states": "USA", "us": "USA", "u.s.": "USA", "usa": "USA", "america": "USA",
    "american": "USA", "americans": "USA", "washington": "USA", "white house": "USA",
    "pentagon": "USA", "state department": "USA",
    "france": "FRA", "french": "FRA", "paris": "FRA", "elysee": "FRA", "élysée": "FRA",
    "italy": "ITA", "italian": "ITA", "rome": "ITA",
    "spain": "ESP", "spanish": "ESP", "madrid": "ESP",
    "lithuania": "LTU", "lithuanian": "LTU", "vilnius": "LTU",
    "latvia": "LVA", "latvian": "LVA", "riga": "LVA",
    "estonia": "EST", "estonian": "EST", "tallinn": "EST",
    "finland": "FIN", "finnish": "FIN", "helsinki": "FIN",
    "sweden": "SWE", "swedish": "SWE", "stockholm": "SWE",
    "norway": "NOR", "norwegian": "NOR", "oslo": "NOR",
    "denmark": "DNK", "danish": "DNK", "copenhagen": "DNK",
    "czech": "CZE", "czechia": "CZE", "prague": "CZE",
    "slovakia": "SVK", "slovak": "SVK", "hungary": "HUN", "hungarian": "HUN", "budapest": "HUN",
    "romania": "ROU", "romanian": "ROU", "bucharest": "ROU",
    "moldova": "MDA", "moldovan": "MDA", "chisinau": "MDA", "chișinău": "MDA",
    "bulgaria": "BGR", "bulgarian": "BGR", "greece": "GRC", "greek": "GRC",
    "turkey": "TUR", "türkiye": "TUR", "turkish": "TUR", "ankara": "TUR",
    "canada": "CAN", "canadian": "CAN", "ottawa": "CAN",
    "japan": "JPN", "japanese": "JPN", "tokyo": "JPN",
    "china": "CHN", "chinese": "CHN", "beijing": "CHN",
    "south korea": "KOR", "south korean": "KOR", "seoul": "KOR",
    "north korea": "PRK", "north korean": "PRK", "pyongyang": "PRK", "dprk": "PRK",
    "iran": "IRN", "iranian": "IRN", "tehran": "IRN",
    "israel": "ISR", "israeli": "ISR", "israelis": "ISR", "jerusalem": "ISR", "idf": "ISR",
    "palestinian authority": "PSE", "palestine": "PSE",
    "lebanon": "LBN", "lebanese": "LBN", "beirut": "LBN",
    "syria": "SYR", "syrian": "SYR", "damascus": "SYR",
    "iraq": "IRQ", "iraqi": "IRQ", "baghdad": "IRQ",
    "jordan": "JOR", "jordanian": "JOR", "amman": "JOR",
    "egypt": "EGY", "egyptian": "EGY", "cairo": "EGY",
    "saudi arabia": "SAU", "saudi": "SAU", "riyadh": "SAU",
    "united arab emirates": "ARE", "uae": "ARE", "emirati": "ARE", "abu dhabi": "ARE",
    "qatar": "QAT", "qatari": "QAT", "doha": "QAT",
    "yemen": "YEM", "yemeni": "YEM", "sanaa": "YEM", "oman": "OMN", "omani": "OMN",
    "kuwait": "KWT", "bahrain": "BHR",
    "pakistan": "PAK", "pakistani": "PAK", "islamabad": "PAK",
    "india": "IND", "indian": "IND", "new delhi": "IND", "delhi": "IND",
    "afghanistan": "AFG", "afghan": "AFG", "kabul": "AFG",
    "australia": "AUS", "australian": "AUS", "canberra": "AUS",
    "switzerland": "CHE", "swiss": "CHE", "austria": "AUT", "austrian": "AUT", "vienna": "AUT",
    "belgium": "BEL", "belgian": "BEL", "ireland": "IRL", "irish": "IRL",
    "portugal": "PRT", "portuguese": "PRT", "georgia": "GEO", "georgian": "GEO",
    "armenia": "ARM", "armenian": "ARM", "azerbaijan": "AZE", "azerbaijani": "AZE",
    "kazakhstan": "KAZ", "serbia": "SRB", "serbian": "SRB", "croatia": "HRV",
    # organisations and their offices
    "nato": "NATO", "north atlantic treaty organization": "NATO", "alliance": "NATO",
    "european union": "EU", "eu": "EU", "european commission": "EU", "brussels": "EU",
    "european council": "EU",
    "united nations": "UN", "un": "UN", "u.n.": "UN", "security council": "UN",
    "un security council": "UN",
    "iaea": "IAEA", "osce": "OSCE", "g7": "G7", "group of seven": "G7",
    "african union": "AU", "red cross": "ICRC", "icrc": "ICRC",
    "world health organization": "WHO", "who": "WHO",
    # non-state armed groups
    "hezbollah": "HEZBOLLAH", "houthi": "HOUTHIS", "houthis": "HOUTHIS",
    "ansar allah": "HOUTHIS", "hamas": "HAMAS", "islamic jihad": "ISLAMIC_JIHAD",
}

# Words that only name a party when capitalised in the text (they are common words otherwise).
CASE_SENSITIVE = {"us", "who", "un", "alliance"}


@functools.lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    import pycountry

    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names[value.lower()] = country.alpha_3
    names.update(ALIASES)
    return names


@functools.lru_cache(maxsize=4096)
def party_name(code: str) -> str:
    """Display name for a party code."""
    if code in ORGANISATIONS:
        return ORGANISATIONS[code]
    if code in SHORT_NAMES:
        return SHORT_NAMES[code]
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code.replace("_", " ").title()
    return getattr(country, "common_name", None) or country.name


def party(code: str) -> Party:
    return Party(code=code, name=party_name(code))


def _normalise(text: str) -> str:
    text = text.strip().replace("’", "'")
    text = re.sub(r"'s$", "", text)
    text = re.sub(r"^the\s+", "", text, flags=re.I)
    return text


def code_for(text: str) -> str | None:
    """The party code for a name, demonym, capital or office, or None if unknown.

    Matches the whole phrase: "Polish" -> POL, "the Kremlin" -> RUS, "NATO" -> NATO.
    """
    key = _normalise(text)
    lower = key.lower()
    if lower in CASE_SENSITIVE and key != key.upper() and key != key.title():
        return None
    if lower == "us" and key != "US":
        return None
    return _country_names().get(lower)


_WORD = re.compile(r"[A-Za-zÀ-ÿ.'’-]+")


def find_parties(text: str) -> list[str]:
    """Codes of every party named in a phrase, longest names first, in order of appearance."""
    names = _country_names()
    words = _WORD.findall(text)
    found: list[str] = []
    index = 0
    while index < len(words):
        for size in (4, 3, 2, 1):
            phrase = " ".join(words[index:index + size])
            if len(words[index:index + size]) < size:
                continue
            code = code_for(phrase)
            if code is None and phrase.lower().endswith("'s"):
                code = code_for(phrase[:-2])
            if code is not None and phrase.lower() in names or code is not None:
                if code not in found:
                    found.append(code)
                index += size
                break
        else:
            index += 1
    return found
