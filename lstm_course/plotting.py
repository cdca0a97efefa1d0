"""Figures for the book: the LSTM cell diagram of chapters 2 to 6."""

from __future__ import annotations

from matplotlib.patches import Circle, Ellipse, FancyArrowPatch, FancyBboxPatch
from matplotlib.path import Path

HIGHLIGHT_COLORS = {
    "forget": "#d62728",
    "input": "#1f77b4",
    "candidate": "#2ca02c",
    "output": "#9467bd",
    "cell": "#ff7f0e",
}
"""The colour :func:`draw_lstm_cell` gives each part it can highlight."""

_LINE = "#333333"
_GATE_FILL = "#fbe5a0"
_NODE_FILL = "#f6c6d2"
_BOX_FILL = "#eef3f8"
_FADE = 0.35  # alpha of everything else when one part is highlighted


def _tint(hex_color: str, amount: float = 0.65) -> tuple[float, float, float]:
    """``hex_color`` mixed with white: a light fill for a highlighted shape."""
    rgb = [int(hex_color[k : k + 2], 16) / 255 for k in (1, 3, 5)]
    return tuple(c + (1 - c) * amount for c in rgb)


class _Diagram:
    """Draws the shapes and remembers which part of the cell each one belongs to."""

    def __init__(self, ax, highlight):
        self.ax = ax
        self.highlight = highlight
        # Sizes are tuned for an axes about 6.5 inches wide; shrink them with the axes.
        fig_w, fig_h = ax.figure.get_size_inches()
        box = ax.get_position()
        width = min(box.width * fig_w, box.height * fig_h * 12.8 / 9.4)
        self.scale = min(1.0, width / 6.5)

    def _style(self, parts: tuple[str, ...]):
        k = self.scale
        if self.highlight is None:
            return _LINE, 1.0, 1.6 * k, None
        if self.highlight in parts:
            return (
                HIGHLIGHT_COLORS[self.highlight],
                1.0,
                3.0 * k,
                self.highlight,
            )
        return _LINE, _FADE, 1.6 * k, None

    def path(self, points, parts, arrow=True):
        color, alpha, lw, _ = self._style(parts)
        patch = FancyArrowPatch(
            path=Path(points),
            arrowstyle="-|>" if arrow else "-",
            mutation_scale=14 * self.scale,
            color=color,
            lw=lw,
            alpha=alpha,
            shrinkA=0,
            shrinkB=0,
            joinstyle="miter",
            capstyle="butt",
            zorder=2,
        )
        patch.set_gid(" ".join(parts))
        self.ax.add_patch(patch)
        return patch

    def gate(self, x, y, text, parts, width=1.1, height=0.8):
        color, alpha, lw, hl = self._style(parts)
        patch = FancyBboxPatch(
            (x - width / 2, y - height / 2),
            width,
            height,
            boxstyle="round,pad=0.02,rounding_size=0.12",
            facecolor=_tint(HIGHLIGHT_COLORS[hl]) if hl else _GATE_FILL,
            edgecolor=color,
            lw=lw,
            alpha=alpha,
            zorder=4,
        )
        patch.set_gid(" ".join(parts))
        self.ax.add_patch(patch)
        self.text(x, y, text, parts, size=15)
        return patch

    def node(self, x, y, symbol, parts, radius=0.33, ellipse=False):
        color, alpha, lw, hl = self._style(parts)
        fill = _tint(HIGHLIGHT_COLORS[hl]) if hl else _NODE_FILL
        if ellipse:
            patch = Ellipse(
                (x, y), 1.25, 0.62, facecolor=fill, edgecolor=color
            )
        else:
            patch = Circle((x, y), radius, facecolor=fill, edgecolor=color)
        patch.set(lw=lw, alpha=alpha, zorder=4)
        patch.set_gid(" ".join(parts))
        self.ax.add_patch(patch)
        self.text(x, y, symbol, parts, size=13 if ellipse else 16)
        return patch

    def text(self, x, y, s, parts=("frame",), size=14, **kwargs):
        color, alpha, _, _ = self._style(parts)
        kwargs.setdefault("ha", "center")
        kwargs.setdefault("va", "center")
        artist = self.ax.text(
            x,
            y,
            s,
            size=size * self.scale,
            color=color,
            alpha=alpha,
            zorder=5,
            **kwargs,
        )
        artist.set_gid(" ".join(parts))
        return artist


def draw_lstm_cell(ax=None, highlight=None):
    """Draw one LSTM cell: the cell-state highway, three gates and the candidate.

    The layout follows the well-known diagrams in Olah's "Understanding LSTM
    Networks": the cell state :math:`c` runs straight across the top, touched only
    by one pointwise multiplication (the forget gate) and one addition (the input
    gate's contribution); the previous hidden state and the input enter at the
    bottom left and feed the four yellow layers (three sigmoid gates and the tanh
    candidate); the new hidden state leaves on the right and at the top.

    Parameters
    ----------
    ax : matplotlib.axes.Axes, default=None
        Where to draw; a new figure of size 10 x 6.2 inches if not given.
    highlight : {None, "forget", "input", "candidate", "output", "cell"}, default=None
        One part of the cell to colour (see :data:`HIGHLIGHT_COLORS`), with the
        rest faded: ``"forget"``, ``"input"`` and ``"output"`` are the sigmoid gates
        and their paths, ``"candidate"`` the tanh layer, ``"cell"`` the cell-state
        line with its multiply and add nodes.

    Returns
    -------
    matplotlib.axes.Axes
        The axes. Every shape's ``gid`` names the parts it belongs to, separated
        by spaces (``"forget"``, ``"input candidate"``, ``"cell forget"``, ...;
        ``"hidden"`` for the incoming states, ``"frame"`` for the box).

    Raises
    ------
    TypeError
        If ``ax`` is neither None nor a matplotlib Axes.
    ValueError
        If ``highlight`` is not one of the allowed values.

    Examples
    --------
    >>> ax = draw_lstm_cell(highlight="forget")
    >>> sorted({part for a in ax.patches for part in a.get_gid().split()})
    ['candidate', 'cell', 'forget', 'frame', 'hidden', 'input', 'output']
    """
    if highlight is not None and highlight not in HIGHLIGHT_COLORS:
        allowed = ", ".join(repr(k) for k in (None, *HIGHLIGHT_COLORS))
        raise ValueError(
            f"highlight must be one of {allowed}; got {highlight!r}."
        )
    if ax is not None and not hasattr(ax, "add_patch"):
        raise TypeError(
            f"ax must be a matplotlib Axes (for example from plt.subplots()), or "
            f"None for a new figure; got {ax!r}."
        )
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(10, 6.2))
    d = _Diagram(ax, highlight)

    # The cell's frame.
    frame = FancyBboxPatch(
        (1.0, 0.3),
        10.0,
        6.9,
        boxstyle="round,pad=0,rounding_size=0.4",
        facecolor=_BOX_FILL,
        edgecolor="#8aa0b8",
        lw=1.5,
        zorder=0,
    )
    frame.set_gid("frame")
    ax.add_patch(frame)

    y_cell, y_gate, y_bus = 6.0, 2.6, 1.0
    x_f, x_i, x_c, x_o, x_h = 3.0, 4.6, 6.2, 7.8, 9.4

    # Cell-state highway: c_{t-1} -> x (forget) -> + (input) -> c_t.
    d.path([(-0.2, y_cell), (x_f - 0.33, y_cell)], ("cell",), arrow=False)
    d.path(
        [(x_f + 0.33, y_cell), (x_c - 0.33, y_cell)], ("cell",), arrow=False
    )
    d.path([(x_c + 0.33, y_cell), (12.2, y_cell)], ("cell",))
    d.node(x_f, y_cell, "×", ("cell", "forget"))
    d.node(x_c, y_cell, "+", ("cell", "input", "candidate"))
    d.text(-0.25, y_cell + 0.45, "$c_{t-1}$", ("cell",), size=17, ha="left")
    d.text(12.2, y_cell + 0.45, "$c_t$", ("cell",), size=17, ha="right")

    # Input bus: h_{t-1} from the left, x_t from below, then up into each layer.
    d.path([(-0.2, y_bus), (x_o, y_bus)], ("hidden",), arrow=False)
    d.path([(2.0, -0.6), (2.0, y_bus)], ("hidden",), arrow=False)
    d.text(-0.25, y_bus + 0.4, "$h_{t-1}$", ("hidden",), size=17, ha="left")
    d.text(2.0, -0.85, "$x_t$", ("hidden",), size=17)
    for x, part in (
        (x_f, "forget"),
        (x_i, "input"),
        (x_c, "candidate"),
        (x_o, "output"),
    ):
        d.path([(x, y_bus), (x, y_gate - 0.42)], (part,))

    # Forget gate: f_t multiplies the old cell state.
    d.gate(x_f, y_gate, r"$\sigma$", ("forget",))
    d.path([(x_f, y_gate + 0.42), (x_f, y_cell - 0.35)], ("forget",))
    d.text(x_f - 0.35, 4.3, "$f_t$", ("forget",), size=16, ha="right")

    # Input gate and candidate: i_t * c_tilde is added to the cell state.
    y_mul = 4.3
    d.gate(x_i, y_gate, r"$\sigma$", ("input",))
    d.path(
        [(x_i, y_gate + 0.42), (x_i, y_mul), (x_c - 0.35, y_mul)], ("input",)
    )
    d.text(x_i - 0.3, 3.6, "$i_t$", ("input",), size=16, ha="right")
    d.gate(x_c, y_gate, "tanh", ("candidate",), width=1.2)
    d.path([(x_c, y_gate + 0.42), (x_c, y_mul - 0.35)], ("candidate",))
    d.text(
        x_c - 0.2, 3.45, r"$\tilde c_t$", ("candidate",), size=16, ha="right"
    )
    d.node(x_c, y_mul, "×", ("input", "candidate"))
    d.path([(x_c, y_mul + 0.33), (x_c, y_cell - 0.35)], ("input", "candidate"))

    # Output gate: h_t = o_t * tanh(c_t).
    y_tanh, y_out = 4.75, 3.4
    d.path([(x_h, y_cell), (x_h, y_tanh + 0.33)], ("output", "cell"))
    d.node(x_h, y_tanh, "tanh", ("output",), ellipse=True)
    d.path([(x_h, y_tanh - 0.31), (x_h, y_out + 0.35)], ("output",))
    d.gate(x_o, y_gate, r"$\sigma$", ("output",))
    d.path(
        [(x_o, y_gate + 0.42), (x_o, y_out), (x_h - 0.35, y_out)], ("output",)
    )
    d.text(8.5, y_out + 0.35, "$o_t$", ("output",), size=16)
    d.node(x_h, y_out, "×", ("output",))

    # New hidden state: out at the top (the layer's output) and to the right.
    x_exit = 10.4
    d.path([(x_h + 0.33, y_out), (x_exit, y_out)], ("output",), arrow=False)
    d.path([(x_exit, y_out), (x_exit, 7.9)], ("output",))
    d.path([(x_exit, y_out), (x_exit, y_bus), (12.2, y_bus)], ("output",))
    d.text(x_exit + 0.3, 7.75, "$h_t$", ("output",), size=17, ha="left")
    d.text(12.2, y_bus + 0.4, "$h_t$", ("output",), size=17, ha="right")

    # Gate names under the layers.
    for x, name, part in (
        (x_f, "forget", "forget"),
        (x_i, "input", "input"),
        (x_c, "candidate", "candidate"),
        (x_o, "output", "output"),
    ):
        d.text(x, 0.62, name, (part,), size=11.5, style="italic")

    ax.set_xlim(-0.4, 12.4)
    ax.set_ylim(-1.2, 8.2)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax
