"""Read the criteria table (``rules/criteria/*.yaml``) and expand it into bonus and malus rules.

Every criterion must state its effect on every form of the catalog (a weight, or an explicit
``0``); a missing or unknown form, a duplicate criterion or a bad cell raises
:class:`~gesform.errors.RuleFileError` naming the file, the criterion and the field. Each
non-zero cell becomes the rule ``<form>.<criterion>``: a ``bonus`` for a positive weight, a
``malus`` for a negative one, with the criterion's condition (and the cell's ``also``).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from .errors import RuleFileError
from .loading import describe_validation_error, read_yaml_mapping
from .models.catalog import Catalog
from .models.criteria import CriteriaFile, Criterion
from .models.rules import All, Effect, Rule

__all__ = ["CRITERIA_FOLDER", "criteria_files", "expand_criterion", "load_criteria"]

#: The sub-folder of the rules folder that holds the criteria table.
CRITERIA_FOLDER = "criteria"


def criteria_files(rules_dir: Path) -> list[Path]:
    """The criteria files of a rules folder, sorted (none when it has no ``criteria/``)."""
    folder = rules_dir / CRITERIA_FOLDER
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def _read_file(path: Path) -> CriteriaFile:
    raw = read_yaml_mapping(path, RuleFileError)
    extra = set(raw) - {"criteria"}
    if extra:
        raise RuleFileError(path, f"clés inconnues : {', '.join(sorted(map(str, extra)))}")
    items = raw.get("criteria")
    if not isinstance(items, list) or not items:
        raise RuleFileError(path, "'criteria' doit être une liste non vide", field="criteria")
    criteria = []
    for i, item in enumerate(items):
        entry = str(item.get("id", f"#{i + 1}")) if isinstance(item, dict) else f"#{i + 1}"
        if not isinstance(item, dict):
            raise RuleFileError(path, "un dictionnaire est attendu", entry=entry)
        try:
            criteria.append(Criterion.model_validate(item))
        except ValidationError as exc:
            field, message = describe_validation_error(exc)
            raise RuleFileError(path, message, entry=entry, field=field) from None
    return CriteriaFile(criteria=tuple(criteria))


def _check_coverage(criterion: Criterion, catalog: Catalog, path: Path) -> None:
    unknown = sorted(set(criterion.effects) - set(catalog.ids))
    if unknown:
        raise RuleFileError(
            path,
            f"forme inconnue du catalogue : {', '.join(unknown)} ; formes : "
            f"{', '.join(catalog.ids)} / unknown form",
            entry=criterion.id,
            field=f"effects.{unknown[0]}",
        )
    missing = [f for f in catalog.ids if f not in criterion.effects]
    if missing:
        raise RuleFileError(
            path,
            "effet non indiqué pour : "
            f"{', '.join(missing)} (écrire 0 quand le critère est sans effet sur la forme) "
            "/ every form needs a stated effect, 0 included",
            entry=criterion.id,
            field=f"effects.{missing[0]}",
        )


def expand_criterion(criterion: Criterion) -> list[Rule]:
    """The bonus and malus rules of *criterion*'s non-zero cells, in catalog order of the cells."""
    rules = []
    for form_id in criterion.effects:
        cell = criterion.cell(form_id)
        if cell is None or cell.weight == 0:
            continue
        when = criterion.when if cell.also is None else All(all=(criterion.when, cell.also))
        rules.append(
            Rule(
                id=f"{form_id}.{criterion.id}",
                effect=Effect.bonus if cell.weight > 0 else Effect.malus,
                weight=abs(cell.weight),
                when=when,
                because=cell.because or "",
                source=cell.source,
                examples=cell.examples or criterion.examples,
            )
        )
    return rules


def load_criteria(rules_dir: Path, catalog: Catalog) -> list[tuple[Criterion, Path]]:
    """Every criterion of ``<rules_dir>/criteria/*.yaml``, checked for coverage and uniqueness."""
    found: list[tuple[Criterion, Path]] = []
    seen: dict[str, Path] = {}
    for path in criteria_files(rules_dir):
        for criterion in _read_file(path).criteria:
            if criterion.id in seen:
                raise RuleFileError(
                    path,
                    f"critère déjà défini dans {seen[criterion.id].name} / duplicate criterion",
                    entry=criterion.id,
                    field="id",
                )
            seen[criterion.id] = path
            _check_coverage(criterion, catalog, path)
            found.append((criterion, path))
    return found
