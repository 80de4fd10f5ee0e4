"""Regenerate every generated documentation file under docs/ (forms, rules, facts, profile, CLI,
JSON Schemas). Run: ``.venv/bin/python scripts/gen_docs.py``."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from gesform.docs_gen import write_docs  # noqa: E402


def main() -> int:
    """Write the pages; print which ones changed."""
    docs = ROOT / "docs"
    changed = write_docs(docs)
    for rel in changed:
        print(f"mis à jour / updated: docs/{rel}")
    print(f"{len(changed)} fichier(s) modifié(s) / file(s) changed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
