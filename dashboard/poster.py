"""The journey-map poster: the journey map of the current filters as a print page (A3 or
A2 landscape) — phases, touchpoint cards with markers and traffic lights, the emotion
curve with target and best-in-class, a legend, the persona, the filters and the period.
Rendered as HTML with inline SVG and printed to PDF by headless Chromium (dashboard.pdf).
"""

from __future__ import annotations

import datetime as dt

from markupsafe import escape

from callbacks import filters as url_state
from dashboard import exports
from dashboard.i18n import date as fmt_date
from dashboard.i18n import number, t
from data import schema
from data.store import Store
from layouts import svg, theme
from views import journey as views_journey

SIZES = {"A3": ("420mm 297mm", 1.0), "A2": ("594mm 420mm", 1.41)}


def _color(value) -> str:
    """A channel colour for the page's CSS: #RRGGBB or the muted default, nothing else."""
    return value if isinstance(value, str) and schema.COLOR.match(value) else theme.MUTED


def poster_html(store: Store, search: str, size: str = "A3", lang: str = "en") -> str:
    """Return the poster page for the filters in ``search`` (the journey view's URL query)."""
    if size not in SIZES:
        raise ValueError(f"Poster sizes are {', '.join(SIZES)}, not {size!r}.")
    paper, scale = SIZES[size]
    f = url_state.filters_from_search(store, search)
    m = views_journey.model(store, f)
    if m.key is None:
        raise LookupError("There is no journey to print yet.")
    journey, card, persona = m.journey or {"name": m.key}, m.card, m.persona
    summary = m.summary or {}

    phases = m.phases
    used = phases[phases["key"].isin(card["phase_key"])] if not card.empty else phases.head(0)
    columns = []
    for phase_key, phase_name in zip(used["key"], used["name"], strict=True):
        cards = []
        for r in card.loc[card["phase_key"] == phase_key].to_dict("records"):
            light = r["light"]
            marks = ("⚡" if r["pain_point"] else "") + ("★" if r["moment_of_truth"] else "")
            if r.get("open_actions"):
                marks += f" ▶ {int(r['open_actions'])}"
            cards.append(
                f"<div class='tp' style='border-left-color:{_color(r.get('channel_color'))}'>"
                f"<div class='tp-name'><span class='step'>{int(r['position'])}</span> "
                f"{escape(r['name'])} <span class='marks'>{marks}</span></div>"
                f"<div class='tp-meta'>{escape(r.get('channel_name') or '')} · "
                f"{escape(r.get('department_name') or '')}</div>"
                f"<div class='tp-score'><span class='light' style='color:"
                f"{theme.TRAFFIC.get(light, theme.TRAFFIC['grey'])}'>{theme.TRAFFIC_GLYPH.get(light, '○')}"
                f"</span> <strong>{number(r['value'], lang)}</strong>"
                f" <span class='muted'>· {escape(t('journey.target', lang))} "
                f"{number(r['target'], lang)} · {escape(t('journey.best', lang))} "
                f"{number(r['best_in_class'], lang)} · n={int(r['n'])}</span></div></div>")
        columns.append(f"<div class='phase'><div class='arrow'>{escape(phase_name)}</div>"
                       + "".join(cards) + "</div>")

    ordered = m.steps
    curve = svg.line_chart(
        [f"{int(p)}. {n}" for p, n in zip(ordered["position"], ordered["name"], strict=True)], ordered["value"].tolist(),
        lows=ordered["low"].tolist(), highs=ordered["high"].tolist(),
        lights=ordered["light"].tolist(),
        lines=[(t("journey.target", lang), ordered["target"].tolist(), theme.TARGET, "6 4"),
               (t("journey.best", lang), ordered["best_in_class"].tolist(),
                theme.BEST_IN_CLASS, "2 3")],
        y_range=(1, 10), width=int(1500 * scale), height=int(330 * scale), rotate=True,
        title=t("poster.curve", lang)) if not ordered.empty else ""

    meta = exports.describe("/journey", m.applied)
    period = (f"{fmt_date(f.date_from, lang)} – {fmt_date(f.date_to, lang)}"
              if f.date_from or f.date_to else t("poster.all_data", lang))
    persona_html = (f"<strong>{escape(persona['name'])}</strong>"
                    + (f" · <q>{escape(persona.get('quote') or '')}</q>"
                       if persona.get("quote") else "")
                    if persona else escape(t("poster.all_personas", lang)))
    legend = "".join(
        f"<span class='item'><span style='color:{theme.TRAFFIC[k]}'>{theme.TRAFFIC_GLYPH[k]}</span> "
        f"{escape(t(f'light.{k}', lang))}</span>" for k in ("green", "amber", "red", "grey"))
    legend += (f"<span class='item'>▶ {escape(t('nav.actions', lang))}</span>"
               f"<span class='item'>⚡ {escape(t('journey.pain', lang))}</span>"
               f"<span class='item'>★ {escape(t('journey.mot', lang))}</span>"
               f"<span class='item'><span class='dash target'></span> "
               f"{escape(t('journey.target', lang))}</span>"
               f"<span class='item'><span class='dash best'></span> "
               f"{escape(t('journey.best', lang))}</span>")
    score = (f"{escape(t('kpi.journey_score', lang))}: <strong>{number(summary.get('score'), lang)}"
             f"</strong> / 10 · {escape(t('journey.target', lang))} "
             f"{number(summary.get('target'), lang)}" if summary else "")
    base = 11 * scale
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<title>{escape(journey['name'])} · cxdash</title>
<style>
@page {{ size: {paper}; margin: 10mm; }}
* {{ box-sizing: border-box; }}
body {{ font-family: 'Segoe UI', Helvetica, Arial, sans-serif; font-size: {base:.1f}pt;
  color: #222; margin: 0; -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
header {{ display: flex; justify-content: space-between; align-items: flex-end;
  border-bottom: 3px solid {theme.PRIMARY}; padding-bottom: 4mm; margin-bottom: 4mm; }}
h1 {{ font-size: {base * 2.2:.1f}pt; margin: 0; color: {theme.PRIMARY}; }}
.goal {{ font-size: {base * 1.15:.1f}pt; color: #444; margin-top: 1mm; }}
.meta {{ text-align: right; font-size: {base:.1f}pt; color: #444; line-height: 1.5; }}
.map {{ display: grid; grid-template-columns: repeat({max(len(columns), 1)}, 1fr);
  gap: 3mm; }}
.arrow {{ background: {theme.PRIMARY}; color: white; font-weight: 600; padding: 2mm 6mm 2mm 3mm;
  clip-path: polygon(0 0, calc(100% - 4mm) 0, 100% 50%, calc(100% - 4mm) 100%, 0 100%);
  margin-bottom: 2mm; font-size: {base * 1.1:.1f}pt; }}
.tp {{ border: 1px solid #ccd; border-left: 4px solid #999; border-radius: 2mm;
  padding: 1.5mm 2mm; margin-bottom: 2mm; break-inside: avoid; }}
.tp-name {{ font-weight: 600; }} .step {{ display: inline-block; min-width: 1.6em;
  border-radius: 1em; background: #e8edf3; text-align: center; font-size: 0.85em; }}
.tp-meta, .muted {{ color: #555; font-size: 0.85em; }} .marks {{ color: {theme.TRAFFIC['amber']}; }}
.light {{ font-size: 1.2em; }}
.curve {{ margin-top: 4mm; }}
.legend {{ margin-top: 2mm; display: flex; flex-wrap: wrap; gap: 6mm; font-size: 0.95em; }}
.dash {{ display: inline-block; width: 10mm; border-top: 2px dashed {theme.TARGET};
  vertical-align: middle; }} .dash.best {{ border-top: 2px dotted {theme.BEST_IN_CLASS}; }}
footer {{ margin-top: 3mm; color: #666; font-size: 0.85em; }}
</style></head><body>
<header><div><h1>{escape(journey['name'])}</h1>
<div class="goal">{escape(journey.get('goal') or '')}</div>
<div class="goal">{escape(t('poster.persona', lang))}: {persona_html}</div></div>
<div class="meta">{score}<br>{escape(t('poster.period', lang))}: {escape(period)}<br>
{escape(t('poster.filters', lang))}: {escape(meta['filters'])}</div></header>
<div class="map">{''.join(columns)}</div>
<div class="curve">{curve}</div>
<div class="legend"><strong>{escape(t('poster.legend', lang))}:</strong> {legend}</div>
<footer>cxdash · {escape(dt.datetime.now().strftime('%Y-%m-%d %H:%M'))}</footer>
</body></html>"""

