"""recommend(): the engine issue's done-criteria and the engine's safety seen by a caller."""

from __future__ import annotations

import threading

import pytest
from hypothesis import given, settings

import gesform
from gesform import Profile, Verdict, load_catalog, load_rules, recommend
from gesform.engine import build_engine
from gesform.engine.base import truth_from_fired
from gesform.engine.compile import flatten_facts
from gesform.engine.durable import durable_available
from gesform.facts import FACTS, FactKind, derive_facts
from gesform.models.rules import Effect
from gesform.recommend import Recommender

from .strategies import profiles

ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]
ENGINES = ["python"] + (["durable"] if durable_available() else [])


@pytest.fixture(scope="module")
def belfort():
    return Profile.from_file(ROOT / "examples" / "belfort.yaml")


def test_belfort_gets_ges_first_with_association_mere(belfort):
    rec = recommend(belfort)
    top = rec.results[0]
    assert top.structure_id == "ges" and top.verdict is Verdict.recommended
    assert top.reasons_for and all(r.source.label for r in top.reasons)
    assert top.vehicles[0].vehicle_id == "association_mere"


def test_associations_sharing_music_teachers_get_groupement_employeurs():
    profile = {
        "members": [{"kind": "association", "sector": "culture"} for _ in range(4)],
        "sectors": ["culture"],
        "objectives": ["share_staff"],
        "same_territory": True,
        "horizon": "lasting",
    }
    assert recommend(profile).top.structure_id == "groupement_employeurs"


def test_no_social_member_excludes_gcsms_with_the_casf_article():
    profile = {
        "members": [{"kind": "sas", "sector": "digital"}, {"kind": "sarl", "sector": "mobility"}],
        "objectives": ["share_support_functions"],
    }
    gcsms = recommend(profile)["gcsms"]
    assert gcsms.verdict is Verdict.excluded
    assert any(
        r.source.text and "action sociale" in r.source.text.lower() for r in gcsms.blocking
    ), gcsms.blocking


def test_refusing_joint_liability_excludes_gie_with_l251_6():
    gie = recommend({"joint_liability_ok": False})["gie"]
    assert gie.verdict is Verdict.excluded
    assert any(r.source.article == "L251-6" for r in gie.blocking)


def test_nothing_answered_gives_open_questions_and_no_error():
    rec = recommend({})
    assert len(rec) == 11
    for a in rec:
        assert a.verdict in (Verdict.conditional, Verdict.possible), a.structure_id
        if a.verdict is Verdict.conditional:
            assert a.missing and any(q.decisive for q in a.missing)


def test_at_least_100_rules_each_with_sentence_and_source():
    rules = load_rules()
    assert len(rules) >= 100
    assert all(r.because and r.source for r in rules)
    assert set(rules.by_form) == set(load_catalog().ids)


def test_each_effect_kind_is_used_and_acts():
    rules = load_rules()
    assert {r.effect for r in rules} == set(Effect)
    rec = recommend({"joint_liability_ok": False, "objectives": ["public_tender"]})
    effects = {r.effect for a in rec for r in a.reasons}
    assert Effect.exclude in effects


def _facts_from_example(given: dict) -> dict:
    facts = {name: None for name in FACTS}
    for name, value in given.items():
        spec = FACTS[name]
        facts[name] = {v: v in value for v in spec.values} if spec.kind is FactKind.set else value
    return facts


@pytest.mark.parametrize("engine_name", ENGINES)
def test_every_rule_is_shown_firing_through_the_engine(engine_name):
    """Each rule's worked examples, run through the engine: every rule fires at least once."""
    rules = load_rules()
    engine = build_engine(engine_name, rules.compiled)
    never_fired = []
    for rule in rules:
        fired_once = False
        for example in rule.examples:
            facts = _facts_from_example(example.given)
            truth = truth_from_fired(rules.compiled, engine.fired(flatten_facts(facts)))
            assert truth[rule.id] is example.fires, (rule.id, example)
            fired_once |= example.fires is True
        if not fired_once:
            never_fired.append(rule.id)
    assert never_fired == []


@pytest.mark.skipif(not durable_available(), reason="durable-rules not importable")
@given(profiles)
@settings(max_examples=2000)
def test_both_engines_fire_the_same_rules_on_generated_profiles(profile):
    rules = load_rules()
    durable = gesform.recommend.__globals__["get_recommender"]("durable")
    python = gesform.recommend.__globals__["get_recommender"]("python")
    flat = flatten_facts(derive_facts(profile))
    got_d, got_p = durable.engine.fired(flat), python.engine.fired(flat)
    assert got_d == got_p, (
        f"profile={profile.model_dump(mode='json', exclude_none=True)}\n"
        f"only durable={sorted(got_d - got_p)} only python={sorted(got_p - got_d)}"
    )
    assert len(rules) > 0


@pytest.mark.parametrize("engine_name", ENGINES)
def test_same_profile_gives_byte_identical_json(belfort, engine_name):
    a = recommend(belfort, engine=engine_name).to_json()
    b = Recommender(engine=engine_name).recommend(belfort).to_json()
    assert a == b


@pytest.mark.skipif(not durable_available(), reason="durable-rules not importable")
def test_engines_give_the_same_recommendation(belfort):
    d = recommend(belfort, engine="durable").model_dump(exclude={"engine"})
    p = recommend(belfort, engine="python").model_dump(exclude={"engine"})
    assert d == p


def test_building_the_recommender_twice_works():
    first = Recommender()
    second = Recommender()
    assert first.recommend({}).to_json() == second.recommend({}).to_json()
    first.close()
    assert second.recommend({"horizon": "lasting"}).results


def test_eight_threads_times_500_calls_equal_sequential_answers(belfort):
    inputs = [
        belfort,
        Profile(),
        Profile(joint_liability_ok=False, objectives=["public_tender"]),
        Profile(objectives=["share_staff"], members=[{"kind": "association"}] * 3),
        Profile(employee_ownership=True, commercial_activity="core"),
    ]
    expected = [recommend(p).to_json() for p in inputs]
    wrong: list[int] = []

    def work() -> None:
        for i in range(500):
            k = i % len(inputs)
            if recommend(inputs[k]).to_json() != expected[k]:
                wrong.append(k)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert wrong == []


def test_5000_calls_leave_no_state_and_no_thread(belfort):
    rec = Recommender()
    before = threading.active_count()
    for i in range(5000):
        rec.recommend(belfort if i % 2 else Profile())
    assert threading.active_count() == before
    if rec.engine_name == "durable":
        import durable_rules_engine as dre

        for handle in rec.engine.handles:
            with pytest.raises(Exception, match="309"):
                dre.get_state(handle, rec.engine.last_sid)
    rec.close()


@given(profiles)
@settings(max_examples=300)
def test_quick_path_gives_the_full_verdicts_and_scores(profile):
    rec = gesform.recommend.__globals__["get_recommender"]()
    full = {a.structure_id: (a.verdict, a.score) for a in rec.recommend(profile)}
    assert {f: (q.verdict, q.score) for f, q in rec.quick(profile).items()} == full


def test_without_durable_rules_the_python_engine_answers(monkeypatch):
    """Python 3.13+: durable-rules does not import; gesform falls back and says so if asked."""
    from gesform.engine import default_engine_name
    from gesform.engine import durable as durable_module
    from gesform.errors import EngineError

    monkeypatch.setattr(durable_module, "_dre", None)
    assert default_engine_name() == "python"
    rec = Recommender(engine=default_engine_name())
    assert rec.recommend({}).engine == "python"
    with pytest.raises(EngineError, match=r"3\.13"):
        Recommender(engine="durable")


@given(profiles)
@settings(max_examples=300)
def test_recommend_json_is_the_answer_written_by_pydantic(profile):
    """The compact JSON batches use reads back into the same answer, key for key."""
    from gesform.models.results import Recommendation

    rec = gesform.recommend.__globals__["get_recommender"]()
    answer = rec.recommend(profile)
    text = rec.recommend_json(profile)
    assert Recommendation.model_validate_json(text) == answer
    assert text == answer.to_json(indent=None)


def _run_in_fresh_process(env_extra: dict[str, str], cwd) -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("GESFORM_")}
    env.update(env_extra)
    code = "import gesform; gesform.recommend(gesform.examples.load('belfort'))"
    subprocess.run([sys.executable, "-c", code], env=env, cwd=cwd, check=True, timeout=120)


def test_nothing_is_read_from_or_written_to_a_cache_another_user_could_write(tmp_path):
    """Issue #15, point 1: a planted pickle in the cache directories is never loaded."""
    cache = tmp_path / "cache"
    (cache / "gesform").mkdir(parents=True)
    marker = tmp_path / "pwned"
    payload = (
        b"cos\nsystem\n(S'touch " + str(marker).encode() + b"'\ntR."
    )  # a pickle that runs a shell command when loaded
    for name in ("catalog-0.pickle", "rules-0.pickle", "x.json", "catalog.json"):
        (cache / "gesform" / name).write_bytes(payload)
        (cache / name).write_bytes(payload)
    before = sorted(p.name for p in cache.rglob("*"))
    for env in ({"GESFORM_CACHE_DIR": str(cache)}, {"XDG_CACHE_HOME": str(cache)}):
        _run_in_fresh_process({**env, "HOME": str(tmp_path)}, tmp_path)
    assert not marker.exists()
    assert sorted(p.name for p in cache.rglob("*")) == before  # nothing added, nothing pruned


def test_the_package_reads_no_executable_format_from_disk():
    """No pickle, marshal or shelve is loaded by gesform itself (batch workers only exchange
    text between their own processes)."""
    import re

    src = ROOT / "src" / "gesform"
    offenders = [
        f"{path.relative_to(src)}:{n}"
        for path in src.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"\b(pickle\.loads?|marshal\.loads?|shelve\.open)\b", line)
    ]
    assert offenders == []


def test_full_answer_quick_path_guidance_and_batch_share_one_assess_form(monkeypatch, belfort):
    """One assessment path: every way to an answer calls ``assess_form`` (issue 17, point 2)."""
    from gesform.batch import recommend_rows_json
    from gesform.guidance import next_questions
    from gesform.scoring import assess

    calls: list[str] = []
    original = assess.assess_form

    def counting(plan, truth):
        calls.append(plan.id)
        return original(plan, truth)

    monkeypatch.setattr(assess, "assess_form", counting)
    rec = Recommender(engine="python")
    n = len(rec.catalog)
    for run in (
        lambda: rec.recommend(belfort),
        lambda: rec.quick(belfort),
        lambda: rec.recommend_json(belfort),
        lambda: next_questions(belfort, recommender=rec),
        lambda: list(recommend_rows_json([belfort.model_dump(mode="json")], engine="python")),
    ):
        calls.clear()
        run()
        assert len(calls) >= n and set(calls) == set(rec.catalog.ids)


@settings(max_examples=150)
@given(profiles)
def test_close_to_top_names_exactly_the_forms_in_play_near_the_first(profile):
    """The forms said close to the first are all the forms still in play, after it, whose score
    is within CLOSE_MARGIN of its own — and only them."""
    from gesform.models.results import CLOSE_MARGIN

    rec = recommend(profile)
    close = {a.structure_id for a in rec.close_to_top()}
    top = rec.top
    expected = {
        a.structure_id
        for a in rec.results[1:]
        if top.verdict is not Verdict.excluded
        and a.verdict is not Verdict.excluded
        and top.score - a.score <= CLOSE_MARGIN
    }
    assert close == expected
    assert top.structure_id not in close


@settings(max_examples=150)
@given(profiles)
def test_separating_questions_are_open_for_the_close_forms_and_tell_them_apart(profile):
    """In a close call, each question named as separating is open for the first form or one
    close to it, and either decides a legal condition of one of them or weighs differently on
    them; a clear ranking names none."""
    rec = recommend(profile)
    questions = rec.separating_questions()
    close = rec.close_to_top()
    if not close:
        assert questions == ()
        return
    forms = (rec.top, *close)
    assert len(questions) <= 2 and len({q.id for q in questions}) == len(questions)
    for q in questions:
        open_for = [{m.id: m for m in f.missing}.get(q.id) for f in forms]
        assert any(open_for), q.id
        weights = {m.weight if m else 0 for m in open_for}
        assert any(m and m.decisive for m in open_for) or len(weights) > 1, q.id


def test_the_close_call_between_the_tender_groupings_names_the_liability_question():
    """Conjoint or solidaire: only whether the members answer for the whole contract tells them
    apart (C. comm. publ. R2142-20), and the answer says so."""
    from gesform.display.words import close_call_sentence

    rec = recommend(
        {
            "members": [{"kind": "sarl"}, {"kind": "association", "siae": "ei"}],
            "objectives": ["public_tender"],
        }
    )
    assert {rec.top.structure_id, *(a.structure_id for a in rec.close_to_top())} >= {
        "groupement_conjoint",
        "groupement_solidaire",
    }
    assert [q.id for q in rec.separating_questions()][:1] == ["joint_liability_ok"]
    sentence = close_call_sentence(rec)
    assert sentence is not None and "répondre ensemble des dettes" in sentence


def test_a_close_call_is_said_in_every_rendering_and_only_then(belfort, tmp_path):
    from click.testing import CliRunner

    from gesform.cli import cli

    tied = recommend({"objectives": ["shared_place"]})
    assert tied.close_to_top(), "this group should leave forms close to the first"
    for text in (tied.to_html(), tied._repr_html_(), tied.to_markdown()):
        assert "Classement serré" in text
    clear = recommend(belfort)
    assert not clear.close_to_top()
    assert "Classement serré" not in clear.to_html()
    path = tmp_path / "lieu.json"
    path.write_text('{"objectives": ["shared_place"]}', encoding="utf-8")
    out = CliRunner().invoke(cli, ["recommend", str(path)], env={"COLUMNS": "100"})
    assert out.exit_code == 0, out.output
    assert "Classement serré" in out.output
