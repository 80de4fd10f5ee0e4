"""A rule's or a path's source, resolved for the answer (label from :func:`source_label`)."""

from __future__ import annotations

from ..documents import Documents, load_documents, resolve_document, source_label
from ..models.catalog import Catalog
from ..models.results import PathSource, ReasonSource
from ..models.rules import RuleSource
from ..models.sources import SourceRef

__all__ = ["path_source", "resolve_source"]


def resolve_source(
    source: RuleSource, catalog: Catalog, documents: Documents | None = None
) -> ReasonSource:
    """The rule's source with its article, text and link, or its document and section."""
    label = source_label(source, catalog, documents)
    if source.legal_basis is not None:
        basis = catalog.legal_basis(source.legal_basis)
        return ReasonSource(
            kind="legal",
            label=label,
            legal_basis=basis.id,
            text=basis.text,
            article=basis.article,
            url=str(basis.url),
        )
    doc = resolve_document(source, documents if documents is not None else load_documents())
    return ReasonSource(
        kind="document",
        label=label,
        document=doc.id if doc is not None else None,
        section=source.section,
        url=str(doc.url) if doc is not None and doc.url is not None else None,
    )


def path_source(ref: SourceRef, catalog: Catalog, documents: Documents | None = None) -> PathSource:
    """A path's source: its label and its link when there is one."""
    url: str | None = None
    if ref.legal_basis is not None:
        url = str(catalog.legal_basis(ref.legal_basis).url)
    elif ref.url is not None:
        url = str(ref.url)
    else:
        doc = resolve_document(ref, documents)
        url = str(doc.url) if doc is not None and doc.url is not None else None
    return PathSource(label=source_label(ref, catalog, documents), url=url)
