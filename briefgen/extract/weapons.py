"""Weapon categories from the words a text uses for them (the list in the corpus README)."""

from __future__ import annotations

import re

# Head nouns (lemmas) that name a weapon, with their default category.
HEADS = {
    "drone": "drone", "uav": "drone", "shahed": "drone", "geran": "drone", "decoy": "drone",
    "quadcopter": "drone", "missile": "missile", "rocket": "rocket", "bomb": "guided_bomb",
    "munition": "total", "projectile": "total", "weapon": "total", "shell": "other",
    "mortar": "other", "balloon": "other", "aircraft": "aircraft", "plane": "aircraft",
    "jet": "aircraft", "helicopter": "aircraft", "warplane": "aircraft", "bomber": "aircraft",
    "vehicle": "drone",  # only with "unmanned"/"aerial", checked below
}

_CRUISE = re.compile(r"\bcruise\b|\bwinged\b|\bkh-?\d|kalibr|tomahawk|storm shadow|scalp|"
                     r"\bneptune\b|\bonyx\b|oniks|zircon|tsirkon", re.I)
_BALLISTIC = re.compile(r"ballistic|iskander|kn-?2[34]|kinzhal|\bscud|rodong|nodong|"
                        r"hwasong|fateh|\batacms\b|\btochka\b|\bpru?s\b", re.I)
_GUIDED_BOMB = re.compile(r"\b(guided|glide|gliding|aerial|kab)\b", re.I)
_UNMANNED = re.compile(r"unmanned|aerial", re.I)
_MORTAR_SHELL = re.compile(r"mortar", re.I)


# Missile systems named on their own, as the head of a noun phrase ("three Iskanders",
# "none of the Kinzhals", "six ATACMS").
_NAMED_SYSTEM = re.compile(r"(?:iskander|kinzhal|kalibr|tomahawk|atacms|scud|zircon|tsirkon|oniks|"
                           r"hwasong|fateh|tochka)(?:s|-\w+)?", re.I)


def named_system(head_lemma: str) -> str | None:
    if not _NAMED_SYSTEM.fullmatch(head_lemma):
        return None
    return "cruise_missile" if _CRUISE.search(head_lemma) else "ballistic_missile"


def category(head_lemma: str, phrase: str) -> str | None:
    """Category for a weapon head noun, refined by the words before it ("cruise missiles")."""
    lemma = head_lemma.lower()
    base = HEADS.get(lemma)
    if base is None:
        if lemma.startswith("shahed") or lemma.startswith("uav"):
            return "drone"
        return named_system(lemma)
    if lemma == "vehicle" and not _UNMANNED.search(phrase):
        return None
    if lemma == "aircraft" and re.search(r"unmanned|drone", phrase, re.I):
        return "drone"
    if base == "missile":
        if _CRUISE.search(phrase):
            return "cruise_missile"
        if _BALLISTIC.search(phrase):
            return "ballistic_missile"
    if base == "guided_bomb" and not _GUIDED_BOMB.search(phrase):
        return "other"
    if base == "other" and lemma == "shell" and _MORTAR_SHELL.search(phrase):
        return "other"
    return base


def combine(categories: list[str]) -> str:
    """One category for a noun phrase naming several weapon kinds ("rockets and mortar shells")."""
    unique = list(dict.fromkeys(categories))
    return unique[0] if len(unique) == 1 else "total"


MISSILE_KINDS = ("cruise_missile", "ballistic_missile")
