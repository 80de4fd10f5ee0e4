"""Real cases close to a profile (``gesform.precedents``, ``data/precedents.yaml``, issue #18).

The packaged base must be what ``scripts/precedents.py`` writes now from ``tests/evidence``;
every real case finds itself (or a twin with the same facts) first; the answer is deterministic,
ordered, and its votes and explanations agree with its neighbours; it never changes the ranking;
the measure shows only with the rules it was taken with; every rendering lists the close cases.
"""

from __future__ import annotations

import math
from html import unescape

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from gesform import Profile, Verdict, load_catalog, precedents, recommend
from gesform.casebase import (
    BLEND_WEIGHT,
    PRECEDENT_K,
    blend,
    load_precedents,
    precedents_file,
    profile_tokens,
    shared_labels,
    token_label,
)
from gesform.display.html import recommendation_html
from gesform.display.terminal import RecommendationSummary
from gesform.display.words import (
    PRECEDENTS_TITLE,
    band_words,
    precedent_items,
    precedents_line,
    precedents_sentences,
)
from gesform.errors import DataFileError
from gesform.models.precedents import PrecedentsBand, PrecedentsFile, PrecedentsMeasure
from gesform.report import render_report
from gesform.track_record import LEAD_BANDS

from ._other_rules import answer_of_other_rules
from ._scripts import load_script
from .strategies import profiles

script = load_script("precedents")
BASE = load_precedents()
MARKET = {
    "name": "Magasin de producteurs",
    "members": [
        {
            "name": "Fermes",
            "count": 12,
            "kind": "person",
            "sector": "agriculture_food",
            "has_economic_activity": True,
        },
    ],
    "sectors": ["agriculture_food", "retail"],
    "objectives": ["shared_place", "local_supply_chain"],
    "commercial_activity": "core",
    "joint_sales": "members_production",
}


def test_packaged_file_is_what_the_script_writes_from_the_real_cases():
    by_set = script.cases_by_set()
    expected = script.file_text(script.build(by_set))
    assert precedents_file().read_text(encoding="utf-8") == expected, (
        "data/precedents.yaml n'est pas à jour : lancer "
        "« PYTHONPATH=src python scripts/precedents.py »"
    )
    assert BASE is not None
    assert len(BASE.cases) == sum(len(c) for c in by_set.values())
    m = BASE.file.measure
    assert m.cases == len(by_set["validation"])
    # The measure discriminates: agreement and disagreement both occur, and agreement is the
    # better sign (otherwise showing it would mislead).
    assert 0 < m.agree < m.cases
    assert m.agree_first / m.agree > m.disagree_first / m.disagree


def test_script_check_mode_fails_on_a_stale_file(tmp_path, monkeypatch, capsys):
    stale = tmp_path / "precedents.yaml"
    text = precedents_file().read_text(encoding="utf-8")
    assert f"\nk: {PRECEDENT_K}\n" in text
    stale.write_text(text.replace(f"\nk: {PRECEDENT_K}\n", f"\nk: {PRECEDENT_K + 1}\n"))
    monkeypatch.setattr(script, "precedents_file", lambda: stale)
    assert script.main(["--check"]) == 1
    assert "n'est pas à jour" in capsys.readouterr().err


def test_every_real_case_finds_a_case_with_its_own_facts_first():
    assert BASE is not None
    for case in script.cases_by_set()["validation"][:200]:
        first = BASE.nearest(profile_tokens(case.profile), 3)[0]
        assert first.similarity == pytest.approx(1.0), case.id
        twins = [
            n.case.id
            for n in BASE.nearest(profile_tokens(case.profile), 40)
            if n.similarity == pytest.approx(1.0)
        ]
        assert case.id in twins, case.id


def test_a_case_left_out_of_the_base_no_longer_finds_itself():
    assert BASE is not None
    case = BASE.cases[0]
    tokens = {BASE.file.vocabulary[t] for t in case.tokens}
    without = BASE.without(case.id)
    assert len(without.cases) == len(BASE.cases) - 1
    assert case.id not in {n.case.id for n in without.nearest(tokens, 20)}


@settings(max_examples=25, deadline=None)
@given(profiles)
def test_precedents_are_deterministic_ordered_and_explained(profile):
    rec = recommend(profile)
    found = precedents(rec)
    assert found == precedents(rec)  # deterministic
    assert len(found.neighbours) == PRECEDENT_K
    sims = [n.similarity for n in found.neighbours]
    assert sims == sorted(sims, reverse=True)
    assert all(0 <= s <= 1 for s in sims)
    # The votes count exactly the neighbours' choices, and their shares add up to one.
    assert sum(v.cases for v in found.votes) == PRECEDENT_K
    assert {v.form for v in found.votes} == {n.chosen for n in found.neighbours}
    assert math.isclose(sum(v.share for v in found.votes), 1, abs_tol=1e-3)
    assert found.leading == found.votes[0].form
    assert found.agrees == (found.leading == rec.top.structure_id)
    # What a neighbour is said to share is among the profile's own facts.
    mine = set(shared_labels(sorted(profile_tokens(profile))))
    own_facts = {label.split(" : ")[0] for label in mine}
    for n in found.neighbours:
        assert {s.split(" : ")[0] for s in n.shared} <= own_facts
    # The precedents never change the ranking.
    assert recommend(profile).model_dump() == rec.model_dump()


def test_a_profile_dict_gets_the_precedents_of_its_answer():
    assert precedents(MARKET) == precedents(recommend(MARKET))
    assert precedents(Profile.model_validate(MARKET), k=3).k == 3
    with pytest.raises(ValueError, match="k"):
        precedents(MARKET, k=0)


def test_more_shared_facts_bring_a_case_closer():
    assert BASE is not None
    case = BASE.cases[0]
    tokens = sorted(BASE.file.vocabulary[t] for t in case.tokens)
    closeness = []
    for n in range(1, len(tokens) + 1):
        found = {x.case.id: x.similarity for x in BASE.nearest(tokens[:n], len(BASE.cases))}
        closeness.append(found[case.id])
    assert closeness == sorted(closeness)
    assert closeness[-1] == pytest.approx(1.0)


def test_tokens_read_the_facts_and_speak_french():
    tokens = profile_tokens(Profile.model_validate(MARKET))
    assert {"objectives:shared_place", "commercial_activity=core", "member_count#4"} <= tokens
    assert token_label("objectives:shared_place").startswith("Objectifs : ")
    assert token_label("member_count#4") == "Nombre de membres : 11 ou plus"
    assert token_label("not_same_territory") == "Même territoire : non"
    assert shared_labels(["objectives:shared_place", "objectives:local_supply_chain"]) == (
        "Objectifs : "
        + ", ".join(
            token_label(t).split(" : ")[1]
            for t in ("objectives:shared_place", "objectives:local_supply_chain")
        ),
    )


def test_the_measure_shows_only_with_the_rules_and_k_it_was_taken_with(tmp_path):
    found = precedents(MARKET)
    assert found.measure is not None
    assert precedents(MARKET, k=PRECEDENT_K + 1).measure is None
    assert precedents(MARKET, k=3).band is None
    other = precedents(answer_of_other_rules(tmp_path, MARKET))
    assert other.measure is None
    assert other.neighbours == found.neighbours
    said = " ".join(precedents_sentences(other))
    assert "cas réels de validation" not in said


def test_sentences_say_agreement_and_the_measure_of_the_answers_lead_band():
    rec = recommend(MARKET)
    found = precedents(rec)
    m, b = found.measure, found.band
    assert m is not None and b is not None and found.lead is not None
    assert b.holds(found.lead) and b in m.bands
    said = " ".join(precedents_sentences(found))
    assert "ne changent pas le classement" in said
    if found.agrees:
        assert f"Sur les {b.agree} cas réels" in said and "la forme en tête." in said
    else:
        assert f"Sur les {b.disagree} cas réels" in said and "pas la forme en tête" in said
    flipped = found.model_copy(update={"first_form": "scop" if found.leading != "scop" else "gie"})
    other = " ".join(precedents_sentences(flipped))
    assert f"Sur les {b.disagree} cas réels de validation {band_words(b.min_lead, b.max_lead)}" in (
        other
    )
    assert f"{b.disagree_precedents_first} cas" in other
    # Without a band (an answer with a single form in play), the sentence gives the totals.
    unbanded = " ".join(precedents_sentences(flipped.model_copy(update={"band": None})))
    assert f"Sur les {m.disagree} cas réels de validation où les cas proches" in unbanded
    line = precedents_line(flipped)
    assert line is not None and "(validation, même avance : tête choisie" in line


def test_the_measure_bands_are_the_track_record_bands_and_add_up():
    assert BASE is not None
    m = BASE.file.measure
    assert [(b.min_lead, b.max_lead) for b in m.bands] == list(LEAD_BANDS)
    assert sum(b.agree + b.disagree for b in m.bands) == m.cases
    for name in ("agree", "agree_first", "disagree_first", "disagree_precedents_first"):
        assert sum(getattr(b, name) for b in m.bands) == getattr(m, name), name
    too_many = m.bands[0].model_copy(update={"agree": m.agree + 1, "agree_first": 0})
    with pytest.raises(ValidationError, match="tranches"):
        PrecedentsMeasure.model_validate(
            m.model_dump() | {"bands": [too_many.model_dump(), *m.model_dump()["bands"][1:]]}
        )


def test_every_rendering_lists_the_close_cases():
    rec = recommend(MARKET)
    found = precedents(rec)
    first = found.neighbours[0]
    html = recommendation_html(rec, precedents=found)
    assert PRECEDENTS_TITLE in html and str(first.url) in html
    assert html.count("a choisi <strong>") == PRECEDENT_K
    # The synthesis says them in one line (it must print on two pages).
    names = {f: load_catalog()[f].short_name for f in load_catalog().ids}
    short = precedents_line(found, names)
    assert short is not None
    md = render_report(rec, "md", precedents=found)
    assert " ".join(short.split()[:6]) in md.replace("\\", "")
    page = render_report(rec, "html", precedents=found)
    assert " ".join(short.split()[:6]) in unescape(page)
    lines = " ".join(str(x) for x in RecommendationSummary(rec, precedents=found).lines(100))
    short = precedents_line(found)
    assert short is not None and short.startswith("Cas réels proches : ")
    assert f"{found.votes[0].cases} " in short and " ".join(short.split()[:5]) in lines
    # Without precedents, nothing is said of them.
    assert PRECEDENTS_TITLE not in recommendation_html(rec)
    assert "Cas réels proches" not in render_report(rec, "md")
    assert precedent_items(found)[0]["similarity"] == f"{first.similarity:.2f}".replace(".", ",")


def test_the_notebook_view_and_the_cli_show_them(tmp_path):
    from click.testing import CliRunner

    from gesform.cli import cli

    rec = recommend(MARKET)
    assert PRECEDENTS_TITLE in rec._repr_html_()
    path = tmp_path / "profil.yaml"
    path.write_text(yaml.safe_dump(MARKET, allow_unicode=True), encoding="utf-8")
    out = CliRunner().invoke(cli, ["recommend", str(path)], env={"COLUMNS": "120"})
    assert out.exit_code == 0, out.output
    assert PRECEDENTS_TITLE in out.output
    report = CliRunner().invoke(cli, ["report", str(path), "--format", "md"])
    assert report.exit_code == 0 and "Cas réels proches :" in report.output


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d["cases"][0].update(tokens=[10**6]), "vocabulaire"),
        (lambda d: d["cases"][0].update(chosen="Pas Un Id"), "cases.0.chosen"),
        (lambda d: d["measure"].update(agree_first=d["measure"]["agree"] + 1), "incohérents"),
        (lambda d: d.update(k=0), "k"),
    ],
)
def test_a_bad_base_is_a_clear_error_naming_the_field(tmp_path, change, field):
    data = yaml.safe_load(precedents_file().read_text(encoding="utf-8"))
    change(data)
    bad = tmp_path / "precedents.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_precedents(bad)
    assert field in str(err.value) and "precedents.yaml" in str(err.value)


def test_no_base_means_no_precedents_in_the_views(tmp_path, monkeypatch):
    from gesform import _views

    assert load_precedents(tmp_path / "absent.yaml") is None
    monkeypatch.setattr("gesform.casebase.load_precedents", lambda path=None: None)
    assert _views.precedents_for(recommend(MARKET)) is None


def test_models_refuse_inconsistent_counts():
    counts = {
        "rules_version": "x",
        "catalog_version": "y",
        "cases": 10,
        "precedents_first": 4,
        "agree": 4,
        "agree_first": 2,
        "disagree_first": 3,
        "disagree_precedents_first": 2,
        "bands": (),
    }
    assert PrecedentsMeasure(**counts).disagree == 6
    with pytest.raises(ValidationError, match="incohérents"):
        PrecedentsMeasure(**counts | {"precedents_first": 3})
    with pytest.raises(ValidationError, match="incohérents"):
        PrecedentsBand(
            min_lead=0,
            max_lead=0,
            agree=1,
            agree_first=2,
            disagree=0,
            disagree_first=0,
            disagree_precedents_first=0,
        )
    assert BASE is not None
    with pytest.raises(ValidationError, match="deux fois"):
        PrecedentsFile.model_validate(BASE.file.model_dump() | {"cases": [BASE.file.cases[0]] * 2})


@given(st.integers(min_value=1, max_value=12))
@settings(max_examples=12, deadline=None)
def test_k_neighbours_are_the_first_k_of_a_longer_list(k):
    assert precedents(MARKET, k=k).neighbours == precedents(MARKET, k=12).neighbours[:k]


def test_mix_measure_at_zero_weight_is_the_ranking_itself(capsys):
    from gesform.validation import run_case

    dev = script.cases_by_set()["dev"][:25]
    script.mix(dev)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(script.MIX_WEIGHTS)
    first = sum(run_case(c).first for c in dev)
    assert lines[0].split(":")[1].strip().startswith(f"{first}/25 en tête")


def test_the_precedents_command_lists_the_cases_with_their_pages(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from gesform.cli import cli

    path = tmp_path / "profil.yaml"
    path.write_text(yaml.safe_dump(MARKET, allow_unicode=True), encoding="utf-8")
    found = precedents(MARKET)
    text = CliRunner().invoke(cli, ["precedents", str(path)], env={"COLUMNS": "100"})
    assert text.exit_code == 0, text.output
    assert text.output.startswith(PRECEDENTS_TITLE)
    for n in found.neighbours:
        assert str(n.url) in text.output
    assert text.output.count("\n1. ") == 1 and f"\n{PRECEDENT_K}. " in text.output
    as_json = CliRunner().invoke(cli, ["precedents", str(path), "-k", "3", "--format", "json"])
    assert as_json.exit_code == 0
    assert as_json.output.strip() == precedents(MARKET, k=3).model_dump_json(indent=2)
    bad_k = CliRunner().invoke(cli, ["precedents", str(path), "-k", "0"])
    assert bad_k.exit_code == 2 and "-k" in bad_k.output
    monkeypatch.setattr("gesform.casebase.load_precedents", lambda path=None: None)
    missing = CliRunner().invoke(cli, ["precedents", str(path)])
    assert missing.exit_code == 2 and "precedents.yaml" in missing.output


@settings(max_examples=25, deadline=None)
@given(profiles, st.sampled_from([0.0, 0.1, BLEND_WEIGHT, 1.0]))
def test_blend_is_an_order_by_score_plus_share_with_excluded_forms_last(profile, weight):
    rec = recommend(profile)
    found = precedents(rec)
    shares = {v.form: v.share for v in found.votes}
    order = blend(rec, shares, weight=weight)
    assert sorted(order) == sorted(a.structure_id for a in rec.results)
    if weight == 0:
        assert order == tuple(a.structure_id for a in rec.results)
    excluded = {a.structure_id for a in rec.results if a.verdict is Verdict.excluded}
    assert set(order[len(order) - len(excluded) :]) == excluded
    blended = [rec[f].score + weight * 100 * shares.get(f, 0.0) for f in order if f not in excluded]
    assert blended == sorted(blended, reverse=True)
    # The answer itself never changes.
    assert [a.structure_id for a in recommend(profile).results] == [
        a.structure_id for a in rec.results
    ]


def test_blend_refuses_a_negative_weight_and_its_weight_is_the_best_on_dev(capsys):
    rec = recommend(MARKET)
    with pytest.raises(ValueError, match="weight"):
        blend(rec, {}, weight=-0.1)
    rows = script.mix_rows(
        script.cases_by_set()["dev"], script.unmeasured_index({"dev": script.cases_by_set()["dev"]})
    )
    scores = {w: script.mixed_counts(rows, w) for w in script.MIX_WEIGHTS}
    assert max(scores, key=lambda w: (scores[w], -w)) == BLEND_WEIGHT
    assert scores[BLEND_WEIGHT][0] > scores[0.0][0]
