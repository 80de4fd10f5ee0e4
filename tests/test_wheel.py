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
    data_files = {n for n in names if n.startswith("gesform/data/") and n.endswith(".yaml")}
    assert data_files == {f"gesform/data/{p.name}" for p in (ROOT / "data").glob("*.yaml")}
    assert "gesform/data/structures.yaml" in data_files
    assert "gesform/data/track_record.yaml" in data_files
    assert "gesform/py.typed" in names
    rule_files = {n for n in names if n.startswith("gesform/rules/") and n.endswith(".yaml")}
    expected = {
        f"gesform/rules/{p.relative_to(ROOT / 'rules').as_posix()}"
        for p in (ROOT / "rules").rglob("*.yaml")
    }
    assert any("/criteria/" in n for n in expected)
    assert rule_files == expected and rule_files


def test_wheel_contains_the_examples_once(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {n for n in names if n.startswith("gesform/examples/") and n.endswith(".yaml")}
    expected = {f"gesform/examples/{p.name}" for p in (ROOT / "examples").glob("*.yaml")}
    assert shipped == expected and shipped
    assert not any(n.endswith(".yaml") and n.startswith("examples/") for n in names)


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> list[str]:
    """``sys.path`` entries: the wheel installed in a folder, then the venv's dependencies."""
    target = tmp_path_factory.mktemp("site") / "site"
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
    # The venv's site-packages provide the dependencies; the wheel's copy of gesform wins.
    deps = [p for p in sys.path if p.endswith("site-packages")]
    return [str(target), *deps]


def _run_elsewhere(path: list[str], code: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run *code* with an isolated interpreter (no checkout on its path) in *cwd*."""
    return subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path[:0] = {path!r}; {code}"],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONNOUSERSITE": "1", "COLUMNS": "80"},
    )


def test_installed_wheel_loads_catalog_and_rules_from_anywhere(installed, tmp_path):
    code = (
        "import gesform, pathlib; c = gesform.load_catalog(); r = gesform.load_rules();"
        "p = pathlib.Path(gesform.__file__).resolve();"
        "print(len(c), len(r), p.parent.parent.name)"
    )
    result = _run_elsewhere(installed, code, tmp_path)
    assert result.returncode == 0, result.stderr
    n_forms, n_rules, site = result.stdout.split()
    assert int(n_forms) == 11 and int(n_rules) >= 100
    assert site == "site"  # imported from the installed wheel, not the checkout


def _gesform(*args: str) -> str:
    return f"sys.argv = ['gesform', *{list(args)!r}]; from gesform.cli import main; main()"


def test_installed_wheel_ships_the_examples_to_a_newcomer(installed, tmp_path):
    """``gesform example belfort > belfort.yaml`` then ``gesform recommend belfort.yaml``."""
    listing = _run_elsewhere(installed, _gesform("example"), tmp_path)
    assert listing.returncode == 0, listing.stderr
    for path in (ROOT / "examples").glob("*.yaml"):
        assert path.stem in listing.stdout
    written = _run_elsewhere(installed, _gesform("example", "belfort"), tmp_path)
    assert written.returncode == 0, written.stderr
    assert written.stdout == (ROOT / "examples" / "belfort.yaml").read_text(encoding="utf-8")
    (tmp_path / "belfort.yaml").write_text(written.stdout, encoding="utf-8")
    ranked = _run_elsewhere(installed, _gesform("recommend", "belfort.yaml"), tmp_path)
    assert ranked.returncode == 0, ranked.stderr
    assert "Groupe économique solidaire" in ranked.stdout
    # The measured track record ships and matches the wheel's rules (same version digest).
    assert "Fiabilité mesurée" in ranked.stdout
    code = (
        "import gesform, pathlib; p = gesform.examples.load('belfort');"
        "print(p.name, '|', pathlib.Path(gesform.examples.folder()).parent.parent.name)"
    )
    loaded = _run_elsewhere(installed, code, tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.split("|")[0].strip() == "Quatre SIAE du Territoire de Belfort"
    assert loaded.stdout.split("|")[1].strip() == "site"
