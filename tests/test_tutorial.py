"""``docs/tutorial.ipynb`` is committed without outputs and runs top to bottom (nbclient)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import gesform

DOCS = Path(__file__).resolve().parents[1] / "docs"
NOTEBOOK = DOCS / "tutorial.ipynb"

nbformat = pytest.importorskip("nbformat")


def _code_cells(nb) -> list:
    return [c for c in nb.cells if c.cell_type == "code"]


def test_tutorial_is_committed_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    for cell in _code_cells(nb):
        assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


def test_tutorial_covers_the_advisor_workflow():
    source = "\n".join(c.source for c in nbformat.read(NOTEBOOK, as_version=4).cells)
    for needle in (
        'gesform.examples.load("belfort")',
        "gesform.recommend(",
        ".plot()",
        ".to_dataframe()",
        ".track_record",
        "pivotal_questions(",
        "gesform.precedents(",
        ".explain()",
        "gesform.compare(",
        "with_changes(",
        "département",
        ".to_html()",
        ".to_markdown()",
    ):
        assert needle in source, needle


def test_tutorial_names_no_file_of_the_checkout():
    """Installed from a wheel, a reader has no ``examples/`` folder next to the notebook."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in _code_cells(nb):
        assert "examples/" not in cell.source and "../" not in cell.source, cell.source


def test_tutorial_runs_top_to_bottom(tmp_path):
    """Run from an empty folder (as a reader who copied the notebook would), not from docs/."""
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("pandas")
    pytest.importorskip("matplotlib")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    # The kernel imports the gesform under test, whatever the working directory.
    source_root = str(Path(gesform.__file__).resolve().parents[1])
    path = os.pathsep.join(p for p in (source_root, os.environ.get("PYTHONPATH")) if p)
    client.execute(env={**os.environ, "PYTHONPATH": path})  # raises CellExecutionError on error
    outputs = [o for c in _code_cells(nb) for o in c.outputs]
    kinds = {k for o in outputs for k in o.get("data", {})}
    assert {"text/html", "image/png"} <= kinds  # the HTML tables and the charts
    for cell in _code_cells(nb):
        for out in cell.outputs:
            assert out.output_type != "error", cell.source
            if out.output_type == "stream":
                assert not re.search(r"\w+Warning:", out.text), (cell.source, out.text)
    first_html = next(o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {}))
    assert 'class="gesform"' in first_html
