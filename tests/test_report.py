"""The written synthesis: HTML and Markdown hold the same content; ``gesform report``."""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from pydantic import ValidationError

import gesform
from gesform import Profile, Verdict, load_catalog
from gesform.commands.report import report
from gesform.report import MAX_QUESTIONS, NOTICE, french_date, render_report, report_context

from .strategies import profile_data

ROOT = Path(__file__).resolve().parents[1]
BELFORT = ROOT / "examples" / "belfort.yaml"
TODAY = date(2026, 3, 1)


@pytest.fixture(scope="module")
def rec() -> gesform.Recommendation:
    return gesform.recommend(Profile.from_file(BELFORT))


@pytest.fixture(scope="module")
def html(rec) -> str:
    return rec.to_html(today=TODAY)


@pytest.fixture(scope="module")
def md(rec) -> str:
    return rec.to_markdown(today=TODAY)


def _text(html: str) -> str:
    """The visible text of an HTML document, whitespace collapsed."""
    body = re.sub(r"<style.*?</style>|<title.*?</title>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())


def _key_content(rec: gesform.Recommendation) -> list[str]:
    ctx = report_context(rec, today=TODAY)
    keys = [
        NOTICE,
        "1er mars 2026",
        rec.gesform_version,
        rec.catalog_version,
        rec.rules_version,
        rec.profile.name or "Groupe sans nom",
    ]
    keys += [a.name for a in rec]
    for f in ctx["top"]:
        keys += [f["name"], *f["drawbacks"], *f["steps"], *(b["label"] for b in f["legal_bases"])]
        keys += [r["because"] for r in f["reasons_for"] + f["reasons_against"]]
        keys += [v["name"] for v in f["vehicles"]]
    keys += [e["because"] for e in ctx["excluded"]]
    keys += [q["question"] for q in ctx["questions"]]
    keys += [value for _, value in ctx["answers"]]
    return keys


def test_methods_are_render_report(rec, html, md):
    from gesform._views import pivotal_for, precedents_for

    more = {"questions": pivotal_for(rec), "precedents": precedents_for(rec)}
    assert more["precedents"] is not None
    assert html == render_report(rec, "html", today=TODAY, **more)
    assert md == render_report(rec, "md", today=TODAY, **more)
    assert render_report(rec, today=TODAY, **more) == html


def test_html_and_markdown_hold_the_same_key_content(rec, html, md):
    text = _text(html)
    md_text = " ".join(md.replace("\\", "").split())
    missing_html = [k for k in _key_content(rec) if " ".join(k.split()) not in text]
    missing_md = [k for k in _key_content(rec) if " ".join(k.split()) not in md_text]
    assert not missing_html, missing_html
    assert not missing_md, missing_md


def test_report_content_for_belfort(rec, html, md):
    top = rec.top
    assert top.verdict in (Verdict.recommended, Verdict.possible)
    for doc in (html, md):
        assert top.name in unescape(doc)
        assert NOTICE in unescape(doc)
        assert "Questions à éclaircir" in doc and "Formes écartées" in doc
        assert "Premières étapes" in doc and "Textes applicables" in doc
    catalog = load_catalog()
    for basis in catalog[top.structure_id].legal_bases:
        assert f'href="{basis.url}"' in html
        assert f"]({basis.url})" in md
    for q in rec.top.missing[:MAX_QUESTIONS]:  # the first form's questions come first
        assert q.question in unescape(html) and q.question in md
    for a in rec.by_verdict(Verdict.excluded):
        assert a.name in unescape(html) and f"**{a.name}**" in md


def _check_every_form_in_play_is_detailed_or_named(rec: gesform.Recommendation) -> None:
    """Each recommended or possible form is detailed; each other form still in play is named
    among the forms left out, with why; the two formats say the same."""
    ctx = report_context(rec, today=TODAY)
    detailed = [f["id"] for f in ctx["top"]]
    in_play = [a for a in rec if a.verdict is not Verdict.excluded]
    recommended = [a.structure_id for a in in_play if a.verdict is Verdict.recommended]
    assert set(recommended) <= set(detailed)  # every recommended form is detailed
    assert len(detailed) == (len(recommended) if recommended else min(2, len(in_play)))
    assert detailed == [a.structure_id for a in in_play if a.structure_id in detailed]
    left_out = [f["id"] for f in ctx["left_out"]]
    assert sorted(detailed + left_out) == sorted(a.structure_id for a in in_play)
    assert bool(left_out) == bool(ctx["left_out_why"])
    html = unescape(render_report(rec, "html", today=TODAY))
    md = render_report(rec, "md", today=TODAY).replace("\\", "")
    for a in in_play:
        assert a.name in html and a.name in md
    if left_out:
        html_para = html[html.index('id="non-detaillees"') :].split("</p>")[0]
        md_para = next(line for line in md.splitlines() if "Formes non détaillées" in line)
        for f in ctx["left_out"]:
            named = f"{f['name']} ({f['verdict_label'].lower()}, {f['score']}/100)"
            assert named in html_para and named in md_para
        assert ctx["left_out_why"] in html_para and ctx["left_out_why"] in md_para
        assert f"gesform explain PROFIL {left_out[0]}" in md_para
    else:
        assert "Formes non détaillées" not in html and "Formes non détaillées" not in md


def test_every_recommended_form_is_detailed_and_the_rest_named(rec):
    """Issue #18, point 6: four recommended forms are all detailed (the report kept two)."""
    _check_every_form_in_play_is_detailed_or_named(rec)  # Belfort: one recommended form
    results = [
        a.model_copy(update={"verdict": Verdict.recommended}) if a.rank <= 4 else a
        for a in rec.results
    ]
    many = rec.model_copy(update={"results": tuple(results)})
    ctx = report_context(many, today=TODAY)
    assert [f["id"] for f in ctx["top"]] == [a.structure_id for a in rec.results[:4]]
    _check_every_form_in_play_is_detailed_or_named(many)
    md = render_report(many, "md", today=TODAY)
    assert "### 3.4 " in md


def test_forms_left_out_are_named_when_none_is_recommended():
    answer = gesform.recommend(gesform.examples.load("gessa"))
    unsure = [
        a.model_copy(update={"verdict": Verdict.conditional})
        if a.verdict in (Verdict.recommended, Verdict.possible)
        else a
        for a in answer.results
    ]
    rec = answer.model_copy(update={"results": tuple(unsure)})
    assert not [a for a in rec if a.verdict in (Verdict.recommended, Verdict.possible)]
    ctx = report_context(rec, today=TODAY)
    assert len(ctx["top"]) == 2 and ctx["top_note"]
    assert ctx["left_out"] and "les mieux classées" in ctx["left_out_why"]
    _check_every_form_in_play_is_detailed_or_named(rec)


@settings(max_examples=25, deadline=None)
@given(profile_data(answered=0.8))
def test_report_details_or_names_every_form_in_play(data):
    try:
        rec = gesform.recommend(data)
    except ValidationError:
        return
    _check_every_form_in_play_is_detailed_or_named(rec)


def test_markdown_member_table_is_well_formed_and_says_who_is_of_the_ess(md):
    """Every row of the members table has the head's number of cells, and a member of the ESS
    by its legal status (loi 2014-856, art. 1, II, 1°) says so without being asked."""
    lines = md.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| Nom | Nature juridique"))
    table = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        table.append(line)
    widths = {line.count(" | ") for line in table}
    assert len(widths) == 1 and len(table) >= 3, table
    assert "Entreprise de l'ESS" in table[0] and "Oui (statut)" in table[2]


def test_html_is_self_contained_and_printable(html):
    assert html.startswith("<!DOCTYPE html>")
    assert "<style>" in html and "@media print" in html and "@page" in html
    assert "<script" not in html and "<link" not in html and "<img" not in html
    assert not re.search(r"""(src|url)\s*[=(]\s*["']?https?:""", html)
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert svg.count("<rect") == 11


def test_markdown_is_not_html_escaped(md):
    assert "&#39;" not in md and "&amp;" not in md and "&lt;" not in md
    assert "Synthèse d'orientation" in md
    assert "<" not in md.replace("<br>", "")


def test_profile_text_is_escaped_in_both_formats():
    evil = "<script>alert('x')</script>"
    rec = gesform.recommend(
        {"name": evil, "members": [{"name": evil, "kind": "association"}, {"kind": "scop"}]}
    )
    html = rec.to_html(today=TODAY)
    assert "<script" not in html and "&lt;script&gt;" in html
    md = rec.to_markdown(today=TODAY)
    assert not re.search(r"(?<!\\)<", md) and "\\<script\\>" in md


def test_report_is_deterministic_for_a_date(rec):
    assert rec.to_html(today=TODAY) == rec.to_html(today=TODAY)
    assert rec.to_markdown(today=date(2026, 11, 25)).count("25 novembre 2026") >= 2


def test_empty_profile_still_gets_a_report():
    rec = gesform.recommend({})
    for fmt in ("html", "md"):
        text = render_report(rec, fmt, today=TODAY)
        assert "Groupe sans nom" in text and "pas encore décrits" in text
        assert NOTICE in unescape(text)


def test_unknown_format_is_rejected(rec):
    with pytest.raises(ValueError, match="format"):
        render_report(rec, "pdf")  # type: ignore[arg-type]


def test_french_date():
    assert french_date(date(2026, 3, 1)) == "1er mars 2026"
    assert french_date(date(2025, 8, 15)) == "15 août 2025"


# --- gesform report ---------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "marker"), [("s.html", "<!DOCTYPE html>"), ("s.md", "# Synth")])
def test_command_writes_the_format_of_the_extension(tmp_path, name, marker):
    out = tmp_path / name
    result = CliRunner().invoke(report, [str(BELFORT), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith(marker)


def test_command_format_option_and_stdout(tmp_path):
    out = tmp_path / "synthese.txt"
    result = CliRunner().invoke(report, [str(BELFORT), "-o", str(out), "--format", "md"])
    assert result.exit_code == 0 and out.read_text(encoding="utf-8").startswith("# ")
    result = CliRunner().invoke(report, [str(BELFORT), "--format", "md"])
    assert result.exit_code == 0 and result.output.startswith("# Synthèse d'orientation")


def test_command_bad_input_exits_2(tmp_path):
    result = CliRunner().invoke(report, [str(BELFORT), "-o", str(tmp_path / "s.pdf")])
    assert result.exit_code == 2 and ".pdf" in result.output
    result = CliRunner().invoke(report, [str(tmp_path / "absent.yaml")])
    assert result.exit_code == 2 and "absent.yaml" in result.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("objectives: [fly_to_the_moon]\n", encoding="utf-8")
    result = CliRunner().invoke(report, [str(bad), "-o", str(tmp_path / "s.html")])
    assert result.exit_code == 2 and "objectives" in result.output


def test_a_question_names_a_few_forms_and_counts_the_others():
    from gesform.report import MAX_FORMS_PER_QUESTION, _forms_label

    names = [f"F{i}" for i in range(MAX_FORMS_PER_QUESTION + 2)]
    assert _forms_label(names[:MAX_FORMS_PER_QUESTION]) == ", ".join(names[:MAX_FORMS_PER_QUESTION])
    assert _forms_label(names[: MAX_FORMS_PER_QUESTION + 1]).endswith(" et 1 autre")
    assert _forms_label(names).endswith(" et 2 autres")
    assert _forms_label(names).startswith(", ".join(names[:MAX_FORMS_PER_QUESTION]))
