"""Every UI string in German and English, plus locale-aware number and date formatting."""

from __future__ import annotations

import datetime as dt
import math

from dashboard.config import LANGUAGES
from data.ingest.messages import render as render_message

DEFAULT_LANGUAGE = "en"

TEXTS: dict[str, dict[str, str]] = {
    "app.title": {"en": "cxdash", "de": "cxdash"},
    "app.tagline": {"en": "Customer experience along the journey",
                    "de": "Kundenerlebnis entlang der Journey"},
    "nav.overview": {"en": "Overview", "de": "Überblick"},
    "nav.journey": {"en": "Journey map", "de": "Journey Map"},
    "nav.heatmap": {"en": "Heatmaps", "de": "Heatmaps"},
    "nav.benchmark": {"en": "Target vs best", "de": "Ziel vs. Best-in-Class"},
    "nav.mine": {"en": "My touchpoints", "de": "Meine Touchpoints"},
    "nav.atlas": {"en": "Atlas", "de": "Atlas"},
    "nav.personas": {"en": "Personas", "de": "Personas"},
    "light.green": {"en": "at or above target", "de": "Ziel erreicht"},
    "light.amber": {"en": "within 1 point below target", "de": "bis 1 Punkt unter Ziel"},
    "light.red": {"en": "more than 1 point below target", "de": "mehr als 1 Punkt unter Ziel"},
    "light.grey": {"en": "no data", "de": "keine Daten"},
    "overview.gaps": {"en": "Largest gaps to target", "de": "Größte Lücken zum Ziel"},
    "overview.movers": {"en": "Biggest movers (significant)", "de": "Größte Veränderungen (signifikant)"},
    "overview.fell_below": {"en": "Fell below target this period",
                            "de": "In diesem Zeitraum unter Ziel gefallen"},
    "overview.none_gap": {"en": "Every audited touchpoint meets its target.",
                          "de": "Alle auditierten Touchpoints erreichen ihr Ziel."},
    "overview.none_audits": {"en": "No audits in this period for these filters.",
                             "de": "Keine Audits in diesem Zeitraum für diese Filter."},
    "overview.none_mover": {"en": "No significant change against the previous period.",
                            "de": "Keine signifikante Veränderung ggü. der Vorperiode."},
    "overview.none_fell": {"en": "No touchpoint fell below its target.",
                           "de": "Kein Touchpoint ist unter sein Ziel gefallen."},
    "journey.title": {"en": "Journey map", "de": "Journey Map"},
    "journey.map": {"en": "Phases and touchpoints", "de": "Phasen und Touchpoints"},
    "journey.curve": {"en": "Emotion curve", "de": "Emotionskurve"},
    "journey.curve_axis": {"en": "Performance (1–10)", "de": "Performanz (1–10)"},
    "journey.curve_help": {
        "en": "Touchpoint performance along the steps with its 95 % band; dashed: target, "
              "dotted: best in class. Point shape and colour: ● at target, ◆ up to 1 point "
              "below, ✖ further below.",
        "de": "Touchpoint-Performanz entlang der Schritte mit 95 %-Band; gestrichelt: Ziel, "
              "gepunktet: Best-in-Class. Form und Farbe: ● Ziel erreicht, ◆ bis 1 Punkt "
              "darunter, ✖ weiter darunter."},
    "journey.several": {
        "en": "{n} journeys are selected; the map shows one at a time: {shown}. "
              "Click another above to switch ({others}).",
        "de": "{n} Journeys sind ausgewählt; die Karte zeigt jeweils eine: {shown}. "
              "Oben eine andere anklicken, um zu wechseln ({others})."},
    "journey.lanes.none": {"en": "No swimlanes", "de": "Ohne Swimlanes"},
    "journey.lanes.channel": {"en": "Lanes by channel", "de": "Swimlanes nach Kanal"},
    "journey.lanes.department": {"en": "Lanes by department", "de": "Swimlanes nach Abteilung"},
    "journey.target": {"en": "Target", "de": "Ziel"},
    "journey.best": {"en": "Best in class", "de": "Best-in-Class"},
    "journey.gap": {"en": "Gap to target", "de": "Lücke zum Ziel"},
    "journey.pain": {"en": "Pain point", "de": "Pain Point"},
    "journey.mot": {"en": "Moment of truth", "de": "Moment of Truth"},
    "journey.audited": {"en": "{n} of {total} touchpoints audited",
                        "de": "{n} von {total} Touchpoints auditiert"},
    "heatmap.title": {"en": "Heatmaps", "de": "Heatmaps"},
    "heatmap.phase_channel": {"en": "Phase × channel", "de": "Phase × Kanal"},
    "heatmap.touchpoint_week": {"en": "Touchpoint × week", "de": "Touchpoint × Woche"},
    "heatmap.help_cells": {
        "en": "Each cell: value and n. Faded: small sample (fewer than 5 audits or 30 responses). Click a cell to filter to "
              "that phase and channel.",
        "de": "Jede Zelle: Wert und n. Blass: kleine Stichprobe (unter 5 Audits bzw. 30 Antworten). Klick auf eine "
              "Zelle filtert auf Phase und Kanal."},
    "heatmap.help_weeks": {
        "en": "The last 12 weeks (or the selected period, if longer). Point at a cell for its "
              "value and n; faded: small sample. Click a cell to open the touchpoint for that "
              "week.",
        "de": "Die letzten 12 Wochen (oder der gewählte Zeitraum, wenn länger). Zeigen Sie auf "
              "eine Zelle für Wert und n; blass: kleine Stichprobe. Klick auf eine Zelle öffnet "
              "den Touchpoint für diese Woche."},
    "heatmap.metric.audit": {"en": "Audit score", "de": "Audit-Score"},
    "heatmap.metric.nps": {"en": "NPS", "de": "NPS"},
    "heatmap.metric.ces": {"en": "CES", "de": "CES"},
    "heatmap.metric.gap": {"en": "Gap to target", "de": "Lücke zum Ziel"},
    "benchmark.title": {"en": "Target vs best in class", "de": "Ziel vs. Best-in-Class"},
    "benchmark.chart": {"en": "Actual, target and best in class",
                        "de": "Ist, Ziel und Best-in-Class"},
    "benchmark.table": {"en": "The numbers", "de": "Die Zahlen"},
    "benchmark.help": {
        "en": "Largest shortfall first. Pale bar: best in class; coloured bar: actual; "
              "tick: target.",
        "de": "Größter Rückstand zuerst. Heller Balken: Best-in-Class; farbiger Balken: Ist; "
              "Strich: Ziel."},
    "benchmark.actual": {"en": "Actual", "de": "Ist"},
    "benchmark.sort_hint": {"en": "Sort by this column (click again: descending, a third time: "
                                  "largest shortfall first)",
                            "de": "Nach dieser Spalte sortieren (nochmals: absteigend, ein "
                                  "drittes Mal: größter Rückstand zuerst)"},
    "benchmark.perspective.all": {"en": "All audits", "de": "Alle Audits"},
    "benchmark.perspective.customer": {"en": "Customer view", "de": "Kundensicht"},
    "benchmark.perspective.employee": {"en": "Employee view", "de": "Mitarbeitersicht"},
    "benchmark.perspective.expert": {"en": "Expert view", "de": "Expertensicht"},
    "benchmark.inside_out": {"en": "Outside-in vs inside-out",
                             "de": "Outside-in vs. Inside-out"},
    "benchmark.score_axis": {"en": "Score (1–10)", "de": "Score (1–10)"},
    "benchmark.inside_out_help": {
        "en": "Customer and employee scores of the same touchpoints, the largest differences "
              "first: where the company sees itself better than its customers do.",
        "de": "Kunden- und Mitarbeiterbewertung derselben Touchpoints, größte Unterschiede "
              "zuerst: wo sich das Unternehmen besser sieht als seine Kunden."},
    "benchmark.no_perspectives": {
        "en": "No touchpoint has both customer and employee audits for these filters.",
        "de": "Kein Touchpoint hat für diese Filter Kunden- und Mitarbeiter-Audits."},
    "benchmark.col.touchpoint": {"en": "Touchpoint", "de": "Touchpoint"},
    "benchmark.col.dept": {"en": "Dept.", "de": "Abt."},
    "benchmark.col.gap_target": {"en": "Gap to target", "de": "Lücke Ziel"},
    "benchmark.col.gap_best": {"en": "Gap to best", "de": "Lücke Best"},
    "touchpoint.unknown": {"en": "There is no touchpoint {key}.",
                           "de": "Es gibt keinen Touchpoint {key}."},
    "touchpoint.history": {"en": "Score by week", "de": "Score je Woche"},
    "touchpoint.history_help": {
        "en": "Weekly mean audit score with its 95 % band over the last year; shaded: the "
              "selected period; hollow points: fewer than 5 audits.",
        "de": "Wöchentlicher mittlerer Audit-Score mit 95 %-Band über das letzte Jahr; "
              "schattiert: der gewählte Zeitraum; hohle Punkte: weniger als 5 Audits."},
    "touchpoint.attributes": {"en": "Attributes", "de": "Eigenschaften"},
    "touchpoint.perspectives": {"en": "Customer vs employee", "de": "Kunde vs. Mitarbeiter"},
    "touchpoint.questions": {"en": "Audit questions", "de": "Audit-Fragen"},
    "touchpoint.surveys": {"en": "Survey responses", "de": "Befragungen"},
    "touchpoint.web": {"en": "Web analytics", "de": "Web-Analytics"},
    "touchpoint.comments": {"en": "Comments", "de": "Kommentare"},
    "touchpoint.no_web": {"en": "No web metrics for this touchpoint's URL in this period.",
                          "de": "Keine Web-Kennzahlen zur URL dieses Touchpoints im Zeitraum."},
    "touchpoint.survey_trends": {"en": "NPS, CES and CSAT by week",
                                 "de": "NPS, CES und CSAT je Woche"},
    "touchpoint.survey_trends_help": {
        "en": "Survey responses linked to this touchpoint (and the persona filter), weekly "
              "over the same year as the audit scores, with the 95 % band; shaded: the "
              "selected period; hollow points: fewer than {n} responses. CSAT: top-2-box %.",
        "de": "Befragungsantworten zu diesem Touchpoint (und zum Persona-Filter), wöchentlich "
              "über dasselbe Jahr wie die Audit-Scores, mit 95 %-Band; schattiert: der gewählte "
              "Zeitraum; hohle Punkte: weniger als {n} Antworten. CSAT: Top-2-Box in %."},
    "touchpoint.no_survey_trends": {
        "en": "No NPS, CES or CSAT responses are linked to this touchpoint in these 52 weeks "
              "(for this persona).",
        "de": "In diesen 52 Wochen sind diesem Touchpoint keine NPS-, CES- oder CSAT-Antworten "
              "zugeordnet (für diese Persona)."},
    "touchpoint.no_metric_trend": {"en": "No {metric} responses in these 52 weeks.",
                                   "de": "Keine {metric}-Antworten in diesen 52 Wochen."},
    "comments.search": {"en": "Search comments", "de": "Kommentare durchsuchen"},
    "comments.group.all": {"en": "Every score", "de": "Alle Bewertungen"},
    "comments.group.negative": {"en": "negative", "de": "negativ"},
    "comments.group.neutral": {"en": "neutral", "de": "neutral"},
    "comments.group.positive": {"en": "positive", "de": "positiv"},
    "comments.groups_help": {
        "en": "Negative / neutral / positive: NPS 0–6 / 7–8 / 9–10 (detractors, passives, "
              "promoters) · CES 1–3 / 4 / 5–7 · CSAT 1–2 / 3 / 4–5 · audit below 5 / 5–7.5 / "
              "8 and above.",
        "de": "Negativ / neutral / positiv: NPS 0–6 / 7–8 / 9–10 (Kritiker, Passive, "
              "Promotoren) · CES 1–3 / 4 / 5–7 · CSAT 1–2 / 3 / 4–5 · Audit unter 5 / 5–7,5 / "
              "ab 8."},
    "comments.source.all": {"en": "All sources", "de": "Alle Quellen"},
    "comments.source.survey": {"en": "All surveys", "de": "Alle Befragungen"},
    "comments.source.nps": {"en": "NPS survey", "de": "NPS-Befragung"},
    "comments.source.ces": {"en": "CES survey", "de": "CES-Befragung"},
    "comments.source.csat": {"en": "CSAT survey", "de": "CSAT-Befragung"},
    "comments.source.audit": {"en": "All audits", "de": "Alle Audits"},
    "comments.source.customer": {"en": "Audit: customer view", "de": "Audit: Kundensicht"},
    "comments.source.employee": {"en": "Audit: employee view",
                                 "de": "Audit: Mitarbeitersicht"},
    "comments.source.expert": {"en": "Audit: expert view", "de": "Audit: Expertensicht"},
    "comments.scale.nps": {"en": "NPS answer, 0–10", "de": "NPS-Antwort, 0–10"},
    "comments.scale.ces": {"en": "CES answer, 1–7 (7 = least effort)",
                           "de": "CES-Antwort, 1–7 (7 = geringster Aufwand)"},
    "comments.scale.csat": {"en": "CSAT answer, 1–5", "de": "CSAT-Antwort, 1–5"},
    "comments.scale.audit": {"en": "Audit score, 1–10", "de": "Audit-Score, 1–10"},
    "comments.none": {"en": "No comments on this touchpoint in this period.",
                      "de": "Keine Kommentare zu diesem Touchpoint in diesem Zeitraum."},
    "comments.none_found": {"en": "No comment matches the search and the choices above.",
                            "de": "Kein Kommentar passt zur Suche und zur Auswahl oben."},
    "comments.prev": {"en": "Newer", "de": "Neuere"},
    "comments.next": {"en": "Older", "de": "Ältere"},
    "comments.range": {"en": "{first}–{last} of {total}", "de": "{first}–{last} von {total}"},
    "comments.range_none": {"en": "no comments", "de": "keine Kommentare"},
    "comments.export_help": {
        "en": "Download every comment that matches (not only this page)",
        "de": "Alle passenden Kommentare herunterladen (nicht nur diese Seite)"},
    "comments.export_cut": {
        "en": "Downloads hold the newest {limit} of these comments.",
        "de": "Downloads enthalten die neuesten {limit} dieser Kommentare."},
    "comments.act": {"en": "Start an action", "de": "Maßnahme starten"},
    "comments.act_help": {
        "en": "Opens the action form with this comment as its origin",
        "de": "Öffnet das Maßnahmen-Formular mit diesem Kommentar als Anlass"},
    "overview.act": {"en": "Act", "de": "Handeln"},
    "overview.act_help": {
        "en": "Open this touchpoint with the form for a new action",
        "de": "Diesen Touchpoint mit dem Formular für eine neue Maßnahme öffnen"},
    "benchmark.col.act": {"en": "Action", "de": "Maßnahme"},
    "touchpoint.sessions": {"en": "sessions", "de": "Sitzungen"},
    "touchpoint.conversion": {"en": "conversion", "de": "Conversion"},
    "touchpoint.bounce": {"en": "bounces", "de": "Absprünge"},
    "touchpoint.url": {"en": "URL", "de": "URL"},
    "touchpoint.media_type": {"en": "Media type", "de": "Medientyp"},
    "touchpoint.frequency": {"en": "Frequency", "de": "Frequenz"},
    "touchpoint.perception": {"en": "Perception", "de": "Wahrnehmung"},
    "touchpoint.reach": {"en": "Reach", "de": "Reichweite"},
    "touchpoint.acceptance_criteria": {"en": "Acceptance criteria", "de": "Akzeptanzkriterien"},
    "touchpoint.notes": {"en": "Notes", "de": "Notizen"},
    "touchpoint.source.customer": {"en": "audit (customer)", "de": "Audit (Kunde)"},
    "touchpoint.source.employee": {"en": "audit (employee)", "de": "Audit (Mitarbeiter)"},
    "touchpoint.source.expert": {"en": "audit (expert)", "de": "Audit (Experte)"},
    "touchpoint.source.nps": {"en": "NPS survey", "de": "NPS-Befragung"},
    "touchpoint.source.ces": {"en": "CES survey", "de": "CES-Befragung"},
    "touchpoint.source.csat": {"en": "CSAT survey", "de": "CSAT-Befragung"},
    "mine.title": {"en": "My touchpoints", "de": "Meine Touchpoints"},
    "mine.pick": {"en": "Choose your department (or set it in the department filter above):",
                  "de": "Wählen Sie Ihre Abteilung (oder im Abteilungsfilter oben):"},
    "mine.below_count": {"en": "{n} touchpoints below target", "de": "{n} Touchpoints unter Ziel"},
    "mine.summary": {
        "en": "{total} touchpoints, {audited} audited in this period: {below} below target, "
              "{worse} significantly worse and {better} significantly better than the "
              "previous period. Worst first.",
        "de": "{total} Touchpoints, {audited} im Zeitraum auditiert: {below} unter Ziel, "
              "{worse} signifikant schlechter und {better} signifikant besser als in der "
              "Vorperiode. Schlechteste zuerst."},
    "mine.change": {"en": "Change", "de": "Veränderung"},
    "mine.trend": {"en": "12 weeks", "de": "12 Wochen"},
    "atlas.title": {"en": "Journey atlas", "de": "Journey-Atlas"},
    "atlas.help": {
        "en": "All journeys along the customer lifecycle, ranked by their gap to target: "
              "the suboptimal journeys come first.",
        "de": "Alle Journeys entlang des Kundenlebenszyklus, sortiert nach Lücke zum Ziel: "
              "suboptimale Journeys zuerst."},
    "atlas.rank": {"en": "#", "de": "#"},
    "atlas.stage": {"en": "Lifecycle", "de": "Lebenszyklus"},
    "atlas.audits": {"en": "Audits", "de": "Audits"},
    "atlas.weakest": {"en": "Weakest touchpoints", "de": "Schwächste Touchpoints"},
    "personas.title": {"en": "Personas", "de": "Personas"},
    "personas.goals": {"en": "Goals", "de": "Ziele"},
    "personas.journeys": {"en": "Journeys", "de": "Journeys"},
    "personas.select": {"en": "Filter by this persona", "de": "Nach dieser Persona filtern"},
    "personas.selected": {"en": "Selected – remove filter", "de": "Ausgewählt – Filter entfernen"},
    "nav.data": {"en": "Data", "de": "Daten"},
    "data.title": {"en": "Data imports", "de": "Datenimport"},
    "data.step_file": {"en": "1 · File", "de": "1 · Datei"},
    "data.step_mapping": {"en": "2 · Columns", "de": "2 · Spalten"},
    "data.step_check": {"en": "3 · Check and import", "de": "3 · Prüfen und importieren"},
    "data.drop": {"en": "Drop an export here (CSV, TSV, TXT or XLSX) or",
                  "de": "Export hierher ziehen (CSV, TSV, TXT oder XLSX) oder"},
    "data.choose": {"en": "choose a file", "de": "Datei auswählen"},
    "data.kind": {"en": "What is in it", "de": "Inhalt"},
    "data.kind.nps": {"en": "NPS", "de": "NPS"},
    "data.kind.ces": {"en": "CES", "de": "CES"},
    "data.kind.csat": {"en": "CSAT", "de": "CSAT"},
    "data.kind.audit": {"en": "Audits", "de": "Audits"},
    "data.kind.web": {"en": "Web analytics", "de": "Web-Analytics"},
    "data.kind.catalog": {"en": "Catalog", "de": "Katalog"},
    "data.preset": {"en": "Format", "de": "Format"},
    "data.preset.auto": {"en": "detect automatically", "de": "automatisch erkennen"},
    "data.source": {"en": "Saved source", "de": "Gespeicherte Quelle"},
    "data.source_none": {"en": "none – a new file", "de": "keine – neue Datei"},
    "data.save_source": {"en": "Save this mapping as", "de": "Zuordnung speichern als"},
    "data.date": {"en": "Date for files without one", "de": "Datum für Dateien ohne Datum"},
    "data.skip_invalid": {"en": "Import the valid rows, list the invalid ones",
                          "de": "Gültige Zeilen importieren, ungültige auflisten"},
    "data.ces_reversed": {"en": "This source scores CES with 1 = least effort",
                          "de": "Diese Quelle misst CES mit 1 = geringster Aufwand"},
    "data.waiting": {"en": "Upload a file to see its columns.",
                     "de": "Laden Sie eine Datei hoch, um ihre Spalten zu sehen."},
    "data.detected": {"en": "format {preset}, {encoding}, delimiter {delimiter}",
                      "de": "Format {preset}, {encoding}, Trennzeichen {delimiter}"},
    "data.mapping_help": {"en": "The proposed columns; change any of them.",
                          "de": "Die vorgeschlagenen Spalten; jede lässt sich ändern."},
    "data.unmapped": {"en": "not in the file", "de": "nicht in der Datei"},
    "data.field.date": {"en": "Date", "de": "Datum"},
    "data.field.score": {"en": "Score", "de": "Bewertung"},
    "data.field.response_id": {"en": "Response id", "de": "Antwort-ID"},
    "data.field.journey": {"en": "Journey", "de": "Journey"},
    "data.field.touchpoint": {"en": "Touchpoint", "de": "Touchpoint"},
    "data.field.persona": {"en": "Persona", "de": "Persona"},
    "data.field.channel": {"en": "Channel", "de": "Kanal"},
    "data.field.comment": {"en": "Comment", "de": "Kommentar"},
    "data.field.perspective": {"en": "Perspective", "de": "Perspektive"},
    "data.field.question": {"en": "Question", "de": "Frage"},
    "data.field.url": {"en": "Page URL", "de": "Seiten-URL"},
    "data.field.sessions": {"en": "Sessions", "de": "Sitzungen"},
    "data.field.conversions": {"en": "Conversions", "de": "Conversions"},
    "data.field.bounces": {"en": "Bounces", "de": "Absprünge"},
    "data.field.bounce_rate": {"en": "Bounce rate", "de": "Absprungrate"},
    "data.field.time_on_page_s": {"en": "Time on page (s)", "de": "Verweildauer (s)"},
    "data.valid": {"en": "{n} rows to import", "de": "{n} Zeilen zum Import"},
    "data.valid.one": {"en": "{n} row to import", "de": "{n} Zeile zum Import"},
    "data.skipped": {"en": "{n} without answer", "de": "{n} ohne Antwort"},
    "data.skipped_other": {"en": "{n} other rows skipped", "de": "{n} weitere übersprungen"},
    "data.skipped_other.one": {"en": "{n} other row skipped", "de": "{n} weitere übersprungen"},
    "data.duplicates": {"en": "{n} already stored", "de": "{n} schon gespeichert"},
    "data.invalid": {"en": "{n} invalid", "de": "{n} ungültig"},
    "data.ready": {"en": "Ready: {n} rows can be imported in one step.",
                   "de": "Bereit: {n} Zeilen können in einem Schritt importiert werden."},
    "data.ready.one": {"en": "Ready: {n} row can be imported in one step.",
                       "de": "Bereit: {n} Zeile kann in einem Schritt importiert werden."},
    "data.nothing": {"en": "Nothing to import: no row of this file can be stored.",
                     "de": "Nichts zu importieren: keine Zeile dieser Datei lässt sich speichern."},
    "data.rejected": {"en": "{n} problems – the file is not imported until they are fixed:",
                      "de": "{n} Probleme – die Datei wird erst importiert, wenn sie behoben sind:"},
    "data.rejected.one": {"en": "{n} problem – the file is not imported until it is fixed:",
                          "de": "{n} Problem – die Datei wird erst importiert, wenn es behoben ist:"},
    "data.more_problems": {"en": "… and {n} more (download them as CSV)",
                           "de": "… und {n} weitere (als CSV herunterladen)"},
    "data.unknown_labels": {"en": "Labels the catalog does not know – map each to an entry:",
                            "de": "Bezeichnungen, die der Katalog nicht kennt – ordnen Sie jede zu:"},
    "data.label_rows": {"en": "{dimension} · rows {rows}", "de": "{dimension} · Zeilen {rows}"},
    "data.alias_pick": {"en": "choose the catalog entry", "de": "Katalogeintrag wählen"},
    "data.alias_help": {"en": "Then press “Check again”; the choice is remembered for next time.",
                        "de": "Dann „Erneut prüfen“ drücken; die Zuordnung wird gemerkt."},
    "data.sample": {"en": "First rows as they will be stored",
                    "de": "Erste Zeilen, wie sie gespeichert werden"},
    "data.recheck": {"en": "Check again", "de": "Erneut prüfen"},
    "data.problems_csv": {"en": "Problems as CSV", "de": "Probleme als CSV"},
    "data.confirm": {"en": "Import", "de": "Importieren"},
    "data.importing": {"en": "Importing …", "de": "Import läuft …"},
    "data.imported": {"en": "Imported {n} rows as batch {batch} ({skipped} skipped).",
                      "de": "{n} Zeilen als Batch {batch} importiert ({skipped} übersprungen)."},
    "data.imported.one": {"en": "Imported {n} row as batch {batch} ({skipped} skipped).",
                          "de": "{n} Zeile als Batch {batch} importiert ({skipped} übersprungen)."},
    "data.skipped_split": {"en": "Skipped: {parts}.", "de": "Übersprungen: {parts}."},
    "data.other": {"en": "{n} other", "de": "{n} weitere"},
    "data.not_imported": {"en": "Nothing was imported:", "de": "Nichts wurde importiert:"},
    "data.upload_gone": {"en": "The upload has expired; please upload the file again.",
                         "de": "Der Upload ist abgelaufen; bitte laden Sie die Datei erneut hoch."},
    "data.history": {"en": "Import history", "de": "Importverlauf"},
    "data.no_history": {"en": "No imports yet.", "de": "Noch keine Importe."},
    "data.col.batch": {"en": "Batch", "de": "Batch"},
    "data.col.when": {"en": "When", "de": "Wann"},
    "data.col.who": {"en": "Who", "de": "Wer"},
    "data.col.file": {"en": "File", "de": "Datei"},
    "data.col.kind": {"en": "Kind", "de": "Art"},
    "data.col.rows": {"en": "Rows / skipped", "de": "Zeilen / übersprungen"},
    "data.col.status": {"en": "Status", "de": "Status"},
    "data.col.action": {"en": "", "de": ""},
    "data.status.committed": {"en": "imported", "de": "importiert"},
    "data.status.undone": {"en": "undone", "de": "rückgängig gemacht"},
    "data.undone_by": {"en": "undone by {who} on {when}",
                       "de": "rückgängig gemacht von {who} am {when}"},
    "data.undo": {"en": "Undo", "de": "Rückgängig"},
    "data.undo_confirm": {"en": "Undo batch {batch}? Its {n} rows will be removed.",
                          "de": "Batch {batch} rückgängig machen? Seine {n} Zeilen werden entfernt."},
    "data.undo_confirm.one": {"en": "Undo batch {batch}? Its {n} row will be removed.",
                              "de": "Batch {batch} rückgängig machen? Seine {n} Zeile wird entfernt."},
    "data.undone": {"en": "Batch {batch} undone: {n} rows removed.",
                    "de": "Batch {batch} rückgängig gemacht: {n} Zeilen entfernt."},
    "data.undone.one": {"en": "Batch {batch} undone: {n} row removed.",
                        "de": "Batch {batch} rückgängig gemacht: {n} Zeile entfernt."},
    "nav.language": {"en": "Language", "de": "Sprache"},
    "filter.journey": {"en": "Journey", "de": "Journey"},
    "filter.persona": {"en": "Persona", "de": "Persona"},
    "filter.phase": {"en": "Phase", "de": "Phase"},
    "filter.channel": {"en": "Channel", "de": "Kanal"},
    "filter.department": {"en": "Department", "de": "Abteilung"},
    "filter.date": {"en": "Period", "de": "Zeitraum"},
    "preset.label": {"en": "Compare:", "de": "Vergleich:"},
    "preset.week": {"en": "Last week", "de": "Letzte Woche"},
    "preset.week_help": {"en": "The last complete week (Mon–Sun) against the week before",
                         "de": "Die letzte vollständige Woche (Mo–So) ggü. der Woche davor"},
    "preset.4w": {"en": "Last 4 weeks", "de": "Letzte 4 Wochen"},
    "preset.4w_help": {"en": "The last 28 days of data against the 28 days before",
                       "de": "Die letzten 28 Tage mit Daten ggü. den 28 Tagen davor"},
    "preset.quarter": {"en": "Last quarter", "de": "Letztes Quartal"},
    "preset.quarter_help": {"en": "The last complete calendar quarter against the one before",
                            "de": "Das letzte vollständige Kalenderquartal ggü. dem davor"},
    "preset.ytd": {"en": "Year to date", "de": "Jahr bis heute"},
    "preset.ytd_help": {"en": "From 1 January to the newest data, against as many days before",
                        "de": "Vom 1. Januar bis zu den neuesten Daten, ggü. ebenso vielen "
                              "Tagen davor"},
    "data.as_of": {"en": "Data as of {date}", "de": "Datenstand {date}"},
    "data.stale": {"en": "the newest data is {days} days old: import the latest exports",
                   "de": "die neuesten Daten sind {days} Tage alt: bitte aktuelle Exporte "
                         "importieren"},
    "filter.all": {"en": "All", "de": "Alle"},
    "filter.reset": {"en": "Reset filters", "de": "Filter zurücksetzen"},
    "filter.toggle": {"en": "Filters", "de": "Filter"},
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
    "kpi.tp_sub_no_ci": {"en": "mean audit score 1–10 · too few audits for an interval",
                         "de": "mittlerer Audit-Score 1–10 · zu wenige Audits für ein Intervall"},
    "kpi.no_prev_data": {"en": "no data in the previous period to compare",
                         "de": "keine Daten in der Vorperiode zum Vergleich"},
    "kpi.no_data_now": {"en": "nothing to compare in this period",
                        "de": "in diesem Zeitraum nichts zu vergleichen"},
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
    "kpi.too_few": {"en": "too few to tell", "de": "zu wenige Daten für eine Aussage"},
    "kpi.too_few_help": {"en": "Fewer than {responses} responses or {audits} audits in one of "
                                "the two periods: whether this change is real cannot be told.",
                         "de": "Weniger als {responses} Antworten oder {audits} Audits in einer "
                               "der beiden Perioden: ob die Veränderung echt ist, lässt sich "
                               "nicht sagen."},
    "legend.title": {"en": "Symbols", "de": "Symbole"},
    "legend.significant": {"en": "significant change (95 %; with fewer than 30 responses or 5 "
                                 "audits in a period: too few to tell)",
                           "de": "signifikante Veränderung (95 %; mit weniger als 30 Antworten "
                                 "oder 5 Audits in einer Periode: zu wenige Daten für eine "
                                 "Aussage)"},
    "legend.small": {"en": "small sample: fewer than 30 responses or 5 audits",
                     "de": "kleine Stichprobe: weniger als 30 Antworten oder 5 Audits"},
    "kpi.unchanged": {"en": "unchanged", "de": "unverändert"},
    "kpi.no_change": {"en": "no previous period to compare", "de": "keine Vorperiode zum Vergleich"},
    "kpi.points": {"en": "pts", "de": "Pkt."},
    "empty.database": {
        "en": "No data yet. Import your exports on the [Data](/data) page (or with "
              "`cxdash import FILE --kind KIND`), or load the demo dataset with `cxdash demo`.",
        "de": "Noch keine Daten. Importieren Sie Ihre Exporte auf der Seite [Daten](/data) (oder "
              "mit `cxdash import DATEI --kind ART`) oder laden Sie den Demo-Datensatz mit "
              "`cxdash demo`."},
    "empty.filters": {
        "en": "No data for these filters. Widen the period or remove a filter (journey, persona, "
              "phase, channel, department).",
        "de": "Keine Daten für diese Filter. Erweitern Sie den Zeitraum oder entfernen Sie einen "
              "Filter (Journey, Persona, Phase, Kanal, Abteilung)."},
    "empty.loosen": {"en": "Data comes back without one of these filters:",
                     "de": "Ohne einen dieser Filter gibt es wieder Daten:"},
    "empty.loosen_none": {"en": "No single filter explains it: reset the filters with ↺.",
                          "de": "Kein einzelner Filter ist der Grund: Filter mit ↺ zurücksetzen."},
    "empty.all_periods": {"en": "Period (show all data)", "de": "Zeitraum (alle Daten)"},
    "empty.touchpoint": {"en": "Touchpoint", "de": "Touchpoint"},
    "error.callback_title": {"en": "Something went wrong", "de": "Etwas ist schiefgelaufen"},
    "error.callback": {"en": "This part of the page could not be updated. The error has been "
                             "logged for the administrator; try again or reload the page.",
                       "de": "Dieser Teil der Seite konnte nicht aktualisiert werden. Der Fehler "
                             "wurde für die Administration protokolliert; versuchen Sie es "
                             "erneut oder laden Sie die Seite neu."},
    "notfound.title": {"en": "Page not found", "de": "Seite nicht gefunden"},
    "notfound.body": {"en": "There is no page at {path}.", "de": "Unter {path} gibt es keine Seite."},
    "notfound.home": {"en": "Back to the overview", "de": "Zurück zum Überblick"},
    "trend.no_data": {"en": "No data in these weeks for these filters.",
                      "de": "Keine Daten in diesen Wochen für diese Filter."},
    "trend.week": {"en": "Week", "de": "Woche"},
    "trend.target": {"en": "Mean target", "de": "Mittleres Ziel"},
    "trend.band": {"en": "95 % interval", "de": "95 %-Intervall"},
    "login.title": {"en": "Sign in", "de": "Anmelden"},
    "login.username": {"en": "User name", "de": "Benutzername"},
    "login.password": {"en": "Password", "de": "Passwort"},
    "login.submit": {"en": "Sign in", "de": "Anmelden"},
    "login.help": {"en": "No account? Ask your cxdash admin (cxdash users add).",
                   "de": "Kein Konto? Fragen Sie Ihre cxdash-Administration (cxdash users add)."},
    "login.failed": {"en": "User name or password is wrong.",
                     "de": "Benutzername oder Passwort ist falsch."},
    "login.too_many": {"en": "Too many failed attempts. Try again in {minutes} min.",
                       "de": "Zu viele Fehlversuche. Versuchen Sie es in {minutes} Min. erneut."},
    "role.viewer": {"en": "Viewer", "de": "Betrachter"},
    "role.owner": {"en": "Department owner", "de": "Abteilungsverantwortliche"},
    "role.analyst": {"en": "Analyst", "de": "Analyst"},
    "role.admin": {"en": "Admin", "de": "Admin"},
    "user.department": {"en": "Department: {department}", "de": "Abteilung: {department}"},
    "user.logout": {"en": "Sign out", "de": "Abmelden"},
    "user.password": {"en": "Change password", "de": "Passwort ändern"},
    "password.title": {"en": "Change your password", "de": "Eigenes Passwort ändern"},
    "password.current": {"en": "Current password", "de": "Aktuelles Passwort"},
    "password.new": {"en": "New password", "de": "Neues Passwort"},
    "password.confirm": {"en": "New password again", "de": "Neues Passwort wiederholen"},
    "password.submit": {"en": "Change password", "de": "Passwort ändern"},
    "password.done": {"en": "Your password is changed. Your other sessions have ended.",
                      "de": "Ihr Passwort ist geändert. Ihre anderen Sitzungen sind beendet."},
    "password.mismatch": {"en": "The two new passwords differ.",
                          "de": "Die beiden neuen Passwörter stimmen nicht überein."},
    "password.wrong": {"en": "The current password is wrong.",
                       "de": "Das aktuelle Passwort ist falsch."},
    "password.weak": {"en": "The new password needs at least {n} characters.",
                      "de": "Das neue Passwort braucht mindestens {n} Zeichen."},
    "password.same": {"en": "The new password must differ from the current one.",
                      "de": "Das neue Passwort muss sich vom aktuellen unterscheiden."},
    "password.session_only": {
        "en": "Only an account signed in with a password can change it here.",
        "de": "Nur ein mit Passwort angemeldetes Konto kann es hier ändern."},
    "password.back": {"en": "Back to the dashboard", "de": "Zurück zum Dashboard"},
    "nav.admin": {"en": "Users & audit", "de": "Benutzer & Protokoll"},
    "forbidden.title": {"en": "Not for your role", "de": "Nicht für Ihre Rolle"},
    "forbidden.body": {"en": "This page needs the role {role}. Ask an admin if you need it.",
                       "de": "Diese Seite braucht die Rolle {role}. Fragen Sie eine Admin, "
                             "wenn Sie sie brauchen."},
    "admin.title": {"en": "Users, tokens and audit trail",
                    "de": "Benutzer, Tokens und Protokoll"},
    "admin.users": {"en": "Users and roles", "de": "Benutzer und Rollen"},
    "admin.add_title": {"en": "Add a user", "de": "Benutzer anlegen"},
    "admin.edit_title": {"en": "Change a user", "de": "Benutzer ändern"},
    "admin.name": {"en": "Name", "de": "Name"},
    "admin.role": {"en": "Role", "de": "Rolle"},
    "admin.department": {"en": "Department", "de": "Abteilung"},
    "admin.password": {"en": "Password", "de": "Passwort"},
    "admin.new_password": {"en": "New password (optional)", "de": "Neues Passwort (optional)"},
    "admin.created": {"en": "Created", "de": "Angelegt"},
    "admin.last_used": {"en": "Last used", "de": "Zuletzt benutzt"},
    "admin.add": {"en": "Add", "de": "Anlegen"},
    "admin.save": {"en": "Save", "de": "Speichern"},
    "admin.delete": {"en": "Delete", "de": "Löschen"},
    "admin.delete_confirm": {"en": "Delete this user and their API tokens?",
                             "de": "Diesen Benutzer und seine API-Tokens löschen?"},
    "admin.user": {"en": "User", "de": "Benutzer"},
    "admin.unchanged": {"en": "unchanged", "de": "unverändert"},
    "admin.none": {"en": "none", "de": "keine"},
    "admin.tokens": {"en": "API tokens", "de": "API-Tokens"},
    "admin.token": {"en": "Token", "de": "Token"},
    "admin.token_name": {"en": "Token name (optional)", "de": "Token-Name (optional)"},
    "admin.token_create": {"en": "Create token", "de": "Token erzeugen"},
    "admin.token_revoke": {"en": "Revoke", "de": "Widerrufen"},
    "admin.revoke_confirm": {"en": "Revoke this token? Scripts using it stop working.",
                             "de": "Dieses Token widerrufen? Skripte, die es nutzen, "
                                   "funktionieren dann nicht mehr."},
    "admin.token_once": {"en": "Copy the token now; it is not shown again:",
                         "de": "Kopieren Sie das Token jetzt; es wird nicht wieder angezeigt:"},
    "admin.token_created": {"en": "Created a token for {name}.",
                            "de": "Token für {name} erzeugt."},
    "admin.token_revoked": {"en": "Revoked token {name}.", "de": "Token {name} widerrufen."},
    "admin.pick_user": {"en": "Pick a user first.", "de": "Wählen Sie zuerst einen Benutzer."},
    "admin.pick_token": {"en": "Pick a token first.", "de": "Wählen Sie zuerst ein Token."},
    "admin.added": {"en": "Added {name}.", "de": "{name} angelegt."},
    "admin.saved": {"en": "Saved {name}.", "de": "{name} gespeichert."},
    "admin.deleted": {"en": "Deleted {name}.", "de": "{name} gelöscht."},
    "admin.audit": {"en": "Audit trail", "de": "Protokoll"},
    "admin.when": {"en": "When (UTC)", "de": "Wann (UTC)"},
    "admin.actor": {"en": "Who", "de": "Wer"},
    "admin.action": {"en": "Action", "de": "Aktion"},
    "admin.target": {"en": "Object", "de": "Objekt"},
    "admin.detail": {"en": "Details", "de": "Details"},
    "admin.no_users": {"en": "No users.", "de": "Keine Benutzer."},
    "admin.no_tokens": {"en": "No API tokens.", "de": "Keine API-Tokens."},
    "admin.no_audit": {"en": "Nothing recorded yet.", "de": "Noch nichts protokolliert."},
    "report.title": {"en": "Weekly CX report {week}", "de": "CX-Wochenbericht {week}"},
    "report.data_age": {"en": "Data as of {date} ({days} days before today).",
                        "de": "Datenstand {date} ({days} Tage vor heute)."},
    "report.stale": {"en": "The newest data is more than a week old: import the latest exports.",
                     "de": "Die neuesten Daten sind älter als eine Woche: bitte die aktuellen "
                           "Exporte importieren."},
    "report.summary": {"en": "KPI summary", "de": "KPI-Überblick"},
    "report.sig_changes": {"en": "Significant changes vs the week before",
                           "de": "Signifikante Veränderungen ggü. der Vorwoche"},
    "report.sig_none": {"en": "none – every change is within the noise of the sample.",
                        "de": "keine – alle Veränderungen liegen im Rauschen der Stichprobe."},
    "report.no_sig_change": {"en": "no significant change", "de": "keine signifikante Änderung"},
    "report.col.kpi": {"en": "KPI", "de": "KPI"},
    "report.col.value": {"en": "Value", "de": "Wert"},
    "report.col.n": {"en": "n", "de": "n"},
    "report.col.change_prev": {"en": "Change vs previous week", "de": "Änderung ggü. Vorwoche"},
    "report.col.touchpoint": {"en": "Touchpoint", "de": "Touchpoint"},
    "report.col.department": {"en": "Department", "de": "Abteilung"},
    "report.col.score": {"en": "Score", "de": "Wert"},
    "report.col.change": {"en": "Change", "de": "Änderung"},
    "report.trend_nps": {"en": "NPS by week (95 % interval)", "de": "NPS je Woche (95 %-Intervall)"},
    "report.trend_audit": {"en": "Touchpoint score by week and mean target",
                           "de": "Touchpoint-Wert je Woche und mittleres Ziel"},
    "report.generated": {"en": "generated {when}", "de": "erstellt {when}"},
    "report.none_gaps": {"en": "No touchpoint below target.", "de": "Kein Touchpoint unter Ziel."},
    "report.none_movers": {"en": "No significant change.", "de": "Keine signifikante Änderung."},
    "report.none_fell": {"en": "None fell below target this week.",
                         "de": "Keiner ist diese Woche unter das Ziel gefallen."},
    "report.departments": {"en": "By department", "de": "Nach Abteilung"},
    "report.none_departments": {"en": "No audits this week.", "de": "Keine Audits in dieser Woche."},
    "report.dept_line": {"en": "{n} audited touchpoints, {below} below target",
                         "de": "{n} auditierte Touchpoints, {below} unter Ziel"},
    "report.footer": {"en": "cxdash · a change is significant when a 95 % test (Welch's t for "
                            "means, adjusted Wald for NPS and shares) rules out chance and "
                            "both weeks have at least 30 responses or 5 audits; otherwise it "
                            "is too few to tell.",
                      "de": "cxdash · Eine Veränderung gilt als signifikant, wenn ein 95 %-Test "
                            "(Welch-t für Mittelwerte, adjustiertes Wald für NPS und Anteile) "
                            "Zufall ausschließt und beide Wochen mindestens 30 Antworten oder "
                            "5 Audits haben; sonst gibt es zu wenige Daten für eine Aussage."},
    "export.menu": {"en": "Share & export", "de": "Teilen & Export"},
    "export.copy_link": {"en": "Copy link to this view", "de": "Link zu dieser Ansicht kopieren"},
    "export.csv": {"en": "Data as CSV", "de": "Daten als CSV"},
    "export.csv_de": {"en": "Data as CSV (German Excel: ; and decimal comma)",
                      "de": "Daten als CSV (deutsches Excel: ; und Dezimalkomma)"},
    "export.xlsx": {"en": "Data as Excel (XLSX)", "de": "Daten als Excel (XLSX)"},
    "export.png": {"en": "Charts as PNG", "de": "Diagramme als PNG"},
    "export.svg": {"en": "Charts as SVG", "de": "Diagramme als SVG"},
    "export.poster_a3": {"en": "Journey-map poster, A3 (PDF)", "de": "Journey-Map-Poster, A3 (PDF)"},
    "export.poster_a2": {"en": "Journey-map poster, A2 (PDF)", "de": "Journey-Map-Poster, A2 (PDF)"},
    "export.report_html": {"en": "Weekly report (HTML)", "de": "Wochenbericht (HTML)"},
    "export.report_pdf": {"en": "Weekly report (PDF)", "de": "Wochenbericht (PDF)"},
    "export.no_pdf": {"en": "PDF needs Chromium on the server (apt-get install chromium)",
                      "de": "PDF braucht Chromium auf dem Server (apt-get install chromium)"},
    "export.no_download": {"en": "this page has no data download",
                           "de": "diese Seite hat keinen Daten-Download"},
    "export.no_charts": {"en": "this page has no charts",
                         "de": "diese Seite hat keine Diagramme"},
    "export.copied": {"en": "Link copied", "de": "Link kopiert"},
    "poster.legend": {"en": "Legend", "de": "Legende"},
    "poster.curve": {"en": "Emotion curve: touchpoint scores along the journey",
                     "de": "Emotionskurve: Touchpoint-Werte entlang der Journey"},
    "poster.filters": {"en": "Filters", "de": "Filter"},
    "poster.period": {"en": "Period", "de": "Zeitraum"},
    "poster.persona": {"en": "Persona", "de": "Persona"},
    "poster.all_personas": {"en": "all personas", "de": "alle Personas"},
    "poster.all_data": {"en": "all data", "de": "alle Daten"},
}

# Actions and their effect.
TEXTS.update({
    "nav.actions": {"en": "Actions", "de": "Maßnahmen"},
    "actions.title": {"en": "Actions", "de": "Maßnahmen"},
    "actions.sort": {"en": "Sort by", "de": "Sortieren nach"},
    "actions.sort.due": {"en": "due date", "de": "Fälligkeit"},
    "actions.sort.status": {"en": "status", "de": "Status"},
    "actions.sort.touchpoint": {"en": "touchpoint", "de": "Touchpoint"},
    "actions.sort.owner": {"en": "owner", "de": "Verantwortlich"},
    "actions.sort.changed": {"en": "last changed", "de": "zuletzt geändert"},
    "actions.status.open": {"en": "open", "de": "offen"},
    "actions.status.in_progress": {"en": "in progress", "de": "in Arbeit"},
    "actions.status.done": {"en": "done", "de": "erledigt"},
    "actions.status.dropped": {"en": "dropped", "de": "verworfen"},
    "actions.overdue": {"en": "overdue", "de": "überfällig"},
    "actions.summary": {"en": "{total} actions · {open} open · {overdue} overdue · {done} done "
                              "in this period · {new} new in this period",
                        "de": "{total} Maßnahmen · {open} offen · {overdue} überfällig · "
                              "{done} in diesem Zeitraum erledigt · {new} neu in diesem "
                              "Zeitraum"},
    "pager.previous": {"en": "‹ Previous", "de": "‹ Zurück"},
    "pager.next": {"en": "Next ›", "de": "Weiter ›"},
    "pager.range": {"en": "{first}–{last} of {total}", "de": "{first}–{last} von {total}"},
    "pager.label": {"en": "Pages", "de": "Seiten"},
    "actions.none": {"en": "No actions for these filters.",
                     "de": "Keine Maßnahmen für diese Filter."},
    "actions.none_here": {"en": "No actions on this touchpoint yet.",
                          "de": "Noch keine Maßnahmen zu diesem Touchpoint."},
    "actions.whole_journey": {"en": "whole journey", "de": "ganze Journey"},
    "actions.changed": {"en": "Last change", "de": "Letzte Änderung"},
    "actions.new": {"en": "New action", "de": "Neue Maßnahme"},
    "actions.edit": {"en": "Edit", "de": "Bearbeiten"},
    "actions.save": {"en": "Save", "de": "Speichern"},
    "actions.cancel": {"en": "Cancel", "de": "Abbrechen"},
    "actions.form_title": {"en": "Action", "de": "Maßnahme"},
    "actions.owner_is": {"en": "Owner: {owner}", "de": "Verantwortlich: {owner}"},
    "actions.due_is": {"en": "due {due}", "de": "fällig {due}"},
    "actions.field.title": {"en": "Title", "de": "Titel"},
    "actions.field.description": {"en": "Description", "de": "Beschreibung"},
    "actions.field.owner": {"en": "Owner", "de": "Verantwortlich"},
    "actions.field.owner_user": {"en": "Owner (person)", "de": "Verantwortlich (Person)"},
    "actions.field.owner_department": {"en": "Owner (department)",
                                       "de": "Verantwortlich (Abteilung)"},
    "actions.field.due_date": {"en": "Due", "de": "Fällig"},
    "actions.field.status": {"en": "Status", "de": "Status"},
    "actions.field.touchpoint_key": {"en": "Touchpoint", "de": "Touchpoint"},
    "actions.field.journey_key": {"en": "Journey", "de": "Journey"},
    "actions.field.origin": {"en": "Origin", "de": "Anlass"},
    "actions.field.done_on": {"en": "Completion date", "de": "Erledigt am"},
    "actions.invalid": {"en": "Please check {field}: {reason}",
                        "de": "Bitte {field} prüfen: {reason}"},
    "actions.forbidden": {"en": "You may not change this action. {reason}",
                          "de": "Sie dürfen diese Maßnahme nicht ändern. {reason}"},
    "actions.missing": {"en": "This action no longer exists.",
                        "de": "Diese Maßnahme gibt es nicht mehr."},
    "actions.card_count": {"en": "{n} open actions", "de": "{n} offene Maßnahmen"},
    "actions.open_col": {"en": "Open actions", "de": "Offene Maßnahmen"},
    "actions.overdue_col": {"en": "overdue", "de": "überfällig"},
    "actions.overview": {"en": "Actions", "de": "Maßnahmen"},
    "actions.overview_overdue": {"en": "{n} overdue actions", "de": "{n} überfällige Maßnahmen"},
    "actions.overview_overdue.one": {"en": "{n} overdue action", "de": "{n} überfällige Maßnahme"},
    "actions.overview_done": {"en": "done this period", "de": "in diesem Zeitraum erledigt"},
    "actions.overview_link": {"en": "All actions", "de": "Alle Maßnahmen"},
    "effect.weeks": {"en": "Effect: weeks before/after", "de": "Wirkung: Wochen vorher/nachher"},
    "effect.too_early": {"en": "Did it work? Too early to tell: fewer than {weeks} weeks of "
                               "data after completion.",
                         "de": "Hat es gewirkt? Noch zu früh: weniger als {weeks} Wochen "
                               "Daten nach Abschluss."},
    "effect.no_data": {"en": "Did it work? No audits or linked responses around the "
                             "completion date.",
                       "de": "Hat es gewirkt? Keine Audits oder verknüpften Antworten um das "
                             "Abschlussdatum."},
    "effect.windows": {"en": "Did it work? {weeks} weeks before vs {weeks} weeks after {done}; "
                             "95 % intervals in brackets, * significant.",
                       "de": "Hat es gewirkt? {weeks} Wochen vor vs. {weeks} Wochen nach dem "
                             "{done}; 95-%-Intervalle in Klammern, * signifikant."},
    "effect.metric": {"en": "KPI", "de": "KPI"},
    "effect.before": {"en": "Before", "de": "Vorher"},
    "effect.after": {"en": "After", "de": "Nachher"},
    "effect.change": {"en": "Change", "de": "Veränderung"},
    "effect.others": {"en": "Other touchpoints of the journey", "de": "Übrige Touchpoints der Journey"},
    "effect.did": {"en": "Effect (difference in differences)",
                   "de": "Wirkung (Differenz der Differenzen)"},
    "effect.too_few": {"en": "too few to tell", "de": "zu wenige Daten"},
    "effect.not_significant": {"en": "not significant", "de": "nicht signifikant"},
    "report.actions": {"en": "Actions", "de": "Maßnahmen"},
    "report.actions_new": {"en": "New", "de": "Neu"},
    "report.actions_overdue": {"en": "Overdue", "de": "Überfällig"},
    "report.actions_done": {"en": "Done", "de": "Erledigt"},
    "report.actions_none": {"en": "none", "de": "keine"},
    "report.actions_measured": {"en": "Did it work? Measured this week (audit score)",
                                "de": "Hat es gewirkt? Diese Woche gemessen (Audit-Score)"},
    # Profile and report subscriptions
    "user.profile": {"en": "Profile & subscriptions", "de": "Profil & Abonnements"},
    "profile.title": {"en": "Your profile", "de": "Ihr Profil"},
    "profile.title_other": {"en": "Profile of {name}", "de": "Profil von {name}"},
    "profile.contact": {"en": "E-mail and language", "de": "E-Mail und Sprache"},
    "profile.contact_help": {"en": "Subscribed reports (and alerts) go to this address, in "
                                   "this language.",
                             "de": "Abonnierte Berichte (und Alarme) gehen an diese Adresse, in "
                                   "dieser Sprache."},
    "profile.email": {"en": "E-mail address", "de": "E-Mail-Adresse"},
    "profile.lang": {"en": "Language of mails", "de": "Sprache der E-Mails"},
    "profile.lang_default": {"en": "as the dashboard's default", "de": "wie die Voreinstellung"},
    "profile.save": {"en": "Save", "de": "Speichern"},
    "profile.saved": {"en": "Saved.", "de": "Gespeichert."},
    "profile.bad_email": {"en": "“{email}” is not an e-mail address.",
                          "de": "„{email}“ ist keine E-Mail-Adresse."},
    "profile.subscriptions": {"en": "Weekly report subscriptions",
                              "de": "Abonnements des Wochenberichts"},
    "profile.subscriptions_help": {
        "en": "Every Monday the weekly report of the week before comes by e-mail, one mail "
              "per subscription; each mail has a link to end it.",
        "de": "Jeden Montag kommt der Wochenbericht der Vorwoche per E-Mail, eine E-Mail je "
              "Abonnement; jede enthält einen Link zum Abbestellen."},
    "profile.no_subscriptions": {"en": "No subscriptions yet.", "de": "Noch keine Abonnements."},
    "profile.no_email": {"en": "Without an e-mail address the subscribed reports cannot reach "
                               "you: add one above.",
                         "de": "Ohne E-Mail-Adresse erreichen Sie die abonnierten Berichte "
                               "nicht: tragen Sie oben eine ein."},
    "profile.scope": {"en": "Report for", "de": "Bericht für"},
    "profile.place": {"en": "Journey or department", "de": "Journey oder Abteilung"},
    "profile.subscribe": {"en": "Subscribe", "de": "Abonnieren"},
    "profile.subscribed": {"en": "Subscribed: weekly report for {place}.",
                           "de": "Abonniert: Wochenbericht für {place}."},
    "profile.unsubscribe": {"en": "End", "de": "Beenden"},
    "profile.unsubscribed": {"en": "Ended: weekly report for {place}.",
                             "de": "Beendet: Wochenbericht für {place}."},
    "profile.exists": {"en": "You have this subscription already.",
                       "de": "Dieses Abonnement besteht schon."},
    "profile.pick_place": {"en": "Pick a journey or a department.",
                           "de": "Wählen Sie eine Journey oder eine Abteilung."},
    "profile.forbidden": {"en": "Only {name} or an admin may change this profile.",
                          "de": "Nur {name} oder ein Admin darf dieses Profil ändern."},
    "profile.no_user": {"en": "There is no user {name}.", "de": "Es gibt keinen Benutzer {name}."},
    "profile.col.place": {"en": "Report for", "de": "Bericht für"},
    "profile.col.since": {"en": "Since", "de": "Seit"},
    "profile.col.last_sent": {"en": "Last sent", "de": "Zuletzt gesendet"},
    "profile.never": {"en": "not yet", "de": "noch nie"},
    "sub.kind.all": {"en": "Everything", "de": "Alles"},
    "sub.kind.journey": {"en": "A journey", "de": "Eine Journey"},
    "sub.kind.department": {"en": "A department", "de": "Eine Abteilung"},
    "sub.scope.all": {"en": "everything", "de": "alles"},
    "sub.scope.journey": {"en": "journey {name}", "de": "Journey {name}"},
    "sub.scope.department": {"en": "department {name}", "de": "Abteilung {name}"},
    "sub.mail_why": {"en": "You receive this report because you subscribed to it ({place}).",
                     "de": "Sie erhalten diesen Bericht, weil Sie ihn abonniert haben ({place})."},
    "sub.mail_unsubscribe": {"en": "Unsubscribe", "de": "Abbestellen"},
    "sub.mail_manage": {"en": "Manage your subscriptions", "de": "Abonnements verwalten"},
    "unsub.title": {"en": "Unsubscribe", "de": "Abbestellen"},
    "unsub.question": {"en": "Stop sending the weekly report for {place} to {email}?",
                       "de": "Den Wochenbericht für {place} nicht mehr an {email} senden?"},
    "unsub.submit": {"en": "Unsubscribe", "de": "Abbestellen"},
    "unsub.done": {"en": "Done: the weekly report for {place} will not be sent to you any more.",
                   "de": "Erledigt: Der Wochenbericht für {place} wird Ihnen nicht mehr "
                         "gesendet."},
    "unsub.invalid_title": {"en": "Link not valid", "de": "Link ungültig"},
    "unsub.invalid": {"en": "This unsubscribe link is not valid (any more): the subscription "
                            "may have ended already. Signed in, you manage your subscriptions "
                            "on your profile page.",
                      "de": "Dieser Abbestell-Link ist nicht (mehr) gültig: Das Abonnement ist "
                            "vielleicht schon beendet. Angemeldet verwalten Sie Ihre "
                            "Abonnements auf Ihrer Profilseite."},
    "unsub.manage": {"en": "Your profile and subscriptions", "de": "Ihr Profil und Ihre Abonnements"},
    "admin.subscriptions": {"en": "Report subscriptions", "de": "Berichts-Abonnements"},
    "admin.no_subscriptions": {"en": "Nobody has subscribed yet.",
                               "de": "Noch niemand hat abonniert."},
    "admin.email": {"en": "E-mail", "de": "E-Mail"},
    "admin.lang": {"en": "Language", "de": "Sprache"},
    "admin.manage_profile": {"en": "Manage a user's subscriptions and address:",
                             "de": "Abonnements und Adresse eines Benutzers verwalten:"},

    # audit rounds
    "audits.title": {"en": "Audit rounds", "de": "Audit-Runden"},
    "audits.my": {"en": "My audits", "de": "Meine Audits"},
    "audits.mine": {"en": "Rounds I am invited to", "de": "Runden, zu denen ich eingeladen bin"},
    "audits.mine_none": {"en": "You are not invited to any audit round.",
                         "de": "Sie sind zu keiner Audit-Runde eingeladen."},
    "audits.link": {"en": "Audit rounds: questions, rounds, progress →",
                    "de": "Audit-Runden: Fragen, Runden, Fortschritt →"},
    "audits.rounds": {"en": "All rounds", "de": "Alle Runden"},
    "audits.rounds_none": {"en": "No audit rounds yet.", "de": "Noch keine Audit-Runden."},
    "audits.new_round": {"en": "New round", "de": "Neue Runde"},
    "audits.questions": {"en": "Questions", "de": "Fragen"},
    "audits.questions_none": {"en": "No questions yet: add one below.",
                              "de": "Noch keine Fragen: unten eine hinzufügen."},
    "audits.new_question": {"en": "New question", "de": "Neue Frage"},
    "audits.field.name": {"en": "Name", "de": "Name"},
    "audits.field.date_from": {"en": "From", "de": "Von"},
    "audits.field.date_to": {"en": "To", "de": "Bis"},
    "audits.field.perspective": {"en": "Perspective", "de": "Perspektive"},
    "audits.field.journey_key": {"en": "Journey (all its touchpoints)",
                                 "de": "Journey (alle ihre Touchpoints)"},
    "audits.field.touchpoints": {"en": "… or single touchpoints", "de": "… oder einzelne Touchpoints"},
    "audits.field.users": {"en": "Invite users", "de": "Personen einladen"},
    "audits.field.departments": {"en": "Invite departments (all their users)",
                                 "de": "Abteilungen einladen (alle ihre Personen)"},
    "audits.field.scope": {"en": "Asked on", "de": "Gefragt bei"},
    "audits.field.text_de": {"en": "Text (German)", "de": "Text (Deutsch)"},
    "audits.field.text_en": {"en": "Text (English)", "de": "Text (Englisch)"},
    "audits.field.half_points": {"en": "Half points allowed", "de": "Halbe Punkte erlaubt"},
    "audits.field.score": {"en": "Score", "de": "Bewertung"},
    "audits.field.comment": {"en": "Comment", "de": "Kommentar"},
    "audits.field.answers": {"en": "Answers", "de": "Antworten"},
    "audits.field.question_id": {"en": "Question", "de": "Frage"},
    "audits.field.touchpoint_key": {"en": "Touchpoint", "de": "Touchpoint"},
    "audits.create": {"en": "Create round", "de": "Runde anlegen"},
    "audits.add_question": {"en": "Add question", "de": "Frage hinzufügen"},
    "audits.created": {"en": "Round {name} created; {n} auditors invited.",
                       "de": "Runde {name} angelegt; {n} Auditierende eingeladen."},
    "audits.question_added": {"en": "Question added.", "de": "Frage hinzugefügt."},
    "audits.invalid": {"en": "Please check {field}: {reason}", "de": "Bitte {field} prüfen: {reason}"},
    "audits.forbidden": {"en": "Not allowed. {reason}", "de": "Nicht erlaubt. {reason}"},
    "audits.scope_journey": {"en": "Journey: {name} (every touchpoint)",
                             "de": "Journey: {name} (jeder Touchpoint)"},
    "audits.scope_touchpoint": {"en": "Touchpoint: {name}", "de": "Touchpoint: {name}"},
    "audits.perspective.customer": {"en": "customer", "de": "Kunde"},
    "audits.perspective.employee": {"en": "employee", "de": "Mitarbeitende"},
    "audits.perspective.expert": {"en": "expert", "de": "Expert:in"},
    "audits.state.open": {"en": "open", "de": "offen"},
    "audits.state.closed": {"en": "closed", "de": "abgeschlossen"},
    "audits.state.reopened": {"en": "reopened (batch undone)",
                              "de": "wieder offen (Import rückgängig gemacht)"},
    "audits.period": {"en": "{start} – {end}", "de": "{start} – {end}"},
    "audits.of": {"en": "{done} of {total} touchpoints", "de": "{done} von {total} Touchpoints"},
    "audits.continue": {"en": "Continue", "de": "Weiter ausfüllen"},
    "audits.view": {"en": "View", "de": "Ansehen"},
    "audits.progress": {"en": "Progress", "de": "Fortschritt"},
    "audits.col.round": {"en": "Round", "de": "Runde"},
    "audits.col.period": {"en": "Period", "de": "Zeitraum"},
    "audits.col.state": {"en": "State", "de": "Status"},
    "audits.col.invited": {"en": "Invited", "de": "Eingeladen"},
    "audits.col.auditor": {"en": "Auditor", "de": "Auditor:in"},
    "audits.col.via": {"en": "Invited as", "de": "Eingeladen als"},
    "audits.col.done": {"en": "Touchpoints done", "de": "Touchpoints fertig"},
    "audits.col.scores": {"en": "Scores given", "de": "Bewertungen"},
    "audits.col.touchpoint": {"en": "Touchpoint", "de": "Touchpoint"},
    "audits.col.auditors_done": {"en": "Auditors done", "de": "Fertige Auditierende"},
    "audits.col.asked_on": {"en": "Asked on", "de": "Gefragt bei"},
    "audits.col.scale": {"en": "Scale", "de": "Skala"},
    "audits.scale_half": {"en": "1–10, half points", "de": "1–10, halbe Punkte"},
    "audits.scale_whole": {"en": "1–10, whole points", "de": "1–10, ganze Punkte"},
    "audits.via_user": {"en": "person", "de": "Person"},
    "audits.via_department": {"en": "department {key}", "de": "Abteilung {key}"},
    "audits.prev": {"en": "← Back", "de": "← Zurück"},
    "audits.next": {"en": "Next →", "de": "Weiter →"},
    "audits.jump": {"en": "Touchpoint", "de": "Touchpoint"},
    "audits.step": {"en": "Touchpoint {i} of {n}", "de": "Touchpoint {i} von {n}"},
    "audits.scale_hint": {"en": "1 = very poor · 10 = excellent", "de": "1 = sehr schlecht · "
                           "10 = hervorragend"},
    "audits.invite_more": {"en": "Invite more auditors", "de": "Weitere Auditierende einladen"},
    "audits.invite": {"en": "Invite", "de": "Einladen"},
    "audits.invited": {"en": "Invited: {names}", "de": "Eingeladen: {names}"},
    "audits.invited_none": {"en": "Everyone chosen was invited already.",
                            "de": "Alle Gewählten waren schon eingeladen."},
    "audits.retire": {"en": "retire", "de": "nicht mehr fragen"},
    "audits.ask_again": {"en": "ask again", "de": "wieder fragen"},
    "audits.retired": {"en": "retired", "de": "nicht mehr gefragt"},
    "audits.question_changed": {"en": "Question changed.", "de": "Frage geändert."},
    "audits.pick_score": {"en": "Score …", "de": "Bewertung …"},
    "audits.saved": {"en": "saved", "de": "gespeichert"},
    "audits.saving_hint": {"en": "Every answer is saved as you go; you can stop and come back.",
                           "de": "Jede Antwort wird sofort gespeichert; Sie können jederzeit "
                                 "aufhören und später weitermachen."},
    "audits.all_done": {"en": "All touchpoints done – thank you! You can still change "
                              "answers until the round is closed.",
                        "de": "Alle Touchpoints fertig – danke! Bis die Runde abgeschlossen "
                              "ist, können Sie Antworten noch ändern."},
    "audits.missing": {"en": "There is no such audit round.",
                       "de": "Diese Audit-Runde gibt es nicht."},
    "audits.not_invited": {"en": "You are not invited to this audit round.",
                           "de": "Sie sind zu dieser Audit-Runde nicht eingeladen."},
    "audits.closed_note": {"en": "This round is closed; its scores are in the dashboards. "
                                 "Your answers are shown read-only.",
                           "de": "Diese Runde ist abgeschlossen; ihre Bewertungen stehen in "
                                 "den Dashboards. Ihre Antworten sind schreibgeschützt."},
    "audits.reopened_note": {"en": "The scores of this round were undone (batch {batch}); "
                                   "it is open again for corrections.",
                             "de": "Die Bewertungen dieser Runde wurden rückgängig gemacht "
                                   "(Import {batch}); sie ist für Korrekturen wieder offen."},
    "audits.close": {"en": "Close round and write its scores", "de": "Runde abschließen und "
                     "Bewertungen übernehmen"},
    "audits.close_confirm": {"en": "Close this round? Its {n} scores become audit data in "
                                   "one import batch (undo it on the Data page to reopen the "
                                   "round).",
                             "de": "Diese Runde abschließen? Ihre {n} Bewertungen werden in "
                                   "einem Import zu Audit-Daten (auf der Datenseite "
                                   "rückgängig machen öffnet die Runde wieder)."},
    "audits.closed_as": {"en": "Closed: {n} scores written as import batch {batch} (undo it "
                               "on the Data page).",
                         "de": "Abgeschlossen: {n} Bewertungen als Import {batch} "
                               "geschrieben (auf der Datenseite rückgängig zu machen)."},
    "audits.batch": {"en": "Import batch {batch}", "de": "Import {batch}"},
    "audits.back": {"en": "← All audit rounds", "de": "← Alle Audit-Runden"},
    "audits.summary": {"en": "{answers} scores given · {touchpoints} touchpoints · "
                             "{auditors} auditors",
                       "de": "{answers} Bewertungen · {touchpoints} Touchpoints · "
                             "{auditors} Auditierende"},
})

TEXTS.update({
    "alerts.title": {"en": "Alerts", "de": "Alarme"},
    "alerts.bell": {"en": "Alerts: {n} unread", "de": "Alarme: {n} ungelesen"},
    "alerts.help": {"en": "Raised by the alert rules after every import: only when the 95 % "
                          "interval, the change test or the drift chart says so, never on "
                          "fewer answers than the rule's minimum.",
                    "de": "Von den Alarmregeln nach jedem Import ausgelöst: nur wenn das "
                          "95-%-Intervall, der Veränderungstest oder die Driftkarte es sagt, "
                          "nie bei weniger Antworten als dem Minimum der Regel."},
    "alerts.none": {"en": "No alerts for these filters.",
                    "de": "Keine Alarme für diese Filter."},
    "alerts.metric.audit": {"en": "Audit score", "de": "Audit-Score"},
    "alerts.metric.nps": {"en": "NPS", "de": "NPS"},
    "alerts.metric.ces": {"en": "CES", "de": "CES"},
    "alerts.metric.csat": {"en": "CSAT (top-2-box %)", "de": "CSAT (Top-2-Box %)"},
    "alerts.metric.conversion": {"en": "Conversion rate %", "de": "Konversionsrate %"},
    "alerts.kind.below_target": {"en": "below target", "de": "unter Ziel"},
    "alerts.kind.drop": {"en": "dropped significantly", "de": "signifikant gefallen"},
    "alerts.kind.drift": {"en": "drifting down", "de": "schleichend gesunken"},
    "alerts.col.period": {"en": "Period", "de": "Zeitraum"},
    "alerts.col.place": {"en": "Touchpoint", "de": "Touchpoint"},
    "alerts.col.metric": {"en": "Metric", "de": "Kennzahl"},
    "alerts.col.value": {"en": "Value [95 %]", "de": "Wert [95 %]"},
    "alerts.drift_value": {"en": "EWMA {value} < limit {limit}",
                           "de": "EWMA {value} < Grenze {limit}"},
    "alerts.col.reference": {"en": "Compared with", "de": "Verglichen mit"},
    "alerts.col.n": {"en": "n", "de": "n"},
    "alerts.col.rule": {"en": "Rule", "de": "Regel"},
    "alerts.col.method": {"en": "Method", "de": "Methode"},
    "alerts.unread": {"en": "new", "de": "neu"},
    "alerts.mark_read": {"en": "Mark all shown as read", "de": "Alle gezeigten als gelesen"},
    "alerts.marked": {"en": "{n} alert(s) marked as read.",
                      "de": "{n} Alarm(e) als gelesen markiert."},
    "alerts.to_action": {"en": "Action", "de": "Maßnahme"},
    "alerts.action_title": {"en": "{metric} {kind} at {place}",
                            "de": "{metric} {kind}: {place}"},
    "alerts.action_created": {"en": "Action {id} created on {place}.",
                              "de": "Maßnahme {id} für {place} angelegt."},
    "alerts.forbidden": {"en": "You may not do this: {reason}",
                         "de": "Das ist Ihnen nicht erlaubt: {reason}"},
    "alerts.rules": {"en": "Alert rules", "de": "Alarmregeln"},
    "alerts.rules_help": {"en": "Admins edit every rule; owners those of their department. "
                                "The target is needed for NPS, CES, CSAT and conversion; "
                                "audits use each touchpoint's own target when it is empty. "
                                "The minimum n is 30 responses (5 audits) when empty.",
                          "de": "Admins bearbeiten alle Regeln, Owner die ihrer Abteilung. "
                                "Das Ziel braucht es für NPS, CES, CSAT und Konversion; "
                                "Audits nehmen ohne Angabe das Ziel jedes Touchpoints. "
                                "Das Mindest-n ist ohne Angabe 30 Antworten (5 Audits)."},
    "alerts.rules_none": {"en": "No rules you may change.",
                          "de": "Keine Regeln, die Sie ändern dürfen."},
    "alerts.scope": {"en": "Scope", "de": "Bereich"},
    "alerts.scope.all": {"en": "everything", "de": "alles"},
    "alerts.scope.journey": {"en": "Journey", "de": "Journey"},
    "alerts.scope.department": {"en": "Department", "de": "Abteilung"},
    "alerts.scope.touchpoint": {"en": "Touchpoint", "de": "Touchpoint"},
    "alerts.threshold": {"en": "Target", "de": "Ziel"},
    "alerts.min_n": {"en": "Minimum n", "de": "Mindest-n"},
    "alerts.add_rule": {"en": "Add rule", "de": "Regel anlegen"},
    "alerts.remove_rule": {"en": "Delete", "de": "Löschen"},
    "alerts.rule_added": {"en": "Rule {id} added.", "de": "Regel {id} angelegt."},
    "alerts.rule_removed": {"en": "Rule {id} deleted.", "de": "Regel {id} gelöscht."},
    "alerts.mail_subject": {"en": "Alert: {metric} {kind} at {place}",
                            "de": "Alarm: {metric} {kind} – {place}"},
    "alerts.mail_body": {"en": "{metric} at {place} {kind} in {period}: {value} {interval} "
                               "(n = {n}; compared with {reference}).",
                         "de": "{metric} bei {place} {kind} im Zeitraum {period}: {value} "
                               "{interval} (n = {n}; verglichen mit {reference})."},
    "alerts.mail_why": {"en": "You receive alerts of your department's touchpoints and of the "
                              "places you subscribed to.",
                        "de": "Sie erhalten Alarme zu den Touchpoints Ihrer Abteilung und zu "
                              "den Bereichen, die Sie abonniert haben."},
})


# Workshop mode: the facilitator's screen, a participant's phone, the results PDF.
TEXTS.update({
    "workshop.title": {"en": "Workshop: {journey}", "de": "Workshop: {journey}"},
    "workshop.back": {"en": "← Journey map", "de": "← Journey Map"},
    "workshop.no_journey": {"en": "There is no journey {key!s}.",
                            "de": "Es gibt keine Journey {key!s}."},
    "workshop.start": {"en": "Start workshop", "de": "Workshop starten"},
    "workshop.start_from_map": {"en": "Start workshop", "de": "Workshop starten"},
    "workshop.join_menu": {"en": "Join a workshop", "de": "An Workshop teilnehmen"},
    "workshop.reveal": {"en": "Reveal", "de": "Aufdecken"},
    "workshop.end": {"en": "End workshop", "de": "Workshop beenden"},
    "workshop.end_confirm": {
        "en": "End the workshop? Its ratings become one audit import batch (perspective "
              "employee); participants can no longer change them. Undo it on the Data page.",
        "de": "Workshop beenden? Die Bewertungen werden ein Audit-Import (Perspektive "
              "Mitarbeitende) und sind nicht mehr änderbar. Rückgängig auf der Datenseite."},
    "workshop.pdf": {"en": "Results (PDF)", "de": "Ergebnisse (PDF)"},
    "workshop.none_running": {"en": "No workshop is running for this journey.",
                              "de": "Für diese Journey läuft kein Workshop."},
    "workshop.code": {"en": "Code", "de": "Code"},
    "workshop.join_at": {"en": "Join on your phone with the code",
                         "de": "Mit dem Handy teilnehmen, Code"},
    "workshop.qr_alt": {"en": "QR code of the link to join", "de": "QR-Code des Teilnahme-Links"},
    "workshop.participants": {"en": "participants", "de": "Teilnehmende"},
    "workshop.ratings_of": {"en": "ratings of {n} touchpoints",
                            "de": "Bewertungen zu {n} Touchpoints"},
    "workshop.state.open": {"en": "rating", "de": "Bewertung läuft"},
    "workshop.state.revealed": {"en": "revealed", "de": "aufgedeckt"},
    "workshop.state.closed": {"en": "ended", "de": "beendet"},
    "workshop.state.reopened": {"en": "reopened (its batch was undone)",
                                "de": "wieder offen (Import rückgängig gemacht)"},
    "workshop.hidden": {
        "en": "Only the counts show until you press Reveal, so every rating stays independent.",
        "de": "Bis „Aufdecken“ sind nur die Anzahlen zu sehen, damit jede Bewertung "
              "unabhängig bleibt."},
    "workshop.room": {"en": "Room (mean ± sd)", "de": "Raum (Mittel ± SD)"},
    "workshop.customers": {"en": "Customers (audits)", "de": "Kunden (Audits)"},
    "workshop.customer_band": {"en": "Customers: 95 % interval", "de": "Kunden: 95 %-Intervall"},
    "workshop.versus": {"en": "You rate {room}, customers {customers} ± {margin}",
                        "de": "Sie bewerten {room}, Kunden {customers} ± {margin}"},
    "workshop.versus_single": {"en": "You rate {room}, customers {customers}",
                               "de": "Sie bewerten {room}, Kunden {customers}"},
    "workshop.versus_none": {"en": "You rate {room}; no customer audits in the period",
                             "de": "Sie bewerten {room}; keine Kunden-Audits im Zeitraum"},
    "workshop.col.touchpoint": {"en": "Touchpoint", "de": "Touchpoint"},
    "workshop.col.ratings": {"en": "Ratings", "de": "Bewertungen"},
    "workshop.col.room": {"en": "Room", "de": "Raum"},
    "workshop.col.spread": {"en": "Spread", "de": "Streuung"},
    "workshop.col.customers": {"en": "Customers ± 95 %", "de": "Kunden ± 95 %"},
    "workshop.col.gap": {"en": "Gap", "de": "Lücke"},
    "workshop.col.note": {"en": "Note", "de": "Notiz"},
    "workshop.low_agreement": {"en": "low agreement", "de": "uneinig"},
    "workshop.rule": {
        "en": "Spread: standard deviation (n − 1) and lowest–highest rating; low agreement "
              "when the sd is {sd} points or more (two ratings at least). Gap: the room's "
              "mean − the customers' score.",
        "de": "Streuung: Standardabweichung (n − 1) und niedrigste–höchste Bewertung; "
              "uneinig ab einer SD von {sd} Punkten (bei mindestens zwei Bewertungen). "
              "Lücke: Mittel des Raums − Kundenwert."},
    "workshop.to_action": {"en": "→ Action", "de": "→ Maßnahme"},
    "workshop.notes": {"en": "Insights per touchpoint", "de": "Erkenntnisse je Touchpoint"},
    "workshop.note_hint": {"en": "What did the room find? (saved when you leave the field)",
                           "de": "Was hat der Raum erkannt? (gespeichert beim Verlassen)"},
    "workshop.started": {"en": "The workshop has started: participants join with the code.",
                         "de": "Der Workshop läuft: Teilnehmende kommen mit dem Code dazu."},
    "workshop.ended": {"en": "Ended: {n} ratings written as import batch {batch} (undo it "
                             "on the Data page).",
                       "de": "Beendet: {n} Bewertungen als Import {batch} geschrieben (auf "
                             "der Datenseite rückgängig zu machen)."},
    "workshop.forbidden": {"en": "Not allowed: {reason}", "de": "Nicht erlaubt: {reason}"},
    "workshop.invalid": {"en": "Not saved: {reason}", "de": "Nicht gespeichert: {reason}"},
    "workshop.missing": {"en": "Not found: {reason}", "de": "Nicht gefunden: {reason}"},
    "workshop.enter_code": {"en": "Workshop code", "de": "Workshop-Code"},
    "workshop.join": {"en": "Join", "de": "Teilnehmen"},
    "workshop.unknown_code": {"en": "There is no workshop with this code.",
                              "de": "Es gibt keinen Workshop mit diesem Code."},
    "workshop.rate_hint": {
        "en": "Rate each touchpoint from 1 (very bad) to 10 (excellent) as you see it; "
              "saved at once, changeable until the workshop ends.",
        "de": "Bewerten Sie jeden Touchpoint von 1 (sehr schlecht) bis 10 (hervorragend) "
              "aus Ihrer Sicht; sofort gespeichert, änderbar bis zum Ende des Workshops."},
    "workshop.ended_note": {"en": "This workshop has ended; your ratings are in.",
                            "de": "Dieser Workshop ist beendet; Ihre Bewertungen sind erfasst."},
    "workshop.rated_of": {"en": "{done} of {total} touchpoints rated",
                          "de": "{done} von {total} Touchpoints bewertet"},
    "workshop.saved": {"en": "saved", "de": "gespeichert"},
    "workshop.pdf_title": {"en": "Workshop results: {journey}",
                           "de": "Workshop-Ergebnisse: {journey}"},
    "workshop.pdf_meta": {
        "en": "{day} · code {code} · {participants} participants · {ratings} ratings · "
              "customers' audits {period}",
        "de": "{day} · Code {code} · {participants} Teilnehmende · {ratings} Bewertungen · "
              "Kunden-Audits {period}"},
    "workshop.pdf_footer": {"en": "cxdash workshop mode · printed {when}",
                            "de": "cxdash Workshop-Modus · gedruckt {when}"},
    "workshop.pdf_batch": {"en": "Written as audit import batch {batch}.",
                           "de": "Als Audit-Import {batch} geschrieben."},
})


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


def t(key: str, lang: str, /, **values) -> str:
    """Translate a key; missing keys show themselves so they are noticed, never crash."""
    entry = TEXTS.get(key)
    text = key if entry is None else entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def tn(key: str, lang: str, n: int, /, **values) -> str:
    """Translate a key that counts n things: its ".one" form for exactly one (German and
    English both say "1 problem", "2 problems"); n is formatted as a count."""
    one = f"{key}.one"
    return t(one if n == 1 and one in TEXTS else key, lang, n=count(n, lang), **values)


def number(value, lang: str, digits: int = 1, signed: bool = False) -> str:
    """Format a number with the language's decimal mark; '–' for missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if round(float(value), digits) == 0:
        value, signed = 0.0, False  # no "−0.00" or "+0.0": a change that rounds away is 0
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


# Import problems and notes carry a code and parameters (data.ingest.messages): the
# Data page renders them in the reader's language, naming the page's controls.


def import_text(message, lang: str, surface: str = "page") -> str:
    """Render an import note (or a problem's message) in the language; plain text from a
    caller without a code stays as written."""
    if hasattr(message, "code") and hasattr(message, "params"):
        return render_message(message.code, message.params, lang, surface)
    return str(message)


def problem(p, lang: str, surface: str = "page") -> str:
    """Say where an import problem is (sheet, row, column) and what it is, in the language."""
    return p.render(lang, surface)

# the catalog editor (/catalog)
TEXTS.update({
    "nav.catalog": {"en": "Catalog", "de": "Katalog"},
    "catalog.title": {"en": "Catalog editor", "de": "Katalog bearbeiten"},
    "catalog.link": {"en": "Edit the catalog", "de": "Katalog bearbeiten"},
    "catalog.export": {"en": "Download as workbook (.xlsx)",
                       "de": "Als Arbeitsmappe herunterladen (.xlsx)"},
    "catalog.entity.personas": {"en": "Personas", "de": "Personas"},
    "catalog.entity.phases": {"en": "Phases", "de": "Phasen"},
    "catalog.entity.channels": {"en": "Channels", "de": "Kanäle"},
    "catalog.entity.departments": {"en": "Departments", "de": "Abteilungen"},
    "catalog.entity.journeys": {"en": "Journeys", "de": "Journeys"},
    "catalog.entity.touchpoints": {"en": "Touchpoints", "de": "Touchpoints"},
    "catalog.pick": {"en": "Entry", "de": "Eintrag"},
    "catalog.new": {"en": "+ New entry", "de": "+ Neuer Eintrag"},
    "catalog.entries": {"en": "Entries", "de": "Einträge"},
    "catalog.edit": {"en": "Edit", "de": "Bearbeiten"},
    "catalog.save": {"en": "Save", "de": "Speichern"},
    "catalog.delete": {"en": "Delete", "de": "Löschen"},
    "catalog.delete_confirm": {"en": "Delete this entry? Undo is in the history below.",
                               "de": "Diesen Eintrag löschen? Rückgängig geht unten im Verlauf."},
    "catalog.saved": {"en": "Saved {key}.", "de": "{key} gespeichert."},
    "catalog.created": {"en": "Created {key}.", "de": "{key} angelegt."},
    "catalog.unchanged": {"en": "Nothing changed.", "de": "Nichts geändert."},
    "catalog.deleted": {"en": "Deleted {key}.", "de": "{key} gelöscht."},
    "catalog.moved": {"en": "Moved {key}.", "de": "{key} verschoben."},
    "catalog.undone": {"en": "Change {id} undone.", "de": "Änderung {id} rückgängig gemacht."},
    "catalog.merged": {"en": "Merged {key} into {into}.",
                       "de": "{key} in {into} zusammengeführt."},
    "catalog.pick_first": {"en": "Pick an entry first.", "de": "Zuerst einen Eintrag wählen."},
    "catalog.up": {"en": "Move up", "de": "Nach oben"},
    "catalog.down": {"en": "Move down", "de": "Nach unten"},
    "catalog.merge": {"en": "Merge into another touchpoint",
                      "de": "In einen anderen Touchpoint zusammenführen"},
    "catalog.merge_into": {"en": "Merge into", "de": "Zusammenführen in"},
    "catalog.merge_preview": {"en": "Preview", "de": "Vorschau"},
    "catalog.merge_confirm": {"en": "Merge", "de": "Zusammenführen"},
    "catalog.merge_confirm_text": {"en": "Merge now? The facts move; undo is in the history.",
                                   "de": "Jetzt zusammenführen? Die Fakten ziehen um; "
                                         "rückgängig geht im Verlauf."},
    "catalog.merge_moves": {"en": "Moves {moved}.", "de": "Verschiebt {moved}."},
    "catalog.merge_nothing": {"en": "Moves no facts.", "de": "Verschiebt keine Fakten."},
    "catalog.merge_score": {"en": "The journey score of {journey} changes from {before} to "
                                  "{after}.",
                            "de": "Der Journey-Score von {journey} ändert sich von {before} auf "
                                  "{after}."},
    "catalog.history": {"en": "History", "de": "Verlauf"},
    "catalog.undo": {"en": "Undo", "de": "Rückgängig"},
    "catalog.when": {"en": "When", "de": "Wann"},
    "catalog.who": {"en": "Who", "de": "Wer"},
    "catalog.what": {"en": "Change", "de": "Änderung"},
    "catalog.key": {"en": "Key", "de": "Schlüssel"},
    "catalog.fields_changed": {"en": "Fields", "de": "Felder"},
    "catalog.no_history": {"en": "No changes yet.", "de": "Noch keine Änderungen."},
    "catalog.action.create": {"en": "created", "de": "angelegt"},
    "catalog.action.update": {"en": "changed", "de": "geändert"},
    "catalog.action.delete": {"en": "deleted", "de": "gelöscht"},
    "catalog.action.merge": {"en": "merged into {into}", "de": "zusammengeführt in {into}"},
    "catalog.action.reorder": {"en": "steps reordered", "de": "Schritte umsortiert"},
    "catalog.undone_by": {"en": "undone by {who}", "de": "rückgängig von {who}"},
    "catalog.no_entries": {"en": "No entries yet.", "de": "Noch keine Einträge."},
    "catalog.picture": {"en": "Picture (PNG, JPEG, GIF or WebP, at most {mb} MB)",
                        "de": "Bild (PNG, JPEG, GIF oder WebP, höchstens {mb} MB)"},
    "catalog.picture_choose": {"en": "Choose a picture", "de": "Bild wählen"},
    "catalog.picture_refused": {"en": "Not a PNG, JPEG, GIF or WebP picture of at most {mb} MB.",
                                "de": "Kein PNG-, JPEG-, GIF- oder WebP-Bild bis {mb} MB."},
    "catalog.picture_ready": {"en": "Picture uploaded; save to keep it.",
                              "de": "Bild hochgeladen; speichern, um es zu behalten."},
    "catalog.field.key": {"en": "Key", "de": "Schlüssel"},
    "catalog.field.name": {"en": "Name", "de": "Name"},
    "catalog.field.description": {"en": "Description", "de": "Beschreibung"},
    "catalog.field.quote": {"en": "Quote", "de": "Zitat"},
    "catalog.field.goals": {"en": "Goals", "de": "Ziele"},
    "catalog.field.demographics": {"en": "Demographics", "de": "Demografie"},
    "catalog.field.image": {"en": "Picture address", "de": "Bildadresse"},
    "catalog.field.position": {"en": "Position", "de": "Position"},
    "catalog.field.color": {"en": "Colour (#RRGGBB)", "de": "Farbe (#RRGGBB)"},
    "catalog.field.goal": {"en": "Customer goal", "de": "Kundenziel"},
    "catalog.field.lifecycle_stage": {"en": "Lifecycle stage", "de": "Lebenszyklus-Phase"},
    "catalog.field.personas": {"en": "Personas", "de": "Personas"},
    "catalog.field.journey_key": {"en": "Journey", "de": "Journey"},
    "catalog.field.phase_key": {"en": "Phase", "de": "Phase"},
    "catalog.field.channel_key": {"en": "Channel", "de": "Kanal"},
    "catalog.field.department_key": {"en": "Department", "de": "Abteilung"},
    "catalog.field.pain_point": {"en": "Pain point", "de": "Pain Point"},
    "catalog.field.moment_of_truth": {"en": "Moment of truth", "de": "Moment of Truth"},
    "catalog.field.target": {"en": "Target (1–10)", "de": "Zielwert (1–10)"},
    "catalog.field.best_in_class": {"en": "Best in class (1–10)", "de": "Best-in-Class (1–10)"},
    "catalog.field.url": {"en": "URL", "de": "URL"},
    "catalog.field.media_type": {"en": "Media type", "de": "Medientyp"},
    "catalog.field.frequency": {"en": "Frequency", "de": "Häufigkeit"},
    "catalog.field.perception": {"en": "Perception", "de": "Wahrnehmung"},
    "catalog.field.reach": {"en": "Reach", "de": "Reichweite"},
    "catalog.field.acceptance_criteria": {"en": "Acceptance criteria",
                                          "de": "Akzeptanzkriterien"},
    "catalog.field.notes": {"en": "Notes", "de": "Notizen"},
})
