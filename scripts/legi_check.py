"""Check the catalog's code articles against a newer copy of the DILA's LEGI data.

The legal bases read in the official LEGI data link the article's own Légifrance page
(``https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI…``): that identifier names the
*version* of the article that was read. A later LEGI export keeps the identifier of a version
still in force and gives a new one to a rewritten article. This script reads such an export (the
JSON of one code, as published in the npm package ``@socialgouv/legi-data``: for the labour code
``data/LEGITEXT000006072050.json``) and says, for each basis of that code, whether each version
it records (in its address, and in its summary for the other articles it covers) is still in
force. The export holds the versions in force only: a version it lacks was replaced or repealed,
never "not checked".

Usage::

    npm pack @socialgouv/legi-data && tar xzf socialgouv-legi-data-*.tgz
    PYTHONPATH=src python scripts/legi_check.py package/data/LEGITEXT000006072050.json

It exits with 1 when a basis read in that code was amended or repealed since its reading: read
the new version, then update the basis (``url``, ``read_on``, ``in_force_since``, ``summary``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from gesform import load_catalog
from gesform.models.sources import LegalBasis

#: The version id at the end of an article's Légifrance address.
_VERSION_URL = re.compile(r"/codes/article_lc/(LEGIARTI\d+)$")
#: A version id cited in a summary (the other articles a basis covers).
_VERSION_ID = re.compile(r"LEGIARTI\d+")
#: The article its address names: the first number of a basis (« L1253-7, L1253-12 … »).
_FIRST_NUMBER = re.compile(r"[LRD]\d+(?:-\d+)+")


@dataclass(frozen=True)
class Version:
    """One version of an article in the LEGI export."""

    number: str
    version_id: str
    in_force: bool
    since: date


@dataclass(frozen=True)
class Finding:
    """What the export says of one basis of the catalog."""

    basis_id: str
    number: str
    status: str  # "à jour", "modifié", "abrogé" or "absent"
    detail: str


def versions(tree: Mapping[str, Any]) -> Iterator[Version]:
    """Every article version of a LEGI code export (its ``children`` tree, walked depth first)."""
    stack: list[Any] = [tree]
    while stack:
        node = stack.pop()
        if not isinstance(node, Mapping):
            continue
        data = node.get("data") or {}
        if node.get("type") == "article" and data.get("id") and data.get("num"):
            since = datetime.fromtimestamp(int(data.get("dateDebut", 0)) / 1000, tz=UTC).date()
            yield Version(data["num"], data["id"], data.get("etat") == "VIGUEUR", since)
        stack.extend(reversed(node.get("children") or []))


def check(bases: Sequence[LegalBasis], tree: Mapping[str, Any]) -> list[Finding]:
    """A finding for each basis of the export's code (same title, « Code du travail ») that
    records a version id: the one of its address, and those its summary cites for the other
    articles it covers. An export holds the versions in force: a version read that it lacks was
    replaced, and the article its address names is then looked up by number."""
    code = str((tree.get("data") or {}).get("title", "")).strip().casefold()
    by_id = {v.version_id: v for v in versions(tree)}
    in_force = {v.number: v for v in by_id.values() if v.in_force}
    findings = []
    for basis in bases:
        if basis.text.strip().casefold() != code:
            continue
        address = _VERSION_URL.search(str(basis.url))
        first = _FIRST_NUMBER.search(basis.article)
        numbered = {address.group(1): first.group(0)} if address and first else {}
        ids = list(numbered) + [i for i in _VERSION_ID.findall(basis.summary) if i not in numbered]
        stale = []
        for version_id in ids:
            read = by_id.get(version_id)
            if read is not None and read.in_force:
                continue
            number = read.number if read is not None else numbered.get(version_id)
            current = in_force.get(number) if number else None
            if current is not None:
                detail = (
                    f"version lue {version_id} ; en vigueur : {current.version_id} "
                    f"depuis {current.since}"
                )
                stale.append(Finding(basis.id, number or "?", "modifié", detail))
            elif number is not None:
                stale.append(Finding(basis.id, number, "abrogé", "aucune version en vigueur"))
            else:
                detail = f"version {version_id} citée par le résumé, absente de l'export"
                stale.append(Finding(basis.id, "?", "absent", detail))
        if stale:
            findings += stale
        elif ids:
            read_in_force = [by_id[i] for i in ids]
            since = ", ".join(f"{v.number} depuis {v.since}" for v in read_in_force)
            number = read_in_force[0].number
            findings.append(Finding(basis.id, number, "à jour", f"en vigueur : {since}"))
    return findings


def main(argv: Sequence[str] | None = None) -> int:
    """Print one line per basis the export knows; 1 when one was amended or repealed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("export", type=Path, help="JSON d'un code (paquet @socialgouv/legi-data)")
    args = parser.parse_args(argv)
    try:
        tree = json.loads(args.export.read_text(encoding="utf-8"))
        if not isinstance(tree, Mapping):
            raise ValueError("un objet JSON était attendu / a JSON object was expected")
        findings = check(list(load_catalog().legal_bases.values()), tree)
    except (OSError, ValueError, TypeError, AttributeError) as exc:
        print(f"{args.export} : export LEGI illisible / unreadable LEGI export ({exc})")
        return 2
    for f in findings:
        print(f"{f.basis_id:20} {f.number:12} {f.status:8} {f.detail}")
    if not findings:
        print("aucune base du catalogue dans cet export / no catalog basis in this export")
    return int(any(f.status != "à jour" for f in findings))


if __name__ == "__main__":
    sys.exit(main())
