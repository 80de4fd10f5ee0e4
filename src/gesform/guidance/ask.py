"""The guided questionnaire, without input or output: ask the next best question until the
ranking is stable, then hand back the profile.

**Stable** means: no open question (not already answered « je ne sais pas ») can, whatever
its answer, change the form in first place or settle a ``conditional`` verdict among the
three first forms (:func:`~gesform.guidance.next_questions.is_stable`). The loop also stops
when the person stops (the callback returns :data:`STOP`) or after ``max_questions``.

The terminal command (``gesform ask``) and the notebook widget (``Questionnaire``) are thin
layers over :class:`QuestionnaireSession` and :func:`run_questionnaire`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from pydantic import Field, ValidationError

from ..errors import validation_lines
from ..models.base import Frozen
from ..models.profile import Profile
from ..models.results import Verdict
from ..profile_io import ProfileInput, as_profile
from ..recommend import Recommender, get_recommender
from .answers import DONT_KNOW, answer_label, apply_answer
from .explore import Explorer
from .next_questions import QuestionAdvice, is_stable, rank_questions

__all__ = [
    "STOP",
    "QuestionnaireResult",
    "QuestionnaireSession",
    "QuestionnaireStep",
    "RankedForm",
    "answers_from",
    "run_questionnaire",
]


class _Stop:
    """The answer that ends the questionnaire."""

    _instance: _Stop | None = None

    def __new__(cls) -> _Stop:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "STOP"


#: Returned by an ``answer`` callback to end the questionnaire.
STOP: Final = _Stop()


class RankedForm(Frozen):
    """One form's place in a ranking (fast path: no reasons)."""

    structure_id: str
    name: str
    rank: int = Field(ge=1)
    verdict: Verdict
    score: int = Field(ge=0, le=100)

    def __str__(self) -> str:
        return f"{self.rank}. {self.name} — {self.verdict.label} ({self.score}/100)"


class QuestionnaireStep(Frozen):
    """One question asked, the answer given and the ranking after it."""

    question_id: str
    question: str
    answer: Any = Field(description="La réponse (None : je ne sais pas).")
    answer_label: str
    top: tuple[RankedForm, ...] = Field(description="Les trois premières formes après la réponse.")


class QuestionnaireResult(Frozen):
    """The end of a questionnaire: the profile, the steps, and why it ended."""

    profile: Profile
    steps: tuple[QuestionnaireStep, ...]
    stable: bool = Field(description="Aucune question restante ne peut changer la tête.")
    stopped: bool = Field(description="La personne a arrêté.")
    ranking: tuple[RankedForm, ...]

    @property
    def asked(self) -> int:
        """How many questions were asked (« je ne sais pas » included)."""
        return len(self.steps)

    @property
    def top(self) -> RankedForm:
        """The form in first place."""
        return self.ranking[0]


class QuestionnaireSession:
    """The state of one questionnaire: the profile so far and the questions left open.

    ``profile`` is a plain :class:`~gesform.Profile` at any time. Not thread-safe (one person).
    """

    def __init__(
        self, profile: ProfileInput | None = None, *, recommender: Recommender | None = None
    ) -> None:
        self.recommender = recommender or get_recommender()
        self._profile = as_profile(profile) if profile is not None else Profile()
        self.skipped: set[str] = set()
        self.steps: list[QuestionnaireStep] = []
        self._advice: list[QuestionAdvice] | None = None

    @property
    def profile(self) -> Profile:
        """The answers so far, as a plain profile."""
        return self._profile

    def advice(self) -> list[QuestionAdvice]:
        """Every open question worth asking, best first (cached until the next answer)."""
        if self._advice is None:
            self._advice = rank_questions(
                self._profile, recommender=self.recommender, skip=self.skipped
            )
        return self._advice

    @property
    def stable(self) -> bool:
        """Whether no remaining question can change the top form or a top-3 verdict."""
        return is_stable(self.advice())

    def next_question(self) -> QuestionAdvice | None:
        """The question to ask now, or None when the ranking is stable."""
        if self.stable:
            return None
        return self.advice()[0]

    def ranking(self, n: int | None = 3) -> tuple[RankedForm, ...]:
        """The current ranking (the *n* first forms; all when n is None)."""
        explorer = Explorer(self.recommender, self._profile)
        catalog = self.recommender.catalog
        out = tuple(
            RankedForm(
                structure_id=f,
                name=catalog[f].short_name,
                rank=i,
                verdict=explorer.base[f][0],
                score=explorer.base[f][1],
            )
            for i, f in enumerate(explorer.base_rank, start=1)
        )
        return out if n is None else out[:n]

    def answer(self, question_id: str, value: Any) -> QuestionnaireStep:
        """Record an answer (None or « je_ne_sais_pas » keeps the question open, not re-asked).

        Raises ``ValueError`` with a French message when the profile refuses the answer.
        """
        try:
            new = apply_answer(self._profile, question_id, value)
        except ValidationError as exc:
            raise ValueError("Réponse refusée : " + " ; ".join(validation_lines(exc))) from None
        dont_know = value is None or value == DONT_KNOW
        if dont_know:
            self.skipped.add(question_id)
        self._profile = new
        self._advice = None
        from ..questions import QUESTIONS

        step = QuestionnaireStep(
            question_id=question_id,
            question=QUESTIONS[question_id].question,
            answer=None if dont_know else _jsonable(value),
            answer_label=answer_label(None if dont_know else value, question_id),
            top=self.ranking(),
        )
        self.steps.append(step)
        return step

    def result(self, *, stopped: bool = False) -> QuestionnaireResult:
        """Where the questionnaire stands."""
        return QuestionnaireResult(
            profile=self._profile,
            steps=tuple(self.steps),
            stable=self.stable,
            stopped=stopped,
            ranking=self.ranking(None),
        )


def _jsonable(value: Any) -> Any:
    if isinstance(value, Frozen):
        return value.model_dump(mode="json", exclude_none=True)
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return getattr(value, "value", value)


AnswerFn = Callable[[QuestionAdvice], Any]


def run_questionnaire(
    start: ProfileInput | QuestionnaireSession | None,
    answer: AnswerFn,
    *,
    recommender: Recommender | None = None,
    max_questions: int | None = None,
    on_step: Callable[[QuestionnaireStep], None] | None = None,
    on_error: Callable[[QuestionAdvice, str], None] | None = None,
) -> QuestionnaireResult:
    """Ask the next best question until the ranking is stable, the person stops, or the limit.

    ``answer(question)`` returns the answer (see :mod:`gesform.guidance.answers`), ``None`` for
    « je ne sais pas », or :data:`STOP`. ``on_step`` sees each step (to show the ranking);
    ``on_error`` sees a refused answer and the question is asked again (without it, the
    ``ValueError`` propagates).
    """
    session = (
        start
        if isinstance(start, QuestionnaireSession)
        else QuestionnaireSession(start, recommender=recommender)
    )
    asked = 0
    while max_questions is None or asked < max_questions:
        question = session.next_question()
        if question is None:
            break
        value = answer(question)
        if value is STOP:
            return session.result(stopped=True)
        try:
            step = session.answer(question.id, value)
        except ValueError as exc:
            if on_error is None:
                raise
            on_error(question, str(exc))
            continue
        asked += 1
        if on_step is not None:
            on_step(step)
    return session.result()


def answers_from(profile: ProfileInput) -> AnswerFn:
    """An ``answer`` callback that answers from a complete profile (tests, demos).

    A question the profile leaves unknown is answered « je ne sais pas »; a member detail is
    answered with one value per member.
    """
    source = as_profile(profile)

    def answer(question: QuestionAdvice) -> Any:
        qid = question.id
        if qid.startswith("members."):
            detail = qid.split(".", 1)[1]
            values = [getattr(m, detail) for m in source.members or ()]
            return values if any(v is not None for v in values) else None
        return getattr(source, qid)

    return answer
