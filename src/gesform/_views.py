"""Register the display, report and IO views the models call by name (see ``models.views``).

This module sits at the top of the layers: it may import any of them. Each view imports its
module on first use, so ``import gesform`` stays fast (cold start).
"""

from __future__ import annotations

from datetime import date
from importlib import import_module
from pathlib import Path
from typing import Any, Literal

from .models.views import register


def _lazy(module: str, name: str) -> Any:
    def view(obj: Any, **options: Any) -> Any:
        return getattr(import_module(module, __package__), name)(obj, **options)

    view.__name__ = name
    return view


def pivotal_for(rec: Any) -> Any:
    """The pivotal questions of the answer *rec* (``guidance.pivotal_questions``), from the
    shared recommender; None when *rec* was given by other rules or another catalog, whose
    questions the shared recommender cannot tell."""
    from .guidance.next_questions import pivotal_questions
    from .recommend import get_recommender

    recommender = get_recommender()
    if (recommender.rules.version, recommender.catalog.catalog_version) != (
        rec.rules_version,
        rec.catalog_version,
    ):
        return None
    return pivotal_questions(rec.profile, recommender=recommender)


def precedents_for(rec: Any) -> Any:
    """The real cases close to the answer *rec* (``gesform.precedents``); None when the package
    has no base of precedents (a custom data folder without ``precedents.yaml``)."""
    from .casebase import load_precedents, precedents

    base = load_precedents()
    return None if base is None else precedents(rec, index=base)


def _report(fmt: Literal["html", "md"]) -> Any:
    def view(rec: Any, *, today: date | None = None) -> str:
        from .report import render_report

        return render_report(
            rec, fmt, today=today, questions=pivotal_for(rec), precedents=precedents_for(rec)
        )

    return view


def _recommendation_html(rec: Any) -> str:
    from .display.html import recommendation_html

    return recommendation_html(rec, questions=pivotal_for(rec), precedents=precedents_for(rec))


def _profile_from_file(path: str | Path) -> Any:
    from .profile_io import read_profile_file

    return read_profile_file(path)


def register_views() -> None:
    """Register every view of the models (idempotent)."""
    for view, module, name in (
        ("assessment_text", ".display.text", "assessment_text"),
        ("assessment_html", ".display.html", "assessment_html"),
        ("recommendation_frame", ".display.frames", "recommendation_frame"),
        ("recommendation_plot", ".display.charts", "plot_recommendation"),
        ("comparison_frame", ".display.frames", "comparison_frame"),
        ("comparison_html", ".display.html", "comparison_html"),
        ("form_html", ".display.html", "form_html"),
        ("catalog_html", ".display.html", "catalog_html"),
        ("catalog_frame", ".display.frames", "catalog_frame"),
        ("profile_html", ".display.html", "profile_html"),
    ):
        register(view, _lazy(module, name))
    register("recommendation_html", _recommendation_html)
    register("report_html", _report("html"))
    register("report_md", _report("md"))
    register("profile_from_file", _profile_from_file)
