"""Pictures of the data: a timeline by kind, and who met whom.

matplotlib is an optional extra (``pip install 'sinorussia[plot]'``) and is
imported only inside these functions; without it they raise an ``ImportError``
that names the install command. They use matplotlib's object API (``Figure``),
never ``pyplot``, so they change no global state and work in scripts, servers
and notebooks alike. The figure they return is a ``Figure`` that shows itself
as a PNG in IPython and Jupyter (``_repr_png_``), with no ``%matplotlib`` line;
when the inline backend is active, its own formatter draws the figure instead,
still once.
"""

from __future__ import annotations

import io
import math
import os
import textwrap
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, cast

from ._io import write_atomic
from ._model import Leader
from ._types import DateLike
from ._vocab import Basis

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ._dataset import Dataset

__all__ = ["plot_network", "plot_timeline"]

_INSTALL: Final = "pip install 'sinorussia[plot]'"

_MARKERS: Final = {Basis.STATED: "o", Basis.INFERRED: "s", Basis.EXTERNAL: "D"}
_FILLED: Final = {Basis.STATED: True, Basis.INFERRED: False, Basis.EXTERNAL: True}


def _need_matplotlib(function: str) -> None:
    """Import matplotlib, or raise the ImportError that says how to install it."""
    try:
        import matplotlib.dates
        import matplotlib.figure
        import matplotlib.patches  # noqa: F401
    except ImportError as exc:
        message = f"{function}() needs matplotlib, which is not installed: {_INSTALL}"
        raise ImportError(message, name="matplotlib") from exc


_class: type[Figure] | None = None
_making: Final = threading.Lock()


def _figure_class() -> type[Figure]:
    """The class of the figures drawn here, made once, when matplotlib is first needed."""
    global _class
    made = _class
    if made is not None:
        return made
    with _making:
        if _class is None:
            from matplotlib.figure import Figure

            class PlotFigure(Figure):
                """A matplotlib ``Figure`` that shows itself in a notebook, as a PNG.

                matplotlib gives a ``Figure`` made without ``pyplot`` no picture
                in IPython unless its inline backend is active; this one has its
                own ``_repr_png_``. When the inline backend is active, IPython
                uses the backend's formatter for figures instead, so the picture
                is shown once either way.
                """

                # Named as this module's attribute, so that a figure pickles.
                __module__ = __name__
                __qualname__ = "PlotFigure"

                def _repr_png_(self) -> bytes:
                    buffer = io.BytesIO()
                    self.savefig(
                        buffer, format="png", bbox_inches="tight", metadata={"Software": None}
                    )
                    return buffer.getvalue()

            _class = PlotFigure
        return _class


def __getattr__(name: str) -> Any:
    # The figure class is found here by name (pickle looks it up so), and made on
    # first use: matplotlib is imported only when a picture is wanted.
    if name == "PlotFigure":
        return _figure_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _figure(width: float, height: float) -> Figure:
    return _figure_class()(figsize=(width, height), layout="constrained")


def _save(figure: Figure, path: str | os.PathLike[str] | None) -> None:
    if path is None:
        return
    target = Path(path)
    suffix = target.suffix.lower().lstrip(".")
    if suffix not in ("png", "svg", "pdf"):
        raise ValueError(f"save as .png, .svg or .pdf, not {target.name!r}")
    buffer = io.BytesIO()
    # A fixed date in the metadata keeps SVG and PDF output the same on every run.
    metadata: dict[str, Any] = {
        "png": {"Software": None},
        "svg": {"Date": None},
        "pdf": {"CreationDate": None},
    }[suffix]
    from matplotlib import rc_context

    # A fixed salt for SVG element ids, for the same reason; set only while saving.
    with rc_context({"svg.hashsalt": "sinorussia"}):
        figure.savefig(buffer, format=suffix, dpi=150, metadata=metadata)
    write_atomic(target, buffer.getvalue())


def plot_timeline(
    dataset: Dataset,
    path: str | os.PathLike[str] | None = None,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
    kinds: Iterable[str] | None = None,
    title: str | None = "China-Russia relations: the dated record",
) -> Figure:
    """Every dated entry of the timeline, one labelled row each, coloured by kind.

    A date known to the day is a marker; a partial date (a month, a year, an
    interval) is a bar over every day it may cover, so the picture never shows
    more precision than the data has. Marker shapes give the basis of the date:
    circle stated, hollow square inferred, diamond external.

    Args:
        dataset: The dataset to draw.
        path: Save the picture here too (``.png``, ``.svg`` or ``.pdf``),
            written atomically.
        start: Only entries that may reach this date or later.
        end: Only entries that may begin by this date.
        kinds: Only these kinds of entry (``"ceremony"``, ``"milestone"``...).
        title: The picture's title, or ``None``.

    Returns:
        The matplotlib ``Figure``; in a notebook it shows itself as a picture.

    Raises:
        ImportError: matplotlib is not installed (``pip install 'sinorussia[plot]'``).

    """
    _need_matplotlib("plot_timeline")
    from matplotlib import dates as mdates
    from matplotlib.patches import Patch

    entries = list(dataset.timeline(start=start, end=end))
    if kinds is not None:
        wanted = set(kinds)
        entries = [e for e in entries if e.kind in wanted]
    entries = [e for e in entries if e.date.lower is not None and e.date.upper is not None]
    kind_order = list(dict.fromkeys(e.kind for e in entries))
    colours = dict(zip(kind_order, _colours(len(kind_order)), strict=True))
    to_number = cast(Callable[[date], float], mdates.date2num)  # typed by hand: matplotlib is not
    figure = _figure(12, 1.4 + 0.34 * max(len(entries), 1))
    axes = figure.add_subplot()
    for row, entry in enumerate(entries):
        lower, upper = entry.date.lower, entry.date.upper
        assert lower is not None
        assert upper is not None
        first = to_number(date(lower.year, lower.month, lower.day))
        last = to_number(date(upper.year, upper.month, upper.day))
        colour = colours[entry.kind]
        if last > first:
            axes.barh(row, last - first + 1, left=first, height=0.5, color=colour, alpha=0.35)
        middle = first + (last - first) / 2
        basis = entry.basis
        face = colour if _FILLED[basis] else "white"
        axes.plot(
            [middle],
            [row],
            marker=_MARKERS[basis],
            markersize=6,
            color=colour,
            markerfacecolor=face,
            linestyle="none",
        )
        label = f"{entry.date.edtf}  {textwrap.shorten(entry.title, 70, placeholder='…')}"
        axes.annotate(
            label,
            (last, row),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize=7.5,
            color="#222222",
        )
    locator = mdates.AutoDateLocator()  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    axes.set_yticks([])
    axes.set_ylim(len(entries) - 0.4, -0.8)
    left, right = axes.get_xlim()
    axes.set_xlim(left, right + (right - left) * 0.45)  # room for the labels
    axes.grid(axis="x", color="#e4e4e4", linewidth=0.6)
    axes.set_axisbelow(True)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    handles: list[Any] = [Patch(color=colours[k], label=k.replace("_", " ")) for k in kind_order]
    handles += [
        axes.plot(
            [],
            [],
            marker=_MARKERS[b],
            color="#555555",
            linestyle="none",
            markerfacecolor="#555555" if _FILLED[b] else "white",
            label=f"{b.value} date",
        )[0]
        for b in Basis
    ]
    axes.legend(handles=handles, loc="lower left", fontsize=7.5, frameon=False, ncol=2)
    if title:
        axes.set_title(title, loc="left", fontsize=12)
    axes.set_xlabel("a bar spans every day a partial date may cover")
    _save(figure, path)
    return figure


def plot_network(
    dataset: Dataset,
    path: str | os.PathLike[str] | None = None,
    *,
    title: str | None = "Who met whom",
) -> Figure:
    """Who met whom: people as points on a circle, meetings as lines.

    A line joins two people for every meeting record they share; its width
    and label give the number of encounters, counting an aggregate record by
    its count (five phone calls count five) and an aggregate of unknown size
    once, marked "+".

    Args:
        dataset: The dataset to draw.
        path: Save the picture here too (``.png``, ``.svg`` or ``.pdf``).
        title: The picture's title, or ``None``.

    Returns:
        The matplotlib ``Figure``; in a notebook it shows itself as a picture.

    Raises:
        ImportError: matplotlib is not installed (``pip install 'sinorussia[plot]'``).

    """
    _need_matplotlib("plot_network")
    weights: Counter[tuple[str, str]] = Counter()
    open_ended: set[tuple[str, str]] = set()
    people = {p.id: p for p in dataset.people}
    for meeting in dataset.meetings:
        present = sorted({p.who for p in meeting.participants if p.who in people})
        for i, a in enumerate(present):
            for b in present[i + 1 :]:
                weights[a, b] += meeting.count or 1
                if meeting.count is None:
                    open_ended.add((a, b))
    names = sorted({n for pair in weights for n in pair}, key=lambda n: list(people).index(n))
    figure = _figure(7, 7)
    axes = figure.add_subplot()
    axes.set_aspect("equal")
    axes.axis("off")
    where = {
        name: (
            math.cos(math.pi / 2 + 2 * math.pi * i / max(len(names), 1)),
            math.sin(math.pi / 2 + 2 * math.pi * i / max(len(names), 1)),
        )
        for i, name in enumerate(names)
    }
    heaviest = max(weights.values(), default=1)
    for (a, b), weight in sorted(weights.items()):
        (xa, ya), (xb, yb) = where[a], where[b]
        axes.plot(
            [xa, xb],
            [ya, yb],
            color="#8c2d19",
            linewidth=1 + 7 * weight / heaviest,
            alpha=0.6,
            solid_capstyle="round",
        )
        label = f"{weight}{'+' if (a, b) in open_ended else ''}"
        axes.annotate(
            label,
            ((xa + xb) / 2, (ya + yb) / 2),
            fontsize=9,
            ha="center",
            va="center",
            bbox={"boxstyle": "round", "fc": "white", "ec": "none"},
        )
    for name, (x, y) in where.items():
        person = people[name]
        colour = "#1f4e79" if isinstance(person, Leader) else "#6b6b6b"
        axes.plot([x], [y], marker="o", markersize=16, color=colour)
        align = "right" if x < -0.3 else "left" if x > 0.3 else "center"
        axes.annotate(person.name, (x * 1.16, y * 1.16), ha=align, va="center", fontsize=10)
    axes.set_xlim(-1.7, 1.7)
    axes.set_ylim(-1.4, 1.4)
    note = "numbers: encounters in the records; +: and an aggregate of unknown size"
    axes.annotate(note, (0, -1.35), ha="center", fontsize=8, color="#555555")
    if title:
        axes.set_title(title, loc="left", fontsize=12)
    _save(figure, path)
    return figure


def _colours(count: int) -> list[str]:
    # matplotlib's "tab20" colours, dark shades first: distinct for up to 20 kinds.
    palette = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
        "#7f7f7f", "#bcbd22", "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896",
        "#c5b0d5", "#c49c94", "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5",
    ]  # fmt: skip
    return [palette[i % len(palette)] for i in range(count)]
