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
    "XKX": "Kosovo",  # not in ISO 3166 (pycountry); the code the EU and the IMF use
}

ORGANISATIONS = {
    "NATO": "NATO", "EU": "European Union", "UN": "United Nations", "IAEA": "IAEA",
    "OSCE": "OSCE", "G7": "G7", "AU": "African Union", "ICRC": "Red Cross", "WHO": "WHO",
    "HEZBOLLAH": "Hezbollah", "HOUTHIS": "Houthis", "HAMAS": "Hamas",
    "ISLAMIC_JIHAD": "Islamic Jihad", "OTHER": "Other",
}

# Non-state armed groups (a definite "the group" refers back to one; their fighters are theirs).
ARMED_GROUPS = {"HEZBOLLAH", "HOUTHIS", "HAMAS", "ISLAMIC_JIHAD"}
# Where each fights from: a weapon "launched from Yemen" in a story about the Houthis is theirs.
ARMED_GROUP_HOMES = {"HEZBOLLAH": "LBN", "HOUTHIS": "YEM", "HAMAS": "PSE", "ISLAMIC_JIHAD": "PSE"}

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
    # The Pope speaks for the Holy See: "Pope Leo urged …" is not the dateline's country.
    "vatican": "VAT", "holy see": "VAT", "pope": "VAT",
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
    "iron dome": "ISR", "david's sling": "ISR",
    "palestinian authority": "PSE", "palestine": "PSE", "palestinian": "PSE",
    "palestinians": "PSE", "ramallah": "PSE",
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
    "taliban": "AFG",  # the government in Kabul since 2021, not an armed group of a third country
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
    "iaea": "IAEA", "osce": "OSCE", "g7": "G7", "g-7": "G7", "group of seven": "G7",
    "african union": "AU", "red cross": "ICRC", "icrc": "ICRC",
    "world health organization": "WHO", "who": "WHO",
    # non-state armed groups
    "hezbollah": "HEZBOLLAH", "houthi": "HOUTHIS", "houthis": "HOUTHIS",
    "ansar allah": "HOUTHIS", "hamas": "HAMAS", "islamic jihad": "ISLAMIC_JIHAD",
}

# More demonyms, capitals and seats of government pycountry does not carry.
DEMONYMS_AND_CAPITALS: dict[str, str] = {
    "afghans": "AFG", "albanian": "ALB", "tirana": "ALB", "algerian": "DZA", "algiers": "DZA",
    "argentine": "ARG", "argentinian": "ARG", "buenos aires": "ARG", "yerevan": "ARM",
    "baku": "AZE", "manama": "BHR", "bahraini": "BHR", "bangladeshi": "BGD", "dhaka": "BGD",
    "brussels-based": "EU", "bosnian": "BIH", "sarajevo": "BIH", "brazilian": "BRA",
    "brasilia": "BRA", "sofia": "BGR", "cambodian": "KHM", "chilean": "CHL", "santiago": "CHL",
    "colombian": "COL", "bogota": "COL", "croatian": "HRV", "zagreb": "HRV", "cuban": "CUB",
    "havana": "CUB", "cypriot": "CYP", "nicosia": "CYP", "czechs": "CZE", "danes": "DNK",
    "eritrean": "ERI", "estonians": "EST", "ethiopian": "ETH", "addis ababa": "ETH",
    "filipino": "PHL", "philippine": "PHL", "manila": "PHL", "finns": "FIN", "tbilisi": "GEO",
    "ghanaian": "GHA", "athens": "GRC", "greeks": "GRC", "icelandic": "ISL", "reykjavik": "ISL",
    "indonesian": "IDN", "jakarta": "IDN", "iranians": "IRN", "iraqis": "IRQ", "dublin": "IRL",
    "italians": "ITA", "japanese government": "JPN", "kazakh": "KAZ", "astana": "KAZ",
    "kenyan": "KEN", "nairobi": "KEN", "kosovar": "XKX", "kuwaiti": "KWT", "kyrgyz": "KGZ",
    "latvians": "LVA", "libyan": "LBY", "tripoli": "LBY", "lithuanians": "LTU",
    "luxembourgish": "LUX", "malaysian": "MYS", "kuala lumpur": "MYS", "maltese": "MLT",
    "mexican": "MEX", "mexico city": "MEX", "moldovans": "MDA", "mongolian": "MNG",
    "montenegrin": "MNE", "moroccan": "MAR", "rabat": "MAR", "nigerian": "NGA", "abuja": "NGA",
    "new zealand": "NZL", "wellington": "NZL", "muscat": "OMN", "peruvian": "PER", "lima": "PER",
    "portuguese government": "PRT", "lisbon": "PRT", "romanians": "ROU", "saudis": "SAU",
    "serbs": "SRB", "belgrade": "SRB", "singaporean": "SGP", "slovenian": "SVN",
    "ljubljana": "SVN", "bratislava": "SVK", "somali": "SOM", "mogadishu": "SOM",
    "south african": "ZAF", "pretoria": "ZAF", "sudanese": "SDN", "khartoum": "SDN",
    "swedes": "SWE", "bern": "CHE", "syrians": "SYR", "taiwanese": "TWN", "taipei": "TWN",
    "tajik": "TJK", "thai": "THA", "bangkok": "THA", "tunisian": "TUN", "tunis": "TUN",
    "turkmen": "TKM", "uzbek": "UZB", "tashkent": "UZB", "venezuelan": "VEN", "caracas": "VEN",
    "vietnamese": "VNM", "hanoi": "VNM", "yemenis": "YEM", "emirates": "ARE", "brits": "GBR",
    "scotland": "GBR", "wales": "GBR", "north macedonian": "MKD", "skopje": "MKD",
    "hungarians": "HUN", "new zealander": "NZL", "mexicans": "MEX",
    # seats of government, parliaments, militaries and agencies used for their state
    "elysee palace": "FRA", "quai d'orsay": "FRA", "chancellery": None, "bundestag": "DEU",
    "bundeswehr": "DEU", "sejm": "POL", "verkhovna rada": "UKR", "knesset": "ISR",
    "israel defense forces": "ISR", "israeli defense forces": "ISR", "shin bet": "ISR",
    "mossad": "ISR", "centcom": "USA", "central command": "USA", "capitol hill": "USA",
    "congress": None, "foggy bottom": "USA", "zhongnanhai": "CHN", "blue house": "KOR",
    "sbu": "UKR", "fsb": "RUS", "ria novosti": None, "kcna": "PRK", "irgc": "IRN",
    "revolutionary guard": "IRN", "revolutionary guards": "IRN", "un mission": None,
    "palestinian islamic jihad": "ISLAMIC_JIHAD", "the islamic jihad": "ISLAMIC_JIHAD",
    "houthi rebels": "HOUTHIS", "hizbollah": "HEZBOLLAH", "hizbullah": "HEZBOLLAH",
    "european union's": "EU", "nato's": "NATO", "united nations security council": "UN",
    "unicef": "UN", "unhcr": "UN", "ocha": "UN", "world food programme": "UN",
    "international atomic energy agency": "IAEA", "organization for security and co-operation "
    "in europe": "OSCE", "international committee of the red cross": "ICRC",
}
# The rest of the world's adjectives, a few older or local names, and capitals that name no
# other place. Not here on purpose: "English", "Scottish", "Welsh" (a language, devolved
# governments), "Afghani" (a currency), "Gaza" / "West Bank" (who speaks for them is a matter
# of the story, not of the word).
DEMONYMS_AND_CAPITALS.update({
    "andorran": "AND", "angolan": "AGO", "luanda": "AGO", "bahamian": "BHS", "barbadian": "BRB",
    "belizean": "BLZ", "beninese": "BEN", "bhutanese": "BTN", "thimphu": "BTN",
    "bolivian": "BOL", "la paz": "BOL", "botswanan": "BWA", "gaborone": "BWA",
    "bruneian": "BRN", "burkinabe": "BFA", "ouagadougou": "BFA", "burmese": "MMR",
    "burma": "MMR", "naypyidaw": "MMR", "naypyitaw": "MMR", "burundian": "BDI",
    "cameroonian": "CMR", "yaounde": "CMR", "cape verdean": "CPV", "central african": "CAF",
    "chadian": "TCD", "n'djamena": "TCD", "ndjamena": "TCD", "comoran": "COM",
    "comorian": "COM", "congolese": "COD", "kinshasa": "COD", "brazzaville": "COG",
    "democratic republic of congo": "COD", "democratic republic of the congo": "COD",
    "costa rican": "CRI", "ivorian": "CIV", "cote d'ivoire": "CIV", "djiboutian": "DJI",
    "dominican": "DOM", "santo domingo": "DOM", "ecuadorian": "ECU", "ecuadoran": "ECU",
    "quito": "ECU", "salvadoran": "SLV", "san salvador": "SLV", "equatorial guinean": "GNQ",
    "fijian": "FJI", "gabonese": "GAB", "gambian": "GMB", "gambia": "GMB",
    "grenadian": "GRD", "guatemalan": "GTM", "guatemala city": "GTM", "guinean": "GIN",
    "conakry": "GIN", "bissau-guinean": "GNB", "guyanese": "GUY", "haitian": "HTI",
    "port-au-prince": "HTI", "honduran": "HND", "tegucigalpa": "HND", "jamaican": "JAM",
    "lao": "LAO", "laotian": "LAO", "vientiane": "LAO", "liberian": "LBR", "monrovia": "LBR",
    "malagasy": "MDG", "antananarivo": "MDG", "malawian": "MWI", "lilongwe": "MWI",
    "maldivian": "MDV", "malian": "MLI", "bamako": "MLI", "mauritanian": "MRT",
    "nouakchott": "MRT", "mauritian": "MUS", "monegasque": "MCO", "mozambican": "MOZ",
    "maputo": "MOZ", "namibian": "NAM", "windhoek": "NAM", "nepalese": "NPL", "nepali": "NPL",
    "kathmandu": "NPL", "nicaraguan": "NIC", "managua": "NIC", "nigerien": "NER",
    "niamey": "NER", "panamanian": "PAN", "papua new guinean": "PNG", "paraguayan": "PRY",
    "asuncion": "PRY", "asunción": "PRY", "rwandan": "RWA", "kigali": "RWA",
    "senegalese": "SEN", "dakar": "SEN", "seychellois": "SYC", "sierra leonean": "SLE",
    "freetown": "SLE", "south sudanese": "SSD", "juba": "SSD", "sri lankan": "LKA",
    "colombo": "LKA", "surinamese": "SUR", "tanzanian": "TZA", "dodoma": "TZA",
    "togolese": "TGO", "lome": "TGO", "lomé": "TGO", "tongan": "TON", "trinidadian": "TTO",
    "ugandan": "UGA", "kampala": "UGA", "uruguayan": "URY", "montevideo": "URY",
    "zambian": "ZMB", "lusaka": "ZMB", "zimbabwean": "ZWE", "harare": "ZWE",
    "sahrawi": "ESH", "basotho": "LSO", "swazi": "SWZ", "swaziland": "SWZ",
    "liechtensteiner": "LIE", "sammarinese": "SMR", "vanuatuan": "VUT", "samoan": "WSM",
    "solomon islander": "SLB", "tuvaluan": "TUV", "nauruan": "NRU", "palauan": "PLW",
    "marshallese": "MHL", "micronesian": "FSM", "timorese": "TLS", "east timorese": "TLS",
    "east timor": "TLS", "dili": "TLS", "kittitian": "KNA", "saint lucian": "LCA",
    "st lucia": "LCA", "vincentian": "VCT", "antiguan": "ATG", "belarussian": "BLR",
    "byelorussian": "BLR", "kazakhstani": "KAZ", "uzbekistani": "UZB", "kyrgyzstani": "KGZ",
    "bishkek": "KGZ", "tajikistani": "TJK", "dushanbe": "TJK", "ashgabat": "TKM",
    "azeri": "AZE", "emirati": "ARE", "somalian": "SOM", "yemenite": "YEM",
    "kosovo": "XKX", "pristina": "XKX", "bosnia": "BIH", "holland": "NLD", "turkiye": "TUR",
    "türkiye": "TUR", "sao tome": "STP", "são tomé": "STP", "ulaanbaatar": "MNG",
    "phnom penh": "KHM", "podgorica": "MNE", "accra": "GHA", "asmara": "ERI",
})
ALIASES.update({k: v for k, v in DEMONYMS_AND_CAPITALS.items() if v is not None})

# Groups of parties named together ("the Baltic states" -> three countries).
GROUPS: dict[str, tuple[str, ...]] = {
    "baltic states": ("LTU", "LVA", "EST"), "baltic countries": ("LTU", "LVA", "EST"),
    "baltics": ("LTU", "LVA", "EST"), "baltic nations": ("LTU", "LVA", "EST"),
    "nordic countries": ("DNK", "FIN", "ISL", "NOR", "SWE"),
    "benelux": ("BEL", "NLD", "LUX"),
}

# Capitals and seats of power: a party reacting through one has no named speaker.
CAPITALS = {
    "moscow", "kyiv", "kiev", "warsaw", "minsk", "berlin", "the hague", "amsterdam", "london",
    "washington", "paris", "rome", "madrid", "vilnius", "riga", "tallinn", "helsinki",
    "stockholm", "oslo", "copenhagen", "prague", "budapest", "bucharest", "chisinau",
    "chișinău", "ankara", "ottawa", "tokyo", "beijing", "seoul", "pyongyang", "tehran",
    "jerusalem", "beirut", "damascus", "baghdad", "amman", "cairo", "riyadh", "abu dhabi",
    "doha", "sanaa", "islamabad", "new delhi", "delhi", "kabul", "canberra", "vienna",
    "brussels", "tbilisi", "yerevan", "baku", "athens", "sofia", "belgrade", "lisbon", "dublin",
    "bangkok", "manila", "jakarta", "taipei", "hanoi", "muscat", "manama", "tripoli", "tunis",
}

# Words that only name a party when capitalised in the text (they are common words otherwise).
CASE_SENSITIVE = {"us", "who", "un", "alliance", "chad", "jordan", "georgia", "turkey", "china"}
# Of those, the ones that must be written in capitals ("WHO", "UN", "US").
UPPER_ONLY = {"us", "who", "un"}


@functools.lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    import pycountry

    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names[value.lower()] = country.alpha_3
    # The short names briefs display ("Ivory Coast", "DR Congo") are names too.
    names.update({name.lower(): code for code, name in SHORT_NAMES.items()})
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
    if lower in UPPER_ONLY and key != key.upper():
        return None
    return _country_names().get(lower)


def is_capital(text: str) -> bool:
    """A capital city used for its government ("Moscow said")."""
    return _normalise(text).lower() in CAPITALS


def is_country_name(text: str) -> bool:
    """The phrase is just the name of a country or organisation ("Thailand", "the UN")."""
    key = _normalise(text).lower()
    code = code_for(text)
    if code is None or key in CAPITALS:
        return False
    return key in _plain_names() or key == code.lower() or key == party_name(code).lower()


@functools.lru_cache(maxsize=1)
def _plain_names() -> set[str]:
    import pycountry

    names = {party_name(c.alpha_3).lower() for c in pycountry.countries}
    for country in pycountry.countries:
        names.update(getattr(country, a, "").lower() for a in ("name", "common_name"))
    names.update(v.lower() for v in ORGANISATIONS.values())
    names.update({"russia", "britain", "america", "us", "u.s.", "uk", "u.k.", "usa", "eu", "un",
                  "u.n.", "nato", "european union", "united nations", "united states",
                  "united kingdom", "hezbollah", "hamas", "houthis", "islamic jihad", "iaea",
                  "osce", "g7", "who", "icrc", "palestinian islamic jihad", "the islamic jihad"})
    return names


def group_parties(text: str) -> tuple[str, ...]:
    """Codes for a named group of countries in the phrase ("the Baltic states"), else ()."""
    lower = text.lower()
    for name, codes in GROUPS.items():
        if name in lower:
            return codes
    return ()


_WORD = re.compile(r"[A-Za-zÀ-ÿ0-9.'’-]+")  # digits too: "G7"


def find_parties(text: str) -> list[str]:
    """Codes of every party named in a phrase, longest names first, in order of appearance."""
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
            if code is not None:
                if code not in found:
                    found.append(code)
                index += size
                break
        else:
            index += 1
    return found
