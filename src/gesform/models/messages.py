"""French validation messages for the profile: French first, English after, near misses named.

Pydantic writes its messages in English ("Extra inputs are not permitted"). The profile models
turn every error they raise into one whose message is French then English, with "vouliez-vous
dire `same_territory` ?" for a near-miss key or value (camelCase, case, hyphens, typos). The
error *type* and location stay pydantic's, so programs keep reading ``type`` and ``loc``; the
English message is kept in ``ctx["en"]``. Every place that shows errors (the CLI, the REST
service, batch answers, the notebook's ``ValidationError``) therefore shows the French text.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails, PydanticCustomError

__all__ = ["french_error", "french_validation_error", "near_miss"]

_CUTOFF = 0.75


def near_miss(word: str, choices: Iterable[str]) -> str | None:
    """The choice *word* was probably meant to be: camelCase, case, hyphens, then a typo."""
    import difflib  # only when a profile is refused: kept off the import path

    options = list(choices)
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", word.strip())
    snake = re.sub(r"[\s\-]+", "_", snake).lower()
    if snake in options and snake != word:
        return snake
    close = difflib.get_close_matches(snake, options, n=1, cutoff=_CUTOFF)
    return close[0] if close and close[0] != word else None


def _submodel(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside a field's type (``list[Member] | None`` → ``Member``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _submodel(arg)
        if found is not None:
            return found
    return None


def _walk(root: type[BaseModel], loc: tuple[int | str, ...]) -> tuple[tuple[Any, ...], Any]:
    """(location without union-branch tags, the model holding the last key or None)."""
    model: type[BaseModel] | None = root
    clean: list[int | str] = []
    holder: type[BaseModel] | None = root
    for part in loc:
        if isinstance(part, int):
            clean.append(part)
            continue
        if model is None:  # past a leaf: a union branch such as 'str-enum[SharedFunction]'
            continue
        clean.append(part)
        holder = model
        field = model.model_fields.get(part)
        model = _submodel(field.annotation) if field is not None else None
    return tuple(clean), holder


def _expected(ctx: dict[str, Any]) -> list[str]:
    return re.findall(r"'([^']*)'", str(ctx.get("expected", "")))


def _maybe(word: Any, options: Iterable[str]) -> tuple[str, str]:
    guess = near_miss(word, options) if isinstance(word, str) else None
    if guess is None:
        return "", ""
    return f" ; vouliez-vous dire `{guess}` ?", f"; did you mean `{guess}`?"


def _items(n: Any) -> str:
    return "élément" if n == 1 else "éléments"


def _num(n: Any) -> str:
    """``0.0`` → ``0``: bounds as a person writes them."""
    return str(int(n)) if isinstance(n, float) and n.is_integer() else str(n)


def _number_expected(value: Any, integer: bool) -> str:
    what = "nombre entier attendu" if integer else "nombre attendu"
    if isinstance(value, str):
        return f"{what}, sans guillemets"
    if isinstance(value, bool):
        return f"{what}, pas true ou false"
    if isinstance(value, float) and integer:
        return f"{what}, sans décimales"
    return what


def french_error(err: ErrorDetails, holder: type[BaseModel] | None = None) -> tuple[str, str]:
    """(French message, English message) for one pydantic error; *holder* is the model that
    holds the field (for near-miss keys)."""
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    english = err["msg"]
    if kind == "extra_forbidden":
        key = err["loc"][-1] if err["loc"] else ""
        fields = holder.model_fields if holder is not None else {}
        fr, en = _maybe(key, fields)
        return f"champ inconnu{fr}", f"unknown field{en}"
    if kind in ("enum", "literal_error"):
        options = _expected(ctx)
        fr, en = _maybe(value, options)
        allowed = ", ".join(options) or str(ctx.get("expected", ""))
        return (
            f"valeur non permise{fr} (valeurs permises : {allowed})",
            f"not a permitted value{en}",
        )
    fixed = {
        "missing": ("champ obligatoire manquant", english),
        "bool_type": ("oui/non attendu : true ou false, sans guillemets", english),
        "bool_parsing": ("oui/non attendu : true ou false, sans guillemets", english),
        "int_type": (_number_expected(value, True), english),
        "int_parsing": (_number_expected(value, True), english),
        "int_from_float": (_number_expected(value, True), english),
        "int_parsing_size": ("nombre entier trop grand", english),
        "float_type": (_number_expected(value, False), english),
        "float_parsing": (_number_expected(value, False), english),
        "finite_number": ("nombre fini attendu", english),
        "string_type": ("texte attendu", english),
        "list_type": ("liste attendue, par exemple [a, b]", english),
        "dict_type": ("dictionnaire attendu (clé: valeur)", english),
        "model_type": ("dictionnaire attendu (clé: valeur)", english),
        "model_attributes_type": ("dictionnaire attendu (clé: valeur)", english),
        "invalid_key": ("les noms de champs doivent être du texte", english),
        "string_unicode": ("texte Unicode valide attendu", english),
        "string_sub_type": ("texte attendu", english),
    }
    if kind in fixed:
        return fixed[kind]
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        words = {
            "greater_than_equal": ("au moins", "ge"),
            "greater_than": ("plus de", "gt"),
            "less_than_equal": ("au plus", "le"),
            "less_than": ("moins de", "lt"),
        }[kind]
        return f"nombre hors limites : {words[0]} {_num(ctx.get(words[1]))} attendu", english
    if kind in ("too_short", "too_long"):
        bound = ctx.get("min_length", ctx.get("max_length"))
        how = "au moins" if kind == "too_short" else "au plus"
        actual = ctx.get("actual_length")
        what = "liste trop courte" if kind == "too_short" else "liste trop longue"
        got = f"{actual} reçu" if actual in (0, 1) else f"{actual} reçus"
        wanted = f"{bound} {_items(bound)} attendu" + ("" if bound == 1 else "s")
        return f"{what} : {how} {wanted}, {got}", english
    if kind == "string_too_long":
        return f"texte trop long : au plus {ctx.get('max_length')} caractères", english
    if kind == "string_too_short":
        return "texte vide : au moins un caractère attendu", english
    if kind == "string_pattern_mismatch":
        return (
            "le texte doit contenir au moins un caractère qui n'est pas un blanc",
            "the text needs a character that is not blank",
        )
    return f"valeur refusée ({kind})", english


def _line(err: ErrorDetails, holder: type[BaseModel] | None) -> tuple[str, str]:
    ctx = err.get("ctx") or {}
    if "en" in ctx or err["type"] == "incoherent_profile":  # already French / English
        return err["msg"], ""
    return french_error(err, holder)


def french_validation_error(exc: ValidationError, model: type[BaseModel]) -> ValidationError:
    """*exc* with French-then-English messages; union branches of one value merged."""
    grouped: dict[tuple[Any, ...], list[tuple[ErrorDetails, type[BaseModel] | None]]] = {}
    for err in exc.errors(include_url=False):
        loc, holder = _walk(model, tuple(err["loc"]))
        grouped.setdefault(loc, []).append((err, holder))
    lines: list[Any] = []
    for loc, errs in grouped.items():
        parts = [_line(e, h) for e, h in errs]
        french = " ; ou bien ".join(p[0] for p in parts)
        english = " or ".join(p[1] for p in parts if p[1])
        first, _ = errs[-1]
        if len(errs) > 1:
            french = f"valeur refusée : {french}"
        message = f"{french} / {english}" if english else french
        ctx = {**(first.get("ctx") or {}), "en": english or first["msg"], "detail": message}
        error = PydanticCustomError(first["type"], "{detail}", ctx)
        lines.append({"type": error, "loc": loc, "input": first.get("input")})
    return ValidationError.from_exception_data(exc.title, lines)
