"""``scripts/legi_check.py``: the catalog's code articles checked against a newer LEGI export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gesform import load_catalog

from ._scripts import load_script

legi_check = load_script("legi_check")


def _article(num: str, version: str, state: str, since_ms: int) -> dict:
    return {
        "type": "article",
        "data": {"num": num, "id": version, "etat": state, "dateDebut": since_ms},
    }


def _read_versions() -> list[dict]:
    """The labour-code versions the catalog records as read, each in force: the article its
    address names under its number, the others its summary cites under a placeholder number."""
    read = []
    for basis in load_catalog().legal_bases.values():
        if basis.text != "Code du travail":
            continue
        number = legi_check._FIRST_NUMBER.search(basis.article).group(0)
        address = str(basis.url).rsplit("/", 1)[1]
        read.append(_article(number, address, "VIGUEUR", 0))
        read += [
            _article(f"autre-{v}", v, "VIGUEUR", 0)
            for v in legi_check._VERSION_ID.findall(basis.summary)
            if v != address
        ]
    return read


def _export(*articles: dict, title: str = "Code du travail") -> dict:
    """A LEGI code export: the versions the catalog read, all in force, except where *articles*
    give the same version id or article number another state or a successor."""
    given = {a["data"]["id"] for a in articles} | {a["data"]["num"] for a in articles}
    kept = [
        a
        for a in _read_versions()
        if a["data"]["id"] not in given and a["data"]["num"] not in given
    ]
    section = {
        "type": "section",
        "data": {"title": "Groupements d'employeurs"},
        "children": [*kept, *articles],
    }
    return {"type": "code", "data": {"title": title}, "children": [section]}


def _catalog_version(basis_id: str) -> str:
    return str(load_catalog().legal_bases[basis_id].url).rsplit("/", 1)[1]


def _stale(findings: list) -> dict:
    return {f.basis_id: f for f in findings if f.status != "à jour"}


def test_a_version_still_in_force_is_up_to_date_and_a_rewritten_one_is_reported() -> None:
    """The version read (its LEGIARTI id) still in force: up to date. The same article with a
    newer version in force: amended, with the new id and date. Without any version in force:
    repealed. Bases of other codes say nothing."""
    bases = list(load_catalog().legal_bases.values())
    read_19, read_20, read_24 = (
        _catalog_version(b) for b in ("ct_l1253_19", "ct_l1253_20", "ct_l1253_24")
    )
    export = _export(
        _article("L1253-19", read_19, "VIGUEUR", 1470787200000),
        _article("L1253-20", read_20, "MODIFIE", 1483056000000),
        _article("L1253-20", "LEGIARTI999999999999", "VIGUEUR", 1798761600000),
        _article("L1253-24", read_24, "ABROGE", 1470787200000),
        _article("L2253-1", "LEGIARTI000006390500", "VIGUEUR", 0),
    )
    everything = legi_check.check(bases, export)
    findings = {f.basis_id: f for f in everything}
    assert set(_stale(everything)) == {"ct_l1253_20", "ct_l1253_24"}
    assert findings["ct_l1253_19"].status == "à jour"
    assert findings["ct_l1253_20"].status == "modifié"
    assert "LEGIARTI999999999999" in findings["ct_l1253_20"].detail
    assert "2027-01-01" in findings["ct_l1253_20"].detail
    assert findings["ct_l1253_24"].status == "abrogé"
    other_code = legi_check.check(
        bases, _export(_article("L1253-19", read_19, "ABROGE", 0), title="Code rural")
    )
    assert other_code == []


def test_the_other_articles_a_basis_covers_are_checked_through_its_summary() -> None:
    """A basis that covers several articles cites their version ids in its summary (L1253-12 in
    ``ct_l1253_7``): a newer version of that article is reported too."""
    bases = list(load_catalog().legal_bases.values())
    assert "LEGIARTI000024422231" in load_catalog().legal_bases["ct_l1253_7"].summary
    export = _export(
        _article("L1253-7", _catalog_version("ct_l1253_7"), "VIGUEUR", 0),
        _article("L1253-12", "LEGIARTI000024422231", "MODIFIE", 0),
        _article("L1253-12", "LEGIARTI888888888888", "VIGUEUR", 0),
    )
    findings = _stale(legi_check.check(bases, export)).values()
    assert [(f.basis_id, f.number, f.status) for f in findings] == [
        ("ct_l1253_7", "L1253-12", "modifié")
    ]


def test_a_version_read_that_the_export_lacks_was_replaced() -> None:
    """An export holds the versions in force: when the one an address names is missing, the
    article is looked up by number (amended, or repealed when absent too); a version a summary
    cites and the export lacks is reported as absent, never passed over."""
    bases = list(load_catalog().legal_bases.values())
    read_19 = _catalog_version("ct_l1253_19")
    amended = _export(_article("L1253-19", "LEGIARTI777777777777", "VIGUEUR", 1798761600000))
    assert read_19 not in json.dumps(amended)
    finding = _stale(legi_check.check(bases, amended))["ct_l1253_19"]
    assert finding.status == "modifié" and "LEGIARTI777777777777" in finding.detail
    export = _export()
    for section in export["children"]:
        section["children"] = [
            a
            for a in section["children"]
            if a["data"]["id"] not in (read_19, "LEGIARTI000024422231")
        ]
    stale = _stale(legi_check.check(bases, export))
    assert stale["ct_l1253_19"].status == "abrogé"
    assert stale["ct_l1253_7"].status == "absent"
    assert "LEGIARTI000024422231" in stale["ct_l1253_7"].detail


def test_the_command_exits_1_on_a_stale_basis_and_2_on_an_unreadable_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    current = tmp_path / "current.json"
    current.write_text(
        json.dumps(_export(_article("L1253-19", _catalog_version("ct_l1253_19"), "VIGUEUR", 0)))
    )
    assert legi_check.main([str(current)]) == 0
    stale = tmp_path / "stale.json"
    stale.write_text(
        json.dumps(_export(_article("L1253-19", _catalog_version("ct_l1253_19"), "ABROGE", 0)))
    )
    assert legi_check.main([str(stale)]) == 1
    bad_date = {"type": "article", "data": {"num": "L1", "id": "X", "dateDebut": "hier"}}
    unreadable = {"broken": "{ not json", "list": "[1, 2]", "dates": json.dumps(_export(bad_date))}
    for name, text in unreadable.items():
        bad = tmp_path / f"{name}.json"
        bad.write_text(text)
        assert legi_check.main([str(bad)]) == 2, name
    assert legi_check.main([str(tmp_path / "missing.json")]) == 2
    assert "illisible" in capsys.readouterr().out
