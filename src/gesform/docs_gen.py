"""Generate the documentation pages that come from data: forms, rules, facts, profile, CLI, schemas.

``scripts/gen_docs.py`` writes them under ``docs/``; ``tests/test_docs.py`` regenerates them in
a temporary folder and fails when the committed pages differ. The rules reference follows
publicodes' documentation: every rule with its sentence, its condition in words, its effect,
its weight and its source.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .docs_matrix import matrix_markdown
from .facts import FACTS, FactKind, FactSpec
from .legal_sources import sources_markdown
from .loading import load_catalog
from .models import enums as _enums
from .models.catalog import Catalog, Form
from .models.rules import All, Any_, Condition, Effect, FactTest, Not, Rule
from .questions import QUESTIONS
from .rulebase import RuleBase, load_rules
from .schema import SCHEMA_NAMES, schema_for, schema_json
from .scoring import BASE_SCORE, resolve_source

__all__ = [
    "GENERATED_DIRS",
    "GENERATED_FILES",
    "cli_markdown",
    "condition_markdown",
    "fact_test_words",
    "facts_markdown",
    "generate",
    "profile_markdown",
    "rules_markdown",
    "stale_files",
    "write_docs",
]

#: Folders of ``docs/`` whose every file is generated (stale files there are removed).
GENERATED_DIRS: tuple[str, ...] = ("forms", "rules", "schemas")
#: Single generated pages of ``docs/``.
GENERATED_FILES: tuple[str, ...] = ("facts.md", "profile.md", "cli.md", "sources.md")

_NOTICE = (
    "<!-- Page générée par scripts/gen_docs.py à partir de {src} : ne pas la modifier à la main."
    " -->\n\n"
)

_KIND_LABELS = {
    FactKind.boolean: "booléen (oui / non)",
    FactKind.enum: "une valeur parmi une liste",
    FactKind.number: "nombre",
    FactKind.set: "ensemble de valeurs (plusieurs à la fois)",
}


# --- values in words -----------------------------------------------------------------------
def _enum_labels() -> dict[tuple[str, ...], dict[str, str]]:
    out: dict[tuple[str, ...], dict[str, str]] = {}
    for name in _enums.__all__:
        cls = getattr(_enums, name)
        if isinstance(cls, type) and issubclass(cls, _enums.LabelledEnum) and list(cls):
            out[tuple(m.value for m in cls)] = cls.labels()
    return out


_LABELS_BY_VALUES = _enum_labels()


def _labels_of(spec: FactSpec) -> dict[str, str]:
    return _LABELS_BY_VALUES.get(spec.values, {})


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace(".", ",")


def _value(spec: FactSpec, value: Any) -> str:
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int | float):
        return _number(value)
    label = _labels_of(spec).get(str(value))
    return f"« {label} » (`{value}`)" if label else f"`{value}`"


def _choice(items: Sequence[str], last: str) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {last} {items[-1]}"


def fact_test_words(test: FactTest) -> str:
    """One fact test in French: ``« Horizon » (`horizon`) vaut « Un projet commun durable »…``."""
    spec = FACTS[test.fact]
    name = f"« {spec.label} » (`{test.fact}`)"
    op, value = test.op, test.value
    if op == "known":
        return f"{name} est connu" if value else f"{name} est inconnu (sans réponse)"
    if spec.kind is FactKind.boolean and op in ("is", "is_not"):
        return f"{name} : {'oui' if (value is True) == (op == 'is') else 'non'}"
    values = [_value(spec, v) for v in value] if isinstance(value, tuple) else []
    phrase = {
        "is": lambda: f"vaut {_value(spec, value)}",
        "is_not": lambda: f"ne vaut pas {_value(spec, value)}",
        "in": lambda: f"vaut {_choice(values, 'ou')}",
        "not_in": lambda: f"ne vaut ni {_choice(values, 'ni')}",
        "gt": lambda: f"est supérieur à {_value(spec, value)}",
        "gte": lambda: f"est supérieur ou égal à {_value(spec, value)}",
        "lt": lambda: f"est inférieur à {_value(spec, value)}",
        "lte": lambda: f"est inférieur ou égal à {_value(spec, value)}",
        "contains": lambda: f"contient {_value(spec, value)}",
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


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _given_words(given: dict[str, Any]) -> str:
    if not given:
        return "aucun fait connu"
    parts = []
    for name, value in given.items():
        spec = FACTS[name]
        if isinstance(value, list):
            shown = ", ".join(_value(spec, v) for v in value) or "(aucune valeur)"
        else:
            shown = "inconnu" if value is None else _value(spec, value)
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
    out = [_NOTICE.format(src=f"`{src}` et `rules/criteria/`") + f"# Règles : {form.name}", ""]
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
            f"| [`{r.id}`](#{r.id}) | {r.effect.label} | {_weight_words(r)} | {_cell(r.because)} |"
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
                out.append(f"| {_cell(_given_words(ex.given))} | {_FIRES[ex.fires]} |")
    return "\n".join(out) + "\n"


def _rules_index(catalog: Catalog, rules: RuleBase) -> str:
    out = [_NOTICE.format(src="`rules/`") + "# Référence des règles", ""]
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


# --- forms -----------------------------------------------------------------------------------
def _form_page(form: Form, catalog: Catalog, n_rules: int) -> str:
    from .display.markdown import form_markdown

    text = form_markdown(form, catalog).rstrip("\n")
    see = (
        f"\n\n## Règles\n\n[Les {n_rules} règles de cette forme](../rules/{form.id}.md) : "
        "ce qui l'exclut, ce qui compte pour et contre elle, avec leurs sources.\n"
    )
    return _NOTICE.format(src="`data/structures.yaml`") + text + see


def _forms_index(catalog: Catalog) -> str:
    out = [_NOTICE.format(src="`data/structures.yaml`") + "# Les formes de coopération", ""]
    out += [
        f"Catalogue {catalog.catalog_version} (mis à jour le {catalog.updated_on}) : "
        f"{len(catalog)} formes. Chaque fiche donne les bases légales (avec leur lien "
        "Légifrance), qui peut être membre, le capital, la responsabilité, la gouvernance, les "
        "avantages, les inconvénients, l'avis du conseil et des exemples réels, chaque "
        "affirmation avec sa source.",
        "",
        "| Forme | Famille | Personne morale | Statut juridique | Membres min. | Responsabilité |",
        "| --- | --- | --- | --- | ---: | --- |",
    ]
    for f in catalog:
        yes = {True: "oui", False: "non"}
        out.append(
            f"| [{f.name}]({f.id}.md) | {f.family.label} | {yes[f.legal_person]} | "
            f"{yes[f.legal_status]} | {f.membership.min_members} | {f.liability.kind.label} |"
        )
    return "\n".join(out) + "\n"


# --- facts -------------------------------------------------------------------------------------
def _question_link(qid: str, prefix: str = "") -> str:
    return f"[`{qid}`]({prefix}profile.md#{qid})"


def facts_markdown(rules: RuleBase) -> str:
    """The derived facts: type, values, how each is obtained, the questions that settle it."""
    from .conditions import facts_of

    used: dict[str, list[Rule]] = {name: [] for name in FACTS}
    for rule in rules:
        for name in facts_of(rule.when):
            used[name].append(rule)
    out = [_NOTICE.format(src="`gesform.facts.FACTS`") + "# Les faits", ""]
    out += [
        "Les règles ne lisent pas le profil directement : elles testent des **faits**, plats et "
        "à trois valeurs, dérivés du profil en un seul endroit (`gesform/facts.py`). Un fait "
        "vaut oui / non, une valeur, un nombre ou un ensemble de valeurs, ou reste **inconnu** "
        "quand le profil ne permet pas de le savoir. Une réponse explicite l'emporte toujours "
        "sur une déduction. Un ensemble (comme `objectives`) est connu valeur par valeur : "
        "« contient `share_staff` » peut être vrai pendant qu'une autre valeur reste inconnue.",
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
            labels = _labels_of(spec)
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


# --- profile -------------------------------------------------------------------------------------
def _non_null(prop: dict[str, Any]) -> dict[str, Any]:
    for branch in prop.get("anyOf", ()):
        if branch.get("type") != "null":
            return branch
    return prop


def _type_words(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    p = _non_null(prop)
    if "$ref" in p:
        d = defs[p["$ref"].rsplit("/", 1)[1]]
        return "une valeur parmi la liste ci-dessous" if "enum" in d else "objet"
    kind = p.get("type")
    if "const" in p:
        return f"la constante `{p['const']}`"
    if kind == "array":
        bounds = []
        if "minItems" in p:
            bounds.append(f"au moins {p['minItems']}")
        if "maxItems" in p:
            bounds.append(f"au plus {p['maxItems']}")
        items = p.get("items", {})
        what = "membres" if items.get("$ref", "").endswith("/Member") else "valeurs"
        if "anyOf" in items:
            what = "valeurs de la liste ou libellés libres"
        return f"liste de {what}" + (f" ({', '.join(bounds)})" if bounds else "")
    if kind == "boolean":
        return "booléen (`true` / `false`)"
    if kind in ("number", "integer"):
        bounds = []
        if "minimum" in p:
            bounds.append(f"≥ {_number(p['minimum'])}")
        if "maximum" in p:
            bounds.append(f"≤ {_number(p['maximum'])}")
        return "nombre" + (f" ({', '.join(bounds)})" if bounds else "")
    if kind == "string":
        return "texte" + (f" (au plus {p['maxLength']} caractères)" if "maxLength" in p else "")
    return str(kind or "valeur")


def _enum_def(prop: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any] | None:
    p = _non_null(prop)
    refs = [p.get("$ref", "")]
    items = p.get("items", {})
    refs.append(items.get("$ref", ""))
    refs += [b.get("$ref", "") for b in items.get("anyOf", ())]
    for ref in refs:
        if ref:
            d = defs[ref.rsplit("/", 1)[1]]
            if "enum" in d:
                return d
    return None


def _field_section(
    qid: str, prop: dict[str, Any], defs: dict[str, Any], facts_by_q: dict[str, list[str]]
) -> list[str]:
    q = QUESTIONS.get(qid)
    title = q.title if q else prop.get("title", qid)
    out = ["", f"### `{qid}` — {title} {{ #{qid} }}", ""]
    if q:
        out += [f"> {q.question}", ""]
    help_text = prop.get("description") or (q.help if q else "")
    if help_text:
        out += [help_text, ""]
    out.append(f"- **Type** : {_type_words(prop, defs)} ; absent ou `null` = sans réponse")
    facts = facts_by_q.get(qid, [])
    if facts:
        out.append(
            "- **Faits qu'il détermine** : " + ", ".join(f"[`{f}`](facts.md#{f})" for f in facts)
        )
    enum = _enum_def(prop, defs)
    if enum:
        labels = enum.get("x-labels-fr", {})
        out += ["", "| Valeur | Libellé |", "| --- | --- |"]
        out += [f"| `{v}` | {labels.get(v, '')} |" for v in enum["enum"]]
    return out


def profile_markdown() -> str:
    """The profile reference, from the profile's JSON Schema and the question registry."""
    schema = schema_for("profile")
    defs = schema["$defs"]
    props = schema["properties"]
    facts_by_q: dict[str, list[str]] = {}
    for spec in FACTS.values():
        for q in spec.questions:
            facts_by_q.setdefault(q, []).append(spec.name)
    out = [_NOTICE.format(src="`gesform.Profile` et `gesform.questions`") + "# Le profil", ""]
    out += [
        "Le **profil de coopération** décrit le groupe : ses membres, ce qu'ils veulent faire "
        "ensemble, leurs contraintes. C'est le contrat public de gesform : les noms des champs "
        "et les valeurs sont en anglais et stables (voir le [journal des versions]"
        "(changelog.md)), les libellés en français. **Tout champ est facultatif** : absent ou "
        "`null`, il signifie « pas encore de réponse », et la réponse de gesform dit quelles "
        "questions comptent le plus. Un champ inconnu ou une valeur hors liste est refusé avec "
        "un message qui nomme le champ.",
        "",
        "Les textes sont gardés tels qu'ils sont écrits, espaces compris : leur longueur est "
        "celle que compte le schéma JSON, et le schéma et gesform acceptent exactement les mêmes "
        "profils (sauf des réponses qui se contredisent, refusées avec l'erreur "
        "`incoherent_profile`). Un libellé libre de `shared_functions` doit contenir au moins un "
        "caractère qui n'est pas un blanc. Les messages d'erreur sont en français puis en "
        "anglais, avec la valeur reçue, et proposent le nom voulu pour un champ ou une valeur "
        "presque juste (« vouliez-vous dire `same_territory` ? » pour `sameTerritory`).",
        "",
        "Schéma JSON : [`schemas/profile.schema.json`](schemas/profile.schema.json) "
        "(aussi `gesform schema profile` et `GET /schema/profile`).",
        "",
        "```yaml",
        "# Un profil minimal (YAML ou JSON, au plus 1 Mio)",
        "members:",
        "  - {name: Atelier, kind: association, siae: aci, employees: 12}",
        "  - {name: Ressourcerie, kind: scic, employees: 8}",
        "objectives: [share_staff, share_support_functions]",
        "independence: strong",
        "```",
        "",
        "## Champs descriptifs",
        "",
        "Ils ne sont pas des questions : aucune règle ne les teste.",
        "",
        "| Champ | Titre | Type | Description |",
        "| --- | --- | --- | --- |",
    ]
    for name, prop in props.items():
        if name in QUESTIONS:
            continue
        desc = prop.get("description", "")
        out.append(
            f"| `{name}` | {prop.get('title', '')} | {_type_words(prop, defs)} | {_cell(desc)} |"
        )
    out += ["", "## Questions", ""]
    out.append(
        "Chaque question a un identifiant (le nom du champ), celui que citent les questions "
        "ouvertes d'une réponse (`missing[].id`)."
    )
    for name, prop in props.items():
        if name in QUESTIONS:
            out += _field_section(name, prop, defs, facts_by_q)
    member = defs["Member"]
    out += ["", "## Les membres", ""]
    out.append(
        "Chaque élément de `members` décrit une structure (ou une personne). Les détails "
        "demandés pour chaque membre ont un identifiant de question `members.<champ>` : ils "
        "sont « répondus » quand chaque membre les donne."
    )
    for name, prop in member["properties"].items():
        qid = f"members.{name}"
        if qid in QUESTIONS:
            out += _field_section(qid, prop, defs, facts_by_q)
        else:
            out += ["", f"### `members[].{name}` — {prop.get('title', name)}", ""]
            if prop.get("description"):
                out += [prop["description"], ""]
            nullable = any(b.get("type") == "null" for b in prop.get("anyOf", ()))
            absent = (
                "absent ou `null` = sans réponse"
                if nullable
                else f"absent = {json.dumps(prop['default'])} (`null` refusé)"
            )
            out.append(f"- **Type** : {_type_words(prop, defs)} ; {absent}")
            enum = _enum_def(prop, defs)
            if enum:
                labels = enum.get("x-labels-fr", {})
                out += ["", "| Valeur | Libellé |", "| --- | --- |"]
                out += [f"| `{v}` | {labels.get(v, '')} |" for v in enum["enum"]]
    return "\n".join(out) + "\n"


# --- command line --------------------------------------------------------------------------------
def _commands() -> dict[str, Any]:
    from .cli import cli
    from .commands.schema import schema
    from .commands.serve import serve

    return {"schema": schema, "serve": serve, **cli.commands}


def cli_markdown(width: int = 100) -> str:
    """Every command's French ``--help``, the exit codes and the output rules."""

    from .cli import cli

    group = copy.copy(cli)
    group.commands = _commands()
    root = group.context_class(  # the French help formatter of gesform's commands
        group,
        info_name="gesform",
        terminal_width=width,
        max_content_width=width,
        **group.context_settings,
    )
    out = [_NOTICE.format(src="l'aide (`--help`) de chaque commande") + "# Ligne de commande", ""]
    out += [
        "La commande `gesform` est installée avec le paquet. Chaque commande a une aide en "
        "français avec des exemples : `gesform COMMANDE --help` (ou `-h`).",
        "",
        "## Codes de sortie",
        "",
        "| Code | Signification |",
        "| ---: | --- |",
        "| 0 | Succès. |",
        "| 1 | Erreur interne (un bogue ou des données du paquet invalides) : message sur la "
        "sortie d'erreur. |",
        "| 2 | Entrée invalide : fichier introuvable ou illisible, profil invalide (le message "
        "nomme le champ), identifiant de forme inconnu (le message liste les identifiants "
        "valides), option invalide. |",
        "| 3 | `gesform validate` seulement : un cas réel n'a pas la forme choisie dans les "
        "trois premières. |",
        "",
        "## Sortie",
        "",
        "Les erreurs vont sur la sortie d'erreur, jamais sur la sortie standard. Quand la "
        "sortie standard n'est pas un terminal (redirection, tube), elle est du texte simple : "
        "pas de couleurs, sur la largeur donnée par la variable `COLUMNS` (200 colonnes si elle "
        "n'est pas définie). `gesform recommend` affiche par défaut une ligne par forme et sa "
        "raison principale (80 colonnes suffisent) ; `--full` donne le tableau détaillé. "
        "`--format json` donne un JSON stable (mêmes octets pour le même profil), décrit par "
        "les schémas JSON (`gesform schema`) ; `--format md` du Markdown.",
        "",
        "## gesform",
        "",
        "```text",
        group.get_help(root),
        "```",
    ]
    for name in sorted(group.commands):
        cmd = group.commands[name]
        ctx = cmd.context_class(cmd, info_name=name, parent=root, **cmd.context_settings)
        out += ["", f"## gesform {name}", "", "```text", cmd.get_help(ctx), "```"]
    return "\n".join(out) + "\n"


# --- everything ----------------------------------------------------------------------------------
def generate(catalog: Catalog | None = None, rules: RuleBase | None = None) -> dict[str, str]:
    """Every generated file of ``docs/``: relative path → text."""
    catalog = catalog if catalog is not None else load_catalog()
    rules = rules if rules is not None else load_rules(catalog=catalog)
    pages: dict[str, str] = {}
    pages["forms/index.md"] = _forms_index(catalog)
    pages["rules/index.md"] = _rules_index(catalog, rules)
    pages["rules/matrix.md"] = matrix_markdown(rules, catalog)
    for form in catalog:
        rs = rules.for_form(form.id)
        pages[f"forms/{form.id}.md"] = _form_page(form, catalog, len(rs))
        pages[f"rules/{form.id}.md"] = rules_markdown(form, rs, catalog, rules.directory)
    pages["facts.md"] = facts_markdown(rules)
    pages["profile.md"] = profile_markdown()
    pages["cli.md"] = cli_markdown()
    pages["sources.md"] = sources_markdown(catalog, rules)
    for name in SCHEMA_NAMES:
        pages[f"schemas/{name}.schema.json"] = schema_json(name)
    return pages


def _existing(docs_dir: Path) -> Iterable[str]:
    for d in GENERATED_DIRS:
        folder = docs_dir / d
        if folder.is_dir():
            for p in sorted(folder.rglob("*")):
                if p.is_file():
                    yield p.relative_to(docs_dir).as_posix()


def stale_files(docs_dir: str | Path, pages: dict[str, str] | None = None) -> list[str]:
    """Generated files of *docs_dir* that are missing, different, or no longer generated."""
    d = Path(docs_dir)
    pages = pages if pages is not None else generate()
    out = []
    for rel, text in pages.items():
        p = d / rel
        if not p.is_file() or p.read_text(encoding="utf-8") != text:
            out.append(rel)
    out += [rel for rel in _existing(d) if rel not in pages]
    return sorted(out)


def write_docs(docs_dir: str | Path) -> list[str]:
    """Write every generated file under *docs_dir*, remove stale ones; the paths changed."""
    d = Path(docs_dir)
    pages = generate()
    changed = stale_files(d, pages)
    for rel in _existing(d):
        if rel not in pages:
            (d / rel).unlink()
    for rel, text in pages.items():
        p = d / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if not p.is_file() or p.read_text(encoding="utf-8") != text:
            p.write_text(text, encoding="utf-8", newline="\n")
    return changed
