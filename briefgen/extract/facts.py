"""Key facts of one article: bottom line up front, what/where/when, labelled key figures,
casualties and a short ranked list of factual sentences, each with its evidence."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Casualties, Evidence, Fact, KeyFigure, Situation
from .merge import DocFacts
from .numbers import parse_count
from .sentences import clean, dateline_end, is_noise, is_quote_only, list_items
from .strikes import REPORT_VERBS, _count_groups, _qualifier, _weapon_phrase
from .times import TimeExpr, find_times_in, is_background, reference_date, roll_forward

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

PERSON_NOUNS = {"people", "person", "civilian", "child", "children", "soldier", "man", "woman",
                "men", "women", "girl", "boy", "resident", "victim", "worker", "passenger",
                "serviceman", "servicemen", "officer", "militant", "adult", "baby", "teenager",
                "fighter", "gunman", "gunmen", "insurgent", "rebel", "farmer", "fisherman",
                "journalist", "student", "pupil", "patient", "doctor", "nurse", "policeman",
                "firefighter", "rescuer", "member", "sailor", "crew", "pilot", "guard", "troop",
                "others"}  # "a man was killed and three others were hurt"
KILL_VERBS = {"kill", "die", "dead", "perish", "slay"}
# Military euphemisms: killed when said of people ("neutralised four militants"), not of
# weapons ("eliminated 40 of the incoming rockets").
EUPHEMISMS = {"neutralise", "neutralize", "eliminate"}
INJURE_VERBS = {"injure", "wound", "hurt", "injured", "wounded", "hospitalize", "hospitalise"}
TIME_UNITS = {"hour", "minute", "second", "day", "week", "month", "year", "decade", "century",
              "time", "times", "night", "kilometer", "kilometre", "mile", "meter", "metre", "km",
              "member", "percent"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}


def extract_facts(parsed) -> DocFacts:
    return _extract(parsed)


def _extract(parsed) -> DocFacts:
    doc = parsed.doc
    title = parsed.document.title
    ref = reference_date(parsed.document)
    sents = list(doc.sents)
    times = find_times_in([s.text for s in sents], ref)
    background = [is_background(t) for t in times]
    story = [i for i, s in enumerate(sents) if not is_noise(s.text, title)]
    bluf, bluf_ids = _bluf(parsed, sents, story)
    figures = _key_figures(parsed, sents, background)
    casualties = _casualties(parsed, sents, background)
    situation = _situation(parsed, sents, story, times, background, bluf)
    key_facts = _key_facts(parsed, sents, story, background, bluf_ids)
    return DocFacts(bluf=bluf, situation=situation, key_facts=key_facts, key_figures=figures,
                    casualties=casualties)


def _evidence(parsed, sent: Span, start: int | None = None, end: int | None = None) -> Evidence:
    return Evidence(source_id=parsed.document.id, start=sent.start_char if start is None else start,
                    end=sent.end_char if end is None else end, sentence=sent.text.strip())


# ---------------------------------------------------------------- bottom line up front

def _bluf(parsed, sents: list[Span], story: list[int]) -> tuple[Fact | None, list[int]]:
    """The lead: the first reporting sentence with a verb, plus the next when it is short."""
    chosen: list[int] = []
    for i in story:
        sent = sents[i]
        words = len(clean(sent.text).split())
        if words < 8 or not any(t.pos_ in ("VERB", "AUX") for t in sent) or \
                is_quote_only(sent.text) or chosen and sent.text.strip()[:1] in "\"“'‘":
            if chosen:
                break
            continue
        chosen.append(i)
        # A lead paragraph ends the bottom line; so does a long first sentence.
        if words >= 18 or len(chosen) == 2 or "\n\n" in sent.text_with_ws:
            break
    if not chosen:
        return None, []
    items = list_items(sents, chosen[-1])
    text = " ".join(clean(sents[i].text) for i in chosen) + _list_text(sents, items)
    return Fact(text=text, evidence=[_evidence(parsed, sents[i]) for i in chosen + items],
                confidence=0.8), chosen + items


def _list_text(sents: list[Span], items: list[int]) -> str:
    """The items of a list a sentence introduces, run on after its colon: " 88 drones; 4
    cruise missiles." (each item is cited as its own line)."""
    if not items:
        return ""
    return " " + "; ".join(clean(sents[i].text).rstrip(" ;,.") for i in items) + "."


# ---------------------------------------------------------------- key figures

def _noun_after(group: list[Token], end: int) -> tuple[Token | None, int]:
    doc = group[0].doc
    i = group[-1].i + 1
    head = None
    while i < end and i - group[-1].i <= 5:
        tok = doc[i]
        if tok.pos_ in ("NOUN", "PROPN"):
            head = tok
            nxt = doc[i + 1] if i + 1 < end else None
            if nxt is None or nxt.pos_ not in ("NOUN", "PROPN"):
                return head, i + 1
        elif tok.pos_ not in ("ADJ",) and tok.tag_ not in ("VBN", "VBG") and tok.text != "-":
            break
        i += 1
    return head, i


def _label(group: list[Token], head: Token, end: int) -> str:
    """What a count counts, in the sentence's words: "rivers burst their banks", "roads remained
    closed", "crash sites found across the east". A counted object keeps its noun alone
    ("France would send 60 firefighters" → "firefighters"): "firefighters send" misleads."""
    doc = head.doc
    words = [doc[group[-1].i + 1:end].text]
    verb = head.head if head.dep_ in ("nsubj", "nsubjpass") else None
    if verb is not None and verb.pos_ in ("VERB", "AUX"):
        part = [c.text for c in verb.children if c.dep_ == "neg"] + [verb.text]
        part += [c.text for c in verb.children if c.dep_ == "prt"]
        for child in verb.children:
            if child.i > verb.i and child.dep_ in ("dobj", "acomp", "oprd", "attr"):
                sub = [t.text for t in child.subtree]
                if len(sub) <= 4:
                    part += sub
                break
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.i > verb.i), None)
        if prep is not None:
            tail = [t.text for t in prep.subtree]
            if len(tail) <= 5:
                part += tail
        words += part
    return " ".join(words).strip()


def _key_figures(parsed, sents: list[Span], background: list[bool]) -> list[KeyFigure]:
    """Counts that are neither weapons (the strike table) nor casualties, with what they count."""
    figures: list[KeyFigure] = []
    for i, sent in enumerate(sents):
        for group in _count_groups(sent):
            value = parse_count([t.text for t in group])
            if value is None or _weapon_phrase(group, sent.end) is not None:
                continue
            head, end = _noun_after(group, sent.end)
            # People killed or hurt are the casualty line; people deployed, evacuated or
            # rescued are figures ("2,000 more soldiers would be deployed").
            if head is None or head.lemma_.lower() in TIME_UNITS or head.lower_ in TIME_UNITS \
                    or (_is_casualty_noun(head) and _casualty_kind(head) is not None):
                continue
            before = sent.doc[group[0].i - 1] if group[0].i > sent.start else None
            if before is not None and before.lower_ in {"the", "these", "those", "both", "all"}:
                continue  # "talks between the two sides": things named before, not a new figure
            start = group[0].idx
            figures.append(KeyFigure(
                value=value, label=_label(group, head, end), qualifier=_qualifier(group),
                evidence=[_evidence(parsed, sent, start, doc_end(head, end))],
                confidence=0.5 if background[i] else 0.75))
    figures.sort(key=lambda f: f.confidence < 0.75)  # the reported event first, stable otherwise
    return figures[:8]


def doc_end(head: Token, end: int) -> int:
    last = head.doc[end - 1]
    return last.idx + len(last)


def _is_casualty_noun(tok: Token) -> bool:
    # "two Israelis", "three Ukrainians": a plural demonym counts people too.
    return (tok.lemma_.lower() in PERSON_NOUNS or tok.lower_ in PERSON_NOUNS
            or (tok.ent_type_ == "NORP" and tok.tag_ in {"NNS", "NNPS"}))


# ---------------------------------------------------------------- casualties

def _casualty_kind(tok: Token) -> str | None:
    """killed / injured for the verb (or adjective) that says what happened to people: above
    the noun, or a participle after it ("one girl killed", "two soldiers wounded")."""
    killing = KILL_VERBS | EUPHEMISMS if _is_casualty_noun(tok) else KILL_VERBS

    def kind(cand: Token) -> str | None:
        lemma = cand.lemma_.lower()
        if cand.pos_ in ("VERB", "ADJ", "NOUN"):
            if lemma in killing or cand.lower_ in ("killed", "dead", "died", "deaths"):
                return "killed"
            if lemma == "lose" and any(c.lemma_.lower() == "life" for c in cand.children):
                return "killed"  # "seven civilians lost their lives"
            if lemma in INJURE_VERBS or cand.lower_ in ("injured", "wounded", "hurt"):
                return "injured"
        return None

    for participle in (c for c in tok.children if c.dep_ in ("acl", "amod") and c.i > tok.i):
        if kind(participle):
            return kind(participle)
    for cand in (tok, tok.head, tok.head.head):
        if kind(cand) or cand.pos_ == "VERB":
            return kind(cand)
    return None


_DEATH_TOLL = re.compile(
    r"\b(?:death toll|toll of (?:the )?dead|number of (?:the )?dead)\b[^.;]{0,60}?\b(?:rose|has risen|"
    r"climbed|has climbed|increased|reached|stands at|stood at|is now)\s+(?:to\s+)?(?:at least\s+)?"
    r"(\d[\d,]*|[a-z]+(?:-[a-z]+)?)\b", re.I)


def _casualties(parsed, sents: list[Span], background: list[bool]) -> Casualties:
    best: dict[str, tuple[int, Span, str | None]] = {}
    zero: dict[str, Span] = {}
    zero_both: Span | None = None
    for i, sent in enumerate(sents):
        if background[i]:
            continue
        low = sent.text.lower()
        for kind, words in (("injured", ("no one was hurt", "no one was injured", "no injuries",
                                         "result in injuries", "nobody was hurt")),
                            ("killed", ("no one was killed", "no deaths", "nobody was killed")),
                            ("both", ("no casualties", "no victims", "without casualties",
                                      "no one was killed or", "nobody was killed or",
                                      "no deaths or injuries"))):
            if any(w in low for w in words):
                if kind == "both":
                    zero_both = zero_both or sent
                else:
                    zero.setdefault(kind, sent)
        for value, tok in _people_counts(sent):
            kind = _casualty_kind(tok)
            if kind is None:
                continue
            if kind not in best or value > best[kind][0]:
                best[kind] = (value, sent, _place(sent))
        toll = _DEATH_TOLL.search(sent.text)
        value = parse_count(toll.group(1).split()) if toll else None
        if value is not None and ("killed" not in best or value > best["killed"][0]):
            best["killed"] = (value, sent, _place(sent))  # "the death toll rose to four"
    # "There were no casualties" is the whole toll only when nobody is reported dead or hurt
    # anywhere else in the story; next to "one person was killed" it speaks of one place.
    if zero_both is not None and not best:
        for kind in ("killed", "injured"):
            zero.setdefault(kind, zero_both)
    result = Casualties()
    evidence = []
    for kind in ("killed", "injured"):
        if kind in best:
            value, sent, place = best[kind]
            setattr(result, kind, value)
            result.where = result.where or place
            evidence.append(_evidence(parsed, sent))
        elif kind in zero:
            setattr(result, kind, 0)
            evidence.append(_evidence(parsed, zero[kind]))
    # One sentence may give both tolls ("two were killed and nine injured"): cited once.
    result.evidence = [e for i, e in enumerate(evidence) if e not in evidence[:i]]
    return result


def _people_counts(sent: Span) -> list[tuple[int, Token]]:
    """(count, token whose head says what happened) for "31 people", "a 26-year-old man",
    and bare counts in lists ("one killed and at least five wounded")."""
    out: list[tuple[int, Token]] = []
    for group in _count_groups(sent):
        value = parse_count([t.text for t in group])
        if value is None:
            continue
        head, _ = _noun_after(group, sent.end)
        if head is not None and _is_casualty_noun(head):
            out.append((value, head))
        elif head is None and group[-1].dep_ in ("nsubj", "nsubjpass", "dobj"):
            out.append((value, group[-1]))
    for tok in sent:
        if tok.lower_ in ("man", "woman", "girl", "boy", "child", "person", "civilian", "soldier") \
                and any(c.lower_ in ("a", "an") for c in tok.children) \
                and tok.dep_ in ("nsubj", "nsubjpass", "dobj"):
            out.append((1, tok))
    return out


def _place(sent: Span) -> str | None:
    """Where the people were hurt: a place the sentence puts something in ("in Volyn"), else
    the first place it names that is not an actor ("Russia's attack")."""
    after = dateline_end(sent)  # "ROME, May 20 — …": where the story was filed, not the place
    places = [ent for ent in sent.ents if ent.label_ in PLACE_LABELS and ent.start_char >= after]
    located = [ent.text for ent in places if _is_location(ent)]
    # "the port city of Odesa", whatever the entity recogniser made of the name.
    located += [name for name in _places_of(sent) if name not in located]
    # Not an actor ("Russia's attack") nor a demonym ("Ukrainian officials said").
    named = [ent.text for ent in places if ent.root.dep_ not in ("poss", "nsubj", "nsubjpass", "amod")]
    best = located or named
    return best[0] if best else None


# ---------------------------------------------------------------- situation

_AREA_NOUNS = {"region", "oblast", "province", "district", "city", "area", "county", "state",
               "governorate", "prefecture", "border"}
# "the port of Odesa": a place named through the kind of place it is.
_PLACE_OF_NOUNS = {"port", "city", "town", "village", "region", "province", "district", "capital",
                   "outskirts", "suburb", "island", "oblast", "settlement", "harbour", "harbor",
                   "municipality", "county", "governorate", "prefecture", "area"}
# Where someone spoke or reacted ("told reporters in Brussels", "In Washington, a senator
# urged …") is not where anything happened.
_SPEECH_VERBS = {"say", "tell", "speak", "write", "add", "state", "announce", "brief", "post",
                 "urge", "call", "warn", "condemn", "denounce", "welcome", "praise", "thank",
                 "criticise", "criticize", "demand", "appeal", "pledge", "vow", "comment",
                 "deny", "express", "voice", "react", "respond", "meet", "visit"}
_LOCATIVE = {"in", "into", "near", "on", "over", "across", "at", "inside", "outside", "off",
             "along", "around", "throughout", "within", "toward", "towards", "to"}


def _is_location(ent: Span) -> bool:
    """A place where something happened ("in Romania", "near Tulcea"), not an actor named by
    its country or capital ("Russia pounded …", "Moscow's ambassador")."""
    root = ent.root
    if root.dep_ == "compound" and root.head.lemma_.lower() in _AREA_NOUNS:
        root = root.head  # "over the Bryansk region": the region is the object
    if _named_by_kind(root):
        return True  # "struck the port of Odesa", "near the village of Kupiansk"
    if root.dep_ != "pobj" or root.head.lower_ not in _LOCATIVE:
        return False
    # "a trip to Japan", "a visit to Kyiv": where someone went, not where anything happened.
    if root.head.lower_ in ("to", "toward", "towards") and root.head.head.pos_ not in ("VERB", "AUX"):
        return False
    # "told reporters in Brussels": where someone spoke, not where the incident happened.
    return root.head.head.lemma_.lower() not in _SPEECH_VERBS



def _named_by_kind(tok: Token) -> bool:
    """`tok` names a place through its kind: "Odesa" in "the port of Odesa"."""
    return tok.dep_ == "pobj" and tok.head.lower_ == "of" and \
        tok.head.head.lemma_.lower() in _PLACE_OF_NOUNS


def _places_of(sent: Span) -> list[str]:
    """Names the kind of place introduces, whatever the entity recogniser made of them (it
    misses many towns): "the port of Odesa", "the village of Ceadir-Lunga"."""
    names = []
    for tok in sent:
        if tok.pos_ == "PROPN" and _named_by_kind(tok):
            start = tok.i  # the whole name: "Ceadir-Lunga", "Nova Kakhovka"
            while start - 1 > tok.head.i and (sent.doc[start - 1].pos_ == "PROPN"
                                              or sent.doc[start - 1].text == "-"):
                start -= 1
            names.append(sent.doc[start:tok.i + 1].text)
    return names


def _situation(parsed, sents: list[Span], story: list[int], times: list[list[TimeExpr]],
               background: list[bool], bluf: Fact | None) -> Situation:
    situation = Situation(what=bluf.text if bluf else None)
    places: list[str] = []
    for i in story[:8]:
        if background[i]:
            continue
        for ent in sents[i].ents:
            if ent.label_ in PLACE_LABELS and _is_location(ent) and ent.text not in places:
                places.append(ent.text)
        for name in _places_of(sents[i]):
            if name not in places:
                places.append(name)
    situation.where = places[:4]
    # Not the headline or a caption ("Russia launches overnight barrage …"): story sentences.
    in_story = set(story)
    window = _window(sents, times, [b or i not in in_story for i, b in enumerate(background)])
    if window is not None:
        i, exprs = window
        situation.when_start = exprs[0].iso
        situation.when_end = roll_forward(exprs[0], exprs[-1]) if len(exprs) > 1 else None
        situation.when_text = " – ".join(e.text for e in exprs)
        situation.evidence = [_evidence(parsed, sents[i])]
    elif bluf:
        situation.evidence = list(bluf.evidence)
    return situation


def _window(sents: list[Span], times: list[list[TimeExpr]],
            background: list[bool]) -> tuple[int, list[TimeExpr]] | None:
    """The reported event's time: the sentence with the most clock times, else the first
    dated or weekday expression of the story."""
    best: tuple[int, list[TimeExpr]] | None = None
    for i, exprs in enumerate(times):
        if background[i]:
            continue
        clocks = [e for e in exprs if e.kind == "clock"]
        if clocks and (best is None or len(clocks) > len(best[1])):
            best = (i, clocks)
    if best is not None:
        return best
    for i, exprs in enumerate(times):
        dated = [e for e in exprs if e.kind in ("date", "weekday", "relative") and not e.past]
        if dated and not background[i]:
            return i, dated[:1]
    return None


# ---------------------------------------------------------------- key facts

def _key_facts(parsed, sents: list[Span], story: list[int], background: list[bool],
               bluf_ids: list[int]) -> list[Fact]:
    """3-8 factual sentences ranked by position, numbers and official attribution."""
    scored: list[tuple[float, int]] = []
    # A list's items are read with the sentence that introduces them, not as facts of their own.
    items = {i: list_items(sents, i) for i in story}
    in_lists = {j for found in items.values() for j in found}
    for rank, i in enumerate(story):
        sent = sents[i]
        words = len(sent.text.split())
        if i in bluf_ids or i in in_lists or words < 6 or words > 45 \
                or sent.text.strip()[:1] in "\"“'‘":
            continue
        score = 2.0 / (1 + rank * 0.35)
        if any(t.like_num and t.ent_type_ not in ("DATE", "TIME") for t in sent):
            score += 1.0
        if any(t.lemma_.lower() in REPORT_VERBS and t.pos_ == "VERB" for t in sent) \
                or "according to" in sent.text.lower():
            score += 0.5
        if background[i]:
            score -= 1.0
        if any(q in sent.text for q in ("“", "”", '"')):
            score -= 1.0  # quotes belong to the reactions section
        scored.append((score, i))
    top = sorted(sorted(scored, key=lambda p: -p[0])[:6], key=lambda p: p[1])
    return [Fact(text=clean(sents[i].text) + _list_text(sents, items[i]),
                 evidence=[_evidence(parsed, sents[j]) for j in [i, *items[i]]], confidence=0.7)
            for _, i in top]
