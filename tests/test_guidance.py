"""Guidance: next best question, questionnaire (loop, terminal, notebook), what-if,
counterfactual and paths between forms."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from gesform.guidance import (
    STOP,
    QuestionnaireSession,
    counterfactual,
    next_questions,
    paths_for,
    run_questionnaire,
    what_if,
)
from gesform.guidance.answers import (
    DONT_KNOW,
    MEMBER_PROTOTYPES,
    answer_label,
    apply_answer,
    candidate_answers,
)
from gesform.guidance.explore import Explorer
from gesform.guidance.next_questions import is_stable, rank_questions
from gesform.models.profile import Profile
from gesform.questions import QUESTIONS, is_answered
from gesform.recommend import get_recommender, recommend

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "tests" / "cases" / "belfort_siae_ges.yaml"


@pytest.fixture(scope="module")
def belfort() -> Profile:
    return Profile.model_validate(yaml.safe_load(CASE.read_text(encoding="utf-8"))["profile"])


@pytest.fixture(scope="module")
def half_belfort(belfort: Profile) -> Profile:
    """Belfort with every other answered question forgotten (members kept out too)."""
    answered = [q for q in type(belfort).model_fields if q in belfort.answered()]
    forget = answered[::2]
    return belfort.with_changes(**dict.fromkeys(forget))


@pytest.fixture(scope="module")
def complete(belfort: Profile) -> Profile:
    """Belfort with every question the case leaves open answered too."""
    return belfort.with_changes(
        capital="small",
        profit_sharing=False,
        public_funding=True,
        subsidy_recipient="joint_structure",
        own_staff=True,
        joint_liability_ok=False,
        commercial_activity="ancillary",
        borrowing_needs=False,
        employee_ownership=False,
        multi_stakeholder=False,
        external_investment=False,
        joint_sales="own_business",
        sell_to_non_members=False,
        public_bodies_members=False,
        run_by_one_member=False,
    )


def _check_advice(advice: list[Any], profile: Profile) -> None:
    impacts = [a.impact for a in advice]
    assert impacts == sorted(impacts, reverse=True)
    for a in advice:
        assert a.id in QUESTIONS and not is_answered(profile, a.id)
        assert a.question == QUESTIONS[a.id].question and a.question.endswith("?")
        assert a.choices[DONT_KNOW] == "Je ne sais pas"
        assert a.impact > 0 and a.answers_explored > 0
        assert a.affects, a.id
        assert a.why.startswith("Selon la réponse")
        assert str(a).startswith(a.question)


# --- next best question --------------------------------------------------------------------
def test_next_questions_empty_profile() -> None:
    advice = next_questions(Profile())
    assert len(advice) == 3
    _check_advice(advice, Profile())
    # On an empty profile every form hinges on something: the best question settles verdicts.
    assert advice[0].settles_max >= 1
    assert any(a.can_change_top for a in advice)
    ranked = {a.id: a for a in rank_questions(Profile())}
    assert ranked["members"].answers_explored == len(MEMBER_PROTOTYPES)
    assert ranked["members"].answer_type == "members"
    assert ranked["independence"].choices == {
        "strong": "Forte",
        "moderate": "Modérée",
        "weak": "Faible",
        DONT_KNOW: "Je ne sais pas",
    }
    assert "members.kind" not in ranked  # no member yet: member details come later


def test_next_questions_half_belfort(half_belfort: Profile, belfort: Profile) -> None:
    advice = next_questions(half_belfort, k=5)
    assert advice
    _check_advice(advice, half_belfort)
    # Some of what was forgotten is asked again first.
    forgotten = belfort.answered() - half_belfort.answered()
    assert forgotten & {a.id for a in advice}
    skipped = next_questions(half_belfort, k=None, skip=[advice[0].id])
    assert advice[0].id not in {a.id for a in skipped}


def test_next_questions_complete_profile(complete: Profile) -> None:
    assert next_questions(complete) == []
    assert is_stable(rank_questions(complete))


@pytest.mark.parametrize("which", ["empty", "half", "belfort"])
def test_explorer_matches_recommender_quick(
    which: str, belfort: Profile, half_belfort: Profile
) -> None:
    profile = {"empty": Profile(), "half": half_belfort, "belfort": belfort}[which]
    rec = get_recommender()
    explorer = Explorer(rec, profile)
    assert explorer.base == rec.quick(profile)
    checked = 0
    for qid in QUESTIONS:
        for value, _label in candidate_answers(profile, qid, change=True):
            try:
                variant = apply_answer(profile, qid, value)
            except ValueError:
                continue
            assert explorer.quick(variant) == rec.quick(variant), (qid, value)
            checked += 1
    assert checked > 20


def test_apply_answer_and_labels(belfort: Profile) -> None:
    p = Profile(members=[{"kind": "association"}, {}])
    assert apply_answer(p, "independence", None) is p
    assert apply_answer(p, "independence", DONT_KNOW) is p
    q = apply_answer(p, "members.kind", "scop")
    assert [m.kind.value for m in q.members] == ["association", "scop"]
    q = apply_answer(p, "members.employees", [3, None])
    assert [m.employees for m in q.members] == [3, None]
    with pytest.raises(ValueError):
        apply_answer(p, "members.employees", [1])
    assert answer_label("strong", "independence") == "Forte"
    assert answer_label(True, "volunteers") == "Oui"
    assert answer_label(["rescue"], "objectives").startswith("Consolider")
    assert answer_label(None, "capital") == "Je ne sais pas"
    assert answer_label([2.5, None], "members.employees") == "2,5 ; Je ne sais pas"


# --- questionnaire -------------------------------------------------------------------------
def _case_answers(source: Profile) -> Any:
    """Answer from the case: its value, or « je ne sais pas » when the case leaves it open."""

    def answer(question: Any) -> Any:
        if question.id.startswith("members."):
            detail = question.id.split(".", 1)[1]
            return [getattr(m, detail) for m in source.members or ()]
        return getattr(source, question.id)

    return answer


def test_belfort_reaches_stable_top_in_fifteen_questions(belfort: Profile) -> None:
    """The GES leads from the second answer; the rest settles the verdicts of the top three."""
    result = run_questionnaire(Profile(), _case_answers(belfort), max_questions=15)
    assert result.stable, [s.question_id for s in result.steps]
    assert result.asked <= 15
    assert result.top.structure_id == "ges"
    for step in result.steps:
        assert len(step.top) == 3
        expected = getattr(belfort, step.question_id, None)
        if expected is None and not step.question_id.startswith("members"):
            assert step.answer is None and step.answer_label == "Je ne sais pas"
    # The answers given are the case's.
    for qid in result.profile.answered():
        assert getattr(result.profile, qid) == getattr(belfort, qid)


def test_questionnaire_stop_error_and_skip() -> None:
    result = run_questionnaire(Profile(), lambda q: STOP)
    assert result.stopped and result.asked == 0 and not result.stable

    session = QuestionnaireSession(Profile(members=[{"kind": "local_authority"}, {}]))
    with pytest.raises(ValueError, match="Réponse refusée"):
        session.answer("public_bodies_members", False)

    # A refused answer goes to on_error and the same question is asked again.
    asked: list[str] = []
    errors: list[str] = []

    def answer(q: Any) -> Any:
        asked.append(q.id)
        return "n'importe quoi" if len(asked) == 1 else STOP

    result = run_questionnaire(Profile(), answer, on_error=lambda q, m: errors.append(m))
    assert len(errors) == 1 and errors[0].startswith("Réponse refusée")
    assert asked[0] == asked[1] and result.asked == 0

    # « Je ne sais pas » keeps the question open and it is not proposed again.
    session = QuestionnaireSession(Profile())
    step = session.answer("capital", None)
    assert step.answer is None and step.answer_label == "Je ne sais pas"
    assert session.profile == Profile() and "capital" in session.skipped
    assert "capital" not in {a.id for a in session.advice()}


# --- what-if -------------------------------------------------------------------------------
def test_what_if_independence_strong_explains_ges(belfort: Profile) -> None:
    w = what_if(belfort, independence="strong")
    assert w.changes == {"independence": "strong"}
    assert w.changes_text == ("Indépendance : Faible → Forte",)
    assert [r.structure_id for r in w.before] == [a.structure_id for a in recommend(belfort)]
    ges = w["ges"]
    assert "ges.independence_strong" in {r.rule_id for r in ges.appeared}
    # Belfort seeks a unified governance, which already weighs the common board its weak
    # independence accepts: that disposition adds no second bonus, so none disappears.
    assert "ges.unified_governance" in {r.rule_id for r in recommend(belfort)["ges"].reasons}
    assert "ges.independence_weak" not in {r.rule_id for r in ges.disappeared}
    assert not {r.rule_id for r in ges.appeared} & {r.rule_id for r in ges.disappeared}
    text = str(w)
    assert text.startswith("Et si… Indépendance : Faible → Forte")
    assert "ges.independence_strong" not in text  # sentences, not ids
    assert next(r for r in ges.appeared if r.rule_id == "ges.independence_strong").because in (text)
    html = w._repr_html_()
    assert "<table>" in html and "Et si…" in html
    assert "'" not in html.split("<table>")[1].replace("colspan='3'", "")  # escaped
    for f in w.moved:
        assert f.rank_before != f.rank_after or f.verdict_before is not f.verdict_after


def test_what_if_independence_strong_weighs_against_ges(belfort: Profile) -> None:
    # Since the legal review of December 2026 (issue #16), strong independence is a malus for the
    # GES, not an exclusion: no article of law requires a unified governance.
    ges = what_if(belfort, independence="strong")["ges"]
    appeared = {r.rule_id: r for r in ges.appeared}
    assert appeared["ges.independence_strong"].effect.value == "malus"
    assert ges.verdict_after.value != "excluded"


def test_what_if_says_bounded_only_for_a_score_at_its_bound(belfort: Profile) -> None:
    """Reasons that come or go without moving the score: "borné à 0…100" only when the score
    sits at 0 or 100; an exclusion, which weighs nothing, leaves any score unchanged."""
    for change in ({"independence": "strong"}, {"profit_sharing": True}):
        w = what_if(belfort, **change)
        for f in w.forms:
            if f.score_before == f.score_after and (f.appeared or f.disappeared):
                bounded = f.score_after in (0, 100)
                assert ("borné à 0…100" in f.explanation) is bounded, f.explanation
    association = what_if(belfort, profit_sharing=True)["association"]
    assert association.score_before == association.score_after not in (0, 100)
    assert "score inchangé" in association.explanation
    assert "borné" not in association.explanation


def test_what_if_rejects_unknown_field(belfort: Profile) -> None:
    with pytest.raises(ValueError, match="unknown field"):
        what_if(belfort, colour="blue")


# --- counterfactual ------------------------------------------------------------------------
def test_counterfactual_gcsms_names_missing_social_member(belfort: Profile) -> None:
    cf = counterfactual(belfort, "gcsms")
    assert cf.verdict.value == "excluded"
    assert cf.to_possible
    blocking = {b.rule_id: b for b in cf.blocking}
    rule = blocking["gcsms.no_social_medical_member"]
    assert rule.state == "blocks" and "L312-7" in rule.source
    assert "gcsms.no_social_medical_member" in cf.summary
    labels = [str(c) for cs in cf.to_possible for c in cs.changes]
    assert any("Établissement ou service social ou médico-social" in t for t in labels), labels
    best = cf.to_possible[0]
    assert best.verdict.value in ("possible", "recommended")
    switched = {s.rule_id: s for s in best.switches}
    assert switched["gcsms.no_social_medical_member"].sentence().startswith("lève l'exclusion")
    assert "Pour la rendre possible" in str(cf)
    # Keeping the members and sectors, only a plan to run an establishment or a service
    # together lifts the exclusion (L312-7 opens the GCSMS to persons who may become managers).
    planned = counterfactual(belfort, "gcsms", keep=("members", "sectors"))
    changes = [str(c) for cs in planned.to_possible for c in cs.changes]
    assert any("Gérer ensemble un établissement ou service social" in t for t in changes), changes
    # Keeping the members, sectors and objectives: nothing works, the legal rule is named.
    kept = counterfactual(belfort, "gcsms", keep=("members", "sectors", "objectives"))
    assert kept.status == "none" and not kept.possible
    assert kept.summary.startswith("Aucune possibilité")
    assert "gcsms.no_social_medical_member" in kept.summary and "L312-7" in kept.summary


def test_counterfactual_scop_refused_employee_ownership(belfort: Profile) -> None:
    p = belfort.with_changes(employee_ownership=False)
    cf = counterfactual(p, "scop")
    assert cf.status == "held"
    assert cf.held_by == ("employee_ownership",)
    assert "impossible tant que" in cf.summary
    assert "Salariés majoritaires : Non" in cf.summary
    assert "scop.employee_ownership" in cf.summary and "art. 3 bis" in cf.summary
    assert all(cs.changes_given_answers for cs in cf.to_possible)
    kept = counterfactual(p, "scop", keep=["employee_ownership"])
    assert kept.status == "none" and "scop.employee_ownership" in kept.summary


def test_counterfactual_already_and_unknown(belfort: Profile) -> None:
    cf = counterfactual(belfort, "ges")
    assert cf.status == "already" and not cf.to_possible
    with pytest.raises(KeyError):
        counterfactual(belfort, "nope")
    with pytest.raises(ValueError):
        counterfactual(belfort, "ges", keep=["nope"])


# --- paths ---------------------------------------------------------------------------------
def test_paths_for_skips_excluded_targets(belfort: Profile) -> None:
    rec = recommend(belfort.with_changes(employee_ownership=False))
    offers = paths_for(rec, "association")
    targets = [o.to for o in offers]
    assert "scop" not in targets  # excluded for this group
    for o in offers:
        assert rec[o.to].verdict.value != "excluded"
        assert o.label and o.conditions and o.sources
        assert o.target_rank == rec[o.to].rank
    assert [o.target_rank for o in offers] == sorted(o.target_rank for o in offers)
    everything = paths_for(recommend(Profile()), "association")
    assert {o.to for o in everything} >= {"scic", "scop"}


# --- terminal ------------------------------------------------------------------------------
def _line_for(question: Any) -> str:
    if question.id == "members":
        return "2\n1\n1\n1\n1\n"
    return "1\n"


def test_cli_ask_scripted(tmp_path: Path) -> None:
    from gesform.commands.ask import ask

    first = next_questions(Profile(), k=1)[0]
    out = tmp_path / "profil.yaml"
    result = CliRunner().invoke(ask, ["-o", str(out)], input=_line_for(first) + "q\n")
    assert result.exit_code == 0, result.output
    assert first.question in result.output
    assert "Classement actuel :" in result.output
    assert "Questionnaire arrêté." in result.output
    saved = Profile.from_file(out)
    assert is_answered(saved, first.id)


def test_cli_ask_all_dont_know_from_file(tmp_path: Path, half_belfort: Profile) -> None:
    from gesform.commands.ask import ask

    src = tmp_path / "demi.yaml"
    src.write_text(half_belfort.to_yaml(), encoding="utf-8")
    result = CliRunner().invoke(ask, [str(src)], input="?\n" * 60)
    assert result.exit_code == 0, result.output
    assert "Classement stable" in result.output
    printed = result.output.split("Profil (YAML) :\n", 1)[1]
    assert Profile.model_validate(yaml.safe_load(printed)) == half_belfort


def test_cli_ask_members_prompt() -> None:
    from gesform.commands.ask import _prompter

    session = QuestionnaireSession(Profile())
    members = next(a for a in rank_questions(Profile()) if a.id == "members")
    answer = _prompter(session)
    with CliRunner().isolation(input="3\n1\n3\n11\n1\n18\n\n"):
        value = answer(members)
    assert value == [
        {"kind": "association", "siae": "aci"},
        {"kind": "social_medical_establishment"},
        {"kind": "person"},
    ]
    # A member that holds several IAE agreements lists them: numbers separated by commas.
    with CliRunner().isolation(input="2\n1\n3,2\n1\n1\n"):
        value = answer(members)
    assert value == [{"kind": "association", "siae": ["aci", "ai"]}, {"kind": "association"}]
    with CliRunner().isolation(input="q\n"):
        assert answer(members) is STOP


def test_cli_ask_bad_profile(tmp_path: Path) -> None:
    from gesform.commands.ask import ask

    bad = tmp_path / "bad.yaml"
    bad.write_text("independence: total\n", encoding="utf-8")
    result = CliRunner().invoke(ask, [str(bad)])
    assert result.exit_code == 2
    assert "independence" in result.output


# --- notebook ------------------------------------------------------------------------------
def test_questionnaire_widget_drives_session(belfort: Profile) -> None:
    pytest.importorskip("ipywidgets")
    from gesform.guidance import Questionnaire

    q = Questionnaire()
    assert isinstance(q.profile, Profile) and q.question is not None
    steps = 0
    while not q.finished and steps < 16:
        current = q.question
        if current.id == "members":
            q._inputs[0].value = 3
            for row in q._inputs[1].children:
                row.children[0].value = "association"
                row.children[1].value = ("aci", "ai")
        elif current.id.startswith("members."):
            q.dont_know_button.click()
            steps += 1
            continue
        else:
            value = _case_answers(belfort)(current)
            if value is None:
                q.dont_know_button.click()
                steps += 1
                continue
            q._inputs[0].value = tuple(value) if isinstance(value, list) else value
        q.validate_button.click()
        steps += 1
    assert q.finished
    assert q.profile.answered()
    assert q.profile.members and q.profile.members[0].iae_agreements == {"aci", "ai"}
    assert "<table>" in q._ranking.value
    q.stop()
    assert q.stopped and q.question is None


def test_questionnaire_without_ipywidgets(monkeypatch: pytest.MonkeyPatch) -> None:
    from gesform.guidance import widgets

    monkeypatch.setitem(sys.modules, "ipywidgets", None)
    with pytest.raises(ImportError, match=r"gesform\[notebook\]"):
        widgets.Questionnaire()


def test_what_if_text_never_cuts_a_name_mid_word(belfort: Profile) -> None:
    """Issue #15, point 18: « Société coopérative d'intérê » became « SCIC » or a whole word."""
    import re

    from gesform import load_catalog

    catalog = load_catalog()
    text = str(what_if(belfort, independence="strong"))
    rows = text.splitlines()[2:13]
    assert len(rows) == len(catalog)
    shown = [
        m.group(1)
        for row in rows
        for m in re.finditer(r"\d+\. (.+?) — (?:Recommandée|Possible|À confirmer|Exclue)", row)
    ]
    assert len(shown) == 2 * len(catalog)
    for name in shown:
        forms = [f for f in catalog if name in (f.name, f.short_name)]
        if forms:
            continue
        assert name.endswith("…"), name
        kept = name[:-1]
        full = [f.name for f in catalog if f.name.startswith(kept)]
        assert full and full[0][len(kept)] == " ", name  # cut just before a space
    assert not re.search(r"\d{3}_[0-9a-f]{6,}", text)  # no internal file id
