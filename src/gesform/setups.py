"""Combined set-ups (``data/setups.yaml``): load and check them, propose those that suit a group.

A set-up is proposed when its condition is true for the group's facts (unknown is not enough)
and none of its parts is excluded, save by the legal rules a part is ``not_bound_by`` (they
describe the structure another part carries); its score is the mean of its parts' scores. The best
:data:`MAX_PROPOSED` are given beside the ranking, best first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from pydantic import ValidationError

from .conditions import check_condition, evaluate
from .documents import load_documents
from .errors import DataFileError
from .facts import FACTS, FactKind, Facts
from .loading import (
    MemoCache,
    describe_validation_error,
    file_stamp,
    load_catalog,
    read_yaml_mapping,
)
from .models.catalog import Catalog
from .models.rules import RuleSource
from .models.setups import ProposedSetup, Setup, SetupPartFit, SetupsFile
from .resources import data_dir

__all__ = ["MAX_PROPOSED", "load_setups", "propose_setups", "setups_file"]

#: How many set-ups an answer proposes at most.
MAX_PROPOSED = 3

#: Turns a source into its readable label (article and text, or document and section).
SourceLabel = Callable[[RuleSource], str]

_SETUPS: MemoCache[SetupsFile] = MemoCache()


def setups_file() -> Path:
    """The packaged ``setups.yaml`` (beside the catalog; ``GESFORM_DATA_DIR`` moves both)."""
    return data_dir() / "setups.yaml"


def _example_facts(given: dict, path: Path, entry: str, field: str) -> Facts:
    facts: Facts = {}
    for name, value in given.items():
        spec = FACTS.get(name)
        if spec is None:
            raise DataFileError(path, f"fait inconnu '{name}'", entry=entry, field=field)
        if spec.kind is FactKind.set:
            facts[name] = {v: v in value for v in spec.values}
        else:
            facts[name] = value
    return facts


def _check(setup: Setup, catalog: Catalog, path: Path) -> None:
    for i, part in enumerate(setup.parts):
        if part.form not in catalog:
            raise DataFileError(
                path,
                f"forme inconnue du catalogue '{part.form}' / unknown form",
                entry=setup.id,
                field=f"parts.{i}.form",
            )
        for j, rule_id in enumerate(part.not_bound_by):
            if not rule_id.startswith(f"{part.form}."):
                raise DataFileError(
                    path,
                    f"'{rule_id}' n'est pas une règle de la forme '{part.form}' "
                    f"(attendu « {part.form}.… ») / not a rule of this part's form",
                    entry=setup.id,
                    field=f"parts.{i}.not_bound_by.{j}",
                )
    documents = load_documents()
    for i, source in enumerate(setup.sources):
        problem = documents.problem(source)
        if problem is not None:
            raise DataFileError(
                path, problem[1], entry=setup.id, field=f"sources.{i}.{problem[0].split('.')[-1]}"
            )
        if source.legal_basis is not None and source.legal_basis not in catalog.legal_bases:
            raise DataFileError(
                path,
                f"base légale inconnue du catalogue '{source.legal_basis}' / unknown legal basis",
                entry=setup.id,
                field=f"sources.{i}.legal_basis",
            )
    problems = check_condition(setup.when)
    if problems:
        field, message = problems[0]
        raise DataFileError(path, message, entry=setup.id, field=field)
    for i, example in enumerate(setup.examples):
        field = f"examples.{i}"
        got = evaluate(setup.when, _example_facts(example.given, path, setup.id, field))
        if got is not example.fires:
            raise DataFileError(
                path,
                f"l'exemple donne {got}, attendu {example.fires} / example does not hold",
                entry=setup.id,
                field=field,
            )


def _read(path: Path, catalog: Catalog) -> SetupsFile:
    raw = read_yaml_mapping(path, DataFileError)
    items = raw.get("setups")
    if not isinstance(items, list):
        raise DataFileError(path, "'setups' doit être une liste", field="setups")
    extra = set(raw) - {"setups"}
    if extra:
        raise DataFileError(path, f"clés inconnues : {', '.join(sorted(map(str, extra)))}")
    setups = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        entry = str(item.get("id", f"#{i + 1}")) if isinstance(item, dict) else f"#{i + 1}"
        try:
            setup = Setup.model_validate(item)
        except ValidationError as exc:
            field, message = describe_validation_error(exc)
            raise DataFileError(path, message, entry=entry, field=field) from None
        if setup.id in seen:
            raise DataFileError(path, "identifiant en double / duplicate id", entry=entry)
        seen.add(setup.id)
        _check(setup, catalog, path)
        setups.append(setup)
    try:
        return SetupsFile(setups=tuple(setups))
    except ValidationError as exc:
        _, message = describe_validation_error(exc)
        raise DataFileError(path, message, field="setups") from None


def load_setups(path: str | Path | None = None, catalog: Catalog | None = None) -> SetupsFile:
    """The set-ups file (the packaged one by default), checked against the catalog; cached."""
    p = Path(path) if path is not None else setups_file()
    catalog = catalog if catalog is not None else load_catalog()
    key = (*file_stamp(p), catalog.catalog_version)
    return _SETUPS.get(key, lambda: _read(p, catalog))


def propose_setups(
    setups: SetupsFile,
    facts: Facts,
    fits: Mapping[str, tuple[str, str, int]],
    source_label: SourceLabel,
    blocking: Mapping[str, frozenset[str]] | None = None,
) -> tuple[ProposedSetup, ...]:
    """The set-ups whose condition holds and whose parts are not excluded, best first.

    *fits* maps each form id to ``(name, verdict, score)`` from the assessment; *source_label*
    turns a source into its readable label. *blocking* maps an excluded form to the ids of the
    legal rules that exclude it: a part excluded only by rules it is ``not_bound_by`` (they
    describe the structure another part carries) stays in the set-up, « à confirmer ».
    """
    blocking = blocking or {}
    proposed = []
    for setup in setups.setups:
        if evaluate(setup.when, facts) is not True:
            continue
        parts = []
        for part in setup.parts:
            name, verdict, score = fits[part.form]
            ruled_out = blocking.get(part.form)
            if verdict == "excluded" and ruled_out and ruled_out <= set(part.not_bound_by):
                verdict = "conditional"
            parts.append(
                SetupPartFit(
                    structure_id=part.form, name=name, role=part.role, verdict=verdict, score=score
                )
            )
        if any(p.verdict == "excluded" for p in parts):
            continue
        proposed.append(
            ProposedSetup(
                setup_id=setup.id,
                name=setup.name,
                summary=setup.summary,
                because=setup.because,
                score=round(sum(p.score for p in parts) / len(parts)),
                parts=tuple(parts),
                sources=tuple(source_label(s) for s in setup.sources),
            )
        )
    proposed.sort(key=lambda s: -s.score)
    return tuple(proposed[:MAX_PROPOSED])
