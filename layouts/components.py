"""Small building blocks every page uses: links, lights, n labels, changes, notices."""

from __future__ import annotations

import math
import re
from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.i18n import count, number, t
from layouts import ids, theme

LIGHT_LABEL = {"green": "light.green", "amber": "light.amber", "red": "light.red",
               "grey": "light.grey"}
SPARK = "▁▂▃▄▅▆▇█"


def missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def web_link(url: str | None):
    """An http(s) address as a link that opens in a new tab; anything else as plain text."""
    if not url:
        return None
    if re.match(r"^https?://", url.strip(), re.IGNORECASE):
        return html.A(url, href=url.strip(), target="_blank", rel="noopener noreferrer")
    return html.Span(url)


def image_source(src: str | None) -> str | None:
    """An image address that may be shown: http(s), the app's own assets or a picture
    uploaded in the catalog editor."""
    if src and re.match(r"^(https?://|/assets/|/catalog/pictures/[0-9a-f]{64}\.\w+$)",
                        src.strip(), re.IGNORECASE):
        return src.strip()
    return None


def touchpoint_href(key: str, search: str | None = "") -> str:
    return f"/touchpoints/{key}{search or ''}"


def act_href(key: str, search: str | None, origin: str, ref: str) -> str:
    """The drill-down with the new-action form open (``act=1``; the page takes it out of
    the URL once open), the action's origin and what it refers to."""
    extra = urlencode({"act": "1", "origin": origin, "origin_ref": ref})
    base = (search or "").lstrip("?")
    return f"/touchpoints/{key}?" + "&".join(p for p in (base, extra) if p)


def act_link(key: str, search: str | None, origin: str, ref: str, lang: str) -> dcc.Link:
    """"Act": open the touchpoint with the form for a new action."""
    return dcc.Link(t("overview.act", lang) + " →", href=act_href(key, search, origin, ref),
                    className="act-link small ms-2", title=t("overview.act_help", lang))


def touchpoint_link(key: str, name: str, search: str | None = "", **kwargs) -> dcc.Link:
    """Link a touchpoint name to its drill-down, keeping the filters."""
    return dcc.Link(name, href=touchpoint_href(key, search), className="tp-link", **kwargs)


def light_dot(light: str, lang: str) -> html.Span:
    """A traffic-light marker that differs in shape as well as colour."""
    return html.Span(theme.TRAFFIC_GLYPH.get(light, "○"), className=f"light light-{light}",
                     title=t(LIGHT_LABEL.get(light, "light.grey"), lang),
                     style={"color": theme.TRAFFIC.get(light, theme.TRAFFIC["grey"])})


LEGEND_SYMBOLS = ("lights", "significant", "small", "pain", "mot")


def symbol_legend(lang: str, symbols=LEGEND_SYMBOLS) -> html.Div:
    """The key to the symbols a view uses (● ◆ ✖ ○ lights, * significant, ⚠ small sample,
    ⚡ pain point, ★ moment of truth), so no one depends on tooltips."""
    items = []
    if "lights" in symbols:
        for light in ("green", "amber", "red", "grey"):
            items.append(html.Span([light_dot(light, lang), " ", t(LIGHT_LABEL[light], lang)]))
    if "significant" in symbols:
        items.append(html.Span([html.Strong("*"), " ", t("legend.significant", lang)]))
    if "small" in symbols:
        items.append(html.Span(["⚠ ", t("legend.small", lang)]))
    if "pain" in symbols:
        items.append(html.Span(["⚡ ", t("journey.pain", lang)]))
    if "mot" in symbols:
        items.append(html.Span(["★ ", t("journey.mot", lang)]))
    return html.Div([html.Span(t("legend.title", lang) + ":", className="fw-semibold"), *items],
                    className="symbol-legend small text-muted d-flex flex-wrap gap-3 mt-3")


def score(value, light: str, lang: str, digits: int = 1) -> html.Span:
    """A score with its traffic light."""
    return html.Span([light_dot(light, lang), " ", number(value, lang, digits)],
                     className="score")


def n_label(n: int, lang: str, kind: str = "audits", small: bool | None = None) -> html.Span:
    """'n = 12' with a small-sample mark when fewer than 30 responses / 5 audits stand behind."""
    limit = 5 if kind == "audits" else 30
    is_small = (0 < n < limit) if small is None else (small and n > 0)
    children = [f"n = {count(n, lang)}"]
    if is_small:
        what = t("kpi.audits" if kind == "audits" else "kpi.responses", lang)
        children.append(html.Span(" ⚠", className="small-n",
                                  title=t("kpi.small_sample_help", lang, n=limit, what=what)))
    return html.Span(children, className="n-label" + (" is-small" if is_small else ""))


def significance_title(significant: bool | None, lang: str) -> str:
    """The words for a change's significance: significant, not significant, too few to tell."""
    if significant is None:
        return t("kpi.too_few", lang) + " — " + t("kpi.too_few_help", lang, responses=30,
                                                   audits=5)
    return t("kpi.significant" if significant else "kpi.not_significant", lang)


def rounds_to_zero(value, digits: int) -> bool:
    """True when a change shows as 0 at the given decimals (no arrow for it)."""
    return round(float(value), digits) == 0


def delta(value, significant: bool | None, lang: str, digits: int = 1) -> html.Span:
    """A change with its direction; a star when significant, "too few to tell" (never a
    star) when a period is below the small-sample minimum; unchanged when it rounds to 0."""
    if missing(value):
        return html.Span("–", className="delta text-muted")
    significant = None if significant is None or missing(significant) else bool(significant)
    if rounds_to_zero(value, digits):
        return html.Span(t("kpi.unchanged", lang), title=significance_title(significant, lang),
                         className="delta delta-flat")
    arrow = "▲" if value > 0 else "▼"
    direction = "up" if value > 0 else "down"
    text = f"{arrow} {number(value, lang, digits, signed=True)}"
    title = significance_title(significant, lang)
    if significant is None:
        return html.Span([text, html.Small(" " + t("kpi.too_few", lang),
                                           className="delta-few text-muted")],
                         title=title, className=f"delta delta-{direction} delta-unknown")
    return html.Span(text + (" *" if significant else ""), title=title,
                     className=f"delta delta-{direction}" + (" delta-sig" if significant else ""))


def spark_scale(series) -> tuple[float, float] | None:
    """The one scale the sparklines of a table share: their common range, at least 2 points
    wide (so noise does not look like a trend), so rows can be compared."""
    known = [v for values in series for v in (values or []) if not missing(v)]
    if not known:
        return None
    middle = (min(known) + max(known)) / 2
    half = max((max(known) - min(known)) / 2, 1.0)
    return middle - half, middle + half


def sparkline(values: list[float], scale: tuple[float, float] | None = None) -> html.Span:
    """A tiny text sparkline of weekly values on the table's shared ``scale`` (see
    spark_scale; default: the values' own range); the tooltip lists the values."""
    scale = scale or spark_scale([values])
    if scale is None:
        return html.Span("", className="spark")
    low, high = scale
    cells = []
    for v in values:
        if missing(v):
            cells.append(" ")
            continue
        i = int((min(max(v, low), high) - low) / (high - low) * (len(SPARK) - 1) + 0.5)
        cells.append(SPARK[i])
    return html.Span("".join(cells), className="spark", title=" · ".join(
        "–" if missing(v) else f"{v:.1f}" for v in values))


def empty_filters(lang: str, loosen: list[tuple[str, str]] | None = None) -> dbc.Alert:
    """The notice shown when the filters leave no data; ``loosen`` are (filter, link)
    pairs of the filters that, removed alone, bring data back (one click each)."""
    body = [t("empty.filters", lang)]
    if loosen:
        labels = {"period": t("empty.all_periods", lang),
                  "touchpoint": t("empty.touchpoint", lang)}
        body += [html.Br(), html.Span(t("empty.loosen", lang) + " "), *[
            dcc.Link("✕ " + labels.get(dim, t(f"filter.{dim}", lang)), href=href,
                     className="btn btn-sm btn-outline-secondary ms-1 loosen-link",
                     id=ids.loosen_link(dim))
            for dim, href in loosen]]
    elif loosen is not None:
        body += [html.Br(), html.Span(t("empty.loosen_none", lang))]
    return dbc.Alert(body, color="secondary", className="mb-3 empty-filters")


def section(title: str, body, **kwargs) -> dbc.Card:
    """A titled card."""
    return dbc.Card(dbc.CardBody([html.H2(title, className="h6 section-title"), body]),
                    className="mb-3 section " + kwargs.pop("className", ""), **kwargs)


def page_header(title: str, *extra) -> html.Div:
    return html.Div([html.H1(title, className="h3 mb-0"), *extra],
                    className="d-flex flex-wrap align-items-baseline gap-3 mb-3")


def pager(first: int, shown: int, total: int, page: int, pages: int, lang: str, href,
          id_prefix: str, link_id=None) -> html.Nav | None:
    """"51–100 of 10 004" with links to the previous and next page (``href(n)`` is the
    link to page n; ``link_id(n)`` its id when not ``{id_prefix}-previous`` / ``-next``);
    nothing when everything fits on one page."""
    if pages <= 1:
        return None

    def link(label_key: str, target: int, enabled: bool, suffix: str):
        classes = "btn btn-sm btn-outline-secondary"
        if not enabled:
            return html.Span(t(label_key, lang), className=classes + " disabled",
                             **{"aria-disabled": "true"})
        return dcc.Link(t(label_key, lang), href=href(target), className=classes,
                        id=link_id(target) if link_id else f"{id_prefix}-{suffix}")

    return html.Nav([
        link("pager.previous", page - 1, page > 1, "previous"),
        html.Span(t("pager.range", lang, first=count(first + 1, lang),
                    last=count(first + shown, lang), total=count(total, lang)),
                  className="small text-muted mx-2", id=f"{id_prefix}-range"),
        link("pager.next", page + 1, page < pages, "next"),
    ], className="d-flex align-items-center mb-3 pager", **{"aria-label": t("pager.label", lang)})
