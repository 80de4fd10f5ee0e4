"""``compare``: cooperation forms side by side (members, capital, liability, governance…)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .display.words import members_text
from .loading import load_catalog
from .models.base import Frozen
from .models.catalog import Catalog, Form
from .models.views import render

__all__ = ["ASPECTS", "Comparison", "compare"]

#: The rows of a comparison: (aspect id, French label).
ASPECTS: tuple[tuple[str, str], ...] = (
    ("nature", "Nature juridique"),
    ("members", "Membres"),
    ("capital", "Capital"),
    ("liability", "Responsabilité des membres"),
    ("governance", "Gouvernance"),
    ("profits", "Répartition des résultats"),
    ("setup", "Mise en place"),
    ("advantages", "Avantages"),
    ("drawbacks", "Inconvénients"),
)


def _cell(form: Form, aspect: str) -> tuple[str, ...]:
    """The French text of one aspect of one form, as one or more items."""
    if aspect == "nature":
        person = "personne morale" if form.legal_person else "sans personnalité morale"
        status = (
            "statut juridique"
            if form.legal_status
            else f"support : {form.default_vehicle.name if form.default_vehicle else '?'}"
        )
        return (f"{form.family.label} ; {person} ; {status}",)
    if aspect == "members":
        m = form.membership
        count = members_text(m)
        return (f"{count[0].upper()}{count[1:]} : {' ; '.join(m.who_may)}",)
    if aspect == "capital":
        return (form.capital.text,)
    if aspect == "liability":
        return (f"{form.liability.kind.label}. {form.liability.text}",)
    if aspect == "governance":
        return (form.governance.text,)
    if aspect == "profits":
        return (form.profit_distribution.text,)
    if aspect == "setup":
        s = form.setup
        return (f"Effort {s.effort.label}" + (f" ; {s.duration}" if s.duration else ""),)
    if aspect == "advantages":
        return tuple(a.text for a in form.advantages)
    if aspect == "drawbacks":
        return tuple(d.text for d in form.drawbacks)
    raise KeyError(aspect)


class Comparison(Frozen):
    """Several forms of the catalog side by side, one row per aspect."""

    forms: tuple[Form, ...]
    catalog_version: str

    @property
    def ids(self) -> tuple[str, ...]:
        """The compared form ids, in the order asked."""
        return tuple(f.id for f in self.forms)

    def rows(self) -> list[tuple[str, list[tuple[str, ...]]]]:
        """(French aspect label, one tuple of text items per form) for every aspect."""
        return [(label, [_cell(f, aspect) for f in self.forms]) for aspect, label in ASPECTS]

    def to_dataframe(self) -> Any:
        """A pandas DataFrame: one row per aspect, one column per form (needs pandas)."""
        return render("comparison_frame", self)

    def to_markdown(self) -> str:
        """A Markdown table: one row per aspect, one column per form."""

        def cell(items: tuple[str, ...]) -> str:
            text = items[0] if len(items) == 1 else "<br>".join(f"• {i}" for i in items)
            return text.replace("|", "\\|").replace("\n", " ")

        head = "| | " + " | ".join(f.short_name for f in self.forms) + " |"
        sep = "| --- |" + " --- |" * len(self.forms)
        lines = [head, sep]
        for label, cells in self.rows():
            lines.append(f"| **{label}** | " + " | ".join(cell(c) for c in cells) + " |")
        return "\n".join(lines) + "\n"

    def _repr_html_(self) -> str:
        return str(render("comparison_html", self))

    def __repr__(self) -> str:
        return f"Comparison({', '.join(self.ids)})"


def compare(form_ids: Iterable[str] | str, *, catalog: Catalog | None = None) -> Comparison:
    """The forms *form_ids* side by side; an unknown id raises :class:`UnknownFormError`.

    >>> compare(["scic", "gie"]).ids  # doctest: +SKIP
    ('scic', 'gie')
    """
    catalog = catalog or load_catalog()
    ids = [form_ids] if isinstance(form_ids, str) else list(form_ids)
    unique = list(dict.fromkeys(ids))
    if not unique:
        raise ValueError("donner au moins une forme à comparer / give at least one form id")
    forms = tuple(catalog[form_id] for form_id in unique)
    return Comparison(forms=forms, catalog_version=catalog.catalog_version)
