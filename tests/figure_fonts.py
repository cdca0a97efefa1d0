"""The figure check: text at least 9 points at the size the book shows it.

A chapter's figure is a PNG that the book scales down to fit its column. Text
set at 10 points in an 11-inch figure ends up smaller than the prose around it.
This module works out, for every piece of text in a figure the way the inline
backend saves it, the size a reader sees in the book at the reference viewport
of the browser test (1280 x 900 CSS pixels), and reports text smaller than
``MIN_POINTS``. It also reports an axis that labels a single tick (a scale a
reader cannot read) and tick labels that run into each other.

The repository's root ``conftest.py`` installs :func:`install` in every
kernel that nbval starts, so the notebooks of ``make test`` are checked
figure by figure, and a violation fails the cell that drew the figure.
``tests/browser/test_pages.py`` checks that the book really shows output
images no narrower than ``COLUMN_PX`` allows, which is what this check
assumes.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import struct
from pathlib import Path

MIN_POINTS = 9.0
"""The smallest text size, in CSS points, a figure may show."""

COLUMN_PX = 672
"""The width, in CSS pixels, at which the book shows an output image that is
wider (the code column at a 1280-pixel-wide window, measured in Chromium)."""

CSS_PX_PER_INCH = 96
POINTS_PER_INCH = 72


def png_width(data: bytes) -> int:
    """The width in pixels of a PNG image, read from its header."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG image")
    return struct.unpack(">I", data[16:20])[0]


def shown_scale(width_px: int) -> float:
    """How much the book shrinks an image ``width_px`` pixels wide."""
    return min(1.0, COLUMN_PX / width_px)


def shown_points(fontsize: float, dpi: float, width_px: int) -> float:
    """The CSS point size at which text of ``fontsize`` points appears, in a
    figure saved at ``dpi`` into an image ``width_px`` pixels wide.

    The image has ``fontsize * dpi / 72`` pixels of text height; the page shows
    image pixels as CSS pixels, shrunk by :func:`shown_scale`; a CSS point is
    96/72 CSS pixels.
    """
    pixels = fontsize * dpi / POINTS_PER_INCH * shown_scale(width_px)
    return pixels * POINTS_PER_INCH / CSS_PX_PER_INCH


def _label(text) -> str:
    words = " ".join(text.get_text().split())
    return words if len(words) <= 40 else words[:37] + "..."


def _figure_name(fig) -> str:
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    if fig._suptitle is not None and fig._suptitle.get_text():
        titles.insert(0, fig._suptitle.get_text())
    return repr(titles[0]) if titles else "an untitled figure"


def _labelled_ticks(axis) -> list:
    """The major ticks of ``axis`` that show a label, inside its view."""
    low, high = sorted(axis.get_view_interval())
    return [
        tick
        for tick in axis.get_major_ticks()
        if tick.label1.get_visible()
        and tick.label1.get_text().strip()
        and low <= tick.get_loc() <= high
    ]


def _single_tick_axes(fig) -> list[str]:
    problems = []
    for ax in fig.axes:
        if not ax.get_visible() or not ax.axison:
            continue
        for name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
            labelled = _labelled_ticks(axis)
            if len(labelled) == 1:
                problems.append(
                    f"the {name} axis of {ax.get_title() or 'an axes'!r} labels "
                    f"one tick only ({labelled[0].label1.get_text()!r}): a reader "
                    "cannot read its scale; show at least two ticks"
                )
    return problems


def _overlapping_tick_labels(fig) -> list[str]:
    renderer = fig.canvas.get_renderer()
    problems = []
    for ax in fig.axes:
        if not ax.get_visible() or not ax.axison:
            continue
        for name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
            boxes = [
                (tick.label1.get_window_extent(renderer), tick.label1.get_text())
                for tick in _labelled_ticks(axis)
            ]
            start, end = ("x0", "x1") if name == "x" else ("y0", "y1")
            boxes.sort(key=lambda box: getattr(box[0], start))
            clash = [
                (a, b)
                for (a, _), (b, _) in itertools.pairwise(boxes)
                if getattr(b, start) < getattr(a, end) - 1
            ]
            if clash:
                labels = [text for _, text in boxes]
                problems.append(
                    f"the {name} axis of {ax.get_title() or 'an axes'!r} has "
                    f"tick labels that overlap ({labels[0]!r} ... "
                    f"{labels[-1]!r}): use fewer ticks or shorter labels "
                    "(for dates, matplotlib.dates.ConciseDateFormatter)"
                )
    return problems


def audit(fig, data: bytes, dpi: float) -> list[str]:
    """What is wrong with ``fig``, saved at ``dpi`` into the PNG ``data``.

    Call it after the figure was drawn (saving draws it): tick labels get their
    text when the figure is drawn.
    """
    from matplotlib.text import Text

    width = png_width(data)
    small = []
    for text in fig.findobj(Text):
        if not text.get_visible() or not text.get_text().strip():
            continue
        if text.axes is not None and not text.axes.get_visible():
            continue
        shown = shown_points(text.get_fontsize(), dpi, width)
        if shown < MIN_POINTS - 1e-9:
            small.append((shown, text))
    problems = []
    if small:
        shown, text = min(small, key=lambda pair: pair[0])
        examples = ", ".join(repr(_label(t)) for _, t in small[:4])
        problems.append(
            f"{len(small)} texts shown under {MIN_POINTS:g} pt (image {width} px "
            f"wide, shown at most {COLUMN_PX} px): {examples}; the smallest, "
            f"{_label(text)!r}, is {text.get_fontsize():g} pt, shown at "
            f"{shown:.1f} pt: make text {MIN_POINTS / shown:.2f} times larger "
            "or the figure narrower (about 7 inches holds 10-point text)"
        )
    problems.extend(_single_tick_axes(fig))
    problems.extend(_overlapping_tick_labels(fig))
    if problems:
        problems.insert(0, f"{_figure_name(fig)}:")
    return problems


def install(record: str | os.PathLike) -> None:
    """Check every figure the inline backend shows; append what is wrong, one
    JSON list per figure, to the file ``record``."""
    import IPython.core.pylabtools as pylabtools

    original = pylabtools.print_figure
    record = Path(record)

    def print_figure(fig, fmt="png", *args, **kwargs):
        data = original(fig, fmt, *args, **kwargs)
        png = data
        if isinstance(data, str) and kwargs.get("base64"):
            png = base64.b64decode(data)
        if isinstance(png, bytes) and png[:8] == b"\x89PNG\r\n\x1a\n":
            dpi = kwargs.get("dpi", fig.dpi * (2 if fmt == "retina" else 1))
            problems = audit(fig, png, dpi)
            if problems:
                with record.open("a") as out:
                    out.write(json.dumps(problems) + "\n")
        return data

    pylabtools.print_figure = print_figure
