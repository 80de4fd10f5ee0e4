"""Which engine runs, and saying so: issue #15, point 15.

On Python 3.13+ durable-rules does not import. Asking for it there is the caller's mistake
(exit 2 with the reason), not an internal error (exit 1); ``gesform --version`` and the
answer's table name the engine that runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from gesform.cli import cli
from gesform.engine import check_engine, default_engine_name, engine_description
from gesform.engine import durable as durable_module
from gesform.errors import EngineError, EngineUnavailableError
from gesform.recommend import Recommender

ROOT = Path(__file__).resolve().parents[1]
BELFORT = str(ROOT / "examples" / "belfort.yaml")

#: Runs the command line in a fresh Python where importing durable-rules fails, as on 3.13.
_WITHOUT_DURABLE = (
    "import sys; sys.modules['durable_rules_engine'] = None; "
    "from gesform.cli import main; sys.argv = ['gesform', *sys.argv[1:]]; main()"
)


def _run_without_durable(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-c", _WITHOUT_DURABLE, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.fixture
def no_durable(monkeypatch):
    """In this process: durable-rules as if it had not imported."""
    monkeypatch.setattr(durable_module, "_dre", None)


def test_asking_for_durable_where_it_does_not_import_is_a_usage_error():
    result = _run_without_durable("recommend", BELFORT, "--engine", "durable")
    assert result.returncode == 2, result.stderr
    assert "durable-rules ne s'importe pas sur ce Python" in result.stderr
    assert "--engine python" in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


def test_without_durable_the_default_engine_answers_and_version_says_so():
    result = _run_without_durable("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("gesform ")
    assert "moteur : Python (durable-rules indisponible sur Python" in result.stdout
    table = _run_without_durable("recommend", BELFORT)
    assert table.returncode == 0, table.stderr
    assert "Moteur : Python (durable-rules indisponible" in table.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["recommend", BELFORT, "--engine", "durable"],
        ["explain", BELFORT, "gie", "--engine", "durable"],
        ["report", BELFORT, "--engine", "durable", "--format", "md"],
        ["ask", BELFORT, "--engine", "durable"],
    ],
    ids=["recommend", "explain", "report", "ask"],
)
def test_every_command_refuses_durable_with_exit_2(no_durable, args):
    result = CliRunner().invoke(cli, args, input="")
    assert result.exit_code == 2, result.output
    assert "durable-rules ne s'importe pas" in result.output


def test_the_library_raises_an_engine_unavailable_error(no_durable):
    with pytest.raises(EngineUnavailableError, match=r"3\.13") as info:
        Recommender(engine="durable")
    assert isinstance(info.value, EngineError) and isinstance(info.value, ValueError)
    assert default_engine_name() == "python"
    with pytest.raises(EngineError, match="moteur inconnu"):
        check_engine("drools")


def test_version_names_the_engine_that_will_run():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip().endswith(f"moteur : {engine_description()}")
    if durable_module.durable_available():
        from importlib.metadata import version

        assert f"moteur : durable-rules {version('durable-rules')}" in result.output


@pytest.mark.parametrize("engine", ["python", "durable"])
def test_the_table_names_the_engine_that_ran(engine):
    if engine == "durable" and not durable_module.durable_available():
        pytest.skip("durable-rules ne s'importe pas ici")
    result = CliRunner().invoke(cli, ["recommend", BELFORT, "--engine", engine])
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith(f"Moteur : {engine_description(engine)}")
    word = "durable-rules 2." if engine == "durable" else "Python ("
    assert word in engine_description(engine)
