"""Export formats of survey and analytics tools: detection, header rows, column mapping
and the tool's own conventions (missing codes, placeholder dates, total rows).

A preset turns a tool's export into columns named after the canonical fields; the
canonical validation in ``data.ingest.canonical`` then applies to every format alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from data.ingest.canonical import family
from data.ingest.problems import Problem, RejectedFile
from data.ingest.readers import TextTable, is_xlsx, read_any

FIELDS = {
    "survey": ("date", "score", "response_id", "journey", "touchpoint", "persona", "channel",
               "comment"),
    "audit": ("date", "touchpoint", "score", "perspective", "question", "comment"),
    "web": ("date", "url", "touchpoint", "sessions", "conversions", "bounces", "bounce_rate",
            "time_on_page_s"),
}

# Header names (normalised: lower case, single spaces) that name a field, best first.
NAMES = {
    "date": ["date", "datum", "recordeddate", "recorded date", "submitdate", "submitted at",
             "submit date", "submit date (utc)", "datum abgeschickt", "end date", "enddate",
             "lastdata", "day",
             "tag", "datestamp", "start date (utc)",
             "startdate", "start date", "started", "day index", "created", "timestamp"],
    "response_id": ["response_id", "response id", "responseid", "respondent id", "id", "case",
                    "#", "antwort-id", "antwort id", "serial", "token", "network id"],
    "journey": ["journey", "customer journey", "reise"],
    "touchpoint": ["touchpoint", "touchpoint key", "kontaktpunkt"],
    "persona": ["persona", "segment"],
    "channel": ["channel", "kanal"],
    "comment": ["comment", "comments", "kommentar", "anmerkung", "anmerkungen", "feedback",
                "freitext", "begründung"],
    "perspective": ["perspective", "perspektive", "sicht"],
    "question": ["question", "frage", "kriterium"],
    "url": ["url", "page", "page path", "page path and screen class", "page location",
            "page path + query string", "landing page", "landing page + query string", "label",
            "seite", "seiten-url", "seitenpfad"],
    "sessions": ["sessions", "sitzungen", "nb_visits", "visits", "besuche"],
    "conversions": ["conversions", "key events", "goal completions", "nb_conversions",
                    "transactions", "konversionen", "conversions (all)", "goal conversions"],
    "bounces": ["bounces", "absprünge", "bounce count"],
    "bounce_rate": ["bounce rate", "bounce_rate", "absprungrate"],
    "time_on_page_s": ["time_on_page_s", "time on page", "avg. time on page",
                       "average engagement time", "avg_time_on_page", "verweildauer",
                       "avg. session duration"],
}
# Words in a question text that mark the open comment of a survey.
COMMENT_WORDS = ["reason", "why", "grund", "warum", "better", "besser", "comment", "kommentar",
                 "anmerkung", "verbessern"]
# Words in a header or question text that mark the score column of each kind.
SCORE_WORDS = {
    "nps": ["nps", "recommend", "empfehl", "weiterempf"],
    "ces": ["ces", "effort", "aufwand", "einfach", "easy"],
    "csat": ["csat", "satisf", "zufrieden"],
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
        "3": ["neither satisfied nor dissatisfied", "neutral", "neither", "weder noch",
              "weder zufrieden noch unzufrieden", "teils/teils", "teils, teils", "teils teils",
              "mittelmäßig"],
        "4": ["satisfied", "somewhat satisfied", "zufrieden", "eher zufrieden"],
        "5": ["very satisfied", "extremely satisfied", "completely satisfied",
              "sehr zufrieden", "äußerst zufrieden", "vollkommen zufrieden",
              "voll und ganz zufrieden"],
    },
    "ces": {
        "1": ["strongly disagree", "stimme überhaupt nicht zu", "trifft überhaupt nicht zu",
              "very difficult", "sehr schwierig", "sehr schwer", "extremely difficult"],
        "2": ["disagree", "stimme nicht zu", "trifft nicht zu", "difficult", "schwierig",
              "schwer"],
        "3": ["somewhat disagree", "slightly disagree", "stimme eher nicht zu",
              "trifft eher nicht zu", "somewhat difficult", "eher schwierig", "eher schwer"],
        "4": ["neither agree nor disagree", "neutral", "weder noch", "teils/teils",
              "teils, teils", "teils teils", "neither easy nor difficult",
              "weder leicht noch schwer", "weder einfach noch schwierig"],
        "5": ["somewhat agree", "slightly agree", "stimme eher zu", "trifft eher zu",
              "somewhat easy", "eher leicht", "eher einfach"],
        "6": ["agree", "stimme zu", "trifft zu", "easy", "leicht", "einfach"],
        "7": ["strongly agree", "stimme voll und ganz zu", "stimme voll zu",
              "trifft voll und ganz zu", "trifft voll zu", "very easy", "sehr leicht",
              "sehr einfach", "extremely easy"],
    },
}
# Verbal "no answer" cells count as unanswered (skipped), as an empty cell does.
NO_ANSWER = {"keine antwort", "keine angabe", "k. a.", "k.a.", "weiß nicht", "weiss nicht",
             "no answer", "n/a", "not applicable", "don't know", "prefer not to say"}
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

    @property
    def columns(self) -> list[str]:
        return list(self.frame.columns)


PRESETS = ("canonical", "qualtrics", "surveymonkey", "limesurvey", "sosci", "typeform", "ga4",
           "ua", "matomo", "excel-de", "xlsx")
HEADER_ROWS = {"qualtrics": 3, "surveymonkey": 2}


def detect(table: TextTable) -> str:
    """Name the tool that wrote a file from its first rows."""
    heads = table.header_rows
    first = [norm(c) for c in heads[0]] if heads else []
    cells = set(first)
    row2 = [norm(c) for c in table.frame.iloc[0]] if len(table.frame) else []
    row3 = [str(c) for c in table.frame.iloc[1]] if len(table.frame) > 1 else []
    if "responseid" in cells and any(c.startswith('{"importid"') for c in
                                     [x.lower() for x in row3]):
        return "qualtrics"
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
    if cells & {"key events", "average engagement time", "page path and screen class",
                "views", "active users"}:
        return "ga4"
    if cells & {"pageviews", "avg. time on page", "goal completions", "bounce rate",
                "unique pageviews"}:
        return "ua"
    if table.delimiter == ";":
        return "excel-de"
    return "canonical"


def read_source(content: bytes, file_name: str = "", preset: str = "auto",
                sheet: str | None = None) -> Source:
    """Read a file as the named preset, or detect which tool wrote it; for a workbook,
    the named sheet or the first."""
    if preset not in ("auto", *PRESETS):
        raise RejectedFile([Problem(None, None, f"Unknown preset {preset!r}; use auto or one "
                                                f"of {', '.join(PRESETS)}")])
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
    elif name == "surveymonkey":
        frame.columns = _surveymonkey_columns(table.header_rows)
        descriptions = {c: c for c in frame.columns}
    frame = _unique_columns(frame)
    notes = []
    if is_xlsx(content, file_name):
        notes.append("xlsx")
    return Source(name, frame, table.encoding, table.delimiter, descriptions, notes)


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
    for c in columns:
        text = norm(c) + " " + norm(source.descriptions.get(c, ""))
        if c in used or "group" in text or text.strip().endswith(("reason", "why")):
            continue
        if any(re.search(rf"(^|\W){re.escape(w)}", text) for w in words):
            return c
    return None


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
          ces_reversed: bool = False) -> tuple[pd.DataFrame, int, list[str]]:
    """Return (frame with canonical column names, rows skipped, notes) after the preset's
    own rules: incomplete responses, missing codes, verbal answers, placeholder dates,
    total rows. Verbal CES answers already mean 7 = least effort; with ces_reversed (for the
    source's numbers) they are stored so that the later flip leaves them as they are."""
    frame = source.frame
    out = pd.DataFrame(index=frame.index)
    for fld, column in mapping.items():
        out[fld] = frame[column]
    notes: list[str] = []
    keep = pd.Series(True, index=frame.index)
    cols = {norm(c): c for c in frame.columns}
    if source.preset == "limesurvey" and "submitdate" in cols:
        submit = frame[cols["submitdate"]]
        incomplete = submit == ""
        keep &= ~incomplete
        if incomplete.any():
            notes.append(f"{int(incomplete.sum())} incomplete responses (no submitdate) skipped")
        if "date" in out and (out["date"].str.startswith(LIMESURVEY_PLACEHOLDER)).any():
            placeholder = out["date"].str.startswith(LIMESURVEY_PLACEHOLDER)
            fallback = next((frame[cols[n]] for n in ("startdate", "datestamp") if n in cols
                             and not frame[cols[n]].str.startswith(LIMESURVEY_PLACEHOLDER)
                             .all()), None)
            if fallback is not None:
                out.loc[placeholder, "date"] = fallback[placeholder]
            else:
                out.loc[placeholder, "date"] = default_date or ""
            notes.append("submitdate 1980-01-01 is LimeSurvey's placeholder for anonymised "
                         "surveys; " + ("startdate used instead" if fallback is not None else
                                        "the import date is used" if default_date else
                                        "give the date with --date"))
    if source.preset == "qualtrics":
        # Qualtrics previews are test answers, not customers.
        status = frame[cols["status"]] if "status" in cols else None
        if status is not None:
            preview = status.str.lower().isin({"survey preview", "1", "preview"})
            keep &= ~preview
            if preview.any():
                notes.append(f"{int(preview.sum())} survey previews skipped")
        if "score" in mapping and norm(mapping["score"] + "_NPS_GROUP") in cols:
            out["nps_group"] = frame[cols[norm(mapping["score"] + "_NPS_GROUP")]]
    if "score" in out:
        # Only cells that are not plain numbers need the slower text rules.
        texty = ~out["score"].str.fullmatch(r"-?\d+") & (out["score"] != "")
        if texty.any():
            original = out.loc[texty, "score"]
            lowered = score = original.str.lower()
            labels = _SCALE_VALUES.get(kind, {})
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
            out.loc[texty, "score"] = leading.fillna(score.where(score != lowered, original))
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
            notes.append(f"{int(total.sum())} total rows skipped")
    if "date" not in out and default_date:
        out["date"] = default_date
    skipped = int((~keep).sum())
    return out.loc[keep], skipped, notes
