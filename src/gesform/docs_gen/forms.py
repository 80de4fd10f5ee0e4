"""The forms pages: ``docs/forms/index.md`` and one page per form of the catalog."""

from __future__ import annotations

from ..models.catalog import Catalog, Form
from ._text import NOTICE

__all__ = ["form_page", "forms_index"]


def form_page(form: Form, catalog: Catalog, n_rules: int) -> str:
    """The page of one form: its catalog entry and a link to its rules."""
    from ..display.markdown import form_markdown

    text = form_markdown(form, catalog).rstrip("\n")
    see = (
        f"\n\n## Règles\n\n[Les {n_rules} règles de cette forme](../rules/{form.id}.md) : "
        "ce qui l'exclut, ce qui compte pour et contre elle, avec leurs sources.\n"
    )
    return NOTICE.format(src="`data/structures.yaml`") + text + see


def forms_index(catalog: Catalog) -> str:
    """The forms index: one row per form of the catalog."""
    out = [NOTICE.format(src="`data/structures.yaml`") + "# Les formes de coopération", ""]
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
