"""Reactions by country: who said what, for which party, with what stance.

One pass over the sentences of a parsed document finds statements:
- reporting verbs from a curated list with their subject as speaker ("X said that ...",
  "..., X told parliament", "X wrote on Telegram", "X condemned ...", "X called for ...");
  participles inherit the subject of their clause ("..., calling the attack barbaric");
- "according to X"; statement nouns ("a statement from X said", "X's post ...: '...'");
- headline-style labels ("Kallas: 'We will respond'");
- quotes with no attribution of their own belong to the quote or speaker just before.
Speakers are resolved within the document (`speakers.Resolver`), statements of the same
speaker are merged into one `Reaction`, and a stance is given from the verb and the words.
The journalist's narration, photo captions and names merely mentioned never make a reaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Evidence, Reaction
from .parties import ARMED_GROUPS, party_name
from .quotes import Quote, find_quotes, inside, overlapping
from .sentences import claims_responsibility, dateline_end, dateline_length, hung_on_dateline, is_headline
from .speakers import ENVOY, STATEMENT_NOUNS, Resolver, Speaker, doc_text
from .stance import VERB_STANCE, combine, declined_comment, stance_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from . import Parsed

# Verbs that report speech only with a clause or a quote ("said that ...", "told X ...").
SAY_VERBS = {
    "say", "tell", "add", "state", "announce", "report", "write", "post", "tweet", "claim",
    "note", "stress", "explain", "confirm", "declare", "insist", "argue", "suggest",
    "acknowledge", "admit", "assert", "emphasize", "emphasise", "remark", "comment", "reply",
    "echo", "reiterate", "predict", "conclude", "allege", "indicate", "recall", "caution",
    "underline", "underscore", "observe", "disclose", "reveal", "specify", "signal",
}
# Verbs that are a reaction with any object ("condemned the attack", "thanked the Dutch").
STANCE_VERBS = {
    "condemn", "denounce", "deny", "reject", "warn", "urge", "thank", "welcome", "praise",
    "appeal", "pledge", "vow", "promise", "accuse", "blame", "criticize", "criticise", "slam",
    "decry", "deplore", "demand", "dismiss", "refute", "protest", "rebuke", "hail", "commend",
}
# Verbs that report only with a particular object.
EXPRESS_OBJECTS = {"concern", "outrage", "sorrow", "condolence", "regret", "support",
                   "solidarity", "objection", "hope", "shock", "sympathy", "anger", "alarm",
                   "dismay", "gratitude", "confidence", "readiness", "willingness", "worry"}
OFFER_OBJECTS = {"condolence", "help", "support", "assistance", "aid", "sympathy", "solidarity",
                 "prayer", "thought"}
ISSUE_OBJECTS = STATEMENT_NOUNS | {"warning", "condemnation", "denial", "appeal", "call"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# Where something is told: "told a news conference / a briefing / parliament that …".
VENUE_NOUNS = {"briefing", "conference", "meeting", "session", "interview", "summit", "hearing",
               "gathering", "parliament", "assembly", "council", "forum", "rally", "audience",
               "lawmakers", "legislators", "journalists", "reporters", "broadcaster", "radio",
               "television", "newspaper", "agency"}
_CAPTION = re.compile(r"\((?:Photo|Photos|Image|Picture)s?\b|Getty Images|\bvia Getty\b|"
                      r"/\s*(?:AFP|AP|Reuters|EPA)\b|\bPhotos? ?(?:/|:)|\b[A-Z]{2,}/[A-Z]{2,}")
_LABEL = re.compile(r"^\s*([A-Z][^:“”\"\n]{1,60}?):\s*[“\"]")


@dataclass
class Statement:
    speakers: list[Speaker]
    verb: str | None
    content: str
    start: int
    end: int
    sentence: Span
    quotes: list[Quote] = field(default_factory=list)
    call_for: bool = False


def extract_reactions(parsed: Parsed) -> list[Reaction]:
    """Reactions in one parsed document, one per (party, speaker)."""
    return _extract(parsed)


def _extract(parsed: Parsed) -> list[Reaction]:
    doc, text = parsed.doc, parsed.document.text
    quotes = find_quotes(text)
    resolver = Resolver(doc, parsed.document.title, lambda pos: inside(quotes, pos) is not None)
    statements: list[Statement] = []
    by_quote: dict[Quote, Statement] = {}
    unattributed: list[tuple[int, Span, list[Quote]]] = []
    for sentence in _units(doc):
        if _is_caption(text, sentence):
            continue
        if is_headline(sentence.text, parsed.document.title) and not _LABEL.match(sentence.text):
            continue  # the headline repeated above the body sums up statements made below
        found = _statements_in(sentence, quotes, resolver)
        sentence_quotes = overlapping(quotes, sentence.start_char, sentence.end_char)
        for statement in found:
            statement.quotes = _own_quotes(statement, found, sentence_quotes, text)
            for quote in statement.quotes:
                by_quote.setdefault(quote, statement)
            resolver.speakers.extend(statement.speakers)
            resolver.last_group = list(statement.speakers)
            statements.append(statement)
        if not found and sentence_quotes:
            unattributed.append((len(statements), sentence, sentence_quotes))
    # Quoted sentences with no attribution: part of a quote attributed in another sentence,
    # else a continuation of the statement just before.
    for count, sentence, sentence_quotes in unattributed:
        for quote in sentence_quotes:
            owner = _owner(quote, quotes, by_quote, text) or \
                _previous(statements[:count], sentence, text)
            if owner is not None and quote not in owner.quotes:
                owner.quotes.append(quote)
                by_quote[quote] = owner
    # Help sent speaks for a party only when nobody speaks for it otherwise: aid announced by
    # the country's ministry or its news agency already has that voice.
    spoken = {s.party for st in statements if st.verb not in AID_VERBS for s in st.speakers}
    for statement in statements:
        if statement.verb in AID_VERBS:
            statement.speakers = [s for s in statement.speakers if s.party not in spoken]
    statements = [st for st in statements if st.speakers]
    return _merge(parsed, statements)


def _units(doc) -> list[Span]:
    """Sentences cut at line breaks. The parser sometimes runs a sentence over a paragraph
    break (a closing quote mark, a headline, a caption); a statement never does."""
    units: list[Span] = []
    for sentence in doc.sents:
        start = sentence.start
        for token in sentence:
            if token.is_space and "\n" in token.text:
                if token.i > start:
                    units.append(doc[start:token.i])
                start = token.i + 1
        if start < sentence.end:
            units.append(doc[start:sentence.end])
    return [u for u in units if u.text.strip()]


def _is_caption(text: str, sentence: Span) -> bool:
    start = text.rfind("\n", 0, sentence.start_char) + 1
    end = text.find("\n", sentence.end_char - 1)
    paragraph = text[start:end if end >= 0 else len(text)]
    # Not a dateline of two cities ("JERUSALEM/DUBAI, Oct 2 -"), which looks like "AFP/GETTY".
    body = paragraph[dateline_length(paragraph):]
    return bool(_CAPTION.search(body)) and len(paragraph) < 400


def _owner(quote: Quote, quotes: list[Quote], by_quote: dict[Quote, Statement],
           text: str) -> Statement | None:
    """The statement a quote belongs to, following a quote left open at a paragraph end into
    the quote that reopens the next paragraph (the wire convention for long quotations)."""
    index = quotes.index(quote)
    for current in quotes[index:index + 20]:
        if current in by_quote:
            return by_quote[current]
        if current.closed:
            return None
        following = quotes.index(current) + 1
        if following >= len(quotes) or text[current.end:quotes[following].start].strip(
                " \n“\"„«") != "":
            return None
    return None


def _previous(statements: list[Statement], sentence: Span, text: str) -> Statement | None:
    """The statement a floating quote continues: the last one, if it is at most two sentences
    back and in the same or the next paragraph."""
    if not statements:
        return None
    last = statements[-1]
    gap = text[last.sentence.end_char:sentence.start_char]
    if gap.count("\n") > 2 or len(gap) > 300:
        return None
    between = re.findall(r"[.!?][\"”’]?\s", gap)  # sentence ends between the two
    return last if len(between) <= 1 else None


def _own_quotes(statement: Statement, found: list[Statement], quotes: list[Quote],
                text: str) -> list[Quote]:
    """The quotes of a sentence that are a statement's own. With two sides speaking in one
    sentence ("India said it struck sites it called 'terrorist camps', while Pakistan said …"),
    a quote inside one side's words is not the other's; otherwise every quote is the speaker's."""
    parties = {s.party for st in found for s in st.speakers}
    if len(parties) < 2:
        return list(quotes)
    own = []
    for quote in quotes:
        said = quote.text(text)
        holders = [st for st in found if said and said in st.content]
        if not holders or any(st is statement for st in holders):
            own.append(quote)
    return own


def _statements_in(sentence: Span, quotes: list[Quote], resolver: Resolver) -> list[Statement]:
    statements: list[Statement] = []
    used: set[tuple[int, int]] = set()
    for token in sentence:
        if inside(quotes, token.idx) is not None or _reported_within(token):
            continue
        found = _verb_statement(token, sentence, quotes) or _according_to(token, sentence) or \
            _noun_statement(token, sentence, quotes) or _aid_sent(token, sentence) or \
            _envoy_summoned(token, sentence)
        if found is None:
            continue
        subject, verb, content, call_for = found
        if not (sentence.start <= subject.i < sentence.end):
            subject = _local_subject(token, sentence)
            if subject is None:
                continue
        if (subject.i, token.i) in used:
            continue
        speakers = []
        reported = _reported_through_aide(subject, token)
        if reported is not None:
            # "Guterres was deeply alarmed by the attacks, his spokesperson said": the stance is
            # the reported person's, the aide only passes it on.
            speakers = [s for s in resolver.resolve(reported, sentence) if s.party]
        speakers = speakers or [s for s in resolver.resolve(subject, sentence) if s.party]
        if not speakers:
            continue
        used.add((subject.i, token.i))
        start = min(subject.idx, token.idx)
        end = max(token.idx + len(token.text), subject.idx + len(subject.text))
        statements.append(Statement(speakers, verb, content, start, end, sentence,
                                    call_for=call_for))
    # "Greece offered to send rescuers, its foreign ministry said": the ministry is the voice of
    # Greece here; the country named inside what it said is not a second speaker.
    voiced = {s.party for st in statements for s in st.speakers if s.kind != "country"}
    statements = [st for st in statements if not all(
        s.kind == "country" and s.party in voiced for s in st.speakers)]
    label = _headline_label(sentence, resolver)
    if label is not None and not statements:
        statements.append(label)
    return statements


AIDE_NOUNS = {"spokesperson", "spokesman", "spokeswoman", "spokespeople", "aide", "office",
              "secretary", "representative"}


def _reported_through_aide(subject: Token, verb: Token) -> Token | None:
    """The subject of the reported clause when "his/her/their spokesperson" (or office, aide)
    says it: "X was alarmed …, his spokesperson said" -> X."""
    if subject.lemma_.lower() not in AIDE_NOUNS or not any(
            c.dep_ == "poss" and c.pos_ == "PRON" for c in subject.children):
        return None
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is None:
        return None
    return next((c for c in clause.children if c.dep_ in SUBJECT_DEPS and c.pos_ != "PRON"), None)


def _verb_statement(token: Token, sentence: Span, quotes: list[Quote]
                    ) -> tuple[Token, str, str, bool] | None:
    lemma = token.lemma_.lower()
    if token.pos_ not in {"VERB", "AUX"} or not (lemma in SAY_VERBS or lemma in STANCE_VERBS or
                                                 lemma in {"call", "describe", "express", "voice", "offer",
                                                           "issue", "release", "publish", "assure",
                                                           "ask", "request"}):
        return None
    if _is_intention(token):
        return None
    children = {c.dep_: c for c in token.children}
    for child in token.children:
        # "said earlier that ...": the parser may hang the clause on the adverb.
        if child.dep_ == "advmod" and "ccomp" not in children:
            children.update({g.dep_: g for g in child.children if g.dep_ == "ccomp"})
    if "ccomp" not in children:
        # "said in a statement that …": the parser may hang the clause on "statement".
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in {"in", "on"}):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                clause_of_noun = next((g for g in pobj.children if g.dep_ in {"relcl", "acl"}), None)
                if pobj.lemma_.lower() in STATEMENT_NOUNS and clause_of_noun is not None:
                    children["ccomp"] = clause_of_noun
        # "MOSCOW - Air defences destroyed 41 drones, the ministry said": the parser may make
        # the dateline city a second subject and hang the report on it as a relative clause.
        for city in (c for c in token.children if c.dep_ == "nsubj" and c.idx < dateline_end(c.sent)):
            begin = dateline_end(city.sent)
            reported = next((g for g in city.children if g.dep_ in {"relcl", "acl"}
                             and g.pos_ in {"VERB", "AUX"} and g.idx >= begin), None)
            if reported is not None and any(c.dep_ == "nsubj" and c.i != city.i for c in token.children):
                children["ccomp"] = reported
        # "told a regular press briefing that Beijing urged …": the same, on the venue. Only a
        # clause with a subject of its own: "a briefing that lasted an hour" describes it.
        venue = children.get("dobj")
        if lemma == "tell" and venue is not None and venue.lemma_.lower() in VENUE_NOUNS:
            clause_of_noun = next((g for g in venue.children if g.dep_ in {"relcl", "acl"}
                                   and any(c.dep_ in SUBJECT_DEPS and c.lower_ not in
                                           {"that", "which", "who"} for c in g.children)), None)
            if clause_of_noun is not None:
                children["ccomp"] = clause_of_noun
                children.pop("dobj")
    has_quote = bool(overlapping(quotes, sentence.start_char, sentence.end_char))
    clause = children.get("ccomp") or children.get("xcomp") if lemma not in {"call"} else \
        children.get("ccomp")
    obj = children.get("dobj")
    claims = claims_responsibility(token)
    call_for = False
    if lemma == "call":
        preps = [c for c in token.children if c.dep_ == "prep" and c.lower_ in {"for", "on"}]
        call_for = bool(preps) or any(c.lower_ == "call" for c in token.children)
        if not (call_for or "oprd" in children or clause is not None or
                (has_quote and obj is not None)):
            return None
    elif lemma in {"ask", "request"}:
        # "Latvia asked NATO to strengthen air defences": a request to act, not a question.
        if "xcomp" not in children or obj is None:
            return None
    elif lemma == "assure":
        # "assured Kyiv of continued support"
        if clause is None and not any(c.dep_ == "prep" and c.lower_ == "of" for c in
                                      [*token.children, *(obj.children if obj is not None else ())]):
            return None
    elif lemma == "describe":
        # "described the attack as barbaric", the "as" on the verb or on its object.
        if not ("oprd" in children or any(c.lower_ == "as" for c in token.children)
                or obj is not None and any(c.lower_ == "as" for c in obj.children)):
            return None
    elif lemma in {"express", "voice"}:
        if obj is None or obj.lemma_.lower() not in EXPRESS_OBJECTS:
            return None
    elif lemma == "offer":
        if not ((obj is not None and obj.lemma_.lower() in OFFER_OBJECTS) or "xcomp" in children):
            return None
    elif lemma in {"issue", "release", "publish"}:
        if obj is None or obj.lemma_.lower() not in ISSUE_OBJECTS:
            return None
    elif lemma in SAY_VERBS and lemma not in STANCE_VERBS:
        attributes = token.dep_ in {"parataxis", "ccomp", "conj"} and token.head.i < token.i
        if clause is None and not has_quote and not attributes and not claims and \
                not _is_person_report(token, obj):
            return None
    subject = _subject(token)
    if subject is None:
        return None
    content_token = clause or children.get("oprd") or obj
    if claims and clause is None:
        content = f"{token.text} {_subtree_text(obj, sentence)}"  # "claimed responsibility"
    elif lemma in {"ask", "request"} or lemma in {"describe", "assure"} and clause is None:
        # "described the shelling as cowardly", "assured Kyiv of support", "asked NATO to act":
        # the object and what follows it.
        described = [t for c in token.children if c.i > token.i
                     and c.dep_ in {"dobj", "prep", "oprd", "xcomp"} for t in c.subtree]
        content = doc_text(sentence.doc)[described[0].idx:described[-1].idx + len(described[-1])] \
            if described else sentence.text
    elif content_token is not None:
        content = _subtree_text(content_token, sentence)
    elif token.dep_ in {"parataxis", "ccomp"} and token.head.i < token.i:
        content = doc_text(sentence.doc)[dateline_end(sentence):max(subject.idx, sentence.start_char)
                                    ].strip(" ,—–-“”\"")
    else:
        content = doc_text(sentence.doc)[dateline_end(sentence):sentence.end_char]
    return subject, lemma, content, call_for


def _reported_within(token: Token) -> bool:
    """A verb inside what someone else is reported to have said is content, not a statement
    ("he said Belarusian forces warned ..."). Participles of the speaker ("adding ...") too."""
    if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in {"while", "whereas"}
                                     for c in token.children) and any(
            c.dep_ == "nsubj" and c.pos_ != "PRON" for c in token.children):
        return False  # "India said it had struck nine sites, while Pakistan said …": a second voice
    current = token
    via_clause = False
    for _ in range(12):
        if current.dep_ == "ROOT" or current.head is current:
            return False
        # The clause, or a clause the parser hung on "statement"/"briefing" (see _verb_statement).
        via_clause = via_clause or current.dep_ in {"ccomp", "xcomp"} or (
            current.dep_ in {"relcl", "acl"}
            and current.head.lemma_.lower() in VENUE_NOUNS | STATEMENT_NOUNS)
        current = current.head
        lemma = current.lemma_.lower()
        if via_clause and (lemma in SAY_VERBS or lemma in STANCE_VERBS) and current.i < token.i:
            return True
    return False


def _is_intention(token: Token) -> bool:
    """'was set to speak', 'plans to announce', 'could warn': not a statement made."""
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children) and \
            token.dep_ in {"xcomp", "advcl", "acl", "relcl"}:
        return True
    return any(c.dep_ == "aux" and c.lower_ in {"will", "could", "may", "might", "should", "'ll"}
               for c in token.children)


def _is_person_report(token: Token, obj: Token | None) -> bool:
    """'The governor reported no damage': a dobj report counts for a person or official."""
    if obj is None or token.lemma_.lower() not in {"report", "confirm", "announce", "note"}:
        return False
    subject = _subject(token)
    return subject is not None and (subject.ent_type_ == "PERSON" or any(
        c.dep_ == "appos" for c in subject.children))


def _local_subject(verb: Token, unit: Span) -> Token | None:
    """When the parse took a subject from another paragraph: the noun phrase that opens the
    verb's own line right before it ("The UN harshly condemned ...")."""
    candidates = [t for t in unit if t.i < verb.i]
    while candidates and candidates[-1].pos_ in {"ADV", "AUX", "PART", "PUNCT"}:
        candidates.pop()
    if not candidates or candidates[-1].pos_ not in {"NOUN", "PROPN", "PRON"}:
        return None
    if any(t.pos_ in {"VERB"} for t in candidates):
        return None
    return candidates[-1]


# Stance verbs whose passive names the speaker as agent ("was condemned by France").
PASSIVE_STANCE_VERBS = {"condemn", "denounce", "criticize", "criticise", "decry", "deplore",
                        "slam", "welcome", "praise", "hail", "commend", "reject"}


def _subject(token: Token) -> Token | None:
    """The speaker token: the verb's subject, or (for participles and conjoined verbs) the
    subject of the clause it hangs from."""
    current: Token | None = token
    for _ in range(4):
        if current is None:
            return None
        for child in current.children:
            if child.dep_ in SUBJECT_DEPS:
                if child.dep_ == "nsubjpass":
                    # "The attack was condemned by France and Italy": the agent spoke.
                    if current.lemma_.lower() in PASSIVE_STANCE_VERBS:
                        return next((g for c in current.children if c.dep_ == "agent"
                                     for g in c.children if g.dep_ == "pobj"), None)
                    return None  # "was told", "were reported": the subject did not speak
                begin = dateline_end(child.sent)
                if child.idx < begin:
                    # A dateline city the parser made the subject ("SEOUL | North Korea's
                    # foreign ministry said"): the speaker is what it hung on the city.
                    hung = hung_on_dateline(child)
                    if hung is not None:
                        return hung
                    if any(c.dep_ in SUBJECT_DEPS and c.idx >= begin for c in current.children):
                        continue  # "DUBAI, May 2 - Yemen's Houthis said": two subjects given
                if child.lower_ in {"that", "which", "who", "what"} and current.dep_ == "relcl":
                    return current.head
                return child
        if current.dep_ in {"advcl", "conj", "xcomp"} and current.head.pos_ in {"VERB", "AUX"}:
            head = current.head
            # "X rejected accusations that it backed the group, calling them baseless": a
            # participle the parser hung on a noun's clause belongs to the main clause.
            if current.dep_ == "advcl" and current.tag_ == "VBG" and head.dep_ in {"acl", "relcl"} \
                    and head.head.head.pos_ in {"VERB", "AUX"} and head.head.dep_ in {"dobj", "pobj"}:
                head = head.head.head
            current = head
            continue
        two_subjects = current.head.dep_ == "nsubj" and any(
            c.dep_ == "nsubj" and c.i > current.i for c in current.head.head.children)
        if (current.dep_ == "acl" and current.pos_ == "VERB" and current.head.pos_ in {"NOUN", "PROPN"}
                and ((current.head.dep_ == "ROOT" and (current.tag_ in {"VBD", "VBZ"} or (
                    # "Erdogan, speaking to reporters, offered to …", the verb tagged VBN
                    current.tag_ == "VBN" and current.nbor(-1).text == ",")))
                     or (two_subjects and current.tag_ in {"VBD", "VBZ", "VBN"}))):
            # A sentence parsed without a finite root ("The minister, Ann Lee, called for …"
            # read as a noun with a relative clause), or with the reporter's verb taking both
            # subjects ("Egypt, which …, called on both sides …, the agency MENA reported"):
            # the noun is the subject after all.
            return current.head
        return None
    return None


def _according_to(token: Token, sentence: Span) -> tuple[Token, str, str, bool] | None:
    if token.lower_ != "according":
        return None
    nxt = [c for c in token.children if c.lower_ == "to"]
    objs = [c for t in nxt for c in t.children if c.dep_ == "pobj"] or \
        [c for c in token.children if c.dep_ == "pobj"]
    if not objs:
        return None
    content = doc_text(sentence.doc)[dateline_end(sentence):token.idx].strip(" ,")
    return objs[0], "say", content or sentence.text, False


AID_VERBS = {"send", "dispatch", "deploy", "deliver", "airlift", "fly", "donate", "ship"}
# Help given rather than sent: "Canada announced 50 million dollars in military aid" (not
# "medics provided treatment": only aid, assistance, funding or relief given by a government).
GIVE_VERBS = {"announce", "allocate", "release", "approve"}
_GIVEN_AID = re.compile(r"\b(?:aid|assistance|funding|relief)\b", re.I)
# What is sent as help: people and goods of relief, never weapons (those are strikes).
_AID_OBJECT = re.compile(
    r"\b(?:aid|relief|rescuers?|rescue|search[- ]and[- ]rescue|specialists?|doctors?|medics?|"
    r"nurses?|paramedics?|firefighters?|emergency workers?|humanitarian|tents?|blankets?|food|"
    r"water|medical|medicines?|supplies|field hospitals?|trauma kits?|generators?|experts?)\b", re.I)


def _aid_sent(token: Token, sentence: Span) -> tuple[Token, str, str, bool] | None:
    """'Azerbaijan dispatched two planes with tents and medical supplies', 'Russia planned to
    send a plane carrying emergency workers': help sent is a reaction of support, said or not."""
    if token.lemma_.lower() not in AID_VERBS | GIVE_VERBS or token.pos_ != "VERB":
        return None
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    # What is sent, with what it carries ("two planes with tents", "a plane carrying medics").
    sent_what = " ".join(t.text for c in token.children if c.i > token.i and c.dep_ in {"dobj", "prep"}
                         for t in c.subtree)
    given = token.lemma_.lower() in GIVE_VERBS
    if obj is None or not (_GIVEN_AID if given else _AID_OBJECT).search(sent_what):
        return None
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is None and token.dep_ in {"xcomp", "conj"}:  # "planned to send", "… and sent"
        subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ == "PRON":
        return None
    return _action(subject, token, sentence)


def _action(subject: Token, verb: Token, sentence: Span) -> tuple[Token, str, str, bool]:
    """A reaction done rather than said: its text runs from the subject's phrase to the end
    of what the verb governs."""
    start = min(subject.left_edge.idx, verb.idx)
    end = max(t.idx + len(t.text) for t in verb.subtree)
    return subject, verb.lemma_.lower(), doc_text(sentence.doc)[start:end], False


def _envoy_summoned(token: Token, sentence: Span) -> tuple[Token, str, str, bool] | None:
    """'Estonia's foreign ministry summoned the Russian chargé d'affaires': the diplomatic form
    of protest is a reaction, said or not."""
    if token.lemma_.lower() != "summon" or token.pos_ != "VERB":
        return None
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if obj is None or subject is None or subject.pos_ == "PRON" or \
            not ENVOY.search(" ".join(t.text for t in obj.subtree)):
        return None
    return _action(subject, token, sentence)


def _noun_statement(token: Token, sentence: Span, quotes: list[Quote]
                    ) -> tuple[Token, str, str, bool] | None:
    """'X's comments were a short post: "..."' — a statement noun with an owner and a quote."""
    if token.lemma_.lower() not in STATEMENT_NOUNS or token.dep_ not in SUBJECT_DEPS:
        return None
    if token.head.lemma_.lower() not in {"be", "read"} and token.head.lemma_.lower() not in SAY_VERBS:
        return None
    if token.head.lemma_.lower() in SAY_VERBS:
        return None  # handled by the verb rule
    if not overlapping(quotes, sentence.start_char, sentence.end_char):
        return None
    if not any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in {"from", "by"})
               for c in token.children):
        return None
    quote_text = " ".join(q.text(sentence.doc.text)
                          for q in overlapping(quotes, sentence.start_char, sentence.end_char))
    return token, "say", quote_text, False


def _headline_label(sentence: Span, resolver: Resolver) -> Statement | None:
    """'Tusk: "We will respond"' — a speaker label before a colon and a quote."""
    match = _LABEL.match(sentence.text)
    if not match:
        return None
    doc = sentence.doc
    start = sentence.start_char + match.start(1)
    span = doc.char_span(start, start + len(match.group(1).rstrip()), alignment_mode="expand")
    if span is None or len(span) > 8:
        return None
    speakers = [s for s in resolver.resolve(span.root, sentence) if s.party]
    if not speakers:
        return None
    content = sentence.text[match.end() - 1:].strip()
    return Statement(speakers, "say", content, span.start_char, span.end_char, sentence)


def _subtree_text(token: Token, unit: Span) -> str:
    # Not the dateline the parser may have folded into the clause ("JERUSALEM - Iran fired …").
    begin = dateline_end(unit) if unit.start == unit.sent.start else unit.start_char
    sub = [t for t in token.subtree if unit.start <= t.i < unit.end and t.idx >= begin] or [token]
    return doc_text(token.doc)[sub[0].idx:sub[-1].idx + len(sub[-1].text)].strip(" ,“”\"")


# -- merging ---------------------------------------------------------------------------------

def _merge(parsed: Parsed, statements: list[Statement]) -> list[Reaction]:
    groups: dict[str, list[tuple[Speaker, Statement]]] = {}
    order: list[str] = []
    aliases = _acronym_keys(statements)
    for statement in statements:
        for speaker in statement.speakers:
            key = aliases.get(speaker.key, speaker.key)
            if key not in groups:
                groups[key] = []
                order.append(key)
            groups[key].append((speaker, statement))
    return [_reaction(parsed, groups[key]) for key in order]


def _acronym_keys(statements: list[Statement]) -> dict[str, str]:
    """'IDF' and 'Israel Defense Forces' of one party are one body."""
    bodies = {(s.party, s.name): s.key for st in statements for s in st.speakers
              if s.kind in {"body", "country"} and s.name}
    aliases: dict[str, str] = {}
    for (party, name), key in bodies.items():
        if not (name.isupper() and 2 <= len(name) <= 6):
            continue
        for (other_party, other_name), other_key in bodies.items():
            initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", other_name) if w[0].isupper())
            if other_party == party and other_key != key and initials == name:
                aliases[key] = other_key
    return aliases


def _reaction(parsed: Parsed, items: list[tuple[Speaker, Statement]]) -> Reaction:
    text = parsed.document.text
    first = items[0][0]
    names = [s.name for s, _ in items if s.name]
    speaker_name = first.name
    if first.kind in {"body", "country"} and names:
        speaker_name = max(names, key=len)  # the most specific name of the body
    elif names and speaker_name is None:
        speaker_name = names[0]
    role = next((s.role for s, _ in items if s.role), None)
    quotes: list[str] = []
    stances: list[str] = []
    said_by_verb: list[str] = []  # "condemned …, saying he was troubled": the verb's own stance
    evidence: list[Evidence] = []
    contents: list[str] = []
    # What the speaker said about an earlier event ("In August, the minister called it a
    # provocation") is kept as evidence but says nothing of their stance on this one, unless
    # that is all they said.
    recalled = [parsed.recalls_earlier(st.sentence) for _, st in items]
    for (_, statement), earlier in zip(items, recalled, strict=True):
        quote_texts = [q.text(text) for q in statement.quotes]
        quotes.extend(q for q in quote_texts if q)
        said = " ".join(quote_texts) or statement.content
        contents.append(statement.content or said)
        if not earlier or all(recalled):
            stances.append(_statement_stance(statement, said))
            if statement.call_for or VERB_STANCE.get((statement.verb or "").lower()) == stances[-1]:
                said_by_verb.append(stances[-1])
        evidence.append(parsed.evidence((statement.sentence.start_char,
                                         statement.sentence.end_char), statement.sentence))
        for quote in statement.quotes:
            if quote.start < statement.sentence.start_char or \
                    quote.end > statement.sentence.end_char:
                evidence.append(Evidence(source_id=parsed.document.id, start=quote.start,
                                         end=quote.end, sentence=quote.text(text)))
    evidence = list({(e.start, e.end): e for e in evidence}.values())
    best_quote = max(quotes, key=_quote_quality) if quotes else None
    party = first.party or "OTHER"
    confidence = 0.45 + 0.15 * bool(best_quote) + 0.15 * bool(speaker_name) + \
        0.15 * any(s.explicit for s, _ in items) + min(0.1, 0.03 * (len(items) - 1))
    if speaker_name:
        speaker_name = speaker_name.replace("’", "'").replace("\n", " ")  # typographic apostrophe
    return Reaction(party=party_name(party), party_code=party, speaker=speaker_name, role=role,
                    stance=combine(said_by_verb or stances), quote=best_quote,
                    statement=best_quote or contents[0], evidence=evidence,
                    confidence=round(min(confidence, 0.98), 2))


# An armed group saying it fired is claiming the attack ("Hezbollah said it had fired rockets
# at a base"), as "claimed responsibility" is: a statement of its own kind.
_CLAIMED_FIRE = re.compile(r"^\W*(?:that\s+)?(?:it|they|we)\s+(?:had\s+|has\s+|have\s+)?(?:fired|"
                           r"launched|targeted|struck|attacked|shelled|hit)\b", re.I)


def _statement_stance(statement: Statement, said: str) -> str:
    if declined_comment(statement.sentence.text, statement.verb):
        return "neutral"
    if all(s.party in ARMED_GROUPS for s in statement.speakers) and _CLAIMED_FIRE.search(statement.content):
        return "other"
    return stance_of(statement.verb, f"{statement.content} {said}", call_for=statement.call_for)


def _quote_quality(quote: str) -> float:
    words = len(quote.split())
    return words if words <= 60 else 60 - (words - 60) / 10
