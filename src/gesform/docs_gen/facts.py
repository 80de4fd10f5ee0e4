"""The facts page ``docs/facts.md``: every derived fact, its values, questions and rules."""

from __future__ import annotations

from ..facts import FACTS, FactKind
from ..models.rules import Rule
from ..rulebase import RuleBase
from ._text import NOTICE, labels_of

__all__ = ["facts_markdown"]

_KIND_LABELS = {
    FactKind.boolean: "booléen (oui / non)",
    FactKind.enum: "une valeur parmi une liste",
    FactKind.number: "nombre",
    FactKind.set: "ensemble de valeurs (plusieurs à la fois)",
}


def _question_link(qid: str, prefix: str = "") -> str:
    return f"[`{qid}`]({prefix}profile.md#{qid})"


def facts_markdown(rules: RuleBase) -> str:
    """The derived facts: type, values, how each is obtained, the questions that settle it."""
    from ..conditions import facts_of

    used: dict[str, list[Rule]] = {name: [] for name in FACTS}
    for rule in rules:
        for name in facts_of(rule.when):
            used[name].append(rule)
    out = [NOTICE.format(src="`gesform.facts.FACTS`") + "# Les faits", ""]
    out += [
        "Les règles ne lisent pas le profil directement : elles testent des **faits**, plats et"
        " à trois valeurs, dérivés du profil en un seul endroit (le paquet `gesform/facts/`). "
        "Un fait vaut oui / non, une valeur, un nombre ou un ensemble de valeurs, ou reste "
        "**inconnu** quand le profil ne permet pas de le savoir. Une réponse explicite "
        "l'emporte toujours sur une déduction. Un ensemble (comme `objectives`) est connu "
        "valeur par valeur : « contient `share_staff` » peut être vrai pendant qu'une autre "
        "valeur reste inconnue.",
        "",
        "| Fait | Libellé | Type | Questions | Règles |",
        "| --- | --- | --- | --- | ---: |",
    ]
    for spec in FACTS.values():
        out.append(
            f"| [`{spec.name}`](#{spec.name}) | {spec.label} | {_KIND_LABELS[spec.kind]} | "
            f"{', '.join(f'`{q}`' for q in spec.questions)} | {len(used[spec.name])} |"
        )
    for spec in FACTS.values():
        out += ["", f"## `{spec.name}` — {spec.label} {{ #{spec.name} }}", ""]
        out.append(f"- **Type** : {_KIND_LABELS[spec.kind]}")
        if spec.values:
            labels = labels_of(spec)
            vals = ", ".join(
                f"`{v}` ({labels[v]})" if v in labels else f"`{v}`" for v in spec.values
            )
            out.append(f"- **Valeurs** : {vals}")
        out.append(f"- **Obtenu** : {spec.derivation}")
        out.append(
            "- **Questions qui le déterminent** : "
            + ", ".join(_question_link(q) for q in spec.questions)
        )
        rs = used[spec.name]
        if rs:
            links = ", ".join(f"[`{r.id}`](rules/{r.form_id}.md#{r.id})" for r in rs)
            out.append(f"- **Règles qui le testent** ({len(rs)}) : {links}")
        else:
            out.append("- **Règles qui le testent** : aucune pour l'instant")
    return "\n".join(out) + "\n"
