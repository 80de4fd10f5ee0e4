"""Batch scoring: in-order results, bad rows reported, pandas frames, the command, Dask."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import gesform
from gesform import Profile, RowError, recommend, recommend_frame, recommend_many
from gesform.batch import recommend_rows_json
from gesform.cli import cli
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
    assert written[3]["index"] == 3 and written[3]["error"][0]["field"] == "horizon"
    assert written[0]["results"][0]["structure_id"] == "ges"
    assert written[6]["index"] == 6


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
