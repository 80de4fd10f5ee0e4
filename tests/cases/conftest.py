"""``pytest tests/cases`` runs every real case of this folder, one test per YAML file.

Each case (format in ``docs/cases.md``) is run through ``gesform.recommend`` and every mismatch
is reported at once: the chosen form out of the top three, an expected exclusion not obtained
(or not by the named rule), the expected vehicle not proposed. The accuracy over all cases and
the validation table are checked in ``tests/test_cases.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gesform.validation import case_mismatches, load_case, run_case

HERE = Path(__file__).resolve().parent


class CaseMismatch(AssertionError):
    """A real case whose answer does not hold what the case expects."""


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    """Collect the ``*.yaml`` files of this folder as real cases."""
    if file_path.suffix == ".yaml" and file_path.parent == HERE:
        return CaseFile.from_parent(parent, path=file_path)
    return None


class CaseFile(pytest.File):
    """One case file: one test item."""

    def collect(self) -> Iterator[pytest.Item]:
        yield CaseItem.from_parent(self, name=self.path.stem)


class CaseItem(pytest.Item):
    """Run one case and report every mismatch with the case's explanation of the chosen form."""

    def runtest(self) -> None:
        case = load_case(self.path)
        outcome = run_case(case)
        problems = case_mismatches(outcome)
        self.user_properties.append(("rank_of_chosen", outcome.rank_of_chosen))
        if problems:
            chosen = outcome.recommendation[case.expect.chosen]
            raise CaseMismatch(
                "\n".join(
                    [
                        f"{case.name} ({self.path.name}) — {len(problems)} écart(s) :",
                        *(f"  - {p}" for p in problems),
                        f"Trois premières : {', '.join(outcome.top3)}",
                        chosen.explain(),
                    ]
                )
            )

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        """The mismatches in plain French, without a traceback."""
        if isinstance(excinfo.value, CaseMismatch):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int, str]:
        """Where the case is: its file."""
        return self.path, 0, f"cas réel {self.name}"
