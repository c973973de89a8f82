"""Reading counts: numerals ("1,000", "415") and number words ("nineteen", "twenty-one").

Only whole, non-negative counts matter for strike tables and key figures, so anything else
(percentages, decimals, codes like "KN-23") reads as None.
"""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "a dozen": 12, "dozen": 12,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000}  # "two dozen" = 24

_NUMERAL = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d{1,9}$")

# Words before a count that qualify it, normalised to the few forms the brief shows.
QUALIFIERS = {
    "more than": "more than", "over": "more than", "upwards of": "more than",
    "in excess of": "more than", "at least": "at least", "no fewer than": "at least",
    "about": "about", "around": "about", "approximately": "about", "roughly": "about",
    "some": "about", "an estimated": "about", "estimated": "about", "nearly": "nearly",
    "almost": "nearly", "close to": "nearly", "up to": "up to", "as many as": "up to",
    "fewer than": "fewer than", "less than": "fewer than", "under": "fewer than",
}


def word_value(word: str) -> int | None:
    """Value of one token: a numeral or a number word (hyphenated tens included)."""
    w = word.lower().strip()
    if _NUMERAL.match(w):
        return int(w.replace(",", ""))
    if w in UNITS:
        return UNITS[w]
    if w in TENS:
        return TENS[w]
    if "-" in w:
        head, _, tail = w.partition("-")
        if head in TENS and tail in UNITS and UNITS[tail] < 10:
            return TENS[head] + UNITS[tail]
    return None


def parse_count(words: list[str]) -> int | None:
    """Value of a run of number tokens: ["two", "hundred"], ["1.5", "million"] is not a count."""
    total, current, seen = 0, 0, False
    for word in words:
        w = word.lower()
        if w in SCALES:
            current = max(current, 1) * SCALES[w]
            if SCALES[w] >= 1000:
                total, current = total + current, 0
            seen = True
            continue
        if w == "and" and seen or w == "-" and seen:  # "two hundred and five", "thirty - eight"
            continue
        value = word_value(w)
        if value is None:
            return None
        current += value
        seen = True
    return total + current if seen else None


def is_number_word(word: str) -> bool:
    return word_value(word) is not None or word.lower() in SCALES
