"""``Questionnaire``: the guided questionnaire in a Jupyter notebook (ipywidgets).

ipywidgets is optional (``pip install 'gesform[notebook]'``); it is imported when a
questionnaire is built. The answers are a plain :class:`~gesform.Profile` at any time
(``q.profile``).
"""

from __future__ import annotations

import html
from typing import Any

from ..models.enums import MemberKind
from ..profile_io import ProfileInput
from ..recommend import Recommender
from .answers import DONT_KNOW_LABEL, siae_choices
from .ask import QuestionnaireSession
from .next_questions import QuestionAdvice

__all__ = ["Questionnaire"]


def _ipywidgets() -> Any:
    try:
        import ipywidgets
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError(
            "Le questionnaire dans un notebook demande ipywidgets : "
            "pip install 'gesform[notebook]' / Questionnaire needs ipywidgets"
        ) from None
    return ipywidgets


class Questionnaire:
    """The guided questionnaire as a notebook widget: display it, answer, read ``.profile``.

    >>> q = Questionnaire()          # doctest: +SKIP
    >>> q                            # shows the next best question and the ranking
    >>> q.profile.to_yaml()          # the answers so far
    """

    def __init__(
        self, profile: ProfileInput | None = None, *, recommender: Recommender | None = None
    ) -> None:
        self._w = _ipywidgets()
        self.session = QuestionnaireSession(profile, recommender=recommender)
        self.stopped = False
        self.question: QuestionAdvice | None = None
        self._inputs: list[Any] = []
        w = self._w
        self._title = w.HTML()
        self._body = w.VBox()
        self._message = w.HTML()
        self._ranking = w.HTML()
        self.validate_button = w.Button(description="Valider", button_style="primary")
        self.dont_know_button = w.Button(description=DONT_KNOW_LABEL)
        self.stop_button = w.Button(description="Arrêter")
        self.validate_button.on_click(lambda _b: self._on_validate())
        self.dont_know_button.on_click(lambda _b: self.answer(None))
        self.stop_button.on_click(lambda _b: self.stop())
        self._buttons = w.HBox([self.validate_button, self.dont_know_button, self.stop_button])
        self.widget = w.VBox([self._title, self._body, self._buttons, self._message, self._ranking])
        self._refresh()

    # --- public ---------------------------------------------------------------------------
    @property
    def profile(self) -> Any:
        """The answers so far, as a plain :class:`~gesform.Profile`."""
        return self.session.profile

    @property
    def finished(self) -> bool:
        """Whether the ranking is stable or the person stopped."""
        return self.stopped or self.question is None

    def answer(self, value: Any) -> None:
        """Answer the current question (None: « je ne sais pas »), then show the next one."""
        if self.question is None:
            return
        try:
            self.session.answer(self.question.id, value)
        except ValueError as exc:
            self._message.value = f"<p style='color:#b00'>{html.escape(str(exc))}</p>"
            return
        self._message.value = ""
        self._refresh()

    def stop(self) -> None:
        """End the questionnaire (the profile keeps the answers given)."""
        self.stopped = True
        self.question = None
        self._render_question()
        self._render_ranking()

    def _ipython_display_(self) -> None:  # pragma: no cover - needs a notebook front end
        from IPython.display import display

        display(self.widget)

    def __repr__(self) -> str:
        q = self.question.id if self.question else "—"
        return f"Questionnaire({self.profile!r}, question={q})"

    # --- rendering ------------------------------------------------------------------------
    def _refresh(self) -> None:
        self.question = None if self.stopped else self.session.next_question()
        self._render_question()
        self._render_ranking()

    def _render_ranking(self) -> None:
        rows = "".join(
            f"<tr><td>{r.rank}</td><td>{html.escape(r.name)}</td>"
            f"<td>{html.escape(r.verdict.label)}</td><td>{r.score}</td></tr>"
            for r in self.session.ranking()
        )
        self._ranking.value = (
            "<table><thead><tr><th>Rang</th><th>Forme</th><th>Verdict</th><th>Score</th>"
            f"</tr></thead><tbody>{rows}</tbody></table>"
        )

    def _render_question(self) -> None:
        w = self._w
        q = self.question
        self._inputs = []
        if q is None:
            done = (
                "Questionnaire arrêté."
                if self.stopped
                else ("Classement stable : plus aucune question ne peut changer la forme en tête.")
            )
            self._title.value = f"<p><b>{done}</b></p>"
            self._body.children = ()
            self._buttons.layout.display = "none"
            return
        self._buttons.layout.display = None
        self._title.value = (
            f"<p><b>{html.escape(q.question)}</b><br><small>{html.escape(q.help)}</small><br>"
            f"<i>{html.escape(q.why)}</i></p>"
        )
        choices = [(v, k) for k, v in q.choices.items() if k != "je_ne_sais_pas"]
        if q.id == "members":
            count = w.BoundedIntText(value=2, min=2, max=50, description="Nombre")
            rows = w.VBox()

            def build(_change: Any = None) -> None:
                kinds = [(DONT_KNOW_LABEL, None), *((v, k) for k, v in MemberKind.labels().items())]
                # IAE agreements: none selected for none, several for a member that holds several.
                iae = [(v, k) for k, v in siae_choices().items()]
                rows.children = tuple(
                    w.HBox(
                        [
                            w.Dropdown(options=kinds, description=f"Membre {i}"),
                            w.SelectMultiple(options=iae, rows=len(iae), description="IAE"),
                        ]
                    )
                    for i in range(1, count.value + 1)
                )

            count.observe(build, names="value")
            build()
            self._inputs = [count, rows]
            self._body.children = (count, rows)
        elif q.id.startswith("members."):
            detail = q.id.split(".", 1)[1]
            boxes: list[Any] = []  # ipywidgets is untyped: one widget, or None if answered
            for i, m in enumerate(self.profile.members or (), start=1):
                label = m.name or f"Membre {i}"
                if getattr(m, detail) is not None:
                    boxes.append(None)
                    continue
                if q.answer_type == "number":
                    box = w.FloatText(value=0.0, description=label)
                elif q.answer_type == "boolean":
                    box = w.Dropdown(
                        options=[(DONT_KNOW_LABEL, None), ("Oui", True), ("Non", False)],
                        description=label,
                    )
                else:
                    box = w.Dropdown(options=[(DONT_KNOW_LABEL, None), *choices], description=label)
                boxes.append(box)
            self._inputs = boxes
            self._body.children = tuple(b for b in boxes if b is not None)
        elif q.answer_type == "boolean":
            box = w.RadioButtons(options=[("Oui", True), ("Non", False)], value=None)
            self._inputs = [box]
            self._body.children = (box,)
        elif q.answer_type == "enum_list":
            box = w.SelectMultiple(options=choices, rows=min(len(choices), 12))
            self._inputs = [box]
            self._body.children = (box,)
        else:
            box = w.RadioButtons(options=choices, value=None)
            self._inputs = [box]
            self._body.children = (box,)

    def _value(self) -> Any:
        q = self.question
        if q is None:
            return None
        if q.id == "members":
            _count, rows = self._inputs
            members = []
            for row in rows.children:
                kind, agreements = (d.value for d in row.children)
                m = {}
                if kind is not None:
                    m["kind"] = kind
                if agreements:
                    m["siae"] = agreements[0] if len(agreements) == 1 else list(agreements)
                members.append(m)
            return members
        if q.id.startswith("members."):
            values = [None if b is None else b.value for b in self._inputs]
            return values if any(v is not None for v in values) else None
        value = self._inputs[0].value
        if q.answer_type == "enum_list":
            return list(value)
        return value

    def _on_validate(self) -> None:
        self.answer(self._value())
