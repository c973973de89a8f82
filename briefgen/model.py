"""The facts model: the public contract between extraction and rendering.

`briefgen extract` writes a `Brief` as JSON; `briefgen render` reads it back, so a
human can review and correct facts in between. Every extracted item carries
`evidence` (where in which source it came from) and a `confidence` in [0, 1].
The JSON Schema is generated from these classes (`Brief.model_json_schema()`).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

Weapon = Literal[
    "drone",
    "cruise_missile",
    "ballistic_missile",
    "missile",
    "guided_bomb",
    "rocket",
    "aircraft",
    "other",
    "total",
]
WEAPONS: tuple[str, ...] = Weapon.__args__  # type: ignore[attr-defined]

Stance = Literal["condemn", "deny", "concern", "support", "call_for_action", "neutral", "other"]
STANCES: tuple[str, ...] = Stance.__args__  # type: ignore[attr-defined]

Confidence = float


class _Model(BaseModel):
    # Reject misspelt keys in hand-edited facts files instead of silently dropping them.
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Evidence(_Model):
    """Where a fact comes from: a character span of one source's text."""

    source_id: str = Field(description="Id of the source document (see `Brief.sources`).")
    start: int = Field(ge=0, description="Start character offset into the source text.")
    end: int = Field(ge=0, description="End character offset (exclusive).")
    sentence: str = Field(description="The sentence the fact was read from, verbatim.")


class Source(_Model):
    id: str = Field(description="Short id, e.g. `S1`, used by evidence and citations.")
    title: str | None = None
    url: str | None = None
    path: str | None = Field(None, description="File name the text was read from, if any.")
    publisher: str | None = None
    published: dt.date | None = Field(None, description="Publication date, when known.")
    kind: str = Field("text", description="Reader used: text, markdown, html, url, stdin.")


class Party(_Model):
    code: str = Field(description="ISO 3166-1 alpha-3, an organisation code (NATO, EU, UN…), "
                      "a group name (HEZBOLLAH) or OTHER.")
    name: str = Field(description="Short display name.")


class StrikeRow(_Model):
    actor: str | None = Field(None, description="Party code of who launched the weapons.")
    target: str | None = Field(None, description="Party code of the country attacked.")
    weapon: Weapon
    launched: int | None = Field(None, ge=0)
    intercepted: int | None = Field(None, ge=0)
    qualifier: str | None = Field(None, description='"more than", "at least", "about"…')
    detail: str | None = Field(None, description="The weapon as the text names it.")
    reported_by: str | None = Field(None, description="Who gave the figures.")
    background: bool = Field(False, description="An earlier event the article recalls.")
    evidence: list[Evidence] = Field(default_factory=list)
    confidence: Confidence = Field(0.5, ge=0, le=1)


class Reaction(_Model):
    party: str = Field(description="Display name of the party the speaker speaks for.")
    party_code: str
    speaker: str | None = Field(None, description="Person or body as first named; null if none.")
    role: str | None = None
    stance: Stance = "neutral"
    quote: str | None = Field(None, description="Direct quotation, verbatim, if there is one.")
    statement: str = Field("", description="What was said: the quote or the reported content.")
    evidence: list[Evidence] = Field(default_factory=list)
    confidence: Confidence = Field(0.5, ge=0, le=1)


class Fact(_Model):
    text: str
    evidence: list[Evidence] = Field(default_factory=list)
    confidence: Confidence = Field(0.5, ge=0, le=1)


class KeyFigure(_Model):
    value: float
    label: str = Field(description='What the number counts, e.g. "airspace violations recorded".')
    qualifier: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    confidence: Confidence = Field(0.5, ge=0, le=1)


class TimelineEvent(_Model):
    when: str | None = Field(None, description="ISO 8601 date or date-time, as precise as the "
                             "text allows; null if it cannot be placed.")
    when_text: str = Field(description="The time expression as written.")
    text: str = Field(description="What happened.")
    background: bool = False
    evidence: list[Evidence] = Field(default_factory=list)
    confidence: Confidence = Field(0.5, ge=0, le=1)


class Casualties(_Model):
    killed: int | None = Field(None, ge=0)
    injured: int | None = Field(None, ge=0)
    where: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class Situation(_Model):
    """What, where and when of the incident."""

    what: str | None = None
    where: list[str] = Field(default_factory=list)
    when_start: str | None = Field(None, description="ISO 8601, when the text states it.")
    when_end: str | None = None
    when_text: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class Brief(_Model):
    schema_version: str = Field(SCHEMA_VERSION, alias="schema")
    title: str
    date: dt.date | None = Field(None, description="Date of the incident or of the reports.")
    bluf: Fact | None = Field(None, description="Bottom line up front.")
    situation: Situation = Field(default_factory=Situation)
    key_facts: list[Fact] = Field(default_factory=list)
    key_figures: list[KeyFigure] = Field(default_factory=list)
    strikes: list[StrikeRow] = Field(default_factory=list)
    reactions: list[Reaction] = Field(default_factory=list)
    timeline: list[TimelineEvent] = Field(default_factory=list)
    casualties: Casualties = Field(default_factory=Casualties)
    actors: list[Party] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)

    def to_json(self) -> str:
        return self.model_dump_json(by_alias=True, indent=2) + "\n"

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)
