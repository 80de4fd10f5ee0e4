"""The built wheel carries data/ and rules/ and works from any directory, with no checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
    )
    (path,) = out.glob("gesform-*.whl")
    return path


def test_wheel_contains_data_rules_and_py_typed(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "gesform/data/structures.yaml" in names
    assert "gesform/data/documents.yaml" in names
    assert "gesform/py.typed" in names
    rule_files = {n for n in names if n.startswith("gesform/rules/") and n.endswith(".yaml")}
    expected = {
        f"gesform/rules/{p.relative_to(ROOT / 'rules').as_posix()}"
        for p in (ROOT / "rules").rglob("*.yaml")
    }
    assert any("/criteria/" in n for n in expected)
    assert rule_files == expected and rule_files


def test_installed_wheel_loads_catalog_and_rules_from_anywhere(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import gesform, pathlib; c = gesform.load_catalog(); r = gesform.load_rules();"
        "p = pathlib.Path(gesform.__file__).resolve();"
        "print(len(c), len(r), p.parent.parent.name)"
    )
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin", "PYTHONNOUSERSITE": "1"}
    # The venv's site-packages provide the dependencies; the wheel's copy of gesform wins.
    deps = [p for p in sys.path if p.endswith("site-packages")]
    env["PYTHONPATH"] = ":".join([str(target), *deps])
    result = subprocess.run(
        [
            sys.executable,
            "-I",
            "-c",
            f"import sys; sys.path[:0] = {env['PYTHONPATH'].split(':')!r}; {code}",
        ],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    )
    n_forms, n_rules, site = result.stdout.split()
    assert int(n_forms) == 11 and int(n_rules) >= 100
    assert site == "site"  # imported from the installed wheel, not the checkout
