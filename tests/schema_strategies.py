"""Hypothesis strategies drawn from a JSON Schema: the subset gesform's profile schema uses.

``hypothesis-jsonschema`` would be the library for this, but its last release (0.23.1) does not
run with the Hypothesis the project uses (``'many' object has no attribute 'more'`` while
drawing an object). This walker reads the schema itself, never the models, and fails on any
keyword it does not know, so a constraint is never silently left out.

``from_json_schema(schema)`` draws schema-valid data. With ``loose=True`` it also draws values
just past each bound (strings too long or blank, numbers out of range, wrong types, unknown
keys): the caller then decides validity with a JSON Schema validator.
"""

from __future__ import annotations

import re
from typing import Any

from hypothesis import strategies as st

#: Keywords that carry no constraint, and those the walker understands.
_ANNOTATIONS = {"$schema", "$defs", "title", "description", "default", "question", "x-labels-fr"}
_UNDERSTOOD = {
    "type",
    "properties",
    "additionalProperties",
    "anyOf",
    "$ref",
    "enum",
    "const",
    "minLength",
    "maxLength",
    "pattern",
    "minimum",
    "maximum",
    "items",
    "minItems",
    "maxItems",
}

#: Characters where Python's ``str.strip``/``\\s``, ECMA-262 ``\\s`` and JSON disagree or
#: surprise: every Unicode space, the information separators, the BOM, line separators.
TRICKY = (
    " \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2007\u200a\u200b\u2028\u2029"
    "\u202f\u205f\u3000\ufeff"
)
_TEXT = st.text(alphabet=st.sampled_from(TRICKY + "aé-'"), max_size=12) | st.text(max_size=12)


def _padded(low: int, high: int) -> st.SearchStrategy[str]:
    """Strings around the length bounds: a short core padded with blanks up to *high*."""
    return st.builds(
        lambda core, pad, left: (TRICKY[0] * (pad * left // 10) + core + " " * pad)[: high + 8],
        _TEXT,
        st.integers(max(0, low - 2), high + 4),
        st.integers(0, 10),
    )


def from_json_schema(schema: dict[str, Any], *, loose: bool = False) -> st.SearchStrategy[Any]:
    """Data for *schema*: schema-valid, or near the bounds with ``loose=True``."""
    walker = _Walker(schema, loose)
    return walker._build(schema) if loose else walker.node(schema)


class _Walker:
    def __init__(self, root: dict[str, Any], loose: bool) -> None:
        self.root = root
        self.loose = loose
        self.strict = _Walker(root, False) if loose else self

    def node(self, schema: dict[str, Any]) -> st.SearchStrategy[Any]:
        """Loose: each value is off its bounds one time in eight, so that most data has a
        single fault and each disagreement between schema and model can show."""
        built = self._build(schema)
        if not self.loose:
            return built
        valid = self.strict.node(schema)
        return st.integers(0, 7).flatmap(lambda i: built if i == 0 else valid)

    def _build(self, schema: dict[str, Any]) -> st.SearchStrategy[Any]:
        unknown = set(schema) - _ANNOTATIONS - _UNDERSTOOD
        if unknown:
            raise NotImplementedError(f"mot-clé JSON Schema non géré : {sorted(unknown)}")
        if "$ref" in schema:
            name = schema["$ref"].removeprefix("#/$defs/")
            return st.deferred(lambda: self.node(self.root["$defs"][name]))
        if "anyOf" in schema:
            return st.one_of([self.node(s) for s in schema["anyOf"]])
        if "const" in schema:
            return self._values([schema["const"]])
        if "enum" in schema:
            return self._values(schema["enum"])
        kind = schema.get("type")
        build = {
            "object": self._object,
            "array": self._array,
            "string": self._string,
            "integer": self._number,
            "number": self._number,
            "boolean": lambda s: st.booleans() | self._wrong_type(),
            "null": lambda s: st.none(),
        }.get(kind)
        if build is None:
            raise NotImplementedError(f"type JSON Schema non géré : {kind!r}")
        return build(schema)

    def _wrong_type(self) -> st.SearchStrategy[Any]:
        if not self.loose:
            return st.nothing()
        return st.sampled_from(["true", True, False, 1, 0, "1", 1.5, [], {}])

    def _values(self, values: list[Any]) -> st.SearchStrategy[Any]:
        chosen = st.sampled_from(values)
        if not self.loose:
            return chosen
        near = chosen.map(lambda v: f"{v} " if isinstance(v, str) else (float(v) if v else v))
        upper = chosen.map(lambda v: v.upper() if isinstance(v, str) else v)
        return chosen | near | upper | self._wrong_type()

    def _object(self, schema: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
        assert schema.get("additionalProperties") is False, "only closed objects"
        props = {k: self.node(v) for k, v in schema.get("properties", {}).items()}
        data = st.fixed_dictionaries({}, optional=props)
        if self.loose:
            extra = st.dictionaries(st.sampled_from(["sameTerritory", "nom", "x"]), st.none())
            data = st.builds(lambda d, e: {**d, **e}, data, extra | st.just({}))
        return data

    def _array(self, schema: dict[str, Any]) -> st.SearchStrategy[list[Any]]:
        low, high = schema.get("minItems", 0), schema.get("maxItems", 10)
        if self.loose:
            low = max(0, low - 1)
        return st.lists(self.node(schema["items"]), min_size=low, max_size=min(high, low + 6))

    def _string(self, schema: dict[str, Any]) -> st.SearchStrategy[str]:
        low, high = schema.get("minLength", 0), schema.get("maxLength", 50)
        pattern = schema.get("pattern")
        text = _TEXT | _padded(low, high)
        if pattern is not None:
            text = text | st.from_regex(pattern).map(lambda s: s[: high + 4])
        if self.loose:
            return text | self._wrong_type()
        valid = text.filter(lambda s: low <= len(s) <= high)
        if pattern is not None:
            valid = valid.filter(lambda s: re.search(pattern, s) is not None)
        return valid

    def _number(self, schema: dict[str, Any]) -> st.SearchStrategy[Any]:
        low, high = schema.get("minimum"), schema.get("maximum")
        if self.loose:
            low = None if low is None else low - 2
            high = None if high is None else high + 2
        ints = st.integers(low, high)
        wholes = ints.filter(lambda n: abs(n) < 2**53).map(float)
        if schema["type"] == "integer":
            return ints | wholes | self._wrong_type()
        floats = st.floats(low, high, allow_nan=False, allow_infinity=False)
        return ints | floats | self._wrong_type()
