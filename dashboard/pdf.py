"""HTML to PDF with headless Chromium (Debian's `chromium` package; the same browser the
browser tests use). Where it is missing, :class:`PdfUnavailable` says how to install it."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class PdfUnavailable(RuntimeError):
    """No browser to render PDFs on this machine."""


def browser() -> str | None:
    """The Chromium binary: CXDASH_CHROMIUM, else the first of CANDIDATES on the PATH."""
    configured = os.environ.get("CXDASH_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else shutil.which(configured)
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


def available() -> bool:
    return browser() is not None


def html_to_pdf(html: str, timeout_s: float = 90) -> bytes:
    """Print an HTML page (its CSS @page rule sets the paper size) to PDF bytes."""
    binary = browser()
    if binary is None:
        raise PdfUnavailable("PDF export needs Chromium on the server: install it with "
                             "`apt-get install chromium` (or set CXDASH_CHROMIUM to a "
                             "Chrome/Chromium binary).")
    with tempfile.TemporaryDirectory(prefix="cxdash-pdf-") as folder:
        page = Path(folder) / "page.html"
        out = Path(folder) / "page.pdf"
        page.write_text(html, encoding="utf-8")
        command = [binary, "--headless", "--no-sandbox", "--disable-gpu",
                   "--disable-dev-shm-usage", "--no-pdf-header-footer",
                   f"--user-data-dir={folder}/profile", f"--print-to-pdf={out}",
                   page.as_uri()]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=timeout_s)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
            raise PdfUnavailable(f"Chromium could not print the PDF ({exc.__class__.__name__}); "
                                 "the server log has details.") from exc
        if not out.is_file() or out.stat().st_size == 0:
            raise PdfUnavailable("Chromium printed no PDF.")
        return out.read_bytes()
