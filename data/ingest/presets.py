"""Export formats of survey and analytics tools: detection, header rows, column mapping
and the tool's own conventions (missing codes, placeholder dates, total rows).

A preset turns a tool's export into columns named after the canonical fields; the
canonical validation in ``data.ingest.canonical`` then applies to every format alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from data.ingest.canonical import SCALES, family
from data.ingest.problems import Note, Problem, RejectedFile
from data.ingest.readers import TextTable, is_xlsx, read_any

FIELDS = {
    "survey": ("date", "score", "response_id", "journey", "touchpoint", "persona", "channel",
               "comment", "url"),
    "audit": ("date", "touchpoint", "score", "perspective", "question", "comment"),
    "web": ("date", "url", "touchpoint", "sessions", "conversions", "bounces", "bounce_rate",
            "time_on_page_s"),
}

# Header names (normalised: lower case, single spaces) that name a field, best first.
NAMES = {
    "date": ["date", "datum", "recordeddate", "recorded date", "submitdate", "submitted at",
             "submit date", "submit date (utc)", "datum abgeschickt", "date submitted",
             "completion time", "response timestamp", "created at", "erstellt am",
             "eingereicht am", "abgeschickt am", "timestamp", "zeitstempel", "tijdstempel",
             "horodateur", "horodatage", "date de soumission", "soumis le", "ingediend op",
             "datum ingediend", "end date", "enddate", "end time", "endtime", "lastdata", "day",
             "tag", "dag", "jour", "datestamp", "start date (utc)", "startdate", "start date",
             "start time", "time started", "started", "day index", "dagindex", "tagesindex",
             "created", "solved at", "rated at"],
    "response_id": ["response_id", "response id", "responseid", "respondent id", "id", "case",
                    "#", "antwort-id", "antwort id", "serial", "token", "network id",
                    "number", "ticket id", "survey response id"],
    "journey": ["journey", "customer journey", "reise"],
    "touchpoint": ["touchpoint", "touchpoint key", "kontaktpunkt"],
    "persona": ["persona", "segment"],
    "channel": ["channel", "kanal"],
    "comment": ["comment", "comments", "kommentar", "anmerkung", "anmerkungen", "feedback",
                "freitext", "begründung"],
    "perspective": ["perspective", "perspektive", "sicht"],
    "question": ["question", "frage", "kriterium"],
    "url": ["url", "page", "page path", "page path and screen class", "page location",
            "source url", "page url", "paginapad", "pagina", "chemin de la page", "page title",
            "page path + query string", "landing page", "landing page + query string", "label",
            "seite", "seiten-url", "seitenpfad"],
    "sessions": ["sessions", "sitzungen", "nb_visits", "visits", "besuche", "sessies",
                 "bezoeken", "visites"],
    "conversions": ["conversions", "key events", "schlüsselereignisse", "goal completions",
                    "nb_conversions", "transactions", "konversionen", "conversions (all)",
                    "goal conversions", "zielerreichungen", "zielvorhabenabschlüsse",
                    "behaalde doelen", "doelconversies", "conversies", "belangrijke gebeurtenissen",
                    "conversions d'objectifs", "événements clés"],
    "bounces": ["bounces", "absprünge", "bounce count", "nb_bounces"],
    "bounce_rate": ["bounce rate", "bounce_rate", "absprungrate", "bouncepercentage",
                    "taux de rebond"],
    "time_on_page_s": ["time_on_page_s", "time on page", "avg. time on page",
                       "average engagement time", "avg_time_on_page", "verweildauer",
                       "avg. session duration"],
}
# Words in a question text that mark the open comment of a survey.
COMMENT_WORDS = ["reason", "why", "grund", "warum", "better", "besser", "comment", "kommentar",
                 "anmerkung", "verbessern"]
# Words in a header or question text that mark the score column of each kind.
SCORE_WORDS = {
    "nps": ["nps", "recommend", "empfehl", "weiterempf", "likely", "wahrscheinlich",
            "aanbevelen", "recommander"],
    "ces": ["ces", "effort", "aufwand", "einfach", "easy", "leicht", "moeite", "facile"],
    "csat": ["csat", "satisf", "zufrieden", "tevreden", "rating"],
    "audit": ["score", "bewertung", "wert", "punkte", "rating"],
}
NPS_ENDS = {"extremely likely": "10", "äußerst wahrscheinlich": "10",
            "sehr wahrscheinlich": "10", "not at all likely": "0",
            "überhaupt nicht wahrscheinlich": "0", "gar nicht wahrscheinlich": "0"}
# Verbal answers as survey tools export them ("full text" / "choice text" instead of
# codes), read by their meaning onto the canonical scale: CSAT 1-5 (5 = very satisfied),
# CES 1-7 (7 = least effort: "strongly agree" that it was easy, or "very easy").
SCALE_LABELS = {
    "csat": {
        "1": ["very dissatisfied", "extremely dissatisfied", "very unsatisfied",
              "sehr unzufrieden", "äußerst unzufrieden", "überhaupt nicht zufrieden",
              "gar nicht zufrieden"],
        "2": ["dissatisfied", "somewhat dissatisfied", "unsatisfied", "unzufrieden",
              "eher unzufrieden", "weniger zufrieden", "nicht zufrieden"],
        "3": ["neither satisfied nor dissatisfied", "neither satisfied or dissatisfied",
              "neutral", "neither", "weder noch", "weder zufrieden, noch unzufrieden",
              "weder zufrieden noch unzufrieden", "teils/teils", "teils, teils", "teils teils",
              "mittelmäßig"],
        "4": ["satisfied", "somewhat satisfied", "zufrieden", "eher zufrieden"],
        "5": ["very satisfied", "extremely satisfied", "completely satisfied",
              "sehr zufrieden", "äußerst zufrieden", "vollkommen zufrieden",
              "voll und ganz zufrieden"],
    },
    "ces": {
        "1": ["strongly disagree", "stimme überhaupt nicht zu", "trifft überhaupt nicht zu",
              "stimme gar nicht zu", "trifft gar nicht zu", "lehne voll und ganz ab",
              "very difficult", "sehr schwierig", "sehr schwer", "extremely difficult"],
        "2": ["disagree", "stimme nicht zu", "trifft nicht zu", "lehne ab", "difficult",
              "schwierig", "schwer"],
        "3": ["somewhat disagree", "slightly disagree", "stimme eher nicht zu", "lehne eher ab",
              "trifft eher nicht zu", "somewhat difficult", "eher schwierig", "eher schwer"],
        "4": ["neither agree nor disagree", "neither agree or disagree", "neutral", "weder noch",
              "stimme weder zu noch nicht zu", "weder zustimmung noch ablehnung",
              "neither difficult nor easy", "neither easy or difficult", "teils/teils",
              "teils, teils", "teils teils", "neither easy nor difficult",
              "weder leicht noch schwer", "weder einfach noch schwierig"],
        "5": ["somewhat agree", "slightly agree", "stimme eher zu", "trifft eher zu",
              "stimme teilweise zu",
              "somewhat easy", "eher leicht", "eher einfach"],
        "6": ["agree", "stimme zu", "trifft zu", "easy", "leicht", "einfach"],
        "7": ["strongly agree", "stimme voll und ganz zu", "stimme voll zu",
              "trifft voll und ganz zu", "trifft voll zu", "very easy", "sehr leicht",
              "sehr einfach", "extremely easy"],
    },
}
# Verbal "no answer" cells count as unanswered (skipped), as an empty cell does.
NO_ANSWER = {"keine antwort", "keine angabe", "k. a.", "k.a.", "weiß nicht", "weiss nicht",
             "kann ich nicht beurteilen", "no answer", "n/a", "na", "not applicable",
             "don't know", "don’t know", "do not know", "dont know", "i don't know", "not sure",
             "prefer not to say", "prefer not to answer", "weet niet", "geen mening",
             "ne sait pas", "je ne sais pas", "offered", "unoffered"}
# Zendesk's CSAT ratings: good / bad (legacy) on the 1-5 scale's ends.
SCALE_LABELS["csat"]["5"] += ["good", "good, i'm satisfied", "gut", "positive"]
SCALE_LABELS["csat"]["1"] += ["bad", "bad, i'm unsatisfied", "schlecht", "negative"]
# NPS answered in words at the ends (likelihood wordings of the 0-10 scale).
YES_NO = {"yes", "no", "ja", "nein", "y", "n", "true", "false", "wahr", "falsch", "oui", "non",
          "nee", "i don't remember", "maybe", "vielleicht", "weiß nicht", "don't know"}
_SCALE_VALUES = {kind: {label: value for value, labels in scale.items() for label in labels}
                 for kind, scale in SCALE_LABELS.items()}
LIMESURVEY_PLACEHOLDER = "1980-01-01"
TOTAL_LABELS = {"grand total", "total", "gesamtsumme", "summe", "gesamt", "totals"}


def norm(text: str) -> str:
    return re.sub(r"[\s_]+", " ", str(text).strip().lower())


@dataclass
class Source:
    """A tool export read into named columns, with what the reader found out."""

    preset: str
    frame: pd.DataFrame
    encoding: str
    delimiter: str
    descriptions: dict[str, str] = field(default_factory=dict)  # column -> question text
    notes: list[str] = field(default_factory=list)
    period: tuple[str, str] | None = None  # a report period from the preamble (start, end)
    candidates: list[str] = field(default_factory=list)  # other possible score columns

    @property
    def columns(self) -> list[str]:
        return list(self.frame.columns)


PRESETS = ("canonical", "qualtrics", "qualtrics-legacy", "surveymonkey", "limesurvey", "sosci",
           "typeform", "googleforms", "msforms", "alchemer", "delighted", "hotjar", "zendesk",
           "ga4", "ua", "matomo", "excel-de", "xlsx")
HEADER_ROWS = {"qualtrics": 3, "qualtrics-legacy": 2, "surveymonkey": 2}
# How a tool writes ambiguous dates like 03/04/2026 when its values do not decide it.
DATE_CONVENTION = {"googleforms": "month-first", "msforms": "month-first",
                   "typeform": "month-first", "alchemer": "month-first", "ga4": "day-first",
                   "excel-de": "day-first", "sosci": "day-first", "limesurvey": "day-first",
                   "hotjar": "day-first", "matomo": "day-first"}
DATE_FIRST_HEADERS = {"timestamp": "googleforms", "zeitstempel": "googleforms",
                      "horodateur": "googleforms", "tijdstempel": "googleforms",
                      "marca temporal": "googleforms", "marca de temps": "googleforms",
                      "informazioni cronologiche": "googleforms"}


def detect(table: TextTable) -> str:
    """Name the tool that wrote a file from its first rows."""
    heads = table.header_rows
    first = [norm(c) for c in heads[0]] if heads else []
    cells = set(first)
    row2 = [norm(c) for c in table.frame.iloc[0]] if len(table.frame) else []
    row3 = [str(c) for c in table.frame.iloc[1]] if len(table.frame) > 1 else []
    if "responseid" in cells and any(c.replace("'", '"').startswith('{"importid"')
                                     for c in [x.lower() for x in row3]):
        return "qualtrics"  # current and 2016 formats: names, question texts, ImportIds
    if first[:2] == ["v1", "v2"] and "responseid" in row2:
        return "qualtrics-legacy"  # V1…Vn export tags, then one label row
    if "respondent id" in cells and any(c in ("response", "open-ended response") for c in row2):
        return "surveymonkey"
    if "submitdate" in cells and ("id" in cells or "lastpage" in cells):
        return "limesurvey"
    if "case" in cells and cells & {"serial", "questnnr", "mode", "lastdata"}:
        return "sosci"
    if first[:1] == ["#"] and cells & {"submitted at", "network id", "start date (utc)"}:
        return "typeform"
    if "label" in cells and cells & {"nb visits", "nb hits", "nb uniq visitors"}:
        return "matomo"
    if any(c.startswith("metadaten:") or c.startswith("metadata:") for c in first) or (
            cells & {"bezeichnung", "libellé"} and cells & {"besuche", "visites"}):
        return "matomo"  # a translated report (German, French), flattened or not
    if first[:1] and first[0] in DATE_FIRST_HEADERS:
        return DATE_FIRST_HEADERS[first[0]]
    if {"start time", "completion time"} <= cells and "id" in cells:
        return "msforms"
    if "response id" in cells and cells & {"date submitted", "time started"}:
        return "alchemer"
    if "score" in cells and cells & {"permalink", "response timestamp", "delighted permalink"}:
        return "delighted"
    if cells & {"hotjar user id", "source url"} and cells & {"date submitted", "number"}:
        return "hotjar"
    if "ticket id" in cells and any("satisfaction" in c or "rating" in c for c in first):
        return "zendesk"
    preamble = " ".join(table.preamble).lower()
    if cells & {"key events", "average engagement time", "page path and screen class",
                "views", "active users", "engaged sessions", "engagement rate",
                "schlüsselereignisse", "aktive nutzer", "belangrijke gebeurtenissen",
                "actieve gebruikers"} or any("(default channel group)" in c for c in first) \
            or "property:" in preamble and "start date:" in preamble:
        return "ga4"
    if cells & {"pageviews", "avg. time on page", "goal completions", "bounce rate",
                "unique pageviews", "sessies", "bouncepercentage", "behaalde doelen",
                "paginaweergaven", "% new sessions", "% nieuwe sessies"} or "all web site data" in preamble:
        return "ua"
    if table.delimiter != ";" and cells & {"seitenaufrufe", "zielerreichungen", "absprungrate",
                                           "neue sitzungen in %", "pages vues", "taux de rebond",
                                           "objectifs atteints"}:
        return "ua"  # German and French UA exports (a ";" file is German Excel)
    if table.delimiter == ";":
        return "excel-de"
    return "canonical"


def read_source(content: bytes, file_name: str = "", preset: str = "auto",
                sheet: str | None = None) -> Source:
    """Read a file as the named preset, or detect which tool wrote it; for a workbook,
    the named sheet or the first."""
    if preset not in ("auto", *PRESETS):
        raise RejectedFile([Problem.of("file.unknown_preset", preset=repr(preset),
                                       presets=", ".join(PRESETS))])
    probe = read_any(content, file_name, header_rows=1, sheet=sheet)
    name = detect(probe) if preset in ("auto", "xlsx") else preset
    rows = HEADER_ROWS.get(name, 1)
    table = probe.with_header_rows(rows) or read_any(content, file_name, header_rows=rows,
                                                     sheet=sheet)
    frame = table.frame
    descriptions: dict[str, str] = {}
    if name == "qualtrics":
        # Rows 2 and 3 of the file are question texts and ImportIds, not answers.
        descriptions = dict(zip(table.header_rows[0], table.header_rows[1], strict=False))
    elif name == "qualtrics-legacy":
        # V1…V10 are export tags whose names stand in the label row; questions keep their
        # ids (Q1) and the label row is their text.
        tags, labels = table.header_rows[0], table.header_rows[1]
        columns = [label if re.fullmatch(r"V\d+", tag) and label else tag
                   for tag, label in zip(tags, labels, strict=False)]
        frame.columns = columns + list(frame.columns[len(columns):])
        descriptions = dict(zip(columns, labels, strict=False))
    elif name == "surveymonkey":
        frame.columns = _surveymonkey_columns(table.header_rows)
        descriptions = {c: c for c in frame.columns}
    frame = _unique_columns(frame)
    notes: list = []
    if is_xlsx(content, file_name):
        notes.append("xlsx")
    if table.more_tables[0]:
        notes.append(Note("note.more_tables", n=table.more_tables[0], line=table.more_tables[1]))
    source = Source(name, frame, table.encoding, table.delimiter, descriptions, notes)
    source.period = _preamble_period(table.preamble)
    return source


def _preamble_period(lines: list[str]) -> tuple[str, str] | None:
    """The report period a GA4 (or UA) download names in its preamble, as ISO dates."""
    found = {}
    for line in lines:
        m = re.match(r"(start|end)\s*date\s*:\s*(\d{4})-?(\d{2})-?(\d{2})\s*$", line, re.I)
        if m:
            found[m[1].lower()] = f"{m[2]}-{m[3]}-{m[4]}"
        m = re.match(r"(\d{4})(\d{2})(\d{2})\s*-\s*(\d{4})(\d{2})(\d{2})$", line)
        if m:  # UA: "20140101-20141231"
            found = {"start": f"{m[1]}-{m[2]}-{m[3]}", "end": f"{m[4]}-{m[5]}-{m[6]}"}
    return (found.get("start", found["end"]), found["end"]) if "end" in found else None


def _surveymonkey_columns(heads: list[list[str]]) -> list[str]:
    """Combine SurveyMonkey's two header rows; the question text spans empty cells."""
    question, names = "", []
    second = heads[1] if len(heads) > 1 else [""] * len(heads[0])
    for top, sub in zip(heads[0], second, strict=False):
        question = top or question
        if sub in ("", "Response", "Open-Ended Response") or not top and not question:
            names.append(question or sub)
        else:
            names.append(f"{question} – {sub}" if question else sub)
    return names


def _unique_columns(frame: pd.DataFrame) -> pd.DataFrame:
    seen: dict[str, int] = {}
    columns = []
    for c in frame.columns:
        c = str(c) or "(unnamed)"
        seen[c] = seen.get(c, 0) + 1
        columns.append(c if seen[c] == 1 else f"{c} ({seen[c]})")
    return frame.set_axis(columns, axis=1)


def propose_mapping(source: Source, kind: str) -> dict[str, str]:
    """Propose which column holds each field, from names, question texts and the preset."""
    columns = source.columns
    normalised = {c: norm(c) for c in columns}
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for fld in FIELDS[family(kind)]:
        if fld == "score":
            continue
        for name in NAMES.get(fld, []):
            hit = next((c for c in columns if normalised[c] == norm(name) and c not in used),
                       None)
            if hit:
                mapping[fld] = hit
                used.add(hit)
                break
    if "date" in FIELDS[family(kind)] and "date" not in mapping:
        found = _date_column(source, used)
        if found:
            mapping["date"] = found
            used.add(found)
    if "score" in FIELDS[family(kind)]:
        score = _score_column(source, kind, used)
        if score:
            mapping["score"] = score
            used.add(score)
    if "comment" in FIELDS[family(kind)] and "comment" not in mapping:
        for c in columns:
            text = norm(c) + " " + norm(source.descriptions.get(c, ""))
            if c not in used and "group" not in text and any(w in text for w in COMMENT_WORDS):
                mapping["comment"] = c
                break
    return mapping


def _score_column(source: Source, kind: str, used: set[str]) -> str | None:
    columns = source.columns
    names = {norm(c) for c in columns}
    if kind == "nps":
        # Qualtrics: the question with a companion <col>_NPS_GROUP column.
        for c in columns:
            if norm(c + "_NPS_GROUP") in names:
                return c
    exact = next((c for c in columns if norm(c) == "score" and c not in used), None)
    if exact:
        return exact
    words = SCORE_WORDS[kind]
    named = []
    for c in columns:
        text = norm(c) + " " + norm(source.descriptions.get(c, ""))
        if c in used or "group" in text or text.strip().endswith(("reason", "why")):
            continue
        if any(re.search(rf"(^|\W){re.escape(w)}", text) for w in words):
            named.append(c)
    # The question text proposes, the values decide: a Yes/No column beside the 0-10
    # question ("Recommended" and "Likely-To-Recommend") is never the score.
    fits = {c: scale_fit(source.frame[c], kind) for c in named}
    ranked = sorted((c for c in named if fits[c] >= 0.8), key=lambda c: -fits[c])
    source.candidates = [c for c in ranked[1:]] + [c for c in named
                                                   if 0 < fits[c] < 0.8]
    return ranked[0] if ranked else None


# Words of a header that holds a date, in English, German, Dutch and French.
DATE_WORDS = ("date", "datum", "time", "zeit", "tijd", "heure", "timestamp", "stempel",
              "created", "erstellt", "submitted", "eingereicht", "ingediend", "soumis", "jour",
              "tag", "day", "dag")


def _date_column(source: Source, used: set[str]) -> str | None:
    """A column named like a date ("Ticket solved - Date", "Datum der Antwort") whose
    values read as dates."""
    from data.ingest.problems import Problems
    from data.ingest.validate import parse_date

    for c in source.columns:
        if c in used or not any(re.search(rf"(^|\W){w}", norm(c)) for w in DATE_WORDS):
            continue
        cells = source.frame[c][source.frame[c] != ""].head(200)
        if cells.empty:
            continue
        parsed = parse_date(cells, c, Problems())
        if parsed.notna().mean() >= 0.8:
            return c
    return None


def _score_cells(cells: pd.Series, kind: str) -> pd.Series:
    """Cells as the score rules read them: verbal answers to their scale value."""
    lowered = cells.str.lower().str.replace(r"\s+", " ", regex=True).str.strip().str.rstrip(".!")
    mapped = lowered.astype(object).map(_SCALE_VALUES.get(kind, {}))
    return mapped.where(mapped.notna(), lowered.astype(object))


def scale_fit(column: pd.Series, kind: str, sample: int = 2000) -> float:
    """Share of a column's answers (a sample) that fit the kind's scale; 0 for a Yes/No
    column."""
    cells = column[column != ""].head(sample)
    if cells.empty:
        return 0.0
    read = _score_cells(cells, kind)
    if read.isin(YES_NO).mean() > 0.5:
        return 0.0
    low, high = SCALES[kind]
    number = pd.to_numeric(read.str.extract(r"^(-?\d+(?:[.,]\d+)?)")[0].str.replace(",", "."),
                           errors="coerce")
    fits = number.between(low, high) | read.isin(NO_ANSWER) | (number < 0)  # -9: missing code
    return float(fits.mean())


def _aggregate_children(frame: pd.DataFrame, cols: dict[str, str]) -> pd.Series:
    """Rows of a flattened Matomo report whose parent row (is_aggregate = 1) is in the
    file too: the parent holds the total, the child would count it again."""
    flag = next((c for n, c in cols.items() if n.endswith("is aggregate")
                 or n.endswith("is_aggregate")), None)
    label = cols.get("label") or cols.get("bezeichnung") or cols.get("libellé")
    none = pd.Series(False, index=frame.index)
    if flag is None or label is None:
        return none
    parents = frame[label][frame[flag] == "1"]
    if parents.empty:
        return none
    prefixes = tuple(f"{p} - " for p in parents)
    return (frame[flag] == "0") & frame[label].str.startswith(prefixes)


def resolve_column(source: Source, reference: str) -> str:
    """Resolve a mapping target: a header as shown in the preview or #N (1-based)."""
    if reference.startswith("#") and reference[1:].isdigit():
        index = int(reference[1:]) - 1
        if 0 <= index < len(source.columns):
            return source.columns[index]
        raise KeyError(f"the file has no column {reference} (it has {len(source.columns)})")
    for c in source.columns:
        if c == reference or norm(c) == norm(reference):
            return c
    raise KeyError(f"the file has no column {reference!r}")


def apply(source: Source, kind: str, mapping: dict[str, str],
          default_date: str | None = None,
          ces_reversed: bool = False, answers: dict[str, str] | None = None,
          wordings: dict[str, list[int]] | None = None
          ) -> tuple[pd.DataFrame, int, list[str]]:
    """Return (frame with canonical column names, rows skipped, notes) after the preset's
    own rules: incomplete responses, missing codes, verbal answers, placeholder dates,
    total rows. Verbal CES answers already mean 7 = least effort; with ces_reversed (for the
    source's numbers) they are stored so that the later flip leaves them as they are.

    ``answers`` maps further wordings (lower case) to scale values; rows whose wording no
    rule knows are left out and listed in ``wordings`` (wording -> rows)."""
    frame = source.frame
    out = pd.DataFrame(index=frame.index)
    for fld, column in mapping.items():
        out[fld] = frame[column]
    notes: list[str] = []
    keep = pd.Series(True, index=frame.index)
    invalid = pd.Series(False, index=frame.index).to_numpy()  # rows of unknown wordings
    cols = {norm(c): c for c in frame.columns}
    if source.preset == "limesurvey" and "submitdate" in cols:
        submit = frame[cols["submitdate"]]
        incomplete = submit == ""
        keep &= ~incomplete
        if incomplete.any():
            notes.append(Note("note.skipped_incomplete", n=int(incomplete.sum())))
        if "date" in out and (out["date"].str.startswith(LIMESURVEY_PLACEHOLDER)).any():
            placeholder = out["date"].str.startswith(LIMESURVEY_PLACEHOLDER)
            fallback = next((frame[cols[n]] for n in ("startdate", "datestamp") if n in cols
                             and not frame[cols[n]].str.startswith(LIMESURVEY_PLACEHOLDER)
                             .all()), None)
            if fallback is not None:
                out.loc[placeholder, "date"] = fallback[placeholder]
            else:
                out.loc[placeholder, "date"] = default_date or ""
            how = "startdate" if fallback is not None else "given" if default_date else "none"
            notes.append(Note("note.limesurvey_placeholder", fallback={
                "startdate": "startdate used instead", "given": "the date given is used",
                "none": "give the date"}[how], fallback_de={
                "startdate": "stattdessen startdate verwendet",
                "given": "das angegebene Datum wird verwendet",
                "none": "gib das Datum an"}[how]))
    if source.preset in ("qualtrics", "qualtrics-legacy"):
        # Qualtrics previews are test answers, not customers.
        status = frame[cols["status"]] if "status" in cols else None
        if status is not None:
            preview = status.str.lower().isin({"survey preview", "1", "preview"})
            keep &= ~preview
            if preview.any():
                notes.append(Note("note.skipped_previews", n=int(preview.sum())))
        if "score" in mapping and norm(mapping["score"] + "_NPS_GROUP") in cols:
            out["nps_group"] = frame[cols[norm(mapping["score"] + "_NPS_GROUP")]]
    if "score" in out:
        # Only cells that are not plain numbers need the slower text rules.
        texty = ~out["score"].str.fullmatch(r"-?\d+") & (out["score"] != "")
        if texty.any():
            original = out.loc[texty, "score"]
            lowered = score = original.str.lower()
            labels = {**_SCALE_VALUES.get(kind, {}),
                      **{norm(k): str(v) for k, v in (answers or {}).items()}}
            if labels:
                plain = (score.str.replace(r"\s+", " ", regex=True).str.strip()
                         .str.rstrip(".!").map(labels))
                if kind == "ces" and ces_reversed:
                    plain = plain.map(lambda v: str(8 - int(v)), na_action="ignore")
                score = plain.fillna(score)
            score = score.where(~score.isin(NO_ANSWER), "")  # cells arrive trimmed
            for text, value in NPS_ENDS.items():
                score = score.where(~score.str.startswith(text), value)
            # "10 - Extremely likely", "9 = sehr wahrscheinlich": the leading number counts.
            leading = score.str.extract(r"^\s*(-?\d+(?:[.,]\d+)?)\s*(?:[-–=:]\s*\D.*)?$")[0]
            # A cell no rule understood keeps its own spelling for the problem report.
            read = leading.fillna(score.where(score != lowered, original))
            out.loc[texty, "score"] = read
            # Numbers in any spelling (1e308, Infinity) are no wordings: the number rules
            # report them as the invalid values they are.
            numeric = read.str.fullmatch(r"[-+]?(?:\d+(?:[.,]\d+)?(?:[eE][-+]?\d+)?|inf(?:inity)?|nan)",
                                         case=False)
            unknown = read[(read != "") & leading.isna() & ~numeric]
            if wordings is not None and not unknown.empty:
                for wording, rows in unknown.groupby(unknown, sort=False).groups.items():
                    wordings[str(wording)] = [int(r) for r in rows]
                invalid = out.index.isin(unknown.index)
        # Tools' "no answer" codes (SoSci -9, -1, …; SPSS-style 99/-99 are left alone).
        missing = out["score"].str.match(r"^-\d+$") & (source.preset in ("sosci", "limesurvey"))
        out.loc[missing, "score"] = ""
    if family(kind) == "web":
        # Analytics exports end (or start) with a grand-total row: not a page, not a day.
        total = pd.Series(False, index=out.index)
        for c in ("url", "date"):
            if c in out:
                total |= out[c].str.strip().str.lower().isin(TOTAL_LABELS)
        dims = [c for c in ("url", "date", "touchpoint") if c in out]
        if dims:
            total |= (out[dims] == "").all(axis=1)
        if total.any():
            keep &= ~total
            notes.append(Note("note.skipped_totals", n=int(total.sum())))
        children = _aggregate_children(frame, cols)
        if children.any():
            keep &= ~children
            notes.append(Note("note.aggregate_children", n=int(children.sum())))
    if default_date:
        out["date"] = default_date
    elif "date" not in out and source.period:
        out["date"] = source.period[1]
        notes.append(Note("note.period_end", start=source.period[0], end=source.period[1]))
    skipped = int((~keep).sum())
    return out.loc[keep & ~invalid], skipped, notes
