"""The weekly report: one self-contained HTML page (inline SVG charts, no scripts, no
external files), or the same printed to PDF. Built from the overview's model, so its
numbers are the dashboard's for the same week and filters (views.report reads
views.overview).

Sections: KPI summary (changes shown only where significant), largest gaps to target,
biggest significant movers, touchpoints that fell below target, one section per department.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd
from markupsafe import escape

from dashboard.i18n import date as fmt_date
from dashboard.i18n import number, t
from data import queries
from data.queries import Filters
from data.store import Store
from layouts import svg, theme
from layouts.components import missing
from views import periods
from views import report as views_report

WEEK = re.compile(r"^(\d{4})-W(\d{1,2})$")


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
        latest = periods.newest_date(store)
        if latest is None:
            raise ValueError("There is no data yet, so there is no last week.")
        # A week is complete when its Sunday has passed in the data (or in the calendar).
        _, sunday = periods.last_complete_week(latest)
        year, number_, _ = sunday.isocalendar()
        return Week(year, number_)
    match = WEEK.match(text)
    if not match:
        raise ValueError(f"A week is written like 2026-W47 (or 'last'), not {text!r}.")
    year, number_ = int(match[1]), int(match[2])
    if not queries.EARLIEST.year < year < queries.LATEST.year:
        raise ValueError(f"A report week lies between {queries.EARLIEST.year + 1} and "
                         f"{queries.LATEST.year - 1}, not in {year}.")
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
                      change: bool = False, audits: int | None = None) -> str:
    if frame.empty:
        # Over no audits, "no touchpoint below target" would be a claim about nothing.
        empty_key = "overview.none_audits" if audits == 0 else empty_key
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
        rows.append(f"<tr><td>{escape(t(c.label, lang))}</td><td class='num'>{value}</td>"
                    f"<td class='num'>{c.n}</td><td>{change}</td></tr>")
    return ("<table><thead><tr>" + "".join(f"<th>{escape(t(k, lang))}</th>" for k in (
        "report.col.kpi", "report.col.value", "report.col.n", "report.col.change_prev"))
        + "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


def _trend_svg(weeks: pd.DataFrame, target: float | None, title: str, lang: str) -> str:
    """The report's weekly trend (the model's last weeks) with the 95 % band."""
    if weeks.empty:
        return ""
    labels = [fmt_date(pd.Timestamp(w).date(), lang) for w in weeks["week"]]
    lines = [(t("trend.target", lang), [target] * len(weeks), theme.TARGET, "6 4")] \
        if target is not None else []
    return svg.line_chart(labels, weeks["value"].tolist(), lows=weeks["low"].tolist(),
                          highs=weeks["high"].tolist(), lines=lines, title=title,
                          height=260, label_every=2)


def build(store: Store, week: Week, lang: str = "en", journey: str | None = None,
          department: str | None = None, today: dt.date | None = None) -> dict:
    """Compute the report's content from views.report: a dict the renderer and tests read."""
    f = Filters.of(journeys=[journey] if journey else None,
                   departments=[department] if department else None,
                   date_from=week.monday.isoformat(), date_to=week.sunday.isoformat())
    m = views_report.model(store, f, {"today": today} if today else None)
    cards = m.overview.cards
    return {"week": week, "filters": f, "journey": journey, "department": department,
            "model": m, "cards": cards,
            "significant": [c for c in cards if c.significant is True and c.delta is not None],
            "gaps": m.overview.gaps, "movers": m.overview.movers, "fell": m.overview.fell,
            "departments": m.departments}


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
.muted { color: #6c757d; } .stale { color: #8a4b00; background: #fff4e0; padding: 4px 8px; } .meta { color: #555; font-size: 13px; }
section { page-break-inside: avoid; } .dept { page-break-inside: avoid; }
"""


def _data_age(m, lang: str) -> str:
    """Say how old the newest data is, with a warning when it is older than a week."""
    if m.data_through is None:
        return ""
    text = t("report.data_age", lang, date=fmt_date(m.data_through, lang), days=m.age_days)
    if m.stale:
        return f"<p class='stale' id='data-age'><strong>⚠ {escape(text)}</strong> " \
               f"{escape(t('report.stale', lang))}</p>"
    return f"<p class='meta' id='data-age'>{escape(text)}</p>"


def _actions_section(found: dict, lang: str) -> str:
    """New, overdue and done actions of the week, each with its owner."""
    parts = [f"<section id='actions'><h2>{escape(t('report.actions', lang))}</h2>"]
    for key, date_column in (("new", "due_date"), ("overdue", "due_date"), ("done", "done_on")):
        frame = found.get(key)
        parts.append(f"<h3>{escape(t('report.actions_' + key, lang))}</h3>")
        if frame is None or frame.empty:
            parts.append(f"<p class='muted'>{escape(t('report.actions_none', lang))}</p>")
            continue
        head = "".join(f"<th>{escape(t(k, lang))}</th>" for k in (
            "actions.field.title", "benchmark.col.touchpoint", "actions.field.owner",
            "actions.field.done_on" if key == "done" else "actions.field.due_date"))
        rows = "".join(
            f"<tr><td>{escape(r['title'])}</td>"
            f"<td>{escape(r['touchpoint_name'] or r['journey_name'] or '')}</td>"
            f"<td>{escape(r['owner'] or '–')}</td>"
            f"<td>{escape(fmt_date(r[date_column], lang) if r[date_column] else '–')}</td></tr>"
            for r in frame.to_dict("records"))
        parts.append(f"<table id='actions-{key}'><tr>{head}</tr>{rows}</table>")
    measured = found.get("measured")
    if measured is not None and not measured.empty:
        parts.append(f"<h3>{escape(t('report.actions_measured', lang))}</h3>")
        head = "".join(f"<th>{escape(t(k, lang))}</th>" for k in (
            "actions.field.title", "benchmark.col.touchpoint", "actions.field.owner",
            "effect.did"))
        rows = "".join(
            f"<tr><td>{escape(r['title'])}</td><td>{escape(r['touchpoint_name'] or '')}</td>"
            f"<td>{escape(r['owner'] or '–')}</td><td class='num'>"
            f"{number(r['effect_audit'], lang, 2, signed=True)}"
            f"{' *' if r['effect_significant'] else ''}</td></tr>"
            for r in measured.to_dict("records"))
        parts.append(f"<table id='actions-measured'><tr>{head}</tr>{rows}</table>")
    parts.append("</section>")
    return "".join(parts)


def render_html(content: dict, store: Store, lang: str = "en") -> str:
    """The report as one self-contained HTML page."""
    week, m = content["week"], content["model"]
    audits = m.overview.audits
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
                "; ".join(f"{t(c.label, lang)} {number(c.delta, lang, c.delta_digits, signed=True)}"
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
        _data_age(m, lang),
        f"<section id='summary'><h2>{escape(t('report.summary', lang))}</h2>",
        f"<p><strong>{escape(t('report.sig_changes', lang))}:</strong> {escape(sig_text)}</p>",
        _kpi_table(content["cards"], lang),
        _trend_svg(m.trend_nps, None, t("report.trend_nps", lang), lang),
        _trend_svg(m.trend_audit, m.audit_target, t("report.trend_audit", lang), lang),
        "</section>",
        f"<section id='gaps'><h2>{escape(t('overview.gaps', lang))}</h2>",
        svg.gap_bars(content["gaps"]["name"].tolist(), content["gaps"]["gap_target"].tolist(),
                     small=content["gaps"]["small"].astype(bool).tolist(), lang=lang)
        if not content["gaps"].empty else "",
        _touchpoint_table(content["gaps"], lang, "report.none_gaps", audits=audits),
        "</section>",
        f"<section id='movers'><h2>{escape(t('overview.movers', lang))}</h2>",
        _touchpoint_table(content["movers"], lang, "report.none_movers", change=True,
                          audits=audits),
        "</section>",
        f"<section id='fell'><h2>{escape(t('overview.fell_below', lang))}</h2>",
        _touchpoint_table(content["fell"], lang, "report.none_fell", change=True,
                          audits=audits),
        "</section>",
        _actions_section(m.actions, lang),
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


def subject(content: dict, lang: str = "en") -> str:
    """The report mail's subject: the week and what changed significantly."""
    sig = content["significant"]
    tail = (", ".join(t(c.label, lang) for c in sig) if sig else t("report.no_sig_change", lang))
    return f"{t('report.title', lang, week=str(content['week']))}: {tail}"


def text_summary(content: dict, lang: str = "en") -> str:
    """A plain-text digest for the e-mail's text part."""
    lines = [t("report.title", lang, week=str(content["week"])), ""]
    for c in content["cards"]:
        change = (f" ({number(c.delta, lang, c.delta_digits, signed=True)}, "
                  f"{t('kpi.significant', lang)})" if c.significant is True and c.delta is not None
                  else f" ({t('kpi.too_few', lang)})" if c.significant is None
                  and c.delta is not None else "")
        lines.append(f"- {t(c.label, lang)}: {number(c.value, lang, c.digits)}{c.unit} "
                     f"(n={c.n}){change}")
    for key, frame in (("overview.gaps", content["gaps"]), ("overview.fell_below",
                                                             content["fell"])):
        lines += ["", t(key, lang) + ":"]
        lines += [f"- {r['name']}: {number(r['value'], lang)} / {number(r['target'], lang)}"
                  for r in frame.to_dict("records")] or ["- –"]
    return "\n".join(lines) + "\n"
