"""``scripts/pivotal_recall.py``: what the pivotal questions are worth on the real cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gesform import Recommender
from gesform.track_record import load_track_record
from gesform.validation import load_cases

from ._scripts import load_script

ROOT = Path(__file__).resolve().parents[1]
recall_script = load_script("pivotal_recall")


@pytest.fixture(scope="module")
def recommender():
    rec = Recommender(track_record=False)
    yield rec
    rec.close()


@pytest.fixture(scope="module")
def validation():
    return load_cases(ROOT / "tests" / "evidence" / "validation")


def test_reach_on_validation_is_the_track_record_measure(recommender, validation):
    """Two code paths, one measure: the script's reach by band is what the packaged track
    record says of the same validation cases."""
    bands = recall_script.reach(validation, recommender)
    packaged = load_track_record()
    assert packaged is not None
    assert [(b.cases, b.missed, b.reachable) for b in bands.values()] == [
        (b.cases, b.missed, b.missed_reachable) for b in packaged.bands
    ]
    for row in bands.values():
        assert row.first_question <= row.reachable <= row.missed <= row.cases
        assert row.right_with_questions <= row.cases - row.missed


def test_recall_counts_each_hidden_answer_once(recommender, validation):
    found = recall_script.recall(validation[:60], recommender)
    assert found.hidden > 0, "some answers of these cases must be decisive for the first place"
    assert found.first <= found.in_three <= found.hidden
    assert sum(h for h, _ in found.by_question.values()) == found.hidden
    assert sum(a for _, a in found.by_question.values()) == found.in_three
    assert all(0 <= a <= h for h, a in found.by_question.values())


def test_bands_follow_the_track_record_grain():
    assert [recall_script.band_of(x) for x in (0, 1, 5, 6, 10, 11, 15, 16, 90)] == [
        "égalité",
        "1–5",
        "1–5",
        "6–10",
        "6–10",
        "11–15",
        "11–15",
        "16+",
        "16+",
    ]


def test_report_and_json(tmp_path, recommender, validation, monkeypatch):
    bands = recall_script.reach(validation[:20], recommender)
    found = recall_script.recall(validation[:20], recommender)
    text = recall_script.report("Jeu essai", bands, found)
    assert text.startswith("## Jeu essai")
    assert "| total | 20 |" in text
    assert f"Réponses masquées qui font perdre la tête à la forme choisie : {found.hidden}" in text
    monkeypatch.setattr(recall_script, "load_cases", lambda _d: validation[:8])
    out = tmp_path / "recall.json"
    assert recall_script.main(["--set", "validation", "--json", str(out)]) == 0
    body = json.loads(out.read_text(encoding="utf-8"))
    assert set(body) == {"bands", "recall"} and sum(b["cases"] for b in body["bands"].values()) == 8
