"""Load and check the rule files (``rules/<form>.yaml``) into a :class:`RuleBase`.

Everything is checked when the rules are loaded, never when a profile reaches a rule: the
file's form exists, rule ids are unique and prefixed with the form id, every fact and value
exists in the fact registry, every source points to a catalog legal basis or a section of a
document of ``data/documents.yaml``, vehicles exist in the form, each rule's worked examples
hold, and no condition is too large for durable-rules. A problem raises
:class:`~gesform.errors.RuleFileError` naming the file, the rule and the field. A partial
rule base is never returned.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from .conditions import check_condition, evaluate, facts_of
from .criteria import criteria_files, expand_criterion, load_criteria
from .documents import check_rule_documents, load_documents
from .engine.compile import CompiledRule, compile_rules
from .errors import RuleFileError
from .facts import FACTS, FactKind, Facts
from .loading import MemoCache, describe_validation_error, load_catalog, read_yaml_mapping
from .models.catalog import Catalog
from .models.criteria import Criterion
from .models.rules import Effect, Rule, RuleFile
from .reading import MAX_DATA_BYTES, FileFormatError, read_file_bytes
from .resources import rules_dir

__all__ = ["RuleBase", "load_rules"]


class RuleBase:
    """Every rule of every form, checked, with their compiled conditions and a version hash."""

    def __init__(
        self,
        rules: tuple[Rule, ...],
        version: str,
        directory: Path,
        criteria: tuple[Criterion, ...] = (),
    ) -> None:
        self.rules = rules
        #: The criteria table the bonus and malus rules were expanded from.
        self.criteria = criteria
        #: The file each rule was read from (rule id → path), for error messages.
        self.source_files: dict[str, Path] = {}
        self.version = version
        self.directory = directory
        self.by_id: dict[str, Rule] = {r.id: r for r in rules}
        self.by_form: dict[str, tuple[Rule, ...]] = {}
        for r in rules:
            self.by_form.setdefault(r.form_id, ())
            self.by_form[r.form_id] += (r,)
        self.compiled: tuple[CompiledRule, ...] = compile_rules(list(rules))
        #: The facts each rule tests, in order of appearance.
        self.tested_facts: dict[str, tuple[str, ...]] = {r.id: facts_of(r.when) for r in rules}

    def __len__(self) -> int:
        return len(self.rules)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __getitem__(self, rule_id: str) -> Rule:
        return self.by_id[rule_id]

    def for_form(self, form_id: str) -> tuple[Rule, ...]:
        """The rules of one form, in file order."""
        return self.by_form.get(form_id, ())

    def __repr__(self) -> str:
        return f"RuleBase({len(self.rules)} rules, {len(self.by_form)} forms, {self.version})"


def _example_facts(given: dict, path: Path, rule_id: str) -> Facts:
    facts: Facts = {}
    for name, value in given.items():
        spec = FACTS.get(name)
        if spec is None:
            raise RuleFileError(
                path, f"fait inconnu '{name}'", entry=rule_id, field=f"examples.given.{name}"
            )
        if spec.kind is FactKind.set:
            if not isinstance(value, list):
                raise RuleFileError(
                    path, "liste attendue", entry=rule_id, field=f"examples.given.{name}"
                )
            facts[name] = {v: v in value for v in spec.values}
        else:
            facts[name] = value
    return facts


def _check_rule(rule: Rule, form_id: str, catalog: Catalog, path: Path) -> None:
    if rule.form_id != form_id:
        raise RuleFileError(
            path,
            f"l'identifiant doit commencer par '{form_id}.' / id must start with the form id",
            entry=rule.id,
            field="id",
        )
    problems = check_condition(rule.when)
    if problems:
        field, message = problems[0]
        raise RuleFileError(path, message, entry=rule.id, field=field)
    if rule.source.legal_basis is not None and rule.source.legal_basis not in catalog.legal_bases:
        raise RuleFileError(
            path,
            f"base légale inconnue du catalogue '{rule.source.legal_basis}' / unknown legal basis",
            entry=rule.id,
            field="source.legal_basis",
        )
    if rule.effect is Effect.vehicle:
        form = catalog[form_id]
        if rule.vehicle not in {v.id for v in form.vehicles}:
            raise RuleFileError(
                path,
                f"support '{rule.vehicle}' inconnu pour '{form_id}' ; supports : "
                f"{', '.join(v.id for v in form.vehicles) or 'aucun'} / unknown vehicle",
                entry=rule.id,
                field="vehicle",
            )
    for i, example in enumerate(rule.examples):
        got = evaluate(rule.when, _example_facts(example.given, path, rule.id))
        if got is not example.fires:
            raise RuleFileError(
                path,
                f"l'exemple donne {got}, attendu {example.fires} / example does not hold",
                entry=rule.id,
                field=f"examples.{i}",
            )


def _load_file(path: Path, catalog: Catalog) -> RuleFile:
    raw = read_yaml_mapping(path, RuleFileError)
    form_id = raw.get("form")
    if form_id != path.stem:
        raise RuleFileError(
            path, f"'form' doit valoir '{path.stem}' (le nom du fichier)", field="form"
        )
    if form_id not in catalog:
        raise RuleFileError(
            path,
            f"forme inconnue du catalogue ; formes : {', '.join(catalog.ids)}",
            field="form",
        )
    rules_raw = raw.get("rules")
    if not isinstance(rules_raw, list) or not rules_raw:
        raise RuleFileError(path, "'rules' doit être une liste non vide", field="rules")
    rules = []
    for i, item in enumerate(rules_raw):
        entry = item.get("id") if isinstance(item, dict) else None
        entry = str(entry) if entry is not None else f"#{i + 1}"
        if not isinstance(item, dict):
            raise RuleFileError(path, "un dictionnaire est attendu", entry=entry)
        try:
            rule = Rule.model_validate(item)
        except ValidationError as exc:
            field, message = describe_validation_error(exc)
            raise RuleFileError(path, message, entry=entry, field=field) from None
        if rule.effect in (Effect.bonus, Effect.malus):
            raise RuleFileError(
                path,
                "les atouts et les freins s'écrivent dans le tableau des critères "
                "(rules/criteria/*.yaml), pour toutes les formes à la fois "
                "/ bonus and malus belong to the criteria table",
                entry=entry,
                field="effect",
            )
        _check_rule(rule, form_id, catalog, path)
        rules.append(rule)
    extra = set(raw) - {"form", "rules"}
    if extra:
        raise RuleFileError(path, f"clés inconnues : {', '.join(sorted(map(str, extra)))}")
    return RuleFile(form=form_id, rules=tuple(rules))


def _read_rule_bytes(path: Path) -> bytes:
    """The bytes of one rule file (for the version hash), at most the data-file limit."""
    try:
        data = read_file_bytes(path, MAX_DATA_BYTES)
    except FileFormatError as exc:
        raise RuleFileError(path, str(exc)) from None
    except OSError as exc:
        raise RuleFileError(
            path, f"fichier illisible / unreadable file ({exc.strerror or exc})"
        ) from None
    if len(data) > MAX_DATA_BYTES:
        raise RuleFileError(
            path,
            f"fichier trop grand (plus de {MAX_DATA_BYTES // 1024} Kio) "
            "/ file larger than the limit",
        )
    return data


_RULE_BASES: MemoCache[RuleBase] = MemoCache()


def load_rules(directory: str | Path | None = None, catalog: Catalog | None = None) -> RuleBase:
    """Load every ``*.yaml`` of the rules folder (the packaged one by default), fully checked.

    Cached per folder content, so repeated calls are cheap.
    """
    d = Path(directory) if directory is not None else rules_dir()
    if not d.is_dir():
        raise RuleFileError(d, "dossier de règles introuvable / rules folder not found")
    catalog = catalog if catalog is not None else load_catalog()
    files = sorted(d.glob("*.yaml"))
    if not files:
        raise RuleFileError(d, "aucun fichier de règles (*.yaml) / no rule file")
    files += criteria_files(d)
    full_digest = _rules_digest(d, files, catalog)
    version = full_digest[:12]
    # What the checks depend on: the catalog's version, forms, legal bases and vehicles.
    catalog_key = (
        catalog.catalog_version,
        catalog.ids,
        tuple(sorted(catalog.legal_bases)),
        tuple((f.id, tuple(v.id for v in f.vehicles)) for f in catalog),
    )
    key = (str(d.resolve()), version, catalog_key)
    return _RULE_BASES.get(key, lambda: _checked_rule_base(d, files, catalog, version))


def _checked_rule_base(d: Path, files: list[Path], catalog: Catalog, version: str) -> RuleBase:
    """Read and check the rule files, then check every document a rule cites (``document:`` or
    legacy ``seed:``) is in documents.yaml."""
    base = _read_rules(d, files, catalog, version)
    base.directory = d
    check_rule_documents(base.rules, d, load_documents(), base.source_files)
    return base


def _rules_digest(d: Path, files: list[Path], catalog: Catalog) -> str:
    """sha256 over the catalog version and every rule file's name and bytes."""
    digest = hashlib.sha256(catalog.catalog_version.encode())
    for f in files:
        data = _read_rule_bytes(f)
        digest.update(f.relative_to(d).as_posix().encode() + b"\0" + data + b"\0")
    return digest.hexdigest()


def _read_rules(d: Path, files: list[Path], catalog: Catalog, version: str) -> RuleBase:
    rules: list[Rule] = []
    seen: dict[str, Path] = {}
    form_files = [f for f in files if f.parent == d]
    loaded = [(rule, f) for f in form_files for rule in _load_file(f, catalog).rules]
    criteria = load_criteria(d, catalog)
    for criterion, f in criteria:
        for rule in expand_criterion(criterion):
            _check_rule(rule, rule.form_id, catalog, f)
            loaded.append((rule, f))
    for rule, f in loaded:
        if rule.id in seen:
            raise RuleFileError(
                f,
                f"identifiant déjà utilisé dans {seen[rule.id].name}",
                entry=rule.id,
                field="id",
            )
        seen[rule.id] = f
        rules.append(rule)
    try:
        base = RuleBase(tuple(rules), version, d, tuple(c for c, _ in criteria))
        base.source_files = dict(seen)
        return base
    except ValueError as exc:
        raise RuleFileError(d, str(exc)) from None
