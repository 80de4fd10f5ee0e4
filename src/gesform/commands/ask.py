"""``gesform ask``: the guided questionnaire in the terminal.

The loop itself is :func:`gesform.guidance.ask.run_questionnaire`; this module only reads
the answers with ``click.prompt`` and prints the ranking after each one.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from pydantic import ValidationError

from ..errors import ProfileFileError, validation_lines
from ..guidance.answers import DONT_KNOW_LABEL, siae_choices
from ..guidance.ask import STOP, QuestionnaireSession, QuestionnaireStep, run_questionnaire
from ..guidance.next_questions import QuestionAdvice
from ..models.enums import MemberKind
from ..models.profile import Member
from ..profile_io import read_profile_file
from ..recommend import get_recommender
from ._french import FrenchCommand
from ._options import engine_option
from ._support import CONTEXT_SETTINGS, BadInput

if TYPE_CHECKING:
    from ..engine import EngineName

__all__ = ["ask"]

_HINT = "(numéro ; « ? » ou vide : je ne sais pas ; « q » : arrêter)"
_YES = {"1", "o", "oui", "y", "yes"}
_NO = {"2", "n", "non", "no"}


class _Stopped(Exception):
    """The person typed « q » (or the input ended)."""


def _read(prompt: str) -> str | None:
    """One line: None for « je ne sais pas »; raises _Stopped for « q » or end of input."""
    try:
        text = click.prompt(prompt, default="", show_default=False, prompt_suffix=" : ")
    except (click.Abort, EOFError):
        raise _Stopped from None
    text = str(text).strip()
    if text.lower() in ("q", "quit", "quitter"):
        raise _Stopped
    if text in ("", "?"):
        return None
    return text


def _numbered(choices: dict[str, str]) -> list[str]:
    keys = list(choices)
    for i, key in enumerate(keys, start=1):
        click.echo(f"  {i:>2}. {choices[key]}")
    return keys


def _pick(keys: list[str], text: str) -> str | None:
    if text.isdigit() and 1 <= int(text) <= len(keys):
        return keys[int(text) - 1]
    return text if text in keys else None


def _ask_choice(prompt: str, choices: dict[str, str]) -> str | None:
    keys = _numbered(choices)
    while True:
        text = _read(prompt)
        if text is None:
            return None
        value = _pick(keys, text)
        if value is not None:
            return value
        click.echo(f"Réponse non comprise : tapez un numéro entre 1 et {len(keys)}.")


def _ask_bool(prompt: str) -> bool | None:
    click.echo("   1. Oui\n   2. Non")
    while True:
        text = _read(prompt)
        if text is None:
            return None
        if text.lower() in _YES:
            return True
        if text.lower() in _NO:
            return False
        click.echo("Réponse non comprise : 1 (oui) ou 2 (non).")


def _ask_list(prompt: str, choices: dict[str, str]) -> list[str] | None:
    keys = _numbered(choices)
    click.echo("  Plusieurs réponses possibles, séparées par des virgules (ex. 1,3) ; 0 : aucune.")
    while True:
        text = _read(prompt)
        if text is None:
            return None
        if text == "0":
            return []
        picked = [_pick(keys, t) for t in re.split(r"[,;\s]+", text) if t]
        if picked and all(p is not None for p in picked):
            return [p for p in picked if p is not None]
        click.echo(f"Réponse non comprise : des numéros entre 1 et {len(keys)}.")


def _ask_number(prompt: str) -> float | None:
    while True:
        text = _read(prompt)
        if text is None:
            return None
        try:
            value = float(text.replace(",", "."))
        except ValueError:
            value = -1
        if value >= 0:
            return value
        click.echo("Réponse non comprise : un nombre positif (ex. 12 ou 3,5).")


def _ask_members() -> list[dict[str, Any]] | None:
    while True:
        text = _read("Combien de membres")
        if text is None:
            return None
        if text.isdigit() and 2 <= int(text) <= 500:
            count = int(text)
            break
        click.echo("Réponse non comprise : un nombre entier, au moins 2.")
    members: list[dict[str, Any]] = []
    kinds = MemberKind.labels()
    iae = {"none": "Aucun conventionnement IAE", **siae_choices()}
    for i in range(1, count + 1):
        click.echo(f"Membre {i} — nature juridique :")
        member: dict[str, Any] = {}
        kind = _ask_choice(f"Nature du membre {i}", kinds)
        if kind is not None:
            member["kind"] = kind
        click.echo(f"Membre {i} — conventionnement IAE (structure d'insertion) :")
        picked = _ask_list(f"Conventionnement du membre {i}", iae) or []
        agreements = [a for a in picked if a != "none"]
        if agreements:
            member["siae"] = agreements[0] if len(agreements) == 1 else agreements
        members.append(member)
    return members


def _member_name(m: Member, i: int) -> str:
    if m.name:
        return m.name
    return f"membre {i} ({m.kind.label})" if m.kind else f"membre {i}"


def _ask_member_detail(q: QuestionAdvice, session: QuestionnaireSession) -> list[Any] | None:
    detail = q.id.split(".", 1)[1]
    values: list[Any] = []
    for i, m in enumerate(session.profile.members or (), start=1):
        if getattr(m, detail) is not None:
            values.append(None)
            continue
        click.echo(f"{_member_name(m, i)} :")
        prompt = f"Réponse pour le {_member_name(m, i)}"
        if q.answer_type == "boolean":
            values.append(_ask_bool(prompt))
        elif q.answer_type == "number":
            values.append(_ask_number(prompt))
        else:
            choices = {k: v for k, v in q.choices.items() if k != "je_ne_sais_pas"}
            values.append(_ask_choice(prompt, choices))
    return values if any(v is not None for v in values) else None


def _prompter(session: QuestionnaireSession) -> Any:
    count = {"n": 0}

    def answer(q: QuestionAdvice) -> Any:
        count["n"] += 1
        click.echo("")
        click.echo(f"Question {count['n']} — {q.title}")
        click.echo(q.question)
        if q.help:
            click.echo(f"  ({q.help})")
        click.echo(f"  Pourquoi maintenant : {q.why}")
        click.echo(f"  {_HINT}")
        choices = {k: v for k, v in q.choices.items() if k != "je_ne_sais_pas"}
        try:
            if q.id == "members":
                return _ask_members()
            if q.id.startswith("members."):
                return _ask_member_detail(q, session)
            if q.answer_type == "boolean":
                return _ask_bool("Votre réponse")
            if q.answer_type == "enum_list":
                return _ask_list("Votre réponse", choices)
            if q.answer_type == "number":
                return _ask_number("Votre réponse")
            return _ask_choice("Votre réponse", choices)
        except _Stopped:
            return STOP

    return answer


def _show_ranking(step: QuestionnaireStep) -> None:
    click.echo(f"→ {step.answer_label}")
    click.echo("Classement actuel :")
    for r in step.top:
        click.echo(f"  {r}")


def _error(q: QuestionAdvice, message: str) -> None:
    click.echo(f"{message}\nLa question est reposée.", err=True)


@click.command("ask", cls=FrenchCommand, context_settings=CONTEXT_SETTINGS)
@click.argument(
    "profile",
    required=False,
    type=click.Path(exists=True, dir_okay=False, path_type=str),
    metavar="[PROFIL]",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=str),
    default=None,
    help="Fichier YAML où enregistrer le profil (sinon il est affiché à la fin).",
)
@click.option(
    "--max-questions",
    type=click.IntRange(min=1),
    default=None,
    help="Nombre maximal de questions.",
)
@engine_option
def ask(
    profile: str | None,
    output: str | None,
    max_questions: int | None,
    engine: EngineName | None,
) -> None:
    """Questionnaire guidé : pose la question la plus utile, jusqu'à un classement stable.

    Part du profil PROFIL (YAML ou JSON) s'il est donné, sinon d'un profil vide. Après
    chaque réponse, affiche les trois premières formes. S'arrête quand plus aucune question
    ne peut changer la forme en tête ni trancher un verdict « À confirmer » du trio de tête,
    ou quand vous tapez « q ». « ? » ou une réponse vide : je ne sais pas.

    \b
    Exemples :
      gesform ask -o profil.yaml
      gesform ask belfort.yaml
    """
    try:
        start = read_profile_file(profile) if profile else None
    except ProfileFileError as exc:
        raise BadInput(f"Erreur / error: {exc}") from None
    except ValidationError as exc:
        raise BadInput(
            "Profil invalide / invalid profile:\n" + "\n".join(validation_lines(exc))
        ) from None
    session = QuestionnaireSession(start, recommender=get_recommender(engine))
    click.echo(
        "Questionnaire gesform — « ? » ou vide : " + DONT_KNOW_LABEL.lower() + ", « q » : arrêter."
    )
    click.echo("Classement de départ :")
    for r in session.ranking():
        click.echo(f"  {r}")
    result = run_questionnaire(
        session,
        _prompter(session),
        max_questions=max_questions,
        on_step=_show_ranking,
        on_error=_error,
    )
    click.echo("")
    if result.stopped:
        click.echo("Questionnaire arrêté.")
    elif result.stable:
        click.echo(
            "Classement stable : plus aucune question ne peut changer la forme en tête "
            "ni trancher un verdict « À confirmer » du trio de tête."
        )
    else:
        click.echo("Nombre maximal de questions atteint.")
    click.echo(f"{result.asked} question(s) posée(s). Classement :")
    for r in result.ranking[:3]:
        click.echo(f"  {r}")
    text = result.profile.to_yaml()
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"Profil enregistré dans {output}")
    else:
        click.echo("\nProfil (YAML) :")
        click.echo(text, nl=False)
