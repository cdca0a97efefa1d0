"""The figure check of ``make test`` (tests/figure_fonts.py) finds what it should."""

import io
import json

import figure_fonts
import matplotlib.pyplot as plt
import numpy as np
import pytest
from IPython.core import pylabtools


def _png(fig) -> bytes:
    return pylabtools.print_figure(fig, "png")


@pytest.fixture
def figure():
    figures = []

    def make(width, height=3):
        fig, ax = plt.subplots(figsize=(width, height))
        figures.append(fig)
        return fig, ax

    yield make
    for fig in figures:
        plt.close(fig)


def test_shown_points_is_the_css_size_of_the_text():
    # A figure no wider than the column is shown pixel for pixel: 9 pt at
    # 96 dpi is 12 pixels, which is 9 CSS points.
    assert figure_fonts.shown_points(9, 96, 600) == pytest.approx(9)
    # Twice the column width: shown at half size.
    wide = 2 * figure_fonts.COLUMN_PX
    assert figure_fonts.shown_points(10, 96, wide) == pytest.approx(5)
    assert figure_fonts.shown_points(10, 100, 700) == pytest.approx(
        10 * 100 / 96 * figure_fonts.COLUMN_PX / 700
    )


def test_png_width_reads_the_header(figure):
    fig, ax = figure(5)
    ax.plot([0, 1])
    data = _png(fig)
    assert figure_fonts.png_width(data) == plt.imread(io.BytesIO(data)).shape[1]
    with pytest.raises(ValueError, match="PNG"):
        figure_fonts.png_width(b"GIF89a" + bytes(20))


def test_small_legend_in_a_wide_figure_is_reported(figure):
    fig, ax = figure(11)
    ax.plot(np.arange(10), label="a line")
    ax.legend(fontsize=8)
    ax.set_title("wide")
    problems = figure_fonts.audit(fig, _png(fig), fig.dpi)
    assert problems[0] == "'wide':"
    assert any("'a line'" in p and "under 9 pt" in p for p in problems)
    # The default 10-pt tick labels are too small at this width too.
    assert any("times larger or the figure narrower" in p for p in problems[1:])


def test_readable_figure_passes(figure):
    fig, ax = figure(6)
    ax.plot(np.arange(10), label="a line")
    ax.legend(fontsize=10)
    ax.set(title="fine", xlabel="x", ylabel="y")
    assert figure_fonts.audit(fig, _png(fig), fig.dpi) == []


def test_invisible_text_is_not_checked(figure):
    fig, ax = figure(6)
    ax.plot(np.arange(10))
    ax.text(1, 1, "hidden", fontsize=4).set_visible(False)
    assert figure_fonts.audit(fig, _png(fig), fig.dpi) == []


def test_axis_with_one_labelled_tick_is_reported(figure):
    fig, ax = figure(6)
    ax.semilogy([0, 1], [2, 3])  # within one decade: one major label at most
    ax.set_yticks([2.5])
    problems = figure_fonts.audit(fig, _png(fig), fig.dpi)
    assert any("the y axis" in p and "one tick only" in p for p in problems)


def test_install_records_what_is_wrong(tmp_path, figure, monkeypatch):
    monkeypatch.setattr(pylabtools, "print_figure", pylabtools.print_figure)
    record = tmp_path / "record.jsonl"
    figure_fonts.install(record)
    fig, ax = figure(12)
    ax.plot([0, 1], label="tiny")
    ax.legend(fontsize=6)
    pylabtools.print_figure(fig, fmt="png", base64=True)  # as the inline backend
    entries = [json.loads(line) for line in record.read_text().splitlines()]
    assert len(entries) == 1
    assert any("'tiny', is 6 pt" in p for p in entries[0])
    fine, ax = figure(5)
    ax.plot([0, 1])
    pylabtools.print_figure(fine, fmt="png", base64=True)
    assert len(record.read_text().splitlines()) == 1  # nothing added


def test_overlapping_date_labels_are_reported(figure):
    import pandas as pd

    fig, ax = figure(7)
    times = pd.date_range("2014-12-01", periods=7 * 24, freq="h")
    ax.plot(times, np.arange(len(times)))
    problems = figure_fonts.audit(fig, _png(fig), fig.dpi)
    assert any("tick labels that overlap" in p for p in problems)
    import matplotlib.dates as mdates

    ax.xaxis.set_major_formatter(
        mdates.ConciseDateFormatter(ax.xaxis.get_major_locator())
    )
    assert figure_fonts.audit(fig, _png(fig), fig.dpi) == []
