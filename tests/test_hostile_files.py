"""Hostile files through the real command line: a clear error (exit 2) or a correct answer.

Each file is given to ``python -m gesform recommend FILE`` in a subprocess, which must answer
within 5 s with a bounded peak memory (the child's own ``VmHWM``, read at its exit): exit 2
and a message naming the file and the problem, or exit 0 with the same answer as the clean
file (UTF-8 BOM, CRLF). Nothing in a file is executed. A corrupt catalog or rule file given
through ``GESFORM_DATA_DIR`` / ``GESFORM_RULES_DIR`` stops the command before any answer.
The limits are in ``docs/reliability.md`` (section « Limites »).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from gesform import load_catalog, load_rules
from gesform.errors import DataFileError, RuleFileError
from gesform.reading import MAX_DEPTH, MAX_PROFILE_BYTES

ROOT = Path(__file__).resolve().parents[1]
BELFORT = ROOT / "examples" / "belfort.yaml"
TIME_LIMIT_S = 5.0
#: Peak RSS allowed for the child (a plain answer peaks near 50 MB).
MEMORY_LIMIT_MB = 200.0
HUNDRED_MB = 100 * 1024 * 1024


@dataclass
class Run:
    """What one ``gesform`` subprocess did."""

    code: int
    stdout: str
    stderr: str
    seconds: float
    maxrss_mb: float


#: ``python -m gesform ARGS`` that writes its own peak RSS (VmHWM) to $GESFORM_TEST_HWM at exit.
#: ``ru_maxrss`` from ``wait4`` would not do: under Linux it keeps the pytest process's peak
#: across fork and exec.
_RUNNER = """
import atexit, os, runpy, sys

def _peak():
    with open("/proc/self/status") as fh:
        hwm = next((line.split()[1] for line in fh if line.startswith("VmHWM:")), "0")
    with open(os.environ["GESFORM_TEST_HWM"], "w") as out:
        out.write(hwm)

atexit.register(_peak)
sys.argv[0] = "gesform"
runpy.run_module("gesform", run_name="__main__", alter_sys=True)
"""


def gesform(*args: str, env: dict[str, str] | None = None, timeout: float = 60) -> Run:
    """Run ``python -m gesform ARGS`` in a subprocess; its wall time and its own peak RSS."""
    with tempfile.TemporaryDirectory(prefix="gesform-hostile-") as d:
        hwm = Path(d) / "vmhwm"
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-c", _RUNNER, *args],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            env={**os.environ, **(env or {}), "GESFORM_TEST_HWM": str(hwm)},
            cwd=ROOT,
            timeout=timeout,
            check=False,
        )
        seconds = time.perf_counter() - start
        peak_kib = int(hwm.read_text() or 0) if hwm.exists() else 0
    return Run(
        code=proc.returncode,
        stdout=proc.stdout.decode("utf-8", "replace"),
        stderr=proc.stderr.decode("utf-8", "replace"),
        seconds=seconds,
        maxrss_mb=peak_kib / 1024,
    )


def _bounded(run: Run) -> None:
    assert run.seconds < TIME_LIMIT_S, f"{run.seconds:.1f} s"
    assert 0 < run.maxrss_mb < MEMORY_LIMIT_MB, f"{run.maxrss_mb:.0f} Mo"
    assert "Traceback" not in run.stderr, run.stderr


def _refused(path: Path, problem: str) -> Run:
    """The file is refused: exit 2, stderr names the file and the problem, nothing on stdout."""
    run = gesform("recommend", str(path), "--format", "json")
    _bounded(run)
    assert run.code == 2, (run.code, run.stderr)
    assert str(path) in run.stderr, run.stderr
    assert any(word in run.stderr for word in problem.split("|")), run.stderr
    assert run.stdout == ""
    return run


@pytest.fixture(scope="module")
def clean_answer() -> str:
    """The answer for the clean example file."""
    run = gesform("recommend", str(BELFORT), "--format", "json")
    assert run.code == 0, run.stderr
    return run.stdout


# --- the hostile profile files -----------------------------------------------------------------
def _alias_bomb() -> bytes:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [{', '.join(['*' + prev] * 9)}]")
    return ("\n".join(lines) + "\n").encode()


def _nested_yaml() -> bytes:
    return b"objectives: " + b"[" * 10_000 + b"]" * 10_000 + b"\n"


def _nested_yaml_maps() -> bytes:
    return b"{a: " * 10_000 + b"1" + b"}" * 10_000


def _nested_json() -> bytes:
    return b'{"members": ' + b'{"a": ' * 10_000 + b"1" + b"}" * 10_001


def _binary() -> bytes:
    return random.Random(10).randbytes(64 * 1024)


HOSTILE = {
    "alias-bomb.yaml": (_alias_bomb, "alias|ancres"),
    "nested-10000.yaml": (_nested_yaml, "imbrication"),
    "nested-maps-10000.yaml": (_nested_yaml_maps, "imbrication"),
    "nested-10000.json": (_nested_json, "imbrication"),
    "binary.yaml": (_binary, "UTF-8|binaire"),
    "binary.json": (_binary, "UTF-8|binaire"),
    "latin1.yaml": (lambda: "name: Équipe des Éditions\n".encode("latin-1"), "UTF-8"),
    "utf16.json": (lambda: '{"name": "x"}'.encode("utf-16"), "UTF-8"),
    "duplicate.json": (lambda: b'{"horizon": "one_off", "horizon": "lasting"}', "double"),
    "duplicate.yaml": (lambda: b"horizon: one_off\nhorizon: lasting\n", "double"),
    "huge-number.json": (lambda: b'{"member_count": ' + b"9" * 5000 + b"}", "trop long"),
    "huge-number.yaml": (lambda: b"member_count: " + b"9" * 5000 + b"\n", "trop long"),
    "bad-date.yaml": (lambda: b"name: 2001-02-30\n", "illisible"),
    "nan.json": (lambda: b'{"members": [{"employees": NaN}, {}]}', "non standard"),
    "inf.json": (lambda: b'{"members": [{"employees": 1e400}, {}]}', "non fini"),
    "list.yaml": (lambda: b"- a\n- b\n", "dictionnaire"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_file_is_refused_fast_with_its_name(tmp_path: Path, name: str) -> None:
    make, problem = HOSTILE[name]
    path = tmp_path / name
    path.write_bytes(make())
    _refused(path, problem)


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_100_mb_file_is_refused_without_reading_it(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"big{suffix}"
    with path.open("wb") as fh:  # sparse: 100 MB on paper, a few bytes on disk
        fh.write(b"{}" if suffix == ".json" else b"horizon: lasting\n")
        fh.truncate(HUNDRED_MB)
    assert path.stat().st_size == HUNDRED_MB
    run = _refused(path, "trop grand")
    assert run.maxrss_mb < 100  # at most 1 MiB + 1 byte is read


def test_python_tags_execute_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    payloads = [
        f"objectives: !!python/object/apply:os.system ['touch {marker}']\n",
        f"!!python/object/apply:subprocess.check_call [[touch, {marker}]]\n",
        f"name: !!python/object/new:os.system ['touch {marker}']\n",
        "horizon: !!python/name:os.system\n",
        f"name: !python/object/apply:os.system ['touch {marker}']\n",
        "%TAG !x! tag:yaml.org,2002:python/object/apply:\n---\nname: !x!os.system ['true']\n",
    ]
    for i, text in enumerate(payloads):
        path = tmp_path / f"tag{i}.yaml"
        path.write_text(text, encoding="utf-8")
        _refused(path, "étiquette")
    assert not marker.exists(), "un fichier a fait exécuter du code / code was executed"


@pytest.mark.parametrize(
    "transform",
    [
        lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
        lambda text: text.replace("\n", "\r\n").encode("utf-8"),
        lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["bom", "crlf", "bom+crlf"],
)
def test_bom_and_crlf_give_the_clean_answer(tmp_path: Path, clean_answer: str, transform) -> None:
    path = tmp_path / "belfort.yaml"
    path.write_bytes(transform(BELFORT.read_text(encoding="utf-8")))
    run = gesform("recommend", str(path), "--format", "json")
    _bounded(run)
    assert run.code == 0, run.stderr
    assert run.stdout == clean_answer


def test_bom_and_crlf_in_json(tmp_path: Path, clean_answer: str) -> None:
    import yaml

    data = yaml.safe_load(BELFORT.read_text(encoding="utf-8"))
    path = tmp_path / "belfort.json"
    text = json.dumps(data, indent=2, ensure_ascii=False).replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    run = gesform("recommend", str(path), "--format", "json")
    _bounded(run)
    assert run.code == 0, run.stderr
    assert run.stdout == clean_answer


def test_limits_are_the_documented_ones() -> None:
    assert MAX_PROFILE_BYTES == 1024 * 1024 and MAX_DEPTH == 64
    text = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    assert "## Limites" in text and "1 Mio" in text and "64" in text


# --- a corrupt catalog or rule file through the documented overrides ----------------------------
@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ to corrupt."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    """A copy of rules/ to corrupt."""
    target = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", target)
    return target


def _refuses_to_start(env: dict[str, str], file: Path, problem: str) -> None:
    run = gesform("recommend", str(BELFORT), "--format", "json", env=env)
    _bounded(run)
    assert run.code != 0 and run.stdout == "", (run.code, run.stdout[:200])
    assert str(file) in run.stderr, run.stderr
    assert any(word in run.stderr for word in problem.split("|")), run.stderr


def _truncate_half(path: Path) -> None:
    """Cut the file in the middle (on a character) and end it with an unclosed list."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: len(text) // 2] + "\n  - [unclosed\n", encoding="utf-8")


CORRUPT_CATALOG = {
    "truncated": (_truncate_half, "mal formé"),
    "alias-bomb": (lambda p: p.write_bytes(_alias_bomb()), "alias|ancres"),
    "latin1": (lambda p: p.write_bytes(p.read_text().encode("latin-1", "replace")), "UTF-8"),
    "python-tag": (
        lambda p: p.write_text("forms: !!python/object/apply:os.system ['true']\n"),
        "étiquette",
    ),
    "empty": (lambda p: p.write_bytes(b""), "dictionnaire"),
    "directory": (lambda p: (p.unlink(), p.mkdir()), "illisible"),
    "missing": (lambda p: p.unlink(), "introuvable"),
}


@pytest.mark.parametrize("corruption", list(CORRUPT_CATALOG))
def test_corrupt_catalog_stops_the_command(data_copy: Path, corruption: str) -> None:
    corrupt, problem = CORRUPT_CATALOG[corruption]
    structures = data_copy / "structures.yaml"
    corrupt(structures)
    _refuses_to_start({"GESFORM_DATA_DIR": str(data_copy)}, structures, problem)
    with pytest.raises(DataFileError, match=r"structures\.yaml"):
        load_catalog(structures)


def _grow(path: Path, size: int) -> None:
    """Make *path* *size* bytes long, sparse (zeros on paper, nothing written)."""
    with path.open("ab") as fh:
        fh.truncate(size)


def _unknown_fact(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("fact: ", "fact: no_such_fact_", 1), encoding="utf-8")


CORRUPT_RULES = {
    "truncated": (_truncate_half, "mal formé"),
    "unknown-fact": (_unknown_fact, "no_such_fact_"),
    "duplicate-key": (lambda p: p.write_bytes(p.read_bytes() + b"form: gie\n"), "double"),
    "python-tag": (
        lambda p: p.write_text("form: gie\nrules: !!python/object/apply:os.system ['true']\n"),
        "étiquette",
    ),
    "binary": (lambda p: p.write_bytes(_binary()), "UTF-8|binaire"),
    "too-big": (lambda p: _grow(p, HUNDRED_MB), "trop grand"),
    "directory": (lambda p: (p.unlink(), p.mkdir()), "illisible"),
}


@pytest.mark.parametrize("corruption", list(CORRUPT_RULES))
def test_corrupt_rule_file_stops_the_command(rules_copy: Path, corruption: str) -> None:
    corrupt, problem = CORRUPT_RULES[corruption]
    gie = rules_copy / "gie.yaml"
    corrupt(gie)
    _refuses_to_start({"GESFORM_RULES_DIR": str(rules_copy)}, gie, problem)
    with pytest.raises(RuleFileError, match=r"gie\.yaml"):  # never a partial rule base
        load_rules(rules_copy)


def test_rule_base_loads_again_once_the_file_is_repaired(rules_copy: Path) -> None:
    gie = rules_copy / "gie.yaml"
    good = gie.read_bytes()
    _truncate_half(gie)
    with pytest.raises(RuleFileError):
        load_rules(rules_copy)
    gie.write_bytes(good)
    assert len(load_rules(rules_copy)) == len(load_rules())
