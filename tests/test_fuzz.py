"""Fuzzing of the public entry points with RAW values: a valid answer or a documented error.

Five entry points — ``Profile.model_validate``, ``recommend`` (dict), ``Profile.from_file``
(JSON and YAML), the command line and the REST service — get arbitrary JSON-like trees,
wrong types, unknown keys mixed with real field names, huge and negative numbers, very long
strings, unicode oddities, NaN and infinities, lists where scalars are expected, real enum
values mixed with garbage. The only outcomes allowed: a valid answer, a pydantic
``ValidationError`` naming the field, a ``GesformError`` naming the file, exit code 2 with a
message, an HTTP 404/405/413/415/422 with a JSON body. Anything else fails the test.

``GESFORM_FUZZ_EXAMPLES`` sets the examples per entry point (2,000 by default, the CI run);
``make fuzz`` runs 20,000 each and prints the outcomes (``benchmarks/fuzz_report.py``), which
this module writes to the file named by ``GESFORM_FUZZ_REPORT`` when it is set.
"""

from __future__ import annotations

import json
import os
import tempfile
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from gesform import Profile, Recommendation, load_catalog, recommend
from gesform.cli import cli
from gesform.errors import ProfileFileError, validation_lines
from gesform.models import enums
from gesform.models.profile import Member
from gesform.reading import MAX_PROFILE_BYTES

from .strategies import profile_data

EXAMPLES = int(os.environ.get("GESFORM_FUZZ_EXAMPLES", "2000"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)

CATALOG = load_catalog()
PROFILE_FIELDS = tuple(Profile.model_fields)
MEMBER_FIELDS = tuple(Member.model_fields)
FIELD_NAMES = PROFILE_FIELDS + MEMBER_FIELDS
ENUM_VALUES = tuple(
    member.value
    for enum in vars(enums).values()
    if isinstance(enum, type)
    and issubclass(enum, enums.LabelledEnum)
    and enum is not enums.LabelledEnum
    for member in enum
)

#: Outcomes per entry point: {"recommend": {"valid": 812, "ValidationError": 1188}, …}.
OUTCOMES: defaultdict[str, Counter[str]] = defaultdict(Counter)


# --- raw values ------------------------------------------------------------------------------
_chars = st.characters(exclude_categories=("Cs",))  # lone surrogates: no JSON/YAML carries them
TEXT = st.text(_chars, max_size=30)
ODD_TEXT = st.sampled_from(
    [
        "",
        " ",
        "\t\n",
        "\x00",
        "\x7f\x85",
        "\u200b",
        "\ufeff",
        "\u202eevil",
        "\u2028\u2029",
        "e\u0301",
        "ǅ",
        "ß",
        "İ",
        "🙂",
        "👩‍👩‍👧",
        "\U0010ffff",
        "null",
        "NaN",
        "true",
        "~",
        "1e999",
        "-0",
        "0x1F",
        "1:2:3",
        "2001-02-30",
        "<script>",
        "' OR 1=1 --",
        "{{7*7}}",
        "${HOME}",
        "!!python/object/apply:os.system",
        "&a",
        "*a",
        "association ",
        " SCOP",
        "ASSOCIATION",
    ]
)
LONG_TEXT = st.builds(
    lambda char, n: char * n,
    st.sampled_from(["a", "é", "🙂", " ", "\u0301"]),
    st.sampled_from([99, 100, 101, 199, 200, 201, 1999, 2000, 2001, 10_000]),
)
BIG_NUMBERS = st.sampled_from(
    [
        *(0, -1, 1, 2, 19, 20, 21, 500, 501, 100_000, 100_001, 1_000_000, 1_000_001),
        *(2**31, -(2**31), 2**63, -(2**63) - 1, 10**30, -(10**30), 10**300, -(10**300)),
        *(0.5, -0.0, 1e-320, 1.7976931348623157e308, -1e308, 2.0, 1e6 + 0.5),
    ]
)
NON_FINITE = st.sampled_from([float("nan"), float("inf"), float("-inf")])
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    BIG_NUMBERS,
    st.floats(allow_nan=True, allow_infinity=True),
    NON_FINITE,
    TEXT,
    ODD_TEXT,
    LONG_TEXT,
    st.sampled_from(ENUM_VALUES),
    st.sampled_from(FIELD_NAMES),
)
KEYS = st.one_of(st.sampled_from(FIELD_NAMES), TEXT, ODD_TEXT)
#: Keys that JSON and YAML can both carry (JSON turns them to strings).
ODD_KEYS = st.one_of(KEYS, st.integers(-5, 5), st.booleans(), st.none(), st.just(1.5))

TREES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=6),
        st.dictionaries(ODD_KEYS, children, max_size=6),
    ),
    max_leaves=25,
)


def _valid_json_profile(data: dict[str, Any]) -> dict[str, Any]:
    return Profile.model_validate(data).model_dump(mode="json", exclude_none=True)


VALID_PROFILES = profile_data().map(_valid_json_profile)


@st.composite
def member_like(draw: st.DrawFn) -> Any:
    """A member: mostly real field names with real or garbage values, sometimes not a dict."""
    if draw(st.integers(0, 9)) == 0:
        return draw(TREES)
    out: dict[Any, Any] = {}
    for _ in range(draw(st.integers(0, 5))):
        key = draw(st.sampled_from(MEMBER_FIELDS) if draw(st.integers(0, 5)) else ODD_KEYS)
        out[key] = draw(st.one_of(st.sampled_from(ENUM_VALUES), SCALARS, TREES))
    return out


def field_value(name: str) -> st.SearchStrategy[Any]:
    """A value for one profile field: real enum values, lists of them, members or garbage."""
    return st.one_of(
        st.sampled_from(ENUM_VALUES),
        st.lists(st.one_of(st.sampled_from(ENUM_VALUES), SCALARS), max_size=25),
        st.lists(member_like(), max_size=6),
        st.lists(st.lists(st.sampled_from(ENUM_VALUES), max_size=2), max_size=3),
        SCALARS,
        TREES,
    )


@st.composite
def profile_like(draw: st.DrawFn) -> dict[Any, Any]:
    """A dict that looks like a profile: often a valid one with a few fields broken."""
    data: dict[Any, Any] = dict(draw(VALID_PROFILES)) if draw(st.booleans()) else {}
    for _ in range(draw(st.integers(0, 4))):
        roll = draw(st.integers(0, 9))
        if roll == 0:
            data[draw(ODD_KEYS)] = draw(TREES)  # unknown key
        elif roll == 1 and isinstance(data.get("members"), list) and data["members"]:
            members = list(data["members"])
            i = draw(st.integers(0, len(members) - 1))
            members[i] = draw(member_like())
            data["members"] = members
        elif roll == 2 and data:
            data.pop(draw(st.sampled_from(sorted(data, key=repr))))
        else:
            name = draw(st.sampled_from(PROFILE_FIELDS))
            data[name] = draw(field_value(name))
    return data


PROFILE_INPUTS = st.one_of(profile_like(), profile_like(), TREES)
#: Python-only values that no file carries: ints past 4,300 digits, tuples, sets, bytes.
PYTHON_ODDITIES = st.sampled_from(
    [
        {"member_count": 10**5000},
        {"name": -(10**5000)},
        {"members": [{"employees": 10**5000}, {}]},
        {"objectives": ("share_staff",)},
        {"sectors": {"culture"}},
        {"name": b"bytes"},
        {"members": ({"kind": "scop"}, {"kind": "association"})},
        {"horizon": object()},
    ]
)

#: Raw texts that a serializer would never write: literals past the limits, bad tags…
RAW_TEXTS = st.sampled_from(
    [
        '{"member_count": ' + "9" * 5000 + "}",
        "member_count: " + "9" * 5000,
        "member_count: 0x" + "f" * 4000,
        '{"members": [{"employees": 1e400}, {}]}',
        "members: [{employees: 1e400}, {}]",
        '{"member_count": -1e400}',
        "name: 2001-02-30",
        "name: !!float abc",
        "name: !!int abc",
        "name: !!bool maybe",
        "name: !!timestamp never",
        "name: !!map [1]",
        "name: !!binary aGVsbG8=",
        "horizon: !!python/name:os.system",
        "horizon: &a lasting\nterritory: *a",
        "<<: {horizon: lasting}",
        "? [a]\n: 1",
        "{[1]: 2}",
        '{"a": 1, "a": 2}',
        "horizon: one_off\nhorizon: lasting",
        '{"x": NaN}',
        '{"x": Infinity}',
        "x: .nan",
        "[" * 100 + "]" * 100,
        '{"members": [' * 40 + "]" * 40,
        "\ufeffhorizon: lasting\r\n",
        "horizon: lasting\x00",
        "%YAML 1.1\n---\nhorizon: lasting",
        "--- a\n--- b",
        "",
        "   ",
        "null",
        "[]",
        '"text"',
        "42",
        "{",
        "\t- x",
        '{"name": "\\ud800"}',
    ]
)


#: Stands for the data of a raw text (not known without parsing it).
RAW = object()


# --- checks ----------------------------------------------------------------------------------
def _check_validation_error(exc: ValidationError, data: Any) -> str:
    """The error names the field (``loc``), or it is a whole-profile error that names them."""
    errors = exc.errors(include_url=False)
    assert errors
    for err in errors:
        loc = err["loc"]
        if loc:
            head = loc[0]
            if data is RAW:  # a raw text: the unknown key is the file's own
                assert isinstance(head, str), loc
            else:
                assert head in PROFILE_FIELDS or (isinstance(data, dict) and _is_key_of(head, data))
        else:  # not a dict at all, or a rule across fields, which the message names
            assert not isinstance(data, dict) or any(f in err["msg"] for f in PROFILE_FIELDS), err
    lines = validation_lines(exc)  # what the CLI and the service print: must never fail
    assert len(lines) == len(errors)
    assert str(exc)
    return "ValidationError"


def _is_key_of(head: Any, data: dict[Any, Any]) -> bool:
    """*head* is a key of *data*, maybe as written by JSON or YAML (``1`` → ``"1"``)."""
    return head in data or any(head in (str(k), json.dumps(k)) for k in data)


def _check_file_error(exc: ProfileFileError, path: Path) -> str:
    assert str(path) in str(exc) and exc.detail
    return "ProfileFileError"


def _run(entry: str, call: Callable[[], str]) -> None:
    """Run one example, record its outcome; anything unexpected is recorded, then re-raised."""
    try:
        outcome = call()
    except BaseException as exc:
        OUTCOMES[entry][f"unexpected {type(exc).__name__}"] += 1
        raise
    OUTCOMES[entry][outcome] += 1


def _validated(data: Any) -> Profile | None:
    try:
        return Profile.model_validate(data)
    except ValidationError:
        return None


def _check_recommendation(rec: Recommendation) -> str:
    assert isinstance(rec, Recommendation)
    assert sorted(a.structure_id for a in rec) == sorted(CATALOG.ids)
    assert json.loads(rec.to_json())["results"]
    return "valid"


@pytest.fixture(scope="module", autouse=True)
def _write_report() -> Iterator[None]:
    """Write the outcomes to $GESFORM_FUZZ_REPORT (JSON) when the module is done."""
    yield
    target = os.environ.get("GESFORM_FUZZ_REPORT")
    if target:
        report = {"examples_per_entry": EXAMPLES, "outcomes": OUTCOMES}
        Path(target).write_text(json.dumps(report, indent=2, sort_keys=True), encoding="utf-8")


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    """One folder for the module: Hypothesis examples rewrite their file in it."""
    with tempfile.TemporaryDirectory(prefix="gesform-fuzz-") as d:
        yield Path(d)


# --- 1. Profile.model_validate ---------------------------------------------------------------
@FUZZ
@given(st.one_of(PROFILE_INPUTS, PYTHON_ODDITIES))
def test_model_validate(data: Any) -> None:
    def call() -> str:
        try:
            profile = Profile.model_validate(data)
        except ValidationError as exc:
            return _check_validation_error(exc, data)
        again = Profile.model_validate(profile.model_dump(mode="json", exclude_none=True))
        assert again == profile
        return "valid"

    _run("Profile.model_validate", call)


# --- 2. recommend(dict) ----------------------------------------------------------------------
@FUZZ
@given(st.one_of(profile_like(), PYTHON_ODDITIES))
def test_recommend_dict(data: dict[Any, Any]) -> None:
    def call() -> str:
        try:
            rec = recommend(data)
        except ValidationError as exc:
            return _check_validation_error(exc, data)
        except ProfileFileError as exc:  # schema_version other than 1
            assert "schema_version" in str(exc)
            return "ProfileFileError"
        return _check_recommendation(rec)

    _run("recommend", call)


# --- 3. Profile.from_file (JSON and YAML) ----------------------------------------------------
def _read_back(text: str, fmt: str) -> Any:
    """The data a dumped text holds, as json / PyYAML read it back (RAW if they cannot)."""
    try:
        return json.loads(text) if fmt == "json" else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError):
        return RAW


def _dump(data: Any, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data, allow_nan=True, ensure_ascii=False)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


FILE_CONTENTS = st.one_of(
    st.tuples(st.sampled_from(["json", "yaml"]), PROFILE_INPUTS).map(
        lambda t: (t[0], _dump(t[1], t[0]), t[1])
    ),
    st.tuples(st.sampled_from(["json", "yaml"]), RAW_TEXTS, st.just(RAW)),
)


@FUZZ
@given(FILE_CONTENTS)
# Found by `make fuzz`: PyYAML dumps the key U+0085 in a form its loader reads as " ".
@example(("yaml", "? '\x85  '\n: null\n", {"\x85": None}))
def test_from_file(workdir: Path, content: tuple[str, str, Any]) -> None:
    fmt, text, data = content
    path = workdir / f"profil.{fmt}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")

    def call() -> str:
        # What the file says, as json / PyYAML read it: YAML folds some characters of plain
        # scalars (U+0085 is a line break, read as a space), so the file may not say *data*.
        written = RAW if data is RAW else _read_back(text, fmt)
        try:
            profile = Profile.from_file(path)
        except ValidationError as exc:
            return _check_validation_error(exc, written)
        except ProfileFileError as exc:
            return _check_file_error(exc, path)
        if written is not RAW:  # nothing guessed: gesform reads what json/PyYAML read (null: {})
            assert profile == _validated({} if written is None else written), text[:300]
        return "valid"

    _run(f"Profile.from_file ({fmt})", call)


# --- 4. the command line ---------------------------------------------------------------------
CLI_CONTENTS = st.one_of(
    FILE_CONTENTS,
    st.tuples(st.sampled_from(["json", "yaml"]), st.binary(max_size=200), st.just(RAW)),
)


@FUZZ
@given(CLI_CONTENTS)
def test_cli_recommend(workdir: Path, content: tuple[str, str | bytes, Any]) -> None:
    fmt, text, _ = content
    path = workdir / f"cli.{fmt}"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", errors="surrogatepass")

    def call() -> str:
        result = CliRunner().invoke(cli, ["recommend", str(path), "--format", "json"])
        if result.exit_code == 0:
            assert json.loads(result.stdout)["results"]
            return "exit 0"
        assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
        assert isinstance(result.exception, SystemExit)
        message = result.stderr
        assert "Traceback" not in message
        named = ("Profil invalide" in message and "champ '" in message) or str(path) in message
        assert named, message
        return "exit 2"

    _run("CLI gesform recommend", call)


# --- 5. the REST service ---------------------------------------------------------------------
fastapi = pytest.importorskip("fastapi")
with warnings.catch_warnings():  # starlette deprecates httpx in its test client
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from gesform.service import create_app  # noqa: E402

FORM_IDS = st.one_of(st.sampled_from(CATALOG.ids), TEXT, ODD_TEXT, st.sampled_from(ENUM_VALUES))
BODIES = st.one_of(
    PROFILE_INPUTS.map(lambda d: json.dumps(d, allow_nan=True).encode()),
    PROFILE_INPUTS.map(lambda d: json.dumps(d, ensure_ascii=False).encode("utf-8")),
    RAW_TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.binary(max_size=200),
    st.just(b" " * (MAX_PROFILE_BYTES + 1)),
)
REQUESTS = st.one_of(
    st.tuples(st.just("POST"), st.just("/recommend"), BODIES),
    st.tuples(st.just("POST"), FORM_IDS.map(lambda f: "/explain/" + quote(f, safe="")), BODIES),
    st.tuples(
        st.just("GET"), FORM_IDS.map(lambda f: "/structures/" + quote(f, safe="")), st.none()
    ),
    st.tuples(st.just("GET"), TEXT.map(lambda n: "/schema/" + quote(n, safe="")), st.none()),
    st.tuples(
        st.sampled_from(["GET", "PUT", "DELETE", "PATCH", "POST"]),
        st.sampled_from(
            ["/recommend", "/explain/gie", "/structures", "/health", "/schema/profile"]
        ),
        st.one_of(st.none(), BODIES),
    ),
)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """One test client of the real app for the module."""
    with TestClient(create_app(), raise_server_exceptions=False) as c:
        yield c


@FUZZ
@given(REQUESTS, st.sampled_from(["application/json", "text/plain", None]))
def test_rest_service(client: Any, req: tuple[str, str, bytes | None], ctype: str | None) -> None:
    method, url, body = req
    headers = {"content-type": ctype} if ctype and body is not None else {}

    def call() -> str:
        response = client.request(method, url, content=body, headers=headers)
        status = response.status_code
        # 415 only for a POST body declared as non-JSON (#15 point 12).
        allowed = (
            (200, 404, 405, 413, 422, 415) if ctype == "text/plain" else (200, 404, 405, 413, 422)
        )
        assert status in allowed, (status, method, url, response.text[:300])
        assert response.headers["content-type"].startswith("application/json")
        payload = response.json()
        if status != 200:
            assert payload["detail"]
        elif method == "POST" and url == "/recommend":  # nothing guessed: the library's answer
            assert response.text == recommend(json.loads(body)).to_json()
        elif method == "POST" and url.startswith("/explain/"):
            form_id = url.removeprefix("/explain/")
            expected = recommend(json.loads(body))[form_id].model_dump_json(indent=2)
            assert response.text == expected
        return f"HTTP {status}"

    _run("REST service", call)
