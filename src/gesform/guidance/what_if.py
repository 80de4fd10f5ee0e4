"""What if the group answered otherwise? Both rankings side by side and an explanation diff.

``what_if(profile, independence="strong")`` assesses the profile and the changed profile in
full (with reasons), then, for each form whose verdict, rank, score or reasons changed, lists
the reasons that appeared and disappeared (a reason is a rule id with its direction: a
required condition that becomes unmet disappears « pour » and appears « contre »).
"""

from __future__ import annotations

import html
from typing import Any

from pydantic import Field

from ..display.shorten import shorten
from ..loading import load_catalog
from ..models.base import Frozen
from ..models.results import Assessment, Reason, Recommendation, Verdict
from ..models.rules import Effect
from ..profile_io import ProfileInput, as_profile
from ..questions import QUESTIONS
from ..recommend import Recommender, get_recommender
from .answers import answer_label
from .ask import RankedForm

__all__ = ["FormChange", "ReasonChange", "WhatIf", "what_if"]


class ReasonChange(Frozen):
    """A reason that appeared or disappeared for one form."""

    rule_id: str
    effect: Effect
    direction: str = Field(description="for | against")
    weight: int
    because: str
    source: str = Field(description="Référence lisible de la source.")
    url: str | None = None

    def sentence(self) -> str:
        """The reason in French, with its kind and weight: « frein (−25) : … [source] »."""
        if self.effect is Effect.exclude:
            kind = "exclusion"
        elif self.effect is Effect.require:
            kind = "condition requise " + ("remplie" if self.direction == "for" else "non remplie")
        else:
            kind = f"{self.effect.label} ({self.weight:+d})".replace("-", "−")
        return f"{kind} : {self.because} [{self.source}]"


def _reason_change(r: Reason) -> ReasonChange:
    return ReasonChange(
        rule_id=r.rule_id,
        effect=r.effect,
        direction=r.direction,
        weight=r.weight,
        because=r.because,
        source=r.source.label,
        url=r.source.url,
    )


class FormChange(Frozen):
    """How one form's assessment changed, and the reasons behind it."""

    structure_id: str
    name: str
    rank_before: int
    rank_after: int
    verdict_before: Verdict
    verdict_after: Verdict
    score_before: int
    score_after: int
    appeared: tuple[ReasonChange, ...]
    disappeared: tuple[ReasonChange, ...]

    @property
    def moved(self) -> bool:
        """Whether its verdict or its rank changed."""
        return self.rank_before != self.rank_after or self.verdict_before is not self.verdict_after

    @property
    def explanation(self) -> str:
        """What changed for this form, in French sentences."""
        head = [f"{self.name} :"]
        if self.rank_before != self.rank_after:
            way = "recule" if self.rank_after > self.rank_before else "progresse"
            head.append(f"{way} du rang {self.rank_before} au rang {self.rank_after}")
        else:
            head.append(f"reste au rang {self.rank_before}")
        if self.verdict_before is not self.verdict_after:
            head.append(f"; verdict {self.verdict_before.label} → {self.verdict_after.label}")
        if self.score_before != self.score_after:
            head.append(f"; score {self.score_before} → {self.score_after}")
        elif self.appeared or self.disappeared:
            # Reasons came or went without moving the score: a score held at its bound, an
            # exclusion (which weighs nothing), or weights that cancel out.
            bound = ", borné à 0…100" if self.score_after in (0, 100) else ""
            head.append(f"; score inchangé ({self.score_after}{bound})")
        lines = [" ".join(head).replace(" ;", ";") + "."]
        lines += [f"  + apparaît : {r.sentence()}" for r in self.appeared]
        lines += [f"  − disparaît : {r.sentence()}" for r in self.disappeared]
        if not self.appeared and not self.disappeared:
            lines.append("  (aucune raison ne change : d'autres formes l'ont dépassée ou suivie)")
        return "\n".join(lines)


class WhatIf(Frozen):
    """Two rankings side by side (before and after the changes) and the explanation diff."""

    changes: dict[str, Any] = Field(description="Les réponses changées (valeurs JSON).")
    changes_text: tuple[str, ...] = Field(description="« Indépendance : Faible → Forte ».")
    before: tuple[RankedForm, ...]
    after: tuple[RankedForm, ...]
    forms: tuple[FormChange, ...] = Field(
        description="Formes dont le verdict, le rang, le score ou les raisons changent."
    )

    @property
    def moved(self) -> tuple[FormChange, ...]:
        """The forms whose verdict or rank changed."""
        return tuple(f for f in self.forms if f.moved)

    def __getitem__(self, structure_id: str) -> FormChange:
        for f in self.forms:
            if f.structure_id == structure_id:
                return f
        raise KeyError(structure_id)

    def __contains__(self, structure_id: object) -> bool:
        return any(f.structure_id == structure_id for f in self.forms)

    def __str__(self) -> str:
        lines = ["Et si… " + " ; ".join(self.changes_text)]
        lines.append(f"{'Avant':<52} Après")
        for b, a in zip(self.before, self.after, strict=True):
            lines.append(f"{_short(b):<52} {_short(a)}")
        if self.forms:
            lines.append("")
            lines += [f.explanation for f in self.forms]
        else:
            lines.append("Aucun verdict, rang ni score ne change.")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        e = html.escape
        rows = "".join(
            f"<tr><td>{b.rank}</td><td>{e(b.name)}</td><td>{e(b.verdict.label)}</td>"
            f"<td>{b.score}</td><td>{e(a.name)}</td><td>{e(a.verdict.label)}</td>"
            f"<td>{a.score}</td></tr>"
            for b, a in zip(self.before, self.after, strict=True)
        )
        diff = "".join(
            f"<li><b>{e(f.name)}</b> : rang {f.rank_before} → {f.rank_after}, "
            f"{e(f.verdict_before.label)} → {e(f.verdict_after.label)}, "
            f"score {f.score_before} → {f.score_after}<ul>"
            + "".join(f"<li>+ {e(r.sentence())}</li>" for r in f.appeared)
            + "".join(f"<li>− {e(r.sentence())}</li>" for r in f.disappeared)
            + "</ul></li>"
            for f in self.forms
        )
        return (
            f"<p><b>Et si…</b> {e(' ; '.join(self.changes_text))}</p>"
            "<table><thead><tr><th>Rang</th><th colspan='3'>Avant</th>"
            "<th colspan='3'>Après</th></tr></thead>"
            f"<tbody>{rows}</tbody></table><ul>{diff}</ul>"
        )


#: Width of a form's name in the side-by-side rankings of ``str(what_if(…))``.
_NAME_WIDTH = 28


def _name(r: RankedForm) -> str:
    """The form's name if it fits, else its short name (« SCIC »), else cut after a word."""
    if len(r.name) <= _NAME_WIDTH:
        return r.name
    form = load_catalog().get(r.structure_id)
    if form is not None and len(form.short_name) < len(r.name):
        return shorten(form.short_name, _NAME_WIDTH)
    return shorten(r.name, _NAME_WIDTH)


def _short(r: RankedForm) -> str:
    """« 4. SCIC — À confirmer (55) », « 6. Convention de partenariat… — À confirmer (50) »."""
    return f"{r.rank:>2}. {_name(r)} — {r.verdict.label} ({r.score})"


def _ranking(rec: Recommendation) -> tuple[RankedForm, ...]:
    return tuple(
        RankedForm(
            structure_id=a.structure_id,
            name=a.name,
            rank=a.rank,
            verdict=a.verdict,
            score=a.score,
        )
        for a in rec.results
    )


def _diff(before: Assessment, after: Assessment) -> FormChange | None:
    key_b = {(r.rule_id, r.direction): r for r in before.reasons}
    key_a = {(r.rule_id, r.direction): r for r in after.reasons}
    appeared = tuple(_reason_change(r) for k, r in key_a.items() if k not in key_b)
    disappeared = tuple(_reason_change(r) for k, r in key_b.items() if k not in key_a)
    same = (
        before.rank == after.rank
        and before.verdict is after.verdict
        and before.score == after.score
        and not appeared
        and not disappeared
    )
    if same:
        return None
    return FormChange(
        structure_id=after.structure_id,
        name=after.name,
        rank_before=before.rank,
        rank_after=after.rank,
        verdict_before=before.verdict,
        verdict_after=after.verdict,
        score_before=before.score,
        score_after=after.score,
        appeared=appeared,
        disappeared=disappeared,
    )


def what_if(
    profile: ProfileInput, *, recommender: Recommender | None = None, **changes: Any
) -> WhatIf:
    """Assess *profile* and *profile* with *changes* (``None`` forgets an answer), and diff them.

    ``what_if(belfort, independence="strong")``: both rankings, and for each form whose
    verdict, rank, score or reasons changed, the reasons that appeared or disappeared.
    Raises ``ValueError`` for an unknown field and ``pydantic.ValidationError`` for a bad value.
    """
    rec = recommender or get_recommender()
    p = as_profile(profile)
    changed = p.with_changes(**changes)
    before, after = rec.recommend(p), rec.recommend(changed)
    forms = [d for a in after.results if (d := _diff(before[a.structure_id], a)) is not None]
    forms.sort(key=lambda f: (not f.moved, f.rank_before))
    texts = []
    for key in changes:
        title = QUESTIONS[key].title if key in QUESTIONS else key
        old = getattr(p, key)
        new = getattr(changed, key)
        texts.append(f"{title} : {answer_label(old, key)} → {answer_label(new, key)}")
    jsonable = changed.model_dump(mode="json")
    return WhatIf(
        changes={k: jsonable.get(k) for k in changes},
        changes_text=tuple(texts),
        before=_ranking(before),
        after=_ranking(after),
        forms=tuple(forms),
    )
