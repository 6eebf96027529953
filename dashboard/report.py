"""The weekly report: one self-contained HTML page (inline SVG charts, no scripts, no
external files), or the same printed to PDF. Built from the overview's functions, so its
numbers are the dashboard's for the same week and filters.

Sections: KPI summary (changes shown only where significant), largest gaps to target,
biggest significant movers, touchpoints that fell below target, one section per department.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd
from markupsafe import escape

from callbacks import overview as overview_view
from dashboard.i18n import date as fmt_date
from dashboard.i18n import number, t
from data import kpis, queries, scorecards
from data.queries import Filters
from data.store import Store
from layouts import svg, theme
from layouts.components import missing

WEEK = re.compile(r"^(\d{4})-W(\d{1,2})$")
TREND_WEEKS = 12


@dataclass(frozen=True)
class Week:
    year: int
    number: int

    @property
    def monday(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.number, 1)

    @property
    def sunday(self) -> dt.date:
        return self.monday + dt.timedelta(days=6)

    def __str__(self) -> str:
        return f"{self.year}-W{self.number:02d}"


def parse_week(text: str, store: Store | None = None) -> Week:
    """``2026-W47``, or ``last``: the last complete week (Monday–Sunday) that has data."""
    text = (text or "").strip()
    if text == "last":
        if store is None:
            raise ValueError("--week last needs the database")
        _, latest = queries.date_bounds(store)
        if latest is None:
            raise ValueError("There is no data yet, so there is no last week.")
        latest = pd.Timestamp(latest).date()
        # A week is complete when its Sunday has passed in the data (or in the calendar).
        sunday = latest if latest.isoweekday() == 7 else latest - dt.timedelta(
            days=latest.isoweekday())
        year, number_, _ = sunday.isocalendar()
        return Week(year, number_)
    match = WEEK.match(text)
    if not match:
        raise ValueError(f"A week is written like 2026-W47 (or 'last'), not {text!r}.")
    year, number_ = int(match[1]), int(match[2])
    try:
        dt.date.fromisocalendar(year, number_, 1)
    except ValueError as exc:
        raise ValueError(f"{text} is not a week of {year}.") from exc
    return Week(year, number_)


def _light(light: str, lang: str) -> str:
    symbol = theme.TRAFFIC_GLYPH.get(light, "○")
    color = theme.TRAFFIC.get(light, theme.TRAFFIC["grey"])
    return (f'<span style="color:{color}" title="{escape(t(f"light.{light}", lang))}">'
            f'{symbol}</span>')


def _touchpoint_table(frame: pd.DataFrame, lang: str, empty_key: str,
                      change: bool = False) -> str:
    if frame.empty:
        return f'<p class="muted">{escape(t(empty_key, lang))}</p>'
    head = [t("report.col.touchpoint", lang), t("report.col.department", lang),
            t("report.col.score", lang), "n", t("journey.target", lang),
            t("journey.gap", lang)] + ([t("report.col.change", lang)] if change else [])
    rows = []
    for r in frame.to_dict("records"):
        cells = [f'{_light(r["light"], lang)} {escape(r["name"])}',
                 escape(r.get("department_name") or ""), number(r["value"], lang),
                 str(int(r["n"])), number(r["target"], lang),
                 number(r["gap_target"], lang, signed=True)]
        if change:
            cells.append(number(r["delta"], lang, signed=True))
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return ("<table><thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in head)
            + "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


def _kpi_table(cards, lang: str) -> str:
    rows = []
    for c in cards:
        value = number(c.value, lang, c.digits) + (c.unit if not missing(c.value) else "")
        if c.delta is not None and c.significant is True:
            change = (f'<strong>{number(c.delta, lang, c.delta_digits, signed=True)}</strong> '
                      f'({escape(t("kpi.significant", lang))})')
        elif c.delta is not None and c.significant is None:
            change = (f'{number(c.delta, lang, c.delta_digits, signed=True)} '
                      f'<span class="muted">({escape(t("kpi.too_few", lang))})</span>')
        else:
            change = f'<span class="muted">{escape(t("report.no_sig_change", lang))}</span>'
        rows.append(f"<tr><td>{escape(c.label)}</td><td class='num'>{value}</td>"
                    f"<td class='num'>{c.n}</td><td>{change}</td></tr>")
    return ("<table><thead><tr>" + "".join(f"<th>{escape(t(k, lang))}</th>" for k in (
        "report.col.kpi", "report.col.value", "report.col.n", "report.col.change_prev"))
        + "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


def _trend_svg(store: Store, f: Filters, metric: str, title: str, lang: str) -> str:
    """The last TREND_WEEKS weeks up to the report's week, with the 95 % band."""
    weeks, target = overview_view.trend_frame(store, f, metric)
    if weeks.empty:
        return ""
    start = f.date_to - dt.timedelta(weeks=TREND_WEEKS - 1, days=6)
    weeks = weeks.loc[pd.to_datetime(weeks["week"]).dt.date >= start]
    if weeks.empty:
        return ""
    labels = [fmt_date(pd.Timestamp(w).date(), lang) for w in weeks["week"]]
    lines = [(t("trend.target", lang), [target] * len(weeks), theme.TARGET, "6 4")] \
        if target is not None else []
    return svg.line_chart(labels, weeks["value"].tolist(), lows=weeks["low"].tolist(),
                          highs=weeks["high"].tolist(), lines=lines, title=title,
                          height=260, label_every=2)


def build(store: Store, week: Week, lang: str = "en", journey: str | None = None,
          department: str | None = None) -> dict:
    """Compute the report's content: a dict the HTML renderer and the tests read."""
    f = Filters.of(journeys=[journey] if journey else None,
                   departments=[department] if department else None,
                   date_from=week.monday.isoformat(), date_to=week.sunday.isoformat())
    cards = overview_view.kpi_cards(store, f, lang)
    card = scorecards.touchpoint_scorecard(store, f)
    gaps, movers, fell = overview_view.lists_of(card)
    departments = []
    if not card.empty:
        for key, part in card.loc[card["n"] > 0].groupby("department_key", sort=True):
            departments.append({
                "key": key, "name": part["department_name"].iloc[0],
                "touchpoints": len(part),
                "below": int(part["light"].isin(["red", "amber"]).sum()),
                "gaps": part.loc[part["gap_target"] < 0].nsmallest(3, "gap_target"),
                "movers": part.loc[kpis.significance_mask(part["significant"])].assign(
                    size=lambda d: d["delta"].abs()).nlargest(3, "size"),
            })
    return {"week": week, "filters": f, "journey": journey, "department": department,
            "cards": cards, "significant": [c for c in cards if c.significant is True and
                                            c.delta is not None],
            "gaps": gaps, "movers": movers, "fell": fell, "departments": departments}


STYLE = """
@page { size: A4; margin: 14mm; }
body { font-family: 'Segoe UI', Helvetica, Arial, sans-serif; color: #222; max-width: 960px;
       margin: 0 auto; padding: 16px; line-height: 1.4; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 24px 0 8px;
     border-bottom: 2px solid #0b4f8a; padding-bottom: 3px; color: #0b4f8a; }
h3 { font-size: 15px; margin: 16px 0 6px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 6px 0; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #ddd; }
th { background: #f3f5f8; } td.num { text-align: right; }
.muted { color: #6c757d; } .meta { color: #555; font-size: 13px; }
section { page-break-inside: avoid; } .dept { page-break-inside: avoid; }
"""


def render_html(content: dict, store: Store, lang: str = "en") -> str:
    """The report as one self-contained HTML page."""
    week, f = content["week"], content["filters"]
    catalog = queries.catalog(store)

    def name_of(dimension: str, key: str | None) -> str:
        table = catalog[dimension]
        match = table.loc[table["key"] == key, "name"]
        return match.iloc[0] if len(match) else (key or "")

    scope = []
    if content["journey"]:
        scope.append(f'{t("filter.journey", lang)}: {name_of("journeys", content["journey"])}')
    if content["department"]:
        scope.append(f'{t("filter.department", lang)}: '
                     f'{name_of("departments", content["department"])}')
    title = t("report.title", lang, week=str(week))
    period = f"{fmt_date(week.monday, lang)} – {fmt_date(week.sunday, lang)}"
    sig = content["significant"]
    sig_text = (t("report.sig_none", lang) if not sig else
                "; ".join(f"{c.label} {number(c.delta, lang, c.delta_digits, signed=True)}"
                          for c in sig))
    parts = [
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
        f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f"<p class='meta'>{escape(period)}"
        + (f" · {escape(' · '.join(scope))}" if scope else "")
        + f" · {escape(t('report.generated', lang, when=dt.datetime.now().strftime('%Y-%m-%d %H:%M')))}"
        + "</p>",
        f"<section id='summary'><h2>{escape(t('report.summary', lang))}</h2>",
        f"<p><strong>{escape(t('report.sig_changes', lang))}:</strong> {escape(sig_text)}</p>",
        _kpi_table(content["cards"], lang),
        _trend_svg(store, f, "nps", t("report.trend_nps", lang), lang),
        _trend_svg(store, f, "audit", t("report.trend_audit", lang), lang),
        "</section>",
        f"<section id='gaps'><h2>{escape(t('overview.gaps', lang))}</h2>",
        svg.gap_bars(content["gaps"]["name"].tolist(), content["gaps"]["gap_target"].tolist(),
                     small=content["gaps"]["small"].astype(bool).tolist(), lang=lang)
        if not content["gaps"].empty else "",
        _touchpoint_table(content["gaps"], lang, "report.none_gaps"), "</section>",
        f"<section id='movers'><h2>{escape(t('overview.movers', lang))}</h2>",
        _touchpoint_table(content["movers"], lang, "report.none_movers", change=True),
        "</section>",
        f"<section id='fell'><h2>{escape(t('overview.fell_below', lang))}</h2>",
        _touchpoint_table(content["fell"], lang, "report.none_fell", change=True),
        "</section>",
        f"<section id='departments'><h2>{escape(t('report.departments', lang))}</h2>",
    ]
    if not content["departments"]:
        parts.append(f"<p class='muted'>{escape(t('report.none_departments', lang))}</p>")
    for d in content["departments"]:
        parts.append(f"<div class='dept' id='dept-{escape(d['key'])}'><h3>{escape(d['name'])}"
                     f"</h3><p class='meta'>{escape(t('report.dept_line', lang, n=d['touchpoints'], below=d['below']))}</p>")
        parts.append(f"<p><strong>{escape(t('overview.gaps', lang))}</strong></p>")
        parts.append(_touchpoint_table(d["gaps"], lang, "report.none_gaps"))
        parts.append(f"<p><strong>{escape(t('overview.movers', lang))}</strong></p>")
        parts.append(_touchpoint_table(d["movers"], lang, "report.none_movers", change=True))
        parts.append("</div>")
    parts.append("</section>")
    parts.append(f"<p class='meta'>{escape(t('report.footer', lang))}</p></body></html>")
    return "".join(parts)


def text_summary(content: dict, lang: str = "en") -> str:
    """A plain-text digest for the e-mail's text part."""
    lines = [t("report.title", lang, week=str(content["week"])), ""]
    for c in content["cards"]:
        change = (f" ({number(c.delta, lang, c.delta_digits, signed=True)}, "
                  f"{t('kpi.significant', lang)})" if c.significant is True and c.delta is not None
                  else f" ({t('kpi.too_few', lang)})" if c.significant is None
                  and c.delta is not None else "")
        lines.append(f"- {c.label}: {number(c.value, lang, c.digits)}{c.unit} (n={c.n}){change}")
    for key, frame in (("overview.gaps", content["gaps"]), ("overview.fell_below",
                                                             content["fell"])):
        lines += ["", t(key, lang) + ":"]
        lines += [f"- {r['name']}: {number(r['value'], lang)} / {number(r['target'], lang)}"
                  for r in frame.to_dict("records")] or ["- –"]
    return "\n".join(lines) + "\n"
