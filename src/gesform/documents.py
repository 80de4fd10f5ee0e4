"""The source documents (``data/documents.yaml``) and the one function that renders a source.

Rules and the catalog cite a document by its readable id (``document: guide_cress_cvl``) or,
the legacy way, by its seed file (``seed: 003_….txt``); both resolve here to a
:class:`~gesform.models.sources.Document`, whose title is what a reader sees. The file is
checked like the catalog: a problem raises :class:`~gesform.errors.DataFileError` naming the
file, the entry and the field.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Protocol

from pydantic import ValidationError

from .errors import DataFileError, RuleFileError
from .loading import (
    MemoCache,
    _iter_sources,
    describe_validation_error,
    file_stamp,
    read_yaml_mapping,
)
from .models.catalog import Catalog
from .models.rules import Rule
from .models.sources import Document
from .resources import data_dir

__all__ = [
    "Documents",
    "SourceLike",
    "check_catalog_documents",
    "check_rule_documents",
    "documents_file",
    "load_documents",
    "resolve_document",
    "source_label",
]


class SourceLike(Protocol):
    """What a source reference carries (rule source or catalog source)."""

    @property
    def legal_basis(self) -> str | None: ...
    @property
    def document(self) -> str | None: ...
    @property
    def seed(self) -> str | None: ...
    @property
    def section(self) -> str | None: ...


def documents_file() -> Path:
    """The documents file ``documents.yaml`` (beside ``structures.yaml``)."""
    return data_dir() / "documents.yaml"


class Documents:
    """Every source document, by id and by seed file."""

    def __init__(self, documents: tuple[Document, ...], path: Path) -> None:
        self.path = path
        self.by_id: dict[str, Document] = {d.id: d for d in documents}
        self.by_seed: dict[str, Document] = {d.seed: d for d in documents if d.seed}

    def __iter__(self) -> Iterator[Document]:
        return iter(self.by_id.values())

    def __len__(self) -> int:
        return len(self.by_id)

    def __contains__(self, document_id: object) -> bool:
        return document_id in self.by_id

    def __getitem__(self, document_id: str) -> Document:
        return self.by_id[document_id]

    def find(self, ref: SourceLike) -> Document | None:
        """The document *ref* cites (by id or by seed file), or None if it cites none."""
        if ref.document is not None:
            return self.by_id.get(ref.document)
        if ref.seed is not None:
            return self.by_seed.get(ref.seed)
        return None

    def problem(self, ref: SourceLike) -> tuple[str, str] | None:
        """(field, message) when *ref* cites a document this file does not hold, else None."""
        if ref.document is not None and ref.document not in self.by_id:
            return "source.document", (
                f"document inconnu '{ref.document}' ; documents : "
                f"{', '.join(self.by_id)} ({self.path.name}) / unknown document"
            )
        if ref.seed is not None and ref.seed not in self.by_seed:
            return "source.seed", (
                f"fichier source inconnu '{ref.seed}' : aucun document de {self.path.name} "
                "ne lui correspond / unknown seed file"
            )
        return None


def _parse(path: Path) -> Documents:
    raw = read_yaml_mapping(path)
    entries = raw.get("documents")
    if not isinstance(entries, dict) or not entries:
        raise DataFileError(
            path, "'documents' doit être un dictionnaire non vide", field="documents"
        )
    extra = set(raw) - {"documents"}
    if extra:
        raise DataFileError(path, f"clés inconnues : {', '.join(sorted(map(str, extra)))}")
    docs: list[Document] = []
    seeds: dict[str, str] = {}
    for doc_id, entry in entries.items():
        if not isinstance(entry, dict):
            raise DataFileError(path, "un dictionnaire est attendu", entry=str(doc_id))
        if "id" in entry:
            raise DataFileError(
                path, "l'identifiant est la clé de l'entrée, pas un champ 'id'", entry=str(doc_id)
            )
        try:
            doc = Document.model_validate({**entry, "id": doc_id})
        except ValidationError as exc:
            field, message = describe_validation_error(exc)
            raise DataFileError(path, message, entry=str(doc_id), field=field) from None
        if doc.seed is not None and doc.seed in seeds:
            raise DataFileError(
                path,
                f"fichier source déjà attribué à '{seeds[doc.seed]}' / seed file used twice",
                entry=doc.id,
                field="seed",
            )
        if doc.seed is not None:
            seeds[doc.seed] = doc.id
        docs.append(doc)
    return Documents(tuple(docs), path)


_DOCUMENTS: MemoCache[Documents] = MemoCache()


def load_documents(path: str | Path | None = None) -> Documents:
    """Load ``documents.yaml`` (the packaged one by default), checked; cached per file and
    modification time. Raises :class:`~gesform.errors.DataFileError`."""
    p = Path(path) if path is not None else documents_file()
    return _DOCUMENTS.get(file_stamp(p), lambda: _parse(p))


def check_rule_documents(
    rules: tuple[Rule, ...] | list[Rule],
    directory: Path,
    documents: Documents,
    files: Mapping[str, Path] | None = None,
) -> None:
    """Every document a rule cites exists, else :class:`RuleFileError` naming file and rule.

    *files* maps a rule id to the file it was read from (a criteria file for the bonus and
    malus rules); by default a rule comes from ``<directory>/<form>.yaml``.
    """
    for rule in rules:
        problem = documents.problem(rule.source)
        if problem is not None:
            field, message = problem
            path = (files or {}).get(rule.id) or directory / f"{rule.form_id}.yaml"
            raise RuleFileError(path, message, entry=rule.id, field=field)


def check_catalog_documents(catalog: Catalog, path: Path, documents: Documents) -> None:
    """Every document the catalog cites exists, else :class:`DataFileError` naming the file,
    the form and the field."""
    for form in catalog:
        for loc, ref in _iter_sources(form):
            problem = documents.problem(ref)
            if problem is not None:
                field, message = problem
                where = f"{loc}.{field.split('.')[-1]}"
                raise DataFileError(path, message, entry=form.id, field=where)


def resolve_document(ref: SourceLike, documents: Documents | None = None) -> Document | None:
    """The document *ref* cites, or None (a legal basis, a web page, an unknown document)."""
    return (documents if documents is not None else load_documents()).find(ref)


def source_label(
    ref: SourceLike, catalog: Catalog | None = None, documents: Documents | None = None
) -> str:
    """THE readable label of a source: « Code de commerce, art. L251-1 » for a legal basis,
    « CRESS Centre-Val de Loire, Guide pratique… — Partie 3, fiche GES » for a document
    section, the title (or the link) of a web page. Never a seed file name."""
    if ref.legal_basis is not None:
        basis = catalog.legal_bases.get(ref.legal_basis) if catalog is not None else None
        return basis.label if basis is not None else ref.legal_basis
    if ref.document is not None or ref.seed is not None:
        doc = resolve_document(ref, documents)
        name = doc.label if doc is not None else "document source inconnu"
        return f"{name} — {ref.section}" if ref.section else name
    title = getattr(ref, "title", None)
    url = getattr(ref, "url", None)
    return str(title or url or "")
