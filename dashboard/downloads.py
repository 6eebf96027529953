"""Download routes (signed-in users; the gate in dashboard.auth refuses anyone else):

- ``GET /export/data.csv|data-de.csv|data.xlsx?view=PATH&<filters>``: the view's numbers
- ``GET /export/poster.pdf?size=A3|A2&<filters>`` (and ``poster.html``): the journey map
- ``GET /export/report.html|report.pdf?week=2026-W47|last[&journey=KEY][&department=KEY]``
- ``GET /export/workshop.pdf|.html|.csv|.xlsx?id=N``: a workshop's results (analysts and admins)

Every refusal is a 4xx with a message that says why; PDFs need Chromium (dashboard.pdf).
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

import flask

from dashboard import exports, pdf, poster, report, workshop_pdf
from dashboard.auth import actor, current_user, language
from dashboard.config import Config
from data import accounts, export
from data.store import Store
from views import workshop as views_workshop

FORMATS = {"data.csv": "csv", "data-de.csv": "csv-de", "data.xlsx": "xlsx"}


def _search(skip: tuple[str, ...] = ("view", "size", "week")) -> str:
    """The filters of the request as the view's URL query."""
    pairs = [(k, v) for k, v in flask.request.args.items(multi=True) if k not in skip]
    return "?" + urlencode(pairs) if pairs else ""


def _send(content: bytes, name: str, mimetype: str, inline: bool = False) -> flask.Response:
    response = flask.make_response(content)
    response.headers["Content-Type"] = mimetype
    response.headers["Content-Disposition"] = content_disposition(name, inline)
    return response


def content_disposition(name: str, inline: bool = False) -> str:
    """RFC 6266: an ASCII ``filename`` and the exact name as UTF-8 ``filename*``. Names
    are built from known parts; anything but letters, digits, ``.``, ``_`` and ``-``
    becomes ``_`` in the ASCII form, so no quote or line break can end the header."""
    plain = re.sub(r"[^A-Za-z0-9._-]", "_", name) or "cxdash"
    return (f'{"inline" if inline else "attachment"}; filename="{plain}"; '
            f"filename*=UTF-8''{quote(name, safe='')}")


def _problem(status: int, message: str) -> flask.Response:
    return flask.Response(message, status, mimetype="text/plain")


WORKSHOP_FORMATS = ("workshop.pdf", "workshop.html", "workshop.csv", "workshop.xlsx")


def _workshop(store: Store, name: str, lang: str) -> flask.Response:
    """A workshop's results (analysts and admins), from the model its screen shows."""
    user = current_user()
    if user is None or not user.can("analyst"):
        return _problem(403, "A workshop's results need the role analyst or higher.")
    ident = flask.request.args.get("id", "")
    if not ident.isdigit():
        raise ValueError("Name the workshop: ?id=N.")
    fmt = name.rsplit(".", 1)[1]
    stem = f"cxdash-workshop-{ident}"
    accounts.record(store, actor(), "export", f"workshop {ident}", {"format": fmt})
    if fmt in ("csv", "xlsx"):
        m = views_workshop.model(store, int(ident))
        if m.workshop is None:
            raise LookupError(f"There is no workshop {ident}.")
        meta = {"cxdash view": f"/workshop/{m.workshop['journey_key']}",
                "workshop": m.workshop["code"],
                "customers' period": f"{m.period[0]} to {m.period[1]}"}
        tables = views_workshop.tables(m)
        if fmt == "xlsx":
            return _send(export.to_xlsx(tables, meta), stem + ".xlsx", export.XLSX_TYPE)
        return _send(export.to_csv(tables["Workshop"], meta), stem + ".csv",
                     "text/csv; charset=utf-8")
    html = workshop_pdf.results_html(store, int(ident), lang)
    if fmt == "html":
        return _send(html.encode(), stem + ".html", "text/html; charset=utf-8", inline=True)
    return _send(pdf.html_to_pdf(html), stem + ".pdf", "application/pdf")


def register(server: flask.Flask, store: Store, config: Config) -> None:
    @server.get("/export/<name>")
    def export_file(name: str):
        lang = language(config)
        try:
            if name in FORMATS:
                view = flask.request.args.get("view", "/")
                content, file_name, mimetype = exports.download(store, view, _search(),
                                                                FORMATS[name], lang)
                accounts.record(store, actor(), "export", file_name, {"view": view})
                return _send(content, file_name, mimetype)
            if name in ("poster.pdf", "poster.html"):
                size = flask.request.args.get("size", "A3").upper()
                html = poster.poster_html(store, _search(), size, lang)
                if name.endswith(".html"):
                    return _send(html.encode(), f"cxdash-poster-{size}.html",
                                 "text/html; charset=utf-8", inline=True)
                return _send(pdf.html_to_pdf(html), f"cxdash-journey-poster-{size}.pdf",
                             "application/pdf")
            if name in ("report.html", "report.pdf"):
                week = report.parse_week(flask.request.args.get("week", "last"), store)
                content = report.build(store, week, lang,
                                       flask.request.args.get("journey") or None,
                                       flask.request.args.get("department") or None)
                html = report.render_html(content, store, lang)
                if name.endswith(".html"):
                    return _send(html.encode(), f"cxdash-report-{week}.html",
                                 "text/html; charset=utf-8")
                return _send(pdf.html_to_pdf(html), f"cxdash-report-{week}.pdf",
                             "application/pdf")
            if name in WORKSHOP_FORMATS:
                return _workshop(store, name, lang)
        except pdf.PdfBusy as exc:
            response = _problem(503, str(exc))
            response.headers["Retry-After"] = str(pdf.RETRY_AFTER_S)
            return response
        except pdf.PdfUnavailable as exc:
            return _problem(503, str(exc))
        except (LookupError, ValueError) as exc:
            return _problem(400, str(exc))
        return _problem(404, f"There is no export called {name!r}.")
