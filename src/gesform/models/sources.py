"""Where a statement comes from: a legal basis of the catalog, a source document or a web page."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field, HttpUrl, StringConstraints, model_validator

from .base import Frozen

__all__ = [
    "SEED_FILE_PATTERN",
    "Document",
    "DocumentId",
    "Identifier",
    "LegalBasis",
    "SeedFile",
    "SourceRef",
    "Text",
]

#: The name of a source file of ``shared/seeds`` (``003_f605252dc8d400e4.txt``): an internal
#: id, mapped to its document by ``data/documents.yaml``; never shown to a reader.
SEED_FILE_PATTERN = r"^[0-9]{3}_[0-9a-f]{16}\.txt$"

SeedFile = Annotated[str, StringConstraints(pattern=SEED_FILE_PATTERN)]

#: A snake_case identifier (form, legal basis, vehicle, rule part).
Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=80)]
#: Text for people: non-empty once stripped.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
#: The readable id of a source document of ``data/documents.yaml`` (``guide_cress_cvl``).
DocumentId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=80)]


class Document(Frozen):
    """A source document: its title, publisher, date, link, and the seed file it is."""

    id: DocumentId = Field(description="Identifiant lisible, cité par les règles et le catalogue.")
    title: Text = Field(description="Titre du document.")
    publisher: Text = Field(description="Éditeur ou auteur (réseau, institution).")
    date: (
        Annotated[str, StringConstraints(pattern=r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")] | None
    ) = Field(default=None, description="Date de publication : AAAA, AAAA-MM ou AAAA-MM-JJ.")
    url: HttpUrl | None = Field(default=None, description="Lien public, s'il en existe un.")
    seed: SeedFile | None = Field(
        default=None, description="Fichier de shared/seeds qui contient ce document."
    )

    @property
    def label(self) -> str:
        """« Éditeur, Titre (année) » : how a reader sees the document."""
        year = f" ({self.date[:4]})" if self.date else ""
        return f"{self.publisher}, {self.title}{year}"


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
    """A reference: exactly one of a catalog legal basis id, a document (+ section) or a URL.

    A document is cited by its id (``document: guide_cress_cvl``) or, the legacy way, by its
    seed file (``seed: 003_….txt``), both mapped through ``data/documents.yaml``.
    """

    legal_basis: Identifier | None = Field(
        default=None, description="Identifiant d'une base légale du catalogue."
    )
    document: DocumentId | None = Field(
        default=None, description="Document source (identifiant de data/documents.yaml)."
    )
    seed: SeedFile | None = Field(
        default=None, description="Document source, par son fichier (ancienne forme)."
    )
    section: Text | None = Field(default=None, description="Section du document source.")
    url: HttpUrl | None = Field(default=None, description="Page web (texte, fiche pratique).")
    title: Text | None = Field(default=None, description="Titre de la page web.")

    @model_validator(mode="after")
    def _exactly_one_kind(self) -> SourceRef:
        kinds = [
            k for k in ("legal_basis", "document", "seed", "url") if getattr(self, k) is not None
        ]
        if len(kinds) != 1:
            raise ValueError(
                "une source a exactement un de : legal_basis, document (+ section), url "
                f"/ exactly one of legal_basis, document, url (found: {kinds or 'none'})"
            )
        cites_document = self.document is not None or self.seed is not None
        if cites_document and self.section is None:
            raise ValueError(
                "une source 'document' précise sa 'section' / a document needs a section"
            )
        if self.section is not None and not cites_document:
            raise ValueError("'section' va avec 'document' / section goes with document")
        if self.title is not None and self.url is None:
            raise ValueError("'title' va avec 'url' / title goes with url")
        return self
