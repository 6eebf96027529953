"""HTML to PDF with headless Chromium (Debian's `chromium` package; the same browser the
browser tests use). Where it is missing, :class:`PdfUnavailable` says how to install it.

The page may carry text from the catalog and the URL, so the browser that prints it must
fetch nothing: the page gets a Content-Security-Policy that allows no fetch at all (its
styles and SVG are inline), and every network request goes to a proxy that does not
exist. Chromium runs in its sandbox unless the server runs as root, where Chromium
refuses to start without ``--no-sandbox``. At most MAX_RENDERS PDFs print at once per
process; another request is told to retry (:class:`PdfBusy`).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

log = logging.getLogger(__name__)

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
MAX_RENDERS = 2
RETRY_AFTER_S = 10
# Nothing but what the page holds inline: no script, no image, font, style or frame
# from anywhere (data: images and fonts are part of the page).
PAGE_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
            "base-uri 'none'; form-action 'none'")
_renders = threading.BoundedSemaphore(MAX_RENDERS)


class PdfUnavailable(RuntimeError):
    """No browser to render PDFs on this machine."""


class PdfBusy(RuntimeError):
    """MAX_RENDERS PDFs are printing already; retry in RETRY_AFTER_S seconds."""


def browser() -> str | None:
    """The Chromium binary: CXDASH_CHROMIUM, else the first of CANDIDATES on the PATH."""
    configured = os.environ.get("CXDASH_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else shutil.which(configured)
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


def available() -> bool:
    return browser() is not None


def needs_no_sandbox() -> bool:
    """Chromium's sandbox refuses to start as root; only then is it turned off."""
    return hasattr(os, "geteuid") and os.geteuid() == 0


def with_csp(html: str) -> str:
    """The page with PAGE_CSP as the first thing in its head (before anything can fetch)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{PAGE_CSP}">'
    match = re.search(r"<head(\s[^>]*)?>", html, flags=re.IGNORECASE)
    if match:
        return html[:match.end()] + meta + html[match.end():]
    return f"<!DOCTYPE html><html><head>{meta}</head><body>{html}</body></html>"


def command(binary: str, folder: str, page: Path, out: Path) -> list[str]:
    """The Chromium command line that prints page to out without touching the network."""
    flags = [binary, "--headless", "--disable-gpu", "--disable-dev-shm-usage",
             "--no-pdf-header-footer", "--no-first-run", "--disable-extensions",
             "--disable-background-networking", "--disable-sync",
             "--disable-component-update", "--disable-default-apps",
             # Every request, loopback included, to a proxy where nothing listens.
             "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
             "--host-resolver-rules=MAP * ~NOTFOUND",
             f"--user-data-dir={folder}/profile", f"--print-to-pdf={out}"]
    if needs_no_sandbox():
        flags.append("--no-sandbox")
    return [*flags, page.as_uri()]


def html_to_pdf(html: str, timeout_s: float = 90) -> bytes:
    """Print an HTML page (its CSS @page rule sets the paper size) to PDF bytes."""
    binary = browser()
    if binary is None:
        raise PdfUnavailable("PDF export needs Chromium on the server: install it with "
                             "`apt-get install chromium` (or set CXDASH_CHROMIUM to a "
                             "Chrome/Chromium binary).")
    if not _renders.acquire(blocking=False):
        raise PdfBusy(f"{MAX_RENDERS} PDFs are being printed right now; try again in "
                      f"{RETRY_AFTER_S} seconds.")
    try:
        return _print(binary, with_csp(html), timeout_s)
    finally:
        _renders.release()


def _print(binary: str, html: str, timeout_s: float) -> bytes:
    with tempfile.TemporaryDirectory(prefix="cxdash-pdf-") as folder:
        page = Path(folder) / "page.html"
        out = Path(folder) / "page.pdf"
        page.write_text(html, encoding="utf-8")
        try:
            subprocess.run(command(binary, folder, page, out), check=True,
                           capture_output=True, timeout=timeout_s)
        except subprocess.CalledProcessError as exc:
            log.error("Chromium failed (%s): %s", exc.returncode,
                      exc.stderr.decode("utf-8", "replace")[-2000:])
            raise PdfUnavailable("Chromium could not print the PDF; the server log has "
                                 "details.") from exc
        except (subprocess.TimeoutExpired, OSError) as exc:
            raise PdfUnavailable(f"Chromium could not print the PDF ({exc.__class__.__name__}); "
                                 "the server log has details.") from exc
        if not out.is_file() or out.stat().st_size == 0:
            raise PdfUnavailable("Chromium printed no PDF.")
        return out.read_bytes()
