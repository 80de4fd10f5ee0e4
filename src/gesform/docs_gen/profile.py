"""The profile page ``docs/profile.md``: from the profile's JSON Schema and the questions."""

from __future__ import annotations

import json
from typing import Any

from ..facts import FACTS
from ..questions import QUESTIONS
from ..schema import schema_for
from ._text import NOTICE, cell, number

__all__ = ["profile_markdown"]


def _non_null(prop: dict[str, Any]) -> dict[str, Any]:
    for branch in prop.get("anyOf", ()):
        if branch.get("type") != "null":
            return branch
    return prop


def _type_words(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    """The answer's type in French; a field that takes one value or a list names both."""
    branches = [b for b in prop.get("anyOf", ()) if b.get("type") != "null"]
    if len(branches) > 1:
        return ", ou ".join(_branch_words(b, defs) for b in branches)
    return _branch_words(_non_null(prop), defs)


def _branch_words(p: dict[str, Any], defs: dict[str, Any]) -> str:
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
            bounds.append(f"≥ {number(p['minimum'])}")
        if "maximum" in p:
            bounds.append(f"≤ {number(p['maximum'])}")
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
    out = [NOTICE.format(src="`gesform.Profile` et `gesform.questions`") + "# Le profil", ""]
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
            f"| `{name}` | {prop.get('title', '')} | {_type_words(prop, defs)} | {cell(desc)} |"
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
