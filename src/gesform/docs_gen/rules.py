"""The rules reference pages: ``docs/rules/index.md`` and one page per form, rules in words.

The pages follow publicodes' documentation: every rule with its sentence, its condition in
words, its effect, its weight and its source.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..facts import FACTS, FactKind
from ..models.catalog import Catalog, Form
from ..models.rules import All, Any_, Condition, Effect, FactTest, Not, Rule
from ..rulebase import RuleBase
from ..scoring import BASE_SCORE, resolve_source
from ._text import NOTICE, cell, choice, value_words

__all__ = ["condition_markdown", "fact_test_words", "rules_index", "rules_markdown"]


def fact_test_words(test: FactTest) -> str:
    """One fact test in French: ``« Horizon » (`horizon`) vaut « Un projet commun durable »…``."""
    spec = FACTS[test.fact]
    name = f"« {spec.label} » (`{test.fact}`)"
    op, value = test.op, test.value
    if op == "known":
        return f"{name} est connu" if value else f"{name} est inconnu (sans réponse)"
    if spec.kind is FactKind.boolean and op in ("is", "is_not"):
        return f"{name} : {'oui' if (value is True) == (op == 'is') else 'non'}"
    values = [value_words(spec, v) for v in value] if isinstance(value, tuple) else []
    phrase = {
        "is": lambda: f"vaut {value_words(spec, value)}",
        "is_not": lambda: f"ne vaut pas {value_words(spec, value)}",
        "in": lambda: f"vaut {choice(values, 'ou')}",
        "not_in": lambda: f"ne vaut ni {choice(values, 'ni')}",
        "gt": lambda: f"est supérieur à {value_words(spec, value)}",
        "gte": lambda: f"est supérieur ou égal à {value_words(spec, value)}",
        "lt": lambda: f"est inférieur à {value_words(spec, value)}",
        "lte": lambda: f"est inférieur ou égal à {value_words(spec, value)}",
        "contains": lambda: f"contient {value_words(spec, value)}",
        "contains_any": lambda: f"contient au moins une de ces valeurs : {', '.join(values)}",
        "contains_all": lambda: f"contient toutes ces valeurs : {', '.join(values)}",
    }[op]()
    return f"{name} {phrase}"


def _condition_lines(cond: Condition, depth: int) -> list[str]:
    pad = "    " * depth
    if isinstance(cond, FactTest):
        return [f"{pad}- {fact_test_words(cond)}"]
    if isinstance(cond, Not) and isinstance(cond.not_, FactTest):
        return [f"{pad}- il est faux que {fact_test_words(cond.not_)}"]
    if isinstance(cond, All):
        head, children = "toutes ces conditions sont vraies :", cond.all
    elif isinstance(cond, Any_):
        head, children = "au moins une de ces conditions est vraie :", cond.any
    else:
        head, children = "la condition suivante est fausse :", (cond.not_,)
    lines = [f"{pad}- {head}"]
    for child in children:
        lines += _condition_lines(child, depth + 1)
    return lines


def condition_markdown(cond: Condition) -> str:
    """A condition as a nested Markdown list in French (all / any / not and each test)."""
    return "\n".join(_condition_lines(cond, 0))


def _effect_words(rule: Rule, form: Form) -> str:
    if rule.effect is Effect.exclude:
        return "**exclusion** — la forme est exclue quand la condition est vraie"
    if rule.effect is Effect.require:
        return "**condition requise** — la forme est exclue quand la condition est fausse"
    if rule.effect is Effect.bonus:
        return f"**atout** — +{rule.weight} points au score quand la condition est vraie"
    if rule.effect is Effect.malus:
        return f"**frein** — −{rule.weight} points au score quand la condition est vraie"
    vehicle = next((v for v in form.vehicles if v.id == rule.vehicle), None)
    name = vehicle.name if vehicle else rule.vehicle
    return (
        f"**support** — propose le support « {name} » (`{rule.vehicle}`) "
        "quand la condition est vraie"
    )


def _weight_words(rule: Rule) -> str:
    if rule.effect is Effect.bonus:
        return f"+{rule.weight}"
    if rule.effect is Effect.malus:
        return f"−{rule.weight}"
    return "—"


def _source_words(rule: Rule, catalog: Catalog) -> str:
    src = resolve_source(rule.source, catalog)
    if src.kind == "legal" and rule.source.legal_basis is not None:
        basis = catalog.legal_basis(rule.source.legal_basis)
        return f"[{src.label}]({src.url}) — {basis.summary} *(vérifié le {basis.checked_on})*"
    return f"{src.label} (document `{src.document}`)"


def _given_words(given: dict[str, Any]) -> str:
    if not given:
        return "aucun fait connu"
    parts = []
    for name, value in given.items():
        spec = FACTS[name]
        if isinstance(value, list):
            shown = ", ".join(value_words(spec, v) for v in value) or "(aucune valeur)"
        else:
            shown = "inconnu" if value is None else value_words(spec, value)
        parts.append(f"`{name}` = {shown}")
    return "; ".join(parts)


_FIRES = {True: "vraie", False: "fausse", None: "inconnue"}


def _file_comment(path: Path) -> list[str]:
    """The French comment lines at the top of a rule file (its sources), without the '#'."""
    if not path.is_file():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        text = line.lstrip("#").strip()
        if text and not text.startswith("yaml-language-server"):
            out.append(text)
    return out


def rules_markdown(form: Form, rules: Sequence[Rule], catalog: Catalog, rules_dir: Path) -> str:
    """The rules reference of one form: a summary table, then every rule in words."""
    src = f"rules/{form.id}.yaml"
    out = [NOTICE.format(src=f"`{src}` et `rules/criteria/`") + f"# Règles : {form.name}", ""]
    out += [
        f"Les {len(rules)} règles de la forme : celles du fichier `{src}` (exclusions, "
        "conditions, supports), puis les atouts et freins tirés du "
        "[tableau des critères](matrix.md). "
        f"La fiche de la forme : [{form.short_name}](../forms/{form.id}.md). "
        "Comment les règles deviennent un verdict et un score : [concepts](../concepts.md).",
        "",
    ]
    comment = _file_comment(rules_dir / f"{form.id}.yaml")
    if comment:
        out += ['!!! note "En tête du fichier"', "", *[f"    {c}" for c in comment], ""]
    if not rules:
        return "\n".join([*out, "Aucune règle pour cette forme.", ""])
    out += ["| Règle | Effet | Poids | Phrase |", "| --- | --- | ---: | --- |"]
    for r in rules:
        out.append(
            f"| [`{r.id}`](#{r.id}) | {r.effect.label} | {_weight_words(r)} | {cell(r.because)} |"
        )
    for r in rules:
        out += ["", f"## `{r.id}` {{ #{r.id} }}", "", f"> {r.because}", ""]
        out.append(f"- **Effet** : {_effect_words(r, form)}.")
        out.append(f"- **Poids** : {_weight_words(r)}")
        out.append(f"- **Source** : {_source_words(r, catalog)}")
        out += ["", "**Condition** — la règle s'applique quand :", "", condition_markdown(r.when)]
        if r.examples:
            out += [
                "",
                "**Exemples** (les faits non cités sont inconnus) :",
                "",
                "| Faits donnés | Condition |",
                "| --- | --- |",
            ]
            for ex in r.examples:
                out.append(f"| {cell(_given_words(ex.given))} | {_FIRES[ex.fires]} |")
    return "\n".join(out) + "\n"


def rules_index(catalog: Catalog, rules: RuleBase) -> str:
    """The rules index: the rule counts of each form, by effect."""
    out = [NOTICE.format(src="`rules/`") + "# Référence des règles", ""]
    out += [
        f"Les {len(rules)} règles de gesform, une page par forme. Chaque règle a un identifiant, "
        "une phrase en français, une condition sur les [faits](../facts.md), un effet "
        "(exclusion, condition requise, atout, frein ou support), un poids pour les atouts et "
        "freins, et une source : un article de loi ou une section d'un guide. Une condition "
        "qui porte sur un fait inconnu peut rester inconnue : voir [les concepts](../concepts.md).",
        "",
        f"Un score part de {BASE_SCORE} ; les poids des atouts et des freins qui s'appliquent "
        "s'y ajoutent ou s'en retranchent.",
        "",
        "Les atouts et les freins viennent du [tableau des critères](matrix.md), qui donne "
        "l'effet de chaque critère sur chaque forme.",
        "",
        "| Forme | Règles | Exclusions | Conditions requises | Atouts | Freins | Supports |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for form in catalog:
        rs = rules.for_form(form.id)
        counts = [sum(r.effect is e for r in rs) for e in Effect]
        out.append(
            f"| [{form.name}]({form.id}.md) | {len(rs)} | " + " | ".join(map(str, counts)) + " |"
        )
    return "\n".join(out) + "\n"
