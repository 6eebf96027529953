"""The canonical import format: columns per kind, validated into insert-ready frames.

Facts (CSV or first sheet of an .xlsx):

- ``nps`` / ``ces`` / ``csat``: date, score; optional response_id, journey, touchpoint,
  persona, channel, comment. Scales: NPS 0–10, CES 1–7 (7 = least effort), CSAT 1–5.
- ``audit``: date, touchpoint, score (1–10); optional perspective, question, comment.
- ``web``: date, sessions, conversions and url or touchpoint; optional bounces,
  time_on_page_s.

Catalog (.xlsx): sheets personas, phases, channels, departments, journeys, touchpoints.

A row whose score is empty is skipped and counted (no answer); any other bad cell is a
problem, and one problem rejects the whole file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from data import schema
from data.ingest import validate as v
from data.ingest.problems import Problems

SCALES = {"nps": (0, 10), "ces": (1, 7), "csat": (1, 5), "audit": (1, 10)}

PERSPECTIVE_WORDS = {
    "customer": "customer", "kunde": "customer", "kunden": "customer", "outside-in": "customer",
    "employee": "employee", "mitarbeiter": "employee", "mitarbeitende": "employee",
    "inside-out": "employee",
    "expert": "expert", "experte": "expert", "expertin": "expert",
}

FACT_COLUMNS = {
    "survey": {
        "required": ("date", "score"),
        "optional": ("response_id", "journey", "touchpoint", "persona", "channel", "comment",
                     "url"),
    },
    "audit": {
        "required": ("date", "touchpoint", "score"),
        "optional": ("perspective", "question", "comment"),
    },
    "web": {
        "required": ("date", "sessions", "conversions"),
        "optional": ("url", "touchpoint", "bounces", "bounce_rate", "time_on_page_s"),
    },
}

CATALOG_COLUMNS = {
    "personas": (("key", "name"), ("description", "quote", "goals", "demographics", "image")),
    "phases": (("key", "name", "position"), ()),
    "channels": (("key", "name"), ("color",)),
    "departments": (("key", "name"), ()),
    "journeys": (("key", "name"), ("goal", "lifecycle_stage", "position", "personas")),
    "touchpoints": (
        ("key", "name", "journey", "phase", "channel", "department", "position"),
        ("pain_point", "moment_of_truth", "target", "best_in_class", "url", "media_type",
         "frequency", "perception", "reach", "acceptance_criteria", "notes"),
    ),
}


def family(kind: str) -> str:
    return "survey" if kind in schema.SURVEY_METRICS else kind


def normalise_headers(frame: pd.DataFrame) -> pd.DataFrame:
    """Lower-case, trim and snake-case the header so 'Response ID' matches response_id."""
    frame = frame.copy()
    frame.columns = [str(c).strip().lower().replace(" ", "_").replace("-", "_")
                     for c in frame.columns]
    return frame


def check_columns(frame, required, optional, problems: Problems, sheet=None) -> None:
    """Report missing required columns and duplicated headers."""
    present = list(frame.columns)
    for name in required:
        if name not in present:
            problems.add(1, name, sheet=sheet, code="column.missing")
    for name in {c for c in present if present.count(c) > 1}:
        problems.add(1, name, sheet=sheet, code="column.duplicate")


def normalise_url(series: pd.Series) -> pd.Series:
    """Compare URLs without scheme, host, query, fragment, trailing slash or case."""
    s = series.fillna("").astype(str).str.strip().str.lower()
    s = s.str.replace(r"^[a-z]+://[^/]+", "", regex=True)
    s = s.str.replace(r"[?#].*$", "", regex=True).str.rstrip("/")
    return s.where(s != "", "/")


@dataclass
class Rules:
    """How to read values: the file's decimal mark, saved label aliases (dimension ->
    {label: key}), a reversed CES scale, and whether web files must carry conversions."""

    decimal: str = "auto"  # or "." / ",": "auto" decides per column from its values
    aliases: dict[str, dict[str, str]] = field(default_factory=dict)
    ces_reversed: bool = False
    require_conversions: bool = False
    decimal_hint: str = "."  # the tool's convention when a column's values do not decide
    day_first: bool | None = None  # None: decided per column, then by the convention
    date_convention: str = "month-first"
    found: dict = field(default_factory=dict)  # what reading decided (date order, skips)


def validate_facts(kind: str, raw: pd.DataFrame, catalog: dict[str, pd.DataFrame],
                   rules: Rules | None = None) -> tuple[pd.DataFrame, int, Problems]:
    """Return (insert-ready frame, rows skipped, problems) for a fact file whose columns
    are named after the canonical fields; the index holds the file's row numbers."""
    rules = rules or Rules()
    problems = Problems()
    frame = normalise_headers(raw)
    spec = FACT_COLUMNS[family(kind)]
    required = [c for c in spec["required"]
                if rules.require_conversions or c != "conversions"]
    check_columns(frame, required, spec["optional"], problems)
    if kind == "web" and "url" not in frame.columns and "touchpoint" not in frame.columns:
        problems.add(1, "url", code="column.url_or_touchpoint")
    if problems:
        return pd.DataFrame(), 0, problems

    blank = (frame == "").all(axis=1)
    if kind == "web":
        unanswered = blank
    else:
        unanswered = blank | (frame["score"] == "")
    skipped = int(unanswered.sum())
    frame = frame.loc[~unanswered]

    def col(name):
        return frame[name] if name in frame.columns else pd.Series("", index=frame.index)

    out = pd.DataFrame(index=frame.index)
    date = v.parse_date(col("date"), "date", problems, day_first=rules.day_first,
                        convention=rules.date_convention, info=rules.found)
    _require(problems, col("date"), "date")
    out["date"] = date.dt.date

    if kind == "web":
        _validate_web(frame, col, out, _with_aliases(catalog, rules), problems, rules)
    else:
        low, high = SCALES[kind]
        # Audit scores are panel means on 1-10: half points (6,5) are valid.
        score = v.parse_number(col("score"), "score", problems, integer=kind != "audit",
                               low=low, high=high, decimal=rules.decimal,
                               hint=rules.decimal_hint)
        if kind == "ces" and rules.ces_reversed:
            score = (low + high) - score  # so 7 always means least effort
        out["score"] = score.round(2) if kind == "audit" else score.round().astype("Int16")
        if "nps_group" in frame.columns and kind == "nps":
            _check_nps_group(frame["nps_group"], score, problems)
        if kind == "audit":
            _validate_audit(col, out, _with_aliases(catalog, rules), problems)
        else:
            _validate_survey(kind, col, out, _with_aliases(catalog, rules), problems)
    if "_skip" in out:
        # Rows of pages that are no touchpoint: summed up in a note, not imported.
        skip = out.pop("_skip").fillna(False).astype(bool)
        if skip.any():
            rules.found["not_touchpoint"] = (int(skip.sum()),
                                             int(out.loc[skip, "sessions"].fillna(0).sum()))
            out = out.loc[~skip]
            skipped += int(skip.sum())
    out.index.name = "row"
    return out, skipped, problems


NPS_GROUPS = {"1": "detractor", "2": "passive", "3": "promoter", "detractor": "detractor",
              "detractors": "detractor", "passive": "passive", "passives": "passive",
              "promoter": "promoter", "promoters": "promoter"}


def _check_nps_group(groups: pd.Series, score: pd.Series, problems: Problems) -> None:
    """A Qualtrics NPS_GROUP code must agree with the score it belongs to."""
    expected = pd.Series(pd.NA, index=score.index, dtype="object")
    expected[score >= 9] = "promoter"
    expected[(score >= 7) & (score <= 8)] = "passive"
    expected[score <= 6] = "detractor"
    given = groups.str.lower().map(NPS_GROUPS)
    bad = given.notna() & expected.notna() & (given != expected)
    if bad.any():
        g, e = given[bad].tolist(), expected[bad].tolist()
        problems.add_rows(groups.index[bad], "nps_group",
                          lambda i: {"given": g[i], "expected": e[i]}, code="nps_group.mismatch")


def _with_aliases(catalog: dict[str, pd.DataFrame], rules: Rules) -> dict[str, pd.DataFrame]:
    """Add saved aliases to the catalog as extra (name, key) rows for resolution."""
    if not rules.aliases:
        return catalog
    table_of = {"journey": "journeys", "touchpoint": "touchpoints", "persona": "personas",
                "channel": "channels"}
    out = dict(catalog)
    for dimension, labels in rules.aliases.items():
        table = table_of.get(dimension)
        if table is None or not labels:
            continue
        extra = pd.DataFrame({"key": list(labels.values()), "name": list(labels.keys())})
        out[table] = pd.concat([catalog[table], extra], ignore_index=True)
    return out


def _require(problems: Problems, column: pd.Series, name: str) -> None:
    empty = column == ""
    if empty.any():
        problems.add_rows(column.index[empty], name, lambda i: {}, code="cell.required")


def _validate_survey(kind, col, out, catalog, problems) -> None:
    out["metric"] = kind
    out["response_id"] = v.optional_text(col("response_id"))
    for dimension, table in (("journey", "journeys"), ("touchpoint", "touchpoints"),
                             ("persona", "personas"), ("channel", "channels")):
        out[f"{dimension}_key"] = v.resolve_reference(
            col(dimension), dimension, problems, v.resolver(catalog.get(table)), dimension
        )
    out["comment"] = v.optional_text(col("comment"))
    url = col("url")
    if (url != "").any():
        # On-site surveys (Hotjar, …) carry the page: it names the touchpoint, as on web rows.
        by_url = _url_touchpoints(url, catalog.get("touchpoints"))
        out["touchpoint_key"] = out["touchpoint_key"].fillna(by_url)


def _url_touchpoints(url: pd.Series, touchpoints: pd.DataFrame | None) -> pd.Series:
    """Resolve page URLs (or paths) to touchpoint keys: the touchpoint's URL, or an alias,
    key or name written as the page."""
    url_lookup: dict[str, str] = {}
    if touchpoints is not None and not touchpoints.empty:
        with_url = touchpoints[touchpoints["url"].fillna("").astype(str).str.strip() != ""]
        url_lookup = dict(zip(normalise_url(with_url["url"]), with_url["key"], strict=True))
    by_url = normalise_url(url).map(url_lookup)
    names = v.resolver(touchpoints)
    by_name = url.str.casefold().map(names)
    return by_url.fillna(by_name).where(url != "")


def _validate_audit(col, out, catalog, problems) -> None:
    _require(problems, col("touchpoint"), "touchpoint")
    out["touchpoint_key"] = v.resolve_reference(
        col("touchpoint"), "touchpoint", problems, v.resolver(catalog.get("touchpoints")),
        "touchpoint",
    )
    perspective = v.parse_choice(col("perspective"), "perspective", problems, PERSPECTIVE_WORDS)
    out["perspective"] = perspective.fillna("customer")
    out["question"] = v.optional_text(col("question"))
    out["comment"] = v.optional_text(col("comment"))


def _validate_web(frame, col, out, catalog, problems, rules: Rules) -> None:
    touchpoints = catalog.get("touchpoints")
    # A page or label that is no touchpoint ("(not set)", the other 400 pages of a site)
    # is skipped and summed up, never an error; its label is offered for an alias.
    reference = col("touchpoint")
    lookup = v.resolver(touchpoints)
    by_reference = reference.str.casefold().map(lookup).where(reference != "")
    url = col("url")
    by_url = _url_touchpoints(url, touchpoints)
    for column, found in (("touchpoint", by_reference), ("url", by_url)):
        cells = col(column)
        unknown = (cells != "") & found.isna() & (by_reference.isna() & by_url.isna())
        if unknown.any():
            labels = problems.unknown.setdefault("touchpoint", {})
            for row, label in cells[unknown].items():
                labels.setdefault(label, []).append(int(row))
    neither = (url == "") & (reference == "")
    if neither.any():
        problems.add_rows(url.index[neither], "url", lambda i: {}, code="url.missing")
    out["touchpoint_key"] = by_reference.fillna(by_url)
    out["_skip"] = out["touchpoint_key"].isna() & ~neither
    out["url"] = v.optional_text(url)
    d, h = rules.decimal, rules.decimal_hint
    for name in ("sessions", "conversions"):
        if name == "conversions" and name not in frame.columns:
            out[name] = pd.array([0] * len(frame), dtype="Int64")
            continue
        _require(problems, col(name), name)
        out[name] = v.parse_number(col(name), name, problems, integer=True, low=0, decimal=d,
                                   hint=h).round().astype("Int64")
    bounces = v.parse_number(col("bounces"), "bounces", problems, integer=True, low=0, decimal=d,
                             hint=h)
    if "bounce_rate" in frame.columns and "bounces" not in frame.columns:
        raw_rate = col("bounce_rate")
        rate = v.parse_number(raw_rate, "bounce_rate", problems, low=0, high=100, decimal=d,
                              hint=h)
        # GA4 writes rates as fractions (0.625), UA and Matomo as percentages (62.5%).
        if not raw_rate.str.contains("%").any() and rate.max(skipna=True) <= 1:
            rate = rate * 100
        bounces = (rate / 100 * out["sessions"].astype("float64")).round()
    out["bounces"] = bounces.round().astype("Int64")
    out["time_on_page_s"] = v.parse_number(col("time_on_page_s"), "time_on_page_s", problems,
                                           low=0, decimal=d, hint=h)


# --- catalog --------------------------------------------------------------------


def validate_catalog(sheets: dict[str, pd.DataFrame], existing: dict[str, pd.DataFrame]
                     ) -> tuple[dict[str, pd.DataFrame], Problems]:
    """Return insert-ready frames per catalog table (plus journey_personas) and problems.

    References may point at keys in the same workbook or already in the database.
    """
    problems = Problems()
    if not any(name in sheets for name in CATALOG_COLUMNS):
        problems.add(None, None, code="catalog.no_sheets", sheets=", ".join(CATALOG_COLUMNS))
        return {}, problems
    out: dict[str, pd.DataFrame] = {}
    for name, (required, optional) in CATALOG_COLUMNS.items():
        if name not in sheets:
            continue
        frame = normalise_headers(sheets[name])
        frame = frame.loc[~(frame == "").all(axis=1)]
        check_columns(frame, required, optional, problems, sheet=name)
        if any(c not in frame.columns for c in required):
            continue
        for column in ("key", "name"):
            empty = frame[column] == ""
            if empty.any():
                problems.add_rows(frame.index[empty], column, lambda i: {}, sheet=name,
                                  code="cell.required")
        dup = frame["key"].str.casefold().duplicated(keep="first") & (frame["key"] != "")
        if dup.any():
            keys = frame.loc[dup, "key"].tolist()
            problems.add_rows(frame.index[dup], "key",
                              lambda i, k=keys: {"value": repr(k[i])}, sheet=name,
                              code="catalog.duplicate_key")
        out[name] = frame
    if problems:
        return {}, problems

    def known(table: str) -> pd.DataFrame:
        frames = [f[["key", "name"]] for f in (out.get(table), existing.get(table))
                  if f is not None and not f.empty]
        return pd.concat(frames) if frames else pd.DataFrame(columns=["key", "name"])

    result: dict[str, pd.DataFrame] = {}
    sheet_problems = Problems()
    for name, frame in out.items():
        sub = Problems()
        table = schema.CATALOG_TABLES[name]
        rows = pd.DataFrame(index=frame.index)
        for column in frame.columns:
            if column in table.c and column not in ("position", "target", "best_in_class",
                                                     "pain_point", "moment_of_truth"):
                rows[column] = v.optional_text(frame[column])
        if "position" in frame.columns:
            position = v.parse_number(frame["position"], "position", sub, integer=True)
            # "2.5" is reported above; blanked, so the cast to whole numbers cannot fail on it
            rows["position"] = position.where(position == position.round()).astype("Int64")
            if "position" in CATALOG_COLUMNS[name][0]:  # a step or phase needs its place
                _require(sub, frame["position"], "position")
        if name == "touchpoints":
            for ref, target in (("journey", "journeys"), ("phase", "phases"),
                                ("channel", "channels"), ("department", "departments")):
                rows[f"{ref}_key"] = v.resolve_reference(
                    frame[ref], ref, sub, v.resolver(known(target)), ref
                )
                _require(sub, frame[ref], ref)
            for flag in ("pain_point", "moment_of_truth"):
                column = frame[flag] if flag in frame.columns else pd.Series("", index=frame.index)
                rows[flag] = v.parse_bool(column, flag, sub)
            for value in ("target", "best_in_class"):
                if value in frame.columns:
                    rows[value] = v.parse_number(frame[value], value, sub, low=1, high=10)
        if name == "channels" and "color" in frame.columns:
            for row, color in frame["color"].items():
                if color and not schema.COLOR.match(color.strip()):
                    sub.add(row, "color", code="catalog.bad_color", value=repr(color[:40]))
        if name == "journeys" and "personas" in frame.columns:
            lookup = v.resolver(known("personas"))
            pairs = []
            for row, key, cell in zip(frame.index, frame["key"], frame["personas"], strict=True):
                for label in filter(None, (p.strip() for p in cell.replace(";", ",").split(","))):
                    persona = lookup.get(label.casefold())
                    if persona is None:
                        sub.add(row, "personas", code="reference.unknown", value=repr(label),
                                dimension="persona")
                    else:
                        pairs.append((key, persona))
            result["journey_personas"] = pd.DataFrame(pairs, columns=["journey_key", "persona_key"])
        for p in sub.listing():
            sheet_problems.add(p.row, p.column, p.message, name, p.code, **p.params)
        result[name] = rows.reset_index(drop=True)
    return result, sheet_problems
