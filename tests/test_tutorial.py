"""``docs/tutorial.ipynb`` is committed without outputs and runs top to bottom (nbclient)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

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
        'Profile.from_file("../examples/belfort.yaml")',
        "gesform.recommend(",
        ".plot()",
        ".to_dataframe()",
        ".explain()",
        "gesform.compare(",
        "with_changes(",
        "département",
        ".to_html()",
        ".to_markdown()",
    ):
        assert needle in source, needle


def test_tutorial_runs_top_to_bottom():
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("pandas")
    pytest.importorskip("matplotlib")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(DOCS)}}
    )
    client.execute()  # raises CellExecutionError, naming the cell, on any error
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
