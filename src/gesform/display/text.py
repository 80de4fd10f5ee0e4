"""Plain-text French renderings (terminal, ``explain()``, logs)."""

from __future__ import annotations

from ..models.results import Assessment, Reason
from .words import reason_sign

__all__ = ["assessment_text", "reason_line"]


def reason_line(r: Reason) -> str:
    """« +15  Le GIE prolonge… [Code de commerce, art. L251-1] »."""
    return f"{reason_sign(r):>4}  {r.because} [{r.source.label}]"


def assessment_text(a: Assessment) -> str:
    """Every reason for and against one form, with sources, open questions and vehicle."""
    lines = [f"{a.name} ({a.structure_id}) — {a.verdict.label}, score {a.score}/100, rang {a.rank}"]
    if a.reasons_for:
        lines.append("Pour :")
        lines += [f"  {reason_line(r)}" for r in a.reasons_for]
    if a.reasons_against:
        lines.append("Contre :")
        lines += [f"  {reason_line(r)}" for r in a.reasons_against]
    if a.vehicles:
        lines.append("Support proposé :")
        lines += [f"  {v.name} — {v.why}" for v in a.vehicles]
    if a.missing:
        lines.append("Questions ouvertes :")
        lines += [f"  {'!' if q.decisive else '-'} {q.question} ({q.id})" for q in a.missing]
    return "\n".join(lines)
