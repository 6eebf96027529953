"""Every CXDASH_ setting of the config is in the README's settings table."""

from dataclasses import fields
from pathlib import Path

from dashboard.config import Config

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()


def _documented(name: str) -> bool:
    rows = [line for line in README.splitlines() if line.startswith("| `CXDASH_")]
    if any(f"`{name}`" in row for row in rows):
        return True
    # A row may name a family once: `CXDASH_SMTP_HOST`, `_PORT`, `_USER`.
    prefix, _, rest = name.rpartition("_")
    return any(f"`_{rest}`" in row and f"`{prefix}_" in row for row in rows)


def test_every_setting_is_in_the_readme_table():
    names = [f"CXDASH_{f.name.upper()}" for f in fields(Config)]
    assert "CXDASH_PUBLIC_URL" in names
    assert [n for n in names if not _documented(n)] == []
