"""Split the pool of evidence cases into a development set and a validation set, once.

Rule (stratified by the form the group chose): within each ``expect.chosen`` form, sort the
cases by id (the file name); the 1st, 3rd, 5th… go to ``validation``, the 2nd, 4th… to ``dev``.
A form with a single case therefore has it in ``validation``.

The split is made BEFORE any case is run through gesform, and written to
``tests/evidence/SPLIT.md``; the files move from ``tests/evidence/pool/`` to
``tests/evidence/dev/`` and ``tests/evidence/validation/``. Cases found later are added to a
new pool and split by the same rule among themselves, never by moving existing cases.

Usage::

    PYTHONPATH=src python scripts/evidence_split.py [--dry-run]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVIDENCE = ROOT / "tests" / "evidence"
RULE = (
    "Dans chaque forme choisie (`expect.chosen`), les cas sont triés par identifiant (nom du "
    "fichier) ; le 1er, le 3e, le 5e… vont en **validation**, le 2e, le 4e… en **dev** "
    "(une forme qui n'a qu'un cas l'a en validation)."
)


def assign(chosen_by_id: dict[str, str]) -> dict[str, str]:
    """The set (``dev`` or ``validation``) of each case id, by the rule above."""
    by_form: dict[str, list[str]] = defaultdict(list)
    for case_id, form in chosen_by_id.items():
        by_form[form].append(case_id)
    out = {}
    for ids in by_form.values():
        for i, case_id in enumerate(sorted(ids)):
            out[case_id] = "validation" if i % 2 == 0 else "dev"
    return out


HEADER = [
    "# Partage des cas réels : développement et validation",
    "",
    "Fait par `scripts/evidence_split.py`, lot par lot, **avant** toute exécution de gesform "
    "sur les cas du lot.",
    "",
    f"Règle : {RULE}",
    "",
    "Le jeu **dev** peut servir à régler des poids ; le jeu **validation** ne sert qu'à "
    "mesurer. Un cas ne change jamais de jeu après la mesure ; un nouveau lot est partagé par "
    "la même règle entre ses seuls cas.",
    "",
]


def split_markdown(chosen_by_id: dict[str, str], sets: dict[str, str], lot: int = 1) -> str:
    """The SPLIT.md section of one lot: every case with its form and set (lot 1: the header)."""
    lines = [*HEADER] if lot == 1 else []
    lines += [
        f"## Lot {lot}",
        "",
        "| Forme choisie | Cas | Jeu |",
        "| --- | --- | --- |",
    ]
    for case_id in sorted(chosen_by_id, key=lambda c: (chosen_by_id[c], c)):
        lines.append(f"| `{chosen_by_id[case_id]}` | `{case_id}` | {sets[case_id]} |")
    counts = {s: sum(1 for v in sets.values() if v == s) for s in ("dev", "validation")}
    lines += ["", f"Total : {counts['dev']} en dev, {counts['validation']} en validation.", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Split ``tests/evidence/pool`` into ``dev`` and ``validation`` and write SPLIT.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="print, move nothing")
    args = parser.parse_args(argv)

    from gesform.validation import load_cases

    pool = EVIDENCE / "pool"
    cases = load_cases(pool)
    if not cases:
        print("aucun cas dans tests/evidence/pool", file=sys.stderr)
        return 1
    chosen = {c.id: c.expect.chosen for c in cases}
    sets = assign(chosen)
    split_md = EVIDENCE / "SPLIT.md"
    lot = 1
    if split_md.is_file():
        lot = split_md.read_text(encoding="utf-8").count("\n## Lot ") + 1
    text = split_markdown(chosen, sets, lot)
    if args.dry_run:
        print(text)
        return 0
    for case_id, target in sets.items():
        (EVIDENCE / target).mkdir(exist_ok=True)
        shutil.move(str(pool / f"{case_id}.yaml"), str(EVIDENCE / target / f"{case_id}.yaml"))
    split_md = EVIDENCE / "SPLIT.md"
    if lot > 1:
        text = split_md.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + text
    split_md.write_text(text, encoding="utf-8")
    if not any(pool.iterdir()):
        pool.rmdir()
    print(f"{len(sets)} cas partagés ; voir tests/evidence/SPLIT.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
