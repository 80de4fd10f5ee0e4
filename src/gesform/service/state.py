"""What the app holds for its requests: the recommender, built once, and its engine thread.

The routers reach it through the :func:`service_state` dependency (``app.state.service``).
"""

# No ``from __future__ import annotations``: FastAPI reads the dependency's annotations.
import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from pydantic import TypeAdapter
from starlette.requests import Request

from ..casebase import precedents
from ..guidance.next_questions import QuestionAdvice, next_questions, pivotal_questions
from ..models.catalog import Catalog
from ..models.profile import Profile
from ..recommend import Recommender, _gesform_version

__all__ = ["EngineThread", "ServiceState", "service_state"]

T = TypeVar("T")

#: The JSON of a list of questions (``POST /questions``).
_QUESTION_LIST = TypeAdapter(list[QuestionAdvice])


class EngineThread:
    """One thread that runs the engine's work, first come, first served.

    The durable-rules core runs under one process-wide lock: one engine thread serving
    requests in order keeps the latency of a busy service even (a pool of threads fighting
    for the lock serves them in no particular order). The thread is created on first use,
    and again after :meth:`shutdown` (test clients run one lifespan per session and the app
    outlives it).
    """

    def __init__(self) -> None:
        self._executor: ThreadPoolExecutor | None = None

    async def run(self, fn: Callable[[], T]) -> T:
        """``fn()`` in the engine thread, awaited without blocking the event loop."""
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gesform-engine")
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn)

    def shutdown(self) -> None:
        """Stop the thread (end of the app's lifespan); the next request starts another."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None


class ServiceState:
    """The recommender of the app, its catalog and version, and the thread that runs it."""

    def __init__(self, recommender: Recommender) -> None:
        self.recommender = recommender
        self.catalog: Catalog = recommender.catalog
        self.version: str = _gesform_version()
        self.engine_thread = EngineThread()

    async def recommendation_json(self, profile: Profile) -> str:
        """The answer for *profile*, as the library writes it (``Recommendation.to_json()``)."""
        return await self.engine_thread.run(lambda: self.recommender.recommend(profile).to_json())

    async def questions_json(self, profile: Profile, *, k: int, pivotal: bool) -> str:
        """The open questions for *profile*, highest impact first, as a JSON list: the *k*
        pivotal ones (an answer changes the first form), or the *k* of highest impact."""
        ask = pivotal_questions if pivotal else next_questions

        def run() -> str:
            found = ask(profile, k, recommender=self.recommender)
            return _QUESTION_LIST.dump_json(found, indent=2).decode()

        return await self.engine_thread.run(run)

    async def precedents_json(self, profile: Profile, *, k: int) -> str:
        """The *k* real cases closest to *profile* and how they compare with the first form of
        its answer, as ``gesform.precedents(profil, k=k)`` writes them."""

        def run() -> str:
            found = precedents(self.recommender.recommend(profile), k=k)
            return found.model_dump_json(indent=2)

        return await self.engine_thread.run(run)

    async def assessment_json(self, profile: Profile, form_id: str) -> str:
        """The assessment of one form for *profile*, as ``gesform explain --format json``."""
        return await self.engine_thread.run(
            lambda: self.recommender.recommend(profile)[form_id].model_dump_json(indent=2)
        )


def service_state(request: Request) -> ServiceState:
    """Dependency: the :class:`ServiceState` of the app serving *request*."""
    state: ServiceState = request.app.state.service
    return state
