"""The analyst's page: upload, detected format, mapping, check, confirm, history with undo."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.i18n import count, import_text, problem, t, tn
from layouts import components as c
from layouts import ids

KINDS = ("nps", "ces", "csat", "audit", "web", "catalog")
PRESETS = ("auto", "canonical", "qualtrics", "surveymonkey", "limesurvey", "sosci", "typeform",
           "ga4", "ua", "matomo", "excel-de", "xlsx")


def page(lang: str, sources: list[dict]) -> html.Div:
    """Return the import page; sources are the saved mappings."""
    drop = html.Div([
        html.Div(t("data.drop", lang), className="mb-2"),
        html.Button(t("data.choose", lang), id=ids.DATA_FILE_INPUT, type="button",
                    className="btn btn-outline-primary btn-sm"),
        html.Div(html.Div(id=ids.DATA_PROGRESS, className="progress-bar",
                          style={"width": "0%"}), className="progress mt-2"),
        html.Div(id=ids.DATA_FILE_INFO, className="small text-muted mt-2"),
    ], id=ids.DATA_DROP, className="drop-zone")
    settings = html.Div([
        dbc.Label(t("data.kind", lang), html_for=ids.DATA_KIND, className="filter-label mt-3"),
        dbc.RadioItems(id=ids.DATA_KIND, value="nps", inline=True,
                       options=[{"label": t(f"data.kind.{k}", lang), "value": k} for k in KINDS]),
        dbc.Label(t("data.preset", lang), html_for=ids.DATA_PRESET, className="filter-label mt-2"),
        dcc.Dropdown(id=ids.DATA_PRESET, value="auto", clearable=False,
                     options=[{"label": t("data.preset.auto", lang) if p == "auto" else p,
                               "value": p} for p in PRESETS]),
        dbc.Label(t("data.source", lang), html_for=ids.DATA_SOURCE, className="filter-label mt-2"),
        dcc.Dropdown(id=ids.DATA_SOURCE, placeholder=t("data.source_none", lang),
                     options=[{"label": f"{s['name']} ({s['kind']}, {s['preset']})",
                               "value": s["name"]} for s in sources]),
        dbc.Label(t("data.save_source", lang), html_for=ids.DATA_SAVE_SOURCE,
                  className="filter-label mt-2"),
        dbc.Input(id=ids.DATA_SAVE_SOURCE, placeholder="Qualtrics Q4 NPS", size="sm",
                  debounce=True),
        dbc.Label(t("data.date", lang), html_for=ids.DATA_DATE, className="filter-label mt-2"),
        dbc.Input(id=ids.DATA_DATE, type="date", size="sm", debounce=True),
        dbc.Checklist(id=ids.DATA_OPTIONS, className="mt-2 small", value=[], options=[
            {"label": t("data.skip_invalid", lang), "value": "skip_invalid"},
            {"label": t("data.ces_reversed", lang), "value": "ces_reversed"},
        ]),
    ])
    return html.Div([
        dcc.Store(id=ids.DATA_UPLOAD),
        dcc.Store(id=ids.DATA_TICK, data=0),
        dcc.Store(id=ids.DATA_PROBLEMS),
        dcc.Download(id=ids.DATA_PROBLEMS_DOWNLOAD),
        c.page_header(t("data.title", lang),
                      dcc.Link(t("audits.link", lang), href="/audits", id="data-audits-link",
                               className="small ms-auto"),
                      dcc.Link(t("catalog.link", lang), href="/catalog", id="data-catalog-link",
                               className="small")),
        dbc.Row([
            dbc.Col(c.section(t("data.step_file", lang), html.Div([drop, settings])), lg=4),
            dbc.Col([
                c.section(t("data.step_mapping", lang), html.Div(id=ids.DATA_MAPPING, children=[
                    html.P(t("data.waiting", lang), className="text-muted small mb-0")])),
                c.section(t("data.step_check", lang), html.Div([
                    dcc.Loading(html.Div(id=ids.DATA_CHECK), type="dot"),
                    html.Div([
                        dbc.Button(t("data.recheck", lang), id=ids.DATA_RECHECK, size="sm",
                                   color="secondary", outline=True, className="me-2"),
                        dbc.Button(t("data.problems_csv", lang), id=ids.DATA_PROBLEMS_BUTTON,
                                   size="sm", color="secondary", outline=True, className="me-2"),
                        dbc.Button(t("data.confirm", lang), id=ids.DATA_CONFIRM, color="primary",
                                   disabled=True),
                    ], className="mt-2 d-flex flex-wrap gap-1"),
                    dcc.Loading(
                        html.Div(id=ids.DATA_RESULT, className="mt-2"),
                        custom_spinner=dbc.Progress(value=100, striped=True, animated=True,
                                                    label=t("data.importing", lang),
                                                    className="w-50 mx-auto"),
                    ),
                ])),
            ], lg=8),
        ], className="g-3"),
        c.section(t("data.history", lang), html.Div(id=ids.DATA_HISTORY)),
    ])


def file_info(upload: dict | None, result, lang: str) -> str:
    if not upload:
        return ""
    size = upload.get("size") or 0
    parts = [upload.get("file_name", ""), f"{size / 1024:.0f} KB" if size else ""]
    if result is not None and result.preset:
        parts.append(t("data.detected", lang, preset=result.preset,
                       encoding=result.encoding or "–",
                       delimiter={"\t": "Tab", ",": ",", ";": ";", "|": "|"}.get(
                           result.delimiter, result.delimiter or "–")))
    return " · ".join(p for p in parts if p)


def mapping_editor(fields: tuple[str, ...], columns: list[str], mapping: dict[str, str],
                   lang: str) -> html.Div:
    """One dropdown per field; the proposal preselected, any file column choosable."""
    options = [{"label": f"#{i + 1} {col}", "value": col} for i, col in enumerate(columns)]
    rows = []
    for field in fields:
        rows.append(dbc.Row([
            dbc.Col(html.Label(t(f"data.field.{field}", lang), className="small fw-semibold"),
                    width=4),
            dbc.Col(dcc.Dropdown(id=ids.map_field(field), options=options,
                                 value=mapping.get(field), placeholder=t("data.unmapped", lang),
                                 className="map-dropdown"), width=8),
        ], className="mb-1 align-items-center"))
    return html.Div([html.P(t("data.mapping_help", lang), className="small text-muted"), *rows])


def check(result, catalog: dict[str, pd.DataFrame], lang: str) -> html.Div:
    """Counts, notes, problems, unknown labels with alias pickers, and the first rows."""
    split = result.skipped_split()
    badges = [
        dbc.Badge(tn("data.valid", lang, result.rows_imported if result.ok else 0),
                  color="success" if result.ok and result.rows_imported else "light",
                  text_color=None if result.ok and result.rows_imported else "dark",
                  className="me-1"),
        dbc.Badge(t("data.skipped", lang, n=count(split["rows_unanswered"], lang)),
                  color="secondary", className="me-1"),
        dbc.Badge(t("data.invalid", lang, n=count(split["rows_invalid"], lang)),
                  color="danger" if split["rows_invalid"] else "light",
                  text_color=None if split["rows_invalid"] else "dark", className="me-1"),
        dbc.Badge(t("data.duplicates", lang, n=count(split["rows_duplicate"], lang)),
                  color="info", className="me-1"),
    ]
    if split["rows_skipped_other"]:
        badges.append(dbc.Badge(tn("data.skipped_other", lang, split["rows_skipped_other"]),
                                color="secondary", className="me-1"))
    parts = [html.Div(badges, className="mb-2 data-counts")]
    if result.notes:
        parts.append(html.Ul([html.Li(import_text(n, lang)) for n in result.notes],
                             className="small mb-2"))
    if result.ok and result.rows_imported:
        parts.append(dbc.Alert(tn("data.ready", lang, result.rows_imported),
                               color="success", className="py-2 small data-ready"))
    elif result.ok:  # nothing would be written: never a green "Ready"
        parts.append(dbc.Alert(t("data.nothing", lang), color="warning",
                               className="py-2 small data-nothing"))
    else:
        shown = result.errors[:50]
        more = result.error_total - len(shown)
        parts.append(dbc.Alert([
            html.Div(tn("data.rejected", lang, result.error_total or len(result.errors)),
                     className="fw-semibold mb-1"),
            html.Ul([html.Li(problem(p, lang)) for p in shown],
                    className="mb-0 small data-problems"),
            html.Div(t("data.more_problems", lang, n=more), className="small") if more > 0
            else None,
        ], color="danger", className="py-2"))
    if result.unknown_labels:
        parts.append(alias_editor(result.unknown_labels, catalog, lang))
    if result.sample:
        sample = pd.DataFrame(result.sample).head(10)
        parts.append(html.Div([
            html.Div(t("data.sample", lang), className="small fw-semibold mt-2"),
            dbc.Table.from_dataframe(sample.fillna(""), size="sm", bordered=False, striped=True,
                                     className="small sample-table"),
        ], className="table-responsive"))
    return html.Div(parts)


def alias_editor(unknown: dict[str, dict[str, list[int]]], catalog, lang: str) -> html.Div:
    """For each unknown label: the rows that carry it and a catalog entry to map it to."""
    tables = {"journey": "journeys", "touchpoint": "touchpoints", "persona": "personas",
              "channel": "channels"}
    rows = []
    for dimension, labels in unknown.items():
        table = catalog.get(tables.get(dimension, ""))
        options = [] if table is None else [{"label": f"{r.name} ({r.key})", "value": r.key}
                                            for r in table.itertuples()]
        for label, lines in labels.items():
            shown = ", ".join(str(n) for n in lines[:10]) + (" …" if len(lines) > 10 else "")
            rows.append(dbc.Row([
                dbc.Col([html.Strong(label), html.Div(
                    t("data.label_rows", lang, dimension=t(f"data.field.{dimension}", lang),
                      rows=shown), className="small text-muted")], width=6),
                dbc.Col(dcc.Dropdown(id=ids.alias_label(dimension, label), options=options,
                                     placeholder=t("data.alias_pick", lang)), width=6),
            ], className="mb-1 align-items-center"))
    return html.Div([html.Div(t("data.unknown_labels", lang), className="fw-semibold small mb-1"),
                     *rows, html.P(t("data.alias_help", lang), className="small text-muted")],
                    className="alias-editor mb-2")


def result_message(result, lang: str):
    if result.ok:
        split = result.skipped_split()
        parts = [t(key, lang, n=count(split[field], lang)) for key, field in (
            ("data.skipped", "rows_unanswered"), ("data.invalid", "rows_invalid"),
            ("data.duplicates", "rows_duplicate"), ("data.other", "rows_skipped_other"))
            if split[field]]
        message = tn("data.imported", lang, result.rows_imported, batch=result.batch_id,
                     skipped=count(result.rows_skipped, lang))
        if parts:
            message += " " + t("data.skipped_split", lang, parts=", ".join(parts))
        return dbc.Alert(message,
                         color="success", className="py-2 data-imported")
    return dbc.Alert([html.Div(t("data.not_imported", lang), className="fw-semibold"),
                      html.Ul([html.Li(problem(p, lang)) for p in result.errors[:20]],
                              className="mb-0 small")], color="danger", className="py-2")


def history(batches: pd.DataFrame, lang: str) -> html.Div:
    """Recent import batches with who, when, file, kind, rows, status, and undo."""
    if batches.empty:
        return html.P(t("data.no_history", lang), className="text-muted small mb-0")
    head = html.Thead(html.Tr([html.Th(t(k, lang)) for k in (
        "data.col.batch", "data.col.when", "data.col.who", "data.col.file", "data.col.kind",
        "data.col.rows", "data.col.status", "data.col.action")]))
    body = []
    for b in batches.itertuples():
        undoable = b.status == "committed" and b.kind != "catalog"
        action = dcc.ConfirmDialogProvider(
            dbc.Button(t("data.undo", lang), size="sm", color="danger", outline=True),
            id=ids.undo_batch(int(b.id)),
            message=tn("data.undo_confirm", lang, int(b.rows_imported), batch=int(b.id)),
        ) if undoable else None
        body.append(html.Tr([
            html.Td(str(b.id)), html.Td(f"{pd.Timestamp(b.created_at):%Y-%m-%d %H:%M}"),
            html.Td(b.created_by or "–"), html.Td(b.file_name or "–"), html.Td(b.kind),
            html.Td(f"{count(b.rows_imported, lang)} / {count(b.rows_skipped, lang)}"),
            html.Td(_status(b, lang)), html.Td(action),
        ]))
    return html.Table([head, html.Tbody(body)],
                      className="table table-sm align-middle small mb-0 history-table")


def _status(batch, lang: str) -> str:
    """The batch's status; for an undone one, who undid it and when."""
    who, when = getattr(batch, "undone_by", None), getattr(batch, "undone_at", None)
    if batch.status == "undone" and (who or not pd.isna(when)):
        return t("data.undone_by", lang, who=who or "?",
                 when="?" if pd.isna(when) else f"{pd.Timestamp(when):%Y-%m-%d %H:%M}")
    return t(f"data.status.{batch.status}", lang)


def result_message_text(message: str, color: str = "danger"):
    return dbc.Alert(message, color=color, className="py-2 small")
