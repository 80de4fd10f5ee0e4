"""The Belfort HTML report as a person sees it: opened in headless Chromium.

Skipped, saying so, only when no Chromium binary exists (``.ci/run`` installs the OS package).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner

import gesform
from gesform.commands.report import report
from gesform.report import NOTICE

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
BELFORT = ROOT / "examples" / "belfort.yaml"
CONSOLE_ERROR = re.compile(r"Uncaught|:CONSOLE[:(].*\b(error|Error|failed|Failed)\b")


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


CHROMIUM = _chromium()
if CHROMIUM is None:
    pytest.skip(
        "no Chromium binary (chromium / chromium-browser on PATH or /usr/bin/chromium): "
        "install it with `apt-get install chromium` (.ci/run does) to run the browser test",
        allow_module_level=True,
    )


def _run(tmp_path: Path, url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    profile_dir = tmp_path / f"chromium-profile-{len(list(tmp_path.iterdir()))}"
    args = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile_dir}",
        "--enable-logging=stderr",
        "--v=0",
        *extra,
        url,
    ]
    return subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)


def _console_errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if CONSOLE_ERROR.search(line)]


def _pixels(png: Path) -> list[tuple[int, int, int]] | None:
    """A sample of the screenshot's RGB pixels (every 4th pixel), or None without Pillow."""
    try:
        from PIL import Image
    except ImportError:  # Pillow comes with matplotlib (extra notebook)
        return None
    with Image.open(png) as im:
        assert im.size == (1200, 2000), im.size
        data = im.convert("RGB").reduce(4).tobytes()
    return [(data[i], data[i + 1], data[i + 2]) for i in range(0, len(data), 3)]


@pytest.fixture(scope="module")
def report_file(tmp_path_factory) -> Path:
    """``gesform report examples/belfort.yaml -o synthese.html``."""
    out = tmp_path_factory.mktemp("report") / "synthese.html"
    result = CliRunner().invoke(report, [str(BELFORT), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_report_renders_without_console_errors_and_is_not_blank(report_file, tmp_path):
    png = tmp_path / "synthese.png"
    run = _run(tmp_path, report_file.as_uri(), f"--screenshot={png}", "--window-size=1200,2000")
    assert png.exists(), run.stderr[-2000:]
    assert not _console_errors(run.stderr), _console_errors(run.stderr)
    assert png.stat().st_size > 30_000, "screenshot too small: blank page?"
    pixels = _pixels(png)
    if pixels is not None:
        ink = sum(1 for p in pixels if p != (255, 255, 255)) / len(pixels)
        assert len(set(pixels)) > 20, "screenshot is blank"
        assert 0.02 < ink < 0.9, f"screenshot is (almost) empty or unreadable: {ink:.1%} ink"
        greens = sum(1 for r, g, b in pixels if g > 100 and r < 60 and b < 90)
        assert greens > 50, "no green badge or bar: the CSS or the SVG chart did not render"


def test_key_text_is_in_the_rendered_dom(report_file, tmp_path):
    run = _run(tmp_path, report_file.as_uri(), "--dump-dom")
    assert run.returncode == 0, run.stderr[-2000:]
    assert not _console_errors(run.stderr), _console_errors(run.stderr)
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", run.stdout)).split())
    rec = gesform.recommend(gesform.Profile.from_file(BELFORT))
    assert rec.top.name in text
    assert NOTICE in text
    assert "Questions à éclaircir" in text


def test_console_error_detection_works(tmp_path):
    """The console check is not vacuous: a page with a script error is caught."""
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><p>x</p><script>notDefined()</script>", encoding="utf-8")
    run = _run(tmp_path, page.as_uri(), "--dump-dom")
    assert _console_errors(run.stderr), run.stderr[-2000:]


def test_belfort_report_prints_on_at_most_two_pages(report_file, tmp_path):
    """The written synthesis is a one-to-two-page document once printed (A4, print CSS)."""
    pdf = tmp_path / "synthese.pdf"
    _run(tmp_path, report_file.as_uri(), f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert pdf.exists() and pdf.stat().st_size > 5_000
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))
    assert 1 <= pages <= 2, pages
