"""Generate the documentation pages that come from data: forms, rules, facts, profile, CLI, schemas.

``scripts/gen_docs.py`` writes them under ``docs/``; ``tests/test_docs.py`` regenerates them in
a temporary folder and fails when the committed pages differ. One module per kind of page:
:mod:`.forms`, :mod:`.rules` (the rules reference, in the manner of publicodes'
documentation), :mod:`.facts`, :mod:`.profile` and :mod:`.cli`; the criteria table comes from
:mod:`gesform.docs_matrix` and the sources page from :mod:`gesform.legal_sources`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..docs_matrix import matrix_markdown
from ..legal_sources import sources_markdown
from ..loading import load_catalog
from ..models.catalog import Catalog
from ..rulebase import RuleBase, load_rules
from ..schema import SCHEMA_NAMES, schema_json
from .cli import cli_markdown
from .facts import facts_markdown
from .forms import form_page, forms_index
from .profile import profile_markdown
from .rules import condition_markdown, fact_test_words, rules_index, rules_markdown

__all__ = [
    "GENERATED_DIRS",
    "GENERATED_FILES",
    "cli_markdown",
    "condition_markdown",
    "fact_test_words",
    "facts_markdown",
    "generate",
    "profile_markdown",
    "rules_markdown",
    "stale_files",
    "write_docs",
]

#: Folders of ``docs/`` whose every file is generated (stale files there are removed).
GENERATED_DIRS: tuple[str, ...] = ("forms", "rules", "schemas")
#: Single generated pages of ``docs/``.
GENERATED_FILES: tuple[str, ...] = ("facts.md", "profile.md", "cli.md", "sources.md")


def generate(catalog: Catalog | None = None, rules: RuleBase | None = None) -> dict[str, str]:
    """Every generated file of ``docs/``: relative path → text."""
    catalog = catalog if catalog is not None else load_catalog()
    rules = rules if rules is not None else load_rules(catalog=catalog)
    pages: dict[str, str] = {}
    pages["forms/index.md"] = forms_index(catalog)
    pages["rules/index.md"] = rules_index(catalog, rules)
    pages["rules/matrix.md"] = matrix_markdown(rules, catalog)
    for form in catalog:
        rs = rules.for_form(form.id)
        pages[f"forms/{form.id}.md"] = form_page(form, catalog, len(rs))
        pages[f"rules/{form.id}.md"] = rules_markdown(form, rs, catalog, rules.directory)
    pages["facts.md"] = facts_markdown(rules)
    pages["profile.md"] = profile_markdown()
    pages["cli.md"] = cli_markdown()
    pages["sources.md"] = sources_markdown(catalog, rules)
    for name in SCHEMA_NAMES:
        pages[f"schemas/{name}.schema.json"] = schema_json(name)
    return pages


def _existing(docs_dir: Path) -> Iterable[str]:
    for d in GENERATED_DIRS:
        folder = docs_dir / d
        if folder.is_dir():
            for p in sorted(folder.rglob("*")):
                if p.is_file():
                    yield p.relative_to(docs_dir).as_posix()


def stale_files(docs_dir: str | Path, pages: dict[str, str] | None = None) -> list[str]:
    """Generated files of *docs_dir* that are missing, different, or no longer generated."""
    d = Path(docs_dir)
    pages = pages if pages is not None else generate()
    out = []
    for rel, text in pages.items():
        p = d / rel
        if not p.is_file() or p.read_text(encoding="utf-8") != text:
            out.append(rel)
    out += [rel for rel in _existing(d) if rel not in pages]
    return sorted(out)


def write_docs(docs_dir: str | Path) -> list[str]:
    """Write every generated file under *docs_dir*, remove stale ones; the paths changed."""
    d = Path(docs_dir)
    pages = generate()
    changed = stale_files(d, pages)
    for rel in _existing(d):
        if rel not in pages:
            (d / rel).unlink()
    for rel, text in pages.items():
        p = d / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if not p.is_file() or p.read_text(encoding="utf-8") != text:
            p.write_text(text, encoding="utf-8", newline="\n")
    return changed
