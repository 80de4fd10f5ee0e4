"""Shorten a French label or sentence to a width, at a word boundary, with an ellipsis."""

from __future__ import annotations

import textwrap

__all__ = ["ELLIPSIS", "shorten"]

ELLIPSIS = "…"


def shorten(text: str, width: int) -> str:
    """*text* on one line, at most *width* characters, cut after a whole word with « … ».

    ``shorten("Société coopérative d'intérêt collectif", 28)`` gives « Société coopérative… ».
    Whitespace is collapsed; text that fits is returned whole. A first word longer than
    *width* is cut inside (there is no boundary to cut at).
    """
    one_line = " ".join(text.split())
    if len(one_line) <= width:
        return one_line
    if width <= len(ELLIPSIS):
        return ELLIPSIS[:width]
    short = textwrap.shorten(one_line, width, placeholder=ELLIPSIS)
    if short == ELLIPSIS:  # the first word alone is too long
        return one_line[: width - len(ELLIPSIS)] + ELLIPSIS
    return short[: -len(ELLIPSIS)].rstrip(" ,;:—–-") + ELLIPSIS
