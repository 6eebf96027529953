"""Sharing and reporting: data downloads match the views, formula injection is neutralised,
the poster and the report PDFs have the expected pages and text, the weekly report's
sections for a demo week, and the report e-mail arrives at a local SMTP server."""

from __future__ import annotations

import csv
import io
import shutil

import pytest
from openpyxl import load_workbook

from dashboard import cli, report
from dashboard.app import create_app
from dashboard.config import Config
from data import demo, schema, scorecards
from data.queries import Filters
from data.store import Store
from tests.conftest import add_role_users, sign_in
from views import overview as overview_view

HAS_CHROMIUM = bool(shutil.which("chromium") or shutil.which("chromium-browser")
                    or shutil.which("google-chrome"))
needs_chromium = pytest.mark.skipif(not HAS_CHROMIUM, reason="PDF export needs chromium")


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    url = f"duckdb:///{tmp_path_factory.mktemp('share') / 'demo.duckdb'}"
    store = Store(url)
    store.upgrade()
    demo.load(store, responses=20_000)
    with store.begin() as conn:  # a hostile name, to see it neutralised in every export
        t = schema.touchpoints
        conn.execute(t.update().where(t.c.key == "st-hotline").values(
            name="=HYPERLINK(\"http://evil.example\",\"Hotline\")"))
    add_role_users(store)
    store.dispose()
    return url


@pytest.fixture(scope="module")
def client(demo_url):
    app = create_app(Config.from_env({}, database_url=demo_url, cache_url="none",
                                     language="en"))
    return sign_in(app.server.test_client(), "viewer"), app.server.extensions["cxdash"]["store"]


def _csv_tables(text: str, sep: str = ",") -> dict[str, list[list[str]]]:
    """Split a multi-table export into {table name: rows} (header first)."""
    tables, name, rows = {}, None, []
    for line in text.splitlines():
        if line.startswith("# table: "):
            name = line[len("# table: "):]
            rows = tables.setdefault(name, [])
        elif line and not line.startswith("#") and name:
            rows.append(next(csv.reader([line], delimiter=sep)))
    return tables


SEARCH = "journey=stoerung&from=2026-10-19&to=2026-11-15"


def test_journey_csv_matches_the_scorecard_and_neutralises_names(client):
    http, store = client
    response = http.get(f"/export/data.csv?view=/journey&{SEARCH}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="cxdash-journey.csv"; filename*=UTF-8\'\'cxdash-journey.csv')
    text = response.data.decode("utf-8-sig")
    assert "# filters: journey=stoerung" in text and "# period: 2026-10-19 to 2026-11-15" in text
    assert "# exported: " in text
    rows = _csv_tables(text)["Touchpoints"]
    header, body = rows[0], rows[1:]
    card = scorecards.touchpoint_scorecard(store, Filters.of(
        journeys=["stoerung"], date_from="2026-10-19", date_to="2026-11-15"))
    assert len(body) == len(card)
    by_key = {r[header.index("key")]: r for r in body}
    for key, value, n in zip(card["key"], card["value"], card["n"], strict=True):
        assert float(by_key[key][header.index("score")]) == pytest.approx(value, abs=5e-4)
        assert int(by_key[key][header.index("audits")]) == n
    assert by_key["st-hotline"][header.index("touchpoint")].startswith("'=HYPERLINK")


def test_overview_german_csv_and_xlsx_hold_the_kpi_cards(client):
    http, store = client
    f = Filters.of(journeys=["stoerung"], date_from="2026-10-19", date_to="2026-11-15")
    cards = overview_view.model(store, f).cards
    text = http.get(f"/export/data-de.csv?view=/&{SEARCH}").data.decode("utf-8-sig")
    kpis = _csv_tables(text, ";")["KPIs"]
    assert kpis[0] == ["kpi", "value", "unit", "n", "change", "change_significant"]
    assert kpis[1][0] == "NPS"
    assert float(kpis[1][1].replace(",", ".")) == pytest.approx(cards[0].value, abs=5e-4)
    assert "," in kpis[2][1]  # CES with a decimal comma
    book = load_workbook(io.BytesIO(http.get(f"/export/data.xlsx?view=/&{SEARCH}").data))
    assert book.sheetnames == ["KPIs", "Largest gaps", "Movers", "Fell below target",
                               "NPS by week", "Actions", "About"]
    sheet = book["KPIs"]
    assert sheet["B2"].value == pytest.approx(cards[0].value, abs=5e-4)
    assert sheet["D2"].value == cards[0].n
    gaps = book["Largest gaps"]
    names = [c.value for c in gaps["C"]]
    assert all(not str(v).startswith("=") for v in names if v)
    assert all(c.data_type != "f" for row in gaps.iter_rows() for c in row)
    about = {r[0].value: r[1].value for r in book["About"].iter_rows()}
    assert about["filters"] == "journey=stoerung"


def test_every_view_exports(client):
    http, _ = client
    for view in ("/", "/journey", "/heatmap", "/benchmark", "/mine", "/atlas", "/personas",
                 "/touchpoints/st-hotline"):
        response = http.get(f"/export/data.xlsx?view={view}&{SEARCH}")
        assert response.status_code == 200, view
        assert len(load_workbook(io.BytesIO(response.data)).sheetnames) >= 2
    assert http.get("/export/data.csv?view=/nowhere").status_code == 400


def test_report_sections_for_a_demo_week(demo_url):
    store = Store(demo_url)
    week = report.parse_week("last", store)
    assert str(week) == "2026-W46"  # the demo ends on Sunday 2026-11-15
    content = report.build(store, week, "en")
    f = Filters.of(date_from="2026-11-09", date_to="2026-11-15")
    m = overview_view.model(store, f)
    gaps, fell = m.gaps, m.fell
    assert list(content["gaps"]["key"]) == list(gaps["key"])
    assert list(content["fell"]["key"]) == list(fell["key"])
    assert content["significant"] == [c for c in content["cards"] if c.significant]
    html = report.render_html(content, store, "en")
    for section in ("summary", "gaps", "movers", "fell", "departments"):
        assert f"id='{section}'" in html
    assert "Weekly CX report 2026-W46" in html and "<script" not in html
    assert "src=\"http" not in html and "href=\"http" not in html  # self-contained
    for name in gaps["name"]:
        assert str(name).replace('"', "&#34;") in html
    assert html.count("class='dept'") == len(content["departments"]) > 0
    assert "<svg" in html
    store.dispose()


def test_report_week_parsing():
    assert str(report.parse_week("2026-W47")) == "2026-W47"
    assert report.parse_week("2026-W47").monday.isoformat() == "2026-11-16"
    for bad in ("2026-47", "2026-W54", "last week"):
        with pytest.raises(ValueError):
            report.parse_week(bad)


@needs_chromium
def test_poster_pdf_pages_and_text(client):
    from pypdf import PdfReader

    http, _ = client
    response = http.get(f"/export/poster.pdf?size=A3&{SEARCH}&persona=familie")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    pdf = PdfReader(io.BytesIO(response.data))
    assert len(pdf.pages) == 1
    box = pdf.pages[0].mediabox
    assert float(box.width) == pytest.approx(420 / 25.4 * 72, rel=0.01)  # A3 landscape
    assert float(box.height) == pytest.approx(297 / 25.4 * 72, rel=0.01)
    text = pdf.pages[0].extract_text()
    for expected in ("Störung beheben", "Inspiration", "Nutzung", "Sabine Schneider",
                     "Legend", "Best in class", "journey=stoerung", "Emotion curve"):
        assert expected.lower() in text.lower(), expected
    a2 = PdfReader(io.BytesIO(http.get(f"/export/poster.pdf?size=A2&{SEARCH}").data))
    assert float(a2.pages[0].mediabox.width) == pytest.approx(594 / 25.4 * 72, rel=0.01)


@needs_chromium
def test_report_pdf_from_the_cli(demo_url, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "week.pdf"
    assert cli.main(["--database-url", demo_url, "report", "--week", "2026-W46",
                     "--department", "KS", "--out", str(out)]) == 0
    pdf = PdfReader(str(out))
    assert len(pdf.pages) >= 1
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert "Weekly CX report 2026-W46" in text and "Kundenservice" in text
    assert "Largest gaps to target" in text and "By department" in text


def test_report_email_reaches_a_local_smtp_server(demo_url, smtp, monkeypatch):
    monkeypatch.setenv("CXDASH_SMTP_TO", "lead@example.org, ks@example.org")
    assert cli.main(["--database-url", demo_url, "report", "--week", "last", "--email"]) == 0
    assert len(smtp) == 1
    recipients, message = smtp[0]
    assert sorted(recipients) == ["ks@example.org", "lead@example.org"]
    assert message["Subject"].startswith("Weekly CX report 2026-W46")
    assert [(part.get_filename(), part.get_content_type())
            for part in message.iter_attachments()] == [("cxdash-report-2026-W46.html",
                                                         "text/html")]


def test_email_without_settings_says_what_is_missing(demo_url, capsys, monkeypatch):
    monkeypatch.delenv("CXDASH_SMTP_HOST", raising=False)
    assert cli.main(["--database-url", demo_url, "report", "--email"]) == 2
    assert "CXDASH_SMTP_HOST" in capsys.readouterr().err


def test_exports_need_a_signed_in_user(demo_url):
    app = create_app(Config.from_env({}, database_url=demo_url, cache_url="none"))
    anonymous = app.server.test_client()
    for path in ("/export/data.csv?view=/", "/export/report.html", "/export/poster.pdf"):
        assert anonymous.get(path).status_code == 302


def test_report_names_its_week_and_how_old_the_data_is(demo_url):
    import datetime as dt

    store = Store(demo_url)
    week = report.parse_week("last", store)
    fresh = report.render_html(report.build(store, week, "en", today=dt.date(2026, 11, 17)),
                               store, "en")
    assert "Weekly CX report 2026-W46" in fresh and "9 Nov 2026 – 15 Nov 2026" in fresh
    assert "Data as of 15 Nov 2026 (2 days before today)" in fresh
    assert "class='stale'" not in fresh
    stale = report.render_html(report.build(store, week, "de", today=dt.date(2026, 12, 1)),
                               store, "de")
    assert "class='stale'" in stale and "Datenstand 15.11.2026 (16 Tage vor heute)" in stale
    store.dispose()
