import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import to_rgba

from lstm_course import draw_lstm_cell
from lstm_course.plotting import HIGHLIGHT_COLORS

PARTS = ["forget", "input", "candidate", "output", "cell"]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def parts_of(artist):
    return set((artist.get_gid() or "").split())


def artists(ax):
    return [*ax.patches, *ax.texts]


def test_returns_the_axes_it_drew_on():
    _, ax = plt.subplots()
    assert draw_lstm_cell(ax=ax) is ax
    assert isinstance(draw_lstm_cell(), matplotlib.axes.Axes)


def test_diagram_has_every_label_and_shape():
    ax = draw_lstm_cell()
    texts = [t.get_text() for t in ax.texts]
    for label in ["$x_t$", "$h_{t-1}$", "$c_{t-1}$", "$h_t$", "$c_t$", r"$\tilde c_t$"]:
        assert label in texts
    assert texts.count(r"$\sigma$") == 3
    assert texts.count("tanh") == 2
    assert texts.count("×") == 3
    assert texts.count("+") == 1
    for part in PARTS:
        assert any(part in parts_of(a) for a in ax.patches), part


def test_no_highlight_draws_everything_alike():
    ax = draw_lstm_cell()
    edge = {
        to_rgba(p.get_edgecolor()) for p in ax.patches if "frame" not in parts_of(p)
    }
    assert edge == {to_rgba("#333333")}


@pytest.mark.parametrize("part", PARTS)
def test_highlight_colours_exactly_that_part(part):
    ax = draw_lstm_cell(highlight=part)
    colour = to_rgba(HIGHLIGHT_COLORS[part])
    for artist in artists(ax):
        if "frame" in parts_of(artist):
            continue
        get = artist.get_color if hasattr(artist, "get_text") else artist.get_edgecolor
        is_coloured = to_rgba(get())[:3] == colour[:3]
        assert is_coloured == (part in parts_of(artist)), (artist.get_gid(), artist)
    coloured = [a for a in artists(ax) if part in parts_of(a)]
    assert len(coloured) >= 3
    assert all(a.get_alpha() in (None, 1.0) for a in coloured)


def test_highlight_forget_covers_its_gate_path_and_multiply_node():
    ax = draw_lstm_cell(highlight="forget")
    forget_texts = {t.get_text() for t in ax.texts if "forget" in parts_of(t)}
    assert forget_texts == {r"$\sigma$", "$f_t$", "×", "forget"}


@pytest.mark.parametrize("bad", ["Forget", "hidden", "", 3])
def test_bad_highlight_lists_the_allowed_values(bad):
    with pytest.raises(ValueError, match="highlight must be one of None, 'forget', "):
        draw_lstm_cell(highlight=bad)
