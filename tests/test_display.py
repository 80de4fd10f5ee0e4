"""Notebook display: HTML reprs, DataFrames, the chart, ``compare`` and the optional extra."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from html import escape
from pathlib import Path

import pytest

import gesform
from gesform import Comparison, Profile, UnknownFormError, Verdict, compare, load_catalog
from gesform._optional import require
from gesform.display.html import (
    assessment_html,
    catalog_html,
    form_html,
    profile_html,
    recommendation_html,
)

ROOT = Path(__file__).resolve().parents[1]
BELFORT = ROOT / "examples" / "belfort.yaml"
EXTRA_HINT = "pip install 'gesform[notebook]'"
EVIL = "<script>alert('x')</script>"


@pytest.fixture(scope="module")
def profile() -> Profile:
    return Profile.from_file(BELFORT)


@pytest.fixture(scope="module")
def rec(profile: Profile) -> gesform.Recommendation:
    return gesform.recommend(profile)


@pytest.fixture(scope="module")
def evil_rec() -> gesform.Recommendation:
    return gesform.recommend(
        {
            "name": EVIL,
            "description": "<b>gras</b> & <i>italique</i>",
            "members": [
                {"name": EVIL, "kind": "association"},
                {"name": '"><img src=x onerror=alert(1)>', "kind": "scop"},
            ],
            "shared_functions": ["<em>libre</em>"],
        }
    )


# --- HTML -------------------------------------------------------------------------------------
def test_recommendation_html_shows_every_form_verdict_score_and_links(rec):
    from gesform._views import pivotal_for, precedents_for

    html = rec._repr_html_()
    assert html == recommendation_html(
        rec, questions=pivotal_for(rec), precedents=precedents_for(rec)
    )
    for a in rec:
        assert escape(a.name) in html
        assert a.verdict.label in html
        assert f"width:{a.score}%" in html
    legal = [r.source.url for a in rec for r in a.reasons if r.source.url]
    assert legal and all(f'href="{escape(u)}"' in html for u in legal)
    assert "orientation, pas un avis juridique" in html
    assert "<details>" in html  # reasons unfold


@pytest.mark.parametrize("verdict", list(Verdict))
def test_badge_for_each_verdict(rec, verdict):
    html = rec.top.model_copy(update={"verdict": verdict})._repr_html_()
    assert f'class="gf-badge gf-{verdict.value}"' in html
    assert f">{verdict.label}</span>" in html


def test_assessment_html_lists_reasons_sources_and_questions(rec):
    a = next(x for x in rec if x.reasons_for and x.reasons_against and x.missing)
    html = a._repr_html_()
    assert html == assessment_html(a)
    assert "Pour" in html and "Contre" in html and "Questions ouvertes" in html
    for r in a.reasons:
        assert escape(r.because) in html
        assert escape(r.source.label) in html
    for q in a.missing:
        assert escape(q.question) in html


def test_profile_html_uses_french_labels(profile):
    html = profile._repr_html_()
    assert html == profile_html(profile)
    assert "Association intermédiaire (AI)" in html
    assert "Nature juridique" in html and "Étape de la coopération" in html
    assert "4. Mutualiser" in html
    assert "Comptabilité" in html  # shared function value → its French label
    assert "accompagnement socio-professionnel" in html  # free label kept as written


def test_catalog_and_form_html():
    catalog = load_catalog()
    html = catalog._repr_html_()
    assert html == catalog_html(catalog)
    for form in catalog:
        assert escape(form.name) in html
    scic = catalog["scic"]
    sheet = scic._repr_html_()
    assert sheet == form_html(scic, catalog)
    assert escape(scic.name) in sheet
    for basis in scic.legal_bases:
        assert f'href="{escape(str(basis.url))}"' in sheet
    assert "Inconvénients" in sheet and "Avantages" in sheet and "Mise en place" in sheet
    assert escape(scic.drawbacks[0].text) in sheet


def test_html_escapes_every_value(evil_rec):
    outputs = [
        evil_rec._repr_html_(),
        evil_rec.profile._repr_html_(),
        evil_rec.top._repr_html_(),
    ]
    for html in outputs:
        assert "<script" not in html
        assert "<img" not in html
        assert "<b>gras" not in html
    assert "&lt;script&gt;" in outputs[0]
    assert "&lt;script&gt;" in outputs[1] and "&lt;em&gt;libre&lt;/em&gt;" in outputs[1]


def test_plain_repr_stays_short(rec, profile):
    for obj in (rec, profile, rec.top, load_catalog(), compare(["scic", "gie"])):
        text = repr(obj)
        assert len(text) < 300 and "\n" not in text and "<" not in text


# --- DataFrames and chart -----------------------------------------------------------------------
def test_recommendation_dataframe(rec):
    pytest.importorskip("pandas")
    df = rec.to_dataframe()
    assert df.shape == (11, 10)
    assert list(df.index) == [a.structure_id for a in rec]
    assert df.index.name == "id"
    assert list(df["rang"]) == list(range(1, 12))
    assert set(df["verdict"]) <= {v.label for v in Verdict}
    assert df.loc[rec.top.structure_id, "score"] == rec.top.score


def test_catalog_dataframe():
    pytest.importorskip("pandas")
    catalog = load_catalog()
    df = catalog.to_dataframe()
    assert df.shape == (len(catalog), 11)
    assert list(df.index) == list(catalog.ids)
    assert df.loc["scic", "sigle"] == "SCIC"
    assert df.loc["scic", "responsabilite"] == catalog["scic"].liability.kind.label


def test_plot_returns_figure_with_one_bar_per_form(rec):
    pytest.importorskip("matplotlib")
    from matplotlib.figure import Figure

    fig = rec.plot()
    assert isinstance(fig, Figure)
    (ax,) = fig.axes
    assert len(ax.patches) == 11
    assert len(ax.containers[0]) == 11
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == f"1. {rec.top.name}"
    assert ax.get_xlabel() == "Score (sur 100)"
    excluded = [b for b, a in zip(ax.patches, rec, strict=True) if a.verdict is Verdict.excluded]
    assert excluded and all(b.get_alpha() < 1 for b in excluded)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [v.label for v in Verdict]


# --- compare ----------------------------------------------------------------------------------
def test_compare_side_by_side():
    comp = gesform.compare(["scic", "ges", "gie"])
    assert isinstance(comp, Comparison)
    assert comp.ids == ("scic", "ges", "gie")
    labels = [label for label, _ in comp.rows()]
    for label in ("Membres", "Capital", "Responsabilité des membres", "Gouvernance"):
        assert label in labels
    assert "Avantages" in labels and "Inconvénients" in labels
    html = comp._repr_html_()
    catalog = load_catalog()
    for fid in comp.ids:
        assert escape(catalog[fid].name) in html
        assert escape(catalog[fid].drawbacks[0].text) in html
    md = comp.to_markdown()
    assert md.splitlines()[0] == "| | SCIC | GES | GIE |"
    assert "| **Capital** |" in md
    assert len(md.splitlines()) == 2 + len(labels)


def test_compare_dataframe():
    pytest.importorskip("pandas")
    df = compare(["scic", "ges"]).to_dataframe()
    assert df.shape == (9, 2)
    assert list(df.columns) == ["SCIC", "GES"]


def test_compare_rejects_unknown_and_empty():
    with pytest.raises(UnknownFormError) as info:
        compare(["scic", "sarl"])
    assert "sarl" in str(info.value) and "scic" in str(info.value)
    with pytest.raises(ValueError):
        compare([])


# --- the optional extra -----------------------------------------------------------------------
def test_require_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'gesform\[notebook\]'"):
        require("pandas")


def test_without_pandas_the_methods_say_which_extra(monkeypatch, rec):
    monkeypatch.setitem(sys.modules, "pandas", None)
    for call in (rec.to_dataframe, load_catalog().to_dataframe, compare(["gie"]).to_dataframe):
        with pytest.raises(ImportError) as info:
            call()
        assert EXTRA_HINT in str(info.value)


def test_without_matplotlib_plot_says_which_extra(monkeypatch, rec):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ImportError) as info:
        rec.plot()
    assert EXTRA_HINT in str(info.value)


def test_core_works_without_the_notebook_extra():
    """A fresh interpreter where pandas and matplotlib cannot be imported at all."""
    code = textwrap.dedent(
        f"""
        import sys

        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("pandas", "matplotlib"):
                    raise ImportError("blocked: " + name)

        sys.meta_path.insert(0, Block())
        import gesform
        rec = gesform.recommend(gesform.Profile.from_file({str(BELFORT)!r}))
        assert rec._repr_html_() and rec.to_html() and rec.to_markdown()
        gesform.compare(["scic", "gie"])._repr_html_()
        for call in (rec.to_dataframe, rec.plot):
            try:
                call()
            except ImportError as exc:
                assert "pip install 'gesform[notebook]'" in str(exc), exc
            else:
                raise AssertionError("no ImportError")
        assert "pandas" not in sys.modules and "matplotlib" not in sys.modules
        print("ok")
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


# --- terminal (issue #15, point 17) -----------------------------------------------------------
def _terminal_lines(renderable, width: int) -> list[str]:
    from io import StringIO

    from rich.console import Console

    out = StringIO()
    Console(file=out, width=width, color_system=None, legacy_windows=False).print(renderable)
    return out.getvalue().splitlines()


@pytest.mark.parametrize("width", [40, 80, 132])
def test_compact_summary_fits_the_width_with_two_lines_per_form(rec, width):
    import textwrap

    from rich.cells import cell_len

    from gesform.display.setups import setup_line
    from gesform.display.terminal import RecommendationSummary
    from gesform.display.words import track_record_line

    lines = _terminal_lines(RecommendationSummary(rec), width)
    assert max(cell_len(line) for line in lines) <= width
    setup_lines = sum(len(textwrap.wrap(setup_line(s), width - 2)) for s in rec.setups)
    measured = track_record_line(rec)
    assert measured is not None
    measured_lines = 1 + len(textwrap.wrap(measured, width))
    assert len(lines) <= (
        2 + 2 * len(rec.results) + measured_lines + (2 + setup_lines if rec.setups else 0)
    )
    wrapped = set(textwrap.wrap(measured, width))
    assert wrapped <= set(lines)
    ranks = [line for line in lines if line[:2].strip().isdigit() and line not in wrapped]
    assert [int(line[:2]) for line in ranks] == [a.rank for a in rec.results]
    for line, a in zip(ranks, rec.results, strict=True):
        assert a.verdict.label in line and line.rstrip().endswith(str(a.score))


def test_compact_summary_cuts_reasons_at_a_word_boundary(rec):
    from gesform.display.terminal import RecommendationSummary, key_reason

    lines = _terminal_lines(RecommendationSummary(rec), 80)
    reasons = [line.strip() for line in lines if line.startswith("    ")]
    assert len(reasons) == len(rec.results)
    for line, a in zip(reasons, rec.results, strict=True):
        because = key_reason(a).because
        sign, _, text = line.partition(" ")
        assert sign in ("✔", "✘") or sign.lstrip("+-").isdigit(), line
        if text.endswith("…"):
            kept = text[:-1]
            assert because.startswith(kept) and len(kept) < len(because)
            assert because[len(kept)] in " ,;:", (kept, because)  # a whole word was kept
        else:
            assert text == because


def test_key_reason_is_the_exclusion_for_an_excluded_form(rec):
    from gesform.display.terminal import key_reason

    for a in rec.results:
        reason = key_reason(a)
        if a.verdict is Verdict.excluded:
            assert reason is not None and reason.effect.hard and reason.direction == "against"
        elif a.reasons_for:
            assert reason == a.reasons_for[0]


def test_shorten_cuts_after_a_whole_word():
    from gesform.display.shorten import shorten

    name = "Société coopérative d'intérêt collectif"
    assert shorten(name, 28) == "Société coopérative…"
    assert shorten(name, 100) == name
    assert shorten("Anticonstitutionnellement", 10) == "Anticonst…"
    assert shorten("structures, puis", 14) == "structures…"
    assert all(len(shorten(name, w)) <= w for w in range(0, 45))
