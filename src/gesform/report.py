"""The written synthesis for the group (French, one or two pages), in HTML or Markdown.

Both formats render the same context with Jinja2 templates (``templates/report.*.j2``): the HTML
one is autoescaped and self-contained (CSS, print CSS and an SVG chart inside), so it can be
mailed as a single file; the Markdown one is not HTML-escaped.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import date
from typing import Any, Literal

from jinja2 import Environment, PackageLoader, select_autoescape

from .display.html import VERDICT_COLORS
from .display.setups import setup_line
from .display.words import (
    MEMBER_COLUMNS,
    NOTICE,
    PIVOTAL_TITLE,
    PivotalQuestion,
    close_call_sentence,
    first_names,
    member_rows,
    pivotal_question_items,
    pivotal_reach_sentence,
    precedents_line,
    profile_answers,
    reason_sign,
    track_record_sentence,
)
from .documents import load_documents
from .loading import load_catalog
from .models.catalog import Catalog
from .models.precedents import Precedents
from .models.results import Assessment, Reason, ReasonSource, Recommendation, Verdict

__all__ = ["NOTICE", "french_date", "render_report", "report_context"]

ReportFormat = Literal["html", "md"]

_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
_TEMPLATES: dict[str, str] = {"html": "report.html.j2", "md": "report.md.j2"}
#: Every recommended or possible form is detailed; when there is none, this many of the best
#: « à confirmer » forms are, and the report names the others it leaves out.
_MAX_CONDITIONAL_DETAILED = 2

# Geometry of the SVG chart (pixels in its viewBox).
_CHART_WIDTH, _LABEL_WIDTH, _BAR_MAX, _ROW, _TOP_PAD = 760, 370, 250, 24, 22
_CHART_LABEL_MAX = 58
# At most this many reasons for (and against) each top form; the rest are counted.
_MAX_REASONS_FOR, _MAX_REASONS_AGAINST = 4, 3
#: Per detailed form: the report stays one to two printed pages.
_MAX_DRAWBACKS, _MAX_LEGAL_TEXTS, _MAX_STEPS = 3, 4, 5


def french_date(d: date) -> str:
    """« 1er mars 2026 », « 25 novembre 2026 »."""
    day = "1er" if d.day == 1 else str(d.day)
    return f"{day} {_MONTHS[d.month - 1]} {d.year}"


def _md(value: object) -> str:
    """Free text for Markdown: one line, Markdown and HTML punctuation backslash-escaped."""
    text = " ".join(str(value).split())
    for ch in "\\`*_[]<>|#":
        text = text.replace(ch, "\\" + ch)
    return text


@functools.cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("gesform", "templates"),
        autoescape=select_autoescape(
            enabled_extensions=("html.j2", "html"),
            disabled_extensions=("md.j2", "md"),
            default_for_string=True,
            default=True,
        ),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = _md
    return env


class _Documents:
    """The seed documents cited by the report, numbered in order of first citation."""

    def __init__(self) -> None:
        self.cited: list[str] = []

    def source(self, src: ReasonSource) -> str:
        """« Partie 3, fiche GES [1] » for a seed section, the label for a legal article."""
        if src.kind != "document" or not src.document or not src.section:
            return src.label
        documents = load_documents()
        title = documents[src.document].label if src.document in documents else src.label
        if title not in self.cited:
            self.cited.append(title)
        return f"{src.section} [{self.cited.index(title) + 1}]"


def _reason(r: Reason, docs: _Documents) -> dict[str, Any]:
    return {
        "sign": reason_sign(r),
        "direction": r.direction,
        "because": r.because,
        "source": docs.source(r.source),
        "url": r.source.url,
    }


def _short(a: Assessment, catalog: Catalog) -> str:
    form = catalog.get(a.structure_id)
    return form.short_name if form is not None else a.name


def _top_forms(rec: Recommendation) -> tuple[list[Assessment], str | None]:
    """The forms the report details: every recommended one; when none is, the best ranked forms
    still in play (at most :data:`_MAX_CONDITIONAL_DETAILED`), with a note."""
    in_play = [a for a in rec.results if a.verdict is not Verdict.excluded]
    if not in_play:
        return [], "Aucune forme ne convient en l'état du profil : toutes sont écartées."
    recommended = [a for a in in_play if a.verdict is Verdict.recommended]
    if recommended:
        return recommended, None
    return in_play[:_MAX_CONDITIONAL_DETAILED], (
        "Aucune forme n'est recommandée en l'état : voici les formes les mieux classées ; leur "
        "verdict dépend des questions ouvertes ou de leur adéquation."
    )


def _left_out(
    rec: Recommendation, detailed: list[Assessment], catalog: Catalog
) -> tuple[list[dict[str, Any]], str | None]:
    """The forms still in play that the report does not detail, and why they are left out."""
    shown = {a.structure_id for a in detailed}
    rest = [
        a for a in rec.results if a.verdict is not Verdict.excluded and a.structure_id not in shown
    ]
    if not rest:
        return [], None
    if any(a.verdict is Verdict.recommended for a in detailed):
        why = (
            "Elles viennent après les formes détaillées : leur verdict dépend encore des "
            "questions à éclaircir, ou elles conviennent moins bien."
        )
    else:
        why = (
            f"La synthèse détaille les {len(detailed)} formes les mieux classées, pour tenir en "
            "deux pages ; le verdict des autres dépend aussi des questions à éclaircir."
        )
    forms = [
        {
            "id": a.structure_id,
            "name": a.name,
            "short": _short(a, catalog),
            "verdict_label": a.verdict.label,
            "score": a.score,
        }
        for a in rest
    ]
    return forms, why


def _top_form(a: Assessment, catalog: Catalog, docs: _Documents) -> dict[str, Any]:
    form = catalog.get(a.structure_id)
    out: dict[str, Any] = {
        "id": a.structure_id,
        "name": a.name,
        "short": _short(a, catalog),
        "verdict": a.verdict.value,
        "verdict_label": a.verdict.label,
        "color": VERDICT_COLORS[a.verdict],
        "score": a.score,
        "summary": form.summary if form else None,
        "reasons_for": [_reason(r, docs) for r in a.reasons_for[:_MAX_REASONS_FOR]],
        "reasons_against": [_reason(r, docs) for r in a.reasons_against[:_MAX_REASONS_AGAINST]],
        "more_reasons": max(0, len(a.reasons_for) - _MAX_REASONS_FOR)
        + max(0, len(a.reasons_against) - _MAX_REASONS_AGAINST),
        "vehicles": [{"name": v.name, "why": v.why} for v in a.vehicles],
        "drawbacks": [d.text for d in form.drawbacks[:_MAX_DRAWBACKS]] if form else [],
        "legal_bases": (
            [{"label": b.label, "url": str(b.url)} for b in form.legal_bases[:_MAX_LEGAL_TEXTS]]
            if form
            else []
        ),
        "steps": list(form.setup.formalities[:_MAX_STEPS]) if form else [],
        "effort": form.setup.effort.label if form else None,
        "duration": form.setup.duration if form else None,
    }
    return out


def _excluded(a: Assessment, docs: _Documents) -> dict[str, Any]:
    blocking = a.blocking or a.reasons_against
    r = blocking[0] if blocking else None
    return {
        "name": a.name,
        "because": r.because if r else "Écartée par les règles.",
        "source": docs.source(r.source) if r else None,
        "url": r.source.url if r else None,
    }


#: The report lists the most important open questions only (it must stay one to two pages);
#: the rest are counted and left to ``gesform ask`` / ``next_questions()``.
MAX_QUESTIONS = 5


#: A question names at most this many forms; the others are counted ("et 3 autres").
MAX_FORMS_PER_QUESTION = 3


def _forms_label(forms: list[str]) -> str:
    """The forms a question concerns, the first few by name and the others counted."""
    return first_names(forms, MAX_FORMS_PER_QUESTION)


def _open_questions(rec: Recommendation, catalog: Catalog) -> list[dict[str, Any]]:
    """Open questions of the forms still in play, merged by id: those of the first form first
    (they say how sure the advice is), then decisive ones, then the most cited."""
    top_ids = {q.id for q in rec.top.missing}
    merged: dict[str, dict[str, Any]] = {}
    for a in rec.results:
        if a.verdict is Verdict.excluded:
            continue
        for q in a.missing:
            entry = merged.setdefault(
                q.id,
                {
                    "id": q.id,
                    "question": q.question,
                    "help": q.help,
                    "decisive": False,
                    "weight": 0,
                    "forms": [],
                },
            )
            entry["decisive"] = entry["decisive"] or q.decisive
            entry["weight"] += q.weight
            entry["forms"].append(_short(a, catalog))
    for entry in merged.values():
        entry["forms_label"] = _forms_label(entry["forms"])
    order = list(merged)
    return sorted(
        merged.values(),
        key=lambda e: (
            e["id"] not in top_ids,
            not e["decisive"],
            -len(e["forms"]),
            -e["weight"],
            order.index(e["id"]),
        ),
    )


def _chart(rec: Recommendation, catalog: Catalog) -> dict[str, Any]:
    rows = []
    for i, a in enumerate(rec.results):
        label = f"{a.rank}. {a.name}"
        if len(label) > _CHART_LABEL_MAX:
            label = label[: _CHART_LABEL_MAX - 1] + "…"
        y = _TOP_PAD + i * _ROW
        width = round(_BAR_MAX * a.score / 100, 1)
        rows.append(
            {
                "label": label,
                "y": y,
                "text_y": y + _ROW / 2 + 4,
                "bar_y": y + 4,
                "bar_h": _ROW - 8,
                "width": width,
                "score": a.score,
                "verdict_label": a.verdict.label,
                "score_x": _LABEL_WIDTH + width + 6,
                "color": VERDICT_COLORS[a.verdict],
                "excluded": a.verdict is Verdict.excluded,
                "title": f"{a.name} : {a.verdict.label}, score {a.score}/100",
            }
        )
    bottom = _TOP_PAD + len(rows) * _ROW
    ticks = [{"x": _LABEL_WIDTH + _BAR_MAX * t / 100, "value": t} for t in (0, 25, 50, 75, 100)]
    return {
        "width": _CHART_WIDTH,
        "height": bottom + 8,
        "label_x": _LABEL_WIDTH - 8,
        "rows": rows,
        "ticks": ticks,
        "axis_top": _TOP_PAD - 4,
        "axis_bottom": bottom,
    }


def _text_bar(score: int) -> str:
    full = round(score / 10)
    return "█" * full + "░" * (10 - full)


def report_context(
    rec: Recommendation,
    *,
    today: date | None = None,
    catalog: Catalog | None = None,
    questions: Sequence[PivotalQuestion] | None = None,
    precedents: Precedents | None = None,
) -> dict[str, Any]:
    """Everything the report templates show, as plain values (strings, numbers, lists).

    *questions*: the answer's pivotal questions (``gesform.guidance.pivotal_questions``),
    listed after the measured track record; None leaves the close-call sentence to name the
    separating open questions instead. *precedents*: the real cases close to the profile
    (``gesform.precedents``), said in one line after the pivotal questions (what they chose,
    whether they name the first form); the notebook lists the cases themselves.
    """
    catalog = catalog or load_catalog()
    names = {a.structure_id: _short(a, catalog) for a in rec.results}
    today = today or date.today()
    open_questions = _open_questions(rec, catalog)
    p = rec.profile
    top, top_note = _top_forms(rec)
    docs = _Documents()
    top_forms = [_top_form(a, catalog, docs) for a in top]
    left_out, left_out_why = _left_out(rec, top, catalog)
    excluded = [_excluded(a, docs) for a in rec.by_verdict(Verdict.excluded)]
    return {
        "group_name": p.name or "Groupe sans nom",
        "description": p.description,
        "territory": p.territory,
        "member_head": [title for _, title in MEMBER_COLUMNS],
        # Markdown alignment row: the head count (effectif) is right-aligned.
        "member_align": ["---:" if name == "employees" else "---" for name, _ in MEMBER_COLUMNS],
        "members": member_rows(p),
        "answers": profile_answers(p),
        "ranking": [
            {
                "rank": a.rank,
                "name": a.name,
                "id": a.structure_id,
                "verdict": a.verdict.value,
                "verdict_label": a.verdict.label,
                "color": VERDICT_COLORS[a.verdict],
                "score": a.score,
                "bar": _text_bar(a.score),
            }
            for a in rec.results
        ],
        "chart": _chart(rec, catalog),
        "close_call": close_call_sentence(rec, names, listed=questions),
        "track_record": track_record_sentence(rec),
        "pivotal_title": PIVOTAL_TITLE,
        "pivotal": pivotal_question_items(rec, questions or (), names),
        "pivotal_reach": pivotal_reach_sentence(rec),
        # One line, so that the synthesis still prints on two pages; the notebook lists them.
        "precedents": precedents_line(precedents, names) if precedents else None,
        "top": top_forms,
        "top_note": top_note,
        "left_out": left_out,
        "setups": [
            {
                "line": setup_line(x),
                "summary": x.summary,
                "because": x.because,
                "sources": " ; ".join(x.sources),
            }
            for x in rec.setups
        ],
        "left_out_why": left_out_why,
        "excluded": excluded,
        "documents": docs.cited,
        "questions": open_questions[:MAX_QUESTIONS],
        "more_questions": max(0, len(open_questions) - MAX_QUESTIONS),
        "date": french_date(today),
        "iso_date": today.isoformat(),
        "gesform_version": rec.gesform_version,
        "catalog_version": rec.catalog_version,
        "rules_version": rec.rules_version,
        "engine": rec.engine,
        "notice": NOTICE,
    }


def render_report(
    rec: Recommendation,
    fmt: ReportFormat = "html",
    *,
    today: date | None = None,
    catalog: Catalog | None = None,
    questions: Sequence[PivotalQuestion] | None = None,
    precedents: Precedents | None = None,
) -> str:
    """The synthesis for the group as ``"html"`` (one self-contained file) or ``"md"`` text.

    *questions*: the answer's pivotal questions, *precedents* the close real cases (see
    :func:`report_context`).
    """
    if fmt not in _TEMPLATES:
        raise ValueError(f"format inconnu / unknown format '{fmt}' (html ou md)")
    template = _environment().get_template(_TEMPLATES[fmt])
    return template.render(
        report_context(
            rec, today=today, catalog=catalog, questions=questions, precedents=precedents
        )
    )
