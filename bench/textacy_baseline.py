"""Anchor baseline: textacy's `direct_quotations` on the same spaCy model and corpus.

Scores speaker-name recall the way `briefgen.evaluate` matches speakers (last word of the
name or body), without the party, because textacy gives no party: a gold speaker (named,
not OTHER) is found when any extracted speaker has the same last word. briefgen's reactions
are scored the same way beside it, and with the party as `briefgen eval` does.

    .venv/bin/python bench/textacy_baseline.py [--json] [FOLDER ...]

Defaults to ../shared/corpus and ../shared/seed; exits 0 with a note when they are absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FOLDERS = [ROOT.parent / "shared" / "corpus", ROOT.parent / "shared" / "seed"]


def textacy_speakers(doc) -> tuple[list[str], int, str | None]:
    """Speaker texts of textacy's direct quotations, the number of quotes, and the error it
    raised (textacy raises on an unbalanced quote mark), if any."""
    from textacy.extract import direct_quotations

    speakers: list[str] = []
    count = 0
    try:
        for triple in direct_quotations(doc):
            count += 1
            speakers.append(" ".join(token.text for token in triple.speaker))
    except Exception as exc:  # noqa: BLE001 - the baseline's failure is a result, not a bug
        return speakers, count, f"{type(exc).__name__}: {str(exc)[:80]}"
    return speakers, count, None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    folders = args.folders or DEFAULT_FOLDERS
    missing = [f for f in folders if not f.is_dir()]
    if missing:
        print(f"textacy baseline skipped: {', '.join(map(str, missing))} not present "
              "(the corpus ships only with the development setup)")
        return 0
    try:
        import textacy  # noqa: F401
    except ImportError:
        print("textacy baseline skipped: textacy is not installed (pip install -e '.[bench]')")
        return 0

    from briefgen.evaluate import _last_word, find_pairs
    from briefgen.extract import Parsed
    from briefgen.extract.reactions import extract_reactions
    from briefgen.ingest import load_source
    from briefgen.nlp import load_nlp

    nlp = load_nlp()
    rows = []
    totals = {"gold": 0, "textacy_found": 0, "briefgen_found": 0, "briefgen_found_party": 0,
              "quotes": 0, "errors": 0, "textacy_seconds": 0.0, "briefgen_seconds": 0.0}
    for folder in folders:
        for text_path, gold_path in find_pairs(folder):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            named = [g for g in gold.get("reactions", [])
                     if g.get("speaker") and g.get("party_code") != "OTHER"]
            document = load_source(str(text_path))
            doc = nlp(document.text)
            started = time.perf_counter()
            speakers, quotes, error = textacy_speakers(doc)
            totals["textacy_seconds"] += time.perf_counter() - started
            started = time.perf_counter()
            reactions = extract_reactions(Parsed(document, doc))
            totals["briefgen_seconds"] += time.perf_counter() - started
            t_words = {_last_word(s) for s in speakers}
            b_words = {_last_word(r.speaker or "") for r in reactions if r.speaker}
            b_pairs = {(r.party_code, _last_word(r.speaker or "")) for r in reactions if r.speaker}
            t_found = sum(_last_word(g["speaker"]) in t_words for g in named)
            b_found = sum(_last_word(g["speaker"]) in b_words for g in named)
            b_party = sum((g["party_code"], _last_word(g["speaker"])) in b_pairs for g in named)
            rows.append({"article": text_path.stem, "gold": len(named), "textacy_found": t_found,
                         "textacy_speakers": speakers, "textacy_error": error,
                         "briefgen_found": b_found, "briefgen_found_party": b_party})
            totals["gold"] += len(named)
            totals["textacy_found"] += t_found
            totals["briefgen_found"] += b_found
            totals["briefgen_found_party"] += b_party
            totals["quotes"] += quotes
            totals["errors"] += error is not None
    gold_n = totals["gold"] or 1
    totals["textacy_recall"] = round(totals["textacy_found"] / gold_n, 4)
    totals["briefgen_recall"] = round(totals["briefgen_found"] / gold_n, 4)
    totals["briefgen_recall_with_party"] = round(totals["briefgen_found_party"] / gold_n, 4)
    if args.json:
        print(json.dumps({"articles": rows, "total": totals}, indent=2, ensure_ascii=False))
        return 0
    print(f"{'article':<52} {'gold':>4} {'textacy':>7} {'briefgen':>8}  textacy speakers / error")
    for row in rows:
        note = row["textacy_error"] or ", ".join(row["textacy_speakers"])[:60]
        print(f"{row['article'][:52]:<52} {row['gold']:>4} {row['textacy_found']:>7} "
              f"{row['briefgen_found']:>8}  {note}")
    print(f"\nspeaker-name recall (last word, no party): textacy {totals['textacy_found']}/"
          f"{totals['gold']} = {totals['textacy_recall']:.2f}; briefgen {totals['briefgen_found']}/"
          f"{totals['gold']} = {totals['briefgen_recall']:.2f} (with party: "
          f"{totals['briefgen_recall_with_party']:.2f})")
    print(f"textacy: {totals['quotes']} quotations, raised on {totals['errors']} of {len(rows)} "
          f"articles; time {totals['textacy_seconds']:.2f}s vs briefgen reactions "
          f"{totals['briefgen_seconds']:.2f}s (parse excluded)")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
