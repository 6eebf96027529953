"""Small static SVG charts for files that must work offline, in print and in e-mail
(the weekly report and the poster), where Plotly's JavaScript cannot run.

Every text is escaped; colours and marker shapes are the dashboard's (theme.TRAFFIC).
"""

from __future__ import annotations

from markupsafe import escape

from dashboard.i18n import number
from layouts import theme
from layouts.components import missing as _missing

FONT = "font-family:Segoe UI,Helvetica,Arial,sans-serif"


def _marker(x: float, y: float, light: str, r: float = 6) -> str:
    """The traffic-light marker: colour and shape (● ◆ ✖ ○) both carry the meaning."""
    color = theme.TRAFFIC.get(light, theme.TRAFFIC["grey"])
    if light == "amber":
        return (f'<path d="M{x},{y - r * 1.3} L{x + r * 1.3},{y} L{x},{y + r * 1.3} '
                f'L{x - r * 1.3},{y} Z" fill="{color}"/>')
    if light == "red":
        w = r * 0.45
        return (f'<path d="M{x - r},{y - r} L{x + r},{y + r} M{x + r},{y - r} L{x - r},{y + r}" '
                f'stroke="{color}" stroke-width="{w * 2}" stroke-linecap="round"/>')
    if light == "green":
        return f'<circle cx="{x}" cy="{y}" r="{r}" fill="{color}"/>'
    return f'<circle cx="{x}" cy="{y}" r="{r}" fill="white" stroke="{color}" stroke-width="2"/>'


def line_chart(labels: list[str], values: list, *, lows: list | None = None,
               highs: list | None = None, lights: list[str] | None = None,
               lines: list[tuple[str, list, str, str]] = (), y_range: tuple[float, float]
               | None = None, width: int = 720, height: int = 260, title: str = "",
               label_every: int = 1, rotate: bool = False) -> str:
    """A line with optional 95 % band, markers and reference lines.

    ``lines`` are (name, values, colour, dash) drawn as further series (target, best).
    """
    left, right, top = (110 if rotate else 44), 16, 28 if title else 12
    bottom = 110 if rotate else 34
    plot_w, plot_h = width - left - right, height - top - bottom
    series = [v for v in values if not _missing(v)]
    for _, other, _, _ in lines:
        series += [v for v in other if not _missing(v)]
    series += [v for v in (lows or []) + (highs or []) if not _missing(v)]
    lo, hi = y_range or ((min(series), max(series)) if series else (0, 1))
    if hi - lo < 1e-9:
        lo, hi = lo - 1, hi + 1
    n = max(len(labels), 1)

    def px(i):
        return left + (plot_w * (i + 0.5) / n)

    def py(v):
        return top + plot_h * (1 - (min(max(v, lo), hi) - lo) / (hi - lo))

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
           f'width="100%" style="max-width:{width}px;{FONT}" role="img" '
           f'aria-label="{escape(title)}">']
    if title:
        out.append(f'<text x="{left}" y="16" font-size="13" font-weight="600" '
                   f'fill="#333">{escape(title)}</text>')
    for k in range(5):
        v = lo + (hi - lo) * k / 4
        y = py(v)
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
                   'stroke="#e5e7eb"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" '
                   f'fill="#666">{v:.3g}</text>')
    for i, label in enumerate(labels):
        if i % max(label_every, 1):
            continue
        x, y = px(i), height - bottom + 14
        if rotate:
            out.append(f'<text x="{x:.1f}" y="{y:.1f}" font-size="11" fill="#444" '
                       f'text-anchor="end" transform="rotate(-40 {x:.1f} {y:.1f})">'
                       f'{escape(label)}</text>')
        else:
            out.append(f'<text x="{x:.1f}" y="{y:.1f}" font-size="11" fill="#444" '
                       f'text-anchor="middle">{escape(label)}</text>')
    if lows and highs:
        upper = [(px(i), py(h)) for i, h in enumerate(highs) if not _missing(h)]
        lower = [(px(i), py(lw)) for i, lw in enumerate(lows) if not _missing(lw)]
        if upper and lower:
            points = " ".join(f"{x:.1f},{y:.1f}" for x, y in upper + lower[::-1])
            out.append(f'<polygon points="{points}" fill="{theme.PRIMARY}" opacity="0.12"/>')
    for name, other, color, dash in lines:
        pts = [(px(i), py(v)) for i, v in enumerate(other) if not _missing(v)]
        if pts:
            out.append(f'<polyline points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in pts)}" '
                       f'fill="none" stroke="{color}" stroke-width="2" '
                       f'stroke-dasharray="{dash}"><title>{escape(name)}</title></polyline>')
    pts = [(px(i), py(v)) for i, v in enumerate(values) if not _missing(v)]
    if pts:
        out.append(f'<polyline points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in pts)}" '
                   f'fill="none" stroke="{theme.PRIMARY}" stroke-width="2.5"/>')
    for i, v in enumerate(values):
        if not _missing(v):
            out.append(_marker(px(i), py(v), lights[i]) if lights else
                       f'<circle cx="{px(i):.1f}" cy="{py(v):.1f}" r="3.5" '
                       f'fill="{theme.PRIMARY}"/>')
    out.append("</svg>")
    return "".join(out)


def gap_bars(names: list[str], gaps: list[float], width: int = 720, title: str = "",
             small: list[bool] | None = None, lang: str = "en") -> str:
    """Horizontal bars of the gap to target (negative = below target); a bar on a small
    sample (``small``) is hatched and its label carries ⚠."""
    small = list(small) if small is not None else [False] * len(names)
    row, left, top = 24, 260, 28 if title else 8
    height = top + row * max(len(names), 1) + 24
    span = max([abs(g) for g in gaps if not _missing(g)] + [1.0])
    zero = left + (width - left - 20) * 0.75
    scale = (zero - left - 44) / span
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
           f'width="100%" style="max-width:{width}px;{FONT}" role="img" '
           f'aria-label="{escape(title)}">']
    if any(small):
        out.append('<defs><pattern id="small-sample" width="6" height="6" '
                   'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
                   '<rect width="6" height="6" fill="white" fill-opacity="0"/>'
                   '<line x1="0" y1="0" x2="0" y2="6" stroke="white" stroke-width="3"/>'
                   '</pattern></defs>')
    if title:
        out.append(f'<text x="4" y="16" font-size="13" font-weight="600" '
                   f'fill="#333">{escape(title)}</text>')
    for i, (name, gap, few) in enumerate(zip(names, gaps, small, strict=True)):
        y = top + i * row
        label = name if len(name) <= 36 else name[:35] + "…"
        label += " ⚠" if few else ""
        out.append(f'<text x="{left - 8}" y="{y + 16}" font-size="12" text-anchor="end" '
                   f'fill="#333">{escape(label)}</text>')
        if _missing(gap):
            continue
        w = abs(gap) * scale
        x = zero - w if gap < 0 else zero
        color = theme.TRAFFIC["red"] if gap < -1 else (theme.TRAFFIC["amber"] if gap < 0
                                                       else theme.TRAFFIC["green"])
        out.append(f'<rect x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="{row - 8}" '
                   f'fill="{color}"/>')
        if few:
            out.append(f'<rect class="small-sample" x="{x:.1f}" y="{y + 4}" width="{w:.1f}" '
                       f'height="{row - 8}" fill="url(#small-sample)"/>')
        tx = x - 4 if gap < 0 else x + w + 4
        out.append(f'<text x="{tx:.1f}" y="{y + 16}" font-size="11" '
                   f'text-anchor="{"end" if gap < 0 else "start"}" fill="#333">'
                   f'{escape(number(gap, lang, 1, signed=True))}</text>')
    out.append(f'<line x1="{zero:.1f}" x2="{zero:.1f}" y1="{top}" y2="{height - 20}" '
               'stroke="#555"/>')
    out.append("</svg>")
    return "".join(out)
