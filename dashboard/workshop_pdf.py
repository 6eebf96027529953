"""A workshop's results as one self-contained page (inline SVG, no script) printed to PDF
by headless Chromium (dashboard.pdf): journey, day, participants, and per touchpoint the
room's mean and spread, the customers' score ± its 95 % interval, the gap and the note.
Built from views.workshop, the model the facilitator's screen shows."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
from markupsafe import escape

from dashboard.i18n import date as fmt_date
from dashboard.i18n import number, t
from data.store import Store
from layouts import svg, theme
from views import workshop as view

STYLE = f"""
@page {{ size: A4 landscape; margin: 12mm; }}
body {{ font-family: 'Segoe UI', Helvetica, Arial, sans-serif; color: #222; margin: 0;
       line-height: 1.35; -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
h1 {{ font-size: 22px; margin: 0 0 4px; color: {theme.PRIMARY}; }}
.meta {{ color: #555; font-size: 13px; margin: 0 0 8px; }}
table {{ border-collapse: collapse; width: 100%; font-size: 12.5px; margin-top: 6px; }}
th, td {{ text-align: left; padding: 4px 7px; border-bottom: 1px solid #ddd;
         vertical-align: top; }}
th {{ background: #f3f5f8; }} td.num {{ text-align: right; white-space: nowrap; }}
tr.low td {{ background: #fff4dc; }} .flag {{ color: #8a4b00; font-weight: 600; }}
.rule, footer {{ color: #666; font-size: 11px; margin-top: 6px; }}
tr {{ break-inside: avoid; }}
"""


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _customers(r: dict, lang: str) -> str:
    if _missing(r["customer_value"]):
        return "–"
    margin = "" if _missing(r["customer_margin"]) else \
        f" ± {number(r['customer_margin'], lang)}"
    return f"{number(r['customer_value'], lang)}{margin} (n = {int(r['customer_n'])})"


def results_html(store: Store, workshop_id, lang: str = "en") -> str:
    """The results page of a workshop; LookupError for an unknown one."""
    m = view.model(store, workshop_id)
    if m.workshop is None:
        raise LookupError(f"There is no workshop {workshop_id}.")
    w, rows = m.workshop, m.rows
    journey = w["journey_name"] or w["journey_key"]
    start, end = m.period
    period = f"{fmt_date(start, lang)} – {fmt_date(end, lang)}" if start and end else "–"
    meta = t("workshop.pdf_meta", lang, day=fmt_date(pd.Timestamp(w["created_at"]).date(),
                                                     lang),
             code=w["code"], participants=m.participants, ratings=m.ratings, period=period)
    labels = [f"{int(p)}. {n}" for p, n in zip(rows["position"], rows["name"], strict=True)]
    curve = svg.line_chart(
        labels, rows["mean"].tolist(), lows=rows["customer_low"].tolist(),
        highs=rows["customer_high"].tolist(),
        lines=[(t("workshop.customers", lang), rows["customer_value"].tolist(), theme.TARGET,
                "6 4")],
        y_range=(1, 10), width=1000, height=300, rotate=True,
        title=f"{t('workshop.room', lang)} · {t('workshop.customers', lang)} "
              f"({t('workshop.customer_band', lang)})") if not rows.empty else ""
    head = "".join(f"<th>{escape(t(k, lang))}</th>" for k in (
        "workshop.col.touchpoint", "workshop.col.room", "workshop.col.spread",
        "workshop.col.customers", "workshop.col.gap", "workshop.col.note"))
    body = []
    for r in rows.to_dict("records"):
        spread = (f"sd {number(r['sd'], lang)} · {number(r['min'], lang, 0)}–"
                  f"{number(r['max'], lang, 0)}" if r["n"] else "–")
        if r["low_agreement"]:
            spread += f" <span class='flag'>⚠ {escape(t('workshop.low_agreement', lang))}</span>"
        body.append(
            f"<tr class='{'low' if r['low_agreement'] else ''}'>"
            f"<td>{int(r['position'])}. {escape(r['name'])}<br><span class='meta'>"
            f"{escape(r['phase_name'] or '')}</span></td>"
            f"<td class='num'><strong>{number(r['mean'], lang)}</strong> (n = {int(r['n'])})</td>"
            f"<td>{spread}</td><td class='num'>{escape(_customers(r, lang))}</td>"
            f"<td class='num'>{number(r['gap'], lang, 1, signed=True)}</td>"
            f"<td>{escape(r['note'] or '')}</td></tr>")
    batch = (f"<p class='meta'>{escape(t('workshop.pdf_batch', lang, batch=int(w['batch_id'])))}"
             "</p>" if w["state"] == "closed" and not _missing(w["batch_id"]) else "")
    when = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
            f"<title>{escape(t('workshop.pdf_title', lang, journey=journey))}</title>"
            f"<style>{STYLE}</style></head><body>"
            f"<h1>{escape(t('workshop.pdf_title', lang, journey=journey))}</h1>"
            f"<p class='meta'>{escape(meta)}</p>{batch}"
            f"<div class='curve'>{curve}</div>"
            f"<table id='workshop-results'><tr>{head}</tr>{''.join(body)}</table>"
            f"<p class='rule'>{escape(t('workshop.rule', lang, sd=number(m.low_agreement_sd, lang)))}"
            f"</p><footer>{escape(t('workshop.pdf_footer', lang, when=when))}</footer>"
            "</body></html>")
