"""One look for every figure: Plotly template, traffic-light palette, fonts."""

import math

import plotly.graph_objects as go
import plotly.io as pio

# Okabe–Ito based: stays distinguishable with the common colour-vision deficiencies;
# lights also differ in marker symbol, never in colour alone.
TRAFFIC = {"green": "#009E73", "amber": "#E69F00", "red": "#D55E00", "grey": "#999999"}
TRAFFIC_GLYPH = {"green": "●", "amber": "◆", "red": "✖", "grey": "○"}  # text
TRAFFIC_SYMBOL = {"green": "circle", "amber": "diamond", "red": "x", "grey": "circle-open"}
PRIMARY = "#0b4f8a"
MUTED = "#6c757d"
BAND = "rgba(11, 79, 138, 0.15)"
SELECTED_PERIOD = "rgba(230, 159, 0, 0.10)"
TARGET = "#444444"
BEST_IN_CLASS = "#0072B2"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

TEMPLATE_NAME = "cxdash"

pio.templates[TEMPLATE_NAME] = go.layout.Template(
    layout=go.Layout(
        font={"family": FONT, "size": 13, "color": "#212529"},
        colorway=[PRIMARY, "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"],
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin={"l": 56, "r": 24, "t": 36, "b": 48},
        xaxis={"showgrid": False, "linecolor": "#ced4da", "ticks": "outside"},
        yaxis={"gridcolor": "#e9ecef", "zeroline": False},
        legend={"orientation": "h", "y": -0.18, "x": 0},
        hoverlabel={"font": {"family": FONT}},
    )
)
# Every new figure starts from the default template: Plotly's own is large, and copying it
# into each figure before base_layout replaces it cost about 8 ms a figure.
pio.templates.default = TEMPLATE_NAME


def graph_config(lang: str, **extra) -> dict:
    """Return a dcc.Graph config: no Plotly logo, and the UI's language for dates and the
    mode bar (German months need assets/_vendor/plotly-locale, served by the app)."""
    return {"displaylogo": False, "locale": lang, **extra}


def base_layout(**kwargs) -> dict:
    """Return layout settings every figure shares, merged with kwargs."""
    return {"template": TEMPLATE_NAME, **kwargs}


# The template as plotly.js reads it (a dict figure cannot name a registered template).
TEMPLATE = pio.templates[TEMPLATE_NAME].to_plotly_json()


def figure(traces: list[dict], text: bool = True, **layout) -> dict:
    """A figure as the plain dict Dash sends to plotly.js: traces are dicts with their
    ``type``, layout keys as plotly.js names them, the shared template inlined. Building
    Plotly's graph objects instead validates every value (a heatmap with a thousand cells:
    ≈ 20 ms).

    Every user-supplied string is made plain text: Plotly reads a subset of HTML (tags,
    links) in labels, ticks and hover texts; names, comments and notes come from imported
    files, so their ``<``, ``>`` and ``&`` are escaped (Plotly shows the entities as the
    characters). ``text=False`` keeps trace texts that the app formats with tags itself
    (numbers only)."""
    data = [_inert_trace(trace, text) for trace in traces]
    layout = {"template": TEMPLATE, **{k: v for k, v in layout.items() if v is not None}}
    for annotation in layout.get("annotations") or ():
        annotation["text"] = _escape(annotation.get("text"))
    for axis in ("xaxis", "yaxis"):
        # Tick values name categories as the traces do, so they are escaped alike.
        for key in ("ticktext", "tickvals"):
            values = layout.get(axis, {}).get(key)
            if values is not None and not _numeric(values):
                layout[axis] = {**layout[axis], key: _escape(values)}
    return {"data": data, "layout": layout}


def _inert_trace(trace: dict, text: bool) -> dict:
    out = {}
    for name, value in trace.items():
        if hasattr(value, "to_numpy"):  # pandas: plain arrays
            value = value.to_numpy()
        if name in _USER_ATTRIBUTES + (("text",) if text else ()) and value is not None \
                and not _numeric(value):
            value = _escape(value)
        out[name] = value
    return out


_USER_ATTRIBUTES = ("x", "y", "customdata", "hovertext", "ids", "labels")


# Widths of a 13 px sans-serif's characters in em, for label_margin (generous: a label
# cut at the figure's edge is worse than a few pixels of white).
_NARROW, _WIDE = set("fijlrtI!.,:;'|()[]{} -"), set("mwMW@%&")


def _text_width(text: str, size: int = 13) -> float:
    em = 0.0
    for ch in text:
        if ch in _NARROW:
            em += 0.34
        elif ch in _WIDE:
            em += 0.9
        elif ch.isupper() or ord(ch) > 0x2000:  # capitals, symbols such as ⚠
            em += 0.72
        else:
            em += 0.58
    return em * size


def label_margin(labels, size: int = 13, limit: int = 40) -> tuple[list[str], int]:
    """Category labels cut to ``limit`` characters (with "…") and the left margin they
    need, computed here instead of by Plotly's ``automargin``: that makes plotly.js lay the
    figure out twice on every draw (≈ 35 ms of each benchmark change)."""
    cut = [s if len(s) <= limit else s[:limit - 1].rstrip() + "…" for s in map(str, labels)]
    return cut, int(max((_text_width(s, size) for s in cut), default=0) + 20)


def top_labels(labels, left: int, size: int = 13, width: int = 1100) -> tuple[int, int]:
    """The tick angle and top margin for category labels above a plot (the heatmaps' x
    axes), computed here instead of by ``automargin``: upright when every label fits its
    column in a figure ``width`` wide (a laptop's main column), turned 30 degrees when
    neighbours then clear each other (a column at least two lines high), else vertical."""
    widths = [_text_width(str(s), size) for s in labels] or [0.0]
    column = (width - left - 90) / max(len(widths), 1)  # 90: the colour bar and its title
    if max(widths) + 8 <= column:
        return 0, int(size * 1.4 + 14)
    if column >= size * 1.2 / math.sin(math.radians(30)):
        return -30, int(max(widths) * math.sin(math.radians(30))
                        + size * math.cos(math.radians(30)) + 14)
    return -90, int(max(widths) + 14)


def angled_labels(labels, angle: float = 35, size: int = 13, left: int = 56,
                  width: int = 1100, limit: int = 40) -> tuple[list[str], int, int]:
    """Category labels under a plot, turned ``angle`` degrees (down to the left), cut to
    ``limit`` characters, with the bottom and left margins they need: computed here
    instead of by Plotly's ``automargin``, which lays the figure out twice on every draw
    (≈ 30 ms of each journey-map change). ``left`` is the least left margin (the y axis
    title); the first label may need more in a figure ``width`` wide."""
    cut = [s if len(s) <= limit else s[:limit - 1].rstrip() + "…" for s in map(str, labels)]
    widths = [_text_width(s, size) for s in cut] or [0.0]
    turn = math.radians(angle)
    bottom = int(max(widths) * math.sin(turn) + size * math.cos(turn) + 16)
    column = (width - left - 16) / max(len(widths), 1)
    return cut, bottom, max(left, int(widths[0] * math.cos(turn) - column / 2 + 8))


def days(values):
    """Dates as ``YYYY-MM-DD``: plotly.js reads them as dates, and a weekly axis gains
    nothing from a timestamp's ``T00:00:00`` but bytes to send and parse."""
    import pandas as pd

    return pd.to_datetime(pd.Series(values)).dt.strftime("%Y-%m-%d").to_numpy()


def rounded(values, digits: int = 3):
    """Plotted values to ``digits`` decimals (hover shows one or two; NaN stays a gap)."""
    import numpy as np

    return np.round(np.asarray(values, dtype=float), digits)


def hline(y: float, color: str, dash: str = "dash") -> dict:
    """A horizontal reference line across the plot (as a shape: add_hline is slow)."""
    return {"type": "line", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": y, "y1": y,
            "line": {"color": color, "dash": dash, "width": 1.5}}


def hline_label(y: float, text: str) -> dict:
    return {"x": 0, "y": y, "xref": "paper", "yref": "y", "text": text, "showarrow": False,
            "xanchor": "left", "yanchor": "bottom", "font": {"size": 11, "color": MUTED}}


def no_data_note(text: str) -> dict:
    """A centred note on an empty chart."""
    return {"x": 0.5, "y": 0.5, "xref": "paper", "yref": "paper", "text": text,
            "showarrow": False, "font": {"size": 13, "color": MUTED}}


def period(start, end) -> dict:
    """The selected period as a shaded band behind a weekly time axis."""
    import pandas as pd

    return {"type": "rect", "xref": "x", "yref": "paper", "layer": "below",
            "x0": pd.Timestamp(start) - pd.Timedelta(days=3),
            "x1": pd.Timestamp(end) + pd.Timedelta(days=3), "y0": 0, "y1": 1,
            "line": {"width": 0}, "fillcolor": SELECTED_PERIOD}


def _escape(value):
    if isinstance(value, str):
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if isinstance(value, (list, tuple)):
        return [_escape(v) for v in value]
    if hasattr(value, "tolist"):
        return _escape(value.tolist())
    return value


def _numeric(value) -> bool:
    import numpy as np

    return isinstance(value, np.ndarray) and value.dtype.kind in "biufcmM"
