"""matplotlib chart of a recommendation (extra ``notebook``); never calls ``plt.show``."""

from __future__ import annotations

import os
import sys
from typing import Any

from .._optional import require
from ..models.results import Recommendation, Verdict
from .html import VERDICT_COLORS

__all__ = ["plot_recommendation"]


def _pyplot() -> Any:
    """pyplot, on the Agg backend when there is no display and no backend was chosen."""
    matplotlib = require("matplotlib")
    headless = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )
    if headless and "MPLBACKEND" not in os.environ and "matplotlib.pyplot" not in sys.modules:
        matplotlib.use("Agg")
    return require("matplotlib.pyplot")


def plot_recommendation(rec: Recommendation) -> Any:
    """A horizontal bar per form, best on top, coloured by verdict; excluded forms greyed.

    Returns the matplotlib ``Figure`` (closed in pyplot, so a notebook shows it once).
    """
    plt = _pyplot()
    results = rec.results
    fig = plt.figure(figsize=(9, 0.42 * len(results) + 1.6))
    plt.close(fig)
    ax = fig.add_subplot()
    positions = list(range(len(results)))
    bars = ax.barh(
        positions,
        [a.score for a in results],
        color=[VERDICT_COLORS[a.verdict] for a in results],
        alpha=1.0,
        height=0.65,
    )
    for bar, a in zip(bars, results, strict=True):
        if a.verdict is Verdict.excluded:
            bar.set_alpha(0.45)
            bar.set_hatch("//")
            bar.set_edgecolor("#6e7781")
        ax.annotate(
            f"{a.score}",
            (bar.get_width(), bar.get_y() + bar.get_height() / 2),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=9,
            color="#57606a" if a.verdict is Verdict.excluded else "#24292f",
        )
    ax.set_yticks(positions, [f"{a.rank}. {a.name}" for a in results], fontsize=9)
    for label, a in zip(ax.get_yticklabels(), results, strict=True):
        if a.verdict is Verdict.excluded:
            label.set_color("#8c959f")
    ax.invert_yaxis()
    ax.set_xlim(0, 108)
    ax.set_xlabel("Score (sur 100)")
    title = "Orientation : score de chaque forme"
    if rec.profile.name:
        title += f"\n{rec.profile.name}"
    ax.set_title(title, fontsize=11, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    handles = [
        plt.Rectangle(
            (0, 0),
            1,
            1,
            color=VERDICT_COLORS[v],
            alpha=0.45 if v is Verdict.excluded else 1.0,
            hatch="//" if v is Verdict.excluded else None,
        )
        for v in Verdict
    ]
    ax.legend(
        handles,
        [v.label for v in Verdict],
        loc="upper center",
        bbox_to_anchor=(0.45, -0.1),
        ncol=len(handles),
        fontsize=8,
        frameon=False,
    )
    fig.tight_layout()
    return fig
