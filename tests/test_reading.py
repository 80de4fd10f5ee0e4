"""Safe reading of YAML/JSON files: limits, no tags, no aliases, no duplicate keys."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from pydantic import ValidationError

from gesform import load_rules
from gesform.errors import ProfileFileError, RuleFileError, validation_lines
from gesform.models.profile import Profile
from gesform.reading import MAX_DEPTH, FileFormatError, parse_text


def _profile_file(tmp_path, name: str, content: bytes):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_billion_laughs_is_refused_quickly(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    path = _profile_file(tmp_path, "bomb.yaml", bomb.encode())
    start = time.perf_counter()
    with pytest.raises(ProfileFileError, match=r"ancres|alias"):
        Profile.from_file(path)
    assert time.perf_counter() - start < 5


def test_deep_nesting_is_refused(tmp_path):
    for name, text in (("deep.yaml", "[" * 10_000 + "]" * 10_000), ("deep.json", "[" * 10_000)):
        path = _profile_file(tmp_path, name, text.encode())
        with pytest.raises(ProfileFileError, match="imbrication") as err:
            Profile.from_file(path)
        assert name in str(err.value)
    assert parse_text("[" * MAX_DEPTH + "]" * MAX_DEPTH, fmt="yaml") is not None


def test_python_tags_are_never_executed(tmp_path):
    text = "objectives: !!python/object/apply:os.system ['echo pwned']\n"
    with pytest.raises(ProfileFileError, match="étiquette"):
        Profile.from_file(_profile_file(tmp_path, "tag.yaml", text.encode()))


def test_duplicate_keys_are_refused_in_yaml_and_json(tmp_path):
    with pytest.raises(ProfileFileError, match="double"):
        Profile.from_file(
            _profile_file(tmp_path, "d.yaml", b"horizon: one_off\nhorizon: lasting\n")
        )
    with pytest.raises(ProfileFileError, match="double"):
        Profile.from_file(
            _profile_file(tmp_path, "d.json", b'{"horizon": "one_off", "horizon": "lasting"}')
        )


def test_binary_wrong_encoding_and_big_files_are_refused(tmp_path):
    with pytest.raises(ProfileFileError, match=r"binaire|UTF-8"):
        Profile.from_file(_profile_file(tmp_path, "bin.yaml", bytes(range(256))))
    with pytest.raises(ProfileFileError, match="UTF-8"):
        Profile.from_file(_profile_file(tmp_path, "latin1.yaml", "nom: Équipe".encode("latin-1")))
    big = tmp_path / "big.yaml"
    with big.open("wb") as fh:
        fh.write(b"# " + b"x" * (2 * 1024 * 1024))
    with pytest.raises(ProfileFileError, match="trop grand"):
        Profile.from_file(big)


def test_bom_and_crlf_are_read_correctly(tmp_path):
    text = "\ufeffhorizon: lasting\r\nobjectives:\r\n  - share_staff\r\n"
    profile = Profile.from_file(_profile_file(tmp_path, "bom.yaml", text.encode("utf-8")))
    assert profile.horizon == "lasting" and profile.objectives == ["share_staff"]


def test_nan_and_infinity_are_refused():
    with pytest.raises(FileFormatError):
        parse_text('{"x": NaN}', fmt="json")
    with pytest.raises(FileFormatError):
        parse_text("x: .inf", fmt="yaml")


def test_missing_file_and_directory_name_the_path(tmp_path):
    with pytest.raises(ProfileFileError, match="introuvable") as err:
        Profile.from_file(tmp_path / "absent.yaml")
    assert "absent.yaml" in str(err.value)
    with pytest.raises(ProfileFileError, match="dossier"):
        Profile.from_file(tmp_path)


def test_a_list_at_top_level_is_not_a_profile(tmp_path):
    with pytest.raises(ProfileFileError, match="dictionnaire"):
        Profile.from_file(_profile_file(tmp_path, "list.yaml", b"- a\n- b\n"))


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ('{"member_count": ' + "9" * 5000 + "}", "json"),
        ("member_count: " + "9" * 5000, "yaml"),
        ("name: 2001-02-30", "yaml"),
        ("name: !!float abc", "yaml"),
        ("name: !!int abc", "yaml"),
        ("name: !!bool maybe", "yaml"),
        ("name: !!timestamp never", "yaml"),
        ("name: !!map [1]", "yaml"),
        ('{"members": [{"employees": 1e400}, {}]}', "json"),
    ],
)
def test_unreadable_values_are_file_errors_not_crashes(text, fmt):
    """Found by fuzzing: these escaped as ValueError, KeyError… (or read 1e400 as infinity)."""
    with pytest.raises(FileFormatError):
        parse_text(text, fmt=fmt)


def test_validation_message_of_a_huge_int_does_not_crash():
    """Found by fuzzing: repr() of an int past 4,300 digits raised inside validation_lines."""
    with pytest.raises(ValidationError) as err:
        Profile.model_validate({"member_count": 10**5000})
    assert validation_lines(err.value) == [
        "champ 'member_count' : nombre hors limites : au plus 100000 attendu / Input should be "
        "less than or equal to 100000 (reçu / got <int illisible / unprintable>)"
    ]


def test_unreadable_rule_file_is_a_rule_file_error(tmp_path):
    """Found by fuzzing the overrides: a folder named x.yaml in rules/ raised IsADirectoryError."""
    rules = tmp_path / "rules"
    shutil.copytree(Path(__file__).resolve().parents[1] / "rules", rules)
    (rules / "zz.yaml").mkdir()
    with pytest.raises(RuleFileError, match=r"zz\.yaml.*illisible"):
        load_rules(rules)
