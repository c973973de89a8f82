"""Stance of a statement: condemn, deny, concern, support, call_for_action, neutral, other.

A small lexicon over the reporting verb (strongest cue: "condemned", "denied", "urged") and
the words of what was said, with negation handled for the content cues ("did not target" is a
denial, "no grounds to suspect a mistake" is not a concern). Neutral when nothing fires:
most wire statements report facts.
"""

from __future__ import annotations

import re
from collections import Counter

# Reporting verbs that carry a stance of their own (lemmas).
VERB_STANCE: dict[str, str] = {
    "condemn": "condemn", "denounce": "condemn", "slam": "condemn", "criticize": "condemn",
    "criticise": "condemn", "decry": "condemn", "deplore": "condemn", "blast": "condemn",
    "accuse": "condemn", "blame": "condemn", "protest": "condemn", "rebuke": "condemn",
    "summon": "condemn",  # an envoy summoned (reactions._envoy_summoned)
    "deny": "deny", "reject": "deny", "dismiss": "deny", "refute": "deny", "rebuff": "deny",
    "warn": "concern", "fear": "concern", "worry": "concern",
    "urge": "call_for_action", "appeal": "call_for_action", "demand": "call_for_action",
    "ask": "call_for_action", "request": "call_for_action",
    "thank": "support", "welcome": "support", "praise": "support", "pledge": "support",
    "offer": "support", "promise": "support", "hail": "support", "commend": "support",
    # Help sent (reactions.AID_VERBS; only ever a statement verb when what is sent is relief).
    "send": "support", "dispatch": "support", "deploy": "support", "deliver": "support",
    "airlift": "support", "fly": "support", "donate": "support", "ship": "support",
}

# Content words (lower-case regexes) -> stance. Checked against the statement text.
CONTENT_CUES: list[tuple[str, str]] = [
    (r"\b(?:claim(?:ed|s|ing)?|take|took|taking|takes) (?:full )?responsibility\b", "other"),
    # Threats of retaliation are their own kind of statement, not a condemnation.
    (r"\b(?:will|would) (?:pay|regret)\b|\b(?:pay|exact|extract) (?:a|the) (?:heavy |high |severe |"
     r"painful )?price\b|\b(?:would|will) be met with\b|\bcrushing (?:response|attacks?|blows?)\b|"
     # "Russia would respond (decisively)": a threat, unless what is answered is named
     # ("will respond to questions").
     r"\b(?:will|would|shall) (?:respond|retaliate)\b(?! to\b)|"
     # … or what is answered is a hostile act ("would respond to any hostile acts").
     r"\b(?:will|would|shall) (?:respond|retaliate) to (?:any|every|further)\b",
     "other"),
    # Vows of more: "vowed to retaliate", "vowed to continue their attacks".
    (r"\bvow\w* to (?:retaliate|respond|avenge|continue|keep|step up|intensify|strike|hit)\b|"
     r"\bavenge\b|\brevenge\b", "other"),
    (r"\b(?:did|do|does|had|has|have) not (?:target|attack|launch|strike|fire|send|enter|"
     r"violate)|\bno (?:planned )?targets?\b|\blost (?:their|its) (?:course|way)\b|"
     r"\b(?:off|strayed (?:off )?) ?course\b|\b(?:baseless|fabricat\w+|unfounded|groundless|untrue|"
     r"false claims?|disinformation)\b|\bnot true\b|"
     r"\b(?:is|are|was|were) (?:a )?(?:lies?|invented|made[- ]up|fake|false|fiction)\b|"
     r"\b(?:absurd|nonsense|slander\w*|ridiculous)\b|"
     # The accusation itself called a provocation or staged: "the claims were a provocation".
     r"\b(?:claims?|accusations?|allegations?|reports?) (?:were|was|are|is) [\"“'‘]?(?:an? |nothing but )?"
     r"(?:\w+ ){0,2}(?:provocation|staged|fabrication|lies?)\b|"
     r"\bnone of (?:its|their|our) (?:\w+ ){0,2}(?:had|have|has|was|were) (?:\w+ )?(?:crossed|entered|"
     r"violated|fired|launched|flown|taken off)\b",
     "deny"),
    (r"\bcondemn\w*|\bdenounc\w*|\bbarbaric\b|\bappalling\b|\bunconscionable\b|\batrocit\w+|"
     r"\bwar crimes?\b|\bterror\w*|\bunacceptable\b|\boutrage\w*|\bdeliberate(?:ly)?\b|"
     r"\bprovocation\w*|\baggression\b|(?<!de-)\bescalat\w+|\bviolat\w+|\bcriminal\b|\bheinous\b|"
     r"\bcowardly\b|\bruthless\w*|\breckless(?:ly|ness)?\b|\birresponsible\b|\bbrazen(?:ly)?\b|"
     r"\bblatant(?:ly)?\b|\bflagrant(?:ly)?\b|\begregious\b|\bunprovoked\b|\bobjections?\b|"
     r"\bcynical\b|\bbrutal(?:ity|ly)?\b|\bsenseless\b|\bshameful\b|\bdisgrace(?:ful)?\b|"
     r"\babhorrent\b|\bdespicable\b|\bhorrific\b|\bhorrendous\b|\bmonstrous\b|\binhumane?\b|"
     r"\bcontempt for\b|\bno justification\b|\bcannot be justified\b|\bunjustifi\w+\b|"
     r"\binexcusable\b|\bindefensible\b|\bintolerable\b|"
     # What the act is said to threaten or test: "a threat to European security", "an attack on
     # NATO as a whole", "Russia was testing NATO".
     r"\bthreat to (?:\w+ )?(?:security|peace|stability|sovereignty)\b|"
     r"\ban attack on (?:NATO|Europe|the (?:whole|entire) alliance|all of us|us all|every)\b|"
     r"\btest(?:s|ed|ing)? (?:NATO|the alliance|Europe|our (?:resolve|defen[cs]es|unity))\b|"
     # Recklessness charged: "gambling with the safety of a continent", "playing with fire".
     r"\bgambl(?:e|es|ed|ing) with\b|\bplay(?:s|ed|ing)? with fire\b|"
     r"\bendanger(?:ed|s|ing)\b|\b(?:will|would|cannot|can|shall) not (?:accept|tolerate)\b|"
     r"\b(?:won|can)[’']t (?:accept|tolerate)\b|"
     r"\b(?:hold|holds|holding|held) [^.]{0,40}\b(?:responsible|accountable)\b|"
     # Blame: "the army said a group it named was responsible for the rocket attack" (not "it was
     # responsible", a claim).
     r"(?<!\bit )(?<!\bwe )(?<!they )\b(?:was|were|is|are) (?:fully |directly )?responsible for "
     r"(?:the |this |these |that |its |their )?(?:\w+ ){0,2}(?:attacks?|salvos?|strikes?|barrages?|"
     r"shelling|launch(?:es)?|incursions?|violations?|bombings?|killings?|escalation)\b|"
     # Diplomatic protest: a note of protest, an envoy summoned to explain.
     r"\b(?:formal |strong )?protest(?: note)?\b|\bsummon\w*\b[^.]{0,60}\b(?:ambassador|envoy|"
     r"charg[eé]|diplomat)|\b(?:ambassador|envoy|charg[eé] d.affaires)\b[^.]{0,60}\bsummoned\b",
     "condemn"),
    (r"\bcall(?:ed|s|ing)? (?:for|on)\b|\burg\w+|\bmust\b|\bshould\b|\bneeds? [\w ]{0,20}now\b|"
     r"\b(?:the|an?) (?:urgent |pressing |immediate )?need (?:for|to)\b|"
     r"\b(?:has|have|had) to (?:act|respond|stop|do more|step up|impose|increase|strengthen|end)\b|"
     r"\bappeal\w*|\bdemand\w*|\b(?:seek|need) (?:international )?(?:assistance|help|support)\b|"
     r"\bheed\b|\breiterat\w+ (?:an? |the )?(?:urgent )?call\b|"
     # Restraint asked of others: "hoped all parties would keep calm".
     r"\b(?:keep|remain|stay) calm\b|\bexercise (?:maximum |the utmost )?restraint\b|"
     # Talks asked of others: "hoped all parties would address their concerns through dialogue"
     # (whose concerns they are is no concern of the speaker's).
     r"\b(?:address|resolv|settl|solv)\w* (?:\w+ ){0,3}(?:through|by|via) (?:peaceful )?"
     r"(?:dialogue|talks|negotiations?|diplomacy|diplomatic means)\b",
     "call_for_action"),
    (r"\bconcern\w*|\btroubl\w+|\balarm\w*|\bdangerous\b|\b(?:grave|serious) threat|\bworr\w+|\bfears?\b|"
     r"\bnot (?:yet )?enough\b|\bfear(?:ed|ing)? for\b", "concern"),
    # "support" as what the speaker gives, not "facilities supporting the army" or "militias
    # supported by Iran" (a description in a claim of a strike).
    (r"\bcondolences?\b|\bsympath\w+|\bsolidarity\b|\bsorrow\b|"
     r"\bsupport(?!ed by\b)\w*|\bthank\w*|"
     # Arms or aid the speaker's side will send.
     # Not what a target is "used to deliver" in a claim of a strike.
     r"\b(?:will|would|(?<!used )(?<!designed )(?<!intended )to|shall) "
     r"(?:send|provide|deliver|supply|give)\b[^.]{0,40}\b(?:air[- ]defen[cs]es?|"
     r"patriots?|systems?|weapons|arms|ammunition|aid|assistance|equipment|generators?|jets?|"
     r"f-16s?|fighter (?:jets|aircraft)|tanks|howitzers|interceptors)\b|"
     r"\bcommitted to (?:defend|protect)\w*|\b(?:will|would|ready to) (?:defend|protect)\b|"
     r"\bready to (?:help|assist)\b|\bhelp\w*|\bassist\w*|"
     r"\brescue\b|\brelief\b|\baid\b|\bsupplies\b|\bdonat\w+|\bpledg\w+|"
     r"\bst(?:and|ands|anding|ood) (?:firmly |fully |together |united )?with\b|"
     r"\bshoulder[- ]to[- ]shoulder\b|"
     # Backing one side's use of force: "the strikes were justified", "Israel had a right to
     # defend itself".
     r"\b(?:is|are|was|were) (?:fully |entirely |completely )?justified\b|"
     r"\bright to (?:self-defen[cs]e|defend (?:itself|themselves|herself|himself))\b|"
     r"\b(?:dispatch|sen[dt])\w*\b[^.]{0,40}\b(?:rescuers|rescue teams?|search teams?|doctors|"
     r"medics|field hospitals?)\b",
     "support"),
]
_COMPILED = [(re.compile(pattern, re.I), stance) for pattern, stance in CONTENT_CUES]
# Targets described by what they serve ("depots supporting the army") in a claim of a strike.
_SERVING_TARGETS = re.compile(
    r"\b(?:facilities|infrastructure|sites|enterprises|plants|factories|depots|bases|targets|"
    r"airfields|warehouses|positions|units)\s+supporting\b", re.I)

# "expressed deep concern over the escalation": what is expressed is the stance itself, whatever
# the rest of the sentence mentions ("escalation" alone would read as condemnation).
_EXPRESSED = re.compile(
    r"\b(?:express|voice|register)\w* (?:its |their |his |her |our |my )?(?:deep |grave |serious |"
    r"great |strong |profound |sincere |full |firm |unwavering )*(\w+)", re.I)
_EXPRESSED_STANCE = {"concern": "concern", "concerns": "concern", "alarm": "concern",
                     "worry": "concern", "worries": "concern", "anxiety": "concern",
                     "condolences": "support", "sympathy": "support", "solidarity": "support",
                     "support": "support", "outrage": "condemn", "indignation": "condemn",
                     "condemnation": "condemn", "anger": "condemn", "objection": "condemn",
                     "objections": "condemn", "shock": "concern", "dismay": "concern",
                     "sorrow": "support", "gratitude": "support", "troubled": "concern",
                     "concerned": "concern", "alarmed": "concern", "worried": "concern",
                     "shocked": "concern", "dismayed": "concern", "outraged": "condemn",
                     "appalled": "condemn", "saddened": "support"}

# "was deeply troubled by the escalation": how the speaker feels is the stance, as above.
_FELT = re.compile(r"\b(?:am|is|are|was|were)\s+(?:deeply |very |gravely |extremely |greatly |"
                   r"profoundly )?(troubled|concerned|alarmed|worried|shocked|dismayed|outraged|"
                   r"appalled|saddened)\b", re.I)

# When cues of several kinds fire, the rarer and more specific one wins.
PRIORITY = ("other", "deny", "call_for_action", "condemn", "concern", "support")


def stance_of(verb_lemma: str | None, text: str, *, call_for: bool = False) -> str:
    """Stance of one statement: its reporting verb lemma and what was said."""
    if call_for:
        return "call_for_action"
    verb = VERB_STANCE.get((verb_lemma or "").lower())
    if (verb_lemma or "").lower() == "vow":
        text = f"vowed {text}"  # the content is what was vowed: "to retaliate for …"
    cues = content_stances(text)
    if verb == "deny" or "deny" in cues:
        return "deny"
    if "other" in cues:
        return "other"
    if verb:
        return verb
    if (verb_lemma or "").lower() in ("express", "voice", "register", "convey"):
        text = f"expressed {text}"  # the content is the verb's object: "deep concern over …"
    expressed = _EXPRESSED.search(text)
    if expressed and expressed.group(1).lower() in _EXPRESSED_STANCE:
        return _EXPRESSED_STANCE[expressed.group(1).lower()]
    felt = _FELT.search(text)
    if felt and "call_for_action" not in cues:  # "concerned …, and called on all sides to …" calls
        return _EXPRESSED_STANCE[felt.group(1).lower()]
    for stance in PRIORITY:
        if stance in cues:
            return stance
    return "neutral"


# "X declined to comment, telling reporters questions should go to the military": a refusal to
# take a position, whatever the deflection around it says.
_NO_COMMENT = re.compile(r"\b(?:declin|refus)\w* (?:to )?(?:comment|elaborate)\b|"
                         r"\b(?:would|could|did) not comment\b|\bno comment\b", re.I)


def declined_comment(sentence: str, verb_lemma: str | None) -> bool:
    """Whether the statement's sentence reports a refusal to comment (and its own verb is no
    stance of its own: "declined to comment but condemned …" still condemns)."""
    return bool(_NO_COMMENT.search(sentence)) and (verb_lemma or "").lower() not in VERB_STANCE


_NEGATED = re.compile(r"(?:\b(?:not|no|never|neither|nor)|n[’']t)\W+(?:\w+\W+){0,2}$", re.I)


def content_stances(text: str) -> set[str]:
    """Stances whose cue words occur in `text`, except cues negated just before ("airspace was
    not violated", "no threat"). The deny cues carry their negation in the pattern itself."""
    found = set()
    text = _SERVING_TARGETS.sub(lambda m: m.group(0).replace("supporting", "serving"), text)
    for pattern, stance in _COMPILED:
        for match in pattern.finditer(text):
            if _in_name(text, match.start(), match.end()):
                continue
            if stance == "deny" or not _NEGATED.search(text[max(0, match.start() - 40):match.start()]):
                found.add(stance)
                break
    return found


_CAPITALISED = re.compile(r"[A-Z][\w'’-]*")


def _in_name(text: str, start: int, end: int) -> bool:
    """A cue word capitalised inside a name ("the Rapid Support Forces", "Relief Web"), not a
    word of the statement: it has a capitalised neighbour."""
    if not text[start:start + 1].isupper():
        return False
    before = text[:start].rstrip().rsplit(None, 1)[-1:] if text[:start].strip() else []
    after = text[end:].lstrip().split(None, 1)[:1]
    return any(_CAPITALISED.fullmatch(word.strip(".,;:()\"“”")) for word in before + after)


def combine(stances: list[str]) -> str:
    """One stance for a speaker from all their statements: the first non-neutral one that the
    others do not outvote."""
    marked = [s for s in stances if s != "neutral"]
    if not marked:
        return "neutral"
    counts = Counter(marked)
    best = max(counts.values())
    return next(s for s in PRIORITY if counts.get(s) == best)
