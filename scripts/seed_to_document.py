"""Rewrite legacy ``seed: <file>`` sources as ``document: <id>`` (mapped by data/documents.yaml).

Run: ``.venv/bin/python scripts/seed_to_document.py FILE_OR_FOLDER...`` (for instance
``rules/ data/structures.yaml``). The change is textual, so comments and layout stay as they
are; each file is then read again and must hold the same data, with every ``seed`` key turned
into a ``document`` key naming the seed's document (otherwise the file is left untouched and
the script exits with status 1). Without arguments it prints this help.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from gesform.documents import Documents, load_documents  # noqa: E402

#: ``seed: 003_f605252dc8d400e4.txt`` with or without quotes, as a key of a block or flow map.
SEED_KEY = re.compile(r"""\bseed:(\s*)(["']?)([0-9]{3}_[0-9a-f]{16}\.txt)\2""")


def convert_text(text: str, documents: Documents) -> tuple[str, int]:
    """(*text* with every seed source rewritten, number of rewrites). Raises KeyError on a
    seed file that no document holds."""

    def replace(match: re.Match[str]) -> str:
        doc = documents.by_seed[match.group(3)]
        return f"document:{match.group(1)}{doc.id}"

    return SEED_KEY.subn(replace, text)


def _expected(value: Any, documents: Documents) -> Any:
    """The data of the original file with each ``seed`` key turned into ``document``."""
    if isinstance(value, dict):
        return {
            ("document" if k == "seed" else k): (
                documents.by_seed[v].id if k == "seed" else _expected(v, documents)
            )
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_expected(v, documents) for v in value]
    return value


def convert_file(path: Path, documents: Documents) -> int:
    """Rewrite one file in place (checked: same data once mapped); the number of rewrites."""
    text = path.read_text(encoding="utf-8")
    new, count = convert_text(text, documents)
    if count == 0:
        return 0
    if yaml.safe_load(new) != _expected(yaml.safe_load(text), documents):
        raise ValueError(f"{path}: la conversion change d'autres données / other data changed")
    path.write_text(new, encoding="utf-8")
    return count


def main(argv: list[str]) -> int:
    """Convert every ``*.yaml`` given (folders: their ``*.yaml``); 0 on success."""
    if not argv:
        print(__doc__)
        return 0
    documents = load_documents()
    files: list[Path] = []
    for arg in argv:
        p = Path(arg)
        files += sorted(p.glob("*.yaml")) if p.is_dir() else [p]
    status = 0
    for f in files:
        try:
            count = convert_file(f, documents)
        except (KeyError, ValueError, OSError) as exc:
            print(f"{f}: {exc}", file=sys.stderr)
            status = 1
            continue
        print(f"{f}: {count} source(s) convertie(s)")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
