"""The combined set-ups of an answer in words, shared by every display (terminal, Markdown,
HTML, report)."""

from __future__ import annotations

from ..models.results import Recommendation
from ..models.setups import ProposedSetup

__all__ = ["SETUPS_TITLE", "setup_line", "setups_markdown"]

#: The heading every display gives the set-ups.
SETUPS_TITLE = "Montages combinés à étudier"


def setup_line(setup: ProposedSetup) -> str:
    """« PTCE porté par une SCIC (68/100) : PTCE (à confirmer, 75) + SCIC (recommandée, 60) »."""
    parts = " + ".join(f"{p.name} ({p.score}/100)" for p in setup.parts)
    return f"{setup.name} ({setup.score}/100) : {parts}"


def setups_markdown(rec: Recommendation) -> str:
    """The set-ups as a Markdown section (empty when none is proposed)."""
    if not rec.setups:
        return ""
    out = [f"## {SETUPS_TITLE}", ""]
    for s in rec.setups:
        out.append(f"- **{setup_line(s)}**. {s.summary} {s.because}")
        for p in s.parts:
            out.append(f"    - {p.name} : {p.role}")
        out.append(f"    - Sources : {' ; '.join(s.sources)}")
    return "\n".join(out) + "\n"
