"""``recommend()`` and ``explain()``: the glue between profile, facts, engine and scoring."""

from __future__ import annotations

import functools
import threading
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from .documents import check_catalog_documents, load_documents, source_label
from .engine import EngineName, RuleEngine, build_engine, default_engine_name
from .engine.base import TruthDecoder
from .engine.compile import flatten_facts
from .facts import derive_facts
from .loading import load_catalog
from .models.catalog import Catalog
from .models.profile import Profile
from .models.results import Assessment, Recommendation, Verdict
from .profile_io import ProfileInput, as_profile
from .resources import structures_file
from .rulebase import RuleBase, load_rules
from .scoring import (
    Assessed,
    ProfileState,
    QuickVerdict,
    RuleContext,
    assess_all,
    quick_verdicts,
    results_data,
)
from .setups import load_setups, propose_setups
from .track_record import load_track_record, track_record_for

__all__ = ["Recommender", "explain", "get_recommender", "recommend"]


@functools.cache
def _gesform_version() -> str:
    try:
        return version("gesform")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0+unknown"


class Recommender:
    """A catalog, a rule base and one engine built once: call :meth:`recommend` many times.

    Stateless between calls and safe to share between threads. ``close()`` frees the engine.
    """

    def __init__(
        self,
        *,
        catalog: Catalog | None = None,
        rules: RuleBase | None = None,
        engine: EngineName | None = None,
        catalog_path: str | Path | None = None,
        rules_dir: str | Path | None = None,
        track_record: bool = True,
    ) -> None:
        self.catalog = catalog if catalog is not None else load_catalog(catalog_path)
        self.documents = load_documents()
        check_catalog_documents(
            self.catalog, Path(catalog_path) if catalog_path else structures_file(), self.documents
        )
        self.rules = rules if rules is not None else load_rules(rules_dir, self.catalog)
        self.engine_name: EngineName = engine or default_engine_name()
        self.engine: RuleEngine = build_engine(self.engine_name, self.rules.compiled)
        #: What scoring resolved once for these rules and this catalog.
        self.context = RuleContext(self.rules.rules, self.catalog, self.documents)
        self._truth = TruthDecoder(self.rules.compiled)
        #: The combined set-ups proposed beside the ranking (``data/setups.yaml``).
        self.setups = load_setups(catalog=self.catalog)
        #: How often each lead named the group's choice on real cases (``data/track_record.yaml``);
        #: None with ``track_record=False`` (``scripts/track_record.py`` measures without it) or
        #: with another catalog than the packaged one (the measure says nothing of it; other
        #: rules are caught per answer by their version).
        self.track_record = (
            load_track_record() if track_record and self._packaged_catalog() else None
        )
        self.version = _gesform_version()

    def _packaged_catalog(self) -> bool:
        packaged = load_catalog()
        return self.catalog is packaged or self.catalog == packaged

    def truths(self, profile: ProfileInput) -> dict[str, bool | None]:
        """The truth of every rule for *profile* (True, False or None when unknown)."""
        facts = derive_facts(as_profile(profile))
        fired = self.engine.fired(flatten_facts(facts))
        return self._truth(fired)

    def quick(self, profile: ProfileInput) -> dict[str, QuickVerdict]:
        """Verdict, score and open legal conditions per form, without reasons: the fast path
        for exploring variants."""
        return quick_verdicts(self.context, self.truths(profile))

    def _assess(self, profile: ProfileInput) -> tuple[Profile, ProfileState, list[Assessed]]:
        p = as_profile(profile)
        facts = derive_facts(p)
        fired = self.engine.fired(flatten_facts(facts))
        truth = self._truth(fired)
        state = ProfileState(p, facts)
        return p, state, assess_all(truth, state, self.context)

    def _data(self, p: Profile, state: ProfileState, assessed: list[Assessed]) -> dict[str, Any]:
        results = results_data(assessed, state, self.context)
        fits = {r["structure_id"]: (r["name"], r["verdict"].value, r["score"]) for r in results}
        blocking = {
            r["structure_id"]: frozenset(
                x["rule_id"]
                for x in r["reasons"]
                if x["direction"] == "against" and x["effect"].hard
            )
            for r in results
            if r["verdict"] is Verdict.excluded
        }
        label = functools.partial(source_label, catalog=self.catalog, documents=self.documents)
        return {
            "gesform_version": self.version,
            "catalog_version": self.catalog.catalog_version,
            "rules_version": self.rules.version,
            "engine": self.engine_name,
            "profile": p,
            "results": results,
            "setups": propose_setups(self.setups, state.facts, fits, label, blocking),
            "track_record": track_record_for(
                self.track_record,
                (r["score"] for r in results if r["verdict"] is not Verdict.excluded),
                first_form=results[0]["structure_id"],
                rules_version=self.rules.version,
                catalog_version=self.catalog.catalog_version,
            ),
        }

    def answer_data(self, profile: ProfileInput) -> dict[str, Any]:
        """The answer for *profile* as data :class:`Recommendation` validates: plain dicts, and
        the immutable models built once (sources, vehicles, open questions, path offers)."""
        return self._data(*self._assess(profile))

    def recommend(self, profile: ProfileInput) -> Recommendation:
        """Assess every form of the catalog against *profile*, best first."""
        return Recommendation.model_validate(self.answer_data(profile))

    def recommend_json(self, profile: ProfileInput) -> str:
        """The answer as compact JSON: ``recommend(profile).to_json(indent=None)``, written by
        pydantic (batches use it)."""
        return self.recommend(profile).to_json(indent=None)

    def close(self) -> None:
        """Free the engine (durable-rules C rulesets)."""
        self.engine.close()

    def __repr__(self) -> str:
        return (
            f"Recommender({len(self.catalog)} formes, {len(self.rules)} règles, "
            f"moteur {self.engine_name})"
        )


_DEFAULTS: dict[str, Recommender] = {}
_DEFAULTS_LOCK = threading.Lock()


def get_recommender(engine: EngineName | None = None) -> Recommender:
    """The shared recommender of the packaged catalog and rules for *engine* (built once)."""
    name = engine or default_engine_name()
    with _DEFAULTS_LOCK:
        rec = _DEFAULTS.get(name)
        if rec is None:
            rec = _DEFAULTS[name] = Recommender(engine=name)
        return rec


def recommend(profile: ProfileInput, *, engine: EngineName | None = None) -> Recommendation:
    """Assess every cooperation form against *profile* (a Profile, a dict or a file path).

    Returns a :class:`~gesform.Recommendation`: every form once, best first, each with its
    verdict, score, sourced reasons and open questions. ``engine`` is ``"durable"`` (default
    where durable-rules imports) or ``"python"``. Bad input raises ``pydantic.ValidationError``
    or :class:`~gesform.errors.ProfileFileError`.
    """
    return get_recommender(engine).recommend(profile)


def explain(profile: ProfileInput, form_id: str, *, engine: EngineName | None = None) -> Assessment:
    """The assessment of one form, with every reason for and against and its source."""
    rec = recommend(profile, engine=engine)
    return rec[form_id]
