"""Which sentences of an article carry reporting, and their text without datelines."""

from __future__ import annotations

import re

# Photo captions and credits, bylines: not the story.
_NOISE = re.compile(r"\(photo\b|^photos?\b|getty images|/\s*afp\b|\bphotos? */|^by [A-Z][\w.' -]+"
                    r"(/|$)|^\W*$|^(reporting|editing|writing) by\b", re.I)
# Leading datelines and markers: "date 2024-07-08 ", "KYIV >> ", "Kyiv | ", "JERUSALEM — ",
# "KYIV, Ukraine (AP) — ", "NEW YORK (Reuters) - ", "CHISINAU, November 11. /TASS/. ",
# "Moscow, Aug 11 ", "BERLIN, May 2 (Reuters) — ", "- ".
_ONE_PLACE = r"[A-Z][A-Za-z.'’-]*(?: [A-Z][A-Za-z.'’-]*){0,3}"  # "KYIV", "New York", "TEL AVIV"
_PLACE = _ONE_PLACE + r"(?:/" + _ONE_PLACE + r")*"  # … or filed from two: "SEOUL/TOKYO"
_DATELINE = re.compile(
    r"^\s*(?:date\s+\d{4}-\d\d-\d\d\s+)?"
    r"(?:" + _PLACE + r"(?:,\s+" + _PLACE + r")?"  # the place, and its country or state
    # … then the agency and a dash: "(AP) — ", " — ", " | ", " - "
    r"(?:\s*(?:\([A-Za-z .&]+\)\s*)?(?:>>|\||—|–|--|\s-)\s*"
    # … or a date, then "/TASS/." or the agency and a dash, or nothing before the story
    r"|,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:\.\s*/[A-Z]+/\.?|\s*(?:\([A-Za-z .&]+\)\s*)?(?:—|–|--|-))?"
    r"\s+(?=[A-Z])"
    r"))?(?:[-•*]\s+)?")


def dateline_length(text: str) -> int:
    """Characters of a leading dateline in a sentence's text (0 without one), also when the
    parser made the dateline a sentence of its own ("MOSCOW, August 17. /TASS/.")."""
    match = _DATELINE.match(text + " Story")
    return min(match.end(), len(text)) if match else 0


def hung_on_dateline(subject):
    """What the parser hung on a subject that is really the dateline city ("SEOUL | North
    Korea fired …": the city is the subject, North Korea its apposition), or None."""
    begin = dateline_end(subject.sent)
    if subject.idx >= begin:
        return None
    return next((g for g in subject.children if g.dep_ == "appos" and g.idx >= begin), None)


def dateline_end(sent) -> int:
    """Character offset (in the document) where a sentence's leading dateline ends, or its
    start: "SEOUL, April 18 — North Korea fired…" → the offset of "North". The parser often
    makes the city the subject of the first verb."""
    match = _DATELINE.match(sent.text)
    return sent.start_char + (match.end() if match else 0)


def clean(text: str) -> str:
    """Sentence text without a leading dateline or bullet, whitespace collapsed."""
    text = " ".join(text.split())
    stripped = _DATELINE.sub("", text, count=1)
    return stripped if len(stripped.split()) >= 3 else text


def is_noise(text: str, title: str | None = None) -> bool:
    """Captions, credits, bylines, the repeated headline and fragments without a verb."""
    flat = " ".join(text.split())
    if _NOISE.search(flat):
        return True
    if title and flat.strip(" .") == " ".join(title.split()).strip(" ."):
        return True
    if flat and dateline_length(flat) >= len(flat):
        return True  # a dateline the parser split off as a sentence: "OSLO, March 9 (Wire) -"
    return len(flat.split()) < 4


def is_headline(text: str, title: str | None) -> bool:
    """The story's title repeated as a sentence of its text (punctuation and case aside)."""
    return bool(title) and _words(text) == _words(title or "")


def _words(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def is_quote_only(text: str) -> bool:
    flat = text.strip()
    return flat[:1] in "\"“'‘" and flat.count(" said") + flat.count(" says") == 0


def claims_responsibility(verb) -> bool:
    """"The Houthis claimed (took) responsibility": a claim of the attack (a spaCy token)."""
    return verb.lemma_.lower() in ("claim", "take") and any(
        c.dep_ == "dobj" and c.lemma_.lower() == "responsibility" for c in verb.children)


def opens_list(sent) -> bool:
    """A sentence ending in a colon, as one introducing a list does ("… launched the following:")."""
    tokens = [t for t in sent if not t.is_space]
    return len(tokens) >= 3 and tokens[-1].text == ":"


def is_list_item(sent) -> bool:
    """A line of its own that is no clause: "88 Shahed-type drones;" after a list's introduction.
    (Its root, not any token: in such fragments the tagger calls "decoys" or "Shahed" a verb.)"""
    doc = sent.doc
    starts_line = sent.start == 0 or "\n" in doc[sent.start - 1].text_with_ws
    return starts_line and sent.root.pos_ not in ("VERB", "AUX")


def list_items(sents: list, index: int) -> list[int]:
    """Indices of the list items that follow sentence `index` when it opens a list."""
    if not opens_list(sents[index]):
        return []
    items = []
    for j in range(index + 1, len(sents)):
        if not is_list_item(sents[j]):
            break
        items.append(j)
    return items
