"""Scoring extraction against gold annotations, exactly as ../shared/corpus/README.md defines.

A folder holds `NN-slug.txt` + `NN-slug.gold.json` pairs. For each pair the text is extracted
and compared with the gold:
- strikes: a predicted row matches a gold row when weapon agrees, actor agrees (a gold actor
  of null matches any) and both counts agree (null only matches null); background rows are
  not scored; P/R/F1 over rows (one-to-one matching);
- reacting parties: the set of party codes excluding OTHER, P/R/F1;
- speakers: reactions with a null speaker or party OTHER are left out on both sides; a gold
  reaction is found when a prediction has the same party_code and a speaker whose last name
  (or the body's last word) matches; recall over gold, precision over predictions;
- stance: accuracy over matched speakers.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError


@dataclass
class Counts:
    tp_pred: int = 0  # predictions that matched
    tp_gold: int = 0  # gold items that were found
    n_pred: int = 0
    n_gold: int = 0

    def add(self, other: Counts) -> None:
        self.tp_pred += other.tp_pred
        self.tp_gold += other.tp_gold
        self.n_pred += other.n_pred
        self.n_gold += other.n_gold

    @property
    def precision(self) -> float:
        return self.tp_pred / self.n_pred if self.n_pred else 1.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp_gold, "predicted": self.n_pred,
                "gold": self.n_gold}


@dataclass
class ArticleScore:
    name: str
    strikes: Counts = field(default_factory=Counts)
    parties: Counts = field(default_factory=Counts)
    speakers: Counts = field(default_factory=Counts)
    stance_right: int = 0
    stance_total: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)


def _get(item, key):
    return item.get(key) if isinstance(item, dict) else getattr(item, key, None)


def _strike_key(row) -> str:
    return (f"{_get(row, 'actor')}/{_get(row, 'weapon')} "
            f"launched={_get(row, 'launched')} intercepted={_get(row, 'intercepted')}")


def _strike_match(pred, gold) -> bool:
    return (_get(pred, "weapon") == _get(gold, "weapon")
            and (_get(gold, "actor") is None or _get(pred, "actor") == _get(gold, "actor"))
            and _get(pred, "launched") == _get(gold, "launched")
            and _get(pred, "intercepted") == _get(gold, "intercepted"))


def _fold(text: str) -> str:
    # Curly apostrophes first: the ASCII fold below would drop them ("O’Donnell" -> "ODonnell").
    text = text.replace("’", "'").replace("‘", "'")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _last_word(name: str) -> str:
    words = re.findall(r"[a-z0-9'-]+", _fold(name))
    words = [w for w in words if w not in {"jr", "sr", "ii", "iii"}]
    return words[-1].strip("'") if words else ""


def _speaker_match(pred, gold) -> bool:
    return (_get(pred, "party_code") == _get(gold, "party_code")
            and _last_word(_get(pred, "speaker") or "") == _last_word(_get(gold, "speaker") or ""))


def _one_to_one(preds: list, golds: list, match) -> list[tuple[int, int]]:
    """Greedy one-to-one matching in document order (each item used at most once)."""
    used: set[int] = set()
    pairs = []
    for gi, gold in enumerate(golds):
        for pi, pred in enumerate(preds):
            if pi not in used and match(pred, gold):
                used.add(pi)
                pairs.append((pi, gi))
                break
    return pairs


def score_article(name: str, predicted: dict, gold: dict) -> ArticleScore:
    score = ArticleScore(name)
    # strikes
    preds = [r for r in predicted.get("strikes", []) if not _get(r, "background")]
    golds = [r for r in gold.get("strikes", []) if not _get(r, "background")]
    pairs = _one_to_one(preds, golds, _strike_match)
    score.strikes = Counts(len(pairs), len(pairs), len(preds), len(golds))
    matched_p = {p for p, _ in pairs}
    matched_g = {g for _, g in pairs}
    score.misses += [f"strike {_strike_key(g)}" for i, g in enumerate(golds) if i not in matched_g]
    score.false_positives += [f"strike {_strike_key(p)}" for i, p in enumerate(preds)
                              if i not in matched_p]
    # reacting parties
    pred_parties = {_get(r, "party_code") for r in predicted.get("reactions", [])} - {"OTHER", None}
    gold_parties = {_get(r, "party_code") for r in gold.get("reactions", [])} - {"OTHER", None}
    hit = len(pred_parties & gold_parties)
    score.parties = Counts(hit, hit, len(pred_parties), len(gold_parties))
    score.misses += [f"party {c}" for c in sorted(gold_parties - pred_parties)]
    score.false_positives += [f"party {c}" for c in sorted(pred_parties - gold_parties)]

    # speakers
    def named(reactions):
        return [r for r in reactions if _get(r, "speaker") and _get(r, "party_code") != "OTHER"]

    pred_sp, gold_sp = named(predicted.get("reactions", [])), named(gold.get("reactions", []))
    found_gold = [g for g in gold_sp if any(_speaker_match(p, g) for p in pred_sp)]
    right_pred = [p for p in pred_sp if any(_speaker_match(p, g) for g in gold_sp)]
    score.speakers = Counts(len(right_pred), len(found_gold), len(pred_sp), len(gold_sp))
    for g in gold_sp:
        candidates = [p for p in pred_sp if _speaker_match(p, g)]
        if not candidates:
            score.misses.append(f"speaker {_get(g, 'speaker')} ({_get(g, 'party_code')})")
            continue
        score.stance_total += 1
        if any(_get(p, "stance") == _get(g, "stance") for p in candidates):
            score.stance_right += 1
        else:
            score.misses.append(f"stance {_get(g, 'speaker')}: {_get(candidates[0], 'stance')} "
                                f"(gold {_get(g, 'stance')})")
    score.false_positives += [f"speaker {_get(p, 'speaker')} ({_get(p, 'party_code')})"
                              for p in pred_sp if p not in right_pred]
    return score


def find_pairs(folder: Path) -> list[tuple[Path, Path]]:
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder of NN-slug.txt + NN-slug.gold.json files")
    pairs = []
    for gold in sorted(folder.glob("*.gold.json")):
        text = gold.with_name(gold.name[: -len(".gold.json")] + ".txt")
        if text.exists():
            pairs.append((text, gold))
    if not pairs:
        raise InputError(f"{folder}: no NN-slug.txt + NN-slug.gold.json pairs found")
    return pairs


def evaluate(folders: list[Path], nlp=None) -> dict:
    """Extract every article in the folders and score it. Returns a JSON-able report."""
    from .extract import extract
    from .ingest import load_source

    articles: list[ArticleScore] = []
    for folder in folders:
        for text_path, gold_path in find_pairs(folder):
            try:
                gold = json.loads(gold_path.read_text(encoding="utf-8"))
            except ValueError as exc:
                raise InputError(f"{gold_path}: invalid JSON ({exc})") from None
            brief = extract([load_source(str(text_path))], nlp=nlp)
            predicted = brief.model_dump(by_alias=True)
            articles.append(score_article(text_path.stem, predicted, gold))
    total = ArticleScore("all")
    for art in articles:
        total.strikes.add(art.strikes)
        total.parties.add(art.parties)
        total.speakers.add(art.speakers)
        total.stance_right += art.stance_right
        total.stance_total += art.stance_total
    return {
        "articles": [_article_dict(a) for a in articles],
        "total": _article_dict(total),
    }


def _article_dict(a: ArticleScore) -> dict:
    return {
        "name": a.name,
        "strikes": a.strikes.as_dict(),
        "parties": a.parties.as_dict(),
        "speakers": a.speakers.as_dict(),
        "stance": {"accuracy": round(a.stance_right / a.stance_total, 4) if a.stance_total else None,
                   "right": a.stance_right, "total": a.stance_total},
        "misses": a.misses,
        "false_positives": a.false_positives,
    }


def format_report(report: dict, details: bool = True) -> str:
    lines = [f"{'article':<52} {'strikes P/R/F1':>17} {'parties P/R/F1':>17} "
             f"{'speakers P/R':>13} {'stance':>7}"]

    def row(a: dict) -> str:
        s, p, sp, st = a["strikes"], a["parties"], a["speakers"], a["stance"]
        acc = "-" if st["accuracy"] is None else f"{st['accuracy']:.2f}"
        return (f"{a['name'][:52]:<52} {s['precision']:.2f}/{s['recall']:.2f}/{s['f1']:.2f}    "
                f"{p['precision']:.2f}/{p['recall']:.2f}/{p['f1']:.2f}    "
                f"{sp['precision']:.2f}/{sp['recall']:.2f}  {acc:>7}")

    for a in report["articles"]:
        lines.append(row(a))
    lines.append("-" * 110)
    lines.append(row(report["total"]))
    t = report["total"]
    lines.append(f"strikes {t['strikes']['tp']}/{t['strikes']['gold']} gold rows found, "
                 f"{t['strikes']['predicted']} predicted; parties {t['parties']['tp']}/"
                 f"{t['parties']['gold']}; speakers {t['speakers']['tp']}/{t['speakers']['gold']}, "
                 f"{t['speakers']['predicted']} predicted; stance {t['stance']['right']}/"
                 f"{t['stance']['total']}")
    if details:
        for a in report["articles"]:
            if a["misses"] or a["false_positives"]:
                lines.append(f"\n{a['name']}")
                lines += [f"  miss  {m}" for m in a["misses"]]
                lines += [f"  extra {m}" for m in a["false_positives"]]
    return "\n".join(lines)
