"""The PDF renderer fetches nothing (server-side request forgery through a colour, an
image or a link in the page), runs Chromium in its sandbox unless the server is root,
prints at most MAX_RENDERS at once and says when it is busy; a stored hostile channel
colour never reaches the poster's CSS."""

from __future__ import annotations

import http.server
import os
import threading
from pathlib import Path

import pytest

from dashboard import pdf, poster
from dashboard.app import create_app
from dashboard.config import Config
from data import demo, schema
from data.store import Store
from tests.conftest import add_role_users, sign_in

needs_chromium = pytest.mark.skipif(not pdf.available(), reason="PDF export needs chromium")
HOSTILE_COLOR = "red;background-image:url(http://127.0.0.1:{port}/colour)"


@pytest.fixture
def listener():
    """A local HTTP server that records every path asked of it."""
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the stdlib's name
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], asked
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    url = f"duckdb:///{tmp_path_factory.mktemp('pdf') / 'demo.duckdb'}"
    store = Store(url)
    store.upgrade()
    demo.load(store, responses=2_000)
    add_role_users(store)
    store.dispose()
    return url


@needs_chromium
def test_the_printed_page_fetches_nothing_from_the_network(listener):
    port, asked = listener
    base = f"http://127.0.0.1:{port}"
    html = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="{base}/link.css"><style>@import url({base}/import.css);
.x {{ background-image: url({base}/css); }}</style></head>
<body><div class="x" style="border-left-color:{HOSTILE_COLOR.format(port=port)}">a</div>
<img src="{base}/img.png"><img src="http://localhost:{port}/named.png">
<iframe src="{base}/frame"></iframe><script src="{base}/script.js"></script>
<object data="{base}/object"></object></body></html>"""
    assert pdf.html_to_pdf(html).startswith(b"%PDF")
    assert asked == []


@needs_chromium
def test_a_stored_hostile_colour_never_reaches_the_poster(demo_url, listener):
    port, asked = listener
    store = Store(demo_url)
    try:
        c = schema.channels
        with store.begin() as conn:  # as stored before import checked colours
            conn.execute(c.update().values(color=HOSTILE_COLOR.format(port=port)))
        html = poster.poster_html(store, "?period=all", "A3", "en")
        assert "url(" not in html and "background-image" not in html
        assert pdf.html_to_pdf(html).startswith(b"%PDF")
        assert asked == []
    finally:
        with store.begin() as conn:
            conn.execute(schema.channels.update().values(color="#1f77b4"))
        store.dispose()


def test_the_page_gets_a_policy_that_allows_no_fetch_before_anything_else():
    page = pdf.with_csp('<html><head lang="x"><link href="http://a/b"></head></html>')
    assert page.index("Content-Security-Policy") < page.index("<link")
    assert "default-src 'none'" in page and "connect-src" not in pdf.PAGE_CSP
    assert "Content-Security-Policy" in pdf.with_csp("<p>no head</p>")


@pytest.mark.parametrize("uid, sandboxed", [(1000, True), (0, False)])
def test_chromium_keeps_its_sandbox_unless_the_server_runs_as_root(monkeypatch, uid,
                                                                   sandboxed):
    monkeypatch.setattr(os, "geteuid", lambda: uid)
    command = pdf.command("chromium", "/tmp/x", Path("/tmp/x/page.html"), Path("/tmp/x/o.pdf"))
    assert ("--no-sandbox" not in command) == sandboxed
    assert "--proxy-server=http://127.0.0.1:9" in command


@needs_chromium
def test_a_pdf_beyond_the_limit_gets_a_clear_503_with_retry_after(demo_url):
    app = create_app(Config.from_env({}, database_url=demo_url, cache_url="none",
                                     language="en"))
    client = sign_in(app.server.test_client(), "viewer")
    held = [pdf._renders.acquire(blocking=False) for _ in range(pdf.MAX_RENDERS)]
    try:
        assert all(held)
        response = client.get("/export/poster.pdf?period=all")
        assert response.status_code == 503
        assert response.headers["Retry-After"] == str(pdf.RETRY_AFTER_S)
        assert "try again" in response.get_data(as_text=True)
    finally:
        for _ in held:
            pdf._renders.release()
    assert client.get("/export/poster.pdf?period=all").status_code == 200
