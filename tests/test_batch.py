"""Batch scoring: in-order results, bad rows reported, pandas frames, the command, Dask."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import gesform
from gesform import Profile, RowError, recommend, recommend_frame, recommend_many
from gesform.batch import recommend_rows_json
from gesform.cli import cli
from gesform.compact import CompactAnswer, compact_answer
from gesform.errors import GesformError

ROOT = Path(__file__).resolve().parents[1]
BELFORT = Profile.from_file(ROOT / "examples" / "belfort.yaml")
ROWS = [
    BELFORT.model_dump(mode="json", exclude_none=True),
    {},
    {"objectives": ["share_staff"], "members": [{"kind": "association"}] * 3},
    {"horizon": "forever"},  # bad row
    {"joint_liability_ok": False, "objectives": ["public_tender"]},
    {"employee_ownership": True, "commercial_activity": "core"},
]


def _expected(rows):
    out = []
    for i, row in enumerate(rows):
        try:
            out.append(recommend(row).to_json(indent=None))
        except Exception:
            out.append(i)
    return out


@pytest.mark.parametrize("workers", [1, 2])
def test_recommend_many_keeps_order_and_reports_the_bad_row(workers):
    results = list(recommend_many(ROWS, workers, on_error="return"))
    assert len(results) == len(ROWS)
    for got, want in zip(results, _expected(ROWS), strict=True):
        if isinstance(want, int):
            assert isinstance(got, RowError) and got.index == want
            assert got.errors[0].field == "horizon"
        else:
            assert got.to_json(indent=None) == want


def test_bad_row_raises_by_default():
    with pytest.raises(GesformError, match="horizon"):
        list(recommend_many(ROWS))


def test_recommend_frame_with_list_columns():
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(
        [
            {"objectives": ["share_staff"], "sectors": ["culture"], "horizon": "lasting"},
            {"objectives": ["public_tender"], "joint_liability_ok": False, "horizon": None},
            {"objectives": None, "sectors": None, "horizon": "toujours"},
        ],
        index=["a", "b", "c"],
    )
    out = recommend_frame(df)
    assert list(out.index) == ["a", "b", "c"]
    assert list(out.columns) == ["top_form", "top_verdict", "top_score", "error"]
    assert out.loc["a", "top_form"] == recommend(df.iloc[0].dropna().to_dict()).top.structure_id
    assert pd.isna(out.loc["c", "top_form"]) and "horizon" in out.loc["c", "error"]


def test_command_line_batch_reports_bad_rows(tmp_path):
    src = tmp_path / "in.jsonl"
    lines = [json.dumps(r) for r in ROWS] + ["{pas du json"]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["recommend-many", str(src), "-o", str(out)])
    assert result.exit_code == 2
    assert "7 profils, 5 classés, 2 en erreur" in result.output
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(written) == 7
    # index is the line number in the file (from 1): issue #15 point 5
    assert written[3]["index"] == 4 and written[3]["error"][0]["field"] == "horizon"
    assert written[0]["results"][0]["structure_id"] == "ges"
    assert written[6]["index"] == 7


def test_dask_recipe_on_the_local_scheduler_equals_one_by_one():
    """The docs/scale.md recipe: dask.bag partitions, each scored with recommend_rows_json."""
    db = pytest.importorskip("dask.bag")
    rows = [r for r in ROWS if r.get("horizon") != "forever"] * 4
    bag = db.from_sequence(rows, npartitions=4)
    answers = bag.map_partitions(lambda part: list(recommend_rows_json(part))).compute(
        scheduler="threads"
    )
    assert answers == [recommend(r).to_json(indent=None) for r in rows]
    assert bag.npartitions == 4


def test_public_api_exports_batch():
    assert gesform.recommend_many is recommend_many


NO_GUARD_SCRIPT = """
import gesform
rows = [{}, {"horizon": "lasting"}, {"objectives": ["share_staff"]}] * 300
answers = list(gesform.recommend_many(rows, workers=2, compact=True))
print("scored", len(answers))
"""


def test_workers_in_a_script_without_main_guard_fail_clearly_and_never_hang(tmp_path):
    """Issue #15 point 4: spawn re-runs the script in each worker; it must stop with a clear
    error (the parent and each child), within a bounded time. (Full answers never use a pool:
    see recommend_many's docstring; compact answers and recommend_rows_json do.)"""
    script = tmp_path / "sans_garde.py"
    script.write_text(NO_GUARD_SCRIPT, encoding="utf-8")
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode != 0
    assert "scored" not in done.stdout
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("gesform.batch.BatchStartError:"), done.stderr[-2000:]
    assert 'if __name__ == "__main__":' in last and "workers=1" in last
    assert "placez l'appel" in last  # French first, then English
    assert "BrokenProcessPool" not in last


def test_command_line_names_a_line_that_is_not_json_by_its_line_number(tmp_path):
    """Issue #15 point 5: the parser's message and the file's line number (blank lines count)."""
    src = tmp_path / "in.jsonl"
    src.write_text('{}\n\n{"horizon": "lasting"\n   \n{"horizon": "forever"}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["recommend-many", str(src), "-o", str(out)])
    assert result.exit_code == 2
    assert "3 profils, 1 classés, 2 en erreur" in result.output
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [w.get("index") for w in written] == [None, 3, 5]
    bad = written[1]["error"]
    assert len(bad) == 1 and bad[0]["field"] == "(ligne)"
    message = bad[0]["message"]
    assert message.startswith("ligne 3 : pas du JSON / not JSON: ")
    assert "Expecting ',' delimiter" in message  # the parser's own message
    assert "Extra inputs" not in message
    assert written[2]["error"][0]["field"] == "horizon"


def _recipe(title: str) -> str:
    """The first python block of docs/scale.md after the heading *title*."""
    text = (ROOT / "docs" / "scale.md").read_text(encoding="utf-8")
    section = text[text.index(title) :]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_dask_recipe_parts_concatenate_to_one_answer_per_line(tmp_path, monkeypatch):
    """Issue #15 point 6: run the docs' recipe as written; ``cat reponses-*`` gives JSONL."""
    dask = pytest.importorskip("dask")
    pytest.importorskip("dask.bag")
    rows = [r for r in ROWS if r.get("horizon") != "forever"]
    for part in range(3):
        lines = [json.dumps(r) for r in rows[part::3]]
        (tmp_path / f"profils-{part}.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    with dask.config.set(scheduler="threads"):
        exec(_recipe("## Plusieurs machines : Dask"), {})
    parts = sorted(tmp_path.glob("reponses-*.jsonl"))
    assert len(parts) >= 2
    joined = "".join(p.read_text(encoding="utf-8") for p in parts)
    answers = [json.loads(line) for line in joined.splitlines()]
    assert len(answers) == len(rows)
    ordered = [r for part in range(3) for r in rows[part::3]]
    assert [a["profile"] for a in answers] == [
        json.loads(recommend(r).to_json())["profile"] for r in ordered
    ]


def test_dask_parquet_recipe_writes_one_ranking_per_profile(tmp_path, monkeypatch):
    """The docs/scale.md Parquet recipe, run as written: one row of results per profile, the
    same as recommend_frame on the whole table."""
    dask = pytest.importorskip("dask")
    pd = pytest.importorskip("pandas")
    pytest.importorskip("dask.dataframe")
    pytest.importorskip("pyarrow")
    table = pd.DataFrame(
        [
            {"horizon": "lasting", "same_territory": True},
            {"horizon": "contract", "same_territory": False},
            {"horizon": "one_off", "same_territory": None},
        ]
    )
    table.to_parquet(tmp_path / "profils.parquet")
    monkeypatch.chdir(tmp_path)
    with dask.config.set(scheduler="threads"):
        exec(_recipe("Pour un fichier Parquet"), {})
    written = pd.read_parquet(tmp_path / "classements.parquet")
    expected = recommend_frame(table)
    assert written["top_form"].tolist() == expected["top_form"].tolist()
    assert written["top_score"].tolist() == expected["top_score"].tolist()


def test_recommend_frame_error_is_missing_for_rows_that_succeeded():
    """Issue #15 point 7: ``df["error"].notna()`` counts the failures."""
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame([{"horizon": "lasting"}, {"horizon": "toujours"}, {"horizon": None}])
    out = recommend_frame(df)
    assert out["error"].notna().tolist() == [False, True, False]
    assert int(out["error"].notna().sum()) == 1


@pytest.mark.parametrize("workers", [1, 2])
def test_compact_answers_keep_the_ranking_and_top_reasons(workers):
    results = list(recommend_many(ROWS, workers, on_error="return", compact=True))
    assert isinstance(results[3], RowError)
    for row, got in zip(ROWS, results, strict=True):
        if isinstance(got, RowError):
            continue
        assert isinstance(got, CompactAnswer)
        full = recommend(row)
        assert got == compact_answer(full)
        assert [(f.structure_id, f.rank, f.verdict, f.score) for f in got.ranking] == [
            (a.structure_id, a.rank, a.verdict, a.score) for a in full.results
        ]
        assert got.track_record == full.track_record
        for form, assessment in zip(got.ranking, full.results, strict=True):
            assert 1 <= len(form.reasons) <= 2 or not assessment.reasons
            ids = {r.rule_id for r in assessment.reasons}
            assert {r.rule_id for r in form.reasons} <= ids
            if assessment.verdict.value == "excluded" and assessment.blocking:
                assert form.reasons[0].rule_id == assessment.blocking[0].rule_id
        assert len(got.model_dump_json()) < len(full.to_json(indent=None)) / 5


def test_command_line_compact_answers_follow_their_schema(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    from gesform.schema import schema_for

    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in ROWS) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    args = ["recommend-many", str(src), "-o", str(out), "--compact", "--workers", "2"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    validator = jsonschema.Draft202012Validator(schema_for("compact"))
    for row, answer in zip(ROWS, written, strict=True):
        if "error" in answer:
            assert answer["index"] == 4
            continue
        validator.validate(answer)
        assert answer == json.loads(compact_answer(recommend(row)).model_dump_json())


def test_no_pool_when_a_single_cpu_is_available(monkeypatch):
    """More workers than CPUs only adds start-up cost: one CPU means no process pool."""
    import gesform.batch as batch

    monkeypatch.setattr(batch.os, "sched_getaffinity", lambda _pid: {0}, raising=False)

    def no_pool(*args, **kwargs):
        raise AssertionError("a process pool was started")

    monkeypatch.setattr(batch, "ProcessPoolExecutor", no_pool)
    assert batch.usable_workers(4) == 1
    lines = list(recommend_rows_json(ROWS[:3], 2))
    assert lines == [recommend(r).to_json(indent=None) for r in ROWS[:3]]


@pytest.mark.parametrize("workers", [1, 2])
def test_rows_json_keeps_one_line_per_profile_with_unicode_line_separators(workers):
    """A free text with U+2028 or U+0085 stays inside its answer's line (no splitlines cut)."""
    rows = [{"name": "Ateliers\u2028du Nord\x85Est", "description": "a\u2029b"}, {}]
    lines = list(recommend_rows_json(rows, workers))
    assert lines == [recommend(r).to_json(indent=None) for r in rows]
