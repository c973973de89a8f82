"""Strike statistics: every count bound to the weapon it counts, who launched it and what
happened to it (launched or intercepted), with the sentence behind it.

The reading is number-centred. For each count in a sentence we find the weapon noun it counts
(scanning the noun phrase to its right, which survives the parser's mistakes on lists like
"415 strike and decoy drones"), then climb the dependency tree to the verb that governs it:
a launch verb makes it a launch count, an interception verb an interception count, anything
else ("fell", "found", "crossed") leaves it out. Partitives ("69 of 73 drones", "99% of the
300 munitions") and anaphora ("Of these, 212 were shot down") split the count between the
whole and the part. Rows for the same actor and weapon found in different sentences are then
joined (launches in one sentence, interceptions in the next).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Evidence, StrikeRow
from .numbers import QUALIFIERS, parse_count, word_value
from .parties import ARMED_GROUP_HOMES, ARMED_GROUPS, find_parties
from .sentences import claims_responsibility, dateline_end, hung_on_dateline, is_headline, list_items
from .times import MONTHS
from .weapons import MISSILE_KINDS, category, combine, named_system

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

LAUNCH_VERBS = {"launch", "fire", "shoot", "send", "lob", "unleash", "hurl", "attack", "target",
                "deploy", "use", "drop"}
INTERCEPT_VERBS = {"intercept", "destroy", "down", "jam", "neutralise", "neutralize",
                   "eliminate", "suppress", "repel", "repulse", "defeat", "destroyed"}
# Aircraft (unlike drones and missiles) sent or deployed somewhere are not launched at a target.
SENT_NOT_FIRED = {"send", "deploy", "dispatch", "scramble", "fly", "move", "station"}
# Verbs that pass their object up to the verb above them ("launched an attack using 100 drones").
PASS_THROUGH = {"use", "include", "involve", "comprise", "total", "number", "carry", "consist",
                "contain", "accord"}
_QUALIFIER_WORDS = {word for phrase in QUALIFIERS for word in phrase.split()}
ATTACK_NOUNS = {"attack", "barrage", "salvo", "strike", "wave", "assault", "raid", "bombardment",
                "onslaught", "volley", "swarm"}
REPORT_VERBS = {"say", "report", "claim", "announce", "tell", "state", "add", "confirm", "write",
                "post", "note", "estimate"}
PARTITIVE_HEADS = {"%", "percent", "most", "majority", "all", "some", "half", "none", "many",
                   "several", "part", "portion", "bulk", "rest", "each", "any"}
PRONOUNS = {"these", "them", "those", "which", "they"}
SKIP_ENTS = {"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL"}
NOT_COUNT_BEFORE = {"article", "no", "no.", "number", "chapter", "section", "resolution", "f",
                    "su", "mig", "tu", "flight", "route", "paragraph", "point", "grade", "level"}
SINGULAR_DETS = {"a", "an", "one"}
CLOCK_WORDS = {"gmt", "utc", "a.m.", "p.m.", "am", "pm", "a.m", "p.m", "hrs", "o'clock", "cet",
               "cest", "est", "edt", "pst", "bst", "local"}


@dataclass
class Mention:
    """One count (or pair of counts) read from a sentence."""

    sent_index: int
    category: str
    detail: str
    start: int
    end: int
    launched: int | None = None
    intercepted: int | None = None
    qualifier: str | None = None
    actor: str | None = None
    actor_explicit: bool = False
    interceptors: list[str] = field(default_factory=list)
    target: str | None = None
    reported_by: str | None = None
    background: bool = False
    anaphora: bool = False
    definite: bool = False  # "94 of the drones": part of weapons counted before (same kind)
    all_of: bool = False  # "All were shot down": every weapon of the sentence before
    regional: bool = False  # "destroyed 13 drones over his region": a part of the whole
    headline: bool = False  # read from the headline left above the story ("…, Seoul says")
    lone: bool = False  # "fired a missile": one weapon, unless the story counts that kind elsewhere
    intro: int | None = None  # a list item's: the sentence whose verb it completes (cited too)
    breakdown: bool = False  # part of a total counted just before ("66 weapons - 60 drones …")
    clause: int = 0  # semicolons before it in its sentence: "launched 112 drones; 97 were …"
    confidence: float = 0.85


# ---------------------------------------------------------------- counts in a sentence

def _is_count_token(tok: Token) -> bool:
    if tok.lower_ in ("both", "neither"):
        # "shot down both missiles", "neither missile was intercepted"; not "both Russia and …"
        return tok.dep_ == "det"
    if tok.lower_ == "none":  # "None of the ballistic missiles was intercepted": zero
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        return nxt is not None and nxt.lower_ == "of" and tok.dep_ in ("nsubj", "nsubjpass")
    if tok.ent_type_ in SKIP_ENTS and not tok.like_num:
        return False
    if word_value(tok.text) is None:
        return False
    if tok.ent_type_ in SKIP_ENTS and not _misread_date(tok):
        return False
    doc = tok.doc
    prev = doc[tok.i - 1] if tok.i > 0 else None
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    # "Article 4", "F-35", "Aug 11"; not a list item's dash ("- 54 drones").
    if prev is not None and (prev.text in ("-", "–") and prev.whitespace_ == "" or prev.text == "#"
                             or prev.lower_ in NOT_COUNT_BEFORE
                             or prev.lower_.rstrip(".") in MONTHS):
        return False
    if nxt is not None and nxt.lower_ in CLOCK_WORDS:
        return False  # "0310 GMT", "8 a.m."
    if tok.text.startswith("0") and len(tok.text) > 1:
        return False
    after = doc[tok.i + 2] if tok.i + 2 < len(doc) else None
    # "KN-23", "40%", "3:30", "1.5" split in two; not a count closing its sentence ("… 30.").
    if nxt is not None and (nxt.text in ("-", "%", "–", ":") and nxt.whitespace_ == ""
                            or nxt.text == "." and nxt.whitespace_ == "" and after is not None
                            and after.like_num
                            or nxt.lower_ in ("percent", "per", "%")):
        return False
    value = word_value(tok.text)
    if value is not None and 1900 <= value <= 2100 and tok.text.isdigit():
        return False  # a year
    return True


def _misread_date(tok: Token) -> bool:
    """A lone number the entity recogniser called a date, standing as a verb's object or
    subject: "killing 12 people and wounding 40" (a count, not a day or a year)."""
    return tok.ent_type_ == "DATE" and tok.ent_iob_ == "B" and tok.text.isdigit() \
        and not (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].ent_iob_ == "I") \
        and tok.dep_ in ("dobj", "nsubj", "nsubjpass") and tok.head.pos_ == "VERB" \
        and not 1900 <= int(tok.text) <= 2100


def _count_groups(sent: Span) -> list[list[Token]]:
    """Runs of number tokens ("two hundred") that are counts, not years, codes or ranges."""
    groups: list[list[Token]] = []
    skip: set[int] = set()
    for tok in sent:
        if tok.i in skip:
            continue
        hyphenated = _hyphenated_number(tok)
        if hyphenated:
            groups.append(hyphenated)
            skip.update(t.i for t in hyphenated)
            continue
        if not _is_count_token(tok):
            continue
        group = [tok]
        j = tok.i + 1
        while j < sent.end and sent.doc[j].lower_ in ("dozen", "hundred", "thousand", "million"):
            group.append(sent.doc[j])
            skip.add(j)
            j += 1
        if _is_range(group):
            continue
        groups.append(group)
    return groups


def _hyphenated_number(tok: Token) -> list[Token]:
    """"Thirty-eight", split by the tokenizer into "Thirty", "-", "eight"."""
    doc = tok.doc
    if tok.i + 2 >= len(doc) or not tok.is_alpha or tok.whitespace_:
        return []
    tens, hyphen, unit = tok, doc[tok.i + 1], doc[tok.i + 2]
    value, unit_value = word_value(tens.text), word_value(unit.text) if unit.is_alpha else None
    if hyphen.text != "-" or hyphen.whitespace_ or value is None or unit_value is None \
            or not (20 <= value <= 90 and value % 10 == 0 and 1 <= unit_value <= 9):
        return []
    return [tens, hyphen, unit]


def _is_range(group: list[Token]) -> bool:
    first, last = group[0], group[-1]
    doc = first.doc
    prev = doc[first.i - 1] if first.i > 0 else None
    if prev is not None and prev.lower_ == "between":
        return True
    if first.dep_ == "conj" and first.head.like_num:
        return _is_range([first.head])
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    after = doc[last.i + 2] if last.i + 2 < len(doc) else None
    return bool(nxt is not None and after is not None and nxt.lower_ in ("to", "-", "–", "or")
                and word_value(after.text) is not None and nxt.lower_ != "or")


def _qualifier(group: list[Token]) -> str | None:
    doc = group[0].doc
    i = group[0].i
    for size in (3, 2, 1):
        if i - size < 0:
            continue
        words = " ".join(t.lower_ for t in doc[i - size:i])
        if words in QUALIFIERS:
            return QUALIFIERS[words]
    end = group[-1].i
    if end + 2 < len(doc) and doc[end + 1].lower_ == "or" and doc[end + 2].lower_ == "so":
        return "about"
    return None


_SCAN_POS = {"ADJ", "NOUN", "PROPN", "CCONJ", "X"}


def _modifies_rightward(tok: Token) -> bool:
    """Whether a word modifies a noun to its right, through modifiers and conjuncts ("decoy" in
    "combat and decoy drones"); a noun heading its own phrase ("missiles" in "missiles Russia
    fired") does not."""
    cur = tok
    for _ in range(6):
        if cur.dep_ not in ("compound", "amod", "nmod", "conj", "nummod", "npadvmod") or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.i > tok.i:
            return True
    return False


def _weapon_phrase(group: list[Token], sent_end: int) -> tuple[list[tuple[Token, str]], int] | None:
    """Weapon heads named right after a count, and the index where the phrase ends.

    "415 strike and decoy drones" -> [(drones, drone)]; "100 rockets and mortar shells" ->
    [(rockets, rocket), (shells, other)].
    """
    doc = group[0].doc
    i = group[-1].i + 1
    if i + 1 < sent_end and doc[i].lower_ == "or" and doc[i + 1].lower_ == "so":
        i += 2
    heads: list[tuple[Token, str]] = []
    phrase_start = i
    steps = 0
    while i < sent_end and steps < 10:
        tok = doc[i]
        steps += 1
        hyphen = i + 1 < sent_end and doc[i + 1].text == "-"
        if tok.like_num and word_value(tok.text) is not None and not hyphen:
            break
        letters = any(c.isalpha() for c in tok.text)
        ok = (tok.pos_ in _SCAN_POS or tok.text in ("-", "–") or tok.tag_ in ("VBN", "VBG")
              or (tok.pos_ == "NUM" and letters))
        if not ok or tok.lower_ in ("that", "which", "who"):
            break
        nxt = doc[i + 1] if i + 1 < sent_end else None
        # The noun phrase goes on while this word modifies one to its right: "Kalibr cruise
        # missiles", but not "missiles | Russia fired" (a relative clause without "that").
        continues = nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and nxt.lower_ not in (
            "overnight",) and not nxt.lemma_.lower() == "launch" and _modifies_rightward(tok)
        phrase = doc[phrase_start:i + 1].text
        cat = category(tok.lemma_, phrase) if tok.pos_ in ("NOUN", "PROPN") else None
        if cat is None and tok.pos_ in ("NOUN", "PROPN"):
            cat = category(tok.lower_.rstrip("s"), phrase)
        if cat is not None and named_system(tok.lemma_.lower()) and tok.dep_ in ("compound", "nmod", "amod"):
            cat = None  # "Iskander" in "Iskander-M ballistic missiles": the head comes later
        if cat is not None and nxt is not None and nxt.pos_ == "NOUN" \
                and nxt.lemma_.lower() in ("launch", "test"):
            return [(nxt, cat)], i + 2
        if cat is not None and not continues:
            heads.append((tok, cat))
            after = doc[i + 1] if i + 1 < sent_end else None
            if after is None or after.pos_ != "CCONJ":
                return heads, i + 1
        elif tok.lemma_.lower() == "launch" and heads == [] and i > phrase_start:
            kinds = [category(t.lemma_, phrase) for t in doc[phrase_start:i]]
            kinds = [k for k in kinds if k]
            if kinds:
                return [(tok, kinds[-1])], i + 1
            break
        i += 1
    return (heads, i) if heads else None


# ---------------------------------------------------------------- governing verb

def _verb_role(verb: Token) -> str | None:
    if any(c.dep_ == "neg" for c in verb.children):
        return None
    lemma = verb.lemma_.lower()
    particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")}
    if lemma in ("shoot", "bring", "knock", "take", "gun", "strike", "cut") and (
            particles & {"down", "out"}):
        return "intercepted"
    if lemma in INTERCEPT_VERBS or verb.lower_ in ("downed", "jammed", "intercepted"):
        return "intercepted"
    if lemma in LAUNCH_VERBS:
        return "launched"
    if lemma in PASS_THROUGH and _attack_subject(verb):
        return "launched"  # "The barrage included 170 drones": what the attack consisted of
    return None


def _attack_subject(verb: Token) -> bool:
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and subject.lemma_.lower() in ATTACK_NOUNS


# Verbs of hitting whose instrument ("with") is what was launched: "struck Odesa with 64
# drones", "pounded the city with rockets". Their object is the target, never the weapons.
STRIKE_WITH_VERBS = {"strike", "hit", "pound", "bombard", "pummel", "batter", "shell", "blast",
                     "rock", "hammer", "attack", "target", "assault", "raid"}


@dataclass
class Climb:
    verb: Token | None = None
    partitive_head: Token | None = None  # "99%" / "69" in "99% of the 300 ..."
    instrument: bool = False  # reached the verb through its "with" phrase

    def role(self) -> str | None:
        if self.verb is None:
            return None
        if self.instrument and self.verb.lemma_.lower() in STRIKE_WITH_VERBS \
                and not any(c.dep_ == "neg" for c in self.verb.children):
            return "launched"
        return _verb_role(self.verb)


def _reported_event(verb: Token) -> Token:
    """"Russia struck the port, the navy said, using 30 drones": the parser hangs "using" on
    the report verb; the weapons were used by the event it reports."""
    if verb.lemma_.lower() not in REPORT_VERBS:
        return verb
    return next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i
                 and c.lemma_.lower() in STRIKE_WITH_VERBS | LAUNCH_VERBS), verb)


def _climb(token: Token) -> Climb:
    """The verb governing a noun, passing through prepositions, lists and 'using'-like verbs."""
    result = Climb()
    cur = token
    for _ in range(14):
        if cur.i != token.i and cur.pos_ in ("VERB", "AUX") and cur.dep_ not in ("amod",):
            if cur.lemma_.lower() in PASS_THROUGH and cur.head.i != cur.i \
                    and not _attack_subject(cur):
                # "struck the port using 30 drones" is "struck the port with 30 drones".
                result.instrument = cur.lemma_.lower() == "use"
                cur = _reported_event(cur.head) if result.instrument else cur.head
                continue
            result.verb = cur
            return result
        if cur.dep_ == "prep" and cur.lower_ == "with" and cur.head.pos_ in ("VERB", "AUX"):
            result.instrument = True
        elif cur.dep_ == "prep":
            result.instrument = False
        if cur.dep_ == "prep" and cur.lower_ == "of" and cur.head.i != cur.i:
            head = cur.head
            if head.lower_ == "out" and head.dep_ == "prep":
                # "destroyed 26 out of 28 missiles": the part is the verb's object before "out".
                head = next((c for c in head.head.children if c.dep_ == "dobj" and c.i < head.i
                             and c.like_num), head)
            if head.like_num or head.lower_ in PARTITIVE_HEADS:
                result.partitive_head = head
        if cur.head.i == cur.i:
            return result
        cur = cur.head
    return result


_REGION_WORDS = {"region", "oblast", "province", "district", "city", "area", "town", "county"}


def _regional(verb: Token | None, head: Token) -> bool:
    for tok in (verb, head):
        if tok is None:
            continue
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("over", "above", "in"):
                if any(t.lemma_.lower() in _REGION_WORDS for t in prep.subtree):
                    return True
    return False


def _main_predicate(noun: Token, verb: Token | None) -> Token | None:
    """Weapons do not fire things: a weapon that is the subject of an active launch verb is a
    reduced relative ("six rockets fired toward X were intercepted"), and the real predicate is
    a conjoined interception verb when there is one."""
    if verb is None or noun.dep_ != "nsubj" or noun.head.i != verb.i \
            or _verb_role(verb) != "launched":
        return verb
    # "Nine rockets launched from X fell in Y": the conjoined verb is what the sentence says
    # happened to them.
    for child in verb.children:
        if child.dep_ == "conj" and child.pos_ == "VERB" and child.i > noun.i:
            return child
    return verb


def _subject(verb: Token) -> Token | None:
    for _ in range(3):
        # Not a dateline city the parser took for a subject ("DUBAI, Feb. 2 — … launched"):
        # the story's own subject when it gave the verb one too, else the subject it hung on
        # that city ("SEOUL | North Korea fired …").
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
        for child in subjects:
            if child.idx >= dateline_end(child.sent):
                return child
        for child in subjects:
            hung = hung_on_dateline(child)
            if hung is not None:
                return hung
        if verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
            verb = verb.head
        else:
            break
    return None


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


# Fighters who are not a state's forces.
IRREGULARS = {"militant", "fighter", "gunman", "insurgent", "rebel", "guerrilla", "jihadist",
              "militia", "militiaman", "extremist"}


def _parties(tok: Token | None) -> list[str]:
    if tok is None or tok.lower_ in PRONOUNS | {"it", "he", "she", "we", "i"}:
        return []
    codes = [c for c in find_parties(_subtree_text(tok)) if c != "OTHER"]
    if tok.lemma_.lower() in IRREGULARS:
        # "Palestinian militants", "Syrian rebels": a people, not its state; "Hezbollah
        # fighters" name their group.
        codes = [c for c in codes if c in ARMED_GROUPS]
    if len(codes) > 1:
        # "Yemen's Houthi rebels": the group the noun names comes before its possessor.
        own = " ".join(t.text for t in tok.subtree if not _in_possessor(t, tok))
        first = [c for c in find_parties(own) if c in codes]
        codes = first + [c for c in codes if c not in first]
    return codes


def _reported_subject(verb: Token) -> Token | None:
    """The subject of `verb`; when it is a pronoun in what someone reports, the reporter: "the
    Houthis said they had fired two missiles" (they), "the ministry said its air defences
    destroyed six missiles" (its air defences): the Houthis, the ministry."""
    subject = _subject(verb)
    if subject is None or verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in REPORT_VERBS:
        return subject
    if subject.lower_ in ("it", "they", "we") or any(
            c.dep_ == "poss" and c.lower_ in ("its", "their", "our") for c in subject.children):
        return _subject(verb.head) or subject
    return subject


def _in_possessor(token: Token, head: Token) -> bool:
    """Whether `token` (in `head`'s subtree) belongs to a possessive modifier of it."""
    while token.i != head.i and token.head.i != token.i:
        if token.dep_ == "poss":
            return True
        token = token.head
    return False


def _subtree_text(tok: Token) -> str:
    # Stop at relative clauses and long appositions: their parties are not the subject's.
    # Not the dateline the parser folded into the subject ("KYIV - Russia launched …").
    begin = dateline_end(tok.sent)
    words = [t for t in tok.subtree if t.idx >= begin and not any(
        a.dep_ in ("relcl", "acl") and a.i != tok.i and a in t.ancestors and tok in a.ancestors
        for a in [t] + list(t.ancestors))]
    return " ".join(t.text for t in words[:20])


def _noun_actor(group: list[Token], head: Token, phrase_end: int) -> list[str]:
    """Who launched the weapons, as the noun phrase says: "Ukrainian drones", "Russia-launched
    drones", "drones that Russia launched", "missiles launched by the Houthis"."""
    doc = head.doc
    words = []
    for tok in doc[group[-1].i + 1:phrase_end]:
        nxt = doc[tok.i + 2] if tok.i + 2 < len(doc) else None
        # "Iranian-designed drones": the maker, not the launcher.
        if doc[tok.i + 1].text == "-" and nxt is not None and nxt.lower_ not in (
                "launched", "fired") if tok.i + 1 < len(doc) else False:
            continue
        words.append(tok.text)
    codes = find_parties(" ".join(words))
    if codes:
        return codes
    for child in head.children:
        if child.dep_ in ("relcl", "acl") and child.lemma_.lower() in LAUNCH_VERBS:
            found = _parties(_agent(child)) or _parties(
                next((c for c in child.children if c.dep_ == "nsubj"), None))
            if found:
                return found
            found = _origin_actor(child)
            if found:
                return found
    return []


def _origin_actor(verb: Token) -> list[str]:
    """Who launched, from where the weapons were launched ("fired from …")."""
    origin = " ".join(t.text for prep in verb.children if prep.dep_ == "prep"
                      and prep.lower_ == "from" for t in prep.subtree)
    if not origin:
        return []
    # "missiles fired from Houthi-controlled areas": launched by who holds the ground.
    held = re.search(r"([A-Z][\w'’]+(?: [A-Z][\w'’]+)?)\s*-\s*(?:controlled|held)\b", origin)
    holders = find_parties(held.group(1)) if held else []
    if holders:
        return holders
    # "a missile launched from Yemen" in a story that names the Houthis: the one armed group
    # the story names that fights from there.
    homes = set(find_parties(origin)) | ({"PSE"} if re.search(r"\bGaza\b", origin) else set())
    based = {c for c in find_parties(verb.doc.text) if ARMED_GROUP_HOMES.get(c) in homes}
    return sorted(based) if len(based) == 1 else []


def _reporter(verb: Token | None, sent: Span) -> str | None:
    """Who gave the figures: the named subject of a report verb over the event, beside it or
    after it, else "according to X", else the sentence's own report verb."""
    candidates: list[Token] = []
    cur = verb
    while cur is not None and cur.head.i != cur.i:
        cur = cur.head
        candidates.append(cur)
    if verb is not None:
        # "Russia fired 12 missiles, the air force said": the report verb hangs under the event,
        candidates += [c for c in verb.children
                       if c.dep_ in ("parataxis", "advcl", "ccomp") and c.i > verb.i]
        # or on a clause further down ("… on Friday, the military said, most of which were …").
        candidates += [t for t in verb.subtree if t.dep_ == "parataxis" and t.i > verb.i]
    for candidate in candidates:
        name = _named_reporter(candidate)
        if name is not None:
            return name
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and sent.doc[tok.i + 1].lower_ == "to":
            pobj = next((c for c in sent.doc[tok.i + 1].children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return _phrase_text(pobj)
    return _named_reporter(sent.root)


def _named_reporter(token: Token) -> str | None:
    """The subject of `token` if it is a report verb with a subject other than a pronoun."""
    if token.lemma_.lower() not in REPORT_VERBS:
        return None
    subj = _subject(token)
    if subj is None or subj.lower_ in PRONOUNS | {"it", "he", "she"}:
        return None
    return _phrase_text(subj)


def _phrase_text(token: Token) -> str:
    """The phrase as written ("Ukraine's air force", not "Ukraine 's air force")."""
    subtree = list(token.subtree)
    return token.doc[subtree[0].i: subtree[-1].i + 1].text.strip()


def _target(verb: Token | None) -> str | None:
    if verb is None:
        return None
    if verb.lemma_.lower() in STRIKE_WITH_VERBS - LAUNCH_VERBS:  # "struck Kyiv with …"
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        codes = [c for c in find_parties(_subtree_text(obj)) if c != "OTHER"] if obj is not None else []
        if codes:
            return codes[0]
    for tok in verb.subtree:
        if tok.dep_ == "prep" and tok.lower_ in ("at", "on", "against", "toward", "towards",
                                                 "into") and tok.head.dep_ not in ("agent",):
            pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            codes = [c for c in find_parties(pobj.text) if c != "OTHER"] if pobj is not None else []
            if codes:
                return codes[0]
    return None


# ---------------------------------------------------------------- reading one sentence

def _read_sentence(parsed, index: int, sent: Span, background: bool,
                   intro: _ListIntro | None = None) -> list[Mention]:
    mentions: list[Mention] = []
    used: set[int] = set()
    for group in _count_groups(sent):
        if group[0].i in used:
            continue
        mention = _read_count(parsed, index, sent, group, used, intro)
        if mention is not None:
            mention.background = background
            mentions.append(mention)
    mentions += _singular_interceptions(index, sent, background, mentions)
    if not mentions:
        mentions += _all_intercepted(index, sent, background)
    _dash_breakdown(sent, mentions)
    # Items of one list share the launcher one of them names ("18 drones, two missiles and a
    # ballistic missile launched by the Houthis").
    named = [m.actor for m in mentions if m.actor_explicit]
    for m in mentions:
        if m.actor is None and named and named[0] not in m.interceptors:
            m.actor = named[0]
    return mentions


def _dash_breakdown(sent: Span, mentions: list[Mention]) -> None:
    """"Russia launched 66 aerial weapons - 60 drones and six missiles - and air defences
    downed 50": the counts between the dashes break the total down; they were launched by the
    total's launcher, whatever verb the parser hung them on."""
    dashes = [t for t in sent if t.text in ("-", "–", "—") and t.whitespace_ and t.i > sent.start
              and sent.doc[t.i - 1].whitespace_]
    if len(dashes) < 2:
        return
    opening, closing = dashes[0].idx, dashes[1].idx
    totals = [m for m in mentions if m.category == "total" and m.launched is not None
              and m.end <= opening]
    if not totals:
        return
    total = totals[-1]
    for m in mentions:
        if opening < m.start < closing and m.category not in ("total", ""):
            count = m.launched if m.launched is not None else m.intercepted
            m.launched, m.intercepted, m.interceptors = count, None, []
            m.actor, m.actor_explicit = total.actor, total.actor_explicit
            m.breakdown = True  # "50 of them" after it is of the total


def _all_intercepted(index: int, sent: Span, background: bool) -> list[Mention]:
    """"All were shot down", "all of them were intercepted", "they were all destroyed": every
    weapon counted in the sentence before was intercepted (resolved in `_assemble`)."""
    for tok in sent:
        if tok.lower_ != "all":
            continue
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if tok.dep_ in ("nsubj", "nsubjpass") and (pobj is None or pobj.lower_ in PRONOUNS):
            verb = tok.head
        elif tok.dep_ in ("advmod", "det", "predet") and tok.head.lower_ in PRONOUNS \
                and tok.head.dep_ in ("nsubj", "nsubjpass"):
            verb = tok.head.head  # "they were all intercepted" / "all these were destroyed"
        elif tok.dep_ in ("advmod", "dep") and tok.head.pos_ == "VERB" and any(
                c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in PRONOUNS for c in tok.head.children):
            verb = tok.head  # "They were all shot down", parsed with "all" on the verb
        else:
            continue
        if verb.pos_ not in ("VERB", "AUX") or _verb_role(verb) != "intercepted":
            continue
        mention = Mention(index, "", "", tok.idx, tok.idx + len(tok.text), all_of=True,
                          background=background, confidence=0.7)
        mention.interceptors = (_parties(_agent(verb)) if _is_passive(verb)
                                else _parties(_subject(verb)))
        mention.reported_by = _reporter(verb, sent)
        return [mention]
    return []


def _quantmod_part(group: list[Token]) -> Token | None:
    """"33" in "shot down 33 of 41 drones" when the parser reads "33 of" as a modifier of the
    41 instead of a partitive: the part, as `Climb.partitive_head` would be."""
    doc = group[0].doc
    if group[0].i < 2:
        return None
    of, part = doc[group[0].i - 1], doc[group[0].i - 2]
    if of.lower_ == "of" and of.dep_ == "quantmod" and part.like_num and part.head.i == group[-1].i:
        return part
    return None


def _fronted_part(head: Token, verb: Token | None, role: str | None) -> Token | None:
    """"Of the 48 drones, 41 were shot down": the whole fronted as "of …" on the verb, the part
    its subject."""
    of = head.head
    if role != "intercepted" or verb is None or of.lower_ != "of" or of.dep_ != "prep" \
            or of.head.i != verb.i or of.i > verb.i:
        return None
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                 and (c.like_num or c.lower_ == "all")), None)


def _read_count(parsed, index: int, sent: Span, group: list[Token],
                used: set[int], intro: _ListIntro | None = None) -> Mention | None:
    value = {"both": 2, "none": 0, "neither": 0}.get(group[0].lower_)
    if value is None:
        value = parse_count([t.text for t in group])
    if value is None:
        return None
    doc = sent.doc
    found = _weapon_phrase(group, sent.end)
    if found is None:
        return _read_bare_count(index, sent, group, value)
    heads, phrase_end = found
    head = heads[0][0]
    cat = combine([c for _, c in heads])
    launch_noun = head.lemma_.lower() in ("launch", "test")
    climb = _climb(head)
    climb.verb = _main_predicate(head, climb.verb)
    role = "launched" if launch_noun else climb.role()
    report_sent = sent
    if role is None and climb.verb is None and intro is not None:
        # A list item ("- 88 Shahed drones") completes its introduction's verb.
        climb, role, report_sent = intro.climb, intro.climb.role(), intro.sent
    if role is None:
        return None
    if cat == "aircraft" and climb.verb is not None and climb.verb.lemma_.lower() in SENT_NOT_FIRED:
        return None  # "India sent two helicopters" (rescue, a patrol): aircraft sent are no strike
    end = phrase_end
    # Not the conjunction, nor the start of the next count's qualifier ("… and more than 120").
    while end > group[-1].i + 1 and (doc[end - 1].pos_ in ("CCONJ", "PUNCT")
                                     or doc[end - 1].lower_ in _QUALIFIER_WORDS):
        end -= 1
    detail = doc[group[-1].i + 1:end].text.strip()
    if detail.lower().startswith("or so "):
        detail = detail[6:]
    mention = Mention(index, cat, detail, group[0].i, phrase_end, qualifier=_qualifier(group))
    mention.start, mention.end = group[0].idx, doc[phrase_end - 1].idx + len(doc[phrase_end - 1])
    part = climb.partitive_head or _quantmod_part(group) or _fronted_part(head, climb.verb, role)
    prev = doc[group[0].i - 1] if group[0].i > 0 else None
    if part is not None and role == "intercepted":
        # "shot down 69 of 73 drones": the whole was launched, the part intercepted.
        mention.launched = value
        part_value = word_value(part.text) if part.like_num else None
        nxt = doc[part.i + 1] if part.i + 1 < len(doc) else None
        if part_value is not None and not (nxt is not None and nxt.text in ("%", "percent")):
            mention.intercepted = part_value
            used.add(part.i)
            mention.start = min(mention.start, part.idx)
        elif part.lower_ == "all":
            mention.intercepted = value
    elif role == "intercepted" and (group[0].lower_ == "both" or
                                    prev is not None and prev.lower_ == "all"):
        mention.launched = mention.intercepted = value  # "destroyed all 13 drones", "both missiles"
    elif role == "launched":
        mention.launched = value
    else:
        mention.intercepted = value
    _fill_parties(mention, climb.verb, role, group, head, phrase_end)
    mention.regional = role == "intercepted" and _regional(climb.verb, head)
    mention.reported_by = _reporter(climb.verb, report_sent)
    if report_sent is not sent:
        mention.intro = intro.index
    mention.confidence = 0.9 if mention.actor_explicit else 0.75
    return mention


def _fill_parties(mention: Mention, verb: Token | None, role: str, group: list[Token],
                  head: Token, phrase_end: int) -> None:
    actors = _noun_actor(group, head, phrase_end)
    if verb is not None:
        if role == "launched" and verb.lemma_.lower() in LAUNCH_VERBS | STRIKE_WITH_VERBS:
            actors = actors or (_parties(_agent(verb)) if _is_passive(verb)
                                else _parties(_reported_subject(verb))) or _origin_actor(verb)
            mention.target = _target(verb)
        elif role == "intercepted":
            mention.interceptors = (_parties(_agent(verb)) if _is_passive(verb)
                                    else _parties(_reported_subject(verb)))
    actors = [a for a in actors if a not in mention.interceptors] or actors
    if actors:
        mention.actor, mention.actor_explicit = actors[0], True


def _read_bare_count(index: int, sent: Span, group: list[Token], value: int) -> Mention | None:
    """A count with no weapon noun: "Of these, 212 were shot down", "70 of them", "70 of the
    Iranian munitions"."""
    tok = group[-1]
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    climb = _climb(tok)
    verb = climb.verb
    if verb is None:
        return None
    if of is None:
        of = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is None:
        return _bare_interceptions(index, sent, group, value, verb)
    pobj = next((c for c in of.children if c.dep_ == "pobj"), None)
    if pobj is None or any(c.dep_ == "nummod" for c in pobj.children):
        return None  # "69 of 73 drones" is read from the 73
    role = _verb_role(verb)
    if role is None:
        return None
    start, end = group[0].idx, pobj.idx + len(pobj)
    mention = Mention(index, "total", pobj.text, start, end, qualifier=_qualifier(group))
    if pobj.lower_ in PRONOUNS:
        mention.anaphora = True
        mention.category = ""
    else:
        cat = category(pobj.lemma_, " ".join(t.text for t in pobj.subtree))
        if cat is None:
            return None
        mention.category = cat
        mention.detail = " ".join(t.text for t in pobj.subtree if t.dep_ != "det")
        # "94 of the drones": the drones counted before, even in the same sentence.
        mention.definite = any(c.dep_ == "det" and c.lower_ in {"the", "these", "those"}
                               for c in pobj.children)
        codes = find_parties(mention.detail)
        if codes:
            mention.actor, mention.actor_explicit = codes[0], True
    if role == "launched":
        mention.launched = value
    else:
        mention.intercepted = value
        mention.interceptors = (_parties(_agent(verb)) if _is_passive(verb)
                                else _parties(_subject(verb)))
    mention.reported_by = _reporter(verb, sent)
    mention.confidence = 0.7
    return mention


def _bare_interceptions(index: int, sent: Span, group: list[Token], value: int,
                        verb: Token) -> Mention | None:
    """"Thirty-eight were destroyed", "Air defences destroyed 27.": a bare count as the subject
    or object of an interception, of the weapons counted just before (resolved like "38 of
    them")."""
    tok = group[-1]
    if tok.dep_ not in ("nsubj", "nsubjpass", "dobj") or tok.head.i != verb.i \
            or _verb_role(verb) != "intercepted" \
            or any(c.dep_ not in ("compound", "quantmod", "advmod", "punct") for c in tok.children):
        return None
    after = sent.doc[tok.i + 1] if tok.i + 1 < sent.end else None
    if tok.dep_ == "dobj" and after is not None and after.pos_ not in ("PUNCT", "CCONJ"):
        return None  # "destroyed 26 out of 28 missiles": the count of a phrase read elsewhere
    mention = Mention(index, "", "", group[0].idx, tok.idx + len(tok.text), intercepted=value,
                      qualifier=_qualifier(group), anaphora=True, confidence=0.7)
    mention.interceptors = _parties(_agent(verb)) if _is_passive(verb) else \
        _parties(_reported_subject(verb)) if tok.dep_ == "dobj" else []
    mention.reported_by = _reporter(verb, sent)
    return mention


# Weapons already down when found: defused or cleared, never intercepted.
GROUNDED = {"unexploded", "crashed", "fallen", "downed", "abandoned", "landed", "wrecked"}


def _singular_interceptions(index: int, sent: Span, background: bool,
                            mentions: list[Mention]) -> list[Mention]:
    """'a ballistic missile' in a list of counts, a lone 'drone shot down' / 'a drone was
    intercepted' / 'intercepted a drone': one weapon. A lone 'fired a missile' is one launch
    marked `lone`: often a summary of launches the story counts elsewhere (see _drop_lone)."""
    out = []
    taken = [(m.start, m.end) for m in mentions]
    for tok in sent:
        if tok.pos_ != "NOUN" or tok.tag_ != "NN" or any(s <= tok.idx < e for s, e in taken):
            continue
        left = [c for c in tok.children if c.dep_ in ("det", "nummod")]
        det = left[0].lower_ if left else None
        if det is not None and det not in SINGULAR_DETS:
            continue
        mods = " ".join(t.text for t in tok.lefts)
        cat = category(tok.lemma_, mods + " " + tok.text)
        if cat is None or cat in ("total", "aircraft"):
            continue
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.pos_ == "NOUN":
            continue  # "drone strike", "missile launch"
        climb = _climb(tok)
        role = climb.role()
        in_list = tok.dep_ == "conj" and any(m.sent_index == index for m in mentions)
        as_subject = tok.dep_ in ("nsubj", "nsubjpass") and role == "intercepted" \
            and det in (None, "a", "an", "one")
        # "it intercepted a ballistic missile launched from Yemen": one weapon, downed. Not
        # "a bomb squad neutralised a drone lying unexploded": what is on the ground is no interception.
        grounded = any(c.dep_ == "amod" and c.lower_ in GROUNDED for c in tok.children)
        done = climb.verb is not None and tok.head.i == climb.verb.i \
            and climb.verb.tag_ in ("VBD", "VBN", "VBZ") \
            and not any(c.dep_ == "neg" for c in climb.verb.children)
        as_object = tok.dep_ == "dobj" and det in ("a", "an", "one") and done \
            and (role == "intercepted" and not grounded or role == "launched")
        if role is None or not (in_list or as_subject or as_object):
            continue
        start = left[0].idx if left else tok.idx
        mention = Mention(index, cat, (mods + " " + tok.text).strip(), start, tok.idx + len(tok),
                          background=background, confidence=0.7)
        actors = _noun_actor([tok], tok, tok.i)
        if role == "launched":
            mention.launched = 1
            mention.lone = not in_list
            if not actors and mention.lone:
                actors = _parties(_subject(climb.verb))  # "North Korea fired an ICBM"
        else:
            mention.intercepted = 1
            if climb.verb is not None:
                mention.interceptors = _parties(_subject(climb.verb))
        if actors:
            mention.actor, mention.actor_explicit = actors[0], True
        mention.reported_by = _reporter(climb.verb, sent)
        out.append(mention)
    return out


# ---------------------------------------------------------------- the document

def _drop_lone(mentions: list[Mention]) -> list[Mention]:
    """A lone "fired a missile" stands for one launch only when the story counts that kind of
    weapon nowhere else ("fired an ICBM"); beside "launched 40 missiles" it summarises them.
    Told more than once (headline and lede), it is still one."""
    def family(category: str) -> str:
        return "missile" if category in MISSILE_KINDS or category == "missile" else category

    counted = {family(m.category) for m in mentions if not m.lone and not m.background}
    kept, seen = [], set()
    for m in sorted(mentions, key=lambda m: m.headline):  # the story's own telling first
        if m.lone and (family(m.category) in counted or family(m.category) in seen):
            continue
        if m.lone:
            seen.add(family(m.category))
        kept.append(m)
    return sorted(kept, key=lambda m: (m.sent_index, m.start))


def _default_actor(parsed, sents: list[Span], background: list[bool]) -> str | None:
    """The side doing the launching in this article: subjects of launch verbs ("Russia fired",
    "Hezbollah fires") and agents ("launched by the Houthis"), lead sentences counting double."""
    votes: dict[str, float] = {}
    for index, sent in enumerate(sents):
        if background[index]:
            continue
        weight = 2.0 if index < 3 else 1.0
        for tok in sent:
            # "The Houthis claimed responsibility": who claims the attack launched it.
            claimed = claims_responsibility(tok)
            if tok.pos_ != "VERB" or (tok.lemma_.lower() not in LAUNCH_VERBS - {"use", "target"}
                                      and not claimed):
                continue
            if tok.lemma_.lower() == "shoot" and any(c.lower_ == "down" for c in tok.children):
                continue
            # "Islamic Jihad said it had launched the barrage": who says so.
            who = _parties(_agent(tok)) if _is_passive(tok) or tok.dep_ == "acl" \
                else _parties(_reported_subject(tok))
            for code in who[:1]:
                votes[code] = votes.get(code, 0.0) + weight
    if not votes:
        return None
    return max(sorted(votes), key=lambda c: votes[c])


@dataclass
class _ListIntro:
    """A sentence that ends in a colon and introduces a list of counts, one per line: "Russia
    launched the following overnight:" / "- 88 Shahed drones" / "- 4 Kh-101 cruise missiles"."""

    index: int
    sent: Span
    climb: Climb


def _list_intro(index: int, sent: Span) -> _ListIntro | None:
    """What a sentence that opens a list (see sentences.list_items) leaves for its items."""
    tokens = [t for t in sent if not t.is_space]
    # What the list spells out: "the following (weapons)", else the noun before the colon.
    anchor = next((t for t in tokens if t.lower_ == "following"), None)
    if anchor is not None and anchor.dep_ == "amod" and anchor.head.pos_ == "NOUN":
        anchor = anchor.head
    if anchor is None and tokens[-2].pos_ in ("NOUN", "PRON"):
        anchor = tokens[-2]
    if anchor is not None:
        climb = _climb(anchor)
        if climb.role() is not None:
            return _ListIntro(index, sent, climb)
    # No object at all: "Air defences destroyed:".
    verb = tokens[-2]
    if verb.pos_ == "VERB" and _verb_role(verb) is not None:
        return _ListIntro(index, sent, Climb(verb=verb))
    return None


def extract_strikes(parsed) -> list[StrikeRow]:
    return _extract(parsed)


def _extract(parsed) -> list[StrikeRow]:
    doc = parsed.doc
    sents = list(doc.sents)
    background = [parsed.recalls_earlier(s) for s in sents]
    # Each item of a list of counts, with the sentence that introduces the list.
    intro_of: dict[int, _ListIntro] = {}
    for index, sent in enumerate(sents):
        items = list_items(sents, index)
        intro = _list_intro(index, sent) if items else None
        if intro is not None:
            intro_of.update(dict.fromkeys(items, intro))
    mentions: list[Mention] = []
    for index, sent in enumerate(sents):
        intro = intro_of.get(index)
        found = _read_sentence(parsed, index, sent, background[index] or (
            intro is not None and background[intro.index]), intro)
        if is_headline(sent.text, parsed.document.title):
            for mention in found:
                mention.headline = True
        for mention in found:
            mention.clause = sent.text[:max(0, mention.start - sent.start_char)].count(";")
        mentions += found
    if not mentions:
        return []
    mentions = _drop_lone(mentions)
    default = _default_actor(parsed, sents, background)
    rows = _assemble(mentions, default)
    rows = _drop_approximate(rows)
    rows = _drop_missile_aggregates(rows)
    _specify_missiles(rows, sents, background)
    return [_to_row(parsed, row, sents) for row in rows]


@dataclass
class _Row:
    mention: Mention
    evidence: list[Mention] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    third_party_share: bool = False


def _assemble(mentions: list[Mention], default: str | None) -> list[_Row]:
    rows: list[_Row] = []
    last_actor: str | None = None
    by_sentence: dict[int, list[_Row]] = {}
    targets: dict[str, str] = {}
    for m in mentions:
        if m.actor and m.target and not m.background:
            targets.setdefault(m.actor, m.target)
    for m in mentions:
        if m.all_of:
            # Every launch row of the sentence before that has no interception count yet.
            for row in by_sentence.get(m.sent_index - 1, []):
                r = row.mention
                if r.launched is not None and r.intercepted is None and not _third_party(m, r):
                    r.intercepted = r.launched
                    row.evidence.append(m)
            continue
        if m.anaphora:
            target = _antecedent(m, by_sentence)
            if target is None:
                continue
            m.category, m.actor, m.detail = (target.mention.category, target.mention.actor,
                                             target.mention.detail)
            if m.intercepted is not None and target.mention.intercepted is None and not (
                    _third_party(m, target.mention)):
                target.mention.intercepted = m.intercepted
                target.evidence.append(m)
            else:
                target.notes.append(_share_note(m))
            continue
        if m.actor is None:
            m.actor = last_actor if last_actor not in m.interceptors else None
            m.actor = m.actor or (default if default not in m.interceptors else None)
            m.confidence = min(m.confidence, 0.7)
        if m.actor is not None and not m.background:
            last_actor = m.actor
        if m.target is None and m.actor in targets:
            m.target = targets[m.actor]
        row = _merge_into(rows, m)
        if row is None:
            row = _Row(m, [m])
            rows.append(row)
        by_sentence.setdefault(m.sent_index, []).append(row)
    return rows


def _antecedent(m: Mention, by_sentence: dict[int, list[_Row]]) -> _Row | None:
    for index in (m.sent_index, m.sent_index - 1, m.sent_index - 2):
        candidates = [r for r in by_sentence.get(index, []) if r.mention.launched is not None
                      and not r.mention.breakdown]
        if candidates:
            totals = [r for r in candidates if r.mention.category == "total"]
            return (totals or candidates)[0] if index != m.sent_index else candidates[-1]
    return None


def _third_party(m: Mention, launch: Mention) -> bool:
    """An interception by a party other than the one attacked is its share, not the total."""
    target = launch.target
    return bool(target and m.interceptors and target not in m.interceptors)


def _share_note(m: Mention) -> str:
    who = "/".join(m.interceptors) or "others"
    return f"{who} intercepted {m.qualifier + ' ' if m.qualifier else ''}{m.intercepted}"


def _same(a: Mention, b: Mention) -> bool:
    return a.category == b.category and a.actor == b.actor and a.background == b.background


def _same_or_named(named: Mention, m: Mention) -> bool:
    """`_same`, or "the missiles" referring back to missiles named by kind ("two cruise
    missiles" … "shot down both missiles")."""
    return _same(named, m) or (m.category == "missile" and named.category in MISSILE_KINDS
                               and named.actor == m.actor and named.background == m.background)


def _sole_named_kind(rows: list[_Row], m: Mention) -> Mention | None:
    """The one missile row named by kind that plain "missiles" can only mean ("seven cruise
    missiles" … "destroyed five missiles"), when no row of plain missiles exists. With two
    kinds ("ballistic and cruise missiles") "five missiles" could be either: None."""
    if m.category != "missile" or any(_same(row.mention, m) for row in rows):
        return None
    kinds = [row.mention for row in rows if row.mention.category in MISSILE_KINDS
             and row.mention.actor == m.actor and row.mention.background == m.background]
    return kinds[0] if len(kinds) == 1 else None


def _merge_into(rows: list[_Row], m: Mention) -> _Row | None:
    for row in rows:
        r = row.mention
        if _same(r, m) and r.launched == m.launched and r.intercepted == m.intercepted:
            _absorb(row, m)  # the same figure reported again
            return row
    if m.launched is not None and m.intercepted is not None:
        # "launched 18 drones" … "shot down all 18 drones": the second completes the first.
        for row in rows:
            r = row.mention
            if _same_or_named(r, m) and r.launched == m.launched and r.intercepted is None \
                    and not _same_clause(r, m):
                r.intercepted = m.intercepted
                _absorb(row, m)
                return row
        return None
    if m.regional and m.launched is None:
        for row in rows:
            r = row.mention
            if _same(r, m) and max(r.intercepted or 0, r.launched or 0) >= (m.intercepted or 0):
                row.notes.append(f"{m.intercepted} intercepted over one region")
                return row
    named = _sole_named_kind(rows, m)
    for row in rows:
        r = row.mention
        if not (_same(r, m) or r is named) or _same_clause(r, m) and not (
                m.anaphora or m.definite):
            continue
        if m.intercepted is not None and r.launched is not None and r.intercepted is None \
                and r.launched >= m.intercepted:
            if _third_party(m, r):
                row.notes.append(_share_note(m))
                return row
            r.intercepted = m.intercepted
            _absorb(row, m)
            return row
        if m.launched is not None and r.intercepted is not None and r.launched is None \
                and r.intercepted <= m.launched and not _third_party(r, m):
            r.launched, r.qualifier = m.launched, m.qualifier or r.qualifier
            _absorb(row, m)
            return row
    if m.intercepted is not None and m.launched is None:
        for row in rows:
            r = row.mention
            if _same(r, m) and r.launched is not None and _third_party(m, r):
                row.notes.append(_share_note(m))
                return row
    return None


def _same_clause(a: Mention, b: Mention) -> bool:
    """Counts of one clause are different weapons ("40 drones and 30 missiles"); a clause after
    a semicolon goes on about the weapons before ("launched 112 drones; 97 were shot down")."""
    return a.sent_index == b.sent_index and a.clause == b.clause


def _absorb(row: _Row, m: Mention) -> None:
    """`m` reports the row's figures again (or completes them): its sentence becomes evidence,
    and who gave the figures is kept from whichever mention names them (a headline does not)."""
    row.evidence.append(m)
    if m.reported_by and (row.mention.reported_by is None or row.mention.headline):
        # The story's own attribution ("South Korea's military said") beats the headline's.
        row.mention.reported_by = m.reported_by
        row.mention.headline = m.headline


def _drop_approximate(rows: list[_Row]) -> list[_Row]:
    """'roughly 120 drones' and '121 drones' in one article are one figure: keep the exact one."""
    keep = []
    for row in rows:
        m = row.mention
        if m.qualifier in ("about", "nearly"):
            twin = next((o for o in rows if o is not row and _same(o.mention, m)
                         and o.mention.qualifier not in ("about", "nearly")
                         and _close(o.mention, m)), None)
            if twin is not None:
                twin.evidence += row.evidence
                continue
        keep.append(row)
    return keep


def _close(a: Mention, b: Mention) -> bool:
    for x, y in ((a.launched, b.launched), (a.intercepted, b.intercepted)):
        if (x is None) != (y is None):
            return False
        if x is not None and y is not None and abs(x - y) > max(2, 0.1 * max(x, y)):
            return False
    return True


def _drop_missile_aggregates(rows: list[_Row]) -> list[_Row]:
    """'4 missiles' that equal 2 ballistic + 2 cruise missiles counted elsewhere: not a row."""
    keep = []
    for row in rows:
        m = row.mention
        if m.category == "missile" and not m.background:
            specific = [o.mention for o in rows if o.mention.category in MISSILE_KINDS
                        and o.mention.actor == m.actor and not o.mention.background]
            for attr in ("launched", "intercepted"):
                value, other = getattr(m, attr), "intercepted" if attr == "launched" else "launched"
                parts = [getattr(o, attr) for o in specific if getattr(o, attr) is not None]
                if value is not None and getattr(m, other) is None and parts \
                        and sum(parts) == value:
                    break
            else:
                keep.append(row)
            continue
        keep.append(row)
    return keep


def _specify_missiles(rows: list[_Row], sents: list[Span], background: list[bool]) -> None:
    """A 'missile' count in an article that only ever names one missile kind is of that kind."""
    kinds = set()
    for index, sent in enumerate(sents):
        if background[index]:
            continue
        for tok in sent:
            if tok.lemma_.lower() == "missile":
                phrase = " ".join(t.text for t in tok.lefts) + " " + tok.text
                if tok.i > 0:
                    phrase = tok.doc[max(tok.i - 4, sent.start):tok.i + 1].text
                kind = category("missile", phrase)
                if kind in MISSILE_KINDS:
                    kinds.add(kind)
    if len(kinds) != 1:
        return
    kind = kinds.pop()
    for row in rows:
        if row.mention.category == "missile" and not row.mention.background:
            row.mention.category = kind


def _to_row(parsed, row: _Row, sents: list[Span]) -> StrikeRow:
    m = row.mention
    evidence = []
    for e in row.evidence:
        if e.intro is not None:  # who launched a list item's weapons is said in its introduction
            intro = sents[e.intro]
            evidence.append(Evidence(source_id=parsed.document.id, start=intro.start_char,
                                     end=intro.end_char, sentence=intro.text.strip()))
        evidence.append(Evidence(source_id=parsed.document.id, start=e.start, end=e.end,
                                 sentence=sents[e.sent_index].text.strip()))
    detail = m.detail + ("; " + "; ".join(row.notes) if row.notes else "")
    confidence = m.confidence if m.background is False else min(m.confidence, 0.6)
    return StrikeRow(actor=m.actor, target=m.target, weapon=m.category or "total",
                     launched=m.launched, intercepted=m.intercepted, qualifier=m.qualifier,
                     detail=detail or None, reported_by=m.reported_by, background=m.background,
                     evidence=evidence, confidence=confidence)
