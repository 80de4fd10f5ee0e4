"""Where a statement comes from: a legal basis of the catalog, a seed section or a web page."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field, HttpUrl, StringConstraints, model_validator

from .base import Frozen

__all__ = ["SEED_FILES", "Identifier", "LegalBasis", "SeedFile", "SourceRef", "Text"]

#: The five source documents of ``shared/seeds`` (see their README).
SEED_FILES: tuple[str, ...] = (
    "000_ca7470b51a082df8.txt",
    "001_3ae8dc2222008964.txt",
    "002_0abfdb7c08074b42.txt",
    "003_f605252dc8d400e4.txt",
    "004_93ecacb172b7e461.txt",
)

SeedFile = Literal[
    "000_ca7470b51a082df8.txt",
    "001_3ae8dc2222008964.txt",
    "002_0abfdb7c08074b42.txt",
    "003_f605252dc8d400e4.txt",
    "004_93ecacb172b7e461.txt",
]

#: A snake_case identifier (form, legal basis, vehicle, rule part).
Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=80)]
#: Text for people: non-empty once stripped.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class LegalBasis(Frozen):
    """One article of law behind a form: its link, the date it was checked (``checked_on``) and
    the date of the version of the text that was read (``read_on``, with ``in_force_since`` when
    the source gives the start of that version), so a stale reading shows."""

    id: Identifier = Field(description="Identifiant unique dans tout le catalogue.")
    text: Text = Field(description="Texte : code ou loi (ex. « Code de commerce »).")
    article: Text = Field(description="Article (ex. « L251-1 »).")
    url: HttpUrl = Field(description="Lien vers le texte (Légifrance de préférence).")
    checked_on: date = Field(description="Date de la dernière vérification de la référence.")
    read_on: date = Field(
        description=(
            "Date de la version du texte lue : l'article tel qu'il était en vigueur ce jour-là "
            "(version consolidée ou copie datée). Une date ancienne signale une version à relire."
        )
    )
    in_force_since: date | None = Field(
        default=None,
        description="Début de vigueur de la version lue, quand la source le donne.",
    )
    summary: Text = Field(description="Ce que dit l'article, en une ou deux phrases.")

    @model_validator(mode="after")
    def _dates_in_order(self) -> LegalBasis:
        if self.read_on > self.checked_on:
            raise ValueError(
                f"base légale '{self.id}' : 'read_on' ({self.read_on}) postérieure à 'checked_on' "
                f"({self.checked_on}) / read_on after checked_on"
            )
        if self.in_force_since is not None and self.in_force_since > self.read_on:
            raise ValueError(
                f"base légale '{self.id}' : 'in_force_since' postérieure à 'read_on' "
                "/ in_force_since after read_on"
            )
        return self

    @property
    def label(self) -> str:
        """« Code de commerce, art. L251-1 »."""
        return f"{self.text}, art. {self.article}"


class SourceRef(Frozen):
    """A reference: exactly one of a catalog legal basis id, a seed file (+ section) or a URL."""

    legal_basis: Identifier | None = Field(
        default=None, description="Identifiant d'une base légale du catalogue."
    )
    seed: SeedFile | None = Field(default=None, description="Document source (shared/seeds).")
    section: Text | None = Field(default=None, description="Section du document source.")
    url: HttpUrl | None = Field(default=None, description="Page web (texte, fiche pratique).")
    title: Text | None = Field(default=None, description="Titre de la page web.")

    @model_validator(mode="after")
    def _exactly_one_kind(self) -> SourceRef:
        kinds = [k for k in ("legal_basis", "seed", "url") if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise ValueError(
                "une source a exactement un de : legal_basis, seed (+ section), url "
                f"/ exactly one of legal_basis, seed, url (found: {kinds or 'none'})"
            )
        if self.seed is not None and self.section is None:
            raise ValueError("une source 'seed' précise sa 'section' / seed needs a section")
        if self.section is not None and self.seed is None:
            raise ValueError("'section' va avec 'seed' / section goes with seed")
        if self.title is not None and self.url is None:
            raise ValueError("'title' va avec 'url' / title goes with url")
        return self
