"""An answer given by other rules than the packaged ones, for the tests of what such an answer
must not carry (a measured track record, pivotal questions from the packaged rules)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from gesform import Recommender
from gesform.models.results import Recommendation
from gesform.resources import rules_dir


def answer_of_other_rules(tmp_path: Path, profile: Any) -> Recommendation:
    """The answer for *profile* from a copy of the packaged rules whose version differs (one
    rule file gains a comment line), on the Python engine."""
    rules = tmp_path / "rules"
    shutil.copytree(rules_dir(), rules)
    first = sorted(rules.glob("*.yaml"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n# autre version\n", encoding="utf-8")
    other = Recommender(rules_dir=rules, engine="python")
    try:
        return other.recommend(profile)
    finally:
        other.close()
