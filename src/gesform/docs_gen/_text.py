"""Shared pieces of the generated pages: the notice, values in words, table cells."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..facts import FactSpec
from ..facts.registry import labels_of

__all__ = ["NOTICE", "cell", "choice", "labels_of", "number", "value_words"]

NOTICE = (
    "<!-- Page générée par scripts/gen_docs.py à partir de {src} : ne pas la modifier à la main."
    " -->\n\n"
)


def number(value: Any) -> str:
    """A number the French way: ``2,5``, ``3`` for ``3.0``."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace(".", ",")


def value_words(spec: FactSpec, value: Any) -> str:
    """One value of a fact in words: oui / non, a number, or « label » (`value`)."""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int | float):
        return number(value)
    label = labels_of(spec).get(str(value))
    return f"« {label} » (`{value}`)" if label else f"`{value}`"


def choice(items: Sequence[str], last: str) -> str:
    """``a, b ou c``: the items joined, *last* before the last one."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {last} {items[-1]}"


def cell(text: str) -> str:
    """*text* made safe for one Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")
