"""Write a generated data file of ``data/``, or check that it is up to date (``--check``).

Shared by the scripts that regenerate a data file from the real cases
(``scripts/track_record.py``, ``scripts/precedents.py``); each prints its own summary after
writing. Messages are French, like the scripts'.
"""

from __future__ import annotations

import sys
from pathlib import Path


def write_or_check(path: Path, text: str, *, check: bool, command: str, count: str) -> int:
    """Write *text* to *path*, or with *check* compare them; the exit status of the script.

    *command* is what to run when the file is stale; *count* says what the file holds
    (« 668 cas »). With *check*, a stale or missing file prints that command on standard
    error and gives 1; otherwise nothing is written and 0 is returned.
    """
    if check:
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if current != text:
            print(f"{path} n'est pas à jour : lancer « {command} »", file=sys.stderr)
            return 1
        print(f"{path} est à jour ({count}).")
        return 0
    path.write_text(text, encoding="utf-8")
    print(f"{path} écrit ({count}).")
    return 0
