"""The scorer follows the corpus README's rules."""

from __future__ import annotations

from briefgen.evaluate import score_article


def test_strike_rows_match_on_weapon_actor_and_both_counts():
    gold = {"strikes": [{"actor": "RUS", "weapon": "drone", "launched": 90, "intercepted": 70},
                        {"actor": None, "weapon": "rocket", "launched": 12, "intercepted": None},
                        {"actor": "RUS", "weapon": "missile", "launched": 3, "background": True}]}
    pred = {"strikes": [{"actor": "RUS", "weapon": "drone", "launched": 90, "intercepted": 70},
                        {"actor": "HEZBOLLAH", "weapon": "rocket", "launched": 12, "intercepted": 0},
                        {"actor": "RUS", "weapon": "missile", "launched": 5, "background": True}]}
    score = score_article("x", pred, gold)
    assert (score.strikes.tp_gold, score.strikes.n_gold, score.strikes.n_pred) == (1, 2, 2)
    assert any("rocket" in miss for miss in score.misses)


def test_speakers_match_last_name_and_party_curly_apostrophes():
    gold = {"reactions": [
        {"party_code": "IRL", "speaker": "Sean O'Leary", "stance": "concern"},
        {"party_code": "OTHER", "speaker": "A. Pundit", "stance": "other"},
        {"party_code": "EST", "speaker": None, "stance": "concern"}]}
    pred = {"reactions": [
        {"party_code": "IRL", "speaker": "Minister O’Leary", "stance": "condemn"},
        {"party_code": "FIN", "speaker": "Anna Virtanen", "stance": "support"}]}
    score = score_article("x", pred, gold)
    assert (score.speakers.tp_gold, score.speakers.n_gold) == (1, 1)
    assert (score.speakers.tp_pred, score.speakers.n_pred) == (1, 2)
    assert (score.stance_right, score.stance_total) == (0, 1)
    # Parties: OTHER excluded; EST counts even without a speaker.
    assert (score.parties.tp_gold, score.parties.n_gold, score.parties.n_pred) == (1, 2, 2)
