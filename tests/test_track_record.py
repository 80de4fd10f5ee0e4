"""The measured track record of the answers (``data/track_record.yaml``, issue #18).

The file must be what ``scripts/track_record.py`` writes now from the validation cases; every
answer of the packaged rules carries the figures of its own lead band; an answer of other rules
carries none; a bad file is a clear error naming the field.
"""

from __future__ import annotations

import shutil

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from gesform import Recommender, Verdict, load_catalog, recommend
from gesform.display.words import track_record_line, track_record_sentence
from gesform.errors import DataFileError
from gesform.models.track_record import LeadBand, TrackRecordFile
from gesform.track_record import (
    lead_of,
    load_track_record,
    track_record_file,
    track_record_for,
    wilson_interval,
)

from ._other_rules import answer_of_other_rules
from ._scripts import load_script
from .strategies import profiles

script = load_script("track_record")
PACKAGED = load_track_record()


def _band(
    low: int,
    high: int | None,
    cases: int = 10,
    first: int = 5,
    top3: int = 8,
    missed_reachable: int | None = None,
) -> dict:
    reach = max(0, min(3, cases - first)) if missed_reachable is None else missed_reachable
    return {
        "min_lead": low,
        "max_lead": high,
        "cases": cases,
        "first": first,
        "top3": top3,
        "missed_reachable": reach,
    }


def _file(bands: list[dict], **changes: str) -> dict:
    body = {
        "rules_version": "abc",
        "catalog_version": "2026.12",
        "measured_on": "tests/evidence/validation",
        "command": "python scripts/track_record.py",
        "bands": bands,
        "by_first_form": {"gie": {"cases": 4, "chosen": 3}},
    }
    body.update(changes)
    return body


def test_packaged_file_is_what_the_script_writes_from_the_validation_cases():
    measured = script.outcomes()
    expected = script.file_text(script.record(measured))
    assert track_record_file().read_text(encoding="utf-8") == expected, (
        "data/track_record.yaml n'est pas à jour : lancer "
        "« PYTHONPATH=src python scripts/track_record.py »"
    )
    assert PACKAGED is not None
    # Every validation case has at least two forms in play, so every case is in one band.
    assert sum(b.cases for b in PACKAGED.bands) == len(measured)
    assert sum(b.first for b in PACKAGED.bands) == sum(o.first for o, _ in measured)
    # Only a missed case can be reachable; some are, some are not (the measure discriminates).
    assert not any(o.first and reach for o, reach in measured)
    reachable = sum(b.missed_reachable for b in PACKAGED.bands)
    assert 0 < reachable < sum(b.missed for b in PACKAGED.bands)


def test_script_check_mode_fails_on_a_stale_file(tmp_path, monkeypatch, capsys):
    stale = tmp_path / "track_record.yaml"
    stale.write_text(track_record_file().read_text(encoding="utf-8").replace("first: ", "first: 1"))
    monkeypatch.setattr(script, "track_record_file", lambda: stale)
    assert script.main(["--check"]) == 1
    assert "n'est pas à jour" in capsys.readouterr().err
    monkeypatch.setattr(script, "track_record_file", track_record_file)
    assert script.main(["--check"]) == 0


def test_packaged_bands_follow_the_weight_grain():
    assert PACKAGED is not None
    assert [(b.min_lead, b.max_lead) for b in PACKAGED.bands] == list(script.BANDS)


def test_packaged_first_forms_are_forms_of_the_catalog_and_add_up():
    assert PACKAGED is not None
    assert set(PACKAGED.by_first_form) <= set(load_catalog().ids)
    assert sum(r.cases for r in PACKAGED.by_first_form.values()) == sum(
        b.cases for b in PACKAGED.bands
    )
    assert sum(r.chosen for r in PACKAGED.by_first_form.values()) == sum(
        b.first for b in PACKAGED.bands
    )


@settings(max_examples=200)
@given(profiles)
def test_every_answer_carries_the_band_of_its_own_lead(profile):
    rec = recommend(profile)
    in_play = [a.score for a in rec.results if a.verdict is not Verdict.excluded]
    t = rec.track_record
    if len(in_play) < 2:
        assert t is None
        return
    assert t is not None
    assert t.lead == in_play[0] - in_play[1] >= 0
    band = PACKAGED.band(t.lead)
    assert (t.min_lead, t.max_lead, t.cases, t.first, t.top3, t.missed_reachable) == (
        band.min_lead,
        band.max_lead,
        band.cases,
        band.first,
        band.top3,
        band.missed_reachable,
    )
    assert t.first_low <= t.first / t.cases <= t.first_high
    assert t.first_form == rec.top.structure_id
    as_first = PACKAGED.by_first_form.get(t.first_form)
    assert (t.first_form_cases, t.first_form_chosen) == (
        (as_first.cases, as_first.chosen) if as_first else (0, 0)
    )
    sentence = track_record_sentence(rec)
    assert sentence is not None
    assert f"Sur les {t.cases} cas réels" in sentence
    assert f"dans {t.first} cas" in sentence
    if t.first_form_cases:
        assert f"{t.first_form_chosen} fois sur {t.first_form_cases}" in sentence
        assert f"« {rec.top.name} » en tête" in sentence
    else:
        assert "en tête d'aucun cas réel de validation" in sentence


def test_sentence_names_the_band():
    rec = recommend("examples/belfort.yaml")
    t = rec.track_record
    assert t is not None
    sentence = track_record_sentence(rec)
    assert sentence is not None
    assert sentence.startswith("Fiabilité mesurée : la première forme ")
    if t.lead == 0:
        assert "à égalité" in sentence
    elif t.max_lead is None:
        assert f"d'au moins {t.min_lead} points" in sentence
    else:
        assert f"de {t.min_lead} à {t.max_lead} points" in sentence


def test_every_rendering_shows_the_measure():
    rec = recommend("examples/belfort.yaml")
    sentence = track_record_sentence(rec)
    assert sentence is not None
    assert sentence in rec.to_markdown()
    assert "Fiabilité mesurée" in rec.to_html()
    assert "Fiabilité mesurée" in rec._repr_html_()
    assert '"track_record"' in rec.to_json()


def test_other_rules_carry_no_measure(tmp_path):
    rec = answer_of_other_rules(tmp_path, "examples/belfort.yaml")
    assert rec.rules_version != recommend("examples/belfort.yaml").rules_version
    assert rec.track_record is None
    assert track_record_sentence(rec) is None
    assert "Fiabilité mesurée" not in rec.to_markdown()


def test_another_catalog_with_the_same_version_carries_no_measure(tmp_path):
    catalog = tmp_path / "structures.yaml"
    text = track_record_file().with_name("structures.yaml").read_text(encoding="utf-8")
    assert "    name: Association (loi 1901)\n" in text
    catalog.write_text(
        text.replace("    name: Association (loi 1901)\n", "    name: Association déclarée\n"),
        encoding="utf-8",
    )
    other = Recommender(catalog_path=catalog, engine="python")
    try:
        rec = other.recommend("examples/belfort.yaml")
    finally:
        other.close()
    assert rec.catalog_version == recommend("examples/belfort.yaml").catalog_version
    assert rec["association"].name == "Association déclarée"
    assert rec.track_record is None
    same = Recommender(catalog=load_catalog(), engine="python")
    try:
        assert same.recommend("examples/belfort.yaml").track_record is not None
    finally:
        same.close()


def test_track_record_for_needs_the_same_rules_and_catalog_and_two_forms():
    record = TrackRecordFile.model_validate(
        _file([_band(0, 0), _band(1, 5, cases=0, first=0, top3=0), _band(6, None)])
    )
    same = {"rules_version": "abc", "catalog_version": "2026.12", "first_form": "gie"}
    assert track_record_for(record, [70, 70, 60], **same).lead == 0  # type: ignore[union-attr]
    assert track_record_for(record, [70, 68], **same) is None  # band without any case
    got = track_record_for(record, [90, 60], **same)
    assert got is not None and (got.lead, got.min_lead, got.max_lead) == (30, 6, None)
    assert (got.first_low, got.first_high) == tuple(round(x, 4) for x in wilson_interval(5, 10))
    assert track_record_for(record, [90], **same) is None
    assert track_record_for(record, [], **same) is None
    assert track_record_for(None, [90, 60], **same) is None
    assert (got.first_form, got.first_form_cases, got.first_form_chosen) == ("gie", 4, 3)
    other = track_record_for(record, [90, 60], **{**same, "first_form": "scop"})
    assert other is not None and (other.first_form_cases, other.first_form_chosen) == (0, 0)
    for versions in ({"rules_version": "x"}, {"catalog_version": "1"}):
        assert track_record_for(record, [90, 60], **{**same, **versions}) is None


def test_lead_of():
    assert lead_of([80, 75, 10]) == 5
    assert lead_of(iter([60, 60])) == 0
    assert lead_of([60]) is None
    assert lead_of([]) is None


@given(
    st.lists(st.integers(min_value=0, max_value=20), min_size=1, max_size=6),
    st.integers(min_value=0, max_value=200),
)
def test_every_lead_falls_in_exactly_one_band(widths, lead):
    bands, low = [], 0
    for width in widths:
        bands.append(_band(low, low + width))
        low += width + 1
    bands.append(_band(low, None))
    record = TrackRecordFile.model_validate(_file(bands))
    holding = [b for b in record.bands if b.holds(lead)]
    assert holding == [record.band(lead)]


@pytest.mark.parametrize(
    ("bands", "field", "words"),
    [
        ([_band(1, 5), _band(6, None)], "bands", "commencer à 0"),
        ([_band(0, 5), _band(7, None)], "bands", "commencer à 6"),
        ([_band(0, 5)], "bands", "dernière tranche doit être ouverte"),
        ([_band(0, None), _band(1, None)], "bands", "seule la dernière"),
        ([_band(0, 0, first=3, top3=2), _band(1, None)], "bands.0", "first ≤ top3 ≤ cases"),
        ([_band(0, 0, cases=2, first=1, top3=3), _band(1, None)], "bands.0", "first ≤ top3"),
        ([_band(5, 2), _band(3, None)], "bands.0", "max_lead est plus petit"),
        (
            [_band(0, 0, cases=4, first=2, top3=3, missed_reachable=3), _band(1, None)],
            "bands.0",
            "missed_reachable ≤ cases − first",
        ),
        ([], "bands", "at least 1"),
    ],
)
def test_a_bad_file_is_a_clear_error_naming_the_field(tmp_path, bands, field, words):
    path = tmp_path / "track_record.yaml"
    path.write_text(yaml.safe_dump(_file(bands), allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_track_record(path)
    assert info.value.field == field
    assert words in str(info.value)
    assert str(path) in str(info.value)


def test_unknown_key_and_missing_file(tmp_path):
    path = tmp_path / "track_record.yaml"
    path.write_text(
        yaml.safe_dump(_file([_band(0, None)], surprise="x")),
        encoding="utf-8",  # type: ignore[arg-type]
    )
    with pytest.raises(DataFileError) as info:
        load_track_record(path)
    assert info.value.field == "surprise"
    assert load_track_record(tmp_path / "absent.yaml") is None
    path.write_text("- une liste\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="dictionnaire"):
        load_track_record(path)


def test_negative_lead_is_refused():
    record = TrackRecordFile.model_validate(_file([_band(0, None)]))
    with pytest.raises(ValueError, match="négative"):
        record.band(-1)
    with pytest.raises(ValidationError):
        LeadBand.model_validate(_band(-1, 3))


def test_a_first_form_record_cannot_count_more_choices_than_cases(tmp_path):
    path = tmp_path / "track_record.yaml"
    body = _file([_band(0, None)])
    body["by_first_form"] = {"gie": {"cases": 2, "chosen": 3}}
    path.write_text(yaml.safe_dump(body, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_track_record(path)
    assert info.value.field == "by_first_form.gie"
    assert "chosen ≤ cases" in str(info.value)
    body["by_first_form"] = {"Pas un id": {"cases": 2, "chosen": 1}}
    path.write_text(yaml.safe_dump(body, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataFileError, match="by_first_form"):
        load_track_record(path)


def test_the_script_measures_without_reading_the_file_it_rewrites(tmp_path, monkeypatch):
    """A stale or broken ``track_record.yaml`` must not stop the script that rewrites it."""
    packaged = track_record_file()
    data = tmp_path / "data"
    shutil.copytree(packaged.parent, data)
    (data / "track_record.yaml").write_text("bands: pas une liste\n", encoding="utf-8")
    monkeypatch.setenv("GESFORM_DATA_DIR", str(data))
    monkeypatch.setattr(script, "track_record_file", lambda: data / "track_record.yaml")
    assert script.main([]) == 0
    rewritten = (data / "track_record.yaml").read_text(encoding="utf-8")
    assert rewritten == packaged.read_text(encoding="utf-8")


def test_sentences_for_a_form_never_put_first_and_for_a_tie():
    rec = recommend("examples/belfort.yaml")
    record = TrackRecordFile.model_validate(_file([_band(0, 0), _band(1, None)]))
    tie = track_record_for(
        record,
        [70, 70],
        first_form=rec.top.structure_id,
        rules_version="abc",
        catalog_version="2026.12",
    )
    assert tie is not None and tie.first_form_cases == 0  # only "gie" is in the record
    answer = rec.model_copy(update={"track_record": tie})
    sentence = track_record_sentence(answer)
    assert sentence is not None
    assert "à égalité avec la suivante" in sentence and "où c'était aussi le cas" in sentence
    assert f"n'avait mis « {rec.top.name} » en tête d'aucun cas réel de validation" in sentence
    line = track_record_line(answer)
    assert line is not None and "à égalité" in line and "quand gesform" not in line
