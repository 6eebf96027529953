"""Texts of import problems and notes, rendered from a code and its parameters.

Every problem and note of an import carries a code (``number.not_number``) and
parameters (``value``, ``n``, …); English and German texts come from here, with plurals,
and name the controls of the surface that shows them: the CLI's flags (``--map``) or the
Data page's fields ("the column mapping").

Template syntax: ``{name}`` is a parameter; ``{n|row|rows}`` picks the singular or the
plural by the parameter ``n``; ``[map]`` names a control (see CONTROLS).
"""

from __future__ import annotations

import re

LANGUAGES = ("en", "de")
SURFACES = ("cli", "page")

# How each surface names the controls a message may point to.
CONTROLS = {
    "map": {"cli": {"en": "--map FIELD=COLUMN", "de": "--map FELD=SPALTE"},
            "page": {"en": "the column mapping", "de": "die Spaltenzuordnung"}},
    "map_score": {"cli": {"en": "--map score=COLUMN", "de": "--map score=SPALTE"},
                  "page": {"en": "the score field of the column mapping",
                           "de": "das Feld score der Spaltenzuordnung"}},
    "map_date": {"cli": {"en": "--map date=COLUMN", "de": "--map date=SPALTE"},
                 "page": {"en": "the date field of the column mapping",
                          "de": "das Feld date der Spaltenzuordnung"}},
    "date": {"cli": {"en": "--date YYYY-MM-DD", "de": "--date JJJJ-MM-TT"},
             "page": {"en": "the date field", "de": "das Datumsfeld"}},
    "skip_invalid": {"cli": {"en": "--skip-invalid", "de": "--skip-invalid"},
                     "page": {"en": "“skip invalid rows”", "de": "„ungültige Zeilen auslassen“"}},
    "allow_duplicate": {"cli": {"en": "--allow-duplicate", "de": "--allow-duplicate"},
                        "page": {"en": "“import again”", "de": "„erneut importieren“"}},
    "alias": {"cli": {"en": "--alias DIMENSION:LABEL=KEY", "de": "--alias DIMENSION:LABEL=KEY"},
              "page": {"en": "the label picker", "de": "die Zuordnung der Bezeichnungen"}},
    "answer": {"cli": {"en": "--answer WORDING=VALUE", "de": "--answer WORTLAUT=WERT"},
               "page": {"en": "the answer picker", "de": "die Zuordnung der Antworten"}},
    "day_first": {"cli": {"en": "--day-first / --month-first",
                          "de": "--day-first / --month-first"},
                  "page": {"en": "the date order switch", "de": "den Schalter Datumsreihenfolge"}},
    "preset": {"cli": {"en": "--preset", "de": "--preset"},
               "page": {"en": "the format", "de": "das Format"}},
    "sheet": {"cli": {"en": "--sheet", "de": "--sheet"},
              "page": {"en": "the sheet", "de": "das Blatt"}},
}

_DATE_FORMS = {"en": "YYYY-MM-DD, DD.MM.YYYY, MM/DD/YYYY or YYYYMMDD",
               "de": "JJJJ-MM-TT, TT.MM.JJJJ, MM/TT/JJJJ oder JJJJMMTT"}

# code -> (English, German)
MESSAGES: dict[str, tuple[str, str]] = {
    # free text from code that has no code yet (kept so nothing is lost)
    "text": ("{text}", "{text}"),
    # cells
    "number.not_number": ("{value} is not a number", "{value} ist keine Zahl"),
    "number.not_whole": ("{value} is not a whole number", "{value} ist keine ganze Zahl"),
    "number.not_between": ("{value} is not between {low} and {high}",
                           "{value} liegt nicht zwischen {low} und {high}"),
    "number.below": ("{value} is not at least {low}", "{value} ist kleiner als {low}"),
    "number.above": ("{value} is not at most {high}", "{value} ist größer als {high}"),
    "number.ambiguous": ("{value} could be {a} or {b}: no other value of the column tells the "
                         "decimal mark; write it without a thousands separator",
                         "{value} kann {a} oder {b} bedeuten: kein anderer Wert der Spalte zeigt "
                         "das Dezimalzeichen; schreibe die Zahl ohne Tausenderpunkt"),
    "date.out_of_range": ("{value} is not a date between 1678 and 2261 (the dates that can "
                          "be stored)",
                          "{value} ist kein Datum zwischen 1678 und 2261 (nur diese lassen "
                          "sich speichern)"),
    "number.not_finite": ("{value} is not a finite number", "{value} ist keine endliche Zahl"),
    "date.not_date": ("{value} is not a date (use " + _DATE_FORMS["en"] + ")",
                      "{value} ist kein Datum (erwartet: " + _DATE_FORMS["de"] + ")"),
    "bool.not_bool": ("{value} is not yes/no (use 1/0, true/false, ja/nein)",
                      "{value} ist nicht ja/nein (1/0, true/false, ja/nein)"),
    "choice.not_one_of": ("{value} is not one of: {allowed}",
                          "{value} ist keiner der Werte {allowed}"),
    "reference.unknown": ("{value} is not a known {dimension}",
                          "{value} ist im Katalog nicht als {dimension_de} bekannt"),
    "cell.required": ("is empty but required", "ist leer, aber Pflicht"),
    "score.unknown_wording": (
        "{value} is no answer of the scale ({n} {n|row|rows}); map it with [answer]",
        "{value} ist keine Antwort der Skala ({n} {n|Zeile|Zeilen}); ordne sie zu über "
        "[answer]"),
    "nps_group.mismatch": ("says {given} but the score makes a {expected}",
                           "sagt {given}, der Score ergibt aber {expected}"),
    "url.missing": ("needs a url or a touchpoint", "braucht eine URL oder einen Touchpoint"),
    # columns and files
    "column.missing": ("required column is missing", "Pflichtspalte fehlt"),
    "column.duplicate": ("column appears more than once", "Spalte kommt mehrfach vor"),
    "column.url_or_touchpoint": ("needs a url or a touchpoint column",
                                 "braucht eine Spalte url oder touchpoint"),
    "column.no_score": ("No column holds the score. Name it with [map_score] (a header or #N); "
                        "columns: {columns}",
                        "Keine Spalte enthält den Score. Nenne sie über [map_score] "
                        "(Kopfzeile oder #N); Spalten: {columns}"),
    "column.no_date": ("No column holds the date. Name it with [map_date], or give one date "
                       "for all rows with [date].",
                       "Keine Spalte enthält das Datum. Nenne sie über [map_date] oder gib "
                       "ein Datum für alle Zeilen über [date] an."),
    "column.not_found": ("[map]: the file has no column {column}. Columns: {columns}",
                         "[map]: die Datei hat keine Spalte {column}. Spalten: {columns}"),
    "column.out_of_range": ("[map]: the file has no column {column} (it has {n} {n|column|"
                            "columns})",
                            "[map]: die Datei hat keine Spalte {column} (sie hat {n} "
                            "{n|Spalte|Spalten})"),
    "file.empty": ("The file is empty.", "Die Datei ist leer."),
    "file.no_header": ("The file has no header row.", "Die Datei hat keine Kopfzeile."),
    "file.no_rows": ("The file has a header but no data rows: nothing to import.",
                     "Die Datei hat eine Kopfzeile, aber keine Datenzeilen: nichts zu "
                     "importieren."),
    "file.nothing_to_write": (
        "No row would be written ({skipped} {skipped|row|rows} skipped): nothing was imported.",
        "Keine Zeile würde geschrieben ({skipped} {skipped|Zeile|Zeilen} übersprungen): es "
        "wurde nichts importiert."),
    "file.not_text": ("This is not a text (CSV) or .xlsx file.",
                      "Das ist keine Textdatei (CSV) und keine .xlsx-Arbeitsmappe."),
    "file.ragged": ("has {fields} fields, the header has {header}",
                    "hat {fields} Felder, die Kopfzeile {header}"),
    "file.unparsable": ("The file could not be parsed as CSV.",
                        "Die Datei ließ sich nicht als CSV lesen."),
    "file.too_large": ("The file has {size} MB; the limit is {limit} MB (CXDASH_UPLOAD_LIMIT_MB).",
                       "Die Datei hat {size} MB; die Grenze ist {limit} MB "
                       "(CXDASH_UPLOAD_LIMIT_MB)."),
    "file.unreadable": ("The file could not be read ({error}). Check that it is a CSV or .xlsx "
                        "export and that the right kind and format are chosen.",
                        "Die Datei ließ sich nicht lesen ({error}). Prüfe, ob sie ein CSV- oder "
                        ".xlsx-Export ist und Art und Format stimmen."),
    "file.already_imported": (
        "This file was already imported as batch {batch} on {when}; importing it again would "
        "count every row twice. Undo that batch first, or import with [allow_duplicate].",
        "Diese Datei wurde schon als Import {batch} am {when} eingelesen; ein zweiter Import "
        "zählte jede Zeile doppelt. Mache diesen Import erst rückgängig oder importiere mit "
        "[allow_duplicate]."),
    "file.line_too_long": (
        "this line is {size} MB long; the limit is {limit} MB per line. Check that this is a "
        "CSV export with one row per line.",
        "diese Zeile ist {size} MB lang; erlaubt sind {limit} MB je Zeile. Prüfe, ob das ein "
        "CSV-Export mit einer Zeile je Datensatz ist."),
    "file.too_many_columns": ("The header has {width} columns; the limit is {limit}.",
                              "Die Kopfzeile hat {width} Spalten; erlaubt sind {limit}."),
    "file.too_many_cells": (
        "The file has about {cells} cells ({lines} lines × {width} columns); the limit is "
        "{limit}. Split it into smaller files.",
        "Die Datei hat etwa {cells} Zellen ({lines} Zeilen × {width} Spalten); erlaubt sind "
        "{limit}. Teile sie in kleinere Dateien auf."),
    "file.unclosed_quote": (
        "A quoted field (starting with \") is never closed, so the rows after it would be read "
        "as one cell. Close the quote, or remove it.",
        "Ein Feld in Anführungszeichen (beginnt mit \") wird nie geschlossen, so würden alle "
        "folgenden Zeilen als eine Zelle gelesen. Schließe das Anführungszeichen oder entferne "
        "es."),
    "cell.too_long": (
        "a cell of {chars} characters; the limit is {limit} (as in Excel). An unclosed quote "
        "(\") may have joined the rows after it.",
        "eine Zelle mit {chars} Zeichen; erlaubt sind {limit} (wie in Excel). Vielleicht hat "
        "ein nicht geschlossenes Anführungszeichen (\") die folgenden Zeilen angehängt."),
    "database.busy": (
        "Another import or undo is being written to the database right now and did not finish "
        "within {wait} s; nothing was written. Try again in a minute.",
        "Gerade wird ein anderer Import oder eine Rücknahme in die Datenbank geschrieben und "
        "war nach {wait} s nicht fertig; es wurde nichts geschrieben. Versuche es in einer "
        "Minute erneut."),
    "file.unknown_kind": ("Unknown kind {kind}; use one of {kinds}",
                          "Unbekannte Art {kind}; erlaubt: {kinds}"),
    "file.unknown_preset": ("Unknown preset {preset}; use auto or one of {presets}",
                            "Unbekanntes Format {preset}; erlaubt: auto oder {presets}"),
    "file.source_kind": ("Source {source} is saved for {saved}, not {kind}.",
                         "Die Quelle {source} ist für {saved} gespeichert, nicht für {kind}."),
    "xlsx.damaged": ("The .xlsx file is damaged or truncated (not a readable zip archive).",
                     "Die .xlsx-Datei ist beschädigt oder abgeschnitten (kein lesbares "
                     "Zip-Archiv)."),
    "xlsx.bomb": ("The .xlsx file unpacks to {size} MB ({ratio}× its size); refused as a "
                  "possible zip bomb.",
                  "Die .xlsx-Datei entpackt sich auf {size} MB ({ratio}-fach); als mögliche "
                  "Zip-Bombe abgelehnt."),
    "xlsx.no_sheet": ("The workbook has no sheet {name}.",
                      "Die Arbeitsmappe hat kein Blatt {name}."),
    "xlsx.unreadable": ("Not a readable .xlsx workbook: {error}",
                        "Keine lesbare .xlsx-Arbeitsmappe: {error}"),
    "xlsx.not_workbook": ("This is not an .xlsx workbook; a catalog is one, with sheets such as "
                          "touchpoints.",
                          "Das ist keine .xlsx-Arbeitsmappe; ein Katalog ist eine, mit Blättern "
                          "wie touchpoints."),
    "catalog.no_sheets": ("The workbook has none of the sheets {sheets}",
                          "Die Arbeitsmappe hat keines der Blätter {sheets}"),
    "catalog.duplicate_key": ("{value} appears twice in the sheet",
                              "{value} kommt im Blatt zweimal vor"),
    "catalog.bad_color": ("{value} is not a colour like #1F77B4",
                          "{value} ist keine Farbe wie #1F77B4"),
    # the catalog editor (data.catalog): the same rules as the workbook, and its refusals
    "catalog.key_exists": ("{value} is already a key of the {entity}",
                           "{value} ist schon ein Schlüssel der {entity}"),
    "catalog.key_format": ("{value} is not a key: letters, digits, - _ . (at most 64)",
                           "{value} ist kein Schlüssel: Buchstaben, Ziffern, - _ . "
                           "(höchstens 64)"),
    "catalog.unknown_entry": ("There is no {value} among the {entity}",
                              "{value} gibt es nicht unter den {entity}"),
    "catalog.in_use": ("{value} cannot be deleted: used by {uses}.",
                       "{value} kann nicht gelöscht werden: verwendet von {uses}."),
    "catalog.way_out.merge": ("Merge it into another touchpoint instead: that moves its facts "
                              "and actions.",
                              "Stattdessen in einen anderen Touchpoint zusammenführen: das "
                              "verschiebt seine Fakten und Maßnahmen."),
    "catalog.way_out.reassign": ("Give its touchpoints another {dimension} first (or merge "
                                 "them), then delete it.",
                                 "Zuerst seinen Touchpoints eine andere {dimension_de} geben "
                                 "(oder sie zusammenführen), dann löschen."),
    "catalog.way_out.facts": ("Facts keep their keys; rename it instead of deleting it.",
                              "Fakten behalten ihre Schlüssel; benennen Sie den Eintrag um, "
                              "statt ihn zu löschen."),
    "catalog.use.responses": ("{n} survey {n|response|responses}",
                              "{n} {n|Umfrageantwort|Umfrageantworten}"),
    "catalog.use.audits": ("{n} audit {n|score|scores}", "{n} {n|Audit-Bewertung|Audit-Bewertungen}"),
    "catalog.use.web_rows": ("{n} web {n|row|rows}", "{n} {n|Web-Zeile|Web-Zeilen}"),
    "catalog.use.actions": ("{n} {n|action|actions}", "{n} {n|Maßnahme|Maßnahmen}"),
    "catalog.use.questions": ("{n} audit {n|question|questions}",
                              "{n} {n|Audit-Frage|Audit-Fragen}"),
    "catalog.use.rounds": ("{n} audit {n|round|rounds}", "{n} {n|Audit-Runde|Audit-Runden}"),
    "catalog.use.touchpoints": ("{n} {n|touchpoint|touchpoints}", "{n} {n|Touchpoint|Touchpoints}"),
    "catalog.use.subscriptions": ("{n} {n|subscription|subscriptions}",
                                  "{n} {n|Abonnement|Abonnements}"),
    "catalog.use.users": ("{n} {n|user|users}", "{n} Benutzer"),
    "catalog.use.journeys": ("{n} {n|journey|journeys}", "{n} {n|Journey|Journeys}"),
    "catalog.bad_picture": ("a picture must be PNG, JPEG, GIF or WebP of at most {mb} MB",
                            "ein Bild muss PNG, JPEG, GIF oder WebP sein, höchstens {mb} MB"),
    "catalog.merge_self": ("A touchpoint cannot be merged into itself.",
                           "Ein Touchpoint kann nicht in sich selbst zusammengeführt werden."),
    "catalog.merge_journeys": ("{value} belongs to journey {journey}, {into} to {into_journey}: "
                               "give it the journey of {into} first, then merge.",
                               "{value} gehört zur Journey {journey}, {into} zu {into_journey}: "
                               "zuerst {value} der Journey von {into} zuordnen, dann "
                               "zusammenführen."),
    "catalog.merge_rounds": ("{value} is part of {n} audit {n|round|rounds}; a touchpoint of a "
                             "round cannot be merged away.",
                             "{value} gehört zu {n} {n|Audit-Runde|Audit-Runden}; ein Touchpoint "
                             "einer Runde kann nicht weg-zusammengeführt werden."),
    "catalog.undo_not_latest": ("Only the latest change of {value} can be undone (change "
                                "{latest}).",
                                "Nur die letzte Änderung von {value} lässt sich rückgängig "
                                "machen (Änderung {latest})."),
    "catalog.undo_not_latest_merge": ("Merges are undone newest first: undo merge {latest} "
                                      "first.",
                                      "Zusammenführungen werden von der neuesten an rückgängig "
                                      "gemacht: zuerst {latest}."),
    "catalog.undo_done": ("Change {value} is already undone.",
                          "Änderung {value} ist schon rückgängig gemacht."),
    "catalog.forbidden": ("Changing the catalog needs the role analyst or higher; you are "
                          "{value} ({role}).",
                          "Den Katalog ändern dürfen Analysten und Admins; Sie sind {value} "
                          "({role})."),
    "alias.unknown_dimension": ("Aliases exist for {dimensions}, not {dimension}.",
                                "Aliasse gibt es für {dimensions}, nicht für {dimension}."),
    "alias.unknown_key": ("{key} is not a {dimension} key in the catalog (alias {label}).",
                          "{key} ist kein Schlüssel für {dimension} im Katalog (Alias {label})."),
    "more": ("… and {n} more {n|problem|problems}",
             "… und {n} {n|weiteres Problem|weitere Probleme}"),
    # notes: what the reader decided or skipped
    "note.catalog_kept": ("{n} {n|touchpoint|touchpoints} with actions {n|is|are} not in the "
                          "workbook and {n|was|were} kept: {keys}",
                          "{n} {n|Touchpoint|Touchpoints} mit Maßnahmen {n|fehlt|fehlen} in der "
                          "Arbeitsmappe und {n|bleibt|bleiben} erhalten: {keys}"),
    "note.skipped_previews": ("{n} survey {n|preview|previews} skipped",
                              "{n} {n|Umfrage-Vorschau|Umfrage-Vorschauen} übersprungen"),
    "note.skipped_incomplete": ("{n} incomplete {n|response|responses} (no submitdate) skipped",
                                "{n} {n|unvollständige Antwort|unvollständige Antworten} (ohne "
                                "submitdate) übersprungen"),
    "note.skipped_totals": ("{n} total {n|row|rows} skipped",
                            "{n} {n|Summenzeile|Summenzeilen} übersprungen"),
    "note.skipped_duplicates": (
        "{n} {n|response|responses} already stored (same response id) skipped",
        "{n} bereits gespeicherte {n|Antwort|Antworten} (gleiche Antwort-ID) übersprungen"),
    "note.skipped_invalid": ("{n} invalid {n|row|rows} left out ([skip_invalid])",
                             "{n} ungültige {n|Zeile|Zeilen} ausgelassen ([skip_invalid])"),
    "note.limesurvey_placeholder": (
        "submitdate 1980-01-01 is LimeSurvey's placeholder for anonymised surveys; {fallback}",
        "submitdate 1980-01-01 ist LimeSurveys Platzhalter für anonymisierte Umfragen; "
        "{fallback_de}"),
    "note.not_touchpoint": (
        "{n} {n|row|rows}, {sessions} {sessions|session|sessions} on pages that are no "
        "touchpoint: skipped; map a page to a touchpoint with [alias] to keep it",
        "{n} {n|Zeile|Zeilen}, {sessions} {sessions|Sitzung|Sitzungen} auf Seiten, die kein "
        "Touchpoint sind: übersprungen; ordne eine Seite über [alias] einem Touchpoint zu, "
        "um sie zu behalten"),
    "note.period_end": ("rows are period totals ({start} to {end}): dated at the period's end, "
                        "{end}",
                        "die Zeilen sind Summen eines Zeitraums ({start} bis {end}): datiert "
                        "auf sein Ende, {end}"),
    "note.range_end": ("the date column holds ranges (“{example}”): each row is dated at its "
                       "range's end",
                       "die Datumsspalte enthält Zeiträume („{example}“): jede Zeile ist auf "
                       "das Ende ihres Zeitraums datiert"),
    "note.more_tables": (
        "the file holds {n} more {n|table|tables} after the first (from line {line} on): "
        "ignored; only the first table is read",
        "die Datei enthält nach der ersten {n} weitere {n|Tabelle|Tabellen} (ab Zeile {line}): "
        "ignoriert; nur die erste Tabelle wird gelesen"),
    "note.date_order": (
        "dates in {column} read {order_en} ({reason_en}); switch with [day_first]",
        "Datumsangaben in {column} gelesen als {order_de} ({reason_de}); umschalten über "
        "[day_first]"),
    "note.date_override": ("every row dated {date} ([date] given)",
                           "jede Zeile auf {date} datiert ([date] angegeben)"),
    "note.timezone": ("times with a time zone or offset: stored as the calendar date where the "
                      "response was given (the local date written in the file)",
                      "Zeiten mit Zeitzone oder Versatz: gespeichert ist das Kalenderdatum am "
                      "Ort der Antwort (das lokale Datum der Datei)"),
    "note.score_candidates": ("score read from {column}; other candidates: {others}",
                              "Score aus {column}; weitere Kandidaten: {others}"),
    "note.skipped_concurrent": (
        "{n} {n|response|responses} stored by an import running at the same time (same response "
        "id) skipped",
        "{n} {n|Antwort|Antworten}, die ein gleichzeitig laufender Import gespeichert hat "
        "(gleiche Antwort-ID), übersprungen"),
    "note.aggregate_children": (
        "{n} child {n|row|rows} of a flattened report skipped (their parent rows hold the "
        "totals)",
        "{n} {n|Unterzeile|Unterzeilen} eines flachen Berichts übersprungen (die Elternzeilen "
        "enthalten die Summen)"),
}

_PLURAL = re.compile(r"\{(\w+)\|([^|{}]*)\|([^|{}]*)\}")
_CONTROL = re.compile(r"\[(\w+)\]")
_DIMENSIONS_DE = {"touchpoint": "Touchpoint", "journey": "Journey", "persona": "Persona",
                  "channel": "Kanal", "department": "Abteilung", "phase": "Phase"}
_EXTRA_DE = {
    "dimension_de": lambda p: _DIMENSIONS_DE.get(p.get("dimension", ""), p.get("dimension", "")),
}


def _plural(value) -> bool:
    try:
        return abs(float(value)) != 1
    except (TypeError, ValueError):
        return True


def _number(value, lang: str):
    """Counts with a thousands separator in the language's style."""
    if isinstance(value, bool) or not isinstance(value, int):
        return value
    text = f"{value:,}"
    return text.replace(",", ".") if lang == "de" else text


def render(code: str, params: dict | None = None, lang: str = "en",
           surface: str = "cli") -> str:
    """Render a code's text in the language for the surface (cli or page)."""
    params = dict(params or {})
    lang = lang if lang in LANGUAGES else "en"
    surface = surface if surface in SURFACES else "cli"
    en, de = MESSAGES.get(code, MESSAGES["text"])
    template = de if lang == "de" else en
    if code not in MESSAGES:
        params.setdefault("text", code)
    for key, make in _EXTRA_DE.items():
        params.setdefault(key, make(params))
    text = _PLURAL.sub(lambda m: m[3] if _plural(params.get(m[1])) else m[2], template)
    text = _CONTROL.sub(lambda m: CONTROLS[m[1]][surface][lang] if m[1] in CONTROLS
                        else m[0], text)
    shown = {k: _number(v, lang) for k, v in params.items()}
    try:
        return text.format_map(_Missing(shown))
    except (ValueError, IndexError):  # a brace in a value-free template: show as written
        return text


class _Missing(dict):
    def __missing__(self, key):
        return "{" + key + "}"
