"""Every UI string in German and English, plus locale-aware number and date formatting."""

from __future__ import annotations

import datetime as dt
import math

from dashboard.config import LANGUAGES

DEFAULT_LANGUAGE = "en"

TEXTS: dict[str, dict[str, str]] = {
    "app.title": {"en": "cxdash", "de": "cxdash"},
    "app.tagline": {"en": "Customer experience along the journey",
                    "de": "Kundenerlebnis entlang der Journey"},
    "nav.overview": {"en": "Overview", "de": "Überblick"},
    "nav.language": {"en": "Language", "de": "Sprache"},
    "filter.journey": {"en": "Journey", "de": "Journey"},
    "filter.persona": {"en": "Persona", "de": "Persona"},
    "filter.phase": {"en": "Phase", "de": "Phase"},
    "filter.channel": {"en": "Channel", "de": "Kanal"},
    "filter.department": {"en": "Department", "de": "Abteilung"},
    "filter.date": {"en": "Period", "de": "Zeitraum"},
    "filter.all": {"en": "All", "de": "Alle"},
    "filter.reset": {"en": "Reset filters", "de": "Filter zurücksetzen"},
    "overview.title": {"en": "Overview", "de": "Überblick"},
    "overview.period": {"en": "{start} – {end}, compared with {pstart} – {pend}",
                        "de": "{start} – {end}, verglichen mit {pstart} – {pend}"},
    "overview.period_open": {"en": "All data", "de": "Alle Daten"},
    "overview.trend": {"en": "Weekly trend", "de": "Wöchentlicher Verlauf"},
    "overview.trend_help": {
        "en": "Shaded: the selected period. Hollow points: fewer than {n} answers that week.",
        "de": "Schattiert: der gewählte Zeitraum. Hohle Punkte: weniger als {n} Antworten "
              "in der Woche."},
    "kpi.nps": {"en": "NPS", "de": "NPS"},
    "kpi.ces": {"en": "CES", "de": "CES"},
    "kpi.csat": {"en": "CSAT", "de": "CSAT"},
    "kpi.touchpoint_score": {"en": "Touchpoint performance", "de": "Touchpoint-Performance"},
    "kpi.journey_score": {"en": "Journey score", "de": "Journey-Score"},
    "kpi.audit_score": {"en": "Audit score", "de": "Audit-Score"},
    "kpi.nps_sub": {"en": "± {moe} (95 %) · {pro} % promoters, {det} % detractors",
                    "de": "± {moe} (95 %) · {pro} % Promotoren, {det} % Detraktoren"},
    "kpi.ces_sub": {"en": "mean of 1–7 · {easy} % easy (5–7)",
                    "de": "Mittelwert 1–7 · {easy} % leicht (5–7)"},
    "kpi.csat_sub": {"en": "top-2-box (4–5 of 5) · mean {mean}",
                     "de": "Top-2-Box (4–5 von 5) · Mittelwert {mean}"},
    "kpi.tp_sub": {"en": "mean audit score 1–10 · 95 % CI {low}–{high}",
                   "de": "mittlerer Audit-Score 1–10 · 95 %-KI {low}–{high}"},
    "kpi.journey_sub": {"en": "{tps} audited touchpoints · moments of truth ×2 · target {target}",
                        "de": "{tps} auditierte Touchpoints · Moments of Truth ×2 · Ziel {target}"},
    "kpi.n_responses": {"en": "n = {n} responses", "de": "n = {n} Antworten"},
    "kpi.n_audits": {"en": "n = {n} audits", "de": "n = {n} Audits"},
    "kpi.small_sample": {"en": "small sample", "de": "kleine Stichprobe"},
    "kpi.small_sample_help": {"en": "Fewer than {n} {what} behind this number: read it with care.",
                              "de": "Weniger als {n} {what} hinter dieser Zahl: mit Vorsicht "
                                    "lesen."},
    "kpi.responses": {"en": "responses", "de": "Antworten"},
    "kpi.audits": {"en": "audits", "de": "Audits"},
    "kpi.no_data": {"en": "no data", "de": "keine Daten"},
    "kpi.change": {"en": "{delta} vs previous period", "de": "{delta} ggü. Vorperiode"},
    "kpi.significant": {"en": "significant", "de": "signifikant"},
    "kpi.not_significant": {"en": "not significant", "de": "nicht signifikant"},
    "kpi.no_change": {"en": "no previous period to compare", "de": "keine Vorperiode zum Vergleich"},
    "kpi.points": {"en": "pts", "de": "Pkt."},
    "empty.database": {
        "en": "No data yet. Load the demo dataset with `cxdash demo`, or import your files with "
              "`cxdash import FILE --kind KIND` (see the README for the formats).",
        "de": "Noch keine Daten. Laden Sie den Demo-Datensatz mit `cxdash demo` oder importieren "
              "Sie Ihre Dateien mit `cxdash import DATEI --kind ART` (Formate im README)."},
    "empty.filters": {
        "en": "No data for these filters. Widen the period or remove a filter (journey, persona, "
              "phase, channel, department).",
        "de": "Keine Daten für diese Filter. Erweitern Sie den Zeitraum oder entfernen Sie einen "
              "Filter (Journey, Persona, Phase, Kanal, Abteilung)."},
    "notfound.title": {"en": "Page not found", "de": "Seite nicht gefunden"},
    "notfound.body": {"en": "There is no page at {path}.", "de": "Unter {path} gibt es keine Seite."},
    "notfound.home": {"en": "Back to the overview", "de": "Zurück zum Überblick"},
    "trend.week": {"en": "Week", "de": "Woche"},
    "trend.target": {"en": "Mean target", "de": "Mittleres Ziel"},
    "trend.band": {"en": "95 % interval", "de": "95 %-Intervall"},
}


def negotiate(accept_language: str | None) -> str:
    """Pick German or English from an Accept-Language header."""
    if not accept_language:
        return DEFAULT_LANGUAGE
    ranked = []
    for part in accept_language.split(","):
        tag, _, q = part.strip().partition(";q=")
        try:
            weight = float(q) if q else 1.0
        except ValueError:
            weight = 0.0
        ranked.append((weight, tag.strip().lower()[:2]))
    for _, lang in sorted(ranked, key=lambda r: -r[0]):
        if lang in LANGUAGES:
            return lang
    return DEFAULT_LANGUAGE


def t(key: str, lang: str, **values) -> str:
    """Translate a key; missing keys show themselves so they are noticed, never crash."""
    entry = TEXTS.get(key)
    text = key if entry is None else entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def number(value, lang: str, digits: int = 1, signed: bool = False) -> str:
    """Format a number with the language's decimal mark; '–' for missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:+,.{digits}f}" if signed else f"{value:,.{digits}f}"
    if lang == "de":
        text = text.replace(",", "\u2009").replace(".", ",")
    else:
        text = text.replace(",", "\u2009")
    return text.replace("-", "−")


def count(value, lang: str) -> str:
    """Format a count with thin-space thousands separators."""
    return number(value, lang, digits=0)


def date(value: dt.date | None, lang: str) -> str:
    """Format a date as dd.mm.yyyy (German) or d Mon yyyy (English)."""
    if value is None:
        return "–"
    if lang == "de":
        return value.strftime("%d.%m.%Y")
    return f"{value.day} {value:%b %Y}"
