"""Issue #15, point 3: a pipe, a socket or a device given as input never hangs.

A profile may come from a pipe (``gesform recommend <(cat x.yaml)``), read within a bounded
wait (``GESFORM_PIPE_TIMEOUT``); data and rule files must be regular files. Every command runs
in a subprocess with its own timeout, so a regression fails instead of hanging the suite.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BELFORT = ROOT / "examples" / "belfort.yaml"


def _gesform(*args: str, env: dict[str, str] | None = None, stdin=None, timeout: float = 60):
    full = {k: v for k, v in os.environ.items() if not k.startswith("GESFORM_")}
    full.update({"GESFORM_PIPE_TIMEOUT": "1", **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "gesform", *args],
        env=full,
        stdin=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_a_named_pipe_nobody_writes_to_is_refused_after_a_bounded_wait(tmp_path):
    fifo = tmp_path / "f.yaml"
    os.mkfifo(fifo)
    done = _gesform("recommend", str(fifo))
    assert done.returncode == 2
    assert "f.yaml" in done.stderr and "tube" in done.stderr


def test_a_profile_from_process_substitution_is_read(tmp_path):
    fifo = tmp_path / "p.yaml"
    os.mkfifo(fifo)
    writer = subprocess.Popen(
        ["sh", "-c", f'cat "{BELFORT}" > "{fifo}"'], stdout=subprocess.DEVNULL
    )
    try:
        done = _gesform("recommend", str(fifo), "--format", "json")
    finally:
        writer.wait(timeout=30)
    assert done.returncode == 0, done.stderr
    assert '"structure_id":"ges"' in done.stdout.replace(" ", "")


def test_a_device_as_profile_is_refused_at_once():
    done = _gesform("recommend", "/dev/zero", timeout=30)
    assert done.returncode == 2 and "pas un fichier ordinaire" in done.stderr


def test_a_socket_as_profile_is_refused(tmp_path):
    path = tmp_path / "s.yaml"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        done = _gesform("recommend", str(path), timeout=30)
    assert done.returncode == 2 and "s.yaml" in done.stderr


@pytest.mark.parametrize(
    ("env_name", "folder", "name"),
    [
        ("GESFORM_DATA_DIR", "data", "structures.yaml"),
        ("GESFORM_DATA_DIR", "data", "documents.yaml"),
        ("GESFORM_RULES_DIR", "rules", "gie.yaml"),
        ("GESFORM_RULES_DIR", "rules", "criteria/stage.yaml"),
    ],
)
def test_a_pipe_among_data_or_rule_files_is_refused_at_once(tmp_path, env_name, folder, name):
    copy = tmp_path / folder
    shutil.copytree(ROOT / folder, copy)
    (copy / name).unlink()
    os.mkfifo(copy / name)
    done = _gesform("recommend", str(BELFORT), env={env_name: str(copy)}, timeout=30)
    assert done.returncode == 2, done.stderr
    assert Path(name).name in done.stderr and "pas un fichier ordinaire" in done.stderr
