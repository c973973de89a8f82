"""Who is speaking and for which party: noun phrases -> speakers, resolved within a document.

A speaker is a person ("Polish Prime Minister Donald Tusk"), a body ("Russia's Defense
Ministry", "the Polish air force"), a country or organisation by name ("Thailand"), or an
anonymous source of a known party ("a NATO spokesperson" -> NATO, no name). Later mentions
resolve to earlier ones: surnames ("Tusk said"), pronouns ("he said"), definite roles
("the president said", "the ministry said"). The party comes from explicit markers first
(demonyms, possessives, offices), then from earlier mentions, then from the document context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .parties import (
    ARMED_GROUPS,
    code_for,
    find_parties,
    group_parties,
    is_capital,
    is_country_name,
    party_name,
)
from .sentences import dateline_end

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Words of titles and roles: they precede or describe a name but are not part of it.
TITLE_WORDS = {
    "president", "vice", "prime", "minister", "ministers", "secretary", "general", "gen", "gen.",
    "maj", "maj.", "major", "col", "col.", "colonel", "lt", "lt.", "lieutenant", "sgt", "sgt.",
    "adm", "adm.", "admiral", "gov", "gov.", "governor", "mayor", "spokesperson", "spokesman",
    "spokeswoman", "spokespeople", "chief", "head", "foreign", "defense", "defence", "interior",
    "deputy", "first", "chancellor", "king", "queen", "prince", "sheikh", "emir", "ambassador",
    "envoy", "senator", "sen", "sen.", "rep", "rep.", "representative", "lawmaker", "speaker",
    "commander", "director", "official", "officer", "adviser", "advisor", "leader", "chairman",
    "chairwoman", "chair", "coordinator", "humanitarian", "state", "regional", "senior",
    "national", "security", "policy", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.",
    "professor", "prof", "prof.", "parliament", "parliamentary", "high", "commissioner",
    "attorney", "justice", "affairs", "staff", "army", "navy", "air", "force", "military",
    "supreme", "pope", "cardinal", "rabbi", "imam", "ayatollah", "premier",
    "diplomat", "top", "former", "ex", "acting", "then", "retired", "u.n.", "un", "eu", "nato",
    "federal", "economy", "finance", "trade", "health", "energy", "culture", "education",
    "transport", "homeland", "agriculture", "commerce", "communications", "spokesperson's",
    "press", "director-general", "secretary-general", "undersecretary", "under", "assistant",
    "special", "counselor", "inspector", "brig.", "brig", "capt.",
    "capt", "captain", "sergeant", "corporal", "private", "marshal", "field", "rear",
}

# Head nouns of bodies that speak as an institution.
BODY_HEADS = {
    "ministry", "office", "department", "force", "military", "army", "navy", "police",
    "authority", "government", "agency", "command", "service", "council", "mission",
    "inspectorate", "commission", "staff", "chief", "cabinet", "embassy", "parliament",
    "presidency", "administration", "guard", "directorate", "headquarters", "committee",
    "secretariat", "coalition", "alliance", "prosecutor", "kremlin", "pentagon",
    "defense", "defence", "forces", "corps", "brigade", "unit", "operator", "regulator",
    "court", "statement", "union", "nations", "assembly", "house", "state", "states",
}
# Head nouns of people known only by their role.
ROLE_HEADS = {
    "president", "minister", "spokesperson", "spokesman", "spokeswoman", "official", "governor",
    "mayor", "diplomat", "envoy", "ambassador", "commander", "source", "adviser", "advisor",
    "secretary", "chancellor", "premier", "head", "general", "officer", "lawmaker", "senator",
    "representative", "coordinator", "director", "king", "emir", "prince", "speaker",
    "negotiator", "leader", "chief", "commissioner", "member", "mp", "aide", "counterpart",
}
# Plural heads that name several parties at once ("European leaders", "Gulf states").
GROUP_HEADS = {"leader", "country", "nation", "state", "government", "ally", "capital",
               "neighbour", "neighbor", "partner", "member"}
# Speakers that do not speak for a government.
OTHER_HEADS = {
    "analyst", "expert", "professor", "researcher", "scholar", "academic", "fellow", "lecturer",
    "witness", "resident", "journalist", "reporter", "correspondent", "paramedic", "medic",
    "doctor", "activist", "observer", "network", "channel", "newspaper", "broadcaster",
    "outlet", "media", "company", "firm", "monitor", "charity", "eyewitness", "survivor",
    "historian", "economist", "commentator", "blogger", "volunteer", "rescuer", "student",
    "teacher", "villager", "farmer", "driver", "passenger", "employee", "worker", "nurse",
    "newsletter", "tv", "television", "radio", "magazine", "daily", "paper", "website", "think",
    "tank", "institute", "university", "ngo",
}
_OTHER_DESCRIPTION = re.compile(
    r"\b(?:former|ex-|retired|professor|university|institute|think[- ]tank|analyst|expert|"
    r"researcher|scholar|academic|lecturer|fellow at|from (?:19|20)\d\d to (?:19|20)\d\d|"
    r"until (?:19|20)\d\d|news (?:agency|channel|network|outlet)|newspaper|broadcaster|"
    r"television|tv channel|media outlet|network|paramedic|medic|emergency service)\b", re.I)
_STATE_MEDIA = re.compile(r"\b(?:state|official|state-run|government)\b", re.I)
# "agency" alone is no medium: the Federal Air Transport Agency, the Environment Agency.
# Nor is "media" the modifier of an office: "the military's media wing", "the ministry's media office".
_MEDIA = re.compile(r"\b(?:(?:news|press|wire) ?agency|media(?! (?:wing|office|centre|center|department|"
                    r"service|directorate|unit|branch|section|bureau|division|team|relations|adviser|"
                    r"advisor|arm|cell))|network|channel|newspaper|broadcaster|tv|television|radio|daily)\b",
                    re.I)
# Offices that belong to an organisation even without naming it.
OFFICES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bhumanitarian coordinator\b|\bspecial rapporteur\b|\bhigh commissioner "
                r"for (?:human rights|refugees)\b|\bsecretary[- ]general\b|\bpeacekeep\w*",
                re.I), "UN"),
    (re.compile(r"\bforeign policy chief\b|\bhigh representative\b|\bcommission president\b",
                re.I), "EU"),
    (re.compile(r"\bwhite house\b|\bpentagon\b|\bstate department\b|\bsecretary of state\b",
                re.I), "USA"),
    (re.compile(r"\bkremlin\b", re.I), "RUS"),
    (re.compile(r"\bdowning street\b|\bdefen[cs]e secretary\b|\bforeign secretary\b", re.I),
     "GBR"),
]
# Roles whose party is the country the events happen in when the text names none.
DOMESTIC = re.compile(r"\b(?:governor|gov\.?|mayor|police|authorities|authority|municipal|"
                      r"regional|local|emergency|rescue|fire|city|district|province|region|"
                      r"oblast|military administration)\b", re.I)
# Vague local sources: counted for the party, but no named speaker.
VAGUE = re.compile(r"^(?:the )?(?:local|regional|some|other|several|many|unnamed|"
                   r"anonymous)\b", re.I)
PRONOUNS_PERSON = {"he", "she"}
PRONOUNS_BODY = {"it", "they", "we"}
LEFT_DEPS = {"compound", "amod", "nmod", "poss", "det", "nummod", "case", "punct", "flat",
             "quantmod", "npadvmod", "advmod"}


@dataclass
class Speaker:
    """A resolved speaker: `name` None means an anonymous source of `party`."""

    kind: str  # person | body | country | anon | other
    name: str | None
    role: str | None
    party: str | None
    key: str  # merge key within a document
    explicit: bool = False  # party from a marker in the text next to the speaker
    start: int = 0
    end: int = 0


@dataclass
class Person:
    name: str
    role: str | None
    party: str | None
    other: bool
    start: int
    mentions: list[int] = field(default_factory=list)

    @property
    def surname(self) -> str:
        return _surname(self.name)


def _surname(name: str) -> str:
    words = [w for w in re.split(r"\s+", name.strip()) if w.lower().strip(".") not in
             {"jr", "sr", "ii", "iii"}]
    return words[-1].lower() if words else ""


@dataclass
class Phrase:
    """A noun phrase around a head token, split into role words, name and description."""

    head: Token
    left: list[Token]
    right_text: str  # appositions and prepositional modifiers
    right_end: int

    @property
    def left_text(self) -> str:
        if not self.left:
            return ""
        return doc_text(self.head.doc)[self.left[0].idx:self.head.idx].strip()

    @property
    def text(self) -> str:
        doc = self.head.doc
        start = self.left[0].idx if self.left else self.head.idx
        return doc_text(doc)[start:self.head.idx + len(self.head.text)]


def doc_text(doc: Doc) -> str:
    """`doc.text` rebuilds the string from every token on each call: keep one copy."""
    text = doc.user_data.get("briefgen.text")
    if text is None:
        text = doc.user_data["briefgen.text"] = doc.text
    return text


def phrase(head: Token) -> Phrase:
    left: list[Token] = []
    for child in head.lefts:
        if child.dep_ in LEFT_DEPS:
            left.extend(child.subtree)
    left = sorted({t.i: t for t in left if t.i < head.i}.values(), key=lambda t: t.i)
    # A headline or caption line above is never part of the phrase.
    breaks = [n for n, t in enumerate(left) if "\n" in t.text_with_ws or t.is_space]
    if breaks:
        left = left[breaks[-1] + 1:]
    # Nor a dateline the parser made a modifier ("WARSAW - Russia's defence ministry said").
    begin = dateline_end(head.sent)
    left = [t for t in left if t.idx >= begin]
    # Keep only the contiguous stretch ending at the head.
    while left and any(t.i != left[0].i + n for n, t in enumerate(left)):
        left = left[1:]
    right_parts = []
    right_end = head.idx + len(head.text)
    for child in head.rights:
        if child.dep_ in {"appos", "prep"} or (child.dep_ == "punct" and child.text == "("):
            sub = list(child.subtree)
            if child.dep_ == "prep" and child.lower_ in {"about", "on", "after", "with"}:
                continue
            right_parts.append(doc_text(head.doc)[sub[0].idx:sub[-1].idx + len(sub[-1].text)])
            right_end = max(right_end, sub[-1].idx + len(sub[-1].text))
        elif child.dep_ in {"relcl", "acl"}:
            break
    return Phrase(head, left, ", ".join(right_parts), right_end)


def _name_tokens(ph: Phrase) -> list[Token]:
    """The trailing proper-noun run of a phrase that is a person's name (titles stripped)."""
    tokens = [*ph.left, ph.head]
    name: list[Token] = []
    for token in reversed(tokens):
        lower = token.lower_
        if token.text in {"-", "‑"} and name:
            name.insert(0, token)
            continue
        if token.pos_ != "PROPN" and token.ent_type_ != "PERSON":
            break
        initial = bool(re.fullmatch(r"[A-Z]\.", token.text)) and bool(name)
        # "Israel Katz", "Jordan Bardella": a country's name as a first name, when the parser
        # reads it as the start of a two-word name (not "to Chile Ana Ruiz").
        first_name = len(name) == 1 and token.ent_type_ == "PERSON" and token.ent_iob_ == "B" \
            and name[0].ent_type_ == "PERSON" and name[0].ent_iob_ == "I"
        if lower in TITLE_WORDS or (code_for(token.text) and not first_name) or (token.text.endswith(".")
                                                              and not initial):
            break
        if (token.dep_ == "poss" and token is not ph.head) or token.text in {"'s", "’s"}:
            break
        name.insert(0, token)
    while name and name[0].text in {"-", "‑"}:
        name = name[1:]
    return name


def _office_holder(token: Token, name: list[Token]) -> Token | None:
    """The office of a name the parser folded into its "to X" phrase: in "U.S. Ambassador to
    the Philippines MaryKay Carlson" the name is the object of "to", after the country. Returns
    the office's head word ("Ambassador") when `token` is such a name."""
    prep = token.head
    if token.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in {"to", "at", "for", "in"}:
        return None
    office = prep.head
    if office.lower_ not in ROLE_HEADS | TITLE_WORDS or len(name) < 2 or name[0].i == 0:
        return None
    before = token.doc[name[0].i - 1]
    return office if before.pos_ == "PROPN" and code_for(before.text) else None


def _apposed_office(token: Token) -> Token | None:
    """The office a name in apposition explains: "Chile's Foreign Minister, Ana Soto", or
    with the name hung on the office's last word ("the Special Coordinator for the Middle East
    Peace Process, Tor Wennesland")."""
    if token.dep_ != "appos":
        return None
    head = token.head
    for _ in range(4):
        if head.lemma_.lower() in ROLE_HEADS | TITLE_WORDS:
            return head
        if head.dep_ not in ("pobj", "prep", "compound"):
            return None
        head = head.head
    return None


def _party_speaker(code: str, name: str, head: Token, ph: Phrase) -> Speaker:
    """A country, organisation or armed group speaking as itself ("Poland said")."""
    return Speaker("country", name, None, code, f"{code}:country", True, head.idx, ph.right_end)


def _explained_by_office(token: Token) -> bool:
    """"Peskov, the Kremlin spokesman, …": a name an apposed office explains."""
    return any(c.dep_ == "appos" and c.lemma_.lower() in ROLE_HEADS for c in token.children)


def _span_text(doc: Doc, tokens: list[Token]) -> str:
    return doc_text(doc)[tokens[0].idx:tokens[-1].idx + len(tokens[-1].text)]


class Resolver:
    """Document-level state: people introduced so far, speakers so far, the home party."""

    def __init__(self, doc: Doc, title: str | None, in_quote) -> None:
        self.doc = doc
        self.in_quote = in_quote
        self.people: list[Person] = []
        self.by_surname: dict[str, Person] = {}
        self.mentions: list[tuple[int, Person, bool]] = []  # (char, person, is subject)
        self.speakers: list[Speaker] = []
        self.last_group: list[Speaker] = []  # the speakers of the last statement
        self.sents = list(doc.sents)
        self.home = home_party(doc_text(doc), title)
        self._scan_people()

    # -- people -----------------------------------------------------------------------------
    def _scan_people(self) -> None:
        for token in self.doc:
            if (token.pos_ != "PROPN" and token.ent_type_ != "PERSON") or \
                    token.dep_ in {"compound", "flat"}:
                continue
            if self.in_quote(token.idx):
                continue
            ph = phrase(token)
            name = _name_tokens(ph)
            if not name or not self._looks_like_person(token, ph, name):
                continue
            text = _span_text(self.doc, name)
            person = self.by_surname.get(_surname(text))
            # A lone unknown word is too weak to be a new person, unless an office explains it
            # ("Peskov, the Kremlin spokesman, told reporters").
            if person is None and len(name) == 1 and not _explained_by_office(token):
                continue
            if person is None:
                role, party, other = self._describe_person(ph, name)
                person = Person(text, role, party, other, token.idx)
                self.people.append(person)
                self.by_surname[person.surname] = person
            else:
                role, party, other = self._describe_person(ph, name)
                person.role = person.role or role
                person.party = person.party or party
                person.other = person.other or other
            person.mentions.append(token.idx)
            self.mentions.append((token.idx, person, token.dep_ in {"nsubj", "nsubjpass"}))

    def _looks_like_person(self, token: Token, ph: Phrase, name: list[Token]) -> bool:
        text = _span_text(self.doc, name)
        if code_for(text) or token.lemma_.lower() in BODY_HEADS:
            return False
        # A name an office explains, whatever the entity recogniser made of it: "The UN Special
        # Envoy, Ama Owusu, said", "Lindqvist, the government spokesman, told reporters".
        if (_apposed_office(token) is not None and 2 <= len(name) <= 3) or _explained_by_office(token):
            return True
        if token.ent_type_ in {"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "DATE"}:
            if any(t.ent_type_ == "PERSON" for t in name):
                return True
            # The small model often tags "spokesman Pavel Orlov" as ORG: a two- or three-word
            # proper name right after a title word is still a person.
            before = self.doc[name[0].i - 1] if name[0].i > 0 else None
            return (token.ent_type_ == "ORG" and before is not None
                    and before.lower_ in TITLE_WORDS and 2 <= len(name) <= 3)
        if token.ent_type_ == "PERSON" or _office_holder(token, name) is not None:
            return True
        titled = any(t.lower_ in TITLE_WORDS for t in ph.left)
        return titled or _surname(text) in self.by_surname

    def _describe_person(self, ph: Phrase, name: list[Token]) -> tuple[str | None, str | None,
                                                                         bool]:
        role_tokens = [t for t in ph.left if t.i < name[0].i]
        office = _office_holder(ph.head, name)
        if office is not None:
            # "U.S. Ambassador to the Philippines MaryKay Carlson": the office is the whole
            # phrase before the name.
            role_tokens = [*phrase(office).left, *self.doc[office.i:name[0].i]]
        if not role_tokens:
            role_tokens = self._detached_office(ph.head, name)
        role = _span_text(self.doc, role_tokens).strip(" ,") if role_tokens else None
        appos = ph.right_text or None
        office = _apposed_office(ph.head)
        if office is not None and office.i < name[0].i:
            # "Chile's Foreign Minister, Ana Soto", "The UN Special Coordinator for the
            # Middle East Peace Process, Tor Wennesland": the role is the phrase before the name.
            begin = min(t.i for t in [*phrase(office).left, office])
            end = name[0].i
            while end > begin and self.doc[end - 1].is_punct:
                end -= 1
            role = _strip_det(self.doc[begin:end].text)
            if office.lemma_.lower() == "counterpart":
                role = self._counterpart_role(role, ph.head.idx)
        description = " ".join(x for x in (role, appos) if x)
        other = bool(_OTHER_DESCRIPTION.search(description))
        party = None if other else self.party_from_description(role or "", appos or "")
        role = role or (_strip_det(appos) if appos else None)  # ", the governor of …"
        return role, party, other

    def _detached_office(self, head: Token, name: list[Token]) -> list[Token]:
        """The office right before a name that the parser hung on the verb instead of on the
        name ("U.S. Ambassador to the United Nations Linda Thomas-Greenfield said": the office
        is a modifier of "said")."""
        if name[0].i == 0:
            return []
        previous = self.doc[name[0].i - 1]
        for candidate in (previous, *previous.ancestors):
            if candidate.i >= name[0].i:
                break
            subtree = list(candidate.subtree)
            if subtree[-1].i == name[0].i - 1 and candidate.lower_ in ROLE_HEADS | TITLE_WORDS \
                    and candidate.head.i == head.head.i and candidate.i != candidate.head.i:
                return subtree
        return []

    def _counterpart_role(self, role: str, position: int) -> str:
        """"His Azerbaijani counterpart" after "Armenian Foreign Minister X" is the Azerbaijani
        Foreign Minister: the office of the person named before, with this one's country."""
        role = re.sub(r"^(?:his|her|their|its)\s+", "", role, flags=re.I)
        own = [w for w in role.split() if w.lower() != "counterpart"]
        before = next((p for p in reversed(self.people) if p.start < position and p.role), None)
        if before is None or not own or not find_parties(" ".join(own)):
            return role
        office = [w for w in before.role.split() if not find_parties(w)]
        return " ".join(own + office) if office else role

    def person_for(self, token: Token) -> Person | None:
        ph = phrase(token)
        name = _name_tokens(ph)
        if not name:
            return None
        return self.by_surname.get(_surname(_span_text(self.doc, name)))

    def person_before(self, position: int, sentence_start: int) -> Person | None:
        """The person a he/she at `position` most likely refers to: the latest subject
        mentioned in this sentence or the two before it, else the latest mention."""
        sents = [s for s in self.sents if s.start_char <= sentence_start][-3:]
        window_start = sents[0].start_char if sents else 0
        candidates = [(c, p, subj) for c, p, subj in self.mentions
                      if window_start <= c < position]
        for _, person, subj in reversed(candidates):
            if subj:
                return person
        return candidates[-1][1] if candidates else None

    # -- parties ----------------------------------------------------------------------------
    def party_from_description(self, left: str, right: str) -> str | None:
        codes = find_parties(left)
        codes = [c for c in codes if c not in {"OTHER"}]
        if codes:
            # "Yemen's Houthi movement" speaks for the Houthis, not for Yemen.
            return next((c for c in codes if c in ARMED_GROUPS), codes[0])
        for pattern, code in OFFICES:
            if pattern.search(left) or pattern.search(right):
                return code
        codes = find_parties(right)
        return codes[0] if codes else None

    def body_lookback(self, head: Token, name: str) -> tuple[str | None, str | None]:
        """An earlier mention of the same body with a party ("the Foreign Ministry" after
        "the Moldovan Foreign Ministry", "officials" after "South Korean officials")."""
        cls = _class(head.lemma_.lower())
        words = _content_words(name) - {head.lower_}
        for speaker in reversed(self.speakers):
            if speaker.party and speaker.party != "OTHER" and speaker.key.endswith(f":{cls}") \
                    and words <= _content_words(f"{speaker.name or ''} {speaker.role or ''}"):
                return speaker.party, speaker.name
        for token in reversed(self.doc[: head.i]):
            if _class(token.lemma_.lower()) != cls:
                continue
            ph = phrase(token)
            codes = find_parties(ph.left_text)
            if codes and words <= _content_words(ph.text):
                return codes[0], _strip_det(ph.text)
        return None, None

    def acronym_lookback(self, head: Token) -> tuple[str | None, str | None]:
        """An acronym's earlier spelled-out form and its party: "JCS" → "South Korea's Joint
        Chiefs of Staff" (initials of the capitalised words, small words skipped)."""
        letters = head.text
        words = [rf"{c}[\w'’-]*" for c in letters]
        joiner = r"(?:\s+(?:of|the|and|for|on|de|du)\b)*\s+"
        pattern = re.compile(r"\b" + joiner.join(words) + r"\b")
        before = self.doc.text[: head.idx]
        for match in reversed(list(pattern.finditer(before))):
            if match.group(0).isupper():
                continue  # the acronym itself again
            owner = before[max(0, match.start() - 40): match.start()].split(".")[-1].split(",")[-1]
            spelled = f"{owner.strip()} {match.group(0)}".strip()
            codes = [c for c in find_parties(spelled) if c != "OTHER"]
            if codes:
                return codes[-1], _strip_det(spelled)
        return None, None

    def role_lookup(self, head: Token, ph: Phrase, party: str | None) -> Person | None:
        """A person introduced earlier with this role ("the president" -> the last person
        whose role mentions "president"; "Poland's defense minister" -> the defence minister
        of Poland named before)."""
        words = {t.lower_ for t in ph.left if t.lower_ in TITLE_WORDS} | {head.lemma_.lower()}
        words -= {"the", "a", "an"}
        for _, person, _ in reversed([m for m in self.mentions if m[0] < head.idx]):
            role = (person.role or "").lower().replace("defence", "defense")
            if not role or person.other:
                continue
            if all(re.search(rf"\b{re.escape(w.replace('defence', 'defense'))}", role)
                   for w in words) and party in (None, person.party):
                return person
        return None

    # -- main entry -------------------------------------------------------------------------
    def resolve(self, head: Token, sentence: Span) -> list[Speaker]:
        """Speakers for a subject/agent head token (conjoined subjects give several)."""
        heads = [head, *[c for c in head.conjuncts if c.i > head.i]]
        if code_for(_strip_det(phrase(head).text)):
            # "Saudi Arabia, the UAE and Egypt": the parser may read the list as appositions.
            for token in head.subtree:
                if token.dep_ in {"appos", "conj"} and token not in heads and \
                        code_for(_strip_det(phrase(token).text)):
                    heads.append(token)
        speakers = []
        for h in heads:
            speaker = self._resolve_one(h, sentence)
            if isinstance(speaker, list):
                speakers.extend(speaker)
            elif speaker is not None:
                speakers.append(speaker)
        return speakers

    def _resolve_one(self, head: Token, sentence: Span) -> Speaker | list[Speaker] | None:
        if head.pos_ == "PRON":
            return self._pronoun(head, sentence)
        ph = phrase(head)
        full = _strip_det(ph.text)
        description = f"{ph.left_text} {ph.right_text}"
        lemma = head.lemma_.lower()
        # A statement noun: "a statement from X", "X's statement", "a statement issued by X"
        if lemma in STATEMENT_NOUNS:
            for child in head.children:
                if child.dep_ == "poss":
                    return self._resolve_one(child, sentence)
                # "issued / released / put out by X": the by-phrase of the participle
                by = [a for a in child.children if a.dep_ == "agent"] if child.dep_ == "acl" else []
                if child.dep_ == "prep" and child.lower_ in {"from", "by", "of"} or by:
                    objs = [c for c in (by[0] if by else child).children if c.dep_ == "pobj"]
                    if objs:
                        return self.resolve(objs[0], sentence) or None
            if any(d.lower_ in {"the", "this", "that", "its", "their"} for d in head.lefts):
                return self._last_speaker(sentence)
            return None
        # A person by name (possibly a later surname mention).
        appos = [c for c in head.children if c.dep_ == "appos"
                 and (c.ent_type_ == "PERSON" or self.person_for(c) is not None)]
        if not appos and (lemma in ROLE_HEADS or lemma in TITLE_WORDS):
            appos = [t for t in head.subtree if t.dep_ == "appos" and t.ent_type_ == "PERSON"
                     and t.head.i != head.i and (office := _apposed_office(t)) is not None
                     and office.i == head.i]
        if appos and (lemma in ROLE_HEADS or lemma in TITLE_WORDS):
            return self._resolve_one(appos[0], sentence)
        for prep in (c for c in head.children if c.dep_ == "prep"):
            for holder in (g for g in prep.children if g.dep_ == "pobj"):
                name = _name_tokens(phrase(holder))
                office = _office_holder(holder, name) if name else None
                person = self.person_for(holder) if office is not None and office.i == head.i else None
                if person is not None:
                    return self._person_speaker(person, holder, sentence)
        name = _name_tokens(ph)
        if name and (head.pos_ == "PROPN" or head.ent_type_ == "PERSON") \
                and not code_for(_span_text(self.doc, name)) and lemma not in BODY_HEADS:
            person = self.person_for(head)
            if person is not None:
                return self._person_speaker(person, head, sentence)
        # "Yemen's Houthis", "Lebanon's Hezbollah": the armed group, not the country it is in.
        if head.pos_ == "PROPN" and code_for(head.text) in ARMED_GROUPS and not _has_role_word(ph):
            return _party_speaker(code_for(head.text), party_name(code_for(head.text)), head, ph)
        # A country or organisation named as such, or through its capital.
        if code_for(full) and not _has_role_word(ph):
            code = code_for(full)
            if is_capital(full):
                return Speaker("anon", None, None, code, f"{code}:", True, head.idx, ph.right_end)
            if is_country_name(full):
                return _party_speaker(code, party_name(code) if len(full) <= 4 or full.isupper()
                                      else full, head, ph)
            return Speaker("body", full, None, code, f"{code}:{lemma}", True, head.idx,
                           ph.right_end)
        # "the alliance said" in a story about NATO: NATO, not the country named nearby.
        if lemma == "alliance" and head.tag_ == "NN" and any(d.lower_ == "the" for d in head.lefts) \
                and not _has_modifier(ph) and "NATO" in find_parties(self.doc.text[:head.idx]):
            return _party_speaker("NATO", party_name("NATO"), head, ph)
        # "The Iran-backed group said …": the armed group the story last named.
        if lemma in {"group", "movement", "militia", "organisation", "organization"} \
                and head.tag_ == "NN" and any(d.lower_ == "the" for d in head.lefts):
            named = [c for c in find_parties(self.doc.text[:head.idx]) if c in ARMED_GROUPS]
            if named:
                return Speaker("body", party_name(named[-1]), None, named[-1], f"{named[-1]}:group",
                               True, head.idx, ph.right_end)
            if lemma in {"group", "militia"} and not _has_modifier(ph):
                # A group no table knows ("the Rapid Support Forces … The group denied …") is
                # no state: not the country the story happens in.
                return None
        # "the two groups", "both sides": the several speakers of the statement before.
        if lemma in {"group", "side", "organisation", "organization", "movement", "faction"} \
                and head.tag_ == "NNS" and len(self.last_group) > 1:
            return list(self.last_group)
        # Groups: "leaders of the Baltic states", "European leaders, including those in ..."
        plural = head.tag_ in {"NNS", "NNPS"}
        codes = list(group_parties(description + " " + full)) or \
            _unique(find_parties(ph.left_text) + find_parties(ph.right_text))
        codes = [c for c in codes if c != "OTHER"]
        if plural and lemma in GROUP_HEADS and not codes:
            codes = _including_parties(head, sentence)
        # "The foreign ministers of France, Germany and Britain", "US and Israeli officials":
        # one voice per party named.
        several_roles = plural and (lemma in ROLE_HEADS or lemma in BODY_HEADS) and len(codes) > 1
        if several_roles or plural and lemma in GROUP_HEADS and (len(codes) > 1 or group_parties(
                description + " " + full) or (codes and not find_parties(full))):
            return [Speaker("anon", None, full, c, f"{c}:", True, head.idx, ph.right_end)
                    for c in codes]
        if lemma in OTHER_HEADS or _OTHER_DESCRIPTION.search(description) or (
                _MEDIA.search(full) and not _STATE_MEDIA.search(ph.left_text)):
            if not (_STATE_MEDIA.search(ph.left_text) and _MEDIA.search(full)):
                return Speaker("other", full, None, "OTHER", f"OTHER:{full.lower()}", True,
                               head.idx, ph.right_end)
        if lemma in BODY_HEADS or lemma in ROLE_HEADS or head.pos_ in {"PROPN", "NOUN"}:
            return self._body_or_role(head, ph, full, codes, sentence)
        return None

    def _person_speaker(self, person: Person, head: Token, sentence: Span) -> Speaker:
        party = "OTHER" if person.other else person.party
        explicit = party is not None
        if party is None:
            party = self._infer_person_party(person, head, sentence)
            person.party = party
        return Speaker("person", person.name, person.role, party, f"person:{person.surname}",
                       explicit, head.idx, head.idx + len(head.text))

    def _infer_person_party(self, person: Person, head: Token, sentence: Span) -> str | None:
        # A later definite description names the country: "the Ukrainian president".
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", person.role or "")}
        role_words = words & ROLE_HEADS
        for token in self.doc:
            if token.idx <= person.start or token.lemma_.lower() not in role_words:
                continue
            if any(d.lower_ == "the" for d in token.lefts):
                codes = find_parties(phrase(token).left_text)
                if codes:
                    return codes[0]
        if person.role and DOMESTIC.search(person.role) and self.home:
            return self.home
        # "The White House said … National Security Adviser Tom Reyes called it …": an official
        # with no country, right after a statement whose speaker had one, is read as speaking
        # for the same side, before the dateline's country. Across a paragraph break only when
        # the statement names that side too ("… endangered the lives of Moldovan citizens").
        # What a person is quoted as saying names whom they speak about ("Russia is using the
        # time …"), not whom they speak for: only the reporter's words count here.
        named = self._named_parties(sentence, head, quoted=False)
        if self.home and words & MILITARY:
            # "Military spokesman Dan Levy said Iran had fired 170 drones": as for a military
            # body, the side it reports attacking is not its own.
            named = [code for code in named if code not in _attackers(sentence)]
        previous = self._previous_statement_party(sentence, paragraph_break=bool(named))
        if previous and (not named or previous in named):
            return previous
        return named[0] if named else self.home or self.context_party(sentence, head)

    def _previous_statement_party(self, sentence: Span, paragraph_break: bool = False) -> str | None:
        """The party of the last statement when it was made in the sentence just before (in
        the same paragraph, unless `paragraph_break`), by speakers of one party that the text
        stated or that were named before."""
        parties = {s.party for s in self.last_group}
        # Stated next to the speaker, or a body named before ("the ministry"): not a guess.
        if len(parties) != 1 or not all(s.explicit or s.kind == "body" for s in self.last_group):
            return None
        index = next((i for i, sent in enumerate(self.sents) if sent.start == sentence.start), 0)
        if index == 0:
            return None
        before = self.sents[index - 1]
        if not any(before.start_char <= s.start < before.end_char for s in self.last_group):
            return None
        if not paragraph_break and "\n" in doc_text(self.doc)[before.end_char:sentence.start_char]:
            return None
        party = parties.pop()
        return party if party not in (None, "OTHER") else None

    def _body_or_role(self, head: Token, ph: Phrase, full: str, codes: list[str],
                      sentence: Span) -> Speaker | None:
        lemma = head.lemma_.lower()
        plural = head.tag_ in {"NNS", "NNPS"}
        indefinite = any(d.lower_ in {"a", "an", "one", "another"} for d in head.lefts)
        bare = not _has_modifier(ph)  # "the ministry", "officials", "the president"
        party = self.party_from_description(ph.left_text, ph.right_text)
        explicit = party is not None
        name: str | None = _strip_det(_phrase_with_right(ph))
        is_role = lemma in ROLE_HEADS
        if is_role and not plural and not indefinite:
            # "the president said", "Poland's defense minister said": someone named earlier.
            person = self.role_lookup(head, ph, party)
            if person is not None and (bare or party is not None):
                return self._person_speaker(person, head, sentence)
        if party is None and _ACRONYM.fullmatch(head.text):
            # "the JCS said" after "South Korea's Joint Chiefs of Staff": the body spelled out.
            looked_party, looked_name = self.acronym_lookback(head)
            if looked_party and looked_name:
                # The same speaker as the spelled-out mention, so both make one reaction.
                for prior in reversed(self.speakers):
                    if prior.party == looked_party and prior.name and \
                            _content_words(looked_name) <= _content_words(prior.name):
                        return Speaker(prior.kind, prior.name, prior.role, prior.party, prior.key,
                                       True, head.idx, ph.right_end)
                party, name = looked_party, looked_name
        if party is None:
            looked_party, looked_name = self.body_lookback(head, name or "")
            if looked_party:
                party = looked_party
                if looked_name and len(looked_name) > len(name or ""):
                    name = looked_name
        if party is None and (DOMESTIC.search(full) or DOMESTIC.search(ph.right_text)):
            party = self.context_party(sentence, head, domestic=True)
        if party is None and head.pos_ == "PROPN" and len(_content_words(name or "")) >= 2 \
                and all(w[:1].isupper() for w in (name or "").split() if w.lower() not in SMALL_WORDS):
            # A body by its proper name and nothing else ("the Joint Chiefs of Staff said"):
            # the country the story is reported from, as for local officials.
            party = self.home or self.context_party(sentence, head)
        if party is None and ((bare and not plural) or (lemma in BODY_HEADS and not is_role)):
            # "the ministry said", "the official Xinhua News Agency said": the party whose
            # doings the statement reports.
            party = self.context_party(sentence, head)
            # But a military reporting an attack ("according to the air force, Russia launched
            # 112 drones") speaks for the side attacked, the story's country, not the attacker.
            if _class(lemma) == "military" and self.home and party != self.home \
                    and party in _attackers(sentence):
                party = self.home
        if party is None:
            return None
        if is_role and not plural and (indefinite or not explicit):
            name = None  # an anonymous source ("a NATO spokesperson", "the governor of ...")
        if VAGUE.search(full) or lemma == "source":
            name = None
        if name and re.match(r"(?:its|their)\s", name, re.I) and party != "OTHER":
            # "its foreign ministry" names nobody: "Greece's foreign ministry" does.
            name = f"{party_name(party)}'s {name.split(None, 1)[1]}"
        kind = "anon" if name is None else "body"
        return Speaker(kind, name, _strip_det(full, possessive=True), party, f"{party}:{_class(lemma)}",
                       explicit, head.idx, ph.right_end)

    def _pronoun(self, head: Token, sentence: Span) -> Speaker | None:
        lower = head.lower_
        if lower in PRONOUNS_PERSON:
            person = self.person_before(head.idx, sentence.start_char)
            if person is not None:
                return self._person_speaker(person, head, sentence)
            return None
        if lower in PRONOUNS_BODY:
            return self._last_speaker(sentence)
        return None

    def _last_speaker(self, sentence: Span) -> Speaker | None:
        """The speaker of the last statement, if it was in this sentence or the one before."""
        if not self.speakers:
            return None
        last = self.speakers[-1]
        previous = [s for s in self.sents if s.end_char <= sentence.start_char][-2:]
        window = previous[0].start_char if previous else sentence.start_char
        if last.start >= window:
            return last
        return None

    def _named_parties(self, sentence: Span, head: Token, quoted: bool = True) -> list[str]:
        """Parties named in the sentence, except in what describes the speaker ("Meloni, who
        cut short a trip to Japan, said …"), and (`quoted=False`) in direct quotes."""
        described = {t.i for child in head.children if child.dep_ in {"relcl", "acl", "appos"}
                     for t in child.subtree}
        # Nor the country of an envoy the speaker deals with ("the ministry said it would
        # summon the Russian charge d'affaires"): a side does not summon its own diplomats.
        described |= {t.i for t in sentence if ENVOY.fullmatch(t.head.text)
                      and t.dep_ in {"amod", "compound", "poss"} and t.head.i != head.i}
        outside = [t for t in sentence if t.i not in described and
                   not (head.idx <= t.idx <= head.idx + 40 and t.head == head)
                   and (quoted or not self.in_quote(t.idx))]
        text = " ".join(t.text_with_ws for t in outside)
        return [c for c in find_parties(text) if c not in {"OTHER"}]

    def context_party(self, sentence: Span, head: Token, domestic: bool = False) -> str | None:
        """The party a speaker with no marker most likely speaks for: for local officials the
        country the events happen in; otherwise the first party named in what they said."""
        # Not what describes the speaker ("Meloni, who cut short a trip to Japan, said …").
        codes = self._named_parties(sentence, head)
        if domestic:
            return self.home or (codes[0] if codes else None)
        return codes[0] if codes else self.home


MILITARY = {"military", "army", "force", "forces", "idf", "armed"}
# Diplomats and missions: whose envoy is summoned or handed a note (also reactions._envoy_summoned).
ENVOY = re.compile(r"\b(?:ambassadors?|envoys?|charg[eé]|d.affaires|diplomats?|head of mission|"
                   r"attach[eé]s?|embass(?:y|ies)|consul(?:ate)?s?)\b", re.I)
SMALL_WORDS = {"of", "the", "and", "for", "on", "de", "du", "la", "le"}
_ACRONYM = re.compile(r"[A-Z]{2,6}")


def _attackers(sentence: Span) -> set[str]:
    """Parties that launch or strike something in the sentence ("Russia launched 112 drones")."""
    from .strikes import LAUNCH_VERBS, STRIKE_WITH_VERBS

    verbs = LAUNCH_VERBS | STRIKE_WITH_VERBS
    return {code for t in sentence if t.dep_ == "nsubj" and t.head.lemma_.lower() in verbs
            for code in find_parties(phrase(t).text)}


def _class(lemma: str) -> str:
    """Merge class of a body's head noun: the army, the military and the forces are one."""
    return "military" if lemma in MILITARY else lemma


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower())
            if w not in {"the", "a", "an", "of", "in", "s", "and"}}


def _phrase_with_right(ph: Phrase) -> str:
    doc = ph.head.doc
    start = ph.left[0].idx if ph.left else ph.head.idx
    return doc_text(doc)[start:ph.right_end].strip(" ,")


STATEMENT_NOUNS = {"statement", "comment", "remark", "post", "message", "tweet", "communique",
                   "release", "announcement", "response", "reaction", "report", "update",
                   "briefing", "readout"}


def _including_parties(head: Token, sentence: Span) -> list[str]:
    """Parties of an "including those in ..." / "among them ..." list after a group subject."""
    for token in sentence:
        if token.i > head.i and token.lower_ in {"including", "among", "notably"}:
            skip = {t.i for c in token.subtree if c.dep_ in {"relcl", "acl"} for t in c.subtree}
            text = " ".join(t.text for t in token.subtree if t.i not in skip)
            codes = list(group_parties(text)) or find_parties(text)
            return [c for c in codes if c != "OTHER"]
    return []


def _has_role_word(ph: Phrase) -> bool:
    return any(t.lower_ in ROLE_HEADS or t.lemma_.lower() in BODY_HEADS for t in ph.left) or \
        ph.head.lemma_.lower() in ROLE_HEADS


def _has_modifier(ph: Phrase) -> bool:
    """Whether the phrase says more than its role ("the prime minister" says nothing more)."""
    return any((t.pos_ in {"PROPN", "ADJ", "NOUN"} and t.lower_ not in TITLE_WORDS)
               or t.dep_ == "poss" for t in ph.left) or bool(ph.right_text)


def _strip_det(text: str, possessive: bool = False) -> str:
    """Without the article; for a role also without a possessive pronoun ("its foreign
    ministry" as a role is "foreign ministry": the party says whose)."""
    words = r"the|a|an|its|their" if possessive else r"the|a|an"
    return re.sub(rf"^(?:{words})\s+", "", text.strip(), flags=re.I)


def _unique(codes: list[str]) -> list[str]:
    return list(dict.fromkeys(codes))


_DATELINE = re.compile(r"^\s*(?:date [\d-]+\s+)?([A-Z][A-Za-z .'’-]{1,30}?)\s*(?:,|\||>>|—|–|\(|-)")
# "ODESA, Ukraine (Wire) —": the country after the city.
_DATELINE_COUNTRY = re.compile(
    r"^\s*[A-Z][A-Za-z .'’-]{1,30}?,\s*([A-Z][A-Za-z .'’-]{1,30}?)\s*(?:,|\(|—|–|-)")
_PLACE_PREP = re.compile(r"\b(?:into|on|over|against|in|at|across)\s+((?:\S+\s+){0,2}\S+)")


def home_party(text: str, title: str | None) -> str | None:
    """The country the events happen in: from a dateline ("KYIV, May 4 -"), else from the
    first place a headline or lede sends something into/on/over."""
    first = text.strip().split("\n", 1)[0]
    for line in text.strip().split("\n")[:4]:
        match = _DATELINE.match(line)
        if match:
            code = code_for(match.group(1).strip().title()) or code_for(match.group(1).strip())
            # "ODESA, Ukraine (Wire) —": a city the table does not know, then its country.
            country = _DATELINE_COUNTRY.match(line)
            code = code or (code_for(country.group(1).strip()) if country else None)
            if code:
                return code
    for source in (title or "", first, text[:600]):
        for match in _PLACE_PREP.finditer(source):
            codes = [c for c in find_parties(match.group(1)) if len(c) == 3 and c.isalpha()
                     and c not in {"OTHER", "WHO"}]
            if codes:
                return codes[0]
    return None
