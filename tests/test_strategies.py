"""The test strategies follow the models, and every fact says in French what it is.

A new profile question gets its Hypothesis strategy from the model (``tests/strategies.py``):
these tests fail if one is missing or draws answers the model refuses.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st

from gesform.facts import FACTS, FactKind, FactSpec
from gesform.facts.registry import register
from gesform.models.profile import Member, Profile
from gesform.questions import QUESTIONS

from .strategies import (
    _FIELD_STRATEGIES,
    NOT_QUESTIONS,
    QUESTION_FIELDS,
    field_strategies,
    members,
    profile_data,
    strategy_for,
)

_PROFILE_QUESTIONS = [q for q in QUESTIONS if "." not in q]


def test_every_profile_question_has_a_strategy():
    assert set(_FIELD_STRATEGIES) == set(_PROFILE_QUESTIONS) == set(QUESTION_FIELDS)
    assert set(Profile.model_fields) == set(QUESTION_FIELDS) | NOT_QUESTIONS
    assert set(field_strategies(Member, {})) == set(Member.model_fields)


@pytest.mark.parametrize("name", _PROFILE_QUESTIONS)
def test_profile_data_answers_every_question_sometimes(name):
    settings_ = settings(database=None, max_examples=500, suppress_health_check=list(HealthCheck))
    data = find(profile_data(), lambda d: name in d, settings=settings_)
    assert data[name] is not None


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_PROFILE_QUESTIONS), st.data())
def test_each_drawn_answer_is_accepted_alone(name, data):
    value = data.draw(_FIELD_STRATEGIES[name])
    profile = Profile.model_validate({name: value})
    assert getattr(profile, name) is not None


@settings(max_examples=30, deadline=None)
@given(members)
def test_drawn_members_are_valid(member):
    assert Member.model_validate(member.model_dump()) == member


def test_an_annotation_without_strategy_is_an_error():
    with pytest.raises(TypeError, match="no strategy"):
        strategy_for(complex)


def test_every_fact_has_a_french_label_and_real_questions():
    for spec in FACTS.values():
        assert spec.label.strip(), spec.name
        assert spec.derivation.strip(), spec.name
        assert spec.questions and set(spec.questions) <= set(QUESTIONS), spec.name


def test_a_fact_without_label_is_refused():
    spec = FactSpec(
        name="unlabelled", kind=FactKind.boolean, label=" ", derivation="x", questions=("x",)
    )
    with pytest.raises(ValueError, match="libellé"):
        register(spec, lambda p: None)
    assert "unlabelled" not in FACTS
